"""People's names in the one form that search compares: no accents, no punctuation, lower case.

"Álvarez, Brian", "brian alvarez" and "O'Brien"/"Obrien" all meet here. The importer, the
services and the search all call `name_normalise`, so the stored search name and a typed query
always agree.
"""

import re
import unicodedata

_JOINING = re.compile(r"[’'ʼ`´.]")  # O'Brien -> obrien, St. -> st
_SEPARATING = re.compile(r"[^0-9a-z]+")


def name_normalise(text: str) -> str:
    """Lower case, accents removed, apostrophes and dots dropped, other punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_SEPARATING.sub(" ", _JOINING.sub("", plain)).split())


def officer_search_name(*, first_name: str = "", middle_name: str = "", last_name: str = "",
                        suffix: str = "") -> str:
    """The stored search name of an officer: every part of the name, normalised."""
    return name_normalise(" ".join((first_name, middle_name, last_name, suffix)))[:300]
