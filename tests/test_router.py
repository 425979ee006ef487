"""Several deployments of one model: litellm's Router spreads calls and survives a dead server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from debate.errors import UserError
from debate.gateway import Gateway
from debate.gateway.router import model_list
from debate.league.config import load_league
from debate.orchestrator import run_tournament
from debate.record.events import SpeechDone
from debate.record.state import load_state
from debate.record.store import Store
from debate.testing import FakeOpenAIServer


def write_league(tmp_path: Path, data_dir: Path, debaters: list[dict], judges: list[dict],
                 rounds: int = 2) -> Path:
    league = {"name": "routed", "seed": 2, "rounds": rounds, "format": "oxford",
              "motions": [str(data_dir / "mini-pack.yaml")], "debaters": debaters, "judges": judges}
    path = tmp_path / "league.yaml"
    path.write_text(yaml.safe_dump(league, sort_keys=False))
    return path


def routed(name: str, bases: list[str], **extra) -> dict:
    # judges: another model and family than the debaters', so that they may judge them
    return {"name": name, "model": "openai/fake", "api_key_env": "ROUTER_KEY_A",
            "deployments": [{"api_base": b} for b in bases], **extra}


def test_deployments_parse_and_become_router_deployments(tmp_path, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("ROUTER_KEY_A", "sk-router-a-0123456789")
    monkeypatch.setenv("ROUTER_KEY_B", "sk-router-b-0123456789")
    deps = [{"api_base": "http://127.0.0.1:1/v1", "rpm": 60},
            {"api_base": "http://127.0.0.1:2/v1", "api_key_env": "ROUTER_KEY_B", "tpm": 1000}]
    path = write_league(tmp_path, data_dir, [{"name": "a", "model": "openai/x", "api_key_env": "ROUTER_KEY_A",
                                              "deployments": deps},
                                             {"name": "b", "model": "house/club"}],
                        [{"name": "j", "model": "house/judge"}])
    entry = load_league(path).entry("a")
    ml = model_list(entry)
    assert [d["model_name"] for d in ml] == ["a", "a"]
    assert [d["litellm_params"]["api_base"] for d in ml] == ["http://127.0.0.1:1/v1", "http://127.0.0.1:2/v1"]
    # a deployment without its own key variable uses the entry's
    assert [d["litellm_params"]["api_key"] for d in ml] == ["sk-router-a-0123456789", "sk-router-b-0123456789"]
    assert ml[0]["litellm_params"]["rpm"] == 60 and "tpm" not in ml[0]["litellm_params"]
    assert ml[1]["litellm_params"]["tpm"] == 1000
    assert all(d["litellm_params"]["max_retries"] == 0 for d in ml)
    assert set(entry.secrets()) == {"sk-router-a-0123456789", "sk-router-b-0123456789"}
    # a price litellm does not know is said outright (zero, or the entry's own)
    assert "input_cost_per_token" not in ml[0]["litellm_params"]
    unpriced = model_list(entry, priced=False)[0]["litellm_params"]
    assert (unpriced["input_cost_per_token"], unpriced["output_cost_per_token"]) == (0.0, 0.0)
    own = entry.model_copy(update={"price": {"input_per_mtok": 2.0, "output_per_mtok": 8.0}})
    own = type(entry).model_validate(own.model_dump())
    rates = model_list(own, priced=True)[1]["litellm_params"]
    assert (rates["input_cost_per_token"], rates["output_cost_per_token"]) == (2e-6, 8e-6)


def test_deployment_errors_name_the_field(tmp_path, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("ROUTER_KEY_A", "sk-router-a-0123456789")
    monkeypatch.delenv("ROUTER_KEY_MISSING", raising=False)
    deps = [{"api_base": "http://127.0.0.1:1/v1"},
            {"api_base": "http://127.0.0.1:2/v1", "api_key_env": "ROUTER_KEY_MISSING"}]
    path = write_league(tmp_path, data_dir, [routed("a", []) | {"deployments": deps},
                                             {"name": "b", "model": "house/club"}],
                        [{"name": "j", "model": "house/judge"}])
    with pytest.raises(UserError) as err:
        load_league(path)
    assert "ROUTER_KEY_MISSING" in str(err.value)
    assert err.value.field == "debaters.0.deployments.1.api_key_env"
    assert err.value.line is not None

    both = routed("a", ["http://127.0.0.1:1/v1"]) | {"api_base": "http://127.0.0.1:3/v1"}
    path = write_league(tmp_path, data_dir, [both, {"name": "b", "model": "house/club"}],
                        [{"name": "j", "model": "house/judge"}])
    with pytest.raises(UserError) as err:
        load_league(path)
    assert "either api_base or deployments" in str(err.value)

    bad = routed("a", ["http://127.0.0.1:1/v1"])
    bad["deployments"][0]["rpm"] = 0
    path = write_league(tmp_path, data_dir, [bad, {"name": "b", "model": "house/club"}],
                        [{"name": "j", "model": "house/judge"}])
    with pytest.raises(UserError) as err:
        load_league(path)
    assert "rpm" in str(err.value)


def test_calls_spread_over_both_servers(tmp_path, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("ROUTER_KEY_A", "sk-canary-router-0123456789")
    with FakeOpenAIServer() as s1, FakeOpenAIServer() as s2:
        bases = [s1.base_url, s2.base_url]
        path = write_league(tmp_path, data_dir, [routed(f"m{i}", bases) for i in range(4)],
                            [routed("j1", bases, model="openai/fake-judge", family="fake-judges")], rounds=2)
        db = tmp_path / "spread.db"
        with Store(db) as store:
            asyncio.run(run_tournament(load_league(path), store))
            state = load_state(store)
        # 2 rounds x 2 debates x (6 speeches + 1 judge reading in 2 orders), spread by the Router
        assert s1.calls + s2.calls == 32
        assert s1.calls > 0 and s2.calls > 0
        assert all(r["_headers"]["authorization"] == "Bearer sk-canary-router-0123456789"
                   for r in s1.requests + s2.requests)
    # (the stock reply always favours Side A, so the position swap makes draws: no forfeits)
    assert state.finished and all(r.result != "forfeit" for r in state.results())
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("spread.db*"))
    assert b"sk-canary-router" not in raw


def test_league_completes_when_one_server_dies(tmp_path, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("ROUTER_KEY_A", "sk-router-a-0123456789")
    s1, s2 = FakeOpenAIServer().start(), FakeOpenAIServer().start()
    try:
        bases = [s1.base_url, s2.base_url]
        path = write_league(tmp_path, data_dir, [routed(f"m{i}", bases) for i in range(6)],
                            [routed("j1", bases, model="openai/fake-judge", family="fake-judges"),
                             routed("j2", bases, model="openai/fake-judge", family="fake-judges")], rounds=3)
        killed: dict[str, int] = {}

        def on_event(ev) -> None:
            # Mid-league, mid-round: the first speech of round 2, other debates still speaking.
            if isinstance(ev, SpeechDone) and ev.debate_id.startswith("r2-") and not killed:
                s1.stop()
                killed["s1_calls"], killed["s2_calls"] = s1.calls, s2.calls

        with Store(tmp_path / "kill.db") as store:
            gw = Gateway(store, max_retries=6, backoff_s=0.01, max_backoff_s=0.05, seed=1)
            asyncio.run(run_tournament(load_league(path), store, gateway=gw, on_event=on_event))
            state = load_state(store)
        assert killed, "the server was never stopped"
        assert killed["s1_calls"] > 0  # it did serve before it died
        assert s1.calls == killed["s1_calls"]  # and nothing after
        assert s2.calls > killed["s2_calls"]  # the rest of the league ran on the other server
        assert state.finished
        results = state.results()
        assert len(results) == 9 and all(r.result != "forfeit" for r in results)
        assert gw.stats.retries > 0  # the calls cut by the kill were retried, not forfeited
    finally:
        s1.stop()
        s2.stop()
