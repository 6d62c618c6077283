"""Public pages, the JSON API and the open-data downloads of the record."""
