"""What start-up saves must not change what a run does: a lazily compiled pattern behaves as the
compiled one, a cached rules file is the parsed file (and an edited one is parsed again), and
--version says the installed version without asking importlib.metadata."""

from __future__ import annotations

import importlib.metadata
import json
import marshal
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from auditor import __version__
from auditor import cache as C
from auditor.catalogue import data_dir
from auditor.lazy_re import LazyPattern, lazy

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"


# --- lazy patterns ---------------------------------------------------------------------------


def test_a_lazy_pattern_compiles_on_first_use_and_behaves_as_compiled() -> None:
    source, text = r"(?P<n>\d+)\s*(万元|元)", "共计 12 万元，另 3元"
    p = lazy(source, re.I)
    assert "compiled" not in vars(p)  # nothing compiled yet
    q = re.compile(source, re.I)
    assert p.search(text).group("n") == q.search(text).group("n") == "12"
    assert "compiled" in vars(p)
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in q.finditer(text)]
    assert p.findall(text) == q.findall(text)
    assert p.sub("#", text) == q.sub("#", text)
    assert p.subn("#", text) == q.subn("#", text)
    assert p.split(text) == q.split(text)
    assert p.match(text) is None and q.match(text) is None
    assert p.fullmatch("7元").groups() == q.fullmatch("7元").groups()
    assert (p.pattern, p.flags, p.groups, p.groupindex) == (
        q.pattern,
        q.flags,
        q.groups,
        q.groupindex,
    )


def test_each_attribute_is_a_first_use() -> None:
    for attr in ("pattern", "groups", "groupindex", "flags", "scanner"):
        p = lazy(r"(a)(?P<b>b)")
        getattr(p, attr)
        assert vars(p)["compiled"].pattern == "(a)(?P<b>b)"


def test_a_bad_lazy_pattern_fails_when_used_not_before() -> None:
    p = lazy(r"(unclosed")
    with pytest.raises(re.error):
        p.search("x")


def test_unknown_and_dunder_attributes_raise_attribute_error() -> None:
    p = LazyPattern(r"x")
    assert not hasattr(p, "__len__")
    with pytest.raises(AttributeError):
        p.no_such_method  # noqa: B018
    assert repr(LazyPattern("x")) == "lazy('x')"


# --- the TOML cache --------------------------------------------------------------------------


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", str(home))
    return home


def entries(home: Path) -> list[Path]:
    return sorted(home.rglob("*.marshal"))


@pytest.mark.parametrize("name", ["lexicon.toml", "links.toml", "forms.toml", "crosstables.toml"])
def test_cached_rules_are_the_parsed_rules(cache_home, name) -> None:
    path = data_dir("rules") / name
    parsed = tomllib.loads(path.read_text("utf-8"))
    assert C.load_toml(path) == parsed  # parsed, then stored
    assert len(entries(cache_home)) == 1
    assert C.load_toml(path) == parsed  # read back from the cache


def test_every_check_catalogue_file_round_trips(cache_home) -> None:
    for path in sorted((data_dir("rules") / "checks").glob("*.toml")):
        parsed = tomllib.loads(path.read_text("utf-8"))
        assert C.load_toml(path) == parsed
        assert C.load_toml(path) == parsed


def test_an_edited_file_is_parsed_again(cache_home, tmp_path) -> None:
    f = tmp_path / "x.toml"
    f.write_text('a = 1\nb = ["x"]\n', "utf-8")
    assert C.load_toml(f) == {"a": 1, "b": ["x"]}
    (entry,) = entries(cache_home)
    f.write_text('a = 2\nb = ["y"]\n', "utf-8")  # same size, same second: the hash tells
    assert C.load_toml(f) == {"a": 2, "b": ["y"]}
    assert entries(cache_home) == [entry]  # one entry per file, replaced


def test_the_cache_answers_without_parsing(cache_home, tmp_path, monkeypatch) -> None:
    f = tmp_path / "x.toml"
    f.write_text("a = 1\n", "utf-8")
    C.load_toml(f)
    monkeypatch.setitem(sys.modules, "tomllib", None)  # importing tomllib would now fail
    assert C.load_toml(f) == {"a": 1}


def test_a_damaged_entry_is_parsed_again(cache_home, tmp_path) -> None:
    f = tmp_path / "x.toml"
    f.write_text("a = 1\n", "utf-8")
    C.load_toml(f)
    (entry,) = entries(cache_home)
    for junk in (
        b"",
        b"\x00garbage",
        marshal.dumps((b"wrong digest", {"a": 9})),
        marshal.dumps([1]),
    ):
        entry.write_bytes(junk)
        assert C.load_toml(f) == {"a": 1}


def test_errors_are_tomllibs_and_nothing_is_cached(cache_home, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("a = = 1\n", "utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        C.load_toml(bad)
    bad.write_bytes(b"a = '\xff'\n")
    with pytest.raises(UnicodeDecodeError):
        C.load_toml(bad)
    with pytest.raises(FileNotFoundError):
        C.load_toml(tmp_path / "absent.toml")
    assert entries(cache_home) == []


def test_dates_are_not_cached_but_still_read(cache_home, tmp_path) -> None:
    f = tmp_path / "d.toml"
    f.write_text("when = 2024-01-02\n", "utf-8")
    assert str(C.load_toml(f)["when"]) == "2024-01-02"
    assert str(C.load_toml(f)["when"]) == "2024-01-02"
    assert entries(cache_home) == []


def test_no_cache_dir_still_reads(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", "")  # turned off
    f = tmp_path / "x.toml"
    f.write_text("a = 1\n", "utf-8")
    assert C.cache_dir("toml") is None
    assert C.load_toml(f) == {"a": 1}
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", str(blocker))
    assert C.cache_dir("toml") is None
    assert C.load_toml(f) == {"a": 1}


def test_same_findings_with_and_without_the_cache(tmp_path) -> None:
    """A whole run, twice with a fresh cache (the second reads it) and once with none."""

    def run(cache: str) -> dict:
        env = {"AUDIT_BUDGET_CACHE": cache, "PATH": "/usr/bin:/bin"}
        proc = subprocess.run(
            [sys.executable, "-m", "auditor", str(SEED), "--format", "json"],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        return json.loads(proc.stdout)

    cold, warm, off = run(str(tmp_path / "c")), run(str(tmp_path / "c")), run("")
    assert entries(tmp_path / "c")
    assert cold == warm == off


# --- --version -------------------------------------------------------------------------------


def test_version_is_the_installed_distributions() -> None:
    assert __version__ == importlib.metadata.version("audit-budget")


def test_version_option_does_not_import_importlib_metadata() -> None:
    code = (
        "import sys\nfrom auditor.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('importlib.metadata' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.splitlines() == [f"audit-budget, version {__version__}", "False"]
