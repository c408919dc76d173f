"""Loading: bytes on disk (or stdin) → Document."""

from .load import load_bytes, load_path

__all__ = ["load_bytes", "load_path"]
