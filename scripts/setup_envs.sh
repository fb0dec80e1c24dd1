#!/usr/bin/env bash
# Create or update the two virtual environments. Nothing is reinstalled when pyproject.toml has
# not changed since the last successful install (a stamp with its hash says so).
source "$(dirname "$0")/common.sh"
cd "$ROOT"

pyproject_hash="$(sha256sum pyproject.toml | cut -c1-16)"

ensure_venv() {  # ensure_venv DIR PYTHON EXTRAS
    local dir="$1" python="$2" extras="$3" stamp="$1/.rondkomen-installed"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pyproject_hash:$extras" ]; then
        return 0
    fi
    if [ ! -x "$dir/bin/python" ]; then
        say "creating $dir with $("$python" --version)"
        "$python" -m venv "$dir"
    fi
    say "installing packages into $dir (first time: a few minutes)"
    "$dir/bin/python" -m pip install --quiet --upgrade "pip<25" >/dev/null 2>&1 || true
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[$extras]" \
        2> >(grep -v "^WARNING: Location" >&2)
    echo "$pyproject_hash:$extras" > "$stamp"
}

py310="$(find_python310)" || die "Python 3.10 is needed for Rasa 3.6 and was not found.
Install it (for example: 'pyenv install 3.10.13', or 'apt-get install python3.10 python3.10-venv'),
or set PYTHON310=/path/to/python3.10, or use Docker (see README.md)."
py311="$(find_python311)" || die "Python 3.11 or newer is needed for the API and was not found.
Install it (for example: 'pyenv install 3.11.7'), or set PYTHON311=/path/to/python3.11."

ensure_venv "$RASA_VENV" "$py310" "rasa,nlp,test-rasa"
ensure_venv "$API_VENV" "$py311" "api,dev,browser"
