"""What a batch worker sends back: a Result trimmed to what the requested writers read.

A worker process (``--jobs``) or a Dask worker (``--engine dask``) pickles its Result for the
parent, which only writes it. The whole Result is about five times its input (the Document holds the
text twice, every Fact is a dozen small objects), and unpickling it cost the parent about a tenth of
the batch's work. What each writer reads:

- every format: the path, sha256 and encoding, the findings, and positions (line, column, page) of
  their spans, which need the line starts, page starts and reflow cuts, not the text;
- ``full``, ``json``, ``sarif`` and ``--export``: the original characters a finding or related span
  covers (``Document.source``, ``line_text``), so the original text when a file has findings;
- ``concise``, ``github``, ``junit``, the baseline: no text at all;
- every summary: how many figures were extracted and checked (``Result.figures_*``), not the facts;
- ``--export``: the facts (the facts table);
- ``--html``: everything (text, tables, facts), so nothing is trimmed.

The trimmed Result is the same type: its Document keeps its path, offsets and (when needed) its
original text, with ``text`` and ``tables`` emptied; its facts are dropped with their counts kept.
"""

from __future__ import annotations

from .model import Result
from .record import FrozenRecord

# formats whose output quotes the source (a finding's text, its source line, related text)
QUOTING = frozenset({"full", "json", "sarif"})


class Keep(FrozenRecord):
    """The parts of a Result the parent's writers read; the default keeps everything."""

    document: bool  # the whole Document (normalised text, tables): the HTML page
    source: bool  # the original text, when the file has findings to quote
    facts: bool  # every Fact (the export's facts table), not only their counts

    def __init__(self, document: bool = True, source: bool = True, facts: bool = True) -> None:
        self.__dict__.update(document=document, source=source, facts=facts)

    @classmethod
    def for_outputs(cls, fmt: str, html: bool = False, export: bool = False) -> Keep:
        if html:
            return cls()
        return cls(document=False, source=fmt in QUOTING or export, facts=export)


def trim(result: Result, keep: Keep) -> Result:
    """`result` with what `keep` leaves out dropped; the result itself is not changed."""
    if keep.document and keep.facts:
        return result
    out = result.shallow_copy()
    if not keep.facts:
        out.figure_counts = (result.figures_extracted, result.figures_checked)
        out.facts = []
    if not keep.document:
        doc = (
            result.document.shallow_copy()
        )  # offsets, line starts and cuts are shared, not rebuilt
        doc.text = ""
        doc.tables = []
        if not (keep.source and result.findings):
            doc.original = ""
        out.document = doc
    return out
