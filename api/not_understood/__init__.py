"""Resident messages the bot did not understand, kept (redacted, unlinked) for the editors."""
