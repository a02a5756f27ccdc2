"""The lines above the article block (pass 4 of `classify`): the headline, a standfirst, the
metadata lines, and the sentences, led lists and claim boxes between them and the prose that
open the article; in a page dump every other line there is chrome."""

from __future__ import annotations

import re

from ingest.clean import rules, trailer
from ingest.clean.dates import DOTTED_OR_SLASHED, opens_with_date
from ingest.clean.lines import Line, capital_like
from ingest.clean.span import lead_in

MAX_TITLE_WORDS = 30
_DECK_MIN_WORDS = 10
_DECK_MIN_DENSITY = 0.2
_MIN_OPENING_ITEMS = 3
_ITEM_MEAN_WORDS = 3
_LIST_LEAD_MIN_WORDS = 4
_BREADCRUMB_TITLE_MIN_WORDS = 5  # "- World" / "- Markets" are sections
_MAX_HEADING_WORDS = 25  # a headline over the byline; a longer line there is a standfirst
_METADATA_REACH = 3  # headline, deck, name, date
_NAME_REACH = 12  # lines above the article text where a lone name under a headline is its byline
_ECHO_LINES = 30  # the article's opening lines, where it repeats its headline's words
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_TRAIL_END = re.compile(r"\s[›»>/|]$")
_SKIP_LINK = re.compile(
    r"(?:skip to|jump to|direkt zum|zum|springe zum|aller au|passer au|ir al|saltar al) "
    r"(?:the )?(?:main |primary |page )?(?:content|article|navigation|inhalt|hauptinhalt|contenu|contenido)",
    re.I,
)
_ARTICLE_FIRST = re.compile(r"(?:The|A|An|Der|Die|Das|Ein|Eine|Le|La|Les|Un|Une|El|Los|Las|Una|Il|Lo|Gli) ")
MERIDIEM = re.compile(r"\d\s*[ap]\.m\.$", re.I)  # "... at 11:08 a.m." ends in a full stop yet is a date
_CLOCK = re.compile(r"\b\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\b\.?)?\b|\d{1,2}時\d{1,2}分", re.I)


def over_metadata(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """An unbulleted headline right above a byline or date line heads the article, not a link."""
    return not lines[i].bullet and above_metadata(labels, i)


def above_metadata(labels: list[str | None], i: int) -> bool:
    """Line `i` stands right above a byline or a date line, where a page prints its headline."""
    return i + 1 < len(labels) and labels[i + 1] in (rules.BYLINE, rules.DATES)


def label_header(
    lines: list[Line], labels: list[str | None], start: int, page_dump: bool, known_title: str | None
) -> int:
    """Label the headline, standfirst and metadata lines; return where the body starts."""
    title = _find_title(lines, labels, start) if page_dump else _repeated_title(lines, start, known_title)
    if title is not None:
        labels[title] = rules.TITLE
    i = (title + 1) if title is not None else start
    has_summary = False
    header_end = i  # after the headline's last metadata line
    while i < len(lines):
        if labels[i] is not None:
            if labels[i] not in rules.HEADER_RULES:
                break
        elif (kind := _header_kind(lines, labels, i)) is not None:
            labels[i] = kind
        elif title is not None and not has_summary and _summary(lines, labels, i, title, start):
            labels[i], has_summary = rules.SUMMARY, True
        elif i >= start:
            break
        if labels[i] not in (None, rules.PROMO):  # an ad or a call to action may stand anywhere
            header_end = i + 1
        i += 1
    if title is not None and title > 0:  # a section or agency line right above the headline
        labels[title - 1] = labels[title - 1] or rules.header_kind(lines[title - 1])
    if title is not None:
        i = _claim_box(lines, labels, title, _opening(lines, labels, header_end, i))
    if page_dump:
        for j in range(i):
            labels[j] = labels[j] or trailer.chrome(lines[j])
    return i


def _opening(lines: list[Line], labels: list[str | None], header_end: int, start: int) -> int:
    """Where the article opens when the lines between its header and its first prose read as text:
    sentences, however short ("Average daily intake 1694 kcal."), lead-ins ending in a colon, and
    a bulleted list with the line that leads into it ("What's new in 2.26?" / "- New tasks").
    Menus sit above the headline, and share rows and bylines in its metadata, none of them
    sentences; an ad or a call to action between them keeps its label and does not end the opening."""
    k = start
    while k > header_end and labels[k - 1] in (None, rules.PROMO):
        if labels[k - 1] == rules.PROMO:  # an ad or a call to action inside the opening keeps its label
            k -= 1
        elif lines[k - 1].bullet:
            top = k - 1
            while top > header_end and labels[top - 1] is None and lines[top - 1].bullet:
                top -= 1
            lead = top - 1
            if not _text_items(lines[top:k]) or lead < header_end or not _list_lead(lines[lead], labels[lead]):
                break
            k = lead
        elif lines[k - 1].terminal or lead_in(lines[k - 1]) or _inner_subheading(lines, labels, k - 1, header_end):
            k -= 1
        else:
            break
    return k


def _inner_subheading(lines: list[Line], labels: list[str | None], i: int, header_end: int) -> bool:
    """A subheading ending in a colon ("Preisbremsen im Bereich Energie:") under the article's
    opening sentence or lead-in, over its first section. Only under unclaimed text: a share row's
    label ("Teilen:") stands under the header's byline or date, which are claimed."""
    above = i - 1
    if lines[i].bullet or not lines[i].text.endswith(":") or above < header_end or labels[above] is not None:
        return False
    return not lines[above].bullet and (lines[above].terminal or lead_in(lines[above]))


def _claim_box(lines: list[Line], labels: list[str | None], title: int, start: int) -> int:
    """Where the article opens when a fact check's claim box ("Claim" / the claim / "Rating" / "False")
    stands between headline and text: its labels, read as section names, and its short lines are
    the checked statement and the verdict."""
    box = next((k for k in range(title + 1, start) if rules.FACT_CHECK_CLAIM.match(lines[k].text)), None)
    if box is None:
        return start
    for k in range(box, start):
        if labels[k] == rules.SECTION:
            labels[k] = None
    return box


def _text_items(items: list[Line]) -> bool:
    """Enough items of a few words each to be a list the article writes, not a row of share
    buttons or menu links ("- Tweet", "- Mail")."""
    return len(items) >= _MIN_OPENING_ITEMS and sum(item.words for item in items) >= _ITEM_MEAN_WORDS * len(items)


def _list_lead(line: Line, label: str | None) -> bool:
    """An unclaimed, unbulleted line of several words leading into a list, as a question, a colon
    or a heading does ("Here is what changed:"); a sentence ending in a stop is a deck over widgets."""
    return label is None and not line.bullet and line.words >= _LIST_LEAD_MIN_WORDS and not line.text.endswith(".")


def _summary(lines: list[Line], labels: list[str | None], i: int, title: int, start: int) -> bool:
    """A standfirst or deck under the headline; under the byline or date only a full sentence is one
    (a line there without a stop is a photo caption or a teaser); a repeat of the headline or a line
    opening with a date ("March 4, 2025 Jane Roe") never."""
    line = lines[i]
    if line.text == lines[title].text or opens_with_date(line.text):
        return False
    under_metadata = any(lab in (rules.BYLINE, rules.DATES) for lab in labels[title + 1 : i])
    return _standfirst(lines, labels, i, title) or (_deck(line, i, start) and (line.terminal or not under_metadata))


def _find_title(lines: list[Line], labels: list[str | None], start: int) -> int | None:
    """The headline: the nearest line above the article that heads its byline or date lines,
    else the last headline-shaped line above the article.

    Pages print the headline over the byline and date, while promos, captions and teasers
    nearer the text head none. A standfirst or photo caption may sit between headline and
    byline, so a sentence candidate yields to a headline-shaped line up to two lines above it.
    """
    text = " ".join(line.text for line in lines[start : start + _ECHO_LINES]).casefold()
    words = frozenset(_CONTENT_WORD.findall(text))

    def headline(k: int) -> bool:  # a headline the article echoes, not "Skip to Article"
        return _is_headline(lines, labels, k) and _echoed(lines[k], words)

    heading = nearest = None  # the nearest headline-shaped line is the headline when no line heads metadata
    for k in range(min(start, len(lines) - 1), -1, -1):
        if not _title_shaped(lines, labels, k):
            continue
        if _heads(lines, labels, k, start) and _echoed(lines[k], words):
            heading = k
            break
        nearest = k if nearest is None and headline_shaped(lines[k]) else nearest
    if heading is not None and not headline_shaped(lines[heading]):
        if not lines[heading].terminal:
            return heading
        return next((k for k in range(heading - 1, heading - 3, -1) if headline(k)), heading)
    i = heading if heading is not None else nearest
    if i is None:
        return None
    above = i - 1  # a headline above a deck, maybe with a comment count or share row between
    while above > 0 and labels[above] == rules.FOOTER:
        above -= 1
    series = lines[i].text.startswith(lines[above].text)  # "Dare to Play" over "Dare to Play 3 / October pack"
    return above if headline(above) and not series else i


def _echoed(line: Line, article: frozenset[str]) -> bool:
    """The article text repeats a word of the line, as it does its headline's ("Back to overview",
    "Skip to content" it never does); a line without spaced words gives no evidence."""
    words = _CONTENT_WORD.findall(line.text.casefold())
    return not words or not article.isdisjoint(words)


def _meta_line(line: Line, right_under: bool) -> bool:
    """An unlabelled metadata line: one opening with a date ("21/06/2014 Jane Roe News, Reviews"),
    or right under the headline a lone name."""
    return opens_with_date(line.text) or (right_under and _person(line))


def _person(line: Line) -> bool:
    """A lone name in title case ("Dallas Robinson"), not a label in capitals ("GIRLS BASKETBALL")."""
    return _lone_name(line) and not any(len(w) > 1 and w.isupper() for w in line.text.split())


def headline_shaped(line: Line) -> bool:
    return line.headline_like and line.words >= 3 and not line.is_prose()


def _heads(lines: list[Line], labels: list[str | None], i: int, start: int) -> bool:
    """Line `i` heads the metadata; the article's first line only when they follow right under it."""
    near = start - i <= _NAME_REACH  # a lone name far above the text is a menu item ("Albanian Shqip")
    return _heads_metadata(lines, labels, i, near) and (i < start or above_metadata(labels, i))


def _heads_metadata(lines: list[Line], labels: list[str | None], i: int, names: bool) -> bool:
    """A byline or date line follows line `i` within a few lines, with header lines, lone names
    and at most one other unclaimed line (a deck) between; see `_meta_line` for unlabelled ones, of which
    a lone name counts only when `names`."""
    line = lines[i]
    opens = line.opens_capital or (line.text[:1] in "[(" and capital_like(line.text[1:2]))  # "[Review] ..."
    if not 3 <= line.words <= _MAX_HEADING_WORDS or not opens:  # "di Marco Bellini" is a byline
        return False
    deck = False
    for j in range(i + 1, min(i + 1 + _METADATA_REACH, len(lines))):
        unlabelled_meta = labels[j] is None and _meta_line(lines[j], names and j == i + 1)
        if labels[j] in (rules.BYLINE, rules.DATES) or unlabelled_meta:
            return True
        if labels[j] is None and not _lone_name(lines[j]):
            if deck:
                return False
            deck = True
        elif labels[j] is not None and labels[j] not in rules.HEADER_RULES:
            return False
    return False


def _repeated_title(lines: list[Line], start: int, known_title: str | None) -> int | None:
    """The known headline repeated as a line above the article text."""
    wanted = (known_title or "").casefold()
    return next((i for i in range(min(start + 1, len(lines))) if lines[i].text.casefold() == wanted), None)


def _is_headline(lines: list[Line], labels: list[str | None], i: int) -> bool:
    return i >= 0 and _title_shaped(lines, labels, i) and lines[i].headline_like and lines[i].words >= 3


def _title_shaped(lines: list[Line], labels: list[str | None], i: int) -> bool:
    line = lines[i]
    dated = _CLOCK.search(line.text) or DOTTED_OR_SLASHED.search(line.text)  # a date line's or a teaser's
    if labels[i] is not None or line.words > MAX_TITLE_WORDS or dated:
        return False
    if line.bullet and not _breadcrumb_headline(lines, labels, i):
        return False
    # "February 1, 2019 Jane Roe" is a date line with the author, "Software ›" a breadcrumb trail's item,
    # "Skip to content" a link for screen readers
    if opens_with_date(line.text) or _TRAIL_END.search(line.text) or _SKIP_LINK.match(line.text):
        return False
    # A lone name or section word is a byline or section; title-case words after an article are a
    # headline ("The Impeachment Clock") unless they name an outlet ("The Lakeside Herald").
    kind = rules.header_kind(line)
    headline = kind == rules.BYLINE and bool(_ARTICLE_FIRST.match(line.text)) and not rules.outlet_name(line.text)
    return kind is None or headline


def _lone_name(line: Line) -> bool:
    """A name or an agency alone on its line; capitalised words with a function word are a title."""
    named = rules.header_kind(line) == rules.BYLINE and line.stopword_density <= 0
    return named or bool(rules.AGENCY_LINE.match(line.text))


def _breadcrumb_headline(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A bulleted headline right above the byline or date: the breadcrumb trail's last item,
    the article itself ("- NASA adds five companies to ..." / "by Jeff Foust — November 18, 2019")."""
    return above_metadata(labels, i) and lines[i].headline_like and lines[i].words >= _BREADCRUMB_TITLE_MIN_WORDS


def _standfirst(lines: list[Line], labels: list[str | None], i: int, title: int) -> bool:
    """Prose, or a headline-shaped deck right under the headline, followed by metadata lines."""
    line = lines[i]
    shaped = line.is_prose() or (i == title + 1 and line.headline_like and not line.bullet)
    return shaped and _meta_follows(lines, labels, i)


def _deck(line: Line, i: int, start: int) -> bool:
    """A sentence between the headline block and the article text is its standfirst, with or
    without metadata under it and even without a full stop ("“We will rebuild,” the mayor said")."""
    worded = line.words >= _DECK_MIN_WORDS and (line.terminal or line.stopword_density >= _DECK_MIN_DENSITY)
    return i < start and worded and not line.bullet


def _meta_follows(lines: list[Line], labels: list[str | None], i: int) -> bool:
    if i + 1 >= len(lines):
        return False
    label = labels[i + 1]
    return label in rules.HEADER_RULES or (label is None and _header_kind(lines, labels, i + 1) is not None)


def _header_kind(lines: list[Line], labels: list[str | None], i: int) -> str | None:
    """`rules.header_kind` of line `i`, but None for a subheading: a label ending in a colon over a
    paragraph ("Heizkosten:" / "Vermieter müssen ..."); a header's labels head a value ("Author:" / a name)."""
    over_text = i + 1 < len(lines) and labels[i + 1] is None and lines[i + 1].is_prose()
    return None if lines[i].text.endswith(":") and over_text else rules.header_kind(lines[i])
