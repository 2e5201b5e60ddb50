"""The form's rules: boundary values for every limit, choices, and messages in one voice."""

import pytest

from campaign.content.rules import FIELD_LIMITS
from tests.support.forms import LENGTH_LIMITS, form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import LETTER_URL

# Boundary values post format=tweet: the same validation, without rendering a PDF.
TWEET = {"format": "tweet"}


def _post(client, **changes):
    return client.post(LETTER_URL, data=form_with(**{**TWEET, **changes}))


def _errors(page):
    return {
        "summary": [(a["href"], a.get_text(strip=True)) for a in page.select(".error-summary a")],
        "fields": [p.get_text(" ", strip=True) for p in page.select(".error-message")],
    }


@pytest.mark.parametrize(("field", "message"), LENGTH_LIMITS)
@pytest.mark.parametrize("over", [0, 1])
def test_length_limit_boundaries(client, field, message, over):
    limit = FIELD_LIMITS[field].max_chars
    value = "é" * (limit + over)
    response = _post(client, **{field: value})
    if over:
        assert response.status_code == 400
        errors = _errors(parse(response))
        assert errors["summary"] == [(f"#{field}", message)]
        assert errors["fields"] == [f"Error: {message}"]
        assert field_value(parse(response), field) == value
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("field", "lines", "ok"),
    [("address", 6, True), ("address", 7, False), ("message", 6, True), ("message", 7, False)],
)
def test_line_limits(client, field, lines, ok):
    value = "\n".join(f"Line {n}" for n in range(1, lines + 1))
    response = _post(client, **{field: value})
    assert response.status_code == (200 if ok else 400)
    if not ok:
        label = "Your address" if field == "address" else "Your message"
        assert _errors(parse(response))["summary"] == [
            (f"#{field}", f"{label} must be {FIELD_LIMITS[field].max_lines} lines or fewer")
        ]


def test_length_counts_characters_after_cleaning(client):
    # Windows line breaks count once; spaces around the text are not counted.
    address = "\r\n".join(["x" * 49] * 6)  # 6 * 49 + 5 = 299 characters once cleaned
    assert _post(client, address=address, name="  " + "n" * 100 + "  ").status_code == 200


@pytest.mark.parametrize(
    ("changes", "summary"),
    [
        ({"name": ""}, [("#name", "Enter your name")]),
        ({"name": "   \t "}, [("#name", "Enter your name")]),
        ({"about": None}, [("#about", "Enter a sentence about yourself")]),
        # How many points: test_two_or_three_points_and_no_other_number.
        ({"points": ["investigate", "investigate"]}, [("#points-0", "Choose 2 or 3 points")]),
        ({"points": ["investigate", "pardon"]}, [("#points-0", "Choose points from the list")]),
        ({"recipients": None}, [("#recipients-0", "Choose at least one official to write to")]),
        (
            {"recipients": ["kremlin", "pope"]},
            [("#recipients-0", "Choose officials from the list")],
        ),
        ({"format": "fax"}, [("#format-0", "Choose printable letters, tweets or plain text")]),
        ({"paper": "legal"}, [("#paper-0", "Choose Letter or A4 paper")]),
        (
            {"name": "", "points": ["safety"], "recipients": None},
            [
                ("#name", "Enter your name"),
                ("#points-0", "Choose 2 or 3 points"),
                ("#recipients-0", "Choose at least one official to write to"),
            ],
        ),
    ],
)
def test_mistakes_are_summarised_and_shown_beside_their_field(client, changes, summary):
    response = _post(client, **changes)
    assert response.status_code == 400
    page = parse(response)
    assert _errors(page)["summary"] == summary
    for anchor, message in summary:
        group = page.select_one(anchor).find_parent(class_="form-group")
        assert group.select_one(".error-message").get_text(" ", strip=True) == f"Error: {message}"
        assert "form-group--error" in group["class"]
    assert page.title.get_text().startswith("Error: ")


@pytest.mark.parametrize(
    ("points", "ok"), [(0, False), (1, False), (2, True), (3, True), (4, False)]
)
def test_two_or_three_points_and_no_other_number(client, points, ok):
    chosen = ["investigate", "justice", "safety", "condemn"][:points]
    response = _post(client, points=chosen)
    assert response.status_code == (200 if ok else 400)
    summary = [] if ok else [("#points-0", "Choose 2 or 3 points")]
    assert _errors(parse(response))["summary"] == summary


def test_everything_typed_is_kept_when_the_form_is_re_shown(client):
    typed = {
        "name": "Zoë <b>O'Brien</b> & co",
        "about": "I am a teacher; I write from home.",
        "location": "Montréal, Québec",
        "address": "1 Rue Exemple\nMontréal QC",
        "message": "Line one\n\nLine two",
        "points": ["condemn"],
        "recipients": ["embassy"],
        "paper": "a4",
    }
    page = parse(_post(client, **typed))
    for field in ("name", "about", "location", "address", "message"):
        assert field_value(page, field) == typed[field]
    assert [i["value"] for i in page.select("input[name=points][checked]")] == ["condemn"]
    assert [i["value"] for i in page.select("input[name=recipients][checked]")] == ["embassy"]
    assert page.select_one("input[name=format][checked]")["value"] == "tweet"
    assert page.select_one("input[name=paper][checked]")["value"] == "a4"


def test_line_breaks_are_folded_where_a_field_has_one_line(client):
    page = parse(_post(client, about="I am a teacher.\r\nI write from home.", points=["x"]))
    assert field_value(page, "about") == "I am a teacher. I write from home."
