"""TOML values written by the generators of rules/regions.toml and rules/counties.toml."""

import json


def q(s):
    """A TOML basic string (JSON's escaping is TOML's), Chinese kept as is."""
    return json.dumps(s, ensure_ascii=False)


def ql(xs):
    """A TOML array of strings on one line."""
    return "[" + ", ".join(q(x) for x in xs) + "]"
