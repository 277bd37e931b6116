"""Check rules/regions.toml and rules/counties.toml: layout, codes, parents, counts and name collisions.

    python tools/check_regions.py [rules/regions.toml rules/counties.toml]

Every name and code must be unique across all the files given.

Standard library only. Prints the counts by level and exits non-zero on any problem.
"""
from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["code", "level", "zh", "zh_hant", "abbr", "en", "parent"]
TAIWAN = "710000"
LEVELS = {"nation", "province", "prefecture", "county", "area", "country", "world"}


def main(paths: list[Path]) -> int:
    regions = [r for path in paths for r in tomllib.loads(path.read_text(encoding="utf-8"))["region"]]
    errors: list[str] = []
    err = errors.append
    by_code = {}
    for r in regions:
        if list(r) != KEYS:
            err(f"{r.get('code')}: keys {list(r)} != {KEYS}")
        code, level = r["code"], r["level"]
        if code == TAIWAN and level in ("prefecture", "county") and r["parent"] == TAIWAN:
            continue  # one of Taiwan's cities and counties, which GB/T 2260 codes as Taiwan (710000)
        if code in by_code:
            err(f"duplicate code {code}")
        by_code[code] = r
        if level not in LEVELS:
            err(f"{code}: level {level!r}")
        if not r["zh"] or not r["en"] and level != "county":  # a district's pinyin may be ambiguous
            err(f"{code}: needs zh and en")
        for k in ("zh", "zh_hant", "en"):
            if len(set(r[k])) != len(r[k]) or any(not x or x != x.strip() for x in r[k]):
                err(f"{code}: {k} has a repeat or a blank name")
        if set(r["zh"]) & set(r["zh_hant"]):
            err(f"{code}: a zh_hant name equals a simplified one")
        if level == "province":
            if not re.fullmatch(r"[1-8]\d0000", code):
                err(f"{code}: not a GB/T 2260 province code")
            if len(r["abbr"]) != 1:
                err(f"{code}: abbr {r['abbr']!r}")
        elif r["abbr"]:
            err(f"{code}: abbr only for provinces")
        if level == "prefecture" and not re.fullmatch(r"\d{4}00", code) or level == "prefecture" and code.endswith("0000"):
            err(f"{code}: not a GB/T 2260 prefecture code")
        if level == "country" and not re.fullmatch(r"[A-Z]{2}", code):
            err(f"{code}: not ISO 3166-1 alpha-2")
        if level == "area" and not re.fullmatch(r"area:[a-z0-9]+(-[a-z0-9]+)*", code):
            err(f"{code}: not area:<slug>")
        if level == "nation" and code != "CN":
            err(f"{code}: the nation is CN")
        if level == "county" and not re.fullmatch(r"\d{4}(?!00)\d\d", code):
            err(f"{code}: not a GB/T 2260 county code")
        if (level in ("prefecture", "county")) != bool(r["parent"]):
            err(f"{code}: parent {r['parent']!r}")
    for r in regions:
        if r["level"] == "prefecture" and r["code"] != TAIWAN:
            p = by_code.get(r["parent"])
            if not p or p["level"] != "province" or p["code"][:2] != r["code"][:2]:
                err(f"{r['code']}: parent {r['parent']} missing or wrong")
        if r["level"] == "county" and r["code"] != TAIWAN:
            p = by_code.get(r["parent"])
            if (not p or p["level"] == "province" and p["code"][:2] != r["code"][:2]
                    or p["level"] == "prefecture" and p["code"][:4] != r["code"][:4]
                    or p["level"] not in ("province", "prefecture")):
                err(f"{r['code']}: parent {r['parent']} missing or wrong")

    # one name, one place
    zh_owner = defaultdict(set)
    en_owner = defaultdict(set)
    abbr_owner = defaultdict(set)
    for r in regions:
        for n in r["zh"] + r["zh_hant"]:
            zh_owner[n].add(r["code"])
        for n in r["en"]:
            en_owner[n.casefold()].add(r["code"])
        if r["abbr"]:
            abbr_owner[r["abbr"]].add(r["code"])
    for kind, owner in (("zh", zh_owner), ("en", en_owner), ("abbr", abbr_owner)):
        for n, codes in owner.items():
            if len(codes) > 1:
                err(f"{kind} name {n!r} on {sorted(codes)}")

    counts = Counter(r["level"] for r in regions)
    if counts["province"] != 34:
        err(f"{counts['province']} provinces, not 34")
    if counts["country"] < 60:
        err(f"{counts['country']} countries, fewer than 60")
    if counts["nation"] != 1:
        err("needs one nation")

    # spot checks: the spellings the contract and the issue name
    def code_of(name):
        codes = zh_owner.get(name) or en_owner.get(name.casefold()) or set()
        return next(iter(codes)) if len(codes) == 1 else None

    expect = {
        "河南": "410000", "河南省": "410000", "Henan": "410000", "Henan Province": "410000", "豫": None,
        "四川": "510000", "Sichuan province": "510000", "南京市": "320100", "南京": "320100",
        "吉林": "220000", "吉林市": "220200", "Jilin City": "220200", "中国": "CN", "全國": "CN",
        "nationwide": "CN", "香港": "810000", "Macau": "820000", "台灣": "710000", "臺灣省": "710000",
        "广西壮族自治区": "450000", "延边州": "222400", "延边": "222400", "Xi'an": "610100",
        "Urumqi": "650100", "Lhasa": "540100", "Hohhot": "150100", "Kashgar": "653100",
        "南京都市圈": "area:nanjing-metro", "Nanjing metropolitan area": "area:nanjing-metro",
        "长三角": "area:yangtze-river-delta", "长江三角洲": "area:yangtze-river-delta",
        "Yangtze River Delta": "area:yangtze-river-delta", "粤港澳大湾区": "area:greater-bay-area",
        "京津冀": "area:jing-jin-ji", "Beijing-Tianjin-Hebei": "area:jing-jin-ji",
        "成渝地区双城经济圈": "area:chengdu-chongqing", "长株潭": "area:changzhutan-metro",
        "关中平原城市群": "area:guanzhong-plain", "中原城市群": "area:central-plains",
        "雄安新区": "area:xiongan", "美国": "US", "United States": "US", "韩国": "KR", "德国": "DE",
        "Suzhou": None, "Suzhou, Jiangsu": "320500", "海西": None, "海西州": "632800",
    }
    for name, want in expect.items():
        got = code_of(name)
        if name == "豫":
            got = next(iter(abbr_owner.get(name, [])), None)
            want = "410000"
        if got != want:
            err(f"spot check {name!r}: {got} != {want}")

    # every place name the current rules (terms.toml) know resolves here
    terms_path = ROOT / "rules" / "terms.toml"
    if terms_path.exists():
        terms = tomllib.loads(terms_path.read_text(encoding="utf-8"))["terms"]
        missing = [n for k in ("provinces", "provinces_en", "cities", "cities_en", "areas", "areas_en")
                   for n in terms.get(k, []) if code_of(n) is None]
        if missing:
            print(f"note: {len(missing)} place names of terms.toml have no single entry here: {missing}")

    if "county" in counts and counts["county"] < 2800:
        err(f"{counts['county']} county-level divisions, fewer than 2,800")
    for level in ("nation", "province", "prefecture", "county", "country", "area", "world"):
        print(f"{level:11} {counts[level]}")
    print(f"{'total':11} {len(regions)}")
    print(f"names: {len(zh_owner)} Chinese, {len(en_owner)} English (case-folded)")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main([Path(a) for a in sys.argv[1:]] or [ROOT / "rules" / "regions.toml", ROOT / "rules" / "counties.toml"]))
