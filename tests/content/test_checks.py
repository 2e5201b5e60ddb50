"""check_action / check_content / printable: every problem found, named by place."""

from dataclasses import replace
from datetime import date

import pytest

from campaign.content import Closure, Content, ContentError
from campaign.content.checks import Problem, check_action, check_content, printable
from campaign.services import shared_renderer


def missing(letters: str):
    """Return a stand-in for the fonts' coverage that cannot print these letters."""
    return lambda text: list(dict.fromkeys(char for char in text if char in letters))


def no_problems(action):
    return iter(())


def always(message):
    return lambda action: [Problem(action.source, message)]


def test_a_problem_reads_as_place_then_message():
    assert str(Problem("actions/ua-2-19.yaml: field 'title'", "is wrong")) == (
        "actions/ua-2-19.yaml: field 'title': is wrong"
    )


def test_problems_come_in_the_order_of_the_checks(action):
    checks = [always("first"), no_problems, always("second")]
    assert [p.message for p in check_action(action, checks)] == ["first", "second"]


def test_content_without_problems_passes(content):
    assert (
        check_content(
            content, [no_problems, printable(missing(""), "recipients.yaml", content.officials)]
        )
        is None
    )


def test_every_problem_of_every_action_in_every_language_is_named_once(action):
    other = replace(action, slug="ua-9-25", source="actions/ua-9-25.yaml", texts=())
    content = Content(actions=(action, other), officials=())
    checks = [always("is wrong"), always("is wrong"), always("is late")]
    with pytest.raises(ContentError) as raised:
        check_content(content, checks)
    assert str(raised.value).splitlines() == [
        "actions/ua-2-19.yaml: is wrong",
        "actions/ua-2-19.yaml: is late",
        "actions/ua-2-19.yaml: translations: fr: is wrong",
        "actions/ua-2-19.yaml: translations: fr: is late",
        "actions/ua-9-25.yaml: is wrong",
        "actions/ua-9-25.yaml: is late",
    ]


def test_the_shipped_action_is_printable_with_the_bundled_fonts(content, action):
    # The real coverage, as start-up uses it (tests/pdf/test_coverage.py tests the fonts).
    check = printable(shared_renderer().coverage.missing, "recipients.yaml", content.officials)
    assert list(check(action)) == []


def test_unprintable_text_is_named_in_the_action_or_the_directory(content, action):
    kremlin = replace(action.recipients[0], name="Vladimir Putin ☃")
    changed = replace(
        action,
        title="Russia ☃",
        closed=Closure(date(2019, 6, 30), "Closed ☃"),
        recipients=(kremlin, *action.recipients[1:]),
    )
    check = printable(missing("☃"), "recipients.yaml", content.officials)
    problems = [str(p) for p in check(changed)]
    message = "has characters no bundled font can print: ['☃']"
    assert problems == [
        f"actions/ua-2-19.yaml: field 'title': {message}",
        f"actions/ua-2-19.yaml: field 'closed': field 'note': {message}",
        f"recipients.yaml: recipients entry 1 (kremlin): field 'name': {message}",
    ]


def test_an_unprintable_point_is_named_as_the_loader_names_it(content, action):
    point = replace(action.points[1], tweets=("Justice ☃",))
    changed = replace(action, points=(action.points[0], point, *action.points[2:]))
    (problem,) = printable(missing("☃"), "recipients.yaml", content.officials)(changed)
    assert problem.where == "actions/ua-2-19.yaml: points entry 2 (justice): field 'tweets'"
