#!/usr/bin/env bash
# Writes a consistent backup of the portal's PostgreSQL database (custom format, compressed).
#   scripts/db-backup.sh FILE            reads DATABASE_URL from the environment
# pg_dump takes one snapshot of the whole database, so the audit chain and the rows it
# describes are always dumped together. Back up PRIVATE_MEDIA_ROOT and keep FIELD_ENCRYPTION_KEYS
# apart from the dump: the dump holds personal fields only in their encrypted form.
set -euo pipefail
file=${1:?usage: scripts/db-backup.sh FILE}
url=${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}
case "$url" in postgres://*|postgresql://*) ;; *) echo "DATABASE_URL is not PostgreSQL" >&2; exit 2 ;; esac
url=${url/#postgres:/postgresql:}
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file" "$url"
echo "Backed up to $file ($(du -h "$file" | cut -f1))"
