"""--format json: one document, stable, described by schema/findings.schema.json.

Written on one line by json's C encoder (pipe it through `python -m json.tool` or `jq .` to read it).
The command line writes it in pieces (render_parts): a finding at a time, its dict encoded and
dropped, so a large report's output is never held whole — neither as Python data nor as one
string — on top of its results.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import rules
from ..gcpause import paused_gc
from ..model import Document, Finding, Result, Span
from .common import Locations, _plain, counts, finding_dict, role

SCHEMA_VERSION = 1


def result_dict(r: Result, lang: str, findings: bool = True) -> dict:
    """One file's entry; findings=False leaves its findings out (render_parts adds them)."""
    out = {
        "path": r.document.path,
        "sha256": r.document.sha256,
        "encoding": r.document.encoding,
        "department": r.department,
        "year": r.year,
        "figures_extracted": r.figures_extracted,
        "figures_checked": r.figures_checked,
    }
    if findings:
        where = Locations(r.document)
        out["findings"] = [finding_dict(r.document, f, lang, where) for f in r.findings]
    return out


def document(results: list[Result], lang: str = "zh") -> dict:
    """The document as Python data (the API's json_document)."""
    return {
        "version": SCHEMA_VERSION,
        "tool": "audit-budget",
        "files": [result_dict(r, lang) for r in results],
        "summary": counts(results),
    }


# No indent: json's C encoder then does the work (with indent=2 it falls back to the pure-Python
# one, several times slower on large reports; so does iterencode). The document is one line.
# The C encoder is called as json.JSONEncoder(ensure_ascii=False).encode calls it, without
# importing json (its decoder and scanner come with it: about 3M instructions a run).
try:
    from _json import encode_basestring as _c_string
    from _json import make_encoder as _c_make_encoder
except ImportError:  # pragma: no cover - a Python without the C accelerator
    _c_make_encoder = None


def _not_serializable(o: object) -> object:
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


_ENCODER = None  # made on first use: one C encoder for every piece


def _encode(o: object) -> str:
    """json.dumps(o, ensure_ascii=False, check_circular=False): the writers' data are plain
    dicts, lists and strings made for this output, without cycles; the circular check kept a
    dict of the id of every list and dict on the way down (tests/test_fast_paths_text2.py)."""
    global _ENCODER
    if _c_make_encoder is None:  # pragma: no cover
        import json

        return json.dumps(o, ensure_ascii=False, check_circular=False)
    if _ENCODER is None:
        # (markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys,
        # allow_nan): JSONEncoder's defaults with ensure_ascii=False and no circular check
        _ENCODER = _c_make_encoder(None, _not_serializable, _c_string, None, ": ", ", ", False,
                                   False, True)  # fmt: skip
    return "".join(_ENCODER(o, 0))


PART_CHARS = 1 << 16  # findings are joined into pieces of about this many characters


class _Places(Locations):
    """Locations, and each span's location as the JSON text the encoder writes for its dict,
    made once a span: a figure is the operand of several findings (its location a fifth of the
    encoder's work, four ints and four keys each time)."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self._json: dict[tuple[int, int], str] = {}

    def json(self, span: Span) -> str:
        key = (span.start, span.end)
        got = self._json.get(key)
        if got is None:
            # location(doc, span) as the encoder writes its dict: ints as they print
            line, column, page = self.doc.place(span.start)
            end_line, end_column, _ = self.doc.place(max(span.start, span.end - 1))
            got = (
                f'{{"line": {line}, "column": {column}, "end_line": {end_line}, '
                f'"end_column": {end_column + 1}' + ("}" if page is None else f', "page": {page}}}')
            )
            self._json[key] = got
        return got


def _value(doc: Document, v: object, where: _Places) -> str:
    """_encode(_plain(doc, v, where)): a string or an int (most values) written as the encoder
    writes it, without a call into it; anything else encoded by it."""
    t = type(v)
    if t is str:
        return _c_string(v)
    if t is int:
        return int.__repr__(v)
    if t is list and all(type(x) is str for x in v):  # "values": the figures as written
        return "[" + ", ".join(map(_c_string, v)) + "]"
    return _encode(_plain(doc, v, where))


def _operand(doc: Document, op: object, where: _Places) -> str | None:
    """An operand of the evidence as finding_dict writes it (its span turned into a location and
    moved to the end), or None for a shape it does not take (the plain way writes that)."""
    if type(op) is not dict or "location" in op or type(op.get("span")) is not Span:
        return None
    # (a string, most values, written here without _value's call)
    items = [
        f"{_c_string(k)}: {_c_string(v) if type(v) is str else _value(doc, v, where)}"
        for k, v in op.items()
        if k != "span"
    ]
    items.append('"location": ' + where.json(op["span"]))
    return "{" + ", ".join(items) + "}"


def _evidence(doc: Document, ev: object, where: _Places) -> str:
    """_encode of finding_dict's evidence: its operands' locations written from their spans'
    JSON (_Places.json), the rest as the encoder writes it."""
    if type(ev) is not dict or not all(type(k) is str for k in ev):
        return _plain_evidence(doc, ev, where)
    items = []
    for k, v in ev.items():
        if k == "operands" and type(v) is list:
            ops = [_operand(doc, op, where) for op in v]
            if None in ops:
                return _plain_evidence(doc, ev, where)
            items.append('"operands": [' + ", ".join(ops) + "]")  # type: ignore[arg-type]
        else:
            items.append(f"{_c_string(k)}: {_value(doc, v, where)}")
    return "{" + ", ".join(items) + "}"


def _plain_evidence(doc: Document, ev: object, where: _Places) -> str:
    out = _plain(doc, ev, where)
    for op in out.get("operands", []):  # as finding_dict does
        if "span" in op:
            op["location"] = op.pop("span")
    return _encode(out)


def finding_json(doc: Document, f: Finding, lang: str, where: _Places) -> str:
    """_encode(finding_dict(doc, f, lang, where)), the same characters (tests/test_json_parts.py
    and tests/test_fast_paths_text4.py), written key by key: strings and ints as the encoder
    writes them, every location once a span."""
    if _c_make_encoder is None:  # pragma: no cover - a Python without the C accelerator
        return _encode(finding_dict(doc, f, lang, where))
    related = ", ".join(
        f'{{"role": {_value(doc, role(r.role, lang), where)}, "location": {where.json(r.span)}, '
        f'"text": {_c_string(doc.source(r.span)[:200])}}}'  # (a str: the source's characters)
        for r in f.related
    )
    return (
        f'{{"rule": {_value(doc, f.rule, where)}, '
        f'"name": {_value(doc, rules()[f.rule].name, where)}, '
        f'"severity": {_value(doc, f.severity.value, where)}, '
        f'"message": {_value(doc, f.message[lang], where)}, '
        f'"location": {where.json(f.span)}, '
        f'"text": {_value(doc, doc.source(f.span), where)}, '
        f'"related": [{related}], '
        f'"evidence": {_evidence(doc, f.evidence, where)}, '
        f'"fingerprint": {_value(doc, f.fingerprint, where)}}}'
    )


def _opened(d: dict, key: str) -> str:
    """d encoded up to its last key's list, left open: '{"a": 1, "key": ['."""
    return _encode({**d, key: []})[:-2]


def render_parts(results: list[Result], lang: str = "zh", **_: object) -> Iterator[str]:
    """render()'s text in pieces, the same characters as json.dumps of document() (a test
    holds them equal)."""
    # Plain dicts and strings, no cycles: with the collector running, the first allocations after
    # an audit would have it walk every object the audit made (a tenth of the time at 4 MB).
    with paused_gc():
        yield _opened({"version": SCHEMA_VERSION, "tool": "audit-budget"}, "files")
        for i, r in enumerate(results):
            yield (", " if i else "") + _opened(result_dict(r, lang, findings=False), "findings")
            where = _Places(r.document)
            batch: list[str] = []
            size = 0
            for k, f in enumerate(r.findings):
                batch.append((", " if k else "") + finding_json(r.document, f, lang, where))
                size += len(batch[-1])
                if size >= PART_CHARS:
                    yield "".join(batch)
                    batch, size = [], 0
            batch.append("]}")
            yield "".join(batch)
        yield '], "summary": ' + _encode(counts(results)) + "}\n"


def render(results: list[Result], lang: str = "zh", **_: object) -> str:
    return "".join(render_parts(results, lang))
