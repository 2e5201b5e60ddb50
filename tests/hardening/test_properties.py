"""Property tests: whatever is posted, the answer is a letter, a page or a kind refusal."""

from io import BytesIO

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from campaign.content.rules import FIELD_LIMITS
from tests.support.apps import make_app
from tests.support.reading import parse
from tests.support.shipped import LETTER_URL

# Each test posts dozens of forms, and many become PDFs.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shared_app():
    """One app for every example: hypothesis runs many inside one test."""
    return make_app()


# Any character a browser can send (no lone surrogates), and a printable mix that reaches
# the PDF step often: accents, combining marks, Cyrillic, CJK, RTL, emoji, markup.
ANY_TEXT = st.characters(exclude_categories=["Cs"])
PRINTABLE = st.sampled_from(
    list("aZéßŁ ǅ\u0301\u0308Дж漢字かな한글שלוםمرحبا👍🏽\u200d❤\ufe0f<>&\"'{}%\t.,;")
)
IDS = st.sampled_from(
    [
        "investigate",
        "justice",
        "safety",
        "condemn",
        "kremlin",
        "embassy",
        "investigation-committee",
        "pdf",
        "tweet",
        "text",
        "letter",
        "a4",
        "",
        "x",
        "<b>",
        "é",
    ]
)


def _field(alphabet, name, over):
    required = 1 if name in ("name", "about") and not over else 0
    return st.text(alphabet, min_size=required, max_size=FIELD_LIMITS[name].max_chars + over)


def _forms(alphabet, over=20):
    return st.fixed_dictionaries(
        {name: _field(alphabet, name, over) for name in FIELD_LIMITS}
        | {
            "points": st.lists(IDS | st.text(ANY_TEXT, max_size=12), max_size=6),
            "recipients": st.lists(IDS | st.text(ANY_TEXT, max_size=12), max_size=5),
            "format": IDS | st.text(ANY_TEXT, max_size=8),
            "paper": IDS,
            "guide": st.sampled_from(["", "y", "false"]),
            "envelopes": st.sampled_from(["", "y"]),
        }
    )


def _check(response, data):
    event(f"{response.status_code} {response.mimetype}")
    assert response.status_code in (200, 400, 413), response.status_code
    if response.status_code == 400:
        assert parse(response).select(".error-summary a")
    elif response.status_code == 200:
        if response.mimetype == "application/pdf":
            assert len(PdfReader(BytesIO(response.data)).pages) >= 1
        elif response.mimetype == "text/plain":
            assert "Yours sincerely," in response.get_data(as_text=True)
        else:
            assert parse(response).select_one("h1").get_text(strip=True) == "Your tweets"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_forms(ANY_TEXT))
def test_arbitrary_unicode_never_breaks_the_app(shared_app, data):
    _check(shared_app.test_client().post(LETTER_URL, data=data), data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=_forms(PRINTABLE, over=0),
    points=st.sampled_from([["investigate", "justice"], ["justice", "safety", "condemn"]]),
    paper=st.sampled_from(["letter", "a4"]),
)
def test_printable_text_with_valid_choices_reaches_the_pdf(shared_app, data, points, paper):
    data |= {"points": points, "recipients": ["kremlin", "embassy"], "format": "pdf"}
    data["paper"] = paper
    _check(shared_app.test_client().post(LETTER_URL, data=data), data)
