"""The confirmation after filing, shown again in the same browser for a short while.

Back, Reload or a phone restoring the tab must not lose the one-time code. At filing (and only
then) the session keeps which complaint was filed, its code encrypted, and the digest of the
draft's link; nothing secret goes into a URL. After `COMPLAINT_CONFIRMATION_MINUTES` it is gone.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from portal.encryption import decrypt_text, encrypt_text

from .models import Complaint, secret_digest

SESSION_KEY = "complaint_filed"


@dataclass(frozen=True)
class Confirmation:
    complaint: Complaint
    status_code: str


def _lifetime_seconds() -> int:
    return settings.COMPLAINT_CONFIRMATION_MINUTES * 60


def confirmation_remember(request, *, complaint: Complaint, status_code: str, draft_token: str) -> None:
    """Keep the confirmation in this browser's session until it expires."""
    request.session[SESSION_KEY] = {
        "complaint": complaint.pk, "code": encrypt_text(status_code),
        "draft": secret_digest(draft_token),
        "until": timezone.now().timestamp() + _lifetime_seconds(),
    }
    if not request.user.is_authenticated:  # a staff member's own session keeps its length
        request.session.set_expiry(_lifetime_seconds())


def _entry(request) -> dict | None:
    if not hasattr(request, "session") or SESSION_KEY not in request.session:
        return None
    entry = request.session[SESSION_KEY]
    if entry.get("until", 0) < timezone.now().timestamp():
        del request.session[SESSION_KEY]
        return None
    return entry


def confirmation_recall(request) -> Confirmation | None:
    """The confirmation this browser was shown, while it has not expired."""
    entry = _entry(request)
    complaint = entry and Complaint.objects.filter(pk=entry["complaint"]).first()
    if not complaint:
        return None
    return Confirmation(complaint=complaint, status_code=decrypt_text(entry["code"]))


def confirmation_owns_draft(request, *, token: str) -> bool:
    """Whether this browser filed the draft behind `token` (its page now shows the confirmation)."""
    entry = _entry(request)
    return bool(entry and token and entry["draft"] == secret_digest(token))
