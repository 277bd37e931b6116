"""One exception root, so callers can catch everything policy-extract raises on purpose.

Content never raises: odd text yields fewer records. Only inputs that cannot be read or
decoded (InputError) and rule packs that do not validate (RuleError) do.
"""

from __future__ import annotations


class PolicyExtractError(Exception):
    """Root of every error policy-extract raises on purpose."""


class InputError(PolicyExtractError):
    """An input that cannot be read or decoded; the message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class RuleError(PolicyExtractError):
    """A rule file that does not validate; the message names the file and the entry."""

    def __init__(self, file: str, entry: str, reason: str):
        self.file = file
        self.entry = entry
        self.reason = reason
        where = f"{file} -> {entry}" if entry else file
        super().__init__(f"[{where}] {reason}")
