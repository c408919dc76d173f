"""The command line: parse options, audit each input, write the chosen formats, set the exit status.

Exit status: 0 nothing at or above --fail-on, 1 findings that do, 2 usage or input errors.
"""

from __future__ import annotations

import os
import stat
import sys

import click

from . import __version__
from .display import escape
from .errors import InputError, UsageError

FORMATS = ["full", "concise", "json", "sarif", "github", "junit"]
SEVERITIES = ["error", "warning", "info", "never"]


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _list_rules(lang: str) -> str:
    from .catalogue import rules

    lines = []
    for r in rules().values():
        lines.append(f"{r.code}  {r.name:<24} {r.severity.value:<8} {r.summary[lang]}")
    return "\n".join(lines) + "\n"


def _explain(code: str, lang: str) -> str:
    from .catalogue import rules

    r = rules().get(code.upper())
    if r is None:
        raise UsageError(f"unknown check '{code}' (see --list-rules)")
    zh = lang == "zh"
    return (
        f"{r.code} ({r.name})\n"
        f"{'族' if zh else 'family'}: {r.family}    {'默认级别' if zh else 'default severity'}: {r.severity.value}\n\n"
        f"{r.summary[lang]}\n\n{r.rationale[lang]}\n\n"
        f"{'错误示例' if zh else 'Bad'}:\n  {r.bad.replace(chr(10), chr(10) + '  ')}\n\n"
        f"{'正确示例' if zh else 'Good'}:\n  {r.good.replace(chr(10), chr(10) + '  ')}\n"
    )


def _severities(values: tuple[str, ...]) -> dict:
    """--severity S001=warning (repeatable, or comma-separated) → {code: Severity}."""
    from .config import parse_severity

    table: dict[str, str] = {}
    for v in values:
        for item in v.split(","):
            if not item.strip():
                continue
            code, sep, level = item.partition("=")
            if not sep:
                raise UsageError(
                    f"--severity {item.strip()}: expected CODE=LEVEL (e.g. S001=warning)"
                )
            table[code.strip()] = level.strip().lower()
    return parse_severity(table, lambda c: f"--severity {c}")


class _Option(click.Option):
    """A click option whose help is set after click's __init__, which would dedent it with
    ``inspect.cleandoc``: our help texts are single lines, and the run started by `python -m
    auditor` leaves ``inspect`` (with ast, dis, tokenize: about a tenth of a json audit's
    instructions) unloaded until something uses it (see auditor/__main__.py)."""

    def __init__(self, *args, help: str | None = None, **kwargs) -> None:  # noqa: A002
        super().__init__(*args, **kwargs)
        self.help = help


def option(*decls: str, **attrs):  # noqa: ANN201 - click.option's decorator
    return click.option(*decls, cls=_Option, **attrs)


# click translates the words it makes a parameter with (a Path's name "file", --help's and
# --version's help) through gettext when it makes them, and gettext's first call imports locale
# to read $LANG: about 6M instructions of a json audit, which prints none of those words. So the
# paths' type makes its click.Path on first use, and --help and --version are declared here.


class _Path(click.ParamType):
    """`click.Path(**kwargs)`, made when an option is first given a value: the same conversion,
    errors and completion, and the same name in the help ("file" without directories)."""

    envvar_list_splitter = click.Path.envvar_list_splitter

    def __init__(self, **kwargs: bool) -> None:
        self.name = "file" if kwargs.get("dir_okay") is False else "path"
        self._kwargs = kwargs
        self._made: click.Path | None = None

    @property
    def path(self) -> click.Path:
        if self._made is None:
            self._made = click.Path(**self._kwargs)
        return self._made

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        # what click.Path(dir_okay=…) accepts, accepted without making it (its messages load
        # gettext and locale, 5 ms): a path that is not there, or a readable file (or directory,
        # when allowed); anything else goes to click.Path for its error
        if isinstance(value, str) and set(self._kwargs) <= {"dir_okay"}:
            try:
                st = os.stat(value)
            except OSError:
                return value
            is_dir = stat.S_ISDIR(st.st_mode)
            if not (is_dir and self._kwargs.get("dir_okay") is False) and os.access(value, os.R_OK):
                return value
        return self.path.convert(value, param, ctx)

    def shell_complete(self, ctx, param, incomplete):  # noqa: ANN001, ANN201
        return self.path.shell_complete(ctx, param, incomplete)

    def to_info_dict(self) -> dict:
        return self.path.to_info_dict()


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click.help_option's callback."""
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click.version_option's callback, with its message; the version is the package's own (not
    read with importlib.metadata: 30 ms)."""
    if value and not ctx.resilient_parsing:
        click.echo(f"{ctx.find_root().info_name}, version {__version__}", color=ctx.color)
        ctx.exit()


@click.command(add_help_option=False)  # -h/--help is declared last, as an _Option
@click.argument("paths", nargs=-1)
@option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: full).",
)
@option("-o", "--output", type=_Path(dir_okay=False), help="Write the output to FILE (atomically).")
@option(
    "--html",
    "html_out",
    type=_Path(),
    help="Also write the HTML review page (a file, or a directory for several inputs).",
)
@option(
    "--pages",
    type=click.Choice(["findings", "all", "none"]),
    default="findings",
    show_default=True,
    help="Printed pages of a PDF shown as images on the --html page: those with a finding's figure, all, or none.",
)
@option(
    "--export",
    "export_out",
    type=_Path(dir_okay=False),
    help="Also write findings and facts: FILE.csv (plus FILE.facts.csv), FILE.xlsx, or FILE.parquet (plus FILE.facts.parquet and FILE.files.parquet).",
)
@option(
    "--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default: zh)."
)
@option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Lowest severity that makes the exit status 1 (default: warning).",
)
@option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@option("--encoding", default=None, help="Text encoding of the inputs (default: detected).")
@option(
    "--year",
    type=click.IntRange(1949, 2100),
    default=None,
    help="The report year, 1949–2100 (default: detected).",
)
@option(
    "--select",
    default=None,
    help="Only these checks (codes or prefixes, comma-separated); replaces the configuration's select and ignore.",
)
@option(
    "--ignore",
    default=None,
    help="Skip these checks (codes or prefixes, comma-separated); adds to the configuration's ignore.",
)
@option(
    "--severity",
    "severity",
    multiple=True,
    metavar="CODE=LEVEL",
    help="Override a check's severity (error, warning, info); repeatable.",
)
@option(
    "--config",
    "config_file",
    type=_Path(dir_okay=False),
    help="Use this configuration file instead of searching for one.",
)
@option("--isolated", is_flag=True, help="Ignore configuration files.")
@option(
    "--show-config",
    is_flag=True,
    help="Print the effective settings (for the first PATH, or the current directory) and exit.",
)
@option(
    "--baseline",
    "baseline_file",
    type=_Path(dir_okay=False),
    help="Suppress the findings recorded in FILE (a baseline or an HTML review export).",
)
@option(
    "--write-baseline",
    "write_baseline",
    type=_Path(dir_okay=False),
    help="Record the current findings in FILE as accepted, and exit 0.",
)
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Files audited in parallel (default and most: the number of CPUs).",
)
@option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    help="Where files are audited: processes on this machine (--jobs), or Dask workers (needs the dask extra).",
)
@option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="The Dask scheduler for --engine dask (default: a local cluster of --jobs workers).",
)
@option("--list-rules", is_flag=True, help="Print the check catalogue and exit.")
@option("--explain", metavar="CODE", help="Print one check's documentation and exit.")
@option("--color/--no-color", default=None, help="Colour the terminal output (default: on a TTY).")
@option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
        help="Show the version and exit.")  # fmt: skip
@option("-h", "--help", is_flag=True, expose_value=False, is_eager=True, callback=_show_help,
        help="Show this message and exit.")  # fmt: skip
def command(paths, fmt, output, html_out, pages, export_out, lang, fail_on, exit_zero, encoding, year,
            select, ignore, severity, config_file, isolated, show_config, baseline_file,
            write_baseline, jobs, engine, scheduler, list_rules, explain, color) -> None:  # fmt: skip
    """Audit budget and performance reports (TXT, PDF, DOCX, XLSX) for figures that do not reconcile.

    PATHS are files, directories (searched recursively), globs, or - for stdin.
    """
    lang = lang or "zh"
    if list_rules:
        click.echo(_list_rules(lang), nl=False)
        return
    if explain:
        click.echo(_explain(explain, lang), nl=False)
        return

    from . import config

    config.clear_cache()
    overrides = config.Overrides(
        select=config.check_codes(_codes(select), "--select") if select is not None else None,
        ignore=config.check_codes(_codes(ignore), "--ignore") if ignore is not None else None,
        severity=_severities(severity),
        fail_on=fail_on,
        year=year,
    )
    if config_file and not isolated:
        config.for_path("-", config_file)  # a bad --config fails before anything else

    def settings_for(path: str) -> config.Settings:
        return config.merge(config.for_path(path, config_file, isolated), overrides)

    if show_config:
        from .batch import discover

        found = discover(list(paths)) if paths else []
        first = found[0] if found else (paths[0] if paths else None)
        click.echo(config.show(settings_for(first or "-"), first), nl=False)
        return
    if not paths:
        raise UsageError("no input given (a file, a directory, a glob or - for stdin)")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler is for --engine dask")

    if baseline_file or write_baseline:  # read or written only then (json, three dataclasses)
        from . import baseline as bl
    from .batch import ProgressBar, Task, default_jobs, discover, run
    from .gcpause import end_startup
    from .io.atomic import is_stdout
    from .io.outputs import check_outputs

    end_startup(freeze=_AS_PROGRAM)  # the engine and its rules are loaded (see main)

    if is_stdout(output):  # -o - or -o /dev/stdout is standard output, as everywhere else
        output = None
    unreadable: list[str] = []
    files = discover(list(paths), unreadable)
    if not files:
        for msg in unreadable[:-1]:
            click.echo(f"audit-budget: error: {escape(msg)}", err=True)
        raise InputError(unreadable[-1] if unreadable else "no report files found")
    outputs = [("-o", output), ("--html", html_out), ("--write-baseline", write_baseline)]
    if export_out:
        from .writers.export import targets

        outputs.extend(("--export", t) for t in targets(export_out))
    check_outputs(outputs, list(paths), files)
    settings = [settings_for(p) for p in files]
    options = [config.options(s, p) for s, p in zip(settings, files, strict=True)]
    base = bl.load(baseline_file) if baseline_file else None
    if export_out:
        from .writers.export import check_path

        if check_path(export_out) == ".parquet":
            from .writers.parquet import require

            require()  # a missing extra fails before the audit, not after it

    from .payload import Keep

    keep = Keep.for_outputs(fmt or "full", html=bool(html_out), export=bool(export_out))
    # a PDF keeps where its characters are printed only for a review page with page images
    layout = bool(html_out) and pages != "none"
    tasks = [Task(p, o, encoding, keep, layout) for p, o in zip(files, options, strict=True)]
    bar = ProgressBar(len(tasks), lang=lang)
    # more processes than CPUs only costs memory: --jobs 10000 is clamped to the CPU count
    workers = min(jobs or default_jobs(), default_jobs())
    try:
        if engine == "dask":
            from . import batch_dask

            outcomes = batch_dask.run(tasks, scheduler, workers, progress=bar)
        else:
            outcomes = run(tasks, workers, progress=bar)
    finally:
        bar.close()

    results, failed, per = [], [], []  # per: (settings, options) of each result
    for o, s, opt in zip(outcomes, settings, options, strict=True):
        if o.result is None:
            failed.append(o.error or f"{o.path}: cannot be audited")
        else:
            results.append(o.result)
            per.append((s, opt))
    failed = unreadable + failed
    for msg in failed:
        click.echo(f"audit-budget: error: {escape(msg)}", err=True)
    for r in results:
        for note in r.notes:
            click.echo(f"audit-budget: note: {escape(r.document.path)}: {note}", err=True)

    # the checks each result was audited with (per-file-ignores included)
    enabled = [
        {c for c in config.all_codes() if config.selected(c, opt.select, opt.ignore)}
        for _, opt in per
    ]

    if write_baseline:
        from .io.atomic import write_atomic

        write_atomic(write_baseline, bl.build(results, previous=base), files)
        n = sum(len(r.findings) for r in results)
        click.echo(f"audit-budget: wrote {n} finding(s) to the baseline {write_baseline}", err=True)
    elif base is not None:
        judged = bl.in_scope(results, enabled)
        applied = bl.apply(base, results, judged)
        if applied.stale:
            n = len(applied.stale)
            what = "entry no longer matches" if n == 1 else "entries no longer match"
            click.echo(
                f"audit-budget: warning: {baseline_file}: {n} baseline {what} any finding "
                "(fixed? rewrite the baseline with --write-baseline):",
                err=True,
            )
            for e in applied.stale:
                line = f"  {e.rule} {e.fingerprint} {e.path} {e.message}".rstrip()
                click.echo(escape(line), err=True)

    fmt = fmt or "full"
    to_tty = output is None and sys.stdout.isatty()
    colour = to_tty if color is None else color
    text = render_parts(
        fmt, results, lang, colour,
        errors=failed,
        fail_on=[s.fail_on for s, _ in per],
        enabled=enabled,
    )  # fmt: skip
    if output:
        from .io.atomic import write_atomic

        write_atomic(output, text, files)  # a writer's parts are written as they come
    else:
        click.echo(text if isinstance(text, str) else "".join(text), nl=False)
    if export_out:
        from .io.atomic import write_atomic
        from .writers.export import render as render_export

        for target, data in render_export(results, export_out, lang).items():
            write_atomic(target, data, files)
    if html_out:
        from .writers.html import write_html

        write_html(results, html_out, lang=lang, inputs=files, pages=pages)

    if failed:
        sys.exit(2)
    if exit_zero or write_baseline:
        sys.exit(0)
    from .model import Severity

    def fails(r, s: config.Settings) -> bool:
        if s.fail_on == "never":
            return False
        rank = Severity(s.fail_on).rank
        return any(f.severity.rank >= rank for f in r.findings)

    sys.exit(1 if any(fails(r, s) for r, (s, _) in zip(results, per, strict=True)) else 0)


def render(fmt: str, results, lang: str, colour: bool, **extra) -> str:
    """One format's text; `extra` (errors, fail_on, enabled) is for the writers that use it."""
    text = render_parts(fmt, results, lang, colour, **extra)
    return text if isinstance(text, str) else "".join(text)


def render_parts(fmt: str, results, lang: str, colour: bool, **extra):  # -> str | Iterator[str]
    """render()'s text, or (json) its parts, written as they come: never held whole."""
    if fmt == "full":
        from .writers.text import render_full as r
    elif fmt == "concise":
        from .writers.text import render_concise as r
    elif fmt == "json":
        from .writers.json_format import render_parts as r
    elif fmt == "sarif":
        from .writers.sarif import render as r
    elif fmt == "github":
        from .writers.github import render as r
    else:
        from .writers.junit import render as r
    return r(results, lang=lang, colour=colour, **extra)


# Whether main() runs as the program (its arguments from sys.argv), not called in process.
_AS_PROGRAM = False


def main(argv: list[str] | None = None) -> None:
    """The command line. Python's cycle collector is paused until the engine's modules are
    loaded (`gcpause.pause_startup`): `python -m auditor` pauses it before importing click."""
    global _AS_PROGRAM
    from .gcpause import end_startup, pause_startup

    _AS_PROGRAM = argv is None
    pause_startup()
    try:
        command.main(args=argv, prog_name="audit-budget", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("audit-budget: aborted", err=True)
        sys.exit(2)
    except click.UsageError as e:
        click.echo(f"audit-budget: error: {escape(e.format_message())}", err=True)
        sys.exit(2)
    except (InputError, UsageError) as e:
        click.echo(f"audit-budget: error: {escape(str(e))}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        end_startup(freeze=False)  # a run that ended before loading the engine (--help, errors)
