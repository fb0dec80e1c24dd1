#!/usr/bin/env bash
# Conversation tests: the Dutch test stories in tests/conversations/ against the trained model.
# Each user turn is also checked for its intent, so the stories test NLU and dialogue together.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
out="$VAR/test-artifacts/conversation-tests"
rm -rf "$out"
mkdir -p "$out"
status=0
"$RASA_VENV/bin/rasa" test core --stories tests/conversations \
    --model "$VAR/models/current.tar.gz" --out "$out" \
    --fail-on-prediction-errors >"$out/rasa-test.log" 2>&1 || status=$?
stories="$(grep -h -- '- story:' tests/conversations/*.yml | wc -l)"
if [ "$status" -ne 0 ]; then
    grep -A40 "WrongPredictionException" "$out/rasa-test.log" | head -60 >&2 || true
    grep -iE "error" "$out/rasa-test.log" | grep -v -i tensorflow | tail -10 >&2 || true
    echo "conversation tests: $stories stories: FAILED (see $out)" >&2
    exit 1
fi
echo "conversation tests: $stories stories: all passed"
