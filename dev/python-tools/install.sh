#!/usr/bin/env bash
# Installs the project's Python tools (Airflow, dbt, moto, checkov, sqlfluff, ruff) into
# git-ignored virtual environments under .tools/<name>, one per pin file dev/python-tools/<name>.txt
# (separate environments because their pins conflict: Airflow and dbt disagree on half their deps).
#
#   bash dev/python-tools/install.sh            # every environment
#   bash dev/python-tools/install.sh dbt aws    # only these
#
# A second run reuses an environment whose pin file has not changed (a stamp holds its sha256).
# Needs python3 >= 3.10 with the venv module, and PyPI. VOYAGER_TOOLS_DIR moves .tools elsewhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${VOYAGER_TOOLS_DIR:-$root/.tools}"
python="${PYTHON:-python3}"
mkdir -p "$tools"

if [ "$#" -gt 0 ]; then names=("$@"); else
  names=()
  for f in "$here"/*.txt; do names+=("$(basename "$f" .txt)"); done
fi

for name in "${names[@]}"; do
  pins="$here/$name.txt"
  [ -f "$pins" ] || { echo "python-tools: no pin file $pins" >&2; exit 2; }
  venv="$tools/$name"
  # The stamp holds the pins' hash and the venv's own path: console scripts carry the absolute path
  # of their interpreter, so a venv moved or copied from elsewhere is reinstalled, not trusted.
  want="$(sha256sum "$pins" | cut -d' ' -f1) $venv"
  if [ -f "$venv/.pins-sha256" ] && [ "$(cat "$venv/.pins-sha256")" = "$want" ]; then
    echo "python-tools: $name up to date ($venv)"
    continue
  fi
  echo "python-tools: installing $name into $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$pins"
  echo "$want" > "$venv/.pins-sha256"
done
