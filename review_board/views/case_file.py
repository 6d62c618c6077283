"""The case file a panel reads before it votes; every reading is an audited view of identity."""

from django.shortcuts import render

from portal.access import staff_required
from portal.services.audit import audit_record

from ..selectors import CASE_FILE_ROLES, case_file_contents, case_file_get_for_user


@staff_required(*CASE_FILE_ROLES)
def case_file(request, number: str):
    case = case_file_get_for_user(user=request.user, number=number)
    contents = case_file_contents(case=case)
    target = case.complaint if case.complaint_id else case
    audit_record(actor=request.user, action="complaint.view_identity", target=target,
                 data={"via": "case_file", "case": case.number})
    return render(request, "review_board/case_file.html", {"case": case, **contents})
