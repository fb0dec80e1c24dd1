"""Editors' workspace (issue 14): published content versions, the live pointer, publish jobs.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_RUNNING = "status = 'running'"


def upgrade() -> None:
    op.create_table(
        "content_versions",
        sa.Column("number", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("diff", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("accuracy", sa.Float(), nullable=True),
        sa.Column("model_file", sa.Text(), nullable=False),
    )
    op.create_table(
        "content_live",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "content_jobs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("progress", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
    )
    op.create_index(
        "uq_content_jobs_one_running",
        "content_jobs",
        ["kind"],
        unique=True,
        sqlite_where=sa.text(_RUNNING),
        postgresql_where=sa.text(_RUNNING),
    )


def downgrade() -> None:
    op.drop_index("uq_content_jobs_one_running", table_name="content_jobs")
    op.drop_table("content_jobs")
    op.drop_table("content_live")
    op.drop_table("content_versions")
