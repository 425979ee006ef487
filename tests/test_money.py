"""Money across runs: what was paid for stays counted, whatever a later run changes."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from debate.gateway import Gateway
from debate.league.entries import ModelEntry, Price
from debate.record.store import RunLock, Store
from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply
from tests._loopback import good, once_then, state_of, write_league


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-money-test-000")


def _entry(base: str, **params) -> ModelEntry:
    return ModelEntry(name="j", model="openai/j", api_base=base, api_key_env="LOOP_KEY", timeout_s=30,
                      params=params, price=Price(input_per_mtok=1000.0, output_per_mtok=1000.0))


def test_a_call_made_again_with_a_changed_request_keeps_the_first_one_paid(tmp_path: Path) -> None:
    """A judge's params changed between runs: the same key is called again, and both count."""
    msgs = [{"role": "user", "content": "score this debate"}]
    with FakeOpenAIServer(lambda req: Reply("a ballot")) as srv, Store(tmp_path / "m.db") as st:
        async def go(entry: ModelEntry) -> float:
            gw = Gateway(st)
            gw.start_tournament(st.call_totals()["cost_usd"])
            res = await gw.complete(entry, msgs, key="d1/judge/j/p0/orderAB/try0")
            return res.cost_usd

        first = asyncio.run(go(_entry(srv.base_url, temperature=0)))
        second = asyncio.run(go(_entry(srv.base_url, temperature=1)))
        assert len(srv.requests) == 2 and first > 0 and second > 0
        totals = st.call_totals()
        assert totals["calls"] == 2
        assert totals["cost_usd"] == pytest.approx(first + second)
        assert st.cost_by_debate() == {"d1": pytest.approx(first + second)}  # a tournament's budget
        # the replaced reply is no longer served, the new one is
        assert asyncio.run(go(_entry(srv.base_url, temperature=1))) == second
        assert len(srv.requests) == 2


@pytest.mark.parametrize("pack", ["general-zh", "general-en"])
def test_prompt_estimate_is_an_upper_bound_in_chinese_too(tmp_path: Path, pack: str) -> None:
    """The budget reserves a call's worst case from this estimate: it must not fall short.

    A Chinese character is about a token (not a third of one, as in English words), so a
    Chinese debate's judge prompt was under-estimated by half and the budget could be passed.
    """
    import yaml

    from debate.domain import prompts
    from debate.domain.models import Speech
    from debate.gateway.llm import litellm
    from debate.gateway.pricing import prompt_tokens_estimate
    from debate.league.config import load_league

    path = tmp_path / "l.yaml"
    path.write_text(yaml.safe_dump({"name": "z", "rounds": 1, "motions": [pack], "debaters": [
        {"name": "a", "model": "house/club"}, {"name": "b", "model": "house/expert"}]}))
    league = load_league(path)
    _, motion = league.motion_for_round(1)
    body = motion.background * 4  # speeches as long as four motion backgrounds, in the pack's language
    transcript = [Speech(index=i, side=t.side, speaker="a" if t.side == "pro" else "b", kind=t.kind,
                         text=body, words=t.word_limit, word_limit=t.word_limit)
                  for i, t in enumerate(league.format.turns)]
    lm = litellm()
    for msgs in (prompts.judge_messages(league.rubric, motion, transcript, nonce="0" * 12),
                 prompts.debater_messages(motion, league.format, 3, "con", transcript[:3])):
        for model in ("gpt-4", "gpt-4o"):
            assert prompt_tokens_estimate(msgs) >= lm.token_counter(model=model, messages=msgs), model


def test_under_a_budget_a_rambling_model_cannot_bill_past_its_reservation(tmp_path: Path) -> None:
    """The budget reserves a call's worst case from an output bound: the bound must be sent."""
    from debate.gateway import pricing

    msgs = [{"role": "user", "content": "give the opening speech, at most 40 words"}]
    ramble = " ".join(["word"] * 3000)
    with FakeOpenAIServer(lambda req: Reply(ramble)) as srv, Store(tmp_path / "r.db") as st:
        entry = _entry(srv.base_url)
        worst = pricing.max_call_cost(entry, pricing.prompt_tokens_estimate(msgs), 100)

        async def go(budget: float | None, key: str) -> Gateway:
            gw = Gateway(st, budget_usd=budget)
            gw.start_tournament(st.call_totals()["cost_usd"])
            await gw.complete(entry, msgs, key=key, max_output_tokens=100)
            return gw

        gw = asyncio.run(go(worst, "k1"))  # exactly the worst case fits
        assert srv.requests[-1]["max_tokens"] == 100
        assert 0 < gw.spent_usd <= worst
        # without a budget nothing is capped; a budget added later reuses that stored reply
        asyncio.run(go(None, "k2"))
        assert "max_tokens" not in srv.requests[-1]
        asyncio.run(go(1000.0, "k2"))
        assert len(srv.requests) == 2


def test_an_error_text_cut_short_never_keeps_half_a_key(tmp_path: Path) -> None:
    """Error text is cut to 300 characters: a key straddling the cut must still be hidden."""
    from debate.gateway import CallError

    key = "sk-straddle-0123456789abcdef"
    entry = _entry("http://127.0.0.1:9/v1")
    prefix = f"{entry.name} ({entry.model}): "
    for pad in range(260, 300):  # the cut falls inside the key at some pad
        gw = Gateway(None, max_retries=0, secrets=[key])

        async def boom(*args, **kwargs):
            raise RuntimeError("GET https://api.example/v1/chat?" + "q" * (pad - 30) + f"&key={key} failed")

        gw._call = boom  # type: ignore[method-assign]
        with pytest.raises(CallError) as info:
            asyncio.run(gw.complete(entry, [{"role": "user", "content": "x"}], key="k"))
        err = info.value  # one readable line; the provider's text, cut short, in .detail
        assert str(err).startswith(prefix) and "[RuntimeError]" in str(err)
        assert err.detail.startswith("GET https://api.example/v1/chat?")
        for text in (str(err), err.detail):
            assert key[:6] not in text, text[-60:]


def test_a_second_run_on_the_same_database_is_refused_while_one_runs(tmp_path: Path, capsys) -> None:
    """Two runs at once would both pay for the same calls and interleave their events."""
    db = tmp_path / "one.db"
    with FakeOpenAIServer(good) as srv:
        path = write_league(tmp_path / "l.yaml", srv.base_url, rounds=1)
        # a run in progress (another process, as far as flock is concerned)
        with Store(db) as holder, RunLock(db):
            capsys.readouterr()
            assert run_cli("run", str(path), "--db", str(db), "-q") == 2
            err = capsys.readouterr().err
            assert "another `debate run` is writing to this database" in err and str(db) in err
            assert f"pid {os.getpid()}" in err and "Traceback" not in err
            assert srv.requests == [] and holder.last_seq() == 0  # nothing called, nothing written
        assert run_cli("run", str(path), "--db", str(db), "-q") == 0  # released: runs
        assert run_cli("run", str(path), "--db", str(db), "-q") == 0  # and is not held after
    assert state_of(db).finished


def test_a_timed_out_attempt_counts_against_the_budget_now_and_after_a_resume(tmp_path: Path) -> None:
    """A provider may bill a reply the client gave up waiting for: under a budget, a timed-out
    attempt's worst case counts as spent, in this run and (stored) in every later one."""
    msgs = [{"role": "user", "content": "score this debate"}]
    responder = once_then(Reply("late", fault="hang"), Reply("a ballot"))
    with FakeOpenAIServer(responder) as srv, Store(tmp_path / "m.db") as st:
        entry = _entry(srv.base_url).model_copy(update={"timeout_s": 0.3})

        async def go() -> tuple[Gateway, float]:
            gw = Gateway(st, budget_usd=100.0, backoff_s=0.0, max_backoff_s=0.0)
            gw.start_tournament(sum(st.cost_by_debate().values()))
            res = await gw.complete(entry, msgs, key="d1/judge/j/p0/orderAB/try0", max_output_tokens=50)
            return gw, res.cost_usd

        gw, paid = asyncio.run(go())
        totals = st.call_totals()
        assert responder.calls == 2 and totals["calls"] == 1 and totals["cost_usd"] == pytest.approx(paid)
        worst = totals["unsettled_usd"]
        assert worst > paid > 0  # the timed-out attempt's worst case, beside the reply paid for
        assert gw.spent_usd == pytest.approx(paid + worst)
        assert st.cost_by_debate() == {"d1": pytest.approx(paid + worst)}  # what a resume starts from
