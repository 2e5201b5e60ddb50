"""Lay out once the paragraphs that many supporters' letters share, and keep them.

Most of a letter's body is the action's words: its concern, the lead-in, the points, the
close and the closing formula, each in one of a few phrasings. In the supporter's document
each such block is a child of <body> marked `data-common`: it holds nothing of the
supporter's, and nothing places or styles it by its neighbours, so its laid-out box
depends only on its own HTML and on the document's <html> and <body> (language, paper,
compact layout): that is its key. The first document that holds a block lays it out, in a
document of the blocks not kept yet; in every document, a block that is kept is emptied and
given the kept box's height, so the supporter's page is laid out around it, and the kept
box is then put in its place (see slots.put_common). A block that cannot be kept (one
that would not fit on a page of its own) stays in the supporter's document as it is.

The warm-up lays out every phrasing of the open actions' words before the workers fork
(kit.learn_the_actions_words: 292 blocks for the shipped action, in half a second), so no
supporter's letter waits for one.
"""

from collections.abc import Callable
from copy import deepcopy
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, SubElement

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

from campaign.pdf.slots import COMMON, marked_boxes

# How many laid-out blocks a process keeps: the phrasings of the actions in use, in each
# language, paper and layout, are a few hundred (240 for the shipped action in two
# languages on two papers); each block takes about 25 kB.
COMMON_KEPT = 512

# Around each block laid out to be kept: the block is never split by a page break, and its
# top margin never meets a page's top, where it would be dropped.
_HOLDER_STYLE = "break-inside: avoid; padding-top: 1px"

Key = tuple[str, ...]


def _html(element: Element) -> str:
    """Return the element's own HTML, without the text that follows it."""
    tail, element.tail = element.tail, None
    try:
        return ElementTree.tostring(element, encoding="unicode")
    finally:
        element.tail = tail


def _hollowed(element: Element, height: float) -> None:
    """Empty the element, keeping its attributes and place, and give it this height."""
    attributes, tail = dict(element.attrib), element.tail
    element.clear()
    element.attrib.update(attributes)
    element.tail = tail
    style = f"height: {height!r}px; box-sizing: content-box"
    element.set("style", f"{attributes['style']}; {style}" if "style" in attributes else style)


class CommonParts:
    """The blocks of the action's words laid out already, by paper, document and HTML."""

    def __init__(self, lay_out: Callable[[Element, str], Document], kept: int = COMMON_KEPT):
        """`lay_out(root, paper)` lays out a document given as its tree."""
        self._lay_out = lay_out
        self._limit = kept
        # Laid-out blocks by key, the least recently used first.
        self._kept: dict[Key, boxes.BlockBox] = {}

    def hollow(self, root: Element, paper: str) -> dict[Element, boxes.BlockBox]:
        """Empty each common block of the document that can be kept; return their boxes.

        The blocks not kept yet are laid out first, together, and kept. The boxes are
        returned by the (now empty) element whose place each takes.
        """
        body = root.find("body")
        if body is None:
            return {}
        context = (paper, _html(_bare(root)), _html(_bare(body)))
        keys = {child: (*context, _html(child)) for child in body if child.get(COMMON) is not None}
        missing = {key: element for element, key in keys.items() if key not in self._kept}
        if missing:
            self._learn(root, body, paper, missing)
        parts = {}
        for element, key in keys.items():
            box = self._kept.pop(key, None)
            if box is None:
                continue  # stays in the document, laid out with it
            self._kept[key] = box  # now the most recently used
            _hollowed(element, box.height)
            parts[element] = box
        return parts

    def _learn(self, root: Element, body: Element, paper: str, missing: dict[Key, Element]):
        """Lay out the blocks in a document of their own, with the same <html> and <body>."""
        html = Element(root.tag, root.attrib)
        SubElement(html, "head")
        own_body = SubElement(html, body.tag, body.attrib)
        copies = {}
        for key, element in missing.items():
            holder = SubElement(own_body, "div", {"style": _HOLDER_STYLE})
            copy = deepcopy(element)
            copy.tail = None
            holder.append(copy)
            copies[copy] = key
        found: dict[Element, list[boxes.BlockBox]] = {}
        for page in self._lay_out(html, paper).pages:
            for box in marked_boxes(page, COMMON):
                found.setdefault(box.element, []).append(box)
        for copy, key in copies.items():
            laid_out = found.get(copy, [])
            if len(laid_out) == 1:  # whole, on one page
                if len(self._kept) >= self._limit:
                    self._kept.pop(next(iter(self._kept)))  # the least recently used
                self._kept[key] = laid_out[0]


def _bare(element: Element) -> Element:
    """Return the element alone: its tag and attributes, without text or children."""
    return Element(element.tag, element.attrib)
