"""A new region, as a newcomer brings it (issue #21): 'Regio Testland' (``tests/testland.py``)
drops only its own Excel export per quarter, product codes and budget in a source folder,
runs the README's preparation command, and sees its figures on every page in Chromium.

The expected values are computed here from the Excel file itself (openpyxl), not by the
app's code: spend and budget per municipality and year, youths per quarter averaged over
the year, providers that declared.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from tests import testland
from tests.browser import support

ROOT = Path(__file__).resolve().parents[2]
OPEN_TIMEOUT = 120_000


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> tuple[str, Path]:
    """The region's sources prepared with the README's command, and a server on them."""
    root = tmp_path_factory.mktemp("nieuwe-regio")
    sources = root / "bronnen"
    shutil.copytree(ROOT / "tests/fixtures/sources/algemeen", sources / "algemeen")
    testland.write(sources / testland.REGION)
    command = [sys.executable, "-m", "components.build.prepare", "--bronnen", str(sources)]
    done = subprocess.run(
        [*command, "--uit", str(root / "extracten")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"{testland.REGION}: 22 extracten" in done.stdout
    with support.streamlit_server(root / "extracten") as url:
        yield url, sources / testland.REGION


def export(folder: Path) -> list[dict]:
    sheet = openpyxl.load_workbook(folder / "gebruik.xlsx", read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def mln(amount: float) -> str:
    """'€ 3,7 mln', written here rather than with the app's formatter."""
    return "€ " + f"{amount / 1e6:.1f}".replace(".", ",").removesuffix(",0") + " mln"


def youths(rows: list[dict], year: int, place: str | None = None) -> int:
    """Youths in care: per quarter summed, averaged over the year's four quarters."""
    per_quarter: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["jaar"] == year and place in (None, row["gemeente"]):
            per_quarter[row["kwartaal"]] += row["jeugdigen"]
    return round(sum(per_quarter.values()) / 4)


def open_page(page, url: str, path: str) -> str:
    support.open_app(page, url, path, OPEN_TIMEOUT)
    support.wait_idle(page, OPEN_TIMEOUT)
    text = support.main_text(page)
    assert "Traceback" not in text and "Error" not in text
    return text


def test_kosten_for_one_municipality_from_its_excel_export(page, region):
    url, folder = region
    rows = export(folder)
    spent = sum(r["bedrag"] for r in rows if r["jaar"] == 2024 and r["gemeente"] == "Proefwijk")
    text = open_page(page, url, f"kosten?regio={testland.REGION}&gemeente=Proefwijk")
    assert "Dit is een fictieve voorbeeldregio: geen echte cijfers." in text
    assert f"In 2024 gaf Proefwijk {mln(spent)} uit aan jeugdhulp" in text
    assert "2025 loopt nog: tot en met kwartaal 2 is € " in text
    assert "Wat 2025 naar verwachting kost" in text
    assert "Na kwartaal 2 van 2025 komen de uitgaven van Proefwijk naar verwachting uit op" in text
    change = re.search(r"Van 2023 naar 2024 (stegen|daalden) de uitgaven van Proefwijk", text)
    assert change, text
    assert page.get_by_role("combobox", name="Gemeente").input_value() == "Proefwijk"
    assert support.axe_violations(page) == {}


def test_transformatie_measures_youths_per_municipality(page, region):
    url, folder = region
    rows = export(folder)
    path = f"transformatie?regio={testland.REGION}&onderdeel=kpis&gemeente=Proefwijk"
    text = open_page(page, url, path)
    assert "Gemeten uit de eigen gegevens: Proefwijk" in text
    assert (
        f"In 2024 waren in Proefwijk gemiddeld {youths(rows, 2024, 'Proefwijk')} jeugdigen in "
        f"zorg, tegen {youths(rows, 2022, 'Proefwijk')} in 2022" in text
    )
    table = page.locator(support.TABLE).filter(has_text="Trend")
    assert table.locator("thead th").all_inner_texts() == [
        "Meting",
        "2022",
        "2023",
        "2024",
        "Trend",
    ]
    measures = {r.split("\t")[0]: r for r in table.locator("tbody tr").all_inner_texts()}
    assert "Jeugdigen in zorg" in measures
    residential = [r for r in rows if r["gemeente"] == "Proefwijk" and r["jaar"] == 2024]
    share = sum(
        r["jeugdigen"] for r in residential if str(r["productcode"])[:2] in ("43", "44", "46")
    )
    share = round(round(share / 4) / youths(rows, 2024, "Proefwijk") * 100, 1)
    expected = f"{share:.1f}".replace(".", ",") + "%"  # one decimal down the column
    assert expected in measures["Aandeel jeugdigen met verblijf"].split("\t")[3]
    assert support.axe_violations(page) == {}
    # The whole region: its youths and the residential share.
    page.get_by_role("combobox", name="Gemeente").click()
    page.get_by_role("option", name=f"{testland.NAME}, alle gemeenten").click()
    page.wait_for_function("() => !location.search.includes('gemeente=Proefwijk')")
    support.wait_idle(page, OPEN_TIMEOUT)
    text = support.main_text(page)
    assert (
        f"In 2024 waren in {testland.NAME} gemiddeld {youths(rows, 2024):,}".replace(",", ".")
        in text
    )
    assert "Aandeel jeugdigen met verblijf" in text


def test_aanbieders_shows_who_declared_and_hides_the_small_one(page, region):
    url, folder = region
    declared = {r["aanbieder"] for r in export(folder) if r["jaar"] == 2024}
    text = open_page(page, url, f"aanbieders?regio={testland.REGION}")
    assert f"In 2024 declareerden {len(declared)} aanbieders bij {testland.NAME}." in text
    support.open_tables(page)
    rows = page.locator(support.TABLE).filter(has_text="Jeugdigen").locator("tbody tr")
    small = [r for r in support.texts(rows) if r.startswith(testland.SMALL_PROVIDER)]
    assert small and "< 5" in small[0], rows.all_inner_texts()
    assert support.axe_violations(page) == {}
    # One municipality's providers, the choice in the link.
    mine = [r for r in export(folder) if r["aanbieder"] == "Jeugdformaat Testland"]
    expected = youths(mine, 2024, "Proefwijk")
    text = open_page(page, url, f"aanbieders?regio={testland.REGION}&gemeente=Proefwijk")
    assert "Uitgaven en jeugdigen per aanbieder in 2024: Proefwijk" in text
    support.open_tables(page)
    rows = page.locator(support.TABLE).filter(has_text="Jeugdigen").locator("tbody tr")
    found = [r for r in support.texts(rows) if r.startswith("Jeugdformaat Testland")]
    assert found and f"\t{expected}\t" in found[0], found


def test_contracten_says_there_is_no_calendar(page, region):
    url, _ = region
    text = open_page(page, url, f"contracten?regio={testland.REGION}")
    assert f"De documenten van {testland.NAME} geven geen contractkalender." in text
    assert support.axe_violations(page) == {}
