#!/usr/bin/env bash
# Every check, in order; all run even when one fails, and the summary says which failed.
# Expects `make train` to have run (the Makefile does that first).
source "$(dirname "$0")/common.sh"
cd "$ROOT"
mkdir -p "$VAR/test-artifacts"
failed=()
passed=()

step() {  # step NAME COMMAND...
    local name="$1"; shift
    say "$name"
    if "$@"; then passed+=("$name"); else failed+=("$name"); fi
}

# The browser tests need Debian's Chromium; install it where we may (root with apt), else say so.
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian's chromium for the browser tests"
        (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
            || say "could not install chromium; the browser tests will say so"
    else
        say "chromium is not installed (apt-get install chromium); the browser tests will say so"
    fi
fi

config="$(cat "$VAR/nlp/rasa-config")"

step "ruff (lint)" "$API_VENV/bin/ruff" check .
step "mypy (api, benefits_rules; Python 3.11)" "$API_VENV/bin/mypy" api benefits_rules
step "mypy (actions, benefits_rules; Python 3.10)" \
    "$RASA_VENV/bin/mypy" --python-version 3.10 actions benefits_rules \
    bot/tracker_store.py bot/safety bot/channels.py bot/serve.py bot/speedups.py
step "rasa data validate" scripts/validate.sh
step "tests on the Rasa side (actions, tracker stores; Python 3.10)" \
    "$RASA_VENV/bin/pytest" -q -p no:cacheprovider -rs tests/actions tests/bot
step "conversation tests (rasa test)" scripts/conversation_tests.sh
step "API, rules, NLU data, end-to-end and browser tests" \
    "$API_VENV/bin/pytest" -q -p no:cacheprovider -rs tests \
    --ignore=tests/actions --ignore=tests/bot

echo
say "passed: ${#passed[@]}  failed: ${#failed[@]}"
for name in "${failed[@]}"; do echo "    FAILED: $name" >&2; done
[ "${#failed[@]}" -eq 0 ]
