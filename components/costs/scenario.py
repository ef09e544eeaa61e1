"""The what-if scenario of the Kosten page: controls, the link, tables and texts (pure).

The page shows the cost model (:mod:`components.costs.model`) with the region's default
assumptions and lets a visitor change the indexation, the autonomous growth and, per
effect, its strength and start year. This module holds everything about that scenario
that is not Streamlit: which controls exist and their ranges, reading and writing them
as short query parameters (``?indexatie=3&clienten=5&clienten_vanaf=2024``), and the
tables, key figures and one-line texts the page shows. Functions that touch session
state or the URL take those mappings as arguments, so they are tested without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass

import polars as pl

from components.common import figures, fmt
from components.common.figures import KeyFigure
from components.common.fmt import Markdown
from components.common.provenance import PROVENANCE_COLUMNS
from components.costs import model as costmodel
from components.data import vocabulary

#: URL key per effect (short Dutch words); the start year adds ``_vanaf``.
EFFECT_KEYS = {
    "minder-clienten": "clienten",
    "minder-daghulp": "daghulp",
    "zwaar-naar-licht": "licht",
    "minder-verblijf": "verblijf",
    "kortere-verblijfsduur": "duur",
    "ambulantisering": "ambulant",
}
START_SUFFIX = "_vanaf"
#: Slider ranges in percent per year, and their step. Wide enough for any defensible
#: scenario; the default is always added to the options if it falls between the steps.
STEP = 0.25
INDEXATION_RANGE = (0.0, 6.0)
GROWTH_RANGE = (-2.0, 6.0)
EFFECT_RANGE = (0.0, 15.0)
#: The quadrant whose clients the strategy expects to fall by about 30% by 2030.
TARGET_QUADRANT = "herstelgericht-ambulant"
TARGETS = tuple(vocabulary.COST_TARGETS)

RECONSTRUCTION_NOTE = Markdown(
    "**Een reconstructie, niet de begroting van de regio.** De waarden van de kostengrafiek "
    "in de strategie zijn niet bewaard; deze curve is nagetekend (illustratief) met aannames "
    "die uitkomen op wat de strategie wél zegt. Alle aannames staan onderaan, met bron en "
    "status. Verschuif ze onder 'Wat als?' naast de curve."
)
NO_MODEL = (
    "De documenten van deze regio geven geen kostenontwikkeling met effecten en geen "
    "aannames om een kostencurve na te tekenen; daarom staat hier geen wat-als-berekening. "
    "Hieronder staat wat de regio wel over de kosten weet."
)
OWN_SCENARIO = "U bekijkt een eigen scenario; de link bewaart het."
NO_BUDGET = "De documenten van deze regio noemen geen begroting of realisatie."
NO_BUDGET_OWN = (
    "De documenten van deze regio noemen geen begroting of realisatie; de begroting en de "
    "uitgaven onder 'Wat er gebeurde' komen uit de eigen gegevens van de regio."
)
BAND_NOTE = (
    "De band loopt van de gunstige variant van de aannames (lage kosten) tot de ongunstige "
    "(hoge kosten), gelegd rond uw scenario."
)
METHOD_NOTE = Markdown(
    "**Zo rekent het model.** Het begint bij de kosten en cliënten van het basisjaar, "
    "verdeeld over de vier kwadranten volgens de aandelen uit de strategie. *Zonder "
    "maatregelen* groeien de kosten elk jaar met de indexatie (prijs) en de autonome groei "
    "(volume). *Met maatregelen* werken daar zes effecten op in. Elk effect is een "
    "percentage per jaar, vanaf een startjaar, dat in een aantal jaren tot volle sterkte "
    "groeit. Effecten vermenigvuldigen elkaar: twee keer 10% minder is 19% minder, niet "
    "20%. Zo telt een cliënt die uitstroomt niet ook nog eens als goedkopere cliënt. De "
    "bijdrage van elk effect is het gemiddelde van wat het oplevert in alle volgordes "
    "waarin je de effecten kunt invoeren; de bijdragen tellen precies op tot het verschil "
    "tussen de lijnen met en zonder maatregelen. Het omslagpunt is het eerste jaar waarna "
    "de kosten tot het einde van de berekening niet meer stijgen."
)


@dataclass(frozen=True)
class Control:
    """One what-if control: its URL key, the model parameter it sets, and its options."""

    key: str
    parameter: str
    label: str
    options: tuple[float, ...]
    is_year: bool = False
    help: str | None = None

    def display(self, value: float) -> str:
        """The value as the control shows it: '2,5%' or '2024'."""
        return str(round(value)) if self.is_year else fmt.percent(value, 2)

    def url_value(self, value: float) -> str:
        """The value as the link carries it: '2.5' or '2024' (a dot: it is machine text)."""
        return str(round(value)) if self.is_year else f"{value:g}"


def _grid(low: float, high: float, default: float) -> tuple[float, ...]:
    steps = round((high - low) / STEP)
    values = {round(low + i * STEP, 2) for i in range(steps + 1)}
    return tuple(sorted(values | {round(default, 2)}))


def controls(defaults: Mapping[str, float], effects: pl.DataFrame | None = None) -> list[Control]:
    """The controls of the scenario, in the order the page shows them.

    ``defaults`` are the region's parameters (:func:`costmodel.parameters_from_frame`);
    ``effects`` is the region's ``kosteneffecten`` extract, if any: its names (as the
    strategy writes them) and descriptions label the effect controls.
    """
    names = {spec.effect_id: spec.name for spec in costmodel.EFFECT_SPECS}
    helps = {spec.effect_id: spec.description for spec in costmodel.EFFECT_SPECS}
    if effects is not None:
        names.update(zip(effects["effect_id"], effects["naam"], strict=True))
        helps.update(zip(effects["effect_id"], effects["omschrijving"], strict=True))
    first, last = round(defaults["basisjaar"]) + 1, round(defaults["eindjaar"])
    result = [
        Control(
            "indexatie",
            "indexatie",
            "Indexatie (prijs- en loonstijging per jaar)",
            _grid(*INDEXATION_RANGE, defaults["indexatie"]),
            help="Geldt voor beide lijnen: met en zonder maatregelen.",
        ),
        Control(
            "groei",
            "autonome_groei",
            "Autonome groei van de vraag (per jaar)",
            _grid(*GROWTH_RANGE, defaults["autonome_groei"]),
            help="Meer jeugdigen met jeugdhulp als er niets verandert. Geldt voor beide lijnen.",
        ),
    ]
    for spec in costmodel.EFFECT_SPECS:
        key, name = EFFECT_KEYS[spec.effect_id], names[spec.effect_id]
        parameter = spec.effect_id.replace("-", "_")
        direction = "meer kosten" if spec.raises_costs else "minder kosten"
        result.append(
            Control(
                key,
                f"{parameter}_tempo",
                f"{name}: {direction} per jaar",
                _grid(*EFFECT_RANGE, defaults[f"{parameter}_tempo"]),
                help=helps[spec.effect_id],
            )
        )
        result.append(
            Control(
                key + START_SUFFIX,
                f"{parameter}_start",
                f"{name}: vanaf",
                tuple(float(year) for year in range(first, last + 1)),
                is_year=True,
            )
        )
    return result


def default_values(items: Sequence[Control], defaults: Mapping[str, float]) -> dict[str, float]:
    """Control key → the region's default value."""
    return {c.key: float(defaults[c.parameter]) for c in items}


def _parse(control: Control, raw: str | None) -> float | None:
    """The option a URL value names, or None when it names none."""
    try:
        # A comma is accepted too: a Dutch visitor may edit the link by hand.
        value = round(float(raw.replace(",", ".")), 2) if raw is not None else None
    except ValueError:
        return None
    return value if value in control.options else None


def seed_from_url(
    session: MutableMapping[str, object],
    query: Mapping[str, str],
    items: Sequence[Control],
    defaults: Mapping[str, float],
) -> list[str]:
    """On a session's first run, set every control from the link (or its default).

    Returns the Dutch notices for link values that are not valid; the value itself is
    never echoed (it could be anything).
    """
    notices = []
    for control in items:
        if control.key in session:
            continue
        raw = query.get(control.key)
        value = _parse(control, raw)
        if raw is not None and value is None:
            notices.append(
                f"De waarde voor '{control.label}' in de link kan niet; "
                "u ziet de aanname van de strategie."
            )
        session[control.key] = value if value is not None else float(defaults[control.parameter])
    return notices


def chosen(
    view: Mapping[str, object], items: Sequence[Control], defaults: Mapping[str, float]
) -> dict[str, float]:
    """Control key → the value in force: the view's (a slider's number, or the link's text)
    when it is one of the control's options, else the region's default."""
    values = {}
    for control in items:
        raw = view.get(control.key)
        value = _parse(control, str(raw)) if raw is not None else None
        values[control.key] = value if value is not None else float(defaults[control.parameter])
    return values


def write_to_url(
    query: MutableMapping[str, str],
    values: Mapping[str, float],
    items: Sequence[Control],
    defaults: Mapping[str, float],
) -> None:
    """Keep the link in step with the controls; a default value is left out of the link."""
    for control in items:
        value = values[control.key]
        if round(value, 2) == round(float(defaults[control.parameter]), 2):
            if control.key in query:
                del query[control.key]
        elif query.get(control.key) != control.url_value(value):
            query[control.key] = control.url_value(value)


def reset(
    session: MutableMapping[str, object], items: Sequence[Control], defaults: Mapping[str, float]
) -> None:
    """Put every control back on the strategy's assumptions (a button's callback)."""
    for control in items:
        session[control.key] = float(defaults[control.parameter])


def is_default(values: Mapping[str, float], items: Sequence[Control], defaults) -> bool:
    """Whether the scenario is the strategy's defaults."""
    return all(round(values[c.key], 2) == round(float(defaults[c.parameter]), 2) for c in items)


def assumptions(
    defaults: Mapping[str, float], values: Mapping[str, float], items: Sequence[Control]
) -> costmodel.Assumptions:
    """The model's assumptions: the defaults with the chosen control values."""
    chosen = {c.parameter: values[c.key] for c in items}
    return costmodel.from_parameters({**defaults, **chosen})


def parameters(
    defaults: Mapping[str, float], values: Mapping[str, float], items: Sequence[Control]
) -> dict[str, float]:
    """All parameters of the scenario (defaults overridden by the controls)."""
    return {**defaults, **{c.parameter: values[c.key] for c in items}}


# --- Texts and key figures --------------------------------------------------------------


def page_takeaway(targets: Mapping[str, float]) -> str:
    """The headline of the page, from the strategy's own figures."""
    return (
        f"De strategie verwacht het omslagpunt in {round(targets['doel_omslagpunt'])}: vanaf "
        "dan stijgen de kosten van jeugdhulp niet meer. Wat is daarvoor nodig?"
    )


def reference_year(defaults: costmodel.Assumptions) -> int:
    """The year before the first effect starts (the last year without new contracts)."""
    return min(e.start for e in defaults.effects) - 1


def scenario_figures(result: costmodel.Result, reference: int) -> list[KeyFigure]:
    """The scenario's outcome in four figures (all illustrative: they come from the model)."""
    last = result.totals.row(-1, named=True)
    year = last["jaar"]
    point = result.turning_point
    change = costmodel.clients_change(result, TARGET_QUADRANT, reference, year)
    note = "Uitkomst van het model met de aannames van dit scenario (met maatregelen)."
    return [
        KeyFigure(
            "omslagpunt_scenario",
            "Omslagpunt",
            str(point) if point is not None else f"geen tot en met {year}",
            "illustratief",
            note,
        ),
        KeyFigure(
            "kosten_eindjaar",
            f"Kosten {year}",
            fmt.euro(last["kosten_met"]),
            "illustratief",
            note,
        ),
        KeyFigure(
            "besparing_eindjaar",
            f"Besparing {year}",
            fmt.euro(-last["verschil"]),
            "illustratief",
            f"Kosten zonder maatregelen min kosten met maatregelen in {year}. {note}",
        ),
        KeyFigure(
            "clienten_herstelgericht_ambulant",
            f"Cliënten {year} t.o.v. {reference}",
            ("+" if change > 0 else "") + fmt.percent(change * 100),
            "illustratief",
            f"Herstelgericht ambulant, ten opzichte van {reference}, het jaar voor de nieuwe "
            "contracten. Wat de strategie zelf verwacht, staat met bron onder 'Wat de "
            f"documenten zeggen'. {note}",
        ),
    ]


def _target_figures(source: pl.DataFrame) -> list[KeyFigure]:
    """What the strategy itself says: the turning point and the fall in clients."""
    rows = source.filter(pl.col("variant") == "midden", pl.col("parameter").is_in(TARGETS))
    by_name = {row["parameter"]: row for row in rows.iter_rows(named=True)}
    shown = []
    for name in TARGETS:
        if (row := by_name.get(name)) is None:
            continue
        value = round(row["waarde"])
        text = str(value) if row["eenheid"] == "jaartal" else "±" + fmt.percent(value)
        shown.append(KeyFigure(name, row["label"], text, row["status"], row["notitie"]))
    return shown


def document_figures(
    source: pl.DataFrame, kerncijfers: pl.DataFrame, ids: Sequence[str]
) -> tuple[list[KeyFigure], pl.DataFrame]:
    """The documents' own cost figures (the strategy's targets, then key figures such as
    the 2024 overrun) with the rows behind them for the source note."""
    targets = source.filter(pl.col("variant") == "midden", pl.col("parameter").is_in(TARGETS))
    rows = pl.concat(
        [
            targets.select(PROVENANCE_COLUMNS),
            figures.rows_for(kerncijfers, list(ids)).select(PROVENANCE_COLUMNS),
        ]
    )
    return _target_figures(source) + figures.key_figures(kerncijfers, list(ids)), rows


def contributions_takeaway(result: costmodel.Result, year: int) -> str:
    """One line about the waterfall: the biggest saving, the added cost, the total."""
    parts = result.contributions.filter(pl.col("jaar") == year)
    total = result.totals.filter(pl.col("jaar") == year)["verschil"].item()
    if parts["bijdrage"].abs().max() == 0:
        return f"In {year} werkt nog geen enkel effect: met en zonder maatregelen zijn gelijk."
    biggest = parts.sort("bijdrage").row(0, named=True)
    text = f"In {year} scheelt '{biggest['effect']}' het meest: {fmt.euro(-biggest['bijdrage'])}"
    adding = parts.filter(pl.col("bijdrage") > 0)
    for row in adding.iter_rows(named=True):
        text += f"; '{row['effect']}' kost {fmt.euro(row['bijdrage'])} extra"
    direction = "minder" if total < 0 else "meer"
    return text + f". Samen {fmt.euro(abs(total))} {direction} dan zonder maatregelen."


BUDGET_VERBS = {"begroting": "begroot", "realisatie": "uitgegeven"}


def budget_series(kosten: pl.DataFrame) -> dict[str, str]:
    """The published series (``reeks``) by a short id for the link, the largest first.

    A region that reports per municipality as well as its total has the total first, so
    that is what the page shows by default; stacking them would count the money twice.
    """
    sums = (
        kosten.filter(pl.col("soort") != "reconstructie")
        .group_by("reeks")
        .agg(pl.col("bedrag").sum())
        .sort(["bedrag", "reeks"], descending=[True, False])
    )
    ids: dict[str, str] = {}
    for name in sums["reeks"]:
        slug = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
        ids[slug if slug and slug not in ids else f"reeks-{len(ids) + 1}"] = name
    return ids


def one_series(kosten: pl.DataFrame, reeks: str | None = None) -> pl.DataFrame:
    """The rows of one series: ``reeks`` (a name), or else the largest (the region total)."""
    names = list(budget_series(kosten).values())
    if not names:
        return kosten
    return kosten.filter(pl.col("reeks") == (reeks if reeks in names else names[0]))


def budget_title(kosten: pl.DataFrame) -> str:
    """'Begroting', 'Realisatie' or 'Begroting en realisatie': what the region published."""
    kinds = set(kosten["soort"]) - {"reconstructie"}
    return " en ".join(k.capitalize() if i == 0 else k for i, k in enumerate(sorted(kinds)))


def budget_takeaway(kosten: pl.DataFrame) -> str:
    """One line per published series: first and last amount and the yearly change."""
    lines = []
    shown = kosten.filter(pl.col("soort") != "reconstructie").sort("jaar")
    for (reeks, soort), part in shown.group_by("reeks", "soort", maintain_order=True):
        first, last = part.row(0, named=True), part.row(-1, named=True)
        text = f"{reeks}: {BUDGET_VERBS.get(soort, soort)} {fmt.euro(first['bedrag'], 2)} in "
        text += f"{first['jaar']}"
        years = last["jaar"] - first["jaar"]
        if years > 0:
            growth = ((last["bedrag"] / first["bedrag"]) ** (1 / years) - 1) * 100
            text += (
                f" en {fmt.euro(last['bedrag'], 2)} in {last['jaar']}, "
                f"gemiddeld {fmt.percent(growth)} meer per jaar"
            )
        lines.append(text + ".")
    return " ".join(lines)


# --- Tables (exact values for the downloads) -------------------------------------------


def curve_table(result: costmodel.Result, band: pl.DataFrame) -> pl.DataFrame:
    """The curve per year: costs without and with measures, the band, and clients."""
    return result.totals.join(band, on="jaar", how="left").select(
        pl.col("jaar").alias("Jaar"),
        pl.col("kosten_zonder").round().cast(pl.Int64).alias("Zonder maatregelen (€)"),
        pl.col("kosten_met").round().cast(pl.Int64).alias("Met maatregelen (€)"),
        pl.col("kosten_laag").round().cast(pl.Int64).alias("Ondergrens (€)"),
        pl.col("kosten_hoog").round().cast(pl.Int64).alias("Bovengrens (€)"),
        pl.col("clienten_zonder").round().cast(pl.Int64).alias("Cliënten zonder maatregelen"),
        pl.col("clienten_met").round().cast(pl.Int64).alias("Cliënten met maatregelen"),
    )


def contributions_table(result: costmodel.Result, year: int) -> pl.DataFrame:
    """What each effect adds (+) or saves (−) in ``year``, and the total."""
    parts = result.contributions.filter(pl.col("jaar") == year)
    total = result.totals.filter(pl.col("jaar") == year)["verschil"].item()
    return pl.DataFrame(
        {
            "Effect": [*parts["effect"], "Samen (met − zonder maatregelen)"],
            "Soort effect": [*parts["soort"], ""],
            f"Bijdrage in {year} (€)": [round(v) for v in [*parts["bijdrage"], total]],
        }
    )


def _display(value: float, unit: str) -> str:
    """An assumption's value in its unit, the Dutch way."""
    if unit == "euro":
        return fmt.euro_exact(value)
    if unit.startswith("procent"):
        return fmt.percent(value, 2) + (" per jaar" if unit.endswith("per jaar") else "")
    if unit == "jaartal":
        return str(round(value))
    if unit == "jaren":
        return f"{round(value)} jaar"
    return fmt.number(value)


def _by_variant(source: pl.DataFrame) -> pl.DataFrame:
    """One row per parameter, with the three variants side by side (midden's provenance)."""
    wide = source.pivot(on="variant", index="parameter", values="waarde")
    midden = source.filter(pl.col("variant") == "midden")
    return midden.join(wide, on="parameter", how="left", maintain_order="left")


def assumptions_numbers(source: pl.DataFrame, parameters: Mapping[str, float]) -> pl.DataFrame:
    """Every assumption with exact values: this scenario, the strategy's default, low, high."""
    # The extract is sorted by parameter name; show the model's own order instead.
    order = {name: i for i, name in enumerate([*costmodel.parameter_names(), *TARGETS])}
    ranked = _by_variant(source).with_columns(
        rank=pl.col("parameter").replace_strict(order, default=len(order), return_dtype=pl.Int64)
    )
    return ranked.sort("rank", "parameter", maintain_order=True).select(
        pl.col("parameter"),
        pl.col("label").alias("aanname"),
        pl.col("parameter")
        .replace_strict(dict(parameters), default=None, return_dtype=pl.Float64)
        .fill_null(pl.col("midden"))
        .alias("dit_scenario"),
        "midden",
        "laag",
        "hoog",
        "eenheid",
        "status",
        "bron",
        "vindplaats",
        "notitie",
    )


def _group(parameter: str) -> str:
    """Parameters shown on one line: an effect's rate, start and ramp; a quadrant's shares."""
    for suffix in ("_tempo", "_start", "_aanloop"):
        if parameter.endswith(suffix):
            return parameter.removesuffix(suffix)
    for prefix in ("budget_", "clienten_"):
        if parameter.startswith(prefix):
            return "kwadrant_" + parameter.removeprefix(prefix)
    return parameter


def _effect_text(values: Mapping[str, float], group: str, column: str) -> str:
    rate, start = values[f"{group}_tempo"][column], values[f"{group}_start"][column]
    ramp = round(values[f"{group}_aanloop"][column])
    strength = "direct op volle sterkte" if ramp <= 1 else f"na {ramp} jaar op volle sterkte"
    return f"{fmt.percent(rate, 2)} per jaar vanaf {round(start)}, {strength}"


def _line(group: str, rows: list[dict]) -> dict[str, str]:
    """One line of the assumptions table (a group of parameters)."""
    first = rows[0]
    by_name = {row["parameter"]: row for row in rows}
    if len(rows) == 3:  # an effect: rate, start year, ramp
        title = first["aanname"].split(":")[0]
        now, default = (_effect_text(by_name, group, c) for c in ("dit_scenario", "midden"))
        rate = by_name[f"{group}_tempo"]
        spread = f"{fmt.percent(rate['laag'], 2)} – {fmt.percent(rate['hoog'], 2)} per jaar"
    elif len(rows) == 2:  # a quadrant: share of budget and of clients
        quadrant = group.removeprefix("kwadrant_")
        title = "Kwadrant " + quadrant.replace("_", " ")
        budget, clients = by_name[f"budget_{quadrant}"], by_name[f"clienten_{quadrant}"]
        now = default = (
            f"{fmt.percent(budget['midden'])} van het budget, "
            f"{fmt.percent(clients['midden'])} van de cliënten"
        )
        spread = "–"
    else:
        unit = first["eenheid"]
        title, now, default = (
            first["aanname"],
            *(_display(first[c], unit) for c in ("dit_scenario", "midden")),
        )
        low, high = (_display(first[c], unit) for c in ("laag", "hoog"))
        spread = "–" if low == high else f"{low} – {high}"
    return {
        "Aanname": title,
        "Dit scenario": now,
        "Strategie (standaard)": default,
        "Laag – hoog": spread,
        "Status": fmt.status(first["status"]),  # the words of every source note
        "Bron en toelichting": " ".join(
            part for part in (f"{first['vindplaats']}.", first["notitie"]) if part
        ),
    }


def assumptions_table(numbers: pl.DataFrame) -> pl.DataFrame:
    """Every assumption as people read it: one line per effect, quadrant or figure, with
    its value in this scenario and by default, the low–high range, status and source.
    ``numbers`` is :func:`assumptions_numbers` (one exact row per parameter, which the
    download keeps)."""
    groups: dict[str, list[dict]] = {}
    for row in numbers.iter_rows(named=True):
        groups.setdefault(_group(row["parameter"]), []).append(row)
    return pl.DataFrame([_line(group, rows) for group, rows in groups.items()])


def budget_table(kosten: pl.DataFrame) -> pl.DataFrame:
    """Published budgets and realisations per year."""
    return (
        kosten.filter(pl.col("soort") != "reconstructie")
        .sort("jaar", "soort")
        .select(
            pl.col("jaar").alias("Jaar"),
            pl.col("soort").alias("Soort"),
            pl.col("reeks").alias("Reeks"),
            pl.col("bedrag").round().cast(pl.Int64).alias("Bedrag (€)"),
        )
    )
