"""Staff pages of policy oversight. Each view names the roles of the table (permissions.py) or
of the lifecycle it drives; the generated role × URL matrix checks them all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misconduct_records.models import Agency
from portal.access import staff_required
from portal.lifecycle import TransitionError

from .. import selectors, services
from ..forms import (
    AdoptionForm,
    ImplementationForm,
    MeetingDocumentForm,
    MeetingForm,
    MeetingVoteForm,
    ReasonForm,
    RecommendationForm,
    ResponseForm,
    StandingForm,
)
from ..lifecycles import (
    MEETING_LIFECYCLE,
    MEETING_TRANSITIONS,
    RECOMMENDATION_LIFECYCLE,
    RECOMMENDATION_TRANSITIONS,
)
from ..models import Meeting, MeetingComment, PolicyMeasure, PolicyStanding, Recommendation
from ..permissions import EDITING


def _roles_of(transitions) -> frozenset[str]:
    return frozenset().union(*(t.roles for t in transitions.values()))


def _act(request, action, *, success: str) -> bool:
    """Call one service; show its refusal as an error message. True when it succeeded."""
    try:
        action()
    except (TransitionError, PermissionDenied, ValueError) as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


def _recommendation(number: str) -> Recommendation:
    return get_object_or_404(Recommendation.objects.select_related("response"), number=number)


def _back(rec: Recommendation):
    return redirect("policy_staff:recommendation_manage", recommendation=rec.number)


@staff_required()
def index(request):
    return render(request, "policy/staff/index.html", {
        "recommendations": Recommendation.objects.select_related("response").order_by("-id")[:200],
        "meetings": Meeting.objects.all()[:50],
        "pending_comments": selectors.comments_pending()[:200],
    })


@staff_required(*EDITING["recommendation.draft"])
def recommendation_new(request):
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rec = services.recommendation_draft(actor=request.user,
                                            related_cases=data.pop("related_case_ids"), **data)
        messages.success(request, _("Draft saved."))
        return _back(rec)
    return render(request, "policy/staff/form.html", {
        "form": form, "title": _("Draft a policy recommendation")})


@staff_required()
def recommendation_manage(request, recommendation: str, **forms):
    rec = _recommendation(recommendation)
    initial = {"related_case_ids": " ".join(c.public_id for c in rec.related_cases.all())}
    return render(request, "policy/staff/recommendation.html", {
        "rec": rec, "response": getattr(rec, "response", None),
        "history": selectors.recommendation_history(rec),
        "moves": RECOMMENDATION_LIFECYCLE.available(obj=rec, actor=request.user),
        "edit_form": forms.get("edit_form") or RecommendationForm(instance=rec, initial=initial),
        "adoption_form": forms.get("adoption_form") or AdoptionForm(),
        "response_form": forms.get("response_form") or ResponseForm(),
        "implementation_form": forms.get("implementation_form") or ImplementationForm(),
        "updates": rec.implementation_updates.all(),
    })


@require_POST
@staff_required(*EDITING["recommendation.edit"])
def recommendation_edit(request, recommendation: str):
    rec = _recommendation(recommendation)
    form = RecommendationForm(request.POST, instance=Recommendation.objects.get(pk=rec.pk))
    if not form.is_valid():
        return recommendation_manage(request, recommendation, edit_form=form)
    data = dict(form.cleaned_data)
    _act(request, lambda: services.recommendation_update(
        recommendation=rec, actor=request.user, related_cases=data.pop("related_case_ids"),
        **data), success=_("Draft saved."))
    return _back(rec)


@require_POST
@staff_required(*RECOMMENDATION_TRANSITIONS[("draft", "adopted")].roles)
def recommendation_adopt(request, recommendation: str):
    rec = _recommendation(recommendation)
    form = AdoptionForm(request.POST)
    if not form.is_valid():
        return recommendation_manage(request, recommendation, adoption_form=form)
    _act(request, lambda: services.recommendation_adopt(
        recommendation=rec, actor=request.user, **form.cleaned_data),
        success=_("The board's adoption is recorded."))
    return _back(rec)


@require_POST
@staff_required(*_roles_of(RECOMMENDATION_TRANSITIONS))
def recommendation_move(request, recommendation: str):
    rec = _recommendation(recommendation)
    form = ReasonForm(request.POST)
    if form.is_valid():
        _act(request, lambda: services.recommendation_transition(
            recommendation=rec, actor=request.user, **form.cleaned_data), success=_("Done."))
    return _back(rec)


@require_POST
@staff_required(*EDITING["response.record"])
def response_record(request, recommendation: str):
    rec = _recommendation(recommendation)
    form = ResponseForm(request.POST)
    response = getattr(rec, "response", None)
    if response is None:
        messages.error(request, _("The recommendation is not published yet."))
        return _back(rec)
    if not form.is_valid():
        return recommendation_manage(request, recommendation, response_form=form)
    _act(request, lambda: services.response_record(
        response=response, actor=request.user, **form.cleaned_data),
        success=_("The department's response is recorded."))
    return _back(rec)


@require_POST
@staff_required(*EDITING["implementation.record"])
def implementation_add(request, recommendation: str):
    rec = _recommendation(recommendation)
    form = ImplementationForm(request.POST)
    if not form.is_valid():
        return recommendation_manage(request, recommendation, implementation_form=form)
    _act(request, lambda: services.implementation_record(
        recommendation=rec, actor=request.user, **form.cleaned_data),
        success=_("Implementation step recorded."))
    return _back(rec)


@staff_required(*EDITING["tracker.edit"])
def standing_edit(request, agency_slug: str, measure_code: str):
    agency = get_object_or_404(Agency, slug=agency_slug)
    measure = get_object_or_404(PolicyMeasure, code=measure_code)
    standing = PolicyStanding.objects.filter(agency=agency, measure=measure).first()
    form = StandingForm(request.POST or None, instance=standing,
                        initial={"recommendations": standing.recommendations.all() if standing else []})
    if not measure.counts_levels:
        del form.fields["continuum_levels"]
    if request.method == "POST" and form.is_valid():
        services.standing_update(agency=agency, measure=measure, actor=request.user,
                                 **form.cleaned_data)
        messages.success(request, _("The tracker is updated; the previous version is kept."))
        return redirect("policy:tracker")
    return render(request, "policy/staff/form.html", {
        "form": form, "title": f"{agency.name}: {measure.label}"})


@staff_required(*EDITING["meeting.edit"])
def meeting_new(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "minutes"}
        meeting = services.meeting_schedule(actor=request.user, **data)
        messages.success(request, _("Meeting scheduled."))
        return redirect("policy_staff:meeting_manage", meeting_id=meeting.pk)
    return render(request, "policy/staff/form.html", {"form": form, "title": _("Schedule a meeting")})


@staff_required()
def meeting_manage(request, meeting_id: int, **forms):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    return render(request, "policy/staff/meeting.html", {
        "meeting": meeting, "moves": MEETING_LIFECYCLE.available(obj=meeting, actor=request.user),
        "edit_form": forms.get("edit_form") or MeetingForm(instance=meeting),
        "vote_form": forms.get("vote_form") or MeetingVoteForm(),
        "document_form": forms.get("document_form") or MeetingDocumentForm(),
        "comments": meeting.comments.all(),
    })


def _meeting_back(meeting):
    return redirect("policy_staff:meeting_manage", meeting_id=meeting.pk)


@require_POST
@staff_required(*EDITING["meeting.edit"])
def meeting_edit(request, meeting_id: int):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    form = MeetingForm(request.POST, instance=Meeting.objects.get(pk=meeting_id))
    if not form.is_valid():
        return meeting_manage(request, meeting_id, edit_form=form)
    _act(request, lambda: services.meeting_update(meeting=meeting, actor=request.user,
                                                  **form.cleaned_data), success=_("Meeting saved."))
    return _meeting_back(meeting)


@require_POST
@staff_required(*_roles_of(MEETING_TRANSITIONS))
def meeting_move(request, meeting_id: int):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        _act(request, lambda: services.meeting_transition(
            meeting=meeting, actor=request.user, **form.cleaned_data), success=_("Done."))
    return _meeting_back(meeting)


@require_POST
@staff_required(*EDITING["meeting.edit"])
def meeting_vote_add(request, meeting_id: int):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    form = MeetingVoteForm(request.POST)
    if not form.is_valid():
        return meeting_manage(request, meeting_id, vote_form=form)
    _act(request, lambda: services.meeting_vote_record(meeting=meeting, actor=request.user,
                                                       **form.cleaned_data),
         success=_("Vote recorded."))
    return _meeting_back(meeting)


@require_POST
@staff_required(*EDITING["meeting.edit"])
def meeting_document_add(request, meeting_id: int):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    form = MeetingDocumentForm(request.POST)
    if not form.is_valid():
        return meeting_manage(request, meeting_id, document_form=form)
    _act(request, lambda: services.meeting_document_add(meeting=meeting, actor=request.user,
                                                        **form.cleaned_data),
         success=_("Document added."))
    return _meeting_back(meeting)


@require_POST
@staff_required(*EDITING["comment.moderate"])
def comment_moderate(request, comment_id: int):
    comment = get_object_or_404(MeetingComment, pk=comment_id)
    approve = request.POST.get("decision") == "approve"
    _act(request, lambda: services.comment_moderate(comment=comment, actor=request.user,
                                                    approve=approve),
         success=_("Comment published.") if approve else _("Comment held back."))
    return _meeting_back(comment.meeting)
