"""`python -m auditor` and the `audit-budget` script: the command line, started cheaply."""

from .gcpause import pause_startup

if __name__ == "__main__":
    pause_startup()  # before re and the others below load, not only from run() on

import contextlib
import importlib
import importlib.machinery
import os
import sys
from types import ModuleType

from .lazy_re import compiled_from_cache

# Standard modules imported at the top of others but used by a run only in a case it rarely
# meets: click's inspect (with ast, dis, linecache and tokenize: about 23M of a json audit's
# instructions; click dedents help with it, for --help), urllib.parse's ipaddress (bracketed
# IPv6 hosts; pathlib imports urllib.parse), pathlib's ntpath (Windows paths) and jinja2's
# tempfile (with shutil, bz2 and lzma: about 10M of --html; jinja2 writes a compiled template
# with it, on the first run only).
# For the program's run only, each is a stand-in that imports the module on first use.
DEFERRED = ("inspect", "ipaddress", "ntpath", "tempfile")


class Deferred(ModuleType):
    """Stands in sys.modules for a module not imported yet. An `import` of it finds the stand-in
    (its __spec__ says it is not being initialised, so reading it loads nothing); the first
    attribute read of anything else imports the real module, which replaces the stand-in in
    sys.modules, and every read is passed on to it (so a name bound to the stand-in, as
    click's `inspect` is, sees the real module's current values)."""

    def __getattr__(self, attr: str) -> object:
        spec = self.__dict__.get("__spec__")
        if attr == "__path__" and spec is not None and spec.submodule_search_locations is None:
            # `from m import x` asks whether m is a package first: it is not, nothing to load
            raise AttributeError(attr)
        real = self.__dict__.get("_real")
        if real is None:
            name = self.__name__
            if sys.modules.get(name) is self:
                del sys.modules[name]
            real = self.__dict__["_real"] = importlib.import_module(name)
        return getattr(real, attr)


def defer(name: str, **ready: object) -> None:
    """Put a stand-in for a module in sys.modules; nothing when it is imported already or
    cannot be found. `ready`: attributes the stand-in has without importing the module."""
    if name in sys.modules:
        return
    spec = importlib.machinery.PathFinder.find_spec(name)
    if spec is None:
        return
    stand_in = Deferred(name)
    stand_in.__spec__ = spec
    stand_in.__loader__ = spec.loader
    stand_in.__dict__.update(ready)
    sys.modules[name] = stand_in


class _UUIDUnused:
    """What click.types subscripts its UUID parameter type with (`ParamType[uuid.UUID]`, a type
    hint only) while the uuid stand-in is in place; never instantiated."""


def defer_for_click() -> None:
    """Stand-ins for the modules click imports for what this program does not use: datetime
    and uuid (click.types' parameter types) and threading (click.globals' `local`, for contexts
    pushed from several threads). datetime (the module is the pure-Python implementation run in
    full before it is replaced by _datetime's classes: about 5M instructions) is given its
    `datetime` class, the C one the module would export anyway; threading (about 4.6M: its
    locks, conditions and thread classes) its `local`, _thread's own class, which threading
    exports as it is; uuid (with platform, which it runs `uname` through: about 10M) is given
    a placeholder for `UUID`, taken away again by `click_imported()`, so a later `uuid.UUID`
    loads the real module."""
    try:
        from _datetime import datetime
    except ImportError:  # pragma: no cover - a Python built without the C module
        pass
    else:
        defer("datetime", datetime=datetime)
    try:
        from _thread import _local
    except ImportError:  # pragma: no cover - a Python built without threads
        pass
    else:
        defer("threading", local=_local)
    defer("uuid", UUID=_UUIDUnused)


def click_imported() -> None:
    """click is loaded: the uuid stand-in no longer answers `UUID` itself."""
    stand_in = sys.modules.get("uuid")
    if isinstance(stand_in, Deferred) and stand_in.__dict__.get("UUID") is _UUIDUnused:
        del stand_in.__dict__["UUID"]


def run() -> None:
    pause_startup()  # until the modules the run needs are loaded (cli.main ends it)
    for name in DEFERRED:
        defer(name)
    try:  # jinja2 names its cached templates with hashlib's sha1: CPython's own, without OpenSSL
        from _sha1 import sha1
    except ImportError:  # pragma: no cover - a Python built without it
        pass
    else:
        defer("hashlib", sha1=sha1)  # loading OpenSSL is about 10M instructions of --html
    defer_for_click()
    with compiled_from_cache():  # click's modules and the standard ones it imports
        from .cli import main
    click_imported()

    try:
        main()
    except SystemExit as e:
        leave(e.code)
    leave(0)


def leave(code: object) -> None:
    """End the process as `sys.exit(code)` would, without tearing the interpreter down: freeing
    every module, class and record one by one is about a twelfth of a json audit's instructions,
    and the process's memory goes back to the system whole anyway. What an exit must still do is
    done: the atexit functions run (the regex cache is saved by one), and standard output and
    error are flushed. With other threads still running (none in a normal run) the interpreter
    exits as usual, waiting for them."""
    import atexit

    threading = sys.modules.get("threading")
    # absent, or still the stand-in: nothing has started a thread through it
    started = threading is not None and not isinstance(threading, Deferred)
    if started and threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, status 1
        sys.stderr.write(f"{code}\n")
        status = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe: as the interpreter's own exit reports it
        status = 120
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
