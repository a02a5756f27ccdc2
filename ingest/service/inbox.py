"""The inbox's file rules: which files to take, when they are complete, where they go after.

Producers should write under a temporary name (`*.tmp`, `*.part`, or a dot-file) and
rename into place when done; files written in place are taken once their size and
modification time have not changed for INGEST_STABLE_SECONDS.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import stat
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

# Names a producer writes a file under before renaming it into place.
TEMPORARY_SUFFIXES = (".tmp", ".part", ".crdownload")
# Editors', browsers' and operating systems' partial or junk files.
DEFAULT_IGNORED = tuple(f"*{suffix}" for suffix in TEMPORARY_SUFFIXES) + ("~$*", ".DS_Store", "Thumbs.db", "desktop.ini")
_NOT_REGULAR = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
                stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}
NAME_MAX = 255  # bytes in one file name (ext4, XFS, btrfs, APFS)
# What the archive adds to a name: the in-progress `<document id>_`, ` (n)` against collisions, `.error.json`.
_ARCHIVE_ADDS = len("1234567890_") + len(" (999)") + len(".error.json")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def readable(name: str) -> str:
    """A file name as text PostgreSQL, logs and JSON can hold: bytes that are not UTF-8 (a
    Latin-1 name from an old share or a zip) shown as `\\xe9`, where Python keeps lone surrogates,
    and control characters escaped (`\\n`, `\\x1b`), so a name cannot forge a line of the log or
    of `ingest status`, or send a terminal escape sequence."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), text)


def is_ignored(relative: Path, patterns: tuple[str, ...]) -> bool:
    """Hidden files and folders, partial downloads, OS junk, and the user's own patterns, in any
    case: Windows writes `upload.TMP` and `thumbs.db` as readily as `Thumbs.db`."""
    if any(part.startswith(".") for part in relative.parts):
        return True
    name = relative.name.casefold()
    return any(fnmatch.fnmatchcase(name, pattern.casefold()) for pattern in patterns)


def listed(folder: Path) -> tuple[list[Path], list[OSError]]:
    """Every path under `folder` but inside hidden folders, in order, and why any folder could
    not be listed: `rglob` passes over such a folder as if empty, and its files would wait unseen."""
    found: list[Path] = []
    errors: list[OSError] = []
    for parent, subfolders, names in os.walk(folder, onerror=errors.append):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [Path(parent, name) for name in subfolders + names]
    return sorted(found), errors


def is_temporary_name_of(old: str, new: str) -> bool:
    """Whether `old` is a name a producer writes `new` under before renaming it into place:
    `new.part`, `new.tmp`, `new.crdownload` (in any case, as ignored), `.new`, or rsync's `.new.XXXXXX`."""
    folded = old.casefold()
    return (folded in {new.casefold() + suffix for suffix in TEMPORARY_SUFFIXES}
            or old == "." + new or old.startswith(f".{new}."))


def refusal(path: Path, inbox: Path) -> str | None:
    """Why a file must not be read (a link, a path resolving outside the inbox, a pipe or a
    device, which would block or never end), else None."""
    if path.is_symlink():
        return "symbolic link refused: ingest reads only regular files inside the inbox"
    try:
        path.resolve().relative_to(inbox.resolve())
    except ValueError:
        return "path resolves outside the inbox: refused"
    try:
        kind = _NOT_REGULAR.get(stat.S_IFMT(path.lstat().st_mode))
    except OSError:
        return None  # gone: reading it says so
    return f"{kind}, not a regular file: refused" if kind else None


@dataclass(frozen=True)
class Snapshot:
    """What a file looked like when last checked; equal snapshots over time mean it is complete."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Snapshot | None:
        try:
            st = path.stat(follow_symlinks=False)
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Identity:
    """Which file, in which version: one renamed over a name has another inode, one written to
    since has another size or modification time."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Identity:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class Replaced(Exception):
    """The file moved out of the inbox was not the version that was read (a producer renamed a
    new one over it meanwhile); it is back in the inbox, at `back`, to be taken on its own."""

    def __init__(self, back: Path) -> None:
        super().__init__(str(back))
        self.back = back


class Archive:
    """processed/YYYY-MM-DD/, duplicates/ and failed/ under one root, never inside the inbox;
    and in-progress/, where a file waits (named `<document id>_<name>`) from the moment its
    bytes are committed until its document is processed. Renaming it there is how a watcher
    claims it, so two watchers on one inbox never both take a file, and after a restart the
    file's document is known without reading it again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.in_progress = root / "in-progress"

    def claim(self, path: Path, document_id: int, read: Identity) -> Path | None:
        """Move a stored file, the version `read`, to in-progress/; None if another watcher moved it
        first. Raises `Replaced` if a newer version was moved."""
        self.in_progress.mkdir(parents=True, exist_ok=True)
        target = _free_name(self.in_progress / f"{document_id}_{_fitted(path.name)}")
        return _moved(path, target, read)

    def claimed(self) -> list[tuple[Path, int]]:
        """Files left in progress (by a stop or a crash), with their document ids."""
        if not self.in_progress.is_dir():
            return []
        found = []
        for path in sorted(self.in_progress.iterdir()):
            prefix, _, _ = path.name.partition("_")
            if prefix.isdigit() and path.is_file():
                found.append((path, int(prefix)))
        return found

    def release(self, path: Path, inbox: Path) -> Path:
        """Return an in-progress file to the inbox under the name it was dropped as (never over another)."""
        return _put_back(path, inbox / self.original_name(path))

    def original_name(self, path: Path) -> str:
        """The name a file was dropped under, also for one waiting in in-progress/."""
        return _original_name(path, self.in_progress)

    def move(self, path: Path, kind: str, *, read: Identity | None = None,
             now: datetime | None = None) -> Path | None:
        """Move a file to `kind`; None if it is gone (another watcher on this inbox moved it).
        Raises `Replaced` if it is not the version `read`."""
        return _moved(path, self._target(path, kind, now), read)

    def fail(self, path: Path, reason: str, document_id: int | None, *, read: Identity | None = None) -> Path | None:
        """Move a file to failed/ with `<name>.error.json` beside it saying why. The reason is
        written first, so a file is never in failed/ without it (a full disk fails the move instead),
        and whole: whoever watches failed/ never reads half of it."""
        target = self._target(path, "failed")
        error = target.with_name(target.name + ".error.json")
        record = {"file": readable(self.original_name(path)), "reason": reason,
                  "time": datetime.now(timezone.utc).isoformat(), "document_id": document_id}
        try:
            _write_whole(error, json.dumps(record, ensure_ascii=False, indent=2))
            moved = _moved(path, target, read)
        except BaseException:
            error.unlink(missing_ok=True)
            raise
        if moved is None:
            error.unlink()
        return moved

    def _target(self, path: Path, kind: str, now: datetime | None = None) -> Path:
        folder = self.root / kind
        if kind == "processed":
            folder = folder / (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d")
        folder.mkdir(parents=True, exist_ok=True)
        return _free_name(folder / _fitted(self.original_name(path)))


def _write_whole(path: Path, text: str) -> None:
    """Write `text` under a short hidden name in the same folder (a long `path` may already be at the
    file system's name limit), then rename it into place."""
    partial = path.with_name(f".{uuid.uuid4().hex}.part")
    try:
        with partial.open("x", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def probe_moves(inbox: Path, archive_root: Path) -> None:
    """Move a hidden file from the inbox to the archive root, as every dropped file will be moved:
    raises the OSError the first file would meet (EXDEV: the two are on different file systems,
    which a rename cannot cross; EACCES, EROFS: one is not writable), at start rather than later."""
    fd, name = tempfile.mkstemp(prefix=".ingest-probe-", dir=inbox)
    os.close(fd)
    probe = archive_root / Path(name).name
    try:
        os.rename(name, probe)
    except OSError:
        os.unlink(name)
        raise
    os.unlink(probe)


def _moved(path: Path, target: Path, read: Identity | None) -> Path | None:
    """Rename `path` to `target`; None if it is gone. A file read before (`read`) is compared
    once moved, since only then is it ours: a newer version goes back where it was."""
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    if read is not None and Identity.of(os.lstat(target)) != read:
        raise Replaced(_put_back(target, path))
    return target


def _put_back(moved: Path, path: Path) -> Path:
    """Return a file to `path`, or beside it if another has appeared there since: never over one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        back = _free_name(path)
        try:
            os.link(moved, back)
        except FileExistsError:
            continue  # appeared after the check
        os.unlink(moved)
        return back


def _fitted(name: str) -> str:
    """`name`, or for a name near the file system's limit its stem cut (at a character) to leave
    room for what the archive adds; the document keeps the full name."""
    room = NAME_MAX - _ARCHIVE_ADDS
    if len(os.fsencode(name)) <= room:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
    stem = name.removesuffix(suffix)
    while len(os.fsencode(stem + suffix)) > room:
        stem = stem[:-1]
    return stem + suffix


def _original_name(path: Path, in_progress: Path) -> str:
    return path.name.partition("_")[2] if path.parent == in_progress else path.name


def _free_name(target: Path) -> Path:
    """`name.txt`, else `name (1).txt`, `name (2).txt`...: an archived file never overwrites another."""
    candidate, n = target, 0
    while candidate.exists() or candidate.is_symlink() or candidate.with_name(candidate.name + ".error.json").exists():
        n += 1
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
    return candidate
