#!/usr/bin/env bash
# Train the Rasa model only when there is none for the current data and config.
# The model's name carries a hash of everything it is trained from; var/models/current points to it.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
config="$(cat "$VAR/nlp/rasa-config")"
rasa_version="$("$RASA_VENV/bin/python" -c 'import rasa; print(rasa.__version__)')"
hash="$( (content_hash "$config" bot/domain bot/data nlu_data; echo "$rasa_version") | sha256sum | cut -c1-16)"
model="$VAR/models/rondkomen-$hash.tar.gz"
mkdir -p "$VAR/models"
if [ ! -f "$model" ]; then
    say "training the Rasa model (data or config changed; about 2 minutes on 2 cores)"
    started=$(date +%s)
    mkdir -p "$VAR/log"
    if ! "$RASA_VENV/bin/rasa" train --config "$config" --domain bot/domain --data bot/data \
        nlu_data --out "$VAR/models" --fixed-model-name "rondkomen-$hash" --quiet \
        >"$VAR/log/train.log" 2>&1; then
        tail -n 30 "$VAR/log/train.log" >&2
        die "training failed (full log: var/log/train.log)"
    fi
    say "trained in $(( $(date +%s) - started )) s"
    # Keep only the newest few models.
    ls -1t "$VAR"/models/rondkomen-*.tar.gz | tail -n +4 | xargs -r rm -f
fi
ln -sfn "$(basename "$model")" "$VAR/models/current.tar.gz"
