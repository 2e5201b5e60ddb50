"""The letter's language in a real browser on a phone: switching it rewrites the preview."""

from playwright.sync_api import expect

from tests.support.shipped import ACTION_URL

PHONE = {"width": 360, "height": 740}


def test_choosing_french_turns_the_previews_letter_french(open_page):
    page = open_page(ACTION_URL, **PHONE)
    page.fill("#name", "Ann Example")
    page.check("input[name=points][value=investigate]")
    page.check("input[name=points][value=justice]")
    page.locator(".preview-toggle").click()
    letter = page.locator(".preview-panel .letter")
    expect(letter).to_contain_text("Dear President Putin,")
    expect(letter).to_have_attribute("lang", "en")

    page.check("input[name=letter_language][value=fr]")
    expect(letter).to_contain_text("Monsieur le Président,")
    expect(letter).to_have_attribute("lang", "fr")
    expect(letter).not_to_contain_text("Dear President Putin,")

    page.check("input[name=letter_language][value=en]")
    expect(letter).to_contain_text("Dear President Putin,")
