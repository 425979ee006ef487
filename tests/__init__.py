"""The test suite, a package: its helpers are imported as `tests.<module>`."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
