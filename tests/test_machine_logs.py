"""Machine-readable logs: `debate run --events jsonl[=PATH]` writes every stored event as a JSON
line; `debate export DB --table calls` lists every call for audits. And the report's checks of
sealed packs and of motion balance, which read the same record."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from debate.league.config import LeagueConfig
from debate.league.entries import ModelEntry
from debate.league.resources import canonical_hash, load_pack
from debate.packs import results_balance, wilson_interval
from debate.record.calls import CallResult
from debate.record.events import TournamentStarted
from debate.record.state import replay
from debate.record.store import Store
from debate.reports.packs_check import pack_checks
from debate.testing import run_cli
from tests import DATA


def _stored(db: Path) -> list[dict]:
    with Store(db, readonly=True) as store:
        return [json.loads(p) for (p,) in store.db.execute("SELECT payload FROM events ORDER BY seq")]


@pytest.fixture
def tiny_league(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump({
        "name": "tiny", "seed": 1, "rounds": 1, "format": "oxford", "motions": ["general-en"],
        "debaters": [{"name": "a", "model": "house/club"}, {"name": "b", "model": "house/novice"}],
        "judges": [{"name": "j", "model": "house/judge"}]}))
    return path


def test_events_go_to_stdout_as_json_lines_and_the_rest_to_stderr(tiny_league: Path, tmp_path: Path,
                                                                   capsys) -> None:
    db = tmp_path / "tiny.db"
    assert run_cli("run", str(tiny_league), "--db", str(db), "--events", "jsonl") == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == _stored(db)  # the same JSON the store keeps, every event, in order
    assert lines[0]["type"] == "tournament_started" and lines[-1]["type"] == "tournament_finished"
    assert "final standings" in err and "final standings" not in out


def test_events_are_appended_to_a_file(tiny_league: Path, tmp_path: Path, capsys) -> None:
    db, log = tmp_path / "tiny.db", tmp_path / "events.jsonl"
    assert run_cli("run", str(tiny_league), "--db", str(db), "--events", f"jsonl={log}", "-q") == 0
    assert "final standings" in capsys.readouterr().out  # stdout is the console's as usual
    assert [json.loads(line) for line in log.read_text().splitlines()] == _stored(db)


@pytest.mark.parametrize("value", ["xml", "jsonl=", "json"])
def test_a_bad_events_target_is_refused(value: str, tiny_league: Path, tmp_path: Path) -> None:
    assert run_cli("run", str(tiny_league), "--db", str(tmp_path / "x.db"), "--events", value) == 2
    assert not (tmp_path / "x.db").exists()


def test_calls_export_lists_every_call_with_its_kind_status_and_cost(tmp_path: Path, capsys) -> None:
    db = tmp_path / "calls.db"
    deb, judge = ModelEntry(name="a", model="house/club"), ModelEntry(name="j", model="house/judge")
    with Store(db) as store:
        store.put_call("r1-d1/turn0", "h1", deb, {}, CallResult("speech", 10, 20, 0.5, 120.04, 2,
                                                                finish_reason="length"))
        store.put_call("r1-d1/judge/j/p1/orderAB/try1", "h2", judge, {}, CallResult("{}", 30, 5, 0.25, 80.0))
        store.put_call("r1-d1/judge/j/p1/orderAB/try1", "h3", judge, {}, CallResult("{}", 31, 6, 0.125, 90.0))
        store.put_unsettled("r1-d2/turn1", "a", "timeout", 0.75)
    assert run_cli("export", str(db), "-f", "csv", "--table", "calls") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"model", "debate", "kind", "latency_ms", "prompt_tokens", "completion_tokens", "cost_usd",
            "finish_reason", "cached", "status"} <= set(rows[0])
    got = sorted((r["debate"], r["kind"], r["status"], r["debater"], float(r["cost_usd"])) for r in rows)
    assert got == [("r1-d1", "judge", "replaced", "j", 0.25), ("r1-d1", "judge", "stored", "j", 0.125),
                   ("r1-d1", "speech", "stored", "a", 0.5), ("r1-d2", "speech", "unsettled", "a", 0.75)]
    speech = next(r for r in rows if r["kind"] == "speech" and r["status"] == "stored")
    assert (speech["model"], speech["latency_ms"], speech["prompt_tokens"], speech["attempts"]) == \
        ("house/club", "120.0", "10", "2")
    assert speech["finish_reason"] == "length"
    assert {r["finish_reason"] for r in rows if r is not speech} == {""}  # none recorded for them
    assert run_cli("export", str(db), "-f", "json", "--table", "calls") == 0
    as_json = json.loads(capsys.readouterr().out)
    assert len(as_json) == 4 and sum(r["cost_usd"] for r in as_json) == pytest.approx(1.625)


def _state_with_packs(motions: list[str], packs: dict[str, str]):
    config = LeagueConfig(name="l", rounds=1, motions=motions,
                          debaters=[{"name": "a", "model": "house/club"}, {"name": "b", "model": "house/novice"}])
    return replay([TournamentStarted(league="l", config=config, packs=packs)])


def test_recorded_pack_hashes_are_checked_against_the_packs_found() -> None:
    stock = canonical_hash(load_pack("general-en"))
    mini = DATA / "mini-pack.yaml"
    mini_hash = canonical_hash(load_pack(str(mini)))
    [ok] = pack_checks(_state_with_packs(["general-en"], {"general-en": stock}))
    assert ok.status == "yes (stock pack general-en)" and ok.sha256 == stock
    [bad] = pack_checks(_state_with_packs(["general-en"], {"general-en": "0" * 64}))
    assert bad.status == f"NO: stock pack general-en hashes to {stock}"
    state = _state_with_packs(["somewhere/else/mini-pack.yaml"], {"mini": mini_hash})
    [missing] = pack_checks(state)
    assert missing.status.startswith("not checked")
    [named] = pack_checks(state, [mini])
    assert named.status == f"yes ({mini})"


def test_wilson_interval_matches_the_reference_values() -> None:
    # statsmodels.stats.proportion.proportion_confint(k, n, method="wilson")
    assert wilson_interval(5, 10) == pytest.approx((0.236593, 0.763407), abs=1e-6)
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.277533), abs=1e-6)
    assert wilson_interval(0, 0) is None


def test_results_balance_counts_each_motion_of_the_league() -> None:
    from debate.domain.models import DebateResult

    def r(i: int, motion: str, winner: str | None, result: str = "decided") -> DebateResult:
        return DebateResult(debate_id=f"d{i}", round=1, motion_id=motion, pro="p", con="c",
                            winner=winner, result=result)

    rows = results_balance([r(1, "x/a", "p"), r(2, "x/a", "c"), r(3, "x/a", "p"), r(4, "y/b", None, "draw"),
                            r(5, "y/b", "p", "forfeit")], {"x/a": "Motion A"})
    a, b = rows
    assert (a.motion_id, a.text, a.pro_wins, a.con_wins, a.verdict) == ("x/a", "Motion A", 2, 1, "inconclusive")
    assert (b.motion_id, b.draws, b.forfeits, b.decided) == ("y/b", 1, 1, 0)
