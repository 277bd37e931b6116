"""policy-extract: figures in Chinese policy articles as typed, character-grounded records.

    >>> from extractor import extract
    >>> [(r.kind, r.metric, r.value) for r in extract("城镇化率达到59.22%")]
    [('percentage', 'urbanization_rate', 59.22)]

Public names: extract (a text -> records), extract_document (a file via path= or a string
via text= -> the document with its articles and records), load_rules (a rule pack of your
own), Record (one figure), Document and Article, facts (records -> one row per place,
metric and year, with sources and conflicts), and the errors InputError and RuleError
(both PolicyExtractError). Importing the package is cheap: pydantic, the rule pack and the
tokenizer load on first use of a name that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InputError, PolicyExtractError, RuleError
from .version import __version__

if TYPE_CHECKING:  # what IDEs and type checkers see; at run time these resolve in __getattr__
    from . import facts
    from .api import Article, Document, extract, extract_document
    from .pack.rules import load_rules
    from .records import Record

__all__ = [
    "extract", "extract_document", "facts", "load_rules", "Record", "Document", "Article",
    "InputError", "RuleError", "PolicyExtractError", "__version__",
]

_LAZY = {
    "extract": "api", "extract_document": "api", "Document": "api", "Article": "api",
    "load_rules": "pack.rules", "Record": "records",
}


def __getattr__(name: str):
    """Resolve the public names lazily, so `--help` and `--version` stay fast."""
    from importlib import import_module

    if name == "facts":  # a callable module: facts(records) is facts.table(records)
        return import_module(f"{__name__}.facts")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # resolved once
    return value


def __dir__() -> list[str]:
    """The public names too, so help(extractor) and completion list them (loading them)."""
    return sorted(set(globals()) | set(__all__))
