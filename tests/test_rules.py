"""Rule packs: every example in every rule file, and the errors a broken pack gives.

Each rule file in rules/ carries its own examples (duckling's corpus style); this test
runs each of them as its own case, so a failing phrasing names its file and entry.
"""

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.engine import tokenizer_for
from extractor.errors import RuleError
from extractor.finding.tokenize import straddles
from extractor.pack import cache as rulecache
from extractor.pack import rules
from extractor.pack.compiled import compiled
from extractor.pack.examples import check_examples
from extractor.pack.rules import builtin_dir, default_rules, load_rules

PACK = default_rules()
CASES = [
    (label, i, kind)
    for label, rule_file in PACK.files.items()
    for kind, entries in (("examples", rule_file.examples), ("negatives", rule_file.negatives))
    for i in range(len(entries))
]


#: The named metrics of contract v2 (CONTRACT.md, "Named metrics"), growth rates aside.
CATALOG_V2 = {
    "urbanization_rate", "hukou_urbanization_rate", "urban_population", "migrant_settlement",
    "resident_population", "gdp", "gdp_growth", "gdp_per_capita", "fiscal_revenue", "fixed_asset_investment",
    "retail_sales", "disposable_income", "urban_disposable_income", "rural_disposable_income", "new_urban_jobs",
    "urban_unemployment_rate", "pilot_counties", "metropolitan_areas", "rail_length", "commute_time", "plan_period",
}


def test_every_named_metric_of_the_contract_has_a_rule_file():
    assert CATALOG_V2 <= set(PACK.metrics), CATALOG_V2 - set(PACK.metrics)
    for metric in PACK.metrics.values():
        label = PACK.metric_files[metric.name]
        assert PACK.files[label].examples, f"{label} has no examples"
        if PACK.files[label].metric.name == metric.name:  # growth metrics are derived, not written
            assert metric.keywords.zh and metric.keywords.zh_hant and metric.keywords.en, label


def test_every_amount_metric_has_a_derived_growth_metric_and_nothing_else_does():
    amounts = {m.name for m in PACK.metrics.values() if set(m.kinds) & {"money", "population", "count"}}
    growth = {name for name in PACK.metrics if name.endswith("_growth")}
    assert growth == {f"{name}_growth" for name in amounts}
    assert all(PACK.metrics[name].kinds == ("percentage",) for name in growth)
    assert not list(Path(PACK.metric_files["gdp"]).parent.glob("*_growth.toml"))


@pytest.mark.parametrize("label,index,kind", CASES, ids=[f"{l}:{k}:{i}" for l, i, k in CASES])
def test_rule_file_example(label, index, kind):
    failures = [f for f in check_examples(PACK)
                if f.file == label and f.entry.startswith(f"{kind} -> {index}")]
    assert not failures, "\n".join(f"[{f.file} -> {f.entry}] {f.message}" for f in failures)


def test_examples_cover_every_rule_file():
    assert len(CASES) >= 40
    assert {label for label, _, _ in CASES} == set(PACK.files) - {"terms.toml"} | {"terms.toml"}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    directory = tmp_path / "mine"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


BROKEN = [
    ("bad.toml", "[metric\nname = 'x'", "bad.toml", "malformed TOML"),
    ("kind.toml", '[[unit]]\nkind = "volume"\nforms = ["立方米"]\n', "unit -> 0 -> kind", "volume"),
    ("regex.toml", '[[unit]]\nkind = "count"\nforms = ["个"]\nfollow = "(unclosed"\n', "unit -> 0 -> follow",
     "invalid regex"),
    ("factor.toml", '[[unit]]\nkind = "length"\nforms = ["里"]\nfactor = "half"\n', "unit -> 0 -> factor",
     "not an exact"),
    ("dup.toml", '[metric]\nname = "gdp"\nkinds = ["money"]\n[metric.keywords]\nzh = ["总产出"]\n',
     "metric -> name", "duplicated metric name 'gdp'"),
    ("growth.toml", '[metric]\nname = "gdp_growth"\nkinds = ["percentage"]\n[metric.keywords]\nzh = ["某增速"]\n',
     "metric -> name", "derived from 'gdp'"),
    ("extra.toml", '[[examples]]\ntext = "x"\nexpect = []\nspeed = 1\n', "examples -> 0 -> speed", "unknown key"),
    ("kindname.toml", '[metric]\nname = "count"\nkinds = ["count"]\n[metric.keywords]\nzh = ["个数"]\n',
     "metric -> name", "is a kind"),
]


@pytest.mark.parametrize("name,text,entry,reason", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rule_files_name_file_and_entry(tmp_path, name, text, entry, reason):
    directory = _write(tmp_path, name, text)
    with pytest.raises(RuleError) as error:
        load_rules([directory])
    message = str(error.value)
    assert name in message and entry in message and reason in message, message


def test_a_user_rule_pack_adds_a_metric_with_its_examples(tmp_path):
    directory = _write(tmp_path, "expressway.toml", '''
[metric]
name = "expressway_length"
kinds = ["length"]
[metric.keywords]
zh = ["高速公路通车里程", "高速公路"]
zh_hant = ["高速公路通車里程"]
en = ["expressway network"]

[[examples]]
text = "高速公路通车里程达到8300公里。"
expect = [{kind = "length", metric = "expressway_length", value = 8300}]
''')
    pack = load_rules([directory])
    assert "expressway_length" in pack.metrics
    [record] = extract("全省高速公路通车里程达到8300公里。", rules=pack)
    assert (record.metric, record.value, record.unit) == ("expressway_length", 8300, "km")
    assert check_examples(pack, only_dir=directory) == []
    # The built-in pack is unchanged by a user's pack.
    assert extract("高速公路通车里程达到8300公里。")[0].metric == "length"


def test_failing_user_example_is_reported_with_file_and_entry(tmp_path):
    directory = _write(tmp_path, "wrong.toml", '[[examples]]\ntext = "新建120公里"\n'
                       'expect = [{kind = "length", value = 12}]\n')
    failures = check_examples(load_rules([directory]), only_dir=directory)
    assert [(Path(f.file).name, f.entry) for f in failures] == [("wrong.toml", "examples -> 0 -> expect -> 0")]
    assert "value: expected 12.0, got 120" in failures[0].message


def test_missing_rule_directory_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="not a directory"):
        load_rules([tmp_path / "nowhere"])


def test_rule_files_read_with_a_bom(tmp_path):
    directory = tmp_path / "bom"
    directory.mkdir()
    (directory / "x.toml").write_bytes("\ufeff[[negatives]]\ntext = \"无数字\"\n".encode("utf-8"))
    assert load_rules([directory]).files


def test_domain_terms_come_out_as_one_token():
    tokenizer = tokenizer_for(PACK)
    words = tokenizer.words
    assert len(words) > 300 and set(words) <= set(compiled(PACK).dictionary_words)
    for word in words:
        assert tokenizer.cut(word, hmm=False) == [word], word


def test_builtin_rules_ship_with_the_package():
    assert (builtin_dir() / "units.toml").is_file()
    assert (builtin_dir() / "metrics" / "gdp.toml").is_file()


# --- the cache of validated packs (extractor/rulecache.py) ------------------------------------

@pytest.fixture
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv(rulecache.CACHE_ENV, str(directory))
    return directory


def _no_parsing(monkeypatch):
    def fail(data, label):
        raise AssertionError(f"{label} parsed although its pack is cached")
    monkeypatch.setattr(rules, "parse_file", fail)


def test_a_cached_pack_is_used_without_parsing_and_equals_the_parsed_one(cache, monkeypatch):
    parsed = load_rules()
    assert len(list(cache.glob("rules-*.pickle"))) == 1
    _no_parsing(monkeypatch)
    cached = load_rules()
    assert cached.files == parsed.files and cached.metrics == parsed.metrics


def test_an_edited_rule_file_is_parsed_again(cache, tmp_path, monkeypatch):
    directory = _write(tmp_path, "mine.toml", '[[person_nouns]]\nforms = ["migrants"]\n')
    assert load_rules([directory]).files[str(directory / "mine.toml")].person_nouns[0].forms == ("migrants",)
    (directory / "mine.toml").write_text('[[person_nouns]]\nforms = ["settlers"]\n', encoding="utf-8")
    assert load_rules([directory]).files[str(directory / "mine.toml")].person_nouns[0].forms == ("settlers",)
    _no_parsing(monkeypatch)  # both versions are cached now
    assert load_rules([directory]).files[str(directory / "mine.toml")].person_nouns[0].forms == ("settlers",)


def test_a_broken_rule_file_is_never_cached(cache, tmp_path):
    directory = _write(tmp_path, "kind.toml", '[[unit]]\nkind = "volume"\nforms = ["立方米"]\n')
    for _ in range(2):
        with pytest.raises(RuleError, match="kind"):
            load_rules([directory])
    assert not list(cache.glob("rules-*.pickle"))


def test_a_damaged_cache_entry_is_ignored_and_replaced(cache):
    load_rules()
    [entry] = cache.glob("rules-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_rules().metrics == default_rules().metrics
    assert entry.read_bytes() != b"not a pickle"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_entry_others_may_write_is_not_trusted(cache, monkeypatch):
    load_rules()
    [entry] = cache.glob("rules-*.pickle")
    entry.chmod(0o666)
    parsed = []
    real_parse = rules.parse_file
    monkeypatch.setattr(rules, "parse_file", lambda data, label: parsed.append(label) or real_parse(data, label))
    load_rules()
    assert parsed  # validated again instead of unpickling a file anyone could have replaced


def test_an_unusable_cache_place_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(rulecache.CACHE_ENV, str(blocker / "cache"))  # under a file: cannot be created
    assert load_rules().metrics == default_rules().metrics


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(rulecache.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_rules()
    assert rulecache.cache_dir() is None and not list(tmp_path.rglob("*.pickle"))


def test_the_cache_keeps_a_bounded_number_of_packs(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(rulecache, "MAX_ENTRIES", 2)
    directory = _write(tmp_path, "mine.toml", "")
    for word in ("a", "b", "c"):
        (directory / "mine.toml").write_text(f'[[person_nouns]]\nforms = ["{word}"]\n', encoding="utf-8")
        load_rules([directory])
    assert len(list(cache.glob("rules-*.pickle"))) == 2


def _no_compiling(monkeypatch):
    from extractor.pack import compiled as compiled_module

    def fail(pack):
        raise AssertionError("compiled although the compiled pack is cached")
    monkeypatch.setattr(compiled_module, "compile_pack", fail)


_TEXT = "2024年，河南省常住人口城镇化率达到58.4%，比上年提高1.2个百分点；郑州市地区生产总值增长5.2%。"


def _rows(pack):
    from extractor.engine import extract_articles

    return extract_articles(_TEXT, pack)[1]


def test_a_compiled_pack_is_cached_and_gives_the_same_records(cache, monkeypatch):
    first = load_rules()
    expected = _rows(first)
    assert len(list(cache.glob("compiled-*.pickle"))) == 1
    _no_compiling(monkeypatch)
    second = load_rules()
    assert _rows(second) == expected and expected
    assert compiled(second).places.key("Henan Province") == "henan province"
    window = "全省常住人口城镇化率"  # cut with the jieba dictionary pickled with the tokenizer
    assert tokenizer_for(second).cut(window, hmm=False) == tokenizer_for(first).cut(window, hmm=False) != list(window)


def test_a_compiled_pack_is_compiled_again_for_another_regex_version(cache, monkeypatch):
    import regex

    load_rules()
    compiled(load_rules())
    monkeypatch.setattr(regex, "__version__", regex.__version__ + ".other")
    built = []
    from extractor.pack import compiled as compiled_module
    real = compiled_module.compile_pack
    monkeypatch.setattr(compiled_module, "compile_pack", lambda pack: built.append(pack) or real(pack))
    compiled(load_rules())
    assert built and len(list(cache.glob("compiled-*.pickle"))) == 2


def test_a_pack_not_loaded_from_files_is_compiled_and_not_cached(cache):
    pack = rules.RulePack(load_rules().files)  # as a worker process unpickles it
    assert pack.sources is None
    compiled(pack)
    assert not list(cache.glob("compiled-*.pickle"))


# --- the tokenizer's shortcuts give jieba's own answers ----------------------------------------

def _jieba_cut(tokenizer, text: str) -> list[str]:
    return list(tokenizer._tokenizer().cut(text, HMM=False))


_WORDS = sorted(w for w in tokenizer_for(PACK).words if len(w) > 1)
_PIECES = st.sampled_from(_WORDS + list("一二三十百千万亿全省市县个家户届年的和城镇化率人口x5") + ["G60", " ", "，"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=8), st.data())
def test_tokenizer_shortcuts_agree_with_jieba(pieces, data):
    """Cuts that skip jieba (no word can form) and vetoes decided without cutting must be
    exactly what jieba's own route gives."""
    tokenizer = tokenizer_for(PACK)
    text = "".join(pieces)
    assert tokenizer.cut(text, hmm=False) == _jieba_cut(tokenizer, text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    stops = compiled(PACK).veto_words
    assert tokenizer.vetoes(text, start, end, stops) == straddles(_jieba_cut(tokenizer, text), start, end, stops)


_BEFORE = st.sampled_from(["超过", "约", "近", "不到", "逾", "第", "人民币", "US$", "￥", "$", "了", " ", "more than ",
                           "nearly ", "about", "Group ", "No.", "城镇化率", "达到", "a", "5", "，"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_BEFORE, max_size=6))
def test_look_behinds_skip_only_positions_where_they_cannot_match(pieces):
    """EndingAt rules a position out by the character before it; the regex alone must agree."""
    c = compiled(PACK)
    text = "".join(pieces)
    for ending in (c.prefix, c.qualifier_before, c.veto_before):
        found = ending.search(text, len(text))
        alone = ending.pattern.search(text, max(0, len(text) - ending.reach), len(text)) if text else None
        assert (found and found.span()) == (alone and alone.span()), (text, ending.pattern.pattern[:60])


TERM_CASES = [
    ("常住人口城镇化率达到59.22%", [(4, 8, "城镇化率")]),          # the longest term at a position
    ("城镇化水平", [(0, 3, "城镇化")]),
    ("GDP and gdp and Gdp", [(0, 3, "gdp"), (8, 11, "gdp"), (16, 19, "gdp")]),  # any case
    ("GDPs, subGDP", []),                                         # English terms on word boundaries
    ("the Urbanization Rate rose", [(4, 21, "urbanization rate")]),
    ("İ GDP", [(2, 5, "gdp")]),                                    # İ lowers to two characters: offsets hold
    ("", []),
]


@pytest.mark.parametrize("text,expected", TERM_CASES)
def test_term_scanner(text, expected):
    from extractor.pack.compiled import TermScanner

    scanner = TermScanner(["城镇化率", "城镇化", "GDP", "urbanization rate", "rate"])
    assert list(scanner.finditer(text)) == expected


# --- compiled patterns kept for the next process (pack/cache.preload_patterns) -----------------

def _python(code: str, cache: Path) -> str:
    import subprocess
    import sys

    env = {**os.environ, rulecache.CACHE_ENV: str(cache)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                          cwd=Path(__file__).resolve().parents[1]).stdout.strip()


_EXTRACT = "from extractor import extract; print([r.value for r in extract('城镇化率达到59.22%')])"
_PRELOADED = ("import extractor.pack.cache as c, extractor.meaning.context as m; from regex import _main; "
              "print(len(c._preloaded) > 0, any(_main._cache[k] is m._SENTENCE_END_PASSES[0] for k in c._preloaded))")


def test_the_modules_patterns_come_compiled_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    assert _python(_PRELOADED, cache) == "False False"  # nothing kept yet
    assert _python(_EXTRACT, cache) == "[59.22]"
    assert list(cache.glob("patterns-*.pickle"))
    assert _python(_PRELOADED, cache) == "True True"  # the module's pattern is the one kept


def test_a_damaged_pattern_cache_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    _python(_EXTRACT, cache)
    [entry] = cache.glob("patterns-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _python(_PRELOADED, cache) == "False False"
    assert _python(_EXTRACT, cache) == "[59.22]"


def test_a_pack_compiled_before_reads_its_files_only_when_asked(tmp_path):
    """With the compiled form in the cache, a run needs nothing else: the validated files are
    not read (nor written again), and a pack still gives them, and its metrics, when asked."""
    cache = tmp_path / "cache"
    assert _python(_EXTRACT, cache) == "[59.22]"
    validated = list(cache.glob("rules-*.pickle"))
    assert validated and list(cache.glob("compiled-*.pickle"))
    for entry in validated:
        entry.unlink()
    assert _python(_EXTRACT, cache) == "[59.22]"
    assert not list(cache.glob("rules-*.pickle"))
    asked = ("from extractor.pack.rules import load_rules; pack = load_rules(); "
             "print(pack.files is not None, 'urbanization_rate' in pack.metrics, pack.metric_files['urbanization_rate'])")
    assert _python(asked, cache) == "True True metrics/urbanization_rate.toml"
    assert list(cache.glob("rules-*.pickle"))


def test_a_deferred_pack_pickles_as_its_sources():
    import pickle

    pack = rules.RulePack.deferred(load_rules().sources)
    copy = pickle.loads(pickle.dumps(pack))
    assert copy._files is None and copy.sources == pack.sources
    assert copy.metrics.keys() == load_rules().metrics.keys()
