"""Degenerate judges decide nothing: a loopback judge that returns the prompt's example, one that
always says "A", one that gives every dimension the minimum. Each is reported (failed reads,
gate checks, position lock) and benched; the panel decides without it, so every result equals
the house judge's alone. And the house judge's own reads all pass the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate.domain import prompts
from debate.domain.ballot_gate import (CUT_OFF, EXAMPLE_COPY, NO_ENGAGEMENT, PLACEHOLDER, SAME_BOUND,
                                       GateContext, check_ballot)
from debate.domain.judge_bench import FAILING, POSITION_LOCKED, binomial_tail
from debate.record.store import Store
from debate.reports.export import to_dict, to_markdown
from debate.reports.judges import judges_of
from debate.testing import FakeOpenAIServer, Reply, run_cli
from tests._loopback import HJ, SJ, always_a, dims_of, good, is_judge, results, state_of, write_league

DEBATERS = ["ace", "solid", "plain", "weak", "ace2", "solid2"]


def example_copy(req: dict) -> Reply:
    """What SmolLM2 returned on 15 of 16 reads: the prompt's example with a letter filled in."""
    if not is_judge(req):
        return good(req)
    dims = dims_of(req)
    return Reply(json.dumps({"reasons": "two to four sentences", "winner": "A",
                             "scores": {"A": {d: 1 for d in dims}, "B": {d: 1 for d in dims}}}))


def all_minimum(req: dict) -> Reply:
    """Every dimension of both sides at the scale's minimum, reasons that sound engaged."""
    if not is_judge(req):
        return good(req)
    dims = dims_of(req)
    return Reply(json.dumps({"winner": "B", "scores": {"A": {d: 1 for d in dims}, "B": {d: 1 for d in dims}},
                             "reasons": "Side B answered the point on working weeks and burnout; Side A did not."}))


def _run(tmp: Path, name: str, responder, judges: list[dict]) -> Path:
    db = tmp / f"{name}.db"
    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp / f"{name}.yaml", srv.base_url, debaters=DEBATERS, judges=judges)
        assert run_cli("run", str(path), "--db", str(db), "-q") == 0
    return db


@pytest.fixture(scope="module")
def house_only(tmp_path_factory) -> Path:
    import os
    os.environ.setdefault("LOOP_KEY", "sk-loop-test-key-000")
    return _run(tmp_path_factory.mktemp("house"), "house", good, [HJ])


@pytest.mark.parametrize("responder,kind,check", [
    (example_copy, FAILING, EXAMPLE_COPY), (all_minimum, FAILING, SAME_BOUND), (always_a, POSITION_LOCKED, None)],
    ids=["example-copy", "all-minimum", "always-a"])
def test_a_degenerate_judge_decides_nothing_and_is_benched(tmp_path: Path, house_only: Path, monkeypatch,
                                                           responder, kind, check) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-loop-test-key-000")
    db = _run(tmp_path, kind, responder, [SJ, HJ])
    state = state_of(db)
    # The panel decided as the house judge alone would have, debate for debate.
    assert results(state) == results(state_of(house_only))
    # Benched, with a note in the run, the export and the judges report.
    assert list(state.benched) == ["sj"]
    assert any("judge sj is benched" in n.message for n in state.notes)
    with Store(db, readonly=True) as st:
        from debate.record.state import load_state
        exported = to_dict(load_state(st))
    assert any(s.get("benched", {}).get("sj") for s in exported["league"]["stages"])
    assert "## Benched judges" in to_markdown(state)
    row = next(r for r in judges_of(state)["judges"] if r["judge"] == "sj")
    assert row["benched"] and (kind in row["benched"] or "position-locked" in row["benched"] or "failed" in row["benched"])
    # It sat on no debate after the round it was benched in.
    bench_round = next(int(m.split("after round ")[1].split(":")[0]) for m in (n.message for n in state.notes)
                       if "judge sj is benched" in m)
    later = [d for d in state.debates.values() if d.round > bench_round]
    assert later and all(b.judge != "sj" for d in later for b in d.ballots)
    if check:
        # Every read it gave failed the gate, with the check stored, and counts in `fail`.
        reads = [r for d in state.debates.values() for b in d.ballots if b.judge == "sj" for r in b.reads]
        assert reads and all(r.failed and check in r.checks for r in reads)
        assert row["reads_failed"] == row["reads_total"] == len(reads) and row["degenerate"][check] == len(reads)
        # The HTML report counts them the same way, beside the benched judges' table.
        assert run_cli("report", str(db), "-o", str(tmp_path / "r.html")) == 0
        page = (tmp_path / "r.html").read_text(encoding="utf-8")
        assert "failed reads" in page and f"{len(reads)}/{len(reads)}" in page and "benched judge" in page
    else:
        ballots = [b for d in state.debates.values() for b in d.ballots if b.judge == "sj"]
        assert ballots and all(b.inconsistent and b.winner is None for b in ballots)


def test_every_house_judge_read_of_the_demo_passes_the_gate(tmp_path: Path) -> None:
    assert run_cli("run", "--db", str(tmp_path / "demo.db"), "-q") == 0
    state = state_of(tmp_path / "demo.db")
    reads = [r for d in state.debates.values() for b in d.ballots for r in b.reads]
    assert len(reads) == 120 and not [r.error for r in reads if r.failed]
    assert not state.benched


GATE = GateContext(debate="This House would abolish homework for primary school pupils.\n"
                          "Homework widens gaps; Cooper's meta-analysis found little benefit at primary age.\n"
                          "Reading at home helps, as the Education Endowment Foundation reports.",
                   instructions="You are an impartial judge. Score norms, evidence, rebuttal, style. "
                                "Rule and format compliance, civility, staying on the motion.",
                   scale=(1, 10), example_reasons="two to four sentences")
SCORES = {"pro": {"norms": 7, "evidence": 6}, "con": {"norms": 5, "evidence": 4}}


@pytest.mark.parametrize("reasons,scores,want", [
    ("two to four sentences", SCORES, {EXAMPLE_COPY, PLACEHOLDER, NO_ENGAGEMENT}),
    ("<your reasons here>", SCORES, {PLACEHOLDER, NO_ENGAGEMENT}),
    ("Rule and format compliance, civility, staying on the motion.", SCORES, {EXAMPLE_COPY, NO_ENGAGEMENT}),
    ("Side A was more persuasive and better structured overall.", SCORES, {NO_ENGAGEMENT}),
    ("A's Cooper evidence went unanswered; B never showed homework helps.",
     {"pro": {"norms": 1, "evidence": 1}, "con": {"norms": 1, "evidence": 1}}, {SAME_BOUND}),
    # terse but real, and one side at the floor (deserved): counts
    ("A's Cooper evidence went unanswered.", SCORES, set()),
    ("B: reading at home helps; A never answered it.",
     {"pro": {"norms": 1, "evidence": 1}, "con": {"norms": 6, "evidence": 7}}, set()),
])
def test_gate_checks(reasons: str, scores: dict, want: set[str]) -> None:
    assert set(check_ballot(reasons, scores, GATE)) == want


def test_a_cut_off_reply_does_not_count() -> None:
    ok = "A's Cooper evidence went unanswered; B never showed homework helps."
    assert check_ballot(ok, SCORES, GATE, finish_reason="length") == [CUT_OFF]
    assert check_ballot(ok, SCORES, GATE, completion_tokens=400, max_tokens=400) == [CUT_OFF]
    assert check_ballot(ok, SCORES, GATE, finish_reason="stop", completion_tokens=80, max_tokens=400) == []


def test_the_prompts_example_is_not_a_ballot(rubric=None) -> None:
    from debate.domain.models import Motion, Speech
    from debate.league.resources import load_rubric

    for name in ("standard", "standard-zh"):
        r = load_rubric(name)
        speeches = [Speech(index=0, side="pro", speaker="p", kind="opening", text="x", words=1, word_limit=9),
                    Speech(index=1, side="con", speaker="c", kind="opening", text="y", words=1, word_limit=9)]
        system = prompts.judge_messages(r, Motion(id="m", text="This House would test."), speeches,
                                        nonce="0" * 12)[0]["content"]
        example = system[system.index('{"winner"'):].splitlines()[0]
        with pytest.raises(prompts.BallotError):
            prompts.parse_ballot(example, r)


def test_position_lock_needs_far_more_than_chance() -> None:
    assert binomial_tail(5, 5, 0.5) < 0.05 < binomial_tail(4, 5, 0.5)
    assert binomial_tail(0, 7, 0.5) == pytest.approx(1.0)
