"""Document revisions and anchoring state: an article can gain newer versions, and each claim
records how it was placed in the current one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="1"))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(
            sa.Column("anchor_state", sa.String(10), nullable=False, server_default="exact")
        )
    op.create_table(
        "document_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.String(36),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("original", sa.LargeBinary, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("anchors", sa.Text, nullable=False, server_default="{}"),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_document_revisions_document_id", "document_revisions", ["document_id"])


def downgrade() -> None:
    op.drop_table("document_revisions")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("anchor_state")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("revision")
