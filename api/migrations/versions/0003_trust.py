"""Trust (issue 12): abuse and login counters, idle end of counsellor sessions, one open handoff
per conversation; the per-account lock columns go (throttling replaced the lock).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_OPEN = "status IN ('offered', 'consented', 'waiting', 'claimed', 'callback_planned')"


def upgrade() -> None:
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(160), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_rate_counters_updated_at", "rate_counters", ["updated_at"])
    with op.batch_alter_table("counsellor_sessions") as batch:
        batch.add_column(
            sa.Column(
                "last_used_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )
    with op.batch_alter_table("counsellor_sessions") as batch:
        batch.alter_column("last_used_at", server_default=None)
    with op.batch_alter_table("counsellor_users") as batch:
        batch.drop_column("failed_attempts")
        batch.drop_column("locked_until")
    # Older duplicates (from before this index) would block it: keep the newest open one.
    op.execute(
        "DELETE FROM handoffs WHERE status = 'offered' AND session_id IS NOT NULL AND id NOT IN "
        f"(SELECT MAX(id) FROM handoffs WHERE {_OPEN} GROUP BY session_id)"
    )
    op.create_index(
        "uq_handoffs_one_open_per_session",
        "handoffs",
        ["session_id"],
        unique=True,
        sqlite_where=sa.text(_OPEN),
        postgresql_where=sa.text(_OPEN),
    )


def downgrade() -> None:
    op.drop_index("uq_handoffs_one_open_per_session", table_name="handoffs")
    with op.batch_alter_table("counsellor_users") as batch:
        batch.add_column(
            sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("counsellor_sessions") as batch:
        batch.drop_column("last_used_at")
    op.drop_index("ix_rate_counters_updated_at", table_name="rate_counters")
    op.drop_table("rate_counters")
