"""The HTML review page without a browser: safety of the markup, completeness of what it shows,
and where (and how) it is written. The browser tests in tests/browser/ drive the same pages."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.errors import UsageError
from auditor.io import load_path
from auditor.writers.common import counts, finding_dict
from auditor.writers.html import json_for_script, render_index, render_page, write_html

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
]
PAYLOAD_REPORT = f"""{PAYLOADS[0]}单位2023年部门整体支出绩效自评报告

一、预算情况

{PAYLOADS[1]}项目年初预算数为100万元，调整数为50万元，调整后预算数为200万元。

{PAYLOADS[2]}专项年初预算数为300万元，调整数为20万元，调整后预算数为330万元，执行数为330万元，预算执行率为90%。

2个项目开展，具体如下：
①{PAYLOADS[2]}项目：年初预算数200万元，全年预算数100万元，全年执行50万元，执行率80%。
②{PAYLOADS[1]}工程：年初预算数200万元，全年预算数100万元，全年执行50万元，执行率80%。
③{PAYLOADS[0]}经费：年初预算数20万元，全年预算数10万元，全年执行5万元，执行率50%。
"""


@pytest.fixture(scope="module")
def seed():
    return audit(load_path(str(SEED)))


@pytest.fixture(scope="module")
def seed_html(seed):
    return render_page(seed, "zh", generated="2000-01-01T00:00:00+00:00")


def payload_result(tmp: Path):
    """The payload report, saved under a hostile file name, with payloads also pushed into every
    text channel a finding has (message, roles, formula, department), as a hostile catalogue or
    extractor could produce."""
    path = tmp / (PAYLOADS[1] + ".txt")
    path.write_text(PAYLOAD_REPORT, encoding="utf-8")
    r = audit(load_path(str(path)))
    assert r.findings, "the payload report must produce findings to test their rendering"
    r.department = PAYLOADS[2]
    f = r.findings[0]
    f.message = {k: v + PAYLOADS[2] for k, v in f.message.items()}
    f.evidence["formula"] = PAYLOADS[0] + str(f.evidence.get("formula", ""))
    if f.related:
        f.related[0].role = PAYLOADS[1]
    for op in f.evidence.get("operands", []):
        op["role"] = PAYLOADS[2]
    r.facts[0].scope, r.facts[0].label = PAYLOADS[2], PAYLOADS[1]
    return r


# ------------------------------------------------------------------------------ markup parsing


class Page(HTMLParser):
    """Collects what the tests look at: scripts, marks per span id, lines, cards, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.metas: list[dict] = []
        self.lines: dict[int, str] = {}
        self.marks: dict[int, list[str]] = {}
        self.cards: list[dict] = []
        self.attrs_seen: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._stack: list[tuple[str, dict]] = []
        self._line: int | None = None
        self._mark: list[int] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        for k, v in a.items():
            self.attrs_seen.append((tag, k, v))
        if tag == "meta":
            self.metas.append(a)
        if tag in ("script", "style"):
            self._buf = []
        if tag == "div" and a.get("class", "").split()[:1] == ["l"]:
            self._line = int(a["data-n"])
            self.lines[self._line] = ""
        if tag == "mark" and self._line is not None:
            self._mark = [int(s) for s in a["data-s"].split()]
        if tag == "article":
            self.cards.append(a)
        self._stack.append((tag, a))

    def handle_endtag(self, tag):
        opened, a = self._stack.pop() if self._stack else (tag, {})
        if tag == "script":
            self.scripts.append((a, "".join(self._buf)))
        if tag == "style":
            self.styles.append("".join(self._buf))
        if tag == "div" and self._line is not None and opened == "div":
            self._line = None
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        self._buf.append(data)
        if self._line is not None:
            self.lines[self._line] += data
            if self._mark is not None:
                for sid in self._mark:
                    self.marks.setdefault(sid, []).append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def page_data(html: str) -> dict:
    p = parse(html)
    (body,) = [s for a, s in p.scripts if a.get("type") == "application/json"]
    return json.loads(body)


# ------------------------------------------------------------------------------ safety


def test_json_for_script_escapes_what_could_end_the_element():
    value = {"a": "</script><script>alert(1)</script>", "b": "x & y > z", "c": "\u2028\u2029"}
    s = json_for_script(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in s
    assert json.loads(s) == value


def test_csp_allows_only_the_inline_script_and_style_by_hash(seed_html):
    p = parse(seed_html)
    (csp,) = [m["content"] for m in p.metas if m.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'none'"
    for d in ("connect-src", "img-src", "font-src", "base-uri", "form-action", "object-src"):
        assert directives[d] == "'none'"
    (js,) = [s for a, s in p.scripts if "type" not in a]
    (css,) = p.styles

    def h(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert directives["script-src"] == h(js)
    assert directives["style-src"] == h(css)
    # the CSP meta must come before anything it governs
    assert seed_html.index("Content-Security-Policy") < seed_html.index("<style>")


def test_no_reference_to_another_address(seed_html):
    p = parse(seed_html)
    for tag, attr, value in p.attrs_seen:
        if attr in ("src", "href", "action", "srcset", "poster", "data"):
            assert value.startswith("#") or value == "index.html", (tag, attr, value)
    (css,) = p.styles
    assert "url(" not in css and "@import" not in css
    assert not re.search(r"https?://", seed_html.replace("http-equiv", ""))
    assert "fetch(" not in seed_html and "XMLHttpRequest" not in seed_html


def test_payloads_are_escaped_everywhere(tmp_path):
    r = payload_result(tmp_path)
    html = render_page(r, "zh")
    p = parse(html)
    # exactly two scripts (the data block and the page's own), no element or handler injected
    assert len(p.scripts) == 2
    assert p.tags.count("img") == 0
    assert not any(k.startswith("on") for _, k, _ in p.attrs_seen)
    # the payload text is in the page as text: in the source, the header, and the data block
    source = "\n".join(p.lines[n] for n in sorted(p.lines))
    for payload in PAYLOADS:
        assert payload in source
    dept = re.search(r'<dd id="doc-department">(.*?)</dd>', html).group(1)
    assert "<" not in dept and unescape(dept) == PAYLOADS[2]
    name = re.search(r'<h1 id="doc-name">(.*?)</h1>', html).group(1)
    assert "<" not in name and unescape(name) == PAYLOADS[1] + ".txt"
    data = page_data(html)
    assert data["doc"]["path"] == r.document.path
    assert data["findings"][0]["msg"].endswith(PAYLOADS[2])
    assert data["facts"][0][5:7] == [PAYLOADS[1], PAYLOADS[2]]


# ------------------------------------------------------------------------------ completeness


def test_full_source_with_line_numbers(seed, seed_html):
    p = parse(seed_html)
    doc = seed.document
    assert sorted(p.lines) == list(range(1, doc.line_count + 1))
    assert "\n".join(p.lines[n] for n in sorted(p.lines)) == "\n".join(
        doc.line_text(n) for n in range(1, doc.line_count + 1)
    )


def test_every_finding_span_is_highlighted_with_its_exact_text(seed, seed_html):
    p = parse(seed_html)
    data = page_data(seed_html)
    doc = seed.document
    assert len(data["findings"]) == len(seed.findings)
    for f, fd in zip(seed.findings, data["findings"], strict=True):
        spans = [f.span] + [r.span for r in f.related]
        kinds = dict(fd["s"])
        ids = list(kinds)
        assert kinds[ids[0]] == "p" and all(k == "r" for k in list(kinds.values())[1:])
        # each span id's marks, in order, spell the span's text (line breaks aside)
        by_text = {re.sub(r"[\r\n]", "", doc.original[s.start : s.end]) for s in spans}
        for sid in ids:
            assert "".join(p.marks[sid]) in by_text | {
                re.sub(r"[\r\n]", "", doc.original[o["span"].start : o["span"].end])
                for o in f.evidence.get("operands", [])
            }
        assert "".join(p.marks[ids[0]]) == re.sub(
            r"[\r\n]", "", doc.original[f.span.start : f.span.end]
        )


def test_primary_and_related_figures_have_distinct_styles(seed_html):
    classes = set(re.findall(r'<mark class="h (\w)"', seed_html))
    assert {"p", "r"} <= classes
    css = parse(seed_html).styles[0]
    p_rule = re.search(r"mark\.h\.p \{([^}]*)\}", css).group(1)
    r_rule = re.search(r"mark\.h\.r \{([^}]*)\}", css).group(1)
    assert p_rule != r_rule


def test_cards_show_what_the_terminal_shows(seed, seed_html):
    p = parse(seed_html)
    assert len(p.cards) == len(seed.findings)
    fps = {c["data-fp"] for c in p.cards}
    for f in seed.findings:
        d = finding_dict(seed.document, f, "zh")
        assert d["fingerprint"] in fps
        assert d["message"] in unescape(seed_html)
        formula = d["evidence"].get("formula")
        if formula:
            assert formula in unescape(seed_html)


def test_header_counts_and_coverage(seed, seed_html):
    c = counts([seed])
    text = re.sub(r"<[^>]+>", " ", seed_html)
    for sev, word in (("error", "错误"), ("warning", "警告"), ("info", "提示")):
        assert re.search(rf"\b{c[sev]}\s*{word}", text), sev
    assert f"提取数字 {c['figures_extracted']}" in text
    assert f"参与核对 {c['figures_checked']}" in text
    assert seed.department in text and str(seed.year) in text


def test_facts_table_data_covers_every_fact(seed, seed_html):
    data = page_data(seed_html)
    assert [x[0] for x in data["facts"]] == [f.id for f in seed.facts]
    for x, f in zip(data["facts"], seed.facts, strict=True):
        assert x[3] == seed.document.original[f.span.start : f.span.end]
        assert x[6] == f.scope and x[8] == f.q.unit
        assert x[9] == " ".join(sorted(set(f.used_by) - {"indicator"}))
    # "used by a check" means what the header's coverage counts
    assert sum(1 for x in data["facts"] if x[9]) == counts([seed])["figures_checked"]


def test_english_page(seed):
    html = render_page(seed, "en")
    assert '<html lang="en">' in html
    assert ">Review (" in html and ">Facts (" in html and "Errors</span>" in html
    text = unescape(html)
    for f in seed.findings:
        assert f.message["en"] in text
    assert "审阅" not in html and "错误" not in html


def test_cjk_font_fallbacks(seed_html):
    css = parse(seed_html).styles[0]
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"):
        assert font in css


def test_print_stylesheet_keeps_findings_and_hides_the_rest(seed_html):
    css = parse(seed_html).styles[0]
    block = css[css.index("@media print") :]
    assert ".source" in block and ".detail { display: block" in block


# ------------------------------------------------------------------------------ writing


def test_one_input_writes_one_file(seed, tmp_path):
    out = tmp_path / "r.html"
    assert write_html([seed], str(out), inputs=[str(SEED)]) == [str(out)]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [q.name for q in tmp_path.iterdir()] == ["r.html"]  # no temporary file left


def test_several_inputs_write_pages_and_an_index(seed, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    for d in (a, b):
        (d / "seed.txt").write_bytes(SEED.read_bytes())
    results = [audit(load_path(str(d / "seed.txt"))) for d in (a, b)]
    out = tmp_path / "out"
    written = write_html(results, str(out), inputs=[str(a / "seed.txt"), str(b / "seed.txt")])
    assert sorted(Path(w).name for w in written) == ["index.html", "seed-2.html", "seed.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="seed.html"' in index and 'href="seed-2.html"' in index
    assert index.count(f">{counts([results[0]])['error']}<") >= 2
    assert 'href="index.html"' in (out / "seed-2.html").read_text(encoding="utf-8")


def test_index_is_escaped(tmp_path):
    r = payload_result(tmp_path)
    html = render_index([("p.html", r)], "zh")
    p = parse(html)
    assert p.tags.count("img") == 0 and len(p.scripts) == 2
    assert not any(k.startswith("on") for _, k, _ in p.attrs_seen)


def test_several_inputs_make_a_directory_even_if_one_was_unreadable(seed, tmp_path):
    out = tmp_path / "site"
    write_html([seed], str(out), inputs=[str(SEED), str(tmp_path / "missing.txt")])
    assert sorted(q.name for q in out.iterdir()) == ["index.html", "seed-report-2023.html"]


def test_several_inputs_refuse_a_file_target(seed, tmp_path):
    target = tmp_path / "out.html"
    with pytest.raises(UsageError):
        write_html([seed, seed], str(target))
    target.write_text("x")
    with pytest.raises(UsageError):
        write_html([seed, seed], str(target))
    assert target.read_text() == "x"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_refuses_to_write_onto_its_input(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes(SEED.read_bytes())
    proc = _cli(str(report), "--html", str(report), "--exit-zero", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("audit-budget: error:") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr
    assert report.read_bytes() == SEED.read_bytes()
    # the same through another spelling of the path
    proc = _cli("r.txt", "--html", f"../{tmp_path.name}/r.txt", cwd=tmp_path)
    assert proc.returncode == 2 and report.read_bytes() == SEED.read_bytes()


def test_cli_html_for_a_directory_of_reports(tmp_path):
    for name in ("x.txt", "y.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_bytes(SEED.read_bytes())
    proc = _cli("in", "--html", "site", "--lang", "en", "--exit-zero", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(q.name for q in (tmp_path / "site").iterdir()) == [
        "index.html",
        "x.html",
        "y.html",
    ]
    assert '<html lang="en">' in (tmp_path / "site" / "x.html").read_text(encoding="utf-8")
