"""One writer at a time: an advisory lock on the package, and the cleanup of what a killed writer left.

Commands that write the package (``fmt``, ``new --append``, ``set``, ``source add``,
``build``, ``site``) hold ``.dipevents.lock`` in the package root (``fcntl.flock``) for their
whole run, so concurrent runs wait for each other instead of losing rows. A run that waits
longer than the timeout refuses with a message. The lock file is removed on release (safely:
a waiter checks that the file it locked is still the one on disk), so a finished run leaves
no trace; a run killed with ``kill -9`` leaves the file, which the next run reuses.

Under the lock, the next writer also removes what a killed writer left behind (see
``clean_leftovers``): temporary files of atomic writes, and archived texts that were never
renamed into place (an archived text whose sources row was written is put in place instead).
"""

from __future__ import annotations

import csv
import errno
import fcntl
import glob
import hashlib
import io
import os
import time
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".dipevents.lock"
TIMEOUT_ENV = "DIPEVENTS_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 120.0  # seconds; a build of the live package takes well under that
POLL = 0.05
TEMP_SUFFIX = ".tmp"  # atomic writes use .NAME.RANDOM.tmp beside NAME (see fmt.write_atomic)


class LockError(Exception):
    """The package cannot be locked (busy past the timeout, or the lock file is unusable)."""


def _timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LockError(f"{path} is a symlink; delete it (dipevents creates its own lock file)") from None
        raise LockError(f"cannot create the lock file {path}: {exc.strerror}") from None


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


@contextmanager
def package_lock(root: Path, timeout: float | None = None):
    """Hold the package's lock; wait up to TIMEOUT seconds for another writer, then refuse."""
    root = Path(root)
    if not root.is_dir():
        raise LockError(f"{root} is not a folder")
    path = root / LOCK_FILE
    limit = _timeout() if timeout is None else timeout
    deadline = time.monotonic() + limit
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise LockError(f"another dipevents command is writing {root} (it holds {path}); "
                                f"waited {limit:.0f} s. Try again when it has finished.") from None
            time.sleep(POLL)
            continue
        if _same_file(fd, path):  # not removed by the writer that held it before us
            break
        os.close(fd)
    try:
        clean_leftovers(root)
        yield path
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)


def _descriptor_tables(root: Path) -> list[tuple[Path, str]]:
    """(file, path as written) of each resource the descriptor names, checked by safe_path."""
    from .loader import read_json
    from .package import DESCRIPTOR
    from .paths import safe_path

    descriptor, errors = read_json(root, DESCRIPTOR)
    if errors or not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return []
    out = []
    for res in descriptor["resources"]:
        if isinstance(res, dict) and isinstance(res.get("path"), str):
            path, reason = safe_path(root, res["path"])
            if not reason:
                out.append((path, res.get("name")))
    return out


def _temp_files(folder: Path, name: str) -> list[Path]:
    """Temporary files of atomic writes to FOLDER/NAME (regular files only, never a link)."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [p for p in folder.glob(f".{glob.escape(name)}.*{TEMP_SUFFIX}") if p.is_file() and not p.is_symlink()]


def _archived_digests(root: Path, tables: list[tuple[Path, str]]) -> dict[str, str]:
    """text_path -> text_sha256 of every row of the sources table (empty when unreadable)."""
    sources = next((path for path, name in tables if name == "sources"), None)
    if sources is None or not sources.is_file():
        return {}
    try:
        rows = csv.DictReader(io.StringIO(sources.read_text(encoding="utf-8"), newline=""))
        return {row.get("text_path") or "": row.get("text_sha256") or "" for row in rows}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}


def clean_leftovers(root: Path) -> list[Path]:
    """Remove temporary files a killed writer left; put in place an archived text whose row was written.

    Returns the files removed or completed. Runs only under the lock, so no live write is touched."""
    from .paths import safe_path

    root = Path(root).resolve()
    done: list[Path] = []
    tables = _descriptor_tables(root)
    for path, _ in tables:
        for tmp in _temp_files(path.parent, path.name):
            tmp.unlink()
            done.append(tmp)
    sources, reason = safe_path(root, "sources")
    if reason or not sources.is_dir():
        return done
    digests = _archived_digests(root, tables)
    for tmp in sorted(sources.glob(f".*{TEMP_SUFFIX}")):
        if not tmp.is_file() or tmp.is_symlink():
            continue
        final = tmp.name[1:].rsplit(".", 2)[0]  # .NAME.RANDOM.tmp -> NAME
        target = sources / final
        want = digests.get(f"sources/{final}")
        if want and not target.exists() and hashlib.sha256(tmp.read_bytes()).hexdigest() == want:
            os.rename(tmp, target)  # the row was written, the rename was not: finish it
        else:
            tmp.unlink()
        done.append(tmp)
    return done
