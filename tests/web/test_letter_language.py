"""The letter's language, chosen on the form whatever the page's: the PDF, text and preview
follow it, the guide stays in the page's language and the tweets in the page's too."""

from datetime import date
from io import BytesIO

from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaign.config import PROJECT_DIR
from campaign.documents import LetterDocuments
from campaign.kit import KitOptions, compose_kit
from tests.compose.test_french import PRESIDENT, answers
from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.reading import field_value, parse, pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL, shipped_action

FRENCH = form_with(letter_language="fr", guide="y", recipients=["kremlin"])


def _choices(page) -> dict[str, bool]:
    return {i["value"]: i.has_attr("checked") for i in page.select("input[name=letter_language]")}


def test_an_english_page_offers_each_language_in_its_own_name_english_first(client):
    page = parse(client.get(ACTION_URL))
    assert _choices(page) == {"en": True, "fr": False}
    labels = [label.get_text(strip=True) for label in page.select("label[for^=letter_language]")]
    assert labels == ["English", "Français"]


def test_a_french_page_chooses_a_french_letter(client):
    assert _choices(parse(client.get(f"{ACTION_URL}?lang=fr"))) == {"en": False, "fr": True}


def test_a_link_can_choose_the_letters_language(client):
    page = parse(client.get(f"{ACTION_URL}?letter_language=fr&letter_language=xx"))
    assert _choices(page) == {"en": False, "fr": True}


def test_the_about_and_message_hints_ask_for_the_letters_language(client):
    page = parse(client.get(ACTION_URL))
    for field in ("about", "message"):
        assert "Write it in the language of your letter." in page.select_one(f"#{field}-hint").text


def test_an_action_in_one_language_offers_no_choice(tmp_path):
    data = shipped_action()
    data.pop("translations")
    client = frozen_app(ACTIONS_DIR=str(write_actions(tmp_path, {"ua-2-19": data}))).test_client()
    page = parse(client.get(ACTION_URL))
    assert not page.select("input[name=letter_language]")
    assert "language of your letter" not in page.select_one("#about-hint").text
    # Its form, which sends no language, makes the letters in the action's own.
    response = client.post(LETTER_URL, data=form_with(format="text", recipients=["kremlin"]))
    assert response.status_code == 200
    assert "Dear President Putin," in parse(response).select_one("main").text


def test_an_unknown_language_is_refused_kindly_with_the_answers_kept(client):
    response = client.post(LETTER_URL, data=form_with(letter_language="de", about="Je suis ici."))
    assert response.status_code == 400
    page = parse(response)
    summary = [a.get_text(strip=True) for a in page.select("main a[href='#letter_language-0']")]
    assert summary == ["Choose one of the languages offered for your letter"]
    assert field_value(page, "about") == "Je suis ici."
    assert page.select_one("#letter_language-0") is not None


def test_an_english_page_makes_a_french_letter_with_an_english_guide():
    # Dated by a clock that stands still (NOW: 21 November 2026 where the action is run).
    response = frozen_app().test_client().post(LETTER_URL, data=FRENCH)
    assert response.status_code == 200
    guide, letter = pdf_pages(response.data)
    assert guide.startswith("How to send your letters")
    assert "as the action gave it on 15 January 2019" in guide
    assert "Postage from Canada $2.65" in guide
    assert letter.startswith("Monsieur le Président,")
    assert PRESIDENT in letter
    assert "21 novembre 2026" in letter
    assert PdfReader(BytesIO(response.data)).root_object["/Lang"] == "fr"


def test_the_text_page_and_txt_are_in_the_letters_language(client):
    page = parse(client.post(LETTER_URL, data={**FRENCH, "format": "text"}))
    text = page.select_one("main section.text-letter").get_text(" ")
    assert "Monsieur le Président," in text
    assert "Dear President" not in text
    download = client.post(LETTER_URL, data={**FRENCH, "format": "text", "download": "txt"})
    assert download.mimetype == "text/plain"
    assert "\nMonsieur le Président,\n" in download.get_data(as_text=True)
    assert "Dear President" not in download.get_data(as_text=True)


def test_the_pages_carry_the_letters_language_back_and_on(client):
    page = parse(client.post(LETTER_URL, data={**FRENCH, "format": "text"}))
    carried = {i["value"] for i in page.select("main form input[name=letter_language]")}
    assert carried == {"fr"}


def test_tweets_are_in_the_pages_language_not_the_letters(client):
    english = parse(client.post(LETTER_URL, data={**FRENCH, "format": "tweet"}))
    french = parse(client.post(f"{LETTER_URL}?lang=fr", data={**FRENCH, "format": "tweet"}))
    english_text, french_text = (p.select_one("main").get_text(" ") for p in (english, french))
    assert "@KremlinRussia_E" in english_text
    assert "@KremlinRussia_E" in french_text
    assert "Chechnya" in english_text
    assert "Tchétchénie" not in english_text
    assert "Tchétchénie" in french_text


def test_the_preview_follows_the_letters_language(client):
    english = parse(client.post(PREVIEW_URL, data={**FRENCH, "letter_language": "en"}))
    french = parse(client.post(PREVIEW_URL, data=FRENCH))
    unknown = client.post(PREVIEW_URL, data={**FRENCH, "letter_language": "de"})
    assert english.select_one(".letter")["lang"] == "en"
    assert "Dear President Putin," in english.select_one(".letter").text
    assert french.select_one(".letter")["lang"] == "fr"
    assert "Monsieur le Président," in french.select_one(".letter").text
    assert unknown.status_code == 200  # the default language's, until the form is sent


def test_an_unfinished_previews_gaps_are_in_the_letters_language(client):
    """The words standing in for a blank name or sentence are the letter's, in its language."""
    blank = {**FRENCH, "name": "", "about": ""}
    on_french_page = parse(client.post(PREVIEW_URL + "?lang=fr", data=blank)).select_one(".letter")
    in_english = {**blank, "letter_language": "en"}
    english_letter = parse(client.post(PREVIEW_URL + "?lang=fr", data=in_english)).select_one(
        ".letter"
    )
    assert "Votre nom" in on_french_page.text
    assert "Une phrase sur vous." in on_french_page.text
    assert "Your name" not in on_french_page.text
    assert "Your name" in english_letter.text
    assert "A sentence about yourself." in english_letter.text


def test_the_guide_declares_the_pages_language_and_the_letters_theirs(action):
    options = KitOptions(guide=True, envelopes=True)
    pack = compose_kit(
        action, answers(), options, date(2026, 11, 21), language="fr", guide_language="en"
    )
    html = LetterDocuments(PROJECT_DIR / "templates").render_html(pack, title="T", language="fr")
    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == "fr"
    assert page.select_one("section.guide")["lang"] == "en"
    assert {letter["lang"] for letter in page.select(".letter")} == {"fr"}
    # The guide names the officials as its language does.
    assert "President of the Russian Federation" in page.select_one("section.guide").text
