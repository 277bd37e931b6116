"""The library's two entry points: `extract` for a text, `extract_document` for a whole input.

Both are pure functions of their input and rules: no global state is changed, records are
frozen pydantic models (picklable), so they are safe to map over a corpus in worker
processes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict

from .errors import display_name
from .records import Record, make_records


class Article(BaseModel):
    """One article of an input: a digest holds several, a plain text exactly one (index None)."""

    model_config = ConfigDict(frozen=True)

    index: Optional[int] = None
    title: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None
    start: int
    end: int


class Document(BaseModel):
    """A decoded input with its articles and the records found in it (offsets into `text`)."""

    model_config = ConfigDict(frozen=True)

    doc: str
    text: str
    encoding: Optional[str] = None
    articles: list[Article]
    records: list[Record]


def _pack(rules):
    """The pack to use: `rules`, or the built-in one; a TypeError that says what `rules` must be."""
    from .pack.rules import RulePack, default_rules

    if rules is None:
        return default_rules()
    if not isinstance(rules, RulePack):
        raise TypeError(f"rules must be a rule pack from extractor.load_rules([...]) or None, "
                        f"not {type(rules).__name__} {rules!r:.40}")
    return rules


def extract(text: str, *, rules=None, doc: str = "-") -> list[Record]:
    """Every figure in `text` as a typed record, offsets into `text` itself.

    `rules` is a RulePack from `extractor.load_rules` (the built-in pack when None).
    A digest of several articles is recognised and split; records then carry the article's
    index, title, source and published date-time.
    """
    return extract_document(text=text, doc=doc, rules=rules).records


def extract_document(
    source: Union[str, os.PathLike, None] = None,
    *,
    path: Union[str, os.PathLike, None] = None,
    text: Optional[str] = None,
    doc: Optional[str] = None,
    rules=None,
    encoding: Optional[str] = None,
) -> Document:
    """Read, decode and extract one whole input: a file (`path=`) or a string (`text=`).

    Say which one it is, so that a path is never taken for text::

        extract_document(path="article.txt")        # str or os.PathLike: the file is read
        extract_document(text="城镇化率达到59.22%")   # the text itself

    A positional `source` is read as a path when it is an os.PathLike (pathlib.Path) and as
    text when it is a str, except that a one-line str naming an existing file raises
    ValueError instead of silently extracting the file name. The file is decoded (BOM,
    UTF-8, GB18030, ...) and an HTML document, recognised by its content, is reduced to its
    visible text. `doc` names the input in the records: by default the path as given, or
    "-" for text. Raises InputError when a file cannot be read or decoded.
    """
    from .engine import extract_articles

    path, text = _path_or_text(source, path, text)
    pack = _pack(rules)
    published = site = None
    if text is not None:
        used_encoding, name = None, doc or "-"
    else:
        from .reading.decoding import read_text

        decoded = read_text(Path(path), encoding=encoding)
        text, used_encoding, name = decoded.text, decoded.encoding, doc or display_name(os.fspath(path))
        published, site = decoded.published, decoded.source
    spans, rows = extract_articles(text, pack, doc=name, published=published, source=site)
    articles = [Article(index=a.index, title=a.title, source=a.source, published=a.published, start=a.start,
                        end=a.end) for a in spans]
    return Document(doc=name, text=text, encoding=used_encoding, articles=articles,
                    records=make_records(rows))


def _path_or_text(source, path, text) -> tuple[Optional[Union[str, os.PathLike]], Optional[str]]:
    """(path, None) or (None, text) from the arguments of extract_document; TypeError/ValueError
    when they are missing, both given, or a str that names a file is passed as `source`."""
    given = [name for name, value in (("source", source), ("path", path), ("text", text)) if value is not None]
    if len(given) != 1:
        raise TypeError(f"extract_document() takes exactly one of source, path= or text= (got {', '.join(given) or 'none'})")
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"text= must be a str, not {type(text).__name__}")
        return None, text
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path= must be a str or os.PathLike, not {type(path).__name__}")
        return path, None
    if isinstance(source, os.PathLike):
        return source, None
    if not isinstance(source, str):
        raise TypeError(f"source must be a str (text) or os.PathLike (a path), not {type(source).__name__}")
    if "\n" not in source and len(source) < 4096 and _is_file(source):
        raise ValueError(f"{source!r} names a file: pass path={source!r} to read it, or text=... to extract the string")
    return None, source


def _is_file(name: str) -> bool:
    try:
        return os.path.isfile(name)
    except (OSError, ValueError):
        return False
