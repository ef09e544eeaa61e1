"""Tables for people: Dutch display formatting and CSV/Excel downloads (pure).

The HTML table under a chart shows numbers the Dutch way (1.234,5); the downloads keep
exact values so an official can calculate with them. The CSV uses ';' and a decimal
comma with a byte-order mark, so Dutch Excel opens it correctly by double-click.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Mapping

import polars as pl

from components.common import fmt
from components.data import suppression

#: Longest unbroken word an HTML table cell can hold at 1280 px before it scrolls sideways.
_LONG_WORD = 30
_BREAK_AFTER = re.compile(r"([/_.?&=-])")


def _wrappable(text: str) -> str:
    """Let long web addresses and file names wrap (zero-width space after / _ . - …).

    A cell with one long unbroken word makes the whole table scroll sideways, and a
    scrolling region that cannot take keyboard focus fails WCAG.
    """
    return " ".join(
        _BREAK_AFTER.sub("\\1\u200b", word) if len(word) > _LONG_WORD else word
        for word in text.split(" ")
    )


def labelled(frame: pl.DataFrame, names: Mapping[str, str]) -> pl.DataFrame:
    """The columns ``names`` of ``frame``, in that order, under the names people read."""
    return frame.select(list(names)).rename(dict(names))


def _decimals(values: pl.Series) -> int:
    """Decimals for a column of floats, the same for every cell so the column reads as one.

    The column's largest value sets the most: amounts from 1.000 up (euros) are shown
    whole, from 10 up with one decimal, smaller ones with two; fewer where every value
    has fewer (5,9 stays '5,9', not '5,90'). The downloads keep the exact values.
    """
    present = values.drop_nulls().drop_nans()
    if present.is_empty():
        return 0
    largest = present.abs().max()
    most = 0 if largest >= 1000 else 1 if largest >= 10 else 2
    return next(
        d for d in range(most + 1) if d == most or ((present - present.round(d)).abs() < 1e-9).all()
    )


def _cell(value: object, decimals: int) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        # Years are shown without a thousands separator.
        return str(value) if 1900 <= value <= 2100 else fmt.number(value)
    if isinstance(value, float):
        return fmt.number(value, decimals)
    if isinstance(value, dt.date):
        return fmt.date(value)
    return _wrappable(str(value))


def for_display(frame: pl.DataFrame) -> pl.DataFrame:
    """Every cell as Dutch text, as a reader sees it; the column names stay as given.

    A column of floats has one number of decimals (:func:`_decimals`), so a budget column
    reads '26.960.867' and a percentage column '1,0' beside '0,1' (not '1' beside '0,10').
    """
    decimals = {
        col: _decimals(frame[col]) if frame[col].dtype.is_float() else 0 for col in frame.columns
    }
    return pl.DataFrame(
        {col: [_cell(v, decimals[col]) for v in frame[col].to_list()] for col in frame.columns},
        schema=dict.fromkeys(frame.columns, pl.String),
    )


#: Class of the box around every table; its look is in components.web.blocks (PAGE_CSS).
TABLE_CLASS = "jeugdhulp-tabel"
#: A text column whose longest cell is longer than this (characters) is marked ``lang``:
#: in a table wider than the screen it keeps a readable width instead of being squeezed
#: to a few words per line (components.web.blocks, PAGE_CSS).
LONG_TEXT = 150


def html_table(frame: pl.DataFrame) -> str:
    """``frame`` as one HTML table: Dutch formatting, every text escaped, numbers right.

    The first column names the row (``<th scope="row">``), as in a table on paper. One
    HTML element instead of ``st.table``, which renders every cell as its own markdown
    component: 10-15% less browser work per visit where a table is open (docs/prestaties.md,
    point 14).
    """
    shown = for_display(frame)
    kinds = [_column_class(frame[col], shown[col]) for col in frame.columns]

    def cell(tag: str, text: str, kind: str, scope: str = "") -> str:
        attributes = (f' scope="{scope}"' if scope else "") + (f' class="{kind}"' if kind else "")
        return f"<{tag}{attributes}>{html.escape(fmt.unbroken(text))}</{tag}>"

    head = "".join(
        cell("th", col, kind, "col") for col, kind in zip(frame.columns, kinds, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            cell("th", text, kind, "row") if index == 0 else cell("td", text, kind)
            for index, (text, kind) in enumerate(zip(row, kinds, strict=True))
        )
        + "</tr>"
        for row in shown.iter_rows()
    )
    return (
        f'<div class="{TABLE_CLASS}"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


#: A cell that reads as a number: '1.234', '€ 214.103', '-5,9', '12,5%', '95 dagen'.
_WRITTEN_NUMBER = r"^(€ )?-?\d[\d.]*(,\d+)?(%| dagen)?$"
#: Cells of a column of numbers that are not numbers: none, or hidden ('< 5', 'afgeschermd').
_NOT_A_NUMBER = ("", "–", suppression.HIDDEN, suppression.MASKED)


def numeric(values: pl.Series, shown: pl.Series) -> bool:
    """Whether a column (its ``values`` and the ``shown`` text) holds numbers, to align them
    on the right. Numbers written as text count too: a table with hidden cells holds its
    counts and amounts as text ('14', '< 5', '€ 214.103', 'afgeschermd'), and they should
    line up like any other column of numbers."""
    if values.dtype.is_numeric():
        return True
    if values.dtype != pl.String:
        return False
    marks = shown.is_in(_NOT_A_NUMBER)
    numbers = shown.str.contains(_WRITTEN_NUMBER)
    return bool(numbers.any() and (numbers | marks).all())


def _column_class(values: pl.Series, shown: pl.Series) -> str:
    """``getal`` for numbers (aligned right), ``lang`` for long text, else nothing."""
    if numeric(values, shown):
        return "getal"
    longest = shown.str.len_chars().max()
    return "lang" if longest is not None and longest > LONG_TEXT else ""


#: xlsxwriter's options for every workbook the dashboard writes: a text is a text. By
#: default a string starting with '=' becomes a live formula and one like 'http://…' a
#: link; a provider named '=HYPERLINK(…)' must stay a name.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}

#: What Excel reads as the start of a formula in a CSV it opens (OWASP, CSV injection).
_FORMULA_START = r"^[=+\-@\t\r]"


def inert_text(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text that a spreadsheet would run as a formula made inert.

    A text cell starting with '=', '+', '-', '@', a tab or a carriage return gets a leading
    apostrophe, which Excel shows as text (the OWASP rule). Numbers and dates stay as they
    are: they are written as values, never read as formulas.
    """
    texts = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical)]
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(_FORMULA_START))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in texts
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV for Dutch Excel: UTF-8 with BOM, ';' separator, decimal comma; no formulas."""
    text = inert_text(frame).write_csv(separator=";", decimal_comma=True, date_format="%Y-%m-%d")
    return ("\ufeff" + text).encode("utf-8")


def excel_bytes(sheets: dict[str, pl.DataFrame]) -> bytes:
    """An .xlsx with one sheet per frame (sheet names cut to Excel's 31 characters).

    Every text is written as text (:data:`WORKBOOK_OPTIONS`), so it shows exactly as in
    the source; numbers stay numbers.
    """
    buffer = io.BytesIO()
    import xlsxwriter  # imported here: only a download needs it

    with xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS) as workbook:
        for name, frame in sheets.items():
            frame.write_excel(workbook, worksheet=name[:31], autofit=True)
    return buffer.getvalue()


def page(frame: pl.DataFrame, number: int, size: int) -> tuple[pl.DataFrame, int, int]:
    """Rows of page ``number`` (1-based, clamped to the pages there are), that page, the count.

    A long list (hundreds of providers in a national region) shows a page at a time; the
    downloads keep every row. Clamping keeps a page valid when a filter shortens the list.
    """
    pages = max(1, -(-frame.height // size))
    number = min(max(number, 1), pages)
    return frame.slice((number - 1) * size, size), number, pages


def page_caption(frame: pl.DataFrame, number: int, size: int) -> str:
    """'Rij 26–50 van 470. De downloads bevatten alle rijen.'"""
    first = (number - 1) * size + 1
    last = min(number * size, frame.height)
    return (
        f"Rij {fmt.number(first)}–{fmt.number(last)} van {fmt.number(frame.height)}. "
        "De downloads bevatten alle rijen."
    )
