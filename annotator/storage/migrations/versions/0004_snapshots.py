"""Snapshots of sources: the bytes of a captured page, PDF or image, compressed in chunks, and
where a claim's excerpt of a source was picked from a snapshot.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_snapshots",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "source_id",
            sa.String(36),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("captured_at", sa.String(40), nullable=False),
        sa.Column("url", sa.Text, nullable=False, server_default=""),
        sa.Column("archived_url", sa.Text, nullable=False, server_default=""),
        sa.Column("filename", sa.Text, nullable=False, server_default=""),
        sa.Column("has_bytes", sa.Boolean, nullable=False, server_default="1"),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_source_snapshots_source_id", "source_snapshots", ["source_id"])
    op.create_table(
        "snapshot_chunks",
        sa.Column(
            "snapshot_id",
            sa.String(36),
            sa.ForeignKey("source_snapshots.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("compressed", sa.Boolean, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "snapshot_excerpts",
        sa.Column("claim_id", sa.String(36), primary_key=True),
        sa.Column("source_id", sa.String(36), primary_key=True),
        sa.Column(
            "snapshot_id",
            sa.String(36),
            sa.ForeignKey("source_snapshots.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id", "source_id"],
            ["claim_sources.claim_id", "claim_sources.source_id"],
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_snapshot_excerpts_snapshot_id", "snapshot_excerpts", ["snapshot_id"])


def downgrade() -> None:
    for table in ("snapshot_excerpts", "snapshot_chunks", "source_snapshots"):
        op.drop_table(table)
