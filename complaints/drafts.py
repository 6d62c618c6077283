"""Drafts: what a resident typed, kept (encrypted) step by step behind a private link.

Answers are kept as the raw values the forms received, valid or not, so nothing typed is
ever lost: a step shows them again, and the final submit binds and checks every step.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .forms import STEP_FORMS, STEP_FORMSETS
from .models import ComplaintDraft, secret_digest


@dataclass(frozen=True)
class Step:
    slug: str
    title: str


STEPS = [
    Step("incident", _("What happened")),
    Step("officers", _("Who was involved")),
    Step("conduct", _("What the officers did")),
    Step("people", _("People affected and witnesses")),
    Step("evidence", _("Evidence")),
    Step("contact", _("How to reach you")),
    Step("review", _("Review and submit")),
]
STEP_SLUGS = [s.slug for s in STEPS]


def step_neighbours(slug: str) -> tuple[str | None, str | None]:
    i = STEP_SLUGS.index(slug)
    return (STEP_SLUGS[i - 1] if i else None,
            STEP_SLUGS[i + 1] if i + 1 < len(STEP_SLUGS) else None)


def draft_create(*, language: str) -> tuple[ComplaintDraft, str]:
    """A new empty draft and the token of its private link (only its digest is stored)."""
    token = secrets.token_urlsafe(24)
    draft = ComplaintDraft.objects.create(token_digest=secret_digest(token), language=language)
    return draft, token


def draft_get(*, token: str) -> ComplaintDraft | None:
    if not token or len(token) > 64:
        return None
    return ComplaintDraft.objects.filter(token_digest=secret_digest(token)).first()


def _raw(bound_form) -> dict:
    values = {}
    for name in bound_form.fields:
        if name in ("website", "files", "DELETE"):
            continue
        value = bound_form[name].value()
        values[name] = list(value) if isinstance(value, list | tuple) else value
    return values


def step_values(*, form=None, formset=None) -> dict:
    """The raw answers of a bound step, ready to be kept in the draft."""
    values = _raw(form) if form is not None else {}
    if formset is not None:
        key = next(k for k, fs in STEP_FORMSETS.values() if isinstance(formset, fs))
        values[key] = [_raw(f) for f in formset.forms]
    return values


@transaction.atomic
def draft_save_step(*, draft: ComplaintDraft, step: str, values: dict) -> ComplaintDraft:
    """Keep a step's answers in the draft, replacing what it held for that step."""
    draft = ComplaintDraft.objects.select_for_update().get(pk=draft.pk)
    draft.data = {**draft.data, step: values}
    draft.save(update_fields=["data", "updated_at"])
    return draft


def _as_data(values: dict, prefix: str = "") -> MultiValueDict:
    data = MultiValueDict()
    for name, value in values.items():
        key = f"{prefix}-{name}" if prefix else name
        if isinstance(value, list):
            data.setlist(key, [str(v) for v in value])
        elif value is True:
            data[key] = "on"
        elif value not in (None, False):
            data[key] = str(value)
    return data


def formset_data(values: list[dict], prefix: str) -> MultiValueDict:
    data = MultiValueDict({f"{prefix}-TOTAL_FORMS": [str(len(values))],
                           f"{prefix}-INITIAL_FORMS": ["0"]})
    for i, row in enumerate(values):
        data.update(_as_data(row, f"{prefix}-{i}"))
    return data


def step_forms(*, step: str, values: dict | None, bound: bool, extra_rows: int = 0):
    """The form and formset of a step, bound to kept answers or showing them as initial."""
    values = values or {}
    form_class = STEP_FORMS.get(step)
    form = None
    if form_class is not None:
        form = form_class(data=_as_data(values)) if bound else form_class(initial=values)
    formset = None
    if step in STEP_FORMSETS:
        key, formset_class = STEP_FORMSETS[step]
        rows = [r for r in values.get(key, []) if isinstance(r, dict)] + [{}] * extra_rows
        if not rows and key == "officers":
            rows = [{}]
        formset = formset_class(data=formset_data(rows, key), prefix=key)
        if not bound:
            formset = formset_class(initial=rows, prefix=key)
            formset.extra = 0
    return form, formset


def _row_is_empty(row: dict) -> bool:
    return not any(str(v).strip() for v in row.values() if v is not None)


def answers_add(cleaned: dict, *, form=None, formset=None, key: str = "") -> bool:
    """Add a validated step's answers to `cleaned` (empty formset rows dropped); False if invalid."""
    if (form is not None and not form.is_valid()) or (formset is not None and not formset.is_valid()):
        return False
    if form is not None:
        cleaned.update(form.cleaned_data)
    if formset is not None:
        cleaned[key or formset.prefix] = [f.cleaned_data for f in formset.forms
                                          if not _row_is_empty(f.cleaned_data)]
    return True


def draft_cleaned(*, draft: ComplaintDraft) -> tuple[dict, str | None]:
    """Every step's cleaned answers, or the first step that does not validate."""
    cleaned: dict = {}
    for step in STEP_SLUGS[:-1]:
        form, formset = step_forms(step=step, values=draft.data.get(step), bound=True)
        if not answers_add(cleaned, form=form, formset=formset):
            return cleaned, step
    return cleaned, None
