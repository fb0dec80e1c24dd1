# Images for the three processes: docker build --target rasa|actions|api .
# docker-compose.yml runs them with PostgreSQL and Redis. The Rasa image always installs the real
# Dutch model nl_core_news_md 3.4.0 and uses bot/config.yml.

# ---------- Rasa side (Python 3.10): shared base for the Rasa server and the action server -----
FROM python:3.10-slim AS rasa-base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 PYTHONPATH=/app
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1001 rondkomen
WORKDIR /app
COPY pyproject.toml README.md ./
COPY actions ./actions
# benefits_rules carries the municipality's file (data/municipalities/<key>/municipality.yaml).
COPY benefits_rules ./benefits_rules
# The NLU safety net's patterns; the actions read its term list too.
COPY bot/__init__.py ./bot/__init__.py
COPY bot/safety ./bot/safety
RUN pip install --no-cache-dir -e ".[rasa,nlp]"

FROM rasa-base AS actions
USER rondkomen
EXPOSE 5055
CMD ["rasa", "run", "actions", "--actions", "actions", "--port", "5055"]

FROM rasa-base AS rasa
# The production Dutch model. Set NL_CORE_NEWS_MD_SHA256 to pin the wheel's hash.
ARG NL_CORE_NEWS_MD_URL=https://github.com/explosion/spacy-models/releases/download/nl_core_news_md-3.4.0/nl_core_news_md-3.4.0-py3-none-any.whl
ARG NL_CORE_NEWS_MD_SHA256=
RUN pip install --no-cache-dir --no-deps \
    "nl_core_news_md @ ${NL_CORE_NEWS_MD_URL}${NL_CORE_NEWS_MD_SHA256:+#sha256=${NL_CORE_NEWS_MD_SHA256}}"
COPY bot ./bot
COPY nlu_data ./nlu_data
RUN rasa train --config bot/config.yml --domain bot/domain --data bot/data nlu_data \
        --out /app/models --fixed-model-name rondkomen \
    && chown -R rondkomen /app/models
USER rondkomen
EXPOSE 5005
# RONDKOMEN_RASA_TOKEN and RONDKOMEN_RASA_CHANNEL_SECRET must be the same secrets as the API's.
# bot/serve.py reads the token from the environment: it never appears on a command line.
CMD ["python", "-m", "bot.serve", "--model", "/app/models/rondkomen.tar.gz", "--endpoints", "bot/endpoints.redis.yml", "--credentials", "bot/credentials.yml", "--port", "5005"]

# ---------- API (Python 3.11) -------------------------------------------------------------------
FROM python:3.11-slim AS api
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app
RUN useradd --create-home --uid 1001 rondkomen
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY benefits_rules ./benefits_rules
COPY web_widget ./web_widget
# The bot's own texts: the redaction step reads the phone numbers and postcodes the service itself
# gives from them, so a resident who repeats them is not redacted (api/redaction/_public.py).
COPY bot/domain ./bot/domain
COPY actions/texts.nl.yml ./actions/texts.nl.yml
RUN pip install --no-cache-dir -e ".[api]"
USER rondkomen
EXPOSE 8000
ENV RONDKOMEN_ENVIRONMENT=production
CMD ["uvicorn", "api.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--proxy-headers"]
