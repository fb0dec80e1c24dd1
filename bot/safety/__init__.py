"""The safety net and language layer of the NLU pipeline (patterns in YAML, no Rasa here)."""
