"""The paper complaint form: the web form's own questions, laid out to be filled in by hand.

Built from the step forms themselves (labels, hints, choices), so the paper form asks exactly
what staff enter later through the same forms; only the layout is paper's.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from .drafts import STEPS
from .forms import STEP_FORMS, STEP_FORMSETS

PAPER_ROWS = 2  # officers and witnesses printed on the form
SKIPPED = {"website", "files"}


@dataclass
class PaperQuestion:
    label: str
    help: str = ""
    choices: list[str] = field(default_factory=list)
    lines: int = 1
    several: bool = False  # tick all that apply


@dataclass
class PaperSection:
    title: str
    questions: list[PaperQuestion]
    note: str = ""


def _question(bound_field: forms.BoundField) -> PaperQuestion:
    f = bound_field.field
    question = PaperQuestion(label=str(bound_field.label), help=str(f.help_text or ""))
    if isinstance(f, forms.ChoiceField | forms.ModelChoiceField):
        question.choices = [str(label) for value, label in f.choices if value not in ("", None)]
        question.several = isinstance(f, forms.MultipleChoiceField)
        question.lines = 0
    elif isinstance(f.widget, forms.Textarea):
        question.lines = max(3, int(f.widget.attrs.get("rows", 3)))
    elif isinstance(f, forms.BooleanField):
        question.choices, question.lines = [str(bound_field.label)], 0
    return question


def _questions(form: forms.Form, heading: str = "") -> list[PaperQuestion]:
    questions = [_question(form[name]) for name in form.fields if name not in SKIPPED]
    if heading:
        questions.insert(0, PaperQuestion(label=heading, lines=0))
    return questions


def paper_form_sections() -> list[PaperSection]:
    """Every step of the web form, in order, as questions on paper."""
    sections = []
    for step in STEPS[:-1]:
        questions = _questions(STEP_FORMS[step.slug]()) if step.slug in STEP_FORMS else []
        if step.slug in STEP_FORMSETS:
            key, formset_class = STEP_FORMSETS[step.slug]
            row_form = formset_class().empty_form
            for n in range(1, PAPER_ROWS + 1):
                questions += _questions(row_form, heading=f"{_('Officer') if key == 'officers' else _('Witness')} {n}")
        note = _("Attach copies of photos or documents; do not send originals.") if step.slug == "evidence" else ""
        sections.append(PaperSection(title=str(step.title), questions=questions, note=str(note)))
    return sections
