"""Every stored call keeps why the model stopped (finish_reason): streamed or not, from the house
provider and from a server; a database written before the column existed still loads."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from debate.gateway import Gateway
from debate.league.entries import ModelEntry
from debate.record.calls import CallResult
from debate.record.store import Store
from debate.testing import FakeOpenAIServer
from debate.testing.fake_openai import Reply

MSGS = [{"role": "user", "content": "Say something."}]
WORDS = "one two three four five six seven eight nine ten"


def _call(store: Store, entry: ModelEntry, *, stream: bool, key: str = "k") -> CallResult:
    async def go() -> CallResult:
        return await Gateway(store, max_retries=0).complete(entry, MSGS, key=key, stream=stream)
    return asyncio.run(go())


@pytest.mark.parametrize("stream", [False, True])
def test_a_cut_reply_is_stored_as_length(tmp_path: Path, stream: bool, monkeypatch) -> None:
    monkeypatch.setenv("FR_KEY", "sk-finish-0123456789")
    with FakeOpenAIServer(lambda req: Reply(WORDS)) as srv, Store(tmp_path / "f.db") as store:
        capped = ModelEntry(name="m", model="openai/m", api_base=srv.base_url, api_key_env="FR_KEY",
                            params={"max_tokens": 4})
        free = ModelEntry(name="n", model="openai/n", api_base=srv.base_url, api_key_env="FR_KEY")
        assert _call(store, capped, stream=stream, key="a").finish_reason == "length"
        assert _call(store, free, stream=stream, key="b").finish_reason == "stop"
        rows = dict(store.db.execute("SELECT key, finish_reason FROM calls").fetchall())
        assert rows == {"a": "length", "b": "stop"}
        # A resume replays it from the store, without a call.
        before = srv.calls
        assert _call(store, capped, stream=stream, key="a").finish_reason == "length"
        assert srv.calls == before


def test_a_server_that_says_nothing_is_stored_as_unknown(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FR_KEY", "sk-finish-0123456789")
    with FakeOpenAIServer(lambda req: Reply(WORDS, finish_reason="")) as srv, \
            Store(tmp_path / "f.db") as store:
        entry = ModelEntry(name="m", model="openai/m", api_base=srv.base_url, api_key_env="FR_KEY")
        res = _call(store, entry, stream=False)
    # litellm reports "stop" for a missing reason: the truncated flag also reads the token count.
    assert res.finish_reason in (None, "stop")


@pytest.mark.parametrize("stream", [False, True])
def test_house_models_say_stop(tmp_path: Path, stream: bool) -> None:
    with Store(tmp_path / "h.db") as store:
        res = _call(store, ModelEntry(name="c", model="house/club"), stream=stream)
    assert res.finish_reason == "stop" and res.text


OLD_CALLS = ("CREATE TABLE calls (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, debater TEXT NOT NULL, "
             "model TEXT NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL, prompt_tokens INTEGER NOT "
             "NULL, completion_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL, latency_ms REAL NOT NULL, "
             "attempts INTEGER NOT NULL, created REAL NOT NULL)")


def _old_db(path: Path) -> Path:
    """A results database as written before finish_reason existed (no replaced_calls either)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id=1145192788")
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, "
                "type TEXT NOT NULL, debate_id TEXT, payload TEXT NOT NULL)")
    con.execute(OLD_CALLS)
    con.execute("INSERT INTO calls VALUES ('k','h','m','house/club','{}','old reply',1,2,0,1,1,0)")
    con.commit()
    con.close()
    return path


def test_an_old_database_loads_read_only_and_is_upgraded_for_writing(tmp_path: Path) -> None:
    db = _old_db(tmp_path / "old.db")
    with Store(db, readonly=True) as st:
        hit = st.get_call("k", "h")
    assert hit is not None and hit.text == "old reply" and hit.finish_reason is None
    with Store(db) as st:
        assert st.get_call("k", "h").finish_reason is None
        entry = ModelEntry(name="m", model="house/club")
        st.put_call("k", "h2", entry, {}, CallResult(text="new", finish_reason="length"))
        assert st.get_call("k", "h2").finish_reason == "length"
        # The replaced reply moved aside with its columns in the right places.
        moved = st.db.execute("SELECT response, finish_reason, attempts FROM replaced_calls").fetchall()
    assert moved == [("old reply", None, 1)]
