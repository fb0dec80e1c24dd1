"""One row per text, municipality and day in the not-understood list, held by the database: the
same message arriving twice at the same moment counts twice in one row (an upsert on a unique
index over a hash of the text; the text itself may be longer than an index entry allows).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("not_understood") as batch:
        batch.add_column(sa.Column("text_hash", sa.String(64), nullable=True))
    bind = op.get_bind()
    table = sa.table(
        "not_understood",
        sa.column("id", sa.Integer()),
        sa.column("municipality", sa.String()),
        sa.column("day", sa.Date()),
        sa.column("text", sa.Text()),
        sa.column("times", sa.Integer()),
        sa.column("text_hash", sa.String()),
    )
    # Rows made twice before this revision become one, with their counts added up.
    kept: dict[tuple[str, object, str], tuple[int, int]] = {}
    rows = bind.execute(sa.select(table.c.id, table.c.municipality, table.c.day, table.c.text,
                                  table.c.times).order_by(table.c.id)).all()  # fmt: skip
    for row_id, municipality, day, text, times in rows:
        key = (municipality, day, _digest(text))
        if key in kept:
            first, total = kept[key]
            kept[key] = (first, total + times)
            bind.execute(sa.delete(table).where(table.c.id == row_id))
        else:
            kept[key] = (row_id, times)
    for (_, _, digest), (row_id, total) in kept.items():
        bind.execute(
            sa.update(table).where(table.c.id == row_id).values(text_hash=digest, times=total)
        )
    with op.batch_alter_table("not_understood") as batch:
        batch.alter_column("text_hash", existing_type=sa.String(64), nullable=False)
        batch.create_index(
            "uq_not_understood_once", ["municipality", "day", "text_hash"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("not_understood") as batch:
        batch.drop_index("uq_not_understood_once")
        batch.drop_column("text_hash")
