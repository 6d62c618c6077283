from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.access import staff_required
from portal.roles import Role

from ..forms import TABLES, CorrectionForm
from ..services import correction_record


@staff_required(Role.RECORDS_EDITOR)
def correction_new(request, table: str, pk: int):
    """A records editor corrects one field of a public row; the public corrections log shows it."""
    if table not in TABLES:
        raise Http404
    instance = get_object_or_404(TABLES[table], pk=pk)
    form = CorrectionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            correction_record(instance=instance, changes={data["field"]: data["value"]}, note=data["reason"],
                              evidence=data["evidence"], actor=request.user)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The correction is on the public record."))
            return redirect(_public_url(table, instance))
    return render(request, "misconduct_records/correction_new.html", {
        "form": form, "instance": instance, "table": table, "public_url": _public_url(table, instance)})


def _public_url(table: str, instance) -> str:
    if table == "officer":
        return reverse("records:officer_detail", args=[instance.public_id])
    case = instance if table == "case" else instance.case
    return reverse("records:case_detail", args=[case.public_id])
