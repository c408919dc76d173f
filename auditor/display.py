"""Text from a report or a file name, made safe to print: nothing in it can drive a terminal.

A report (or a file name) may hold ESC sequences that set the terminal title, hide text, clear
the screen or plant OSC-8 links, bidi overrides that reorder what the reviewer reads, and bytes
that are not UTF-8 (a file name on Linux is bytes). Every text format and every error line shows
such characters as visible escapes instead: \\x1b, \\u202e, and \\xNN for a byte of a file name.
"""

from __future__ import annotations

import re

from .lazy_re import lazy

# C0 controls (but tab), DEL, C1 controls, the bidi embeddings, overrides and isolates and the
# directional marks, line and paragraph separators, and lone surrogates (undecodable file-name
# bytes under Python's surrogateescape).
_UNSAFE = lazy(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def _show(m: re.Match) -> str:
    c = m.group(0)
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte surrogateescape could not decode
        return f"\\x{n - 0xDC00:02x}"
    if c == "\n":
        return "\\n"
    if c == "\r":
        return "\\r"
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def escape(s: str) -> str:
    """One line of printable text: controls, bidi overrides and undecodable bytes escaped."""
    return _UNSAFE.sub(_show, s)


def escape_lines(s: str) -> str:
    """Like escape() but keeps line breaks (for a block of text a writer laid out itself)."""
    return "\n".join(escape(line) for line in s.split("\n"))
