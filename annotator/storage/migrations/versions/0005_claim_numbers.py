"""Stable claim numbers: each claim gets a number once, when it is made, from a per-project
counter that never goes back, so "claim 12" means the same claim in the team chat, the window
and every report. Existing claims are numbered in the order they were made. The project row
also gains a JSON ``options`` column for per-project preferences (export choices).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.add_column(
            sa.Column("next_claim_number", sa.Integer, nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("options", sa.Text, nullable=False, server_default="{}"))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("number", sa.Integer, nullable=False, server_default="0"))
    connection = op.get_bind()
    # Creation order: the time each claim was made, then the order the rows were written.
    ids = connection.execute(sa.text("SELECT id FROM claims ORDER BY created_at, rowid")).scalars()
    for number, claim_id in enumerate(list(ids), start=1):
        connection.execute(
            sa.text("UPDATE claims SET number = :number WHERE id = :id"),
            {"number": number, "id": claim_id},
        )
    connection.execute(
        sa.text("UPDATE project SET next_claim_number = (SELECT COUNT(*) + 1 FROM claims)")
    )
    op.create_index("ix_claims_number", "claims", ["number"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_claims_number", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("number")
    with op.batch_alter_table("project") as batch:
        batch.drop_column("options")
        batch.drop_column("next_claim_number")
