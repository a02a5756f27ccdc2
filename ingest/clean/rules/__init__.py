"""Named boilerplate rules in English, German, French, Spanish, Italian, Portuguese and Russian.

Each rule name is what `Article.removed` reports; `match` gives the rule that removes a line
wherever it appears, and the predicates below answer the classifier's questions about a line.
The patterns live by what they recognise: `bylines` (agencies, datelines, bylines, credits),
`datelines` (the page's date labels), `links` (navigation, related and trailer headers),
`captions`, `footers` (sources, rights, widgets, legal text) and `promos`. They are anchored
to whole lines and capped in length so that prose which merely mentions "comments" or
"related" never matches: losing body text is worse than keeping a stray line.
Context (position, neighbours, runs) is decided in `classify.py`, not here.

Rule names: byline, dates, section, tags, related, caption, source, footer, promo, markup;
the classifier adds comments, nav and aside for unclaimed lines outside the article.
"""

from __future__ import annotations

import re

from ingest.clean.lines import Line
from ingest.clean.rules.bylines import (
    ACRONYM,
    AGENCY_DATED,
    AGENCY_LINE,
    AUTHOR_BIO,
    BYLINE_BY,
    BYLINE_HANDLE,
    BYLINE_ROLE,
    CREDITS,
    GLUED_BYLINE,
    OUTLET_WORD,
    ROLE_HANDLE,
    SITE_NAME,
    WRITER_BIO,
)
from ingest.clean.rules.captions import (
    AGENCY_CAPTION,
    CAPTION_CREDIT,
    CAPTION_CUE,
    CAPTION_START,
    CLOSING_CREDIT,
    CLOSING_PHOTO_CREDIT,
    CLOSING_SOURCE,
    CREDIT_ONLY,
    CUED_CAPTION_MAX_WORDS,
    DATED_CAPTION,
    GALLERY_CONTROL,
    GALLERY_COUNTER,
    NAME_SLASH_CREDIT,
    PICTURE_AGENCY,
    PORTRAIT_CAPTION,
    TWEET_CREDIT,
    VIA_CREDIT,
)
from ingest.clean.rules.compile import rx
from ingest.clean.rules.datelines import DATE_LABEL_ALONE, READING_TIME
from ingest.clean.rules.footers import (
    ABOUT_AUTHOR,
    COPYRIGHT,
    FOOTER_LINE,
    LEGAL_LINE,
    LEGAL_MAX_CHARS,
    ORIGINALLY,
    RIGHTS_MAX_CHARS,
    RIGHTS_NOTICE,
    SOURCES_HEAD,
    SOURCE_LINE,
)
from ingest.clean.rules.links import (
    BREADCRUMB,
    COMMENT_AUTHOR,
    COMMENT_FORM,
    COMMENTS_START,
    MORE_FROM,
    MORE_FROM_SITE,
    MORE_ON_HEAD,
    RELATED_HEAD,
    REPLY_CONTROL,
    SECTION_WORD,
    TAGS_LINE,
    TRAILER_HEAD,
)
from ingest.clean.rules.promos import CONSENT, CTA_RX, PITCH, PITCH_MAX_WORDS, PROMO_ANYWHERE, PROMO_START

# What the classifier calls the lines it keeps ...
TITLE, SUMMARY, BODY = "title", "summary", "body"
# ... and the rules that remove the others.
BYLINE, DATES, SECTION, TAGS, RELATED = "byline", "dates", "section", "tags", "related"
CAPTION, SOURCE, FOOTER, PROMO, MARKUP = "caption", "source", "footer", "promo", "markup"
# Rules whose lines may sit between a headline and the article text.
HEADER_RULES = frozenset({BYLINE, DATES, SECTION, TAGS, CAPTION, PROMO, FOOTER})
# An identifier alone on a line ("facebook_url", "dp3_1_en", "arrow_forward_ios"): a template variable,
# an image's file name or an icon font's ligature that the page left unrendered; no text reads so.
IDENTIFIER = re.compile(r"^[^\W_]+(?:_[^\W_]+)+$")
_CREDIT_MAX_WORDS = 8
_CAPTION_MAX_WORDS = 80
_DATED_BYLINE_MAX_WORDS = 20
_PORTRAIT_MAX_WORDS = 15
QUOTED = re.compile(r"[\"“”„«»]")
# The label opening a fact check's claim box ("Claim" / the claim / "Rating" / "False" / "Origin"): what follows
# it down to the text is the checked statement and the verdict, part of the article however short its lines.
FACT_CHECK_CLAIM = rx(r"^(?:the )?(?:claim|claimed by|behauptung|affirmation|afirmación|declaración)\s*:?$")
_LABEL_MAX_WORDS = 4
_TWEET_BOX_MAX_WORDS = 60  # a tweet's 280 characters
_TWEET_BOX_ENDS = ("click to tweet", "tweet this quote")
_BIO_NAME_MAX_WORDS = 4
_SENTENCE_STOPS = (".", "!", "?")


def match(line: Line) -> str | None:
    """The rule that removes this line wherever it appears, or None."""
    text = line.text
    if line.words == 0:
        return FOOTER
    if IDENTIFIER.match(text):
        return MARKUP
    if line.words <= 12 and (BYLINE_BY.match(text) or BYLINE_ROLE.match(text) or AGENCY_LINE.match(text)):
        return BYLINE
    if line.words <= _DATED_BYLINE_MAX_WORDS and (by := BYLINE_BY.match(text)) and len(by["names"].split()) <= 6:
        return BYLINE  # names and a date: "By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."
    if line.words <= 12 and (AGENCY_DATED.match(text) or ROLE_HANDLE.match(text) or BYLINE_HANDLE.match(text)):
        return BYLINE
    if CREDITS.match(text) or (line.words <= 12 and not line.terminal and GLUED_BYLINE.search(text)):
        return BYLINE
    if len(text) <= RIGHTS_MAX_CHARS and RIGHTS_NOTICE.match(text):
        return FOOTER
    if SOURCE_LINE.match(text) or SOURCES_HEAD.match(text) or ORIGINALLY.match(text):
        return SOURCE
    if line.words <= 25 and (CAPTION_CREDIT.search(text) or CAPTION_START.match(text) or _bare_credit(line)):
        return CAPTION
    if GALLERY_COUNTER.match(text) or GALLERY_CONTROL.match(text) or NAME_SLASH_CREDIT.match(text) or PICTURE_AGENCY.match(text):
        return CAPTION
    if line.words <= _PORTRAIT_MAX_WORDS and (portrait := PORTRAIT_CAPTION.match(text)) and " " in portrait["names"]:
        return CAPTION
    if line.words <= _CAPTION_MAX_WORDS and (AGENCY_CAPTION.match(text) or _closing_credit(text) or DATED_CAPTION.search(text)):
        return CAPTION
    if line.words <= CUED_CAPTION_MAX_WORDS and not QUOTED.search(text) and CAPTION_CUE.search(text):
        return CAPTION
    if line.words <= 25 and not line.terminal and VIA_CREDIT.search(text):
        return CAPTION
    legal = len(text) <= LEGAL_MAX_CHARS and LEGAL_LINE.match(text)
    if (line.words <= 25 and FOOTER_LINE.match(text)) or legal or ABOUT_AUTHOR.match(text) or _tweet_box(line):
        return FOOTER
    if (line.words <= 40 and is_promo_line(text) and _promo_shaped(line)) or (
        line.words <= PITCH_MAX_WORDS and PITCH.match(text)
    ):
        return PROMO
    if line.words <= 20 and (RELATED_HEAD.match(text) or MORE_FROM.match(text)):
        return RELATED
    if READING_TIME.match(text) or DATE_LABEL_ALONE.match(text):
        return DATES
    if TAGS_LINE.match(text):
        return TAGS
    if line.words <= 15 and BREADCRUMB.match(text):
        return SECTION
    return None


def is_promo_line(text: str) -> bool:
    """An ad label, a call to action, a cookie, browser or affiliate notice."""
    return bool(PROMO_START.match(text) or PROMO_ANYWHERE.match(text))


def _tweet_box(line: Line) -> bool:
    """A pull quote in a click-to-tweet box ("... the 'space-time continuum.'Click To Tweet"): a share
    button around a sentence the article already prints."""
    return line.words <= _TWEET_BOX_MAX_WORDS and line.text.lower().endswith(_TWEET_BOX_ENDS)


def _closing_credit(text: str) -> bool:
    """A photographer's, a labelled or an agency credit, or a one-word source, closing the line;
    searched only in caption-length lines, since these patterns try every position of the text."""
    return bool(CLOSING_CREDIT.search(text) or CLOSING_PHOTO_CREDIT.search(text) or CLOSING_SOURCE.search(text))


def _promo_shaped(line: Line) -> bool:
    """A newsletter mention is a promo as a label or button ("Pick Six Newsletter"), a call to
    action or a consent box, never in reported prose."""
    if "newsletter" not in line.text.lower() or (not line.terminal and line.words <= _LABEL_MAX_WORDS):
        return True
    asks = CTA_RX.search(line.text) or CONSENT.search(line.text)
    return bool(asks) and (line.words <= 25 or not line.terminal)


def _bare_credit(line: Line) -> bool:
    """A photo credit standing alone in brackets: "(Walt Disney Co.)", "(Reed Saxon / Associated Press)";
    one with a digit is a date or a figure ("(Published Monday, Nov. 18, 2019)")."""
    inner = line.text[1:-1]
    if not (line.text.startswith("(") and line.text.endswith(")")) or line.words > 6 or re.search(r"[?!;:\d]", inner):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() for w in inner.split())


def is_credit_line(line: Line) -> bool:
    """A whole line that only credits a photo ("(Walt Disney Co.)", "Jane Roe/Getty Images"),
    as pages print it under the caption it closes; one that prints its caption before the credit
    ("Pumps at dusk. Photo: Jane Roe") is a whole caption, and closes none above it."""
    if CREDIT_ONLY.match(line.text):
        return True
    short = not line.terminal and line.words <= _CREDIT_MAX_WORDS and "©" not in line.text  # © alone: a footer
    credit = CAPTION_CREDIT.search(line.text) if short else None
    return credit is not None and not line.text[: credit.start()].rstrip().endswith(_SENTENCE_STOPS)


def is_author_bio(line: Line) -> bool:
    """A sentence presenting a writer ("Emiliano joined pv magazine in 2017", "Jane is a staff reporter")."""
    return bool(AUTHOR_BIO.search(line.text))


def bio_subject(line: Line) -> list[str]:
    """The name a one-line author bio opens with ("Meg James is a corporate media reporter for ..."
    -> ["Meg", "James"]), or [] when the line is no such bio."""
    m = WRITER_BIO.search(line.text)
    subject = line.text[: m.start()].split() if m else []
    return subject if len(subject) <= _BIO_NAME_MAX_WORDS and all(w[:1].isupper() for w in subject) else []


def is_copyright(line: Line) -> bool:
    """A copyright or rights notice, as the site's own footer starts ("© 2025 Harbour Hall")."""
    text = line.text
    return bool(COPYRIGHT.match(text)) or (len(text) <= RIGHTS_MAX_CHARS and bool(RIGHTS_NOTICE.match(text)))


def is_tweet_credit(line: Line) -> bool:
    """The attribution closing an embedded tweet ("— Jane Roe (@janeroe) November 18, 2019"),
    as the embed prints below the tweet's text when its script does not run."""
    return bool(TWEET_CREDIT.match(line.text))


def is_trailer_header(line: Line) -> bool:
    """A line that opens the page's trailer ("You may also like", "More from X", "About the author",
    "Leave a comment")."""
    m = TRAILER_HEAD.match(line.text)
    opens = bool(m and not (m.group("rest") or "").strip())
    return opens or any(rx.match(line.text) for rx in (MORE_FROM_SITE, ABOUT_AUTHOR, COMMENTS_START, SOURCES_HEAD))


def is_comment_form(line: Line) -> bool:
    """The comment form's or the comment thread's header ("Leave a reply", "3 responses to “...”"),
    which pages print under the article and never above it."""
    return bool(COMMENT_FORM.match(line.text))


def is_comment_author(line: Line) -> bool:
    """A comment's author line ("- Jasmin sagt:"); a comment's when its date follows, as an
    article's "The minister says:" never is."""
    return bool(COMMENT_AUTHOR.match(line.text))


def is_reply_control(line: Line) -> bool:
    """A comment's reply button ("Reply", "- antworten"): one alone may be a page's own word."""
    return bool(REPLY_CONTROL.match(line.text))


def is_related_header(line: Line) -> bool:
    """A header that introduces a block of links ("Related:", "Lesen Sie auch", "More on X") rather than one link;
    a list item ("- Trending") is a menu's link to such a page, not a header."""
    if line.bullet:
        return False
    m = RELATED_HEAD.match(line.text)
    return bool(m and not (m.group("rest") or "").strip()) or bool(MORE_ON_HEAD.match(line.text))


def outlet_name(name: str) -> bool:
    """A site ("Cleveland.com"), an acronym ("CNN") or a publication's name ("Lakeside Herald", "CBS News")."""
    return bool(SITE_NAME.search(name) or ACRONYM.fullmatch(name) or OUTLET_WORD.search(name))


def header_kind(line: Line) -> str | None:
    """A short line in the page header: section name, agency or author name, or neither."""
    text = line.text
    if line.terminal or line.words > 5 or any(ch.isdigit() for ch in text):
        return None
    if AGENCY_LINE.match(text):
        return BYLINE
    if SECTION_WORD.match(text) or (line.words == 1 and text[:1].isupper()):
        return SECTION
    if 2 <= line.words <= 4 and all(w[:1].isupper() for w in text.split()):
        return BYLINE
    return None
