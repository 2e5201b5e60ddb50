"""The kit's own wording in a language, from the site's translation catalogues.

The sending guide speaks the page's language and the PDF's title the letters': both come
from the catalogues under translations/ that the pages use (English, the language the
messages are written in, has none). Several threads render kits at once, in different
languages, so nothing here is installed in the template environment: each render is given
callables bound to its own language, and only the loaded catalogues, which never change,
are shared.
"""

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

# The project's catalogues: translations/<language>/LC_MESSAGES/messages.mo, compiled by
# `make translations` (found here rather than in the app's configuration, which is Flask's).
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "translations"


@cache
def translations(language: str) -> NullTranslations:
    """Return a language's catalogue, loaded once; without one, the messages as written."""
    return Translations.load(str(TRANSLATIONS_DIR), [language])


def template_callables(language: str) -> dict[str, Callable]:
    """Return what a template's messages need for one render in a language.

    `gettext` and `ngettext` behave as Jinja's "newstyle" ones (which `{% trans %}` and
    `_()` call, found in the render's context): they fill in the named placeholders, and
    escape the values in an autoescaped template. `translated` returns a message marked
    where it is defined (N_, in paper.py), as it is. `alternatives` offers choices as a
    sentence of the language does: "A or B".
    """
    catalogue = translations(language)

    def written(context: Context, message: str, variables: dict) -> str:
        if context.eval_ctx.autoescape:
            # The catalogue is as trusted as the templates; the values are escaped.
            return Markup(message) % variables  # noqa: S704
        return message % variables

    @pass_context
    def template_gettext(context: Context, message: str, **variables: object) -> str:
        return written(context, catalogue.gettext(message), variables)

    @pass_context
    def template_ngettext(
        context: Context, singular: str, plural: str, num: int, **variables: object
    ) -> str:
        variables.setdefault("num", num)
        return written(context, catalogue.ngettext(singular, plural, num), variables)

    return {
        "gettext": template_gettext,
        "ngettext": template_ngettext,
        "translated": catalogue.gettext,
        "alternatives": lambda choices: alternatives(choices, catalogue.gettext),
    }


def alternatives(choices: Sequence[str], gettext: Callable[[str], str]) -> Markup:
    """Return choices as a sentence of a language offers them: "A or B", by its `gettext`.

    Markup's own formatting keeps the choices' links and escapes any other text; the pattern
    is the catalogue's, as trusted as a template. The pages and the kit both offer choices so.
    """
    escaped = [escape(choice) for choice in choices]
    if len(escaped) < 2:
        return Markup("").join(escaped)
    pattern = Markup(gettext("%(choices)s or %(last)s"))  # noqa: S704
    return pattern % {"choices": Markup(", ").join(escaped[:-1]), "last": escaped[-1]}
