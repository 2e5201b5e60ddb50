"""Organisers' commands, run as `flask --app campaign COMMAND` (see the README)."""
