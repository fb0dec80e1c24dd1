"""Staff accounts per municipality (issue 15): an account can be deactivated by its
municipality's admin, and the audit log names the account an admin changed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counsellor_users") as batch:
        batch.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("subject", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("subject")
    with op.batch_alter_table("counsellor_users") as batch:
        batch.drop_column("active")
