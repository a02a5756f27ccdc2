"""Date lines of a page header: which date they state, and its value.

Only a line that *is* a date ("Published Date: 02:40 | 09 December 2024",
"3. November 2025, 17:14 Uhr") counts; dates mentioned in prose ("on December 9")
are never the page's publication date. Values keep a stated UTC offset and are
naive wall-clock time otherwise: an offset is never invented. Relative times
("Updated 2 hours ago") are recognised as date lines but yield no value. Numeric dates
follow the page's own convention (`DateStyle`): "05/10/2025" is 5 October unless the
page shows that it writes the month first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import regex
from dateparser.data.languages_info import language_order
from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader
from dateparser.languages.locale import Locale
from dateparser.search import search_dates
from dateparser.utils import normalize_unicode

from ingest.clean import rules

PUBLISHED, MODIFIED = "published", "modified"

# Digit lookarounds, not \b: a CJK year runs into its unit ("2025年").
_HAS_DATE_PART = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\b\d{1,2}[:h.]\d{2}\b")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d")
# A stated offset: ISO "Z"/"+01:00", or an upper-case zone name ("GMT", "CET", "EST", "ET").
_OFFSET = re.compile(r"\d(?:Z|[+-]\d\d:?\d\d)\b|(?<![\w])(?:UTC|GMT|[A-Z]{1,4}T)(?:[+-]\d{1,2}(?::?\d\d)?)?(?![\w])")
# Zone names dateparser misreads or does not know, as the zones they name: US zones written
# without standard or daylight time (it reads "ET" and "PT" as standard time all year, "CT" and
# "MT" not at all), whose offset is the one in force at that date, and German ones ("MEZ" is CET).
_ZONES: dict[str, tzinfo] = {
    "ET": ZoneInfo("America/New_York"), "CT": ZoneInfo("America/Chicago"), "MT": ZoneInfo("America/Denver"),
    "PT": ZoneInfo("America/Los_Angeles"), "MEZ": timezone(timedelta(hours=1)), "MESZ": timezone(timedelta(hours=2)),
    "OEZ": timezone(timedelta(hours=2)), "OESZ": timezone(timedelta(hours=3)),
}
_ZONE = re.compile(rf"(?<![\w])({'|'.join(_ZONES)})(?![\w])")
# Abbreviations that name several zones (IST: India, Ireland or Israel) state no offset one can trust.
_AMBIGUOUS_ZONE = re.compile(r"(?<![\w])IST(?![\w])")
# A day, month and year in digits, dotted or slashed ("16/10/23", "03.11.2025").
DOTTED_OR_SLASHED = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# A slashed or dashed day-month-year date ("05/10/2025", "19-11-19"): its two first numbers.
_NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\w/-])")
SEPARATOR = re.compile(r"\s+[-–—|·•/]\s+")
# Page elements a scraper wrote without a space between them: a year and its clock ("20194:29 AM"),
# and a date, a zone or a meridiem and what follows ("2019Updated:", "ESTUpdated", "GMT1 day ago",
# "6:18 p.m. Updated:"). The clock joins its date; other elements are set apart as by a separator.
_YEAR_THEN_CLOCK = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\d{1,2}:\d\d(?!\d))")
_GLUED_ELEMENT = re.compile(r"(?<=\d)(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z]|\d)|(?<=[ap]\.m\.)\s+(?=[A-Z][a-z])")
# A place before or after the date ("Berlin, 03.11.2025", "Wednesday 20 November 2019 11:42, UK"):
# a few words without digits.
_PLACE = re.compile(r"^(?:[^\W\d_][\w.'’-]*\s*){1,3},\s*|,\s*(?:[^\W\d_][\w.'’-]*\s*){1,3}$")
_NOISE = re.compile(r"\s*[|•·]\s*|\s+(?:Uhr|h)\b|\bum\b|\bà\b|\ba las\b|\bat\b", re.I)
_PARTS = ["day", "month", "year"]
PLAUSIBLE_YEARS = range(1800, 2200)
_CLOCK = re.compile(r"\b\d{1,2}[:h.]\d{2}\b")
# An ISO 8601 date and time, local, in UTC ("Z", " UTC", " GMT") or without a time: see `_iso_date`.
_ISO_DATE = re.compile(
    r"(?P<local>\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?P<offset>Z)?)?)"
    r"(?: (?P<utc>UTC|GMT))?", re.ASCII)
_YEARLESS_MAX_WORDS = 6  # "Nov 19, 9:41 AM EST"
_LEADING_DATE_CHARS = 40
_LEADING_DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt")
# The same time in another zone after the date ("04:05 pm PT (07:05 pm ET)"): the first one is read.
_OTHER_ZONE_TIME = re.compile(r"\s*\(\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*[A-Z]{1,5}\)$", re.I)
_LABEL_MAX_WORDS = 3  # "Last updated on:"
_MAX_WORDS = 12  # in each element of a date line ("Updated ... / Original ..." has two)
_KNOWN_LANGUAGES = frozenset(language_order)
_GLUE = re.compile(r"(?<=\S)[·•|](?=\S)")
_WEB_ADDRESS = re.compile(r"\S+\.\w+/\S*")
_ABBREVIATED_MONTH = re.compile(r"(?<=\b[A-Z][a-z]{2})\.(?=\s+\d)|(?<=\b[A-Z][a-z]{3})\.(?=\s+\d)")  # "Nov. 19", "Sept. 9"
_PARSERS = ["custom-formats", "absolute-time"]
# What can give dateparser a day, a month or a year: a run of digits, a Roman year ("MMX"),
# a month name or a number word of the language (see `_date_parts`).
_DIGIT_RUN = re.compile(r"\d+")
_ROMAN_YEAR = re.compile(r"\bM[CDILMVX]*\b")
_MONTH_KEYS = tuple(
    "january february march april may june july august september october november december".split()
)
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The languages whose boilerplate the rules read (see `rules`).
_RULE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ru")
_FULL_WEEKDAY_MIN_CHARS = 5  # "lunes", "jeudi"; "sab", "mié" and "Mon" are abbreviations
_LITERAL_DIGIT = re.compile(r"(?<!\\)\d")  # a digit in a replacement, not a group reference ("\1")
# dateparser reads these Arabic-script letter variants as one letter (ی and ي, ک and ك).
_LETTER_VARIANTS = str.maketrans("یک", "يك")


@dataclass(frozen=True)
class DateStyle:
    """How a page writes dates: the languages its month names may be in (its own, then
    English), and whether its numeric dates put the day first ("05/10/2025" is 5 October)."""

    languages: tuple[str, ...] = ("en",)
    day_first: bool = True

    @classmethod
    def of(cls, language: str | None, lines: Sequence[str]) -> DateStyle:
        """The style of a page in `language` made of `lines`.

        Day first, as most of the world writes dates (English-language outlets of the UK,
        Ireland, India, Australia or Africa too), unless the page shows that it writes the
        month first: its numeric dates that only read one way ("11/19/2019" against
        "19/11/2019"), else, in English, its dates in words ("Nov. 19" against
        "19 November"). The language alone cannot tell: py3langid knows no American English.
        """
        languages = _date_languages(language)
        return cls(languages, _writes_day_first("\n".join(lines), languages))


@dataclass(frozen=True)
class DateLine:
    """A header line stating a date: which one, and the value when it is absolute."""

    which: str
    value: datetime | None
    line: int = -1  # index of the page line that states it, set by the classifier


def date_lines(text: str, style: DateStyle) -> list[DateLine]:
    """The dates a date line states ("Publié le ..., modifié le ..." states two); [] for other lines."""
    segments = [seg for seg in rules.datelines.DATE_LABEL_SPLIT.split(_unglue(text)) if seg.strip()]
    found = [_date_segment(seg.strip(" ,;|·"), style) for seg in segments]
    return [d for d in found if d is not None] if all(found) else []


def _date_segment(text: str, style: DateStyle) -> DateLine | None:
    text = _OTHER_ZONE_TIME.sub("", text)
    if max(len(part.split()) for part in SEPARATOR.split(text)) > _MAX_WORDS:
        return None
    labelled = rules.datelines.DATE_LABELLED.match(text)
    which = MODIFIED if rules.datelines.MODIFIED_LABEL.match(text) else PUBLISHED
    rest = labelled.group("rest") if labelled else text
    if rules.datelines.RELATIVE_TIME.match(rest.strip()):
        return DateLine(which, None)
    if not _HAS_DATE_PART.search(rest):
        return None
    for span in _spans(rest):
        value = parse_date(span, style)
        if value is not None:
            return DateLine(which, value)
    # A labelled line is a date line for sure; other things may follow its date
    # ("Updated on: November 19, 2019 / 10:07 AM / CBS News"), or it omits the year ("Updated Nov 19,
    # 9:41 AM"), whose value is then unknown: it is never guessed.
    value = find_date(rest, style) if labelled else None
    if value is None and labelled and _CLOCK.search(rest) and len(rest.split()) <= _YEARLESS_MAX_WORDS:
        return DateLine(which, None)
    return DateLine(which, value) if value is not None else None


def _unglue(text: str) -> str:
    """See `_GLUED_ELEMENT`."""
    return _GLUED_ELEMENT.sub(" | ", _YEAR_THEN_CLOCK.sub(r"\1 ", text))


def _spans(text: str) -> Iterator[str]:
    """Where the date of a date line may be: all of it; after a place ("Santiago de Chile - 03 nov
    2025 - 17:14 CET"); before what follows it ("... 9:08 GMT | 1 day ago", "... 8:21 am ET /
    Original ..."); or between places ("Berlin, ...", "..., UK")."""
    parts = SEPARATOR.split(text)
    yield from (" ".join(parts[k:]) for k in range(len(parts)))
    yield from (" ".join(parts[:k]) for k in range(len(parts) - 1, 0, -1))
    unplaced = _PLACE.sub("", text)
    if unplaced != text:
        yield unplaced


def parse_date(text: str, style: DateStyle) -> datetime | None:
    """An absolute date with day, month and year, in any of the page's likely languages."""
    cleaned = _NOISE.sub(" ", text).strip(" ,;-–")
    if _date_parts(cleaned, style.languages) < len(_PARTS):
        return None
    zone, cleaned = _ZONE.search(cleaned), _ZONE.sub(" ", cleaned)
    value = _iso_date(cleaned)
    if value is None:
        try:
            value = _parser(style.languages, _order(cleaned, style)).get_date_data(cleaned)["date_obj"]
        except (ValueError, OverflowError, TypeError):
            return None
    return _plausible(_stated_zone(value, cleaned, zone))


def _plausible(value: datetime | None) -> datetime | None:
    """A date a page can have been published on, else None: 0001-01-01 and 9999-12-31 are a CMS's
    placeholders for "no date", and the story window (up to a century) is added to and taken from
    a published date, which must stay inside the calendar."""
    return value if value is not None and value.year in PLAUSIBLE_YEARS else None


def _iso_date(text: str) -> datetime | None:
    """An ISO 8601 date and time ("2025-03-01 09:00 UTC", "2025-03-01T09:00:00Z"), the
    commonest machine-written form, read by the standard library: dateparser reads it to the
    same instant and offset (tests/clean/test_dates.py checks both ways on every date order)
    but takes about 2 ms a call, a quarter of cleaning a raw-text article."""
    iso = _ISO_DATE.fullmatch(text.strip())
    if iso is None or (iso["utc"] and iso["offset"]):
        return None
    try:
        value = datetime.fromisoformat(iso["local"])
    except ValueError:  # "2025-02-30": left to dateparser, whatever it makes of it
        return None
    return value.replace(tzinfo=timezone.utc) if iso["utc"] else value


def find_date(text: str, style: DateStyle) -> datetime | None:
    """The first absolute date inside a header line that also holds other things
    ("by Regan September 15, 2014", "Reuters November 18, 2019 11:03 PM")."""
    found = _search_date(text, style)
    return found[1] if found else None


def header_date(text: str, style: DateStyle) -> DateLine | None:
    """`find_date`, and which date it is: the modified one when a modified label comes right
    before it ("By Umair Irfan Updated Nov 13, 2019, 10:28am EST"), else the published one."""
    found = _search_date(text, style)
    if found is None:
        return None
    before = found[0].split()[-_LABEL_MAX_WORDS:]
    labels = (" ".join(before[k:]) for k in range(len(before)))
    which = MODIFIED if any(rules.datelines.MODIFIED_LABEL.match(label) for label in labels) else PUBLISHED
    return DateLine(which, found[1])


def _search_date(text: str, style: DateStyle) -> tuple[str, datetime] | None:
    """The first absolute date in `text`: the text before it, and its value."""
    if not _HAS_YEAR.search(text) or _date_parts(text, style.languages) < len(_PARTS):
        return None
    zone = _ZONE.search(text)  # a header line states one time, so a zone anywhere in it is that time's
    # dateparser's search needs the date as its own token ("Анна Петрова·24 сентября 2018") and
    # finds no "Nov. 19, 2019" (it does find "Nov 19, 2019").
    text = _ABBREVIATED_MONTH.sub("", _GLUE.sub(" ", _ZONE.sub(" ", text)))
    # Slashes may part the line's elements instead ("October 12, 2018/0 Comments/in News /by jdadmin");
    # those of a web address ("example.wordpress.com/2019/04/28/...") date another page.
    unslashed = [_WEB_ADDRESS.sub(" ", text).replace("/", " ")] if "/" in text else []
    for searched in [text, *unslashed]:
        if found := _search(searched, style):
            matched, value = found[0]
            return searched[: searched.find(matched)], _stated_zone(value, matched, zone)
    return None


def _search(text: str, style: DateStyle) -> list[tuple[str, datetime]] | None:
    try:
        return search_dates(text, languages=list(style.languages), settings=_settings(_order(text, style)))
    except (ValueError, OverflowError, TypeError):
        return None


def _order(text: str, style: DateStyle) -> str:
    """Dotted dates ("18.11.2019") put the day first everywhere; others as the page does."""
    dotted = DOTTED_OR_SLASHED.search(text) and "." in text
    return "DMY" if style.day_first or dotted else "MDY"


def _writes_day_first(text: str, languages: tuple[str, ...]) -> bool:
    """See `DateStyle.of`; a tie, or no evidence at all, is day first."""
    pairs = [(int(first), int(second)) for first, _, second in _NUMERIC_DATE.findall(text)]
    day_first = sum(1 for first, second in pairs if 12 < first <= 31 and 1 <= second <= 12)
    month_first = sum(1 for first, second in pairs if 12 < second <= 31 and 1 <= first <= 12)
    ambiguous = any(1 <= first <= 12 and 1 <= second <= 12 for first, second in pairs)
    # Without an ambiguous date the order changes nothing. Only English writes dates in words
    # both ways; elsewhere they put the day first, and an English one is quoted matter.
    if day_first == month_first and ambiguous and languages == ("en",):
        month_then_day, day_then_month = _english_worded_dates()
        lowered = text.lower()
        day_first, month_first = len(day_then_month.findall(lowered)), len(month_then_day.findall(lowered))
    return day_first >= month_first


@functools.cache
def _english_worded_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A month name then a day ("nov. 19", "march 3rd"), and a day then a month name
    ("19 november", "3rd of march"), with dateparser's English month names."""
    names = _month_names(default_loader.get_locale("en"))
    month, day = "|".join(map(re.escape, names)), r"\d{1,2}(?:st|nd|rd|th)?"
    return (
        re.compile(rf"(?<!\w)(?:{month})\.?\s+{day}(?!\w|[:.]\d)"),
        re.compile(rf"(?<![\w.,:/]){day}\s+(?:of\s+)?(?:{month})(?!\w)"),
    )


def _settings(order: str) -> dict[str, object]:
    return {"REQUIRE_PARTS": _PARTS, "PARSERS": _PARSERS, "DATE_ORDER": order}


@functools.cache
def _parser(languages: tuple[str, ...], order: str) -> DateDataParser:
    """One parser per language set and date order: building one per call costs a tenth of the parse."""
    return DateDataParser(languages=list(languages), settings=_settings(order))


def _date_parts(text: str, languages: tuple[str, ...]) -> int:
    """At most how many day, month or year values dateparser could read in `text`.

    Each comes from its own token: a digit run, a Roman year, a month name, or a word that
    dateparser's own simplifications turn into a number ("a", "twelve"). A text with fewer
    than three cannot state a full date, and counting them is far cheaper than parsing: most
    lines with a year ("Best gadgets of 2019") are rejected without calling dateparser.
    """
    folded = _fold(text).lower()  # what dateparser tokenizes: "½" has become "1⁄2"
    found = max(len(_DIGIT_RUN.findall(text)), len(_DIGIT_RUN.findall(folded))) + len(_ROMAN_YEAR.findall(text))
    return found + sum(len(words.findall(folded)) for words in _date_words(languages))


@functools.cache
def _date_words(languages: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    """Per language (from dateparser's language data): its month names as one pattern, and each
    simplification that writes a number, bounded the way dateparser bounds it."""
    patterns = []
    for locale in default_loader.get_locales(languages=list(languages)):
        names = _month_names(locale)
        patterns += [regex.compile("|".join(map(regex.escape, names)))] if names else []
        spaced = not locale.info.get("no_word_spacing")
        for simplification in locale.info.get("simplifications", []):
            for pattern, replacement in simplification.items():
                if _LITERAL_DIGIT.search(str(replacement)):
                    word = _fold(pattern)
                    patterns.append(regex.compile(rf"(?<=\A|\W|_){word}(?=\Z|\W|_)" if spaced else word, regex.I))
    return tuple(patterns)


def opens_with_date(text: str) -> bool:
    """The line opens with a whole date ("21/06/2014 Jane Roe", "February 1, 2019 | By ...", "3. März 2025"):
    a header line, never a headline ("Apollo 11, 1969: ..." is one)."""
    return bool(_leading_date().match(_fold(text[:_LEADING_DATE_CHARS]).lower()))


@functools.cache
def _leading_date() -> re.Pattern[str]:
    names = {name for code in _LEADING_DATE_LANGUAGES for name in _month_names(default_loader.get_locale(code))}
    month = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(
        rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d\d)|\d{{4}}-\d\d-\d\d|(?:{month})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
        rf"|\d{{1,2}}\.? (?:de )?(?:{month})\.?,? (?:de )?\d{{4}})(?!\d)"
    )


def is_weekday(word: str) -> bool:
    """A weekday's full name ("Wednesday", "mercredi", "Mittwoch") in a language the rules read."""
    return _fold(word.strip()).lower() in _weekday_names()


@functools.cache
def _weekday_names() -> frozenset[str]:
    """Weekday names from dateparser's language data, as `_fold` compares them: the full ones only,
    as the abbreviations are words and names too ("Sam", "Don", "die", "mit")."""
    locales = default_loader.get_locales(languages=list(_RULE_LANGUAGES))
    return frozenset(_fold(name).lower() for locale in locales for key in _WEEKDAY_KEYS
                     for name in locale.info.get(key, []) if len(name) >= _FULL_WEEKDAY_MIN_CHARS)


def _month_names(locale: Locale) -> list[str]:
    """Its month names as dateparser compares them, longest first (so that "nov" is not taken out of "november")."""
    return sorted({_fold(name).lower() for key in _MONTH_KEYS for name in locale.info.get(key, [])}, key=len, reverse=True)


def _fold(text: str) -> str:
    """Accents dropped and letter variants merged, as dateparser compares words."""
    return normalize_unicode(text).translate(_LETTER_VARIANTS)


def _stated_zone(value: datetime | None, text: str, zone: re.Match[str] | None) -> datetime | None:
    """The value in the zone `text` states (see `_ZONES`); wall-clock time when it states none
    ("Get short URL" is not Georgia time) or an ambiguous one."""
    if value is None:
        return None
    if zone is not None:
        return value.replace(tzinfo=_ZONES[zone[1]])
    if value.tzinfo is not None and (not _OFFSET.search(text) or _AMBIGUOUS_ZONE.search(text)):
        return value.replace(tzinfo=None)
    return value


def _date_languages(language: str | None) -> tuple[str, ...]:
    """The page's language (when dateparser knows it) before English, the usual fallback."""
    known = (language,) if language in _KNOWN_LANGUAGES and language != "en" else ()
    return (*known, "en")


def parse_iso(value: object) -> datetime | None:
    """A machine-readable date (JSON-LD, JSON records, htmldate): ISO 8601 first, then dateparser."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return _plausible(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return parse_date(text, DateStyle())
