"""The command line: parse options, audit each input, write the chosen formats, set the exit status.

Exit status: 0 nothing at or above --fail-on, 1 findings that do, 2 usage or input errors.
"""

from __future__ import annotations

import sys

import click

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


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: full).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to FILE (atomically).")
@click.option("--html", "html_out", type=click.Path(), help="Also write the HTML review page (a file, or a directory for several inputs).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default: zh).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None, help="Lowest severity that makes the exit status 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--encoding", default=None, help="Text encoding of the inputs (default: detected).")
@click.option("--year", type=int, default=None, help="The report year (default: detected).")
@click.option("--select", default=None, help="Only these checks (codes or prefixes, comma-separated).")
@click.option("--ignore", default=None, help="Skip these checks (codes or prefixes, comma-separated).")
@click.option("--list-rules", is_flag=True, help="Print the check catalogue and exit.")
@click.option("--explain", metavar="CODE", help="Print one check's documentation and exit.")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: on a TTY).")
@click.version_option(package_name="audit-budget")
def command(paths, fmt, output, html_out, lang, fail_on, exit_zero, encoding, year, select,
            ignore, list_rules, explain, color) -> None:  # fmt: skip
    """Audit budget and performance reports (TXT, PDF, DOCX) for figures that do not reconcile."""
    lang = lang or "zh"
    if list_rules:
        click.echo(_list_rules(lang), nl=False)
        return
    if explain:
        click.echo(_explain(explain, lang), nl=False)
        return
    if not paths:
        raise UsageError("no input given (a file, a directory, a glob or - for stdin)")

    from .engine import Options, audit
    from .io import load_path
    from .io.files import discover

    opts = Options(year=year, select=_codes(select), ignore=_codes(ignore))
    files = discover(list(paths))
    if not files:
        raise InputError("no report files found")
    results, failed = [], []
    for p in files:
        try:
            results.append(audit(load_path(p, encoding), opts))
        except InputError as e:
            failed.append(str(e))
    for msg in failed:
        click.echo(f"audit-budget: error: {msg}", err=True)

    fmt = fmt or "full"
    to_tty = output is None and sys.stdout.isatty()
    colour = to_tty if color is None else color
    text = render(fmt, results, lang, colour)
    if output:
        from .io.atomic import write_atomic

        write_atomic(output, text, files)
    else:
        click.echo(text, nl=False)
    if html_out:
        from .writers.html import write_html

        write_html(results, html_out, lang=lang, inputs=files)

    if failed:
        sys.exit(2)
    threshold = fail_on or "warning"
    if exit_zero or threshold == "never":
        sys.exit(0)
    from .model import Severity

    rank = Severity(threshold).rank
    sys.exit(1 if any(f.severity.rank >= rank for r in results for f in r.findings) else 0)


def render(fmt: str, results, lang: str, colour: bool) -> str:
    if fmt == "full":
        from .writers.text import render_full as r
    elif fmt == "concise":
        from .writers.text import render_concise as r
    elif fmt == "json":
        from .writers.json_format import render as r
    elif fmt == "sarif":
        from .writers.sarif import render as r
    elif fmt == "github":
        from .writers.github import render as r
    else:
        from .writers.junit import render as r
    return r(results, lang=lang, colour=colour)


def main(argv: list[str] | None = None) -> None:
    try:
        command.main(args=argv, prog_name="audit-budget", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("audit-budget: aborted", err=True)
        sys.exit(2)
    except click.UsageError as e:
        click.echo(f"audit-budget: error: {e.format_message()}", err=True)
        sys.exit(2)
    except (InputError, UsageError) as e:
        click.echo(f"audit-budget: error: {e}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
