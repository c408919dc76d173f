"""What start-up saves must not change what a run does: a lazily compiled pattern behaves as the
compiled one, a cached rules file is the parsed file (and an edited one is parsed again), and
--version says the installed version without asking importlib.metadata."""

from __future__ import annotations

import importlib.metadata
import json
import marshal
import os
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


# --- compiled programs kept between runs -----------------------------------------------------


@pytest.fixture
def fresh_programs(cache_home, monkeypatch):
    """lazy_re as a new process finds it: nothing read yet, the cache directory empty."""
    from auditor import lazy_re as L

    monkeypatch.setattr(L, "_programs", None)
    monkeypatch.setattr(L, "_used", set())
    monkeypatch.setattr(L, "_added", 0)
    monkeypatch.setattr("atexit.register", lambda *a, **k: None)
    return L


def restart(L, monkeypatch) -> None:
    """What the next process sees: this one's programs written, then nothing in memory."""
    path = next(iter(Path(C.cache_dir("regex")).glob("*.marshal")), None)
    if path is None:
        path = Path(C.cache_dir("regex")) / f"programs-{sys.implementation.cache_tag}.marshal"
    L._save(path)
    monkeypatch.setattr(L, "_programs", None)
    monkeypatch.setattr(L, "_added", 0)


def all_sample_texts() -> list[str]:
    from auditor.io import load_path

    return [load_path(str(p)).text for p in sorted((ROOT / "samples").glob("*.txt"))]


def same_behaviour(a: re.Pattern, b: re.Pattern, texts: list[str]) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (
        b.pattern,
        b.flags,
        b.groups,
        dict(b.groupindex),
    )
    for t in texts:
        got = [(m.span(), m.groups()) for m in a.finditer(t)]
        assert got == [(m.span(), m.groups()) for m in b.finditer(t)], a.pattern


def test_every_pattern_of_a_run_compiles_the_same_from_the_cache(fresh_programs, monkeypatch):
    """Every pattern the audits of the samples compile, read back from the cache, matches as
    re.compile's does, on every sample; and reading them back parses nothing."""
    from auditor.engine import audit
    from auditor.io import load_path

    L = fresh_programs
    for p in sorted((ROOT / "samples").glob("*.txt")):
        audit(load_path(str(p)))
    keys = [k for k in L._programs if len(k) == 2]  # (pattern, flags): not cached_compile's
    # and the module-level patterns, compiled when the modules were imported
    for name, mod in list(sys.modules.items()):
        if name.startswith("auditor"):
            for v in vars(mod).values():
                v = vars(v).get("compiled") if isinstance(v, LazyPattern) else v
                if isinstance(v, re.Pattern) and isinstance(v.pattern, str):
                    keys.append((v.pattern, v.flags))
    for k in keys:
        L.cached_re(*k)
    assert len(L._programs) > 60
    restart(L, monkeypatch)

    def no_parse(*a, **k):
        raise AssertionError("parsed a pattern the cache holds")

    texts = all_sample_texts()
    for pattern, flags in keys:
        monkeypatch.setattr(re._parser, "parse", no_parse)
        cached = L.cached_re(pattern, flags)
        monkeypatch.setattr(re._parser, "parse", _PARSE)
        same_behaviour(cached, re.compile(pattern, flags), texts)


_PARSE = re._parser.parse


def test_a_pattern_compiles_once_then_comes_from_the_cache(fresh_programs, monkeypatch):
    L = fresh_programs
    src = r"(?P<y>(?:19|20)\d{2})\s*年(?:度)?|[一二三四五六七八九十]+、"
    first = L.cached_re(src)
    assert L._added == 1
    restart(L, monkeypatch)
    calls = []
    monkeypatch.setattr(re._parser, "parse", lambda *a, **k: calls.append(a) or _PARSE(*a, **k))
    again = L.cached_re(src)
    assert calls == []  # no parse: the program came from the file
    same_behaviour(again, first, ["2023年度 一、二、 1999 年"])
    other = L.cached_re(src, re.M)  # other flags: another program
    assert calls and other.flags & re.M


def test_errors_are_res_own_and_nothing_is_kept(fresh_programs):
    L = fresh_programs
    with pytest.raises(re.error):
        L.cached_re(r"(unclosed")
    assert L._added == 0


def test_a_damaged_or_foreign_program_file_is_compiled_afresh(fresh_programs, monkeypatch):
    L = fresh_programs
    L.cached_re(r"\d+万元")
    restart(L, monkeypatch)
    (path,) = Path(C.cache_dir("regex")).glob("*.marshal")
    for junk in (
        b"",
        b"\x00garbage",
        marshal.dumps(("another python", {(r"\d+万元", 0): marshal.dumps((0, [1], 0, {}, ()))})),
        marshal.dumps((L._BUILD, {(r"\d+万元", 0): b"not a program"})),
        marshal.dumps((L._BUILD, {(r"\d+万元", 0): marshal.dumps((0, [999999], 0, {}, ()))})),
    ):
        path.write_bytes(junk)
        monkeypatch.setattr(L, "_programs", None)
        p = L.cached_re(r"\d+万元")
        assert p.findall("共12万元，3万元") == ["12万元", "3万元"]


def test_without_a_cache_it_is_re_compile(monkeypatch):
    from auditor import lazy_re as L

    monkeypatch.setenv("AUDIT_BUDGET_CACHE", "")
    monkeypatch.setattr(L, "_programs", None)
    monkeypatch.setattr(L, "_added", 0)
    assert L.cached_re(r"a(b)") is re.compile(r"a(b)")  # re's own cache: the very object
    assert L._programs is False and L._added == 0


def test_the_package_compiles_patterns_through_the_cache() -> None:
    """A pattern compiled with re.compile in the package is parsed again on every run."""
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in sorted((ROOT / "auditor").rglob("*.py"))
        if p.name != "lazy_re.py"
        for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])re\.compile\(", line)
    ]
    assert offenders == [], "use lazy_re.cached_re (or lazy) instead of re.compile"


PATTERNS_OF_A_RUN = r"""
import json, sys
from auditor import lazy_re
seen = []
real = lazy_re.cached_re
lazy_re.cached_re = lambda p, f=0: seen.append([p, int(f)]) or real(p, f)
import auditor.cli, auditor.engine
from auditor.engine import audit
from auditor.io import load_path
for path in sys.argv[1:]:
    audit(load_path(path))
print(json.dumps(sorted(seen)))
"""


def test_a_runs_patterns_are_the_same_text_in_every_run(tmp_path) -> None:
    """The program cache finds a pattern by its text: a pattern built from a set in hash order
    would differ between runs (PYTHONHASHSEED) and be compiled afresh every time."""
    samples = [str(p) for p in sorted((ROOT / "samples").glob("*.txt"))[:6]] + [str(SEED)]

    def patterns(seed: str) -> list:
        env = {"PYTHONHASHSEED": seed, "AUDIT_BUDGET_CACHE": "", "PATH": "/usr/bin:/bin"}
        proc = subprocess.run(
            [sys.executable, "-c", PATTERNS_OF_A_RUN, *samples],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    first = patterns("1")
    assert len(first) > 20
    assert patterns("2") == first


def test_a_forward_reference_compiles_once_then_comes_from_the_cache(fresh_programs, monkeypatch):
    """cached_compile gives compile()'s code object, and the next process reads it back without
    compiling; other flags, bytes and errors are compile's own."""
    L = fresh_programs
    src = "t.Optional[t.Sequence[ParamType]]"
    first = L.cached_compile(src, "<string>", "eval")
    assert first == compile(src, "<string>", "eval") and L._added == 1
    restart(L, monkeypatch)
    monkeypatch.setattr(L, "_compile", lambda *a, **k: pytest.fail("compiled a cached source"))
    again = L.cached_compile(src, "<string>", "eval")
    assert again == first
    t = __import__("typing")
    assert eval(again, {"t": t, "ParamType": int}) == t.Optional[t.Sequence[int]]
    monkeypatch.setattr(L, "_compile", compile)
    with pytest.raises(SyntaxError):
        L.cached_compile("a b", "<string>", "eval")
    assert L.cached_compile(b"1 + 1", "<string>", "eval") == compile(b"1 + 1", "<string>", "eval")


def test_compiled_from_cache_routes_typings_compile_and_restores_it() -> None:
    """Inside, a string annotation's ForwardRef is compiled by cached_compile (the same code);
    after (or on an error) typing has no compile of its own again."""
    import typing

    from auditor import lazy_re as L

    with L.compiled_from_cache():
        assert typing.compile is L.cached_compile
        ref = typing.ForwardRef("t.Mapping[str, int]")
    assert "compile" not in vars(typing)
    assert ref.__forward_code__ == compile("t.Mapping[str, int]", "<string>", "eval")
    assert typing.ForwardRef("x") == typing.ForwardRef("x")
    with pytest.raises(ZeroDivisionError), L.compiled_from_cache():
        1 / 0  # noqa: B018
    assert "compile" not in vars(typing)


def test_compiled_from_cache_routes_re_compile_and_restores_it() -> None:
    """Around imports of other packages, re.compile is cached_re; after (or on an error) it is
    re.compile again, and what it compiled is the pattern re.compile gives."""
    from auditor import lazy_re as L

    original = re.compile
    with L.compiled_from_cache():
        assert re.compile is not original
        p = re.compile(r"(?P<n>\d+)\s*万?元", re.I)
        b = re.compile(rb"\d+")  # bytes: re.compile's own
    assert re.compile is original
    ref = original(r"(?P<n>\d+)\s*万?元", re.I)
    assert (p.pattern, p.flags, p.groups, p.groupindex) == (
        ref.pattern,
        ref.flags,
        ref.groups,
        ref.groupindex,
    )
    text = "共12万元，3 元"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in ref.finditer(text)]
    assert b.findall(b"a12b3") == [b"12", b"3"]
    with pytest.raises(ZeroDivisionError), L.compiled_from_cache():
        1 / 0  # noqa: B018
    assert re.compile is original


def test_cache_dir_is_checked_once_and_follows_the_environment(tmp_path, monkeypatch) -> None:
    """cache_dir remembers a directory it made usable (the data files of a run ask for it some
    twenty times); another AUDIT_BUDGET_CACHE is another directory, and '' still turns it off."""
    from auditor import cache

    monkeypatch.setenv("AUDIT_BUDGET_CACHE", str(tmp_path / "a"))
    first = cache.cache_dir("x")
    assert first == str(tmp_path / "a" / "x") and os.path.isdir(first)
    assert cache.cache_dir("x") == first
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", str(tmp_path / "b"))
    assert cache.cache_dir("x") == str(tmp_path / "b" / "x") and os.path.isdir(tmp_path / "b" / "x")
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", "")
    assert cache.cache_dir("x") is None


def test_load_tomls_reads_many_files_from_one_entry_and_sees_any_edit(tmp_path, monkeypatch):
    """The catalogue's files are cached together: the same data as load_toml of each, read back
    without parsing, and parsed again when any one of them changes."""
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", str(tmp_path / "cache"))
    files = [tmp_path / f"{n}.toml" for n in "abc"]
    for i, f in enumerate(files):
        f.write_text(f'x = {i}\nname = "第{i}"\n', encoding="utf-8")
    paths = [str(f) for f in files]
    assert C.load_tomls(paths) == [C.load_toml(p) for p in paths]
    import tomllib

    def no_parse(_text: str) -> dict:
        raise AssertionError("parsed, not read from the cache")

    monkeypatch.setattr(tomllib, "loads", no_parse)
    assert [d["x"] for d in C.load_tomls(paths)] == [0, 1, 2]
    monkeypatch.undo()
    monkeypatch.setenv("AUDIT_BUDGET_CACHE", str(tmp_path / "cache"))
    files[1].write_text('x = 7\nname = "改"\n', encoding="utf-8")
    assert [d["x"] for d in C.load_tomls(paths)] == [0, 7, 2]
    files[2].write_text("x = [", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        C.load_tomls(paths)
