"""What a web process prepares when it starts, so that no resident's request pays for it.

Django compiles a template, loads a language's catalogue and resolves the URL configuration on
first use, and the business-day calendar imports the holiday tables of every country when it
is first asked. Left to the first request of each worker, that is a tenth of a second or more
on top of someone's complaint: the first submission of each of four workers was the slowest
twentieth of all submissions under load. The WSGI entry point calls `warm_up()` once per
process, before the process serves anything. It opens no connection (a server that loads the
application before forking its workers shares none).
"""

import datetime
import logging
import time
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".txt")


def project_templates() -> list[str]:
    """The names of the project's own templates (each engine's DIRS, not the apps' folders)."""
    names = []
    for engine in engines.all():
        for folder in map(Path, getattr(engine, "dirs", ())):
            names += [path.relative_to(folder).as_posix() for path in sorted(folder.rglob("*"))
                      if path.suffix in TEMPLATE_SUFFIXES]
    return names


def warm_up() -> dict[str, float]:
    """Compile the project's templates, load every language's catalogue, resolve the URLs,
    register the tasks and read this year's and next year's business-day calendar. Returns
    seconds per part."""
    from portal.business_days import add_business_days

    timings = {}
    started = time.perf_counter()
    for name in project_templates():
        try:
            engines["django"].get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a fragment of another engine's syntax
            logger.warning("template %s not compiled at start", name)
    timings["templates"] = time.perf_counter() - started

    started = time.perf_counter()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    timings["languages"] = time.perf_counter() - started

    started = time.perf_counter()
    for code, _name in settings.LANGUAGES:  # imports every view; the reverse tables are per language
        with translation.override(code):
            get_resolver().reverse_dict  # noqa: B018
    timings["urls"] = time.perf_counter() - started

    started = time.perf_counter()
    from portal.celery import app

    app.finalize(auto=True)  # the task registry and its modules, built on the first .delay()
    app.backend  # noqa: B018  # the result backend and the producers, their transports
    app.producer_pool  # noqa: B018  # imported: no connection is made until a message is sent
    timings["tasks"] = time.perf_counter() - started

    started = time.perf_counter()
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        add_business_days(datetime.date(year, 1, 1), 1)
    timings["calendar"] = time.perf_counter() - started
    return timings
