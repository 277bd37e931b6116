"""PATH arguments -> the list of inputs to read, plus one error per argument that gave none.

A batch over a scraped folder must not stop at the first bad path, so expansion never
raises: a missing path, a directory without matching files, an unreadable directory or a
symlink loop becomes an `InputError` in `Expansion.errors` and the rest is still read.
Inputs come out in sorted path order (standard input first), each file once, so a run's
output does not depend on argument order, the file system or `--jobs`.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from typing import Iterator, Optional, Sequence, Union

from ..errors import InputError

DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm", "*.shtml", "*.xhtml")


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file named `name`, or standard input (`name` "-", its bytes in `data`).

    Only the name is kept (no Path object), so the list of a 20,000-file batch stays small.
    """

    name: str
    data: Optional[bytes] = None

    @property
    def path(self) -> Optional[Path]:
        return None if self.data is not None else Path(self.name)


@dataclass
class Expansion:
    """What PATH arguments gave: inputs in reading order, and the arguments that failed."""

    sources: list[Source] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def expand(args: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS, stdin=None) -> Expansion:
    """Expand PATH arguments: files as given, directories walked recursively, `-` for stdin.

    A file named on the command line is read whatever its suffix, and keeps its name as
    given. A file found in a directory is kept when its path matches one of `globs`,
    case-insensitive and from the right as `PurePath.match` does (`*.txt` is any .txt
    file, `sub/*.txt` one in a folder named sub). `stdin` is a binary stream (default
    `sys.stdin.buffer`), read once if `-` is among the arguments.
    """
    result = Expansion()
    files: dict[str, Source] = {}
    here = os.getcwd()
    for arg in dict.fromkeys(args):
        if arg == "-":
            continue
        if arg == "":
            result.errors.append(InputError('""', "empty path (an unset shell variable?); nothing was read"))
            continue
        for item in _expand_one(arg, globs):
            if isinstance(item, InputError):
                result.errors.append(item)
            else:  # a.txt and ./a.txt are one file, read once under the first name given
                files.setdefault(os.path.normpath(os.path.join(here, item.name)), item)
    if "-" in args:
        stream = stdin if stdin is not None else sys.stdin.buffer
        result.sources.append(Source("-", data=stream.read() or b""))
    result.sources.extend(sorted(files.values(), key=lambda source: PurePath(source.name).parts))
    return result


def _expand_one(arg: str, globs: Sequence[str]) -> Iterator[Union[Source, InputError]]:
    path = Path(arg)
    try:
        st = path.stat()
    except OSError as exc:
        yield InputError(arg, _missing_reason(path, exc))
        return
    if not os.path.isdir(path):
        yield Source(arg)
        return
    found = False
    for item in _walk(path, globs, (st.st_dev, st.st_ino)):
        if isinstance(item, Path):
            found = True
            item = Source(str(item))
        yield item
    if not found:
        yield InputError(arg, f"no files matching {' '.join(globs)} in this directory")


def _walk(root: Path, globs: Sequence[str], root_key: tuple[int, int]) -> Iterator[Union[Path, InputError]]:
    """Matching regular files under `root`, following directory symlinks but never in a circle.

    The walk keeps its own stack (no recursion), so a tree 1,000 folders deep is walked like
    a flat one. Each stack level holds the (device, inode) of every directory on the way
    down: a link back to one of them is a loop and is reported. `visited` stops a directory
    reached by two links from being read twice. A FIFO, a device or a socket is reported as
    not a regular file and skipped: reading one could block forever (a FIFO nobody writes)
    or never end (/dev/zero).
    """
    visited: set = set()
    stack = [(_listing(root), (root_key,))]
    while stack:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if isinstance(entry, InputError):
            yield entry
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
            st = entry.stat() if is_dir else None
        except OSError as exc:  # a link to itself, or a pair of links to each other
            yield InputError(entry.path, os_reason(exc))
            continue
        path = Path(entry.path)
        if st is not None:
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield InputError(entry.path, f"symlink loop: leads back to {os.path.realpath(entry.path)}; skipped")
            elif key not in visited:
                visited.add(key)
                stack.append((_listing(path), ancestors + (key,)))
        elif matches(path, globs):
            if entry.is_file():
                yield path
            else:
                yield _odd_entry(path)


def _listing(folder: Path) -> Iterator[Union[os.DirEntry, InputError]]:
    """The entries of `folder` sorted by name, or the error of listing it."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        return iter([InputError(str(folder), f"cannot list directory: {os_reason(exc)}")])
    return iter(entries)


def _odd_entry(path: Path) -> InputError:
    """Why a matching name that is not a regular file is skipped: a broken link, or its kind."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return InputError(str(path), _missing_reason(path, exc))
    return InputError(str(path), f"not a regular file ({_file_kind(mode)}); skipped")


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in words, from its st_mode."""
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "a special file"


def matches(path: Path, globs: Sequence[str]) -> bool:
    name = PurePosixPath(path.as_posix().lower())
    return any(name.match(pattern.lower()) for pattern in globs)


def _missing_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (points to {os.readlink(path)})"
    return os_reason(exc)


def os_reason(exc: OSError) -> str:
    """A short lower-case reason for an OS error: 'permission denied', 'symlink loop (...)'."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    return (exc.strerror or str(exc)).lower()
