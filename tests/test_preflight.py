"""Preflight: before round 1 every model is checked (key, server, one tiny call); a league
that cannot work stops with exit 2, one line per entry (file:line: field: what, where, what to
do), and nothing is paid but the probes. A run whose results mean nothing exits 4."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import yaml

from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply
from tests import DATA
from tests._loopback import good, state_of


def dead_port() -> int:
    with socket.socket() as s:  # bound, never listening: a connection is refused
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def league(path: Path, debaters: list[dict], **top) -> Path:
    data = {"name": "pre", "rounds": 2, "motions": [str(DATA / "mini-pack.yaml")], "retries": 1,
            "retry_backoff_s": 0.01, "max_backoff_s": 0.02,
            "debaters": [*debaters, {"name": "anchor", "model": "house/club"}], **top}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def line(path: Path, text: str) -> int:
    return next(i for i, t in enumerate(path.read_text().splitlines(), 1) if text in t)


def run(tmp_path: Path, capsys, path: Path, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = run_cli("run", str(path), "--db", str(tmp_path / "out.db"), "-q", *extra)
    return code, capsys.readouterr().err


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


def test_no_key_stops_before_anything_is_paid(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    path = league(tmp_path / "l.yaml", [{"name": "gpt", "model": "openai/gpt-4o"}])
    code, err = run(tmp_path, capsys, path)
    assert code == 2, err
    [msg] = errors(err)
    assert f"l.yaml:{line(path, 'openai/gpt-4o')}: debaters.0.model: gpt (openai/gpt-4o" in msg
    assert "OPENAI_API_KEY" in msg and "export OPENAI_API_KEY=" in msg
    assert "Traceback" not in err and not (tmp_path / "out.db").exists()


def test_a_dead_url_is_named(tmp_path: Path, capsys) -> None:
    url = f"http://127.0.0.1:{dead_port()}/v1"
    path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": url},
                                        {"name": "b", "model": "openai/b", "api_base": url}])
    code, err = run(tmp_path, capsys, path)
    assert code == 2
    lines = errors(err)
    assert len(lines) == 2  # every entry that cannot work, at once
    assert all(f"nobody listens at {url}" in line and "start the server" in line for line in lines)
    assert f"l.yaml:{line(path, 'openai/a')}: debaters.0.model" in lines[0]
    assert f"l.yaml:{line(path, 'openai/b')}: debaters.1.model" in lines[1]
    assert not (tmp_path / "out.db").exists()


def test_unknown_house_model(tmp_path: Path, capsys) -> None:
    path = league(tmp_path / "l.yaml", [{"name": "gm", "model": "house/grandmaster"}])
    code, err = run(tmp_path, capsys, path)
    assert code == 2
    assert "debaters.0.model: unknown house model 'house/grandmaster'" in err and "house/champion" in err
    assert not (tmp_path / "out.db").exists()


@pytest.mark.parametrize("reply, expect", [
    (Reply(status=404, error_body=json.dumps({"error": {"message": "The model `nope` does not exist",
                                                         "type": "invalid_request_error",
                                                         "code": "model_not_found"}})),
     "does not serve a model named 'nope'"),
    (Reply(status=401, error_body=json.dumps({"error": {"message": "Incorrect API key provided",
                                                         "type": "invalid_request_error",
                                                         "code": "invalid_api_key"}})),
     "refused the API key in PRE_KEY"),
])
def test_a_model_that_refuses_the_probe(tmp_path: Path, capsys, monkeypatch, reply: Reply,
                                        expect: str) -> None:
    monkeypatch.setenv("PRE_KEY", "sk-preflight-secret-123")
    with FakeOpenAIServer(lambda req: reply if req["model"] == "nope" else good(req)) as srv:
        path = league(tmp_path / "l.yaml", [
            {"name": "ok", "model": "openai/ok", "api_base": srv.base_url, "api_key_env": "PRE_KEY"},
            {"name": "bad", "model": "openai/nope", "api_base": srv.base_url, "api_key_env": "PRE_KEY"}])
        code, err = run(tmp_path, capsys, path)
        # one probe each (fatal errors are not retried): nothing else was sent
        assert sorted(r["model"] for r in srv.requests) == ["nope", "ok"]
        assert all(r.get("max_tokens") == 1 for r in srv.requests)
    assert code == 2
    [msg] = errors(err)
    assert "debaters.1.model: bad (openai/nope" in msg and expect in msg
    assert "sk-preflight-secret" not in err
    assert not (tmp_path / "out.db").exists()


def test_probes_are_stored_and_a_resume_probes_again(tmp_path: Path, capsys) -> None:
    with FakeOpenAIServer(good) as srv:
        path = league(tmp_path / "l.yaml", [
            {"name": "a", "model": "openai/a", "api_base": srv.base_url},
            {"name": "b", "model": "openai/b", "api_base": srv.base_url}])
        code, err = run(tmp_path, capsys, path)
        assert code == 0, err
        probes = [r for r in srv.requests if r.get("max_tokens") == 1]
        assert len(probes) == 2
        # no key set anywhere: a local OpenAI-style server gets a stand-in, not a refusal
        assert all(r["_headers"]["authorization"] == "Bearer no-key" for r in srv.requests)
        before = len(srv.requests)
        assert run(tmp_path, capsys, path)[0] == 0  # resumed: finished, but probed again
        assert len(srv.requests) == before + 2
    import sqlite3

    with sqlite3.connect(tmp_path / "out.db") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM calls WHERE key LIKE 'preflight-%'")]
    assert len(keys) == 4 and len({k.split("/")[0] for k in keys}) == 2  # two runs, two probes each


def test_dry_run_checks_without_calling(tmp_path: Path, capsys) -> None:
    url = f"http://127.0.0.1:{dead_port()}/v1"
    with FakeOpenAIServer(good) as srv:
        path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": url},
                                            {"name": "b", "model": "openai/b", "api_base": srv.base_url}])
        code, err = run(tmp_path, capsys, path, "--dry-run")
        assert srv.requests == []
    assert code == 2 and f"nobody listens at {url}" in err and len(errors(err)) == 1


def test_a_league_whose_models_all_fail_exits_4(tmp_path: Path, capsys) -> None:
    """The issue's league: two debaters nobody serves and a house anchor. Past the preflight,
    every debate is forfeited: the anchor wins nothing, and the run says its results mean nothing."""
    url = f"http://127.0.0.1:{dead_port()}/v1"
    path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": url},
                                        {"name": "b", "model": "openai/b", "api_base": url}])
    capsys.readouterr()
    code = run_cli("run", str(path), "--db", str(tmp_path / "out.db"), "--no-preflight")
    out, err = capsys.readouterr()
    assert code == 4
    assert "NOT A RANKING" in out and "these results rank nobody" in err
    assert "every debate of a (" in err and "debates were forfeited" in err
    state = state_of(tmp_path / "out.db")
    assert all(r.result == "forfeit" and r.forfeit_cause == "outage" and r.winner is None
               for r in state.results())
    rows = {s.name: s for s in state.standings}
    assert rows["anchor"].wins == 0 and rows["anchor"].losses == 0
    assert (rows["a"].outages or 0) + (rows["b"].outages or 0) == len(state.results())
    capsys.readouterr()
    assert run_cli("standings", str(tmp_path / "out.db")) == 0
    assert "NOT A RANKING" in capsys.readouterr().out
    capsys.readouterr()
    assert run_cli("export", str(tmp_path / "out.db"), "-f", "csv", "--table", "debates") == 0
    assert ",outage" in capsys.readouterr().out
    assert run_cli("report", str(tmp_path / "out.db"), "-o", str(tmp_path / "r.html")) == 0
    assert "not debated: " in (tmp_path / "r.html").read_text() and "nobody wins" in (tmp_path / "r.html").read_text()


def test_old_behaviour_on_request(tmp_path: Path, capsys) -> None:
    url = f"http://127.0.0.1:{dead_port()}/v1"
    path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": url}],
                  outage_forfeit="win")
    assert run_cli("run", str(path), "--db", str(tmp_path / "out.db"), "-q", "--no-preflight") == 4
    state = state_of(tmp_path / "out.db")
    assert all(r.winner == "anchor" and r.forfeit_cause == "outage" for r in state.results())


@pytest.mark.parametrize("reply, expect", [
    (Reply(status=401, error_body=json.dumps({"error": {"message": "Missing bearer token",
                                                         "code": "invalid_api_key"}})),
     "wants an API key and none is set: give the entry api_key_env"),
    (Reply(fault="drop"), "accepts connections but dropped the probe call"),
])
def test_a_server_that_wants_a_key_or_is_not_openai(tmp_path: Path, capsys, monkeypatch,
                                                     reply: Reply, expect: str) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with FakeOpenAIServer(lambda req: reply) as srv:
        path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": srv.base_url}])
        code, err = run(tmp_path, capsys, path)
    assert code == 2
    [msg] = errors(err)
    assert "debaters.0.model: a (openai/a)" in msg and expect in msg


def test_the_viewer_says_outage() -> None:
    from debate.domain.models import DebateResult
    from debate.record.state import DebateState
    from tui.viewstate import ViewState

    res = DebateResult(debate_id="r1-d1", round=1, motion_id="m/x", pro="a", con="b", winner=None,
                       result="forfeit", forfeit_cause="outage", forfeited_by=["a"])
    d = DebateState("r1-d1", 1, "a", "b", "m/x", result=res)
    assert ViewState().status(d) == "outage"
    assert res.void and "forfeit_cause" in res.model_dump()
    legacy = DebateResult(debate_id="r1-d1", round=1, motion_id="m/x", pro="a", con="b", winner="b",
                          result="forfeit")
    assert "forfeit_cause" not in legacy.model_dump()  # old records dump (and hash) as before
    assert ViewState().status(DebateState("r1-d1", 1, "a", "b", "m/x", result=legacy)) == "forfeit"


def test_the_known_house_models_are_the_house_models() -> None:
    from debate.domain.models import HOUSE_MODELS
    from debate.house import LEVELS

    assert set(HOUSE_MODELS) == {*LEVELS, "judge"}


async def test_the_viewer_checks_a_league_before_running_it(tmp_path: Path) -> None:
    from debate.league.config import load_league
    from tests.tui_sample import SIZE, until
    from tui import make_app

    url = f"http://127.0.0.1:{dead_port()}/v1"
    path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": url}])
    app = make_app(league=load_league(path), db=tmp_path / "v.db")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.source.done, "the engine to stop")
    assert f"nobody listens at {url}" in (app.source.error or "")
    assert app.vs.state.rounds == {}  # refused before round 1


async def test_the_viewer_refuses_like_run_exit_2_and_no_database_left(tmp_path: Path) -> None:
    """`debate tui league.yaml` whose preflight fails ends as `debate run` does: exit 2 (bad
    input), and the database it created (only probes in it) is removed."""
    from debate.cli.tui import refused
    from debate.league.config import load_league
    from tests.tui_sample import SIZE, until
    from tui import make_app

    url = f"http://127.0.0.1:{dead_port()}/v1"
    path = league(tmp_path / "l.yaml", [{"name": "a", "model": "openai/a", "api_base": url}])
    db = tmp_path / "v.db"
    app = make_app(league=load_league(path), db=db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.source.done, "the engine to stop")
    assert db.exists()  # the engine opened it
    assert refused(app.source, db, created=True)
    assert not db.exists() and not (tmp_path / "v.db-wal").exists()


def test_a_stopped_or_finished_viewer_is_not_refused(tmp_path: Path) -> None:
    class Source:
        exception: BaseException | None = None

    from debate.cli.tui import refused

    db = tmp_path / "kept.db"
    db.write_bytes(b"")
    s = Source()
    assert not refused(s, db, created=True)
    s.exception = RuntimeError("boom")
    assert not refused(s, db, created=True) and db.exists()
