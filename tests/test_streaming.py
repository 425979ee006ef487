"""Speeches stream only to a live display that asks for them; a headless run asks for whole replies."""

from __future__ import annotations

import asyncio
from pathlib import Path

import yaml

from debate.league.config import load_league
from debate.orchestrator import run_tournament
from debate.record.events import TurnDelta
from debate.record.state import load_state
from debate.record.store import Store
from debate.testing import FakeOpenAIServer


def league_file(tmp_path: Path, data_dir: Path, base: str) -> Path:
    league = {"name": "hot", "seed": 1, "rounds": 1, "format": "oxford",
              "motions": [str(data_dir / "mini-pack.yaml")],
              "debaters": [{"name": f"m{i}", "model": "openai/fake", "api_base": base,
                            "api_key_env": "HOT_KEY"} for i in range(2)],
              "judges": [{"name": "hj", "model": "house/judge"}]}
    path = tmp_path / "league.yaml"
    path.write_text(yaml.safe_dump(league))
    return path


def test_headless_run_asks_for_whole_replies(tmp_path: Path, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOT_KEY", "sk-hot-0123456789")
    seen: list = []
    with FakeOpenAIServer() as srv:
        path = league_file(tmp_path, data_dir, srv.base_url)
        with Store(tmp_path / "h.db") as store:
            asyncio.run(run_tournament(load_league(path), store, on_event=seen.append))
            state = load_state(store)
        assert srv.calls == 6 and not any(r.get("stream") for r in srv.requests)
    assert not any(isinstance(e, TurnDelta) for e in seen)
    assert state.finished and len(state.debates["r1-d1"].speeches) == 6


def test_live_display_gets_streamed_deltas(tmp_path: Path, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOT_KEY", "sk-hot-0123456789")
    class Live:
        wants_deltas = True  # what a live viewer sets to see speeches as they stream

        def __init__(self) -> None:
            self.events: list = []

        def __call__(self, ev) -> None:
            self.events.append(ev)

    live = Live()
    with FakeOpenAIServer() as srv:
        path = league_file(tmp_path, data_dir, srv.base_url)
        with Store(tmp_path / "l.db") as store:
            asyncio.run(run_tournament(load_league(path), store, on_event=live))
            state = load_state(store)
        assert srv.calls == 6 and all(r.get("stream") for r in srv.requests)
    speeches = state.debates["r1-d1"].speeches
    for s in speeches:
        streamed = "".join(e.text for e in live.events if isinstance(e, TurnDelta) and e.index == s.index)
        assert streamed.strip() == s.text
