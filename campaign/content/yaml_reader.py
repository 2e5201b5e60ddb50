"""Read a YAML file safely: plain data only, no duplicated keys, errors that say where."""

from pathlib import Path
from typing import Any

import yaml

from campaign.content.errors import ContentError

# The tags of plain data; anything else (such as !!python/object) is refused before it is
# constructed, with the place it was found.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp", "binary")
}


def _describe_key(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "?"


def _entry_label(node: yaml.Node) -> str:
    """Return ' (id)' for a mapping with a scalar id, as the loader names entries."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if _describe_key(key) == "id" and isinstance(value, yaml.ScalarNode):
                return f" ({value.value})"
    return ""


def _check_nodes(node: yaml.Node, where: str, name: str, seen_nodes: set[int]) -> None:
    """Refuse unsafe tags and duplicated keys anywhere, naming the entry and field.

    A node reached again through an alias is checked once, so nested aliases cannot make
    the check run for ever.
    """
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    line = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        raise ContentError(f"{where}: unsafe or unknown tag {node.tag!r} (line {line})")
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            label = _describe_key(key)
            if label in seen:
                key_line = key.start_mark.line + 1
                raise ContentError(f"{where}: field '{label}' is duplicated (line {key_line})")
            seen.add(label)
            _check_nodes(key, where, name, seen_nodes)
            _check_nodes(value, f"{where}: field '{label}'", label, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value, start=1):
            if isinstance(item, yaml.MappingNode):
                place = f"{where.rsplit(': field ', 1)[0]}: {name} entry {number}"
                _check_nodes(item, place + _entry_label(item), name, seen_nodes)
            else:
                _check_nodes(item, where, name, seen_nodes)


def read_yaml(path: Path, label: str | None = None) -> Any:
    """Return the parsed document, or raise ContentError naming the file and the problem.

    Messages name the file by `label` (its name, unless given).
    """
    name = label or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ContentError(f"{name}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise ContentError(f"{name}: is not UTF-8 text") from error
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_nodes(node, name, "", set())
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: is not valid YAML: {_describe(error)}") from error


def _describe(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is not None:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return problem
