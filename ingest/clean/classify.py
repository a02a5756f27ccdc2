"""The line classifier: every line becomes title, summary, body or a named boilerplate kind.

Evidence is combined in passes, each one small and named:
1. context-free patterns (`rules.match`) and date lines (`dates.date_lines`);
2. photo credits and the caption line they close (or caption labels and the line
   they open); headed link blocks ("Related:") and boxes of kicker-led teasers;
3. the article block: prose lines (long, terminal, stopword-rich, as in jusText)
   grouped into clusters that short navigation-like lines interrupt; the richest
   cluster, and any other nearly as rich, span the article, which always starts
   with the text right under a byline and ends before a closing run of
   headline + teaser pairs;
4. the header above it: headline, a standfirst followed by metadata lines, short
   section/byline lines; in a page dump every other line there is chrome (`nav`,
   or `aside` for prose such as disclaimers);
5. the trailer below it (page dumps; `trailer.py`): sentences, lines they enclose,
   colon-introduced lists, subheaded sections and runs of similar lines that cannot
   be links continue the body; two or more headline-shaped lines there are a
   related-stories list, the rest chrome.
Lines inside the article block that no pattern claims are body, however short, and so
is a promo-like step inside a list of body items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ingest.clean import rules, trailer
from ingest.clean.dates import DateLine, DateStyle, date_lines
from ingest.clean.lines import Line

TITLE, SUMMARY, BODY = "title", "summary", "body"
_MAX_TITLE_WORDS = 30
_BREAKS_BETWEEN_CLUSTERS = 4
_NAV_MAX_WORDS = 4
_RICH_CLUSTER_SHARE = 0.5
_TRAILER_WALL = 1_000  # breaks reported for a trailer header: no cluster beyond it joins the article
_CAPTION_MAX_WORDS = 40
_OPENING_MIN_WORDS = 8
_KEY_POINT_MIN_WORDS = 4
_KICKER_MAX_WORDS = 6
_KICKER_BLOCK_LINES = 4  # kicker, headline, source line, teaser
_MIN_KICKER_TEASERS = 2
_DECK_MIN_WORDS = 10
_DECK_MIN_DENSITY = 0.2
_BREADCRUMB_TITLE_MIN_WORDS = 5  # "- World" / "- Markets" are sections
_MERIDIEM = re.compile(r"\d\s*[ap]\.m\.$", re.I)  # "... at 11:08 a.m." ends in a full stop yet is a date
_CLOCK = re.compile(r"\b\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\b\.?)?\b|\d{1,2}時\d{1,2}分", re.I)


@dataclass
class Classified:
    """Lines with their labels, the dates that date lines state (in page order), and
    where the header ends (the index of the first line after headline and metadata)."""

    lines: list[Line]
    labels: list[str]
    dates: list[DateLine] = field(default_factory=list)
    header_end: int = 0

    def of(self, label: str) -> list[Line]:
        return [line for line, lab in zip(self.lines, self.labels) if lab == label]


def classify(
    lines: list[Line], date_style: DateStyle, *, page_dump: bool = True, known_title: str | None = None
) -> Classified:
    """Label every line.

    `page_dump` says the text is a whole page (raw text), so lines outside the
    article block are chrome and the headline is among them; extractor output
    (HTML) is already the article and only loses lines that patterns or runs claim,
    and a repeat of the `known_title` at its top.
    """
    labels: list[str | None] = [rules.match(line) for line in lines]
    dates = _label_dates(lines, labels, date_style)
    _label_captions(lines, labels)
    _label_related_blocks(lines, labels)
    _label_kicker_teasers(lines, labels)
    span = _article_span(lines, labels)
    start = 0
    if span is not None:
        span = (span[0], trailer.before_teasers(lines, labels, *span))
        span = (span[0], trailer.before_author_box(lines, labels, *span))
        start = _label_header(lines, labels, span[0], page_dump, known_title)
        trailer.label_trailer(lines, labels, max(span[1], start - 1), page_dump)
    _keep_list_steps(lines, labels)
    return Classified(lines, [lab or BODY for lab in labels], dates, start)


def _label_dates(lines: list[Line], labels: list[str | None], date_style: DateStyle) -> list[DateLine]:
    found: list[DateLine] = []
    for i, line in enumerate(lines):
        if labels[i] is None and (not line.text.endswith((".", "!", "?", ":")) or _MERIDIEM.search(line.text)):
            stated = date_lines(line.text, date_style)
            if stated:
                labels[i] = rules.DATES
                found.extend(replace(d, line=i) for d in stated)
    return found


def _keep_list_steps(lines: list[Line], labels: list[str | None]) -> None:
    """A bulleted call to action inside the body, next to one of its list items, is a step the
    article lists ("- Sign up for the bundle with the same email"), not a promo."""
    for i in range(1, len(lines) - 1):
        inside = labels[i - 1] is None and labels[i + 1] is None
        if labels[i] == rules.PROMO and lines[i].bullet and inside and (lines[i - 1].bullet or lines[i + 1].bullet):
            labels[i] = None


def _label_captions(lines: list[Line], labels: list[str | None]) -> None:
    """A bare photo credit line ("(Walt Disney Co.)") closes the caption written just above it,
    unless a labelled caption follows it ("Image copyright Getty Images" / "Image caption ...":
    credit first, then its caption); a caption label alone on its line ("Image caption,")
    opens the one written below it."""
    for i in range(len(lines)):
        if labels[i] != rules.CAPTION:
            continue
        captioned_below = i + 1 < len(lines) and bool(rules.CAPTION_START.match(lines[i + 1].text))
        closes = i > 0 and rules.is_credit_line(lines[i]) and not captioned_below
        if closes and _caption_text(lines[i - 1], labels[i - 1]):
            labels[i - 1] = rules.CAPTION
        labelled = i + 1 < len(lines) and rules.CAPTION_LABEL.match(lines[i].text)
        if labelled and _caption_text(lines[i + 1], labels[i + 1]):
            labels[i + 1] = rules.CAPTION


def _caption_text(line: Line, label: str | None) -> bool:
    """Unclaimed, not a list item or a quote, and short enough for a caption."""
    return label is None and not line.bullet and not rules.QUOTED.search(line.text) and line.words <= _CAPTION_MAX_WORDS


def _label_related_blocks(lines: list[Line], labels: list[str | None]) -> None:
    """A related-links header claims the headline-shaped lines under it, with the one-sentence
    teaser written directly under an unbulleted headline, up to the next prose that is not one.
    Once two headlines follow each other the block is a bare list, and a sentence after it
    is the article going on."""
    for i, line in enumerate(lines):
        if labels[i] != rules.RELATED or not rules.is_related_header(line):
            continue
        previous_claimed, bare_list = True, False
        for j in range(i + 1, len(lines)):
            if labels[j] is not None:
                previous_claimed = False
                continue
            candidate = lines[j]
            short = candidate.words <= trailer.TEASER_MAX_WORDS
            teaser = previous_claimed and not bare_list and candidate.terminal and short and j > i + 1
            listed = candidate.bullet and candidate.words <= _MAX_TITLE_WORDS
            headline = candidate.headline_like and candidate.words >= 3 and not candidate.is_prose()
            if not (teaser or listed or headline) or _over_metadata(lines, labels, j):
                break
            bare_list = bare_list or (previous_claimed and j > i + 1 and not teaser)
            labels[j], previous_claimed = rules.RELATED, not (teaser or candidate.bullet)


def _over_metadata(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """An unbulleted headline right above a byline or date line heads the article, not a link."""
    return not lines[i].bullet and _above_metadata(labels, i)


def _above_metadata(labels: list[str | None], i: int) -> bool:
    """Line `i` stands right above a byline or a date line, where a page prints its headline."""
    return i + 1 < len(labels) and labels[i + 1] in (rules.BYLINE, rules.DATES)


def _label_kicker_teasers(lines: list[Line], labels: list[str | None]) -> None:
    """Teasers led by an upper-case kicker over a headline ("RANDY ANDY" / "Andrew parties in ..."),
    two or more a few lines apart: a box of other stories, wherever on the page it sits. The lines
    between one teaser and the next (source, one-sentence teaser) go with it."""
    heads = [i for i in range(len(lines) - 1) if _kicker_head(lines, labels, i)]
    runs: list[list[int]] = []
    for i in heads:
        if runs and i - runs[-1][-1] <= _KICKER_BLOCK_LINES:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in (r for r in runs if len(r) >= _MIN_KICKER_TEASERS):
        for k in range(run[0], run[-1] + 2):
            labels[k] = labels[k] or rules.RELATED


def _kicker_head(lines: list[Line], labels: list[str | None], i: int) -> bool:
    kicker, head = lines[i], lines[i + 1]
    if labels[i] is not None or labels[i + 1] is not None or kicker.bullet or kicker.terminal:
        return False
    shouted = kicker.words <= _KICKER_MAX_WORDS and kicker.text.isupper()
    return shouted and head.headline_like and head.words >= 4 and not (head.terminal or head.text.isupper())


def _article_span(lines: list[Line], labels: list[str | None]) -> tuple[int, int] | None:
    """First and last line of the article block, or None when the page has no prose at all."""
    prose = [i for i, line in enumerate(lines) if labels[i] is None and line.is_prose()]
    if not prose:
        sentences = [i for i, line in enumerate(lines) if labels[i] is None and line.terminal]
        return (sentences[0], sentences[-1]) if sentences else None
    clusters, walls = [[prose[0]]], [False]  # walls[k]: a trailer header precedes cluster k
    for prev, cur in zip(prose, prose[1:]):
        breaks = _breaks(lines, labels, prev, cur)
        if breaks >= _BREAKS_BETWEEN_CLUSTERS:
            clusters.append([])
            walls.append(breaks == _TRAILER_WALL)
        clusters[-1].append(cur)
    weights = [sum(lines[i].chars for i in c) for c in clusters]
    main = weights.index(max(weights))
    last = main  # a trailer header above the richest cluster was a box inside the article
    while last + 1 < len(clusters) and not walls[last + 1]:
        last += 1
    threshold = weights[main] * _RICH_CLUSTER_SHARE
    rich = [c for c, w in zip(clusters[: last + 1], weights[: last + 1]) if w >= threshold]
    # Text right under the byline is the article's start, however short (a brief above a long "About us").
    bylined = next((c[0] for c in clusters[: main + 1] if _under_byline(lines, labels, c[0])), rich[0][0])
    start = min(bylined, rich[0][0])
    while start > 0 and labels[start - 1] is None and _opening_sentence(lines[start - 1], lines[start]):
        start -= 1
    return start, rich[-1][-1]


def _opening_sentence(line: Line, below: Line) -> bool:
    """A full sentence right above the article's prose opens it, even one too poor in function
    words to count as prose ("ST. JOSEPH, Mich. (AP) — Michigan health authorities ..."), and so
    does a short sentence in the list of key points the article opens with."""
    if line.bullet:
        return below.bullet and line.terminal and line.words >= _KEY_POINT_MIN_WORDS
    return line.terminal and line.words >= _OPENING_MIN_WORDS


def _under_byline(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """Line `i` follows a byline, with only header lines (dates, share buttons, a name) in between."""
    j = i - 1
    while j >= 0 and (labels[j] in rules.HEADER_RULES or (labels[j] is None and rules.header_kind(lines[j]))):
        if labels[j] == rules.BYLINE:
            return True
        j -= 1
    return False




def _breaks(lines: list[Line], labels: list[str | None], after: int, before: int) -> int:
    """Navigation-like lines between two prose lines.

    Not counted: claimed lines, sentences, items of a colon-introduced list,
    lowercase continuations, and subheadings (unbulleted lines of several words).
    A trailer header ("You may also like") separates clusters on its own, as a wall.
    """
    count, in_list = 0, False
    for j in range(after + 1, before):
        line = lines[j]
        if labels[j] is not None and rules.is_trailer_header(line):
            return _TRAILER_WALL
        if labels[j] is not None or line.terminal:
            in_list = False
        elif line.text.endswith(":"):
            in_list = True
        elif not (in_list and line.list_item):
            in_list = False
            if line.bullet or line.words <= _NAV_MAX_WORDS:
                count += not line.text[:1].islower()
    return count


def _label_header(
    lines: list[Line], labels: list[str | None], start: int, page_dump: bool, known_title: str | None
) -> int:
    """Label the headline, standfirst and metadata lines; return where the body starts."""
    title = _find_title(lines, labels, start) if page_dump else _repeated_title(lines, start, known_title)
    if title is not None:
        labels[title] = TITLE
    i = (title + 1) if title is not None else start
    has_summary = False
    while i < len(lines):
        line = lines[i]
        if labels[i] is not None:
            if labels[i] not in rules.HEADER_RULES:
                break
        elif (kind := rules.header_kind(line)) is not None:
            labels[i] = kind
        elif title is not None and not has_summary and (_standfirst(lines, labels, i, title) or _deck(lines[i], i, start)):
            labels[i], has_summary = SUMMARY, True
        elif i >= start:
            break
        i += 1
    if title is not None and title > 0:  # a section or agency line right above the headline
        labels[title - 1] = labels[title - 1] or rules.header_kind(lines[title - 1])
    if page_dump:
        for j in range(i):
            labels[j] = labels[j] or trailer.chrome(lines[j])
    return i


def _find_title(lines: list[Line], labels: list[str | None], start: int) -> int | None:
    """The headline: the last headline-shaped line above the article, or a short line above a byline/date.

    A standfirst or photo caption may sit between headline and byline, so a sentence
    candidate yields to a headline-shaped line up to two lines above it.
    """
    for i in range(min(start, len(lines) - 1), -1, -1):
        if not _title_shaped(lines, labels, i):
            continue
        above_meta = _above_metadata(labels, i)
        line = lines[i]
        if line.headline_like and line.words >= 3 and not line.is_prose():
            above = i - 1  # a headline above a deck, maybe with a comment count or share row between
            while above > 0 and labels[above] == rules.FOOTER:
                above -= 1
            return above if _is_headline(lines, labels, above) else i
        if above_meta and line.words <= 25 and line.opens_capital:  # "di Marco Bellini" is a byline
            if not line.terminal:
                return i
            # A sentence (standfirst, caption) above the byline yields to a headline just above it.
            return next((k for k in range(i - 1, i - 3, -1) if _is_headline(lines, labels, k)), i)
    return None


def _repeated_title(lines: list[Line], start: int, known_title: str | None) -> int | None:
    """The known headline repeated as a line above the article text."""
    wanted = (known_title or "").casefold()
    return next((i for i in range(min(start + 1, len(lines))) if lines[i].text.casefold() == wanted), None)


def _is_headline(lines: list[Line], labels: list[str | None], i: int) -> bool:
    return i >= 0 and _title_shaped(lines, labels, i) and lines[i].headline_like and lines[i].words >= 3


def _title_shaped(lines: list[Line], labels: list[str | None], i: int) -> bool:
    line = lines[i]
    if labels[i] is not None or line.words > _MAX_TITLE_WORDS or _CLOCK.search(line.text):
        return False
    if line.bullet and not _breadcrumb_headline(lines, labels, i):
        return False
    return rules.header_kind(line) is None  # a lone name or section word is a byline or section


def _breadcrumb_headline(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A bulleted headline right above the byline or date: the breadcrumb trail's last item,
    the article itself ("- NASA adds five companies to ..." / "by Jeff Foust — November 18, 2019")."""
    return _above_metadata(labels, i) and lines[i].headline_like and lines[i].words >= _BREADCRUMB_TITLE_MIN_WORDS


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
    return label in rules.HEADER_RULES or (label is None and rules.header_kind(lines[i + 1]) is not None)
