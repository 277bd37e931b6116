"""Change or level (the `change` field, contract v2).

A figure is a change when it is a growth rate (a *M*_growth metric), a difference in
percentage points, or when a change word stands right before it (增长5.2%, 增加18万人,
grew 5%, up 1.4 million) or right after it (a 4.6% rise, 5%的增长). A change word followed
by 到 / 至 / to makes the figure the level reached (提高到59.22%, rose to 60%), and both ends
of a from -> to pair are levels. English counts of "new" things (38 new cities) are
additions, and so is a figure named by a keyword of addition (新增城镇人口287万人,
城镇新增就业) or headed by a word of addition in its clause (新建未来社区360个、样板区120个),
but not the volume of works that mix new and renewed (新建和改造管网) nor a share (占全国的
六成). A word naming a rate (增速, 年增率) makes a change even before 为 / 达; a word of comparison
right before the figure makes it the level compared with (仍低于60%). The words are
rules/changes.toml.
"""

from __future__ import annotations

from typing import Optional

import regex

from ..pack.compiled import Compiled

# "set up 20 pilot counties", "lined up 300 projects": up is part of the verb, not a rise.
_PHRASAL_UP = regex.compile(r"(?i:\b(?:set|sets|setting|built|build|building|drew|drawn|draw|made|make|making|opened|open|"
                            r"took|taken|take|put|signed|sign|stepped|step|scaled|scale|ramped|ramp|picked|pick|"
                            r"summed|sum|added|takes|take|taking|took|taken|make|makes|made|lined|line|lines|lining|"
                            r"ended|end|geared|teed|shored|rolled|drawn\s+up|drew)\s+up\s*$)")
# "…, adding that 35 counties had been named": a speaker adds words, the figure none.
_SAYS_MORE = regex.compile(r"(?i:\s+that\b)")
# The start of a figure's clause: where a word of addition at its head is looked for.
_CLAUSE_MARKS = "，,；;。：:\n"
_CLAUSE_START = regex.compile(f"(?r)[{_CLAUSE_MARKS}]")
# A share right before a percentage (占全国的, 占比): the figure is a level.
_SHARE = regex.compile(r"(?r)(?:占[^，,；;。0-9]{0,15}|占比|比重)\s*(?:为|達|达|达到)?\s*$")
# How far past a figure a change word may be matched (a 4.6%| rise): a bounded match costs
# the same in a 1 KB article and a 10 MB file.
MATCH_REACH = 80


def is_change(folded: str, c: Compiled, start: int, end: int, unit: Optional[str], metric: str,
              subject: Optional[str], keyword: Optional[str], previous_end: int, left: int = 0,
              worded: bool = True) -> bool:
    """`keyword`: the folded keyword that names the figure, if any (新增城镇人口);
    `previous_end`: where the figure before it ends (a word of addition reaches no further);
    `left`, `worded`: where its sentence starts and whether the sentence holds a letter (words
    looked for only within a sentence without one are not looked for)."""
    if metric.endswith("_growth") or unit == "pp" or metric in c.change_flows:
        return True
    if unit == "%" and (worded or start - 20 < left) and _SHARE.search(folded, max(0, start - 20), start):
        return False  # a share of an addition is a level: 新增城镇人口占全国的六成以上
    if keyword is not None and c.change_keywords.search(keyword):
        return True
    before = c.change_before.search(folded, start)
    if before is not None and not _PHRASAL_UP.search(folded, max(0, start - 16), start):
        if before.group("level") is None and c.change_thresholds.match(folded, before.start(), start):
            return False  # 城镇化率仍低于60%: the level compared with (not 低于全国2个百分点)
        return before.group("level") is None or c.change_rates.match(folded, before.start()) is not None
    if c.change_after.match(folded, end, end + MATCH_REACH):
        return True
    # The figure before bounds the reach, unless this one continues its list of items
    # (新建未来社区360个、城乡风貌样板区120个).
    bound = start - 40 if folded.startswith("、", previous_end) else max(previous_end, start - 40)
    head = None
    # (The clause starts in the sentence when the sentence starts after a clause mark, 。 or a
    # line break: a sentence without a letter then holds no head.)
    if worded or bound < left and not (left and folded[left - 1] in _CLAUSE_MARKS):
        clause = _CLAUSE_START.search(folded, max(0, bound), start)
        head = c.change_heads.search(folded, clause.end() if clause else max(0, bound), start)
    if head is not None and not _SAYS_MORE.match(folded, head.end(), start):
        return True
    new = c.change_keywords.match(subject.lower()) if subject is not None else None
    if new is not None and not new.group().isascii() and not c.change_heads.match(subject.lower()):
        return False  # 新建改建城镇老旧小区1842个: new and renewed works, a volume (the clause heads' stops)
    return new is not None and subject[new.end():new.end() + 1] != "-"  # 38 new cities, not new-type
