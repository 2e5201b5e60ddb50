"""The action page, preselection, the PDF letters and the tweets page, through the client."""

from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pdfplumber
import pytest

from tests.support.apps import TODAY, frozen_app
from tests.support.forms import VALID_FORM, form_with
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL


def test_page_shows_the_action_then_the_form(client, action):
    page = parse(client.get(ACTION_URL))
    main = page.select_one("main")
    assert "UA 2/19" in main.select_one(".caption").get_text()
    assert main.select_one("h1").get_text(strip=True) == action.title
    assert action.summary in main.get_text(" ", strip=True)
    assert page.select_one("form.letter-form")["action"] == LETTER_URL
    assert page.select_one("form.letter-form")["method"] == "post"
    assert page.select_one("section.preview")["data-url"] == PREVIEW_URL
    # Filled in by the page's script with the supporter's own date, for the letter.
    assert page.select_one("form.letter-form input[name=client_date]")["type"] == "hidden"


def test_form_fields_keep_their_public_names(client):
    page = parse(client.get(ACTION_URL))
    names = {control["name"] for control in page.select("form.letter-form [name]")}
    assert {
        "name",
        "about",
        "location",
        "address",
        "message",
        "points",
        "recipients",
        "format",
        "paper",
    } <= names
    assert page.select_one("textarea[name=address]") is not None
    assert page.select_one("textarea[name=message]") is not None


def test_points_are_shown_with_their_full_wording(client, action):
    page = parse(client.get(ACTION_URL))
    for point in action.points:
        label = page.select_one(f"label[for={page.select_one(f'input[value={point.id}]')['id']}]")
        assert label.get_text(" ", strip=True) == point.wording[0].upper() + point.wording[1:]


def test_defaults_all_recipients_a_pdf_on_letter_paper(client):
    page = parse(client.get(ACTION_URL))
    assert [i["value"] for i in page.select("input[name=recipients][checked]")] == [
        "kremlin",
        "embassy",
        "investigation-committee",
    ]
    assert page.select("input[name=points][checked]") == []
    assert page.select_one("input[name=format][checked]")["value"] == "pdf"
    assert page.select_one("input[name=paper][checked]")["value"] == "letter"


@pytest.mark.parametrize(
    ("query", "points", "recipients", "format_", "paper"),
    [
        (
            "?points=investigate&points=safety&recipients=kremlin",
            ["investigate", "safety"],
            ["kremlin"],
            "pdf",
            "letter",
        ),
        (
            "?points=condemn&recipients=embassy&recipients=kremlin&format=tweet&paper=a4",
            ["condemn"],
            ["kremlin", "embassy"],
            "tweet",
            "a4",
        ),
        (
            "?points=nonsense&recipients=nobody&format=fax",
            [],
            ["kremlin", "embassy", "investigation-committee"],
            "pdf",
            "letter",
        ),
    ],
)
def test_links_preselect_exactly_the_boxes_they_name(
    client, query, points, recipients, format_, paper
):
    page = parse(client.get(ACTION_URL + query))
    assert [i["value"] for i in page.select("input[name=points][checked]")] == points
    assert [i["value"] for i in page.select("input[name=recipients][checked]")] == recipients
    assert page.select_one("input[name=format][checked]")["value"] == format_
    assert page.select_one("input[name=paper][checked]")["value"] == paper


@pytest.mark.parametrize("path", [ACTION_URL, "/"])
def test_personal_fields_are_never_read_from_the_url(client, path):
    query = "?name=Ann&about=Hello&location=Here&address=There&message=Hi&points=justice"
    response = client.get(path + query, follow_redirects=True)
    assert response.request.path == ACTION_URL
    page = parse(response)
    for field in ("name", "location"):
        assert page.select_one(f"#{field}").get("value", "") == ""
    for field in ("about", "address", "message"):
        assert page.select_one(f"#{field}").get_text().strip() == ""
    assert response.status_code == 200


def test_pdf_is_an_attachment_without_personal_data_in_its_name(client):
    response = client.post(LETTER_URL, data=VALID_FORM)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.endswith("filename=letters-ua-2-19.pdf")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "recipients",
    [
        ["kremlin"],
        ["embassy", "investigation-committee"],
        ["kremlin", "embassy", "investigation-committee"],
    ],
)
def test_one_page_per_recipient_each_with_its_address_and_copies(client, action, recipients):
    pages = pdf_pages(client.post(LETTER_URL, data=form_with(recipients=recipients)).data)
    assert len(pages) == len(recipients)
    for text, recipient_id in zip(pages, recipients, strict=True):
        recipient = action.recipient(recipient_id)
        for line in recipient.address_block:
            assert line in text
        # With the President chosen, the others' pages are copies of the letter to him.
        addressee = action.primary if action.primary.id in recipients else recipient
        assert addressee.salutation in text
        copied = addressee.id if addressee is action.primary else recipient_id
        others = [action.recipient(r) for r in recipients if r != copied]
        if others:
            assert "cc:" in text
            for other in others:
                assert f"{other.full_name}, {other.title}" in text
        else:
            assert "cc:" not in text


def test_letter_carries_the_senders_details_and_words():
    # The order they come in is test_printed_kit's test_letter_reads_in_order.
    client = frozen_app().test_client()
    text = pdf_pages(client.post(LETTER_URL, data=VALID_FORM).data)[0]
    for expected in (
        "Ann Example",
        "12 Example Street",
        "Halifax, NS B3H 1A1",
        f"Halifax, Nova Scotia, {TODAY}",
        "Dear President Putin,",
        "I am a retired nurse from Halifax.",
        "Please act now.",
        "Yours sincerely,",
    ):
        assert expected in text


def test_letter_holds_the_chosen_points_and_none_of_the_others(client, action):
    text = pdf_pages(client.post(LETTER_URL, data=form_with(points=["justice", "condemn"])).data)[0]
    for point in action.points:
        found = [p for p in point.phrasings if " ".join(p.split()) in text]
        assert len(found) == (1 if point.id in ("justice", "condemn") else 0), point.id


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_type_is_never_smaller_than_10_5_points(client, paper):
    # Each page's size is test_printed_kit's test_envelope_pages_have_the_envelopes_size.
    pdf = client.post(LETTER_URL, data=form_with(paper=paper)).data
    with pdfplumber.open(BytesIO(pdf)) as document:
        sizes = {round(char["size"], 1) for page in document.pages for char in page.chars}
    assert min(sizes) >= 10.5


def test_tweets_page_shows_copyable_tweets_with_intent_links(client):
    response = client.post(LETTER_URL, data=form_with(format="tweet"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)
    areas = page.select("textarea.tweet")
    assert len(areas) == 3  # two points and the combined tweet
    for area in areas:
        text = area.get_text().removeprefix("\n")
        assert not area.has_attr("readonly")
        assert not text.startswith("@")
        assert "@KremlinRussia_E" in text
        card = area.find_parent(class_="tweet-card")
        assert card.select_one(f"button[data-copy-target={area['id']}]").get_text() == "Copy"
        link = card.find("a", string="Open in X")
        url = urlsplit(link["href"])
        assert (url.scheme, url.netloc, url.path) == ("https", "x.com", "/intent/tweet")
        assert parse_qs(url.query) == {"text": [text]}


def test_tweets_page_without_any_handle_offers_the_letter(client):
    page = parse(client.post(LETTER_URL, data=form_with(format="tweet", recipients=["embassy"])))
    assert page.select("textarea.tweet") == []
    assert "None of the officials you chose is on X" in page.get_text()
    offer = page.select_one("section.no-account form")
    assert offer["action"] == LETTER_URL
    fields = {(i["name"], i["value"]) for i in offer.select("input[type=hidden]")}
    assert ("format", "pdf") in fields
    assert ("name", "Ann Example") in fields
    assert ("address", VALID_FORM["address"]) in fields


def test_offered_letter_posts_the_same_answers(client):
    page = parse(client.post(LETTER_URL, data=form_with(format="tweet", recipients=["embassy"])))
    data = {}
    for hidden in page.select("section.no-account input[type=hidden]"):
        data.setdefault(hidden["name"], []).append(hidden["value"])
    response = client.post(LETTER_URL, data=data)
    assert response.mimetype == "application/pdf"
    assert "Your Excellency," in pdf_pages(response.data)[0]


def test_healthz(client):
    response = client.get("/healthz")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "ok\n")
