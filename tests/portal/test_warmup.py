"""A web process prepares its templates, languages, URLs, tasks and calendar when it starts, so
that the first resident it serves does not wait for them; and it opens no connection doing so."""

import json
import os
import socket
import subprocess
import sys

from django.template import engines

from portal import business_days
from portal.warmup import project_templates, warm_up


def _compiled() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    return set(loader.get_template_cache)  # keyed by name when found directly


def test_every_template_of_the_project_compiles_at_start():
    names = project_templates()
    assert "base.html" in names and "complaints/email/receipt.txt" in names
    assert not [name for name in names if name.startswith(("admin/", "rest_framework/"))]
    engines["django"].engine.template_loaders[0].reset()
    business_days._closed_days.cache_clear()
    timings = warm_up()
    assert set(timings) == {"templates", "languages", "urls", "tasks", "calendar"}
    assert set(names) <= _compiled()
    assert business_days._closed_days.cache_info().currsize >= 2  # this year and the next


def test_warming_up_opens_no_connection(monkeypatch):
    """Without the database marker, a query fails this test; a socket too."""
    def refuse(*args, **kwargs):
        raise AssertionError("warm_up opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    warm_up()


def test_the_wsgi_entry_point_warms_the_process_before_its_first_request():
    code = ("import json, portal.wsgi\n"
            "from portal import business_days\n"
            "from django.template import engines\n"
            "loader = engines['django'].engine.template_loaders[0]\n"
            "print(json.dumps([business_days._closed_days.cache_info().currsize, len(loader.get_template_cache)]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"})
    assert result.returncode == 0, result.stderr
    calendars, templates = json.loads(result.stdout.strip().splitlines()[-1])
    assert calendars >= 2 and templates >= len(project_templates())
