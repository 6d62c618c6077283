import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

from portal.checks import refuse_to_start_if_misconfigured  # noqa: E402  (needs the app registry)

refuse_to_start_if_misconfigured()

from portal.warmup import warm_up  # noqa: E402

warm_up()  # before the first request, not during it
