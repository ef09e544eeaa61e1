"""Dutch formatting: every figure on every page, slide and download goes through fmt.

What a council member reads: € 90 mln, 1.234,5 and 13,5%; a date in words; the source's
own qualifier ('ruim 276'); text from the sources shown literally.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from components.common import fmt


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (0.5, 2, "0,50"),
        (-1234.5, 1, "-1.234,5"),
        (None, 0, "–"),
        (math.nan, 1, "–"),
        (6.25, 1, "6,3"),  # a half is rounded up, as people do
        (13.45, 1, "13,5"),  # as written, although stored as 13,4499…
        (-2.5, 0, "-3"),
        (-0.0, 0, "0"),  # a rounded zero has no sign
        (-0.04, 1, "0,0"),
        (math.inf, 0, "–"),
        (1e300, 0, "1" + ".000" * 100),  # any float, without a decimal error
    ],
)
def test_numbers_use_a_decimal_comma_and_a_thousands_dot(value, decimals, shown):
    assert fmt.number(value, decimals) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (90_000_000, "€ 90 mln"),
        (6_167_100, "€ 6,2 mln"),
        (13_500, "€ 13.500"),
        (1_250_000_000, "€ 1,3 mld"),
        (-13_500_000, "-€ 13,5 mln"),
        (None, "–"),
    ],
)
def test_money_as_a_council_reads_it(value, shown):
    assert fmt.euro(value) == shown


def test_money_keeps_the_decimals_asked_for_and_exact_money_every_euro():
    assert fmt.euro(6_290_454, 2) == "€ 6,29 mln"
    assert fmt.euro_exact(6_167_100) == "€ 6.167.100"
    assert fmt.euro_exact(-1_500.4) == "-€ 1.500"


def test_percentages_lose_a_decimal_only_when_it_is_zero():
    assert fmt.percent(13.5) == "13,5%"
    assert fmt.percent(20.0) == "20%"
    assert fmt.percent(6.17, 2) == "6,17%"
    assert fmt.percent(None) == "–"


def test_a_percentage_in_a_table_column_keeps_its_decimal():
    assert fmt.percent_column(1.0) == "1,0%"  # beside '1,4%' in the same column
    assert fmt.percent_column(1.44) == "1,4%"
    assert fmt.percent_column(100.45) == "100,5%"
    assert fmt.percent_column(None) == "–"


def test_a_unit_stays_with_its_number_on_screen():
    assert (
        fmt.unbroken("€ 3,3 mln, gemiddeld 95 dagen") == "€\u00a03,3 mln, gemiddeld 95\u00a0dagen"
    )
    assert fmt.unbroken("dan staat er '< 5'") == "dan staat er '<\u00a05'"
    assert fmt.unbroken("dagen tellen") == "dagen tellen"  # no number, nothing to keep together


def test_dates_and_months_in_words():
    assert fmt.date(dt.date(2023, 12, 6)) == "6 december 2023"
    assert fmt.date(None) == "onbekend"
    assert fmt.month(dt.date(2026, 7, 31)) == "juli 2026"


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "shown"),
    [
        (276, "aantal", "ruim", "ruim 276"),
        (90_000_000, "euro", None, "€ 90 mln"),
        (13.5, "procent", "bijna", "bijna 13,5%"),
        (8.0, "jaar", None, "8 jaar"),
        (None, "aantal", None, "–"),
    ],
)
def test_a_key_figure_in_its_unit_with_the_sources_qualifier(value, unit, qualifier, shown):
    assert fmt.figure(value, unit, qualifier) == shown


def test_provisional_and_illustrative_statuses_stand_out():
    assert fmt.status("voorlopig") == "VOORLOPIG"
    assert fmt.status("illustratief").startswith("ILLUSTRATIEF")
    assert fmt.status("gepubliceerd") == "gepubliceerd"


def test_text_from_the_sources_is_escaped_for_markdown_and_reads_back_as_written():
    text = "**Vet** [link](http://x) :red[rood] $x$ <b>tag</b> 1. lijst"
    escaped = fmt.literal(text)
    assert "**" not in escaped and "[link](" not in escaped and ":red[" not in escaped
    assert fmt.plain(fmt.md("{}", text)) == text
    assert fmt.md("**{}**", text) == f"**{escaped}**"
    assert fmt.markdown(text) == escaped and fmt.markdown(fmt.Markdown("**a**")) == "**a**"
    # Plain text added to Markdown is escaped too: mixing cannot turn data into markup.
    assert fmt.Markdown("**Naam:** ") + "*x*" == "**Naam:** \\*x\\*"
    assert fmt.join([fmt.Markdown("**a**"), "*b*"], " · ") == "**a** · \\*b\\*"


def test_markdown_becomes_plain_text_for_slides_and_the_deck():
    md = fmt.Markdown
    assert fmt.plain(md("**Let op**: zie [optie](/begrippen?zoek=optie).")) == "Let op: zie optie."
    assert fmt.plain(md("#### Titel\n\nTekst  \n*KPI: x*")) == "Titel\n\nTekst\nKPI: x"
    badge = md(":orange-badge[:material/schedule: achter op schema]")
    assert fmt.plain(badge) == "achter op schema"
    assert fmt.plain(md("P×Q (3 * 4)")) == "P×Q (3 * 4)"
    # Text that is not Markdown (from the sources) is already plain: it stays as written.
    assert fmt.plain("**Let op**") == "**Let op**"
