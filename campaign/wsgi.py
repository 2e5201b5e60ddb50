"""The WSGI entry point for production servers."""

from campaign import create_app

app = create_app()
