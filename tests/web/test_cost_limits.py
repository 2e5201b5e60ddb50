"""What one request may ask of the printer: different characters, pages and the PDF's size.

Each different character is a glyph the PDF carries; past about 760 in one font the font is
embedded whole (2 MB, half a second), so a printed letter may use MAX_DISTINCT_CHARACTERS.
"""

import logging

import pytest

import campaign.kit
from campaign.compose.answers import distinct_characters
from campaign.content.rules import MAX_DISTINCT_CHARACTERS, MAX_PDF_BYTES
from tests.support.apps import frozen_app
from tests.support.forms import form_with
from tests.support.reading import field_value, parse, pdf_pages
from tests.support.shipped import LETTER_URL

ALL = ["kremlin", "embassy", "investigation-committee"]
# The largest kit: the guide, and a letter and an envelope page for each official.
KIT = {"points": ["investigate", "justice", "safety"], "recipients": ALL, "guide": "y"}
KIT |= {"envelopes": "y"}

# What real supporters might write, each filling most of a letter's page.
CHINESE = {
    "name": "王秀英",
    "about": (
        "我是一名退休的中学语文教师，今年六十八岁，住在加拿大多伦多。我在中国南方出生长大，"
        "三十年前移民到加拿大，之后一直在社区里教新移民的孩子读书写字。我的儿子是同性恋者，"
        "他和他的伴侣已经一起生活了十二年。正因为如此，我读到车臣的消息时感到非常难过，"
        "也非常担心。"
    ),
    "location": "加拿大安大略省多伦多",
    "address": "皇后西街1234号5楼\n多伦多，安大略省\nM5V 2A1",
    "message": (
        "总统先生，我写这封信，是因为我无法对车臣发生的事情保持沉默。据报道，自二〇一八年"
        "十二月以来，至少有四十人因为被怀疑是同性恋而遭到拘留，其中至少两人据称在酷刑下死亡。"
        "这些人被关押在非官方的地点，家人不知道他们在哪里，也无法为他们请律师。每一个人都有"
        "权利不受酷刑和虐待，无论他爱的是谁。俄罗斯联邦宪法和俄罗斯已经批准的国际人权条约都"
        "保障这些权利。\n"
        "我恳请您立即下令进行迅速、彻底、公正和有效的调查，查明被拘留者的下落，释放所有仅仅"
        "因为性取向而被关押的人，并把应对绑架、酷刑和杀害负责的人绳之以法。请您也保护那些"
        "勇敢地向调查人员讲述自己遭遇的受害者和证人，确保他们和他们的家人不会受到报复。\n"
        "二〇一七年的时候，全世界已经听到过类似的消息。当时很多受害者逃离了车臣，但是直到"
        "今天，还没有一个人因为那些罪行而受到审判。这种有罪不罚的情况让暴力一再发生。如果"
        "这一次当局仍然否认一切、什么也不做，那么更多的家庭将会失去他们的儿子、兄弟和父亲。\n"
        "我知道您收到很多来自世界各地的信。我希望您能读到这一封，并且想一想那些在黑暗中等待"
        "的人和他们的母亲。作为一个母亲，我无法想象自己的孩子被带走、不知生死是什么样的感觉。"
        "恳请您采取行动，让车臣的每一个人都能不再害怕地生活。\n"
        "谢谢您花时间读我的信，我期待听到您的回复。"
    ),
}
JAPANESE = {
    "name": "山田花子",
    "about": (
        "私は東京出身で、現在はカナダのバンクーバーに住んでいる会社員です。大学では国際法を"
        "学び、今は地元のアムネスティのグループで手紙を書く活動に参加しています。友人の中には"
        "性的少数者も多く、彼らが安心して暮らせる社会を願っています。"
    ),
    "location": "カナダ、ブリティッシュコロンビア州バンクーバー",
    "address": "グランビル通り1234番地 5階\nバンクーバー BC V6Z 1M6",
    "message": (
        "大統領閣下、チェチェン共和国で同性愛者と疑われた人々が拘束されているという報道を読み、"
        "深く心を痛めております。二〇一八年十二月以降、少なくとも四十人が非公式の施設に拘束"
        "され、そのうち少なくとも二人が拷問によって死亡したと伝えられています。家族は彼らの"
        "居場所を知らされず、弁護士に会うこともできないそうです。\n"
        "誰を愛するかにかかわらず、すべての人は拷問や虐待を受けない権利を持っています。この"
        "権利はロシア連邦憲法と、ロシアが批准した国際人権条約によって保障されているはずです。\n"
        "どうか、迅速かつ徹底的で公平な調査を直ちに命じてください。拘束されている人々の所在を"
        "明らかにし、性的指向だけを理由に拘束されている人々を釈放し、拉致や拷問、殺害に責任の"
        "ある者を公正な裁判にかけてください。また、勇気を出して証言した被害者や証人とその家族"
        "を、報復から守ってください。\n"
        "二〇一七年にも同じような事件が報じられましたが、今日に至るまで誰一人として裁かれて"
        "いません。このような不処罰が暴力を繰り返させているのだと思います。\n"
        "世界中から多くの手紙が届いていることと存じますが、この手紙にも目を通していただければ"
        "幸いです。お返事をお待ちしております。"
    ),
}

# Ideographs none of which is next to another in the font: the hardest set to subset.
SCATTERED = "".join(chr(0x4E00 + 7 * n) for n in range(MAX_DISTINCT_CHARACTERS + 1))


def ideographs(distinct: int) -> dict[str, str]:
    """Return 900 ideographs, as many as a page holds, going round `distinct` different ones."""
    text = "".join(SCATTERED[n % distinct] for n in range(900))
    return {
        "name": text[:100],
        "location": text[100:200],
        "address": "",
        "about": text[200:500],
        "message": text[500:],
    }


def summary(page) -> list[tuple[str, str]]:
    return [(a["href"], a.get_text(strip=True)) for a in page.select(".error-summary a")]


@pytest.mark.parametrize(
    ("answers", "length", "different"),
    [(CHINESE, 714, 302), (JAPANESE, 689, 248)],
    ids=["chinese", "japanese"],
)
def test_a_real_letter_in_chinese_or_japanese_prints_well_within_the_limit(
    client, answers, length, different
):
    assert sum(map(len, answers.values())) == length
    assert distinct_characters(answers.values()) == different
    assert different / MAX_DISTINCT_CHARACTERS < 0.55  # about half of what is allowed
    response = client.post(LETTER_URL, data=form_with(**answers, **KIT))
    assert response.status_code == 200
    pages = pdf_pages(response.data)
    assert len(pages) == 7
    assert answers["name"] in pages[1]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_most_different_characters_allowed_print_in_a_small_pdf(client, paper):
    answers = ideographs(MAX_DISTINCT_CHARACTERS)
    assert distinct_characters(answers.values()) == MAX_DISTINCT_CHARACTERS
    response = client.post(LETTER_URL, data=form_with(**answers, **KIT, paper=paper))
    assert response.status_code == 200
    assert len(pdf_pages(response.data)) == 7
    # Every font subset: about 100 KB. The CJK font embedded whole would make it 2.1 MB.
    assert len(response.data) < 200 * 1024


def test_one_different_character_too_many_shows_the_form_again_with_the_answers_kept(client):
    answers = ideographs(MAX_DISTINCT_CHARACTERS + 1)
    response = client.post(LETTER_URL, data=form_with(**answers, **KIT))
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)
    message = (
        "Your letter uses 601 different characters, more than the 600 we can print: "
        "shorten your message, or choose tweets or plain text"
    )
    assert summary(page) == [("#message", message)]
    assert page.select_one("#message-error").get_text(" ", strip=True) == f"Error: {message}"
    for field in ("name", "location", "about", "message"):
        assert field_value(page, field) == answers[field]


@pytest.mark.parametrize("format_", ["tweet", "text"])
def test_tweets_and_text_may_use_more_different_characters(client, format_):
    answers = ideographs(MAX_DISTINCT_CHARACTERS + 1)
    response = client.post(LETTER_URL, data=form_with(**answers, **KIT, format=format_))
    assert response.status_code == 200


def test_ideographs_too_many_for_the_page_are_refused_with_the_answers_kept(client):
    # Within the different characters allowed, but every field full: no page holds it.
    text = "".join(SCATTERED[n % 500] for n in range(1400))
    answers = {
        "name": text[:100],
        "location": text[100:200],
        "about": text[200:500],
        "address": "\n".join(text[500 + 49 * n : 549 + 49 * n] for n in range(6)),
        "message": text[800:1400],
    }
    response = client.post(LETTER_URL, data=form_with(**answers, **KIT))
    assert response.status_code == 400
    page = parse(response)
    assert summary(page) == [
        (
            "#message",
            "Your letter is too long to print on one page. Shorten your message, your "
            "sentence about yourself or your address, and send it again",
        )
    ]
    for field, value in answers.items():
        assert field_value(page, field) == value


TOO_LARGE_TO_SEND = (
    "Your letters make a file too large to send. Leave out the envelope pages, or shorten "
    "your message or your sentence about yourself, and send it again"
)


def test_a_kit_larger_than_allowed_is_refused_with_the_answers_kept(monkeypatch, caplog):
    assert MAX_PDF_BYTES == 1024 * 1024
    client = frozen_app().test_client()  # the same PDF, byte for byte, each time
    data = form_with(**KIT)
    size = len(client.post(LETTER_URL, data=data).data)

    monkeypatch.setattr(campaign.kit, "MAX_PDF_BYTES", size)
    assert client.post(LETTER_URL, data=data).status_code == 200

    monkeypatch.setattr(campaign.kit, "MAX_PDF_BYTES", size - 1)
    with caplog.at_level(logging.WARNING):
        response = client.post(LETTER_URL, data=data)
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)
    assert summary(page) == [("#message", TOO_LARGE_TO_SEND)]
    for field in ("name", "about", "location", "address", "message"):
        assert field_value(page, field) == data[field]
    # The organisers learn of it from the log, which holds sizes, never the supporter's words.
    assert f"PDF refused: the kit's PDF is {size} bytes, over the {size - 1} allowed" in (
        caplog.text
    )
    assert data["name"] not in caplog.text
