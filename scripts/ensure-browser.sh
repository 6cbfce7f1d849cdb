#!/usr/bin/env bash
# Makes sure a Chromium is there for briefdeck (diagrams, PDF, tests). Puppeteer never downloads
# one: a configured BRIEFDECK_BROWSER, else the system's, else Debian's chromium is installed.
set -euo pipefail
if [ -n "${BRIEFDECK_BROWSER:-}" ]; then exit 0; fi
for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[briefdeck] no Chromium found: installing Debian's chromium (apt-get install chromium)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "[briefdeck] error: no Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
echo "            or set BRIEFDECK_BROWSER to the path of a Chromium or Chrome." >&2
exit 1
