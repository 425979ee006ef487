"""Where the viewer's events come from: an engine run in a thread, or a database being read.

A source runs in its own thread and appends `(seq, event)` pairs to a deque; the app drains
the deque on a timer (at most ~10 times a second), so a flood of streamed tokens costs one
repaint per tick, not one per token.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from pathlib import Path
from typing import Any

from debate.record.events import Event


class Source:
    """Base: a thread that feeds `self.queue`; `mode`, `done` and `error` are read by the app."""

    kind = "source"  # names the thread
    mode = ""  # the status bar's label while the source runs

    def __init__(self, db: Path) -> None:
        self.db = Path(db)
        self.queue: deque[tuple[int, Event]] = deque()
        self.error: str | None = None
        self.exception: BaseException | None = None  # what stopped the source, if it failed
        self.done = False
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"tui-{self.kind}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._cancel()
        if self._thread is not None:
            self._thread.join(timeout)

    def _cancel(self) -> None:
        pass

    def _run(self) -> None:
        try:
            self.run()
        except Exception as exc:  # noqa: BLE001 - shown in the app, never a traceback
            self.error = _describe(exc)
            self.exception = exc
        finally:
            self.done = True

    def run(self) -> None:
        raise NotImplementedError


class FollowSource(Source):
    """Read a results database and keep polling it: another process may still be writing."""

    kind = "follow"
    mode = "following"

    def __init__(self, db: Path, poll_s: float = 0.5) -> None:
        super().__init__(db)
        self.poll_s = poll_s

    def run(self) -> None:
        from debate.record.store import Store

        with Store(self.db, readonly=True) as store:
            seq = 0
            while not self._stop.is_set():
                for seq, ev in store.events(after=seq):
                    self.queue.append((seq, ev))
                self._stop.wait(self.poll_s)


class EngineSource(Source):
    """Run a league in this process: the engine gets its own event loop in the thread."""

    kind = "engine"
    mode = "live"

    def __init__(self, league: Any, db: Path) -> None:
        super().__init__(db)
        self.league = league
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None

    def _on_event(self, ev: Event) -> None:
        # Called in the engine's loop after the event is stored, so a reader of the store
        # sees everything this event refers to.
        self.queue.append((0, ev))

    def run(self) -> None:
        from debate.errors import RunStopped
        from debate.orchestrator import run_tournament
        from debate.record.store import Store

        async def main() -> None:
            self._task = asyncio.current_task()
            with Store(self.db) as store:
                # a live display: speeches stream to it as TurnDelta events
                # checked first, as `debate run` does: a league whose models cannot answer
                # says so at once instead of sitting in outage passes
                await run_tournament(self.league, store, on_event=self._on_event, stream=True,
                                     preflight=True)

        if self.db.exists() and self.db.stat().st_size:
            # A resumed league: show what the database already holds, then the engine's events.
            with Store(self.db, readonly=True) as old:
                for seq, ev in old.events():
                    self.queue.append((seq, ev))
        self._loop = asyncio.new_event_loop()
        try:
            if not self._stop.is_set():
                self._loop.run_until_complete(main())
        except asyncio.CancelledError:
            self.error = "stopped; run the same command to resume"
        except RunStopped as exc:
            self.error = f"stopped: {exc.reason}"
        finally:
            # Quitting mid-call cancels the main task; its debates' tasks must finish
            # cancelling before the loop closes, or Python warns about destroyed tasks.
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            if pending:
                self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()

    def _cancel(self) -> None:
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:  # the loop closed between the check and the call
                pass


def _describe(exc: BaseException) -> str:
    from debate.errors import UserError, UserErrors

    if isinstance(exc, UserErrors):  # one line each, as the CLI prints them
        return "\n".join([*(f"error: {e}" for e in exc.errors), *([exc.summary] if exc.summary else [])])
    if isinstance(exc, UserError):
        return f"error: {exc}"
    return f"error: {type(exc).__name__}: {exc}"
