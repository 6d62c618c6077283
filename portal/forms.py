from django import forms

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


class AccessibleFormMixin:
    """Gives every widget its USWDS class and points it at its hint and error messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(widget, widget_type):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
                    break
            described_by = []
            if field.help_text:
                described_by.append(f"id_{self.add_prefix(name)}-hint")
            if self.is_bound and name in self.errors:
                described_by.append(f"id_{self.add_prefix(name)}-error")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} usa-input--error".strip()
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
