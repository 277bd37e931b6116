"""The number parser, as tables of (written form, exact value) in the style of price-parser.

Rows are grouped by where they come from: the forms policy articles use, bugs reported
against other parsers (JioNLP, Recognizers-Text issue trackers) and the English words of
English-language coverage. Values are exact: 59.22 must come back as Decimal("59.22").
"""

from decimal import Decimal

import pytest

from extractor.finding.normalize import fold
from extractor.finding.numbers import (
    parse_arabic,
    parse_chinese,
    parse_english,
    parse_number,
    to_json_number,
)
from extractor.pack.compiled import compiled
from extractor.pack.rules import default_rules

ARABIC = [
    ("0", "0"), ("7", "7"), ("59.22", "59.22"), ("55.43", "55.43"), ("1,100", "1100"),
    ("1,234,567", "1234567"), ("123,244.2", "123244.2"), ("0.84", "0.84"), ("2870000", "2870000"),
    ("47.264287", "47.264287"), ("100000", "100000"), ("3.0", "3.0"), ("1,100.9", "1100.9"),
    ("12,000", "12000"), ("007", "7"), ("4,611", "4611"),
]

CHINESE = [
    # digits and small units
    ("〇", "0"), ("零", "0"), ("一", "1"), ("二", "2"), ("两", "2"), ("三", "3"), ("四", "4"),
    ("五", "5"), ("六", "6"), ("七", "7"), ("八", "8"), ("九", "9"), ("十", "10"), ("十二", "12"),
    ("二十", "20"), ("二十一", "21"), ("九十九", "99"), ("百", "100"), ("一百", "100"),
    ("一百零五", "105"), ("一百二十", "120"), ("三百", "300"), ("千", "1000"), ("一千零一", "1001"),
    ("两千", "2000"), ("三千五百", "3500"), ("一千八百", "1800"), ("九千九百九十九", "9999"),
    # 万 and 亿, nested
    ("一万", "10000"), ("两万", "20000"), ("十万", "100000"), ("一百万", "1000000"),
    ("三百万", "3000000"), ("五百万", "5000000"), ("一千万", "10000000"), ("一亿", "100000000"),
    ("十亿", "1000000000"), ("一万亿", "1000000000000"), ("二十万亿", "20000000000000"),
    ("二十一万亿", "21000000000000"), ("一万五千亿", "1500000000000"), ("三亿五千万", "350000000"),
    ("两千零三十万", "20300000"), ("一万零一十二", "10012"), ("一万零十二", "10012"),
    ("十万零五", "100005"), ("一亿零一", "100000001"), ("四千六百一十一亿", "461100000000"),
    # short forms: the trailing digit takes the next lower unit
    ("一万五", "15000"), ("三千二", "3200"), ("一百二", "120"), ("两万三", "23000"), ("一亿二", "120000000"),
    # decimals with 点
    ("六十六点一六", "66.16"), ("五十九点二二", "59.22"), ("零点八四", "0.84"), ("一点二万亿", "1200000000000"),
    ("三点五", "3.5"), ("十点零五", "10.05"),
    # 大写 financial forms
    ("壹", "1"), ("贰", "2"), ("叁", "3"), ("肆", "4"), ("伍", "5"), ("陆", "6"), ("柒", "7"), ("捌", "8"),
    ("玖", "9"), ("拾", "10"), ("壹佰", "100"), ("壹佰贰拾", "120"), ("壹佰贰拾亿", "12000000000"),
    ("叁仟", "3000"), ("伍万", "50000"), ("陆拾", "60"), ("玖佰玖拾玖", "999"), ("壹仟零壹", "1001"),
    ("捌万柒仟", "87000"),
    # digits mixed with Chinese units
    ("5.4万亿", "5400000000000"), ("1,100万", "11000000"), ("1,100.9亿", "110090000000"),
    ("3万4000", "34000"), ("25万6千", "256000"), ("2千零30万", "20300000"), ("1千零1", "1001"),
    ("3000亿", "300000000000"), ("1.2万亿", "1200000000000"), ("287万", "2870000"), ("9785万", "97850000"),
    ("2.5亿", "250000000"), ("4611亿", "461100000000"), ("100000万", "1000000000"),
    ("3541.07万", "35410700"), ("47.264287亿", "4726428700"), ("1.45万亿", "1450000000000"),
    ("6.01万亿", "6010000000000"), ("134.9万亿", "134900000000000"), ("0.5万", "5000"), ("12万", "120000"),
    ("3千", "3000"), ("5百", "500"), ("1亿2", "120000000"),
    ("五千", "5000"), ("八十四", "84"), ("三十八", "38"), ("二百八十七万", "2870000"), ("五点四万亿", "5400000000000"),
    ("一千二百亿", "120000000000"), ("一百二十", "120"), ("十七", "17"), ("三十", "30"), ("七十", "70"),
    ("九万八千", "98000"), ("一千三百万", "13000000"), ("两百", "200"), ("两亿", "200000000"),
    ("四十五点六", "45.6"), ("十一", "11"), ("十五", "15"), ("一百一十", "110"), ("一千一百万", "11000000"),
    ("五万亿", "5000000000000"),
]

# Folded first: full-width digits and traditional 萬億兩點 read like their plain forms.
FOLDED = [
    ("１２３", "123"), ("５．２", "5.2"), ("１２３．４５", "123.45"), ("１,１００", "1100"),
    ("５８００萬", "58000000"), ("9.44億", "944000000"), ("兩萬", "20000"), ("兩千零三十萬", "20300000"),
    ("六十六點一六", "66.16"), ("一萬五千億", "1500000000000"), ("３萬４０００", "34000"),
    ("參", None), ("１．２萬億", "1200000000000"), ("貳拾", "20"), ("陸佰", "600"),
]

ENGLISH = [
    ("one", "1"), ("two", "2"), ("ten", "10"), ("eleven", "11"), ("twelve", "12"), ("nineteen", "19"),
    ("twenty", "20"), ("twenty-one", "21"), ("twenty five", "25"), ("thirty-eight", "38"),
    ("forty-two", "42"), ("fifty-five", "55"), ("sixty", "60"), ("seventy-seven", "77"),
    ("eighty-four", "84"), ("ninety-nine", "99"), ("a hundred", "100"), ("one hundred", "100"),
    ("one hundred and five", "105"), ("one hundred twenty five", "125"), ("two hundred fifty", "250"),
    ("a thousand", "1000"), ("one thousand", "1000"), ("ten thousand", "10000"),
    ("two hundred thousand", "200000"), ("a million", "1000000"), ("two million", "2000000"),
    ("a billion", "1000000000"), ("three billion", "3000000000"), ("a trillion", "1000000000000"),
    ("2.87 million", "2870000"), ("5.4 trillion", "5400000000000"), ("461.1 billion", "461100000000"),
    ("1.3 billion", "1300000000"), ("38.27 million", "38270000"), ("120 billion", "120000000000"),
    ("16.5 billion", "16500000000"), ("350 bn", "350000000000"), ("1.2 mn", "1200000"),
    ("Twelve", "12"), ("Ten", "10"), ("zero", "0"), ("thirteen", "13"), ("seventeen", "17"),
    ("ninety", "90"), ("one hundred thousand", "100000"), ("five hundred", "500"), ("3.5 trillion", "3500000000000"),
]

NOT_NUMBERS = [
    "", "abc", "万", "亿", "二三", "二〇二四", "三四五", "点五", "六十六点", "十四五", "one two",
    "twenty eleven", "hundred", "a", "1.2.3", "点", "一二三", "million",
]


def _folded(text: str) -> str:
    return fold(text, compiled(default_rules()).table)


@pytest.mark.parametrize("text,expected", ARABIC, ids=[t for t, _ in ARABIC])
def test_arabic(text, expected):
    assert parse_arabic(text) == Decimal(expected)
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text,expected", CHINESE, ids=[t for t, _ in CHINESE])
def test_chinese(text, expected):
    assert parse_chinese(text) == Decimal(expected)
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text,expected", FOLDED, ids=[t for t, _ in FOLDED])
def test_folded_forms(text, expected):
    value = parse_number(_folded(text))
    assert value == (Decimal(expected) if expected is not None else None)


@pytest.mark.parametrize("text,expected", ENGLISH, ids=[t for t, _ in ENGLISH])
def test_english(text, expected):
    assert parse_english(text) == Decimal(expected)
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text):
    assert parse_number(text) is None


def test_decimals_are_exact():
    assert parse_number("59.22") == Decimal("59.22")
    assert to_json_number(Decimal("59.22")) == 59.22
    assert to_json_number(Decimal("5.4") * 10**12) == 5400000000000
    assert isinstance(to_json_number(Decimal("5400000000000.0")), int)


def test_table_has_at_least_200_cases():
    assert len(ARABIC) + len(CHINESE) + len(FOLDED) + len(ENGLISH) + len(NOT_NUMBERS) >= 200


# An independent renderer: every value from 1 to 99,999 written in Chinese numerals parses back.
_DIGITS = "零一二三四五六七八九"


def _render(n: int) -> str:
    out, zero = "", False
    for unit, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            if zero:
                out += "零"
            out += _DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    return out


@pytest.mark.parametrize("start", range(1, 100000, 997))
def test_rendered_chinese_numbers_round_trip(start):
    for n in range(start, min(start + 60, 100000)):
        assert parse_chinese(_render(n)) == n, _render(n)


_EN_SMALL = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@pytest.mark.parametrize("n", range(1, 100))
def test_english_one_to_ninety_nine(n):
    words = _EN_SMALL[n] if n < 20 else _EN_TENS[n // 10] + ("-" + _EN_SMALL[n % 10] if n % 10 else "")
    assert parse_english(words) == n
