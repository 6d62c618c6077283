"""The walking skeleton's journey, as steps shared by the client and browser tests."""

import re

RITA = {
    "filer_role": "affected",
    "narrative": "Officer 10442 pushed me against the car on Warren Street and laughed "
                 "when I asked for his name. Zanzibar-marmalade.",
    "occurred_on": "2026-10-02",
    "location": "Warren Street at Moreland Street",
    "officer_details": "Badge 10442, tall, moustache",
    "contact_name": "Rita Quintanilla-Ostrowski",
    "contact_email": "rita.q.ostrowski@example.net",
    "contact_phone": "617-555-0199",
}

# Strings that identify Rita or her account; none may ever appear on a public surface.
PRIVATE_VALUES = [
    RITA["contact_name"], "Quintanilla", RITA["contact_email"], RITA["contact_phone"],
    "Zanzibar-marmalade", RITA["location"], "tall, moustache",
]

TRACKING_RE = re.compile(r"CR-\d{4}-\d{6}")


def assert_no_private_values(text: str) -> None:
    leaked = [value for value in PRIVATE_VALUES if value in text]
    assert not leaked, f"private values leaked: {leaked}"
