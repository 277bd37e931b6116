"""A per-user cache of validated rule packs and of their compiled form: a start with cached
rules needs neither TOML parsing nor pydantic, nor compiling the pack's patterns and tables.

Validating the rule files means importing pydantic and building its validators, about
half of a cold start (issue 5). A validated pack is plain frozen dataclasses, so it is
kept as a pickle together with everything it was made from: the names and bytes of the
rule files, the source of rules.py (the classes) and the Python and package versions. An
entry is used only when all of these are equal to the current ones, byte for byte, so an
edited rule file, a user pack or an upgrade never gets a stale pack; a checksum of them
names the entry's file. The cache only saves time: an entry that cannot be read or
written is ignored, and the files are validated as if there were no cache. Since a pickle
can run code when loaded, an entry is read only when it belongs to the current user and
nobody else may write it (POSIX).

The compiled form (pack/compiled.py: regexes, Aho-Corasick automata, the place tables,
the tokenizer's jieba dictionary) is kept in an entry of its own, which also depends on the
source of the modules that build it and on `regex`, pyahocorasick and jieba, whose objects
it pickles.

The regular expressions that the modules compile when imported (a few dozen, about 30 ms
of a start) are kept too, as the `regex` module pickles them, compiled: `preload_patterns`
puts them into `regex`'s own cache of compiled patterns before those modules are imported
(engine.py and pack/rules.py call it first), so that their `regex.compile` finds them
there. This is the one use of `regex`'s private state (its cache dictionaries, as
regex/_main.py fills them): the entry is made by the same `regex` version, and whatever
does not fit is skipped, so the worst case is that patterns are compiled as usual.

The place is $POLICY_EXTRACT_CACHE_DIR, else $XDG_CACHE_HOME/policy-extract, else
~/.cache/policy-extract; POLICY_EXTRACT_CACHE_DIR set to an empty string turns it off.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Optional

from ..version import __version__

log = logging.getLogger(__name__)

CACHE_ENV = "POLICY_EXTRACT_CACHE_DIR"
MAX_ENTRIES = 16  # packs kept; the least recently written go first
_FORMAT = 1


def cache_dir() -> Optional[Path]:
    """Where packs are kept, or None when the cache is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value) if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policy-extract"


def _origin(contents: dict[str, bytes]) -> dict:
    """Everything a validated pack depends on."""
    return {"format": _FORMAT, "version": __version__, "python": sys.version,
            "classes": Path(__file__).with_name("rules.py").read_bytes(), "files": contents}


# The modules whose code shapes a compiled pack (pack/compiled.compile_pack and what it runs).
_COMPILING_MODULES = ("pack/compiled.py", "pack/placenames.py", "finding/normalize.py", "finding/numbers.py",
                      "finding/tokenize.py")


def _compiled_origin(contents: dict[str, bytes]) -> dict:
    """Everything a compiled pack depends on: the pack's own origin, the modules that compile
    it, and the libraries whose objects are pickled in it (jieba's by its file, found
    without importing it)."""
    import importlib.util

    import ahocorasick
    import regex

    package = Path(__file__).parents[1]
    code = {name: (package / name).read_bytes() for name in _COMPILING_MODULES}
    libraries = {}
    for name, path in (("ahocorasick", ahocorasick.__file__), ("jieba", importlib.util.find_spec("jieba").origin)):
        status = os.stat(path)
        libraries[name] = (path, status.st_size, status.st_mtime_ns)
    return {**_origin(contents), "code": code, "regex": regex.__version__, "libraries": libraries}


def _entry(origin: dict, kind: str = "rules") -> Optional[Path]:
    directory = cache_dir()
    if directory is None:
        return None
    checksum = zlib.crc32(repr({**origin, "files": None}).encode())
    for label, data in origin["files"].items():
        checksum = zlib.crc32(data, zlib.crc32(label.encode("utf-8", "surrogateescape"), checksum))
    return directory / f"{kind}-{checksum:08x}-{len(origin['files'])}.pickle"


def _usable(origin: dict, kind: str) -> Optional[Path]:
    """The cache entry of `origin` when it exists and is the current user's alone."""
    path = _entry(origin, kind)
    return path if path is not None and path.is_file() and _private(path) else None


def _load(origin: dict, kind: str):
    try:
        path = _usable(origin, kind)
        if path is None:
            return None
        with open(path, "rb") as handle:
            stored_origin, value = pickle.load(handle)
    except Exception as exc:  # a damaged or foreign entry is a miss, never an error
        log.debug("rule cache not used: %s", exc)
        return None
    return value if stored_origin == origin else None


def _store(origin: dict, kind: str, value) -> None:
    try:
        path = _entry(origin, kind)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{kind}-", suffix=".tmp", delete=False)
        try:
            with handle:
                pickle.dump((origin, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)
        except BaseException:
            os.unlink(handle.name)
            raise
        _prune(path.parent, kind)
    except Exception as exc:  # a read-only home or a full disk costs speed, not the run
        log.debug("rule cache not written: %s", exc)


# The last origin worked out, (kind, contents, origin): a run asks has_compiled, then
# load_compiled, for the same contents; the modules' code is read and hashed once, not twice.
_last_origin: tuple = (None, None, None)


def _origin_of(kind: str, contents: dict[str, bytes], doing: str) -> Optional[dict]:
    """The origin of a `kind` ("rules" or "compiled") entry for `contents`; None (logged) when
    it cannot be worked out: the cache is then skipped, never the run."""
    global _last_origin
    if _last_origin[0] == kind and _last_origin[1] is contents:
        return _last_origin[2]
    try:
        origin = (_origin if kind == "rules" else _compiled_origin)(contents)
    except Exception as exc:
        log.debug("rule cache not %s: %s", doing, exc)
        return None
    _last_origin = (kind, contents, origin)
    return origin


def load(contents: dict[str, bytes]) -> Optional[dict]:
    """The validated files of the pack made of `contents` (label -> bytes), if cached."""
    origin = _origin_of("rules", contents, "used")
    return None if origin is None else _load(origin, "rules")


def store(contents: dict[str, bytes], files: dict) -> None:
    """Keep the validated `files` of the pack made of `contents`; written atomically."""
    origin = _origin_of("rules", contents, "written")
    if origin is not None:
        _store(origin, "rules", files)


def has_compiled(contents: dict[str, bytes]) -> bool:
    """Does the cache hold the compiled form of the pack made of `contents`? Then that pack
    validated when it was compiled (the key covers its bytes and the code that reads them)."""
    origin = _origin_of("compiled", contents, "used")
    try:
        return origin is not None and _usable(origin, "compiled") is not None
    except OSError:
        return False


def load_compiled(contents: dict[str, bytes]):
    """The compiled form (pack/compiled.Compiled) of the pack made of `contents`, if cached."""
    origin = _origin_of("compiled", contents, "used")
    return None if origin is None else _load(origin, "compiled")


def store_compiled(contents: dict[str, bytes], compiled) -> None:
    """Keep the compiled form of the pack made of `contents`; written atomically."""
    origin = _origin_of("compiled", contents, "written")
    if origin is not None:
        _store(origin, "compiled", compiled)


# The keys of the compiled patterns put into regex's cache by preload_patterns (None: not tried).
_preloaded: Optional[frozenset] = None


def _patterns_entry() -> Optional[Path]:
    import regex

    directory = cache_dir()
    if directory is None:
        return None
    checksum = zlib.crc32(repr((_FORMAT, __version__, sys.version, regex.__version__)).encode())
    return directory / f"patterns-{checksum:08x}.pickle"


def _cached_patterns(main) -> dict:
    """regex's cache entries of plain str patterns (no named lists, not locale-dependent):
    the key is (pattern, str, flags, frozenset(), version, None)."""
    return {key: value for key, value in list(main._cache.items())
            if len(key) == 6 and key[1] is str and key[3] == frozenset() and key[5] is None}


def preload_patterns() -> None:
    """Put the kept compiled patterns into regex's cache (once per process)."""
    global _preloaded
    if _preloaded is not None:
        return
    _preloaded = frozenset()
    try:
        import regex
        from regex import _main

        path = _patterns_entry()
        if path is None or not path.is_file() or not _private(path):
            return
        with open(path, "rb") as handle:
            version, entries = pickle.load(handle)
        if version != regex.__version__:
            return
        with _main._cache_lock:
            for key, pattern in entries.items():
                if len(_main._cache) >= _main._MAXCACHE - 1:
                    break
                text, kind, flags = key[:3]
                _main._named_args[(text, kind, flags)] = frozenset()
                _main._locale_sensitive[(kind, text)] = False
                _main._cache[key] = pattern
        _preloaded = frozenset(entries)
    except Exception as exc:  # another regex, a damaged entry: patterns are compiled as usual
        log.debug("pattern cache not used: %s", exc)


def store_patterns() -> None:
    """Keep the compiled patterns of regex's cache when it holds some that were not preloaded."""
    try:
        import regex
        from regex import _main

        entries = _cached_patterns(_main)
        path = _patterns_entry()
        if path is None or set(entries) <= (_preloaded or frozenset()):
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".patterns-", suffix=".tmp", delete=False)
        try:
            with handle:
                pickle.dump((regex.__version__, entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)
        except BaseException:
            os.unlink(handle.name)
            raise
    except Exception as exc:  # a read-only home or a full disk costs speed, not the run
        log.debug("pattern cache not written: %s", exc)


def _private(path: Path) -> bool:
    """Is `path` the current user's, and writable by nobody else?"""
    if not hasattr(os, "getuid"):
        return True
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _prune(directory: Path, kind: str = "rules") -> None:
    entries = sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[MAX_ENTRIES:]:
        stale.unlink(missing_ok=True)
