"""Inputs named by fsspec URLs and globs (s3://bucket/2024/*.txt, file:///data/a.txt), for runs
on a Dask cluster, where each worker reads its own files.

fsspec comes with dask; the filesystem behind a protocol (s3fs, gcsfs, ...) is whatever the
user has installed. Expansion (listing, globbing) happens once, on the client, and yields
only names; reading happens where the name is processed. Errors follow inputs.py: an
argument that gives no file is one `InputError`, a file that cannot be read another, and
the run goes on.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Optional, Sequence

from ..errors import InputError
from .inputs import Expansion, Source, os_reason

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_MAGIC = re.compile(r"[*?\[]")


def is_url(name: str) -> bool:
    """Does `name` carry a protocol (scheme://...)?"""
    return bool(_URL.match(name))


def is_pattern(name: str) -> bool:
    """Does `name` hold glob characters (*, ?, [)?"""
    return bool(_MAGIC.search(name))


def expand_urls(args: Sequence[str], globs: Sequence[str]) -> Expansion:
    """Sources of URL and glob arguments, in sorted order, each file once (URLs keep their
    protocol, so a worker can open them).

    A pattern gives the files it matches; a directory the files under it that match one
    of `globs` (case-insensitive, as inputs.expand); a file itself. An argument that
    gives nothing is an error of that argument.
    """
    import fsspec

    result = Expansion()
    names: dict[str, None] = {}
    for arg in dict.fromkeys(args):
        if not is_url(arg):  # a local pattern: names stay relative, as the shell would give them
            import glob
            import os

            found = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
            if not found:
                result.errors.append(InputError(arg, "no file matches this pattern"))
            names.update(dict.fromkeys(found))
            continue
        try:
            fs, path = fsspec.core.url_to_fs(arg)
        except (ImportError, ValueError) as exc:  # an unknown protocol, or its package missing
            result.errors.append(InputError(arg, str(exc).splitlines()[0]))
            continue
        try:
            found = _files(fs, path, globs)
        except OSError as exc:
            result.errors.append(InputError(arg, os_reason(exc)))
            continue
        if not found:
            result.errors.append(InputError(arg, "no such file or directory" if not is_pattern(arg)
                                            else "no file matches this pattern"))
        for name in found:
            names.setdefault(fs.unstrip_protocol(name), None)
    result.sources = [Source(name) for name in sorted(names)]
    return result


def _files(fs, path: str, globs: Sequence[str]) -> list[str]:
    if is_pattern(path):
        return [p for p in fs.glob(path) if fs.isfile(p)]
    if fs.isdir(path):
        return [p for p in fs.find(path) if _matches(p, globs)]
    return [path] if fs.exists(path) else []


def _matches(path: str, globs: Sequence[str]) -> bool:
    name = PurePosixPath(path.lower())
    return any(name.match(pattern.lower()) for pattern in globs)


def read_url(name: str, encoding: Optional[str] = None):
    """Read and decode the file at the URL `name` (a `decoding.Decoded`); raises InputError."""
    import fsspec

    from .decoding import HTML_SUFFIXES, decode_bytes

    try:
        with fsspec.open(name, "rb") as handle:
            raw = handle.read()
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, os_reason(exc)) from None
    html = PurePosixPath(name).suffix.lower() in HTML_SUFFIXES or None  # as read_text: else by content
    return decode_bytes(raw, name, encoding=encoding, html=html)
