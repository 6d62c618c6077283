import io

import pytest
from django.core.management import call_command

from portal.services.audit import audit_verify_chain
from review_board.demo import DEMO_PASSWORD, seed_demo
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


def test_seed_demo_ends_with_a_table_of_role_user_name_and_password(db):
    out = io.StringIO()
    call_command("seed_demo", officers=20, stdout=out)
    last = out.getvalue().strip().splitlines()[-15:]
    assert last[0].split() == ["Role", "User", "name", "Password"]
    assert "Intake staff" in last[2] and "intake" in last[2] and DEMO_PASSWORD in last[2]
    assert last[-1].split() == ["Administrator", "admin", DEMO_PASSWORD]


def test_demo_server_prints_the_sign_ins_after_its_own_banner():
    from review_board.management.commands.runserver_demo import Command

    out = io.StringIO()
    command = Command(stdout=out)
    command.addr, command._raw_ipv6, command.protocol = "127.0.0.1", False, "http"
    command.on_bind("8000")
    printed = out.getvalue()
    assert printed.index("Starting development server") < printed.index("Role")
    assert printed.rstrip().endswith(DEMO_PASSWORD)
