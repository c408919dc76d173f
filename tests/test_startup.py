"""Start-up cost: the plain text path must not import pandas, a PDF library or jinja2.

They take hundreds of milliseconds to import; CI runs the tool on every commit. Each run is a
fresh interpreter (a subprocess), so modules imported by earlier tests cannot hide a regression.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"
HEAVY = [
    "pandas", "numpy", "pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "jinja2", "openpyxl",
    "docx", "playwright", "PIL", "dask", "distributed", "pyarrow",
]  # fmt: skip

HARNESS = r"""
import json, sys
pre, heavy, argv = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
if pre:
    __import__(pre)
from auditor.cli import main
try:
    main(argv)
except SystemExit as e:
    code = e.code
else:
    code = 0
sys.stderr.write("\nMODULES " + json.dumps([m for m in heavy if m in sys.modules]) + "\n")
sys.exit(code or 0)
"""


def _probe(harness: str, marker: str, *args: str) -> tuple[int, object]:
    """Run a probe script in a fresh interpreter: its exit status and the JSON it wrote on
    stderr after `marker`."""
    proc = subprocess.run(
        [sys.executable, "-c", harness, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    err = proc.stderr.decode("utf-8", "replace")
    lines = [ln for ln in err.splitlines() if ln.startswith(marker + " ")]
    assert lines, err
    return proc.returncode, json.loads(lines[-1][len(marker) + 1 :])


def loaded_heavy(*argv: str, pre: str = "", probe: list[str] = HEAVY) -> tuple[int, list[str]]:
    return _probe(HARNESS, "MODULES", pre, json.dumps(probe), *argv)  # type: ignore[return-value]


def _formats() -> list[str]:
    out = ["full", "concise", "json"]
    for fmt in ("sarif", "github", "junit"):
        if importlib.util.find_spec(f"auditor.writers.{fmt}") is not None:
            out.append(fmt)
    return out


@pytest.mark.parametrize("fmt", _formats())
def test_text_audit_imports_no_heavy_module(fmt: str, tmp_path: Path) -> None:
    code, heavy = loaded_heavy(str(SEED), "--format", fmt, "-o", str(tmp_path / "out"))
    assert code == 1, "the seed has findings"
    assert heavy == []


# Standard modules a text audit has no use for: OpenSSL's hashes (auditor.digest hashes small
# inputs without loading it) and signal (only --jobs workers set a handler).
NOT_ON_THE_TEXT_PATH = ["_hashlib", "signal"]


def test_text_audit_imports_neither_openssl_nor_signal(tmp_path: Path) -> None:
    code, loaded = loaded_heavy(str(SEED), "--format", "json", probe=NOT_ON_THE_TEXT_PATH)
    assert code == 1
    assert loaded == []
    code, loaded = loaded_heavy("--list-rules", pre="hashlib", probe=NOT_ON_THE_TEXT_PATH)
    assert loaded == ["_hashlib"]  # the control: the probe sees it when it is imported


@pytest.mark.parametrize(
    "argv", [["--list-rules"], ["--explain", "A001"], ["--help"], ["--version"]], ids=lambda a: a[0]
)
def test_informational_commands_import_no_heavy_module(argv: list[str]) -> None:
    code, heavy = loaded_heavy(*argv)
    assert code == 0
    assert heavy == []


def test_gb18030_text_imports_no_heavy_module(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    code, heavy = loaded_heavy(str(p), "--format", "json", "-o", str(tmp_path / "out.json"))
    assert code == 1
    assert heavy == []


@pytest.mark.skipif(importlib.util.find_spec("jinja2") is None, reason="jinja2 not installed")
def test_the_probe_sees_a_heavy_import() -> None:
    """Control: the harness does report a heavy module when one is imported."""
    code, heavy = loaded_heavy("--list-rules", pre="jinja2")
    assert code == 0
    assert heavy == ["jinja2"]


def _drawn_pdf(tmp_path: Path, module: str, draw: str) -> Path:
    """A PDF drawn with reportlab by a function of another test module."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        data = getattr(importlib.import_module(module), draw)()
    finally:
        sys.path.remove(str(ROOT / "tests"))
    pdf = tmp_path / f"{draw}.pdf"
    pdf.write_bytes(data)
    return pdf


def test_pdf_audit_imports_pdfium_only(tmp_path: Path) -> None:
    """A PDF is read with pdfium's library bound directly: pdfplumber and pdfminer (ten times
    slower to read a page, a tenth of a second to import) and pypdfium2's generated bindings
    (25–60 ms to import) stay out of the run."""
    pdf = _drawn_pdf(tmp_path, "test_pdf", "report")
    code, heavy = loaded_heavy(str(pdf), "--format", "json", "-o", str(tmp_path / "out.json"))
    assert code == 0, "the drawn report is consistent"
    assert heavy == []


def test_pdf_review_page_renders_pages_only_when_it_shows_them(tmp_path: Path) -> None:
    """Pillow and pypdfium2's bindings are imported to draw a PDF's printed pages on the review
    page, and only then: not for --pages none, nor for a PDF without a finding to show."""
    pdf = _drawn_pdf(tmp_path, "test_html_pages", "bad_pdf")
    out = str(tmp_path / "out.html")
    code, heavy = loaded_heavy(str(pdf), "--format", "json", "-o", str(tmp_path / "o.json"))
    assert code == 1 and heavy == []
    code, heavy = loaded_heavy(str(pdf), "--html", out, "--pages", "none", "-o", os.devnull)
    assert code == 1 and "PIL" not in heavy and "pypdfium2" not in heavy
    code, heavy = loaded_heavy(str(pdf), "--html", out, "-o", os.devnull)
    assert code == 1 and "PIL" in heavy and "pypdfium2" in heavy  # the control


def test_a_parallel_batch_imports_neither_dask_nor_pyarrow(tmp_path: Path) -> None:
    """Dask and pyarrow are optional extras for --engine dask and --export x.parquet only."""
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_bytes(SEED.read_bytes())
    code, heavy = loaded_heavy(str(tmp_path), "--jobs", "2", "--format", "sarif", "-o",
                               str(tmp_path / "out.sarif"))  # fmt: skip
    assert code == 1
    assert heavy == []


DATACLASS_PROBE = r"""
import dataclasses, json, sys
made = []
_process_class = dataclasses._process_class
def probe(cls, *args, **kwargs):
    made.append(cls.__module__ + "." + cls.__qualname__)
    return _process_class(cls, *args, **kwargs)
dataclasses._process_class = probe
from auditor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\nMADE " + json.dumps(made) + "\n")
"""


def test_the_text_path_defines_no_dataclass() -> None:
    """@dataclass compiles each class's methods with exec at import: the fifty records of the
    engine's path cost a fifth of a seed audit's instructions that way (model.py's alone
    about 40M of 470M). A new one is a Record (auditor/record.py)."""
    _, made = _probe(DATACLASS_PROBE, "MADE", str(SEED), "--format", "json")
    assert made == []


def test_the_dataclass_probe_sees_a_dataclass(tmp_path: Path) -> None:
    """Control: the probe reports a dataclass made during the run (the baseline module's
    records, made when a baseline is written)."""
    _, made = _probe(DATACLASS_PROBE, "MADE", str(SEED), "--format", "json", "--write-baseline",
                     str(tmp_path / "baseline.json"))  # fmt: skip
    assert any(m.startswith("auditor.baseline.") for m in made), made


@pytest.mark.parametrize("enabled", [True, False])
def test_main_in_process_leaves_the_collector_as_it_found_it(enabled: bool, tmp_path) -> None:
    """cli.main pauses the cycle collector while modules load; a caller's setting survives it,
    whether the run ends normally, with findings, or on a usage error."""
    import gc

    from auditor.cli import main

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        for argv in (
            [str(SEED), "--format", "json", "-o", str(tmp_path / "o.json")],
            ["--no-such-option"],
        ):
            with pytest.raises(SystemExit):
                main(argv)
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


PROGRAM = r"""
import atexit, json, sys
probe, sys.argv = json.loads(sys.argv[1]), ["audit-budget", *sys.argv[2:]]

def report():  # at exit: run() ends the process itself (auditor.__main__.leave)
    sys.stderr.write("\nLOADED " + json.dumps(
        [m for m in probe if type(sys.modules.get(m)).__name__ == "module"]) + "\n")

atexit.register(report)
from auditor.__main__ import run
run()
"""
# What click (inspect: ast, dis, tokenize come with it) and pathlib (urllib.parse's ipaddress,
# ntpath) import but a json run never uses; glob only for a pattern on the command line.
DEFERRED_ON_THE_TEXT_PATH = [
    "inspect",
    "ast",
    "dis",
    "tokenize",
    "ipaddress",
    "ntpath",
    "glob",
    "uuid",
    "platform",
    "datetime",
    "threading",
]


def test_a_json_run_to_stdout_imports_no_pathlib() -> None:
    """The text path names its files with strings (catalogue.data_path, cache.cache_dir, the
    configuration search): pathlib, and urllib.parse behind it, are about 8M instructions."""
    code, loaded = loaded_heavy(str(SEED), "--format", "json",
                                probe=["pathlib", "urllib.parse", "locale"])  # fmt: skip
    assert code == 1
    assert loaded == []  # nor locale: click's words are not translated (cli._Path, --help)
    code, loaded = loaded_heavy(str(SEED), "--format", "json", pre="pathlib", probe=["pathlib"])
    assert loaded == ["pathlib"]  # the control


def test_the_program_leaves_inspect_unloaded_on_a_json_run(tmp_path: Path) -> None:
    """`audit-budget` (auditor.__main__.run) puts a stand-in for inspect in sys.modules before
    importing click: a json audit never loads it (click dedents help only for --help here)."""
    out = str(tmp_path / "out.json")
    code, loaded = _probe(PROGRAM, "LOADED", json.dumps(DEFERRED_ON_THE_TEXT_PATH), str(SEED),
                          "--format", "json", "-o", out)  # fmt: skip
    assert code == 1
    assert loaded == []
    assert json.loads(Path(out).read_text(encoding="utf-8"))["files"], "the run wrote its report"


def test_help_loads_the_deferred_module_and_prints_the_same_help() -> None:
    """Control: --help reads inspect.cleandoc through the stand-in, which loads the module; the
    text is the one cli.main prints without a stand-in."""
    env = {**os.environ, "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-c", PROGRAM, json.dumps(["inspect"]), "--help"],
                          capture_output=True, cwd=ROOT, timeout=60, env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().strip().endswith('LOADED ["inspect"]')
    plain = subprocess.run([sys.executable, "-c", "from auditor.cli import main; main(['--help'])"],
                           capture_output=True, cwd=ROOT, timeout=60, env=env)  # fmt: skip
    assert proc.stdout == plain.stdout
    assert b"-h, --help" in plain.stdout and b"--version" in plain.stdout


def test_a_deferred_module_is_the_real_one_on_first_use() -> None:
    from auditor.__main__ import Deferred, defer

    name = "colorsys"  # a small standard module nothing here imports
    sys.modules.pop(name, None)
    try:
        defer(name)
        stand_in = sys.modules[name]
        assert isinstance(stand_in, Deferred)
        exec(f"import {name} as m", ns := {})  # an import statement finds the stand-in
        assert ns["m"] is stand_in and "_real" not in vars(stand_in)
        assert stand_in.rgb_to_hsv(1, 0, 0) == (0.0, 1.0, 1)  # first use: imported
        assert type(sys.modules[name]).__name__ == "module" and sys.modules[name] is not stand_in
        assert stand_in.rgb_to_hsv is sys.modules[name].rgb_to_hsv
    finally:
        sys.modules.pop(name, None)


@pytest.mark.parametrize(
    ("code", "status", "err"), [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("no input", 1, "no input")]
)
def test_leave_exits_as_sys_exit_would_without_the_teardown(code, status: int, err: str) -> None:
    """auditor.__main__.leave ends the program without freeing every object one by one (a twelfth
    of a json run), but as sys.exit(code) would: the status, atexit functions run, buffered
    standard output written whole."""
    script = (
        "import atexit, sys\n"
        "from auditor.__main__ import leave\n"
        "atexit.register(lambda: sys.stderr.write('atexit ran\\n'))\n"
        "sys.stdout.write('x' * 200000)\n"
        f"leave({code!r})\n"
        "sys.stdout.write('not reached')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT,
                          timeout=60)  # fmt: skip
    assert proc.returncode == status
    assert proc.stdout == b"x" * 200000
    lines = proc.stderr.decode().splitlines()
    assert lines == ([err] if err else []) + ["atexit ran"]


def test_writing_with_o_imports_no_tempfile(tmp_path: Path) -> None:
    """-o writes atomically through a temporary file made without tempfile (which brings shutil,
    bz2, lzma and random: a tenth of a json audit's instructions)."""
    out = tmp_path / "out.json"
    code, loaded = loaded_heavy(str(SEED), "--format", "json", "-o", str(out),
                                probe=["tempfile", "shutil", "random"])  # fmt: skip
    assert code == 1 and out.stat().st_size > 0
    assert loaded == []
    code, loaded = loaded_heavy("--list-rules", pre="tempfile", probe=["tempfile"])
    assert loaded == ["tempfile"]  # the control


def test_the_temporary_file_is_new_private_and_beside_the_target(tmp_path: Path) -> None:
    from auditor.io.atomic import _mkstemp

    made = set()
    for _ in range(20):
        fd, name = _mkstemp(tmp_path, ".out.json.")
        os.close(fd)
        assert Path(name).parent == tmp_path and Path(name).name.startswith(".out.json.")
        assert Path(name).stat().st_mode & 0o777 == 0o600
        made.add(name)
    assert len(made) == 20


@pytest.mark.skipif(importlib.util.find_spec("jinja2") is None, reason="jinja2 not installed")
def test_html_loads_tempfile_only_to_store_a_compiled_template(tmp_path: Path) -> None:
    """jinja2's bytecode cache imports tempfile for writing a compiled template, which only the
    first run does: the program's stand-in leaves it unloaded once the cache holds the page's
    template, and the first run still stores it (through the real module). Neither run loads
    OpenSSL (_hashlib): jinja2's sha1 is CPython's own, the page's CSP hashes auditor.digest's."""
    env = {**os.environ, "AUDIT_BUDGET_CACHE": str(tmp_path / "cache")}

    def run(n: int) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-c", PROGRAM, json.dumps(["tempfile", "jinja2", "_hashlib"]), str(SEED),
             "--format", "json", "-o", str(tmp_path / f"{n}.json"), "--html",
             str(tmp_path / f"{n}.html")],
            capture_output=True, cwd=ROOT, timeout=120, env=env,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        err = proc.stderr.decode()
        return json.loads(err.strip().splitlines()[-1].removeprefix("LOADED "))

    assert run(1) == ["tempfile", "jinja2"]  # first run: the template compiled and stored
    assert list((tmp_path / "cache" / "templates").iterdir())
    assert run(2) == ["jinja2"]
    page = (tmp_path / "2.html").read_text(encoding="utf-8")
    assert (
        page.split("<time")[0]
        == (tmp_path / "1.html").read_text(encoding="utf-8").split("<time")[0]
    )


def test_a_deferred_module_gives_its_ready_names_without_loading() -> None:
    """`from m import x` of a name the stand-in was given (hashlib's sha1 for jinja2) loads
    nothing, though the import machinery asks the stand-in whether it is a package first."""
    from auditor.__main__ import Deferred, defer

    name = "colorsys"

    def ready(*args: float) -> str:
        return "ready"

    sys.modules.pop(name, None)
    try:
        defer(name, rgb_to_hsv=ready)
        stand_in = sys.modules[name]
        exec(f"from {name} import rgb_to_hsv", ns := {})
        assert ns["rgb_to_hsv"] is ready and "_real" not in vars(stand_in)
        assert isinstance(sys.modules[name], Deferred)
        assert stand_in.hls_to_rgb(0, 0.5, 1) == (1.0, 0.0, 0.0)  # any other name: loaded
        assert type(sys.modules[name]).__name__ == "module"
    finally:
        sys.modules.pop(name, None)


DATETIME_UUID_PROBE = r"""
import json, sys
from auditor.__main__ import click_imported, defer_for_click
defer_for_click()
import click
click_imported()
before = [m for m in ("datetime", "uuid") if type(sys.modules.get(m)).__name__ == "module"]
import datetime, uuid
u = click.UUID.convert("12345678-1234-5678-1234-567812345678", None, None)
d = click.DateTime().convert("2023-01-02", None, None)
print(json.dumps([before, isinstance(u, uuid.UUID), str(u), d.isoformat(),
                  type(d) is datetime.datetime, type(sys.modules["uuid"]).__name__]))
"""


def test_clicks_datetime_and_uuid_types_work_behind_the_stand_ins() -> None:
    """The program defers datetime (given its C class) and uuid (a placeholder UUID while click
    is imported): neither module is loaded by importing click, and click's DateTime and UUID
    parameter types still convert to the real classes (uuid loaded on that first use)."""
    proc = subprocess.run([sys.executable, "-c", DATETIME_UUID_PROBE], capture_output=True,
                          cwd=ROOT, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    before, is_uuid, text, iso, is_dt, kind = json.loads(proc.stdout)
    assert before == []
    assert is_uuid and text == "12345678-1234-5678-1234-567812345678"
    assert iso == "2023-01-02T00:00:00" and is_dt
    assert kind == "module"


THREAD_PROBE = r"""
import sys, time
from auditor.__main__ import Deferred, click_imported, defer_for_click, leave
defer_for_click()
import click
click_imported()
assert isinstance(sys.modules["threading"], Deferred)
with click.Context(click.Command("x")) as ctx:  # click's context stack: threading's local
    assert click.get_current_context() is ctx
import threading
threading.Thread(target=lambda: (time.sleep(0.3), print("thread done", flush=True))).start()
leave(0)
"""


def test_threading_behind_its_stand_in_works_and_leave_waits_for_threads() -> None:
    """The program defers threading (given _thread's local, which click.globals imports): click's
    context stack works without it, and a thread started later (loading the real module) is
    still waited for by leave(), as sys.exit would."""
    proc = subprocess.run([sys.executable, "-c", THREAD_PROBE], capture_output=True, cwd=ROOT,
                          timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"thread done\n"


def test_importing_the_main_module_leaves_the_collector_alone() -> None:
    """auditor.__main__ pauses the collector at its top only when run as the program (python -m
    auditor); importing it (the audit-budget script, these tests) changes nothing until run()."""
    script = "import gc; import auditor.__main__; print(gc.isenabled())"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == b"True", proc.stderr
