import pytest

from portal.services.audit import audit_verify_chain
from review_board.demo import seed_demo
from review_board.models import Case

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates_and_keeps_the_chain_intact():
    seed_demo(officers=20)
    states = sorted(Case.objects.values_list("state", flat=True))
    assert states.count("closed") == 6
    assert {"intake", "investigation", "board_review"} <= set(states)
    assert seed_demo(officers=20)["officers_created"] == 0
    assert Case.objects.count() == len(states)
    assert audit_verify_chain() is None
