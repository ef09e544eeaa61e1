"""The HTML tables the pages send (components.common.tables.html_table), read back as shown."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Cell:
    tag: str  # th or td
    attrs: dict[str, str | None]
    text: str = ""  # entities decoded: the text shown (a no-break space as a space)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[Cell]]] = []
        self.cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self.cell = Cell(tag, dict(attrs))
            self.tables[-1][-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data.replace("\u00a0", " ")


def read(markup: str) -> list[list[list[Cell]]]:
    """Every table in ``markup``: its rows (header row first), each a list of cells."""
    reader = _Reader()
    reader.feed(markup)
    return reader.tables
