"""Naming an officer from the public roster: from a profile's "File a complaint" link or from the
search on the officers step. What the resident sees and can still change is a plain row of the
officers step, plus the officer's public id."""

from misconduct_records.selectors import officer_get_public, officer_search

from .forms import MAX_OFFICERS

RESULTS_SHOWN = 10


def roster_row(officer) -> dict:
    return {"name": officer.full_name, "badge_number": officer.badge_number, "rank": officer.rank,
            "vehicle": "", "description": "", "roster_id": officer.public_id}


def roster_find(query: str) -> list:
    """Up to ten officers of the public roster matching a name or badge number."""
    query = query.strip()[:100]
    return list(officer_search(query=query)[:RESULTS_SHOWN]) if query else []


def roster_pick(values: dict, public_id: str) -> tuple[dict, int] | None:
    """Put the officer in the first empty row (or a new one); None if unknown or no room."""
    officer = officer_get_public(public_id=public_id)
    if officer is None:
        return None
    rows = [r for r in values.get("officers", []) if isinstance(r, dict)]
    empty = [i for i, r in enumerate(rows) if not any(str(v).strip() for v in r.values() if v)]
    if empty:
        index = empty[0]
        rows[index] = roster_row(officer)
    elif len(rows) < MAX_OFFICERS:
        rows.append(roster_row(officer))
        index = len(rows) - 1
    else:
        return None
    return {**values, "officers": rows}, index


def roster_handoff(public_id: str):
    """The officer a profile's "File a complaint about this officer" link names, or None."""
    return officer_get_public(public_id=public_id[:12]) if public_id else None
