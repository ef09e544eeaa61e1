"""The extract contract: one typed, documented schema per extract.

A region brings its figures as CSV or Excel sources (``data/sources/<regio>/<name>.csv``);
the preparation command (``python -m components.build.prepare``) validates them against these
schemas and writes Parquet extracts (``data/extracts/<regio>/<name>.parquet``). The app
only ever reads extracts. Column names are Dutch snake_case domain words, because Dutch
officials make and read these files.

Every extract that carries a figure inherits :class:`Figuur`: each row names its source
document (``bron``, an id from the ``bronnen`` extract), the place in that document
(``vindplaats``), the reference date (``peildatum``) and a status.

The vocabulary (statuses, lots, …) is in :mod:`components.data.vocabulary` and the columns per
extract are generated into :mod:`components.data.columns`, so the app reads extracts without
loading pandera. Validation uses pandera's Polars backend; the checks that span rows or
extracts (totals, shares that sum to 100%, periods that overlap) live in
:mod:`components.build.crosschecks`.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa

from components.data.vocabulary import (  # noqa: F401 (the vocabulary, re-exported)
    AGREEMENT_DOMAINS,
    CATEGORY_PATTERN,
    DOMAINS,
    FUNDING_MODELS,
    FUNDING_PATTERN,
    KEY_FIGURE_PLACES,
    KEY_FIGURE_UNITS,
    LOTS,
    MEASURES,
    OPTION_DECISIONS,
    PERIOD_KINDS,
    QUADRANT_AIMS,
    REQUIRED_SOURCES,
    SCHEMA_VERSION,
    SHARED_FOLDER,
    SIZE_CLASSES,
    STATUSES,
    UNITS,
)


def text(**more) -> pa.Field:
    """A column of text that may not be empty."""
    return pa.Field(str_length={"min_value": 1}, **more)


def identifier(**more) -> pa.Field:
    """A short id in lower case, digits and hyphens ('regio-alkmaar', 'minder-verblijf')."""
    return pa.Field(str_matches=r"^[a-z0-9-]+$", **more)


class Figuur(pa.DataFrameModel):
    """Provenance every figure-carrying row has."""

    regio: str = identifier(description="Id van de regio, bijv. regio-alkmaar (de mapnaam)")
    bron: str = text(description="Id van een document in `bronnen`")
    vindplaats: str = text(description="Waar in het document: dia, pagina, tabel")
    peildatum: dt.date | None = pa.Field(
        nullable=True,
        description="De datum waarop het cijfer betrekking heeft; leeg als de bron geen datum "
        "noemt (het dashboard schrijft dan 'niet vermeld in de bron', nooit een bedachte datum)",
    )
    status: str = pa.Field(
        isin=STATUSES, description="gepubliceerd, voorlopig, afgeleid of illustratief"
    )
    notitie: str | None = pa.Field(
        nullable=True, description="Hoe het cijfer is gelezen of afgeleid; bekende gaten"
    )

    class Config:
        strict = True
        coerce = True


class Bronnen(pa.DataFrameModel):
    """The documents a region's figures come from."""

    regio: str = identifier()
    bron: str = text(description="Korte id, bijv. nora-raadsavond-2023")
    titel: str = text()
    organisatie: str = text()
    datum: dt.date | None = pa.Field(nullable=True, description="Publicatiedatum, als bekend")
    vindplaats_document: str = text(description="Bestandsnaam of webadres van het document")
    toelichting: str | None = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["regio", "bron"]


class Regio(Figuur):
    """One row: the region, its organisation and municipalities."""

    naam: str = text(description="Naam zoals getoond")
    organisatie: str = text()
    gemeenten: str = pa.Field(description="Gemeenten, gescheiden door '; '")
    aantal_gemeenten: int = pa.Field(ge=1)
    fictief: bool = pa.Field(description="true voor een fictieve voorbeeldregio")
    vergelijk_met: str | None = pa.Field(
        nullable=True,
        str_matches=r"^[a-z0-9-]+$",
        description="Id van de regio waarmee de pagina Transformatie eerst vergelijkt; leeg: "
        "eerst een regio die de andere keuze maakte (segmenten of percelen)",
    )

    class Config:
        unique = ["regio"]


class Kerncijfers(Figuur):
    """Key figures: one row per published figure (inhabitants, turnover, providers, …)."""

    kengetal: str = pa.Field(str_matches=r"^[a-z0-9_]+$", description="Vaste id van het kengetal")
    label: str = text(description="Omschrijving zoals getoond")
    waarde: float | None = pa.Field(nullable=True, description="Het getal; leeg bij een datum")
    eenheid: str = pa.Field(isin=KEY_FIGURE_UNITS)
    datum: dt.date | None = pa.Field(
        nullable=True, description="De datum, alleen bij eenheid `datum` (dan is waarde leeg)"
    )
    kwalificatie: str | None = pa.Field(
        nullable=True, description="Woord uit de bron: 'ruim', 'bijna', 'circa'"
    )
    jaar: int | None = pa.Field(nullable=True, ge=2000, le=2100)
    toon_op: str | None = pa.Field(
        nullable=True,
        isin=KEY_FIGURE_PLACES,
        description="Waar het als groot cijfer staat; leeg: alleen als antwoord op een vraag",
    )
    volgorde: int | None = pa.Field(
        nullable=True, ge=0, description="Volgorde op die plaats (verplicht bij `toon_op`)"
    )

    class Config:
        unique = ["regio", "kengetal"]


class AanbiedersAantallen(Figuur):
    """Published counts of providers by lot, sub-lot and size class.

    ``telt`` states what a number counts (``aanbieders`` or ``contracten``), because the
    sources mix them. Empty perceel/deelperceel/grootteklasse means 'all'.
    """

    jaar: int = pa.Field(ge=2000, le=2100)
    domein: str = pa.Field(isin=DOMAINS)
    perceel: str | None = pa.Field(nullable=True, isin=LOTS)
    deelperceel: str | None = pa.Field(nullable=True)
    grootteklasse: str | None = pa.Field(nullable=True, isin=SIZE_CLASSES)
    aantal: int = pa.Field(ge=0)
    kwalificatie: str | None = pa.Field(
        nullable=True, description="Woord uit de bron bij het getal: 'ruim', 'meer dan', 'bijna'"
    )
    telt: str = pa.Field(isin=("aanbieders", "contracten"))

    class Config:
        unique = ["regio", "jaar", "domein", "perceel", "deelperceel", "grootteklasse", "bron"]


class Aanbiedersregister(Figuur):
    """One row per provider and sub-lot, for regions that have a provider register."""

    jaar: int = pa.Field(ge=2000, le=2100)
    aanbieder_id: str = text()
    aanbieder: str = text(description="Naam van de aanbieder (platte tekst)")
    domein: str = pa.Field(isin=DOMAINS)
    perceel: str = pa.Field(isin=("ambulant", "verblijf"))
    deelperceel: str = text()
    grootteklasse: str = pa.Field(isin=SIZE_CLASSES)

    class Config:
        unique = ["regio", "jaar", "aanbieder_id", "perceel", "deelperceel"]


class Overeenkomsten(Figuur):
    """The agreements of the contract calendar (one row per agreement)."""

    overeenkomst_id: str = identifier()
    overeenkomst: str = text()
    domein: str = pa.Field(
        isin=AGREEMENT_DOMAINS,
        description="jeugd, wmo, of jeugd-wmo voor één aanbesteding voor beide wetten",
    )
    volgorde: int = pa.Field(ge=0)
    aantal_contracten: int | None = pa.Field(nullable=True, ge=0)
    aantal_gemeenten: int | None = pa.Field(nullable=True, ge=1)

    class Config:
        unique = ["regio", "overeenkomst_id"]


class Perioden(Figuur):
    """Periods of an agreement. ``einde`` may be empty for a transfer or a running procurement."""

    overeenkomst_id: str = identifier()
    soort: str = pa.Field(isin=PERIOD_KINDS)
    start: dt.date
    einde: dt.date | None = pa.Field(nullable=True)
    label: str = text(description="De periode zoals de bron haar schrijft")
    besluit: str | None = pa.Field(
        nullable=True,
        isin=OPTION_DECISIONS,
        description="Alleen bij een optie: wat er besloten is; leeg als nog niet besloten",
    )
    besluitdatum: dt.date | None = pa.Field(
        nullable=True, description="Wanneer dat besloten is, als de bron het zegt"
    )

    class Config:
        unique = ["regio", "overeenkomst_id", "start"]


class Fasen(Figuur):
    """Phases of a long contract and roadmap milestones."""

    fase_id: str = identifier()
    soort: str = pa.Field(isin=("fase", "mijlpaal"))
    naam: str = text()
    start: dt.date
    einde: dt.date
    opgave: str | None = pa.Field(nullable=True, description="Belangrijkste opgave van de fase")
    impact: str | None = pa.Field(nullable=True, description="Verwachte impact")
    volgorde: int = pa.Field(ge=0)

    class Config:
        unique = ["regio", "fase_id"]


class Doelen(Figuur):
    """Procurement goals and the shifts the procurement is meant to bring."""

    doel_id: str = identifier()
    soort: str = pa.Field(isin=("inkoopdoel", "verschuiving", "kader"))
    titel: str = text()
    betekenis: str | None = pa.Field(nullable=True, description="Betekenis in gewone taal")
    volgorde: int = pa.Field(ge=0)

    class Config:
        unique = ["regio", "doel_id"]


class Kpis(Figuur):
    """KPIs with baseline, target and realisation. Empty realisation = not measured yet."""

    kpi_id: str = identifier()
    doel_id: str | None = pa.Field(
        nullable=True, description="Het doel of de verschuiving die de KPI meet"
    )
    kpi: str = text()
    eenheid: str = pa.Field(isin=UNITS)
    gewenste_richting: str = pa.Field(isin=("omhoog", "omlaag"))
    basiswaarde: float | None = pa.Field(nullable=True)
    basisjaar: int | None = pa.Field(nullable=True, ge=2000, le=2100)
    streefwaarde: float | None = pa.Field(nullable=True)
    streefjaar: int | None = pa.Field(nullable=True, ge=2000, le=2100)
    realisatie: float | None = pa.Field(nullable=True)
    realisatiejaar: int | None = pa.Field(nullable=True, ge=2000, le=2100)
    realisatie_status: str | None = pa.Field(nullable=True, isin=STATUSES)
    meting: str | None = pa.Field(
        nullable=True,
        isin=tuple(MEASURES),
        description="Waar de regio eigen gegevens over gebruik aanlevert: de meting uit die "
        "gegevens die de realisatie geeft zolang de documenten er geen noemen "
        "(jeugdigen_index: jeugdigen als % van het basisjaar)",
    )

    class Config:
        unique = ["regio", "kpi_id"]


class Kwadranten(Figuur):
    """The four quadrants (aim × lot) with their share of budget and of clients."""

    kwadrant_id: str = identifier()
    doelgroep: str = pa.Field(
        isin=QUADRANT_AIMS, description="herstelgericht of ondersteuningsgericht"
    )
    perceel: str = pa.Field(isin=("ambulant", "verblijf"))
    producten: str | None = pa.Field(nullable=True)
    aandeel_budget: float = pa.Field(ge=0, le=100, description="Aandeel in het budget, procent")
    aandeel_clienten: float = pa.Field(ge=0, le=100, description="Aandeel in de cliënten, procent")
    richting: str | None = pa.Field(nullable=True, description="Beoogde richting")
    opgave_fase1: str | None = pa.Field(nullable=True)
    opgave_fase2: str | None = pa.Field(nullable=True)

    class Config:
        unique = ["regio", "kwadrant_id"]


class Escalatie(Figuur):
    """Steps and outcomes of the escalation model for providers that do not transform."""

    stap: int = pa.Field(ge=1)
    soort: str = pa.Field(isin=("stap", "uitkomst"))
    titel: str = text()
    omschrijving: str = text()

    class Config:
        unique = ["regio", "stap", "titel"]


class Segmenten(Figuur):
    """Segments of a segment-based procurement, with funding model and route."""

    segment_id: str = identifier()
    segment: str = text()
    beschrijving: str | None = pa.Field(nullable=True)
    ontwikkelopgave: str | None = pa.Field(nullable=True)
    bekostiging: str | None = pa.Field(
        nullable=True,
        str_matches=FUNDING_PATTERN,
        description="Bekostigingsvormen, gescheiden door ';' (" + ", ".join(FUNDING_MODELS) + ")",
    )
    bekostiging_toelichting: str | None = pa.Field(nullable=True)
    inkoopvorm: str | None = pa.Field(
        nullable=True, description="Inkoopvorm, bijv. SAS-procedure, open house, subsidie"
    )
    contractduur: str | None = pa.Field(nullable=True)
    volgorde: int = pa.Field(ge=0)

    class Config:
        unique = ["regio", "segment_id"]


class Kosten(Figuur):
    """Costs per year: realisation, budget, or a reconstruction (status illustratief)."""

    jaar: int = pa.Field(ge=2000, le=2100)
    soort: str = pa.Field(isin=("realisatie", "begroting", "reconstructie"))
    reeks: str = text(description="Wat de reeks omvat")
    bedrag: float = pa.Field(ge=0, description="Bedrag in euro")

    class Config:
        unique = ["regio", "jaar", "soort", "reeks"]


class Productcodes(Figuur):
    """The region's own product codes, mapped onto the national product categories (iJW)
    and onto its lots: the key that lets use and spend be read per lot and per category."""

    productcode: str = text(description="De eigen productcode van de regio, zoals in de export")
    omschrijving: str | None = pa.Field(nullable=True, description="Naam van het product")
    productcategorie: str = pa.Field(
        str_matches=CATEGORY_PATTERN,
        description="Landelijke productcategorie (twee cijfers), bijv. 45 = jeugdhulp ambulant",
    )
    perceel: str | None = pa.Field(nullable=True, isin=LOTS)
    deelperceel: str | None = pa.Field(nullable=True)
    doelgroep: str | None = pa.Field(
        nullable=True,
        isin=QUADRANT_AIMS,
        description="herstelgericht of ondersteuningsgericht: het kwadrant met het perceel",
    )
    overeenkomst_id: str | None = pa.Field(
        nullable=True,
        description="De overeenkomst waaronder het product is ingekocht (uit `overeenkomsten`): "
        "dan toont Contracten de uitgaven per overeenkomst tegen de resterende looptijd",
    )

    class Config:
        unique = ["regio", "productcode"]


class Gebruik(Figuur):
    """Realised use and spend, aggregated: never a person. One row per period (a year, or
    a quarter of it), municipality, product and provider, from the region's declarations
    (iJW message traffic) or its care administration. Cells under 5 youths are allowed
    here and never shown (see the README)."""

    jaar: int = pa.Field(ge=2000, le=2100)
    kwartaal: int | None = pa.Field(
        nullable=True, ge=1, le=4, description="1 tot en met 4; leeg: het hele jaar"
    )
    gemeente: str = text(description="Een gemeente van de regio, geschreven als in `regio`")
    productcode: str = text(description="Eigen productcode van de regio (zie `productcodes`)")
    aanbieder_id: str | None = pa.Field(
        nullable=True, description="Id van de aanbieder (als in het aanbiedersregister)"
    )
    aanbieder: str | None = pa.Field(nullable=True, description="Naam van de aanbieder")
    jeugdigen: int | None = pa.Field(
        nullable=True, ge=0, description="Jeugdigen met zorg in de periode (uniek geteld)"
    )
    trajecten_gestart: int | None = pa.Field(nullable=True, ge=0)
    trajecten_beeindigd: int | None = pa.Field(nullable=True, ge=0)
    duur_beeindigd_dagen: float | None = pa.Field(
        nullable=True, ge=0, description="Gemiddelde duur van de beëindigde trajecten, in dagen"
    )
    volume: float | None = pa.Field(nullable=True, ge=0, description="Geleverde zorg")
    eenheid: str | None = pa.Field(
        nullable=True, description="Eenheid van het volume: uur, dag, etmaal, traject, …"
    )
    bedrag: float | None = pa.Field(nullable=True, description="Uitgaven in euro")

    class Config:
        unique = ["regio", "jaar", "kwartaal", "gemeente", "productcode", "aanbieder_id"]


class Budget(Figuur):
    """The budget per year, municipality and lot (empty lot: the whole budget)."""

    jaar: int = pa.Field(ge=2000, le=2100)
    gemeente: str = text(description="Een gemeente van de regio, geschreven als in `regio`")
    perceel: str | None = pa.Field(nullable=True, isin=LOTS)
    bedrag: float = pa.Field(ge=0, description="Begroot bedrag in euro")

    class Config:
        unique = ["regio", "jaar", "gemeente", "perceel"]


class Kosteneffecten(Figuur):
    """The cost effects the strategy names (six for regio Alkmaar)."""

    effect_id: str = identifier()
    naam: str = text()
    soort: str = pa.Field(isin=("volume", "prijs"))
    richting: str = pa.Field(isin=("besparing", "kosten"))
    omschrijving: str = text()
    volgorde: int = pa.Field(ge=0)

    class Config:
        unique = ["regio", "effect_id"]


class Kostenaannames(Figuur):
    """Default assumptions of the cost model, per variant (laag, midden, hoog)."""

    parameter: str = pa.Field(str_matches=r"^[a-z0-9_]+$")
    variant: str = pa.Field(isin=("laag", "midden", "hoog"))
    waarde: float
    eenheid: str = text()
    label: str = text()

    class Config:
        unique = ["regio", "parameter", "variant"]


class Vragen(Figuur):
    """Questions put to the audience; the answer refers to a key figure when the data has it."""

    vraag_id: str = identifier()
    vraag: str = text()
    antwoord_kengetal: str | None = pa.Field(
        nullable=True,
        description="kengetal in `kerncijfers`; leeg als de gegevens het antwoord niet hebben",
    )
    toelichting: str | None = pa.Field(nullable=True)
    volgorde: int = pa.Field(ge=0)

    class Config:
        unique = ["regio", "vraag_id"]


class Verschillen(Figuur):
    """Figures in the sources that do not add up or are missing, stated openly."""

    verschil_id: str = identifier()
    onderwerp: str = pa.Field(
        isin=("aanbieders", "contracten", "transformatie", "kosten", "algemeen")
    )
    titel: str = text()
    omschrijving: str = text()

    class Config:
        unique = ["regio", "verschil_id"]


class BegrippenRegio(Figuur):
    """The region's own words: its terms (its organisation, its lots) and what a general
    term means there ('In regio Alkmaar zijn de percelen ambulant en verblijf')."""

    begrip: str = text(description="Een begrip uit de algemene lijst, of een eigen begrip")
    uitleg: str = text(description="Wat het in deze regio betekent, in gewone taal")

    class Config:
        unique = ["regio", "begrip"]


class Begrippen(pa.DataFrameModel):
    """The glossary (shared by all regions, in ``data/sources/algemeen``)."""

    begrip: str = text(unique=True)
    uitleg: str = text()
    zie_ook: str | None = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


#: Columns that always hold a percentage (35.5 for 35,5%).
PERCENT_COLUMNS = ("aandeel_budget", "aandeel_clienten")


def holds_percent(column: str, unit: str) -> bool:
    """Whether a value is a percentage: a column of :data:`PERCENT_COLUMNS`, or a value
    whose row gives a percentage as its unit ('procent', 'procent per jaar')."""
    return column in PERCENT_COLUMNS or unit.startswith("procent")


#: Extracts per region, in the order they are prepared and documented.
REGION_EXTRACTS: dict[str, type[pa.DataFrameModel]] = {
    "bronnen": Bronnen,
    "regio": Regio,
    "kerncijfers": Kerncijfers,
    "aanbieders_aantallen": AanbiedersAantallen,
    "aanbiedersregister": Aanbiedersregister,
    "overeenkomsten": Overeenkomsten,
    "perioden": Perioden,
    "fasen": Fasen,
    "doelen": Doelen,
    "kpis": Kpis,
    "kwadranten": Kwadranten,
    "escalatie": Escalatie,
    "segmenten": Segmenten,
    "kosten": Kosten,
    "kosteneffecten": Kosteneffecten,
    "kostenaannames": Kostenaannames,
    "productcodes": Productcodes,
    "gebruik": Gebruik,
    "budget": Budget,
    "vragen": Vragen,
    "verschillen": Verschillen,
    "begrippen_regio": BegrippenRegio,
}
#: Extracts shared by all regions (folder ``algemeen``).
SHARED_EXTRACTS: dict[str, type[pa.DataFrameModel]] = {"begrippen": Begrippen}


def columns(model: type[pa.DataFrameModel]) -> dict[str, str]:
    """Column name → Polars dtype name, in contract order."""
    return {name: str(col.dtype) for name, col in model.to_schema().columns.items()}


def nullable_columns(model: type[pa.DataFrameModel]) -> set[str]:
    """Columns that may be left empty."""
    return {name for name, col in model.to_schema().columns.items() if col.nullable}
