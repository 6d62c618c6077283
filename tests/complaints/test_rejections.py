"""Each refusal says exactly what is wrong, and nothing Rita already typed is lost."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.drafts import draft_get
from complaints.evidence import private_storage
from complaints.models import Complaint, Evidence
from tests.complaints.conftest import jpeg_with_gps
from tests.complaints.filing import start_draft, step_url
from tests.slice import RITA

pytestmark = pytest.mark.django_db

STORY = "They stopped me outside the library on Dudley Street. Kumquat-lighthouse."


@pytest.fixture
def token(journalist):
    _response, token = start_draft(journalist, {"filer_role": "witness", "narrative": STORY})
    return token


def test_missing_story_is_named_and_other_answers_are_kept(journalist):
    response = journalist.post("/complaints/new/", {
        "filer_role": "witness", "narrative": "", "location": "Blue Hill Avenue"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "What happened?: This field is required." in html
    assert 'value="Blue Hill Avenue"' in html
    assert "Nothing you typed was lost." in html


def test_overlong_text_says_the_limit_and_keeps_the_text(journalist):
    too_long = "x" * 20001
    response = journalist.post("/complaints/new/", {"filer_role": "affected", "narrative": too_long})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This has 20001 characters; it can have at most 20000. Please shorten it" in html
    assert too_long in html


def test_date_in_the_future_is_refused(journalist):
    response = journalist.post("/complaints/new/", {"filer_role": "affected", "narrative": STORY,
                                                    "occurred_on": "2999-01-01"})
    assert "The date cannot be in the future." in response.content.decode()


def test_honeypot_refuses_with_a_message_and_keeps_answers(journalist):
    response = journalist.post("/complaints/new/", {"filer_role": "affected", "narrative": STORY,
                                                    "website": "http://spam.example"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "leave the field “Leave this empty” empty" in html
    assert STORY in html


def test_oversized_file_is_refused_by_name_and_size(journalist, token, settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "MAX_FILE_MB": 1}
    big = SimpleUploadedFile("dashcam.mp4", b"\x00\x00\x00\x18ftypmp42" + b"0" * (1024 * 1024 + 10))
    response = journalist.post(step_url(token, "evidence"), {
        "files": [big], "evidence_notes": "The corner store has a camera."})
    html = response.content.decode()
    assert response.status_code == 400
    assert "“dashcam.mp4” is 1.0 MB; each file can be at most 1 MB." in html
    assert "The corner store has a camera." in html
    assert not Evidence.objects.exists()


def test_wrong_type_disguised_by_its_extension_is_refused(journalist, token):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200)  # a Windows program
    good = SimpleUploadedFile("street.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = journalist.post(step_url(token, "evidence"), {"files": [fake, good]})
    html = response.content.decode()
    assert "“photo.jpg” is not a photo, video, audio recording or document we accept" in html
    # The good file stays attached; the resident is told which one to fix.
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["street.jpg"]
    assert "street.jpg" in html


def test_photo_metadata_is_stripped_and_file_kept_privately(journalist, token, private_media):
    upload = SimpleUploadedFile("me.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = journalist.post(step_url(token, "evidence"), {"files": [upload]})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    path = private_media / "evidence" / evidence.stored_name
    assert path.exists() and str(path).startswith(str(private_media))
    from portal.encryption import field_cipher

    with Image.open(io.BytesIO(field_cipher().decrypt(path.read_bytes()))) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825) and 0x010F not in exif
    assert evidence.kind == "photo" and evidence.original_name == "me.jpg"
    assert private_storage().exists(evidence.stored_name)


def test_too_many_status_attempts_are_throttled(journalist, settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "STATUS_ATTEMPTS_PER_HOUR": 3}
    client = journalist
    client.defaults["REMOTE_ADDR"] = "203.0.113.77"
    for _ in range(4):
        response = client.post("/complaints/status/", {"tracking_number": "CR-2026-000001",
                                                       "status_code": "guess"})
        assert response.status_code == 400
        assert "We could not find a complaint" in response.content.decode()
    response = client.post("/complaints/status/", {"tracking_number": "CR-2026-000001",
                                                   "status_code": "guess"})
    assert response.status_code == 429
    assert "Too many wrong tracking numbers or codes" in response.content.decode()


def test_too_many_submissions_keep_the_draft(journalist, district, settings):
    from tests.complaints.filing import file_complaint

    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "SUBMISSIONS_PER_HOUR": 1}
    journalist.defaults["REMOTE_ADDR"] = "203.0.113.78"
    file_complaint(journalist, {**RITA, "district": district.pk})
    _response, token = start_draft(journalist, {"filer_role": "affected", "narrative": STORY})
    response = journalist.post(step_url(token, "review"), {"action": "next"}, follow=True)
    assert response.status_code == 429
    assert "Your answers are saved" in response.content.decode()
    assert draft_get(token=token).data["incident"]["narrative"] == STORY
    assert Complaint.objects.count() == 1


def test_every_answer_missing_still_renders_each_message(journalist):
    response = journalist.post("/complaints/new/", {"force_level": "99"})
    html = response.content.decode()
    assert "Who is filing this complaint?: This field is required." in html
    assert "What happened?: This field is required." in html


def test_too_many_new_drafts_keep_the_text_on_screen(journalist, settings):
    from complaints.models import ComplaintDraft

    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "SUBMISSIONS_PER_HOUR": 1}
    journalist.defaults["REMOTE_ADDR"] = "203.0.113.79"
    for _ in range(3):
        start_draft(journalist, {"filer_role": "affected", "narrative": STORY})
    response = journalist.post("/complaints/new/", {"filer_role": "affected", "narrative": STORY})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many complaints were started from your connection" in html and STORY in html
    assert ComplaintDraft.objects.count() == 3


def test_honeypot_on_the_first_step_creates_no_draft(journalist):
    from complaints.models import ComplaintDraft

    journalist.post("/complaints/new/", {"filer_role": "affected", "narrative": STORY, "website": "x"})
    assert not ComplaintDraft.objects.exists()


def test_staff_selectors_list_evidence_and_pending_withdrawals(journalist, district, intake_officer):
    from complaints.evidence import evidence_open
    from complaints.selectors import complaint_evidence, withdrawal_requests_pending
    from complaints.services import complaint_request_withdrawal
    from portal.models import AuditEvent
    _response, token = start_draft(journalist, {"filer_role": "affected", "narrative": STORY})
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    journalist.post(step_url(token, "evidence"), {"files": [photo]})
    complaint = journalist.post(step_url(token, "review"), {"action": "next"}, follow=True).context["complaint"]
    [evidence] = complaint_evidence(complaint=complaint)
    with evidence_open(evidence=evidence, actor=intake_officer) as handle:
        assert handle.read(3) == b"\xff\xd8\xff"  # a JPEG
    assert AuditEvent.objects.filter(action="complaint.evidence_download", actor=intake_officer).exists()
    complaint_request_withdrawal(complaint=complaint)
    assert [w.complaint for w in withdrawal_requests_pending()] == [complaint]


def test_too_many_files_keeps_the_first_ones_and_says_the_limit(journalist, token, settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "MAX_FILES": 2}
    uploads = [SimpleUploadedFile(f"p{i}.jpg", jpeg_with_gps(), content_type="image/jpeg") for i in range(3)]
    response = journalist.post(step_url(token, "evidence"), {"files": uploads})
    assert "You can send at most 2 files with one complaint." in response.content.decode()
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == ["p0.jpg", "p1.jpg"]


def test_forms_without_a_csrf_token_are_refused_with_an_explanation():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/complaints/new/", {
        "filer_role": "affected", "narrative": STORY})
    assert response.status_code == 403
    assert "forms on this site only work from a page you opened here" in response.content.decode()


def test_upload_button_stays_on_the_evidence_step_and_lists_the_file(journalist, token):
    photo = SimpleUploadedFile("corner.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = journalist.post(step_url(token, "evidence"), {"files": [photo], "action": "upload"})
    assert response.url.endswith("/evidence/#evidence-files")
    page = journalist.get(step_url(token, "evidence")).content.decode()
    assert "corner.jpg" in page and "Remove corner.jpg" in page
    evidence = Evidence.objects.get()
    journalist.post(step_url(token, "evidence"), {"action": f"remove-file-{evidence.pk}"})
    assert not Evidence.objects.exists()
