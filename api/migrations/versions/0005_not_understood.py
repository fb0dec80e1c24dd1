"""Messages the bot did not understand, kept redacted and unlinked for the editors (issue 14);
the chat session remembers what the NLU made of the last message.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "not_understood",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(100), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
    )
    op.create_index("ix_not_understood_municipality", "not_understood", ["municipality"])
    op.create_index("ix_not_understood_day", "not_understood", ["day"])
    with op.batch_alter_table("chat_sessions") as batch:
        batch.add_column(sa.Column("last_intent", sa.String(100), nullable=True))
        batch.add_column(sa.Column("last_confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_sessions") as batch:
        batch.drop_column("last_confidence")
        batch.drop_column("last_intent")
    op.drop_index("ix_not_understood_day", table_name="not_understood")
    op.drop_index("ix_not_understood_municipality", table_name="not_understood")
    op.drop_table("not_understood")
