# Shared helpers for the Makefile's scripts. Source it; it does nothing by itself.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var"
RASA_VENV="$ROOT/.venv-rasa"
API_VENV="$ROOT/.venv-api"
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=2
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Python 3.10 for Rasa (it needs >=3.8,<3.11): python3.10 on PATH, or under pyenv.
find_python310() {
    local candidate
    for candidate in "${PYTHON310:-}" python3.10; do
        if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
            command -v "$candidate"; return 0
        fi
    done
    if command -v pyenv >/dev/null 2>&1; then
        local version
        for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10\.[0-9]+$' | sort -t. -k3 -n -r); do
            candidate="$(pyenv prefix "$version")/bin/python3.10"
            if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
        done
    fi
    return 1
}

# Python 3.11 or newer for the API.
find_python311() {
    local candidate
    for candidate in "${PYTHON311:-}" python3.13 python3.12 python3.11 python3; do
        if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
            command -v "$candidate"; return 0
        fi
    done
    return 1
}

# sha256 over the content and names of the given files/folders (sorted), for caching.
content_hash() {
    find "$@" -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 2>/dev/null \
        | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16
}
