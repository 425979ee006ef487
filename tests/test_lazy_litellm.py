"""Startup stays light: `debate --help` and the data commands never import litellm, nor the
report's matplotlib and Jinja2; `debate report` imports those, never litellm."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
from debate.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in ("litellm", "openai", "aiohttp", "httpx", "matplotlib", "jinja2")
               if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def imported_heavy(*args: str, tmp: Path | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=tmp or ROOT,
                         capture_output=True, text=True, timeout=120).stdout
    return out.rsplit("HEAVY:", 1)[1].strip()


def test_help_does_not_import_litellm() -> None:
    assert imported_heavy("--help") == ""
    assert imported_heavy("run", "--help") == ""


def test_reading_results_does_not_import_litellm(tmp_path: Path) -> None:
    from debate.record.events import RunNote, TournamentStarted
    from debate.record.store import Store

    db = tmp_path / "r.db"
    with Store(db) as st:
        st.append(TournamentStarted(league="x", config={"name": "x", "rounds": 1, "debaters": [
            {"name": "a", "model": "house/club"}, {"name": "b", "model": "house/club"}]}))
        st.append(RunNote(message="hello"))
    assert imported_heavy("standings", str(db), tmp=tmp_path) == ""
    assert imported_heavy("export", str(db), "-f", "json", tmp=tmp_path) == ""
    assert imported_heavy("report", str(db), "-o", str(tmp_path / "r.html"), tmp=tmp_path) == "jinja2"


def test_motion_commands_do_not_import_litellm() -> None:
    pack = str(ROOT / "motions" / "general-en.yaml")
    for args in (("motions", "--help"), ("motions", "list"), ("motions", "show", pack),
                 ("motions", "validate", pack), ("motions", "lint", pack)):
        assert imported_heavy(*args) == "", args
