"""The four-side records: the `bp` format file, seats and ranks, and two-side records that dump
exactly as they did before four sides existed; what a four-side league file may say."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from debate.domain.models import BP_SIDES, DebateResult, Draw, Format, Pairing, Standing
from debate.errors import UserError
from debate.league.config import load_league
from debate.league.resources import load_format, stock_names
from debate.testing import run_cli

SEATS = dict(zip(BP_SIDES, ["ann", "bob", "cat", "dan"]))


def test_the_bp_format_has_eight_speeches_in_bp_order() -> None:
    bp = load_format("bp")
    assert bp.sides == 4 and bp.four_sides and bp.side_ids == BP_SIDES
    assert [t.side for t in bp.turns] == ["og", "oo", "og", "oo", "cg", "co", "cg", "co"]
    assert [t.role for t in bp.turns] == ["Prime Minister", "Leader of the Opposition",
                                          "Deputy Prime Minister", "Deputy Leader of the Opposition",
                                          "Member of Government", "Member of Opposition",
                                          "Government Whip", "Opposition Whip"]
    assert [t.kind for t in bp.turns][4:6] == ["extension", "extension"]
    assert all(t.word_limit > 0 for t in bp.turns)


@pytest.mark.parametrize("name", [n for n in stock_names("formats") if n != "bp"])
def test_two_side_formats_load_and_dump_as_before(name: str) -> None:
    fmt = load_format(name)
    assert fmt.sides is None and fmt.side_ids == ("pro", "con") and not fmt.four_sides
    dumped = fmt.model_dump()
    assert "sides" not in dumped and all("role" not in t for t in dumped["turns"])
    assert Format.model_validate(dumped) == fmt


def test_a_format_must_let_every_side_speak() -> None:
    turns = [{"side": s, "kind": "opening", "word_limit": 100} for s in ("og", "oo", "cg")]
    with pytest.raises(ValidationError, match="every side"):
        Format(id="x", title="x", sides=4, turns=turns)
    with pytest.raises(ValidationError, match="sides: 4"):
        Format(id="x", title="x", turns=turns + [{"side": "co", "kind": "opening", "word_limit": 100}])
    with pytest.raises(ValidationError, match="both sides"):
        Format(id="x", title="x", turns=[{"side": "pro", "kind": "opening", "word_limit": 100}] * 2)
    with pytest.raises(ValidationError):
        Format(id="x", title="x", sides=3, turns=turns)


def test_seats_are_four_different_debaters_in_bp_order() -> None:
    p = Pairing(debate_id="r1-d1", seats=SEATS, bracket=3.0)
    assert p.sides == SEATS and p.debaters == ["ann", "bob", "cat", "dan"] and p.four_sides
    assert Draw(round=1, pairings=[p], byes=["eve"]).names == {"ann", "bob", "cat", "dan", "eve"}
    with pytest.raises(ValidationError, match="seats"):
        Pairing(debate_id="r1-d1", seats={**SEATS, "co": "ann"})
    with pytest.raises(ValidationError, match="seats"):
        Pairing(debate_id="r1-d1", seats=dict(reversed(SEATS.items())))
    with pytest.raises(ValidationError, match="pro and con"):
        Pairing(debate_id="r1-d1", pro="ann")
    with pytest.raises(ValidationError, match="not pro and con"):
        Pairing(debate_id="r1-d1", pro="x", con="y", seats=SEATS)


def test_a_four_side_result_ranks_each_debater() -> None:
    ranks = {"ann": 2.0, "bob": 1.0, "cat": 4.0, "dan": 3.0}
    r = DebateResult(debate_id="r1-d1", round=1, motion_id="m", seats=SEATS, ranks=ranks, winner="bob",
                     result="decided")
    assert r.ranking() == ["bob", "ann", "dan", "cat"] and r.points()["bob"] == 3.0
    assert DebateResult.model_validate_json(r.model_dump_json()) == r
    with pytest.raises(ValidationError, match="ranks"):
        DebateResult(debate_id="r1-d1", round=1, motion_id="m", seats=SEATS, ranks={"ann": 1.0},
                     winner="ann", result="decided")
    with pytest.raises(ValidationError, match="four-side"):
        DebateResult(debate_id="r1-d1", round=1, motion_id="m", pro="a", con="b", ranks={"a": 1.0},
                     winner="a", result="decided")


def test_two_side_records_keep_their_stored_shape() -> None:
    """The fields four sides added are left out of a two-side record's dump, key order kept."""
    p = Pairing(debate_id="r1-d1", pro="a", con="b", flags=["pull-up:b"])
    assert p.model_dump_json() == '{"debate_id":"r1-d1","pro":"a","con":"b","flags":["pull-up:b"]}'
    r = DebateResult(debate_id="r1-d1", round=1, motion_id="m", pro="a", con="b", winner=None, result="draw")
    assert list(r.model_dump()) == ["debate_id", "round", "motion_id", "pro", "con", "winner", "result", "reason"]
    s = Standing(rank=1, name="a", mu=25, sigma=8, conservative=1)
    assert list(s.model_dump())[-1] == "categories" and "team_points" not in s.model_dump()
    bp = Pairing(debate_id="r1-d1", seats=SEATS)
    assert "pro" not in bp.model_dump() and Pairing.model_validate_json(bp.model_dump_json()) == bp


HOUSE = [{"name": f"h{i}", "model": f"house/{lv}", "params": {"seed": i}}
         for i, lv in enumerate(["novice", "club", "expert", "champion"])]


def bp_league(tmp_path: Path, **changes) -> Path:
    data = {"name": "bp", "rounds": 2, "format": "bp", "motions": ["general-en"], "debaters": HOUSE, **changes}
    path = tmp_path / "bp.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.mark.parametrize("changes, words", [
    ({"debaters": HOUSE[:3]}, "seats four debaters a debate: list at least four"),
    ({"mirror": True}, "mirror swaps the two sides"),
    ({"judging": {"position_swap": False}}, "judging.position_swap is for two-side formats"),
    ({"format": "oxford", "judging": {"reads": 4}}, "judging.reads is for four-side formats"),
    ({"judging": {"reads": 5}}, "judging.reads"),
    ({"rating": "margin"}, "rating: margin reads a two-side debate's rubric margin"),
    # every pair has a judge of a third family, but a room of all four families has none
    ({"debaters": [{"name": f"o{i}", "model": f"openai/m{i}", "family": f"f{i}"} for i in range(4)],
      "judges": [{"name": f"j{i}", "model": f"openai/j{i}", "family": f"f{i}"} for i in range(3)]},
     "no judge may judge a room of 'o0', 'o1', 'o2', 'o3'"),
])
def test_a_four_side_league_refuses_what_it_cannot_run(tmp_path: Path, changes: dict, words: str) -> None:
    with pytest.raises(UserError) as err:
        load_league(bp_league(tmp_path, **changes), check_env=False)
    assert words in str(err.value) and "bp.yaml" in str(err.value)


def test_a_four_side_league_loads_with_its_reads(tmp_path: Path) -> None:
    league = load_league(bp_league(tmp_path, judging={"reads": 4}))
    assert league.format.four_sides and league.config.judging.reads == 4
    assert load_league(bp_league(tmp_path)).config.judging.reads is None  # the default, 2


def test_a_tournament_keeps_its_reads(tmp_path: Path) -> None:
    db = tmp_path / "bp.db"
    assert run_cli("run", str(bp_league(tmp_path, rounds=1)), "--db", str(db), "-q") == 0
    assert run_cli("run", str(bp_league(tmp_path, rounds=2, judging={"reads": 4})), "--db", str(db), "-q") == 2
    assert run_cli("run", str(bp_league(tmp_path, rounds=2, judging={"reads": 2})), "--db", str(db), "-q") == 0
