"""Rasa project files, plus the few Python extensions the Rasa server loads (tracker stores)."""
