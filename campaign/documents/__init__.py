"""Lay composed letters out as HTML, the first of the two steps to a PDF."""

from collections.abc import Iterator, Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from campaign.compose.letter import Letter


class LetterDocuments:
    """Renders letters with a Jinja environment of its own: autoescaped, strict about blanks."""

    def __init__(self, templates_dir: Path):
        self._env = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._template = self._env.get_template("documents/letters.html")

    def render_html(
        self, letters: Sequence[Letter], *, title: str, language: str, compact: bool = False
    ) -> str:
        """Return one HTML document holding every letter, each starting a new page.

        The compact layout tightens the spacing (never the type size) for letters whose
        every field is at its longest.
        """
        return self._template.render(
            letters=letters, title=title, language=language, compact=compact
        )

    def layouts(self, letters: Sequence[Letter], *, title: str, language: str) -> Iterator[str]:
        """Yield the letters' HTML in the layouts to try, the preferred one first."""
        for compact in (False, True):
            yield self.render_html(letters, title=title, language=language, compact=compact)
