"""The floors of the benchmark draw what they are given (tests.perf.reference_app).

A floor that drew less than the page it stands for would flatter every ratio the
benchmark reports. So: start the reference app on layouts as the benchmark hands them
out, count what it shows with the benchmark's own counter, and compare.
"""

from __future__ import annotations

import json

import pytest

from tests.perf import benchmark, measure, reference_app

#: A page as the benchmark would count it: two charts, a table in an expander and one
#: outside it, key figures, and the other elements only the content floor draws.
PAGE = {
    "charts": 2,
    "tables": [6, 3],
    "metrics": 4,
    "expanders": 1,
    "content": [
        ["stHeading", 10],
        ["stMarkdown", 180],
        ["stHeading", 28],
        ["stMarkdown", 950],
        ["stSelectbox", 9],
        ["stMultiSelect", 13],
        ["stAlert", 140],
        ["stMarkdown", 60],
        ["stDownloadButton", 23],
    ],
    "sidebar": [["stSelectbox", 5], ["stButton", 20], ["stSlider", 40], ["stSlider", 40]],
}


@pytest.fixture(scope="module")
def floors(browser) -> dict[str, dict]:
    """What the content floor (at /) and the issue's floor (at /kaal) show of PAGE."""
    layout = {
        "": benchmark.floor_layout({"": PAGE}, content=True)[""],
        "kaal": benchmark.floor_layout({"kaal": PAGE}, content=False)["kaal"],
    }
    env = {reference_app.LAYOUT_ENV: json.dumps(layout)}
    with measure.started(app=benchmark.REFERENCE_APP, env=env) as server:
        tab = measure.new_page(browser)
        shown = {}
        for path in layout:
            measure.load_by_url(tab, server.base, path)
            shown[path] = measure.layout_of(tab)
        tab.close()
    return shown


def test_both_floors_draw_the_charts_tables_and_key_figures(floors):
    for path, counts in floors.items():
        assert counts["charts"] == 2, path
        assert counts["tables"] == [6, 3], path
        assert counts["metrics"] == 4, path
        assert counts["expanders"] == 1, path
        assert counts["exceptions"] == 0, path


def test_the_content_floor_draws_each_element_with_as_much_text(floors):
    content = floors[""]["content"]
    assert [kind for kind, _ in content] == [kind for kind, _ in PAGE["content"]]
    for (kind, length), (_, asked) in zip(content, PAGE["content"], strict=True):
        if kind in ("stHeading", "stMarkdown", "stAlert"):
            assert abs(length - asked) <= asked * 0.05 + 2, f"{kind}: {length} for {asked}"


def test_the_content_floor_draws_the_sidebar_elements(floors):
    assert [kind for kind, _ in floors[""]["sidebar"]] == [kind for kind, _ in PAGE["sidebar"]]


def test_the_issues_floor_draws_only_a_title_besides(floors):
    assert floors["kaal"]["content"] == [["stHeading", len("kaal")]]
    assert floors["kaal"]["sidebar"] == []
