"""The line classifier: every line becomes title, summary, body or a named boilerplate kind.

Evidence is combined in passes, each one small and named:
1. context-free patterns (`rules.match`) and date lines (`dates.date_line`);
2. the header: leading boilerplate, the headline, a standfirst followed by
   metadata lines, short section/byline lines;
3. headed link blocks ("Related:", "Lesen Sie auch") anywhere;
4. the trailer: after the last prose line (long, terminal, stopword-rich, as in
   jusText), a run of headline-shaped lines is a related-stories list, unless
   the body introduced it with a colon (then it is a list inside the article).
Everything left is body: a short line that no pass claims is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.clean import rules
from ingest.clean.dates import DateLine, date_line
from ingest.clean.lines import Line

TITLE, SUMMARY, BODY = "title", "summary", "body"
_MAX_TITLE_WORDS = 30


@dataclass
class Classified:
    """Lines with their labels, and the parsed value of each date line by index."""

    lines: list[Line]
    labels: list[str]
    dates: dict[int, DateLine] = field(default_factory=dict)

    def of(self, label: str) -> list[Line]:
        return [line for line, lab in zip(self.lines, self.labels) if lab == label]


def classify(lines: list[Line], languages: tuple[str, ...], *, find_title: bool = True) -> Classified:
    """Label every line; `find_title=False` when the title is known from elsewhere (HTML)."""
    labels: list[str | None] = [rules.match(line) for line in lines]
    dates = _label_dates(lines, labels, languages)
    _label_header(lines, labels, find_title)
    _label_related_blocks(lines, labels)
    _label_trailing_links(lines, labels)
    return Classified(lines, [lab or BODY for lab in labels], dates)


def _label_dates(lines: list[Line], labels: list[str | None], languages: tuple[str, ...]) -> dict[int, DateLine]:
    found: dict[int, DateLine] = {}
    for i, line in enumerate(lines):
        if labels[i] is None and not line.text.endswith((".", "!", "?", ":")):
            parsed = date_line(line.text, languages)
            if parsed is not None:
                labels[i] = rules.DATES
                found[i] = parsed
    return found


def _is_meta(line: Line, label: str | None) -> bool:
    return label in rules.HEADER_RULES or (label is None and rules.header_kind(line) is not None)


def _label_header(lines: list[Line], labels: list[str | None], find_title: bool) -> None:
    """Leading boilerplate, the headline, a standfirst and the metadata lines below them."""
    n, i = len(lines), 0
    while i < n and (labels[i] is not None or (lines[i].bullet and rules.header_kind(lines[i]))):
        labels[i] = labels[i] or rules.header_kind(lines[i])
        i += 1
    has_title = find_title and i < n and _is_title(lines, labels, i)
    if has_title:
        labels[i] = TITLE
        i += 1
    has_summary = False
    while i < n:
        line = lines[i]
        if labels[i] is not None:
            if labels[i] not in rules.HEADER_RULES:
                break
        elif (kind := rules.header_kind(line)) is not None:
            labels[i] = kind
        elif has_title and not has_summary and not line.bullet and line.is_prose() and _meta_follows(lines, labels, i):
            labels[i], has_summary = SUMMARY, True
        else:
            break
        i += 1


def _is_title(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """A headline: headline-shaped, or any short first line directly above byline/date lines."""
    line = lines[i]
    if labels[i] is not None or line.bullet or line.words > _MAX_TITLE_WORDS or i + 1 >= len(lines):
        return False
    if line.headline_like and not line.is_prose():
        return True
    return line.words <= 20 and labels[i + 1] in (rules.BYLINE, rules.DATES)


def _meta_follows(lines: list[Line], labels: list[str | None], i: int) -> bool:
    return i + 1 < len(lines) and _is_meta(lines[i + 1], labels[i + 1])


def _label_related_blocks(lines: list[Line], labels: list[str | None]) -> None:
    """A related-links header claims the headline-shaped lines under it, up to the next prose."""
    for i, line in enumerate(lines):
        if labels[i] != rules.RELATED or not rules.is_related_header(line):
            continue
        for j in range(i + 1, len(lines)):
            if labels[j] is not None:
                continue
            if lines[j].is_prose() or not (lines[j].bullet or lines[j].headline_like):
                break
            labels[j] = rules.RELATED


def _label_trailing_links(lines: list[Line], labels: list[str | None]) -> None:
    """Headline-shaped lines after the last prose line, two or more, form a related-stories list."""
    end = _body_end(lines, labels)
    if end is None:
        return
    tail = [j for j in range(end + 1, len(lines)) if labels[j] is None]
    if any(lines[j].text.endswith(":") for j in [end, *tail]):
        return
    shaped = [j for j in tail if lines[j].headline_like and lines[j].words >= 3]
    if len(shaped) >= 2 and len(shaped) * 3 >= len(tail) * 2:
        for j in shaped:
            labels[j] = rules.RELATED


def _body_end(lines: list[Line], labels: list[str | None]) -> int | None:
    """The last line that is surely article text: prose, else any full sentence."""
    free = [i for i in range(len(lines)) if labels[i] is None]
    for test in (Line.is_prose, lambda line: line.terminal):
        found = [i for i in free if test(lines[i])]
        if found:
            return found[-1]
    return None
