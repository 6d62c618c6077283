#!/usr/bin/env bash
# Restores a backup made by scripts/db-backup.sh into an EMPTY database, then checks it.
#   DATABASE_URL=postgres://.../portal_restored scripts/db-restore.sh FILE
# Create the database first (createdb, or CREATE DATABASE). After the restore the audit
# chain is verified; a broken chain fails the restore.
set -euo pipefail
file=${1:?usage: scripts/db-restore.sh FILE}
url=${DATABASE_URL:?DATABASE_URL must name the empty PostgreSQL database to restore into}
case "$url" in postgres://*|postgresql://*) ;; *) echo "DATABASE_URL is not PostgreSQL" >&2; exit 2 ;; esac
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="${url/#postgres:/postgresql:}" "$file"
python=${PYTHON:-python}
[ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ] && python=.venv/bin/python
"$python" manage.py verify_audit_chain
