"""Bytes to text: gzip, byte-order marks, UTF-16, declared charsets, detection.

Scrapers save pages in whatever encoding the site used, so decoding tries the
strongest evidence first (BOM, then a declared `<meta charset>`, then strict UTF-8, then
UTF-8 with a few stray bytes) and only then guesses with charset-normalizer. Known binary
formats are named by their magic bytes, and UTF-8 misread as Windows-1252 (`cafÃ©`) is
undone. `canonical` then gives NFC with `\\n` line ends, so every later rule sees one form; an
HTML page takes it after parsing, on the text and metadata read from the page, not its markup.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import unicodedata
import zlib

import charset_normalizer

from ingest.errors import CleanError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# C0 controls other than tab, newline, carriage return and form feed: never in text. Lone
# surrogates neither (only a JSON escape such as `\ud800` makes one, and no UTF-8 can hold it).
_CONTROL_CHARS = "".join(map(chr, [*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F]))
_CONTROL = re.compile(f"[{re.escape(_CONTROL_CHARS)}\ud800-\udfff]")
_CONTROL_BYTES = _CONTROL_CHARS.encode("ascii")
GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate stream
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Windows-1252 reads bytes 0xC2-0xF4, the lead bytes of multi-byte UTF-8, as U+00C2-U+00F4.
_UTF8_LEAD_FIRST, _UTF8_LEAD_LAST = "\u00c2", "\u00f4"
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"PK\x05\x06", "a ZIP archive or an Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (GZIP_MAGIC, "gzip data inside gzip"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing to inflate past `max_bytes` (a gzip bomb stops early).

    One complete member and nothing after it, what gzip writes, inflates in one zlib call
    (which checks the CRC and length as GzipFile does) at half GzipFile's time; anything
    else (several members, trailing bytes, a truncated or corrupt stream) goes through
    GzipFile, whose rules and messages it keeps."""
    try:
        single = zlib.decompressobj(_GZIP_WBITS)
        out = single.decompress(data, max_bytes + 1)
        if single.eof and not single.unused_data and len(out) <= max_bytes:
            return out
    except zlib.error:
        pass
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise CleanError(f"corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise CleanError(f"decompressed file is over the limit of {max_bytes} bytes (INGEST_MAX_BYTES)")
    return out


def decode(data: bytes) -> str:
    """Decode file bytes to text without control characters, not yet `canonical`; CleanError
    for binary or undecodable data."""
    text = _repair_mojibake(_decode_raw(data))
    if _has_control(text):  # counted in the head only when there are any: most pages have none
        head = text[:65536]
        if len(_CONTROL.findall(head)) > max(2, len(head) // 200):
            raise CleanError("binary data, not text (control characters in the content)")
        text = _CONTROL.sub("", text)
    return text


def normalise(text: str) -> str:
    """Control characters and lone surrogates dropped (PostgreSQL takes neither), then `canonical`.
    For strings from JSON, whose escapes can make any of them."""
    return canonical(_CONTROL.sub("", text) if _has_control(text) else text)


def _has_control(text: str) -> bool:
    """Whether `_CONTROL` would find anything, at a third of a regex scan's cost: in UTF-8 a
    control character is its own byte and no other character has a byte below 0x80, and a lone
    surrogate fails the encoding."""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded)


def canonical(text: str) -> str:
    """`\\n` line ends and NFC, the one form every rule sees; each step skipped when it has
    nothing to do (most pages)."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _decode_raw(data: bytes) -> str:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise CleanError(f"binary data, not text ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding) or _fail(f"bytes are not valid {encoding} despite its byte-order mark")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:8192]:
        raise CleanError("binary data, not text (NUL bytes)")
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        text = _strict(data, declared.group(1).decode("ascii"))
        if text is not None:
            return text
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    text = _mostly_utf8(data)
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise CleanError("undecodable bytes: no text encoding fits this file")
    return _strict(data, best.encoding) or data.decode(best.encoding, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs on one side of its byte pairs: in every other byte of
    ASCII-heavy content, beside the spaces and punctuation of Cyrillic, Greek or Arabic."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > half * 0.05 and odd > 4 * even:
        return _strict(data, "utf-16-le")
    if even > half * 0.05 and even > 4 * odd:
        return _strict(data, "utf-16-be")
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a cut write, a bad concatenation), each shown as U+FFFD,
    rather than the whole text guessed into another encoding's mojibake."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    return text if valid >= 4 * stray else None


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 (`cafÃ©` -> `café`) when the whole text round-trips strictly.

    The round trip is its own test, cheaper than a regex search for a lead character followed by a
    continuation character: any text that survives it holds such a pair. It runs only when the first
    non-ASCII character reads as a UTF-8 lead byte (`Â` to `ô`): otherwise the encoded text cannot be
    UTF-8, and a page that opens with a `’` or a `—` would be encoded whole only to fail at the end."""
    first = None if text.isascii() else _NON_ASCII.search(text)
    if first is None or not _UTF8_LEAD_FIRST <= first[0] <= _UTF8_LEAD_LAST:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _fail(message: str) -> str:
    raise CleanError(message)
