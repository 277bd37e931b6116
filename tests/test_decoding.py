"""Bytes -> text: the order of attempts, binary refusal, BOMs, HTML, and the errors' wording."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import InputError
from extractor.reading.decoding import DETECT_MIN_BYTES, decode_bytes, read_text

TEXT = "2024年末，全省常住人口城镇化率达到59.22%，比上年提高0.9个百分点。"


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),  # GBK is read with its superset, never the gbk codec
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
    ],
    ids=["utf-8", "gb18030", "gbk", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-32-bom"],
)
def test_decodes_without_a_hint(raw, encoding):
    decoded = decode_bytes(raw, "a.txt")
    assert decoded.text == TEXT  # a BOM is not part of the text: offsets start after it
    assert decoded.encoding == encoding
    assert not decoded.guessed


def test_utf8_is_tried_before_gb18030():
    # These UTF-8 bytes also decode as GB18030, into mojibake (鍩庨晣鍖栫巼).
    assert decode_bytes("城镇化率".encode(), "a.txt").text == "城镇化率"


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_and_blank_inputs_are_text(raw):
    assert decode_bytes(raw, "a.txt").text == raw.decode()


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04" + bytes(40), "ZIP archive"),
        (b"\xff\xd8\xff\xe0" + bytes(40), "JPEG image"),
        ("城镇化率".encode() + b"\x00\x00" + "59.22%".encode(), "NUL bytes"),
        (bytes(range(1, 9)) * 40, "control bytes"),
    ],
    ids=["png", "pdf", "zip", "jpeg", "nul", "controls"],
)
def test_binary_files_are_refused(raw, reason):
    with pytest.raises(InputError) as caught:
        decode_bytes(raw, "scan.txt")
    assert caught.value.path == "scan.txt"
    assert "binary file" in caught.value.reason and reason in caught.value.reason


def test_nul_bytes_suggest_utf16_and_the_override_reads_it():
    raw = TEXT.encode("utf-16-le")  # no BOM: half the bytes are NUL
    with pytest.raises(InputError, match="--encoding utf-16-le"):
        decode_bytes(raw, "a.txt")
    assert decode_bytes(raw, "a.txt", encoding="utf-16-le").text == TEXT


def test_a_few_control_characters_stay_in_the_text():
    text = "城镇化率\x07达到\x0b59.22%\x1b[0m。"
    assert decode_bytes(text.encode(), "a.txt").text == text


def test_truncated_utf8_keeps_the_text_and_says_so():
    raw = TEXT.encode()[:-2]  # cut inside the final "。"
    decoded = decode_bytes(raw, "half.txt")
    assert decoded.text == TEXT[:-1] + "\ufffd"
    assert decoded.encoding == "utf-8" and decoded.guessed
    assert "truncated" in decoded.note


def test_big5_is_not_taken_for_gb18030():
    short = TEXT.encode("big5", errors="ignore")
    assert len(short) < DETECT_MIN_BYTES
    with pytest.raises(InputError) as caught:
        decode_bytes(short, "tw.txt")
    assert "cannot decode" in caught.value.reason and "--encoding" in caught.value.reason
    assert "offset" in caught.value.reason
    assert decode_bytes(short, "tw.txt", encoding="big5").text.startswith("2024年末")


def test_long_inputs_fall_back_to_detection_and_are_marked_guessed():
    raw = (TEXT * 6).encode("big5", errors="ignore")
    decoded = decode_bytes(raw, "tw.txt")
    assert decoded.guessed and decoded.note
    assert "全省" in decoded.text


def test_override_that_does_not_fit_names_the_offset():
    with pytest.raises(InputError, match=r"not valid utf-8 \(byte offset 4\)"):
        decode_bytes(TEXT.encode("gb18030"), "a.txt", encoding="utf-8")


def test_override_drops_a_bom_and_nothing_else():
    assert decode_bytes(codecs.BOM_UTF8 + b" x ", "a.txt", encoding="utf-8").text == " x "


def test_unknown_override_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(b"x", "a.txt", encoding="no-such-codec")


def test_html_uses_its_meta_charset_and_becomes_text():
    page = f'<html><head><meta charset="gb2312"><title>标题</title></head><body><p>{TEXT}</p></body></html>'
    decoded = decode_bytes(page.encode("gb18030"), "a.html", html=True)
    assert decoded.encoding == "gb18030"
    assert decoded.text == f"标题\n{TEXT}\n"


def test_html_that_lies_about_its_charset_is_still_read():
    page = f'<meta charset="utf-8"><p>{TEXT}</p>'
    assert TEXT in decode_bytes(page.encode("gb18030"), "a.html", html=True).text


def test_read_text_turns_html_files_into_text(tmp_path):
    path = tmp_path / "page.HTM"
    path.write_text(f"<p>{TEXT}</p><script>var x = '99%';</script>", encoding="utf-8")
    assert read_text(path).text == TEXT + "\n"


@pytest.mark.parametrize("make, reason", [(lambda p: p, "no such file"), (lambda p: p.mkdir() or p, "is a directory")])
def test_read_text_reports_os_errors(tmp_path, make, reason):
    path = make(tmp_path / "x.txt")
    with pytest.raises(InputError, match=reason):
        read_text(path)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_decode_or_raise_input_error(raw):
    try:
        decoded = decode_bytes(raw, "x.txt")
    except InputError:
        return
    decoded.text.encode("utf-8")  # no lone surrogates come out of decoding


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_utf8_text_round_trips_exactly(text):
    if text.startswith("\ufeff"):  # indistinguishable from a byte order mark
        text = text[1:]
    assert decode_bytes(text.encode("utf-8"), "x.txt").text == text


# --- HTML by content, not by name (issue 15) ------------------------------------------------------

PAGE = ("<!DOCTYPE html>\n<html><head><title>标题</title><style>p {{ width: 50% }}</style>"
        "<script>var s = '城镇化率达到99.9%';</script></head><body><p>城镇化率达到59.22%。</p></body></html>")


@pytest.mark.parametrize("name", ["a.shtml", "a.xhtml", "a.php", "a.aspx", "a.txt", "noname"])
def test_a_page_is_read_as_html_whatever_its_name(tmp_path, name):
    from extractor import extract_document

    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    document = extract_document(path=path)
    assert document.text == "标题\n城镇化率达到59.22%。\n"
    assert [r.value for r in document.records] == [59.22]  # nothing from the script or the style


@pytest.mark.parametrize(
    "start, html",
    [("<!doctype html>", True), ("\ufeff  <html lang='zh'>", True), ('<?xml version="1.0"?>\n<html xmlns="x">', True),
     ("<!-- saved -->\n<HTML>", True), ("<head><meta charset=gbk>", True),
     ("城镇化 <html>", False), ("<b>粗体</b> 城镇化率", False), ("html 5 is a standard", False)],
)
def test_html_sniffing(start, html):
    from extractor.reading.htmltext import is_html

    assert is_html(start) is html


def test_a_utf16_page_is_recognised_after_decoding():
    from extractor.reading.decoding import decode_bytes

    decoded = decode_bytes(PAGE.encode("utf-16"), "a.dat")
    assert decoded.text.startswith("标题\n") and "99.9" not in decoded.text


def test_default_globs_take_saved_pages(tmp_path):
    from extractor.reading.inputs import DEFAULT_GLOBS, expand

    assert {"*.shtml", "*.xhtml"} <= set(DEFAULT_GLOBS)
    for name in ("a.shtml", "b.xhtml", "c.php"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    assert [s.name.rsplit("/", 1)[-1] for s in expand([str(tmp_path)]).sources] == ["a.shtml", "b.xhtml"]
