"""Bytes -> text for one input, in an order that does not turn Chinese into mojibake.

Scraped folders mix UTF-8, GBK/GB2312 pages and the odd UTF-16 export. UTF-8 bytes also
decode "successfully" as GB18030 (城镇化率 -> 鍩庨晣鍖栫巼) and charset-normalizer labels
short GBK sentences as UTF-16, so the attempts run strictest first:

    --encoding override -> BOM -> <meta charset> (HTML) -> strict UTF-8 -> strict GB18030
    -> charset-normalizer (inputs over 200 bytes only) -> InputError that suggests --encoding

GB18030 is a superset of GBK and GB2312, so the `gbk` codec is never used. Binary files
(images, archives, NUL bytes) are refused before any attempt, because every byte string
decodes as *something*. Record offsets are into the returned text: a BOM is not part of it,
and nothing else is stripped.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import InputError
from .inputs import os_reason

log = logging.getLogger(__name__)

#: charset-normalizer misreads short inputs (an 18-byte GBK sentence came back as UTF-16).
DETECT_MIN_BYTES = 200

#: Share of control bytes (other than tab, newlines, form feed, escape) that marks a file binary.
CONTROL_SHARE = 0.10
_SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b") + b"\x7f"

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (.doc/.xls)"),
)

#: Names pages declare that must be read with a wider codec than their label.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


@dataclass(frozen=True)
class Decoded:
    """Decoded text of one input, the codec that produced it, and whether that was a guess.

    `note` says why a result is a guess (detected by charset-normalizer, or a UTF-8 file cut
    off inside its last character), so the CLI can warn about it.
    """

    text: str
    encoding: str
    guessed: bool = False
    note: Optional[str] = None
    #: What an HTML page's <meta> tags say: ISO 8601 date-time and outlet (None for text).
    published: Optional[str] = None
    source: Optional[str] = None


def read_text(path: Path, encoding: Optional[str] = None) -> Decoded:
    """Read and decode the file at `path` (HTML, by its suffix or its content, reduced to its visible text)."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), os_reason(exc)) from None
    return decode_bytes(raw, str(path), encoding=encoding, html=path.suffix.lower() in HTML_SUFFIXES or None)


#: Names that mark a page before its content is looked at; any other input is HTML when it opens as one.
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def decode_bytes(raw: bytes, name: str, encoding: Optional[str] = None, html: Optional[bool] = None) -> Decoded:
    """Decode `raw` (named `name` in errors); an HTML page becomes its visible text.

    `html` None decides by content: input whose first bytes open an HTML document
    (<!DOCTYPE html>, <html>, after any BOM, XML declaration or comment) is a page,
    whatever its file is called; scripts and styles are never read as text.
    """
    from .htmltext import is_html

    if html is None:
        html = is_html(raw[:4096].decode("latin-1"))
    decoded = _decode(raw, name, encoding, html)
    if not html and not raw.isascii() and is_html(decoded.text[:4096]):  # UTF-16 pages, say
        html = True
    if html:
        from .htmltext import html_to_text, page_meta

        published, source = page_meta(decoded.text)
        return Decoded(html_to_text(decoded.text), decoded.encoding, decoded.guessed, decoded.note, published, source)
    return decoded


def _decode(raw: bytes, name: str, encoding: Optional[str], html: bool) -> Decoded:
    kind = _binary_kind(raw, sniff=encoding is None)
    if kind:
        raise InputError(name, f"binary file ({kind}), not text")
    if encoding:
        return _decode_as(raw, name, encoding)
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, name, codec, f"invalid {codec.upper()} after its byte order mark")
    if html:
        declared = _declared_codec(raw)
        if declared:
            try:
                return Decoded(raw.decode(declared), declared)
            except UnicodeDecodeError:
                log.info("%s: page declares %s but is not; trying others", name, declared)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data":
        # Valid UTF-8 up to a last character cut short (a half-written file): keep the text
        # rather than let GB18030 turn all of it into mojibake.
        text = raw.decode("utf-8", errors="replace")
        note = f"ends inside a UTF-8 character at byte {utf8_error.start} (truncated?); it was replaced by U+FFFD"
        return Decoded(text, "utf-8", guessed=True, note=note)
    gb18030 = _gb18030(raw, name)
    if gb18030 is not None:
        return gb18030
    if len(raw) > DETECT_MIN_BYTES:
        detected = _detect(raw, name)
        if detected:
            return detected
    bad = raw[utf8_error.start]
    raise InputError(
        name,
        f"cannot decode: not UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) and not GB18030; "
        "name the encoding with --encoding, e.g. --encoding gb18030 or --encoding big5",
    )


def _gb18030(raw: bytes, name: str) -> Optional[Decoded]:
    """`raw` as GB18030 text, or None. A file cut inside its last character (a download
    stopped halfway) keeps its text: the partial character is dropped, with a note."""
    try:
        text, note = raw.decode("gb18030"), None
    except UnicodeDecodeError as exc:
        if exc.end != len(raw) or len(raw) - exc.start > 3:
            return None
        try:
            text = raw[:exc.start].decode("gb18030")
        except UnicodeDecodeError:
            return None
        note = f"ends inside a GB18030 character at byte {exc.start} (truncated?); it was dropped"
    if not text or _mostly_private_use(text):
        return None
    return Decoded(text, "gb18030", guessed=note is not None, note=note)


def _mostly_private_use(text: str) -> bool:
    """True when GB18030 produced private-use characters: Big5 or Shift-JIS bytes do that.

    GB18030 maps byte pairs no character is assigned to onto the private use area, so a
    Big5 page "decodes" without error into U+E000-U+F8FF; real GBK text has next to none.
    """
    private = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff")
    return private > max(1, len(text) // 100)


def text_codec(encoding: str) -> str:
    """The codec `encoding` names, if it turns bytes into text; ValueError says why not.

    codecs.lookup also knows rot13 (text to text), base64, hex and zlib (bytes to bytes) and
    'undefined' (refuses everything): none of them can read a file as text.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    hint = "name one such as gb18030, big5 or utf-16-le"
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{encoding!r} is a transform, not a text encoding; {hint}")
    try:
        b"a".decode(info.name)
    except UnicodeDecodeError:
        pass  # a codec that needs more bytes (utf-16) reads text all the same
    except (UnicodeError, ValueError, LookupError):
        raise ValueError(f"{encoding!r} cannot decode text; {hint}") from None
    return info.name


def _decode_as(raw: bytes, name: str, encoding: str) -> Decoded:
    """Decode with the codec the user named; a leading BOM is dropped, nothing else."""
    try:
        codec = text_codec(encoding)
    except ValueError as exc:
        raise InputError(name, str(exc)) from None
    decoded = _strict(raw, name, codec, f"not valid {encoding}")
    if decoded.text.startswith("\ufeff"):
        return Decoded(decoded.text[1:], codec)
    return decoded


def _strict(raw: bytes, name: str, codec: str, what: str) -> Decoded:
    try:
        return Decoded(raw.decode(codec), codec)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"cannot decode: {what} (byte offset {exc.start})") from None
    except (UnicodeError, ValueError) as exc:  # a codec that fails without a position (idna, say)
        raise InputError(name, f"cannot decode: {what} ({exc})") from None


def _declared_codec(raw: bytes) -> Optional[str]:
    """The codec for a page's <meta charset>, widened (GB2312 -> GB18030); None if unknown."""
    from .htmltext import declared_charset

    label = declared_charset(raw)
    if not label:
        return None
    label = _WIDER.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


#: Guesses that are taken: Chinese, Unicode and Western encodings. Any other guess (cp874
#: Thai for a cut GB18030 file, say) is far more often wrong than right for these inputs.
_TRUSTED_GUESSES = frozenset({
    "gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp936",
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
    "ascii", "latin-1", "iso8859-1", "iso8859-15", "cp1252",
})


def _detect(raw: bytes, name: str) -> Optional[Decoded]:
    """charset-normalizer's best guess, as the last resort before giving up; a guess that is
    not a Chinese, Unicode or Western encoding is an error that names it, never a silent read."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name
    if codec not in _TRUSTED_GUESSES:
        raise InputError(name, f"cannot decode: not UTF-8 and not GB18030, and it looks like {codec}, which is not "
                               "a Chinese, Unicode or Western encoding; if that is right, pass --encoding " + codec)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return Decoded(text, codec, guessed=True, note=f"encoding guessed as {codec}; pass --encoding if that is wrong")


def _binary_kind(raw: bytes, sniff: bool) -> Optional[str]:
    """Why `raw` is not text (a file signature, NUL or control bytes), or None.

    Only signatures count when the user named a codec (UTF-16 without a BOM is full of NUL
    bytes), and a file that starts with a UTF-16/32 BOM is expected to have NULs.
    """
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    if not sniff or any(raw.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig"):
        return None
    if b"\x00" in raw:
        return "contains NUL bytes; if it is UTF-16 without a byte order mark, pass --encoding utf-16-le"
    sample = raw[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(sample)}"
    return None
