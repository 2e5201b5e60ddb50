"""Alembic's environment: migrations run on the connection campaign.counts.migrate passes."""

from alembic import context

from campaign.counts.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `flask --app campaign counts migrate`")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
