"""Aanbieders described once: page, slides, deck and handout (pure)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.common import disclosure, usage
from components.common import sections as s
from components.providers import charts, declared
from components.providers import model as p
from components.providers import register as reg

EXTRACTS = (
    "regio", "aanbieders_aantallen", "aanbiedersregister", "verschillen", "bronnen", "gebruik",
    "productcodes",
)  # fmt: skip
#: Counting every provider of a national register is the costly part: once per region.
FIGURES = "aanbieders_figuren"


def _native(table: pl.DataFrame, category: str, value: str, kind: str = "bar") -> s.NativeChart:
    return s.NativeChart(
        kind, [str(c) for c in table[category]], [(value, s.series(table[value]))],  # type: ignore[arg-type]
        unit="aanbieders",
    )  # fmt: skip


def _chart(block: p.Section, figure, native: s.NativeChart | None, name: str) -> s.Chart:
    """A block of the model as a chart with its table, source note and downloads."""
    return s.Chart(
        title=block.title,
        takeaway=block.takeaway,
        figure=figure,
        native=native,
        table=block.table,
        rows=block.rows,
        key=f"aanb_{block.key}",
        filename=f"{name}-{block.key}",
    )


def _matrix(register_year: pl.DataFrame, name: str) -> s.Chart:
    block = reg.matrix_section(register_year)
    body = block.table.filter(pl.col("Perceel") != p.TOTAL)
    sizes = [p.SIZE_LABELS[size] for size in p.SIZE_CLASSES]
    native = s.NativeChart(
        "column_stacked",
        body["Perceel"].to_list(),
        [(size, s.series(body[size])) for size in sizes],
        unit="aanbieders",
    )
    return _chart(block, charts.matrix_heatmap(block.table), native, name)


def _concentration(register_year, lot: str, chosen: list[str], name: str) -> s.Chart:
    block = reg.concentration_section(register_year, lot=lot, chosen=chosen)
    labels = [
        f"{row['Deelperceel']} ({row['Perceel'].lower()})"
        for row in block.table.iter_rows(named=True)
    ]
    native = s.NativeChart(
        "bar",
        labels,
        [("Aantal aanbieders", s.series(block.table["Aantal aanbieders"]))],
        unit="aanbieders",
    )
    return _chart(block, charts.concentration_bars(block.table), native, name)


def _names(block: p.Section, name: str, label: str, **extra) -> s.Chart:
    """A table of provider names (shown literally, downloaded exactly as given)."""
    return s.Chart(
        title=block.title,
        takeaway=block.takeaway,
        table=block.table,
        rows=block.rows,
        key=f"aanb_{block.key}",
        filename=f"{name}-{block.key}",
        label=label,
        expanded=True,
        page_size=p.PAGE_SIZE,
        **extra,
    )


def _register(
    regio: dict, register: pl.DataFrame, year: int, lot: str, chosen: list[str], view, name: str
) -> list[s.Section]:
    """The views a provider register allows: matrix, concentration, changes, the list."""
    register_year = p.for_year(register, year)
    if register_year.is_empty():
        return [s.Notice(takeaway=p.NO_REGISTER)]
    described: list[s.Section] = [
        *s.fictitious(regio, p.FICTITIOUS_PROVIDERS),
        _matrix(register_year, name),
        _concentration(register_year, lot, chosen, name),
    ]
    if block := reg.changes_section(register, year):
        described.append(_names(block, name, "Welke aanbieders: tabel en downloaden"))
    size, refused = s.one_of(view, "grootte", [p.ALL, *p.SIZE_CLASSES])
    search = str(view.get("naam") or "")
    found = reg.filter_providers(register_year, lot=lot, chosen=chosen, size=size, search=search)
    listed = p.Section(
        "lijst", "", reg.list_takeaway(found.height, register_year), reg.provider_table(found),
        register_year,
    )  # fmt: skip
    return [
        *described,
        s.Text(title="Zoek een aanbieder", slide=False),
        s.Choices(
            choices=(
                s.Choice(
                    "grootte",
                    "Grootteklasse",
                    (p.ALL, *p.SIZE_CLASSES),
                    size,
                    labels={p.ALL: "Alle grootteklassen", **p.SIZE_LABELS},
                    what="keuze voor de grootteklasse",
                    refused=refused,
                ),
                s.Choice("naam", "Naam bevat", (), search, kind="text"),
            ),
            widths=(1, 2),
        ),
        _names(listed, name, "De aanbieders: tabel en downloaden", slide=False),
    ]


def _filters(view: s.View, years: list[int], figures: pl.DataFrame):
    """The year, lot and sub-lots chosen (only those the data supports), and their row."""
    year_choice = lot_choice = sublot_choice = None
    year = years[0]
    if len(years) > 1:
        value, refused = s.one_of(view, "peiljaar", [str(y) for y in years])
        year = int(value)
        year_choice = s.Choice(
            "peiljaar", "Jaar", tuple(str(y) for y in years), value,
            what="keuze voor het jaar", refused=refused,
        )  # fmt: skip
    rows = p.for_year(figures, year)
    lots = p.lots_with_sublots(rows)
    lot = p.ALL
    if len(lots) > 1:
        lot, refused = s.one_of(view, "perceel", [p.ALL, *lots])
        lot_choice = s.Choice(
            "perceel", "Perceel", (p.ALL, *lots), lot,
            labels={p.ALL: "Alle percelen", **p.LOT_LABELS}, what="keuze voor het perceel",
            help="Toont alleen de deelpercelen en aanbieders van dit perceel.", refused=refused,
        )  # fmt: skip
    chosen: list[str] = []
    if names := p.sublot_names(rows, lot):
        chosen, refused = s.some_of(view, "deelperceel", names)
        sublot_choice = s.Choice(
            "deelperceel", "Deelperceel", tuple(names), tuple(chosen), kind="multi",
            placeholder="Alle deelpercelen", refused=refused,
        )  # fmt: skip
    row = s.Choices(choices=(year_choice, lot_choice, sublot_choice), widths=(1, 1, 1))
    return year, rows, lot, chosen, row


def sections(frames: s.Frames, view: s.View = s.NO_VIEW, today: dt.date | None = None):
    """Key figures, what they count, sub-lots, size classes, years, the register's views."""
    today = today or dt.date.today()
    regio = frames["regio"].row(0, named=True)
    figures, register = frames[FIGURES], frames["aanbiedersregister"]
    described: list[s.Section] = s.fictitious(regio, p.FICTITIOUS)
    years = p.years(figures)
    if not years:
        # Without counts or a register, the region's own export can still say who declared.
        complete = usage.coverage(frames["gebruik"]).complete
        return [
            *described,
            s.Lead(title="Aanbieders", takeaway=p.no_counts_takeaway(regio["naam"])),
            s.Notice(takeaway=p.ONLY_DECLARED if complete else p.NOT_COVERED),
            *(_declared(regio, frames, view, complete[-1]) if complete else []),
        ]
    year, rows, lot, chosen, filters = _filters(view, years, figures)
    name = f"aanbieders-{regio['regio']}-{year}"
    note = " ".join([p.definitions(rows), p.counts_statement(rows), *p.other_values(rows)])
    described += [
        s.Lead(
            title="Aanbieders",
            takeaway=p.takeaway(regio["naam"], year, rows, today),
            intro=p.intro(figures),
        ),
        filters,
        s.Heading(title=f"Kerncijfers {year}"),
        s.Figures(
            title=f"Kerncijfers {year}",
            figures=tuple(p.key_figures(rows)),
            rows=p.key_figure_rows(rows),
            per_row=3,
            note=note,
        ),
    ]
    if caveats := s.differences(
        frames["verschillen"], "aanbieders", title="Wat de getallen tellen, en wat niet klopt",
        boxed=True,
    ):  # fmt: skip
        described.append(caveats)
    described.append(s.Heading(title="Aanbieders per deelperceel"))
    described += [
        _chart(
            block,
            charts.count_bars(block.table, category="Deelperceel", value="Aantal aanbieders"),
            _native(block.table, "Deelperceel", "Aantal aanbieders"),
            name,
        )
        for block in p.sublot_sections(rows, lot, chosen)
    ]
    if not p.lots_with_sublots(rows):
        described.append(
            s.Notice(takeaway=f"De gegevens geven voor {year} geen aantallen per deelperceel.")
        )
    described.append(s.Heading(title="Groot en klein"))
    if block := p.size_section(rows):
        figure = charts.share_bars(
            block.table, category="Grootteklasse", value="Aantal", share="Aandeel (%)"
        )
        described.append(
            _chart(block, figure, _native(block.table, "Grootteklasse", "Aantal"), name)
        )
    else:
        described.append(
            s.Notice(takeaway=f"De gegevens geven voor {year} geen verdeling naar grootteklasse.")
        )
    described.append(s.Heading(title="Door de jaren heen"))
    if block := p.year_section(figures):
        figure = charts.count_bars(block.table, category="Jaar", value="Aantal")
        described.append(
            _chart(block, figure, _native(block.table, "Jaar", "Aantal", "column"), name)
        )
    else:
        described.append(
            s.Notice(
                takeaway="De gegevens hebben maar één jaar: een verandering in de tijd is niet "
                "te zien."
            )
        )
    if block := p.domain_section(figures):
        figure = charts.count_bars(block.table, category="Domein", value="Aantal")
        described.append(_chart(block, figure, _native(block.table, "Domein", "Aantal"), name))
    else:
        described.append(
            s.Notice(
                takeaway="De gegevens geven geen aantal Wmo-aanbieders om naast jeugdhulp te "
                "zetten."
            )
        )
    described.append(s.Heading(title="Aanbieders één voor één"))
    described += _register(regio, register, year, lot, chosen, view, name)
    return described + _declared(regio, frames, view, year)


def _declared(regio: dict, frames: s.Frames, view: s.View, year: int):
    """Spend and youths per provider in the chosen year, for the region or a municipality
    (the choice in the link, as on Kosten), and the contract manager's checks (only where
    the region's export covers that year completely)."""
    gebruik, register, codes = (
        frames["gebruik"],
        frames["aanbiedersregister"],
        frames["productcodes"],
    )
    if year not in usage.coverage(gebruik).complete:
        return []
    chosen, choice = s.municipality(view, regio["naam"], usage.municipalities(gebruik))
    withheld: list[s.Section] = []
    if chosen != usage.ALL and not disclosure.providers_safe(gebruik, codes, year):
        withheld = [s.Notice(takeaway=declared.WITHHELD.format(gemeente=chosen, jaar=year))]
        chosen = usage.ALL
    place = regio["naam"] if chosen == usage.ALL else chosen
    frame = declared.per_provider(gebruik, register, year, chosen)
    rows = usage.provenance(usage.of(gebruik, chosen).filter(pl.col("jaar") == year))
    described: list[s.Section] = [
        s.Heading(title=f"Wat de aanbieders declareerden in {year}"),
        choice,
        *withheld,
        s.Chart(
            title=f"Uitgaven en jeugdigen per aanbieder in {year}: {place}",
            takeaway=declared.concentration(frame, place, year),
            table=declared.provider_table(frame),
            rows=rows,
            key="aanbieders_uitgaven",
            filename=f"uitgaven-per-aanbieder-{year}{usage.suffix(chosen)}",
            page_size=20,
        ),
    ]
    if not register.filter(pl.col("jaar") == year).is_empty():
        silent, unknown = declared.checks(gebruik, register, year)
        described.append(
            s.Text(
                # The register is the region's: with a municipality chosen, say so.
                title="Voor het contractmanagement"
                + ("" if chosen == usage.ALL else " (de hele regio)"),
                body=f"Gecontracteerd in {year} zonder declaratie: {len(silent)}; "
                f"gedeclareerd zonder contract in het register: {len(unknown)}.",
                points=tuple(
                    [f"Geen declaratie: {n}" for n in silent]
                    + [f"Niet in het register: {n}" for n in unknown]
                ),
                rows=rows,
                slide=False,
            )
        )
    return described


TOPIC = s.Topic(
    extracts=EXTRACTS,
    sections=sections,
    derived={FIGURES: s.Derived(reg.all_figures, ("aanbieders_aantallen", "aanbiedersregister"))},
)
