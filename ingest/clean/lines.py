"""Lines of a page and the measurable evidence about each (jusText-style features).

A scraper writes one page element per line and list items as `- ` bullets. The
classifier in `rawtext.py` decides on these features plus named patterns, so they
are computed once here: words, characters, stopword density (from jusText's
maintained stoplists), terminal punctuation, bullet, headline shape.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import justext

BULLET = re.compile(r"^\s*[-*\u2022\u2013\u2014\u25aa\u25cf\u00b7]\s+")
_WORD = re.compile(r"\w+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")  # Markdown headings (`.md` input) are plain lines here
_MD_EMPHASIS = re.compile(r"^([*_]{1,3})(?=[^*_]*[^\W_])(\S(?:.*\S)?)\1$")
_NUMBERED = re.compile(r"^(?:\d{1,3}|[a-z])[.)]\s")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")  # kana and Han characters
_MAYBE_WIDE = re.compile(r"[^\x00-\u10ff]")  # no assigned wide character lies below Hangul Jamo
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
# A sentence ends in . ! ? (or their CJK full-width forms) or an ellipsis, possibly followed
# by closing quotes or brackets and by emoji ("See you soon! 🙂"); German quotes close with “ or ‘
# („Ja.“), and German and Swiss guillemets with « or ‹ (»Ja.«).
# A chat-style sentence may end in emoji alone ("Try something new this weekend 😉").
_EMOJI = r"[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]"
_STOP, _CLOSER = r"[.!?\u2026\u3002\uff01\uff1f]", r"[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a)\]\u300d\u300f]"
_TERMINAL = re.compile(rf"(?:{_STOP}{_CLOSER}*(?:\s*{_EMOJI})*|\w(?:\s*{_EMOJI})+)$")
# What `_TERMINAL` matches after its first character: searched for only from one character before
# the run of these that ends the line, as a search from its start would try every letter.
_SENTENCE_END = re.compile(rf"{_STOP}|{_CLOSER}|\s|{_EMOJI}")
_CREDIT_MAX_CHARS = 40  # "(FR mit dpa)", "(AP)": a credit; a longer bracket is a remark of its own
_INITIALS = re.compile(r"\s[a-z]{2,3}(?:/[a-z]{2,3})*$")  # an editor's or agency's, lower case: "aw", "dpa/jg"

# ISO 639-1 code (what py3langid returns) -> jusText stoplist name, for the languages
# whose boilerplate we handle or meet often; others get no stopword evidence.
_STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian_Bokmal", "fi": "Finnish", "cs": "Czech", "ro": "Romanian",
    "hu": "Hungarian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "ca": "Catalan",
    "id": "Indonesian", "vi": "Vietnamese", "el": "Greek",
}


@lru_cache(maxsize=8)
def stopwords(language: str | None) -> frozenset[str]:
    """jusText's stoplist for an ISO code (bounded cache: the files are read once each)."""
    name = _STOPLIST_NAMES.get(language or "")
    if name is None:
        return frozenset()
    return frozenset(justext.get_stoplist(name))


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the page with the features the rules decide on."""

    raw: str
    text: str  # without bullet or Markdown heading/emphasis marks
    bullet: bool
    words: int
    stopword_density: float
    chars: int  # length in Latin-letter equivalents: a wide (CJK, Hangul) character counts twice
    terminal: bool  # ends like a sentence (see `_terminal`): asked of most lines many times over

    @property
    def headline_like(self) -> bool:
        """Shaped like a headline: a few words, capitalised, no closing full stop or colon."""
        return 2 <= self.words <= 30 and not self.text.endswith((".", ":", ";", ",", "\u2026")) and self.opens_capital

    @property
    def opens_capital(self) -> bool:
        """Starts as headlines and sentences do: a capital (or caseless letter), a digit or a quote."""
        first = self.text[:1]
        return capital_like(first) or first.isdigit() or first in "\"'\u201c\u2018\u00ab\u201e"

    @property
    def list_item(self) -> bool:
        """A bulleted or numbered item, or a bare link under one, as lists are written."""
        return self.bullet or bool(_NUMBERED.match(self.text) or _URL_ONLY.match(self.text))

    def is_prose(self, min_chars: int = 60, min_density: float = 0.2) -> bool:
        """A sentence long enough and function-word rich enough to be article text.

        Unknown languages (no stoplist) are judged on length and punctuation only.
        """
        dense = self.stopword_density >= min_density or self.stopword_density < 0
        return self.terminal and self.chars >= min_chars and dense


def _terminal(text: str) -> bool:
    """Ends like a sentence (. ! ? … with optional closing quotes)."""
    start = len(text)
    while start and _SENTENCE_END.match(text, start - 1):
        start -= 1
    return bool(_TERMINAL.search(text, max(0, start - 1)))


def signed_sentence(text: str) -> bool:
    """A sentence followed by a short bracketed credit, as agencies sign a closing paragraph
    ("... hieß es. (FR mit dpa)", "... officials said. (AP)"), or by the initials that sign it
    ("... (Terrazas de los Andes/Cheval Blanc). aw")."""
    opening = text.rfind("(") if text.endswith(")") else -1
    if 0 < opening and len(text) - opening <= _CREDIT_MAX_CHARS and text[opening - 1].isspace():
        return _terminal(text[:opening].rstrip())
    initials = _INITIALS.search(text)
    return initials is not None and _terminal(text[: initials.start()])


def capital_like(ch: str) -> bool:
    """A capital, or a letter of a caseless script (Hangul, kana, CJK, Arabic): either may open
    a headline or a menu link, where a lowercase letter would continue a sentence."""
    return ch.isupper() or (ch.isalpha() and not ch.islower())


def _chars(text: str) -> int:
    """Length counting wide characters twice: a Hangul syllable or a CJK character carries about
    as much text as two Latin letters, so length thresholds hold across scripts."""
    if text.isascii():  # most lines: a flag of the string, where the search below reads every character
        return len(text)
    return len(text) + sum(unicodedata.east_asian_width(ch) in "WF" for ch in _MAYBE_WIDE.findall(text))


def _words(tokens: list[str], text: str) -> int:
    """Word count; Chinese and Japanese write no spaces, so a run of Han or kana characters
    counts as one word per two characters (about their average word length)."""
    if text.isascii() or not _UNSPACED.search(text):
        return len(tokens)
    return sum(max(1, len(_UNSPACED.findall(t)) // 2) for t in tokens)


def split_lines(text: str) -> list[str]:
    """Non-empty lines with inner whitespace collapsed."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def make_line(raw: str, stop: frozenset[str]) -> Line:
    bullet = BULLET.match(raw)
    text = raw[bullet.end():].strip() if bullet else _MD_HEADING.sub("", raw)
    if emphasis := _MD_EMPHASIS.match(text):  # the whole line: match, not sub, which parses its template per call
        text = emphasis[2]
    tokens = _WORD.findall(text.lower())
    density = (sum(map(stop.__contains__, tokens)) / len(tokens) if tokens else 0.0) if stop else -1.0
    words, chars = _words(tokens, text), _chars(text)
    return Line(raw=raw, text=text, bullet=bool(bullet), words=words, stopword_density=density, chars=chars,
                terminal=_terminal(text))
