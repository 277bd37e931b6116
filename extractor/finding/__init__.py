"""Finding figures: folding, numbers, quantities, periods and the tokenizer.

The package imports extractor.pack first, so that the compiled regular expressions kept in
the rule cache are in `regex`'s cache before these modules compile theirs (pack/cache.py).
"""

from .. import pack  # noqa: F401
