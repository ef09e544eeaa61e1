"""Checks that span rows or extracts (pure Polars; no Streamlit, no files).

Two kinds, kept apart on purpose:

* **Errors** (:class:`~components.build.files.Issue`): the sources contradict themselves in a
  way the app cannot show honestly: a ``bron`` that is not in ``bronnen``, a period that
  ends before it starts, quadrant shares that do not add up to 100%. The preparation
  stops on them.
* **Warnings** (Dutch sentences): published figures that do not add up, such as provider
  counts per lot that exceed the total. The sources really say this, so the extract keeps
  the figures and the manifest keeps the sentence, for the app to show.

Every function takes Polars frames with the contract's columns. A frame may carry the
source row numbers in ``_rij`` (the preparation adds it); without it, row = index + 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import polars as pl

from components.build.files import Issue
from components.build.sources import ROW
from components.data.vocabulary import (
    COST_EFFECTS,
    COST_PARAMETERS,
    COST_QUADRANTS,
    COST_VARIANTS,
    LOTS,
    OPEN_ENDED_KINDS,
    OPTION_DECISIONS,
    SIZE_CLASSES,
)

#: Shares of the four quadrants must add up to 100% within this margin (rounding).
SHARE_TOLERANCE = 0.5
#: The cost model computes with its shares as given, so they must add up to 100 exactly.
COST_SHARE_TOLERANCE = 0.001
#: Bounds of the cost model's other numbers (percent per year, euro, clients).
COST_LIMITS = {
    "indexatie": (-50.0, 50.0),
    "autonome_groei": (-50.0, 50.0),
    "basiskosten": (1.0, 1e12),
    "basisclienten": (1.0, 1e8),
}
#: Longer lists of allowed values are shortened in a message.
MAX_LISTED = 12
_REGIO_ROW = "precies één rij met de gegevens van de regio"


def rows_of(frame: pl.DataFrame) -> list[int]:
    """Source row numbers: ``_rij`` when present, else index + 2 (header = row 1)."""
    if ROW in frame.columns:
        return frame[ROW].to_list()
    return list(range(2, frame.height + 2))


def _with_rows(frame: pl.DataFrame) -> pl.DataFrame:
    return frame if ROW in frame.columns else frame.with_columns(pl.Series(ROW, rows_of(frame)))


def _listing(values: Iterable[str]) -> str:
    """A sorted list for a message, shortened when long."""
    items = sorted(set(values))
    if not items:
        return "(geen)"
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f", … ({len(items)} in totaal)" if len(items) > MAX_LISTED else "")


def _number(value: float) -> str:
    """A number the Dutch way for a message: 99,5 and 100 (no trailing ',0')."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --- errors: references between extracts ------------------------------------------------------


def unknown_references(
    frame: pl.DataFrame, column: str, allowed: Iterable[str], file: str, where: str
) -> list[Issue]:
    """Rows whose ``column`` holds a value not in ``allowed`` (empty cells are not checked)."""
    known = set(allowed)
    expected = f"een waarde uit {where}: {_listing(known)}"
    return [
        Issue(file, number, column, value, expected + _near(value, known))
        for value, number in zip(frame[column], rows_of(frame), strict=True)
        if value is not None and value not in known
    ]


def _near(value: str, known: set[str]) -> str:
    """A hint where ``value`` is a known value written differently: Excel drops the
    apostrophe that starts 's-Hertogenbosch; upper and lower case differ."""
    if f"'{value}" in known:
        return (
            f"; bedoelt u ''{value}'? Excel laat een apostrof aan het begin weg: typ er twee, "
            "of maak de cel tekst"
        )
    same = [k for k in known if k.casefold() == value.casefold()]
    return f"; bedoelt u '{same[0]}'? Let op hoofdletters" if same else ""


def check_sources_known(
    frames: Mapping[str, pl.DataFrame], files: Mapping[str, str], bronnen_file: str
) -> list[Issue]:
    """Every figure's ``bron`` must be an id in that region's ``bronnen``."""
    known = frames["bronnen"]["bron"].drop_nulls().to_list()
    where = f"{bronnen_file} (kolom 'bron')"
    issues: list[Issue] = []
    for name, frame in frames.items():
        if name != "bronnen" and "bron" in frame.columns:
            issues += unknown_references(frame, "bron", known, files[name], where)
    return issues


# --- errors: dates and periods -----------------------------------------------------------------


def check_end_after_start(frame: pl.DataFrame, file: str) -> list[Issue]:
    """A period or phase may not end before it starts."""
    issues = []
    for record in _with_rows(frame).iter_rows(named=True):
        start, end = record["start"], record["einde"]
        if start is not None and end is not None and end < start:
            issues.append(
                Issue(
                    file,
                    record[ROW],
                    "einde",
                    end.isoformat(),
                    f"een datum op of na de start ({start.isoformat()})",
                )
            )
    return issues


def check_open_ends(perioden: pl.DataFrame, file: str) -> list[Issue]:
    """Only a transfer or a running procurement may leave ``einde`` empty."""
    kinds = " of ".join(OPEN_ENDED_KINDS)
    open_rows = _with_rows(perioden).filter(
        pl.col("einde").is_null()
        & pl.col("soort").is_not_null()
        & ~pl.col("soort").is_in(OPEN_ENDED_KINDS)
    )
    return [
        Issue(
            file,
            record[ROW],
            "einde",
            "",
            f"een einddatum; alleen bij soort {kinds} mag einde leeg zijn "
            f"(deze periode heeft soort '{record['soort']}')",
        )
        for record in open_rows.iter_rows(named=True)
    ]


def check_option_decisions(perioden: pl.DataFrame, file: str) -> list[Issue]:
    """Only an option has a decision, and a decision date belongs to a decision."""
    rows = _with_rows(perioden)
    issues = [
        Issue(file, r[ROW], "besluit", r["besluit"],
              f"een lege cel: alleen een optie heeft een besluit (dit is een {r['soort']})")
        for r in rows.filter(pl.col("besluit").is_not_null() & (pl.col("soort") != "optie"))
        .iter_rows(named=True)
    ]  # fmt: skip
    issues += [
        Issue(file, r[ROW], "besluit", "",
              f"het besluit ({' of '.join(OPTION_DECISIONS)}), omdat er een besluitdatum staat")
        for r in rows.filter(pl.col("besluitdatum").is_not_null() & pl.col("besluit").is_null())
        .iter_rows(named=True)
    ]  # fmt: skip
    return issues


def check_overlaps(perioden: pl.DataFrame, file: str) -> list[Issue]:
    """Periods of one agreement may not overlap (``einde`` counts as the last day; an empty
    one runs on). A procurement (inkooptraject) may run beside the contract it replaces,
    not beside another procurement."""
    dated = _with_rows(perioden).filter(
        pl.col("overeenkomst_id").is_not_null() & pl.col("start").is_not_null()
    )
    procurement = pl.col("soort") == "inkooptraject"
    issues = []
    for layer in (dated.filter(procurement), dated.filter(~procurement)):
        for (agreement,), group in layer.sort("overeenkomst_id", "start", ROW).group_by(
            "overeenkomst_id", maintain_order=True
        ):
            issues += _overlaps(group, agreement, file)
    return issues


def _overlaps(group: pl.DataFrame, agreement: str, file: str) -> list[Issue]:
    issues = []
    latest: dict | None = None  # the period that ends last so far
    for record in group.iter_rows(named=True):
        if latest is not None and (latest["einde"] is None or record["start"] <= latest["einde"]):
            other = f"rij {latest[ROW]} van overeenkomst '{agreement}'"
            expected = (
                f"geen nieuwe periode zolang {other} loopt: die heeft geen einddatum"
                if latest["einde"] is None
                else f"een start na {latest['einde'].isoformat()}: deze periode overlapt met "
                f"{other}"
            )
            issues.append(Issue(file, record[ROW], "start", record["start"].isoformat(), expected))
        runs_on = latest is not None and latest["einde"] is None
        if not runs_on and (
            latest is None or record["einde"] is None or record["einde"] > latest["einde"]
        ):
            latest = record
    return issues


# --- errors: shares --------------------------------------------------------------------------


def check_shares(kwadranten: pl.DataFrame, file: str) -> list[Issue]:
    """Budget and client shares of the quadrants must each add up to 100% (±0.5)."""
    if kwadranten.is_empty():
        return []
    rows = rows_of(kwadranten)
    issues = []
    for column in ("aandeel_budget", "aandeel_clienten"):
        if kwadranten[column].null_count():
            continue  # an empty or unreadable share is already reported per cell
        total = float(kwadranten[column].sum())
        if abs(total - 100) > SHARE_TOLERANCE:
            issues.append(
                Issue(
                    file,
                    None,
                    column,
                    f"{_number(total)} (som van rij {min(rows)} t/m {max(rows)})",
                    f"een som van 100 (±{_number(SHARE_TOLERANCE)})",
                )
            )
    return issues


def check_cost_assumptions(aannames: pl.DataFrame, file: str) -> list[Issue]:
    """Cost assumptions give the cost model all it needs, or the region gives none.

    Every parameter in every variant; per variant a first year before the last one, a
    positive cost and client count, and budget and client shares that add up to 100.
    A partial set would pass every row's own check and break the Kosten page later.
    """
    if aannames.is_empty():
        return []
    given = set(zip(aannames["parameter"], aannames["variant"], strict=True))
    missing = [p for p in COST_PARAMETERS if any((p, v) not in given for v in COST_VARIANTS)]
    if missing:
        return [
            Issue.whole(
                file,
                f"elke parameter van het kostenmodel in elke variant ({', '.join(COST_VARIANTS)}); "
                f"er ontbreken {len(missing)}: {_listing(missing)}. Heeft de regio geen "
                "kostenmodel, laat het bestand dan weg",
            )
        ]
    issues = []
    for variant in COST_VARIANTS:
        part = _with_rows(aannames.filter(pl.col("variant") == variant))
        issues += _variant_issues(part, variant, file)
    return issues


def _variant_issues(part: pl.DataFrame, variant: str, file: str) -> list[Issue]:
    """The values of one variant against what the cost model can compute with."""
    value = dict(zip(part["parameter"], part["waarde"], strict=True))
    row = dict(zip(part["parameter"], part[ROW], strict=True))
    first, last = value["basisjaar"], value["eindjaar"]
    found: list[tuple[str, str]] = []  # (parameter, expected)
    if not (first.is_integer() and last.is_integer() and 2000 <= first < last <= 2100):
        found.append(
            ("eindjaar", f"een heel jaar na het basisjaar {_number(first)}, tot en met 2100")
        )
    else:
        for effect in COST_EFFECTS:
            key = effect.replace("-", "_")
            start, ramp = value[f"{key}_start"], value[f"{key}_aanloop"]
            if not (start.is_integer() and first < start <= last):
                years = f"{_number(first + 1)} tot en met {_number(last)}"
                found.append((f"{key}_start", f"een startjaar van {years}"))
            if not (ramp.is_integer() and 0 <= ramp <= last - first):
                found.append(
                    (
                        f"{key}_aanloop",
                        f"een heel aantal jaren van 0 tot en met {_number(last - first)}",
                    )
                )
            if not 0 <= value[f"{key}_tempo"] < 100:
                found.append((f"{key}_tempo", "een percentage per jaar van 0 tot 100"))
    for parameter, (low, high) in COST_LIMITS.items():
        if not low <= value[parameter] <= high:
            found.append((parameter, f"een getal van {_number(low)} tot en met {_number(high)}"))
    for prefix in ("budget", "clienten"):
        names = [f"{prefix}_{q.replace('-', '_')}" for q in COST_QUADRANTS]
        total = sum(value[name] for name in names)
        if abs(total - 100) > COST_SHARE_TOLERANCE or min(value[n] for n in names) < 0:
            expected = (
                f"vier aandelen van 0 of meer met een som van precies 100; nu samen "
                f"{_number(total)} ({', '.join(names)})"
            )
            found.append((names[0], expected))
    return [
        Issue(file, row[p], "waarde", _number(value[p]), f"{expected} (variant {variant})")
        for p, expected in found
    ]


def check_key_figure_values(kerncijfers: pl.DataFrame, file: str) -> list[Issue]:
    """A key figure is a number, or (unit 'datum') a date: exactly one of the two."""
    rows = _with_rows(kerncijfers)
    is_date = pl.col("eenheid") == "datum"
    issues = [
        Issue(file, r[ROW], "datum", "", "een datum, omdat de eenheid 'datum' is")
        for r in rows.filter(is_date & pl.col("datum").is_null()).iter_rows(named=True)
    ]
    issues += [
        Issue(file, r[ROW], "waarde", "", f"een getal, omdat de eenheid '{r['eenheid']}' is")
        for r in rows.filter(~is_date & pl.col("waarde").is_null()).iter_rows(named=True)
    ]
    issues += [
        Issue(file, r[ROW], "waarde", _number(r["waarde"]),
              "een lege cel: bij eenheid 'datum' staat de datum in de kolom datum")
        for r in rows.filter(is_date & pl.col("waarde").is_not_null()).iter_rows(named=True)
    ]  # fmt: skip
    issues += [
        Issue(file, r[ROW], "datum", r["datum"].isoformat(),
              "een lege cel: alleen een kengetal met eenheid 'datum' heeft een datum")
        for r in rows.filter(~is_date & pl.col("datum").is_not_null()).iter_rows(named=True)
    ]  # fmt: skip
    return issues


def check_key_figure_places(kerncijfers: pl.DataFrame, file: str) -> list[Issue]:
    """A key figure with a place needs its order there, and two may not share one."""
    placed = _with_rows(kerncijfers).filter(pl.col("toon_op").is_not_null())
    issues = [
        Issue(file, r[ROW], "volgorde", "", f"een volgorde, omdat toon_op '{r['toon_op']}' is")
        for r in placed.filter(pl.col("volgorde").is_null()).iter_rows(named=True)
    ]
    seen: dict[tuple[str, int], str] = {}
    for r in placed.filter(pl.col("volgorde").is_not_null()).iter_rows(named=True):
        key = (r["toon_op"], r["volgorde"])
        if key in seen:
            issues.append(
                Issue(file, r[ROW], "volgorde", str(r["volgorde"]),
                      f"een eigen volgorde op '{r['toon_op']}'; {seen[key]} heeft deze al")
            )  # fmt: skip
        seen.setdefault(key, f"kengetal '{r['kengetal']}'")
    return issues


def check_has_rows(frame: pl.DataFrame, file: str, what: str) -> list[Issue]:
    """An extract that must hold data (``regio``) may not be a header only."""
    if frame.height:
        return []
    return [Issue(file, 2, None, None, f"het bestand heeft alleen een kopregel; verwacht {what}")]


# --- all region errors ---------------------------------------------------------------------


def municipalities(regio: pl.DataFrame) -> list[str]:
    """The region's municipalities as its ``regio`` row writes them."""
    return [m.strip() for text in regio["gemeenten"] for m in text.split(";") if m.strip()]


def check_periods_alike(gebruik: pl.DataFrame, file: str) -> list[Issue]:
    """Within one year a municipality's use is given per quarter or for the whole year,
    not both (a year row beside quarter rows would count the same care twice)."""
    issues = []
    rows = _with_rows(gebruik)
    for (year, municipality), part in rows.group_by("jaar", "gemeente", maintain_order=True):
        whole = part.filter(pl.col("kwartaal").is_null())
        quarters = part.filter(pl.col("kwartaal").is_not_null())
        if whole.height and quarters.height:
            issues.append(
                Issue(
                    file, whole[ROW][0], "kwartaal", "",
                    f"een kwartaal (1 tot en met 4): {municipality} heeft in {year} ook rijen "
                    f"per kwartaal (rij {quarters[ROW][0]}); geef een jaar per kwartaal of als "
                    "geheel, niet allebei",
                )
            )  # fmt: skip
    return issues


def region_issues(
    frames: Mapping[str, pl.DataFrame], files: Mapping[str, str], clean: set[str]
) -> list[Issue]:
    """Every cross-extract error check whose inputs were read without issues.

    A check is skipped when one of its extracts already has issues: a ``bronnen`` file
    with a bad column would otherwise make every ``bron`` in the region look unknown.
    """
    checks: list[tuple[tuple[str, ...], Callable[[], list[Issue]]]] = [
        (("regio",), lambda: check_has_rows(frames["regio"], files["regio"], _REGIO_ROW)),
        (
            ("bronnen",),
            lambda: check_sources_known(
                {n: f for n, f in frames.items() if n in clean}, files, files["bronnen"]
            ),
        ),
        (
            ("perioden", "overeenkomsten"),
            lambda: unknown_references(
                frames["perioden"],
                "overeenkomst_id",
                frames["overeenkomsten"]["overeenkomst_id"].drop_nulls(),
                files["perioden"],
                f"{files['overeenkomsten']} (kolom 'overeenkomst_id')",
            ),
        ),
        (("perioden",), lambda: check_end_after_start(frames["perioden"], files["perioden"])),
        (("perioden",), lambda: check_open_ends(frames["perioden"], files["perioden"])),
        (("perioden",), lambda: check_overlaps(frames["perioden"], files["perioden"])),
        (("perioden",), lambda: check_option_decisions(frames["perioden"], files["perioden"])),
        (("fasen",), lambda: check_end_after_start(frames["fasen"], files["fasen"])),
        (
            ("kerncijfers",),
            lambda: check_key_figure_places(frames["kerncijfers"], files["kerncijfers"]),
        ),
        (
            ("kerncijfers",),
            lambda: check_key_figure_values(frames["kerncijfers"], files["kerncijfers"]),
        ),
        (("kwadranten",), lambda: check_shares(frames["kwadranten"], files["kwadranten"])),
        (
            ("kostenaannames",),
            lambda: check_cost_assumptions(frames["kostenaannames"], files["kostenaannames"]),
        ),
        (
            ("vragen", "kerncijfers"),
            lambda: unknown_references(
                frames["vragen"],
                "antwoord_kengetal",
                frames["kerncijfers"]["kengetal"].drop_nulls(),
                files["vragen"],
                f"{files['kerncijfers']} (kolom 'kengetal')",
            ),
        ),
        (
            ("kpis", "doelen"),
            lambda: unknown_references(
                frames["kpis"],
                "doel_id",
                frames["doelen"]["doel_id"].drop_nulls(),
                files["kpis"],
                f"{files['doelen']} (kolom 'doel_id')",
            ),
        ),
        (
            ("productcodes", "overeenkomsten"),
            lambda: unknown_references(
                frames["productcodes"],
                "overeenkomst_id",
                frames["overeenkomsten"]["overeenkomst_id"],
                files["productcodes"],
                f"{files['overeenkomsten']} (kolom 'overeenkomst_id')",
            ),
        ),
        (
            ("gebruik", "productcodes"),
            lambda: unknown_references(
                frames["gebruik"],
                "productcode",
                frames["productcodes"]["productcode"],
                files["gebruik"],
                f"{files['productcodes']} (kolom 'productcode')",
            ),
        ),
        *[
            (
                (name, "regio"),
                # Without a regio row that is the one issue (not one per row here).
                lambda name=name: (
                    unknown_references(
                        frames[name],
                        "gemeente",
                        municipalities(frames["regio"]),
                        files[name],
                        f"{files['regio']} (kolom 'gemeenten')",
                    )
                    if frames["regio"].height
                    else []
                ),
            )
            for name in ("gebruik", "budget")
        ],
        (("gebruik",), lambda: check_periods_alike(frames["gebruik"], files["gebruik"])),
    ]
    issues: list[Issue] = []
    for needed, check in checks:
        if set(needed) <= clean:
            issues += check()
    return issues


# --- warnings: figures that do not add up ----------------------------------------------------


def _group_label(jaar: int, domein: str, telt: str, bron: str) -> str:
    return f"aanbieders_aantallen {domein} {jaar} (telt {telt}, bron {bron})"


def _sum_text(parts: list[tuple[str, int]]) -> str:
    return " + ".join(f"{label} {value}" for label, value in parts)


def _in_contract_order(frame: pl.DataFrame, column: str, order: tuple[str, ...]) -> pl.DataFrame:
    """Rows in the order the contract lists the values (ambulant, verblijf, combinatie)."""
    rank = pl.col(column).replace_strict(order, range(len(order)), default=len(order))
    return frame.sort(rank, column)


def _provider_group_warnings(label: str, group: pl.DataFrame) -> list[str]:
    """The three sums of one year/domain/count/source group against their totals."""
    perceel, deel, klasse = pl.col("perceel"), pl.col("deelperceel"), pl.col("grootteklasse")
    total_rows = group.filter(perceel.is_null() & deel.is_null() & klasse.is_null())
    lots = _in_contract_order(
        group.filter(perceel.is_not_null() & deel.is_null() & klasse.is_null()), "perceel", LOTS
    )
    classes = _in_contract_order(
        group.filter(perceel.is_null() & deel.is_null() & klasse.is_not_null()),
        "grootteklasse",
        SIZE_CLASSES,
    )
    warnings = []
    if total_rows.height == 1:
        total = total_rows["aantal"][0]
        for parts, what in (
            (list(zip(lots["perceel"], lots["aantal"], strict=True)), "de percelen"),
            (
                list(zip(classes["grootteklasse"], classes["aantal"], strict=True)),
                "de grootteklassen",
            ),
        ):
            if parts and sum(v for _, v in parts) != total:
                warnings.append(
                    f"{label}: {what} tellen op tot {sum(v for _, v in parts)} "
                    f"({_sum_text(parts)}), maar het totaal is {total}."
                )
    for lot, lot_total in zip(lots["perceel"], lots["aantal"], strict=True):
        subs = group.filter((perceel == lot) & deel.is_not_null() & klasse.is_null())
        if subs.height and subs["aantal"].sum() > lot_total:
            warnings.append(
                f"{label}: de deelpercelen van {lot} tellen op tot {subs['aantal'].sum()}, "
                f"meer dan de {lot_total} van het perceel (een aanbieder kan meer "
                "deelpercelen hebben)."
            )
    return warnings


def provider_count_warnings(aantallen: pl.DataFrame) -> list[str]:
    """Lot counts and size-class counts that differ from the total; sub-lots above their lot.

    Figures are compared within one year, domain, kind of count and source document:
    numbers from different documents may count different things.
    """
    keys = ["jaar", "domein", "telt", "bron"]
    usable = aantallen.drop_nulls([*keys, "aantal"])
    warnings: list[str] = []
    for (jaar, domein, telt, bron), group in usable.sort(keys).group_by(keys, maintain_order=True):
        warnings += _provider_group_warnings(_group_label(jaar, domein, telt, bron), group)
    return warnings


def register_warnings(register: pl.DataFrame, aantallen: pl.DataFrame) -> list[str]:
    """Provider register against published totals, and providers described two ways.

    The register is compared with ``aanbieders_aantallen`` only where both have the same
    year and domain and the published figure counts providers (not contracts).
    """
    warnings: list[str] = []
    for (provider,), rows in register.sort("aanbieder_id").group_by(
        "aanbieder_id", maintain_order=True
    ):
        classes = sorted(set(rows["grootteklasse"].drop_nulls()))
        if len(classes) > 1:
            warnings.append(
                f"aanbiedersregister: aanbieder '{provider}' heeft meer dan één grootteklasse "
                f"({', '.join(classes)})."
            )
    totals = aantallen.filter(
        (pl.col("telt") == "aanbieders")
        & pl.col("deelperceel").is_null()
        & pl.col("grootteklasse").is_null()
    )
    for record in totals.sort("jaar", "domein", "perceel", "bron", nulls_last=False).iter_rows(
        named=True
    ):
        subset = register.filter(
            (pl.col("jaar") == record["jaar"]) & (pl.col("domein") == record["domein"])
        )
        if record["perceel"] is not None:
            subset = subset.filter(pl.col("perceel") == record["perceel"])
        if subset.is_empty():
            continue
        counted = subset["aanbieder_id"].n_unique()
        if counted != record["aantal"]:
            scope = record["perceel"] or "totaal"
            warnings.append(
                f"aanbiedersregister {record['domein']} {record['jaar']} ({scope}): "
                f"{counted} verschillende aanbieders, maar aanbieders_aantallen noemt "
                f"{record['aantal']} (bron {record['bron']})."
            )
    return warnings


def municipality_warnings(regio: pl.DataFrame) -> list[str]:
    """``aantal_gemeenten`` against the municipalities listed (a merger changes the count)."""
    warnings = []
    for record in regio.drop_nulls(["gemeenten", "aantal_gemeenten"]).iter_rows(named=True):
        listed = [g.strip() for g in record["gemeenten"].split(";") if g.strip()]
        if len(listed) != record["aantal_gemeenten"]:
            warnings.append(
                f"regio: aantal_gemeenten is {record['aantal_gemeenten']}, maar bij gemeenten "
                f"staan er {len(listed)} ({', '.join(listed)})."
            )
    return warnings


def region_warnings(frames: Mapping[str, pl.DataFrame]) -> list[str]:
    """All warnings of one region, in a fixed order."""
    warnings = municipality_warnings(frames["regio"])
    warnings += provider_count_warnings(frames["aanbieders_aantallen"])
    if frames["aanbiedersregister"].height:
        warnings += register_warnings(frames["aanbiedersregister"], frames["aanbieders_aantallen"])
    return warnings
