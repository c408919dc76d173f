"""--format json: one document, stable, described by schema/findings.schema.json.

Written on one line by json's C encoder (pipe it through `python -m json.tool` or `jq .` to read it).
The command line writes it in pieces (render_parts): a finding at a time, its dict encoded and
dropped, so a large report's output is never held whole — neither as Python data nor as one
string — on top of its results.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..gcpause import paused_gc
from ..model import Result
from .common import Locations, counts, finding_dict

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
            where = Locations(r.document)
            batch: list[str] = []
            size = 0
            for k, f in enumerate(r.findings):
                batch.append(
                    (", " if k else "") + _encode(finding_dict(r.document, f, lang, where))
                )
                size += len(batch[-1])
                if size >= PART_CHARS:
                    yield "".join(batch)
                    batch, size = [], 0
            batch.append("]}")
            yield "".join(batch)
        yield '], "summary": ' + _encode(counts(results)) + "}\n"


def render(results: list[Result], lang: str = "zh", **_: object) -> str:
    return "".join(render_parts(results, lang))
