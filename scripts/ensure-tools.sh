#!/usr/bin/env bash
# Makes sure the system tools briefdeck needs are there, installing Debian's packages when
# missing (as root with apt-get), else saying how to get them.
#   browser        diagrams, fitting, PDF export: any browser briefdeck finds (BRIEFDECK_BROWSER
#                  names one); none there: Chromium's headless shell (Debian's
#                  chromium-headless-shell: the same pages for a third of Chromium's start), or
#                  Chromium where the package sources have no shell (Puppeteer never downloads one)
#   chromium       the tests: Chromium itself (what a machine without the shell runs; a test
#                  compares its PDFs with the shell's)
#   chromium-headless-shell  the tests: the shell, which briefdeck prefers, where apt has it
#   poppler-utils  the tests read PDFs back with pdftotext, pdffonts, pdfinfo, pdftoppm
#   libreoffice-impress-nogui  the tests open the PowerPoint files in LibreOffice and print them
#                  to PDF, through one LibreOffice kept running for the run (tests/office.py, with
#                  python3-uno); no GUI, so a fresh machine installs it in about a minute
#   qpdf           the tests check that a finished PDF's structure is valid (qpdf --check)
#   python3        the tests read every XML part of the PowerPoint files with expat (tests/xml.ts)
set -euo pipefail
missing=()
updated=""
# Whether apt can install a package (as root, the package lists fetched once if a fresh machine has none).
apt_has() {
  apt-cache show "$1" >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "$updated" ] || return 1
  updated=1
  apt-get update -qq >/dev/null 2>&1 || return 1
  apt-cache show "$1" >/dev/null 2>&1
}
for package in "$@"; do
  case "$package" in
    browser)
      [ -n "${BRIEFDECK_BROWSER:-}" ] && continue
      found=""
      for candidate in /usr/lib/chromium/chromium-headless-shell chromium-headless-shell chromium chromium-browser google-chrome-stable google-chrome; do
        command -v "$candidate" >/dev/null 2>&1 && found=1 && break
      done
      if [ -z "$found" ]; then
        if apt_has chromium-headless-shell; then missing+=(chromium-headless-shell); else missing+=(chromium); fi
      fi ;;
    chromium-headless-shell)
      [ -x /usr/lib/chromium/chromium-headless-shell ] || command -v chromium-headless-shell >/dev/null 2>&1 && continue
      apt_has chromium-headless-shell && missing+=(chromium-headless-shell) ;;
    chromium)
      [ -n "${BRIEFDECK_BROWSER:-}" ] && continue
      found=""
      for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
        command -v "$candidate" >/dev/null 2>&1 && found=1 && break
      done
      [ -z "$found" ] && missing+=(chromium) ;;
    poppler-utils)
      for tool in pdftotext pdffonts pdfinfo pdftoppm; do
        command -v "$tool" >/dev/null 2>&1 || { missing+=(poppler-utils); break; }
      done ;;
    libreoffice-impress-nogui)
      # soffice alone is not enough: without Impress it cannot load a .pptx ("source file could not be loaded").
      { command -v soffice >/dev/null 2>&1 && dpkg-query -W -f='${Status}' libreoffice-impress-nogui libreoffice-impress 2>/dev/null | grep -q 'install ok installed'; } || missing+=(libreoffice-impress-nogui)
      # LibreOffice's Python binding (a package LibreOffice recommends) for the system's Python.
      [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || missing+=(python3-uno) ;;
    qpdf)
      command -v qpdf >/dev/null 2>&1 || missing+=(qpdf) ;;
    python3)
      python3 -c 'import xml.parsers.expat, zipfile, json' >/dev/null 2>&1 || missing+=(python3) ;;
    *) echo "[briefdeck] ensure-tools: unknown package $package" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[briefdeck] installing Debian's ${missing[*]} (apt-get install)" >&2
  [ -n "$updated" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "[briefdeck] error: missing ${missing[*]}. Install (Debian/Ubuntu): sudo apt-get install ${missing[*]}" >&2
[[ " ${missing[*]} " == *" chromium"* ]] && echo "            or set BRIEFDECK_BROWSER to the path of a Chromium or Chrome." >&2
exit 1
