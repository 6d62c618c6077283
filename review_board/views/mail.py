"""E-mails the portal could not deliver: supervisors and administrators send them again."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.access import staff_required
from portal.roles import Role
from portal.services.outbox import outbox_needing_attention, outbox_requeue

MAIL_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
MAIL_SHOWN = 50


def undelivered_mail(user) -> dict:
    """Dashboard context: failed and long-queued messages, for the roles that may requeue them."""
    from portal.roles import user_has_role

    if not user_has_role(user, *MAIL_ROLES):
        return {"undelivered": None}
    return {"undelivered": list(outbox_needing_attention()[:MAIL_SHOWN])}


@require_POST
@staff_required(*MAIL_ROLES)
def outbox_requeue_view(request):
    ids = [int(v) for v in request.POST.getlist("message") if v.isdigit()]
    count = outbox_requeue(message_ids=ids, actor=request.user)
    messages.success(request, ngettext("%(count)d message queued again.",
                                       "%(count)d messages queued again.", count) % {"count": count})
    return redirect("board:dashboard")
