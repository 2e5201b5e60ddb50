"""The tweets page in a real browser: editing a tweet, X's weighted count, the Open in X link,
boxes that show the whole tweet on a phone, and the page without JavaScript."""

import random
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from campaign.compose import Tweet, tweet_weight

# Texts whose weight X counts in every way it knows: emoji (2, however many code points:
# ZWJ sequences, flags, skin tones, keycaps), CJK (2), URLs (23), and NFC normalisation.
CORPUS = [
    "",
    "a",
    "Please act now.",
    "😀",
    "👩\u200d👩\u200d👧\u200d👦 a family",
    "🇨🇦🇷🇺 two flags",
    "🏳️\u200d🌈 a rainbow flag",
    "👍🏽 a skin tone",
    "❤️ with a variation selector",
    "1️⃣ a keycap",
    "🧑\u200d🤝\u200d🧑 people holding hands",
    "漢字テスト",
    "한국어 텍스트",
    "中文 and English mixed",
    "ｶﾀｶﾅ half-width, ＦＵＬＬ full-width",
    "e\u0301 combining accent, made one character",
    "Cafe\u0301 and Café",
    "a\u0300\u0301\u0302 stacked marks",
    "see https://example.org/a/very/long/path?with=query&and=more now",
    "two links https://t.co/abc and http://example.com/x",
    "a bare domain amnesty.org and www.example.com",
    "@KremlinRussia_E: #Chechnya $CASH",
    "line one\nline two\n\nline four",
    "tab\tseparated",
    "“Curly quotes” — dashes… and ‘more’",
    "Ελληνικά, Русский, עברית, العربية",
    "emoji😀glued😀to😀words",
    "mixed 漢字, 😀 and https://x.com/path in one",
    "zero\u200bwidth space",
    "\u3000ideographic space",
    "100% sure: it's (really) *this*!",
    "😀" * 140,
    "漢" * 141,
    "a" * 281,
    "Please investigate 👩\u200d👩\u200d👧 🇨🇦 漢字 https://example.org/x now.",
    # A domain straight after emoji: the server's IDNA check decides whether it is a URL.
    "👮🏽✈…💂🏻\u200d♂️www.a.com",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007ffoo.bar",
    "xn--p1aimünchen.de",
    "#😀-a.com",
]

# The pieces the fuzzed texts are made of, joined with and without spaces.
PIECES = (
    # Emoji: ZWJ sequences, skin tones, flags (a tag sequence too), keycaps, selectors.
    (
        "😀",
        "👮🏽",
        "✈",
        "✈️",
        "💂🏻\u200d♂️",
        "👩\u200d👩\u200d👧\u200d👦",
        "🇨🇦",
        "🇺🇦",
        "🏳️\u200d🌈",
        "👍🏽",
        "❤️",
        "1️⃣",
        "🧑\u200d🤝\u200d🧑",
        "🫠",
        "☺",
        "©",
        "🄀",
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    ),
    ("漢字", "テスト", "한국어", "中文", "ｶﾀｶﾅ", "\u3000", "。"),
    ("act", "now", "Please", "free", "e\u0301", "Café", "Ελλάδα", "Русский", "عربي", "ﬁ"),
    (
        ".",
        ",",
        "!",
        "?",
        "…",
        "—",
        "-",
        "_",
        "/",
        ":",
        "(",
        ")",
        "'",
        '"',
        "“",
        "\n",
        "\t",
        "\u200b",
        "\u200d",
        "\u202a",
        "&",
    ),
    # URLs, with and without a scheme, ASCII and not.
    (
        "www.a.com",
        "amnesty.org",
        "example.co.uk/path?q=1",
        "a.b.io",
        "https://example.org/x",
        "http://t.co/abc",
        "https://x.com",
        "日本.jp",
        "münchen.de",
        "xn--p1ai",
        "foo.bar",
        "t.co/x",
        "xn--p1ai.com",
        "a-b_c.org",
    ),
    ("@KremlinRussia_E", "#Chechnya", "$CASH", "@a", "#漢字", "#"),
)


def _fuzzed_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            parts.append(rng.choice(rng.choice(PIECES)))
            parts.append(rng.choice(("", "", " ")))
        texts.append("".join(parts))
    return texts


# Sets each text in the first tweet box as typing would (an input event), and reads back
# what the page then shows: the count and the Open in X link.
EVALUATE = """(texts) => {
  const box = document.querySelector("textarea.tweet");
  const count = document.getElementById(box.id + "-length");
  const link = document.querySelector(`[data-tweet-source="${box.id}"]`);
  return texts.map((text) => {
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    return { value: box.value, count: count.textContent, href: link.href, label: link.textContent };
  });
}"""


def _ask_for_tweets(open_page, **options):
    page = open_page(**options)
    page.fill("#name", "Ann Example")
    page.fill("#about", "I am a nurse.")
    for point in ("investigate", "justice", "condemn"):
        page.check(f"input[name=points][value={point}]")
    page.check("input[name=format][value=tweet]")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Your tweets")
    page.wait_for_load_state()
    return page


def _count(text: str) -> int:
    return int(text.split(" of ", 1)[0])


def _linked_text(href: str) -> str:
    url = urlsplit(href)
    assert (url.scheme, url.netloc, url.path) == ("https", "x.com", "/intent/tweet")
    return parse_qs(url.query, keep_blank_values=True).get("text", [""])[0]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_count_equals_the_servers_for_any_text(open_page, width):
    page = _ask_for_tweets(open_page, width=width)
    shown = page.evaluate(EVALUATE, CORPUS)
    assert len(shown) >= 30
    for text, result in zip(CORPUS, shown, strict=True):
        weight = tweet_weight(result["value"])
        assert _count(result["count"]) == weight, text
        assert ("too many" in result["count"]) is (weight > 280), text
        assert _linked_text(result["href"]) == result["value"], text
        # Percent-encoded exactly as the server encodes its own links.
        assert result["href"] == Tweet(result["value"], weight).intent_url, text
        assert ("too long" in result["label"]) is (weight > 280), text


def test_the_count_equals_the_servers_for_fuzzed_text(open_page):
    texts = _fuzzed_texts(3000, seed=20240611)
    page = _ask_for_tweets(open_page)
    shown = page.evaluate(EVALUATE, texts)
    disagreements = [
        (result["value"], _count(result["count"]), tweet_weight(result["value"]))
        for result in shown
        if _count(result["count"]) != tweet_weight(result["value"])
    ]
    assert disagreements == [], f"{len(disagreements)} of {len(texts)} (text, page, server)"


def test_typing_an_edit_updates_the_count_and_the_link(open_page):
    page = _ask_for_tweets(open_page, width=360)
    box = page.locator("textarea.tweet").first
    count = page.locator(f"#{box.get_attribute('id')}-length")
    box.press("End")
    box.press_sequentially(" 👩\u200d👩\u200d👧 🇨🇦 漢字 https://example.org/x")
    text = box.input_value()
    expect(count).to_have_text(f"{tweet_weight(text)} of 280 characters")
    link = page.locator(f"[data-tweet-source={box.get_attribute('id')}]")
    assert _linked_text(link.get_attribute("href")) == text


def test_an_over_long_tweet_warns_in_the_count_and_the_link(open_page):
    page = _ask_for_tweets(open_page)
    box = page.locator("textarea.tweet").first
    box.fill("x" * 279 + "😀")
    count = page.locator(f"#{box.get_attribute('id')}-length")
    expect(count).to_have_text("281 of 280 characters: 1 too many. Shorten it before posting.")
    link = page.locator(f"[data-tweet-source={box.get_attribute('id')}]")
    expect(link).to_have_text("Open in X (too long for X: shorten it first)")
    box.fill("x" * 278 + "😀")
    expect(count).to_have_text("280 of 280 characters")
    expect(link).to_have_text("Open in X")


BOXES_SCROLL = """() => [...document.querySelectorAll("textarea.tweet")]
  .filter((box) => box.scrollHeight > box.clientHeight).map((box) => box.id)"""


@pytest.mark.parametrize("javascript", [True, False])
def test_every_box_shows_its_whole_tweet_on_a_phone(open_page, javascript):
    page = _ask_for_tweets(open_page, width=360, height=800, javascript=javascript)
    assert page.locator("textarea.tweet").count() >= 3
    # Playwright's own evaluation runs even where the page's scripts are turned off.
    assert page.evaluate(BOXES_SCROLL) == []
    if javascript:
        box = page.locator("textarea.tweet").first
        box.press("End")
        # Longer than the rows the server gave it leave room for: the box must grow.
        box.press_sequentially(" and more words" * 10)
        assert page.evaluate(BOXES_SCROLL) == []


def test_the_page_works_without_javascript(open_page):
    page = _ask_for_tweets(open_page, width=360, javascript=False)
    for card in page.locator(".tweet-card").all():
        box = card.locator("textarea.tweet")
        text = box.input_value()
        assert not text.startswith("@")
        assert box.get_attribute("readonly") is None
        expect(card.locator(".tweet-length")).to_have_text(
            f"{tweet_weight(text)} of 280 characters"
        )
        href = card.get_by_role("link", name="Open in X").get_attribute("href")
        assert _linked_text(href) == text
    page.get_by_role("button", name="Back to the action").click()
    expect(page.locator("#name")).to_have_value("Ann Example")
