"""Pages in English or French: the address's choice, then the browser's, then English; the
choice kept by every link and form; a switch to the other language on every page; dates in
the page's language; and no English left on the pages translated so far."""

import json
from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from werkzeug.exceptions import HTTPException

from campaign.config import PROJECT_DIR
from campaign.web.errors import render_error
from campaign.web.locale import available_languages
from tests.support.apps import frozen_app
from tests.support.files import write_actions
from tests.support.forms import form_with
from tests.support.reading import parse
from tests.support.shipped import ACTION_URL, LETTER_URL, PREVIEW_URL, shipped_action
from tests.support.wording import english_pieces, extracted_messages

FRENCH_CATALOGUE = PROJECT_DIR / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
NEXT_STEPS_URL = ACTION_URL + "next-steps"
# Every code the app or nginx answers with a page of its own.
ERROR_CODES = (400, 404, 405, 410, 413, 415, 429, 500, 503)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The shipped action with a deadline, and a closed one, so the home page shows them all."""
    actions = tmp_path_factory.mktemp("languages") / "actions"
    # The frame's languages, whatever the action's own text offers (its own tests cover it).
    shipped = shipped_action()
    shipped.pop("translations", None)
    open_action = shipped | {"deadline": date(2026, 12, 24)}
    closed = shipped | {
        "reference": "UA 1/19",
        "title": "An earlier action, now closed",
        "closed": {"date": date(2019, 6, 30), "note": "Thank you: this action has ended."},
    }
    write_actions(actions, {"ua-2-19": open_action, "closed-example": closed})
    return frozen_app(ACTIONS_DIR=str(actions), WARM_UP=False)


@pytest.fixture
def client(app):
    return app.test_client()


def _language(response) -> str:
    return parse(response).html["lang"]


@pytest.mark.parametrize(
    ("address", "accept", "language"),
    [
        ("/", None, "en"),
        ("/", "fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("/", "fr", "fr"),
        ("/", "en;q=0.9,fr;q=0.4", "en"),
        ("/", "de-DE,fr;q=0.5", "fr"),
        ("/", "de-DE,es;q=0.8", "en"),
        ("/?lang=fr", "en", "fr"),
        ("/?lang=en", "fr-CA,fr", "en"),
        ("/?lang=de", "fr-CA", "fr"),
        ("/?lang=de", None, "en"),
    ],
)
def test_the_address_then_the_browser_then_english_choose_the_language(
    client, address, accept, language
):
    headers = {"Accept-Language": accept} if accept else {}
    assert _language(client.get(address, headers=headers)) == language


def test_a_page_chosen_by_the_browser_tells_caches_so(client):
    assert "Accept-Language" in client.get("/").vary
    assert "Accept-Language" not in client.get("/?lang=fr").vary


def _own_addresses(page) -> list[str]:
    """Every address the page links or sends a form to on the site, but its language switch."""
    links = [a["href"] for a in page.select("a[href]:not(.language-switch)")]
    forms = [form["action"] for form in page.select("form[action]")]
    return [url for url in links + forms if url.startswith("/")]


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


@pytest.mark.parametrize("address", ["/", ACTION_URL, "/no-such-page", LETTER_URL])
def test_a_language_chosen_in_the_address_is_kept_by_every_link_and_form(client, address):
    page = parse(client.get(f"{address}?lang=fr"))
    addresses = _own_addresses(page)
    assert addresses
    for url in addresses:
        assert ("lang", "fr") in _query(url), url


def test_a_language_chosen_by_the_browser_stays_out_of_addresses(client):
    page = parse(client.get("/", headers={"Accept-Language": "fr"}))
    assert page.html["lang"] == "fr"
    assert all("lang" not in dict(_query(url)) for url in _own_addresses(page))


def test_static_files_are_not_addressed_by_language(client):
    page = parse(client.get("/?lang=fr"))
    assert page.select_one("link[rel=stylesheet]")["href"] == "/static/site.css"


def test_a_campaign_link_keeps_its_language_on_the_way_to_the_action(client):
    response = client.get("/?points=justice&lang=fr")
    assert response.status_code == 302
    assert sorted(_query(response.location)) == [("lang", "fr"), ("points", "justice")]


def _switch(page):
    return page.select("header a.language-switch")


def test_every_page_links_to_itself_in_the_other_language(client):
    english = _switch(parse(client.get("/")))
    assert [(a.get_text(), a["lang"], a["hreflang"]) for a in english] == [("Français", "fr", "fr")]
    assert english[0]["href"] == "/?lang=fr"
    french = _switch(parse(client.get("/no-such-page?lang=fr")))
    assert [(a.get_text(), a["lang"], a["href"]) for a in french] == [
        ("English", "en", "/no-such-page?lang=en")
    ]


def test_the_switch_keeps_the_preselected_choices_and_nothing_personal(client):
    address = (
        f"{ACTION_URL}?points=justice&points=safety&recipients=kremlin&format=pdf&paper=a4"
        "&name=Ann+Example&message=secret&utm_source=mail"
    )
    link = _switch(parse(client.get(address)))[0]["href"]
    assert link.startswith(ACTION_URL + "?")
    assert _query(link) == [
        ("points", "justice"),
        ("points", "safety"),
        ("recipients", "kremlin"),
        ("format", "pdf"),
        ("paper", "a4"),
        ("lang", "fr"),
    ]
    assert "Ann" not in link
    assert "secret" not in link


def test_a_page_made_from_a_form_switches_to_the_action_page(client):
    # A posted page cannot be asked for again by a link, and its answers never go in one.
    page = parse(client.post(f"{LETTER_URL}?lang=fr", data={"name": "Ann Example"}))
    assert [a["href"] for a in _switch(page)] == [f"{ACTION_URL}?lang=en"]


def test_dates_are_written_in_the_page_language(client):
    captions = [p.get_text() for p in parse(client.get("/?lang=fr")).select(".caption")]
    assert (
        "Action urgente UA 2/19 · publiée le 15 janvier 2019 · écrivez d’ici le 24 décembre 2026"
        in captions
    )
    english = [p.get_text() for p in parse(client.get("/")).select(".caption")]
    assert "Urgent Action UA 2/19 · issued 15 January 2019 · write by 24 December 2026" in english


def test_the_languages_are_english_and_one_per_catalogue(tmp_path):
    assert available_languages() == ("en", "fr")
    for language in ("fr", "de"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text("", encoding="utf-8")
        (folder / "messages.mo").write_bytes(b"")
    assert available_languages(tmp_path) == ("en", "de", "fr")


def test_a_catalogue_left_uncompiled_stops_start_up(tmp_path):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"messages\.mo is missing or older"):
        available_languages(tmp_path)


@pytest.fixture(scope="module")
def extracted():
    return extracted_messages()


@pytest.fixture(scope="module")
def french():
    with FRENCH_CATALOGUE.open("rb") as file:
        return read_po(file)


def test_every_message_has_a_french_translation(extracted, french):
    untranslated = []
    for msgid, (filename, *_forms) in extracted.items():
        message = french.get(msgid)
        strings = () if message is None else message.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if message is None or message.fuzzy or not all(strings):
            untranslated.append(f"{filename}: {msgid}")
    assert untranslated == []


def test_french_messages_keep_their_placeholders(french):
    problems = [(message.id, errors) for message, errors in french.check() if errors]
    assert problems == []


def _visible_text(page) -> str:
    """Return a French page's text but what is marked as written in another language."""
    for hidden in page(["script", "style"]):
        hidden.decompose()
    for other in page.select("body [lang]"):
        if not other.decomposed and other["lang"] != "fr":
            other.decompose()
    return " ".join(page.get_text(" ").split())


def _french_pages(app, client, monkeypatch) -> dict[str, str]:
    pages = {"home": _visible_text(parse(client.get("/?lang=fr")))}
    monkeypatch.setattr("campaign.web.errors.retry_after_seconds", lambda: 90)
    for code in ERROR_CODES:
        error = HTTPException()
        error.code = code
        with app.test_request_context(f"{ACTION_URL}letter?lang=fr"):
            page, _status = render_error(error)
        pages[str(code)] = _visible_text(BeautifulSoup(page, "html.parser"))
    return pages


def test_the_french_pages_show_no_english_wording(app, client, extracted, monkeypatch):
    pieces = english_pieces(extracted)
    assert "Skip to main content" in pieces  # the scan knows the frame's wording
    pages = _french_pages(app, client, monkeypatch)
    assert "Veuillez réessayer dans 2 minutes." in pages["429"]
    assert "Passer au contenu principal" in pages["home"]
    left = {name: sorted(p for p in pieces if p in text) for name, text in pages.items()}
    assert left == {name: [] for name in pages}


def _french_action_pages(client) -> dict[str, str]:
    """The action's pages and fragments in French, as a supporter meets them."""
    french = "?lang=fr"
    mistakes = form_with(name="", about="x" * 400, points=["investigate"], recipients=None)
    responses = {
        "form": client.get(ACTION_URL + french),
        "mistakes": client.post(LETTER_URL + french, data=mistakes),
        "tweets": client.post(LETTER_URL + french, data=form_with(format="tweet")),
        "text": client.post(LETTER_URL + french, data=form_with(format="text")),
        "next steps": client.get(
            f"{NEXT_STEPS_URL}?recipients=kremlin&recipients=embassy&points=justice&guide=y&lang=fr"
        ),
        "preview": client.post(PREVIEW_URL + french, data=form_with(recipients=["embassy"])),
        "tweet preview": client.post(PREVIEW_URL + french, data=form_with(format="tweet")),
    }
    return {name: response.get_data(as_text=True) for name, response in responses.items()}


def _page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _wording(html: str) -> str:
    """Return a page's visible text but the letters and tweets, in their own language."""
    page = _page(html)
    for written in page.select("textarea, .preview-tweet-text, .letter-preview"):
        written.decompose()
    return _visible_text(page)


@pytest.fixture(scope="module")
def french_action_pages(app):
    return _french_action_pages(app.test_client())


def test_the_french_action_pages_show_no_english_wording(french_action_pages, extracted):
    pieces = english_pieces(extracted)
    assert "You have chosen" in pieces  # the scan knows the scripts' wording
    texts = {name: _wording(html) for name, html in french_action_pages.items()}
    assert "Écrivez votre lettre" in texts["form"]
    assert "Vos tweets" in texts["tweets"]
    assert "Votre lettre en texte" in texts["text"]
    assert "Invitez vos proches à écrire aussi" in texts["next steps"]
    assert "Les mots sont choisis d’après vos réponses" in texts["preview"]
    assert "caractères sur 280" in texts["tweet preview"]
    left = {name: sorted(p for p in pieces if p in text) for name, text in texts.items()}
    assert left == {name: [] for name in texts}


def test_the_answers_mistakes_are_said_in_french(french_action_pages):
    page = _page(french_action_pages["mistakes"])
    summary = [a.get_text() for a in page.select(".error-summary a")]
    assert summary == [
        "Indiquez votre nom",
        "La phrase sur vous doit compter au plus 300 caractères",
        "Choisissez 2 ou 3 points",
        "Choisissez au moins un ou une responsable à qui écrire",
    ]


def _script_messages(page) -> dict:
    return json.loads(page.body["data-messages"])


def test_the_scripts_are_given_their_wording_in_french(french_action_pages, client):
    for name in ("form", "tweets", "text"):
        messages = _script_messages(_page(french_action_pages[name]))
        assert messages["copied"] == "Copié"
        assert messages["charactersLeft"] == {
            "one": "Il vous reste %(n)s caractère",
            "other": "Il vous reste %(n)s caractères",
        }
        assert messages["tweetLength"] == "%(count)s caractères sur %(limit)s"
    english = _script_messages(parse(client.get(ACTION_URL)))
    assert english["pointsUnder"] == {
        "one": "You have chosen %(n)s point. Choose at least %(min)s.",
        "other": "You have chosen %(n)s points. Choose at least %(min)s.",
    }
