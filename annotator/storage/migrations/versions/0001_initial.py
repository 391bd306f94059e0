"""The first project schema: project settings, rating scale, documents, claims, sources.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("checker", sa.Text, nullable=False, server_default=""),
        sa.Column("publisher_name", sa.Text, nullable=False, server_default=""),
        sa.Column("publisher_url", sa.Text, nullable=False, server_default=""),
        sa.Column("publisher_logo", sa.Text, nullable=False, server_default=""),
        sa.Column("review_url", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.String(40), nullable=False, server_default=""),
    )
    op.create_table(
        "ratings",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("value", sa.Float, nullable=True),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text, nullable=False),
        sa.Column("published", sa.String(40), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("lang", sa.String(20), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("original", sa.LargeBinary, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("published", sa.String(40), nullable=False),
        sa.Column("accessed", sa.String(40), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(36),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("suffix", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("claimant_name", sa.Text, nullable=False),
        sa.Column("claimant_role", sa.Text, nullable=False),
        sa.Column("claimant_url", sa.Text, nullable=False),
        sa.Column("claim_date", sa.String(40), nullable=False),
        sa.Column(
            "rating",
            sa.String(40),
            sa.ForeignKey("ratings.key", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("rated_by", sa.Text, nullable=False),
        sa.Column("rated_at", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_table(
        "claim_sources",
        sa.Column(
            "claim_id",
            sa.String(36),
            sa.ForeignKey("claims.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "source_id",
            sa.String(36),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("stance", sa.String(10), nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("claim_sources", "claims", "sources", "documents", "ratings", "project"):
        op.drop_table(table)
