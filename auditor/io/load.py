"""Read a report from disk or stdin, detect its encoding, and build a Document."""

from __future__ import annotations

import os
import stat

from ..digest import sha256
from ..display import escape
from ..errors import InputError
from ..gcpause import paused_gc
from ..lazy_re import cached_re
from ..model import Document
from .normalize import normalize
from .reflow import reflow

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
XLSX_SUFFIXES = {".xlsx"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | XLSX_SUFFIXES

_CONTROL = cached_re(r"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])  # _CONTROL's characters


def control_count(text: str) -> int:
    """len(_CONTROL.findall(text)): the control characters are ASCII, so they are counted in
    the text's ASCII characters (kept by one encode, in C) by deleting them with bytes.translate,
    not by the engine's test of every character of a Chinese text."""
    ascii_part = text.encode("ascii", "ignore")
    return len(ascii_part) - len(ascii_part.translate(None, _CONTROL_BYTES))


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes → text. BOMs decide first, then UTF-8, then GB18030 (a superset of GBK)."""
    if encoding:
        try:
            # A BOM is not a character of the text: keep it out of columns (--encoding utf-8 on
            # a file saved with a BOM must give the same locations as detection does).
            return data.decode(encoding).removeprefix("\ufeff"), encoding
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode as {encoding} (byte {e.start})") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc.replace("-sig", "")), enc
            except UnicodeDecodeError as e:
                raise InputError(f"invalid {enc} text (byte {e.start + len(bom)})") from None
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"cannot detect the text encoding (not UTF-8: invalid byte at offset {utf8_error}; "
            "not GB18030); use --encoding"
        )
    return str(best), best.encoding


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes almost any byte string; real GBK text is mostly Han characters with at
    most a rare private-use one (Big5 or corrupt UTF-8 read as GB18030 yields many U+E000–U+F8FF)."""
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    pua = sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    return han >= max(1, len(text) // 20) and pua * 20 <= han


def load_bytes(
    data: bytes, path: str, encoding: str | None = None, layout: bool = False
) -> Document:
    """Bytes → Document. ``layout``: a PDF also keeps where its characters are printed, with
    the bytes themselves to render its pages from (see load_path for files)."""
    if not data.strip():
        raise InputError("empty file")
    sha = sha256(data).hexdigest()
    if data.startswith(b"%PDF"):
        from .pdf import load_pdf

        doc = load_pdf(data, path, sha, layout=layout)
        if doc.layout is not None:
            doc.layout.data = data
        return doc
    if data.startswith(b"PK\x03\x04"):
        from .xlsx import is_xlsx, load_xlsx

        if is_xlsx(data):
            return load_xlsx(data, path, sha)
        from .docx import load_docx

        return load_docx(data, path, sha)
    text, enc = decode(data, encoding)
    if not text.strip():
        raise InputError("empty file")
    ctrl = control_count(text)
    if ctrl > max(8, len(text) // 100):
        raise InputError("binary file (control characters), not a text report")
    with paused_gc():  # a line object per line, no cycles: the collector's passes are waste
        joined, cuts = reflow(normalize(text), text)
        return Document(path=path, original=text, text=joined, encoding=enc, sha256=sha, cuts=cuts)


# Larger inputs are refused: real reports are a few MB (a scanned 决算 PDF some tens), and an
# endless stream (/dev/zero on stdin) must stop somewhere instead of filling the memory.
MAX_INPUT_BYTES = 100 * 1024 * 1024


def _read_capped(f) -> bytes:
    data = f.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, not audited")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def load_path(path: str, encoding: str | None = None, layout: bool = False) -> Document:
    """A file (or - for stdin) → Document; ``layout`` as in load_bytes, except that a file's
    pages are rendered from the file again (its SHA-256 checked), not kept in memory."""
    if path == "-":
        import sys

        try:
            return load_bytes(_read_capped(sys.stdin.buffer), "<stdin>", encoding, layout)
        except InputError as e:
            raise InputError(f"<stdin>: {e}") from None
    shown = escape(path)  # what messages and reports call it: one printable line
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except OSError as e:
        raise InputError(f"{shown}: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{shown}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        # reading a FIFO blocks, /dev/zero and /dev/urandom never end: never opened
        raise InputError(f"{shown}: {_kind(st.st_mode)}, not a report file; skipped")
    try:
        with open(path, "rb") as f:
            data = _read_capped(f)
        doc = load_bytes(data, shown, encoding, layout)
        if doc.layout is not None:
            doc.layout.data, doc.layout.path = None, path
        return doc
    except OSError as e:
        raise InputError(f"{shown}: {e.strerror}") from None
    except InputError as e:
        raise InputError(f"{shown}: {e}") from None
