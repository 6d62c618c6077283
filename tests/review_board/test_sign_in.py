"""Staff sign in with a password and a second factor; repeated failures lock the account.

Ines signs in for the first time with the second factor required: she enrols her phone, keeps
her recovery codes, and signs in again later with a code, then with a recovery code.
"""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_on")]

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def second_factor_on():
    with override_settings(PORTAL_REQUIRE_2FA=True):
        yield


def _sign_in(client, user, password=PASSWORD):
    return client.post(reverse("board:login"), {"username": user.username, "password": password})


def _current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrol(client):
    assert client.get(reverse("board:two_factor_setup")).status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("board:two_factor_setup"), {"token": _current_code(device)})
    assert response.status_code == 200
    return device, response.context["codes"]


def test_password_alone_does_not_open_the_board(intake_officer):
    client = Client()
    _sign_in(client, intake_officer)
    response = client.get(reverse("board:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("board:two_factor_setup"))


def test_enrolment_with_a_wrong_code_is_refused(intake_officer):
    client = Client()
    _sign_in(client, intake_officer)
    client.get(reverse("board:two_factor_setup"))
    response = client.post(reverse("board:two_factor_setup"), {"token": "000000"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_enrolment_then_sign_in_with_a_code_and_with_a_recovery_code(intake_officer):
    client = Client()
    _sign_in(client, intake_officer)
    device, codes = _enrol(client)
    assert len(codes) == 10
    assert client.get(reverse("board:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(action="staff.second_factor_enrolled").count() == 1

    later = Client()
    _sign_in(later, intake_officer)
    response = later.get(reverse("board:dashboard"))
    assert response["Location"].startswith(reverse("board:verify"))
    assert later.post(reverse("board:verify"), {"token": "123456"}).status_code == 400
    # A wrong guess throttles every device of the user for a moment; let that moment pass.
    for model in (TOTPDevice, StaticDevice):
        model.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = later.post(reverse("board:verify"), {"token": codes[0]})
    assert response.status_code == 302
    assert later.get(reverse("board:dashboard")).status_code == 200

    reused = Client()
    _sign_in(reused, intake_officer)
    assert reused.post(reverse("board:verify"), {"token": codes[0]}).status_code == 400


def test_a_signed_in_password_cannot_replace_an_enrolled_phone(intake_officer):
    client = Client()
    _sign_in(client, intake_officer)
    _enrol(client)
    thief = Client()
    _sign_in(thief, intake_officer)
    response = thief.get(reverse("board:two_factor_setup"))
    assert response.status_code == 302 and response["Location"] == reverse("board:verify")


def test_repeated_failures_lock_the_account(intake_officer, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in(client, intake_officer, password="wrong password")
    response = _sign_in(Client(), intake_officer)  # even the right password, from that address
    assert response.status_code == 429
    assert "locked" in response.content.decode()


def test_admin_needs_the_second_factor_too(client_for):
    from tests.factories import UserFactory

    admin_user = UserFactory(username="ada", is_staff=True, is_superuser=True)
    response = client_for(admin_user).get("/admin/portal/auditevent/", follow=True)
    assert response.request["PATH_INFO"] == reverse("board:two_factor_setup")
    assert Client().get("/admin/", follow=True).request["PATH_INFO"] == reverse("board:login")


def test_new_recovery_codes_replace_the_old_ones(intake_officer):
    client = Client()
    _sign_in(client, intake_officer)
    _device, old_codes = _enrol(client)
    assert "Make new recovery codes" in client.get(reverse("board:dashboard")).content.decode()
    response = client.post(reverse("board:recovery_codes_renew"))
    new_codes = response.context["codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    later = Client()
    _sign_in(later, intake_officer)
    assert later.post(reverse("board:verify"), {"token": old_codes[1]}).status_code == 400
