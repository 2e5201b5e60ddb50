"""load_action / load_recipients: typed content, and every mistake named by file, entry, field."""

import copy
from datetime import date
from decimal import Decimal

import pytest
import yaml

from campaign.content import ContentError, load_action, load_recipients
from tests.conftest import ACTION_FILE, RECIPIENTS_FILE, write_file

RECIPIENTS = yaml.safe_load(RECIPIENTS_FILE.read_text(encoding="utf-8"))
ACTION = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))


def test_shipped_recipients_match_the_action_text():
    kremlin, embassy, committee = load_recipients(RECIPIENTS_FILE)
    assert kremlin.address_block == (
        "Vladimir Putin",
        "President of the Russian Federation",
        "Ul. Ilyinka, 23",
        "103132 Moscow",
        "Russian Federation",
    )
    assert (kremlin.fax, kremlin.postage_cad, kremlin.role) == (
        "011 7 495 910 2134",
        Decimal("2.65"),
        "primary",
    )
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
        "105005 Moscow, Russian Federation",
    )
    assert (committee.fax, committee.postage_cad) == ("011 7 495 966 9776", Decimal("2.65"))


def test_shipped_action_has_the_four_points_in_the_seeds_words():
    action = load_action(ACTION_FILE)
    assert (action.reference, action.issued) == ("UA 2/19", date(2019, 1, 15))
    assert [p.id for p in action.points] == ["investigate", "justice", "safety", "condemn"]
    assert action.point("justice").wording == (
        "ensure that anyone found guilty or complicit in such crimes is brought to justice"
    )
    for paragraph in ("openings", "concerns", "calls", "closes"):
        assert len(getattr(action.letter, paragraph)) >= 6
    assert all(len(p.phrasings) >= 6 for p in action.points)


def _dump(tmp_path, name, data):
    return write_file(tmp_path, name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _recipients_with(change):
    data = copy.deepcopy(RECIPIENTS)
    change(data)
    return data


def _action_with(change):
    data = copy.deepcopy(ACTION)
    change(data)
    return data


RECIPIENT_MISTAKES = [
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
        lambda d: d["recipients"][1].update(id="kremlin"),
        "recipients.yaml: recipient id 'kremlin' is used twice",
    ),
    (
        lambda d: d["recipients"][1].update(role="cc"),
        "recipients.yaml: recipients entry 2 (embassy): field 'role': must be one of primary, copy",
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
    (
        lambda d: d["recipients"][0].update(role="copy"),
        "recipients.yaml: field 'recipients': must include one recipient whose role is primary",
    ),
    (lambda d: d.update(recipients=[]), "recipients.yaml: field 'recipients': must be a non-empty"),
    (
        lambda d: d["recipients"].append("embassy"),
        "recipients.yaml: recipients entry 4: must be a mapping of fields",
    ),
]


@pytest.mark.parametrize(("change", "message"), RECIPIENT_MISTAKES)
def test_recipient_mistakes_are_named(tmp_path, change, message):
    path = _dump(tmp_path, "recipients.yaml", _recipients_with(change))
    with pytest.raises(ContentError) as raised:
        load_recipients(path)
    assert str(raised.value).startswith(message)


ACTION_MISTAKES = [
    (lambda d: d.pop("title"), "action.yaml: field 'title': is missing"),
    (
        lambda d: d.update(issued="15 January 2019"),
        "action.yaml: field 'issued': must be a date written YYYY-MM-DD",
    ),
    (
        lambda d: d["points"][2].pop("phrasings"),
        "action.yaml: points entry 3 (safety): field 'phrasings': is missing",
    ),
    (
        lambda d: d["points"][1].update(wording=""),
        "action.yaml: points entry 2 (justice): field 'wording': must be non-empty text",
    ),
    (
        lambda d: d["points"][3].update(id="investigate"),
        "action.yaml: point id 'investigate' is used twice",
    ),
    (
        lambda d: d["letter"]["closes"].append(42),
        "action.yaml: field 'letter': field 'closes': item 9 must be non-empty text",
    ),
    (
        lambda d: d["letter"].pop("concerns"),
        "action.yaml: field 'letter': field 'concerns': is missing",
    ),
    (
        lambda d: d.update(points=d["points"][:1]),
        "action.yaml: field 'points': must list at least 2",
    ),
    (lambda d: d.update(pionts=[]), "action.yaml: unknown field 'pionts'"),
    (
        lambda d: d["tweet"].update(hashtags="#Chechnya"),
        "action.yaml: field 'tweet': field 'hashtags': must be a list of text",
    ),
]


@pytest.mark.parametrize(("change", "message"), ACTION_MISTAKES)
def test_action_mistakes_are_named(tmp_path, change, message):
    path = _dump(tmp_path, "action.yaml", _action_with(change))
    with pytest.raises(ContentError) as raised:
        load_action(path)
    assert str(raised.value).startswith(message)


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
        load_recipients(path)
    assert str(raised.value).startswith(message)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ContentError, match=r"^nowhere.yaml: cannot be read"):
        load_recipients(tmp_path / "nowhere.yaml")


def test_non_utf8_file_is_named(tmp_path):
    path = tmp_path / "action.yaml"
    path.write_bytes(b"title: \xff\xfe\n")
    with pytest.raises(ContentError, match=r"^action.yaml: is not UTF-8 text"):
        load_action(path)


def test_nested_aliases_are_checked_once(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    path = write_file(tmp_path, "action.yaml", "\n".join(levels) + "\n")
    with pytest.raises(ContentError, match=r"^action.yaml: field 'letter': is missing"):
        load_action(path)
