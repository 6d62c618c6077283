from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.access import open_to_anyone, staff_required
from portal.roles import Role

from . import throttle
from .forms import FeedbackForm, ModerationForm, ReportRequestForm, SubscribeForm
from .models import Feedback, FeedbackStatus, Report
from .presentation import report_context
from .services.feedback import feedback_moderate, feedback_submit
from .services.generation import report_folder, report_request
from .services.subscribers import subscriber_confirm, subscriber_subscribe, subscriber_unsubscribe

FIXED_FILES = {"report.pdf": "application/pdf", "report.json": "application/json"}


def _published(slug: str) -> Report:
    return get_object_or_404(Report.objects.published().select_related("agency"), slug=slug)


@open_to_anyone
def report_list(request):
    return render(request, "reports/report_list.html", {
        "reports": Report.objects.published().select_related("agency")})


@open_to_anyone
def report_detail(request, slug: str):
    report = _published(slug)
    return render(request, "reports/report_detail.html", {
        **report_context(report),
        "feedback": report.feedback.filter(status=FeedbackStatus.PUBLISHED)})


@open_to_anyone
def report_file(request, slug: str, filename: str):
    """The PDF, the figures as JSON, or one table as CSV: only the files the report lists."""
    report = _published(slug)
    tables = {f"{t['slug']}.csv" for t in report.figures["tables"]}
    if filename not in FIXED_FILES and filename not in tables:
        raise Http404
    content_type = FIXED_FILES.get(filename, "text/csv; charset=utf-8")
    response = FileResponse((report_folder(report) / filename).open("rb"), content_type=content_type,
                            as_attachment=filename != "report.pdf", filename=f"{slug}-{filename}")
    return response


@open_to_anyone
def feedback_new(request, slug: str):
    report = _published(slug)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if throttle.client_limited(request, throttle.FEEDBACK):
            return render(request, "reports/limited.html", status=429)
        if form.is_valid():
            feedback_submit(report=report, body=form.cleaned_data["body"])
            return render(request, "reports/feedback_thanks.html", {"report": report})
    return render(request, "reports/feedback_form.html", {"report": report, "form": form})


@open_to_anyone
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if throttle.client_limited(request, throttle.SUBSCRIBE):
            return render(request, "reports/limited.html", status=429)
        if form.is_valid():
            subscriber_subscribe(email=form.cleaned_data["email"], language=get_language() or "en")
            return render(request, "reports/subscribe_sent.html")
    return render(request, "reports/subscribe.html", {"form": form})


def _token_page(request, token: str, *, action, done: str, title: str, button: str):
    """A page with one button (link scanners only GET); POST does the action."""
    if request.method == "POST":
        try:
            action(token=token)
        except ValueError:
            return render(request, "reports/token_action.html", {"title": title, "invalid": True},
                          status=404)
        return render(request, "reports/token_action.html", {"title": title, "done": done})
    return render(request, "reports/token_action.html", {"title": title, "button": button})


@open_to_anyone
@require_http_methods(["GET", "POST"])
def subscribe_confirm(request, token: str):
    return _token_page(request, token, action=subscriber_confirm, title=_("Confirm your subscription"),
                       button=_("Confirm"), done=_("Thank you: you will be told of each new report."))


@open_to_anyone
@csrf_exempt  # one click from the e-mail (RFC 8058); the token in the link is the authority
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    return _token_page(request, token, action=subscriber_unsubscribe, title=_("Unsubscribe"),
                       button=_("Unsubscribe"), done=_("You are unsubscribed; your address is deleted."))


@staff_required(Role.RECORDS_EDITOR, Role.ADMINISTRATOR)
def report_manage(request):
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = report_request(period=form.period(), own=form.cleaned_data["scope"] == "own",
                                agency=form.agency(), actor=request.user)
        messages.success(request, _("Report %(slug)s is being generated.") % {"slug": report.slug})
        return redirect("reports:report_manage")
    return render(request, "reports/manage.html", {
        "form": form, "reports": Report.objects.select_related("agency").order_by("-id")[:50],
        "pending": Feedback.objects.filter(status=FeedbackStatus.PENDING)
        .select_related("report")[:100]})


@staff_required(Role.RECORDS_EDITOR, Role.ADMINISTRATOR)
@require_http_methods(["POST"])
def feedback_moderation(request, feedback_id: int):
    feedback = get_object_or_404(Feedback, pk=feedback_id)
    form = ModerationForm(request.POST)
    if form.is_valid():
        feedback_moderate(feedback_id=feedback.pk, status=form.cleaned_data["status"],
                          answer=form.cleaned_data["answer"], actor=request.user)
        messages.success(request, _("The comment was moderated."))
    return redirect("reports:report_manage")
