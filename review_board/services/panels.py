"""Panels: the chair seats members, members declare conflicts, vote per allegation; the
configured rule (majority or unanimity) turns the votes of the sitting members into a result."""

import statistics
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from misconduct_records.vocabulary import Discipline, Finding
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from ..models import Allegation, Case, CaseOrigin, CaseState, Panel, PanelKind, PanelSeat, Vote
from .common import require_role

VOTING_STATES = (CaseState.BOARD_REVIEW, CaseState.RECONSIDERATION)
FORMING_STATES = (CaseState.INVESTIGATION, CaseState.BOARD_REVIEW, CaseState.RECONSIDERATION)
DISCIPLINE_LADDER: list[str] = [Discipline.NONE, Discipline.TRAINING, Discipline.WRITTEN_REPRIMAND,
                     Discipline.SUSPENSION, Discipline.DEMOTION, Discipline.TERMINATION]
MEMBER_ROLES: dict[str, tuple[Role, ...]] = {PanelKind.BOARD: (Role.BOARD_MEMBER, Role.BOARD_CHAIR),
                PanelKind.OVERSIGHT: (Role.PANEL_MEMBER,)}
NOT_SEATED = _("You do not sit on this case's panel.")


def panel_size() -> int:
    return settings.REVIEW_BOARD["PANEL_SIZE"]


def panel_kind_for(case: Case) -> str:
    """Internal-affairs reviews go to the oversight panel; everything else to a board panel."""
    return PanelKind.OVERSIGHT if case.origin == CaseOrigin.IA_REVIEW else PanelKind.BOARD


def _check_member(case: Case, kind: str, member) -> None:
    if not user_has_role(member, *MEMBER_ROLES[kind]):
        raise ValidationError(_("%(name)s cannot sit on this kind of panel.") % {"name": member})
    if PanelSeat.objects.filter(panel__case=case, member=member, recused_at__isnull=False).exists():
        raise ValidationError(_("%(name)s has recused from this case.") % {"name": member})


def _seat(panel: Panel, member, actor) -> PanelSeat:
    _check_member(panel.case, panel.kind, member)
    if panel.seats.filter(member=member).exists():
        raise ValidationError(_("%(name)s already sits on this panel.") % {"name": member})
    seat = PanelSeat.objects.create(panel=panel, member=member, seated_at=timezone.now())
    audit_record(actor=actor, action="panel.seat", target=seat,
                 data={"case": panel.case.number, "member": member.pk})
    return seat


@transaction.atomic
def panel_form(*, case: Case, actor, members: list) -> Panel:
    """The chair forms the case's panel of at least PANEL_SIZE members."""
    require_role(actor, Role.BOARD_CHAIR)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.state not in FORMING_STATES:
        raise ValidationError(_("A panel can be formed only while the case is being investigated or reviewed."))
    if case.panels.filter(is_active=True).exists():
        raise ValidationError(_("This case already has a panel."))
    if len(set(members)) < panel_size():
        raise ValidationError(_("A panel needs at least %(n)s members.") % {"n": panel_size()})
    kind = panel_kind_for(case)
    panel = Panel.objects.create(case=case, kind=kind, formed_by=actor, formed_at=timezone.now())
    audit_record(actor=actor, action="panel.form", target=panel, data={"case": case.number})
    for member in dict.fromkeys(members):
        _seat(panel, member, actor)
    return panel


@transaction.atomic
def panel_seat_add(*, panel: Panel, actor, member) -> PanelSeat:
    """The chair seats one more member, e.g. to replace one who recused."""
    require_role(actor, Role.BOARD_CHAIR)
    return _seat(panel, member, actor)


def _seat_of(panel: Panel, actor) -> PanelSeat:
    seat = panel.seats.filter(member=actor, recused_at__isnull=True).first()
    if seat is None:
        raise PermissionDenied(NOT_SEATED)
    return seat


@transaction.atomic
def seat_declare_conflict(*, panel: Panel, actor, has_conflict: bool, note: str = "") -> PanelSeat:
    """A member declares whether they have a conflict; with one they recuse from the case."""
    seat = _seat_of(panel, actor)
    now = timezone.now()
    seat.conflict_declared_at, seat.conflict_note = now, note
    if has_conflict:
        seat.recused_at = now
    seat.save(update_fields=["conflict_declared_at", "conflict_note", "recused_at"])
    audit_record(actor=actor, action="panel.recusal" if has_conflict else "panel.no_conflict",
                 target=seat, data={"case": panel.case.number, "fields": ["conflict_note"] if note else []})
    return seat


@transaction.atomic
def vote_cast(*, panel: Panel, actor, allegation: Allegation, finding: str, discipline: str = "",
              suspension_days: int | None = None) -> Vote:
    """Record (or replace, within the round) a sitting member's vote on one allegation."""
    seat = _seat_of(panel, actor)
    if not panel.is_active or panel.case.state not in VOTING_STATES:
        raise ValidationError(_("The panel is not voting on this case now."))
    if seat.conflict_declared_at is None:
        raise ValidationError(_("Declare whether you have a conflict before voting."))
    if allegation.case_id != panel.case_id:
        raise ValidationError(_("That allegation belongs to another case."))
    if (finding == Finding.SUSTAINED) != bool(discipline):
        raise ValidationError(_("Recommend discipline for a sustained finding, and only for one."))
    if (discipline == Discipline.SUSPENSION) != bool(suspension_days):
        raise ValidationError(_("Give the number of days for a suspension, and only for a suspension."))
    vote, _created = Vote.objects.update_or_create(
        seat=seat, allegation=allegation, round=panel.round,
        defaults={"finding": finding, "discipline": discipline, "suspension_days": suspension_days,
                  "cast_at": timezone.now()})
    audit_record(actor=actor, action="panel.vote", target=vote, data={
        "case": panel.case.number, "allegation": allegation.pk, "round": panel.round,
        "finding": finding, "discipline": discipline, "days": suspension_days})
    return vote


@dataclass(frozen=True)
class AllegationResult:
    """The rule's outcome for one allegation so far."""

    allegation_id: int
    finding: str | None  # None while the rule gives no result yet
    discipline: str = ""
    suspension_days: int | None = None
    counts: tuple[tuple[str, int], ...] = ()  # (finding label, votes), for display
    votes_cast: int = 0

    @property
    def finding_label(self) -> str:
        return str(Finding(self.finding).label) if self.finding else ""

    @property
    def discipline_label(self) -> str:
        return str(Discipline(self.discipline).label) if self.discipline else ""


def _discipline_result(votes: list[Vote], unanimity: bool) -> tuple[str, int | None]:
    """The median step of the ladder among the sustaining votes (all equal under unanimity)."""
    steps = sorted(DISCIPLINE_LADDER.index(v.discipline) for v in votes)
    if unanimity and len(set(steps)) > 1:
        return "", None
    discipline = DISCIPLINE_LADDER[statistics.median_low(steps)]
    days = [v.suspension_days for v in votes if v.discipline == discipline and v.suspension_days]
    return discipline, (statistics.median_low(days) if days else None)


def panel_results(*, panel: Panel) -> dict[int, AllegationResult]:
    """Tally the current round's votes of the sitting members, allegation by allegation."""
    sitting = {s.pk for s in panel.seats.all() if s.is_sitting}
    unanimity = settings.REVIEW_BOARD["VOTING_RULE"] == "unanimity"
    votes = [v for v in Vote.objects.filter(seat__panel=panel, round=panel.round)
             if v.seat_id in sitting]
    results = {}
    for allegation in panel.case.allegations.all():
        mine = [v for v in votes if v.allegation_id == allegation.pk]
        counts = Counter(v.finding for v in mine)
        finding = None
        if len(sitting) >= panel_size() and counts:
            top, n = counts.most_common(1)[0]
            needed = len(sitting) if unanimity else len(sitting) // 2 + 1
            finding = top if n >= needed else None
        discipline, days = "", None
        if finding == Finding.SUSTAINED:
            discipline, days = _discipline_result(
                [v for v in mine if v.finding == Finding.SUSTAINED], unanimity)
            finding = finding if discipline else None
        labelled = tuple(sorted((str(Finding(f).label), n) for f, n in counts.items()))
        results[allegation.pk] = AllegationResult(
            allegation.pk, finding, discipline, days, labelled, len(mine))
    return results


def panel_active(case: Case) -> Panel | None:
    return case.panels.filter(is_active=True).prefetch_related("seats__member").first()


def panel_problem(case: Case) -> str | None:
    """Why the active panel's votes cannot decide the case yet, or None."""
    panel = panel_active(case)
    if panel is None:
        return _("Form a panel before the case can be decided.")
    if sum(s.is_sitting for s in panel.seats.all()) < panel_size():
        return _("The panel has fewer than %(n)s sitting members: seat a replacement.") % {
            "n": panel_size()}
    if not case.allegations.exists():
        return _("A case needs at least one allegation before it can be decided.")
    if any(r.finding is None for r in panel_results(panel=panel).values()):
        return _("Every allegation needs a finding by the panel's vote before the case can be decided.")
    return None


def panel_apply_results(case: Case) -> None:
    """Write the panel's results onto the allegations (called by the workflow on decision)."""
    panel = panel_active(case)
    assert panel is not None, "panel_problem refuses a decision without a panel"
    results = panel_results(panel=panel)
    for allegation in case.allegations.all():
        result = results[allegation.pk]
        assert result.finding is not None, "panel_problem refuses a decision without every finding"
        allegation.finding = result.finding
        allegation.discipline_recommended = result.discipline
        allegation.suspension_days_recommended = result.suspension_days
        allegation.save(update_fields=["finding", "discipline_recommended",
                                       "suspension_days_recommended"])


def panel_new_round(case: Case) -> None:
    """The case goes back (more investigation, reconsideration): the next votes start afresh."""
    Panel.objects.filter(case=case, is_active=True).update(round=F("round") + 1)
