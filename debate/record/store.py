"""SQLite persistence: an append-only event log and the call cache that makes resume free.

WAL mode lets a viewer read while a run writes. A file that is not one of ours is refused,
never overwritten. Secrets never enter: requests are stored without API keys.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..league.entries import ModelEntry
from .calls import CallResult
from .events import Event, TurnDelta, parse_event

APP_ID = 0x44424154  # "DBAT": SQLite application_id marking our files
SCHEMA_VERSION = 1

# `replaced_calls` keeps rows moved out of `calls`: the same columns (named in every INSERT, so an
# older database whose columns were added in another order still copies right).
_CALL_COLUMNS = ("request_hash TEXT NOT NULL, debater TEXT NOT NULL, model TEXT NOT NULL, "
                 "request TEXT NOT NULL, response TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, "
                 "completion_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL, latency_ms REAL NOT NULL, "
                 "attempts INTEGER NOT NULL, created REAL NOT NULL, finish_reason TEXT")
# Columns added after the first release, with their type: added to an older database when it is
# opened for writing; a read-only one without them reads them as NULL.
_ADDED_CALL_COLUMNS = {"finish_reason": "TEXT"}

_CALL_NAMES = ["key"] + [c.split()[0] for c in _CALL_COLUMNS.split(", ")]
_NAMES, _SLOTS = ",".join(_CALL_NAMES), ",".join("?" * len(_CALL_NAMES))

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    type TEXT NOT NULL,
    debate_id TEXT,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_debate ON events(debate_id);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE TABLE IF NOT EXISTS calls ({call_columns_pk});
-- A call made again under the same key with a different request (a judge's params changed
-- between runs): the old reply was paid for, so it is kept here and counts toward the budget.
CREATE TABLE IF NOT EXISTS replaced_calls ({call_columns});
-- An attempt that timed out or whose stream was cut: the provider may have generated (and
-- billed) the reply we never got. Under a budget its worst case counts as spent.
CREATE TABLE IF NOT EXISTS unsettled_attempts (
    key TEXT NOT NULL,
    debater TEXT NOT NULL,
    kind TEXT NOT NULL,
    est_cost_usd REAL NOT NULL,
    created REAL NOT NULL
);
""".format(call_columns_pk="key TEXT PRIMARY KEY, " + _CALL_COLUMNS,
           call_columns="key TEXT NOT NULL, " + _CALL_COLUMNS)


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._flush_pending = False
        exists = self.path.exists() and self.path.stat().st_size > 0
        if not exists and (readonly or not create):
            raise UserError("no such results database", file=str(self.path))
        if exists:
            _check_ours(self.path)
        if readonly:
            uri = f"file:{self.path.resolve()}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if not exists:
                self.db.execute(f"PRAGMA application_id={APP_ID}")
            self.db.executescript(_SCHEMA)
            self._add_call_columns()
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self.db.commit()
        self.db.execute("PRAGMA busy_timeout=5000")
        self._call_columns = {r[1] for r in self.db.execute("PRAGMA table_info(calls)")}

    def _add_call_columns(self) -> None:
        """Bring an older database's call tables up to today's columns (NULL in old rows)."""
        for table in ("calls", "replaced_calls"):
            have = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            for col, kind in _ADDED_CALL_COLUMNS.items():
                if col not in have:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {col} {kind}")

    def close(self) -> None:
        try:
            if self._flush_pending:
                self.db.commit()
            self.db.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _commit(self) -> None:
        """Commit now, or, inside an event loop, once at the end of the loop's current turn.

        The debates of a round finish their calls in the same few turns: one commit for all
        the writes of a turn instead of one each. Nothing awaits in between, so a write is
        on disk before the task that made it can start another paid call's reply handling.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.db.commit()
            return
        if not self._flush_pending:
            self._flush_pending = True
            loop.call_soon(self._flush)

    def _flush(self) -> None:
        if self._flush_pending:
            self._flush_pending = False
            try:
                self.db.commit()
            except sqlite3.ProgrammingError:  # closed meanwhile: close() committed
                pass

    # --- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    # --- events -----------------------------------------------------------------------------
    def append(self, event: Event) -> None:
        if isinstance(event, TurnDelta):
            return
        self._insert(event)
        self._commit()

    def append_all(self, events: list[Event]) -> None:
        """Append every event or none (one transaction): an import is never half done."""
        try:
            for event in events:
                if not isinstance(event, TurnDelta):
                    self._insert(event)
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise

    def _insert(self, event: Event) -> None:
        if not event.ts:
            event.ts = time.time()
        debate_id = getattr(event, "debate_id", None)
        if debate_id is None and event.type == "debate_decided":
            debate_id = event.result.debate_id  # type: ignore[union-attr]
        self.db.execute("INSERT INTO events (ts, type, debate_id, payload) VALUES (?, ?, ?, ?)",
                        (event.ts, event.type, debate_id, event.model_dump_json()))

    def events(self, after: int = 0, types: tuple[str, ...] | None = None) -> Iterator[tuple[int, Event]]:
        return self._events("seq > ?", after, types)

    def debate_events(self, debate_id: str,
                      types: tuple[str, ...] | None = None) -> Iterator[tuple[int, Event]]:
        """One debate's events in order (indexed), for a viewer that loads a transcript on demand."""
        return self._events("debate_id = ?", debate_id, types)

    def _events(self, where: str, arg: Any, types: tuple[str, ...] | None) -> Iterator[tuple[int, Event]]:
        sql, args = f"SELECT seq, payload FROM events WHERE {where}", [arg]
        if types:
            sql += f" AND type IN ({','.join('?' * len(types))})"
            args += list(types)
        for seq, payload in self.db.execute(sql + " ORDER BY seq", args).fetchall():
            yield seq, parse_event(payload)

    def time_span(self) -> tuple[float, float] | None:
        """When the first and the last stored event happened (None before any)."""
        row = self.db.execute("SELECT MIN(ts), MAX(ts) FROM events").fetchone()
        return None if row[0] is None else (row[0], row[1])

    def last_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]

    # --- call cache -------------------------------------------------------------------------
    def get_call(self, key: str, request_hash: str) -> CallResult | None:
        finish = "finish_reason" if "finish_reason" in self._call_columns else "NULL"
        row = self.db.execute(
            f"SELECT response, prompt_tokens, completion_tokens, cost_usd, latency_ms, attempts, {finish} "
            "FROM calls WHERE key=? AND request_hash=?", (key, request_hash)).fetchone()
        if row is None:
            return None
        return CallResult(text=row[0], prompt_tokens=row[1], completion_tokens=row[2],
                          cost_usd=row[3], latency_ms=row[4], attempts=row[5], cached=True,
                          finish_reason=row[6])

    def put_call(self, key: str, request_hash: str, entry: ModelEntry, request: dict,
                 result: CallResult) -> None:
        self.db.execute(f"INSERT INTO replaced_calls ({_NAMES}) SELECT {_NAMES} FROM calls "
                        "WHERE key=? AND request_hash<>?", (key, request_hash))
        self.db.execute(
            f"INSERT OR REPLACE INTO calls ({_NAMES}) VALUES ({_SLOTS})",
            (key, request_hash, entry.name, entry.model, json.dumps(request, ensure_ascii=False, default=str),
             result.text, result.prompt_tokens, result.completion_tokens, result.cost_usd,
             result.latency_ms, result.attempts, time.time(), result.finish_reason))
        self._commit()

    def put_unsettled(self, key: str, debater: str, kind: str, est_cost_usd: float) -> None:
        """Record an attempt that may have been billed though no reply came (see the schema)."""
        self.db.execute("INSERT INTO unsettled_attempts VALUES (?,?,?,?,?)",
                        (key, debater, kind, est_cost_usd, time.time()))
        self._commit()

    def _rows(self, sql: str) -> list[tuple]:
        """A query's rows, or none if its table is missing: a database from before replaced_calls
        or unsettled_attempts, opened read-only, has no such table."""
        try:
            return self.db.execute(sql).fetchall()
        except sqlite3.OperationalError:
            return []

    def cost_by_debate(self) -> dict[str, float]:
        """USD per debate id (a call's key starts with its debate's id, then '/'), counting what
        the budget counts: paid calls, replaced ones, and unsettled attempts' worst case."""
        out: dict[str, float] = {}
        for table, col in (("calls", "cost_usd"), ("replaced_calls", "cost_usd"),
                           ("unsettled_attempts", "est_cost_usd")):
            for k, v in self._rows(f"SELECT substr(key, 1, instr(key, '/') - 1), SUM({col}) "
                                   f"FROM {table} GROUP BY 1"):
                out[k] = out.get(k, 0.0) + v
        return out

    def call_rows(self) -> list[dict[str, Any]]:
        """Every call the record holds, for audits, oldest first, without request and reply
        texts: `status` says what the row is: "stored" (the reply a resume replays), "replaced"
        (paid for, then asked again with a changed request) or "unsettled" (an attempt that
        timed out or was cut: its worst case, which a provider may have billed). A column a
        newer writer added to the calls table comes along under its own name."""
        out: list[dict[str, Any]] = []
        for table, status in (("calls", "stored"), ("replaced_calls", "replaced")):
            cols = [r[1] for r in self._rows(f"PRAGMA table_info({table})")
                    if r[1] not in ("request", "response", "request_hash")]
            if not cols:
                continue
            for row in self._rows(f"SELECT {', '.join(cols)} FROM {table} ORDER BY created"):
                out.append({**dict(zip(cols, row)), "status": status})
        for key, debater, kind, cost, created in self._rows(
                "SELECT key, debater, kind, est_cost_usd, created FROM unsettled_attempts"):
            out.append({"key": key, "debater": debater, "model": "", "cost_usd": cost,
                        "created": created, "status": "unsettled", "error_kind": kind})
        out.sort(key=lambda r: r.get("created") or 0.0)
        return out

    def call_totals(self) -> dict[str, float]:
        """Every call paid for: the stored ones and the ones a changed request replaced; and
        apart, the worst case of unsettled attempts."""
        out = {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "cost_usd": 0.0}
        for table in ("calls", "replaced_calls"):
            for row in self._rows("SELECT COUNT(*), COALESCE(SUM(prompt_tokens),0), COALESCE(SUM("
                                  f"completion_tokens),0), COALESCE(SUM(cost_usd),0) FROM {table}"):
                for name, value in zip(out, row):
                    out[name] += value
        out["unsettled_usd"] = sum((r[0] for r in self._rows(
            "SELECT COALESCE(SUM(est_cost_usd), 0) FROM unsettled_attempts")), 0.0)
        return out


class DatabaseBusy(UserError):
    """Another `debate run` holds this database."""


class RunLock:
    """One `debate run` at a time per database: two would pay for the same calls and interleave
    their events. An flock on `<db>.lock` (released by the OS if the process dies, so a crash
    never leaves a stale lock). SQLite's own locks are not touched; viewers are not locked out.
    """

    def __init__(self, db: str | Path) -> None:
        self.db, self.path = Path(db), Path(f"{db}.lock")
        self._fh: Any = None

    def __enter__(self) -> RunLock:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock (the run still works)
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise DatabaseBusy("another `debate run` is writing to this database"
                            + (f" (pid {holder})" if holder.isdigit() else "")
                            + "; let it finish or stop it, then run again",
                            file=str(self.db)) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the flock
            self._fh = None


SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """True when the file starts with SQLite's header (whatever its name)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _check_ours(path: Path) -> None:
    """Refuse a file that is not a results database of ours (never overwrite it)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if not head.startswith(SQLITE_MAGIC):
        raise UserError("not a results database (not an SQLite file); refusing to touch it",
                        file=str(path))
    try:
        con = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            app = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"corrupt or unreadable database ({exc}); refusing to touch it",
                        file=str(path)) from None
    if app != APP_ID or not {"meta", "events", "calls"} <= tables:
        raise UserError("an SQLite file that is not a debate results database; refusing to touch it",
                        file=str(path))
