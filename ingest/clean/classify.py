"""The line classifier: every line becomes title, summary, body or a named boilerplate kind.

Evidence is combined in passes, each one small and named:
1. context-free patterns (`rules.match`) and date lines (`dates.date_lines`);
2. photo credits and the caption line they close (or caption labels and the line
   they open); headed link blocks ("Related:") and boxes of kicker-led teasers;
3. the article block (`span.py`): prose lines (long, terminal, stopword-rich, as in jusText)
   grouped into clusters that short navigation-like lines interrupt; the richest
   cluster, and any other nearly as rich, span the article, which always starts
   with the text right under a byline and ends before a closing run of
   headline + teaser pairs;
4. the header above it (`header.py`): headline, a standfirst followed by metadata lines, short
   section/byline lines; sentences and led lists between these and the prose open
   the article; in a page dump every other line there is chrome (`nav`,
   or `aside` for prose such as disclaimers);
5. the trailer below it (page dumps; `trailer.py`): sentences, lines they enclose,
   colon-introduced lists, subheaded sections and runs of similar lines that cannot
   be links continue the body; two or more headline-shaped lines there are a
   related-stories list, the rest chrome.
Lines inside the article block that no pattern claims are body, however short, and so
is a promo-like step inside a list of body items.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ingest.clean import rules, trailer
from ingest.clean.dates import DateLine, DateStyle, date_lines
from ingest.clean.header import MAX_TITLE_WORDS, MERIDIEM, above_metadata, headline_shaped, label_header, over_metadata
from ingest.clean.lines import Line
from ingest.clean.span import article_span, comments_start

_CAPTION_MAX_WORDS = 40
# A caption that a credit line closes from below ("Air pollution is surging in Delhi." / "Jane Roe/Getty
# Images") runs a sentence or two; a longer line over a credit is the paragraph above a photo.
_CREDITED_CAPTION_MAX_WORDS = 30
_KICKER_MAX_WORDS = 6
_KICKER_BLOCK_LINES = 4  # kicker, headline, source line, teaser
_MIN_KICKER_TEASERS = 2


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
    _label_read_more_teasers(lines, labels)
    _label_kicker_teasers(lines, labels)
    comments = comments_start(lines, labels)
    span = article_span(lines, labels, comments)
    start = 0
    if span is not None:
        span = (span[0], trailer.before_teasers(lines, labels, *span))
        span = (span[0], trailer.before_author_box(lines, labels, *span))
        start = label_header(lines, labels, span[0], page_dump, known_title)
        trailer.label_trailer(lines, labels, max(span[1], start - 1), page_dump, comments)
        _label_title_repeats(lines, labels)
    _keep_list_steps(lines, labels)
    return Classified(lines, [lab or rules.BODY for lab in labels], dates, start)


def _label_title_repeats(lines: list[Line], labels: list[str | None]) -> None:
    """The headline printed again further down (a link to the page itself, a paywall's repeat of
    the top) is navigation: the article never repeats its own headline as a paragraph."""
    if rules.TITLE not in labels:
        return
    headline = lines[labels.index(rules.TITLE)].text
    for i, line in enumerate(lines):
        if labels[i] is None and line.text == headline:
            labels[i] = trailer.NAV


def _label_dates(lines: list[Line], labels: list[str | None], date_style: DateStyle) -> list[DateLine]:
    found: list[DateLine] = []
    for i, line in enumerate(lines):
        if labels[i] is None and (not line.text.endswith((".", "!", "?", ":")) or MERIDIEM.search(line.text)):
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
        if closes and _caption_text(lines[i - 1], labels[i - 1], _CREDITED_CAPTION_MAX_WORDS):
            labels[i - 1] = rules.CAPTION
        labelled = i + 1 < len(lines) and rules.captions.CAPTION_LABEL.match(lines[i].text)
        if labelled and _caption_text(lines[i + 1], labels[i + 1]):
            labels[i + 1] = rules.CAPTION


def _caption_text(line: Line, label: str | None, max_words: int = _CAPTION_MAX_WORDS) -> bool:
    """Unclaimed, not a list item or a quote, and short enough for a caption."""
    return label is None and not line.bullet and not rules.QUOTED.search(line.text) and line.words <= max_words


def _label_related_blocks(lines: list[Line], labels: list[str | None]) -> None:
    """A related-links header claims the headline-shaped lines under it, with the one-sentence
    teaser written directly under an unbulleted headline, up to the next prose that is not one.
    Once two headlines follow each other the block is a bare list, and a sentence after it
    is the article going on."""
    for i, line in enumerate(lines):
        if labels[i] != rules.RELATED or not rules.is_related_header(line):
            continue
        previous_claimed, bare_list, bulleted = True, False, False
        for j in range(i + 1, len(lines)):
            if labels[j] is not None:
                previous_claimed = False
                continue
            candidate = lines[j]
            short = candidate.words <= trailer.TEASER_MAX_WORDS
            teaser = previous_claimed and not bare_list and candidate.terminal and short and j > i + 1
            listed = candidate.bullet and candidate.words <= MAX_TITLE_WORDS
            headline = candidate.headline_like and candidate.words >= 3 and not candidate.is_prose()
            if not (teaser or listed or headline) or over_metadata(lines, labels, j) or (
                    bulleted and not candidate.bullet and _over_prose(lines, labels, j)):
                break
            bulleted = candidate.bullet
            bare_list = bare_list or (previous_claimed and j > i + 1 and not teaser)
            labels[j], previous_claimed = rules.RELATED, not (teaser or candidate.bullet)


def _over_prose(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """Line `i` stands right above an unclaimed line of prose: after a bulleted list ("TRENDING:" /
    "- Impeachment"), an unbulleted headline there heads the article, not the list."""
    return i + 1 < len(lines) and labels[i + 1] is None and lines[i + 1].is_prose()


def _label_read_more_teasers(lines: list[Line], labels: list[str | None]) -> None:
    """A "Read more" button under a headline, maybe with a one-sentence teaser between, closes a
    teaser of another story, wherever on the page it sits ("Neil Young's Plan to Vote ..." / "Read more")."""
    for i, line in enumerate(lines):
        if labels[i] not in (None, rules.RELATED) or not rules.links.READ_MORE_BUTTON.match(line.text):
            continue
        head = i - 1
        if head > 0 and labels[head] is None and trailer.teaser_sentence(lines[head]):
            head -= 1
        headline = head >= 0 and labels[head] is None and headline_shaped(lines[head]) and not lines[head].bullet
        if headline and not above_metadata(labels, head):
            for k in range(head, i + 1):
                labels[k] = rules.RELATED


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
