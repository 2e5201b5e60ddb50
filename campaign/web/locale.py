"""The language pages are shown in, decided here at the edge, and how they write dates."""

from datetime import date

from flask import Flask

from campaign.documents import Formatter

# The pages are written in English; translations come as catalogues, with no change elsewhere.
INTERFACE_LANGUAGE = "en"


def page_language() -> str:
    """Return the language of the page being made."""
    return INTERFACE_LANGUAGE


def long_date(day: date) -> str:
    """Return a date in words, in the page's language."""
    return Formatter(page_language()).long_date(day)


def register(app: Flask) -> None:
    app.context_processor(lambda: {"page_language": page_language()})
    app.add_template_filter(long_date, "long_date")
