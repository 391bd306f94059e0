"""Storage: one SQLite file per project, through SQLAlchemy 2, migrated by Alembic."""
