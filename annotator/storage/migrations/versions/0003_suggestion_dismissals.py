"""Dismissed claim suggestions: a sentence the checker dismissed in a document is not
suggested again there, after a reopen or a new revision (keyed by its text, not its offsets).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_dismissals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.String(36),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("document_id", "sentence", name="uq_suggestion_dismissals"),
    )


def downgrade() -> None:
    op.drop_table("suggestion_dismissals")
