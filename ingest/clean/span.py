"""Where the article block lies in a page: prose lines grouped into clusters that navigation-like
lines interrupt; the richest cluster above the comment section, and any other nearly as rich,
span the article, which starts with the text under a byline or a news dateline (pass 3 of `classify`)."""

from __future__ import annotations

import re

from ingest.clean import rules
from ingest.clean.lines import Line

_BREAKS_BETWEEN_CLUSTERS = 4
_NAV_MAX_WORDS = 4
_RICH_CLUSTER_SHARE = 0.5
_TRAILER_WALL = 1_000  # breaks reported for a trailer header: no cluster beyond it joins the article
OPENING_MIN_WORDS = 8
_KEY_POINT_MIN_WORDS = 4
_MIN_CONTENTS_ENTRIES = 3
_CONTENTS_FOUND_SHARE = 2 / 3
_MIN_REPLY_CONTROLS = 2  # one alone may be a page's own word ("Antworten": answers)
_COMMENT_HEADER_LINES = 2
_THREAD_GAP = 2  # a commenter's name and a "Report" button stand between one comment and the next one's date
_NUMBERING = re.compile(r"^[\d.#)]+\s*")  # "3.1#1 Steckturm", "1. Senda Litoral"


def article_span(lines: list[Line], labels: list[str | None], comments: int) -> tuple[int, int] | None:
    """First and last line of the article block, or None when the page has no prose at all;
    `comments` is where the comment section starts (`comments_start`)."""
    prose = [i for i, line in enumerate(lines) if labels[i] is None and line.is_prose()]
    if not prose:
        sentences = [i for i, line in enumerate(lines) if labels[i] is None and line.terminal]
        return (sentences[0], sentences[-1]) if sentences else None
    clusters, walls = [[prose[0]]], [False]  # walls[k]: a trailer header precedes cluster k
    listed = _contents_entries(lines, labels) | _colon_list_items(lines, labels)
    for prev, cur in zip(prose, prose[1:]):
        breaks = _breaks(lines, labels, prev, cur, listed)
        if breaks >= _BREAKS_BETWEEN_CLUSTERS:
            clusters.append([])
            walls.append(breaks == _TRAILER_WALL)
        clusters[-1].append(cur)
    # The article stands above its comment section, however long the comments run, even when
    # nothing but a comment's name and date part the thread from the article's last lines.
    weights = [sum(lines[i].chars for i in c if i < comments) for c in clusters]
    if not any(weights):  # no prose above it: a page of comments alone
        comments, weights = len(lines), [sum(lines[i].chars for i in c) for c in clusters]
    main = max(range(len(clusters)), key=weights.__getitem__)
    last = main  # a trailer header above the richest cluster was a box inside the article
    while last + 1 < len(clusters) and not walls[last + 1]:
        last += 1
    threshold = weights[main] * _RICH_CLUSTER_SHARE
    rich = [c for c, w in zip(clusters[: last + 1], weights[: last + 1]) if w >= threshold]
    # Text right under the byline is the article's start, however short (a brief above a long "About us"),
    # and wherever it stands in its cluster (a standfirst above the byline may open the cluster).
    bylined = next((i for c in clusters[: main + 1] for i in c if _under_byline(lines, labels, i)), rich[0][0])
    # So is a dateline, even above a photo gallery that splits the article (the last one: teasers above may have theirs).
    datelined = [d for c in clusters[: main + 1] if (d := _dateline_at(lines, labels, c[0])) is not None]
    start = min(bylined, rich[0][0], *datelined[-1:])
    while start > 0 and labels[start - 1] is None and _opening_sentence(lines[start - 1], lines[start]):
        start -= 1
    return start, max(i for i in rich[-1] if i < comments)


def comments_start(lines: list[Line], labels: list[str | None]) -> int:
    """Where the comment section starts, `len(lines)` when the page has none: at the comment form
    or the thread's header, at the first comment's author line over its date ("- Jasmin sagt:" /
    "10. Februar 2019 um 18:05 Uhr"), or at the first comment of a thread of at least two reply
    buttons that no header names ("- jdoe42" / "14 Jan 2020, 13:47" / comment / "- Reply").
    A form's name above all prose is the link to it that a post's meta line prints ("Leave a comment")."""
    prose = next((i for i, line in enumerate(lines) if labels[i] is None and line.is_prose()), len(lines))
    form = next((i for i, line in enumerate(lines) if (rules.is_comment_form(line) and i > prose)
                 or (rules.is_comment_author(line) and i + 1 < len(lines) and labels[i + 1] == rules.DATES)), len(lines))
    replies = [i for i, line in enumerate(lines) if rules.is_reply_control(line)]
    if len(replies) < _MIN_REPLY_CONTROLS or replies[0] > form:
        return form
    return _first_comment(lines, labels, replies[0])


def comment_thread_end(lines: list[Line], labels: list[str | None], start: int) -> int:
    """The last line of the comment section that starts at `start`: the text of its last comment, or
    its last date, author line or reply button. Names and buttons (up to `_THREAD_GAP` lines in a
    row) may stand before a comment's date or author line, not before its text; and under a
    comment form or a thread's header, text counts only once a comment's date, author line or
    reply button has shown that comments follow (a sidebar under an empty comment form is none).
    A line another rule claims (a footer, the comment form under the thread) ends it."""
    end, shown = start, not rules.is_comment_form(lines[start])
    for k in range(start + 1, len(lines)):
        marker = labels[k] == rules.DATES or (labels[k] is None and _comment_marker(lines[k]))
        shown = shown or marker
        if (marker and k - end <= _THREAD_GAP + 1) or (shown and k == end + 1 and _comment_text(lines, labels, k)):
            end = k
        elif labels[k] is not None or k - end > _THREAD_GAP:
            break
    return end


def _comment_marker(line: Line) -> bool:
    """A reply button or a comment's author line ("- Jasmin sagt:")."""
    return rules.is_reply_control(line) or rules.is_comment_author(line)


def _first_comment(lines: list[Line], labels: list[str | None], reply: int) -> int:
    """The first line of the comment over a thread's first reply button: its header (name and date)
    when the thread's comments are dated (the next one is: one template prints them all).
    Otherwise the button itself, as the text above it may run on from the article."""
    below = reply + 1
    while below < len(lines) and labels[below] != rules.DATES and not _comment_text(lines, labels, below):
        below += 1
    dated = below < len(lines) and labels[below] == rules.DATES
    top = reply
    while top > 0 and _comment_text(lines, labels, top - 1):
        top -= 1
    first = top  # the header: "- jdoe42" / "14 Jan 2020, 13:47", either way round
    while first > max(0, top - _COMMENT_HEADER_LINES) and _comment_header(lines[first - 1], labels[first - 1]):
        first -= 1
    return first if dated and top < reply and rules.DATES in labels[first:top] else reply


def _comment_header(line: Line, label: str | None) -> bool:
    """A comment's date, or a name: a few words, no sentence."""
    return label == rules.DATES or (label is None and not line.terminal and line.words <= _NAV_MAX_WORDS)


def _comment_text(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """An unclaimed line that reads as text, not as a name, a button or a date."""
    line = lines[i]
    return labels[i] is None and not line.bullet and (line.terminal or line.words > _NAV_MAX_WORDS)


def lead_in(line: Line) -> bool:
    """A sentence that introduces what follows ("Here's what the early reviews say:")."""
    return line.text.endswith(":") and line.words >= OPENING_MIN_WORDS


def _dateline_at(lines: list[Line], labels: list[str | None], i: int) -> int | None:
    """The line opening with a news dateline ("LOS ANGELES (AP) — ...") at `i` or right above it
    (a short first sentence does not count as prose), or None."""
    for j in (i - 1, i):
        if j >= 0 and labels[j] is None and rules.bylines.DATELINE.match(lines[j].text):
            return j
    return None


def _opening_sentence(line: Line, below: Line) -> bool:
    """A full sentence right above the article's prose opens it, even one too poor in function
    words to count as prose ("ST. JOSEPH, Mich. (AP) — Michigan health authorities ..."), and so
    does a short sentence in the list of key points the article opens with."""
    if line.bullet:
        return below.bullet and line.terminal and line.words >= _KEY_POINT_MIN_WORDS
    return line.terminal and line.words >= OPENING_MIN_WORDS


def _under_byline(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """Line `i` follows a byline, with only header lines (dates, share buttons, a name) in between."""
    j = i - 1
    while j >= 0 and (labels[j] in rules.HEADER_RULES or (labels[j] is None and rules.header_kind(lines[j]))):
        if labels[j] == rules.BYLINE:
            return True
        j -= 1
    return False


def _contents_entries(lines: list[Line], labels: list[str | None]) -> frozenset[int]:
    """The entries of the article's table of contents: a run of list items, nearly all of which
    come back further down, without bullet or numbering, as the subheadings over its paragraphs.
    A menu's links come back, if at all, as the links of a footer menu."""
    headings = {_NUMBERING.sub("", line.text): i for i, line in enumerate(lines[:-1]) if _heads_text(line, lines[i + 1])}
    entries: set[int] = set()
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and labels[end] is None and lines[end].list_item:
            end += 1
        found = sum(headings.get(_NUMBERING.sub("", lines[k].text), -1) > k for k in range(i, end))
        if found >= _MIN_CONTENTS_ENTRIES and found >= _CONTENTS_FOUND_SHARE * (end - i):
            entries.update(range(i, end))
        i = max(end, i + 1)
    return frozenset(entries)


def _heads_text(line: Line, below: Line) -> bool:
    """An unbulleted line over a paragraph, as a section's subheading stands."""
    return not line.bullet and not below.bullet and below.terminal and below.words >= OPENING_MIN_WORDS


def _colon_list_items(lines: list[Line], labels: list[str | None]) -> frozenset[int]:
    """The items of each list that a line ending in a colon introduces, down to the first line that
    is no item. A sentence introduces the article's own list, whose items may be sentences or not
    in turn ("... auf den Weg gebracht:" / "- Wirtschaftliche Soforthilfen für Kleinbetriebe." /
    "- Erleichterter Zugang zur Grundsicherung,"); a label ("Teilen/diskutieren:") may head a
    widget's links, which end at the first sentence (a teaser)."""
    items: set[int] = set()
    open_list = by_sentence = False
    for i, line in enumerate(lines):
        if labels[i] is None and open_list and line.list_item:
            items.add(i)
            open_list = by_sentence or not line.terminal
        else:
            open_list = labels[i] is None and line.text.endswith(":")
            by_sentence = open_list and lead_in(line)
    return frozenset(items)


def _breaks(lines: list[Line], labels: list[str | None], after: int, before: int, listed: frozenset[int]) -> int:
    """Navigation-like lines between two prose lines.

    Not counted: claimed lines, sentences, lines ending in a colon, the `listed` items (of a
    colon-introduced list, or entries of the table of contents), lowercase continuations, and
    subheadings (unbulleted lines of several words).
    A trailer header ("You may also like") separates clusters on its own, as a wall.
    """
    count = 0
    for j in range(after + 1, before):
        line = lines[j]
        if labels[j] is not None and rules.is_trailer_header(line):
            return _TRAILER_WALL
        if labels[j] is not None or line.terminal or line.text.endswith(":") or j in listed:
            continue
        if line.bullet or line.words <= _NAV_MAX_WORDS:
            count += not line.text[:1].islower()
    return count
