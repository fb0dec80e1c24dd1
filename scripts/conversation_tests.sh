#!/usr/bin/env bash
# Conversation tests: the Dutch test stories in tests/conversations/, against the trained model
# with the real action server (started here on a free port, stopped afterwards).
source "$(dirname "$0")/common.sh"
cd "$ROOT"
port="$("$API_VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log="$VAR/test-artifacts/conversation-actions.log"
"$RASA_VENV/bin/rasa" run actions --actions actions --port "$port" >"$log" 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null; wait $actions_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 1
done
endpoints="$(mktemp --suffix=.yml)"
printf 'action_endpoint:\n  url: http://127.0.0.1:%s/webhook\n' "$port" >"$endpoints"
out="$VAR/test-artifacts/conversation-tests"
rm -rf "$out"
status=0
PYTHONWARNINGS=ignore "$RASA_VENV/bin/rasa" test core --stories tests/conversations \
    --model "$VAR/models/current.tar.gz" --endpoints "$endpoints" --out "$out" \
    --fail-on-prediction-errors >"$out.log" 2>&1 || status=$?
rm -f "$endpoints"
stories="$(grep -h -- '- story:' tests/conversations/*.yml | wc -l)"
if [ "$status" -ne 0 ]; then
    grep -iE "failed|error|wrong" "$out.log" | grep -v -i tensorflow | tail -20 >&2
    [ -f "$out/failed_test_stories.yml" ] && sed -n 1,80p "$out/failed_test_stories.yml" >&2
    echo "conversation tests: $stories stories, FAILED (see $out.log)" >&2
    exit 1
fi
echo "conversation tests: $stories stories, all passed"
