"""The admin may read the audit trail but never change it; sign-in there needs the second factor."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .access import second_factor_pending, second_factor_redirect
from .models import AuditEvent, OutboxMessage
from .services.outbox import outbox_requeue


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the admin may look at but never add, change or delete (audit events, votes)."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_type", "target_id"]
    date_hierarchy = "created_at"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Delivery facts only: the recipient and the body are private and never shown."""

    list_display = ["id", "created_at", "kind", "status", "attempts", "next_attempt_at"]
    list_filter = ["kind", "status"]
    fields = ["created_at", "kind", "language", "status", "attempts", "next_attempt_at",
              "last_error", "sent_at"]
    actions = ["requeue"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    @admin.action(description=_("Try sending again"), permissions=["view"])
    def requeue(self, request, queryset):
        count = outbox_requeue(message_ids=list(queryset.values_list("pk", flat=True)),
                               actor=request.user)
        self.message_user(request, ngettext("%(count)d message queued again.",
                                            "%(count)d messages queued again.", count) % {"count": count})


# The admin has no sign-in page of its own: staff sign in (with the second factor) on the board.
_has_permission = admin.site.has_permission


def _verified_staff_only(request) -> bool:
    verified = getattr(request.user, "is_verified", lambda: False)
    return _has_permission(request) and (not settings.PORTAL_REQUIRE_2FA or verified())


def _board_login(request, extra_context=None):
    if request.user.is_authenticated and second_factor_pending(request):
        return second_factor_redirect(request)
    if request.user.is_authenticated:
        # Signed in and verified but not an administrator: sending them to sign in again would
        # bounce straight back here, for ever. The admin is not theirs to see.
        raise Http404
    return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))


admin.site.has_permission = _verified_staff_only
admin.site.login = _board_login
