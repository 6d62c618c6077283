from django.http import Http404
from django.shortcuts import get_object_or_404

from complaints.models import Complaint
from portal.roles import STAFF_ROLES, user_has_role

from .models import Case


def case_get_for_user(*, user, number: str) -> Case:
    """A case the user may open, or 404 (private records do not reveal that they exist)."""
    if not user_has_role(user, *STAFF_ROLES):
        raise Http404
    return get_object_or_404(
        Case.objects.select_related("complaint", "public_case", "assigned_to"), number=number)


def complaint_get_for_user(*, user, tracking_number: str) -> Complaint:
    if not user_has_role(user, *STAFF_ROLES):
        raise Http404
    return get_object_or_404(Complaint.objects.select_related("district"),
                             tracking_number=tracking_number)


def complaints_awaiting_case():
    return (Complaint.objects.filter(case__isnull=True).select_related("district")
            .order_by("received_at"))


def cases_open():
    return Case.objects.select_related("complaint", "assigned_to").order_by("-opened_at")
