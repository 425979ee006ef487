"""The ballot gate and benching apply to four-side (British Parliamentary) ballots as in 1v1: a
loopback judge that returns the prompt's example filled in, or that always places Side A first,
decides no room; each is reported and benched, and every room's ranking is the house judge's
alone. Rules on a single read: a four-side read's ranks follow its totals after the penalties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate.domain.judge_bench import FAILING, POSITION_LOCKED
from debate.domain.models import BallotRead, Dimension, Rubric, Speech
from debate.domain.verdicts import settle_read
from debate.testing import FakeOpenAIServer, Reply, run_cli
from debate.testing.fake_openai import motion_words
from tests._loopback import HJ, SJ, dims_of, is_judge, state_of

LEVELS = ["champion", "expert", "club", "novice"]


def example_copy(req: dict) -> Reply:
    """What SmolLM2 does with the example: the shape, one value everywhere, the placeholder."""
    dims = dims_of(req)
    return Reply(json.dumps({"reasons": "two to four sentences",
                             "scores": {x: {d: 1 for d in dims} for x in "ABCD"},
                             "ranks": {"A": 1, "B": 2, "C": 3, "D": 4}}))


def always_a(req: dict) -> Reply:
    """Side A first and scored highest in every order, with reasons that name the motion."""
    dims = dims_of(req)
    return Reply(json.dumps({"reasons": f"Side A argued {motion_words(req['messages'])} best.",
                             "scores": {x: {d: 8 - i for d in dims} for i, x in enumerate("ABCD")},
                             "ranks": {"A": 1, "B": 2, "C": 3, "D": 4}}))


def _run(tmp: Path, name: str, responder, judges: list[dict], monkeypatch) -> Path:
    monkeypatch.setenv("LOOP_KEY", "sk-loop-test-key-000")
    db = tmp / f"{name}.db"

    def reply(req: dict) -> Reply:  # the judge's reads; the preflight's probe gets a word
        return responder(req) if is_judge(req) else Reply("ready")

    with FakeOpenAIServer(reply) as srv:
        loop = {"api_base": srv.base_url, "timeout_s": 3.0, "api_key_env": "LOOP_KEY"}
        league = {"name": "bp-gate", "seed": 5, "rounds": 4, "format": "bp", "motions": ["general-en"],
                  "rubric": "standard",
                  "debaters": [{"name": f"{lv}-{k}", "model": f"house/{lv}", "params": {"seed": k}}
                               for lv in LEVELS for k in (1, 2)],
                  "judges": [{**loop, **j} if j["model"].startswith("openai/") else j for j in judges]}
        path = tmp / f"{name}.yaml"
        path.write_text(json.dumps(league))
        assert run_cli("run", str(path), "--db", str(db), "-q") == 0
    return db


def _rankings(state) -> list[tuple]:
    return sorted((r.debate_id, tuple(sorted(r.ranks.items()))) for r in state.results())


@pytest.fixture(scope="module")
def house_only(tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    try:
        return _run(tmp_path_factory.mktemp("bp-house"), "house", None, [HJ], mp)
    finally:
        mp.undo()


@pytest.mark.parametrize("responder,kind", [(example_copy, FAILING), (always_a, POSITION_LOCKED)],
                         ids=["example-copy", "always-a"])
def test_a_degenerate_four_side_judge_ranks_no_room_and_is_benched(tmp_path: Path, house_only: Path,
                                                                  monkeypatch, responder, kind) -> None:
    state = state_of(_run(tmp_path, kind, responder, [SJ, HJ], monkeypatch))
    assert _rankings(state) == _rankings(state_of(house_only))
    assert list(state.benched) == ["sj"]
    note = next(n.message for n in state.notes if "judge sj is benched" in n.message)
    assert ("position-locked" in note) == (kind == POSITION_LOCKED)
    bench_round = int(note.split("after round ")[1].split(":")[0])
    later = [d for d in state.debates.values() if d.round > bench_round]
    assert later and all(b.judge != "sj" for d in later for b in d.ballots)
    mine = [b for d in state.debates.values() for b in d.ballots if b.judge == "sj"]
    if kind == FAILING:
        reads = [r for b in mine for r in b.reads]
        assert reads and all(r.failed and {"example_copy", "placeholder", "same_bound"} <= set(r.checks)
                             for r in reads)
    else:  # its ballots counted, but it put Side A first in every order
        assert mine and all(not b.failed for b in mine)
        assert all(r.stated == "A" for b in mine for r in b.reads)


def test_a_four_side_reads_ranks_follow_its_totals_after_the_penalties() -> None:
    rubric = Rubric(id="r", title="R", judge_prompt="Judge {motion}.", injection_penalty=3,
                    dimensions=[Dimension(id=d, name=d, description=d) for d in ("norms", "evidence")])
    flagged = Speech(index=0, side="og", speaker="x", kind="opening", text="t", words=1, word_limit=9,
                     flags=["prompt_injection"])
    read = BallotRead(order="og-oo-cg-co", reasons="r",
                      scores={"og": {"norms": 8, "evidence": 8}, "oo": {"norms": 7, "evidence": 7},
                              "cg": {"norms": 6, "evidence": 6}, "co": {"norms": 6, "evidence": 6}},
                      ranks={"og": 1, "oo": 2, "co": 3, "cg": 4})
    settled = settle_read(read, [flagged], rubric)
    # og loses 3 norms (16 -> 13): below oo (14); cg and co stay level, in the judge's order.
    assert settled.ranks == {"oo": 1, "og": 2, "co": 3, "cg": 4}
    assert settled.stated == "A" and "totals decide" in settled.note
    untouched = settle_read(read, [], rubric)
    assert untouched.ranks == read.ranks and not untouched.note
