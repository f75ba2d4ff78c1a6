#!/usr/bin/env bash
# Create the virtual environment and install Liaison with its pinned dependencies, then convert
# the classifier's model once for its runtime (a no-op when already done).
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
# The accurate classifier's model, from the installed wheel into OpenVINO's format in the venv
# (about 15 s the first time; offline; without it the classifier falls back to PyTorch).
"$venv/bin/python" -m liaison.classify.convert
