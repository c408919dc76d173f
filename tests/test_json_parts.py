"""--format json is written in parts (writers/json_format.render_parts) so a large report's output
is never held whole; the parts must make exactly the document json.dumps writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.io import load_path
from auditor.io.atomic import write_atomic
from auditor.writers import json_format
from auditor.writers.json_format import document, render_parts

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def results() -> list:
    clean = [p for p in SAMPLES if p.name.startswith("clean-")][:2]
    other = [p for p in SAMPLES if not p.name.startswith("clean-")][:4]
    return [audit(load_path(str(p))) for p in clean + other]


def _dumped(results: list, lang: str) -> str:
    return json.dumps(document(results, lang), ensure_ascii=False) + "\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parts_are_the_document(results: list, lang: str, monkeypatch) -> None:
    assert any(r.findings for r in results) and any(not r.findings for r in results)
    monkeypatch.setattr(json_format, "PART_CHARS", 300)  # many parts, each a few findings
    parts = list(render_parts(results, lang))
    assert len(parts) > len(results) + 2
    assert "".join(parts) == _dumped(results, lang)


def test_parts_of_one_and_of_none(results: list) -> None:
    for rs in ([], results[:1]):
        assert "".join(render_parts(rs)) == _dumped(rs, "zh")


def test_parts_written_atomically(results: list, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    write_atomic(str(out), render_parts(results))
    assert out.read_bytes() == _dumped(results, "zh").encode("utf-8")


def test_the_c_encoder_called_directly_is_json_dumps() -> None:
    """json_format encodes with _json's encoder without importing json: the same text as
    json.dumps(ensure_ascii=False) on every kind of value, and the same error."""
    import json
    import math

    import pytest

    from auditor.writers.json_format import _encode

    values = [
        {"a": [1, 2.5, -0.0, 1e300, None, True, False], "中文": "“引号”\n\t\\ \u2028 \x00"},
        [math.inf, -math.inf, math.nan, 10**30, "", {}, []],
        "plain string",
        3,
        {"nested": {"deep": [{"x": "y"}] * 3}},
    ]
    for v in values:
        assert _encode(v) == json.dumps(v, ensure_ascii=False)
    with pytest.raises(TypeError, match="not JSON serializable"):
        _encode({"s": {1, 2}})
