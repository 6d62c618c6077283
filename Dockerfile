FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 DJANGO_SETTINGS_MODULE=portal.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
        nodejs npm gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
RUN pip install --no-cache-dir . && npm ci --no-audit --no-fund
COPY . .
RUN for po in locale/*/LC_MESSAGES/*.po; do msgfmt -o "${po%.po}.mo" "$po"; done
# collectstatic needs a key to import settings; the real one comes from the environment at run time.
RUN SECRET_KEY=build-only-placeholder-key-not-used-at-run-time-0000000000 \
    python manage.py collectstatic --noinput
# Named volumes start as copies of these folders, so the portal user can write to them.
RUN useradd --system portal \
    && mkdir -p /var/lib/portal/private-media /var/lib/portal/snapshots /var/lib/portal/import-data \
    && chown portal /var/lib/portal/private-media /var/lib/portal/snapshots /var/lib/portal/import-data
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
