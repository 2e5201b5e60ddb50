"""Paper geometry: where the window of each envelope falls on the folded sheet."""

from dataclasses import replace

import pytest

from campaign.documents.paper import A4, INCH, LETTER, MM, PAPERS, Rect


def test_letter_window_on_a_sheet_folded_in_three():
    window = LETTER.window_on_sheet
    # #10 envelope 4.125 in tall, sheet panel 11/3 in: the sheet sits 0.458 in down.
    assert window.left == pytest.approx(0.375 * INCH)
    assert window.top == pytest.approx((2.5 - (4.125 - 11 / 3)) * INCH)
    assert (window.width, window.height) == (4.5 * INCH, 1.125 * INCH)


def test_a4_window_matches_din_5008_form_b():
    window = A4.window_on_sheet
    assert window.left == pytest.approx(15 * MM)
    assert window.top == pytest.approx(45 * MM)
    assert window.bottom == pytest.approx(90 * MM)


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_address_area_shows_through_the_window_even_if_the_sheet_slides(paper):
    window = paper.window_on_sheet
    slack = (paper.envelope.width - paper.width) / 2
    for shift in (-slack, 0, slack):
        moved = Rect(window.left + shift, window.top, window.width, window.height)
        assert moved.contains(paper.address), shift


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_sheet_folds_into_its_envelope(paper):
    assert paper.folds[0] < paper.envelope.height
    assert paper.width < paper.envelope.width
    assert paper.folds[0] == pytest.approx(paper.height / 3, rel=0.07)


def test_css_places_the_address_relative_to_the_page_margins():
    css = LETTER.css()
    assert "@page { size: letter;" in css
    assert f"left: {LETTER.address.left - LETTER.margin_left}pt" in css
    assert f"top: {LETTER.address.top - LETTER.margin_top}pt" in css


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        (Rect(0, 0, 10, 10), Rect(0, 0, 10, 10), True),
        (Rect(0, 0, 10, 10), Rect(1, 1, 8, 8), True),
        (Rect(0, 0, 10, 10), Rect(1, 1, 10, 8), False),
        (Rect(0, 0, 10, 10), Rect(-1, 1, 5, 5), False),
    ],
)
def test_rect_contains(outer, inner, inside):
    assert outer.contains(inner) is inside


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_address_lines_up_with_the_body_inside_the_window(paper):
    assert paper.address.left == paper.margin_left
    assert paper.window_on_sheet.contains(paper.address)


@pytest.mark.parametrize(
    ("top", "height", "panel"),
    [
        (0, 10, "top"),
        (LETTER.folds[0] - 10, 10, "top"),
        (LETTER.folds[0] - 10, 20, None),  # across the upper fold
        (LETTER.folds[0], 10, "middle"),
        (LETTER.folds[1], 10, "bottom"),
        (LETTER.height - 10, 10, "bottom"),
    ],
)
def test_panel_of_names_the_third_that_holds_a_rectangle(top, height, panel):
    assert LETTER.panel_of(Rect(72, top, 72, height)) == panel


@pytest.mark.parametrize("paper", PAPERS.values(), ids=lambda p: p.id)
def test_z_fold_leaves_the_address_and_the_window_on_the_panel_facing_out(paper):
    # Worked out from the geometry alone: the third above the upper fold holds the address
    # and, folded, the envelope's window: that third must go back and face out.
    top_panel = Rect(0, 0, paper.width, paper.folds[0])
    assert top_panel.contains(paper.address)
    assert top_panel.contains(paper.window_on_sheet)
    over, back = paper.z_fold
    assert (back.panel, back.mark, back.inward) == ("top", "upper", False)
    assert (over.panel, over.mark, over.inward) == ("bottom", "lower", True)


def test_z_fold_refuses_an_address_no_window_would_show():
    moved = replace(LETTER, address=Rect(72, LETTER.folds[0] + 10, 200, 60))
    with pytest.raises(ValueError, match="top panel"):
        _ = moved.z_fold
