"""SHA-256 and BLAKE2b digests without loading OpenSSL for small inputs.

Importing `hashlib` loads OpenSSL's libcrypto (about 3 ms, a fortieth of a small audit's run).
CPython's own implementations, hashlib's fallbacks `_sha256` and `_blake2`, give the same digests
without it; BLAKE2b is CPython's own in hashlib too, but its SHA-256 is eight times slower than
OpenSSL's, so an input of 1 MB or more is hashed by hashlib's, and so is every input once hashlib
is loaded anyway (OpenSSL's `_hashlib`: a large report's read loaded it: its findings' fingerprints, some of which
hash a whole pasted block, then cost an eighth).
"""

from __future__ import annotations

import sys

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the module
    from hashlib import blake2b

try:
    from _sha256 import sha256 as _own_sha256
except ImportError:  # pragma: no cover
    _own_sha256 = None

_OPENSSL_FROM = 1 << 20  # bytes: where OpenSSL's speed pays for loading it

__all__ = ["blake2b", "sha256"]


def sha256(data: bytes):  # noqa: ANN201 - hashlib's hash object type is private
    """`hashlib.sha256(data)`."""
    # "_hashlib", not "hashlib": the program's stand-in for hashlib (auditor/__main__.py) loads
    # no OpenSSL until something uses it
    if _own_sha256 is None or len(data) >= _OPENSSL_FROM or "_hashlib" in sys.modules:
        import hashlib

        return hashlib.sha256(data)
    return _own_sha256(data)
