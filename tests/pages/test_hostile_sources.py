"""Hostile sources: text that would be markup, a link, a chart tag or a formula stays data.

A generator (Hypothesis) writes a region as a careless or hostile data steward could: the
shipped regio Alkmaar with every free-text cell extended by a payload (Markdown, HTML,
Plotly's tags, LaTeX, Streamlit's colour and icon codes, spreadsheet formulas). Then the
preparation, every page and tab, the presentation, the downloads, the deck and the handout
run on it, and each must give a correct page: the payload shown literally (escaped for
Markdown and Plotly), never run; no traceback; no formula in a download or a chart's
workbook. Sources the preparation refuses must leave the extracts as they were.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from components import site
from components.build import prepare, schema
from components.common import sections as s
from components.common import tables
from components.data import extracts
from components.outputs import deck, handout, slides
from tests.pages.conftest import ROOT, open_app

REGION = "vijandige-regio"
SOURCES = ROOT / "data" / "sources"
#: Columns whose text other rows refer to (an id in all but name): not free text.
REFERENCES = {"bron", "doel_id", "antwoord_kengetal", "aanbieder_id"}
#: Each payload carries QX so a test can find it; each would do something if it ran.
PAYLOADS = (
    "**QX vet** [QX link](https://example.org) :red[QX rood]",
    "<b>QX</b><script>alert('QX')</script><img src=x onerror=alert(1)>",
    "<a href='https://example.org'>QX</a><u>QX</u><span style='color:red'>QX</span>",
    "$QX^2$ :material/warning: QX `code` ~~QX~~ # QX",
    "=HYPERLINK(\"https://example.org\",\"QX\")",
    "+QX", "-QX+1", "@SUM(QX)", "=1+1 QX",
    "%{y} %{customdata[0]} QX <br>QX<sub>QX</sub><sup>QX</sup><i>QX</i>",
    "1. QX\n> QX | QX |",
    "\\*QX\\* \\<b\\>QX & QX &amp; &lt;b&gt;",
)  # fmt: skip
#: Tags a payload brings; the code itself writes only <b>, <br> and <extra> into charts.
FOREIGN_TAGS = re.compile(r"<(script>alert|img|a |a>|u>|span|sub>|sup>|i>)", re.IGNORECASE)
#: What Streamlit would read as markup in a Markdown text: the payloads' own constructs.
MARKUP = ("**QX", "[QX link](", ":red[QX", "$QX^2$", "<b>QX", "<script", "~~QX", "`code`")
SPREADSHEET_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _free_text(model) -> list[str]:
    contract = model.to_schema()
    return [
        name
        for name, column in contract.columns.items()
        if str(column.dtype) == "String"
        and name not in REFERENCES
        and not any(getattr(c, "name", "") in ("isin", "str_matches") for c in column.checks)
    ]


def _write_region(root: Path, choose) -> None:
    """regio Alkmaar's sources with every free-text cell extended by a chosen payload,
    before or after the text (a formula works only at the start of a cell)."""
    shutil.copytree(SOURCES / "algemeen", root / "algemeen")
    target = root / REGION
    target.mkdir()
    for path in sorted((SOURCES / "regio-alkmaar").glob("*.csv")):
        model = schema.REGION_EXTRACTS[path.stem]
        free = set(_free_text(model))
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        header = rows[0]
        for row in rows[1:]:
            for index, name in enumerate(header):
                if name in free and row[index]:
                    payload, first = choose(path.stem, name)
                    row[index] = f"{payload} {row[index]}" if first else f"{row[index]} {payload}"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        (target / path.name).write_text(buffer.getvalue(), encoding="utf-8")


def _markdown_texts(app: AppTest) -> list[str]:
    """Every text Streamlit reads as Markdown on a run, as the page sent it."""
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):  # fmt: skip
        found += [str(e.value) for e in getattr(app, kind)]
    for metric in app.metric:
        found += [metric.label, metric.value, metric.help or ""]
    found += [e.label for e in app.expander] + [e.label for e in app.tabs]
    found += [e.label for e in app.button] + [str(o) for r in app.radio for o in r.options]
    return found


def _chart_strings(app: AppTest) -> list[str]:
    """Every string of every Plotly figure on a run (labels, hover, annotations)."""
    strings: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for element in app.get("plotly_chart"):
        walk(json.loads(element.proto.spec))
    return strings


def _assert_page_is_safe(app: AppTest, where: str) -> None:
    assert not app.exception, (where, [e.value for e in app.exception])
    assert not app.error, (where, [e.value for e in app.error])
    for text in _markdown_texts(app):
        unescaped = re.sub(r"\\.", "\x00", text)  # what Streamlit still reads as markup
        for markup in MARKUP:
            assert markup not in unescaped, (where, markup, text[:300])
    for text in _chart_strings(app):
        assert not FOREIGN_TAGS.search(text), (where, text[:300])
    for element in app.html:
        assert not FOREIGN_TAGS.search(element.value), (where, element.value[:300])


def _open(path: str | None, **params: str) -> AppTest:
    return open_app(path, timeout=60, tables=False, regio=REGION, **params)


def _assert_downloads_hold_no_formula(frames: dict[str, pl.DataFrame]) -> None:
    for page in site.PRESENTED:
        for section in page.topic.sections(frames, s.NO_VIEW):
            table = getattr(section, "table", None)
            if not isinstance(table, pl.DataFrame) or table.is_empty():
                continue
            text = tables.csv_bytes(table).decode("utf-8-sig")
            read = pl.read_csv(io.StringIO(text), separator=";", infer_schema=False)
            texts = [n for n, t in table.schema.items() if t in (pl.String, pl.Categorical)]
            for name in texts:  # numbers are values (-3), never formulas
                cells = read[name].drop_nulls().to_list()
                assert not [c for c in cells if SPREADSHEET_FORMULA.match(c)], (name, cells)
            book = openpyxl.load_workbook(io.BytesIO(tables.excel_bytes({"cijfers": table})))
            assert {c.data_type for r in book.active.iter_rows() for c in r} <= {"s", "n", "d"}


def _assert_deck_is_safe(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if name.endswith(".xlsx"):
                sheet = openpyxl.load_workbook(io.BytesIO(package.read(name))).active
                assert "f" not in {c.data_type for r in sheet.iter_rows() for c in r}, name
    texts = [
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(content)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("QX" in text for text in texts)  # the payloads are shown, as written


def _assert_handout_is_safe(text: str) -> None:
    body = text.split("</head>", 1)[1]  # the head holds Plotly's own script
    assert "<script>alert" not in body and "<img src=x" not in body
    assert not FOREIGN_TAGS.search(body.replace('<script type="text/javascript">', ""))


def _check(choose) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sources, out = Path(tmp) / "bronnen", Path(tmp) / "extracts"
        _write_region(sources, choose)
        prepare.prepare(sources, out)
        saved = os.environ.get(extracts.DATA_ENV)
        os.environ[extracts.DATA_ENV] = str(out)
        try:
            import streamlit

            streamlit.cache_resource.clear()
            for path in [None, *(p.path or None for p in site.PAGES if p.path)]:
                _assert_page_is_safe(_open(path), f"pagina {path}")
            for part in ("kpis", "kwadranten", "fasen", "escalatie", "segmenten", "verschillen"):
                _assert_page_is_safe(_open("transformatie", onderdeel=part), part)
            for step in range(1, 6):
                app = _open(None, modus="presentatie", stap=str(step))
                _assert_page_is_safe(app, f"presentatie {step}")
            # A link to a region that does not exist says which region is shown instead.
            unknown = open_app(None, timeout=60, tables=False, regio="bestaat-niet")
            assert any("bestaat niet" in str(e.value) for e in unknown.info)
            _assert_page_is_safe(unknown, "onbekende regio in de link")
        finally:
            if saved is None:
                os.environ.pop(extracts.DATA_ENV)
            else:
                os.environ[extracts.DATA_ENV] = saved
        _assert_downloads_hold_no_formula(slides.load_frames(REGION, out))
        _assert_deck_is_safe(deck.region_deck(REGION, out))
        _assert_handout_is_safe(handout.region_handout(REGION, out))


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
@example(None)  # every payload in every column, in turn
def test_hostile_text_in_every_free_text_column_is_shown_never_run(data):
    if data is None:
        counter = iter(range(10**9))

        def choose(file: str, column: str) -> tuple[str, bool]:
            turn = next(counter)
            return PAYLOADS[turn % len(PAYLOADS)], (turn // len(PAYLOADS)) % 2 == 0

    else:

        def choose(file: str, column: str) -> tuple[str, bool]:
            payloads = st.tuples(st.sampled_from(PAYLOADS), st.booleans())
            return data.draw(payloads, label=f"{file}.{column}")

    _check(choose)
