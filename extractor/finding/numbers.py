"""Numbers as written -> exact Decimals: Arabic, Chinese (incl. 大写 and mixed), English words.

Every parser takes text already folded by `normalize.fold` (full-width digits are ASCII,
traditional 萬億兩點 are 万亿两点) and returns a Decimal, or None when the text is not a
number. Nothing here raises on content and nothing goes through float, so 59.22 stays
59.22 and 5.4万亿 is exactly 5400000000000.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex

CN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
# Taiwan writes 10^12 as 兆 (新台币2兆1,500亿元, 24.1兆元); elsewhere 兆 is mostly "mega" (兆瓦),
# so the number pattern takes it only before digits, 亿 or money (pack/compiled.py).
CN_TRILLION = "兆"


# Thousands are grouped by commas (1,200) or by single spaces (3 512 km, 56 000 km2); a
# group is three digits not followed by a fourth, so 2024 年 and 1 2 3 stay apart.
ARABIC = r"(?>[0-9]+)(?:(?<![0-9]{4})(?:(?:,[0-9]{3})+|(?:\x20[0-9]{3}(?![0-9]))+))?(?:\.[0-9]+)?"
_ARABIC_TOKEN = regex.compile(ARABIC)

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
EN_ABBREVIATED_SCALES = {"k": 10**3, "mn": 10**6, "m": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}


def parse_arabic(text: str) -> Optional[Decimal]:
    """'1,100.5' -> Decimal('1100.5'); None unless the whole text is one Arabic number."""
    if not _ARABIC_TOKEN.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None


def _tokens(text: str):
    """Split a Chinese or mixed numeral into ('num', Decimal) and ('unit'/'zero'/'point', ...)."""
    i = 0
    while i < len(text):
        match = _ARABIC_TOKEN.match(text, i)
        if match:
            yield "num", Decimal(match.group().replace(",", "").replace(" ", ""))
            i = match.end()
            continue
        ch = text[i]
        if ch in ("零", "〇"):
            yield "zero", ch
        elif ch in CN_DIGITS:
            yield "digit", Decimal(CN_DIGITS[ch])
        elif ch in CN_SMALL_UNITS:
            yield "small", CN_SMALL_UNITS[ch]
        elif ch in CN_BIG_UNITS:
            yield "big", CN_BIG_UNITS[ch]
        elif ch == CN_TRILLION:
            yield "trillion", 10**12
        elif ch == "点":
            yield "point", ch
        else:
            yield "bad", ch
        i += 1


def _fraction(digits: str) -> Optional[Decimal]:
    """The digits after 点 ('一六' -> 0.16); only plain digits may follow a decimal point."""
    if not digits or any(ch not in CN_DIGITS and not ch.isdigit() for ch in digits):
        return None
    text = "".join(str(CN_DIGITS[ch]) if ch in CN_DIGITS else ch for ch in digits)
    return Decimal("0." + text)


def parse_chinese(text: str) -> Optional[Decimal]:
    """Chinese, 大写 or mixed numerals: 一万五千亿, 二十万亿, 3万4000, 5.4万亿, 六十六点一六, 2兆1500亿.

    Short forms follow usage: 一万五 is 15000 and 三千二 is 3200 (the trailing digit takes
    the next lower unit), unless a 零 was written (一千零二 is 1002).
    """
    if not text:
        return None
    if "点" in text:
        whole, _, rest = text.partition("点")
        # Big units may follow the fraction: 一点二万亿 = 1.2 * 10^12.
        tail = rest.lstrip("".join(CN_DIGITS) + "0123456789")
        fraction = _fraction(rest[: len(rest) - len(tail)])
        head = parse_chinese(whole) if whole else None
        if fraction is None or head is None or any(ch not in CN_BIG_UNITS for ch in tail):
            return None
        value = head + fraction
        for ch in tail:
            value *= CN_BIG_UNITS[ch]
        return value
    trillions = Decimal(0)  # everything already closed by 兆
    total = Decimal(0)      # everything already closed by 亿
    section = Decimal(0)    # below the current 亿, closed by 万 or small units
    number: Optional[Decimal] = None
    last_unit = 0
    after_zero = False
    for kind, value in _tokens(text):
        if kind == "bad":
            return None
        if kind == "zero":
            if number is not None:  # 二〇二四 is a year written digit by digit
                return None
            after_zero = True
            number = None
            continue
        if kind in ("num", "digit"):
            if number is not None:  # 二三 or 2三: not one number
                return None
            number = value
            continue
        if kind == "point":
            return None
        if kind == "trillion":  # 2兆1500亿: 兆 closes what stands before it, 亿 starts anew
            if trillions or after_zero:
                return None
            trillions = (total + section + (number or 0)) * value
            if trillions == 0:
                return None
            total, section = Decimal(0), Decimal(0)
            last_unit, number = value, None
            continue
        if kind == "small":
            if number is None and (section or total) and not after_zero:
                return None  # 七十百, 五万千: a unit with no digit of its own after another unit
            section += (number if number is not None else Decimal(1)) * value
            last_unit, number, after_zero = value, None, False
        else:  # big: 万 or 亿
            if value == 10**8:
                total = (total + section + (number or 0)) * value
                if total == 0:
                    return None
                section = Decimal(0)
            else:
                base = section + (number or 0)
                if base == 0:
                    return None
                section = base * value
            last_unit, number, after_zero = value, None, False
    if number is not None:
        if last_unit and not after_zero and last_unit >= 100 and number < 10 and number == int(number):
            number *= Decimal(last_unit) / 10  # short form: 一万五, 三千二
        section += number
    return trillions + total + section


_EN_WORD = regex.compile(r"[a-z]+")
_EN_SEPARATORS = regex.compile(r"[\s\-]+")


def parse_english(text: str) -> Optional[Decimal]:
    """English number words and digit+scale: 'twenty-five', 'a thousand', '2.87 million'."""
    text = _ARABIC_TOKEN.sub(lambda m: m.group().replace(" ", ""), text)  # 3 512 million
    words = _EN_SEPARATORS.split(text.strip().lower())
    words = [w for w in words if w and w != "and"]
    if not words or words in (["a"], ["an"]):
        return None
    total = Decimal(0)
    current: Optional[Decimal] = None
    for word in words:
        arabic = parse_arabic(word)
        if arabic is not None:
            if current is not None:
                return None
            current = arabic
        elif word in ("a", "an"):
            if current is not None:
                return None
            current = Decimal(1)
        elif word in EN_UNITS:
            if current is not None and (current % 10 != 0 or (current % 100 != 0 and EN_UNITS[word] >= 10)):
                return None
            current = (current or 0) + EN_UNITS[word]
        elif word in EN_TENS:
            if current is not None and current % 100 != 0:
                return None
            current = (current or 0) + EN_TENS[word]
        elif word in EN_SCALES:
            scale = EN_SCALES[word]
            if current is None:
                return None
            if scale == 100:
                current = current * 100
            else:
                total += current * scale
                current = None
        elif word in EN_ABBREVIATED_SCALES and current is not None:
            total += current * EN_ABBREVIATED_SCALES[word]
            current = None
        else:
            return None
    return total + (current or 0)


def parse_number(text: str) -> Optional[Decimal]:
    """Any number form this project reads; None when `text` is not one number."""
    text = text.strip()
    if not text:
        return None
    value = parse_arabic(text)
    if value is not None:
        return value
    if _EN_WORD.search(text.lower()):
        return parse_english(text)
    return parse_chinese(text.replace(" ", ""))


def to_json_number(value: Decimal):
    """An int when the Decimal is whole, else the nearest float (59.22 -> 59.22)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
