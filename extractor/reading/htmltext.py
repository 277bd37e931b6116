"""HTML page -> plain text, the text that record offsets of an HTML input refer to.

Government and news pages are HTML, often GB2312 with a <meta charset>. The page is
reduced to its visible text: script, style and similar elements are dropped, every block
element starts a new line, runs of white space fold to one space, and the <title> is
the first line. The result is deterministic, so gold offsets for an HTML sample are
offsets into `html_to_text(page)`.
"""

from __future__ import annotations

import re

_INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "object"]
_BLOCKS = frozenset(
    "address article aside blockquote body br caption dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table "
    "tbody td tfoot th thead title tr ul".split()
)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB, if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def html_to_text(html: str) -> str:
    """Visible text of `html`: the title on the first line, one line per block element."""
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
