from django import forms
from django.utils.translation import gettext_lazy as _

_WIDGET_CLASSES = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.DateInput: "usa-input",
    forms.DateTimeInput: "usa-input",
    forms.URLInput: "usa-input",
    forms.TimeInput: "usa-input",
    forms.EmailInput: "usa-input",
    forms.TextInput: "usa-input",
    forms.NumberInput: "usa-input",
    forms.PasswordInput: "usa-input",
}


ERROR_TOO_LONG = _("This has %(show_value)s characters; it can have at most %(limit_value)s. "
                   "Please shorten it: nothing you typed was lost.")


def _leave_room(field) -> bool:
    """No `maxlength` in the page: a browser would cut pasted text silently. The server refuses
    text that is too long, keeping it, and a hint (a live count with JavaScript) gives the limit.
    True when the field shows that hint (_room_left.html)."""
    field.widget.attrs.pop("maxlength", None)
    if getattr(field, "max_length", None) and isinstance(field.widget, forms.Textarea):
        field.error_messages = {**field.error_messages, "max_length": ERROR_TOO_LONG}
        return True
    return False


class AccessibleFormMixin:
    """Gives every widget its USWDS class and points it at its hint and error messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_room = {name for name, field in self.fields.items() if _leave_room(field)}
        for name, field in self.fields.items():
            widget = field.widget
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(widget, widget_type):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
                    break
            described_by = []
            if field.help_text:
                described_by.append(f"id_{self.add_prefix(name)}-hint")
            if name in with_room:
                described_by.append(f"id_{self.add_prefix(name)}-room")
            if self.is_bound and name in self.errors:
                described_by.append(f"id_{self.add_prefix(name)}-error")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} usa-input--error".strip()
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
