"""Theo pastes a long account: the browser must not cut it, the server says how much is too much
and keeps every character."""

import pytest

from complaints.drafts import draft_get
from tests.complaints.filing import start_draft, step_url

pytestmark = pytest.mark.django_db

LONG = ("The officer shouted at me. " * 741).strip() + "!"  # 20,007 characters


def test_no_field_of_the_form_tells_the_browser_to_cut_text(journalist):
    page = journalist.get("/complaints/new/").content.decode()
    assert "maxlength" not in page
    assert "Up to 20,000 characters." in page
    assert 'aria-describedby="id_narrative-hint id_narrative-room"' in page


def test_too_long_text_is_refused_with_a_clear_message_and_kept(journalist):
    assert len(LONG) == 20007
    response, token = start_draft(journalist, {"filer_role": "affected", "narrative": LONG})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This has 20007 characters; it can have at most 20000. Please shorten it" in page
    assert LONG in page  # back in the text box, whole
    assert draft_get(token=token).data["incident"]["narrative"] == LONG
    review = journalist.post(step_url(token, "review"), {"action": "next"})
    assert review.status_code == 302 and review["Location"].endswith("/incident/?check=1")


def test_the_evidence_step_says_what_is_kept_and_who_sees_it(journalist):
    _response, token = start_draft(journalist, {"filer_role": "affected", "narrative": "He hit me."})
    page = journalist.get(step_url(token, "evidence")).content.decode()
    assert "What we keep and who sees it" in page
    assert "Only the investigators of your complaint open these originals." in page
