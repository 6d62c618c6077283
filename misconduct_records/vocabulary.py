"""The public vocabulary of the record: findings, force levels, discipline, case status.

These are the canonical values every source is mapped onto; labels are translatable.
"""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Family(models.TextChoices):
    FORCE = "force", _("Force")
    ABUSE_OF_AUTHORITY = "abuse_of_authority", _("Abuse of authority")
    DISCOURTESY = "discourtesy", _("Discourtesy")
    OFFENSIVE_LANGUAGE = "offensive_language", _("Offensive language")
    BIAS = "bias", _("Bias or profiling")
    UNTRUTHFULNESS = "untruthfulness", _("Untruthfulness")
    FAILURE_TO_INTERVENE = "failure_to_intervene", _("Failure to intervene")
    FAILURE_TO_REPORT = "failure_to_report", _("Failure to report")
    BODY_CAMERA = "body_camera", _("Body-worn camera non-compliance")
    # Imported data sets record misconduct outside the FADO families (neglect of duty,
    # off-duty conduct, crimes, civil suits); they keep their own categories here.
    OTHER = "other", _("Other departmental violations")


class EightCantWait(models.TextChoices):
    CHOKEHOLDS = "chokeholds", _("Ban chokeholds and strangleholds")
    DE_ESCALATION = "de_escalation", _("Require de-escalation")
    WARNING_BEFORE_SHOOTING = "warning_before_shooting", _("Require warning before shooting")
    EXHAUST_ALTERNATIVES = "exhaust_alternatives", _("Exhaust all alternatives before shooting")
    DUTY_TO_INTERVENE = "duty_to_intervene", _("Duty to intervene")
    MOVING_VEHICLES = "moving_vehicles", _("Ban shooting at moving vehicles")
    FORCE_CONTINUUM = "force_continuum", _("Require use-of-force continuum")
    COMPREHENSIVE_REPORTING = "comprehensive_reporting", _("Require comprehensive reporting")


class ForceLevel(models.IntegerChoices):
    PRESENCE = 1, _("Officer presence")
    VERBAL = 2, _("Verbal commands")
    SOFT_CONTROL = 3, _("Soft empty-hand control")
    HARD_CONTROL = 4, _("Hard empty-hand control or intermediate weapons")
    LESS_LETHAL = 5, _("Less-lethal impact weapons")
    DEADLY = 6, _("Deadly force")


class Finding(models.TextChoices):
    SUSTAINED = "sustained", _("Sustained")
    NOT_SUSTAINED = "not_sustained", _("Not sustained")
    EXONERATED = "exonerated", _("Exonerated")
    UNFOUNDED = "unfounded", _("Unfounded")
    POLICY_FAILURE = "policy_failure", _("Policy failure")
    OFFICER_UNIDENTIFIED = "officer_unidentified", _("Officer unidentified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


FINDING_DEFINITIONS: dict[str, "StrPromise"] = {
    Finding.SUSTAINED: _("The evidence showed the officer did what was alleged and it broke the rules."),
    Finding.NOT_SUSTAINED: _("There was not enough evidence to decide whether the conduct happened."),
    Finding.EXONERATED: _("The conduct happened but was found to be lawful and within policy."),
    Finding.UNFOUNDED: _("The evidence showed the alleged conduct did not happen."),
    Finding.POLICY_FAILURE: _("The officer followed policy, but the policy itself was found to be at fault."),
    Finding.OFFICER_UNIDENTIFIED: _("The misconduct may have happened, but the officer could not be identified."),
    Finding.WITHDRAWN: _("The complainant withdrew the allegation before a finding was reached."),
}


class Discipline(models.TextChoices):
    NONE = "none", _("No discipline")
    TRAINING = "training", _("Training")
    WRITTEN_REPRIMAND = "written_reprimand", _("Written reprimand")
    SUSPENSION = "suspension", _("Suspension")
    DEMOTION = "demotion", _("Demotion")
    TERMINATION = "termination", _("Termination")


class CaseStatus(models.TextChoices):
    """What the public (and the resident) sees of a case's progress."""

    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
    AT_BOARD = "at_board", _("At the board")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")
    MEDIATION = "mediation", _("In mediation")
    REFERRED = "referred", _("Referred to another agency")
    DISMISSED = "dismissed", _("Dismissed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DatePrecision(models.TextChoices):
    """How much of a date its source published: a month-only date is stored as the 1st."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class OfficerMatch(models.TextChoices):
    """How an officer a source names (e.g. in a lawsuit's title) was linked to an officer."""

    BADGE_AND_SURNAME = "badge_and_surname", _("Matched on star number and surname")
    NO_OFFICER = "no_officer", _("No officer of the department has this star number and surname")
    SEVERAL_OFFICERS = "several_officers", _("Several officers have this star number and surname")
    NO_BADGE = "no_badge", _("No star number given")
