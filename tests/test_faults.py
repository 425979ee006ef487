"""Faults through the real path: litellm over HTTP to the loopback server.

Retries are bounded with backoff, Retry-After is honoured, fatal errors are not retried, a
debater that keeps failing forfeits with the reason recorded, failing judges shrink the panel,
a debate with no judge left is judged again later, and a judge's fatal error stops the run.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from debate.gateway import CallError, Gateway
from debate.league.config import load_league
from debate.league.entries import ModelEntry
from debate.orchestrator import make_gateway, run_tournament
from debate.orchestrator.tournament import OUTAGE_PASSES
from debate.record.state import load_state
from debate.record.store import Store
from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply
from tests._loopback import (HJ, SJ, Flaky, fault_reply, good, is_judge, once_then, results, standings,
                             state_of, write_league)


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-loop-test-key-000")


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """litellm's first call in a process loads its HTTP handlers (over a second): not a fault."""
    import os

    os.environ.setdefault("LOOP_KEY", "sk-loop-test-key-000")
    with FakeOpenAIServer() as srv:
        for stream in (False, True):
            res, _ = call(srv, stream=stream, timeout=30)
            assert not isinstance(res, CallError), res


def call(srv: FakeOpenAIServer, *, stream: bool, retries: int = 3, timeout: float = 1.0,
         secrets: list[str] | None = None) -> tuple[object, list[float]]:
    """One gateway call; returns (result or CallError, the backoff delays it slept)."""
    delays: list[float] = []

    async def sleep(d: float) -> None:
        delays.append(d)

    entry = ModelEntry(name="m", model="openai/m", api_base=srv.base_url, timeout_s=timeout,
                       api_key_env="LOOP_KEY")
    gw = Gateway(None, max_retries=retries, backoff_s=0.1, max_backoff_s=1.0, sleep=sleep,
                 secrets=secrets)

    async def go():
        try:
            return await gw.complete(entry, [{"role": "user", "content": "speak"}], key="k",
                                     stream=stream)
        except CallError as exc:
            return exc

    return asyncio.run(go()), delays


@pytest.mark.parametrize("kind, stream", [
    ("429", False), ("429", True), ("500", True), ("503", False), ("hang", True),
    ("invalid-json", False), ("cut-stream", True),
])
def test_transient_fault_is_retried_once_then_succeeds(kind: str, stream: bool) -> None:
    with FakeOpenAIServer(once_then(fault_reply(kind), Reply("a fine answer, complete"))) as srv:
        res, delays = call(srv, stream=stream, timeout=0.5)
        assert srv.calls == 2
    assert not isinstance(res, CallError), res
    assert res.text == "a fine answer, complete" and res.attempts == 2
    assert len(delays) == 1 and 0.05 <= delays[0] <= 0.15  # backoff 0.1 with +-50% jitter


def test_retry_after_header_is_honoured() -> None:
    with FakeOpenAIServer(once_then(Reply(status=429, headers={"retry-after": "2.5"}), Reply("ok then"))) as srv:
        res, delays = call(srv, stream=True)
    assert res.text == "ok then"
    # litellm's exception hides the real headers in litellm_response_headers: 2.5 s, not ~0.1 s
    assert delays == [2.5]


def test_retry_after_ms_header_is_honoured() -> None:
    with FakeOpenAIServer(once_then(Reply(status=503, headers={"retry-after-ms": "1500"}), Reply("ok"))) as srv:
        _, delays = call(srv, stream=False)
    assert delays == [1.5]


def test_retries_are_bounded_with_growing_backoff() -> None:
    with FakeOpenAIServer(lambda req: Reply(status=500)) as srv:
        err, delays = call(srv, stream=True, retries=3)
        assert srv.calls == 4
    assert isinstance(err, CallError) and not err.fatal and err.kind == "server-error"
    assert "gave up after 4 attempts" in str(err)
    assert len(delays) == 3
    for i, d in enumerate(delays):  # 0.1, 0.2, 0.4 each with +-50% jitter
        assert 0.1 * 2 ** i * 0.5 <= d <= 0.1 * 2 ** i * 1.5


def _error(status: int, message: str, code: str) -> Reply:
    return Reply(status=status, error_body=json.dumps(
        {"error": {"message": message, "type": "invalid_request_error", "code": code}}))


@pytest.mark.parametrize("reply, kind", [
    (_error(401, "Incorrect API key provided: sk-loop-test-key-000", "invalid_api_key"), "authentication"),
    (_error(404, "The model `m` does not exist", "model_not_found"), "unknown-model"),
    (_error(400, "This model's maximum context length is 8192 tokens. However, your messages "
                 "resulted in 9000 tokens.", "context_length_exceeded"), "context-window"),
])
def test_fatal_errors_are_not_retried_and_hide_the_key(reply: Reply, kind: str) -> None:
    with FakeOpenAIServer(lambda req: reply) as srv:
        err, delays = call(srv, stream=True, secrets=["sk-loop-test-key-000"])
        assert srv.calls == 1
    assert isinstance(err, CallError) and err.fatal and err.kind == kind
    assert delays == []
    assert "sk-loop-test-key-000" not in str(err)


def _league_run(tmp_path: Path, responder, name: str, **kw) -> tuple[int, object, FakeOpenAIServer]:
    """A league run past the preflight (which would stop a league whose model fails from the
    start: tests/test_preflight.py): these tests pin what happens when a model fails mid-run."""
    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / f"{name}.yaml", srv.base_url, **kw)
        code = run_cli("run", str(path), "--db", str(tmp_path / f"{name}.db"), "-q", "--no-preflight")
    return code, state_of(tmp_path / f"{name}.db"), srv


def test_league_completes_with_a_fifth_of_calls_failing(tmp_path: Path) -> None:
    flaky = Flaky()

    with FakeOpenAIServer(good) as srv:
        clean_path = write_league(tmp_path / "clean.yaml", srv.base_url, judges=[HJ, SJ])
        assert run_cli("run", str(clean_path), "--db", str(tmp_path / "clean.db"), "-q") == 0

    with FakeOpenAIServer(flaky) as srv, Store(tmp_path / "flaky.db") as st:
        path = write_league(tmp_path / "flaky.yaml", srv.base_url, judges=[HJ, SJ])
        league = load_league(path)
        gw = make_gateway(league, st)
        # streamed, as for a live display: a headless run asks for whole replies, and only a
        # stream can be cut mid-way
        asyncio.run(run_tournament(league, st, gateway=gw, stream=True))
        flaky_calls = srv.calls
    faults = sum(flaky.faults.values())
    distinct = len(flaky.seen)
    assert len(flaky.faults) >= 6, flaky.faults  # most kinds of fault, not one
    assert faults == distinct // 5  # a fifth of the distinct calls failed once
    # Every fault was retried (a loaded machine may add a timeout or two), never unboundedly.
    assert distinct + faults <= flaky_calls <= distinct * 4 and max(flaky.seen.values()) <= 4
    assert {"rate-limit", "server-error", "timeout", "stream-cut"} <= set(gw.stats.retry_kinds)
    with Store(tmp_path / "clean.db", readonly=True) as a, Store(tmp_path / "flaky.db", readonly=True) as b:
        sa, sb = load_state(a), load_state(b)
        assert sb.finished and all(r.result != "forfeit" for r in sb.results())
        # the same answers in the end, so the same tournament
        assert results(sa) == results(sb) and standings(sa) == standings(sb)
        assert b.db.execute("SELECT SUM(attempts - 1) FROM calls").fetchone()[0] >= faults


def test_persistent_debater_failure_forfeits_and_the_league_goes_on(tmp_path: Path) -> None:
    def responder(req: dict) -> Reply:
        return Reply(status=503) if req["model"] == "weak" else good(req)

    code, state, srv = _league_run(tmp_path, responder, "forfeit", retries=2)
    # every debate of weak forfeited: the league finishes, but its results rank nobody (exit 4)
    assert code == 4 and state.finished
    assert any("every debate of weak (3) was forfeited" in p for p in state.problems())
    weak = [r for r in state.results() if "weak" in (r.pro, r.con)]
    # an outage: nobody wins it, the debater that was ready scores as for a bye in the draw
    assert len(weak) == 3 and all(r.result == "forfeit" and r.winner is None and r.void
                                  and r.forfeit_cause == "outage" and r.forfeited_by == ["weak"]
                                  for r in weak)
    rows = {s.name: s for s in state.standings}
    assert rows["weak"].outages == 3 and rows["weak"].wins == rows["weak"].losses == 0
    for r in weak:
        assert "weak forfeits: could not give speech" in r.reason
        assert "server-error" in r.reason and "gave up after 3 attempts" in r.reason
    # bounded: 3 tries a debate, in its first go and in each of the outage passes after it
    assert sum(req["model"] == "weak" for req in srv.requests) == 3 * 3 * (1 + OUTAGE_PASSES)
    others = [r for r in state.results() if "weak" not in (r.pro, r.con)]
    assert others and all(r.result == "decided" for r in others)
    assert any("weak forfeits" in n.message for n in state.notes)
    assert any("trying it again after the round's other debates" in n.message for n in state.notes)


def test_an_outage_shorter_than_the_round_decides_nothing(tmp_path: Path) -> None:
    """A debater's server down for longer than one debate's retries (a provider outage): its
    debates wait for the round's others and are tried again, so nobody forfeits for it, and
    the league ends as if the outage had not happened."""
    down = {"left": 9}  # more failures than one debate's 4 tries, fewer than the passes give

    def responder(req: dict) -> Reply:
        if req["model"] == "weak" and down["left"] > 0:
            down["left"] -= 1
            return Reply(status=503)
        return good(req)

    code, state, _ = _league_run(tmp_path, responder, "outage", retries=3)
    assert code == 0 and state.finished and down["left"] == 0
    assert all(r.result != "forfeit" for r in state.results())
    assert any("could not reach a debater" in n.message for n in state.notes)
    _, calm, _ = _league_run(tmp_path, good, "calm", retries=3)
    assert results(state) == results(calm) and standings(state) == standings(calm)


@pytest.mark.parametrize("reply, kind", [
    (_error(401, "Incorrect API key provided", "invalid_api_key"), "authentication"),
    (_error(404, "The model `weak` does not exist", "model_not_found"), "unknown-model"),
    (_error(400, "This model's maximum context length is 4096 tokens.", "context_length_exceeded"),
     "context-window"),
])
def test_fatal_debater_error_stops_that_debater_only(tmp_path: Path, reply: Reply, kind: str) -> None:
    def responder(req: dict) -> Reply:
        return reply if req["model"] == "weak" else good(req)

    code, state, srv = _league_run(tmp_path, responder, "fatal")
    # a key or a model name that does not work is an outage (exit 4: weak never debated); a
    # context window too small is the debater's own forfeit (the opponent wins, exit 0)
    assert code == (0 if kind == "context-window" else 4) and state.finished
    # Never retried, never again; a context-window error first drops the earlier speeches
    # (one more request if weak speaks second), then stops weak when even that does not fit.
    calls = sum(req["model"] == "weak" for req in srv.requests)
    assert calls == 1 or (kind == "context-window" and calls == 2)
    weak = sorted((r for r in state.results() if "weak" in (r.pro, r.con)), key=lambda r: r.round)
    assert len(weak) == 3 and all(r.result == "forfeit" and r.winner != "weak" for r in weak)
    assert kind in weak[0].reason and "stopped for the rest of this run" in weak[0].reason
    assert all("stopped earlier in this run" in r.reason and kind in r.reason for r in weak[1:])


def test_failing_judge_shrinks_the_panel_and_says_so(tmp_path: Path) -> None:
    def responder(req: dict) -> Reply:
        return Reply(status=500) if is_judge(req) else good(req)

    code, state, _ = _league_run(tmp_path, responder, "j", judges=[HJ, SJ], retries=1)
    assert code == 0
    assert state.finished
    # Every read failed, so once it has six reads it is benched: later rounds seat HJ alone.
    assert list(state.benched) == ["sj"] and "failed" in state.benched["sj"]
    benched_after = next(int(n.message.split("after round ")[1].split(":")[0]) for n in state.notes
                         if "judge sj is benched" in n.message)
    sat = [r for r in state.results() if r.round <= benched_after]
    for r in state.results():
        assert r.result in ("decided", "draw")
        assert ("1 judge(s) failed" in r.reason) == (r.round <= benched_after)
    shrink = [n.message for n in state.notes if "judge sj failed" in n.message]
    assert len(shrink) == len(sat) and all("shrinks to 1 of 2" in m for m in shrink)


def test_debate_with_no_judge_left_is_judged_again_not_at_random(tmp_path: Path) -> None:
    tries: dict[str, int] = {}

    def responder(req: dict) -> Reply:
        if not is_judge(req):
            return good(req)
        h = json.dumps(req["messages"])
        tries[h] = tries.get(h, 0) + 1
        return Reply(status=503) if tries[h] <= 2 else good(req)  # the whole first pass fails

    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / "r.yaml", srv.base_url, judges=[SJ], retries=1)
        assert run_cli("run", str(path), "--db", str(tmp_path / "r.db"), "-q") == 0
    with Store(tmp_path / "r.db", readonly=True) as st:
        state = load_state(st)
        keys = [k for (k,) in st.db.execute("SELECT key FROM calls WHERE debater='sj' AND key NOT LIKE "
                                            "'preflight-%'")]
    assert state.finished and len(state.results()) == 6
    assert all(r.result in ("decided", "draw") for r in state.results())  # judged, not forfeited
    assert sum("re-judging" in n.message for n in state.notes) == 3  # once a round
    assert keys and all("/judge/sj/p1/" in k for k in keys)  # every ballot from the second pass


def test_fatal_judge_error_stops_the_run_then_resumes(tmp_path: Path, capsys) -> None:
    broken = {"on": True}

    def responder(req: dict) -> Reply:
        if is_judge(req) and broken["on"]:
            return _error(401, "Incorrect API key provided", "invalid_api_key")
        return good(req)

    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / "f.yaml", srv.base_url, judges=[SJ])
        capsys.readouterr()
        assert run_cli("run", str(path), "--db", str(tmp_path / "f.db"), "-q") == 1
        err = capsys.readouterr().err
        assert "judge sj cannot work" in err and "authentication" in err and "Traceback" not in err
        judge_calls = sum(is_judge(r) for r in srv.requests)
        assert judge_calls <= 4  # one per debate in flight and order, none retried
        broken["on"] = False
        assert run_cli("run", str(path), "--db", str(tmp_path / "f.db"), "-q") == 0
    assert state_of(tmp_path / "f.db").finished


def test_a_content_filter_forfeits_one_debate_not_the_debater_or_the_run(tmp_path: Path) -> None:
    """A provider's content filter judges one request's text: not retried, but it condemns
    neither the model's other debates nor (for a judge) the whole run."""
    seen = {"weak": 0, "sj": 0}
    policy = _error(400, "Invalid prompt: your prompt was flagged as potentially violating our "
                         "usage policy.", "content_policy_violation")

    def responder(req: dict) -> Reply:
        name = "sj" if is_judge(req) else req["model"]
        if name in seen:
            seen[name] += 1
            if seen[name] == 1:
                return policy
        return good(req)

    code, state, _ = _league_run(tmp_path, responder, "cp", judges=[HJ, SJ])
    assert code == 0
    assert state.finished
    weak = sorted((r for r in state.results() if "weak" in (r.pro, r.con)), key=lambda r: r.round)
    assert weak[0].result == "forfeit" and "content-policy" in weak[0].reason
    assert "stopped" not in weak[0].reason
    assert all(r.result != "forfeit" for r in weak[1:])
    # the judge's filtered read failed alone: its other read still made a (single-order) ballot
    reads = [r for d in state.debates.values() for b in d.ballots if b.judge == "sj" for r in b.reads]
    assert sum(r.failed for r in reads) == 1 and "content-policy" in next(r.error for r in reads if r.failed)


def test_an_account_out_of_credit_stops_the_run_and_forfeits_nobody(tmp_path: Path, capsys) -> None:
    """OpenAI's 429 insufficient_quota is no rate limit: no wait fixes it. Retried, it turned
    into a forfeit of every remaining debate of every model on that account."""
    broke = {"on": True}
    quota = Reply(status=429, error_body=json.dumps({"error": {
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "type": "insufficient_quota", "code": "insufficient_quota"}}))

    def responder(req: dict) -> Reply:
        return quota if broke["on"] and req["model"] == "weak" else good(req)

    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / "q.yaml", srv.base_url)
        capsys.readouterr()
        # past the preflight, whose probe would meet the empty account first (exit 2)
        assert run_cli("run", str(path), "--db", str(tmp_path / "q.db"), "-q", "--no-preflight") == 1
        err = capsys.readouterr().err
        assert "weak cannot work" in err and "quota" in err and "Traceback" not in err
        assert sum(r["model"] == "weak" for r in srv.requests) == 1  # not retried
        state = state_of(tmp_path / "q.db")
        assert not state.finished and not any(r.result == "forfeit" for r in state.results())
        broke["on"] = False  # topped up
        assert run_cli("run", str(path), "--db", str(tmp_path / "q.db"), "-q", "--no-preflight") == 0
    state = state_of(tmp_path / "q.db")
    assert state.finished and all(r.result != "forfeit" for r in state.results())
