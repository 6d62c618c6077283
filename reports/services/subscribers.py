"""Subscribers: double opt-in by e-mail, one-click unsubscribe, told of each new report."""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.services.outbox import outbox_enqueue

from ..models import Subscriber

ERROR_UNKNOWN_LINK = "This link is not valid any more."


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _link(name: str, token: str) -> str:
    return settings.PORTAL["SITE_URL"].rstrip("/") + reverse(name, args=[token])


@transaction.atomic
def subscriber_subscribe(*, email: str, language: str = "en") -> None:
    """Ask the address to confirm (again). Nothing tells the caller whether it was known."""
    email = email.strip().lower()
    confirm, unsubscribe = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    subscriber, _created = Subscriber.objects.get_or_create(
        email_digest=_digest(email),
        defaults={"email": email, "unsubscribe_digest": _digest(unsubscribe), "language": language})
    if subscriber.confirmed_at:
        return
    subscriber.confirm_digest = _digest(confirm)
    subscriber.unsubscribe_digest = _digest(unsubscribe)
    subscriber.save(update_fields=["confirm_digest", "unsubscribe_digest"])
    with translation.override(language):
        outbox_enqueue(kind="reports.subscribe_confirm", recipient=email, language=language,
                       subject=_("Confirm your subscription to the public reports"),
                       body=_("Someone, probably you, asked to be told by e-mail when the %(body)s "
                              "publishes a report. To confirm, open this link:\n\n%(link)s\n\n"
                              "If it was not you, ignore this message: nothing will be sent.")
                       % {"body": settings.PORTAL["BODY_NAME"],
                          "link": _link("reports:subscribe_confirm", confirm)})


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm an address with its single-use token; raises ValueError for an unknown one."""
    subscriber = Subscriber.objects.select_for_update().filter(
        confirm_digest=_digest(token), confirmed_at__isnull=True).first()
    if subscriber is None or not token:
        raise ValueError(ERROR_UNKNOWN_LINK)
    subscriber.confirmed_at = timezone.now()
    subscriber.confirm_digest = ""
    subscriber.save(update_fields=["confirmed_at", "confirm_digest"])
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str) -> None:
    """Forget the address whose unsubscribe token this is; raises ValueError if none."""
    deleted, _rows = Subscriber.objects.filter(unsubscribe_digest=_digest(token)).delete()
    if not deleted or not token:
        raise ValueError(ERROR_UNKNOWN_LINK)


def subscribers_notify(*, report) -> int:
    """One outbox message per confirmed subscriber, each with its own unsubscribe link."""
    from ..presentation import scope_label

    count = 0
    for subscriber in Subscriber.objects.filter(confirmed_at__isnull=False).iterator():
        token = secrets.token_urlsafe(24)
        subscriber.unsubscribe_digest = _digest(token)
        subscriber.save(update_fields=["unsubscribe_digest"])
        with translation.override(subscriber.language):
            outbox_enqueue(
                kind="reports.published", recipient=subscriber.email, language=subscriber.language,
                subject=_("New public report: %(period)s") % {"period": report.period.label},
                body=_("The %(body)s published a report: %(scope)s, %(period)s.\n\n%(link)s\n\n"
                       "To stop these messages: %(unsubscribe)s")
                % {"body": settings.PORTAL["BODY_NAME"], "scope": scope_label(report),
                   "period": report.period.label,
                   "link": settings.PORTAL["SITE_URL"].rstrip("/")
                   + reverse("reports:report_detail", args=[report.slug]),
                   "unsubscribe": _link("reports:unsubscribe", token)})
        count += 1
    return count
