"""Datelines of single articles fill `published` (ISO 8601) and `source`; HTML pages take
both from their <meta> tags first; the dateline itself gives no records."""

from __future__ import annotations

import pytest

from extractor import extract, extract_document
from extractor.reading.dateline import find_dateline, iso_datetime

BODY = "2023年末，全市常住人口城镇化率达到65.2%。\n"


@pytest.mark.parametrize(
    "head, published, source",
    [
        ("2021-02-25 09:30　来源：江东观察网", "2021-02-25T09:30:00", "江东观察网"),
        ("发布时间：2024年3月5日  来源：省发展改革委", "2024-03-05", "省发展改革委"),
        ("发布日期：2024-03-05 10:21:07 来源: 人民网", "2024-03-05T10:21:07", "人民网"),
        ("来源：新华网 | 发布时间：2024/3/5", "2024-03-05", "新华网"),
        ("2024年3月5日", "2024-03-05", None),
        ("新华社北京10月16日电（记者 张三 李四）", None, "新华社"),
        ("本报讯（记者 王五）", None, None),
        ("BEIJING, Oct. 16 (Xinhua) --", None, "Xinhua"),
        ("BEIJING, Oct. 16, 2024 (Xinhua) --", "2024-10-16", "Xinhua"),
        ("SHANGHAI, March 5 (Reuters) —", None, "Reuters"),
    ],
)
def test_datelines(head, published, source):
    text = f"江东市城镇化率再创新高\n{head}\n{BODY}"
    records = extract(text)
    assert [(r.published, r.source) for r in records] == [(published, source)]
    assert [r.text for r in records] == ["65.2%"]  # the dateline's numbers are dates, not figures


def test_a_dateline_without_its_year_takes_it_only_from_a_full_date_stated_elsewhere():
    stated = "新华社北京10月16日电（记者 张三）今天发布……\n（2024年10月16日 人民日报）\n"
    assert find_dateline(stated).published == "2024-10-16"
    other = "新华社北京10月16日电（记者 张三）2024年10月17日……\n"
    assert find_dateline(other).published is None


def test_no_dateline_in_ordinary_text():
    assert find_dateline("城镇化率再创新高\n2024年末，全省城镇化率达到59.22%。\n") is None
    assert find_dateline("2024年3月5日，省政府召开会议。\n") is None  # a sentence that starts with a date
    assert find_dateline("标题\n发布时间：2024年2月30日\n").published is None  # no such day


def test_a_digest_keeps_its_own_outlet_lines():
    digest = "城镇化专题\n标题一\n人民网· 2024-03-05 10:00\n城镇化率达到66.16%。\n标题二\n新华网· 2024-03-06\n增长5.2%。\n"
    records = extract(digest)
    assert [(r.source, r.published) for r in records] == [("人民网", "2024-03-05T10:00:00"), ("新华网", "2024-03-06")]


@pytest.mark.parametrize(
    "value, iso",
    [("2024-03-05T10:00:00+08:00", "2024-03-05T10:00:00+08:00"), ("2024-03-05T10:00:00+0800", "2024-03-05T10:00:00+08:00"),
     ("2024-03-05 10:00", "2024-03-05T10:00:00"), ("2024年3月5日", "2024-03-05"), ("Tuesday", None)],
)
def test_iso_datetime(value, iso):
    assert iso_datetime(value) == iso


def test_html_meta_wins_over_the_dateline(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta property="article:published_time" content="2024-03-05T10:00:00+08:00">'
        '<meta property="og:site_name" content="人民网"><title>标题</title></head><body>'
        f"<p>2021-02-25 09:30　来源：江东观察网</p><p>{BODY}</p></body></html>", encoding="utf-8")
    document = extract_document(path=page)
    assert [(r.published, r.source) for r in document.records] == [("2024-03-05T10:00:00+08:00", "人民网")]


def test_html_author_when_no_site_name(tmp_path):
    page = tmp_path / "a.htm"
    page.write_text(f'<html><head><meta name="author" content="江东日报"></head><body><p>{BODY}</p></body></html>',
                    encoding="utf-8")
    assert [(r.published, r.source) for r in extract_document(path=page).records] == [(None, "江东日报")]
