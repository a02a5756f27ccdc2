"""Below the article: what still continues it, and what is a list of other stories or chrome.

A page dump goes on after the article with more of its own text (closing sentences,
lists, tables, subheaded sections) and then with link lists, teasers and footers.
These passes decide where the article really ends; `classify` calls them once the
article block is known. Labels given here: `comments`, `related`, `nav`, `aside`.
"""

from __future__ import annotations

import re

from ingest.clean import rules
from ingest.clean.lines import Line, capital_like, signed_sentence
from ingest.clean.span import comment_thread_end, lead_in

NAV, ASIDE, COMMENTS = "nav", "aside", "comments"
TEASER_MAX_WORDS = 25
_TEASER_HEAD_MIN_WORDS = 4
_MIN_TEASER_PAIRS = 2
_SUBHEADING_MAX_WORDS = 8
_SENTENCE_MIN_WORDS = 8
_MIN_SIMILAR_RUN = 3
_BOX_MAX_LINES = 20  # product name, a dozen feature bullets, full name, price
_MIN_SHOP_BOXES = 2
_INFO_BOX_MIN_LINES = 4
_INFO_BOX_NUMBERED_SHARE = 1 / 3  # dates, times, prices, phone numbers
_RUNNING_TEXT_DENSITY = 0.3
_LINK_STARTS = "A9#@"
_SKELETON_CHARS = 2
_LETTERS_AND_SPACE = re.compile(r"[^\W\d_]+|\s+")
_COMMAS = (",", "\u3001", "\uff0c")  # Latin, ideographic and full-width commas
_DIGITS = re.compile(r"\d+")  # shape classes that open menu links, headlines, counters, tags and handles


def before_teasers(lines: list[Line], labels: list[str | None], first: int, last: int) -> int:
    """The article's last line once a run of teaser pairs that closes the span is cut off
    (their one-sentence teasers read as prose, so the span takes them in)."""
    for k in range(first + 1, last + 1):
        pairs = _teaser_pairs(lines, labels, k) if labels[k] is None else 0
        if pairs >= _MIN_TEASER_PAIRS and k + 2 * pairs > last:
            return k - 1
    return last


def before_author_box(lines: list[Line], labels: list[str | None], first: int, last: int) -> int:
    """The article's last line once an author box in the span's closing part is cut off, with what
    follows it: a name line and a sentence about that person ("Emiliano Rossi" / "Emiliano joined
    the studio in 2017 ..."), or a one-line bio ("Meg James is a corporate media reporter for ...")
    with the claimed lines and the name line above it. Closing part: less text below the box than
    above it, since a bio that opens a guest column sits above its article."""
    for k in range(first + 1, last + 1):
        box = _author_box(lines, labels, k) if k < last else False
        if not (box or _one_line_bio(lines, labels, k)) or _text(lines, labels, k, last) >= _text(lines, labels, first, k):
            continue
        if box:
            return k - 1
        name = set(rules.bio_subject(lines[k]))
        while k > first + 1 and (
            labels[k - 1] is not None or (rules.header_kind(lines[k - 1]) and name & set(lines[k - 1].text.split()))
        ):
            k -= 1
        return k - 1
    return last


def _text(lines: list[Line], labels: list[str | None], start: int, end: int) -> int:
    """Characters of unclaimed lines from `start` up to `end` (excluded)."""
    return sum(lines[k].chars for k in range(start, end) if labels[k] is None)


def _one_line_bio(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """An unclaimed line opening with a name and presenting that person as a writer."""
    return labels[i] is None and not lines[i].bullet and bool(rules.bio_subject(lines[i]))


def _author_box(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A name line at `i` over a sentence presenting that person as a writer."""
    if i + 1 >= len(lines) or labels[i] is not None or labels[i + 1] is not None:
        return False
    name, about = lines[i], lines[i + 1]
    named = rules.header_kind(name) == rules.BYLINE and about.text.split()[0] in name.text.split()
    return named and about.terminal and rules.is_author_bio(about)


def label_trailer(lines: list[Line], labels: list[str | None], end: int, page_dump: bool, comments: int) -> None:
    """Below the article: keep what continues it (up to the comment section, when that starts
    below the article), then the comment thread, related-story runs and chrome."""
    if not page_dump:  # extractor output: its list-shaped endings are mostly article content
        return
    j = _continuation_end(lines, labels, end)
    if end < comments < len(lines):
        j = min(j, comments)
        for k in range(comments, comment_thread_end(lines, labels, comments) + 1):
            labels[k] = labels[k] or COMMENTS
    tail = [k for k in range(j, len(lines)) if labels[k] is None]
    shaped = [k for k in tail if lines[k].headline_like and lines[k].words >= 3]
    if len(shaped) >= 2:
        for k in shaped:
            labels[k] = rules.RELATED
    for k in tail:
        labels[k] = labels[k] or chrome(lines[k])


def _continuation_end(lines: list[Line], labels: list[str | None], end: int) -> int:
    """First line after `end` that no longer continues the body.

    Sentences continue it, and so do the items of a colon-introduced list, a short subheading
    directly followed by a full sentence, a run of similar lines that cannot be links
    (`_similar_run`), product boxes (`_shop_boxes`), an info box (`_info_box`), a sentence broken
    after its commas (`_broken_sentence`) and embedded tweets; a trailer header ends it, and so
    do an author box (`_author_box`) and a run of headline-and-teaser pairs (`_teaser_pairs`).
    """
    j, in_list = end + 1, lines[end].text.endswith(":") if end >= 0 else False
    while j < len(lines):
        line = lines[j]
        if labels[j] is not None and rules.is_trailer_header(line):
            break
        if labels[j] is None:
            if _author_box(lines, labels, j) or _one_line_bio(lines, labels, j):
                break
            if _embedded_tweet(lines, labels, j):
                j += 1
                continue
            if (run := _shop_boxes(lines, labels, j)) > 0:
                j += run
                continue
            if (run := _similar_run(lines, labels, j)) >= _MIN_SIMILAR_RUN:
                j += run
                continue
            if (run := _info_box(lines, labels, j)) > 0:
                j += run
                continue
            if (run := _broken_sentence(lines, labels, j)) > 0:
                j += run
                continue
            if line.text.endswith(":"):
                in_list = True
            # A closing paragraph signed by its agency reads as a sentence here; above the article
            # the same shape is a caption's credit ("... Nogales, Ariz. (AP)"), so `terminal` leaves it out.
            elif (line.terminal or signed_sentence(line.text)) and not line.bullet:
                in_list = False
            elif not (in_list and _list_line(lines, labels, j)) and not _continues_as_section(lines, labels, j):
                break
        j += 1
    return j


def _list_line(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A list item, or the rest of one that a line break split, between two items: "- Das
    Mietrechtsgesetz sollte für alle Wohnungen spätestens 20 Jahre nach ihrer" / "Errichtung gelten"
    / "- ...". The item broken off is as long as a sentence: a menu's short links end whole."""
    if lines[i].list_item:
        return True
    if i + 1 >= len(lines) or labels[i - 1] is not None or labels[i + 1] is not None:
        return False
    above = lines[i - 1]
    broken = above.words >= _SENTENCE_MIN_WORDS and not above.terminal and not above.text.endswith((":", ";", ","))
    return above.bullet and lines[i + 1].bullet and broken


def _shop_boxes(lines: list[Line], labels: list[str | None], i: int) -> int:
    """How many lines from `i` on a run of product boxes fills, or 0: a deals article's own list,
    each box (name, feature bullets, price) closed by shop buttons ("Buy Now"), most showing a
    price. Related links and menus are closed by no buttons and show no prices."""
    k, boxes, priced = i, 0, 0
    while k < len(lines) and labels[k] is None:
        end = k
        while end < len(lines) and labels[end] is None and end - k < _BOX_MAX_LINES:
            end += 1
        if end >= len(lines) or labels[end] != rules.PROMO:
            break
        boxes += 1
        priced += any(rules.promos.PRICE.match(lines[m].text) for m in range(k, end))
        while end < len(lines) and labels[end] == rules.PROMO:
            end += 1
        k = end
    return k - i if boxes >= _MIN_SHOP_BOXES and 2 * priced > boxes else 0


def _info_box(lines: list[Line], labels: list[str | None], i: int) -> int:
    """How many lines from `i` on an info box fills, or 0: the practical details closing an
    announcement ("2018.04.05 ~ OPEN RUN" / "Tue – Sat 4PM" / "Tickets" / "VIP : 60,000₩" /
    "02-751-1500") right above the share row or comments, not above a copyright line. Short unbulleted
    lines, many holding numbers, at most one of them a headline; link lists are bulleted or headline
    after headline."""
    if i == 0 or labels[i - 1] is not None:  # right under the article's last line, not under a widget
        return 0
    k = i
    while k < len(lines) and labels[k] is None and not lines[k].bullet and k - i < _BOX_MAX_LINES:
        k += 1
    if k - i < _INFO_BOX_MIN_LINES or k >= len(lines) or labels[k] != rules.FOOTER or rules.is_copyright(lines[k]):
        return 0  # the site's address and phone numbers stand above its copyright line
    box = lines[i:k]
    if any(line.words >= _SENTENCE_MIN_WORDS and line.stopword_density >= _RUNNING_TEXT_DENSITY for line in box):
        return 0  # running text ("The comments posted here express ...") is no label or value
    numbered = [any(ch.isdigit() for ch in line.text) for line in box]
    headlines = sum(line.headline_like and line.words >= 3 and not n for line, n in zip(box, numbered))
    return len(box) if headlines < 2 and sum(numbered) >= _INFO_BOX_NUMBERED_SHARE * len(box) else 0


def _broken_sentence(lines: list[Line], labels: list[str | None], i: int) -> int:
    """How many lines from `i` on a sentence runs over when the page breaks it after commas
    ("また、その他にも、" / "... 販売する行為や、" / "... 場合があります。"), or 0 when no full stop ends it."""
    n = 0
    while i + n < len(lines) and labels[i + n] is None and not lines[i + n].bullet:
        if not lines[i + n].text.endswith(_COMMAS):
            return n + 1 if n and lines[i + n].terminal else 0
        n += 1
    return 0


def _embedded_tweet(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A tweet's attribution line, or the tweet's text right above one: quoted in the article
    like any other source."""
    below = i + 1 < len(lines) and labels[i + 1] is None and rules.is_tweet_credit(lines[i + 1])
    return below or rules.is_tweet_credit(lines[i])


def _continues_as_section(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A subheading that opens a section of the article, or a line the article's sentences
    enclose ("Link to the website - https://..."), but not the first of a run of teasers."""
    opens = _subheading(lines, labels, i) or (_sentence(lines, labels, i - 1) and _sentence(lines, labels, i + 1))
    return opens and not lines[i].bullet and _teaser_pairs(lines, labels, i) < _MIN_TEASER_PAIRS


def _sentence(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """An unclaimed, unbulleted sentence at `i` (False past either end of the page)."""
    return 0 <= i < len(lines) and labels[i] is None and lines[i].terminal and not lines[i].bullet


def _teaser_pairs(lines: list[Line], labels: list[str | None], i: int) -> int:
    """How many headline + one-sentence teaser pairs follow one another from `i`, with no longer
    paragraph after them: an unheaded list of other stories, where an article's own subheaded
    sections would go on with paragraphs of their own."""
    pairs, k = 0, i
    while k + 1 < len(lines) and labels[k] is None and labels[k + 1] is None:
        head, teaser = lines[k], lines[k + 1]
        if not (head.headline_like and head.words >= _TEASER_HEAD_MIN_WORDS and not (head.list_item or head.terminal)):
            break
        if not teaser_sentence(teaser):
            break
        pairs, k = pairs + 1, k + 2
    after = lines[k] if k < len(lines) and labels[k] is None else None
    return 0 if after is not None and after.terminal and after.words > TEASER_MAX_WORDS else pairs


def teaser_sentence(line: Line) -> bool:
    """One unbulleted sentence short enough to tease a story under its headline."""
    return line.terminal and not line.bullet and line.words <= TEASER_MAX_WORDS


def _subheading(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A short line over a full sentence, a sentence leading into a list ("Damit Wohnen leistbar
    bleibt, schlagen wir vor:") or the rows of a table ("Tour Dates")."""
    line = lines[i]
    if line.bullet or line.words > _SUBHEADING_MAX_WORDS or i + 1 >= len(lines) or labels[i + 1] is not None:
        return False
    following = lines[i + 1]
    sentence = (following.terminal and following.words >= _SENTENCE_MIN_WORDS) or lead_in(following)
    return (sentence and not following.bullet) or _table_run(lines, labels, i + 1) >= _MIN_SIMILAR_RUN


def _similar_run(lines: list[Line], labels: list[str | None], i: int) -> int:
    """How many unclaimed lines from `i` on share one shape, when that shape cannot open a link.

    Menus, related headlines, counters, tags and handles start with a capital, a
    digit, `#` or `@`; a run of lines that all start otherwise ("(Graphic: ...)",
    "%12 votes", lowercase fragments) is a table or list the article printed.
    """
    key = _shape(lines[i])
    if key[1] in _LINK_STARTS:
        return _table_run(lines, labels, i)
    n = 0
    while i + n < len(lines) and labels[i + n] is None and _shape(lines[i + n]) == key:
        n += 1
    return n


def _table_run(lines: list[Line], labels: list[str | None], i: int) -> int:
    """How many unclaimed lines from `i` on open with one skeleton of digits and punctuation
    holding a number ("June 9 – Tampa, FL @ Arena", "VIP : 60,000₩"): the rows of a table or
    schedule, which headline and menu lists do not share."""
    key = _skeleton(lines[i])
    if "9" not in key or len(key) < _SKELETON_CHARS:
        return 0
    n = 0
    while i + n < len(lines) and labels[i + n] is None and _skeleton(lines[i + n]) == key:
        n += 1
    return n


def _skeleton(line: Line) -> str:
    """The first digits and punctuation of a line, a digit run as 9 ("June 14 – Alpharetta, GA" -> "9–,")."""
    return _DIGITS.sub("9", _LETTERS_AND_SPACE.sub("", line.text))[:_SKELETON_CHARS]


def _shape(line: Line) -> tuple[bool, str, str]:
    """Bullet, and the classes of the first and last character (A capital-like, a lower, 9 digit, else itself)."""

    def cls(ch: str) -> str:
        return "A" if capital_like(ch) else "a" if ch.isalpha() else "9" if ch.isdigit() else ch

    return line.bullet, cls(line.text[:1]), cls(line.text[-1:])


def chrome(line: Line) -> str:
    """Label of an unclaimed line outside the article: prose asides, otherwise navigation."""
    return ASIDE if line.terminal and line.words >= 8 else NAV
