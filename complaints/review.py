"""The "review your answers" page: each step's answers as the resident will recognise them."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .drafts import STEPS, step_forms
from .models import ComplaintDraft

NOT_ANSWERED = _("Not answered")
ANONYMOUS = _("You are filing anonymously. You will get a tracking number and a secret code "
              "to follow your complaint.")


@dataclass
class ReviewSection:
    slug: str
    title: str
    change_url: str
    answers: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def _display(bound_field) -> str:
    value = bound_field.value()
    choices = dict(getattr(bound_field.field, "choices", []) or [])
    if isinstance(value, list | tuple):
        return "; ".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if value in (None, ""):
        return ""
    if choices:
        try:
            return str(bound_field.field.to_python(value)) if hasattr(bound_field.field, "queryset") \
                else str(choices.get(value, value))
        except Exception:  # a stale choice in an old draft: show what was typed
            return str(value)
    return str(value)


def _answers(form) -> list[tuple[str, str]]:
    return [(str(form[name].label), _display(form[name]) or str(NOT_ANSWERED))
            for name in form.fields if name not in ("website", "files") and not form[name].is_hidden]


def review_sections(*, draft: ComplaintDraft, token: str) -> list[ReviewSection]:
    sections = []
    for step in STEPS[:-1]:
        form, formset = step_forms(step=step.slug, values=draft.data.get(step.slug), bound=False)
        section = ReviewSection(step.slug, str(step.title), reverse(
            "complaints:draft_step", kwargs={"token": token, "step": step.slug}))
        if form is not None:
            section.answers = _answers(form)
        if formset is not None:
            rows = [f for f in formset.forms if any(str(v).strip() for v in f.initial.values() if v)]
            heading = _("Officer %(n)s") if formset.prefix == "officers" else _("Witness %(n)s")
            section.groups = [(str(heading) % {"n": i}, _answers(f))
                              for i, f in enumerate(rows, start=1)]
        if step.slug == "contact" and all(v == str(NOT_ANSWERED) for _label, v in section.answers):
            section.answers = [(str(_("Anonymous")), str(ANONYMOUS))]
        if step.slug == "evidence":
            section.answers.insert(0, (str(_("Files")), ", ".join(
                e.original_name for e in draft.evidence.all()) or str(NOT_ANSWERED)))
        sections.append(section)
    return sections
