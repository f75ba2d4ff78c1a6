#!/usr/bin/env bash
# Create the SDG benchmark's own environment, benchmarks/sdg/.venv: the public benchmark and the
# baseline (requirements.txt) and Liaison itself from this repository, so that `liaison` is on its
# PATH. Does nothing when it is already set up for the current requirements.txt and pyproject.toml.
#
#   benchmarks/sdg/setup.sh                   # then, from the repository root:
#   benchmarks/sdg/.venv/bin/python -m benchmarks.sdg.run
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv="$here/.venv"
python=${PYTHON:-python3.11}
stamp="$venv/.installed-$(cat "$here/requirements.txt" "$root/pyproject.toml" | sha1sum | cut -c1-12)"

if [ -f "$stamp" ] && [ -x "$venv/bin/liaison" ]; then
  echo "The SDG benchmark environment is set up: $venv"
  exit 0
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
# One resolution for both, so a clash between their pins fails here rather than later.
"$venv/bin/python" -m pip install -q -r "$here/requirements.txt" -e "$root"
# The classifier's model converted for its runtime, in this environment as in the project's.
"$venv/bin/python" -m liaison.classify.convert
rm -f "$venv"/.installed-*
touch "$stamp"
echo "The SDG benchmark environment is ready: $venv"
