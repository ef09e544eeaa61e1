"""Publishing a prepared folder: one atomic step, crash-safe, one run at a time.

The app reads ``<uit>/<regio>/`` while the preparation replaces it. The new version is
written whole into a hidden staging folder beside it (``.<regio>.tmp-…``, flushed to disk)
and then exchanged with the current folder in one step (Linux ``renameat2`` with
``RENAME_EXCHANGE``): at every moment ``<regio>/`` is the old version or the new one,
whole. After the exchange the old version sits under the staging name and is removed.

A run killed at any moment leaves at most a hidden staging folder; the next run removes
it under the lock before it starts. Where the exchange is not available (another
operating system or file system) the folder is swapped with two renames: the old one is
moved aside (``.<regio>.old-…``) first, and a run killed between the two renames leaves
the region missing; the next run then puts the old version back before anything else.

Runs are serialised with a lock file in the output folder: a second run waits, and says
so, until the first is done.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".voorbereiding.lock"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: Leftovers of an interrupted run: ``.<name>.tmp-<hex>`` (staged, or the old version
#: after an exchange) and ``.<name>.old-<hex>`` (the old version, moved aside).
_LEFTOVER = re.compile(r"^\.(?P<name>[a-z0-9-]+)\.(?P<kind>tmp|old)-[0-9a-z_]+$")


@contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold the output folder's lock; wait, and say so, while another run holds it."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_FILE, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "onbekend"
            print(
                f"Een andere voorbereiding schrijft nu naar {out} (proces {holder}); "
                "deze wacht tot die klaar is.",
                file=sys.stderr,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)  # no process holds it any more
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def staging_folder(out: Path, name: str) -> Path:
    """A new, empty hidden folder beside ``<out>/<name>`` to write the next version into."""
    staged = out / f".{name}.tmp-{secrets.token_hex(4)}"
    staged.mkdir(mode=0o755)
    staged.chmod(0o755)  # the app may run as another user; mkdir's mode obeys the umask
    return staged


def write_file(path: Path, data: bytes) -> None:
    """Write a new file and flush it to disk (a crash must not leave a half file behind
    a completed exchange)."""
    try:
        with open(path, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        if error.filename is None:  # a failed write names no file; the message must
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step; False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def check_target(target: Path) -> None:
    """Refuse a target that is not a folder (a file with the region's name), before anything
    is written: the exchange would swap the folder with it."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OSError(errno.EEXIST, "not a folder", str(target))


def publish(staged: Path, target: Path) -> None:
    """Make ``staged`` the current ``target`` in one step and remove the old version."""
    _sync_folder(staged)
    if not target.exists():
        staged.rename(target)
    elif _exchange(staged, target):
        shutil.rmtree(staged)  # the old version, now under the staging name
    else:
        aside = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
        target.rename(aside)
        try:
            staged.rename(target)
        except BaseException:
            aside.rename(target)
            raise
        shutil.rmtree(aside)
    _sync_folder(target.parent)


def recover(out: Path) -> None:
    """Repair what an interrupted run left in ``out``, and say so on standard error.

    A region that is missing while its old version sits aside gets it back; every other
    leftover (a staging folder, an old version next to the current one) is removed.
    Call it holding the :func:`lock`: a staging folder may be another run's otherwise.
    """
    for path in sorted(out.iterdir()) if out.is_dir() else []:
        match = _LEFTOVER.match(path.name)
        if match is None:
            continue
        target = out / match["name"]
        if match["kind"] == "old" and path.is_dir() and not target.exists():
            path.rename(target)
            done = "de vorige versie teruggezet (een eerdere run werd afgebroken)"
            print(f"{target}: {done}", file=sys.stderr)
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        print(f"{path}: restant van een afgebroken run opgeruimd", file=sys.stderr)
