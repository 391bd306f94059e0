"""Alembic environment: migrations run on the connection Annotator hands over when it opens
a project (there is no alembic.ini; the project file is the database)."""

from alembic import context

from annotator.storage.rows import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
