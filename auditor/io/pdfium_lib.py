"""The pdfium functions the PDF reader calls, bound directly from pypdfium2's shared library.

pypdfium2 (Apache-2.0/BSD) ships pdfium as a shared library beside its generated bindings. Those
bindings declare every pdfium function, which takes 25–60 ms to import; a PDF run needs about
thirty functions, so they are declared here, with plain pointer and integer arguments (ctypes
converts less, and handles come back as ints that can be cached on). The library is found where
pypdfium2 installs it, without importing pypdfium2; when it is elsewhere (a build against a
system pdfium), pypdfium2's own bindings are imported and their functions used.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from pathlib import Path

from ..errors import InputError

PAGEOBJ_PATH = 2
PAGEOBJ_FORM = 5
SEGMENT_MOVETO = 2


class RectF(ctypes.Structure):
    _fields_ = [("left", ctypes.c_float), ("top", ctypes.c_float),
                ("right", ctypes.c_float), ("bottom", ctypes.c_float)]  # fmt: skip


class Matrix(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in "abcdef"]


_P, _I, _F, _B = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_int
_SIGNATURES: dict[str, tuple] = {
    # name: (restype, *argtypes)
    "FPDF_InitLibrary": (None,),
    "FPDF_LoadMemDocument64": (_P, _P, ctypes.c_size_t, ctypes.c_char_p),
    "FPDF_GetLastError": (ctypes.c_ulong,),
    "FPDF_GetPageCount": (_I, _P),
    "FPDF_CloseDocument": (None, _P),
    "FPDF_LoadPage": (_P, _P, _I),
    "FPDF_ClosePage": (None, _P),
    "FPDF_GetPageBoundingBox": (_B, _P, _P),
    "FPDF_GetPageWidthF": (_F, _P),
    "FPDF_GetPageHeightF": (_F, _P),
    "FPDFPage_GetMediaBox": (_B, _P, _P, _P, _P, _P),
    "FPDFPage_GetRotation": (_I, _P),
    "FPDFText_LoadPage": (_P, _P),
    "FPDFText_ClosePage": (None, _P),
    "FPDFText_CountChars": (_I, _P),
    "FPDFText_GetText": (_I, _P, _I, _I, _P),
    "FPDFText_GetUnicode": (ctypes.c_uint, _P, _I),
    "FPDFText_IsGenerated": (_I, _P, _I),
    "FPDFText_GetLooseCharBox": (_B, _P, _I, _P),
    "FPDFText_GetTextObject": (_P, _P, _I),
    "FPDFText_GetMatrix": (_B, _P, _I, _P),
    "FPDFText_GetFontSize": (ctypes.c_double, _P, _I),
    "FPDFPage_CountObjects": (_I, _P),
    "FPDFPage_GetObject": (_P, _P, _I),
    "FPDFPageObj_GetType": (_I, _P),
    "FPDFPageObj_GetMatrix": (_B, _P, _P),
    "FPDFFormObj_CountObjects": (_I, _P),
    "FPDFFormObj_GetObject": (_P, _P, ctypes.c_ulong),
    "FPDFPath_GetDrawMode": (_B, _P, _P, _P),
    "FPDFPath_CountSegments": (_I, _P),
    "FPDFPath_GetPathSegment": (_P, _P, _I),
    "FPDFPathSegment_GetPoint": (_B, _P, _P, _P),
    "FPDFPathSegment_GetType": (_I, _P),
    "FPDFPathSegment_GetClose": (_B, _P),
}


class Handle(ctypes.c_void_p):
    """A pdfium handle returned as it is (a subclass is not turned into an int), to be passed
    on to a raw function without a conversion."""


# The functions called once or more per character or path segment, bound a second time without
# argument types: ctypes then converts nothing and builds no argument object, which takes a third
# off each call (of about 4,000 instructions). Their arguments must be ctypes objects (handles
# and pointers as c_void_p, Handle or byref) or ints that fit a C int (indexes). They keep the
# GIL (PYFUNCTYPE): each is a look-up of a microsecond, where releasing and taking back the
# lock costs another tenth; the page-sized calls (loading a page, its text) still release it.
_RAW: dict[str, type | None] = {
    # name: restype
    "FPDFText_GetLooseCharBox": _B,
    "FPDFText_GetTextObject": _P,  # compared and cached by value: an int
    "FPDFText_IsGenerated": _I,
    "FPDFText_GetUnicode": ctypes.c_uint,
    "FPDFText_GetMatrix": _B,
    "FPDFText_GetFontSize": ctypes.c_double,
    "FPDFPage_GetObject": _P,  # compared with the text objects by value: an int
    "FPDFPageObj_GetType": _I,
    "FPDFPageObj_GetMatrix": _B,
    "FPDFPath_GetDrawMode": _B,
    "FPDFPath_CountSegments": _I,
    "FPDFPath_GetPathSegment": Handle,
    "FPDFPathSegment_GetPoint": _B,
    "FPDFPathSegment_GetType": _I,
    "FPDFPathSegment_GetClose": _B,
}


class RawFunctions:
    """The _RAW functions as attributes, without argument types (see _RAW)."""


class Pdfium:
    """pdfium's functions as attributes named as in its headers (FPDF_LoadPage, ...); ``raw``
    holds the hot ones again without argument types."""

    def __init__(self, address_of) -> None:
        for name, (restype, *argtypes) in _SIGNATURES.items():
            proto = ctypes.CFUNCTYPE(restype, *argtypes)
            setattr(self, name, proto(address_of(name)))
        self.raw = RawFunctions()
        for name, restype in _RAW.items():
            setattr(self.raw, name, ctypes.PYFUNCTYPE(restype)(address_of(name)))
        self.FPDF_InitLibrary()  # a no-op when pypdfium2 initialised it already


def _library_file() -> Path | None:
    """pypdfium2's pdfium library, found without importing pypdfium2."""
    try:
        spec = importlib.util.find_spec("pypdfium2_raw")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    for folder in spec.submodule_search_locations:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


_lib: Pdfium | None = None


def pdfium() -> Pdfium:
    """The bound functions, loaded (and pdfium initialised) on the first PDF of a run."""
    global _lib
    if _lib is None:
        path = _library_file()
        if path is not None:
            dll = ctypes.CDLL(str(path))
            _lib = Pdfium(lambda name: ctypes.cast(getattr(dll, name), ctypes.c_void_p).value)
        else:
            try:
                import pypdfium2_raw as raw
            except ImportError:  # pragma: no cover - the pdf extra is part of the install
                raise InputError(
                    "reading PDF needs pypdfium2: pip install 'audit-budget[pdf]'"
                ) from None
            _lib = Pdfium(lambda name: ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)
    return _lib
