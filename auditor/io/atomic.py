"""Write outputs safely: a temporary file beside the target, then a rename — but only when the
target is a regular file or absent. A rename over /dev/null, a FIFO or a socket would replace the
device node with a plain file (run as root in a container, that breaks the machine), so those are
written through; a symbolic link is followed (its target is what gets replaced), never replaced.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

# Names that mean "this process's standard output": written there, never opened and replaced.
STDOUT_NAMES = {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}


def is_stdout(path: str | None) -> bool:
    return path is not None and path in STDOUT_NAMES


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _mode_for(target: Path) -> int:
    """An existing output keeps its mode; a new one gets 0666 minus the umask, like open()."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _resolve(path: str) -> Path:
    """The file a write to PATH really lands in: symbolic links followed (a loop is refused)."""
    from pathlib import Path

    try:
        return Path(os.path.realpath(path, strict=False))
    except (OSError, RuntimeError, ValueError) as e:
        raise UsageError(f"{path}: cannot write (cannot resolve the path: {e})") from None


# tempfile.mkstemp's flags: created here and only here (never through a link), not inherited
_TMP_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)  # fmt: skip


def _mkstemp(directory: Path, prefix: str) -> tuple[int, str]:
    """tempfile.mkstemp(prefix=prefix, dir=directory), without importing tempfile (and shutil,
    bz2, lzma and random with it: a tenth of the instructions of a json audit written with -o):
    a new file of mode 0600 under an unguessable name, opened exclusively."""
    for _ in range(100):
        name = os.path.join(directory, f"{prefix}{os.urandom(6).hex()}")
        try:
            return os.open(name, _TMP_FLAGS, 0o600), name
        except FileExistsError:
            continue  # taken: another name
    raise FileExistsError(f"no usable temporary name in {directory}")


def _encoded(data: str | bytes | Iterable[str]) -> Iterable[bytes]:
    """The bytes to write, piece by piece: a writer's parts are encoded one at a time, so a
    large output is never held whole as bytes."""
    if isinstance(data, bytes):
        return (data,)
    if isinstance(data, str):
        return (data.encode("utf-8"),)
    return (part.encode("utf-8") for part in data)


def _write_through(path: str, data: Iterable[bytes]) -> None:
    """A device, FIFO or socket: open it and write, as the shell's `>` would; never rename."""
    try:
        with open(path, "wb", buffering=0) as f:
            for raw in data:
                view = memoryview(raw)
                while view:
                    n = f.write(view)
                    view = view[n:] if n else view[:0]
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror})") from None


def write_atomic(path: str, data: str | bytes | Iterable[str], inputs: list[str] = ()) -> None:
    """data: the whole text or bytes, or a writer's text in parts (written as they come)."""
    for src in inputs:
        if src != "-" and same_file(src, path):
            raise UsageError(f"{path}: refusing to overwrite an input file")
    raw = _encoded(data)
    try:
        st = os.stat(path)  # follows links: what a write would land in
    except FileNotFoundError:
        st = None
    except OSError as e:  # a link loop, a parent that is a file, no permission
        raise UsageError(f"{path}: cannot write ({e.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{path}: cannot write (is a directory)")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(path, raw)
        return
    from pathlib import Path  # here: a run writing only to stdout imports no pathlib

    # a link's target is replaced; the link itself stays (a dangling one creates its target)
    target = _resolve(path) if os.path.islink(path) else Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _mkstemp(target.parent, f".{target.name}.")
    except OSError as e:  # a parent that is a file, no permission: one line, not a traceback
        why = "a parent is not a directory" if isinstance(e, FileExistsError) else e.strerror
        raise UsageError(f"{path}: cannot write ({why})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            for part in raw:
                f.write(part)
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
