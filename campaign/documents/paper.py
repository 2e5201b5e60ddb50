"""Paper sizes and their window envelopes: where the address must sit to show through.

All lengths are in PostScript points (1/72 inch), the unit of the PDF itself.
"""

from dataclasses import dataclass

INCH = 72.0
MM = 72.0 / 25.4


@dataclass(frozen=True)
class Rect:
    """A rectangle measured from the top-left corner of a sheet or envelope."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def contains(self, other: "Rect") -> bool:
        """Say whether the other rectangle lies wholly inside this one."""
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


def N_(message: str) -> str:
    """Mark a message for the catalogue: it is translated where it is shown (the guide)."""
    return message


@dataclass(frozen=True)
class Envelope:
    """A window envelope: its size and where its window is.

    `size` is its name, a message of the catalogue: the sending guide writes it in its
    language ("#10", "nᵒ 10").
    """

    size: str
    width: float
    height: float
    window: Rect


# The sheet's three panels, top to bottom, between its edges and its two folds.
PANELS = ("top", "middle", "bottom")


@dataclass(frozen=True)
class Fold:
    """One fold of a Z-fold, as a person makes it with the letter face up in front of them.

    `mark` is "upper" or "lower" (the fold marks in the margin); `inward` folds the panel
    over the writing, otherwise it goes back, behind the sheet, its writing facing out.
    """

    panel: str
    mark: str
    inward: bool


@dataclass(frozen=True)
class Paper:
    """A paper size, how it is folded, and where each part of the letter goes on it."""

    id: str
    label: str
    css_size: str
    width: float
    height: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    folds: tuple[float, ...]
    envelope: Envelope
    address: Rect
    sender_left: float

    def panel_of(self, rect: Rect) -> str | None:
        """Return which third of the sheet holds the rectangle, or None if a fold crosses it."""
        edges = (0.0, *self.folds, self.height)
        for panel, top, bottom in zip(PANELS, edges[:-1], edges[1:], strict=True):
            if top <= rect.top and rect.bottom <= bottom:
                return panel
        return None

    @property
    def z_fold(self) -> tuple[Fold, Fold]:
        """Return the folds that leave the address's panel facing out, in a window envelope.

        A window envelope needs a Z-fold: the outer panel without the address goes over the
        writing, and the one with it goes back behind the sheet, so it faces out on the front.
        The sending guide's folding step describes these folds, in one sentence per language.
        """
        # The window is at the top of the envelope's front (see `window_on_sheet`).
        if self.panel_of(self.address) != "top":
            raise ValueError(f"{self.id}: the address is not inside the top panel")
        return Fold("bottom", "lower", inward=True), Fold("top", "upper", inward=False)

    @property
    def window_on_sheet(self) -> Rect:
        """Return where the envelope's window falls on the sheet, folded in three.

        The folded sheet settles at the bottom of the envelope, centred from side to side,
        with its top panel (the address's, see `z_fold`) facing the window.
        """
        envelope = self.envelope
        down = envelope.height - self.folds[0]
        across = (envelope.width - self.width) / 2
        window = envelope.window
        return Rect(window.left - across, window.top - down, window.width, window.height)

    def css(self) -> str:
        """Return the page rules that place the letter's parts for this paper."""
        top, left = self.margin_top, self.margin_left
        address, env = self.address, self.envelope
        rules = [
            f"@page {{ size: {self.css_size}; margin: {top}pt {self.margin_right}pt "
            f"{self.margin_bottom}pt {left}pt; }}",
            f"@page envelope {{ size: {env.width}pt {env.height}pt; margin: 0; }}",
            f".letter .recipient {{ left: {address.left - left}pt; top: {address.top - top}pt;"
            f" width: {address.width}pt; height: {address.height}pt; }}",
            f".letter .heading-block {{ min-height: {self.window_on_sheet.bottom - top}pt; }}",
            f".letter .sender, .letter .date {{ margin-left: {self.sender_left - left}pt; }}",
            f".letter .copy-for {{ width: {self.sender_left - left - 0.25 * INCH}pt; }}",
            # One box marks both folds, with its top and bottom borders.
            f".fold-marks {{ left: {6 * MM - left}pt; top: {self.folds[0] - top}pt;"
            f" height: {self.folds[1] - self.folds[0]}pt; }}",
            f".envelope {{ height: {env.height}pt; }}",
        ]
        return "\n".join(rules)


LETTER = Paper(
    id="letter",
    label="Letter (8.5 × 11 in), for a #10 window envelope",
    css_size="letter",
    width=8.5 * INCH,
    height=11 * INCH,
    margin_top=0.5 * INCH,
    margin_right=0.75 * INCH,
    margin_bottom=0.5 * INCH,
    margin_left=1.0 * INCH,
    folds=(11 / 3 * INCH, 22 / 3 * INCH),
    # A #10 envelope (9.5 × 4.125 in) with the usual window: 4.5 × 1.125 in,
    # 7/8 in from the left edge and 1/2 in from the bottom.
    envelope=Envelope(
        size=N_("#10"),
        width=9.5 * INCH,
        height=4.125 * INCH,
        window=Rect(0.875 * INCH, 2.5 * INCH, 4.5 * INCH, 1.125 * INCH),
    ),
    # The window starts left of the body's margin (3/8 in from the sheet's edge, 7/8 in once
    # the sheet slides half an inch to the right); the address keeps the body's left edge,
    # and ends half an inch inside the window's right so a sheet sliding left shows it all.
    address=Rect(1.0 * INCH, 2.12 * INCH, 3.35 * INCH, 0.98 * INCH),
    sender_left=5.0 * INCH,
)

A4 = Paper(
    id="a4",
    label="A4 (210 × 297 mm), for a DL window envelope",
    css_size="A4",
    width=210 * MM,
    height=297 * MM,
    margin_top=12 * MM,
    margin_right=18 * MM,
    margin_bottom=12 * MM,
    # The body starts where the address does, 20 mm from the edge. The DL window's 5 mm of
    # slack leaves the address no room to start further right: at 25 mm it would be 75 mm
    # wide, and the directory's longest lines would break.
    margin_left=20 * MM,
    # Folded as DIN 5008 form B: the top panel is 105 mm, so the address lands in the window.
    folds=(105 * MM, 210 * MM),
    # A DL envelope (220 × 110 mm) with the usual window: 90 × 45 mm,
    # 20 mm from the left edge and 15 mm from the bottom.
    envelope=Envelope(
        size=N_("DL"),
        width=220 * MM,
        height=110 * MM,
        window=Rect(20 * MM, 50 * MM, 90 * MM, 45 * MM),
    ),
    # DIN 5008's address field, narrowed so a sheet sliding 5 mm either way still shows it.
    address=Rect(20 * MM, 50 * MM, 80 * MM, 38 * MM),
    sender_left=118 * MM,
)

PAPERS: dict[str, Paper] = {paper.id: paper for paper in (LETTER, A4)}
