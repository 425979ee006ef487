"""A judge's exam: the shipped pack seats the house judge and refuses a loopback judge that always
answers "A", from the command and from a league file's `judging: exam:` before round 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from debate.domain.models import MotionPack
from debate.league import resources
from debate.orchestrator.exam import ItemResult, JudgeExam
from debate.testing import FakeOpenAIServer, Reply, run_cli
from tests._loopback import HJ, always_a, mini_league, write_league


@pytest.fixture
def loop_key(monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-loop-test-key-000")


def test_scores_by_hand() -> None:
    r = JudgeExam("x", [ItemResult("i1", "pro", {"AB": "pro", "BA": "con"}),   # A twice: one right
                        ItemResult("i2", "con", {"AB": "con", "BA": "con"}),   # right, consistent
                        ItemResult("i3", "pro", {"AB": None, "BA": "pro"})])   # a failed read: wrong
    assert r.accuracy == pytest.approx(4 / 6) and r.consistency == pytest.approx(1 / 3)
    assert r.passes(0.6) and not r.passes(0.7) and not r.passes(0.5, 0.5)


def test_the_shipped_exam_pack_is_valid_and_balanced() -> None:
    pack = resources.load("exams", "house-exam")
    assert isinstance(pack, MotionPack) and len(pack.exam) >= 6
    winners = [i.winner for i in pack.exam]
    assert winners.count("pro") == winners.count("con")  # a side-biased judge cannot pass
    assert all(i.motion in {m.id for m in pack.motions} for i in pack.exam)
    # Packs without exam items keep their published hashes: test_motions_packs' golden seal.


def test_an_exam_item_must_name_a_motion_of_its_pack() -> None:
    data = resources.load("exams", "house-exam").model_dump(mode="json")
    data["exam"][0]["motion"] = "no-such-motion"
    with pytest.raises(ValueError, match="no motion 'no-such-motion'"):
        MotionPack.model_validate(data)
    data["exam"][0] = {**data["exam"][1]}
    with pytest.raises(ValueError, match="duplicate exam item id"):
        MotionPack.model_validate(data)


def test_the_exam_seats_the_house_judge_and_refuses_an_always_a_judge(tmp_path: Path, capsys, loop_key) -> None:
    assert run_cli("judges", "exam", "house/judge", "--pack", "house-exam", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["judges"][0]["accuracy"] == 1.0 and out["judges"][0]["seated"]

    with FakeOpenAIServer(always_a) as srv:
        league = write_league(tmp_path / "l.yaml", srv.base_url,
                              judges=[{"name": "sj", "model": "openai/sj", "family": "fake-judges"}, HJ])
        assert run_cli("judges", "exam", str(league), "--pack", "house-exam", "--json") == 1
        got = {j["judge"]: j for j in json.loads(capsys.readouterr().out)["judges"]}
        assert got["sj"]["accuracy"] == 0.5 and got["sj"]["consistency"] == 0.0 and not got["sj"]["seated"]
        assert got["hj"]["seated"]
        assert all(r["reads"] == {"AB": "pro", "BA": "con"} for r in got["sj"]["by_item"])


def test_a_league_file_seats_only_judges_that_pass(tmp_path: Path, capsys, loop_key) -> None:
    with FakeOpenAIServer(always_a) as srv:
        exam = {"pack": "house-exam", "min_accuracy": 0.8}
        league = write_league(tmp_path / "l.yaml", srv.base_url, rounds=1,
                              judges=[{"name": "sj", "model": "openai/sj", "family": "fake-judges"}, HJ],
                              judging={"exam": exam})
        db = tmp_path / "l.db"
        assert run_cli("run", str(league), "--db", str(db), "-q") == 2
        err = capsys.readouterr().err
        assert "not seated: judge sj scored accuracy 50%, consistency 0%" in err and "hj" not in err.split("not seated")[1]
        from tests._loopback import state_of
        assert not state_of(db).tournaments  # refused before the tournament started
        # Without the loopback judge the league runs, and says its judges were seated.
        data = yaml.safe_load(league.read_text())
        data["judges"] = [HJ]
        league.write_text(yaml.safe_dump(data))
        assert run_cli("run", str(league), "--db", str(db), "-q") == 0
        notes = [n.message for n in state_of(db).notes]
        assert any(m.startswith("judge hj seated after the exam house-exam: accuracy 100%") for m in notes)


def test_a_league_naming_a_pack_without_exam_items_is_refused(tmp_path: Path, capsys) -> None:
    path = mini_league(tmp_path, "m", judging={"exam": {"pack": "general-en"}})
    assert run_cli("run", str(path), "--db", str(tmp_path / "m.db")) == 2
    assert "unknown exam pack 'general-en'" in capsys.readouterr().err
