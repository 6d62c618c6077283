"""Staff sign-in: password (with lockout by django-axes), then a TOTP code or a recovery code."""

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.access import open_to_anyone, signed_in_only, staff_required
from portal.services.audit import audit_record

from ..forms import EnrolForm, TokenForm

RECOVERY_CODE_COUNT = 10

login = open_to_anyone(auth_views.LoginView.as_view(
    template_name="review_board/login.html", redirect_authenticated_user=True))
logout = open_to_anyone(auth_views.LogoutView.as_view())


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "board:dashboard"


@signed_in_only
def verify(request):
    """Second step of sign-in: a code from the authenticator app or one recovery code."""
    if not user_has_device(request.user, confirmed=True):
        return redirect("board:two_factor_setup")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            audit_record(actor=request.user, action="staff.second_factor", target=request.user,
                         data={"device": type(device).__name__})
            return redirect(_next(request))
        form.add_error("token", _("That code did not match. Try the current code, or a recovery code."))
    return render(request, "review_board/verify.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


def _recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@signed_in_only
def two_factor_setup(request):
    """Enrol an authenticator app; shows the recovery codes once."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect("board:verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or \
        TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = EnrolForm(request.POST or None)
    if form.is_valid() and device.verify_token(form.cleaned_data["token"].strip()):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        otp_login(request, device)
        codes = _recovery_codes(request.user)
        audit_record(actor=request.user, action="staff.second_factor_enrolled", target=request.user)
        return render(request, "review_board/recovery_codes.html", {"codes": codes, "next": _next(request)})
    if form.is_bound:
        form.add_error("token", _("That code did not match. Check the time on your phone and try again."))
    qr = segno.make(device.config_url, error="m")
    return render(request, "review_board/two_factor_setup.html", {
        "form": form, "qr_svg": qr.svg_inline(scale=4, title=_("QR code for your authenticator app")),
        "secret": device.config_url.split("secret=")[1].split("&")[0], "next": _next(request),
    }, status=400 if form.errors else 200)


@require_POST
@staff_required()
def recovery_codes_renew(request):
    codes = _recovery_codes(request.user)
    audit_record(actor=request.user, action="staff.recovery_codes_renewed", target=request.user)
    messages.success(request, _("New recovery codes were made; the old ones no longer work."))
    return render(request, "review_board/recovery_codes.html", {"codes": codes, "next": "board:dashboard"})
