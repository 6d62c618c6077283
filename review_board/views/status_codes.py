"""A new secret code for a complainant who lost theirs, after staff checked who is asking."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from complaints.services import complaint_reissue_status_code
from portal.access import staff_required
from portal.services.audit import audit_record

from ..forms import NewStatusCodeForm
from ..selectors import complaint_get_for_user
from ..services.cases import OPEN_ROLES


@staff_required(*OPEN_ROLES)
def complaint_new_code(request, tracking_number: str):
    complaint = complaint_get_for_user(user=request.user, tracking_number=tracking_number)
    form = NewStatusCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_reissue_status_code(complaint=complaint, actor=request.user,
                                          identity_check=form.cleaned_data["identity_check"])
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("A new code was sent to the e-mail address on file. The old "
                                        "code no longer works."))
            return redirect("board:complaint_detail", tracking_number=complaint.tracking_number)
    audit_record(actor=request.user, action="complaint.view_identity", target=complaint,
                 data={"via": "new_status_code"})
    return render(request, "review_board/complaint_new_code.html", {
        "complaint": complaint, "form": form}, status=400 if form.errors else 200)
