"""Put laid-out parts shared by many documents into the places one document keeps for them.

A shared document (an official's address, salutation and copies list, one page per letter)
is laid out once; each supporter's document keeps a placeholder for each of its parts, an
element marked `data-slot`, the same height as the part. Both are WeasyPrint box trees:
the printed page is the supporter's, each placeholder swapped for the shared part moved to
where the placeholder was laid out. When the shared page has a frame (an element marked
`data-frame`: the letter, with its fold marks), the supporter's page goes inside it, after
the frame's own children that hold no slot; each run of the supporter's boxes marked
`data-framed` goes into the next frame within it (the list of points), empty on the shared
page. Frames draw nothing (no border or background): only their place in the tree counts.
The tree keeps its reading order, so the PDF's tags are those of the page laid out whole.

Blocks of the action's words kept from another document (see common.py) are put in the
places emptied for them the same way, before the officials' parts: put_common.
"""

from collections.abc import Iterator, Mapping, Sequence
from xml.etree.ElementTree import Element

from weasyprint.document import Page
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

# A route from a page's box to a slot: (parent, index of the child) at each level.
Route = tuple[tuple[boxes.Box, int], ...]


class SlotMismatch(Exception):
    """The two pages do not have the same slots: the documents were not made as a pair."""


def _unwrapped(box):
    return box._box if isinstance(box, AbsolutePlaceholder) else box


def _marked(box, attribute: str, route: Route = ()) -> Iterator[tuple[Route, boxes.Box]]:
    """Yield the route to each outermost box under `box` whose element has the attribute.

    Boxes placed absolutely are marked or hold none: they are not looked into.
    """
    for index, child in enumerate(getattr(box, "children", ())):
        here = (*route, (box, index))
        if _is_marked(child, attribute):
            yield here, child
        elif isinstance(child, boxes.ParentBox) and not isinstance(child, boxes.LineBox):
            yield from _marked(child, attribute, here)


def marked_boxes(page: Page, attribute: str) -> Iterator[boxes.Box]:
    """Yield the outermost boxes of the page whose element has the attribute."""
    for _, box in _marked(page._page_box, attribute):
        yield _unwrapped(box)


def _slots(box) -> list[tuple[Route, boxes.Box]]:
    return list(_marked(box, "data-slot"))


def _is_marked(box, attribute: str) -> bool:
    element = _unwrapped(box).element
    return element is not None and element.get(attribute) is not None


def _holds_slot(box) -> bool:
    return _is_marked(box, "data-slot") or bool(isinstance(box, boxes.ParentBox) and _slots(box))


# Marks a block of the action's words, laid out once and kept (see common.py).
COMMON = "data-common"

# What a slot placed absolutely counts as in a page's key: it is there, whatever its height.
PLACED = -1.0


def slot_key(page: Page) -> tuple[float, ...]:
    """Return the heights of a page's slots that sit in the flow, and where others are.

    Pages with the same key can share one supporter's page: it has a placeholder for each
    of their slots, and what follows each placeholder lands in the same place. Slots placed
    absolutely move nothing, so their height does not count (only that they are there).
    """
    return tuple(
        PLACED if isinstance(box, AbsolutePlaceholder) else round(box.margin_height(), 3)
        for _, box in _slots(page._page_box)
    )


def fill_slots(own: boxes.PageBox, parts: Page) -> Page:
    """Return a new page: the supporter's page box `own` with each slot holding the slot of
    `parts` in the same order.

    With a frame on `parts`, the new page is that page, its frame holding its own children
    that hold no slot, then `own`'s body. Neither is changed: the boxes on the way to each
    slot or frame are copied, and each part is copied before it is moved.
    """
    placeholders = _slots(own)
    filled = _slots(parts._page_box)
    if len(placeholders) != len(filled):
        raise SlotMismatch(f"{len(placeholders)} placeholders for {len(filled)} parts")
    root = own
    for (route, placeholder), (_, part) in zip(placeholders, filled, strict=True):
        root = _replaced(root, _route_in(root, route), _moved(part, placeholder))
    frames = list(_marked(parts._page_box, "data-frame"))
    if not frames:
        return Page(root)
    (route, frame), *others = frames
    if others:
        raise SlotMismatch(f"{len(frames)} frames on one page")
    inner = [child for child in frame.children if _is_marked(child, "data-frame")]
    framed = frame.copy()
    framed.children = [
        *(c for c in frame.children if not _holds_slot(c) and not _is_marked(c, "data-frame")),
        *_in_frames(_body(root).children, inner),
    ]
    return Page(_replaced(parts._page_box, route, framed))


def put_common(page: Page, parts: Mapping[Element, boxes.Box]) -> boxes.PageBox:
    """Return the page's box with each box made by an element of `parts` swapped for its part.

    Each part is moved to where the box it takes the place of was laid out (the box is
    empty, of the part's height); `page` and the parts are not changed. The result is a
    page's box, not a page: fill_slots makes the page.
    """
    root = page._page_box
    for route, placeholder in list(_marked(root, COMMON)):
        part = parts.get(_unwrapped(placeholder).element)
        if part is not None:
            root = _replaced(root, _route_in(root, route), _moved(part, placeholder))
    return root


def _in_frames(children: list, frames: list) -> list:
    """Return the children with each run of those marked `data-framed` in the next frame."""
    result, frames, run = [], iter(frames), None
    for child in children:
        if not _is_marked(child, "data-framed"):
            result.append(child)
            run = None
            continue
        if run is None:
            try:
                run = next(frames).copy()
            except StopIteration:
                raise SlotMismatch("more runs of framed boxes than frames") from None
            run.children = []
            result.append(run)
        run.children.append(child)
    return result


def _body(page_box) -> boxes.Box:
    """Return the body's box on a page (the root box's child made by <body>)."""
    (html,) = (child for child in page_box.children if child.element_tag == "html")
    (body,) = (child for child in html.children if child.element_tag == "body")
    return body


def _moved(part, placeholder):
    """Return the part moved to where the placeholder was laid out (a copy, if it moves)."""
    dx = placeholder.position_x - part.position_x
    dy = placeholder.position_y - part.position_y
    if dx == dy == 0:
        return part  # drawing changes no box: one part can be on many pages
    moved = _unwrapped(part).deepcopy()
    moved.translate(dx, dy)
    if isinstance(part, AbsolutePlaceholder):
        placed = AbsolutePlaceholder(moved)
        placed.set_laid_out_box(moved)
        return placed
    return moved


def _route_in(root, route: Route) -> Route:
    """Return the same route through `root`, which may be a copy of the route's first box."""
    result, box = [], root
    for _, index in route:
        result.append((box, index))
        box = box.children[index]  # never an absolute box: they are not looked into
    return tuple(result)


def _replaced(root, route: Route, new) -> boxes.Box:
    """Return a copy of `root` with the box at the end of the route replaced by `new`."""
    node = new
    for parent, index in reversed(route):
        children = list(parent.children)
        children[index] = node
        node = parent.copy()  # not copy_with_children, which changes the box it copies
        node.children = children
    return node


def group_pages(keys: Sequence[tuple[float, ...]]) -> list[list[int]]:
    """Return page numbers grouped by key, each group in order, groups by first page."""
    groups: dict[tuple[float, ...], list[int]] = {}
    for number, key in enumerate(keys):
        groups.setdefault(key, []).append(number)
    return list(groups.values())
