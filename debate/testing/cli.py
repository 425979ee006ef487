"""Run the `debate` command in-process, as a test would, and return its exit status."""

from __future__ import annotations


def run_cli(*args: str) -> int:
    from ..cli import main

    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
