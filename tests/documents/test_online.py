"""How each letter is sent online: web forms as they are, an email link with the letter if it fits.

A mailto: link longer than mail programs accept fails in common webmail: the whole link stays
under MAILTO_MAX_CHARS, or it opens with the subject only and the supporter pastes the letter.
"""

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from campaign.compose import Answers, compose_letters
from campaign.content import OnlineChannel
from campaign.documents.online import MAILTO_MAX_CHARS, email_link, online_letters
from campaign.documents.text import render_online_text

ADDRESS = "letters@example.org"
SUBJECT = "Stop the crackdown"
# Everything of the link but the body: "mailto:letters@example.org?subject=Stop%20the%20…&body="
FRAME = len(email_link(ADDRESS, SUBJECT, "").href)


def _fields(href):
    parts = urlsplit(href)
    return parts.scheme, unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


def test_a_short_letter_goes_into_the_email_with_its_subject():
    body = "Dear President Putin,\n\nPlease act.\n"
    link = email_link(ADDRESS, SUBJECT, body)
    assert link.with_body
    assert _fields(link.href) == (
        "mailto",
        ADDRESS,
        {"subject": [SUBJECT], "body": [body.replace("\n", "\r\n")]},  # CRLF, as RFC 6068 asks
    )


def test_a_long_letter_opens_the_email_with_its_subject_only():
    link = email_link(ADDRESS, SUBJECT, "word " * 400)
    assert not link.with_body
    assert _fields(link.href) == ("mailto", ADDRESS, {"subject": [SUBJECT]})


@pytest.mark.parametrize(
    ("length", "with_body"),
    [(MAILTO_MAX_CHARS - 1, True), (MAILTO_MAX_CHARS, False)],
)
def test_the_whole_link_stays_under_the_limit(length, with_body):
    link = email_link(ADDRESS, SUBJECT, "a" * (length - FRAME))
    assert link.with_body is with_body
    assert len(link.href) == (length if with_body else FRAME - len("&body="))


def test_the_limit_counts_the_encoded_link_not_the_letter():
    # Each "é" is 6 characters once encoded (%C3%A9): 400 of them make a 2,400-character link.
    assert not email_link(ADDRESS, SUBJECT, "é" * 400).with_body


def _letters(action, recipients=("kremlin", "embassy", "investigation-committee")):
    answers = Answers(
        name="Ann Example",
        about="I am a retired nurse from Halifax.",
        location="Halifax",
        address="",
        message="",
        points=("investigate", "justice"),
        recipients=recipients,
    )
    return compose_letters(action, answers, date(2026, 11, 21))


@pytest.fixture
def letters(action):
    return _letters(action)


def test_each_letter_comes_with_its_officials_channels_and_fax(letters):
    kremlin, embassy, committee = online_letters(letters, SUBJECT)
    assert kremlin.text == render_online_text(letters[0])
    assert kremlin.web_forms == ("http://en.letters.kremlin.ru",)
    assert kremlin.emails == ()
    assert kremlin.has_channel
    # No source gives the others an online channel: the page points to fax and post.
    assert not embassy.has_channel
    assert not committee.has_channel
    assert embassy.fax == "1 613 236 6342"  # as dialled from elsewhere in Canada
    assert committee.fax == "011 7 495 966 9776"


def test_an_officials_email_carries_its_letter(action):
    (letter,) = _letters(action, recipients=("embassy",))
    official = replace(letter.recipient, online=(OnlineChannel(kind="email", address=ADDRESS),))
    (item,) = online_letters([replace(letter, recipient=official)], SUBJECT)
    (email,) = item.emails
    assert email.with_body
    assert _fields(email.href)[2]["body"] == [item.text.replace("\n", "\r\n")]
    assert item.web_forms == ()
