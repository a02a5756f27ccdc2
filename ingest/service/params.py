"""Reading request parameters strictly: a bad one is a 400 naming it, never a database error.

Unknown and repeated query parameters are refused (a typo like `qq=` would otherwise
silently return everything); an empty value counts as not given. Cursors are
opaque to clients: base64url of a small JSON array, checked on the way back in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta, timezone

from multidict import MultiMapping

from ingest.errors import InputError, NotFound
from ingest.store.pages import ArticleFilter, ArticleKey

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_TEXT = 500  # characters: longer than any real search, short enough to keep queries cheap
MAX_ID = 2**63 - 1  # PostgreSQL bigint
MAX_CURSOR = 200  # characters: ours are about 60; a longer one could only be deeply nested junk

# A '+' left unencoded in a URL arrives as a space: '...T08:00:00 01:00' meant '+01:00'.
_SPACED_OFFSET = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")

ARTICLE_PARAMS = ("q", "outlet", "story", "since", "until", "language", "limit", "cursor")
STORY_PARAMS = ("since", "limit", "cursor")


@dataclass(frozen=True)
class ArticleQuery:
    where: ArticleFilter
    limit: int
    after: ArticleKey | None


@dataclass(frozen=True)
class StoryQuery:
    since: datetime | None
    limit: int
    after: int | None


def checked(query: MultiMapping[str], allowed: Collection[str]) -> dict[str, str]:
    """The given (non-empty) parameters, refusing unknown and repeated ones."""
    values: dict[str, str] = {}
    for name in query:
        if name not in allowed:
            known = f"allowed: {', '.join(allowed)}" if allowed else "this endpoint takes none"
            raise InputError(f"unknown parameter {name!r}; {known}")
        if len(query.getall(name)) > 1:
            raise InputError(f"parameter {name!r} is given more than once")
        if query[name] != "":
            values[name] = query[name]
    return values


def text(values: dict[str, str], name: str) -> str | None:
    value = values.get(name)
    if value is not None and len(value) > MAX_TEXT:
        raise InputError(f"parameter {name!r} is longer than {MAX_TEXT} characters")
    if value is not None and "\x00" in value:  # PostgreSQL text cannot hold NUL
        raise InputError(f"parameter {name!r} must not contain NUL characters")
    return value


def _lowered(value: str | None) -> str | None:
    """Language codes are stored in lower case (`en`): `EN` asks for the same."""
    return value.lower() if value is not None else None


def _whole(value: str, low: int, high: int) -> int | None:
    """`value` as an integer in [low, high], or None (length checked first: int() of a huge string is slow)."""
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(high))):
        return None
    number = int(value)
    return number if low <= number <= high else None


def identifier(values: dict[str, str], name: str) -> int | None:
    value = values.get(name)
    if value is None:
        return None
    number = _whole(value, 1, MAX_ID)
    if number is None:
        raise InputError(f"parameter {name!r} must be a positive integer id, not {value!r}")
    return number


def moment(values: dict[str, str], name: str, *, end_of_day: bool = False) -> datetime | None:
    """An ISO 8601 date or date-time; without an offset it is taken as UTC. With `end_of_day`, a
    date alone stands for the end of that day: `until=2024-12-09` includes the 9th, as one reads it."""
    value = values.get(name)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(_SPACED_OFFSET.sub(r"\1+\2", value))
    except ValueError:
        raise InputError(f"parameter {name!r} must be an ISO 8601 date or date-time (2026-11-22 or "
                         f"2026-11-22T08:00:00+01:00), not {value!r}") from None
    if end_of_day and _is_date(value):
        parsed += timedelta(days=1)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def limit(values: dict[str, str]) -> int:
    value = values.get("limit")
    if value is None:
        return DEFAULT_LIMIT
    number = _whole(value, 1, MAX_LIMIT)
    if number is None:
        raise InputError(f"parameter 'limit' must be an integer from 1 to {MAX_LIMIT}, not {value!r}")
    return number


def _filters_tag(filters: tuple[object, ...]) -> str:
    """A short digest of a list's filters (times in UTC: the same instant written otherwise is the
    same filter). A cursor carries it, so one passed back with other filters is refused rather
    than starting the other list part-way and silently leaving out its newer rows."""
    shown = [f.astimezone(timezone.utc).isoformat() if isinstance(f, datetime) else f for f in filters]
    return hashlib.blake2s(json.dumps(shown).encode(), digest_size=6).hexdigest()


def _encode_cursor(key: list[object], filters: tuple[object, ...]) -> str:
    text = json.dumps([*key, _filters_tag(filters)], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _bad_cursor() -> InputError:
    return InputError("parameter 'cursor' is not a cursor this API returned")


def _decoded(values: dict[str, str], size: int, filters: tuple[object, ...]) -> list[object] | None:
    """The key of `size` values in the cursor, if one is given, returned for these `filters`."""
    value = values.get("cursor")
    if value is None:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))) if len(value) <= MAX_CURSOR else None
    except (ValueError, binascii.Error):
        key = None
    if not isinstance(key, list) or len(key) != size + 1 or not isinstance(key[-1], str):
        raise _bad_cursor()
    if key[-1] != _filters_tag(filters):
        raise InputError("parameter 'cursor' was returned for other filters: pass it back with the ones it came with")
    return key[:-1]


def _key_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ID:
        raise _bad_cursor()
    return value


def article_query(query: MultiMapping[str]) -> ArticleQuery:
    values = checked(query, ARTICLE_PARAMS)
    where = ArticleFilter(
        q=text(values, "q"), outlet=text(values, "outlet"), story=identifier(values, "story"),
        language=_lowered(text(values, "language")), since=moment(values, "since"),
        until=moment(values, "until", end_of_day=True),
    )
    key = _decoded(values, 2, astuple(where))
    after: ArticleKey | None = None
    if key is not None:
        if not isinstance(key[0], str):
            raise _bad_cursor()
        try:
            when = datetime.fromisoformat(key[0])
        except ValueError:
            raise _bad_cursor() from None
        if when.tzinfo is None:
            raise _bad_cursor()
        after = (when, _key_id(key[1]))
    return ArticleQuery(where, limit(values), after)


def article_cursor(key: ArticleKey, where: ArticleFilter) -> str:
    return _encode_cursor([key[0].isoformat(), key[1]], astuple(where))


def story_query(query: MultiMapping[str]) -> StoryQuery:
    values = checked(query, STORY_PARAMS)
    since = moment(values, "since")
    key = _decoded(values, 1, (since,))
    return StoryQuery(since, limit(values), _key_id(key[0]) if key is not None else None)


def story_cursor(key: int, since: datetime | None) -> str:
    return _encode_cursor([key], (since,))


def path_id(raw: str, query: MultiMapping[str], kind: str) -> int:
    """The id in a path like `/articles/{id}`: anything that is not a stored id is not found.

    Such a read takes no parameters: one given (`/stories/1?limit=5`) is refused, not ignored."""
    checked(query, ())
    number = _whole(raw, 1, MAX_ID)
    if number is None:
        raise NotFound(f"no {kind} {raw!r}")
    return number
