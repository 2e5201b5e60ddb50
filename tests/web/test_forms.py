"""The form's rules: boundary values for every limit, choices, and messages in one voice."""

from io import BytesIO

import pdfplumber
import pytest

from campaign.content.rules import FIELD_LIMITS
from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import LENGTH_LIMITS, form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL, shipped_action

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


# What the letter is signed with, and the country that ends the return address.

GROUP = {"name": "Amnesty Example Group", "lines": ["1 Group Street", "Halifax, NS B3H 2B2"]}
OWN_LINES = ["12 Example Street", "Halifax, NS B3H 1A1", "Canada"]
GROUP_LINES = ["Amnesty Example Group", "1 Group Street", "Halifax, NS B3H 2B2", "Canada"]


@pytest.fixture
def group_client(tmp_path):
    """Return a client for the shipped action with a local group's address to sign with."""
    folder = write_actions(
        tmp_path / "actions", {"ua-2-19": shipped_action() | {"group_address": GROUP}}
    )
    return frozen_app(ACTIONS_DIR=str(folder)).test_client()


def _offered(page) -> list[tuple[str, bool]]:
    return [
        (box["value"], box.has_attr("checked")) for box in page.select("input[name=return_address]")
    ]


def test_the_form_offers_own_address_or_none_and_the_country_of_the_action(client):
    page = parse(client.get(ACTION_URL))
    assert _offered(page) == [("own", True), ("none", False)]  # no group address is set
    assert field_value(page, "country") == "Canada"
    note = page.select_one("#return_address-hint").get_text(" ", strip=True)
    assert "The officials will see the name and address you sign with." in note
    assert (
        "If you have family, work or travel plans in the country these officials serve, "
        "signing with no address is safer." in note
    )
    assert "A letter with your real name and address is the most credible." in note


def test_the_group_address_is_offered_when_the_action_sets_one(group_client):
    page = parse(group_client.get(ACTION_URL))
    assert _offered(page) == [("own", True), ("group", False), ("none", False)]
    label = page.select_one("label[for=return_address-1]").get_text(" ", strip=True)
    assert "Amnesty Example Group, 1 Group Street, Halifax, NS B3H 2B2, Canada" in label
    note = page.select_one("#return_address-hint").get_text(" ", strip=True)
    assert note.endswith("a group address or no address is safer.")


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ("group", "This action has no group address to sign with: choose your own address or none"),
        ("embassy", "Choose what to sign your letter with"),
    ],
)
def test_a_return_address_not_offered_is_refused_kindly(client, sent, message):
    response = _post(client, return_address=sent, country="France")
    assert response.status_code == 400
    page = parse(response)
    assert _errors(page)["summary"] == [("#return_address-0", message)]
    assert field_value(page, "country") == "France"


@pytest.mark.parametrize("choice", ["own", "none"])
def test_a_reshown_form_keeps_the_return_address_and_country(client, choice):
    page = parse(_post(client, name="", return_address=choice, country="France"))
    assert ("own" if choice == "own" else "none", True) in _offered(page)
    assert [value for value, checked in _offered(page) if checked] == [choice]
    assert field_value(page, "country") == "France"


def _pdf_heading(client, **changes) -> str:
    response = client.post(LETTER_URL, data=form_with(recipients=["kremlin"], **changes))
    assert response.status_code == 200
    with pdfplumber.open(BytesIO(response.data)) as document:
        page = document.pages[0].extract_text()  # in the order the lines are on the page
    return page[: page.index("Vladimir Putin")]


def _text_heading(client, **changes) -> str:
    data = form_with(format="text", download="txt", recipients=["kremlin"], **changes)
    text = client.post(LETTER_URL, data=data).get_data(as_text=True)
    return text[: text.index("Vladimir Putin")]


def _preview_heading(client, **changes) -> str:
    page = parse(client.post(PREVIEW_URL, data=form_with(recipients=["kremlin"], **changes)))
    return page.select_one("address.sender").get_text("\n", strip=True)


@pytest.mark.parametrize(
    "heading", [_pdf_heading, _text_heading, _preview_heading], ids=["pdf", "text", "preview"]
)
@pytest.mark.parametrize(
    ("changes", "lines"),
    [
        ({}, OWN_LINES),
        ({"return_address": "own", "country": "France"}, [*OWN_LINES[:2], "France"]),
        ({"return_address": "group"}, GROUP_LINES),
        ({"return_address": "none"}, []),
    ],
    ids=["own", "own-abroad", "group", "none"],
)
def test_the_letter_is_signed_with_the_chosen_address(group_client, heading, changes, lines):
    shown = heading(group_client, **changes)
    assert "Ann Example" in shown
    for line in (*OWN_LINES, *GROUP_LINES, "France"):
        assert (line in shown) == (line in lines), line
    if lines:  # in order, the country last
        assert " ".join(shown.split()).startswith(" ".join(["Ann Example", *lines]))


@pytest.mark.parametrize(
    ("country", "last"),
    [("Canada", "Ottawa, Ontario K1N 8L5"), ("France", "CANADA")],
)
def test_officials_abroad_get_their_country_last_in_capitals(client, country, last):
    response = client.post(
        LETTER_URL, data=form_with(format="text", download="txt", country=country)
    )
    letters = response.get_data(as_text=True)
    assert letters.count("103132 Moscow\nRUSSIAN FEDERATION\n\nDear President Putin,") == 1
    assert f"{last}\n\nCopy for His Excellency Alexander Darchiev" in letters


def test_the_preview_warns_of_characters_the_fonts_cannot_print(client):
    page = parse(client.post(PREVIEW_URL, data=form_with(name="ნინო ბერიძე")))
    warning = page.select_one(".preview-warning").get_text(" ", strip=True)
    assert warning.startswith("Your name has characters we cannot print yet (ნ ი ო ბ ე)")
    assert "write it in Latin letters" in warning
    # Tweets print nothing: no warning.
    page = parse(client.post(PREVIEW_URL, data=form_with(name="ნინო ბერიძე", format="tweet")))
    assert page.select_one(".preview-warning") is None
    assert parse(client.post(PREVIEW_URL, data=form_with())).select_one(".preview-warning") is None


PRIMARY_NOTE = "The action asks you to write to Vladimir Putin, President of the Russian Federation"


def _primary_note(page):
    """Return the note that the primary official is left out, if the page shows it."""
    note = page.select_one(".primary-note")
    if note is None or note.has_attr("hidden"):
        return None
    return note.get_text(" ", strip=True)


def test_the_form_says_whom_the_action_asks_to_write_to(client):
    page = parse(client.get(ACTION_URL))
    assert (
        page.select_one("#recipients-hint")
        .get_text(strip=True)
        .startswith("The action asks you to write to Vladimir Putin and send the others a copy.")
    )
    # The note is on the page for the page's script, hidden while the primary is ticked.
    assert page.select_one("#primary-note")["data-primary"] == "kremlin"
    assert _primary_note(page) is None


@pytest.mark.parametrize(
    ("recipients", "shown"),
    [
        (["embassy"], True),
        (["embassy", "investigation-committee"], True),
        (["kremlin", "embassy"], False),
        (["kremlin"], False),
        ([], False),  # nothing chosen: the form asks for an official instead
    ],
)
def test_leaving_out_the_primary_is_pointed_out_on_the_form_and_in_the_preview(
    client, recipients, shown
):
    # A link that preselects officials, a form sent back with a mistake, and the preview.
    link = "&".join(f"recipients={r}" for r in recipients)
    pages = [
        parse(client.get(f"{ACTION_URL}?{link}")),
        parse(_post(client, recipients=recipients or None, name="")),
        parse(client.post(PREVIEW_URL, data=form_with(recipients=recipients or None))),
    ]
    for page in pages:
        note = _primary_note(page)
        assert (note is not None) == shown
        if shown:
            assert note.startswith(PRIMARY_NOTE)
            assert "not copies" in note


def test_the_preview_of_a_letter_to_the_embassy_alone_is_no_copy(client, action):
    page = parse(client.post(PREVIEW_URL, data=form_with(recipients=["embassy"])))
    letter = page.select_one(".letter-preview").get_text(" ", strip=True)
    assert page.select_one(".letter-preview .copy-for") is None
    assert "Copy" not in letter
    assert "Your Excellency," in letter
    convey = page.select_one(".letter-preview .convey").get_text(" ", strip=True)
    assert convey in action.recipient("embassy").convey


def test_the_preview_says_the_other_officials_get_copies(client):
    page = parse(client.post(PREVIEW_URL, data=form_with()))
    note = page.select_one(".preview-note").get_text(" ", strip=True)
    assert note.startswith("Your letter; copies go to the other officials.")
    assert "Dear President Putin," in page.select_one(".letter-preview").get_text()
