"""Money across runs: what was paid for stays counted, whatever a later run changes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from debate.config import ModelEntry, Price
from debate.gateway import Gateway
from debate.store import Store
from debate.testing import FakeOpenAIServer
from debate.testing.fake_openai import Reply


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
            gw = Gateway(st, spent_usd=st.call_totals()["cost_usd"])
            res = await gw.complete(entry, msgs, key="d1/judge/j/p0/orderAB/try0")
            return res.cost_usd

        first = asyncio.run(go(_entry(srv.base_url, temperature=0)))
        second = asyncio.run(go(_entry(srv.base_url, temperature=1)))
        assert len(srv.requests) == 2 and first > 0 and second > 0
        totals = st.call_totals()
        assert totals["calls"] == 2
        assert totals["cost_usd"] == pytest.approx(first + second)
        # the replaced reply is no longer served, the new one is
        assert asyncio.run(go(_entry(srv.base_url, temperature=1))) == second
        assert len(srv.requests) == 2
