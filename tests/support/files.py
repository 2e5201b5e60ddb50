"""Files written for one test, in its own temporary folder."""

from pathlib import Path

import yaml


def write_file(folder: Path, name: str, text: str) -> Path:
    """Write text to folder/name and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_actions(folder: Path, actions: dict[str, dict]) -> Path:
    """Write an actions folder: each action's data in <slug>.yaml. Return the folder."""
    folder.mkdir(exist_ok=True)
    for slug, data in actions.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        write_file(folder, f"{slug}.yaml", text)
    return folder
