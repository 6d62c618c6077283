"""The mapping format, described once: every entry a mapping may hold, its type and meaning.

The loader refuses any entry not listed here (a misspelt option is an error, not a silent
default), and the reference (``import_dataset --describe``) and the JSON Schema for editors are
generated from these tables together with the engine's own targets, filters and vocabularies.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    kind: str  # string | integer | boolean | list | object | map | any
    help: str
    required: bool = False


TOP_LEVEL = {
    "data_dir": Option("string", "sub-folder of the data directory that holds the files"),
    "source": Option("object", "provenance of the data set (see SOURCE)", required=True),
    "agency": Option("object", "the one agency the rows belong to (see AGENCY)"),
    "agencies": Option("map", "several agencies, by a name of your choice; a table picks one with "
                              "`agency: <name>` (see AGENCY)"),
    "vocabulary_version": Option("string", "stored on every row that keeps raw source values"),
    "date_formats": Option("list", "default formats of every date field (strptime codes); a format "
                                   "without a day (%Y-%m) or month (%Y) stores that precision"),
    "files": Option("map", "the data files, by a name of your choice: a path, or FILE", required=True),
    "lookups": Option("map", "small CSV files kept beside the mapping, by name: {path, key, value}; "
                             "the filter `lookup:<name>` replaces a code by its label"),
    "vocabularies": Option("map", "source values onto canonical values, by name (see VOCABULARY)"),
    "tables": Option("list", "the tables to fill, in order (see TABLE)", required=True),
}

SOURCE = {name: Option("string", help) for name, help in (
    ("slug", "identifies the source; rows are recognised by their key within it"),
    ("name", "the data set's name"), ("publisher", "who published it"), ("url", "where"),
    ("files", "the published files imported"), ("licence", "licence as stated"),
    ("licence_url", "link to the licence"), ("citation", "the credit line shown with the data"),
    ("retrieved_on", "YYYY-MM-DD"), ("data_current_through", "YYYY-MM-DD"),
    ("coverage", "what the data covers"), ("exclusions", "known gaps, and what is not imported"),
    ("caution", "the publisher's words of caution, shown wherever the figures are shown"),
)}
SOURCE_REQUIRED = ("slug", "name")

AGENCY = {name: Option("string", help) for name, help in (
    ("slug", "identifies the agency in URLs"), ("name", "its name"), ("city", "city"),
    ("state", "two-letter state"), ("kind", "e.g. local_police, sheriff"),
    ("ori_codes", "FBI/DOJ ORI codes separated by ';' (7 or 9 characters: ILCPD00 and ILCPD0000 "
                  "are the same agency); an agency found by one of them is reused"),
)}
AGENCY_REQUIRED = ("slug", "name")

FILE = {
    "path": Option("string", "file name in the data folder (.csv or .csv.gz)", required=True),
    "delimiter": Option("string", "cell separator (default ',')"),
    "encoding": Option("string", "text encoding (default utf-8)"),
    "join": Option("list", "columns of other files added to each row, matched by key (see JOIN)"),
}

JOIN = {
    "file": Option("string", "the other file's name", required=True),
    "key": Option("string", "a column with the same name in both files"),
    "on": Option("string", "same as key"),
    "left": Option("string", "template of the key in this file"),
    "right": Option("string", "template of the key in the other file"),
    "columns": Option("list", "the other file's columns, available as '<file>.<column>'", required=True),
    "required": Option("boolean", "a row without a match is rejected (default true)"),
}

LOOKUP = {
    "path": Option("string", "CSV file beside the mapping", required=True),
    "key": Option("string", "column holding the code", required=True),
    "value": Option("string", "column holding the label", required=True),
}

VOCABULARY = {
    "normalise": Option("list", "filters applied to the raw value and to the keys below"),
    "values": Option("map", "exact raw value -> canonical value (or {value, <extra>: ...})"),
    "prefixes": Option("map", "raw prefix -> canonical value; the longest prefix wins"),
    "patterns": Option("list", "{match: regex, value: canonical, <extra>: '\\1'}"),
    "blank": Option("any", "canonical value for an empty cell"),
    "default": Option("any", "canonical value for anything unmatched (else the row is rejected)"),
}

TABLE = {
    "label": Option("string", "name of the table in the report"),
    "target": Option("string", "what the rows become (see the targets below)", required=True),
    "file": Option("string", "the file name (a key of `files`)", required=True),
    "key": Option("string", "template identifying a row within the source; `{@n}` numbers identical "
                            "rows (the n-th row with the same key so far), so no row is lost"),
    "fields": Option("map", "model field -> column name, or FIELD", required=True),
    "skip_blank": Option("list", "fields that, when blank, mean 'no row here' (counted as skipped)"),
    "adopt": Option("object", "{by: ori_codes}: meet a row another mapping declared"),
    "create_only": Option("list", "fields set when a row is created and never changed after"),
    "agency": Option("string", "the name of one of the mapping's `agencies` the rows belong to"),
    "repeated_keys": Option("string", "'error' (default): rows repeating a key stop the import, as the "
                                      "key does not identify rows; 'same_row': rows repeating a key "
                                      "describe one row (e.g. officers of a one-row-per-allegation file) "
                                      "and must agree, else they are rejected"),
    "explode": Option("object", "one row per match of a regular expression in a column (see EXPLODE)"),
}

EXPLODE = {
    "column": Option("string", "the column searched", required=True),
    "filters": Option("list", "filters applied to the column first (e.g. the part after ' v ')"),
    "pattern": Option("string", "regular expression; its named groups become columns, and `@match` "
                                "numbers the matches of one row", required=True),
}

FIELD = {
    "column": Option("string", "the column read (filters apply)"),
    "template": Option("string", "text built from columns: '{a}/{b|int}'"),
    "value": Option("any", "a constant"),
    "type": Option("string", "text (default), int, money (amount in cents), date, bool, band"),
    "filters": Option("list", "applied to the column's text, in order (default [strip])"),
    "unknown": Option("list", "values meaning 'not known' (e.g. '0' for a badge): stored blank"),
    "format": Option("string", "one date format (strptime codes)"),
    "formats": Option("list", "date formats tried in order"),
    "precision": Option("string", "the model field that stores the date's precision (day, month, year)"),
    "true": Option("list", "values read as true"),
    "false": Option("list", "values read as false"),
    "bands": Option("list", "[low, high or null, label] ranges for type band"),
    "vocabulary": Option("string", "name of a vocabulary mapping the raw value onto canonical ones"),
    "raw": Option("any", "model field keeping the raw value, or {field, template}"),
    "extras": Option("map", "vocabulary extra -> model field (e.g. days: suspension_days)"),
    "ref": Option("string", "target of the row referenced by key (officer, case, settlement...)"),
    "key": Option("string", "template of the referenced row's key"),
    "create": Option("boolean", "create a missing command or district from its code"),
    "many": Option("boolean", "several references (many-to-many)"),
    "split": Option("string", "separator of several keys"),
    "at": Option("string", "'assignment': take the officer's assignment on a date"),
    "officer": Option("string", "with at: the field holding the officer"),
    "take": Option("string", "with at: command, district or rank"),
    "date": Option("any", "with at: the date (a FIELD)"),
    "match": Option("string", "'officer': find the agency's officer by badge and surname"),
    "badge": Option("string", "with match: template of the badge or star number"),
    "surname": Option("string", "with match: template of the surname"),
    "note": Option("string", "with match: the model field recording how the row was matched"),
    "required": Option("boolean", "a blank value rejects the row"),
}

SECTIONS = {"mapping": TOP_LEVEL, "source": SOURCE, "agency": AGENCY, "file": FILE, "join": JOIN,
            "lookup": LOOKUP, "vocabulary": VOCABULARY, "table": TABLE, "explode": EXPLODE,
            "field": FIELD}

FIELD_TYPES = ("text", "int", "money", "date", "bool", "band")


def check_entries(where: str, spec, section: str) -> None:
    """Unknown and missing entries of one block; raises ValueError naming them and the block."""
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: expected a mapping of entries, found {type(spec).__name__}")
    options = SECTIONS[section]
    unknown = sorted(set(spec) - set(options), key=str)
    if unknown:
        raise ValueError(f"{where}: unknown entr{'y' if len(unknown) == 1 else 'ies'} "
                         f"{', '.join(repr(str(u)) for u in unknown)} "
                         f"(known: {', '.join(options)})")
    required = {"source": SOURCE_REQUIRED, "agency": AGENCY_REQUIRED}.get(
        section, [name for name, option in options.items() if option.required])
    missing = [name for name in required if name not in spec]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
