"""Foreign keys of a batch: source keys -> row ids, one query per field and batch.

Also the officer's assignment on the date of an incident, which gives the command (and rank,
where the source has it) at the time.
"""

from collections import defaultdict

from portal.model_fields import concrete_field

from ..models import Assignment, Officer, OfficerIdentifier
from ..vocabulary import OfficerMatch
from .mapping import FieldSpec, Step
from .rows import Prepared
from .targets import TARGETS


class Resolver:
    def __init__(self, *, source_id: int, agency_id: int | None, counts):
        self.source_id = source_id
        self.agency_id = agency_id
        self.counts = counts  # engine's counter: counts(label)[what] += n
        self.history: dict[int, list[tuple]] | None = None

    def ids(self, target_name: str, keys: set[str], *, create: bool) -> dict[str, int]:
        target = TARGETS[target_name]
        key_field = target.key[0]
        scope = target.scope(source_id=self.source_id, agency_id=self.agency_id)
        found = dict(target.model._default_manager.filter(**scope, **{f"{key_field}__in": keys})
                      .values_list(key_field, "pk"))
        missing = keys - found.keys()
        if missing and create and target.stub:
            stubs = [target.model(**scope, **{target.stub: key}) for key in sorted(missing)]
            target.model._default_manager.bulk_create(stubs)
            found.update({getattr(s, target.stub): s.pk for s in stubs})
            self.counts(target.label)["created"] += len(stubs)
        return found

    def refs(self, step: Step, batch: list[Prepared], reject) -> list[Prepared]:
        """Fill foreign keys; rows whose key matches nothing are rejected."""
        for f in (f for f in step.fields if f.ref):
            keys = {k for p in batch for k in (p.many.get(f.name, []) if f.many else [p.refs.get(f.name)]) if k}
            found = self.ids(f.ref, keys, create=f.ref_create) if keys else {}
            kept = []
            for p in batch:
                missing = self._apply(f, p, found)
                if missing:
                    reject(p.line, f"no {f.ref} with key {missing!r}")
                else:
                    kept.append(p)
            batch = kept
        return batch

    @staticmethod
    def _apply(f: FieldSpec, p: Prepared, found: dict[str, int]) -> str:
        if f.many:
            keys = p.many.get(f.name, [])
            absent = [k for k in keys if k not in found]
            p.many[f.name] = sorted({found[k] for k in keys if k in found})
            return absent[0] if absent else ""
        key = p.refs.get(f.name)
        if key is None:
            return ""
        if key not in found:
            return key
        p.values[f.attname] = found[key]
        return ""

    def at_dates(self, step: Step, batch: list[Prepared]) -> None:
        """Fields such as command_at_incident: the assignment that covers the row's date."""
        for f in (f for f in step.fields if f.at):
            officer_attname = concrete_field(step.target.model, f.at_officer).attname
            history = self._history()
            take = _SPELL_FIELDS.index(concrete_field(Assignment, f.at_take).attname)
            for p in batch:
                officer_id = p.values.get(officer_attname)
                spells = history.get(officer_id, ()) if officer_id is not None else ()
                p.values[f.attname] = _on_date(spells, p.dates.get(f.name), take)

    def match_officers(self, step: Step, batch: list[Prepared]) -> None:
        """Fields such as a settlement's officer: the agency's one officer whose badge (current
        or former) and surname are those the source gives, and how the match was made."""
        for f in (f for f in step.fields if f.match):
            wanted = {badge_normal(b) for p in batch for b, _ in [p.match.get(f.name, ("", ""))] if b}
            by_badge = self._officers_by_badge(wanted)
            for p in batch:
                badge, surname = p.match.get(f.name, ("", ""))
                officer_id, how = _match(by_badge.get(badge_normal(badge), set()), surname, bool(badge))
                p.values[f.attname] = officer_id
                if f.match_note:
                    p.values[f.match_note] = how

    def _officers_by_badge(self, badges: set[str]) -> dict[str, set[tuple[int, str]]]:
        found: dict[str, set[tuple[int, str]]] = defaultdict(set)
        if not badges or self.agency_id is None:  # officers always belong to an agency
            return found
        officers = Officer.objects.filter(agency_id=self.agency_id)
        rows = [*officers.filter(badge_number__in=badges).values_list("badge_number", "pk", "last_name"),
                *OfficerIdentifier.objects.filter(kind=OfficerIdentifier.Kind.BADGE, value__in=badges,
                                                  officer__in=officers)
                .values_list("value", "officer_id", "officer__last_name")]
        for badge, pk, last_name in rows:
            found[badge].add((pk, surname_normal(last_name)))
        return found

    def _history(self) -> dict[int, list[tuple]]:
        """The source's assignments by officer, read once (a few bytes per assignment)."""
        if self.history is None:
            self.history = defaultdict(list)
            rows = Assignment.objects.filter(source_id=self.source_id).values_list("officer_id", *_SPELL_FIELDS)
            for officer_id, *spell in rows:
                self.history[officer_id].append(tuple(spell))
        return self.history


_SPELL_FIELDS = ("started_on", "ended_on", "command_id", "district_id", "rank")


def _on_date(spells, date, take: int):
    empty = "" if _SPELL_FIELDS[take] == "rank" else None
    if date is None:
        return empty
    best = None
    for spell in spells:
        started, ended = spell[0], spell[1]
        if started and started <= date and (ended is None or date <= ended) and (best is None or started > best[0]):
            best = spell
    return (best[take] or empty) if best else empty


_SUFFIXES = {"JR", "SR", "II", "III", "IV"}


def badge_normal(text: str) -> str:
    return text.strip().lstrip("0")


def surname_normal(text: str) -> str:
    """'Gade, Jr.' -> 'GADE', "O'Brien" -> 'OBRIEN': spelling that varies between sources."""
    words = ["".join(c for c in word if c.isalpha()) for word in text.upper().replace(",", " ").split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else ""


def _match(candidates: set[tuple[int, str]], surname: str, has_badge: bool) -> tuple[int | None, str]:
    if not has_badge:
        return None, OfficerMatch.NO_BADGE
    wanted = surname_normal(surname)
    officers = {pk for pk, last_name in candidates if wanted and last_name == wanted}
    if len(officers) == 1:
        return officers.pop(), OfficerMatch.BADGE_AND_SURNAME
    return None, OfficerMatch.SEVERAL_OFFICERS if officers else OfficerMatch.NO_OFFICER
