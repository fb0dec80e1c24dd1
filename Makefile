# Rondkomen: the same commands locally and in CI. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
RASA_PY := .venv-rasa/bin/python
API_PY := .venv-api/bin/python
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: help setup nlp train run test user lint typecheck validate unit-tests rasa-tests conversation-tests bench bench-load content-export clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 22

setup: ## Create both environments (only what is missing) and the Dutch spaCy pipeline
	@scripts/setup_envs.sh
	@scripts/setup_nlp.sh

nlp: ## Make the Dutch spaCy pipeline available (real model or offline build)
	@scripts/setup_nlp.sh

train: setup ## Train the Rasa model when data or config changed
	@scripts/train.sh

run: train ## Set up what is missing, then start Rasa, the action server and the API on :8000
	@$(API_PY) scripts/stack.py

user: setup ## Create a staff account: make user USERNAME=sanne ROLE=counsellor|editor|admin [MUNICIPALITY=heerlen] (asks a password)
	@$(API_PY) scripts/stack.py --init-secrets
	@.venv-api/bin/python -m api.cli create-user --username "$(USERNAME)" --role "$(or $(ROLE),counsellor)" $(if $(MUNICIPALITY),--municipality "$(MUNICIPALITY)")

lint: setup ## ruff over all Python code
	@.venv-api/bin/ruff check .
	@.venv-api/bin/ruff format --check .

typecheck: setup ## mypy strict on api/ and benefits_rules/ (Python 3.11), actions/ (Python 3.10)
	@.venv-api/bin/mypy api benefits_rules
	@.venv-rasa/bin/mypy --python-version 3.10 actions benefits_rules bot/tracker_store.py bot/safety bot/channels.py bot/serve.py bot/speedups.py

validate: train ## rasa data validate (warnings fail)
	@scripts/validate.sh

test: train ## Everything: lint, types, data validation, unit, conversation, end-to-end and browser tests
	@scripts/test.sh

bench: train ## Benchmarks: rules engine, NLU on the held-out split, chat latency
	@scripts/bench.sh

bench-load: train ## Load: 50 residents at once through the API and straight to Rasa (THINK=s: typing time)
	@$(API_PY) benchmarks/bench_load.py --think "$(or $(THINK),0)"

content-export: ## Write the live (or VERSION=N) published content version back into the repository files
	@$(API_PY) scripts/content_export.py $(if $(VERSION),--version $(VERSION))

clean: ## Remove trained models, databases, logs and test artifacts (keeps the environments)
	rm -rf var/models var/log var/test-artifacts var/*.db
