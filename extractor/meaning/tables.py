"""Tables pasted as text: the years of their columns, and the labels above their cells.

A plan lists its main indicators as a table: a header row of years (指标　2020年　2025年　属性)
and one row per indicator (常住人口城镇化率　54.2%　58%左右　预期性). A cell's year is that of
its column, not one stated in a sentence; and in a plan's table (a 属性 / 目标 column, or rows
marked 预期性 / 约束性) the last year's column holds the goals. The header is no heading whose
year dates the paragraphs after it.

A table of places (城市　地区生产总值　比上年增长 / 武汉　21106.2亿元　5.2%) names its indicator
above its cells: in the header cell of their column, or in a caption over the table
(【2022—2024年常住人口城镇化率】): ColumnLabels.

The header rows are found in one pass over the text; a figure's row is found by bisect and
its column by counting the cell breaks before it in its row (a bounded slice).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Optional

import regex

# A break between cells: a tab, a bar, an ideographic space or two spaces and more.
_CELL_BREAK = regex.compile(r"\t+|\s*[|｜]\s*|　+| {2,}")
# A line with at least two cells that are years alone (2020年, 2025, 2025年末).
_YEAR_CELL = r"(?:19|20)[0-9]{2}\s?(?:年(?:末|底)?)?"
_BREAK = r"(?:\t+|\s*[|｜]\s*|　+| {2,})"
_BREAK_MARKS = ("\t", "|", "｜", "　", "  ")  # one of these stands in every cell break
# A year alone between cell breaks (or at a line's start or end): where a header may be.
_YEAR_BETWEEN = regex.compile(r"(?:^|" + _BREAK + r")" + _YEAR_CELL + r"(?=" + _BREAK + r"|[ \t]*$)", regex.MULTILINE)
_SENTENCE_END = regex.compile(r"[。；;！？!?]")
_YEAR_ONLY = regex.compile(r"\s*(?P<year>(?:19|20)[0-9]{2})\s?(?:年(?:末|底)?)?\s*")
# A plan's table: its last year's column is the goal.
_GOAL_HEADER = regex.compile(r"属性|屬性|目标|目標|规划值|規劃值|(?i:\btarget\b)")
_GOAL_ROW = regex.compile(r"预期性|约束性|預期性|約束性")
#: How long a row may be (characters): a figure's column is counted in a bounded slice.
MAX_ROW = 240
#: How long a table's caption may be (【2024年经济总量与增速】, 表1 主要指标).
MAX_CAPTION = 60


def may_be_row(text: str, line_start: int) -> bool:
    """May the line starting at `line_start` be a row of a table (a cell break in its first
    MAX_ROW characters)? Read on the original text: a cut before it (engine.segment_bounds)
    would part the row from its header."""
    line_end = text.find("\n", line_start, line_start + MAX_ROW + 1)
    line = text[line_start:line_end if line_end >= 0 else line_start + MAX_ROW + 1]
    return any(mark in line for mark in _BREAK_MARKS)


def _column(folded: str, header_end: int, start: int) -> int:
    """The column of a figure at `start` in a row under a header ending at `header_end`: the
    cell breaks before it in its row (a bounded slice)."""
    row_start = folded.rfind("\n", max(header_end, start - MAX_ROW), start) + 1
    while row_start < start and folded[row_start].isspace():
        row_start += 1  # an indented row
    return len(_CELL_BREAK.findall(folded, row_start, start))


@dataclass(frozen=True)
class Table:
    header_start: int
    header_end: int
    years: tuple[Optional[int], ...]   # the year of each column, None for a column of words
    goal_column: Optional[int]         # the column of the goals, in a plan's table
    end: int                           # where its last row ends


class YearColumns:
    """The tables of one text whose header is a row of years, and the rows under each."""

    def __init__(self, folded: str):
        self.folded = folded
        self.tables: list[Table] = []
        # A header holds two cells, so a cell break; most texts have none, and are not read.
        broken = any(mark in folded for mark in _BREAK_MARKS)
        for hit in _YEAR_BETWEEN.finditer(folded) if broken else ():
            if self.tables and hit.start() < self.tables[-1].end:
                continue  # a row of a table already found, or its header again
            line_start = folded.rfind("\n", max(0, hit.start() - MAX_ROW), hit.start()) + 1
            line_end = folded.find("\n", hit.end(), hit.end() + MAX_ROW)
            line_end = len(folded) if line_end < 0 and len(folded) - hit.end() <= MAX_ROW else line_end
            if (line_start == 0 and hit.start() > MAX_ROW) or line_end < 0:
                continue  # a line longer than any row (a lookup bounded in a 10 MB text too)
            line = folded[line_start:line_end]
            if line_end - line_start > MAX_ROW or _SENTENCE_END.search(line):
                continue
            cells = _CELL_BREAK.split(line.strip())
            years = tuple(int(y.group("year")) if (y := _YEAR_ONLY.fullmatch(c)) else None for c in cells)
            stated = [y for y in years if y is not None]
            if len(stated) < 2:
                continue
            end = self._rows_end(line_end)
            goal = None
            if _GOAL_HEADER.search(line) or _GOAL_ROW.search(folded, line_end, end):
                last = max(stated)
                goal = max(i for i, y in enumerate(years) if y == last) if last > min(stated) else None
            self.tables.append(Table(line_start, line_end, years, goal, end))
        self.starts = [t.header_start for t in self.tables]

    def _rows_end(self, header_end: int) -> int:
        """The end of the last row under a header: rows go on while lines hold a cell break."""
        pos = header_end
        while pos < len(self.folded) and self.folded[pos] == "\n":
            line_end = self.folded.find("\n", pos + 1, pos + 2 + MAX_ROW)
            if line_end < 0:
                line_end = len(self.folded) if len(self.folded) - pos <= MAX_ROW + 1 else pos + MAX_ROW + 2  # a line too long for a row
            line = self.folded[pos + 1:line_end].strip()
            if not line or line_end - pos > MAX_ROW or not _CELL_BREAK.search(line) or _SENTENCE_END.search(line):
                break
            pos = line_end
        return pos

    def _table_of(self, start: int) -> Optional[Table]:
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        table = self.tables[i]
        return table if table.header_end < start < table.end else None

    def cell(self, start: int) -> Optional[tuple[Optional[int], bool]]:
        """For a figure in a row of such a table: the year of its column and whether the
        column holds goals; None for a figure outside them."""
        table = self._table_of(start)
        if table is None:
            return None
        column = _column(self.folded, table.header_end, start)
        year = table.years[column] if column < len(table.years) else None
        return year, column == table.goal_column

    def in_header(self, start: int, end: int) -> bool:
        """Is [start, end) inside a header row of years?"""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.tables[i].header_end


@dataclass(frozen=True)
class _Block:
    start: int                  # where its first line (the header) starts
    end: int                    # where its last row ends
    header_end: int
    caption: Optional[tuple[int, int]]  # the short line right above it, without cell breaks


class ColumnLabels:
    """What stands above a cell of a table: the header cell of its column, the one left of
    that, and the table's caption. A table is a block of consecutive lines that hold cell
    breaks, each no longer than a row; its first line is its header. The blocks are found
    in one pass over the text, on the first figure that asks (most texts have no cell break
    and are never read), and a figure's block by bisect. `words(start, end)` gives the
    keywords in a stretch: a table whose header and caption hold none (a dump of bare
    figures) has no labels, and its cells are not read."""

    def __init__(self, folded: str, words: Callable[[int, int], list]):
        self.folded = folded
        self.words = words
        self._worded: dict[int, bool] = {}  # per block read: whether its header or caption holds a keyword
        self._blocks: Optional[list[_Block]] = None
        self._starts: list[int] = []
        self._cells: dict[int, list[tuple[int, int]]] = {}  # the header cells of each block read

    def _find_blocks(self) -> list[_Block]:
        blocks: list[_Block] = []
        if not any(mark in self.folded for mark in _BREAK_MARKS):
            return blocks
        pos, first, previous = 0, -1, None  # previous: the span of the line before
        for line in self.folded.split("\n"):
            end = pos + len(line)
            row = len(line) <= MAX_ROW and _CELL_BREAK.search(line) is not None and not _SENTENCE_END.search(line)
            if row and first < 0:
                first, header_end, before = pos, end, previous
            elif not row and first >= 0:
                blocks.append(self._block(first, pos - 1, header_end, before))
                first = -1
            previous = (pos, end)
            pos = end + 1
        if first >= 0:
            blocks.append(self._block(first, len(self.folded), header_end, before))
        return blocks

    def _block(self, start: int, end: int, header_end: int, before: Optional[tuple[int, int]]) -> _Block:
        caption = before if before is not None and 0 < before[1] - before[0] <= MAX_CAPTION \
            and not _CELL_BREAK.search(self.folded, *before) else None
        return _Block(start, end, header_end, caption)

    def labels(self, start: int) -> Optional[tuple[Optional[tuple[int, int]], Optional[tuple[int, int]],
                                                   Optional[tuple[int, int]]]]:
        """(its column's header cell, the header cell left of it, the caption) for a figure
        at `start` in a row under a table's header; None for a figure outside a table's rows."""
        if self._blocks is None:
            self._blocks = self._find_blocks()
            self._starts = [b.start for b in self._blocks]
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0 or not self._blocks[i].header_end < start < self._blocks[i].end:
            return None
        block = self._blocks[i]
        worded = self._worded.get(i)
        if worded is None:
            worded = self._worded[i] = bool(self.words(block.start, block.header_end)) or (
                block.caption is not None and bool(self.words(*block.caption)))
        if not worded:
            return None
        column = _column(self.folded, block.header_end, start)
        cells = self._cells.get(i)
        if cells is None:
            cells, cell_start = [], block.start
            for m in _CELL_BREAK.finditer(self.folded, block.start, block.header_end):
                cells.append((cell_start, m.start()))
                cell_start = m.end()
            cells.append((cell_start, block.header_end))
            self._cells[i] = cells
        cell = cells[column] if column < len(cells) else None
        left = cells[column - 1] if 0 < column <= len(cells) else None
        return cell, left, block.caption
