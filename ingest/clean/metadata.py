"""Article metadata: what the labelled lines say, merged with what the page declared.

Sources in order of trust: a JSON record's own fields, then JSON-LD, then (for
HTML) trafilatura's metadata with htmldate's date, then the page's lines (bylines,
date lines, "Source:" lines), and last the source URL's domain as the outlet.
Each source is a `PageMeta`; `over` stacks them field by field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import datetime
from urllib.parse import urlsplit

from ingest.clean import decode, rules
from ingest.clean.classify import Classified
from ingest.clean.dates import MODIFIED, PUBLISHED, SEPARATOR, DateLine, DateStyle, header_date, is_weekday
from ingest.clean.rules import BODY, SUMMARY, TITLE

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
_NAMED_SOURCE = re.compile(
    r"(?:^(?:sources?|quelle|fuente)\s*:|\b(?:on|in|by|auf|bei|sur|dans|en|por))\s+((?:[A-Z][\w'’&-]*\s*){1,5})(?:[.;,]|$)"
)
# A headline ("... given asylum by Russia"), standfirst or caption ending in "by Name" is no byline.
_NO_GLUED_BYLINE = frozenset({TITLE, SUMMARY, rules.CAPTION})
# A "By" element of a date line names its author as the site shows it, a login name too ("By admin").
_BY_ELEMENT = re.compile(r"^(?:by|von|par|por)\s*:?\s+(?P<names>\S.{0,60})$", re.I)
_BARE_BY = re.compile(r"(?:by|von|par|por|di)\s*:?$", re.I)
# A desk or a staff credit ("IGN Staff", "Staff Reports", "Telegraph Sport", "Gadget Hub Staff") names no
# person; "Staff" after a first name alone is a surname ("Jörg Staff").
_STAFF_CREDIT = re.compile(
    r"\b(?:staff (?:reports?|writers?)|sports?|editorial (?:staff|team|board)|newsroom|news desk|wire services?|"
    r"redaktion|rédaction|redacción)$|(?:^|(?-i:\b[A-Z]{2,} )|\S+ \S+ )staff$",
    re.I,
)
# A job title glued to the name before it ("Meg JamesStaff Writer"): it starts at a lower-upper seam.
_SEAM = re.compile(r"(?<=[a-z])(?=[A-Z])")
# A contact line names the author ("Write to Al Root at al.root@example.com", "Amy Roe may be reached at ...").
_CONTACT = re.compile(
    r"^(?:have a tip\?\s*)?(?:write to (?P<to>[\w .'-]{2,60}?) at \S+@|(?P<reached>[\w .'-]{2,60}?) (?:may|can) be reached at)",
    re.I,
)
# Words of buttons and links that read as two capitalised names ("Learn More", "Give Feedback", "Share Tweet").
_UI_WORD = re.compile(
    r"\b(?:learn|more|read|sign|log|login|share|sharing|buttons?|widgets?|tweet|feedback|subscribe|follow|menu|search|contact|register|"
    r"comments?|reply|print|email|download|watch|listen|close|next|previous|mehr|teilen|anmelden|suche|"
    r"kommentare?|partager|connexion|plus|recherche|más|compartir|buscar|iniciar)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")  # a date after the byline ("By Jane Roe | Nov 19, 2019") is no publisher
_GLUED_HANDLE = re.compile(r"(?<=\w)@\w+$")
# Degrees and suffixes after a name ("Ilana Muhlstein, MS, RDN", "John Roe, Jr."): part of the name, no person.
_POSTNOMINAL = re.compile(r"(?:Ph\.?D|M\.?D|M\.?S|M\.?A|MBA|MPH|RDN?|LDN?|RN|CSCS|CPT|Jr|Sr|III?|IV)\.?")


@dataclass(frozen=True)
class PageMeta:
    """Metadata fields, each None (or empty) when unknown."""

    title: str | None = None
    summary: str | None = None
    section: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    source_url: str | None = None

    def canonical(self) -> PageMeta:
        """Each text field in the form the rules see (NFC, `\\n` line ends): read from a page's markup, it may not be."""
        def text(value: str | None) -> str | None:
            return decode.canonical(value) if value else value

        return replace(self, title=text(self.title), summary=text(self.summary), section=text(self.section),
                       authors=tuple(map(decode.canonical, self.authors)), outlet=text(self.outlet),
                       source_url=text(self.source_url))

    def over(self, fallback: PageMeta) -> PageMeta:
        """Field by field, this value where known, else the fallback's."""
        return replace(self, **{f.name: getattr(self, f.name) or getattr(fallback, f.name) for f in fields(self)})


def from_lines(page: Classified, date_style: DateStyle) -> PageMeta:
    """Read title, summary, section, credits, dates and source URL from the labelled lines."""
    authors, agencies = _credits(page)
    title_at = page.labels.index(TITLE) if TITLE in page.labels else -1
    above = [d for d in page.dates if d.line < _body_at(page)]
    header = [d for d in above if d.line > title_at]
    mixed = _header_dates(page, date_style)
    published = next(filter(None, (_stated(found, PUBLISHED) for found in (header, above, mixed, page.dates))), None)
    modified = _stated(page.dates, MODIFIED) or _stated(mixed, MODIFIED)
    return PageMeta(
        title=_first(page, TITLE),
        summary=_first(page, SUMMARY),
        section=_section(page),
        authors=authors,
        outlet=agencies[0] if agencies else _dated_outlet(page) or _source_outlet(page),
        published=published,
        modified=modified,
        source_url=_source_url(page),
    )


def _body_at(page: Classified) -> int:
    """Index of the first body line (the article text starts there)."""
    return page.labels.index(BODY) if BODY in page.labels else len(page.lines)


def _stated(dates: list[DateLine], which: str) -> datetime | None:
    """The first absolute date of that kind. The publication date is sought between the headline
    and the article first (above the headline a site may show today's date), then above the
    article, then in mixed header lines, and only then below it, where comments carry their own."""
    return next((d.value for d in dates if d.which == which and d.value), None)


def _header_dates(page: Classified, date_style: DateStyle) -> list[DateLine]:
    """The date inside the first header line that holds more than the date ("by Regan September 15, 2014")."""
    for i, (line, label) in enumerate(zip(page.lines[: page.header_end], page.labels)):
        if label in (rules.DATES, rules.CAPTION):  # dates already read, and a photo's date is when it was taken
            continue
        found = header_date(line.text, date_style)
        if found is not None:
            return [replace(found, line=i)]
    return []


def domain(url: str | None) -> str | None:
    """The host of a URL without `www.`, used as the outlet when nobody is credited."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _first(page: Classified, label: str) -> str | None:
    found = page.of(label)
    return found[0].text if found else None


def _section(page: Classified) -> str | None:
    for line in page.of(rules.SECTION):
        crumbs = [c.strip() for c in re.split(r"[>›»/|]", line.text) if c.strip()]
        named = [c for c in crumbs if not re.fullmatch(r"home|startseite|start|accueil|inicio|portada", c, re.I)]
        if named:
            return named[0]
    return None


def _credits(page: Classified) -> tuple[tuple[str, ...], list[str]]:
    """Author names and credited outlets from byline lines ("By Jane Roe, Reuters").

    Authors come from stated bylines ("By ...", "Name | Staff writer", or "by Name"
    closing a header line such as a date); those above the article text win, since
    bylines below it mostly credit teasers of other stories. A lone name line below
    the headline is only a guess (the nearest one: later ones tend to be labels such as
    "Key Points"), used when nothing states one. Credit lines
    ("Reporting by ...; Editing by ...") name staff, not authors. Outlets:
    agencies among the credits first, then a publisher after the name
    ("By Dana Whitfield | The Riverton Ledger").
    """
    above: list[str] = []
    below: list[str] = []
    guessed: list[str] = []
    agencies: list[str] = []
    publishers: list[str] = []
    title_at = page.labels.index(TITLE) if TITLE in page.labels else -1
    body_at = _body_at(page)
    for i, credit in _credit_lines(page, body_at):
        if (not credit.stated and i < title_at) or _in_menu(page, i):
            continue  # a name-like line above the headline is a section; "- By Any Means Necessary" a show
        for name in credit.names:
            stated = above if i < body_at else below
            target = agencies if rules.AGENCY_LINE.match(name) else stated if credit.stated else guessed
            if target is guessed and (_in_link_list(page, i) or len(name.split()) < 2 or _UI_WORD.search(name)):
                continue  # a link in a list ("- Pin It"), a place ("BAAR, SWITZERLAND"), a button ("Learn More")
            if name not in target:
                target.append(name)
        if credit.publisher:
            publishers.append(credit.publisher)
    return tuple(above or below or guessed[:1]), agencies + publishers


def _in_link_list(page: Classified, i: int) -> bool:
    """Line `i` is a bullet inside a list ("- Tumblr", "- Pin It", "- LinkedIn"); a bulleted name
    under the headline ("- Tanza Loudenback, Business Insider") or beside bulleted date lines
    ("- Debbie White", "- 18 Nov 2019, 19:09") is a byline."""
    listed = _listed_neighbours(page, i)
    beside_title = TITLE in (page.labels[j] for j in (i - 1, i + 1) if 0 <= j < len(page.labels))
    return page.lines[i].bullet and any(listed) and not beside_title


def _in_menu(page: Classified, i: int) -> bool:
    """Line `i` is a bullet between two other bullets that are no date lines: a menu's item, even
    when it reads as a byline ("- Brave New World" / "- By Any Means Necessary" / "- Double Down")."""
    listed = _listed_neighbours(page, i)
    return page.lines[i].bullet and len(listed) == 2 and all(listed)


def _listed_neighbours(page: Classified, i: int) -> list[bool]:
    """For each line next to line `i`, whether it is a list item that is no date line."""
    return [page.lines[j].bullet and page.labels[j] != rules.DATES for j in (i - 1, i + 1) if 0 <= j < len(page.lines)]


def _credit_lines(page: Classified, body_at: int) -> Iterator[tuple[int, _Credit]]:
    """Byline lines (a lone name line under a bare "By" line states its name), and header lines
    above the article text that end in a glued byline or whose date shares the line with one.
    A name opening a date line is a guess, and none when several lines read so (teasers such
    as "Health Sleep 27/10/23")."""
    dated: list[tuple[int, _Credit]] = []
    for i, (line, label) in enumerate(zip(page.lines, page.labels)):
        if label == rules.BYLINE:
            credit = _credit(line.text)
            if i > 0 and _BARE_BY.match(page.lines[i - 1].text):
                credit = replace(credit, stated=True)
            yield i, credit
        elif i < body_at and label not in _NO_GLUED_BYLINE and (glued := rules.GLUED_BYLINE.search(line.text)):
            yield i, _Credit(_split_names(glued.group("names")))
        elif i < body_at and label == rules.DATES and (bys := _by_elements(line.text)):
            yield from ((i, _Credit(names)) for names in bys)  # "By admin - 2018-09-16"
        elif i < body_at and label not in (TITLE, rules.CAPTION) and (name := _dated_name(line.text)):
            dated.append((i, _Credit([name], stated=False)))  # "Chris Davies - Nov 19, 2019"
    if len(dated) == 1:
        yield dated[0]


def _by_elements(text: str) -> list[list[str]]:
    """The names of each "By" element of a date line."""
    return [_split_names(by["names"]) for by in map(_BY_ELEMENT.match, SEPARATOR.split(text)) if by]


def _dated_name(text: str) -> str | None:
    """The name opening a date line ("Chris Davies - Nov 19, 2019"), not a date label ("Last Updated")."""
    found = rules.bylines.DATED_NAME.match(text)
    names = found["names"] if found else ""
    return names if names and not rules.datelines.DATE_LABELLED.match(names) and not rules.outlet_name(names) else None


@dataclass(frozen=True)
class _Credit:
    names: list[str]
    publisher: str | None = None
    stated: bool = True


def _credit(text: str) -> _Credit:
    """What one byline line credits: names, a publisher after them, and whether it says so."""
    by = rules.BYLINE_BY.match(text)
    if by:
        tail = (by.group("tail") or "").strip()
        named = rules.datelines.TRAILING_DATE_LABEL.sub("", by.group("names"))  # "By Umair Irfan Updated Nov 13, 2019"
        names = _split_names(", ".join(filter(None, (named, by.group("agency")))))
        stated_outlet = tail if tail and not rules.bylines.ROLE.search(tail) and not _DIGIT.search(tail) else None
        return _people_and_outlet(names, stated_outlet)
    if named := rules.BYLINE_ROLE.match(text) or rules.BYLINE_HANDLE.match(text):  # "Jane Roe | Reporter"
        return _Credit(_split_names(named["names"]))
    if contact := _CONTACT.match(text):
        return _Credit(_split_names(contact["to"] or contact["reached"]))
    if rules.CREDITS.match(text) or rules.AGENCY_DATED.match(text):  # "Reporting by ...", "Reuters Nov 18, 2019"
        return _Credit([m.group(0) for m in rules.bylines.AGENCY.finditer(text)])  # only the agencies
    if glued := rules.GLUED_BYLINE.search(text):  # "March 3, 2025 by Helen Ward"
        return _Credit(_split_names(glued.group("names")))
    names = _split_names(text)  # a lone name, or an outlet ("The Wall Street Journal") under the byline
    return replace(_people_and_outlet(names, None) if len(names) == 1 else _Credit(names), stated=False)


def _people_and_outlet(names: list[str], outlet: str | None) -> _Credit:
    """Names that are people: a site ("Cleveland.com"), an acronym ("CNN") or a newspaper's name
    ("Lakeside Herald") in a byline is the outlet, and a job title ("Staff Writer") or a staff
    credit ("IGN Staff") is neither."""
    outlets = [n for n in names if rules.outlet_name(n)]
    people = [n for n in names if n not in outlets and not rules.bylines.ROLE.search(n) and not _STAFF_CREDIT.search(n)]
    return _Credit(people, outlet or next(iter(outlets), None))


def _split_names(raw: str) -> list[str]:
    """Names without a handle glued to them ("Natasha Turak@NatashaTurak") or the degrees after them;
    an e-mail address is no name, and the names end where a date begins: at a part with a digit
    or a weekday ("By Sherif Saed, Wednesday, 20 November 2019 08:05 GMT")."""
    parts = _SPLIT_NAMES.split(raw)
    end = next((i for i, part in enumerate(parts) if _DIGIT.search(part) or is_weekday(part)), len(parts))
    names = [_without_glued_role(_GLUED_HANDLE.sub("", n)).strip(" ()") for n in parts[:end]]
    return [n for i, n in enumerate(names) if n and "@" not in n and not (i and _POSTNOMINAL.fullmatch(n))]


def _without_glued_role(name: str) -> str:
    """The name without a job title glued to it, read as if a space stood at the seam."""
    seams = (m.start() for m in _SEAM.finditer(name))
    return next((name[:i] for i in seams if rules.bylines.ROLE.match(f"{name[:i]} {name[i:]}", i + 1)), name)


def _dated_outlet(page: Classified) -> str | None:
    """The outlet closing a date line above the article ("Updated on: November 19, 2019 / 10:07 AM / CBS News")."""
    for line, label in zip(page.lines[: _body_at(page)], page.labels):
        last = SEPARATOR.split(line.text)[-1].strip()
        if label == rules.DATES and not _DIGIT.search(last) and (rules.AGENCY_LINE.match(last) or rules.outlet_name(last)):
            return last
    return None


def _source_outlet(page: Classified) -> str | None:
    """The publication a "Source:" or "originally published on" line names (not a URL)."""
    for line in page.of(rules.SOURCE):
        if _URL.search(line.text):
            continue
        agency = rules.bylines.AGENCY.search(line.text)
        named = _NAMED_SOURCE.search(line.text)
        if agency or named:
            return agency.group(0) if agency else named.group(1).strip()
    return None


def _source_url(page: Classified) -> str | None:
    for line in page.of(rules.SOURCE):
        found = _URL.search(line.text)
        if found:
            return found.group(0).rstrip(".,;")
    return None
