"""Write outputs atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import UsageError


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _mode_for(target: Path) -> int:
    """An existing output keeps its mode; a new one gets 0666 minus the umask, like open()."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, data: str | bytes, inputs: list[str] = ()) -> None:
    for src in inputs:
        if src != "-" and same_file(src, path):
            raise UsageError(f"{path}: refusing to overwrite an input file")
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as e:  # a parent that is a file, no permission: one line, not a traceback
        why = "a parent is not a directory" if isinstance(e, FileExistsError) else e.strerror
        raise UsageError(f"{path}: cannot write ({why})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, target)
    except BaseException as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise UsageError(f"{path}: cannot write ({e.strerror})") from None
        raise
