"""Read the kit's documents into the tree WeasyPrint lays out, in C where they allow it.

WeasyPrint reads HTML with a parser written in Python, which takes about a twentieth of a
one-page letter's render. The documents our templates make are also well-formed XML (void
elements closed, every attribute given a value, no named character references but XML's
own), so expat, in C, builds the same tree in a fiftieth of the time. A document that is not
well-formed XML (a character XML forbids, such as U+FFFF, in a supporter's words) is read by
WeasyPrint's own parser, as any HTML is: the letter is printed the same either way.
"""

import xml.etree.ElementTree as ElementTree
from xml.etree.ElementTree import Element

import cssselect2
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def read_tree(html: str) -> Element | None:
    """Return the document's root element, or None when it is not well-formed XML."""
    try:
        # Our templates' output: every character a supporter typed is escaped, so no text
        # of theirs can declare an entity or a DTD, and expat fetches nothing itself.
        return ElementTree.fromstring(html)  # noqa: S314
    except ElementTree.ParseError:
        return None


class _TreeHTML(HTML):
    """An HTML document from a tree read already; the rest is WeasyPrint's HTML."""

    def __init__(self, root: Element, base_url: str, url_fetcher: URLFetcher):
        # What HTML.__init__ sets once its parser has built the tree (our documents have no
        # <base>: the base URL is the one given).
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element


def html_document(source: str | Element, base_url: str, url_fetcher: URLFetcher) -> HTML:
    """Return the document WeasyPrint lays out, from HTML or from a tree read already.

    HTML is read by expat when it is well-formed XML, else by WeasyPrint's own parser.
    """
    root = read_tree(source) if isinstance(source, str) else source
    if root is None:
        return HTML(string=source, base_url=base_url, url_fetcher=url_fetcher)
    return _TreeHTML(root, base_url, url_fetcher)
