"""policy-extract: figures in Chinese policy articles as typed, character-grounded records.

    >>> from extractor import extract
    >>> [(r.kind, r.metric, r.value) for r in extract("城镇化率达到59.22%")]
    [('percentage', 'urbanization_rate', 59.22)]

Importing the package is cheap: the rule pack and the tokenizer load on first use.
"""

from __future__ import annotations

from .version import __version__

__all__ = ["extract", "extract_document", "load_rules", "Record", "Document", "Article", "__version__"]


def __getattr__(name: str):
    """Resolve the public names lazily, so `--help` and `--version` stay fast."""
    if name in ("extract", "extract_document", "Document", "Article"):
        from . import api

        return getattr(api, name)
    if name == "load_rules":
        from .pack.rules import load_rules

        return load_rules
    if name == "Record":
        from .records import Record

        return Record
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
