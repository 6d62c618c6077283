import pytest

from policy.demo import seed_policy_demo
from policy.models import PolicyStanding, Recommendation
from review_board.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_policy_records_load_once():
    seed_demo(officers=3, cases=False)
    assert seed_policy_demo() == 2
    assert seed_policy_demo() == 0
    assert Recommendation.objects.public().count() == 2
    assert PolicyStanding.objects.count() == 5
