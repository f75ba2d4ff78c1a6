#!/usr/bin/env bash
# Install, from the Debian packages, the programs the test suite drives or opens its output with:
# LibreOffice (headless Writer) to check that the report's DOCX opens and converts, and Chromium
# with its driver for the end-to-end tests in the browser (tests/e2e).
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
updated=""
install_from_debian() {
  if [ -z "$updated" ]; then
    as_root apt-get update -qq >&2
    updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}
if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing LibreOffice Writer (headless) from the Debian packages..." >&2
  install_from_debian --no-install-recommends libreoffice-writer-nogui
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "Installing Chromium and its WebDriver from the Debian packages..." >&2
  install_from_debian chromium chromium-driver  # with the fonts it recommends, for legible screenshots
fi
# The IATI 2.03 activity schema and codelists for tests/exports/test_iati.py, from the pyIATI 0.4.1
# source distribution on PyPI (only unpacked, never installed: it pins old lxml and jsonschema).
VENV=${VENV:-.venv}
cd "$(dirname "$0")/.."
if [ ! -d tests/.cache/pyiati/pyIATI-0.4.1 ]; then
  echo "Fetching the IATI 2.03 schemas (pyIATI 0.4.1 source distribution)..." >&2
  mkdir -p tests/.cache/pyiati
  "$VENV/bin/pip" download -q --no-deps --no-binary :all: pyiati==0.4.1 -d tests/.cache/pyiati >&2
  tar -xzf tests/.cache/pyiati/pyIATI-0.4.1.tar.gz -C tests/.cache/pyiati
fi
