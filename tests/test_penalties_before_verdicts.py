"""Penalties come before verdicts: for any read, after the rubric's penalties the read's winner
has the higher weighted total (on equal totals, the side the judge named); the panel's tie-break
(a tied vote goes to the higher summed total) stays."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from debate.domain.models import Ballot, BallotRead, Dimension, Pairing, Rubric, Speech
from debate.domain.verdicts import apply_penalties, decide, settle_read

DIMS = ["norms", "evidence", "rebuttal", "style"]
FLAGS = ["prompt_injection", "repetition", "overrun", "format_echo", "off_motion"]


def _rubric(weights: list[float], injection: int, penalties: dict[str, int]) -> Rubric:
    return Rubric(id="r", title="R", judge_prompt="Judge {motion}.", injection_penalty=injection,
                  penalties=penalties,
                  dimensions=[Dimension(id=d, name=d, description=d, weight=w) for d, w in zip(DIMS, weights)])


scores = st.fixed_dictionaries({d: st.integers(1, 10) for d in DIMS})
speech_flags = st.lists(st.sampled_from(FLAGS), max_size=3, unique=True)


@given(weights=st.lists(st.sampled_from([0.5, 1.0, 1.5, 2.0]), min_size=4, max_size=4),
       injection=st.integers(0, 4), penalties=st.dictionaries(st.sampled_from(FLAGS[1:]), st.integers(0, 3)),
       pro=scores, con=scores, stated=st.sampled_from(["pro", "con"]), order=st.sampled_from(["AB", "BA"]),
       flags=st.lists(speech_flags, min_size=2, max_size=6))
def test_a_reads_winner_never_has_the_lower_total(weights, injection, penalties, pro, con, stated, order,
                                                  flags) -> None:
    rubric = _rubric(weights, injection, penalties)
    transcript = [Speech(index=i, side="pro" if i % 2 == 0 else "con", speaker="x", kind="opening", text="t",
                         words=1, word_limit=10, flags=f) for i, f in enumerate(flags)]
    read = BallotRead(order=order, winner=stated, scores={"pro": dict(pro), "con": dict(con)})
    settled = settle_read(read, transcript, rubric)
    docked, _ = apply_penalties(read.scores, transcript, rubric)
    assert settled.scores == docked
    totals = {side: rubric.weighted_total(docked[side]) for side in ("pro", "con")}
    other = "con" if settled.winner == "pro" else "pro"
    assert totals[settled.winner] >= totals[other]
    if abs(totals["pro"] - totals["con"]) < 1e-9:
        assert settled.winner == stated  # the tie-break: the side the judge named
    assert bool(settled.note) == (settled.winner != stated)
    # Penalties only ever take norms points away, never below the scale's minimum.
    for side in ("pro", "con"):
        assert rubric.scale.min <= docked[side]["norms"] <= read.scores[side]["norms"]
        assert {d: docked[side][d] for d in DIMS[1:]} == {d: read.scores[side][d] for d in DIMS[1:]}


@given(a=scores, b=scores)
def test_a_tied_vote_still_goes_to_the_higher_summed_total(a, b) -> None:
    rubric = _rubric([1.0] * 4, 3, {})
    split = [Ballot(judge="j1", winner=None, scores={"pro": dict(a), "con": dict(b)}, flags=["inconsistent"]),
             Ballot(judge="j2", winner=None, scores={"pro": dict(a), "con": dict(b)}, flags=["inconsistent"])]
    result = decide(Pairing(debate_id="d", pro="P", con="C"), 1, "m", split, rubric)
    tp, tc = rubric.weighted_total(a), rubric.weighted_total(b)
    assert result is not None
    assert result.winner == ("P" if tp > tc else "C" if tc > tp else None)
