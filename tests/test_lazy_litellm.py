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


def test_house_models_travel_litellms_dispatch(monkeypatch) -> None:
    """The offline default exercises the production path: a house call, plain or streamed, is
    answered by litellm.acompletion (the house models are a litellm custom provider), and the
    text litellm returns is what the gateway hands back."""
    import asyncio

    from debate.gateway.gateway import Gateway
    from debate.gateway.llm import litellm
    from debate.league.config import ModelEntry

    lm = litellm()
    seen: list[tuple[str, bool]] = []
    real = lm.acompletion

    async def spy(*args, **kwargs):
        seen.append((kwargs["model"], bool(kwargs.get("stream"))))
        return await real(*args, **kwargs)

    monkeypatch.setattr(lm, "acompletion", spy)
    entry = ModelEntry(name="c", model="house/club")
    messages = [{"role": "system", "content": "You are the proposition. Speak for the motion."},
                {"role": "user", "content": "Motion: This House would ban homework. Opening speech, 120 words."}]
    pieces: list[str] = []

    async def both():
        gw = Gateway(None, max_retries=0)
        plain = await gw.complete(entry, messages, key="k1")
        streamed = await gw.complete(entry, messages, key="k2", stream=True, on_delta=pieces.append)
        return plain, streamed

    plain, streamed = asyncio.run(both())
    assert seen == [("house/club", False), ("house/club", True)]
    assert plain.text == streamed.text == "".join(pieces) and len(plain.text.split()) > 20
    assert plain.finish_reason == "stop" and plain.completion_tokens > 0
