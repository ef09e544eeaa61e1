"""Kosten described once: page, slides, deck and handout (pure).

The curve is a reconstruction from visible assumptions (:mod:`components.costs.model`).
A page takes the scenario from its sliders (``view``); slides use the strategy's own
assumptions.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.common import disclosure, usage
from components.common import sections as s
from components.common.figures import placed
from components.common.fmt import join, md
from components.common.provenance import stack
from components.costs import charts, forecast, realised, scenario
from components.costs import model as costmodel

EXTRACTS = (
    "kostenaannames", "kosteneffecten", "kosten", "kerncijfers", "verschillen",
    "gebruik", "budget", "productcodes",
)  # fmt: skip
MLN = 1_000_000
NO_MODEL_TAKEAWAY = "Wat de documenten van deze regio over de kosten zeggen."
NO_MODEL_OWN_TAKEAWAY = (
    "Wat de regio volgens haar eigen gegevens uitgaf, en wat de documenten over de kosten zeggen."
)


def _per_year(kosten: pl.DataFrame, years: list[int]) -> list[float | None]:
    """The amounts of ``kosten`` (€ mln) in the order of ``years``; None for a year it lacks."""
    amounts = dict(kosten.select("jaar", "bedrag").iter_rows())
    return [amounts[y] / MLN if y in amounts else None for y in years]


def _curve_native(totals: pl.DataFrame, realised: pl.DataFrame) -> s.NativeChart:
    """The curve as PowerPoint draws it: both lines, and the published figures as markers."""
    years = totals["jaar"].to_list()
    lines = [
        (charts.SERIES_NAMES["zonder"], [v / MLN for v in totals["kosten_zonder"]]),
        (charts.SERIES_NAMES["met"], [v / MLN for v in totals["kosten_met"]]),
    ]
    for soort in ("begroting", "realisatie"):
        part = realised.filter(pl.col("soort") == soort)
        if part.height:
            lines.append((charts.SOORT_NAMES[soort], _per_year(part, years)))
    return s.NativeChart(
        "line",
        [str(y) for y in years],
        lines,
        number_format="#,##0.0",
        unit="€ mln",
        markers=tuple(name for name, _ in lines[2:]),
    )


def _model(
    frames: s.Frames, view: s.View, region_total: pl.DataFrame
) -> tuple[list[s.Section], pl.DataFrame]:
    """The cost curve of the chosen scenario, its outcome and what each effect adds; and
    every assumption's exact values in this scenario."""
    source = frames["kostenaannames"]
    defaults = costmodel.parameters_from_frame(source, "midden")
    variants = {v: costmodel.assumptions_from_frame(source, v) for v in costmodel.VARIANTS}
    controls = scenario.controls(defaults, frames["kosteneffecten"])
    values = scenario.chosen(view, controls, defaults)
    chosen = scenario.assumptions(defaults, values, controls)
    result = costmodel.run(chosen)
    band = costmodel.band(chosen, variants["midden"], variants["laag"], variants["hoog"])
    numbers = scenario.assumptions_numbers(source, scenario.parameters(defaults, values, controls))
    years = [str(year) for year in reversed(chosen.years) if year > chosen.base_year]
    year_value, refused = s.one_of(view, "bijdrage_jaar", years)
    year = int(year_value)
    parts = result.contributions.filter(pl.col("jaar") == year)
    described: list[s.Section] = [
        s.Lead(
            title="Kosten",
            takeaway=scenario.page_takeaway(defaults),
            rows=source.filter(pl.col("parameter") == "doel_omslagpunt", variant="midden"),
        ),
        s.Notice(takeaway=scenario.RECONSTRUCTION_NOTE, tone="warning", icon="draw"),
    ]
    if not scenario.is_default(values, controls, defaults):
        described.append(s.Notice(takeaway=scenario.OWN_SCENARIO, tone="info", icon="tune"))
    return [
        *described,
        s.Chart(
            title="Kosten met en zonder maatregelen",
            takeaway=md("**{}**", costmodel.conclusion(result)),
            figure=charts.cost_curve(
                result.totals, band=band, turning_point=result.turning_point, realised=region_total
            ),
            native=_curve_native(result.totals, region_total),
            table=scenario.curve_table(result, band),
            # The assumptions, and the published budgets drawn as markers on the curve.
            rows=stack(source, region_total),
            key="kosten_curve",
            filename="kostencurve",
            sheets={"aannames": numbers},
        ),
        s.Text(body=scenario.BAND_NOTE, small=True, slide=False),
        # Model outcomes: their sources are the curve's, so no note of their own (and on a
        # slide they are the curve's speaker notes).
        s.Figures(
            figures=tuple(
                scenario.scenario_figures(result, scenario.reference_year(variants["midden"]))
            ),
            slide=False,
        ),
        s.Choices(
            choices=(
                s.Choice(
                    "bijdrage_jaar",
                    "Jaar van de bijdragen",
                    tuple(years),
                    year_value,
                    what="jaar",
                    refused=refused,
                ),
            )
        ),
        s.Chart(
            title=f"Wat elk effect bijdraagt in {year}",
            takeaway=scenario.contributions_takeaway(result, year),
            figure=charts.contributions_waterfall(result.totals, result.contributions, year=year),
            # Names and amounts take the width of a tablet held upright: there a list.
            narrow=join(
                (
                    md("- {}: {}", name, text)
                    for name, _, text in charts.contribution_steps(
                        result.totals, result.contributions, year
                    )
                ),
                "\n",
            ),
            native=s.NativeChart(
                "bar",
                parts["effect"].to_list(),
                [(f"Bijdrage in {year}", [v / MLN for v in parts["bijdrage"]])],
                number_format="#,##0.0",
                unit="€ mln",
            ),
            table=scenario.contributions_table(result, year),
            rows=source,
            key="kosten_bijdragen",
            filename=f"bijdragen-effecten-{year}",
            sheets={"aannames": numbers},
        ),
    ], numbers


def _budget(kosten: pl.DataFrame, view: s.View) -> list[s.Section]:
    """The budgets and realisations the region published: the region or one municipality."""
    described: list[s.Section] = []
    series = scenario.budget_series(kosten)
    if len(series) > 1:
        chosen, refused = s.one_of(view, "reeks", list(series))
        described.append(
            s.Choices(
                choices=(
                    s.Choice(
                        "reeks", "Reeks: de regio of één gemeente", tuple(series), chosen,
                        labels=series, what="reeks", refused=refused,
                    ),
                    None,
                ),
                widths=(2, 3),
            )
        )  # fmt: skip
        kosten = scenario.one_series(kosten, series[chosen])
    else:
        kosten = scenario.one_series(kosten)
    shown = kosten.filter(pl.col("soort") != "reconstructie").sort("jaar")
    years = shown["jaar"].unique(maintain_order=True).to_list()
    native = s.NativeChart(
        "column",
        [str(y) for y in years],
        [
            (charts.SOORT_NAMES.get(soort, soort), _per_year(part, years))
            for (soort,), part in shown.group_by("soort", maintain_order=True)
        ],
        number_format="#,##0.00",
        unit="€ mln",
    )
    return [
        *described,
        s.Chart(
            title=scenario.budget_title(kosten),
            takeaway=scenario.budget_takeaway(kosten),
            figure=charts.budget_bars(kosten),
            native=native,
            table=scenario.budget_table(kosten),
            rows=kosten,
            key="kosten_begroting",
            filename="begroting-en-realisatie",
        ),
    ]


def _happened(frames: s.Frames, view: s.View, strategy: pl.DataFrame | None) -> list[s.Section]:
    """What was spent against the budget and what the strategy expected, per municipality
    or for the region, and why spend changed from one year to the next."""
    gebruik, budget, codes = frames["gebruik"], frames["budget"], frames["productcodes"]
    described: list[s.Section] = [s.Heading(title="Wat er gebeurde")]
    if gebruik.is_empty() and budget.is_empty():
        return [*described, s.Notice(takeaway=realised.NO_USE_DATA)]
    region = frames["regio"]["naam"][0]
    chosen, choice = s.municipality(view, region, usage.municipalities(gebruik, budget))
    described.append(choice)
    name = region if chosen == usage.ALL else chosen
    use, planned = usage.of(gebruik, chosen), usage.of(budget, chosen)
    hidden = disclosure.hidden_years(gebruik, chosen)
    if hidden:
        jaren = ", ".join(str(y) for y in hidden)
        described.append(s.Notice(takeaway=realised.WITHHELD.format(name=name, jaren=jaren)))
    frame = realised.against_budget(use, planned, strategy if chosen == usage.ALL else None, hidden)
    years = [str(y) for y in frame["jaar"]]
    described.append(
        s.Chart(
            title="Wat de strategie verwachtte en wat er gebeurde"
            if frame["strategie"].is_not_null().any()
            else "Begroting en wat er gebeurde",
            takeaway=realised.budget_takeaway(frame, name),
            figure=charts.realised_bars(frame),
            native=s.NativeChart(
                "column",
                years,
                [
                    (label, [None if v is None else v / MLN for v in frame[column]])
                    for label, column in (
                        ("Strategie verwachtte", "strategie"),
                        ("Begroting", "begroting"),
                        ("Gerealiseerd", "gerealiseerd"),
                    )
                    if frame[column].is_not_null().any()
                ],
                number_format="#,##0.0",
                unit="€ mln",
            ),
            table=realised.budget_table(frame),
            rows=usage.provenance(use, planned),
            key="kosten_gebeurd",
            filename=f"uitgaven-en-begroting{usage.suffix(chosen)}",
        )
    )
    covered = usage.coverage(use)
    if covered.last_year not in hidden:
        described += _ahead(gebruik, planned, codes, name, chosen)
    complete = [year for year in covered.complete if year not in hidden]
    if len(complete) >= 2 and complete[-2:] == list(covered.complete[-2:]):
        year0, year1 = complete[-2:]
        effects = realised.decomposition(use, codes, year0, year1)
        table = realised.decomposition_table(effects, year0, year1)
        described += [
            s.Chart(
                title=f"Waarom de uitgaven veranderden van {year0} naar {year1}",
                takeaway=realised.change_takeaway(effects, year0, year1, name),
                figure=charts.change_bars(table),
                native=s.NativeChart(
                    "bar",
                    table["Deel"].to_list(),
                    [("Bedrag", [v / MLN for v in table["Bedrag (€)"]])],
                    number_format="#,##0.00",
                    unit="€ mln",
                ),
                table=table,
                rows=usage.provenance(use.filter(pl.col("jaar").is_in([year0, year1]))),
                key="kosten_verandering",
                filename=f"verandering-uitgaven-{year0}-{year1}",
            ),
            s.Text(body=realised.METHOD, small=True, slide=False),
        ]
    if complete and complete[-1] == covered.complete[-1]:
        year = complete[-1]
        described.append(
            s.Chart(
                title=f"Jeugdigen en uitgaven per productcategorie in {year}",
                takeaway=realised.CATEGORY_NOTE,
                table=realised.per_category(gebruik, codes, year, chosen),
                rows=usage.provenance(use.filter(pl.col("jaar") == year), codes),
                key="kosten_categorieen",
                filename=f"jeugdigen-en-uitgaven-{year}",
                expanded=True,
                label="Per productcategorie (tabel en download)",
            )
        )
    return described


def _ahead(
    gebruik: pl.DataFrame, planned: pl.DataFrame, codes: pl.DataFrame, name: str, chosen: str
) -> list[s.Section]:
    """The running year's expected spend per lot against its budget, with the method and
    how far the same forecast was off in earlier years (nothing without quarters); for a
    municipality, its lots hidden as :func:`disclosure.running_lots` says."""
    use, protected = usage.of(gebruik, chosen), None
    if chosen != usage.ALL:
        lots = disclosure.running_lots(gebruik, codes, usage.coverage(gebruik).last_year)
        protected = lots.filter(pl.col("gemeente") == chosen)
    ahead = forecast.forecast(use, planned, codes, protected)
    if ahead is None:
        return []
    lots = ahead.lots
    series = [
        (f"Uitgegeven t/m kwartaal {ahead.quarter}", lots["tot_nu"]),
        ("Verwacht jaartotaal", lots["verwacht"]),
        ("Begroting", lots["begroting"]),
    ]
    place = chosen.lower().replace(" ", "-")
    return [
        s.Chart(
            title=forecast.title(ahead),
            takeaway=forecast.takeaway(ahead, name),
            figure=charts.forecast_bars(ahead),
            native=s.NativeChart(
                "bar",
                lots["perceel"].to_list(),
                [
                    (label, [None if v is None else v / MLN for v in values])
                    for label, values in series
                    if values.is_not_null().any()
                ],
                number_format="#,##0.0",
                unit="€ mln",
            ),
            table=forecast.lots_table(ahead),
            rows=usage.provenance(
                use.filter(pl.col("jaar").is_in([*ahead.basis, ahead.year])),
                planned.filter(pl.col("jaar") == ahead.year),
            ),
            key="kosten_verwachting",
            filename=f"verwachting-{ahead.year}-{place}",
            sheets={"eerdere jaren": forecast.record_table(ahead)},
        ),
        s.Text(body=forecast.explanation(ahead), small=True, slide=False),
    ]


def _assumptions(source: pl.DataFrame, numbers: pl.DataFrame) -> list[s.Section]:
    """Every assumption with its value in this scenario, source and status (the page)."""
    return [
        s.Heading(title="De aannames"),
        s.Text(body=scenario.METHOD_NOTE, slide=False),
        s.Chart(
            table=scenario.assumptions_table(numbers),
            rows=source,
            key="kosten_aannames",
            filename="kostenaannames",
            sheets={"per parameter": numbers},
            label="Alle aannames met waarde, bron en status",
            expanded=True,
            slide=False,
        ),
    ]


def _strategy(source: pl.DataFrame) -> pl.DataFrame:
    """What the strategy expected per year: the curve with measures, on its own assumptions."""
    return costmodel.run(costmodel.assumptions_from_frame(source, "midden")).totals


def sections(frames: s.Frames, view: s.View = s.NO_VIEW, today: dt.date | None = None):
    """The curve and what bends it, what the documents say, the assumptions, the gaps."""
    del today
    source, kosten = frames["kostenaannames"], frames["kosten"]
    has_model = not source.is_empty()
    fictitious = s.fictitious(frames["regio"].row(0, named=True))
    own = not (frames["gebruik"].is_empty() and frames["budget"].is_empty())
    # The cost curve always compares with the region's total.
    region_total = scenario.one_series(kosten)
    if has_model:
        described, numbers = _model(frames, view, region_total)
    else:
        described = [
            s.Lead(title="Kosten", takeaway=NO_MODEL_OWN_TAKEAWAY if own else NO_MODEL_TAKEAWAY),
            s.Notice(takeaway=scenario.NO_MODEL),
        ]
    described = [*fictitious, *described]
    described += _happened(frames, view, _strategy(source) if has_model else None)
    documents, document_rows = scenario.document_figures(
        source, frames["kerncijfers"], placed(frames["kerncijfers"], "kosten")
    )
    described.append(s.Heading(title="Wat de documenten zeggen"))
    if documents:
        described.append(s.Figures(figures=tuple(documents), rows=document_rows))
    if not kosten.is_empty():
        described += _budget(kosten, view)
    elif not documents:
        described.append(s.Notice(takeaway=scenario.NO_BUDGET_OWN if own else scenario.NO_BUDGET))
    if has_model:
        described += _assumptions(source, numbers)
    if gaps := s.differences(frames["verschillen"], "kosten"):
        described += [s.Heading(title="Wat de bronnen over de kosten niet zeggen"), gaps]
    return described


TOPIC = s.Topic(extracts=EXTRACTS, sections=sections)
