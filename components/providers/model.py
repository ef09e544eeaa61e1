"""The provider landscape from published counts: by lot, sub-lot and size class (pure Polars).

Two kinds of data feed the Aanbieders page:

* ``aanbieders_aantallen``: published counts (one row per figure on a slide), read here.
  Empty ``perceel``/``deelperceel``/``grootteklasse`` means "all", so the level of a row
  (total, per lot, per sub-lot, per size class) follows from which of those columns are
  filled.
* ``aanbiedersregister``: one row per provider, lot and sub-lot
  (:mod:`components.providers.register`), counted into figures of the same shape.

The sources do not always say what a number counts (distinct providers or
provider-lot contracts): every function keeps ``telt`` and ``notitie`` next to the number
so the page can say it. Nothing here imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from components.common import fmt
from components.common.figures import KeyFigure
from components.common.fmt import Markdown
from components.data.vocabulary import DOMAIN_LABELS, LOT_NAMES, LOTS, SIZE_CLASSES

YOUTH = "jeugd"
ALL = "alle"
LOT_LABELS = {
    "ambulant": "Ambulant",
    "verblijf": "Verblijf",
    "combinatie": "Combinatie (beide percelen)",
}
SIZE_LABELS = {
    "groot": "Grote instelling (> 100 fte)",
    "klein": "Kleine instelling (5–100 fte)",
    "vrijgevestigd": "Vrijgevestigde / kleine praktijk (< 5 fte)",
}
SIZE_SHORT = {
    "groot": "Groot (> 100 fte)",
    "klein": "Klein (5–100 fte)",
    "vrijgevestigd": "Vrijgevestigd (< 5 fte)",
}
SIZE_PLURAL = {
    "groot": "grote instellingen",
    "klein": "kleine instellingen",
    "vrijgevestigd": "vrijgevestigde praktijken",
}
TOTAL = "Totaal"
#: Rows of a provider list per page: a national region has hundreds of providers, and a
#: table of all of them took the browser seconds to draw (docs/prestaties.md).
PAGE_SIZE = 25
FICTITIOUS = (
    "Fictieve voorbeeldregio: alle aanbieders en aantallen op deze pagina zijn verzonnen. "
    "Het zijn geen echte organisaties en geen echte cijfers."
)
FICTITIOUS_PROVIDERS = (
    "Dit zijn FICTIEVE aanbieders, verzonnen om te laten zien wat het dashboard met een "
    "aanbiedersregister kan. Geen naam verwijst naar een echte organisatie."
)
#: What a lot means, for the page's introduction (combinatie is a count, not a lot).
LOT_MEANINGS = {
    "ambulant": "[ambulant](/begrippen?zoek=ambulant) (het kind woont thuis)",
    "verblijf": "[verblijf](/begrippen?zoek=verblijf) (het kind woont ergens anders)",
}
NOT_COVERED = (
    "De documenten van deze regio geven geen aantallen aanbieders: niet in totaal, niet per "
    "perceel of deelperceel en niet per grootteklasse. Er is ook geen aanbiedersregister (een "
    "lijst met één rij per aanbieder). Deze pagina kan voor deze regio daarom niets tonen."
)
ONLY_DECLARED = (
    "De documenten van deze regio geven geen aantallen aanbieders en er is geen "
    "aanbiedersregister (een lijst met één rij per aanbieder). Hieronder staat wat de "
    "aanbieders volgens de eigen gegevens van de regio declareerden; welke aanbieders een "
    "contract hebben, is zonder register niet te zien."
)
NO_REGISTER = (
    "Deze regio heeft geen aanbiedersregister (een lijst met één rij per aanbieder), alleen "
    "gepubliceerde aantallen. Daarom ontbreken hier: de kruistabel perceel × grootte, hoeveel "
    "aanbieders elk deelperceel precies hebben (en welke deelpercelen kwetsbaar zijn), welke "
    "aanbieders nieuw zijn of gestopt, en de zoekbare lijst met aanbieders."
)
_SLICE = ("jaar", "domein", "perceel", "deelperceel", "grootteklasse")
DERIVED_NOTE = (
    "Zelf geteld uit het aanbiedersregister: verschillende aanbieders. Een aanbieder met "
    "beide percelen telt bij ambulant, bij verblijf en bij combinatie."
)


@dataclass(frozen=True)
class Section:
    """One chart block of the page: its heading, takeaway, table and the rows behind it."""

    key: str
    title: str
    takeaway: str
    #: What the HTML table and the downloads show (Dutch column names, exact values).
    table: pl.DataFrame
    #: The extract rows behind it, for the source note.
    rows: pl.DataFrame


# --- published counts ------------------------------------------------------------------


def _one_per_slice(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per figure: when two sources give the same figure, the latest one."""
    return frame.sort("peildatum", descending=True, nulls_last=True).unique(
        subset=list(_SLICE), keep="first", maintain_order=True
    )


def _level(frame: pl.DataFrame, *, lot: bool, sublot: bool, size: bool) -> pl.DataFrame:
    """Rows at one level: ``True`` means that column is filled, ``False`` that it is empty."""
    conditions = [
        pl.col(column).is_not_null() if filled else pl.col(column).is_null()
        for column, filled in (("perceel", lot), ("deelperceel", sublot), ("grootteklasse", size))
    ]
    return _one_per_slice(frame.filter(*conditions))


def years(frame: pl.DataFrame, domein: str = YOUTH) -> list[int]:
    """Years with rows for ``domein``, latest first."""
    return sorted(set(frame.filter(pl.col("domein") == domein)["jaar"].to_list()), reverse=True)


def for_year(frame: pl.DataFrame, year: int, domein: str = YOUTH) -> pl.DataFrame:
    """The rows of one year and domain."""
    return frame.filter((pl.col("jaar") == year) & (pl.col("domein") == domein))


def total(rows: pl.DataFrame) -> pl.DataFrame:
    """The row with the total (no lot, sub-lot or size class)."""
    return _level(rows, lot=False, sublot=False, size=False)


def lots(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per lot (ambulant, verblijf, combinatie), in that order."""
    order = {lot: index for index, lot in enumerate(LOTS)}
    found = _level(rows, lot=True, sublot=False, size=False)
    return found.sort(pl.col("perceel").replace_strict(order, default=len(order)))


def sizes(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per size class (groot, klein, vrijgevestigd), in that order."""
    order = {size: index for index, size in enumerate(SIZE_CLASSES)}
    found = _level(rows, lot=False, sublot=False, size=True)
    return found.sort(pl.col("grootteklasse").replace_strict(order, default=len(order)))


def sublots(rows: pl.DataFrame, lot: str | None = None, chosen: Sequence[str] = ()) -> pl.DataFrame:
    """Providers per sub-lot, largest first; optionally one lot and some sub-lots only."""
    found = _level(rows, lot=True, sublot=True, size=False)
    if lot not in (None, ALL):
        found = found.filter(pl.col("perceel") == lot)
    if chosen:
        found = found.filter(pl.col("deelperceel").is_in(list(chosen)))
    return found.sort(["aantal", "deelperceel"], descending=[True, False])


def intro(figures: pl.DataFrame) -> Markdown:
    """What the region's counts are split by, said only for the splits its data has."""
    lots = [lot for lot in LOT_MEANINGS if lot in set(figures["perceel"].to_list())]
    text = "Wie levert de jeugdhulp?"
    if lots:
        text += " De regio koopt in per [perceel](/begrippen?zoek=perceel): "
        text += " of ".join(LOT_MEANINGS[lot] for lot in lots) + "."
    if figures["deelperceel"].drop_nulls().len():
        text += " Een perceel heeft [deelpercelen](/begrippen?zoek=deelperceel)."
    if figures["grootteklasse"].drop_nulls().len():
        text += " Aanbieders verschillen in [grootte](/begrippen?zoek=grootteklasse)."
    return Markdown(text)


def sublot_names(rows: pl.DataFrame, lot: str | None = None) -> list[str]:
    """The sub-lots in the data (of one lot, or all), alphabetically."""
    return sorted(set(sublots(rows, lot)["deelperceel"].to_list()))


def lots_with_sublots(rows: pl.DataFrame) -> list[str]:
    """The lots that have sub-lot figures, in lot order."""
    present = set(sublots(rows)["perceel"].to_list())
    return [lot for lot in LOTS if lot in present]


def aantal(frame: pl.DataFrame) -> int | None:
    return frame["aantal"][0] if frame.height else None


def count(row: dict) -> str:
    """A published count as the source writes it: 'ruim 80', '205'."""
    return fmt.figure(row["aantal"], "aantal", row.get("kwalificatie"))


def _figure(row: dict, kengetal: str, label: str) -> KeyFigure:
    note = f"Telt: {row['telt']}."
    if row["notitie"]:
        note += f" {row['notitie']}"
    return KeyFigure(
        kengetal=kengetal,
        label=label,
        value=count(row),
        status=row["status"],
        note=note,
    )


def key_figure_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """The rows behind the key figures, in the order of the slide: lots, size classes, total."""
    return pl.concat([lots(rows), sizes(rows), total(rows)], how="vertical")


def key_figures(rows: pl.DataFrame) -> list[KeyFigure]:
    """Per lot, per size class and the total of one year, each saying what it counts.

    Labels are short (a key-figure card cuts off long labels); :func:`definitions` says
    in full what combinatie and the size classes mean.
    """
    shown = [
        _figure(row, f"perceel_{row['perceel']}", LOT_NAMES[row["perceel"]])
        for row in lots(rows).iter_rows(named=True)
    ]
    shown += [
        _figure(row, f"grootte_{row['grootteklasse']}", SIZE_SHORT[row["grootteklasse"]])
        for row in sizes(rows).iter_rows(named=True)
    ]
    shown += [_figure(row, "totaal", TOTAL) for row in total(rows).iter_rows(named=True)]
    return shown


def definitions(rows: pl.DataFrame) -> str:
    """What the lot and size-class figures mean, for the figures this year has."""
    parts = []
    if "combinatie" in lots(rows)["perceel"].to_list():
        parts.append("Combinatie: aanbieders met beide percelen (ambulant én verblijf).")
    if sizes(rows).height:
        parts.append(
            "Groot: instelling met meer dan 100 fte; klein: instelling met 5 tot 100 fte; "
            "vrijgevestigd: vrijgevestigde of kleine praktijk met minder dan 5 fte."
        )
    return " ".join(parts)


def _label(row: dict) -> str:
    """The Dutch name of a figure's slice: 'Totaal', 'Ambulant', 'Ambulant, Dyslexie', …"""
    parts = []
    if row["perceel"]:
        parts.append(LOT_LABELS.get(row["perceel"], row["perceel"]))
    if row["deelperceel"]:
        parts.append(row["deelperceel"])
    if row["grootteklasse"]:
        parts.append(SIZE_LABELS.get(row["grootteklasse"], row["grootteklasse"]))
    return ", ".join(parts) or TOTAL


def counts_statement(rows: pl.DataFrame) -> str:
    """One sentence on what the figures of ``rows`` count, as the sources say."""
    shown = key_figure_rows(rows)
    kinds = sorted(set(shown["telt"].to_list()))
    if not kinds:
        return ""
    if len(kinds) == 1:
        return f"Volgens de bron tellen deze getallen {kinds[0]}."
    parts = [
        f"{', '.join(_label(r) for r in shown.filter(pl.col('telt') == kind).to_dicts())} "
        f"telt {kind}"
        for kind in kinds
    ]
    return "Let op, de getallen tellen niet hetzelfde: " + "; ".join(parts) + "."


def other_values(rows: pl.DataFrame) -> list[str]:
    """Figures for which sources give different numbers (each named, none hidden)."""
    spread = (
        rows.group_by(list(_SLICE))
        .agg(pl.col("aantal").unique().sort(), pl.col("bron").unique().sort())
        .filter(pl.col("aantal").list.len() > 1)
        .sort(list(_SLICE), nulls_last=False)
    )
    return [
        f"{_label(row)} {row['jaar']}: de bronnen noemen "
        f"{' en '.join(fmt.number(v) for v in row['aantal'])} ({', '.join(row['bron'])})."
        for row in spread.iter_rows(named=True)
    ]


def no_counts_takeaway(region_name: str) -> str:
    """The headline for a region without any provider figures."""
    return f"{region_name}: de documenten geven geen aantallen aanbieders."


def takeaway(region_name: str, year: int, rows: pl.DataFrame, today: dt.date) -> str:
    """The page headline: how many providers, how they split over lots and size classes,
    in the past tense for a year that has passed."""
    whole = total(rows)
    if whole.is_empty():
        return f"{region_name}: de gegevens geven voor {year} geen totaal aantal aanbieders."
    head = whole.row(0, named=True)
    text = (
        f"In {year} {'had' if year < today.year else 'heeft'} {region_name} {count(head)} "
        f"{head['telt']} voor jeugdhulp gecontracteerd"
    )
    by_lot = {row["perceel"]: count(row) for row in lots(rows).iter_rows(named=True)}
    if "ambulant" in by_lot and "verblijf" in by_lot:
        text += f": {by_lot['ambulant']} ambulant en {by_lot['verblijf']} met verblijf"
    by_size = sizes(rows)
    if by_size.height:
        largest = by_size.sort("aantal", descending=True).row(0, named=True)
        text += (
            f"; de grootste groep zijn {SIZE_PLURAL[largest['grootteklasse']]} ({count(largest)})"
        )
    elif not by_lot:
        text += "; de bron geeft geen verdeling over percelen of grootte"
    return text + "."


#: The table column with the source's word by a number ('ruim'), when any count has one.
QUALIFIER = "Zoals de bron schrijft"


def _qualified(rows: pl.DataFrame) -> list[pl.Expr]:
    if "kwalificatie" in rows.columns and rows["kwalificatie"].drop_nulls().len():
        return [pl.col("kwalificatie").alias(QUALIFIER)]
    return []


def sublot_table(rows: pl.DataFrame) -> pl.DataFrame:
    """The sub-lot figures as shown and downloaded."""
    return rows.select(
        pl.col("deelperceel").alias("Deelperceel"),
        pl.col("perceel").replace_strict(LOT_LABELS, default=pl.col("perceel")).alias("Perceel"),
        *_qualified(rows),
        pl.col("aantal").alias("Aantal aanbieders"),
    )


def sublot_takeaway(rows: pl.DataFrame, lot_rows: pl.DataFrame, lot: str) -> str:
    """Largest sub-lot, and why the sub-lots add up to more than the lot."""
    if rows.is_empty():
        return "Geen deelpercelen in deze selectie."
    largest = rows.row(0, named=True)
    text = f"{largest['deelperceel']} heeft de meeste aanbieders ({count(largest)})."
    lot_total = aantal(lot_rows.filter(pl.col("perceel") == lot))
    summed = int(rows["aantal"].sum())
    if lot_total is not None and summed > lot_total:
        text += (
            f" Samen {fmt.number(summed)} deelpercelen bij {fmt.number(lot_total)} "
            f"aanbieders {LOT_LABELS[lot].lower()}: één aanbieder kan meerdere deelpercelen "
            "hebben, dus deze getallen tellen niet op tot het perceel."
        )
    else:
        text += " Eén aanbieder kan meerdere deelpercelen hebben."
    return text


def size_shares(rows: pl.DataFrame) -> pl.DataFrame:
    """Size classes with their count and share of the whole (percent of all size classes)."""
    found = sizes(rows)
    whole = found["aantal"].sum()
    return found.select(
        pl.col("grootteklasse").replace_strict(SIZE_LABELS).alias("Grootteklasse"),
        pl.col("aantal").alias("Aantal"),
        (pl.col("aantal") / whole * 100 if whole else pl.lit(None, pl.Float64)).alias(
            "Aandeel (%)"
        ),
    )


def size_takeaway(rows: pl.DataFrame) -> str:
    """'60,5% zijn kleine instellingen; 5,9% zijn grote instellingen': largest and smallest."""
    found = sizes(rows)
    whole = found["aantal"].sum()
    ordered = found.sort("aantal", descending=True)
    largest, smallest = ordered.row(0, named=True), ordered.row(-1, named=True)
    return (
        f"{fmt.percent(largest['aantal'] / whole * 100)} zijn "
        f"{SIZE_PLURAL[largest['grootteklasse']]}; "
        f"{fmt.percent(smallest['aantal'] / whole * 100)} zijn "
        f"{SIZE_PLURAL[smallest['grootteklasse']]}."
    )


def totals_by_year(counts: pl.DataFrame, domein: str = YOUTH) -> pl.DataFrame:
    """The total per year of one domain, oldest first, with what each counts."""
    return total(counts.filter(pl.col("domein") == domein)).sort("jaar")


def year_table(rows: pl.DataFrame) -> pl.DataFrame:
    """Totals per year as shown: year, number, what it counts, reference date, note."""
    return rows.select(
        pl.col("jaar").cast(pl.String).alias("Jaar"),
        *_qualified(rows),
        pl.col("aantal").alias("Aantal"),
        pl.col("telt").alias("Telt"),
        pl.col("peildatum").alias("Peildatum"),
        pl.col("notitie").alias("Toelichting"),
    )


def year_takeaway(rows: pl.DataFrame) -> str:
    """From the first to the last year, and a warning that sources may count differently."""
    first, last = rows.row(0, named=True), rows.row(-1, named=True)
    change = last["aantal"] - first["aantal"]
    direction = "meer" if change > 0 else "minder" if change < 0 else "evenveel"
    rough = "ongeveer " if first.get("kwalificatie") or last.get("kwalificatie") else ""
    amount = f"{rough}{fmt.number(abs(change))} " if change else ""
    text = (
        f"{count(first)} in {first['jaar']}, {count(last)} in {last['jaar']}: {amount}{direction}"
    )
    if set(rows["notitie"].to_list()) == {DERIVED_NOTE}:
        return text + ". Beide jaren zijn op dezelfde manier geteld uit het aanbiedersregister."
    same_kind = len(set(rows["telt"].to_list())) == 1
    text += (
        ". Of dat een echte verandering is, is niet zeker: de bronnen zeggen niet altijd wat ze "
        "tellen (zie de toelichting in de tabel)."
        if same_kind
        else ". De jaren tellen niet hetzelfde (zie de kolom 'Telt'); vergelijk ze niet zomaar."
    )
    return text


def domains(counts: pl.DataFrame) -> pl.DataFrame:
    """The latest total of each domain (youth care, Wmo), for showing them side by side."""
    totals = total(counts).sort("jaar", descending=True)
    return totals.unique(subset=["domein"], keep="first", maintain_order=True).sort("domein")


def domain_table(rows: pl.DataFrame) -> pl.DataFrame:
    """Domain totals as shown: domain with its year, number, what it counts."""
    return rows.select(
        pl.format("{} ({})", pl.col("domein").replace_strict(DOMAIN_LABELS), pl.col("jaar")).alias(
            "Domein"
        ),
        *_qualified(rows),
        pl.col("aantal").alias("Aantal"),
        pl.col("telt").alias("Telt"),
        pl.col("notitie").alias("Toelichting"),
    )


def domain_takeaway(rows: pl.DataFrame) -> str:
    """'205 voor jeugdhulp (2024) en 127 voor de Wmo (2023)', years named when they differ."""
    parts = [
        f"{count(row)} {row['telt']} voor {DOMAIN_LABELS[row['domein']].lower()} ({row['jaar']})"
        for row in rows.iter_rows(named=True)
    ]
    text = " en ".join(parts).replace("voor wmo", "voor de Wmo")
    text = text[0].upper() + text[1:]
    if len(set(rows["jaar"].to_list())) > 1:
        text += ". Let op: de getallen gaan niet over hetzelfde jaar"
    return text + ". Een aanbieder kan in beide domeinen werken."


def sublot_sections(
    rows: pl.DataFrame, lot: str = ALL, chosen: Sequence[str] = ()
) -> list[Section]:
    """One section per lot with sub-lot figures (or only ``lot``), largest sub-lot first."""
    shown = lots_with_sublots(rows) if lot == ALL else [lot]
    sections = []
    for each in shown:
        found = sublots(rows, each, chosen)
        if found.is_empty():  # the chosen sub-lots are all in the other lot
            continue
        sections.append(
            Section(
                key=each,
                title=f"{LOT_LABELS[each]}: aanbieders per deelperceel",
                takeaway=sublot_takeaway(found, lots(rows), each),
                table=sublot_table(found),
                rows=found,
            )
        )
    return sections


def size_section(rows: pl.DataFrame) -> Section | None:
    """Size classes as a share of the whole; None when the data has no size classes."""
    found = sizes(rows)
    if found.is_empty():
        return None
    return Section(
        "grootte", "Aanbieders naar grootteklasse", size_takeaway(rows), size_shares(rows), found
    )


def year_section(figures: pl.DataFrame, domein: str = YOUTH) -> Section | None:
    """Totals per year; None when there is only one year."""
    found = totals_by_year(figures, domein)
    if found.height < 2:
        return None
    return Section(
        "jaren", "Aantal aanbieders per jaar", year_takeaway(found), year_table(found), found
    )


def domain_section(figures: pl.DataFrame) -> Section | None:
    """Youth care and Wmo side by side; None unless both are known."""
    found = domains(figures)
    if found.height < 2:
        return None
    return Section(
        "domeinen",
        "Jeugdhulp en Wmo naast elkaar",
        domain_takeaway(found),
        domain_table(found),
        found,
    )
