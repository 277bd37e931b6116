"""What the speed work relies on, checked for correctness (speed itself is measured by
bench/run.py, never by timed tests): segments, merged scans and bisect lookups give exactly
what one piece, one pattern and a linear walk give."""

from __future__ import annotations

import bisect
import time
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import extractor.engine as engine
from extractor.engine import _in_any, extract_articles, segment_bounds
from extractor.finding.quantities import IMPLIED_REACH
from extractor.finding.scan import scan
from extractor.meaning.spans import inside, overlaps
from extractor.pack.compiled import NUMBER_PATTERN, NUMBER_STARTS, compiled
from extractor.pack.rules import default_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# Every sample in one text: digests, Chinese and English articles, GB18030 bytes read as
# UTF-8 with replacement characters.
TEXT = "\n\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(SAMPLES.glob("*.txt")))


def rows_with_segments(monkeypatch, size: int) -> list[dict]:
    monkeypatch.setattr(engine, "SEGMENT_CHARS", size)
    return extract_articles(TEXT, default_rules())[1]


WHOLE = None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=2_500, max_value=len(TEXT) // 2))
@example(size=18_379)  # a cut after a line's name whose place the whole text named apart much later
def test_records_are_the_same_whatever_the_segment_size(monkeypatch, size):
    global WHOLE
    if WHOLE is None:
        WHOLE = rows_with_segments(monkeypatch, 10 * len(TEXT))
    bounds = segment_bounds(TEXT, size)
    assert len(bounds) > 1 and all(TEXT[end - 1] == "\n" for _, end in bounds[:-1])
    assert rows_with_segments(monkeypatch, size) == WHOLE


def test_segments_cover_the_text_without_a_line_break():
    text = "城镇化率达到59.22%。" * 5_000
    bounds = segment_bounds(text, 1_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(text[end - 1] == "。" and end - start <= 1_000 for start, end in bounds[:-1])



PLAN_TABLE = ("规划提出，城镇化水平稳步提高。\n\n指标\t2020年\t2025年\t属性\n"
              + "".join(f"指标{i}\t{50 + i}.2%\t{60 + i}%左右\t预期性\n" for i in range(12))
              + "\n到2025年，全省城镇化率达到65%。\n")


@pytest.mark.parametrize("size", range(720, 1300, 41))
def test_a_cut_never_parts_a_table_of_years_from_its_header(monkeypatch, size):
    """A row takes its year from the header above it, and a plan table's last column holds
    its goals: the cut goes before a line that is no row whenever the second half of the
    segment has one (here always: the table is shorter than half a segment)."""
    from extractor.meaning.tables import may_be_row

    text = "城镇化率达到59.22%。\n" * 10 + PLAN_TABLE * 8
    bounds = segment_bounds(text, size)
    assert len(bounds) >= 2
    for start, end in bounds[:-1]:
        assert text[end - 1] == "\n" and not may_be_row(text, end)
    whole = extract_articles(text, default_rules())[1]
    assert sum(row["target"] for row in whole) == 8 * 13  # the goal column, and the sentence after
    monkeypatch.setattr(engine, "SEGMENT_CHARS", size)
    assert extract_articles(text, default_rules())[1] == whole


WORDS = ["one", "two hundred", "twenty-five", "a million", "an hour", "half", "the", "other", "often",
         "A", "an", "AN", "Million", "ONE", "Thirty", "someone", "tenth", "forty", "for", "x", "_", "\t",
         "5", "3.2", "2021", "million", "bn", "十四五", "三", "百分之六十", "万", "逾", "亿", "半年", "到",
         "from", "between", "by", "to", "and", "14th", "Five-Year Plan", "—", "-", "年", " ", "\n", "，", ".",
         "3万", "5.4万亿", "二十万", "5百分之十", "7千米", "1.8 万", "30多万", "2.5 million", "百分之5"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_merged_passes_match_the_single_pattern(text):
    from extractor.finding.periods import _PERIOD_STARTS, PERIOD_BODY, PERIOD_PASSES

    c = compiled(default_rules())
    single = regex.compile(rf"(?:{'|'.join(NUMBER_STARTS)})(?:{NUMBER_PATTERN})", regex.VERBOSE)
    assert [(m.span(), m.lastgroup) for m in scan(c.number_passes, text, 5)] == [
        (m.span(), m.lastgroup) for m in single.finditer(text)]
    periods = regex.compile(f"(?:{'|'.join(_PERIOD_STARTS)}){PERIOD_BODY}", regex.VERBOSE)
    assert [m.span() for m in scan(PERIOD_PASSES, text, 5)] == [m.span() for m in periods.finditer(text)]


def test_a_match_inside_another_passes_match_is_dropped_without_running_again(monkeypatch):
    """3万 (the digits' pass) holds 万 (the Chinese numerals' pass): the single scan never
    starts inside a match, so 万 is dropped, and nothing is run again."""
    import extractor.finding.scan as module

    monkeypatch.setattr(module, "_exact", lambda *args: pytest.fail("ran again"))
    c = compiled(default_rules())
    text = "常住人口3万，增加了二十万人，5.4万亿元和三百个"
    assert [m.group() for m in scan(c.number_passes, text, 5)] == ["3万", "二十万", "5.4万亿", "三百"]


def test_a_pass_is_run_again_after_a_match_of_another():
    """"by 2025-2030": the English pass takes "by 2025", so the span 2025-2030 the other
    pass found first is dropped and that pass runs again from 2025's end."""
    from extractor.finding.periods import PERIOD_PASSES

    text = "by 2025-2030年 and 2021—2025年"
    assert [m.group() for m in scan(PERIOD_PASSES, text, 5)] == ["by 2025", "2021—2025年"]



# The single patterns the passes of sentence ends and paragraph breaks stand for.
SENTENCE_END = regex.compile(
    r"[。！？!?\n]|(?<=[A-Za-z0-9%)\]\"”'’])\.(?=\s+[A-Z\"“\[(]|\s*$)|(?<=\S)\s-\s(?=\S)")
PARAGRAPH_BREAK = regex.compile(r"(?=[\sgG])(?:\n|(?<=\S)\s+-\s+(?=\S)|(?i:\bgroup\s+[0-9]+\s*:))")
BLANKS_AND_DASHES = ["x", "Ab", "-", " - ", " ", "  ", "\n", "\r", "\t", "\u3000", "\xa0", ".", "。", "5", "%", "group 2:",
                     "Group", "(", "“", "--", "- ", " -"]


@settings(max_examples=500, deadline=None)
@example("x\n- - x", 0)  # a line break, then a dash the single pattern reads after it
@given(st.lists(st.sampled_from(BLANKS_AND_DASHES), max_size=30).map("".join), st.integers(0, 5))
def test_sentence_ends_and_paragraph_breaks_by_passes_are_those_of_one_pattern(text, pos):
    from extractor.meaning.context import _SENTENCE_END_PASSES
    from extractor.meaning.years import _PARAGRAPH_BREAK_PASSES

    for passes, single in ((_SENTENCE_END_PASSES, SENTENCE_END), (_PARAGRAPH_BREAK_PASSES, PARAGRAPH_BREAK)):
        assert [m.span() for m in scan(passes, text, 5)] == [m.span() for m in single.finditer(text)]
        assert [m.span() for m in scan(passes, text[pos:], 5)] == [m.span() for m in single.finditer(text[pos:])]


SECTION_LINES = ["一、2024年工作回顾", "二、2025年主要目标", "主要任务：", "专栏1 重点工程", "Next steps", "Review of 2024",
                 "12\t456\t7%", "常住人口城镇化率达到59.22%。", "指标\t2020年\t2025年", "下一步，我们将推进以下工作：",
                 "今后五年", "x", "", "规划期至2025年　远期展望至2035年", "主要成就和进展"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SECTION_LINES), max_size=14).map("\n".join),
       st.sampled_from([None, "goals", "back", "other"]))
def test_sections_from_the_headings_that_change_them_are_those_of_every_heading(text, carried):
    """TargetScope keeps the marks where the kind of section changes: at every position of
    any text it gives the section that a mark at every heading gives (with a section carried
    from the segment before too)."""
    from extractor.finding.normalize import fold
    from extractor.meaning.targets import _HEADING_LINE, _LEAD_IN, OTHER, TargetScope, _section_kind

    c = compiled(default_rules())
    folded = fold(text, c.table)
    marks = [(m.end(), _section_kind(m.group())) for m in _HEADING_LINE.finditer(folded) if m.start() > 0 or carried]
    marks += [(m.end(), "goals") for m in _LEAD_IN.finditer(folded)]
    marks = sorted(marks + ([(0, carried)] if carried else []))
    scope = TargetScope(folded, c, [])
    if carried:
        scope.carry_section(carried)
    for pos in range(len(folded) + 1):
        i = bisect.bisect_right([p for p, _ in marks], pos) - 1
        assert scope.section_at(pos) == (marks[i][1] if i >= 0 else OTHER), pos
    assert (scope.sections[-1][1] if scope.sections else OTHER) == (marks[-1][1] if marks else OTHER)


ROW_PIECES = ["12\t456.12\t156\t84%", "3\t5.6%\t7%", "2024\t55.4%", "(2024)\t61%", "5%", "1,200\t3.5%", "\t", "\n",
              "郑州", "该市", "全省", "全国", "的郑州", "national", "the city", "东部", "每年", "将", "未来", "占", "增长",
              "respondents", "全长", "“十四五”以来", "2025年", "城镇化率达到", "。", "，", " ", "Guangdong", "cities",
              "one of 27 cities with", "the region's", "以外的", "相差", "用5年时间", "此前"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(ROW_PIECES), max_size=40).map("".join))
@example("广州发布数据\n城镇化率\n5%\n的郑州\n5%\nnational level")  # tests that read past the line
@example("郑州市城镇化率\n12\t5%\n(2024)\t61%\n")
def test_a_sentence_without_words_asks_its_words_nothing(monkeypatch, text):
    """A figure whose sentence holds no letter (a row of bare figures) skips the tests of the
    words within its sentence: its records are those every test gives."""
    skipped = extract_articles(text, default_rules())[1]
    with monkeypatch.context() as patched:
        patched.setattr(engine, "_LETTER", regex.compile(r"(?s)."))  # every sentence worded
        assert extract_articles(text, default_rules())[1] == skipped

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)), max_size=30).map(
    lambda pairs: [(s, s + n) for s, n in sorted(pairs)])


def disjoint(pairs):
    out = []
    for s, e in pairs:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


@given(spans.map(disjoint), st.integers(0, 220), st.integers(0, 20))
def test_bisect_lookups_agree_with_a_walk(pairs, start, length):
    end = start + length
    assert _in_any(start, pairs) == any(s <= start < e for s, e in pairs)
    assert inside(start, end, pairs) == any(s <= start and end <= e for s, e in pairs)
    assert overlaps(start, end, pairs) == any(s < end and start < e for s, e in pairs)


def test_the_summary_says_when_workers_waited():
    from extractor.cli.running import Tally, cpu_seconds

    idle = Tally(started=time.monotonic() - 10, workers=2, cpu_started=cpu_seconds())
    assert "2 workers waited" in idle.waited(10.0) and "CPU" in idle.waited(10.0)
    busy = Tally(started=time.monotonic() - 10, workers=2, cpu_started=cpu_seconds() - 20)
    assert busy.waited(10.0) == ""


def test_word_scans_take_empty_text():
    from extractor.finding.periods import PERIOD_PASSES

    c = compiled(default_rules())
    assert list(scan(c.number_passes, "", 5)) == list(scan(PERIOD_PASSES, "", 5)) == []


# --- number-dense text: what the fast paths drop or skip changes no record ------------------------

PIECES = ["1", "23", "1,234", "5.6", "2024", "12 345", "、", "，", ",", ";", "|", "。", " ", "  ", "\t", "\n",
          " " * 9, "%", "万", "亿元", "个", "人", "km", " km", "至", "-", "~", "和", " and ", "between ", "from ",
          " to ", "up from ", "约", "近", "$", "US$ ", "元", "GDP", "人口", "达到", "\u200b", "十", "三", "百分之",
          "年", "第", "(", ")", "[", "]", ".", ":", "/", "people", " cities", "以上", "多", "左右", "x" * 120,
          "北京市", " | ", "数量", "number of ", "Total", "cities rose to ", "population, ", "总额", "社会消费品零售总额"]


def quantities(text: str) -> list:
    from extractor.finding.normalize import fold
    from extractor.finding.quantities import QuantityFinder

    c = compiled(default_rules())
    return list(QuantityFinder(c, fold(text, c.table), lambda start, end: False).find())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_quiet_numbers_change_no_quantity(text):
    """QuietNumbers drops numbers before they are built: the quantities are those found
    when every number is built and looked at."""
    from extractor.finding import quantities as module

    fast = quantities(text)
    original = module.QuietNumbers.skips
    module.QuietNumbers.skips = lambda self, m: False
    try:
        assert quantities(text) == fast
    finally:
        module.QuietNumbers.skips = original


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["population ", "GDP", "number of ", "常住人口", "populations", "xpopulation ",
                                          "cities rose to ", "个数"]), max_size=60).map("".join))
def test_indicators_looked_up_in_the_document_scan_are_those_of_the_window(text):
    """_indicators_within looks a bare number's window up in one scan of the document: the
    quantities are those found when every window is scanned on its own."""
    assert_windows_alike(text)


@pytest.mark.parametrize("template", ["社会消费品零售总额{}5.4万亿", "xpopulation{}2.87 million", "GDP{}5.4万亿"])
def test_a_window_that_cuts_an_indicator_finds_what_its_own_scan_finds(template):
    """Where IMPLIED_REACH cuts a word or an indicator in two (总额 is an indicator of its own,
    population is one only as a word), at every cut position."""
    for gap in range(IMPLIED_REACH - 14, IMPLIED_REACH + 2):
        assert_windows_alike(template.format(" " * gap))


def assert_windows_alike(text):
    """The document's scan looked up from the first window on (no budget of windows scanned
    one by one), against every window scanned on its own."""
    from extractor.finding import quantities as module

    budget = module.INDICATOR_SCAN_BUDGET
    module.INDICATOR_SCAN_BUDGET = 0
    try:
        fast = quantities(text)
    finally:
        module.INDICATOR_SCAN_BUDGET = budget
    original = module.QuantityFinder._indicators_within
    module.QuantityFinder._indicators_within = lambda self, window, start: [
        (start + m.end(), m.group().lower()) for m in self.c.implied_pattern.finditer(window)]
    try:
        assert quantities(text) == fast
    finally:
        module.QuantityFinder._indicators_within = original


ENDING_AT = ["prefix", "qualifier_before", "veto_before", "vague_before", "rank_before", "change_before"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["增长", "提高到", "了", "约", "近", "US$", "rose", " by", "第", "top", "\r\n"]),
                max_size=30).map("".join))
def test_words_ending_at_a_position_are_those_the_pattern_finds(text):
    """EndingAt rules most positions out with a set lookup or two (past blanks, the character
    must end one of its words) before its regex runs: at every position of any text it finds
    what the regex alone finds."""
    from extractor.finding.normalize import fold

    c = compiled(default_rules())
    folded = fold(text, c.table)
    for name in ENDING_AT:
        words = getattr(c, name)
        for pos in range(1, len(folded) + 1):
            found = words.search(folded, pos)
            alone = words.pattern.search(folded, max(0, pos - words.reach), pos)
            assert (found and found.span()) == (alone and alone.span()), (name, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["该市", "该省", "全省", "都市圈", "圈内", "the city", "The city", "cities", "Its", "Their",
                                 "the circle", "x", " ", "，", "。", "5%", "郑州", "the province", "provinces", "当地"]),
                max_size=25).map("".join), st.data())
def test_words_referring_back_found_by_their_occurrences_are_those_the_pattern_finds(text, data):
    """WordsBack rules out a stretch without one of its words by bisect and starts its reverse
    search at the last word: it finds what the pattern alone finds, in any stretch of any text."""
    words = compiled(default_rules()).refer_back
    occurrences = words.occurrences(text)
    for _ in range(10):
        pos = data.draw(st.integers(0, len(text)))
        endpos = data.draw(st.integers(pos, len(text)))
        found = words.search(text, pos, endpos, occurrences)
        alone = words.pattern.search(text, pos, endpos)
        assert (found and (found.span(), found.lastgroup)) == (alone and (alone.span(), alone.lastgroup))


def test_a_run_of_bare_numbers_builds_no_number_until_an_indicator_is_within_reach():
    from extractor.finding.normalize import fold
    from extractor.finding.quantities import IMPLIED_REACH, QuantityFinder

    c = compiled(default_rules())

    def built(text):
        return [n.text for n in QuantityFinder(c, fold(text, c.table), lambda start, end: False)._numbers()]

    assert built("1,2;3|4。5\t6 7\n8," * 1_000) == []
    # A word within reach may name a bare number (常住人口达到9785): those numbers are built.
    numbers = built("常住人口" + "1," * 1_000)
    assert numbers and len(numbers) <= IMPLIED_REACH // 2 + 1 and numbers[0] == "1"
    # A unit, a list or range mark, a hedge or a currency sign next to a number: it is built
    # (and, a hedge or unit being a word, the numbers after it within reach).
    assert built("1,2,3,4%,5,6") == ["4"]
    # A figure's end before a number (a table's row ending in a percentage) reads nothing after
    # it: the next row's numbers stay quiet, but a unit after a number still builds it.
    assert built("1\t2.5\t7%\n2\t3.5\t8%\n") == ["7", "8"]
    assert built("7%\n2%") == ["7", "2"]
    assert built("1,2,3、4,5,6") == ["3", "4"]
    assert built("1,2,3-4,5,6") == ["3", "4"]
    assert built("1,2,$3,4") == ["3"]
    assert built("1,2,3多,4") == ["3"]
    # A word within reach that is no indicator, or one that a number cannot take its unit
    # from (GDP and 人口 ask for a magnitude or grouped digits; 数量 does not): still quiet.
    assert built("北京市 | 12,345 | 5.6 | 123\t1990 |\n" * 200) == []
    # (A number that ends a line before a word is built: a hedge or a unit may follow past a
    # line break.)
    assert built("北京市 | 12,345 | 5.6 | 123\t1990\n" * 200) == ["1990"] * 199
    assert built("GDP | 12,345 | 5.6 | 123\n") == ["12,345"]
    assert built("常住人口 | 9,785 | 5.6 |\nTotal | 7 | 8 |\n") == ["9,785"]
    assert built("数量 | 5 | 6\n") == ["5", "6"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "20", "3万", "4.5", "300万"]),
                          st.sampled_from(["、", "、", "和", "至", "—", "，", " "])), min_size=1, max_size=30),
       st.sampled_from(["", "个", "万人", "以上人口", "%", "。"]))
def test_a_list_read_once_gives_each_item_what_reading_it_alone_gives(items, end):
    """_list_model remembers the items a call before found to continue a list without a
    unit; each item still gets the model a finder with no memory gives it."""
    from extractor.finding.normalize import fold
    from extractor.finding.quantities import QuantityFinder

    c = compiled(default_rules())
    folded = fold("".join(a + b for a, b in items) + "9" + end, c.table)

    def finder():
        return QuantityFinder(c, folded, lambda start, end: False)

    numbers = finder()._numbers()
    shared = finder()
    assert [shared._list_model(numbers, i) for i in range(len(numbers))] == \
        [finder()._list_model(numbers, i) for i in range(len(numbers))]


# --- big inputs: lookups by bisect, the pre-pass on first need -------------------------------------

@given(spans.map(disjoint), st.integers(0, 220), st.integers(1, 60))
def test_outlet_lines_of_a_segment_by_bisect_agree_with_a_walk(pairs, offset, length):
    stop = offset + length
    assert engine._outlets_within(pairs, (offset, stop)) == \
        [(s - offset, e - offset) for s, e in pairs if s < stop and e > offset]


DIGEST = "".join(f"江苏南京第{i}条消息\n新华日报· 2024-0{1 + i % 9}-1{i % 9} 08:00\n南京市常住人口达到9{i}5万人，"
                 f"到2027年城镇化率达到7{i % 10}%。\n\n" for i in range(400))


def test_a_dated_digest_of_several_segments_needs_no_pre_pass(monkeypatch):
    """The whole input's own year serves only figures without a dateline: an input whose
    articles are all dated never reads its segments twice; one without dates does."""
    calls = []
    original = engine._text_year

    def counted(*args):
        calls.append(args[1])
        return original(*args)

    monkeypatch.setattr(engine, "_text_year", counted)
    monkeypatch.setattr(engine, "SEGMENT_CHARS", 4_000)
    dated = extract_articles(DIGEST, default_rules())[1]
    assert len(segment_bounds(DIGEST, 4_000)) > 3 and dated and calls == []
    undated = "\n".join(line for line in DIGEST.splitlines() if "·" not in line)
    assert extract_articles(undated, default_rules())[1] and calls == segment_bounds(undated, 4_000)


def test_the_provinces_named_in_a_text_are_read_once_for_all_its_headlines(monkeypatch):
    from extractor.meaning import places

    texts = []
    original = places._provinces_of

    def counted(table, names):
        names = list(names)
        if len(names) > 1:
            texts.append(names)
        return original(table, names)

    monkeypatch.setattr(places, "_provinces_of", counted)
    # Suzhou is two prefectures: the provinces named in the text settle it, for each article
    # under a headline of its own that names no province.
    heads = ["长三角", "京津冀", "粤港澳大湾区", "成渝地区", "中部地区"]
    digest = "".join(f"{head} news\nXinhua· 2024-01-1{i} 08:00\nIn Suzhou, the population reached 12.{i} million. "
                     "Nanjing and Wuxi grew.\n\n" for i, head in enumerate(heads))
    rows = extract_articles(digest, default_rules())[1]
    assert [row["region_code"] for row in rows] == ["320500"] * 5
    assert len(texts) == 1


_FORMS = st.lists(st.text(alphabet="增长提高到aAbB个百分点 ", min_size=1, max_size=5), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(forms=_FORMS, text=st.text(alphabet="增长提高到aAbB个百分点 5", max_size=30), ignore_case=st.booleans())
def test_a_trie_alternation_matches_as_the_longest_first_list(forms, text, ignore_case):
    """The literal alternations of the pack are shaped as tries (pack/compiled._alternation):
    the same matches as the flat list, longest first, forwards and run backwards (anchored at
    the end or searched, as the words referring back are: 都市圈内, not 圈内)."""
    from extractor.pack.compiled import _alternation

    flat = "|".join(regex.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))
    flags = regex.IGNORECASE if ignore_case else 0
    for reverse, wrap in ((False, "(?:{})(?:个)?"), (True, "(?r)(?:{})\\s?$"), (True, "(?r)(?:{})")):
        trie = regex.compile(wrap.format(_alternation(forms, reverse)), flags)
        plain = regex.compile(wrap.format(flat), flags)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos in range(len(text) + 1):
            found, expected = trie.search(text, 0, pos), plain.search(text, 0, pos)
            assert (found and found.span()) == (expected and expected.span())


_PHRASE_WORDS = ["population", "residents", "cities", "lines", "have", "has", "rose", "grew", "reached", "to",
                 "about", "nearly", "the", "urban", "Metro", "s", "-", "\n", " ", "  ", ",", "城镇", "人口"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_WORDS), max_size=14).map(" ".join), st.sampled_from(["", " ", "\n", " \n"]))
def test_a_phrase_run_backwards_from_the_end_is_matched_as_searched(window, tail):
    """RulePattern(backwards_from_end=True).search (the indicator phrases before a bare number)
    matches at the end instead of searching: the same match as the pattern's own search."""
    c = compiled(default_rules())
    for phrase, _ in c.implied_phrases:
        assert phrase._from_end
        text = window + tail
        for bounds in ((), (0, len(text)), (3, max(3, len(text) - 1))):
            found, expected = phrase.search(text, *bounds), phrase.pattern.search(text, *bounds)
            assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_a_pattern_run_backwards_from_the_end_may_end_before_a_final_line_break():
    from extractor.pack.compiled import RulePattern

    phrase = RulePattern(r"(?r)(?:rose)$", "test", backwards_from_end=True)
    assert phrase.search("it rose\n").span() == phrase.pattern.search("it rose\n").span() == (3, 7)
    assert phrase.search("it rose").span() == (3, 7) and phrase.search("rose it") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc 12３４％（）這個說城镇化率。\u3000\u00a0’")))
def test_folding_skips_text_with_nothing_to_fold_and_translates_the_rest(text):
    from extractor.finding.normalize import fold

    table = compiled(default_rules()).table
    assert fold(text, table) == text.translate(table)
    assert fold(text, dict(table)) == text.translate(table)  # a plain table: always translated


_TERMS = st.lists(st.text(alphabet="城镇化率人口ab rGDP\x00\uffff", min_size=1, max_size=5), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(terms=_TERMS, text=st.text(alphabet="城镇化率人口市ab rGDPx\x00\uffff。 ", max_size=40),
       typical=st.text(alphabet="城镇化率人口市ab rx。", min_size=1, max_size=20))
def test_a_scanner_ordered_by_typical_text_finds_the_same_terms(terms, text, typical):
    """TermScanner with `typical` text (its first level ordered by it, the characters of no
    term scanned as one): the same matches as without."""
    from extractor.pack.compiled import TermScanner

    assert list(TermScanner(terms, typical).finditer(text)) == list(TermScanner(terms).finditer(text))


_YEAR_WORDS = ["in", "In", "IN", "for", "For", "of", "Of", "as of", "As of", "as late as", "as", "by", "BY", "during",
               "During", "last year", "Last year", "this year", "THIS YEAR", "a year earlier", "A year before",
               "the previous year", "The preceding year", "than", "Oct.", "2024", "1998", "1850", "2024年",
               "二〇二三年", "上年", "今年", "去（2025）年", "较", "(2010)", "（2010）", "的", "、", "x", "rain", "bin", "of2024",
               "blast", " ", "\n", "12019", ", when", "1230", "in 2020年", "8", "2", "1", "the 2024 plan", "120"]
_YEAR_TEXTS = [f"{a}{gap}{b}" for a in _YEAR_WORDS for b in _YEAR_WORDS for gap in ("", " ")]


def _same_year_mentions(text: str) -> bool:
    from extractor.meaning.years import _YEAR_BODY, _YEAR_PASSES

    plain = regex.compile(r"(?=[较比同上去今本前12〇零一二三四五六七八九(（]"
                          r"|(?i:(?:in|for|of|as|by|during)\s|(?:last|this|a)\s+year|the\s+pre))" + _YEAR_BODY)
    return [(m.span(), m.groupdict()) for m in scan(_YEAR_PASSES, text, 5)] == \
        [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_the_year_mentions_word_start_skip_finds_what_a_look_ahead_at_every_position_finds():
    """The year mentions' passes (meaning/years.py) try the English branches only at a word
    starting with one of their words' first letters, and digits only where a year can start:
    the same matches as one look-ahead tried everywhere."""
    assert all(_same_year_mentions(text) for text in _YEAR_TEXTS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_YEAR_TEXTS), max_size=8).map(" ".join))
def test_the_year_mentions_skip_holds_in_longer_text(text):
    assert _same_year_mentions(text)


@settings(max_examples=300, deadline=None)
@given(forms=st.lists(st.text(alphabet="约近超ab \n", min_size=1, max_size=3), min_size=1, max_size=6),
       text=st.text(alphabet="约近超abx \n5", max_size=20), pos=st.integers(0, 20), space=st.sampled_from(["", r"\s?"]))
@example(forms=["ab"], text="xab\n", pos=4, space="")  # `$` before the final line break
def test_ending_at_matches_what_a_reverse_search_finds(forms, text, pos, space):
    """EndingAt matches its reverse pattern at the position instead of searching its range:
    the same match, a line break before the position included."""
    from extractor.pack.compiled import EndingAt, _alternation

    pos = min(pos, len(text))
    ending = EndingAt("(?:" + _alternation(forms, reverse=True) + ")" + space, forms, 8)
    found = ending.search(text, pos)
    if pos == 0 or (text[pos - 1] not in ending.last_chars and not text[pos - 1].isspace()):
        assert found is None
        return
    expected = ending.pattern.search(text, max(0, pos - 8), pos)
    assert (found and found.span()) == (expected and expected.span())


def test_a_trie_alternation_keeps_forms_that_differ_by_case_longest_first():
    """Heads that differ only by case both match under IGNORECASE (A, a): the trie keeps
    their forms as a flat list, longest first (found by the property test above)."""
    from extractor.pack.compiled import _alternation

    forward = regex.compile("(?i)(?:{})".format(_alternation(["A", "aa", "b"])))
    assert [m.span() for m in forward.finditer("AA b")] == [(0, 2), (3, 4)]
    backward = regex.compile("(?ri)(?:{})$".format(_alternation(["A", "Aa", "b"], reverse=True)))
    assert backward.search("xAA b", 0, 3).span() == (1, 3)


def test_a_word_referring_back_is_found_whole_when_searched_backwards():
    """refer_back runs backwards from a figure: its alternation is a trie on last characters,
    or 圈内 would win over 都市圈内 and the partner (合肥与都市圈内) be missed."""
    c = compiled(default_rules())
    m = c.refer_back.pattern.search("合肥与都市圈内其他城市基本实现1小时通达")
    assert m is not None and m.group() == "都市圈内"
