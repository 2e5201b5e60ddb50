"""load_officials / load_action / load_content: typed content, every mistake named by place.

Messages name the directory of officials by its file name ("recipients.yaml: ...") and an
action by its folder and file ("actions/ua-2-19.yaml: ..."), then the entry and the field.
"""

import copy
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
import yaml

from campaign.content import (
    Closure,
    Content,
    ContentError,
    GroupAddress,
    Official,
    OnlineChannel,
    Recipient,
    load_action,
    load_content,
    load_officials,
)
from tests.support.files import write_file
from tests.support.shipped import ACTION_FILE, ACTIONS_DIR, RECIPIENTS_FILE

RECIPIENTS = yaml.safe_load(RECIPIENTS_FILE.read_text(encoding="utf-8"))
ACTION = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def officials():
    return load_officials(RECIPIENTS_FILE)


def _dump(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    return write_file(folder, name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _changed(data, change):
    data = copy.deepcopy(data)
    if change:
        change(data)
    return data


def _write_action(tmp_path, change=None, name="ua-2-19.yaml"):
    """Write the shipped action, changed, to tmp_path/actions/NAME and return its path."""
    return _dump(tmp_path / "actions", name, _changed(ACTION, change))


# The shipped files


def test_shipped_officials_match_the_action_text(officials):
    kremlin, embassy, committee = officials
    assert all(type(official) is Official for official in officials)  # no role in the directory
    assert kremlin.address_block == (
        "Vladimir Putin",
        "President of the Russian Federation",
        "Ul. Ilyinka, 23",
        "103132 Moscow",
        "RUSSIAN FEDERATION",  # its own last line, in capitals, as for mail abroad
    )
    assert (kremlin.fax, kremlin.postage_cad) == ("011 7 495 910 2134", Decimal("2.65"))
    assert kremlin.handle_for("en") == "@KremlinRussia_E"
    assert kremlin.handle_for("ru") == "@KremlinRussia"
    assert embassy.full_name == "His Excellency Alexander Darchiev"
    assert embassy.address == ("285 Charlotte Street", "Ottawa, Ontario K1N 8L5")
    assert embassy.phones == ("613 235 4341", "613 236 1413")
    assert (embassy.fax, embassy.postage_cad, embassy.salutation) == (
        "613 236 6342",
        Decimal("0.90"),
        "Your Excellency,",
    )
    assert embassy.handle_for("en") is None
    assert committee.organisation == "Investigation Committee of the Russian Federation"
    assert committee.address == (
        "Tekhnicheskii pereulok, dom 2",
        "105005 Moscow",
    )
    assert committee.address_block[-1] == "RUSSIAN FEDERATION"
    assert embassy.address_block[-1] == "CANADA"
    assert (committee.fax, committee.postage_cad) == ("011 7 495 966 9776", Decimal("2.65"))


def test_only_the_kremlin_has_an_online_channel_as_the_sources_give_none_for_the_others(
    officials,
):
    kremlin, embassy, committee = officials
    # ECOM's statement of 24 April 2017 (seed 002) gives the President's letters site.
    assert kremlin.online == (OnlineChannel(kind="web", address="http://en.letters.kremlin.ru"),)
    assert embassy.online == committee.online == ()


def test_an_official_may_have_a_web_form_and_an_email(tmp_path):
    def online(d):
        d["recipients"][1]["online"] = [
            {"web": "https://example.org/write"},
            {"email": "letters@example.org"},
        ]

    path = _dump(tmp_path, "recipients.yaml", _changed(RECIPIENTS, online))
    assert load_officials(path)[1].online == (
        OnlineChannel(kind="web", address="https://example.org/write"),
        OnlineChannel(kind="email", address="letters@example.org"),
    )


def test_shipped_action_has_the_four_points_in_the_seeds_words(officials):
    action = load_action(ACTION_FILE, officials)
    assert (action.slug, action.source) == ("ua-2-19", "actions/ua-2-19.yaml")
    assert (action.reference, action.issued) == ("UA 2/19", date(2019, 1, 15))
    assert (action.deadline, action.closed, action.language) == (None, None, "en")
    assert action.headline == (
        "At least 40 people believed to be gay or lesbian have been arbitrarily detained and "
        "tortured in Chechnya, a republic in the south of Russia."
    )
    assert [p.id for p in action.points] == ["investigate", "justice", "safety", "condemn"]
    assert action.point("justice").wording == (
        "ensure that anyone found guilty or complicit in such crimes is brought to justice"
    )
    for paragraph in ("openings", "concerns", "calls", "closes"):
        assert len(getattr(action.letter, paragraph)) >= 6
    assert all(len(p.phrasings) >= 6 for p in action.points)


def test_shipped_action_writes_to_the_kremlin_and_copies_the_others(action, officials):
    assert [(r.id, r.role) for r in action.recipients] == [
        ("kremlin", "primary"),
        ("embassy", "copy"),
        ("investigation-committee", "copy"),
    ]
    assert action.primary.id == "kremlin"
    assert action.recipient("embassy").role == "copy"
    # In their role, officials keep every detail the directory gives.
    for recipient, official in zip(action.recipients, officials, strict=True):
        assert isinstance(recipient, Recipient)
        assert (
            Recipient.of(official, recipient.role, posted_from="Canada", convey=recipient.convey)
            == recipient
        )
    # Copy officials, written to without the primary, are asked to pass the appeal on to him.
    assert action.primary.convey == ()
    for recipient in action.recipients[1:]:
        assert len(recipient.convey) >= 3
        assert all("President Putin" in phrasing for phrasing in recipient.convey)
    # Written to from Canada, the embassy in Ottawa needs no country line; Moscow does.
    blocks = {r.id: r.address_block for r in action.recipients}
    assert blocks["embassy"][-1] == "Ottawa, Ontario K1N 8L5"
    assert blocks["kremlin"][-1] == blocks["investigation-committee"][-1] == "RUSSIAN FEDERATION"
    assert action.country == "Canada"


def test_shipped_content_is_every_action_and_the_directory(content, officials):
    assert [a.slug for a in content.actions] == ["ua-2-19"]
    assert content.officials == officials
    assert content.action("ua-2-19").reference == "UA 2/19"
    assert content.action("ua-9-99") is None


# The directory of officials

OFFICIAL_MISTAKES = [
    (
        lambda d: d["recipients"][1].pop("name"),
        "recipients.yaml: recipients entry 2 (embassy): field 'name': is missing",
    ),
    (
        lambda d: d["recipients"][0].update(address="Ul. Ilyinka, 23"),
        "recipients.yaml: recipients entry 1 (kremlin): field 'address': must be a list of text",
    ),
    (
        lambda d: d["recipients"][2].update(salutaion="Dear Sir,"),
        "recipients.yaml: recipients entry 3 (investigation-committee): unknown field 'salutaion'",
    ),
    (
        # A role belongs to an official in one action, no longer to the directory.
        lambda d: d["recipients"][1].update(role="copy"),
        "recipients.yaml: recipients entry 2 (embassy): unknown field 'role'",
    ),
    (
        lambda d: d["recipients"][1].update(id="kremlin"),
        "recipients.yaml: recipient id 'kremlin' is used twice",
    ),
    (
        lambda d: d["recipients"][0]["twitter"][0].update(handle="KremlinRussia_E"),
        "recipients.yaml: recipients entry 1 (kremlin): twitter entry 1: field 'handle'",
    ),
    (
        lambda d: d["recipients"][0].update(postage_cad="two dollars"),
        "recipients.yaml: recipients entry 1 (kremlin): field 'postage_cad': must be an amount",
    ),
    (
        lambda d: d["recipients"][0].update(id="The Kremlin"),
        "recipients.yaml: recipients entry 1 (The Kremlin): field 'id': must be lower-case",
    ),
    (
        lambda d: d["recipients"][0].update(salutation="   "),
        "recipients.yaml: recipients entry 1 (kremlin): field 'salutation': must be non-empty",
    ),
    (lambda d: d.update(recipients=[]), "recipients.yaml: field 'recipients': must be a non-empty"),
    (
        lambda d: d["recipients"].append("embassy"),
        "recipients.yaml: recipients entry 4: must be a mapping of fields",
    ),
    (lambda d: d.update(officials=[]), "recipients.yaml: unknown field 'officials'"),
    (
        # The country is printed from 'country' on its own line: never twice.
        lambda d: d["recipients"][0]["address"].append("Russian Federation"),
        "recipients.yaml: recipients entry 1 (kremlin): field 'address': must not end with the "
        "country",
    ),
    (
        lambda d: d["recipients"][2]["address"].__setitem__(1, "105005 Moscow, Russian Federation"),
        "recipients.yaml: recipients entry 3 (investigation-committee): field 'address': "
        "must not end with the country",
    ),
    (
        lambda d: d["recipients"][0]["online"][0].update(web="en.letters.kremlin.ru"),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 1: field 'web': must be a "
        "web address starting with http:// or https://",
    ),
    (
        lambda d: d["recipients"][0]["online"][0].update(web="javascript:alert(1)"),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 1: field 'web': must be a "
        "web address",
    ),
    (
        lambda d: d["recipients"][0]["online"].append({"email": "letters at kremlin"}),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 2: field 'email': must be an "
        "email address",
    ),
    (
        lambda d: d["recipients"][0]["online"].append({"email": "a@b.ru?subject=x"}),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 2: field 'email': must be an "
        "email address",
    ),
    (
        lambda d: d["recipients"][0]["online"].append({"fax": "011 7 495 910 2134"}),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 2: must give one of web or "
        "email",
    ),
    (
        lambda d: d["recipients"][0]["online"][0].update(email="a@b.ru"),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 1: must give one of web or "
        "email",
    ),
    (
        lambda d: d["recipients"][0]["online"][0].update(note="letters site"),
        "recipients.yaml: recipients entry 1 (kremlin): online entry 1: unknown field 'note'",
    ),
    (
        lambda d: d["recipients"][0].update(online={"web": "http://en.letters.kremlin.ru"}),
        "recipients.yaml: recipients entry 1 (kremlin): field 'online': must be a non-empty list",
    ),
]


@pytest.mark.parametrize(("change", "message"), OFFICIAL_MISTAKES)
def test_official_mistakes_are_named(tmp_path, change, message):
    path = _dump(tmp_path, "recipients.yaml", _changed(RECIPIENTS, change))
    with pytest.raises(ContentError) as raised:
        load_officials(path)
    assert str(raised.value).startswith(message)


def test_a_directory_without_a_primary_official_is_fine(tmp_path):
    # Which official is primary is each action's choice; the directory only lists them.
    path = _dump(
        tmp_path, "recipients.yaml", _changed(RECIPIENTS, lambda d: d["recipients"].pop(0))
    )
    assert [official.id for official in load_officials(path)] == [
        "embassy",
        "investigation-committee",
    ]


# One action

ACTION_MISTAKES = [
    (lambda d: d.pop("title"), "field 'title': is missing"),
    (lambda d: d.pop("headline"), "field 'headline': is missing"),
    (lambda d: d.update(headline="  "), "field 'headline': must be non-empty text"),
    (
        lambda d: d.update(issued="15 January 2019"),
        "field 'issued': must be a date written YYYY-MM-DD",
    ),
    (
        lambda d: d["points"][2].pop("phrasings"),
        "points entry 3 (safety): field 'phrasings': is missing",
    ),
    (
        lambda d: d["points"][1].update(wording=""),
        "points entry 2 (justice): field 'wording': must be non-empty text",
    ),
    (lambda d: d["points"][3].update(id="investigate"), "point id 'investigate' is used twice"),
    (
        lambda d: d["letter"]["closes"].append(42),
        "field 'letter': field 'closes': item 9 must be non-empty text",
    ),
    (lambda d: d["letter"].pop("concerns"), "field 'letter': field 'concerns': is missing"),
    (lambda d: d.update(points=d["points"][:1]), "field 'points': must list at least 2"),
    (lambda d: d.update(pionts=[]), "unknown field 'pionts'"),
    (
        lambda d: d["tweet"].update(hashtags="#Chechnya"),
        "field 'tweet': field 'hashtags': must be a list of text",
    ),
    (
        lambda d: d.update(language="English"),
        "field 'language': must be a language code such as en or fr",
    ),
    # Dates and amounts are written by Babel in the action's language: it must know it.
    (lambda d: d.update(language="xx"), "field 'language': must be a language code such as en"),
    (lambda d: d.update(language="pt-br"), "field 'language': must be a language code such as"),
    # The officials it writes to, by id in the directory, each with a role.
    (lambda d: d.pop("recipients"), "field 'recipients': is missing"),
    (lambda d: d.update(recipients=[]), "field 'recipients': must be a non-empty list"),
    (
        lambda d: d["recipients"][1].update(id="pope"),
        "recipients entry 2 (pope): field 'id': no official 'pope' in the directory of "
        "officials (recipients.yaml)",
    ),
    (
        lambda d: d["recipients"][1].update(id="Embassy"),
        "recipients entry 2 (Embassy): field 'id': must be lower-case letters",
    ),
    (lambda d: d["recipients"][2].pop("id"), "recipients entry 3: field 'id': is missing"),
    (
        lambda d: d["recipients"][1].update(role="cc"),
        "recipients entry 2 (embassy): field 'role': must be one of primary, copy",
    ),
    (
        lambda d: d["recipients"][1].pop("role"),
        "recipients entry 2 (embassy): field 'role': is missing",
    ),
    (
        lambda d: d["recipients"][0].update(role="copy"),
        "field 'recipients': must give exactly one official the role primary",
    ),
    (
        lambda d: d["recipients"][1].update(role="primary"),
        "field 'recipients': must give exactly one official the role primary",
    ),
    (
        lambda d: d["recipients"].append({"id": "embassy", "role": "copy"}),
        "recipient id 'embassy' is used twice",
    ),
    (
        # An action names officials; their details live only in the directory.
        lambda d: d["recipients"][0].update(fax="123"),
        "recipients entry 1 (kremlin): unknown field 'fax'",
    ),
    (
        lambda d: d["recipients"].append("embassy"),
        "recipients entry 4: must be a mapping of fields",
    ),
    # How a copy official is asked to pass the appeal on, when the primary is left out.
    (
        lambda d: d["recipients"][1].pop("convey"),
        "recipients entry 2 (embassy): field 'convey': is missing",
    ),
    (
        lambda d: d["recipients"][2].update(convey=[]),
        "recipients entry 3 (investigation-committee): field 'convey': is missing",
    ),
    (
        lambda d: d["recipients"][2].update(convey="Please pass it on."),
        "recipients entry 3 (investigation-committee): field 'convey': must be a list of text",
    ),
    (
        lambda d: d["recipients"][1].update(convey=["Please pass it on.", " "]),
        "recipients entry 2 (embassy): field 'convey': item 2 must be non-empty text",
    ),
    (
        lambda d: d["recipients"][0].update(convey=["Please pass it on."]),
        "recipients entry 1 (kremlin): field 'convey': is only for officials with the role copy",
    ),
    # Its dates.
    (
        lambda d: d.update(deadline=date(2019, 1, 14)),
        "field 'deadline': must not be before the date the action was issued",
    ),
    (lambda d: d.update(deadline="soon"), "field 'deadline': must be a date written YYYY-MM-DD"),
    (
        lambda d: d.update(closed={"date": date(2019, 6, 30)}),
        "field 'closed': field 'note': is missing",
    ),
    (
        lambda d: d.update(closed={"date": date(2019, 6, 30), "note": " "}),
        "field 'closed': field 'note': must be non-empty text",
    ),
    (
        lambda d: d.update(closed={"date": "30 June 2019", "note": "Released."}),
        "field 'closed': field 'date': must be a date written YYYY-MM-DD",
    ),
    (
        lambda d: d.update(closed={"note": "Released."}),
        "field 'closed': field 'date': is missing",
    ),
    (
        lambda d: d.update(closed={"date": date(2019, 1, 14), "note": "Released."}),
        "field 'closed': field 'date': must not be before the date the action was issued",
    ),
    (
        lambda d: d.update(closed={"date": date(2019, 6, 30), "note": "Released.", "why": "x"}),
        "field 'closed': unknown field 'why'",
    ),
    (lambda d: d.update(closed="yes"), "field 'closed': must be a mapping of fields"),
    (lambda d: d.update(country=" "), "field 'country': must be non-empty text"),
    (lambda d: d.update(country=["Canada"]), "field 'country': must be non-empty text"),
    (lambda d: d.update(group_address="Group 42"), "field 'group_address': must be a mapping"),
    (
        lambda d: d.update(group_address={"lines": ["1 Group Street"]}),
        "field 'group_address': field 'name': is missing",
    ),
    (
        lambda d: d.update(group_address={"name": "Group 42"}),
        "field 'group_address': field 'lines': is missing",
    ),
    (
        lambda d: d.update(group_address={"name": "Group 42", "lines": []}),
        "field 'group_address': field 'lines': must be a list of text",
    ),
    (
        lambda d: d.update(group_address={"name": "Group 42", "lines": ["1 Group St", " "]}),
        "field 'group_address': field 'lines': item 2 must be non-empty text",
    ),
    (
        lambda d: d.update(group_address={"name": "G", "lines": ["1 Group St"], "phone": "1"}),
        "field 'group_address': unknown field 'phone'",
    ),
    (lambda d: d.update(targeted_for="gay"), "field 'targeted_for': must be a list of text"),
    (
        lambda d: d.update(targeted_for=["gay or lesbian", " "]),
        "field 'targeted_for': item 2 must be non-empty text",
    ),
]


@pytest.mark.parametrize(
    ("change", "issued", "deadline"),
    [
        (lambda d: d.update(deadline=date(2019, 1, 15)), date(2019, 1, 15), date(2019, 1, 15)),
        (lambda d: d.update(deadline=date(2019, 3, 1)), date(2019, 1, 15), date(2019, 3, 1)),
        (lambda d: d.pop("deadline"), date(2019, 1, 15), None),
    ],
)
def test_a_deadline_is_optional_and_may_fall_on_the_day_of_issue(
    tmp_path, officials, change, issued, deadline
):
    action = load_action(_write_action(tmp_path, change), officials)
    assert (action.issued, action.deadline) == (issued, deadline)


@pytest.mark.parametrize(
    ("change", "country", "group"),
    [
        (lambda d: d.pop("country"), None, None),
        (lambda d: d.update(country="France"), "France", None),
        (
            lambda d: d.update(
                group_address={"name": "Group  42", "lines": ["1 Group St", "Ottawa"]}
            ),
            "Canada",
            GroupAddress(name="Group 42", lines=("1 Group St", "Ottawa")),
        ),
    ],
)
def test_the_senders_country_and_a_group_address_are_optional(
    tmp_path, officials, change, country, group
):
    action = load_action(_write_action(tmp_path, change), officials)
    assert (action.country, action.group_address) == (country, group)
    # Officials in the action's own country are written to without a country line.
    embassy = action.recipient("embassy")
    assert (embassy.address_block[-1] == "CANADA") == (country != "Canada")


def test_a_closed_action_carries_its_date_and_note(tmp_path, officials):
    closed = {"date": date(2019, 6, 30), "note": "Thank you:   the detainees were released."}
    action = load_action(_write_action(tmp_path, lambda d: d.update(closed=closed)), officials)
    assert action.closed == Closure(date(2019, 6, 30), "Thank you: the detainees were released.")


def test_officials_may_be_listed_in_any_order_and_any_may_be_primary(tmp_path, officials):
    def embassy_first(data):
        data.pop("translations")  # its French asks the embassy, a copy, to pass the appeal on
        data["recipients"] = [
            {"id": "embassy", "role": "primary"},
            {"id": "kremlin", "role": "copy", "convey": ["Please pass my letter on."]},
        ]

    action = load_action(_write_action(tmp_path, embassy_first), officials)
    assert [(r.id, r.role) for r in action.recipients] == [
        ("embassy", "primary"),
        ("kremlin", "copy"),
    ]
    assert action.primary.id == "embassy"


@pytest.mark.parametrize(
    "name",
    ["UA_2.yaml", "UA-2-19.yaml", "ua 2 19.yaml", "-ua-2.yaml", "ua--2.yaml", "ua-2-.yaml"],
)
def test_a_file_name_that_cannot_be_an_address_is_refused(tmp_path, officials, name):
    path = _write_action(tmp_path, name=name)
    with pytest.raises(ContentError) as raised:
        load_action(path, officials)
    assert str(raised.value) == (
        f"actions/{name}: the file name is the action's address: use lower-case letters, "
        "digits and hyphens, ending in .yaml (for example ua-2-19.yaml)"
    )


def test_the_file_name_is_the_slug(tmp_path, officials):
    action = load_action(_write_action(tmp_path, name="ua-20-2026.yaml"), officials)
    assert (action.slug, action.source) == ("ua-20-2026", "actions/ua-20-2026.yaml")


# Malformed files


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("recipients: [\n  - id: kremlin\n", "recipients.yaml: is not valid YAML"),
        (
            "recipients:\n  - id: kremlin\n    id: embassy\n",
            "recipients.yaml: recipients entry 1 (kremlin): field 'id' is duplicated (line 3)",
        ),
        (
            "recipients:\n  - id: kremlin\n  - id: embassy\n    fax: 1\n    fax: 2\n",
            "recipients.yaml: recipients entry 2 (embassy): field 'fax' is duplicated (line 5)",
        ),
        (
            "recipients:\n  - id: kremlin\n    name: !!python/object/apply:os.system ['true']\n",
            "recipients.yaml: recipients entry 1 (kremlin): field 'name': unsafe or unknown tag "
            "'tag:yaml.org,2002:python/object/apply:os.system' (line 3)",
        ),
        (
            "recipients: !!python/name:os.system\n",
            "recipients.yaml: field 'recipients': unsafe or unknown tag",
        ),
        (
            "recipients:\n  - &a {id: x}\n  - *a\n  - <<: *a\n",
            "recipients.yaml: recipients entry 3",
        ),
        ("- just\n- a list\n", "recipients.yaml: must be a mapping of fields"),
        ("", "recipients.yaml: must be a mapping of fields"),
    ],
)
def test_malformed_yaml_is_named(tmp_path, text, message):
    path = write_file(tmp_path, "recipients.yaml", text)
    with pytest.raises(ContentError) as raised:
        load_officials(path)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [\n", "actions/ua-2-19.yaml: is not valid YAML"),
        (
            "recipients:\n  - id: kremlin\n    role: primary\n    role: copy\n",
            "actions/ua-2-19.yaml: recipients entry 1 (kremlin): field 'role' is duplicated "
            "(line 4)",
        ),
        (
            "title: !!python/object/apply:os.system ['true']\n",
            "actions/ua-2-19.yaml: field 'title': unsafe or unknown tag",
        ),
        ("", "actions/ua-2-19.yaml: must be a mapping of fields"),
    ],
)
def test_malformed_action_yaml_is_named_by_folder_and_file(tmp_path, officials, text, message):
    (tmp_path / "actions").mkdir()
    path = write_file(tmp_path / "actions", "ua-2-19.yaml", text)
    with pytest.raises(ContentError) as raised:
        load_action(path, officials)
    assert str(raised.value).startswith(message)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ContentError, match=r"^nowhere.yaml: cannot be read"):
        load_officials(tmp_path / "nowhere.yaml")


def test_non_utf8_file_is_named(tmp_path, officials):
    (tmp_path / "actions").mkdir()
    path = tmp_path / "actions" / "ua-2-19.yaml"
    path.write_bytes(b"title: \xff\xfe\n")
    with pytest.raises(ContentError, match=r"^actions/ua-2-19.yaml: is not UTF-8 text"):
        load_action(path, officials)


def test_nested_aliases_are_checked_once(tmp_path, officials):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    (tmp_path / "actions").mkdir()
    path = write_file(tmp_path / "actions", "ua-2-19.yaml", "\n".join(levels) + "\n")
    with pytest.raises(ContentError, match=r"^actions/ua-2-19.yaml: field 'letter': is missing"):
        load_action(path, officials)


# The folder of actions


def test_every_action_in_the_folder_is_loaded_in_order_of_name(tmp_path):
    _write_action(tmp_path, name="ua-9-25.yaml")
    _write_action(tmp_path)
    _write_action(tmp_path, name="ua-10-25.yaml")
    content = load_content(tmp_path / "actions", RECIPIENTS_FILE)
    assert [a.slug for a in content.actions] == ["ua-10-25", "ua-2-19", "ua-9-25"]
    assert content.action("ua-9-25").source == "actions/ua-9-25.yaml"


def test_the_same_official_may_have_a_different_role_in_each_action(tmp_path):
    _write_action(tmp_path)
    _write_action(
        tmp_path,
        lambda d: d.update(recipients=[{"id": "embassy", "role": "primary"}], translations=None),
        name="ua-9-25.yaml",
    )
    content = load_content(tmp_path / "actions", RECIPIENTS_FILE)
    assert content.action("ua-2-19").recipient("embassy").role == "copy"
    assert content.action("ua-9-25").recipient("embassy").role == "primary"
    assert [r.id for r in content.action("ua-9-25").recipients] == ["embassy"]


def test_hidden_files_and_other_files_are_not_actions(tmp_path):
    _write_action(tmp_path)
    _write_action(tmp_path, lambda d: d.pop("title"), name=".ua-9-25.yaml")  # an editor's copy
    write_file(tmp_path / "actions", "README.md", "Drafts go elsewhere.\n")
    content = load_content(tmp_path / "actions", RECIPIENTS_FILE)
    assert [a.slug for a in content.actions] == ["ua-2-19"]


def test_a_yml_file_is_refused_rather_than_silently_skipped(tmp_path):
    _write_action(tmp_path)
    _write_action(tmp_path, name="ua-9-25.yml")
    with pytest.raises(ContentError, match=r"^actions/ua-9-25.yml: the file name is"):
        load_content(tmp_path / "actions", RECIPIENTS_FILE)


def test_an_empty_actions_folder_is_refused(tmp_path):
    (tmp_path / "actions").mkdir()
    write_file(tmp_path / "actions", "notes.txt", "nothing yet\n")
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path / "actions", RECIPIENTS_FILE)
    assert str(raised.value) == "actions: holds no action file (such as ua-2-19.yaml)"


def test_a_missing_actions_folder_is_refused(tmp_path):
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path / "actions", RECIPIENTS_FILE)
    assert str(raised.value) == "actions: is not a folder of action files"


def test_the_directory_is_read_before_the_actions(tmp_path):
    # A broken directory is reported as itself, not as every action that names it.
    path = _dump(tmp_path, "recipients.yaml", _changed(RECIPIENTS, lambda d: d.update(x=1)))
    with pytest.raises(ContentError, match=r"^recipients.yaml: unknown field 'x'"):
        load_content(ACTIONS_DIR, path)


def test_an_action_naming_an_official_missing_from_the_directory_stops_loading(tmp_path):
    _write_action(tmp_path)
    path = _dump(
        tmp_path, "recipients.yaml", _changed(RECIPIENTS, lambda d: d["recipients"].pop(1))
    )
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path / "actions", path)
    assert str(raised.value) == (
        "actions/ua-2-19.yaml: recipients entry 2 (embassy): field 'id': no official 'embassy' "
        "in the directory of officials (recipients.yaml)"
    )


# Open and past actions


def _dated(action, slug, issued, closed=None):
    closure = Closure(closed, "Thank you for writing.") if closed else None
    return replace(action, slug=slug, issued=issued, closed=closure)


@pytest.fixture(scope="module")
def actions(content):
    shipped = content.action("ua-2-19")
    return {
        "old-open": _dated(shipped, "old-open", date(2019, 1, 15)),
        "new-open": _dated(shipped, "new-open", date(2020, 3, 1)),
        "same-day": _dated(shipped, "same-day", date(2020, 3, 1)),
        "closed-early": _dated(shipped, "closed-early", date(2018, 5, 1), date(2019, 6, 30)),
        "closed-late": _dated(shipped, "closed-late", date(2019, 2, 1), date(2020, 6, 30)),
    }


@pytest.mark.parametrize(
    ("today", "closed"),
    [
        (date(2019, 6, 29), False),
        (date(2019, 6, 30), True),  # closed from its date on
        (date(2019, 7, 1), True),
    ],
)
def test_an_action_is_closed_from_its_closing_date_on(actions, today, closed):
    assert actions["closed-early"].is_closed(today) is closed
    assert actions["old-open"].is_closed(today) is False


@pytest.mark.parametrize(
    ("today", "open_slugs", "past_slugs"),
    [
        (
            date(2019, 6, 29),
            ["same-day", "new-open", "closed-late", "old-open", "closed-early"],
            [],
        ),
        (
            date(2019, 6, 30),
            ["same-day", "new-open", "closed-late", "old-open"],
            ["closed-early"],
        ),
        (
            date(2026, 11, 21),
            ["same-day", "new-open", "old-open"],
            ["closed-late", "closed-early"],  # most recently closed first
        ),
    ],
)
def test_open_actions_newest_first_and_past_ones_latest_closed_first(
    actions, today, open_slugs, past_slugs
):
    content = Content(actions=tuple(actions.values()), officials=())
    # Issued the same day: the slug decides (in reverse too), never the order of the files.
    assert [a.slug for a in content.open_actions(today)] == open_slugs
    assert [a.slug for a in content.past_actions(today)] == past_slugs
    reversed_content = Content(actions=tuple(reversed(actions.values())), officials=())
    assert [a.slug for a in reversed_content.open_actions(today)] == open_slugs


# Phrasings: plain text, or a mapping of text, what it is and the facts it states


def _set_phrasing(where, number, value):
    """Return a change that sets item NUMBER of a list of phrasings: ("calls",) or (2,)."""

    def change(d):
        if isinstance(where, int):
            d["points"][where]["phrasings"][number - 1] = value
        else:
            d["letter"][where][number - 1] = value

    return change


def test_phrasings_given_as_mappings_carry_their_kind_fits_and_facts(tmp_path, officials):
    def change(d):
        _set_phrasing(0, 1, {"text": "Please  act.", "kind": "request", "states": ["x"]})(d)
        _set_phrasing("calls", 1, {"text": "I ask:", "fits": ["request", "question"]})(d)
        d["facts"] = ["x", "legal-duty"]

    action = load_action(_write_action(tmp_path, change), officials)
    phrasing, call = action.points[0].phrasings[0], action.letter.calls[0]
    assert (phrasing, phrasing.kind, phrasing.fits, phrasing.states) == (
        "Please act.",
        "request",
        None,
        frozenset({"x"}),
    )
    assert (call, call.kind, call.fits) == ("I ask:", None, frozenset({"request", "question"}))
    assert action.facts == ("x", "legal-duty")


def test_plain_phrasings_say_nothing_of_themselves_and_fit_anything(action):
    plain = action.letter.openings[0]
    assert (plain.kind, plain.fits, plain.states) == (None, None, frozenset())
    assert all(call.leads_into(plain) for call in action.letter.calls)


def test_without_a_list_of_facts_any_fact_id_may_be_stated(tmp_path, officials):
    def change(d):
        d.pop("facts")
        _set_phrasing("closes", 1, {"text": "Thank you.", "states": ["anything-at-all"]})(d)

    action = load_action(_write_action(tmp_path, change), officials)
    assert action.letter.closes[0].states == {"anything-at-all"}
    assert action.facts == ()


PHRASING_MISTAKES = [
    (
        _set_phrasing(1, 2, {"text": "Please.", "kind": "plea"}),
        "points entry 2 (justice): field 'phrasings': item 2: field 'kind': must be one of "
        "request, first-person, question, statement",
    ),
    (
        _set_phrasing(3, 6, {"text": "Please.", "kind": ["request"]}),
        "points entry 4 (condemn): field 'phrasings': item 6: field 'kind': must be one of",
    ),
    (
        _set_phrasing("calls", 3, {"text": "So:", "fits": "request"}),
        "field 'letter': field 'calls': item 3: field 'fits': must be a list of request, "
        "first-person, question, statement",
    ),
    (
        _set_phrasing("calls", 3, {"text": "So:", "fits": ["request", "demand"]}),
        "field 'letter': field 'calls': item 3: field 'fits': must be a list of",
    ),
    (
        _set_phrasing("concerns", 2, {"text": "Facts.", "states": ["legal-dutty"]}),
        "field 'letter': field 'concerns': item 2: field 'states': 'legal-dutty' is not one of "
        "the action's facts: legal-duty",
    ),
    (
        _set_phrasing("closes", 1, {"text": "Thanks.", "states": "legal-duty"}),
        "field 'letter': field 'closes': item 1: field 'states': must be a list of fact ids",
    ),
    (
        _set_phrasing("closes", 1, {"text": "Thanks.", "kind": "statement"}),
        "field 'letter': field 'closes': item 1: unknown field 'kind'",
    ),
    (
        _set_phrasing(0, 1, {"text": "Please.", "fits": ["request"]}),
        "points entry 1 (investigate): field 'phrasings': item 1: unknown field 'fits'",
    ),
    (
        _set_phrasing("openings", 4, {"kind": "statement"}),
        "field 'letter': field 'openings': item 4: field 'text': is missing",
    ),
    (
        _set_phrasing("openings", 4, ["Dear"]),
        "field 'letter': field 'openings': item 4 must be non-empty text, or a mapping with 'text'",
    ),
    (lambda d: d.update(facts=["Legal Duty"]), "field 'facts': 'Legal Duty' must be lower-case"),
    (lambda d: d.update(facts="legal-duty"), "field 'facts': must be a list of text"),
]


@pytest.mark.parametrize(("change", "message"), ACTION_MISTAKES + PHRASING_MISTAKES)
def test_action_mistakes_are_named_by_entry_item_and_field(tmp_path, officials, change, message):
    path = _write_action(tmp_path, change)
    with pytest.raises(ContentError) as raised:
        load_action(path, officials)
    assert str(raised.value).startswith(f"actions/ua-2-19.yaml: {message}")
