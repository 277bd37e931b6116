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

from .records import Record, make_record


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


def extract(text: str, *, rules=None, doc: str = "-") -> list[Record]:
    """Every figure in `text` as a typed record, offsets into `text` itself.

    `rules` is a RulePack from `extractor.rules.load_rules` (the built-in pack when None).
    A digest of several articles is recognised and split; records then carry the article's
    index, title, source and published date-time.
    """
    return extract_document(text, doc=doc, rules=rules).records


def extract_document(
    source: Union[str, os.PathLike],
    *,
    doc: Optional[str] = None,
    rules=None,
    encoding: Optional[str] = None,
) -> Document:
    """Read, decode and extract one whole input.

    `source` is a path (a `pathlib.Path` or other os.PathLike: the file is read, decoded
    and, for .html/.htm, reduced to text) or the text itself (a `str`). `doc` names the
    input in the records: by default the path as given, or "-" for text.
    Raises InputError when a file cannot be read or decoded.
    """
    from .engine import extract_articles
    from .pack.rules import default_rules

    pack = rules if rules is not None else default_rules()
    if isinstance(source, str):
        text, used_encoding, name = source, None, doc or "-"
    else:
        from .reading.decoding import read_text

        decoded = read_text(Path(source), encoding=encoding)
        text, used_encoding, name = decoded.text, decoded.encoding, doc or os.fspath(source)
    spans, rows = extract_articles(text, pack, doc=name)
    articles = [Article(index=a.index, title=a.title, source=a.source, published=a.published, start=a.start,
                        end=a.end) for a in spans]
    return Document(doc=name, text=text, encoding=used_encoding, articles=articles,
                    records=[make_record(row) for row in rows])
