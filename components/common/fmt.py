"""Dutch number, money, percentage and date formatting (pure).

Councils publish in Dutch: € 90 mln, 1.234,5 and 13,5%. One place formats every figure
the app shows, so a chart label, a table cell and a key figure never disagree.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

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
    """1234.5 → '1.234,5' (with ``decimals=1``); None, NaN or infinity → '–'.

    A half is rounded up, as people do (6,25 → 6,3), and as the number is written, not as
    the computer stores it (13,45 is stored as 13,4499…).
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    exact = Decimal(repr(value))
    # Enough digits for any float (1e300 too); a rounded zero has no sign ('-0' is not a number).
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, Context(prec=400))
    text = f"{rounded.copy_abs() if rounded.is_zero() else rounded:,.{decimals}f}"
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


def adding_up(values: list[float], grain: float) -> list[float]:
    """``values`` rounded to multiples of ``grain`` so that the rounded parts add up to the
    rounded total (largest remainder): € 84.655,4 + € 77.958,3 and so on, shown as whole
    euros, still add up to the change they split."""
    units = [v / grain for v in values]
    floors = [math.floor(u) for u in units]
    short = round(sum(units)) - sum(floors)  # 0 ≤ short ≤ len(values)
    for i in sorted(range(len(units)), key=lambda i: floors[i] - units[i])[:short]:
        floors[i] += 1
    return [f * grain for f in floors]


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


def percent_column(value: float | None) -> str:
    """A percentage in a table column: always one decimal, so the column lines up and
    reads as one: '1,0%' beside '1,4%' (:func:`percent` would write '1%')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{number(value, 1)}%"


def date(value: dt.date | None) -> str:
    """dt.date(2023, 12, 6) → '6 december 2023'."""
    if value is None:
        return "onbekend"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


#: What a reference date says when the source gives none: never an invented date.
NO_DATE = "niet vermeld in de bron"


def peildatum(value: dt.date | None) -> str:
    """A reference date, or that the source gives none."""
    return date(value) if value is not None else NO_DATE


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


def sentence(text: str) -> str:
    """Text closed with a full stop, unless it already ends as a sentence ends.

    >>> sentence("Wat kost het"), sentence("Wat kost het?"), sentence("Klaar.")
    ('Wat kost het.', 'Wat kost het?', 'Klaar.')
    """
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def status(value: str) -> str:
    """The status as the source note shows it (provisional and illustrative stand out)."""
    return STATUS_LABELS.get(value, value)


#: Characters that Streamlit's markdown would read as formatting (or as HTML, an entity).
_MARKDOWN_SPECIALS = "\\`*_{}[]<>()#+-.!|~$:&"


def literal(text: str) -> str:
    """Text from the data, escaped so Streamlit's markdown shows it as written.

    Streamlit reads markdown in st.markdown, captions and alerts: '**Vet**' would turn
    bold, '[x](url)' a link and ':red[x]' red. A provider's name must appear as given.
    A euro sign keeps its amount on its line (:func:`unbroken`).
    """
    return unbroken("".join(f"\\{char}" if char in _MARKDOWN_SPECIALS else char for char in text))


#: The spaces that must not break a line: after '€' ('€ 3,3 mln'), between a number and
#: 'dagen' ('95 dagen'), and in a hidden count ('< 5').
_KEEP_TOGETHER = re.compile(r"(?<=€) |(?<=\d) (?=dagen\b)|(?<=<) (?=\d)")


def unbroken(text: str) -> str:
    """``text`` with a no-break space where a line break would split what is read as one:
    '€ 3,3 mln', '95 dagen', '< 5' (the page's text and its tables; downloads keep the plain
    space)."""
    return _KEEP_TOGETHER.sub("\u00a0", text)


class Markdown(str):
    """Streamlit Markdown that the code wrote, with any text from the sources escaped in it.

    The one rule for text from the sources: it is data, never markup. Every text the page
    shows is escaped (:func:`markdown`) unless it is a ``Markdown``, which only :func:`md`
    and this class make: from a template the code wrote, with each value escaped. Adding
    plain text to it escapes that text too, so mixing cannot let data turn into markup; a
    slip shows markup literally, never runs it.
    """

    def __add__(self, other: str) -> Markdown:
        return Markdown(str.__add__(self, markdown(other)))

    def __radd__(self, other: str) -> Markdown:
        return Markdown(str.__add__(markdown(other), self))


def md(template: str, *values: object, **named: object) -> Markdown:
    r"""``template`` (Markdown the code wrote) with every value escaped into it.

    >>> print(md("**{}**: {}", "Zorg *B.V.*", "ja"))
    **Zorg \*B\.V\.\***: ja
    """
    return Markdown(
        template.format(
            *(_escaped(v) for v in values), **{k: _escaped(v) for k, v in named.items()}
        )
    )


def _escaped(value: object) -> str:
    """A value for a Markdown template: Markdown as it is, anything else escaped."""
    return markdown(value if isinstance(value, str) else str(value))


def markdown(text: str) -> str:
    """Text as Streamlit's markdown should get it: Markdown the code wrote as it is, any
    other text escaped, so that it shows as written."""
    return text if isinstance(text, Markdown) else literal(text)


def join(parts: Iterable[str], separator: str = " ") -> Markdown:
    """Texts joined into one Markdown; plain ones are escaped, Markdown ones kept."""
    return Markdown(separator.join(markdown(part) for part in parts))


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_BADGE = re.compile(r":[a-z]+-badge\[([^\]]*)\]")
_ICON = re.compile(r":material/[a-z_]+:\s*")
_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\\*])\*(?![*\s])([^*\n]+?)(?<![\\\s])\*(?!\*)")
_ESCAPED = re.compile(r"\\(.)")


def plain(text: str) -> str:
    """A text as plain text, for a slide, the deck, the handout or an alt text.

    Plain text stays as it is. Of :class:`Markdown`: bold and italics, link targets,
    headings, icons and badges go; what a reader reads stays, and escaped characters are
    themselves again.

    >>> plain(Markdown("**Optie**: zie [optie](/x). :red-badge[:material/warning: mis]"))
    'Optie: zie optie. mis'
    >>> plain(md("{}", "Zorg *B.V.* [x](y)")), plain("Zorg **B.V.**")
    ('Zorg *B.V.* [x](y)', 'Zorg **B.V.**')
    """
    if not isinstance(text, Markdown):
        return text
    text = _ICON.sub("", _BADGE.sub(r"\1", text))
    text = _HEADING.sub("", _LINK.sub(r"\1", text)).replace("**", "")
    text = _EMPHASIS.sub(r"\1", text).replace("  \n", "\n")
    return _ESCAPED.sub(r"\1", text)
