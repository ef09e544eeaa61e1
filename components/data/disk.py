"""Files a command writes: whole or not at all, and why not, in Dutch (pure).

The preparation, the deck and the handout write files a user asked for. A full disk, a
folder that does not exist or one without write permission must give a sentence the
user can act on, not a traceback, and never leave half a file where a whole one was.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

_REASONS = {
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dat is een map, geen bestand",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EFBIG: "het bestand is te groot voor de schijf",
    errno.ENAMETOOLONG: "de naam is te lang",
}


def reason(error: OSError) -> str:
    """Why a file could not be written, in Dutch.

    >>> reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'de map bestaat niet'
    """
    return _REASONS.get(error.errno, error.strerror or type(error).__name__)


def cannot_write(error: OSError) -> str:
    """The message for files that could not be written: which one, and why."""
    return f"Kan {error.filename} niet schrijven: {reason(error)}. Er is niets geschreven."


def write_whole(files: list[tuple[Path, bytes]]) -> None:
    """Write each ``(path, data)`` whole, and all of them or none; raises ``OSError``
    naming the path that failed.

    The bytes go to hidden files beside the paths and are flushed to disk first; only when
    every one is written are they renamed in place, each in one step, so a reader sees the
    old file or the new one, never a part, and a failure leaves every path as it was.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            temporary = path.with_name(f".{path.name}.tmp-{secrets.token_hex(4)}")
            try:
                with open(temporary, "xb") as handle:
                    staged.append((temporary, path))
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as error:
                raise OSError(error.errno, error.strerror, str(path)) from error
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
