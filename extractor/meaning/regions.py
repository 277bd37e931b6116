"""Regions: the place each figure is about (the contract's `region`).

The place names of a document are found once (DocumentContext builds `regions`, the spans
of every place name with its suffix, sorted); a figure's place is then looked up with bisect
among the names of its sentence, with bounded matches around them, so its cost does not
grow with the text. DocumentContext mixes these lookups in (PlaceLookups).
"""

from __future__ import annotations

import bisect
import functools
from typing import Callable, Optional, TypeVar

import regex

from ..finding.normalize import fold
from ..pack.compiled import Compiled
from .places import plain_code

# How far past a place name its suffix may reach (郑州|都市圈, Jilin| Province): every
# per-figure match gets an end, so its cost does not grow with the rest of the input.
REGION_SUFFIX_REACH = 48
# 县 / 市 / 区 right after a place that begin a word of their own (河南县城, 浙江县域, 四川市域铁路,
# 长三角区域, 江苏县级市, 广州市场, 深圳市民): not the place's suffix.
_SUFFIX_IN_A_WORD = regex.compile(r"[县市区](?:城|域|级|场|民)")
# How far past a figure or a place the words after it are matched (the same reason).
MATCH_REACH = 80
# Regions: a comparison base or an exception just before a place (高于全国, 比上年, 占全省, 除X), words after a
# place that make it a station, road or park, a place right after a figure (59.22%的河南),
# places listed with 、 and a count right after them, and 分别 (respectively).
_BASE_BEFORE = regex.compile(  # (比最低的郑州高6个百分点: the lowest, the base all the same)
    r"(?:(?:比|较|高于|低于|高出|低出|快于|慢于|超过)(?:最[高低多少大小快慢]的)?|占|对|不足|集中了|集聚了|除了?|"
    r"(?i:than|above|below|against|except|excluding|"
    r"(?P<share>(?:%|percent|per\s+cent|share|proportion)\s+of)))\s*$")
# Before a place: the place an English appositive puts a city in (Chengdu, capital of Sichuan province, …),
# a trip's destination (trips to mainland China), a place locating the one before it (the Northern
# Metropolis in Hong Kong): not what the sentence's figures are about.
_HOLDER_BEFORE = regex.compile(r"(?i:\b(?:capital|part)\s+of\s+(?:the\s+)?)$")
_EN_DESTINATION_BEFORE = regex.compile(r"(?i:\b(?:to|into|towards?)\s+(?:the\s+)?(?:mainland\s+)?)$")
_LOCATED_IN = regex.compile(r"(?i:\s+in\s+(?:the\s+)?)")
# A comparison base's own value: than China's 5.0%, compared with 67% nationwide, 比全国的59.8%.
_COMPARED_WORDS = r"than|compared\s+(?:with|to)|versus|vs\.?|against"
_COMPARED_BEFORE = regex.compile(r"(?:(?i:\b(?:" + _COMPARED_WORDS + r"))|比|较|高于|低于|快于|慢于)\s*$")
_COMPARED_FIGURE_BEFORE = regex.compile(
    r"(?i:\b(?:" + _COMPARED_WORDS + r")\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?)$")
_PLUS_BEFORE = regex.compile(r"\S\s?(?:与|和|及|以及|加上|(?i:plus|and|together\s+with))\s?$")  # its other parts plus A and B
_POSSESSIVE = regex.compile(r"['’]s\s|的\s?")
# The sample of a survey (43 per cent of the 1,200 respondents): about no region.
_SAMPLE_NOUNS, _SAMPLED, _SAMPLE_ZH = ("respondents", "interviewees"), ("surveyed", "polled", "interviewed"), ("受访者", "受访群众", "被调查者")
_SURVEY = regex.compile(r"(?i:\b(?:" + "|".join(_SAMPLE_NOUNS) + r")\b|\b(?:people|residents|households|workers|commuters)\s+"
                        r"(?:" + "|".join(_SAMPLED) + r")\b)|" + "|".join(_SAMPLE_ZH))
# One of these stands in every match of _SURVEY (in lower case): a text without any is not scanned.
_SURVEY_WORDS = _SAMPLE_NOUNS + _SAMPLED + _SAMPLE_ZH
# 以全国约6%的国土面积 (with 6% of the country's land): the place whose total a share is of.
_WITH_BEFORE = regex.compile(r"以$")
_SHARE_AFTER = regex.compile(r"(?:约|近|不到|不足|超过)?[0-9０-９.]+\s?%的")
# After a place: what is left out of it (除南昌市中心城区以外, 武汉市以外8市), not what a figure is about.
_EXCEPT_AFTER = regex.compile(r"\p{Han}{0,6}?(?:以外|之外)")
_EXCEPT_BEFORE = regex.compile(r"(?:以外|之外)的?$")
# After a place: a rank among its peers (全国首条, 全省第一), not a figure about it.
_RANK_AFTER = regex.compile(r"(?:\p{Han}{0,6}?(?:前列|之首|首位)|首(?!批)|第一|领先|率先|之最)")
# 等地 after a place: it and others like it (港人在深圳等地的消費), where something happens, not what it is about.
# A government or agency named after its place (重庆市发展改革委): the speaker, not what a figure is about.
_AGENCY = r"(?:省|市)?(?:发展和改革委员会|发展改革委|发改委|统计局|人民政府|政府(?!工作))"
_NOT_A_PLACE_AFTER = regex.compile(
    r"等地|(?:东|西|南|北|中)?(?:站|路|大道|大街|机场|港|码头|公园|大桥|隧道|枢纽|线|平均)|\p{Han}{0,2}国际机场|\p{Han}{0,2}(?:产业园|工业园|园区|开发区)|" + _AGENCY + r"|(?i:\s+(?:station|airport|road|avenue|"
    r"street|port|park|bridge|line|think\s+tank|university|bank|firm|company|institute|academy)\b|-based\b"
    r"|['’]s\s+(?:(?:south|north)(?:east|west)?|east|west|interior|hinterland|heartland|coast)\b"
    r"|(?:\s+(?-i:[A-Z])[\w'’]*){1,3}\s+(?:rail\s+link|link|railway|line|bridge|tunnel|expressway|corridor)\b"
    r"|(?:-[a-z][\w'’]*){0,3}\s+(?:intercity\s+|high-speed\s+)?(?:railway|railroad|rail\s+line|expressway|highway)\b)")
_AGENCY_AFTER = regex.compile(_AGENCY)
# A place right after a figure (达到59.22%的河南, 59.22% in Henan) on its line: a figure that ends a
# line is not about the place the next line opens with (a table's next row, the next paragraph);
# hard-wrapped English may break the line around its preposition.
_RIGHT_AFTER = regex.compile(r"[^\S\r\n]?(?:的|之)?[^\S\r\n]?|\s?(?i:(?:of|in|for)(?:\s+the)?)\s?")
_OF_PLACE_AFTER = regex.compile(r"[^\S\r\n]?(?:以上|左右|以内)?的[^\S\r\n]?")
_LIST_END = regex.compile(r"\s?(?:等)?\s?")
_LIST_JOINT = regex.compile(r"\s?(?:[、,和与及—]|(?i:,?\s*and))\s?")
_MEMBERS_AFTER = regex.compile(r"[^，,。;；\n]{0,40}?(?:[，,]\s*(?:包括|including|such\s+as|among\s+them)|[（(](?![市县区州旗、]{1,6}[）)])|：)",
                            regex.IGNORECASE)  # not 9个市（州）, 20个县（市）: kinds of one division
_LINKS = r"connects?|connecting|links?|linking|joins?|joining"
_BETWEEN_BEFORE = regex.compile(r"(?i:\b(?:between|" + _LINKS + r"))\s+$|连接(?:\p{Han}{1,12}[与和])?$")
_BETWEEN_FIGURE_BEFORE = regex.compile(r"(?i:\b(?:" + _LINKS + r")\s+(?:the\s+)?$)")
# A travel time around a place (a "one-hour commuting circle" around Xi'an): about that place, as 以X为中心 is.
_AROUND_AFTER = regex.compile(r"(?i:[\"”’']?(?:\s+[a-z-]+){0,3}?[\"”’']?\s+(?:around|centred\s+on|centered\s+on"
                           r"|(?:commute|drive|ride|train\s+ride)\s+(?:of|from))\s+)")  # within a one-hour commute of Zhengzhou
# The difference between two places' values (Xi'an 79.9 percent, Xianyang 58.9 percent, a difference of
# 21 percentage points; 两市相差21个百分点): about neither.
_DIFFERENCE_BEFORE = regex.compile(r"(?i:\ba\s+(?:difference|gap)\s+of\s+|相差|差距为?)$")
_BETWEEN_AFTER = regex.compile(r"\s?(?:之间|间|[与和]\p{Han}{1,8}?之间|(?i:of\s+each\s+other))")
# From X to Y: in English the figure is about X (from Changchun to Changbai Mountain); a
# Chinese X至Y route (广州至佛山30分钟) joins two places like 之间 does.
_AMONG = regex.compile(r"(?r)(?<=\p{Han})之间")
_CLAUSE_BREAK = regex.compile(r"(?r)[，,；;：:]")
# Right after a group's name, the places it consists of (南京都市圈包括…, 武汉都市圈由武汉、鄂州…等9市组成,
# 太原都市圈以太原为中心，包括…, The circle covers ...): those places are members, not the subject.
_MEMBERS_MARKER = regex.compile(
    r"\s?(?:的)?(?:规划)?(?:范围)?(?:包括|包含|涵盖|覆盖|横跨|跨越|由|以[^，,。；;]{1,12}为(?:中心|核心))"
    r"|(?i:,?\s+(?:which\s+)?(?:covers|includes|comprises|consists\s+of|spans|links|straddles|stretches\s+across))\b")
_MORE_MEMBERS = regex.compile(r"\s?(?:及|和|以及|与|(?i:and))")
_PLAN_RANGE = regex.compile(r"(?:规划》?|其)范围")  # 规划范围, 《规划》范围
_SUM = regex.compile(r"合计|共计|总计|合共|(?i:\bcombined\b|\btogether\b)")
# A project's own length: 京雄城际铁路全长约92公里, 全長約55公里的港珠澳大橋; The 116-kilometer
# Shenzhen-Jiangmen railway. A trip between two points that are no places: 从北京西站到雄安站,
# 由洪水桥往前海, 机场至新区的通行时间.
_PROJECT_LENGTH = regex.compile(r"(?:铁路|高铁|城际|轨道|地铁|捷运|线|大桥|桥|运河|公路|隧道|通道)\S{0,6}?全长"
                             r"|(?:^|(?<=[,;:。\s]))全长")
_PROJECT_NAMED_AFTER = regex.compile(r"\p{Han}{0,2}?(?:线|高铁|铁路|城际|大桥|通道|高速|隧道|运河)")
_EN_PROJECT_AFTER = regex.compile(r"(?:\s+[A-Za-z][\w'’-]*){0,6}?\s+(?i:railway|railroad|rail\s+line|line|link|bridge|"
                                  r"tunnel|canal|expressway|highway|road)\b")
_TRIP = regex.compile(r"(?:从|由|自)\p{Han}{1,10}(?:到|往|至)|(?:至|到)\p{Han}{1,8}的(?:通行|通勤|行车)?(?:时间|车程)"
                      r"|(?i:\b(?:the|a|its)\s+(?:journey|trip|ride|travel\s+time)\b)")
# A set of places with no name as what a sentence is about (some provinces, eighteen regions).
_SET_NOUN = r"(?:provinces|regions|cities|counties|municipalities)\b"
_PLACE_SET = regex.compile(
    r"(?i:\b(?:some|several|many|most|other|[0-9]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?:[a-z-]+\s+){0,2}" + _SET_NOUN + ")")
# Its noun alone: looked for first, a quarter of the cost where there is none (most sentences).
_PLACE_SET_NOUN = regex.compile("(?i:" + _SET_NOUN + ")")
_PARTS = regex.compile(r"(?i:\b(?:cities|counties|districts)$)")  # the parts of a province or city
_NEW_CLAUSE = regex.compile(r"(?i:[,;]\s*(?:and|but|while|whereas)\s|;)")
# One of a set of places (one of about 27 Chinese cities with output above 1 trillion yuan, 27个万亿城市之一): the
# set's count and the threshold that defines it are about no one place.
_ONE_OF = regex.compile(r"(?i:\bone\s+of\s+(?:the\s+)?(?:about\s+|some\s+|nearly\s+|roughly\s+|around\s+)?$)")
_ONE_OF_SET = regex.compile(
    r"(?i:\bone\s+of\s+(?:the\s+)?(?:about\s+|some\s+|nearly\s+|roughly\s+|around\s+)?[0-9]+\s+(?:[a-z-]+\s+){0,2}"
    r"(?:cities|provinces|regions|countries|counties)\s+(?:with|whose|where)\b[^,;.]{0,60}$)")
_ONE_OF_AFTER = regex.compile(r"[^，,。；;]{0,12}?(?:城市|省份|地区|国家|县)之一")
_EACH = regex.compile(r"\s?各|(?i:\s+each\b)")
_HAN_AFTER = regex.compile(r"(?![东西南北中部])\p{Han}")  # 豫发布, 陸推; not 川北 (a part of Sichuan)
# A set of places with no name: a list counted (江阴、张家港、常熟三市) or closed by 等市 (黄冈、孝感等市的城镇化率),
# one pointed back to (这7个示范县), the GDP of its nine mainland cities.
_SET_SUBJECT = regex.compile(
    r"(?=[两二三四五六七八九十这上前等强千oO])"  # the first characters: the engine skips to them
    r"(?:(?P<sum>[两二三四五六七八九十]+(?:个|座)城市(?=合计|共|均))"
    r"|(?P<these>(?:这|上述|前述)\s?[0-9两二三四五六七八九十]+\s?(?:个|座|大)\p{Han}{0,6}?(?:县|市|城市|区|都市圈|城市群)(?![区级长委政府]))"
    r"|[两二三四五六七八九十]+(?:个|座)?(?:市|县|城|地)(?![区级长委政府])|等(?:市|县|地)(?![区级长委政府城])"
    r"|(?P<of>(?i:\bof\s+(?:its|their|the)\s+(?:[a-z0-9-]+\s+){1,2}(?:cities|counties|provinces)\b))"
    r"|(?P<ranked>(?<=百|(?<![0-9])[0-9]+)强(?:县|市|区|镇)|千亿(?:县|市)))")  # 百强县地区生产总值合计: a ranking's places
_BETWEEN_AFTER_FIGURE = regex.compile(
    r"(?i:(?:\s+[a-z-]+){0,3}?\s+(?:of\s+(?:each\s+other|downtown|central|the\s+(?:city|centre|center))\b|between\s+(?-i:[A-Z])))")
# Parts of a headline, written apart by a space (湖北：武汉都市圈“1小时通勤圈”基本形成 城镇化率达到65.59%).
_HEADLINE_PART = regex.compile(r"(?r)(?<=[\p{Han}%”」])[ \u3000]+(?=[\p{Han}“「\"])")
_OF_COUNTRY = regex.compile(r"(?:['’]s\s+|\s?的?)")  # China's Hubei, 中国湖北: a place of the country
_BREAKDOWN = regex.compile(r"按\p{Han}{1,4}分")
_TOTAL_OF = regex.compile(r"中[,，]")  # 60个试点县中，: the total a breakdown divides
_BARE_AREA_WORDS = frozenset({"新区", "示范区"})
_NAME_CHAR_BEFORE = regex.compile(r"[^\P{Han}该本]")
# A part of the country or of a place by its direction, right before its value in a breakdown.
_DIRECTION_BEFORE = regex.compile(r"(?:^|(?<=[,，、;；:：]))\s?(?P<part>(?:东部|中部|西部|东北|西北|西南|东南)(?:地区)?)\s?$")
_PROVINCE_PART_BEFORE = regex.compile(
    r"(?:^|(?<=[,，、;；:：]))\s?(?P<part>\p{Han}(?:中南|东北|西北|西南|东南|东|西|南|北|中)(?:部|地区)?)\s?$")
_SUBJECT_VERB_AFTER = regex.compile(r"(?i:\s+(?:had|have|has|set|are|were|produced|reported|saw|cover(?:ed)?)\b)")
_PAIR_JOINT = regex.compile(r"\s?[与和同]\s?")
_TO_JOINT = regex.compile(r"(?i:\s+to\s+)")
# An English trip between places written with the words between (from her home in X to an office in Y).
_EN_TO_BEFORE = regex.compile(r"(?i:\bto\b[^,;.]{0,40}$)")
_EN_FROM_BEFORE = regex.compile(r"(?i:\bfrom\b[^,;.]{0,40}$)")
_ROUTE_JOINT = regex.compile(r"\s?(?:至|到|往)\s?")
#: 分别 / respectively (on folded text: 分別 folds to 分别), for regions and for metrics of lists.
RESPECTIVELY = regex.compile(r"分别|(?i:\brespectively\b)")
_RESPECTIVELY_AFTER = regex.compile(r"(?i:\brespectively\b)")  # X and Y stood at 75.6% and 74.8%, respectively
_EN_BASE_BEFORE = regex.compile(r"(?i:\b(?:than|above|below)\s+(?:the\s+)?)$")  # 0.7 points above the national average
_NATIONAL = regex.compile(r"国家级|全国性|(?i:\bnational(?:ly|-level)?\b|\bthe\s+(?:country|nation)\b)")
_EN_WORDS_AFTER = regex.compile(r"(?:\s+[A-Za-z-]+){1,3}")
# A word referring back (全省, 该市, 都市圈) stands for a place named up to this far before it
# (in a large input, possibly in the segments before: DocumentContext.earlier_places).
REFER_REACH = 3000
# Before a bare 都市圈 these make it a noun of its own (两个都市圈, 3个区域性都市圈, 的都市圈), not
# the area named before.
_NOT_REFERRING_BEFORE = regex.compile(r"(?:[0-9０-９一二两三四五六七八九十个大性的级、“\"「]|现代化|重点|主要|其他|其余|各|部分)$")
# Before a place or a word referring back, these make it a partner (合肥与都市圈内其他城市) or a
# destination or point of reference (郑州至都市圈各城市, 距成都主城区), not what a figure is about.
_PARTNER_BEFORE = regex.compile(r"(?:与|和|及|同)$")
_DESTINATION_BEFORE = regex.compile(r"(?:至|到|往|距)$")
_ROUTE_END_BEFORE = regex.compile(r"(?<=\p{Han})(?:至|到)(?:[^，,。;；至到]{0,6}?[及和、])?$")
_REFERENCE_BEFORE = regex.compile(r"(?:距|往|向)$")  # 距成都主城区约50公里, 通往花垣县的公路: not about that place
_ORIGIN_BEFORE = regex.compile(r"(?:从|自)$")
# Between a list of places and a figure in the same clause, the words of a value they share
# (德阳、眉山、资阳的城镇化率则在45%—55%之间): no other place, no clause break, no 分别.
_SHARED_AFTER_LIST = regex.compile(r"[^，,。;；：:\n]{0,24}")
# After a count of listed places, a verb of being chosen into a list made elsewhere (简阳、江油、西昌3个县（市）入选):
# the count is of the set chosen, not of the places a holder named before the list has.
# A count of places opening a clause (2025年前三季度，3个示范县（市）…): the subject of its sentence.
_COUNTED_PLACES = regex.compile(r"[，,：:]\s?(?P<n>[0-9]+|[两二三四五六七八九十]+)\s?(?:个|座)\p{Han}{0,4}?"
                                r"(?:县|市|区|城市|都市圈)(?:[（(][市县区、]{1,5}[）)])?(?![区级长委政府])")
# A place opening a clause after the first (…，长株潭都市圈常住人口…), and the article's own province or city
# opening an earlier one (“十五五”时期，全省经济…).
_CLAUSE_OPEN = regex.compile(r"[，,；;]\s?$")
_OWN_TOPIC = regex.compile(r"全省|全市|我省|我市")
_CHOSEN_AFTER = regex.compile(r"\p{Han}{0,6}?(?:[（(][^）)]{1,6}[）)])?\s?(?:入选|获批|列入|纳入|上榜|入围)")
_GROUP_MEMBERS_MAX = 6  # the longest list of members a group's name is made of (成德眉资: 4)
_GROUP_SUFFIX = regex.compile(r"(?:都市圈|都市区|经济圈|城市群|地区|两地|双城)$")
_AREA_NAME_END = regex.compile(r"(?:都市圈|都市区|都会区|经济圈|示范区|新区|(?i:metropolitan\s+(?:area|circle)|economic\s+circle))$")
# English direction adjectives that name a part of the country only before a word for places
# (rules/terms.toml, areas_en): 12 western provincial-level regions, the central and western provinces.
_BARE_DIRECTIONS = frozenset({"western", "eastern", "northeastern", "northwestern", "southwestern", "central and western"})
_ONE_PLACE_NOUNS = frozenset({"province", "city", "region"})  # the southwestern province: one place, named again
_PLACES_NOUN_AFTER = regex.compile(r"(?i:\s+(?:[a-z-]+\s+)?(?:provinces|provincial-level\s+regions|regions|areas)\b)")
# The types of place each word referring back may stand for (_level_of): 该省 / the province an
# autonomous region too, the region an area or an autonomous region.
_REFERRED_TYPES = {"province": ("province", "autonomous"), "region": ("area", "autonomous")}
# Provincial-level divisions that are cities: the municipalities (北京市) and the SARs (香港特别行政区).
_CITY_PROVINCES = ("市", "特别行政区")
#: What region() returns for a national figure whose sentence does not name the country.
NATION = "\x00nation"

_Lookup = TypeVar("_Lookup", bound=Callable)


def per_place(lookup: _Lookup) -> _Lookup:
    """Memoize a lookup about one place of the document (a comparison base? in a list? its
    level?): it depends on the place alone, and every figure of a sentence asks it again."""
    name = lookup.__name__

    @functools.wraps(lookup)
    def remembered(self, *args):
        key = (name, *args)
        try:
            return self.place_memo[key]
        except KeyError:
            answer = self.place_memo[key] = lookup(self, *args)
            return answer
    return remembered  # type: ignore[return-value]


def place_span(folded: str, c: Compiled, start: int, end: int) -> tuple[int, int]:
    """A place name found at [start, end) with its suffix: 郑州 + 都市圈, 长株潭 + 地区, Jilin +
    Province; never the 地区 of 地区生产总值 (长三角地区生产总值 names 长三角)."""
    if folded[start:end].lower() in c.nation_names:
        return start, end  # 全国县城: the country, not a county named 全国
    m = c.region_suffix.match(folded, end, end + REGION_SUFFIX_REACH)
    if m is not None and not (m.end() - end == 1 and folded[end - 1] in "省市县区") \
            and not _SUFFIX_IN_A_WORD.match(folded, end, end + 2):
        end = m.end()  # 浙江省|省长: the name has its suffix already; 河南|县城, 浙江|县域, 长三角|区域: a word of its own
    if folded.endswith("地区", start + 2, end) and folded.startswith("生产总值", end):
        end -= 2  # 长三角|地区生产总值: the 地区 of the indicator, not of the place
    return start, end



def without_bare_directions(folded: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`regions` without the English direction adjectives (western, central and western) that
    stand before no word for places: 12 western provinces names the west, western Xi'an and
    Western medicine name no part of the country; nor with one place word after them (the
    southwestern province): a writer's second name for the province named before, which the
    rules' words referring back resolve (terms.refer_province)."""
    kept = []
    for s, e in regions:
        name = folded[s:e].lower()
        if name in _BARE_DIRECTIONS and not _PLACES_NOUN_AFTER.match(folded, e, e + MATCH_REACH):
            continue
        direction, _, noun = name.rpartition(" ")
        if direction in _BARE_DIRECTIONS and noun in _ONE_PLACE_NOUNS:
            continue
        kept.append((s, e))
    return kept


def hyphenated_groups(folded: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`regions` with English places joined by hyphens made one name (the Shenzhen-Dongguan-Huizhou
    commuting target, Xi'an-Xianyang): a group written as one, never cut to its last member."""
    out: list[tuple[int, int]] = []
    for s, e in regions:
        if out and s == out[-1][1] + 1 and folded[s - 1] == "-" and folded[s - 2:s - 1].isascii() \
                and folded[s:s + 1].isascii():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_ENGLISH_START = regex.compile(r"[^\p{Han}]{0,12}[A-Za-z]")  # an English sentence, not 2024年…
# An interview's answer (答：…): the official goes on about what the question asked.
_ANSWER = regex.compile(r"\s*答\s*[：:]")
# A new item of a list (二是…, 其三, （二）, 3、): a topic of its own, nothing carried into it.
_NEW_ITEM = regex.compile(r"\s*(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十0-9]+[、.．])")
ANSWER_REACH = 2000  # how far back a sentence's paragraph start is looked for


def carried_place(folded: str, last_place: tuple[int, int, str], carried_into: int, left: int) -> Optional[str]:
    """The place the sentence right before (the one ending where the figure's, starting at
    `left`, starts, in its paragraph) is about by its own words, for an English sentence or
    one of an interview's answer that starts no new item of a list; else None (Chinese writers
    name the place again, or mean the headline's). `last_place`: (start, end, place) of the
    last sentence whose figures named their place; `carried_into`: the start of the last
    sentence that took its place so (the engine keeps both, figure by figure)."""
    start, end, place = last_place
    if start == left:
        return place if carried_into == left else None  # as a figure before in the same sentence
    if not place or end > left or start < 0:
        return None
    between = folded[end:left]
    if "\n" in between or between.strip():
        return None
    if _ENGLISH_START.match(folded, left, left + 12):
        return place
    if _NEW_ITEM.match(folded, left, left + 8):
        return None
    paragraph = folded.rfind("\n", max(0, left - ANSWER_REACH), left) + 1
    if paragraph == 0 and left > ANSWER_REACH:
        return None
    return place if _ANSWER.match(folded, paragraph, paragraph + 4) else None


def headline_place(title: Optional[str], c: Compiled, nation: bool = False) -> Optional[str]:
    """The first place named in a headline: the region of its article's figures by default
    (with `nation`, the first name of the country as a whole: the region of national figures).
    A headline that opens with a one-character abbreviation and a verb (陸推縣城新型城鎮化,
    豫发布…) names that place."""
    if not title:
        return None
    folded = fold(title, c.table)
    found, province, country, agency = None, False, False, None
    for start, end, term in c.lexicon.finditer(folded):
        if term in (c.nation_names if nation else c.region_names):
            span = place_span(folded, c, start, end)
            if found is None and agency is None and _AGENCY_AFTER.match(folded, span[1]):
                agency = span  # 湖北省发展改革委…就《武汉都市圈发展规划》答记者问: the plan's place, not the speaker's
                continue
            city = term in c.city_names and (span[1] == end or folded[span[1] - 1] == "市")
            if found is not None and not (province and span[0] == found[1] and city) \
                    and not (country and _OF_COUNTRY.fullmatch(folded, found[1], span[0])):
                break
            # 安徽省蚌埠市: the city of its province; China's Hubei, 中国湖北: the province of its country
            found, province, country = span, term in c.province_names, term.lower() in c.nation_names
    if found is None and not nation and folded[:1] in c.headline_abbreviations and _HAN_AFTER.match(folded, 1):
        return title[0]
    found = found or agency
    if found is not None and not nation and c.places.levels.get(c.places.key(folded[slice(*found)])) == "county":
        # 竹北人口衝破23萬 新竹縣人口成長率…: a county-level place and a wider one named after it; the
        # article, and each figure whose sentence names no place, is about the wider one
        for start, end, term in c.lexicon.finditer(folded):
            if start >= found[1] and term in c.region_names and c.places.levels.get(c.places.key(term)) in ("prefecture", "province"):
                return title[slice(*place_span(folded, c, start, end))]
    if found is None and not nation:
        own = c.own_places.search(folded)
        if own is not None:
            return c.own_place_names[int(own.lastgroup[1:])]  # 本港人口回升…: a Hong Kong paper's own place
    return title[slice(*found)] if found else None


class PlaceLookups:
    """The region lookups of DocumentContext (which sets folded, text, c, regions,
    region_starts and the figure spans these read)."""

    #: (start, name, type, whether a subject) of places named in the segments before this one,
    #: within REFER_REACH of its start (start relative to this segment, so negative); set by the engine.
    earlier_places: list = []
    #: (start, folded name) of the places named apart from lines in the segments before, within
    #: REFER_REACH of this one's start (start negative); set by the engine.
    earlier_apart: list = []
    #: The answers of the per_place lookups, by (lookup, place); set per document.
    place_memo: dict
    #: Where the words referring back stand in the document (WordsBack.occurrences), on first need.
    _refer_words: Optional[tuple[list[int], list[int]]] = None

    def region(self, start: int, end: int, left: int, right: int, kind: str, floor: int = 0,
               headline: Optional[str] = None, headline_end: int = -1, worded: bool = True) -> Optional[str]:
        """The place a figure is about: None when its sentence names none (the caller takes the
        headline's, `headline`), "" when it is about none on purpose. In order: a place right
        after it with 的 (超过80%的涪城区); a part of a breakdown (东部18个); a time between places;
        else the nearest place named before it in its sentence that it can be about (not a
        comparison base, a station, a point of reference, one member of a list), unless a word
        referring back (全省, 该市, 都市圈, the circle; resolved among the places named after
        `floor`, the start of its article, within its paragraph) stands nearer, it is one of a pair or route, of a
        list summed, counted or shared out, or a member of a named group (which it is then
        about); in a 分别 list the place in the value's position; else a national word, the
        first place of a plan's sentence, a place right after it, a project's place or a set
        of places with no name (README, "Years and places").

        `worded`: the sentence holds a letter. False (the row of a table of bare figures) skips
        every test of words standing within the sentence; those that may read past it stay."""
        if start < headline_end:  # the headline: its parts are statements of their own
            space = _HEADLINE_PART.search(self.folded, left, start)
            if space is not None:
                left = space.end()
        after = bisect.bisect_left(self.region_starts, end)
        if after < len(self.regions) and _OF_PLACE_AFTER.fullmatch(self.folded, end, self.regions[after][0]) \
                and not self._not_the_subject(*self.regions[after], True):
            return self._region_text(after)  # 城镇化率已超过80%的涪城区, 达到67%的全国平均水平
        base = self._base_value_of(start, end, after)
        if base is not None:
            return base  # faster than China's 5.0%, compared with 67% nationwide: the base's own value
        if self._survey_between(left, right):
            return ""  # 43 per cent of the 1,200 respondents: a survey's sample, about no region
        own = bisect.bisect_right(self.region_starts, start)
        if own < after and not self._not_the_subject(*self.regions[own]):
            return self._region_text(own)  # 12 western provincial-level regions: a place in the figure's own words
        if worded and _ONE_OF_SET.search(self.folded, max(left, start - MATCH_REACH), start) \
                or kind == "count" and (worded and _ONE_OF.search(self.folded, max(left, start - 24), start)
                                        or _ONE_OF_AFTER.match(self.folded, end, end + 16)):
            return ""  # one of about 27 Chinese cities with output above 1 trillion yuan, 全国27个万亿城市之一: the set's
        if kind == "count" and worded and _BETWEEN_FIGURE_BEFORE.search(self.folded, max(left, start - 24), start):
            return ""  # a line linking the two downtowns: the places a line links, about no one place
        if kind == "count" and worded and _EXCEPT_BEFORE.search(self.folded, max(left, start - 4), start):
            return ""  # 取消武汉市以外8市的落户限制: the places left when one is taken out, a set with no name
        direction = _DIRECTION_BEFORE.search(self.folded, max(left, start - 8), start) if worded else None
        if direction is None and worded:  # 试点县中，赣北地区8个、赣中南地区12个: a province's part, its one-character name and a direction
            direction = _PROVINCE_PART_BEFORE.search(self.folded, max(left, start - 8), start)
            if direction is not None and self.folded[direction.start("part")] not in self.c.places.abbreviations:
                direction = None
        if direction is not None:
            return self.text[direction.start("part"):direction.end("part")]  # 60个试点县中，东部18个，中部22个
        if worded and _DIFFERENCE_BEFORE.search(self.folded, max(left, start - 24), start) \
                and self._places_before(left, start) > 1:
            return ""  # X 79.9 percent, while Y 58.9 percent, a difference of 21 percentage points
        if kind == "duration":
            around = _AROUND_AFTER.match(self.folded, end, end + MATCH_REACH)
            k = bisect.bisect_left(self.region_starts, around.end()) if around is not None else len(self.regions)
            if k < len(self.regions) and self.regions[k][0] == around.end():
                return self._region_text(k)  # a "one-hour commuting circle" around Xi'an
            among = self._among(left, start, floor, headline)
            if among is not None:
                return among
            if _BETWEEN_AFTER_FIGURE.match(self.folded, end, end + MATCH_REACH):
                return ""  # put Ningde within an hour of downtown Fuzhou; a 45-minute commute between X and Y
        i = bisect.bisect_left(self.region_starts, start) - 1
        divided = False
        while i >= 0 and self.regions[i][0] >= left:
            s, e = self.regions[i]
            breakdown = _BREAKDOWN.search(self.folded, e, start) if e <= start and not divided else None
            if breakdown is not None:
                divided = True
                # 全国首批60个试点县中，东部18个…；按层级分，县31个: a new breakdown of the same total,
                # about the total's place (or the headline's: 40个试点县中，滇中地区14个…；按类型分…)
                total = _TOTAL_OF.search(self.folded, left, breakdown.start())
                if total is None:
                    break
                i = bisect.bisect_left(self.region_starts, total.start()) - 1
                continue
            if e <= start and not self._not_the_subject(s, e) and not _REFERENCE_BEFORE.search(
                    self.folded, max(0, s - 1), s) and not self._aside(i) and not (
                    kind not in ("duration", "length") and self._destination(i)) \
                    and not (kind == "length" and _PROJECT_NAMED_AFTER.match(self.folded, e, e + 8)
                             and _PROJECT_LENGTH.search(self.folded, e, start)):  # 京津冀城际铁路全长: a line's name
                respectively = RESPECTIVELY.search(self.folded, e, start)
                if respectively is not None:
                    return self._respective(i, respectively.end(), start)
                if kind == "count" and self._listed(i, start):
                    if _MORE_MEMBERS.match(self.folded, end):
                        return ""  # 郑州、开封…5市及兰考县: some of the group's members, not the group
                    if _CHOSEN_AFTER.match(self.folded, end, end + 16):
                        return self._group_named_by(i)  # 四川有简阳、江油、西昌3个县（市）入选: the set chosen
                    return self._group_of_members(i, left, floor, headline) or self._holder(i, left, floor, headline) \
                        or self._group_named_by(i)
                if self._in_a_list(i) and _RESPECTIVELY_AFTER.search(self.folded, end, right):
                    return self._respective(i, e, start)  # X and Y stood at 75.6% and 74.8%, respectively
                referred = self._referred(e, start, floor, headline)
                if referred is not None:
                    return referred
                if self._between(i):
                    # 广州与佛山之间, connect Guangzhou and Shenzhen: about neither; lines and stations
                    # of a route (郑州至许昌等3条市域铁路): about the place of the article; a figure
                    # in a later clause (成都至德阳的市域铁路全面贯通，运营里程达到630公里) is not
                    # about the route's places
                    on_route = self._on_a_route(i)
                    if kind != "duration" and _CLAUSE_BREAK.search(self.folded, e, start):
                        break
                    return "" if kind in ("duration", "length") or not on_route else None
                if kind in ("duration", "length"):
                    # 合肥与淮南…40分钟, from Hefei to Shanghai: a route between two places is about
                    # neither; from X to a destination that is no place (Changbai Mountain) is about X.
                    if self._paired(i) and not _CLAUSE_BREAK.search(self.folded, e, start):
                        return ""  # 连接北京大兴国际机场与雄安新区的R1线全长约85公里
                    clause = _CLAUSE_BREAK.search(self.folded, e, start)
                    trip = _TRIP.search(self.folded, clause.end() if clause else e, start) if kind == "duration" else None
                    if trip is not None and trip.start() > e:
                        return ""  # …，预计开通后机场至新区的通行时间在30分钟左右 (not 株洲至长沙黄花机场的通行时间)
                    if i > 0 and _TO_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s):
                        return ""
                    if kind == "duration" and self._en_trip_to(i, left):
                        return ""  # the trip from her apartment in Xianyang to an office in western Xi'an
                    if _ROUTE_END_BEFORE.search(self.folded, max(0, s - 9), s):
                        # 从重庆经钦州港…至上海: from X; 机场至简阳城区40分钟: a route, about no place
                        return self._origin(i, left) or ""
                if self._about_a_set(e, start):
                    return self._group_named_by(i) if self._in_a_list(i) else ""
                if _SUM.search(self.folded, e, start) and self._whole_of(i, left):
                    return self._whole_of(i, left)  # The Yangtze River Delta's 26 other cities plus Shanghai, combined
                if self._in_a_list(i) and (_SUM.search(self.folded, e, start) or _EACH.match(self.folded, e)):
                    # 合肥、芜湖…合计突破200公里: the two together; 河南、四川各入选6个: each, no one place;
                    # 广州、佛山…合计 where the text names 广佛: the group those members make
                    return "" if _EACH.match(self.folded, e) else self._group_named_by(i)
                if not self._in_a_list(i):  # Shanghai, Jiangsu, Zhejiang and Anhui: none of them alone
                    if kind == "count" and start - e <= 1:
                        return self._region_text(i)  # 包括重庆市21个区: a count of that place's own parts
                    topic = self._topic_again(i, left, start, floor, headline)
                    if topic:
                        return topic
                    return self._group_of_members(i, left, floor, headline) or self._region_text(i)
                if _SHARED_AFTER_LIST.fullmatch(self.folded, e, start):
                    return self._group_named_by(i)  # 德阳、眉山、资阳的城镇化率则在45%—55%之间: the set's
            i -= 1
        referred = self._referred(left, start, floor, headline) if worded else None
        if referred is not None:
            return referred
        words_end = self._words_end(end)  # English words after it may run past the sentence
        national = _NATIONAL.search(self.folded, left, words_end) if worded or words_end > end else None
        if national is not None and not _EN_BASE_BEFORE.search(self.folded, max(left, national.start() - 16),
                                                                national.start()):
            return NATION  # 17 national-level metropolitan areas: the country, as the headline names it
        if kind == "count" and _MEMBERS_AFTER.match(self.folded, end, end + MATCH_REACH):
            return ""  # ten regions, including ...: a group with no name of its own
        i = bisect.bisect_left(self.region_starts, end)
        if kind == "period":  # “十四五”期间，广东在大湾区…: a plan's place is the first its sentence names
            while i < len(self.regions) and self.regions[i][1] <= right:
                if not self._not_the_subject(*self.regions[i]) and not self._in_a_list(i):
                    break
                i += 1
            stop = self.regions[i][0] if i < len(self.regions) and self.regions[i][1] <= right else right
            m = self._refer_back(end, stop)  # … Five-Year Plan, the province wants …
            if m is not None and self._refers(m):
                return self._referred(end, m.end(), floor, headline)
            return self._region_text(i) if stop < right else None
        if i < len(self.regions) and _RIGHT_AFTER.fullmatch(self.folded, end, self.regions[i][0]) \
                and not self._not_the_subject(*self.regions[i]) and self.folded[self.regions[i][1]:][:1] != "-":
            return self._region_text(i)  # 达到59.22%的河南; not the 116-kilometer Shenzhen-Jiangmen railway
        project = self._project_place(kind, start, end, left, headline, worded)
        if project is None and (worded and (self._a_set_is_the_subject(left, start, end) or self._about_a_set(left, start))
                                or self._listed_set_again(left, end)):
            return ""  # twelve provinces had urbanization rates above 70 percent: a group with no name
        return project

    def _base_value_of(self, start: int, end: int, after: int) -> Optional[str]:
        """The place a figure is the value of when it is a comparison base's (faster than China's
        5.0%, 比全国的59.8%; compared with 67% nationwide, against 5.0% in Guangdong), else None."""
        i = after - 1
        if i >= 0 and _POSSESSIVE.fullmatch(self.folded, self.regions[i][1], start) \
                and _COMPARED_BEFORE.search(self.folded, max(0, self.regions[i][0] - 16), self.regions[i][0]):
            return self._region_text(i)
        if after < len(self.regions) and _COMPARED_FIGURE_BEFORE.search(self.folded, max(0, start - 24), start) \
                and _RIGHT_AFTER.fullmatch(self.folded, end, self.regions[after][0]) \
                and not self._not_the_subject(*self.regions[after]):
            return self._region_text(after)
        return None

    def _survey_between(self, left: int, right: int) -> bool:
        """Does a word for a survey's sample (respondents, 受访者) stand in text[left:right]? Its
        places in the text are found once, then looked up by bisect."""
        at = getattr(self, "_survey_words", None)
        if at is None:
            lower = self.folded.lower()
            found = any(word in lower for word in _SURVEY_WORDS)
            at = self._survey_words = [m.start() for m in _SURVEY.finditer(self.folded)] if found else []
        k = bisect.bisect_left(at, left)
        return k < len(at) and at[k] < right

    @per_place
    def _destination(self, i: int) -> bool:
        """Is place i where an English trip or move goes (trips to mainland China)?"""
        s = self.regions[i][0]
        return bool(_EN_DESTINATION_BEFORE.search(self.folded, max(0, s - 20), s))

    @per_place
    def _aside(self, i: int) -> bool:
        """Is place i named aside from what its sentence is about: where an appositive puts a city
        (Chengdu, capital of Sichuan province), or where the place before it lies (the Northern
        Metropolis in Hong Kong)?"""
        s = self.regions[i][0]
        return bool(_HOLDER_BEFORE.search(self.folded, max(0, s - 24), s)
                    or i > 0 and _LOCATED_IN.fullmatch(self.folded, self.regions[i - 1][1], s)
                    and not self._not_the_subject(*self.regions[i - 1]))

    def _places_before(self, left: int, start: int) -> int:
        """How many different places a figure's sentence names before it as what it can be about."""
        names = set()
        for k in range(bisect.bisect_left(self.region_starts, left), bisect.bisect_left(self.region_starts, start)):
            if not self._not_the_subject(*self.regions[k]):
                names.add(self.folded[slice(*self.regions[k])])
        return len(names)

    def _a_set_is_the_subject(self, left: int, start: int, end: int) -> bool:
        """Is a set of places with no name what the sentence is about (In 2024, twelve provinces
        had ...; land revenue in some provinces had fallen 20-30%)? Not a count the sentence's
        place has (Henan ... with 38 new cities), nor a figure in a later clause joined by 'and'."""
        m = _PLACE_SET.search(self.folded, left, end) if _PLACE_SET_NOUN.search(self.folded, left, end) else None
        if m is not None and m.start() <= start < m.end() and _PARTS.search(m.group()):
            return False  # 35 counties had been designated as pilots: a count of the place's own parts
        if m is not None and m.end() <= start and _NEW_CLAUSE.search(self.folded, m.end(), start):
            return False  # Most cities have scrapped ..., and the rate ... rose to 50 percent: a clause of its own
        if m is None or m.end() <= start:
            return m is not None
        return bool(_SUBJECT_VERB_AFTER.match(self.folded, end, end + MATCH_REACH))

    def _about_a_set(self, after: int, start: int) -> bool:
        """Does a set of places with no name stand between `after` and a figure as what it is
        about (六盘水、毕节两市的…, 江阴、张家港、常熟三市GDP均…, the GDP of its nine mainland cities,
        百强县地区生产总值合计…)?"""
        m = _SET_SUBJECT.search(self.folded, after, start)
        if m is None or m.group("of") or m.group("sum") or m.group("these") or m.group("ranked"):
            return m is not None
        i = bisect.bisect_left(self.region_starts, m.start()) - 1
        return i >= 0 and self.regions[i][1] == m.start() and self._in_a_list(i)

    def _topic_again(self, i: int, left: int, start: int, floor: int, headline: Optional[str]) -> Optional[str]:
        """The sentence's own province or city (全省, 全市 opening an earlier clause) when place i opens
        a clause of its own in the middle of the sentence and the figure stands in a later clause that
        opens with an indicator of its own: 全省经济年均增长5%左右，…，长株潭都市圈常住人口达到1800万人左右，
        城际铁路运营里程突破600公里 (the province's target, not the area's). Else None."""
        s, e = self.regions[i]
        if not _CLAUSE_OPEN.search(self.folded, max(left, s - 2), s):
            return None
        clause = _CLAUSE_BREAK.search(self.folded, e, start)
        if clause is None or not any(hit[0] == clause.end() for hit in self.keywords_before(start, clause.end(), 6)):
            return None
        own = _OWN_TOPIC.search(self.folded, left, s)
        if own is None or own.start() > left and not _CLAUSE_OPEN.search(self.folded, max(left, own.start() - 2), own.start()):
            return None
        return self._referred(left, own.end(), floor, headline)

    def _named_apart(self, i: int) -> bool:
        """Does the text name place i, within REFER_REACH before it, not as the name of a line
        or road (广佛同城化 besides 广佛线)? A line named after two places (成渝中线高铁) is no
        region of its own. Looking back a bounded stretch (and at what the segments before
        carried, `earlier_apart`), not at the whole text, a large input's segments see what one
        piece sees."""
        name = self.folded[slice(*self.regions[i])]
        reach_from = self.regions[i][0] - REFER_REACH
        for j in range(i, bisect.bisect_left(self.region_starts, reach_from) - 1, -1):
            if self._apart(j) and self.folded[slice(*self.regions[j])] == name:
                return True
        return reach_from < 0 and any(position >= reach_from and apart == name
                                      for position, apart in self.earlier_apart)

    def _apart(self, i: int) -> bool:
        """Is place i named other than as the name of a line or road (广佛线)?"""
        return not _PROJECT_NAMED_AFTER.match(self.folded, self.regions[i][1], self.regions[i][1] + 8)

    def apart_to_carry(self, reach_from: int) -> list[tuple[int, str]]:
        """(start, folded name) of the places named apart from lines from `reach_from` on, with
        those carried from earlier segments: what `_named_apart` of the next segment looks back at."""
        k = bisect.bisect_left(self.region_starts, reach_from)
        return [p for p in self.earlier_apart if p[0] >= reach_from] + [
            (self.regions[j][0], self.folded[slice(*self.regions[j])])
            for j in range(k, len(self.regions)) if self._apart(j)]

    def _listed_set_again(self, left: int, end: int) -> bool:
        """Is the subject of the figure's sentence a set of places the sentence before listed and
        counted, named again by its count (…有简阳市、江油市、西昌市3个县（市）入选。前三季度，3个示范县（市）
        地区生产总值增长6.4%): a set with no name?"""
        if left == 0:
            return False
        # After a clause break (the sentence's first clause names what the one before listed);
        # the count itself too (3个|示范县（市）).
        m = _COUNTED_PLACES.search(self.folded, left - 1, end + 16)
        if m is None or m.start() + 1 >= end:
            return False
        before = self.sentence_start(left - 1)
        listed = regex.compile(r"、[^，,。；;、]{1,12}?(?<![0-9])" + regex.escape(m.group("n")) + r"\s?(?:个|座)")
        return bool(listed.search(self.folded, before, left))

    def _project_place(self, kind: str, start: int, end: int, left: int, headline: Optional[str],
                       worded: bool = True) -> Optional[str]:
        """A figure whose sentence names no place it is about, but a line, bridge or canal (京雄
        城际铁路全长约92公里, The 55-kilometer Hong Kong-Zhuhai-Macao Bridge) or a trip between
        points that are no places (从北京西站到雄安站50分钟): about no region (""), or about the
        place the project is named after (广佛线全长39.6公里, 桃园机场捷运全长51公里) when the text
        names it apart from lines too or names no place of its own in its headline. None: no
        project, or the article's place. (`worded`: see region.)"""
        clause = _CLAUSE_BREAK.search(self.folded, left, start) if worded else None
        clause_start = clause.end() if clause else left
        if kind == "length" and worded and _PROJECT_LENGTH.search(self.folded, clause_start, start):
            i = bisect.bisect_left(self.region_starts, clause_start)
            named = i < len(self.regions) and self.regions[i][1] <= start
            if named and headline and not self._named_apart(i):
                return None  # 成渝中线高铁全长约292公里 in an article on 四川 that names no 成渝 of its own: 四川
            return self._region_text(i) if named else ""
        if kind == "length" and _EN_PROJECT_AFTER.match(self.folded, end, end + MATCH_REACH) \
                or kind == "duration" and worded and _TRIP.search(self.folded, clause_start, start):
            return ""
        return None

    def _referred(self, after: int, start: int, floor: int, headline: Optional[str]) -> Optional[str]:
        """The place that the last word referring back between `after` and a figure at `start`
        (该市, 都市圈内, the circle's) stands for: the last place of its type named before it, not
        a comparison base, a station or a stop on a route; for the article's own province or
        city (全省, 全市), the headline's place when it is one. None: the headline's place."""
        m = self._refer_back(after, start)
        while m is not None and not self._refers(m):
            m = self._refer_back(after, m.start())
        if m is None:
            return None
        if _PARTNER_BEFORE.search(self.folded, max(0, m.start() - 1), m.start()):
            return ""  # 合肥与都市圈内其他城市…1小时: between two places, about neither
        wanted = m.lastgroup
        if wanted == "any":  # 当地, Its: what the sentence before is about
            return self._sentence_before_is_about(m.start(), floor, headline)
        if wanted == "own":  # 我们: the speaker's government: the headline's place (or the answer's, which the
            if headline:     # caller carries), else the country when it was named last (a national agency speaking)
                return None
            wanted = "nation"
        own = wanted.startswith("own_")
        if own:
            wanted = wanted[4:]
            if headline and self._level_of(headline) in _REFERRED_TYPES.get(wanted, (wanted,)):
                return headline
        types = _REFERRED_TYPES.get(wanted, (wanted,))
        i = bisect.bisect_left(self.region_starts, m.start()) - 1
        stop = max(floor, m.start() - REFER_REACH)
        while i >= 0 and self.regions[i][0] >= stop:
            # The speaker's own province or city (我省, 全市) may be named by its government only
            # (山东省人民政府新闻办公室举行发布会…我省还将安排): no subject, but the speaker's place.
            if self._level(i) in types and (self._subject_place(i) or own and self._by_agency(i)):
                return self._region_text(i)
            i -= 1
        if i < 0:  # the segments of a large input before this one (earlier_places)
            for position, name, level, subject in reversed(self.earlier_places):
                if position < stop:
                    break
                if level in types and (subject or own):
                    return name
        return None

    def places_to_carry(self, reach_from: int) -> list[tuple[int, str, str, bool]]:
        """(start, name, type, whether it is a subject) of the places named from `reach_from`
        on that a word referring back may stand for (the others named by their government, for
        我省), with those carried from earlier segments: what the next segment of a large input
        looks back at (positions relative to this one)."""
        found = []
        i = len(self.regions) - 1
        while i >= 0 and self.regions[i][0] >= reach_from:
            level = self._level(i)
            if level and (self._subject_place(i) or self._by_agency(i)):
                found.append((self.regions[i][0], self._region_text(i), level, self._subject_place(i)))
            i -= 1
        if i < 0:
            found.extend(p for p in reversed(self.earlier_places) if p[0] >= reach_from)
        return found[::-1]

    def _by_agency(self, i: int) -> bool:
        """Is place i named by its government or one of its agencies (山东省人民政府新闻办公室)?"""
        return _AGENCY_AFTER.match(self.folded, self.regions[i][1], self.regions[i][1] + MATCH_REACH) is not None

    def _group_of_members(self, i: int, left: int, floor: int, headline: Optional[str]) -> Optional[str]:
        """The group whose members place i is among: a metropolitan area or circle named (or
        referred to: 都市圈范围包括…) earlier in the sentence right before the words that list
        its members (包括, 由…组成, 以X为中心). None when place i is no such member."""
        m = _MEMBERS_MARKER.search(self.folded, left, self.regions[i][1] + 12)
        if m is None or m.start() > self.regions[i][0]:
            return None
        j = bisect.bisect_left(self.region_starts, m.start()) - 1
        if j >= 0 and self.regions[j][0] >= left and self.regions[j][1] == m.start():
            return self._region_text(j) if self._level(j) == "area" else None
        ref = self._refer_back(left, m.start())
        if ref is not None and ref.end() == m.start() and ref.group("area") and self._refers(ref):
            return self._referred(left, m.start(), floor, headline) or None
        if _PLAN_RANGE.search(self.folded, max(left, m.start() - 4), m.end()):
            return headline  # 规划范围包括长沙市全域，…: the plan's area, which its headline names
        return None

    def _group_named_by(self, i: int) -> str:
        """The named group that the list of places ending with place i makes, when the text names
        it by one character of each member in the list's order (广州、佛山 -> 广佛; 长沙、株洲、湘潭 ->
        长株潭; 上海、苏州 -> 沪苏, by a province's one-character name), else ""."""
        members = [i]
        while members[0] > 0 and len(members) < _GROUP_MEMBERS_MAX \
                and _LIST_JOINT.fullmatch(self.folded, self.regions[members[0] - 1][1], self.regions[members[0]][0]):
            members.insert(0, members[0] - 1)
        if len(members) < 2:
            return ""
        letters = [self._letters(k) for k in members]
        for name, written in self._groups_named().items():
            core = _GROUP_SUFFIX.sub("", name)
            if len(core) == len(letters) and all(ch in lt for ch, lt in zip(core, letters)):
                return written
        return ""

    def _letters(self, i: int) -> str:
        """The characters a group's name may take for place i: those of its name, and its province's
        one-character name (沪 for 上海)."""
        name = self.folded[slice(*self.regions[i])]
        code = plain_code(self.c.places, name)
        place = self.c.places.places.get(code) if code else None
        if place is None or place.level != "province":
            return name
        return name + next((a for a, c in self.c.places.abbreviations.items() if c == code), "")

    def _groups_named(self) -> dict:
        """Folded name -> text of every named group of places the text names (worked out once)."""
        groups = getattr(self, "_group_names", None)
        if groups is None:
            groups = self._group_names = {}
            for k, (s, e) in enumerate(self.regions):
                name = self.folded[s:e]
                if name not in groups and self._is_group(k):
                    groups[name] = self.text[s:e]
        return groups

    def _whole_of(self, i: int, left: int) -> str:
        """The named group whose parts the list of places ending with place i completes, named
        with its possessive before the list in the same clause (The Greater Bay Area's nine mainland
        cities plus Hong Kong and Macau produced a combined GDP …; 大湾区的内地九市与香港、澳门合计), else ""."""
        first = i
        while first > 0 and _LIST_JOINT.fullmatch(self.folded, self.regions[first - 1][1], self.regions[first][0]):
            first -= 1
        j = first - 1
        if j < 0 or self.regions[j][0] < left or not self._is_group(j) \
                or _CLAUSE_BREAK.search(self.folded, self.regions[j][1], self.regions[first][0]) \
                or not _POSSESSIVE.match(self.folded, self.regions[j][1]) \
                or not _PLUS_BEFORE.search(self.folded, max(0, self.regions[first][0] - 16), self.regions[first][0]):
            return ""  # not 长三角的南京、杭州、合肥三大都市圈: some of its parts, not all
        return self._region_text(j)

    def _holder(self, i: int, left: int, floor: int, headline: Optional[str]) -> Optional[str]:
        """The place that has the listed places a count counts, named before the list in its
        clause (福建省内已形成福州、厦漳泉2个都市圈, 我省形成沈阳、大连2个都市圈)."""
        first = i
        while first > 0 and _LIST_JOINT.fullmatch(self.folded, self.regions[first - 1][1], self.regions[first][0]):
            first -= 1
        clause = _CLAUSE_BREAK.search(self.folded, left, self.regions[first][0])
        clause_start = clause.end() if clause else left
        j = first - 1
        if j >= 0 and self.regions[j][0] >= clause_start and self._subject_place(j) and not self._is_group(j):
            return self._region_text(j)
        return self._referred(clause_start, self.regions[first][0], floor, headline)

    def _refers(self, m) -> bool:
        """Does the match `m` of a word referring back refer to a place named before? Not
        inside a name (郑州都市圈), right after one (重庆全市: that place), after a comparison
        base (占全省的23.6%), nor a bare 都市圈 that is a noun of its own (两个都市圈)."""
        at = m.start()
        if m.group() in _BARE_AREA_WORDS and _NAME_CHAR_BEFORE.match(self.folded, max(0, at - 1), at):
            return False  # 滇中新区: a name of its own (not one the rules know), not 新区 referring back
        return not (self._inside_a_name(at) or self._inside_a_name(at - 1) or _DESTINATION_BEFORE.search(
            self.folded, max(0, at - 1), at) or _BASE_BEFORE.search(
            self.folded, max(0, at - 12), at) or (m.group("area") and _NOT_REFERRING_BEFORE.search(
                self.folded, max(0, at - 3), at)))

    def _refer_back(self, after: int, start: int):
        """The last word referring back (全省, 该市, the province) in folded[after:start]."""
        if self._refer_words is None:
            self._refer_words = self.c.refer_back.occurrences(self.folded)
        return self.c.refer_back.search(self.folded, after, start, self._refer_words)

    @per_place
    def _subject_place(self, i: int) -> bool:
        """Can place i be what a later word refers back to: not a comparison base, a station,
        a stop on a route (机场至简阳城区, from Hefei to Shanghai) nor a dateline?"""
        s, e = self.regions[i]
        return not (self._not_the_subject(s, e) or self._aside(i) or self._between(i) or _DESTINATION_BEFORE.search(
            self.folded, max(0, s - 1), s) or (i > 0 and _TO_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s)))

    def _sentence_before_is_about(self, at: int, floor: int, headline: Optional[str]) -> Optional[str]:
        """当地 / Its: the place the sentence before `at` is about, the first place it names
        (not in a list), or the place its own word referring back stands for (The province's
        urbanization rate ... Its permanent population)."""
        k = bisect.bisect_right(self.ends, self.sentence_start(at)) - 1
        if k < 0 or self.ends[k] <= floor or self.folded[self.ends[k] - 1] == "\n":
            return None  # not past its paragraph (a segment of a large input starts at a line)
        before, left = self.sentence_start(self.ends[k] - 1), self.ends[k]
        i = bisect.bisect_left(self.region_starts, before)
        while i < len(self.regions) and self.regions[i][0] < left:
            if self._subject_place(i) and not self._in_a_list(i):
                m = self._refer_back(before, self.regions[i][0])
                if m is None or m.lastgroup == "any" or not self._refers(m):
                    return self._region_text(i)
                break
            i += 1
        m = self._refer_back(before, left)
        if m is None or m.lastgroup == "any" or not self._refers(m):
            return None
        return self._referred(before, m.end(), floor, headline)

    def _inside_a_name(self, pos: int) -> bool:
        """Is `pos` inside a place name found in the text (郑州都市圈 holds 都市圈)?"""
        i = bisect.bisect_right(self.region_starts, pos) - 1
        return i >= 0 and self.regions[i][1] > pos

    @per_place
    def _is_group(self, i: int) -> bool:
        """Is place i a named area of several places (广佛, 成德眉资, 南京都市圈)?"""
        name = self.folded[slice(*self.regions[i])]
        return bool(_AREA_NAME_END.search(name)) or self.c.places.levels.get(self.c.places.key(name)) == "area"

    @per_place
    def _level(self, i: int) -> str:
        """The type of place i for the words that refer back to it (_level_of)."""
        return self._level_of(self.folded[slice(*self.regions[i])])

    def _level_of(self, name: str) -> str:
        """"province", "autonomous" (an autonomous region), "city" (also a municipality or a special
        administrative region), "area" (a metropolitan area or a circle: what 都市圈 and the circle
        refer to) or "nation" for a folded place name, else ""."""
        if _AREA_NAME_END.search(name):
            return "area"  # not 成德眉资, 长株潭: what a bare 都市圈 refers to is a 都市圈
        places = self.c.places
        if name.lower() in self.c.nation_names:
            return "nation"
        code = plain_code(places, name)
        place = places.places.get(code) if code else None
        if place is None:
            return "city" if name.lower() in self.c.city_names else ""
        level = places.levels.get(places.key(name), place.level)
        if level == "province":
            # a municipality or a special administrative region is a city (Hong Kong … The city's);
            # an autonomous region is what "the region" stands for too
            return "city" if place.zh.endswith(_CITY_PROVINCES) else (
                "autonomous" if place.zh.endswith("自治区") else "province")
        if level == "prefecture" or (level == "county" and place.zh.endswith("市")):
            return "city"
        return ""

    @per_place
    def _not_the_subject(self, s: int, e: int, average: bool = False) -> bool:
        """A comparison base (高于全国, 占全省, 6% of the nation's grain), a station, road or park
        (郑州东站), or a dateline (BEIJING, Oct. 16): named near a figure but not what it is about."""
        base = _BASE_BEFORE.search(self.folded, max(0, s - 12), s)
        if base is not None and base.group("share") and self.folded[s:e].lower() not in self.c.nation_names:
            base = None  # 60% of Sichuan's residents: a share of Sichuan's, about Sichuan
        not_a_place = _NOT_A_PLACE_AFTER.match(self.folded, e, e + MATCH_REACH)
        if average and not_a_place is not None and not_a_place.group() == "平均":
            not_a_place = None  # 达到67%的全国平均水平: the place's own average
        share_of = _WITH_BEFORE.search(self.folded, max(0, s - 1), s) and _SHARE_AFTER.match(self.folded, e, e + 8)
        return bool(base or share_of or not_a_place
                    or _RANK_AFTER.match(self.folded, e, e + MATCH_REACH)
                    or _EXCEPT_AFTER.match(self.folded, e, e + MATCH_REACH)
                    or (self.text[s:e].isupper() and self.text[s:e].isascii()))

    def _words_end(self, end: int) -> int:
        """The end of the English words right after a figure (national-level metropolitan areas)."""
        m = _EN_WORDS_AFTER.match(self.folded, end, end + MATCH_REACH)
        return m.end() if m else end

    @per_place
    def _between(self, i: int) -> bool:
        """Is place i one of a pair that a figure lies between (X与Y之间, between X and Y)?"""
        s, e = self.regions[i]
        if i > 0 and _ROUTE_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s) \
                and not self._not_the_subject(*self.regions[i - 1]):
            return True
        if i + 1 < len(self.regions) and _ROUTE_JOINT.fullmatch(self.folded, e, self.regions[i + 1][0]) \
                and not self._not_the_subject(*self.regions[i + 1]):
            return True  # not 顺德区至广州南站: from a place to a station
        joined = i > 0 and _LIST_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s)
        first = i - 1 if joined else i
        if _BETWEEN_BEFORE.search(self.folded, max(0, self.regions[first][0] - 16), self.regions[first][0]):
            return True
        if not joined and not self._in_a_list(i) and self._is_group(i):
            return False  # 广佛之间每天往返通勤约57万人: among the group's cities, about the group
        return bool(_BETWEEN_AFTER.match(self.folded, e, e + MATCH_REACH))

    def _among(self, left: int, start: int, floor: int, headline: Optional[str]) -> Optional[str]:
        """A time between places (中心城市与周边城市之间1小时, 西咸之间30分钟): about no place, but
        a group named right before 之间 (广佛之间半小时) is about that group; None when no 之间
        stands in the figure's clause."""
        m = _AMONG.search(self.folded, left, start)
        if m is None or _CLAUSE_BREAK.search(self.folded, m.end(), start):
            return None
        j = bisect.bisect_left(self.region_starts, m.start()) - 1
        if j >= 0 and self.regions[j][1] == m.start() and not self._in_a_list(j) and not self._paired(j) \
                and self._is_group(j):
            return self._region_text(j)
        clause = _CLAUSE_BREAK.search(self.folded, left, m.start())
        inside = self._refer_back(clause.end() if clause else left, m.start())
        if inside is not None and inside.lastgroup != "any" and self._refers(inside):
            return self._referred(left, m.start(), floor, headline) or ""  # 圈内主要城市之间1小时: the circle; 省辖市之间: the province
        return ""

    def _en_trip_to(self, i: int, left: int) -> bool:
        """Is place i where an English trip from another place goes (from her home in Xianyang to
        an office park in western Xi'an): a time between two places, about neither?"""
        to = _EN_TO_BEFORE.search(self.folded, max(left, self.regions[i][0] - MATCH_REACH), self.regions[i][0])
        if to is None:
            return False
        j = bisect.bisect_left(self.region_starts, to.start()) - 1
        if j < 0 or self.regions[j][0] < left:
            return False
        return bool(_EN_FROM_BEFORE.search(self.folded, max(left, self.regions[j][0] - MATCH_REACH), self.regions[j][0]))

    def _origin(self, i: int, left: int) -> Optional[str]:
        """The place a route to place i starts from, written 从X (从重庆经钦州港出海…至上海), in
        the sentence (which starts at `left`)."""
        j = i - 1
        while j >= 0 and self.regions[j][0] >= left:
            s = self.regions[j][0]
            if _ORIGIN_BEFORE.search(self.folded, max(0, s - 1), s) and not self._not_the_subject(*self.regions[j]):
                return self._region_text(j)
            j -= 1
        return None

    @per_place
    def _on_a_route(self, i: int) -> bool:
        """Is place i an end of a route X至Y (not between X and Y)?"""
        s, e = self.regions[i]
        return bool(i > 0 and _ROUTE_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s)
                    or i + 1 < len(self.regions) and _ROUTE_JOINT.fullmatch(self.folded, e, self.regions[i + 1][0]))

    @per_place
    def _paired(self, i: int) -> bool:
        """Is place i joined by 与 / 和 to the place before or after it (合肥与淮南、六安…40分钟:
        the time between them)?"""
        s, e = self.regions[i]
        before = i > 0 and _PAIR_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s)
        after = i + 1 < len(self.regions) and _PAIR_JOINT.fullmatch(self.folded, e, self.regions[i + 1][0])
        return bool(before or after)

    @per_place
    def _in_a_list(self, i: int) -> bool:
        s, e = self.regions[i]
        before = i > 0 and _LIST_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s)
        after = i + 1 < len(self.regions) and _LIST_JOINT.fullmatch(self.folded, e, self.regions[i + 1][0])
        return bool(before or after)

    def _listed(self, i: int, start: int) -> bool:
        """Is place i the last of a list of places that the count right after it counts (洛阳、开封、
        新乡等8市; not 成都平原经济区13个、川南经济区5个)?"""
        s, e = self.regions[i]
        return bool(_LIST_END.fullmatch(self.folded, e, start)) and i > 0 \
            and bool(_LIST_JOINT.fullmatch(self.folded, self.regions[i - 1][1], s))

    def _respective(self, i: int, after: int, start: int) -> Optional[str]:
        """The place in the list ending with place i whose position is the figure's among the
        values after 分别 (甲、乙、丙三市…分别为71.2%、65.4%、58.9%)."""
        places = [i]
        while places[0] > 0:
            s, _ = self.regions[places[0]]
            ps, pe = self.regions[places[0] - 1]
            if not _LIST_JOINT.fullmatch(self.folded, pe, s):
                break
            places.insert(0, places[0] - 1)
        position = bisect.bisect_left(self._figure_starts, start) - bisect.bisect_left(self._figure_starts, after)
        return self._region_text(places[position]) if 0 <= position < len(places) and len(places) > 1 else ""

    def _region_text(self, i: int) -> str:
        s, e = self.regions[i]
        return self.text[s:e]

    def region_spans_before(self, start: int) -> Optional[int]:
        """End of the place name closest before `start`, for trimming subjects."""
        i = bisect.bisect_left(self.region_starts, start) - 1
        return self.regions[i][1] if i >= 0 and self.regions[i][1] <= start else None
