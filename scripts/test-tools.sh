#!/usr/bin/env bash
# Install, from the Debian packages, the programs the test suite opens its output with:
# LibreOffice (headless Writer) to check that the report's DOCX opens and converts.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing LibreOffice Writer (headless) from the Debian packages..." >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui >&2
fi
