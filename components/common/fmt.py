"""Dutch number, money, percentage and date formatting (pure).

Councils publish in Dutch: € 90 mln, 1.234,5 and 13,5%. One place formats every figure
the app shows, so a chart label, a table cell and a key figure never disagree.
"""

from __future__ import annotations

import datetime as dt
import math

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
STATUS_LABELS = {
    "gepubliceerd": "gepubliceerd",
    "voorlopig": "VOORLOPIG",
    "afgeleid": "afgeleid (berekend uit gepubliceerde cijfers)",
    "illustratief": "ILLUSTRATIEF (geen echte cijfers)",
}


def number(value: float | int | None, decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (with ``decimals=1``); None or NaN → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _trim(value: float, decimals: int) -> str:
    """Number with at most ``decimals`` decimals and no trailing zeros: 6.0 → '6', 6.17 → '6,17'."""
    text = number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def euro(value: float | None, decimals: int = 1) -> str:
    """Money as a council reads it: 90_000_000 → '€ 90 mln', 6_167_100 → '€ 6,2 mln'.

    Amounts under a million are written in full: 13_500 → '€ 13.500'.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount >= 1_000_000_000:
        return f"{sign}€ {_trim(amount / 1e9, decimals)} mld"
    if amount >= 1_000_000:
        return f"{sign}€ {_trim(amount / 1e6, decimals)} mln"
    return f"{sign}€ {number(amount)}"


def euro_exact(value: float | None) -> str:
    """Money to the euro, for tables: 6_167_100 → '€ 6.167.100'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return ("-" if value < 0 else "") + f"€ {number(abs(value))}"


def percent(value: float | None, decimals: int = 1) -> str:
    """13.5 → '13,5%'; whole numbers lose the decimal: 20.0 → '20%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{_trim(value, decimals)}%"


def date(value: dt.date | None) -> str:
    """dt.date(2023, 12, 6) → '6 december 2023'."""
    if value is None:
        return "onbekend"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month(value: dt.date) -> str:
    """dt.date(2026, 7, 31) → 'juli 2026'."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def figure(value: float | None, unit: str, qualifier: str | None = None) -> str:
    """A key figure in its unit (aantal, euro, procent, jaar), with the source's qualifier.

    >>> figure(276, "aantal", "ruim")
    'ruim 276'
    """
    if unit == "euro":
        text = euro(value)
    elif unit == "procent":
        text = percent(value)
    elif unit == "jaar":
        text = f"{_trim(value, 1)} jaar" if value is not None else "–"
    else:
        text = _trim(value, 1) if value is not None else "–"
    return f"{qualifier} {text}" if qualifier else text


def status(value: str) -> str:
    """The status as the source note shows it (provisional and illustrative stand out)."""
    return STATUS_LABELS.get(value, value)


#: Characters that Streamlit's markdown would read as formatting (or as HTML).
_MARKDOWN_SPECIALS = "\\`*_{}[]<>()#+-.!|~$:"


def literal(text: str) -> str:
    """Text from the data, escaped so Streamlit's markdown shows it as written.

    Streamlit reads markdown in st.markdown, captions and alerts: '**Vet**' would turn
    bold, '[x](url)' a link and ':red[x]' red. A provider's name must appear as given.
    """
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIALS else char for char in text)
