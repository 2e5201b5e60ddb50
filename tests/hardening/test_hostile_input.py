"""Hostile text in every field and in the YAML: nothing fetched, everything shown literally."""

from io import BytesIO

import pytest
import yaml
from pypdf import PdfReader

from tests.support.apps import make_app
from tests.support.files import write_actions, write_file
from tests.support.forms import form_with
from tests.support.reading import parse, pdf_pages
from tests.support.shipped import ACTION_URL, LETTER_URL, RECIPIENTS_FILE, shipped_action

TEXT_FIELDS = ("name", "about", "location", "address", "message")


def hostile_strings(base: str) -> list[str]:
    """Markup that would make a careless renderer fetch something, and template syntax."""
    return [
        f"<img src={base}/img>",
        "<link rel=attachment href=file:///etc/passwd>",
        f"<a rel=attachment href={base}/attachment>x</a>",
        f"<object data={base}/object></object>",
        f"<embed src={base}/embed>",
        f'<svg><image href="{base}/svg-image"/></svg>',
        f"<style>@import url({base}/import.css);</style>",
        f'<p style="background: url({base}/style-url)">x</p>',
        f'<p style="@font-face {{ src: url({base}/font-face) }}">x</p>',
        '<img src="file:///dev/zero">',
        f'<img src="{base}/redirect">',
        "{{ 7*7 }} {{ config }}",
        "{% for x in range(3) %}loop{% endfor %}",
    ]


def _assert_nothing_fetched(pdf: bytes, hits: list) -> None:
    assert hits == []
    reader = PdfReader(BytesIO(pdf))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject", {})
        assert objects == {} or all(
            o.get_object()["/Subtype"] != "/Image" for o in objects.values()
        )
    text = " ".join(pdf_pages(pdf))
    assert "root:x:0:0" not in text


@pytest.mark.parametrize("number", range(13))
def test_hostile_text_in_every_field_is_printed_literally(client, listener, number):
    base, hits = listener
    hostile = hostile_strings(base)[number]
    response = client.post(LETTER_URL, data=form_with(**dict.fromkeys(TEXT_FIELDS, hostile)))
    assert response.mimetype == "application/pdf"
    text = pdf_pages(response.data)[0]
    # Compared without spaces: a long token may wrap anywhere in the narrow sender column.
    squeezed = "".join(text.split())
    assert squeezed.count("".join(hostile.split())) >= 4  # sender, about, message, signature
    _assert_nothing_fetched(response.data, hits)


@pytest.mark.parametrize("number", range(13))
def test_hostile_text_is_escaped_on_the_pages(client, listener, number):
    base, _ = listener
    hostile = hostile_strings(base)[number]
    for fmt in ("tweet", "pdf"):
        response = client.post(
            LETTER_URL, data=form_with(format=fmt, points=["justice"], name=hostile, about=hostile)
        )
        page = parse(response)
        assert response.status_code == 400
        assert page.select_one("#name")["value"] == hostile
        for tag in ("img", "link", "object", "embed", "image", "style"):
            assert page.select(f"main form {tag}") == []


def test_hostile_text_in_the_yaml_is_printed_literally(tmp_path, listener):
    base, hits = listener
    strings = hostile_strings(base)
    action = shipped_action()
    action["title"] = strings[0]
    action["headline"] = " ".join(strings[6:])
    action["summary"] = " ".join(strings[:6])
    action["letter"]["concerns"] = [" ".join(strings)]
    action["letter"]["openings"] = [strings[6]]
    recipients = yaml.safe_load(RECIPIENTS_FILE.read_text(encoding="utf-8"))
    recipients["recipients"][0]["name"] = strings[7]
    # Two lines, as an address has; every string is in the concern too.
    recipients["recipients"][0]["address"] = strings[8:10]
    client = make_app(
        ACTIONS_DIR=str(write_actions(tmp_path / "actions", {"ua-2-19": action})),
        RECIPIENTS_FILE=str(write_file(tmp_path, "r.yaml", yaml.safe_dump(recipients))),
    ).test_client()
    home = parse(client.get("/"))
    assert home.select_one(".action-item-title a").get_text() == strings[0]
    assert action["headline"] in home.select_one(".action-item").get_text()
    page = parse(client.get(ACTION_URL))
    assert page.select_one("h1").get_text() == strings[0]
    for shown in (home, page):
        assert shown.select("main img, main object, main embed, main style") == []
    response = client.post(LETTER_URL, data=form_with(guide="y", envelopes="y"))
    squeezed = "".join("".join(pdf_pages(response.data)).split())
    for hostile in strings:
        assert "".join(hostile.split()) in squeezed
    _assert_nothing_fetched(response.data, hits)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Ann\x00Example", "AnnExample"),
        ("Ann\x1b[31mExample", "Ann[31mExample"),
        ("\u202eAnn Example", "Ann Example"),
        ("Ann\u2067 Example\u2069", "Ann Example"),
        ("A\u0301nn", "Ánn"),
    ],
)
def test_control_and_bidi_characters_are_removed(client, typed, kept):
    response = client.post(LETTER_URL, data=form_with(name=typed, format="text", download="txt"))
    text = response.get_data(as_text=True)
    assert text.startswith(kept + "\n")
    assert "Dear President Putin," in text  # the letter's own text keeps its order
    assert not any(c in text for c in "\x00\x1b\u202e\u2067")


def test_a_right_to_left_override_cannot_reverse_the_letter(client):
    response = client.post(LETTER_URL, data=form_with(name="\u202eAnn", about="\u202eI am Ann."))
    text = pdf_pages(response.data)[0]
    assert "Dear President Putin," in text
    assert "I am Ann." in text


def test_emoji_sequences_survive_intact(client):
    family = "👩\u200d👩\u200d👧\u200d👦"
    flag = "🏳\ufe0f\u200d🌈"
    message = f"With love {family} {flag} 👍🏽"
    text = client.post(LETTER_URL, data=form_with(message=message, format="text", download="txt"))
    assert message in text.get_data(as_text=True)
    pdf = client.post(LETTER_URL, data=form_with(message=message))
    assert pdf.mimetype == "application/pdf"


@pytest.mark.parametrize(
    ("field", "kept"),
    [("address", True), ("message", True), ("name", False), ("about", False), ("location", False)],
)
def test_line_breaks_only_where_a_field_allows_them(client, field, kept):
    text = client.post(
        LETTER_URL, data=form_with(format="text", download="txt", **{field: "First\r\nSecond"})
    ).get_data(as_text=True)
    assert ("First\nSecond" in text) is kept
    assert ("First Second" in text) is not kept


def test_thousands_of_repeated_fields_are_refused(client):
    data = form_with()
    data["points"] = ["investigate"] * 3000
    response = client.post(LETTER_URL, data=data)
    assert response.status_code == 413
    assert parse(response).select_one("main h1").get_text(strip=True) == "That was too much to send"


def test_a_form_just_under_the_field_cap_is_processed(client, app):
    data = form_with()
    data["points"] = ["investigate", "justice"] * 10
    assert client.post(LETTER_URL, data=data).status_code == 200
    data["points"] = ["investigate", "justice"] * (app.config["MAX_FORM_PARTS"] // 2)
    assert client.post(LETTER_URL, data=data).status_code == 413


@pytest.mark.parametrize("size", [60 * 1024, 65 * 1024])
def test_bodies_over_the_limit_get_413(client, size):
    response = client.post(LETTER_URL, data={"message": "x" * size})
    assert response.status_code == (400 if size < 64 * 1024 else 413)
