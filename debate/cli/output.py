"""Writing output files without ever leaving a half-written or clobbered one."""

from __future__ import annotations

from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a temporary file renamed into place, so a crash leaves the old file or the new.

    A symlink or special file (/dev/stdout is both) is written through, never renamed over.
    """
    if path.is_symlink() or (path.exists() and not path.is_file()):
        path.write_text(text, encoding="utf-8")
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
