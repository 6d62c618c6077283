#!/usr/bin/env bash
# Installs the Debian packages the portal and its tests need, if they are missing.
#   scripts/install-system-packages.sh run    -> what serving the portal needs
#   scripts/install-system-packages.sh test   -> plus Chromium, Redis and PDF tools for the tests
set -euo pipefail

want=(python3-venv nodejs npm gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "${1:-run}" = "test" ]; then
  want+=(chromium redis-server poppler-utils)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
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
