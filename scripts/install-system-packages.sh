#!/usr/bin/env bash
# Installs the Debian packages the portal and its tests need, where what they provide is missing.
#   scripts/install-system-packages.sh run    -> what serving the portal needs
#   scripts/install-system-packages.sh test   -> plus Chromium, Redis and PDF tools for the tests
#   scripts/install-system-packages.sh bench  -> plus Redis and wrk for the load benchmark
set -euo pipefail

missing=()
need_command() {  # need_command COMMAND PACKAGE...
  command -v "$1" >/dev/null 2>&1 || missing+=("${@:2}")
}
need_package() {  # need_package PACKAGE (a library with no command to look for)
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || missing+=("$1")
}

python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
need_command npm nodejs npm
need_command msgfmt gettext
need_package libpango-1.0-0
need_package libpangoft2-1.0-0
need_package libharfbuzz-subset0
if [ "${1:-run}" = "test" ]; then
  need_command chromium chromium
  need_command redis-server redis-server
  need_command pdftoppm poppler-utils
fi
if [ "${1:-run}" = "bench" ]; then
  need_command redis-server redis-server
  need_command wrk wrk
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
