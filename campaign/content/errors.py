"""The one error content raises: what is wrong, and where."""


class ContentError(Exception):
    """A content file is missing or malformed; the message names the file, entry and field."""
