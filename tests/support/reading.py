"""Read an answer back as a person would: the page parsed, a field as shown, a PDF's text."""

from io import BytesIO

from bs4 import BeautifulSoup
from pypdf import PdfReader


def parse(response) -> BeautifulSoup:
    """Return the response's HTML, parsed."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def field_value(page: BeautifulSoup, field_id: str) -> str:
    """Return what a browser shows in an input or textarea (minus a textarea's first newline)."""
    element = page.select_one(f"#{field_id}")
    if element.name == "textarea":
        text = element.get_text()
        return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
    return element.get("value", "")


def pdf_pages(data: bytes) -> list[str]:
    """Return the text of each page of a PDF, whitespace collapsed."""
    reader = PdfReader(BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]
