"""Real language models in-process: SmolLM2-135M through llama.cpp (the `[local]` extra).

Kept short (brief speeches, small max_tokens): the whole file runs in well under two minutes
on two cores. Skipped when llama.cpp is not installed.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
import yaml

pytest.importorskip("llama_cpp")

from debate.domain import prompts  # noqa: E402
from debate.domain.ballot_schema import ballot_max_tokens  # noqa: E402
from debate.gateway import Gateway  # noqa: E402
from debate.league import local_models  # noqa: E402
from debate.league.config import load_league  # noqa: E402
from debate.league.entries import ModelEntry  # noqa: E402
from debate.record.state import load_state  # noqa: E402
from debate.record.store import Store  # noqa: E402
from debate.testing import run_cli  # noqa: E402
from tests import DATA  # noqa: E402

JUDGE = {"max_tokens": 400, "temperature": 0.2}
SMALL_CTX = 512  # llama.cpp pads a context to a multiple of 256


def speech_budget(league_path: Path) -> int:
    """max_tokens that lets an opening speech just fit in SMALL_CTX, so later ones cannot."""
    from debate.gateway.local_provider import get_model

    league = load_league(league_path)
    model = get_model("smollm2", SMALL_CTX)
    assert model.n_ctx == SMALL_CTX
    _, motion = league.motion_for_round(1)
    base = max(len(model.prompt_tokens(prompts.debater_messages(
        motion, league.format, i, side, [], case_notes=False))[0])
        for i, side in ((0, "pro"), (1, "con")))
    return SMALL_CTX - base - 24  # room for the note that says speeches were left out


def test_one_round_smollm2_debate_judged_with_constrained_json(tmp_path: Path, data_dir: Path) -> None:
    league = {"name": "smol", "seed": 5, "rounds": 1, "format": str(data_dir / "local-short.yaml"),
              "motions": [str(data_dir / "mini-pack.yaml")], "case_notes": False,
              "rubric": str(data_dir / "local-rubric.yaml"),
              "debaters": [{"name": "smol-cool", "model": "local/smollm2"},
                           {"name": "smol-warm", "model": "local/smollm2"}],
              # SmolLM2 judging SmolLM2 would be self-judging, which the engine refuses by model
              # name: the judge names the same weights by their path, as a second model would be.
              # One presentation order keeps the test short.
              "judging": {"position_swap": False},
              "judges": [{"name": "smol-judge", "model": f"local/{local_models.resolve('smollm2')}",
                          "params": JUDGE},
                         # SmolLM2's ballot may not pass the ballot gate; the house judge decides then.
                         {"name": "hj", "model": "house/judge"}]}
    path = tmp_path / "league.yaml"
    path.write_text(yaml.safe_dump(league))
    # Each side's pair of speeches cannot all fit in the debaters' small context; one sentence
    # a speech keeps the test fast.
    budget = speech_budget(path)
    for i, d in enumerate(league["debaters"]):
        d["params"] = {"n_ctx": SMALL_CTX, "max_tokens": budget, "stop": ["."],
                       "temperature": 0.3 + 0.6 * i, "seed": i + 1}
    path.write_text(yaml.safe_dump(league))
    db = tmp_path / "smol.db"
    assert run_cli("run", str(path), "--db", str(db), "-q") == 0
    lg = load_league(path)
    with Store(db, readonly=True) as st:
        state = load_state(st)
        events = [ev for _, ev in st.events()]
    assert state.finished
    [debate] = state.debates.values()
    assert debate.result is not None and debate.result.result == "decided"  # no forfeit
    # The transcript is stored: four speeches in order, with flags that match what happened.
    speeches = debate.speeches
    assert [s.index for s in speeches] == [0, 1, 2, 3]
    assert any(s.text.strip() for s in speeches)
    for s in speeches:
        assert ("overrun" in s.flags) == (s.words > s.word_limit)
        assert ("empty" in s.flags) == (not s.text.strip())
    assert "context_truncated" not in speeches[0].flags
    assert "context_truncated" in speeches[2].flags and "context_truncated" in speeches[3].flags
    done = [ev for ev in events if ev.type == "speech_done"]
    assert [ev.speech.flags for ev in done] == [s.flags for s in speeches]
    assert any("did not fit in its context" in ev.message for ev in events if ev.type == "run_note")
    # SmolLM2's ballot either counts (it validates against the rubric) or is a failed read
    # with the ballot gate's findings stored.
    smol = next(b for b in debate.ballots if b.judge == "smol-judge")
    lo, hi = lg.rubric.scale.min, lg.rubric.scale.max
    if smol.failed:
        assert all(r.failed and r.checks and "degenerate ballot" in r.error for r in smol.reads)
    else:
        for side in ("pro", "con"):
            assert set(smol.scores[side]) == set(lg.rubric.dimension_ids)
            assert all(lo <= v <= hi for v in smol.scores[side].values())
    con = sqlite3.connect(db)
    rows = con.execute("SELECT key, request, response, prompt_tokens, completion_tokens, cost_usd, "
                       "finish_reason FROM calls").fetchall()
    con.close()
    judge_rows = [r for r in rows if "/judge/smol-judge/" in r[0]]
    assert judge_rows and len(rows) == 4 + len(judge_rows) + 1  # and the house judge's one read
    request = json.loads(judge_rows[0][1])
    assert request["response_format"]["schema"]["properties"]["winner"]["enum"] == ["A", "B"]
    # Room for the longest ballot the schema allows: the first reply parses, never cut off.
    assert request["max_tokens"] >= ballot_max_tokens(lg.rubric)
    for r in judge_rows:
        prompts.parse_ballot(r[2], lg.rubric)  # every reply parses: constrained
        assert r[6] == "stop"
    rows = [r for r in rows if "/judge/hj/" not in r[0]]  # the house judge counts words, not tokens
    # Tokens are counted and the price is zero.
    assert all(r[3] > 0 and r[4] > 0 and r[5] == 0.0 for r in rows)


async def test_shared_instance_streams_one_call_at_a_time_off_the_event_loop() -> None:
    from debate.gateway.local_provider import loaded_models

    gw = Gateway(None, max_retries=0)
    a = ModelEntry(name="a", model="local/smollm2", params={"max_tokens": 24, "seed": 7})
    b = ModelEntry(name="b", model="local/smollm2", params={"max_tokens": 24, "seed": 7,
                                                            "temperature": 1.2})
    msgs = [{"role": "user", "content": "Name three colours."}]
    order: list[str] = []
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0)

    tick = asyncio.create_task(ticker())
    ra, rb = await asyncio.gather(
        gw.complete(a, msgs, key="a", stream=True, on_delta=lambda t: order.append("a")),
        gw.complete(b, msgs, key="b", stream=True, on_delta=lambda t: order.append("b")))
    done.set()
    await tick
    # One call at a time on the shared model: the streams do not interleave.
    assert order == sorted(order) or order == sorted(order, reverse=True)
    assert {"a", "b"} == set(order)
    assert ticks > len(order)  # the loop kept running while the model generated
    paths = {key[0] for key in loaded_models()}
    assert len([p for p in paths if p.name.startswith("SmolLM2")]) == 1
    # Seeded: the same request gives the same text, streamed or not.
    again = await gw.complete(a, msgs, key="a2")
    assert again.text == ra.text and ra.completion_tokens > 0 and ra.cost_usd == 0.0
    assert rb.text


async def test_other_models_keep_going_while_the_local_model_generates() -> None:
    gw = Gateway(None, max_retries=0)
    local = ModelEntry(name="smol", model="local/smollm2", params={"max_tokens": 48})
    house = ModelEntry(name="club", model="house/club")
    league = load_league(DATA / "mini-league.yaml")
    msgs = prompts.debater_messages(league.packs[0].motions[0], league.format, 0, "pro", [])
    finished: list[str] = []
    started = asyncio.Event()

    async def call(entry: ModelEntry) -> None:
        if entry is house:
            await started.wait()  # ask the house model only once the local one is generating
        await gw.complete(entry, msgs, key=entry.name, stream=True,
                          on_delta=lambda t: started.set())
        finished.append(entry.name)

    await asyncio.gather(call(local), call(house), call(house.model_copy(update={"name": "club2"})))
    assert finished[-1] == "smol"
