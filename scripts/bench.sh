#!/usr/bin/env bash
# Benchmarks (measure, never pass/fail): rules engine, redaction, NLU on the held-out split,
# latency of Rasa and of a chat turn. Results are printed and kept in var/bench/.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
mkdir -p "$VAR/bench"
{
    say "benefits_rules: 100,000 households in process, 5,000 through the CLI"
    "$API_VENV/bin/python" benchmarks/bench_benefits_rules.py
    say "redaction"
    "$API_VENV/bin/python" benchmarks/bench_redaction.py
    say "NLU on the held-out split (never trained on)"
    "$RASA_VENV/bin/rasa" test nlu --nlu tests/nlu/heldout.yml --model "$VAR/models/current.tar.gz" \
        --out "$VAR/bench/nlu" >"$VAR/bench/nlu.log" 2>&1
    "$API_VENV/bin/python" benchmarks/nlu_report.py "$VAR/bench/nlu"
    say "latency of the running stack"
    "$API_VENV/bin/python" benchmarks/bench_chat.py
    say "a publish under the chat load (editors' workspace)"
    "$API_VENV/bin/python" benchmarks/bench_publish.py
} 2>&1 | tee "$VAR/bench/report.txt"
