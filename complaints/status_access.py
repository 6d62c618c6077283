"""How a resident reaches their status page without the secret code ever being in a URL.

Two ways in, each ending in a short session that names the complaint: the typed tracking
number and code (POSTed), or the single-use, short-lived link from the receipt e-mail. The
session is created only then; reading public pages never creates one.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Complaint, StatusLinkToken, secret_digest

SESSION_KEY = "resident_complaint"


def status_link_issue(*, complaint: Complaint) -> str:
    """A new single-use link token for the complaint's status page (only its digest is kept)."""
    token = secrets.token_urlsafe(32)
    hours = settings.COMPLAINT_LIMITS["STATUS_LINK_HOURS"]
    StatusLinkToken.objects.create(complaint=complaint, token_digest=secret_digest(token),
                                   expires_at=timezone.now() + datetime.timedelta(hours=hours))
    return token


def status_link_path(*, token: str) -> str:
    return reverse("complaints:status_link", kwargs={"token": token})


@transaction.atomic
def status_link_redeem(*, token: str) -> Complaint | None:
    """The complaint of a valid, unused, unexpired token, which is used up; else None."""
    link = (StatusLinkToken.objects.select_for_update().select_related("complaint")
            .filter(token_digest=secret_digest(token[:100])).first())
    if link is None or link.used_at is not None or link.expires_at <= timezone.now():
        return None
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link.complaint


def resident_session_open(request, complaint: Complaint) -> None:
    """Start a fresh, short session for the resident of this complaint."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"id": complaint.pk, "digest": complaint.status_code_digest}
    request.session.set_expiry(settings.COMPLAINT_LIMITS["RESIDENT_SESSION_MINUTES"] * 60)


def resident_session_complaint(request) -> Complaint | None:
    """The complaint this browser opened, while its code is still the one it was opened with."""
    held = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not held:
        return None
    complaint = (Complaint.objects.select_related("public_case")
                 .filter(pk=held.get("id"), status_code_digest=held.get("digest")).first())
    if complaint is None:
        request.session.pop(SESSION_KEY, None)
    return complaint
