"""Write the extract contract from the schemas: Markdown for people, a column table for the app.

Both are generated from :mod:`components.build.schema`, and a test fails when a committed file
differs: a region always reads the contract that the code enforces
(``docs/extractcontract.md``), and the app checks extracts against the same columns and
types (``components/data/columns.py``) without loading pandera.
Run: ``python -m components.build.contract_doc``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from components.build import schema
from components.data import vocabulary

TARGET = Path(__file__).resolve().parents[2] / "docs" / "extractcontract.md"
COLUMNS_TARGET = Path(__file__).resolve().parents[1] / "data" / "columns.py"
TYPES = {
    "String": "tekst",
    "Int64": "geheel getal",
    "Float64": "getal",
    "Date": "datum (JJJJ-MM-DD)",
    "Boolean": "true/false",
}

_PERCENT_COLUMNS = ", ".join(f"`{c}`" for c in schema.PERCENT_COLUMNS)

INTRO = f"""# Het extractcontract (schemaversie {schema.SCHEMA_VERSION})

Dit bestand is gegenereerd uit `components/build/schema.py` met
`python -m components.build.contract_doc`; pas het schema aan, niet dit bestand.

Een regio levert per gegevensbestand een CSV- of Excel-bestand in
`data/sources/<regio>/<naam>.csv` (of `.xlsx`): UTF-8, kolomnamen in de eerste rij
precies zoals hieronder, datums als JJJJ-MM-DD, een lege cel betekent 'onbekend'. De
kolom `regio` mag ontbreken: de voorbereiding vult die met de mapnaam. Daarna:

    python -m components.build.prepare --regio <regio>

controleert alles (ook sommen en perioden) en schrijft `data/extracts/<regio>/*.parquet`
met een `manifest.json`. Bij een fout noemt de opdracht bestand, rij, kolom, de gevonden
waarde en wat verwacht werd, en verandert er niets aan de bestaande extracten.

Verplicht per regio: {", ".join(f"`{name}`" for name in schema.REQUIRED_SOURCES)}. Ontbreekt
een ander bestand, dan schrijft de voorbereiding een leeg extract en zegt het dashboard
dat de regio daar geen gegevens over heeft.

Statussen: {", ".join(f"`{s}`" for s in schema.STATUSES)}. Voorlopige en illustratieve
cijfers worden op het scherm altijd zo gemarkeerd.

## Wat de voorbereiding weigert, en waarom

Niets wordt geraden. Wat op twee manieren gelezen kan worden, of anders dan u het in Excel
zag, wordt geweigerd met bestand, rij, kolom, de gevonden waarde en wat verwacht werd.

- **Getallen.** In een CSV met `;` tussen de kolommen (Nederlandse Excel) is de komma het
  decimaalteken en mogen punten duizendtallen scheiden: `1.234.567,5`. Maar `1.500` (één
  punt voor drie cijfers) kan 1500 of 1,5 zijn: dat wordt geweigerd, schrijf `1500` of
  `1,5`. In een CSV met `,` tussen de kolommen is de punt het decimaalteken, zonder
  duizendtalteken (`1234.5`), zoals elk programma het schrijft.
- **Excel.** Het eerste werkblad telt, gelezen zoals Nederlandse Excel het toont. Geweigerd:
  samengevoegde cellen in de gegevens (een programma ziet alleen de eerste cel), een formule
  zonder opgeslagen uitkomst (open het bestand in Excel en sla het op), een foutwaarde zoals
  `#DEEL/0!`, en procentopmaak in een kolom die geen percentage is (35,5% op een bedrag zou
  stilletjes 35,5 worden). In een percentagekolom ({_PERCENT_COLUMNS}, of een rij met
  eenheid `procent`) geeft 35,5% het getal 35,5.
- **Kostenaannames** alleen compleet: elke parameter van het kostenmodel in elke variant
  (laag, midden, hoog), een eindjaar na het basisjaar, startjaren binnen de berekening en
  aandelen die samen precies 100 zijn. Een halve set zou de pagina Kosten, de dia's, het
  deck en de handout breken. Heeft een regio geen kostenmodel, laat het bestand dan weg.

## Wat het dashboard met uw gegevens doet

- **Tekst is gegevens, nooit opmaak.** Tekst uit de bronnen staat overal letterlijk: `**vet**`,
  `<b>`, een link of `:red[...]` worden in pagina's, grafieken, dia's en handout niet
  opgemaakt maar getoond zoals geschreven.
- **Downloads voeren niets uit.** Een tekst die met `=`, `+`, `-` of `@` begint, krijgt in
  de CSV-download een apostrof ervoor, zodat Excel hem niet als formule uitvoert; de
  Excel-downloads en de werkmappen in de PowerPoint-grafieken bewaren zulke tekst als
  tekst. Getallen blijven exact.
- **Wat na de voorbereiding verandert, wordt niet getoond.** Bij elk lezen controleert het
  dashboard het controlegetal en het aantal rijen van elk bestand tegen `manifest.json`, en
  de schemaversie. Is een bestand daarna gewijzigd, dan zeggen de pagina's die het nodig
  hebben dat in het Nederlands; de andere pagina's en regio's werken door.
- **Publiceren in één stap.** Een nieuwe versie van een regio vervangt de oude in één
  atomaire stap; een afgebroken run laat de oude of de nieuwe versie heel achter, en de
  volgende run ruimt op. Twee runs tegelijk wachten op elkaar (en zeggen dat).
"""


#: What each extract holds, in Dutch: the text a region's official reads above its columns.
#: (The models' docstrings say the same for developers.) A missing entry fails the render.
SECTIONS = {
    "bronnen": "De documenten waar de cijfers van een regio uit komen.",
    "regio": "Eén rij: de regio, de organisatie en de gemeenten.",
    "kerncijfers": (
        "Kerncijfers: één rij per gepubliceerd cijfer (inwoners, omzet, aanbieders, …). De "
        "regio kiest zelf welke: `toon_op` zet een kengetal als groot cijfer op "
        + " of ".join(f"`{p}`" for p in vocabulary.KEY_FIGURE_PLACES)
        + ", in de `volgorde` die u geeft (de presentatie opent met de eerste zes van het "
        "overzicht); zonder `toon_op` is het alleen het antwoord op een vraag (`vragen`). "
        "Twee kengetallen hebben een vaste betekenis; de kop van het overzicht noemt ze als "
        "de regio ze heeft: "
        + "; ".join(f"`{k}`: {v}" for k, v in vocabulary.HEADLINE_FIGURES.items())
        + "."
    ),
    "aanbieders_aantallen": (
        "Gepubliceerde aantallen aanbieders per perceel, deelperceel en grootteklasse. "
        "`telt` zegt wat een getal telt (`aanbieders` of `contracten`), omdat de bronnen dat "
        "door elkaar gebruiken. Een leeg perceel, deelperceel of grootteklasse betekent 'alle'."
    ),
    "aanbiedersregister": (
        "Eén rij per aanbieder en deelperceel, voor regio's met een aanbiedersregister."
    ),
    "overeenkomsten": "De overeenkomsten van de contractkalender (één rij per overeenkomst).",
    "perioden": (
        "De perioden van een overeenkomst. `einde` mag leeg zijn bij een overdracht of een "
        "lopend inkooptraject."
    ),
    "fasen": "De fasen van een lang contract en de mijlpalen van de routekaart.",
    "doelen": "De doelen van de inkoop en de verschuivingen die de inkoop moet brengen.",
    "kpis": (
        "KPI's met beginwaarde, streefwaarde en meting. Een lege meting betekent: nog niet gemeten."
    ),
    "kwadranten": (
        "De vier kwadranten (doel × perceel) met hun aandeel in het budget en in de cliënten."
    ),
    "escalatie": (
        "De stappen en uitkomsten van het escalatiemodel voor aanbieders die niet veranderen."
    ),
    "segmenten": ("De segmenten van een inkoop per segment, met bekostiging en inkoopvorm."),
    "kosten": (
        "Kosten per jaar: realisatie, begroting of een reconstructie (status illustratief)."
    ),
    "kosteneffecten": "De kosteneffecten die de strategie noemt (zes voor regio Alkmaar).",
    "kostenaannames": (
        "De standaardaannames van het kostenmodel, per variant (laag, midden, hoog). Een regio "
        "die aannames geeft, geeft elke parameter van het model in elke variant. Daarnaast "
        "kan ze geven wat de strategie zelf verwacht (als groot cijfer op de pagina Kosten): "
        + "; ".join(f"`{k}`: {v}" for k, v in vocabulary.COST_TARGETS.items())
        + "."
    ),
    "productcodes": (
        "De eigen productcodes van de regio, vertaald naar de landelijke productcategorieën van "
        "het Jeugdwet-berichtenverkeer (iJW) en naar de percelen. Bekende categorieën: "
        + "; ".join(f"{k} {v}" for k, v in vocabulary.PRODUCT_CATEGORIES.items())
        + ". Elke productcode in `gebruik` staat hier."
    ),
    "gebruik": (
        "Gerealiseerd gebruik en uitgaven, **samengevoegd**: nooit een persoon. Eén rij per "
        "periode (jaar, of kwartaal), gemeente, productcode en aanbieder, uit de declaraties "
        "(iJW-berichtenverkeer) of de export van het zorgadministratiesysteem. Persoonsgegevens "
        "(een BSN, naam, geboortedatum, adres, postcode, e-mail of telefoonnummer, of een kolom "
        "daarvoor) weigert de voorbereiding. Aantallen onder de "
        f"{vocabulary.SMALLEST_SHOWN} jeugdigen mogen hier staan; het dashboard toont ze nooit "
        "(ook niet door aftrekken van een totaal): daar staat '< 5'."
    ),
    "budget": "Het budget per jaar, gemeente en perceel (leeg perceel: het hele budget).",
    "vragen": (
        "Vragen aan de zaal; het antwoord verwijst naar een kerncijfer als de gegevens dat hebben."
    ),
    "verschillen": "Cijfers in de bronnen die niet optellen of ontbreken, open benoemd.",
    "begrippen_regio": (
        "De eigen woorden van de regio: haar eigen begrippen (haar organisatie, haar "
        "percelen) en wat een algemeen begrip in deze regio betekent. De pagina Begrippen "
        "toont ze onder het algemene begrip, met hun bron."
    ),
    "begrippen": (
        "De begrippenlijst voor alle regio's samen, in `data/sources/algemeen`: algemene "
        "uitleg, zonder één regio te noemen (dat staat in `begrippen_regio`)."
    ),
}


def _allowed(column) -> str:
    for check in column.checks:
        values = check.statistics.get("allowed_values")
        if values is not None:
            return ", ".join(f"`{v}`" for v in values)
    return ""


def _model_section(name: str, model: type) -> str:
    columns = model.to_schema().columns
    doc = SECTIONS[name.rsplit("/", 1)[-1]]
    unique = getattr(model.Config, "unique", None)
    lines = [f"## `{name}`", "", doc, ""]
    if unique:
        lines += [f"Unieke sleutel: {', '.join(f'`{c}`' for c in unique)}.", ""]
    lines += [
        "| kolom | type | verplicht | toegestane waarden | omschrijving |",
        "|---|---|---|---|---|",
    ]
    for column_name, column in columns.items():
        lines.append(
            f"| `{column_name}` | {TYPES.get(str(column.dtype), str(column.dtype))} | "
            f"{'nee' if column.nullable else 'ja'} | {_allowed(column)} | "
            f"{column.description or ''} |"
        )
    return "\n".join(lines) + "\n"


def render() -> str:
    """The whole contract as Markdown."""
    sections = [INTRO]
    sections += [_model_section(n, m) for n, m in schema.REGION_EXTRACTS.items()]
    sections += [
        _model_section(f"{schema.SHARED_FOLDER}/{n}", m) for n, m in schema.SHARED_EXTRACTS.items()
    ]
    return "\n".join(sections)


def _column_table(models: dict[str, type]) -> str:
    lines = []
    for name, model in models.items():
        lines.append(f"    {json.dumps(name)}: {{")
        lines += [
            f"        {json.dumps(c)}: {json.dumps(t)}," for c, t in schema.columns(model).items()
        ]
        lines.append("    },")
    return "\n".join(lines)


def render_columns() -> str:
    """``components/data/columns.py``: the columns and Polars types of every extract."""
    return f'''"""Columns and Polars types per extract: generated from components/build/schema.py.

Do not edit: run ``python -m components.build.contract_doc``. The app checks every extract it
reads against this table (components.data.extracts), so it never needs to load pandera.
"""

REGION: dict[str, dict[str, str]] = {{
{_column_table(schema.REGION_EXTRACTS)}
}}

SHARED: dict[str, dict[str, str]] = {{
{_column_table(schema.SHARED_EXTRACTS)}
}}
'''


def main() -> int:
    """Write docs/extractcontract.md and components/data/columns.py."""
    TARGET.parent.mkdir(exist_ok=True)
    for target, text in ((TARGET, render()), (COLUMNS_TARGET, render_columns())):
        target.write_text(text, encoding="utf-8")
        print(f"geschreven: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
