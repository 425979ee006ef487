"""What a room of four's result says in one line (the progress line of `debate run` off a
terminal) and why a BP tournament's results can rank nobody (domain.validity): rooms, not
debates; positions named; a forfeit says who could not speak and what the others get."""

from __future__ import annotations

from debate.cli.console import _outcome
from debate.domain.bp_verdicts import forfeit_ranks
from debate.domain.models import DebateResult
from debate.domain.validity import meaningless

SEATS = {"og": "ann", "oo": "bob", "cg": "cat", "co": "dan"}


def room(rid: str, *, out: tuple[str, ...] = (), cause: str | None = None, void: bool = False,
         seats: dict[str, str] = SEATS) -> DebateResult:
    if not out:
        ranks = {n: float(i + 1) for i, n in enumerate(sorted(seats.values(), key=lambda n: n[::-1]))}
        return DebateResult(debate_id=rid, round=1, motion_id="m", seats=seats, ranks=ranks,
                            winner=min(ranks, key=ranks.get), result="decided")
    return DebateResult(debate_id=rid, round=1, motion_id="m", seats=seats, winner=None, result="forfeit",
                        ranks={} if void else forfeit_ranks(list(seats.values()), out),
                        forfeit_cause=cause, forfeited_by=list(out))


def test_a_judged_room_reads_first_place_first_with_positions() -> None:
    # places by the names read backwards: bob, (n)ad, (n)na, (t)ac
    assert _outcome(room("r1-d1")) == "bob (OO) > dan (CO) > ann (OG) > cat (CG)"


def test_a_forfeit_says_who_could_not_speak_and_what_the_others_get() -> None:
    assert _outcome(room("r", out=("dan",), cause="speech")) == \
        "dan (CO) could not speak; ann, bob and cat share the top places (2 team points each)"
    assert _outcome(room("r", out=("ann", "dan"), cause="outage")) == \
        ("not debated: ann (OG) and dan (CO) could not be reached (outage); bob and cat share the top "
         "places (2.5 team points each)")
    assert _outcome(room("r", out=("bob",), cause="outage", void=True)) == \
        "not debated: bob (OO) could not be reached (outage); no places, 1.5 team points as for a bye to ann, cat and dan"


def test_a_two_side_line_is_unchanged() -> None:
    r = DebateResult(debate_id="d", round=1, motion_id="m", pro="ann", con="bob", winner="bob", result="decided")
    assert _outcome(r) == "bob beat ann"
    r = DebateResult(debate_id="d", round=1, motion_id="m", pro="ann", con="bob", winner=None, result="forfeit",
                     forfeit_cause="outage", forfeited_by=["ann"])
    assert _outcome(r) == "not debated: ann could not be reached (outage)"


def test_a_debater_whose_every_room_was_void_makes_the_results_rank_nobody() -> None:
    other = {"og": "eve", "oo": "fay", "cg": "gus", "co": "hal"}
    rounds = {1: [room("r1-d1", out=("ann",), cause="outage", void=True), room("r1-d2", seats=other)],
              2: [room("r2-d1", out=("ann",), cause="outage", void=True), room("r2-d2", seats=other)]}
    why = meaningless([*SEATS.values(), *other.values()], rounds)
    assert "every room of ann (2) was forfeited: its model could not be reached" in why
    # bob, cat and dan were ready: an outage, not theirs, kept them from debating
    assert "every room of bob (2) was forfeited: a server outage" in why
    assert not any(" of eve" in w for w in why) and not any(" of 4 rooms" in w for w in why)


def test_a_majority_of_forfeited_rooms_or_a_round_without_one_judged_ranks_nobody() -> None:
    rounds = {1: [room("r1-d1", out=("ann",), cause="speech")], 2: [room("r2-d1")]}
    assert meaningless(list(SEATS.values()), rounds) == ["round 1: no room was judged (all 1 forfeited)"]
    rounds[2] = [room("r2-d1", out=("bob",), cause="speech"), room("r2-d2")]
    assert meaningless(list(SEATS.values()), rounds) == [
        "2 of 3 rooms were forfeited", "round 1: no room was judged (all 1 forfeited)"]
    assert meaningless(list(SEATS.values()), {1: [room("r1-d1")]}) == []
