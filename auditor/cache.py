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
from typing import TYPE_CHECKING

from .digest import blake2b

if TYPE_CHECKING:
    from pathlib import Path

# The marshal format is fixed per Python version; a cache written by another one is not read.
_FORMAT = f"toml-{marshal.version}-py{sys.version_info[0]}{sys.version_info[1]}"


def cache_dir(name: str) -> str | None:
    """A subdirectory of $AUDIT_BUDGET_CACHE, else of the platform's user cache directory
    ($XDG_CACHE_HOME or ~/.cache; %LOCALAPPDATA% on Windows) under audit-budget/. Never inside
    the installed package. None when it cannot be made or written, or AUDIT_BUDGET_CACHE is set
    to the empty string (the cache turned off). A string, not a Path: the text path imports no
    pathlib."""
    explicit = os.environ.get("AUDIT_BUDGET_CACHE")
    if explicit is not None:
        if not explicit:
            return None
        path = os.path.join(explicit, name)
    else:
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        path = os.path.join(base, "audit-budget", name)
    if path in _usable:
        return path
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(path, os.W_OK | os.X_OK):
        return None
    _usable.add(path)
    return path


# Directories made (or found) usable in this process: a run reads some twenty data files, and
# makedirs on an existing directory raises and catches FileExistsError each time. A directory
# removed later only makes the next write fail, which every writer here already tolerates.
_usable: set[str] = set()


def load_toml(path: str | Path) -> dict:
    """`tomllib.load` of the file, from the cache when its bytes are unchanged. Raises what
    tomllib would: OSError, UnicodeDecodeError, tomllib.TOMLDecodeError."""
    with open(path, "rb") as f:
        raw = f.read()
    digest = blake2b(raw, digest_size=16).digest()
    where = cache_dir(_FORMAT)
    # One entry per data file (named by its absolute path): an edited file replaces its entry.
    entry = None
    if where is not None:
        name = blake2b(os.path.abspath(path).encode(), digest_size=12).hexdigest()
        entry = os.path.join(where, f"{name}.marshal")
        try:
            with open(entry, "rb") as f:
                stored, data = marshal.loads(f.read())
            if stored == digest and isinstance(data, dict):
                return data
        except Exception:  # absent, unreadable, truncated or foreign: parse instead
            pass
    import tomllib

    data = tomllib.loads(raw.decode("utf-8"))
    if entry is not None:
        _store(entry, digest, data)
    return data


def load_tomls(paths: list[str]) -> list[dict]:
    """`load_toml` of each file, from one cache entry for them all while none of their bytes
    changed: the check catalogue is fifteen files read together on every run, and an entry a
    file (a hash of its path, an open, a read) cost more than reading them. Raises what tomllib
    would, for the first file it cannot read or parse."""
    raws = []
    h = blake2b(digest_size=16)
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        raws.append(raw)
        h.update(len(raw).to_bytes(8, "little"))  # an edit that moves bytes between files too
        h.update(raw)
    digest = h.digest()
    where = cache_dir(_FORMAT)
    entry = None
    if where is not None:
        names = "\0".join(os.path.abspath(p) for p in paths)
        entry = os.path.join(
            where, f"{blake2b(names.encode(), digest_size=12).hexdigest()}.marshal"
        )
        try:
            with open(entry, "rb") as f:
                stored, data = marshal.loads(f.read())
            if stored == digest and isinstance(data, list) and len(data) == len(paths):
                return data
        except Exception:  # absent, unreadable, truncated or foreign: parse instead
            pass
    import tomllib

    data = [tomllib.loads(raw.decode("utf-8")) for raw in raws]
    if entry is not None:
        _store(entry, digest, data)
    return data


def _store(entry: str, digest: bytes, data: dict | list) -> None:
    try:
        blob = marshal.dumps((digest, data))
    except ValueError:  # a TOML date or time: marshal has no type for it; parse every time
        return
    tmp = f"{entry}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(blob)
        os.replace(tmp, entry)  # atomic: a concurrent run reads the old entry or the new one
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
