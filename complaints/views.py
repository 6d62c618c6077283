"""Filing a complaint, one step at a time, through a draft behind a private link."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import throttle
from .confirmation import confirmation_owns_draft, confirmation_recall, confirmation_remember
from .drafts import (
    STEP_SLUGS,
    STEPS,
    draft_cleaned,
    draft_create,
    draft_get,
    draft_save_step,
    step_forms,
    step_neighbours,
    step_values,
)
from .evidence import ERROR_TOO_MANY, evidence_delete, evidence_store
from .forms import HONEYPOT_ERROR, STEP_FORMS, STEP_FORMSETS, IncidentForm
from .models import Evidence
from .review import review_sections
from .roster import roster_find, roster_handoff, roster_pick, roster_row
from .selectors import home_agency
from .services import complaint_submit_draft


def _step_url(token: str, step: str) -> str:
    return reverse("complaints:draft_step", kwargs={"token": token, "step": step})


def _render_step(request, *, draft, token, step, form, formset, status=200, upload_errors=(),
                 **extra):
    previous, following = step_neighbours(step)
    return render(request, f"complaints/steps/{step}.html", {
        "draft": draft, "token": token, "step": step, "steps": STEPS,
        "step_number": STEP_SLUGS.index(step) + 1, "step_count": len(STEPS),
        "step_title": STEPS[STEP_SLUGS.index(step)].title,
        "previous": previous, "following": following, "form": form, "formset": formset,
        "evidence": list(draft.evidence.all()) if draft else [],
        "filer_role": ((draft.data.get("incident") or {}).get("filer_role") if draft else "") or "",
        "upload_errors": upload_errors, "limits": settings.COMPLAINT_LIMITS,
        "action_url": _step_url(token, step) if token else reverse("complaints:new"),
        **extra,
    }, status=status)


@never_cache
@sensitive_post_parameters()  # every answer is private: none goes into error reports
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    """The first step. The draft (and its private link) is made on the first save."""
    if request.method == "POST":
        refusal = None
        if request.POST.get("website"):
            refusal = HONEYPOT_ERROR  # no draft for automated senders
        elif throttle.client_limited(request, throttle.DRAFTS, count=True):
            refusal = throttle.TOO_MANY_DRAFTS
        if refusal:
            form = IncidentForm(request.POST)
            form.add_error(None, refusal)
            return _render_step(request, draft=None, token="", step="incident", form=form,  # nosec B106  # no draft yet, no draft token
                                formset=None, status=429 if refusal != HONEYPOT_ERROR else 400)
        draft, token = draft_create(language=get_language())
        handoff = roster_handoff(request.POST.get("officer", ""))
        if handoff is not None:  # from an officer's profile: the officers step starts with them
            draft = draft_save_step(draft=draft, step="officers", values={"officers": [roster_row(handoff)]})
        return _handle_step(request, draft=draft, token=token, step="incident")
    form, formset = step_forms(step="incident", values=None, bound=False)
    return _render_step(request, draft=None, token="", step="incident", form=form, formset=formset,  # nosec B106  # no draft token yet
                        handoff=roster_handoff(request.GET.get("officer", "")))


class DraftFiled(Exception):
    """This browser filed the draft: its pages now lead to the confirmation."""


def _open_draft(request, token: str):
    draft = draft_get(token=token)
    if draft is None and confirmation_owns_draft(request, token=token):
        raise DraftFiled
    if draft is None:
        raise Http404
    return draft


@never_cache
@sensitive_post_parameters()  # every answer is private: none goes into error reports
@require_http_methods(["GET", "POST"])
def draft_step(request, token: str, step: str):
    if step not in STEP_SLUGS:
        raise Http404
    try:
        draft = _open_draft(request, token)
    except DraftFiled:  # Back after filing
        return redirect("complaints:filed")
    if step == "review":
        return _review(request, draft=draft, token=token)
    if request.method == "POST" and step == "officers" and _roster_action(request):
        return _officers_roster(request, draft=draft, token=token)
    if request.method == "POST":
        return _handle_step(request, draft=draft, token=token, step=step)
    values = draft.data.get(step)
    form, formset = step_forms(step=step, values=values, bound="check" in request.GET)
    return _render_step(request, draft=draft, token=token, step=step, form=form, formset=formset)


def _bind(request, step: str):
    form_class = STEP_FORMS.get(step)
    form = form_class(request.POST, request.FILES) if form_class else None
    formset = None
    if step in STEP_FORMSETS:
        key, formset_class = STEP_FORMSETS[step]
        formset = formset_class(request.POST, prefix=key)
    return form, formset


def _row_action(values: dict, action: str, step: str) -> tuple[dict, str] | None:
    """`add-officers` / `remove-witnesses-2`: change the rows kept for this step's formset."""
    parts = action.split("-")
    key = STEP_FORMSETS.get(step, ("",))[0]
    if len(parts) < 2 or parts[0] not in ("add", "remove") or parts[1] != key:
        return None
    rows = list(values.get(key, []))
    if parts[0] == "add":
        rows.append({})
        anchor = f"{key}-{len(rows) - 1}"
    else:
        index = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else -1
        if 0 <= index < len(rows):
            rows.pop(index)
        anchor = key
    return {**values, key: rows}, anchor


def _handle_step(request, *, draft, token: str, step: str):
    form, formset = _bind(request, step)
    values = step_values(form=form, formset=formset)
    action = request.POST.get("action", "next")[:40]
    row_change = _row_action(values, action, step)
    if row_change:
        values, anchor = row_change
    draft = draft_save_step(draft=draft, step=step, values=values)
    upload_errors = _handle_uploads(request, draft) if step == "evidence" else []
    if action.startswith("remove-file-"):
        _remove_file(draft, action.removeprefix("remove-file-"))
    if action == "upload" or action.startswith("remove-file-"):
        if not upload_errors:  # stay on the page: the list shows what is attached now
            return redirect(_step_url(token, step) + "#evidence-files")
    if row_change:
        return redirect(f"{_step_url(token, step)}#{anchor}")
    if upload_errors:  # whatever was pressed, say which files were refused
        return _render_step(request, draft=draft, token=token, step=step, form=form,
                            formset=formset, status=400, upload_errors=upload_errors)
    if action == "save":
        return redirect("complaints:draft_saved", token=token)
    previous, following = step_neighbours(step)
    if action == "back" and previous:
        return redirect(_step_url(token, previous))
    valid = (form is None or form.is_valid()) and (formset is None or formset.is_valid())
    if valid:
        return redirect(_step_url(token, following))
    return _render_step(request, draft=draft, token=token, step=step, form=form,
                        formset=formset, status=400)


def _roster_action(request) -> str:
    action = request.POST.get("action", "")[:40]
    return action if action == "find-officer" or action.startswith("pick-officer-") else ""


def _officers_roster(request, *, draft, token: str):
    """Search the public roster (a round trip, no JavaScript) or put a found officer in a row."""
    form, formset = _bind(request, "officers")
    values = step_values(form=form, formset=formset)
    action = _roster_action(request)
    picked = roster_pick(values, action.removeprefix("pick-officer-")) if action != "find-officer" else None
    draft = draft_save_step(draft=draft, step="officers", values=picked[0] if picked else values)
    if picked:
        return redirect(f"{_step_url(token, 'officers')}#officers-{picked[1]}")
    query = request.POST.get("roster_query", "")[:100]
    form, formset = step_forms(step="officers", values=draft.data.get("officers"), bound=False)
    return _render_step(request, draft=draft, token=token, step="officers", form=form,
                        formset=formset, roster_query=query, roster_results=roster_find(query),
                        roster_searched=True)


def _handle_uploads(request, draft) -> list[str]:
    uploads = request.FILES.getlist("files")
    limit = settings.COMPLAINT_LIMITS["MAX_FILES"]
    room = limit - draft.evidence.count()
    errors = []
    if uploads and throttle.client_limited(request, throttle.UPLOADS, count=True):
        return [str(throttle.TOO_MANY_UPLOADS)]
    if len(uploads) > room:
        errors.append(str(ERROR_TOO_MANY) % {"limit": limit})
        uploads = uploads[:max(room, 0)]
    for upload in uploads:
        try:
            evidence_store(upload=upload, draft=draft)
        except ValidationError as exc:
            errors.extend(exc.messages)
    return errors


def _remove_file(draft, evidence_id: str) -> None:
    evidence = Evidence.objects.filter(draft=draft, pk=evidence_id if evidence_id.isdigit() else 0).first()
    if evidence is not None:
        evidence_delete(evidence=evidence)


def _review(request, *, draft, token: str):
    action = request.POST.get("action", "next")
    if request.method == "POST" and action == "save":
        return redirect("complaints:draft_saved", token=token)
    if request.method == "POST" and action == "back":
        return redirect(_step_url(token, step_neighbours("review")[0]))
    if request.method == "POST" and request.POST.get("website"):
        return _render_review(request, draft, token, honeypot=True, status=400)
    if request.method == "POST":
        if throttle.client_limited(request, throttle.SUBMISSIONS, count=True):
            return throttle.render_limited(request, throttle.TOO_MANY_SUBMISSIONS)
        cleaned, broken_step = draft_cleaned(draft=draft)
        if broken_step:
            return redirect(_step_url(token, broken_step) + "?check=1")
        filed = complaint_submit_draft(
            draft=draft, cleaned=cleaned, agency_id=home_agency(cleaned.get("district")).pk,
            language=get_language(), site_url=request.build_absolute_uri("/").rstrip("/"),
        )
        confirmation_remember(request, complaint=filed.complaint, status_code=filed.status_code,
                              draft_token=token)
        # The code stays in the session, never in the URL: Reload shows the same page again.
        return redirect("complaints:filed")
    return _render_review(request, draft, token)


@never_cache
@require_http_methods(["GET"])
def complaint_filed(request):
    """The confirmation, for the browser that filed, until it expires."""
    confirmation = confirmation_recall(request)
    if confirmation is None:
        return render(request, "complaints/confirmation_expired.html", status=410)
    complaint, code = confirmation.complaint, confirmation.status_code
    return render(request, "complaints/complaint_filed.html", {
        "complaint": complaint, "status_code": code,
        "minutes": settings.COMPLAINT_CONFIRMATION_MINUTES,
    })


def _render_review(request, draft, token, *, honeypot=False, status=200):
    return render(request, "complaints/steps/review.html", {
        "draft": draft, "token": token, "step": "review", "steps": STEPS,
        "step_number": len(STEPS), "step_count": len(STEPS),
        "step_title": STEPS[-1].title, "previous": step_neighbours("review")[0],
        "sections": review_sections(draft=draft, token=token), "honeypot": honeypot,
        "anonymous": not any(str(v).strip() for v in (draft.data.get("contact") or {}).values() if v),
        "action_url": _step_url(token, "review"),
    }, status=status)


@never_cache
def draft_saved(request, token: str):
    try:
        _open_draft(request, token)
    except DraftFiled:
        return redirect("complaints:filed")
    return render(request, "complaints/draft_saved.html", {
        "resume_url": request.build_absolute_uri(_step_url(token, "incident")),
        "token": token,
    })


@cache_page(60 * 60)
def paper_form_pdf(request):
    """The complaint form on paper, in the page's language, to fill in by hand and send or bring."""
    from portal.pdf import html_to_pdf

    from .paper import paper_form_sections
    from .services import acknowledgement_days

    html = render_to_string("complaints/paper_form.html", {
        "sections": paper_form_sections(), "acknowledge_days": acknowledgement_days(),
        "portal": settings.PORTAL, "language": get_language()},
        request=None)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="complaint-form-{get_language()}.pdf"'
    return response
