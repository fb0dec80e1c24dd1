"""Warm handoff: counsellor accounts, handoffs, shared summaries, consent records, notes,
audit log and call-back requests.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "counsellor_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        _ts("locked_until", nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False, server_default=sa.false()),
        _ts("last_seen_at", nullable=True),
        _ts("created_at"),
    )
    op.create_index("ix_counsellor_users_municipality", "counsellor_users", ["municipality"])
    op.create_table(
        "counsellor_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("counsellor_users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
    )
    op.create_index("ix_counsellor_sessions_user_id", "counsellor_sessions", ["user_id"])
    op.create_index("ix_counsellor_sessions_expires_at", "counsellor_sessions", ["expires_at"])
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("chat_sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("route", sa.String(20), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("reference_code", sa.String(16), nullable=True, unique=True),
        sa.Column("removed_items", sa.JSON(), nullable=False),
        sa.Column(
            "claimed_by_id",
            sa.Integer(),
            sa.ForeignKey("counsellor_users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        _ts("created_at"),
        _ts("updated_at"),
        _ts("consented_at", nullable=True),
        _ts("claimed_at", nullable=True),
        _ts("closed_at", nullable=True),
        _ts("withdrawn_at", nullable=True),
        _ts("content_deleted_at", nullable=True),
    )
    op.create_index("ix_handoffs_session_id", "handoffs", ["session_id"])
    op.create_index("ix_handoffs_municipality", "handoffs", ["municipality"])
    op.create_index("ix_handoffs_status", "handoffs", ["status"])
    op.create_index("ix_handoffs_closed_at", "handoffs", ["closed_at"])
    op.create_table(
        "handoff_summaries",
        sa.Column(
            "handoff_id",
            sa.Integer(),
            sa.ForeignKey("handoffs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("items", sa.JSON(), nullable=False),
        _ts("updated_at"),
    )
    op.create_table(
        "handoff_messages",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "handoff_id",
            sa.Integer(),
            sa.ForeignKey("handoffs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("part", sa.String(16), nullable=False),
        sa.Column("sender", sa.String(16), nullable=False),
        sa.Column("author_name", sa.String(80), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_handoff_messages_handoff_id", "handoff_messages", ["handoff_id"])
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "handoff_id", sa.Integer(), sa.ForeignKey("handoffs.id"), nullable=False, unique=True
        ),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("item_kinds", sa.JSON(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("route", sa.String(20), nullable=False),
        _ts("consented_at"),
        _ts("withdrawn_at", nullable=True),
    )
    op.create_table(
        "counsellor_notes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "handoff_id",
            sa.Integer(),
            sa.ForeignKey("handoffs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "author_id",
            sa.Integer(),
            sa.ForeignKey("counsellor_users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("author_name", sa.String(80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_counsellor_notes_handoff_id", "counsellor_notes", ["handoff_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _ts("at"),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("counsellor_users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column(
            "handoff_id",
            sa.Integer(),
            sa.ForeignKey("handoffs.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("action", sa.String(32), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_handoff_id", "audit_log", ["handoff_id"])
    op.create_table(
        "callback_requests",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "handoff_id",
            sa.Integer(),
            sa.ForeignKey("handoffs.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("phone_encrypted", sa.Text(), nullable=False),
        sa.Column("preferred_time", sa.String(20), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_callback_requests_created_at", "callback_requests", ["created_at"])


def downgrade() -> None:
    for table in (
        "callback_requests",
        "audit_log",
        "counsellor_notes",
        "consent_records",
        "handoff_messages",
        "handoff_summaries",
        "handoffs",
        "counsellor_sessions",
        "counsellor_users",
    ):
        op.drop_table(table)
