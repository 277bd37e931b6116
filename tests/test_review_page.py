"""The review page (`show --html`) as a person sees it: rendered in headless Chromium at
1,280 px (tests/browser_support.py), plus what the page holds, checked on its HTML."""

from __future__ import annotations

import re

import pytest

from browser_support import browser_context
from cli_support import REPO, run_cli

from extractor.writing.review.index import Entry, render_index
from extractor.writing.review.page import render_page

DIGEST = REPO / "samples" / "digest-metro-rail.txt"


def row(i: int, **fields) -> dict:
    base = {"doc": "t.txt", "article": None, "kind": "money", "metric": "gdp", "value": 5400000000000, "unit": "CNY",
            "qualifier": None, "target": False, "change": False, "year": None, "start_year": None, "end_year": None,
            "subject": None, "region": None, "text": "x", "start": 2 * i, "end": 2 * i + 1}
    base.update(fields)
    return base


# --- the HTML itself ------------------------------------------------------------------------------


def test_records_table_has_the_compact_columns_and_formatted_values():
    page = render_page("t.txt", "x " * 3, [row(0, region="南京市", subject="地区生产总值", year=2024)])
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", page).group(1)
    assert re.findall(r"<th[^>]*>([^<]*)</th>", head) == ["#", "value", "unit", "±", "year", "metric", "region",
                                                           "subject"]
    assert ">5,400,000,000,000</td>" in page and ">2024</td>" in page and ">南京市</td>" in page
    assert "<th>title</th>" not in page and "sentence" not in head


@pytest.mark.parametrize(
    "fields, shown, meaning",
    [
        ({"target": True, "year": 2030}, "→2030", "target for 2030"),
        ({"target": True}, "→", "target"),
        ({"change": True}, "Δ", "change"),
        ({"qualifier": "about", "change": True}, "≈ Δ", "about, change"),
        ({"qualifier": "over"}, "&gt;", "over"),
        ({}, "", ""),
    ],
)
def test_marks_for_qualifier_target_and_change(fields, shown, meaning):
    page = render_page("t.txt", "x ", [row(0, **fields)])
    assert f'<td class="m" title="{meaning}">{shown}</td>' in page


def test_every_piece_of_text_is_escaped_and_the_page_is_self_contained():
    text = '<script>alert(1)</script> 59.22% "q"'
    start = text.index("59.22%")
    page = render_page("<a>.txt", text, [row(0, kind="percentage", metric="<m>", value=59.22, unit="%",
                                              text="59.22%", start=start, end=start + 6)])
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<h1>&lt;a&gt;.txt</h1>" in page and 'data-metric="&lt;m&gt;"' in page
    assert " src=" not in page and "http" not in page and "@import" not in page


def test_a_digest_has_one_section_per_article_with_headline_outlet_and_date(tmp_path):
    page = tmp_path / "d.html"
    result = run_cli("show", DIGEST, "--html", page)
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    sections = re.findall(r"<section>(.*?)</section>", html, re.S)
    articles = [s for s in sections if "<h2>" in s]
    assert len(articles) == 3
    assert '<p class="meta">Jing Ji Ri Bao · 2025-11-20 07:40</p>' in articles[0]
    assert html.count('<tr class="article"') == 3


def test_index_page_lists_counts_and_failures():
    page = render_index("samples/", [Entry("a.txt", page="a.txt.html", records=1234, summary="1234 money"),
                                     Entry("b.txt", error="binary file (PNG image), not text")])
    assert '<a href="a.txt.html">a.txt</a>' in page and ">1,234</td>" in page
    assert "binary file (PNG image), not text" in page and "2 files, 1,234 records, 1 failed" in page


def test_show_a_folder_writes_a_page_per_input_and_an_index(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("城镇化率达到59.22%。\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("GDP为5.4万亿元。\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n....")
    out = tmp_path / "out"
    result = run_cli("show", folder, "--html", f"{out}/")
    assert result.returncode == 1  # one input failed; the others were written
    assert (out / "a.txt.html").is_file() and (out / "sub" / "b.txt.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="a.txt.html">' in index and '<a href="sub/b.txt.html">' in index
    assert "binary file (PNG image)" in index and "3 files, 2 records, 1 failed" in index
    assert '<a href="../index.html">' in (out / "sub" / "b.txt.html").read_text(encoding="utf-8")
    wrong = run_cli("show", folder, "--html", tmp_path / "one.html")
    assert wrong.returncode == 2 and b"give --html a folder" in wrong.stderr
    terminal = run_cli("show", folder / "a.txt", folder / "sub" / "b.txt")
    shown = terminal.stdout.decode()
    assert terminal.returncode == 0 and shown.index("a.txt") < shown.index("59.22%") < shown.index("b.txt")


# --- in a real browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with browser_context() as context:
        yield context


@pytest.fixture(scope="module")
def digest_page(tmp_path_factory):
    page = tmp_path_factory.mktemp("review") / "digest.html"
    result = run_cli("show", DIGEST, "--html", page)
    assert result.returncode == 0, result.stderr
    return page


def open_page(browser, path):
    page = browser.new_page()
    page.goto(path.as_uri())
    return page


def test_no_horizontal_overflow_and_compact_rows_at_1280(browser, digest_page):
    page = open_page(browser, digest_page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    heights = page.eval_on_selector_all("#records tbody tr[data-i]", "rows => rows.map(r => r.offsetHeight)")
    assert len(heights) == 46 and max(heights) < 60
    table_top = page.eval_on_selector("#records", "t => t.getBoundingClientRect().top")
    assert table_top < 300  # the records are on the first screen, beside the text
    assert page.inner_text("#status") == "showing 46 of 46 records"
    page.close()


def test_every_highlight_is_clickable_and_leads_to_its_row(browser, digest_page):
    page = open_page(browser, digest_page)
    marks = page.locator("mark[data-r]")
    assert marks.count() >= 40
    for n in range(marks.count()):
        mark = marks.nth(n)
        mark.click()  # fails if the highlight is hidden, covered or not receiving clicks
        first = mark.get_attribute("data-r").split()[0]
        row = page.locator(f'#records tr[data-i="{first}"]')
        assert "flash" in row.get_attribute("class")
        box, area = row.bounding_box(), page.locator("aside .scroll").bounding_box()
        assert area["y"] <= box["y"] and box["y"] + box["height"] <= area["y"] + area["height"] + 1
    page.close()


def test_a_click_on_a_record_scrolls_to_its_highlight(browser, digest_page):
    page = open_page(browser, digest_page)
    last = page.locator("#records tbody tr[data-i]").last
    last.click()
    i = last.get_attribute("data-i")
    mark = page.locator(f'mark[data-r~="{i}"]')
    assert "flash" in mark.get_attribute("class")
    box = mark.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
    page.close()


def test_the_legend_filters_by_kind_and_metric(browser, digest_page):
    page = open_page(browser, digest_page)
    visible = "#records tbody tr[data-i]:not([hidden])"
    page.click('.chip[data-kind="period"]')
    kinds = page.eval_on_selector_all(visible, "rows => rows.map(r => r.dataset.kind)")
    assert "period" not in kinds and len(kinds) == 36
    assert page.inner_text("#status") == "showing 36 of 36 records (filtered from 46)"
    assert page.locator("mark.k-period:not(.off)").count() == 0
    page.click('.chip[data-kind="period"]')
    page.select_option("#metric", "percentage")  # a plain metric the digest has (its km are all of rail)
    metrics = page.eval_on_selector_all(visible, "rows => rows.map(r => r.dataset.metric)")
    assert metrics and set(metrics) == {"percentage"}
    page.close()


def test_many_records_are_paged_and_the_page_says_how_many_it_shows(browser, tmp_path):
    text = "".join(f"第{i}项投资{i + 1}亿元。\n" for i in range(2500))
    rows, pos = [], 0
    for i in range(2500):
        piece = f"{i + 1}亿元"
        start = text.index(piece, pos)
        rows.append(row(0, value=(i + 1) * 10 ** 8, text=piece, start=start, end=start + len(piece)))
        pos = start + len(piece)
    path = tmp_path / "many.html"
    path.write_text(render_page("many.txt", text, rows), encoding="utf-8")
    page = open_page(browser, path)
    assert page.inner_text("#status") == "showing 1–2,000 of 2,500 records"
    assert page.locator("#records tbody tr[data-i]:not([hidden])").count() == 2000
    page.click("#next")
    assert page.inner_text("#status") == "showing 2,001–2,500 of 2,500 records"
    page.click("#prev")
    page.locator("mark[data-r]").last.click()  # a record on the last page: the table pages to it
    assert page.inner_text("#status") == "showing 2,001–2,500 of 2,500 records"
    assert "flash" in page.locator('#records tr[data-i="2499"]').get_attribute("class")
    page.close()
