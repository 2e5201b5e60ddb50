"""Serving the app in production: nginx in front of gunicorn, as `make run` starts them.

gunicorn's synchronous workers render PDFs and must never wait on a client: nginx reads
each request whole and takes each response whole (a slow client costs nginx a few
kilobytes, not a worker), limits connections per client, serves the static files, and
hands requests to gunicorn on a private Unix socket. The configuration is
deploy/nginx.conf.template; `python -m campaign.server` fills it in, starts both and stops
both. Liveness is answered by gunicorn's master (liveness.py), so it never waits behind a
render.
"""
