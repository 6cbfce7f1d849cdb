#!/usr/bin/env bash
# Makes tests/corpus/<doc>/forms/ from each document's source.md (run by hand when a source or a
# form changes; the outputs are committed so that CI needs none of these tools).
# Needs (Debian): pandoc, libreoffice-writer-nogui, chromium, poppler-utils, fonts-noto-cjk.
# Usage: tests/corpus/make.sh [doc…]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node tests/corpus/make-forms.mjs "$@"
