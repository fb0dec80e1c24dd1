#!/usr/bin/env bash
# `rasa data validate` over the bot's data; any warning fails (issue: validate without warnings).
source "$(dirname "$0")/common.sh"
cd "$ROOT"
config="$(cat "$VAR/nlp/rasa-config")"
out="$(mktemp)"
status=0
"$RASA_VENV/bin/rasa" data validate --fail-on-warnings --config "$config" --domain bot/domain \
    --data bot/data nlu_data >"$out" 2>&1 || status=$?
# Rasa prints some findings (unused intents or responses) as warnings without failing on them.
if [ "$status" -eq 0 ] && grep -q "UserWarning" "$out"; then status=1; fi
if [ "$status" -ne 0 ]; then
    grep -E "UserWarning|ERROR|Error|warning" "$out" | grep -v -i "tensorflow\|PyparsingDeprecation" >&2 || cat "$out" >&2
    rm -f "$out"
    die "rasa data validate found problems"
fi
rm -f "$out"
say "rasa data validate: no warnings"
