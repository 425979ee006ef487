"""The store commits once per event-loop turn (many writes, one commit), and never loses one."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from debate.record.events import RunNote
from debate.record.store import Store


class CountingDB:
    """Wraps a sqlite3 connection and counts commits."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db, self.commits = db, 0

    def commit(self) -> None:
        self.commits += 1
        self._db.commit()

    def __getattr__(self, name: str):
        return getattr(self._db, name)


def visible_events(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        con.close()


def test_store_commits_once_per_loop_turn(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = Store(db)
    counter = CountingDB(store.db)
    store.db = counter  # type: ignore[assignment]

    async def burst() -> tuple[int, int]:
        for i in range(50):
            store.append(RunNote(message=f"note {i}"))
        before = visible_events(db)  # another reader: nothing committed yet
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return before, visible_events(db)

    before, after = asyncio.run(burst())
    assert (before, after) == (0, 50)
    assert counter.commits == 1
    # outside an event loop every write commits at once
    store.append(RunNote(message="sync"))
    assert visible_events(db) == 51 and counter.commits == 2
    store.close()


def test_store_close_commits_a_pending_turn(tmp_path: Path) -> None:
    db = tmp_path / "c.db"

    async def write_then_close() -> None:
        store = Store(db)
        store.append(RunNote(message="last words"))
        store.close()  # before the loop turns

    asyncio.run(write_then_close())
    assert visible_events(db) == 1
