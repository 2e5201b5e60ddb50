"""The WSGI entry point for production servers."""

from campaign import create_app

app = create_app()
# Before gunicorn forks its workers: the database of counts gets its newest tables once.
app.extensions["counts"].migrate_at_start()
