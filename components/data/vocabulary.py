"""The words of the extract contract, without pandera.

The app reads extracts on every cold start; importing pandera (via
:mod:`components.build.schema`) for that costs about 0,4 s. So the vocabulary lives here, the
expected columns and types per extract live in the generated :mod:`components.data.columns`,
and only the preparation loads the pandera models.
"""

from __future__ import annotations

SCHEMA_VERSION = "2.2"

#: Status of a figure. ``voorlopig`` and ``illustratief`` must be marked on screen.
STATUSES = ("gepubliceerd", "voorlopig", "afgeleid", "illustratief")
DOMAINS = ("jeugd", "wmo")
#: An agreement of one tender for both laws (a joint procurement of youth care and Wmo).
JOINT_DOMAIN = "jeugd-wmo"
AGREEMENT_DOMAINS = (*DOMAINS, JOINT_DOMAIN)
#: The two laws as people name them (Jeugdwet, Wmo), in this order on every page.
DOMAIN_LABELS = {"jeugd": "Jeugdhulp", "wmo": "Wmo", JOINT_DOMAIN: "Jeugdhulp en Wmo samen"}
LOTS = ("ambulant", "verblijf", "combinatie")
#: A lot in a few words: a key figure's label, a chart's row.
LOT_NAMES = {"ambulant": "Ambulant", "verblijf": "Verblijf", "combinatie": "Combinatie"}
SIZE_CLASSES = ("groot", "klein", "vrijgevestigd")
#: Kinds of contract-calendar periods.
PERIOD_KINDS = ("looptijd", "overbrugging", "optie", "overdracht", "inkooptraject")
#: Kinds that are a contract running; kinds that may leave the end open.
CONTRACT_KINDS = ("looptijd", "overbrugging")
OPEN_ENDED_KINDS = ("overdracht", "inkooptraject")
#: What was decided about an option (``perioden.besluit``); empty: not decided yet.
OPTION_DECISIONS = ("gebruikt", "niet gebruikt")
QUADRANT_AIMS = ("herstelgericht", "ondersteuningsgericht")
#: How providers are paid, with the words a council member reads.
FUNDING_LABELS = {
    "pxq": "P×Q (inspanningsgericht)",
    "taakgericht": "taakgericht",
    "hybride": "hybride",
    "subsidie": "subsidie",
    "lumpsum": "lumpsum (een vast bedrag per periode)",
    "populatiebekostiging": "populatiebekostiging (een budget voor de zorg aan alle inwoners)",
}
FUNDING_MODELS = tuple(FUNDING_LABELS)
#: A segment's funding: one or more of FUNDING_MODELS, separated by ';' ("pxq;taakgericht").
FUNDING_PATTERN = "^({0})(;({0}))*$".format("|".join(FUNDING_MODELS))
UNITS = ("aantal", "euro", "procent", "jaar")
#: A key figure may also be a date ('de contracten lopen af op 1 januari 2023').
KEY_FIGURE_UNITS = (*UNITS, "datum")
#: Where a key figure stands as a large figure (``kerncijfers.toon_op``): the overview (whose
#: first six are the presentation's title slide) or the Kosten page ("Wat de documenten
#: zeggen"). Without a place a key figure is only an answer to a question or a table row.
KEY_FIGURE_PLACES = ("overzicht", "kosten")
#: Key figures with a fixed meaning: the overview's headline names them when the region
#: has them ("…; in 2023 was dat € 90 mln per jaar, bij 205 jeugdhulpaanbieders").
HEADLINE_FIGURES = {
    "omzet_jeugd": "de jaarlijkse omzet (of het budget) voor jeugdhulp, in euro",
    "aanbieders_jeugd": "het aantal gecontracteerde jeugdhulpaanbieders",
}

#: The cost model (the Kosten page): its quadrants, its effects and its three variants.
#: A region that gives cost assumptions gives every parameter of COST_PARAMETERS in every
#: variant; the preparation checks it, so the page, its slides, the deck and the handout
#: can rely on it.
COST_QUADRANTS = (
    "herstelgericht-ambulant",
    "herstelgericht-verblijf",
    "ondersteuningsgericht-ambulant",
    "ondersteuningsgericht-verblijf",
)
COST_EFFECTS = (
    "minder-clienten",
    "minder-daghulp",
    "zwaar-naar-licht",
    "minder-verblijf",
    "kortere-verblijfsduur",
    "ambulantisering",
)
COST_VARIANTS = ("laag", "midden", "hoog")

#: Parameters beside the model's own: what the strategy itself expects, shown as key figures
#: on the Kosten page (variant ``midden``) and used in its headline.
COST_TARGETS = {
    "doel_omslagpunt": "het jaar waarin de kosten volgens de strategie ophouden te stijgen",
    "doel_daling_clienten_2030": "de daling van het aantal cliënten die de strategie verwacht",
}


def _cost_parameters() -> tuple[str, ...]:
    quadrants = [q.replace("-", "_") for q in COST_QUADRANTS]
    names = ["basisjaar", "eindjaar", "basiskosten", "basisclienten"]
    names += [f"budget_{q}" for q in quadrants] + [f"clienten_{q}" for q in quadrants]
    names += ["indexatie", "autonome_groei"]
    for effect in COST_EFFECTS:
        key = effect.replace("-", "_")
        names += [f"{key}_tempo", f"{key}_start", f"{key}_aanloop"]
    return tuple(names)


#: Every parameter of the cost model, in the order the assumptions table shows them.
COST_PARAMETERS = _cost_parameters()

#: The national product categories of the Jeugdwet message traffic (iJW, the
#: 'productcodelijst Jeugdwet' of Zorginstituut Nederland): the common key of use and spend
#: across regions. A region maps its own product codes onto them (``productcodes``). A
#: two-digit category not named here is accepted and shown by its number.
PRODUCT_CATEGORIES = {
    "40": "Persoonlijke verzorging",
    "41": "Dagbehandeling",
    "42": "Vervoerdiensten",
    "43": "Jeugdhulp verblijf (incl. behandeling)",
    "44": "Jeugdhulp verblijf (excl. behandeling)",
    "45": "Jeugdhulp ambulant",
    "46": "Jeugdhulp crisis",
    "47": "Jeugdreclassering",
    "48": "Jeugdbescherming",
    "49": "Activiteiten in het preventief justitieel kader",
    "50": "Maatwerkarrangementen jeugd",
}
CATEGORY_PATTERN = r"^[0-9]{2}$"
#: Youths in a cell below this number are never shown, also not by subtraction (health
#: data; CBS's rule for youth care statistics): the cell reads "< 5".
SMALLEST_SHOWN = 5
#: What a KPI can be measured as from the region's use data (``kpis.meting``):
#: measure → (in words, unit). See :mod:`components.transformation.measured`.
MEASURES = {
    "jeugdigen": ("Jeugdigen in zorg", "aantal"),
    "jeugdigen_index": ("Jeugdigen in zorg, als % van het beginjaar", "procent"),
    "aandeel_verblijf": ("Aandeel jeugdigen met verblijf", "procent"),
    "duur_beeindigd": ("Gemiddelde duur van beëindigde trajecten", "dagen"),
    "instroom": ("Gestarte trajecten (instroom)", "aantal"),
    "uitstroom": ("Beëindigde trajecten (uitstroom)", "aantal"),
}

#: A region must have these sources; the others may be absent (empty extract).
REQUIRED_SOURCES = ("bronnen", "regio")
#: The folder of the extracts shared by all regions (the glossary).
SHARED_FOLDER = "algemeen"
