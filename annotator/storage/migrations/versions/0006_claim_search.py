"""Full-text search over claims: an SQLite FTS5 index of each claim's quote, summary,
rationale, notes, claimant, tags and the titles of its sources, kept current by triggers, so
the project-wide claims view finds "Mi-35" in any article at once. An index row's rowid is its
claim's number (unique, never reused, migration 0005), so every trigger finds its row through
the index instead of scanning.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The columns of a claim's index row, from the claim row ``c`` (NEW, OLD or claims itself).
_SOURCES = (
    "(SELECT group_concat(s.title || ' ' || s.publisher, ' ') FROM claim_sources AS cs "
    "JOIN sources AS s ON s.id = cs.source_id WHERE cs.claim_id = {c}.id)"
)
_ROW = (
    "{c}.number, {c}.id, {c}.quote, {c}.summary, {c}.rationale, {c}.notes, "
    "{c}.claimant_name || ' ' || {c}.claimant_role, {c}.tags, " + _SOURCES
)
_INSERT = (
    "INSERT INTO claim_search (rowid, claim_id, quote, summary, rationale, notes, claimant, tags, "
)
_INSERT += "sources) SELECT " + _ROW


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE claim_search USING fts5(claim_id UNINDEXED, quote, summary, "
        "rationale, notes, claimant, tags, sources, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(_INSERT.format(c="claims") + " FROM claims")
    op.execute(
        "CREATE TRIGGER claim_search_insert AFTER INSERT ON claims BEGIN "
        + _INSERT.format(c="NEW")
        + "; END"
    )
    op.execute(
        "CREATE TRIGGER claim_search_update AFTER UPDATE ON claims BEGIN "
        "DELETE FROM claim_search WHERE rowid = OLD.number; " + _INSERT.format(c="NEW") + "; END"
    )
    op.execute(
        "CREATE TRIGGER claim_search_delete AFTER DELETE ON claims BEGIN "
        "DELETE FROM claim_search WHERE rowid = OLD.number; END"
    )
    refresh = "UPDATE claim_search SET sources = " + _SOURCES.format(c="claims")
    op.execute(
        "CREATE TRIGGER claim_search_link AFTER INSERT ON claim_sources BEGIN "
        + refresh.replace("claims.id", "NEW.claim_id")
        + " WHERE rowid = (SELECT number FROM claims WHERE id = NEW.claim_id); END"
    )
    op.execute(
        "CREATE TRIGGER claim_search_unlink AFTER DELETE ON claim_sources BEGIN "
        + refresh.replace("claims.id", "OLD.claim_id")
        + " WHERE rowid = (SELECT number FROM claims WHERE id = OLD.claim_id); END"
    )
    op.execute(
        "CREATE TRIGGER claim_search_source AFTER UPDATE OF title, publisher ON sources BEGIN "
        "UPDATE claim_search SET sources = (SELECT group_concat(s.title || ' ' || s.publisher, "
        "' ') FROM claim_sources AS cs JOIN sources AS s ON s.id = cs.source_id "
        "WHERE cs.claim_id = claim_search.claim_id) WHERE rowid IN (SELECT c.number FROM "
        "claims AS c JOIN claim_sources AS cs ON cs.claim_id = c.id WHERE cs.source_id = NEW.id); "
        "END"
    )


def downgrade() -> None:
    for trigger in ("insert", "update", "delete", "link", "unlink", "source"):
        op.execute(f"DROP TRIGGER claim_search_{trigger}")
    op.execute("DROP TABLE claim_search")
