"""HTML page -> plain text, the text that record offsets of an HTML input refer to.

Government and news pages are HTML, often GB2312 with a <meta charset>. The page is
reduced to its visible text: script, style and similar elements are dropped, every block
element starts a new line, runs of white space fold to one space, and the <title> is
the first line. The result is deterministic, so gold offsets for an HTML sample are
offsets into `html_to_text(page)`.

The parser's time grows with the square of the nesting depth (100,000 unclosed <div> took
22 s, in C code that Ctrl-C cannot interrupt). A page nested deeper than MAX_DEPTH, which
no real page is, is reduced by a linear tag-stripping pass in Python instead.
"""

from __future__ import annotations

import html as entities
import re
from typing import Optional

_INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "object"]
_BLOCKS = frozenset(
    "address article aside blockquote body br caption dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table "
    "tbody td tfoot th thead title tr ul".split()
)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>|<![^>]*>")
#: Elements without content, or closed by their next sibling: they do not deepen the tree.
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option "
    "thead tbody tfoot colgroup rt rp optgroup".split()
)
#: Deeper than this (open tags never closed), a page is stripped of tags instead of parsed.
MAX_DEPTH = 2000
_BODY_START = re.compile(r"</head\s*>|<body\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
#: An HTML document's opening, after any BOM, white space, XML declaration and comments.
_HTML_START = re.compile(r"\A(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
                         re.I | re.S)
#: <meta> names and properties that date a page or name its outlet, most specific first.
_PUBLISHED_META = ("article:published_time", "pubdate", "publishdate", "publish_date", "og:published_time",
                   "dc.date", "date")
_SOURCE_META = ("og:site_name", "contentsource", "source", "sitename", "author")


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB, if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def is_html(start: str) -> bool:
    """True when `start` (the first KB or so of an input) opens an HTML document, whatever
    the file is called: saved .shtml, .php and .aspx pages are HTML too."""
    return _HTML_START.match(start[:4096]) is not None


def page_meta(html: str) -> tuple[str | None, str | None]:
    """(published, source) from the page's <meta> tags: ISO 8601 date-time, outlet name."""
    from selectolax.lexbor import LexborHTMLParser

    from .dateline import iso_datetime

    if nesting_depth(html) > MAX_DEPTH:  # too deep to parse whole: the <meta> tags are in the head
        body = _BODY_START.search(html)
        html = html[:body.start()] if body else ""
    found: dict[str, str] = {}
    for node in LexborHTMLParser(html).css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if key and content:
            found.setdefault(key, content)
    published = next((iso for key in _PUBLISHED_META if key in found
                      for iso in [iso_datetime(found[key])] if iso), None)
    source = next((found[key] for key in _SOURCE_META if key in found), None)
    return published, source


def html_to_text(html: str) -> str:
    """Visible text of `html`: the title on the first line, one line per block element."""
    if nesting_depth(html) > MAX_DEPTH:
        return _stripped(html)
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(_INVISIBLE)
    parts: list[str] = []

    def newline() -> None:
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")

    root = tree.root
    if root is None:
        return ""
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            chunk = _SPACE.sub(" ", node.text_content or "")
            if not parts or parts[-1].endswith("\n"):
                chunk = chunk.lstrip(" ")
            if chunk:
                parts.append(chunk)
        elif tag in _BLOCKS:
            newline()
    lines = [line.rstrip(" ") for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line) + "\n"


def nesting_depth(html: str) -> int:
    """An upper estimate of how deep `html` nests: open tags minus closing ones, elements
    that close themselves or by their next sibling not counted. Linear in the page."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, self_closing = m.group(1), m.group(2), m.group(3)
        if not name or self_closing or name.lower() in _FLAT:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _stripped(html: str) -> str:
    """The text of a page too deeply nested to parse, by one pass over its tags: invisible
    elements dropped, a line break at every block element, entities decoded, white space
    folded as html_to_text does."""
    parts: list[str] = []
    hidden: Optional[str] = None  # the invisible element being skipped (script, style, ...)
    pos = 0
    for m in _TAG.finditer(html):
        if hidden is None:
            parts.append(_SPACE.sub(" ", entities.unescape(html[pos:m.start()])))
        pos = m.end()
        name = (m.group(2) or "").lower()
        if hidden is not None:
            if m.group(1) and name == hidden:
                hidden = None
            continue
        if name in _INVISIBLE and not m.group(1) and not m.group(3):
            hidden = name
        elif name in _BLOCKS:
            parts.append("\n")
    if hidden is None:
        parts.append(_SPACE.sub(" ", entities.unescape(html[pos:])))
    lines = [line.strip(" ") for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line) + "\n"
