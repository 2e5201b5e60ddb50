"""The language pages are shown in, decided here at the edge, and how they write dates.

A page's language is, in order: the one its address names (`?lang=fr`), the best of the
browser's Accept-Language among the languages the site speaks, then English. A language the
address names is kept by every link and form the page makes, so a French campaign email can
link straight to the French page and the supporter stays in French. The languages the site
speaks are English (the language the pages are written in) and one per catalogue under
translations/: adding a language is adding its catalogue.
"""

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from flask import Flask, current_app, g, request, url_for
from flask_babel import Babel, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup

from campaign.documents import Formatter
from campaign.documents.catalogues import TRANSLATIONS_DIR
from campaign.web.forms import PRESELECTABLE

# The language the templates and messages are written in; the others are translations of it.
SOURCE_LANGUAGE = "en"
CATALOGUE = Path("LC_MESSAGES") / "messages.po"
# The query parameter naming the page's language.
LANGUAGE_PARAMETER = "lang"


class CatalogueNotCompiled(RuntimeError):
    """A translation catalogue has no compiled form, or an older one than its source."""


def available_languages(directory: Path = TRANSLATIONS_DIR) -> tuple[str, ...]:
    """Return the languages the site speaks: English, then one per catalogue, sorted.

    A catalogue whose compiled form (messages.mo) is missing or older than it stops start-up,
    rather than leaving the language silently in English.
    """
    found = []
    for source in sorted(directory.glob(f"*/{CATALOGUE}")):
        compiled = source.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            raise CatalogueNotCompiled(
                f"{compiled} is missing or older than {source.name}: run `make translations`"
            )
        found.append(source.parent.parent.name)
    return (SOURCE_LANGUAGE, *found)


def _languages() -> tuple[str, ...]:
    return current_app.config["LANGUAGES"]


def _named_language() -> str | None:
    """Return the language the address names, if the site speaks it."""
    named = request.args.get(LANGUAGE_PARAMETER)
    return named if named in _languages() else None


def select_language() -> str:
    """Choose the page's language: the address's, then the browser's, then English."""
    named = _named_language()
    g.named_language = named
    if named:
        return named
    return request.accept_languages.best_match(_languages(), default=SOURCE_LANGUAGE)


def page_language() -> str:
    """Return the language of the page being made."""
    return str(get_locale() or SOURCE_LANGUAGE)


def long_date(day: date) -> str:
    """Return a date in words, in the page's language."""
    return Formatter(page_language()).long_date(day)


def keep_named_language(endpoint: str, values: dict) -> None:
    """Name the page's language in every address it makes, when its own address named it."""
    get_locale()  # chooses the language, and so whether the address named it, once
    named = g.get("named_language")
    if named and endpoint != "static" and LANGUAGE_PARAMETER not in values:
        values[LANGUAGE_PARAMETER] = named


def _switch_target() -> str:
    """Return the address the page has in another language, without a language yet.

    A page reached by GET is the same address, with the query's preselect choices and
    nothing else (never a supporter's answers). A page made from a POST (letters, tweets,
    text) cannot be asked for again by a link: its other language is the action's page.
    """
    if request.method in ("GET", "HEAD"):
        return request.path
    action = g.get("action")
    return url_for("action.index", slug=action.slug) if action else url_for("home.index")


def language_switch() -> list[dict[str, str]]:
    """Return the links to the page in each other language the site speaks."""
    target = _switch_target().split("?", 1)[0]
    kept = [(name, value) for name in PRESELECTABLE for value in request.args.getlist(name)]
    current = page_language()
    return [
        {
            "language": language,
            "name": Locale.parse(language).get_display_name(language).capitalize(),
            "url": f"{target}?{urlencode([*kept, (LANGUAGE_PARAMETER, language)])}",
        }
        for language in _languages()
        if language != current
    ]


def vary_on_language(response):
    """Tell caches a page chosen by Accept-Language differs with it."""
    if request.endpoint != "static" and not g.get("named_language"):
        response.vary.add("Accept-Language")
    return response


def page_gettext() -> dict[str, object]:
    """Return the templates' gettext and ngettext, bound to the page's catalogue once.

    Flask-Babel's own look the catalogue up again for every message (the request, the
    locale, the domain): a fifth of a form page's time. These are Jinja's new-style
    callables (autoescaped, %-formatted with the named values, `num` given to plurals) over
    the page's catalogue, looked up when the page's template starts rendering.
    """
    translations = get_translations()

    # The catalogue's messages are markup (trusted, as Jinja's own callables trust them);
    # the values put in them are escaped by the % of Markup.
    @pass_context
    def gettext(context, message: str, /, **values):
        text = translations.ugettext(message)
        return (Markup(text) if context.eval_ctx.autoescape else text) % values  # noqa: S704

    @pass_context
    def ngettext(context, singular: str, plural: str, number: int, /, **values):
        values.setdefault("num", number)
        text = translations.ungettext(singular, plural, number)
        return (Markup(text) if context.eval_ctx.autoescape else text) % values  # noqa: S704

    return {"gettext": gettext, "ngettext": ngettext}


def register(app: Flask) -> None:
    app.config.setdefault("LANGUAGES", available_languages())
    Babel(
        app,
        locale_selector=select_language,
        default_translation_directories=str(TRANSLATIONS_DIR),
    )
    app.url_defaults(keep_named_language)
    app.after_request(vary_on_language)
    app.context_processor(
        lambda: {"page_language": page_language(), "language_switch": language_switch}
    )
    app.context_processor(page_gettext)
    app.add_template_filter(long_date, "long_date")
