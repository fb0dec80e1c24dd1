"""Custom actions of the Rondkomen bot (Rasa SDK). Logic lives in plain functions per topic."""
