"""Rondkomen API: the only entry point for the chat widget, counsellors and editors."""
