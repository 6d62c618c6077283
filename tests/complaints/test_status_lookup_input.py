"""Values that cannot be a tracking number are simply not found (found by the fuzzing suite:
PostgreSQL refuses a NUL character inside a query, which used to answer 500)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["CR-2026-\x00000001", "\x00", "CR 2026 000001 ' OR 1=1", "x" * 500])
def test_a_tracking_number_of_the_wrong_shape_is_not_found(journalist, number):
    response = journalist.post(reverse("complaints:status_lookup"),
                               {"tracking_number": number, "status_code": "abcd-efgh"})
    assert response.status_code < 500  # the form again, with its message
    assert "yours" not in response.get("Location", "")
