"""What the real-browser tests leave behind: screenshots of every state they check."""

from pathlib import Path

from campaign.config import PROJECT_DIR

SCREENSHOTS = PROJECT_DIR / "artifacts" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
