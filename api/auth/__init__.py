"""Counsellor accounts: passwords, login sessions with lockout, CSRF tokens."""
