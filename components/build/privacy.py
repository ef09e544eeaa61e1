"""Person-level data never enters the dashboard (pure: no Streamlit, no writing).

Youth-care use is health data. The dashboard takes aggregated counts and amounts only
(per period, municipality, product and provider); a source that holds data about a person
is refused before anything else is read from it, with a Dutch message that names the file,
the row and the column, and never repeats the value itself (it would land in a log).

Two kinds of evidence:

- A column whose name says it holds personal data (a BSN, a name, a date of birth, an
  address, a postcode, an e-mail address, a telephone number, a client number), in any
  source, unless the extract contract itself names that column (``naam`` of a phase).
- A value that is personal data: a nine-digit number that passes the BSN eleven-test, in
  any source, outside the amount columns (an amount of 123.456.782 euro is no BSN) and,
  in a column of eight-digit AGB codes, outside those; and in the sources of use and spend
  also an e-mail address, a Dutch telephone number or a postcode. A personal column is
  named once, its cells are not listed as well.
"""

from __future__ import annotations

import re
import unicodedata

from components.build.files import Issue, Source, Table

#: Normalised column names (lower case, letters and digits only) and what they hold.
PERSONAL_COLUMNS = {
    **dict.fromkeys(("bsn", "burgerservicenummer", "sofinummer", "bsnclient"), "een BSN"),
    **dict.fromkeys(
        ("geboortedatum", "gebdatum", "geboortejaar", "dateofbirth", "birthdate"),
        "een geboortedatum",
    ),
    **dict.fromkeys(
        (
            "naam",
            "voornaam",
            "voornamen",
            "achternaam",
            "geslachtsnaam",
            "tussenvoegsel",
            "voorletters",
            "naamclient",
            "clientnaam",
            "naamjeugdige",
            "roepnaam",
        ),
        "een naam",
    ),
    **dict.fromkeys(
        ("adres", "straat", "straatnaam", "huisnummer", "huisnummertoevoeging", "woonadres"),
        "een adres",
    ),
    **dict.fromkeys(("postcode", "pc6", "postcodeclient"), "een postcode"),
    **dict.fromkeys(("email", "emailadres", "mail"), "een e-mailadres"),
    **dict.fromkeys(("telefoon", "telefoonnummer", "mobiel", "tel"), "een telefoonnummer"),
    **dict.fromkeys(
        ("clientnummer", "clientid", "client", "jeugdigeid", "dossiernummer", "toewijzingnummer"),
        "een cliëntnummer",
    ),
}
#: Sources of use and spend: there every text is also checked for contact details.
HEALTH_EXTRACTS = ("gebruik", "budget", "productcodes")
#: How a BSN is written: nine digits (eight without the leading zero), or grouped as
#: 123.456.782, 123 456 782 or 1234.56.782; never part of a longer number or a date.
_BSN_WRITTEN = re.compile(
    r"(?<![0-9.,\-])([0-9]{8,9}|[0-9]{3}([ .])[0-9]{3}\2[0-9]{3}|[0-9]{4}\.[0-9]{2}\.[0-9]{3})"
    r"(?![0-9]|[.,\-][0-9])"
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![0-9])(\+31|0031|0)[ -]?[1-9]([ -]?[0-9]){8}(?![0-9])")
#: A postcode: four digits and two capitals that are no word or code going on ('2022 KW1'),
#: not the letters a postcode never has (SA, SD, SS), nor a legal form ('Jeugdhulp 2000 BV').
_POSTCODE = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{3} ?(?!SA|SD|SS|BV|NV)[A-Z]{2}(?![A-Za-z0-9])")
#: Codes of organisations that are eight digits by definition (the AGB code of a care
#: provider): there only a nine-digit number can be a BSN.
EIGHT_DIGIT_CODES = ("aanbieder_id",)
ADVICE = (
    "het dashboard neemt alleen samengevoegde aantallen en bedragen (per periode, gemeente, "
    "product en aanbieder), nooit gegevens over een persoon; haal {what} uit het bestand"
)


def _normalised(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def is_bsn(text: str) -> bool:
    """Whether ``text`` is a citizen service number: nine digits (eight when a spreadsheet
    dropped the leading zero; dots or spaces between the groups allowed) that pass the
    eleven-test (9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11, and not 0)."""
    digits = re.sub(r"[ .]", "", text)
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0 and total != 0 and int(digits) != 0


def _value_kind(text: str, health: bool, code: bool = False) -> str | None:
    """What personal data ``text`` is, or None (``code``: a column of eight-digit codes)."""
    for match in _BSN_WRITTEN.finditer(text):
        written = match.group()
        if is_bsn(written) and not (code and len(re.sub(r"[ .]", "", written)) == 8):
            return "een burgerservicenummer (BSN)"
    if not health:
        return None
    if _EMAIL.search(text):
        return "een e-mailadres"
    if _PHONE.search(text):
        return "een telefoonnummer"
    if _POSTCODE.search(text):
        return "een postcode"
    return None


def check(source: Source, table: Table, contract: dict[str, str], extract: str) -> list[Issue]:
    """Issues for every column and cell of ``table`` that holds personal data.

    ``contract`` maps the extract's own columns to their types: a contract column is no
    personal column by its name, and an amount column (a float) is not searched for a BSN.
    """
    if not table.rows:
        return []
    header = table.rows[0][1]
    issues = []
    personal = set()
    for name in header:
        what = PERSONAL_COLUMNS.get(_normalised(name))
        if what and name not in contract:
            personal.add(name)
            expected = f"persoonsgegevens: deze kolom hoort bij {what}; "
            expected += ADVICE.format(what="de kolom")
            issues.append(Issue(source.file, table.rows[0][0], name, None, expected))
    health = extract in HEALTH_EXTRACTS
    for number, cells in table.rows[1:]:
        for index, text in enumerate(cells):
            name = header[index] if index < len(header) else ""
            # A personal column is named once, not once per cell as well.
            if not text or name in personal or contract.get(name, "").startswith("Float"):
                continue
            what = _value_kind(text, health, name in EIGHT_DIGIT_CODES)
            if what:
                expected = f"persoonsgegevens: deze cel lijkt {what} (de waarde wordt hier "
                expected += "niet herhaald); " + ADVICE.format(what="de waarde")
                issues.append(
                    Issue(source.file, number, name or f"kolom {index + 1}", None, expected)
                )
    return issues
