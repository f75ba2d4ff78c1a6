#!/usr/bin/env bash
# Create the virtual environment and install Liaison with its pinned dependencies.
# On a Debian machine without the venv module, install it from the Debian packages first.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  echo "Installing python3-venv from the Debian packages..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -e '.[dev]'
