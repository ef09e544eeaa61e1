"""The shipped regio-Alkmaar extracts against the NORA slides of 6 December 2023.

Every expected value below is typed again from the slide text (document 000, the
"Regionale Raadsinformatieavond Inkoop Jeugdhulp"), independently of the CSV sources, so
a typo in a source, a lost row or a preparation step that changes a value fails here with
a message that names the slide. The test reads the prepared extracts in ``data/extracts``
(``python -m components.build.prepare`` writes them).
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from components.data import extracts

REGIO = "regio-alkmaar"
NORA = "nora-raadsavond-2023"
SLIDE_DATE = dt.date(2023, 12, 6)

# Where the sources deliberately write a name differently from the slide text.
SPELLING = {
    "Zelfstandigheidstraining/ Kamertrainingcentrum (KTC)": (
        "Zelfstandigheidstraining/Kamertrainingscentrum (KTC)"
    ),
    "Van verblijf naar ambulante": "Van verblijf naar ambulant",
}


def _read(name: str) -> pl.DataFrame:
    """A shipped extract; a missing or broken one fails with the fix in the message."""
    try:
        return extracts.read_extract(REGIO, name)
    except extracts.ExtractError as exc:
        pytest.fail(
            f"{exc}. Draai eerst 'python -m components.build.prepare' om data/extracts te maken.",
            pytrace=False,
        )


# --- dia 'Wat cijfers' (and the introduction) ---------------------------------------------

# kengetal: (waarde, eenheid, kwalificatie, slide text)
SLIDE_KEY_FIGURES = {
    "inwoners": (300_000, "aantal", None, "300.000 inwoners"),
    "jeugdigen_in_zorg": (10_000, "aantal", None, "waarvan 10.000 kinderen jeugdzorg ontvangen"),
    "omzet_jeugd": (90_000_000, "euro", None, "Omzet 90 miljoen op jeugdzorg"),
    "omzet_wmo": (37_000_000, "euro", None, "en 37 miljoen op Wmo"),
    "aanbieders_totaal": (276, "aantal", "ruim", "Aantal aanbieders ruim 276"),
    "aanbieders_jeugd": (205, "aantal", None, "(205 jeugd"),
    "aanbieders_wmo": (127, "aantal", None, "en 127 Wmo)"),
    "betaalovereenkomsten": (150, "aantal", "ruim", "Ruim 150 betaalovereenkomsten"),
    "contractmanagementgesprekken": (500, "aantal", None, "500 contractmanagement gesprekken"),
    "websitebezoekers": (8_000, "aantal", None, "8.000 bezoekers website per jaar"),
    "linkedin_volgers": (600, "aantal", None, "600 volgers op LinkedIn"),
    "mails_algemene_mailbox": (5_000, "aantal", None, "5000 mails via algemene mailbox"),
    "aanbieders_intro": (270, "aantal", "ruim", "ruim 270 zorgaanbieders gecontracteerd"),
}


def _key_figures() -> dict[str, dict]:
    rows = _read("kerncijfers").iter_rows(named=True)
    return {row["kengetal"]: row for row in rows}


@pytest.mark.parametrize("kengetal", sorted(SLIDE_KEY_FIGURES))
def test_key_figure_matches_slide(kengetal: str) -> None:
    waarde, eenheid, kwalificatie, text = SLIDE_KEY_FIGURES[kengetal]
    figures = _key_figures()
    assert kengetal in figures, f"kengetal '{kengetal}' ({text!r}) ontbreekt in kerncijfers"
    row = figures[kengetal]
    assert row["waarde"] == waarde, (
        f"{kengetal}: dia zegt {text!r} = {waarde}, extract heeft {row['waarde']}"
    )
    assert row["eenheid"] == eenheid, f"{kengetal}: eenheid {row['eenheid']}, verwacht {eenheid}"
    assert row["kwalificatie"] == kwalificatie, (
        f"{kengetal}: kwalificatie {row['kwalificatie']!r}, dia zegt {text!r}"
    )
    assert row["bron"] == NORA, f"{kengetal}: bron {row['bron']}, verwacht {NORA}"
    assert row["peildatum"] == SLIDE_DATE, f"{kengetal}: peildatum {row['peildatum']}"
    assert row["status"] == "gepubliceerd", f"{kengetal}: status {row['status']}"


# The figures from other public sources, with the status the source gives them.
OTHER_KEY_FIGURES = {
    # kengetal: (waarde, eenheid, kwalificatie, jaar, status)
    "aanbieders_jeugd_2023": (188, "aantal", None, 2023, "gepubliceerd"),
    "looptijd_contract_ambulant_verblijf": (8, "jaar", None, 2023, "gepubliceerd"),
    "jeugdhulpgebruik_alkmaar_2020": (13.0, "procent", None, 2020, "gepubliceerd"),
    "jeugdhulpgebruik_alkmaar_2025": (13.5, "procent", None, 2025, "voorlopig"),
    "overschrijding_2024": (20, "procent", "bijna", 2024, "voorlopig"),
    "tekort_2024": (13_500_000, "euro", None, 2024, "voorlopig"),
}


@pytest.mark.parametrize("kengetal", sorted(OTHER_KEY_FIGURES))
def test_key_figure_from_other_source(kengetal: str) -> None:
    waarde, eenheid, kwalificatie, jaar, status = OTHER_KEY_FIGURES[kengetal]
    row = _key_figures().get(kengetal)
    assert row is not None, f"kengetal '{kengetal}' ontbreekt in kerncijfers"
    got = (row["waarde"], row["eenheid"], row["kwalificatie"], row["jaar"], row["status"])
    assert got == (waarde, eenheid, kwalificatie, jaar, status), (
        f"{kengetal}: (waarde, eenheid, kwalificatie, jaar, status) = {got}, "
        f"verwacht {(waarde, eenheid, kwalificatie, jaar, status)}"
    )
    assert row["bron"] != NORA, f"{kengetal} staat niet op de dia's; bron mag niet {NORA} zijn"


def test_no_unexpected_key_figures() -> None:
    expected = set(SLIDE_KEY_FIGURES) | set(OTHER_KEY_FIGURES)
    assert set(_key_figures()) == expected, (
        f"onverwachte kengetallen: {sorted(set(_key_figures()) - expected)}; "
        f"ontbrekend: {sorted(expected - set(_key_figures()))}"
    )


# --- dia 'Wat kopen we in': the agreements table --------------------------------------------

# Rows as the slide writes them: (name on the slide, contracts, period labels left to right).
# "Geen RET" (2020-2021) is not a period: there was no RET contract then.
AGREEMENTS_JEUGD = [
    ("1. Jeugdhulp ambulante", "167 x 6", ["2018-2021", "2022", "2023-2030", "Optie"]),
    ("2. Jeugdhulp met verblijf", "38 x 6", ["2018-2021", "2022", "2023-2030", "Optie"]),
    ("3. Gedwongen kader", "7 x 18", ["2019-2021", "2022-2023", "2024-2025"]),
    ("4. Jeugdzorg Plus", "1 x 6", ["2020", "2021", "2022", "2023-2030", "Optie"]),
    (
        "5. Crisisdienst",
        "1 x 18",
        ["2018-2021", "2022", "2023", "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)"],
    ),
    ("6. J&S Team VO", "1 x 6", ["2018-2021", "2022", "2023", "2024-2030", "Optie"]),
    ("7. RET", "5 x 1", ["okt 2022-2023", "2024", "Optie"]),
]
AGREEMENTS_WMO = [
    ("1. Begeleiding", "116 x 6", ["2020-2022", "2023-2024", "Optie"]),
    ("2. Beschermd thuis", "13 x 6", ["2020-2022", "2023-2024", "Optie"]),
    ("3. Beschermd wonen", "11 x 1", ["2020-2022", "2023-2024", "Optie"]),
    ("4. Hulpmiddelen", "1 x 6", ["2020-2022", "2023-2024", "Optie"]),
    (
        "5. Regiotaxi",
        "1 x 6",
        ["2020", "4/2021-3/2023", "mrt-24", "mrt-25", "Inkooptraject loopt"],
    ),
    (
        "6. Leerlingenvervoer",
        "1 x 6",
        ["2018-medio 2022", "aug 2022-juli 2026", "Optie", "Optie"],
    ),
]
# The slide rows have no ids; these are the ids the sources use for them.
AGREEMENT_IDS = {
    "1. Jeugdhulp ambulante": "jeugd-ambulant",
    "2. Jeugdhulp met verblijf": "jeugd-verblijf",
    "3. Gedwongen kader": "jeugd-gedwongen-kader",
    "4. Jeugdzorg Plus": "jeugd-jeugdzorg-plus",
    "5. Crisisdienst": "jeugd-crisisdienst",
    "6. J&S Team VO": "jeugd-js-team-vo",
    "7. RET": "jeugd-ret",
    "1. Begeleiding": "wmo-begeleiding",
    "2. Beschermd thuis": "wmo-beschermd-thuis",
    "3. Beschermd wonen": "wmo-beschermd-wonen",
    "4. Hulpmiddelen": "wmo-hulpmiddelen",
    "5. Regiotaxi": "wmo-regiotaxi",
    "6. Leerlingenvervoer": "wmo-leerlingenvervoer",
}
ALL_AGREEMENTS = [(r, "jeugd") for r in AGREEMENTS_JEUGD] + [(r, "wmo") for r in AGREEMENTS_WMO]


def _contracts(text: str) -> tuple[int, int]:
    """'167 x 6' → (167, 6): contracts × municipalities, as the slide writes it."""
    match = re.fullmatch(r"(\d+) x (\d+)", text)
    assert match, f"onleesbaar: {text!r}"
    return int(match[1]), int(match[2])


def test_agreement_counts_per_domain() -> None:
    overeenkomsten = _read("overeenkomsten")
    counts = dict(overeenkomsten.group_by("domein").len().iter_rows())
    assert counts == {"jeugd": 7, "wmo": 6}, (
        f"de dia toont 7 overeenkomsten jeugdhulp en 6 Wmo; extract heeft {counts}"
    )


@pytest.mark.parametrize(
    ("row", "domein"), ALL_AGREEMENTS, ids=[AGREEMENT_IDS[r[0]] for r, _ in ALL_AGREEMENTS]
)
def test_agreement_matches_slide(row: tuple[str, str, list[str]], domein: str) -> None:
    slide_name, contracts, labels = row
    agreement_id = AGREEMENT_IDS[slide_name]
    agreements = _read("overeenkomsten").filter(pl.col("overeenkomst_id") == agreement_id)
    assert agreements.height == 1, f"{slide_name!r}: overeenkomst '{agreement_id}' ontbreekt"
    agreement = agreements.row(0, named=True)
    aantal_contracten, aantal_gemeenten = _contracts(contracts)
    got = (agreement["aantal_contracten"], agreement["aantal_gemeenten"])
    assert got == (aantal_contracten, aantal_gemeenten), (
        f"{slide_name!r}: dia zegt '{contracts}', extract heeft {got[0]} x {got[1]}"
    )
    assert agreement["domein"] == domein, f"{slide_name!r}: domein {agreement['domein']}"
    assert agreement["bron"] == NORA, f"{slide_name!r}: bron {agreement['bron']}"

    periods = _read("perioden").filter(pl.col("overeenkomst_id") == agreement_id).sort("start")
    assert periods["label"].to_list() == labels, (
        f"{slide_name!r}: periodes op de dia {labels}, extract {periods['label'].to_list()}"
    )


def _check_label_years(label: str, start: dt.date, end: dt.date | None, where: str) -> None:
    """Where a label is plain years ('2023-2030', '2022'), the dates must match it."""
    if match := re.fullmatch(r"(\d{4})-(\d{4})", label):
        first, last = int(match[1]), int(match[2])
    elif re.fullmatch(r"\d{4}", label):
        first = last = int(label)
    else:
        return
    assert start == dt.date(first, 1, 1), f"{where} '{label}': start {start}"
    assert end == dt.date(last, 12, 31), f"{where} '{label}': einde {end}"


def test_period_dates_follow_their_labels() -> None:
    for record in _read("perioden").iter_rows(named=True):
        where = f"perioden {record['overeenkomst_id']}"
        _check_label_years(record["label"], record["start"], record["einde"], where)


def test_periods_read_from_month_labels() -> None:
    periods = {
        (r["overeenkomst_id"], r["label"]): (r["start"], r["einde"], r["soort"])
        for r in _read("perioden").iter_rows(named=True)
        if r["label"] != "Optie"
    }
    expected = {
        ("jeugd-ret", "okt 2022-2023"): (dt.date(2022, 10, 1), dt.date(2023, 12, 31), "looptijd"),
        ("wmo-regiotaxi", "4/2021-3/2023"): (dt.date(2021, 4, 1), dt.date(2023, 3, 31), "looptijd"),
        ("wmo-regiotaxi", "Inkooptraject loopt"): (dt.date(2025, 4, 1), None, "inkooptraject"),
        ("wmo-leerlingenvervoer", "aug 2022-juli 2026"): (
            dt.date(2022, 8, 1),
            dt.date(2026, 7, 31),
            "looptijd",
        ),
        ("jeugd-crisisdienst", "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)"): (
            dt.date(2024, 1, 1),
            None,
            "overdracht",
        ),
    }
    for key, value in expected.items():
        assert periods.get(key) == value, f"{key}: (start, einde, soort) {periods.get(key)}"


def test_options_and_bridging_contracts() -> None:
    periods = _read("perioden")
    for agreement_id in ("jeugd-ambulant", "jeugd-verblijf"):
        rows = periods.filter(pl.col("overeenkomst_id") == agreement_id)
        bridging = rows.filter(pl.col("soort") == "overbrugging")
        assert bridging.select("start", "einde").rows() == [
            (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
        ], f"{agreement_id}: het eenjarige contract 2022 is een overbruggingscontract"
        option = rows.filter(pl.col("soort") == "optie")
        assert option.select("start", "einde", "status").rows() == [
            (dt.date(2031, 1, 1), dt.date(2034, 12, 31), "afgeleid")
        ], f"{agreement_id}: optie 2031-2034 volgens de inkoopstrategie, afgeleid"
    unreadable = periods.filter(pl.col("label") == "Optie")
    assert set(unreadable["status"]) == {"afgeleid"}, (
        "de lengte van een 'Optie' is op de dia niet te lezen; zulke periodes zijn afgeleid"
    )
    assert unreadable.height == 11, f"de dia toont 11 cellen 'Optie', extract {unreadable.height}"


# --- dia 'Gecontracteerde aanbieders jeugdhulp' ---------------------------------------------

# Table 'Jeugdhulp 2024'.
LOTS = {"ambulant": 167, "verblijf": 38, "combinatie": 26}
SIZE_CLASSES = {"groot": 12, "klein": 124, "vrijgevestigd": 69}
TOTAL = 205
# Table 'Aantal aanbieders per deelperceel': (sub-lot, ambulant, verblijf).
SUB_LOTS = [
    ("Herstelgericht", 131, None),
    ("Ondersteuningsgericht", 104, None),
    ("Consultatie", 86, None),
    ("Dyslexie", 9, None),
    ("Crisisopvang", 3, 17),
    ("Behandelgroepen", None, 15),
    ("Drie-milieuvoorziening", None, 2),
    ("Gezinshuizen", None, 10),
    ("Klinische jeugd GGZ (besloten)", None, 2),
    ("Klinische jeugd GGZ (gesloten)", None, 1),
    ("Logeren", None, 13),
    ("Pleegzorg", None, 5),
    ("Zelfstandigheidstraining/ Kamertrainingcentrum (KTC)", None, 17),
]


def _providers_2024() -> pl.DataFrame:
    return _read("aanbieders_aantallen").filter(
        (pl.col("jaar") == 2024) & (pl.col("domein") == "jeugd") & (pl.col("bron") == NORA)
    )


def test_slide_table_adds_up_as_transcribed() -> None:
    # The slide itself: lots without 'combinatie' and the size classes both make 205.
    assert LOTS["ambulant"] + LOTS["verblijf"] == TOTAL
    assert sum(SIZE_CLASSES.values()) == TOTAL


def test_provider_total_and_lots() -> None:
    providers = _providers_2024()
    assert set(providers["telt"]) == {"aanbieders"}, "de dia noemt deze getallen 'aanbieders'"
    no_sub = pl.col("deelperceel").is_null()
    total = providers.filter(
        pl.col("perceel").is_null() & no_sub & pl.col("grootteklasse").is_null()
    )
    assert total["aantal"].to_list() == [TOTAL], f"TOTAAL: dia {TOTAL}, extract {total['aantal']}"
    lots = dict(
        providers.filter(pl.col("perceel").is_not_null() & no_sub)
        .select("perceel", "aantal")
        .iter_rows()
    )
    assert lots == LOTS, f"percelen: dia {LOTS}, extract {lots}"
    classes = dict(
        providers.filter(pl.col("grootteklasse").is_not_null())
        .select("grootteklasse", "aantal")
        .iter_rows()
    )
    assert classes == SIZE_CLASSES, f"grootteklassen: dia {SIZE_CLASSES}, extract {classes}"


def test_providers_per_sub_lot() -> None:
    found = {
        (r["perceel"], r["deelperceel"]): r["aantal"]
        for r in _providers_2024().filter(pl.col("deelperceel").is_not_null()).iter_rows(named=True)
    }
    expected = {}
    for name, ambulant, verblijf in SUB_LOTS:
        name = SPELLING.get(name, name)
        if ambulant is not None:
            expected[("ambulant", name)] = ambulant
        if verblijf is not None:
            expected[("verblijf", name)] = verblijf
    assert found == expected, (
        f"deelpercelen die afwijken: {sorted(set(found.items()) ^ set(expected.items()), key=str)}"
    )


def test_other_provider_counts() -> None:
    rows = _read("aanbieders_aantallen").filter(pl.col("bron") != NORA)
    assert rows.select("jaar", "domein", "aantal").rows() == [(2023, "jeugd", 188)], (
        "naast de dia alleen castricummer.nl: 188 aanbieders jeugdhulp vanaf 1 januari 2023"
    )
    wmo = _read("aanbieders_aantallen").filter(pl.col("domein") == "wmo")
    assert wmo.select("aantal", "bron").rows() == [(127, NORA)], "dia 'Wat cijfers': 127 Wmo"


# --- audience questions, goals and roadmap ---------------------------------------------------

QUESTIONS = [
    (
        "Hoeveel procent van de kinderen tot 18 jaar in de regio Alkmaar krijgt jeugdhulp in 2022?",
        None,
    ),
    (
        "Hoeveel jaar lopen de contracten voor ambulante jeugdhulp en jeugdhulp met verblijf?",
        "looptijd_contract_ambulant_verblijf",
    ),
    (
        "Hoeveel zorgaanbieders zijn gecontracteerd voor ambulante jeugdhulp en jeugdhulp met "
        "verblijf?",
        "aanbieders_jeugd",
    ),
]


def test_audience_questions_verbatim_and_in_order() -> None:
    vragen = _read("vragen").sort("volgorde")
    got = vragen.select("vraag", "antwoord_kengetal").rows()
    assert got == QUESTIONS, f"vragen aan de zaal: {got}"


GOALS = [
    "Van zwaar naar licht",
    "Minder instroom en meer uitstroom",
    "Zo kort en licht als mogelijk, zo lang en zwaar als nodig",
    "Van verblijf naar ambulante",
    "Voorkomen recidive",
    "Verminderen administratieve lasten",
]


def test_procurement_goals() -> None:
    doelen = _read("doelen").filter(pl.col("soort") == "inkoopdoel").sort("volgorde")
    expected = [SPELLING.get(goal, goal) for goal in GOALS]
    assert doelen["titel"].to_list() == expected, f"dia 'Inkoopdoelen': {doelen['titel']}"
    assert set(doelen["bron"]) == {NORA}


ROADMAP = {
    "Analyse zorglandschap": (2023, 2024),
    "Pilots sturen op doelmatigheid": (2023, 2024),
    "Verblijfsonderzoek": (2023, 2024),
    "Ontwikkeltafels verblijf": (2023, 2024),
    "Evaluatie inkoop": (2025, 2025),
    "Fase 2 contracten": (2026, 2026),
}


def test_roadmap_milestones() -> None:
    milestones = _read("fasen").filter((pl.col("soort") == "mijlpaal") & (pl.col("bron") == NORA))
    got = {r["naam"]: (r["start"].year, r["einde"].year) for r in milestones.iter_rows(named=True)}
    assert got == ROADMAP, f"dia 'Doorontwikkeling: van zicht naar grip': {got}"


def test_region_row() -> None:
    regio = _read("regio").row(0, named=True)
    assert regio["gemeenten"].split("; ") == [
        "Alkmaar",
        "Bergen",
        "Castricum",
        "Dijk en Waard",
        "Heiloo",
        "Uitgeest",
    ], f"inleidende dia: de zes gemeenten, extract {regio['gemeenten']!r}"
    assert regio["aantal_gemeenten"] == 6
    assert regio["fictief"] is False
