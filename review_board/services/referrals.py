"""Referrals to the state's certification body: made by rule when a case is decided, then sent,
tracked (acknowledged, decided) and published by staff. Publishing goes through the public
record's own service with public fields only."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from misconduct_records.models import DecertificationReferral
from misconduct_records.services import decertification_referral_publish
from portal.lifecycle import Lifecycle, Transition, TransitionError
from portal.roles import Role
from portal.services.audit import audit_record

from ..models import Allegation, Case, CaseState, CertificationReferral, ReferralStatus
from .common import require_role

REFERRAL_ROLES = (Role.SUPERVISOR, Role.RECORDS_EDITOR, Role.BOARD_CHAIR)
R = ReferralStatus
# What each step records (a date field), the state it leads to and the states it may follow.
STEPS = {
    "sent": ("sent_on", R.SENT, (R.TO_SEND,)),
    "acknowledged": ("acknowledged_on", R.ACKNOWLEDGED, (R.SENT,)),
    "decided": ("decided_on", R.DECIDED, (R.SENT, R.ACKNOWLEDGED)),
}
_ROLES = frozenset(REFERRAL_ROLES)
REFERRAL_LIFECYCLE = Lifecycle(
    model=CertificationReferral, states=ReferralStatus, audit_action="referral.update",
    state_field="status", changed_at_field=None,
    refused=gettext_lazy("A referral that is “%(state)s” cannot be marked “%(to)s”."),
    transitions={(frm, to): Transition(_ROLES, str(R(to).label))
                 for _field, to, sources in STEPS.values() for frm in sources},
)


def certification_body() -> str:
    return settings.CERTIFICATION["BODY_NAME"]


def referral_rule_for(allegation: Allegation) -> dict | None:
    """The first of the body's rules the allegation's finding meets, or None."""
    for rule in settings.CERTIFICATION["RULES"]:
        if allegation.finding != rule["finding"] or allegation.officer_id is None:
            continue
        if "min_force_level" in rule and (allegation.force_level or 0) < rule["min_force_level"]:
            continue
        if "categories" in rule and allegation.category.code not in rule["categories"]:
            continue
        if "family" in rule and allegation.category.family != rule["family"]:
            continue
        return rule
    return None


def referrals_make_for_case(case: Case) -> list[CertificationReferral]:
    """On a decision: refer each officer whose finding meets a rule; drop unsent referrals whose
    finding no longer does (after reconsideration). Called by the workflow inside its transaction."""
    made = []
    for allegation in case.allegations.select_related("category"):
        rule = referral_rule_for(allegation)
        existing = CertificationReferral.objects.filter(allegation=allegation).first()
        if rule and existing is None:
            referral = CertificationReferral.objects.create(
                case=case, allegation=allegation, officer_id=allegation.officer_id,
                rule=rule["code"], reason=rule["reason"][:300],
                certifying_body=certification_body(), created_at=timezone.now())
            audit_record(actor=None, action="referral.create", target=referral, data={
                "case": case.number, "allegation": allegation.pk, "rule": rule["code"],
                "status": referral.status})
            made.append(referral)
        elif rule is None and existing is not None and existing.status == R.TO_SEND:
            audit_record(actor=None, action="referral.withdrawn", target=case,
                         data={"allegation": allegation.pk, "rule": existing.rule})
            existing.delete()
    return made


@transaction.atomic
def referral_record(*, referral: CertificationReferral, actor, step: str, on: datetime.date,
                    decision: str = "", body_reference: str = "") -> CertificationReferral:
    """Record that the referral was sent, acknowledged or decided (with the decision); a
    published referral's public row follows. Raises ValidationError when the step is refused."""
    require_role(actor, *REFERRAL_ROLES)
    field, status, _sources = STEPS[step]
    if on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    if step == "decided" and decision not in DecertificationReferral.Status.values[1:]:
        raise ValidationError(_("Choose the certification body's decision."))
    try:
        referral = REFERRAL_LIFECYCLE.move(obj=referral, to=status, actor=actor, data={
            "step": step, "on": on, "decision": decision, "status": status})
    except TransitionError as error:
        raise ValidationError(str(error)) from error
    setattr(referral, field, on)
    referral.updated_by = actor
    referral.decision = decision or referral.decision
    referral.body_reference = body_reference or referral.body_reference
    referral.save(update_fields=[field, "updated_by", "decision", "body_reference"])
    if referral.published_at:
        _publish(referral)
    return referral


def _publish(referral: CertificationReferral) -> None:
    assert referral.sent_on is not None, "a referral is published only once sent"
    public = decertification_referral_publish(
        public_referral_id=referral.public_referral_id, officer_id=referral.officer_id,
        public_case_id=referral.case.public_case_id, referred_on=referral.sent_on,
        reason=referral.reason, certifying_body=referral.certifying_body,
        status=referral.decision or DecertificationReferral.Status.REFERRED,
        acknowledged_on=referral.acknowledged_on, decided_on=referral.decided_on)
    if referral.public_referral_id != public.pk:
        CertificationReferral.objects.filter(pk=referral.pk).update(public_referral_id=public.pk)
        referral.public_referral_id = public.pk


@transaction.atomic
def referral_publish(*, referral: CertificationReferral, actor) -> CertificationReferral:
    """Show the referral on the officer's public profile and in the open data; later steps follow."""
    require_role(actor, *REFERRAL_ROLES)
    referral = CertificationReferral.objects.select_for_update().select_related("case").get(
        pk=referral.pk)
    if referral.status == R.TO_SEND:
        raise ValidationError(_("Send the referral before publishing it."))
    if referral.case.state != CaseState.CLOSED:
        raise ValidationError(_("Publish the case first: a referral is published with its case."))
    if referral.published_at is None:
        referral.published_at = timezone.now()
        referral.save(update_fields=["published_at"])
    _publish(referral)
    audit_record(actor=actor, action="referral.publish", target=referral,
                 data={"status": referral.status, "public_referral": referral.public_referral_id})
    return referral
