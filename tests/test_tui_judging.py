"""A person judges blind in the viewer, keys only: the queue, the form, the ballot stored and
kept across a restart, in `debate judges`; no model name on screen until the ballot is cast."""

from __future__ import annotations

import html
import re
from pathlib import Path

from debate.domain.human_queue import blind_order
from debate.record.events import SpeechDone
from debate.record.state import load_state
from debate.record.store import Store
from debate.testing import run_cli
from tests.tui_sample import DEBATERS, SIZE, all_events, until, until_loaded, write_db
from tui import make_app
from tui.screens import DebateScreen, JudgeQueueScreen, JudgeScreen
from tui.widgets import BallotForm


def _blind_db(path: Path) -> Path:
    """The sample tournament with speeches that do not name their speaker (as a real debate's)."""
    events = []
    for ev in all_events():
        if isinstance(ev, SpeechDone):
            ev = ev.model_copy(update={"speech": ev.speech.model_copy(
                update={"text": f"Speech {ev.speech.index + 1}: one reason, one example, one answer."})})
        events.append(ev)
    return write_db(path, events)


def screen_text(app) -> str:
    """Everything on the terminal, as text (from the screenshot the app itself renders)."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.split("</style>", 1)[-1])
    return html.unescape(text).replace("\xa0", " ")


async def _type(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def _judge_one(pilot, app, winner_key: str, scores: list[str], reasons: str = "clearer evidence") -> str:
    await until(pilot, lambda: isinstance(app.screen, JudgeScreen), "the judging screen")
    await pilot.pause()
    screen = app.screen
    text = screen_text(app)
    for name in DEBATERS:  # blind: no debater's name anywhere on the terminal
        assert name not in text, (name, text)
    assert "Side A" in text and "Side B" in text and "overrun" not in text and "⚑" not in text
    for key in scores[:-1]:
        await pilot.press(key, "tab")
    await pilot.press(scores[-1], winner_key)
    await _type(pilot, reasons)  # choosing the winner moved the focus to the reasons
    await pilot.press("ctrl+s")
    await until(pilot, lambda: screen.cast_done, "the ballot to be cast")
    return screen.debate_id


async def test_a_person_judges_two_debates_with_keys_only(tmp_path: Path, capsys) -> None:
    db = _blind_db(tmp_path / "blind.db")
    app = make_app(db=db, judge="ann")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen) and app.screen.queue,
                    "the judging queue")
        queue = list(app.screen.queue)
        assert sorted(queue) == ["r1-d1", "r1-d2", "r2-d1", "r2-d2"]
        assert queue[0] == "r2-d1"  # the one split panel comes first
        assert not any(name in screen_text(app) for name in DEBATERS)
        await pilot.press("enter")
        first = await _judge_one(pilot, app, "a", ["8", "6", "7", "5"])
        assert first == "r2-d1"
        # Revealed once cast: the names and the panel.
        await pilot.pause()
        assert any(name in screen_text(app) for name in ("alpha", "delta"))
        # Casting again is refused: the form is gone; `n` opens the next debate in the queue.
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, JudgeScreen) and app.screen.debate_id != first,
                    "the next debate")
        second = await _judge_one(pilot, app, "b", ["5", "0", "6", "9"])  # 0 means 10
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen), "the queue again")
        await until(pilot, lambda: len(app.screen.queue) == 2, "the queue to shrink")

    with Store(db, readonly=True) as store:
        state = load_state(store)
    ballots = {i: state.debates[i].human_ballots for i in (first, second)}
    assert [b.judge for b in ballots[first]] == ["human:ann"]
    order1, order2 = blind_order("ann", first), blind_order("ann", second)
    assert state.debates[first].blind_orders["human:ann"] == order1
    b1, b2 = ballots[first][0], ballots[second][0]
    assert b1.winner == order1[0] and b2.winner == order2[1]  # a: Side A; b: Side B
    assert b1.reasons == b2.reasons == "clearer evidence"
    assert b1.scores[order1[0]] == {"norms": 8.0, "evidence": 7.0}
    assert b1.scores[order1[1]] == {"norms": 6.0, "evidence": 5.0}
    assert b2.scores[order2[1]] == {"norms": 10.0, "evidence": 9.0}
    assert [b.judge for b in state.debates[first].ballots] == ["j1", "j2"]  # the panel's untouched
    assert state.debates[first].result is not None and state.debates[first].result.winner == "alpha"

    # A restart resumes: the two judged debates are out of ann's queue, in bob's.
    app = make_app(db=db, judge="ann")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen) and app.screen.queue,
                    "the judging queue")
        assert sorted(app.screen.queue) == sorted({"r1-d1", "r1-d2", "r2-d1", "r2-d2"} - {first, second})
    assert run_cli("judges", str(db), "--json") == 0
    out = capsys.readouterr().out
    assert '"humans": [\n      "ann"\n    ]' in out and '"debates_with_verdict": 2' in out


async def test_the_debate_screen_leads_to_judging_and_ballots_show_live(sample_db: Path) -> None:
    app = make_app(db=sample_db, judge="bob")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen), "the judging queue")
        await pilot.press("escape")  # to the tabs
        await until(pilot, lambda: not isinstance(app.screen, JudgeQueueScreen), "the tabs")
        await until_loaded(pilot)
        await pilot.press("2", "enter")
        await until(pilot, lambda: isinstance(app.screen, DebateScreen), "the debate screen")
        # Another person's ballot arrives (an import, another viewer): it shows in the panel.
        assert run_cli("ballots", "import", str(_one_row(sample_db.parent)), str(sample_db)) == 0
        await until(pilot, lambda: "human:cat" in screen_text(app), "the human ballot in the panel")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen), "the queue from the debate")


def _one_row(folder: Path) -> Path:
    p = folder / "one.csv"
    p.write_text("debate_id,judge,winner\nr1-d1,cat,con\n")
    return p


async def test_the_form_refuses_an_incomplete_ballot(sample_db: Path) -> None:
    app = make_app(db=sample_db, judge="dan")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen) and app.screen.queue, "the queue")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, JudgeScreen), "the judging screen")
        await pilot.pause()
        await pilot.press("7", "ctrl+s")
        await pilot.pause()
        assert not app.screen.cast_done and "score every dimension first" in screen_text(app)
        form = app.screen.query_one(BallotForm)
        for f in form.fields():
            f.set_value(6)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.cast_done and "choose the winner" in screen_text(app)
        await pilot.press("a", "ctrl+s")  # a winner, but no reasons
        await pilot.pause()
        assert not app.screen.cast_done and "write your reasons" in screen_text(app)
    with Store(sample_db, readonly=True) as store:
        assert not list(store.events(types=("human_ballot_cast",)))
