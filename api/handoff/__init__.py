"""Warm handoff from the bot to a counsellor, with the resident's explicit consent (issue 5)."""
