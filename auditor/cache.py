"""The user's cache directory, and TOML data files parsed once per change.

Every run reads the same rules/*.toml (the check catalogue, the lexicon, the links); parsing them
with tomllib costs several milliseconds a run, a marshal copy of the parsed data a tenth of that.
A copy is used only when the file's bytes hash to the digest stored with it, so an edited rules
file (or configuration) is never served stale; any failure to read or write the cache only means
the file is parsed again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path

from .digest import blake2b

# The marshal format is fixed per Python version; a cache written by another one is not read.
_FORMAT = f"toml-{marshal.version}-py{sys.version_info[0]}{sys.version_info[1]}"


def cache_dir(name: str) -> Path | None:
    """A subdirectory of $AUDIT_BUDGET_CACHE, else of the platform's user cache directory
    ($XDG_CACHE_HOME or ~/.cache; %LOCALAPPDATA% on Windows) under audit-budget/. Never inside
    the installed package. None when it cannot be made or written, or AUDIT_BUDGET_CACHE is set
    to the empty string (the cache turned off)."""
    explicit = os.environ.get("AUDIT_BUDGET_CACHE")
    if explicit is not None:
        if not explicit:
            return None
        path = Path(explicit)
    else:
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        path = Path(base) / "audit-budget"
    path = path / name
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def load_toml(path: str | Path) -> dict:
    """`tomllib.load` of the file, from the cache when its bytes are unchanged. Raises what
    tomllib would: OSError, UnicodeDecodeError, tomllib.TOMLDecodeError."""
    raw = Path(path).read_bytes()
    digest = blake2b(raw, digest_size=16).digest()
    where = cache_dir(_FORMAT)
    # One entry per data file (named by its absolute path): an edited file replaces its entry.
    entry = None
    if where is not None:
        name = blake2b(os.path.abspath(path).encode(), digest_size=12).hexdigest()
        entry = where / f"{name}.marshal"
        try:
            stored, data = marshal.loads(entry.read_bytes())
            if stored == digest and isinstance(data, dict):
                return data
        except Exception:  # absent, unreadable, truncated or foreign: parse instead
            pass
    import tomllib

    data = tomllib.loads(raw.decode("utf-8"))
    if entry is not None:
        _store(entry, digest, data)
    return data


def _store(entry: Path, digest: bytes, data: dict) -> None:
    try:
        blob = marshal.dumps((digest, data))
    except ValueError:  # a TOML date or time: marshal has no type for it; parse every time
        return
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(blob)
        os.replace(tmp, entry)  # atomic: a concurrent run reads the old entry or the new one
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
