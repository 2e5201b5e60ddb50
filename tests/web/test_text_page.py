"""The letter as text: a page with one box per official, how to send it online, and a .txt file.

Each box holds that official's letter with every paragraph on one line, to paste into a web
form or an email that reflows it; the page links to the official's online channels from the
directory of officials, and posts the same answers for the .txt file or the printed letter.
"""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from campaign.documents.online import MAILTO_MAX_CHARS
from campaign.documents.text import SEPARATOR
from tests.support.apps import make_app
from tests.support.files import write_file
from tests.support.forms import form_with
from tests.support.reading import field_value, parse
from tests.support.shipped import ACTION_URL, LETTER_URL, RECIPIENTS_FILE

ABOUT = "I am a retired nurse from Halifax who has written to officials " + "every month " * 12
TYPED = form_with(
    format="text",
    name="Ann Example",
    about=ABOUT.strip(),
    message="First line\nsecond line.\n\nA new paragraph.",
    recipients=["kremlin", "investigation-committee"],
)
PERSONAL = ("Ann", "Example", "Halifax", "nurse", "B3H", "paragraph")
EMBASSY_EMAIL = "letters@embassy.example.org"


def _boxes(page):
    return page.select("main section.text-letter")


def _form_data(form):
    """Return what a browser sends for a form of hidden inputs."""
    data: dict[str, list[str]] = {}
    for element in form.select("input"):
        data.setdefault(element["name"], []).append(element.get("value", ""))
    return data


def _form_with_button(page, label):
    button = next(b for b in page.select("main form button") if b.get_text(strip=True) == label)
    return button.find_parent("form")


@pytest.fixture
def page(client):
    response = client.post(LETTER_URL, data=TYPED)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
    return parse(response)


def test_one_box_per_chosen_official_with_its_letter(page):
    boxes = _boxes(page)
    assert [box.select_one("h2").get_text(strip=True) for box in boxes] == [
        "To Vladimir Putin",
        "To Aleksandr Bastrykin",
    ]
    for box in boxes:
        area = box.select_one("textarea")
        assert area.has_attr("readonly")
        assert box.select_one(f"label[for={area['id']}]") is not None
        button = box.select_one("button.copy-button")
        assert button["data-copy-target"] == area["id"]
        assert box.select_one(".copy-status[role=status]") is not None
        text = field_value(page, area["id"])
        assert "Dear President Putin," in text
        assert "Ul. Ilyinka" not in text  # the website or email addresses it
    kremlin, committee = (field_value(page, box.select_one("textarea")["id"]) for box in boxes)
    assert kremlin.startswith("Dear President Putin,\n\n")
    assert committee.startswith(
        "Copy for Aleksandr Bastrykin, Chair of the Investigation Committee\n\n"
    )


def test_a_paragraph_is_one_line_in_the_box(page):
    text = field_value(page, _boxes(page)[0].select_one("textarea")["id"])
    lines = text.split("\n")
    opening = next(line for line in lines if line.startswith("I am a retired nurse"))
    assert " ".join(ABOUT.split()) in opening
    assert len(opening) > 200
    assert "\n\nFirst line\nsecond line.\n\nA new paragraph.\n\n" in text  # as typed
    box = _boxes(page)[0].select_one("textarea")
    assert int(box["rows"]) >= len(lines)


def test_the_kremlin_box_links_to_its_online_letters_site(page):
    kremlin = _boxes(page)[0]
    (link,) = kremlin.select("a[href^=http]")
    assert link["href"] == "http://en.letters.kremlin.ru"
    assert link["target"] == "_blank"
    assert "noopener" in link["rel"]
    assert "online letters site" in link.get_text()
    assert kremlin.select("a[href^=mailto]") == []


def test_an_official_without_an_online_channel_is_sent_a_fax_or_the_printed_letter(client):
    page = parse(client.post(LETTER_URL, data=TYPED | {"recipients": ["embassy"]}))
    (box,) = _boxes(page)
    said = " ".join(box.select_one(".text-letter-none").get_text().split())
    assert "no website or email address for His Excellency Alexander Darchiev" in said
    assert "1 613 236 6342" in said  # as dialled from elsewhere in Canada
    assert "printed letter" in said
    assert box.select("a") == []


def test_the_txt_file_holds_the_same_letters_as_an_attachment(client, page):
    form = _form_with_button(page, "Download as .txt")
    assert form["method"] == "post"
    assert urlsplit(form["action"]).path == LETTER_URL
    data = _form_data(form)
    assert data["download"] == ["txt"]
    assert data["format"] == ["text"]
    response = client.post(form["action"], data=data)
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == "attachment; filename=letters-ua-2-19.txt"
    assert response.headers["Cache-Control"] == "no-store"
    letters = response.get_data(as_text=True).split(SEPARATOR)
    assert len(letters) == len(_boxes(page)) == 2
    for box, letter in zip(_boxes(page), letters, strict=True):
        text = field_value(page, box.select_one("textarea")["id"])
        body = text[text.index("Dear President Putin,") : text.index("Yours sincerely,")]
        assert body in letter
    assert "Ul. Ilyinka, 23" in letters[0]  # as printed: the addresses and the date too


def test_the_printed_letter_is_one_button_away(client, page):
    form = _form_with_button(page, "Make the printable letter instead")
    data = _form_data(form)
    assert data["format"] == ["pdf"]
    assert "download" not in data
    response = client.post(form["action"], data=data)
    assert response.mimetype == "application/pdf"


def test_the_way_back_to_the_action_carries_the_answers(page):
    form = page.select_one("form.back-to-action")
    assert urlsplit(form["action"]).path == ACTION_URL
    assert _form_data(form)["name"] == ["Ann Example"]


def test_no_answer_is_ever_in_a_link_the_page_sends_anywhere(page):
    # A mailto: link hands the letter to the supporter's own mail program, not to a server.
    addresses = [
        element.get(attribute)
        for element in page.select("[href], [src], [action]")
        for attribute in ("href", "src", "action")
        if element.get(attribute) and not element.get(attribute).startswith("mailto:")
    ]
    assert addresses
    for address in addresses:
        assert not any(personal in unquote(address) for personal in PERSONAL), address


@pytest.fixture
def email_client(tmp_path):
    """An app whose directory gives the embassy an email address (no source gives one)."""
    recipients = yaml.safe_load(RECIPIENTS_FILE.read_text(encoding="utf-8"))
    recipients["recipients"][1]["online"] = [{"email": EMBASSY_EMAIL}]
    path = write_file(tmp_path, "recipients.yaml", yaml.safe_dump(recipients))
    return make_app(RECIPIENTS_FILE=str(path)).test_client()


def _email_box(client, **changes):
    page = parse(client.post(LETTER_URL, data=form_with(format="text", **changes)))
    (box,) = _boxes(page)
    (link,) = box.select("a[href^=mailto]")
    return page, box, link


def test_a_short_letter_opens_in_the_mail_program_with_its_subject_and_text(email_client, action):
    # Two points and nothing else of one's own: the shortest letter, about 1,900 characters.
    page, box, link = _email_box(
        email_client,
        recipients=["embassy"],
        about="I am a nurse.",
        location="",
        return_address="none",
        message="",
    )
    parts = urlsplit(link["href"])
    assert unquote(parts.path) == EMBASSY_EMAIL
    assert len(link["href"]) < MAILTO_MAX_CHARS
    text = field_value(page, box.select_one("textarea")["id"])
    fields = parse_qs(parts.query)
    assert fields["subject"] == [action.title]
    assert fields["body"] == [text.replace("\n", "\r\n")]
    assert box.select_one(".text-letter-paste") is None


def test_a_long_letter_asks_to_paste_the_copied_text(email_client, action):
    _, box, link = _email_box(
        email_client,
        recipients=["embassy"],
        points=["investigate", "justice", "safety"],
        message="I have followed these reports for years. " * 14,
    )
    assert parse_qs(urlsplit(link["href"]).query) == {"subject": [action.title]}
    paste = " ".join(box.select_one(".text-letter-paste").get_text().split())
    assert "too long to open in an email by itself" in paste
    assert "paste it in" in paste
    assert EMBASSY_EMAIL in paste
