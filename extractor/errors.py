"""One exception root, so callers can catch everything policy-extract raises on purpose.

Content never raises: odd text yields fewer records. Only inputs that cannot be read or
decoded (InputError) and rule packs that do not validate (RuleError) do.
"""

from __future__ import annotations

import re

# Lone surrogates: os.fsdecode gives U+DC80..U+DCFF for each byte of a file name that is not
# UTF-8 (a GBK name unzipped from a Windows archive); no UTF-8 stream can write them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """The one form of a file name in records (`doc`) and messages: valid Unicode always.

    A name that is UTF-8 stays as it is; each raw byte of one that is not becomes `\\xNN`
    (b'\\xb3\\xc7.txt' -> '\\xb3\\xc7.txt'), so every output format and a strict UTF-8
    stream can write it, and the bytes can still be told from the name.
    """
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(lambda m: _escaped(ord(m.group())), name)


def _escaped(code: int) -> str:
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


class PolicyExtractError(Exception):
    """Root of every error policy-extract raises on purpose."""


class InputError(PolicyExtractError):
    """An input that cannot be read or decoded; the message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        path = display_name(path)
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class RuleError(PolicyExtractError):
    """A rule file that does not validate; the message names the file and the entry."""

    def __init__(self, file: str, entry: str, reason: str):
        file = display_name(file)
        self.file = file
        self.entry = entry
        self.reason = reason
        where = f"{file} -> {entry}" if entry else file
        super().__init__(f"[{where}] {reason}")
