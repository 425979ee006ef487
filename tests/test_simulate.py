"""debate simulate: synthetic leagues on the real pairing and rating code; Bradley-Terry."""

from __future__ import annotations

import json
import statistics

import pytest
from click.testing import CliRunner

from debate.cli import cli
from debate.domain.bradley_terry import fit
from debate.domain.models import DebateResult
from debate.domain.simulate import _round_robin_draw, kendall_tau, simulate


def test_kendall_tau_known_values() -> None:
    assert kendall_tau(list("abcd"), list("abcd")) == 1.0
    assert kendall_tau(list("dcba"), list("abcd")) == -1.0
    assert kendall_tau(list("bacd"), list("abcd")) == pytest.approx(1 - 2 / 6)
    with pytest.raises(ValueError, match="order"):
        kendall_tau(list("abc"), list("abd"))


@pytest.mark.parametrize("n", [5, 6])
def test_round_robin_meets_everyone_once_per_cycle(n: int) -> None:
    names = [f"p{i}" for i in range(n)]
    cycle = n - 1 if n % 2 == 0 else n
    met = [frozenset((p.pro, p.con)) for r in range(1, cycle + 1)
           for p in _round_robin_draw(names, r).pairings]
    assert len(met) == len(set(met)) == n * (n - 1) // 2


def test_seeded_runs_repeat_exactly() -> None:
    a = simulate(12, 5, "swiss", 1.0, seed=3)
    b = simulate(12, 5, "swiss", 1.0, seed=3)
    assert a.to_json() == b.to_json()
    assert simulate(12, 5, "swiss", 1.0, seed=4).to_json() != a.to_json()


@pytest.mark.parametrize("method", ["swiss", "random", "round-robin"])
def test_tau_improves_with_rounds(method: str) -> None:
    early, late = [], []
    for seed in range(1, 5):
        hist = simulate(16, 10, method, 1.0, seed).history  # type: ignore[arg-type]
        early.append(hist[0].kendall_tau)
        late.append(hist[-1].kendall_tau)
    assert statistics.mean(late) > statistics.mean(early) + 0.2
    assert statistics.mean(late) > 0.6


def test_noiseless_judge_finds_the_champion() -> None:
    sim = simulate(16, 6, "swiss", 0.0, seed=2)
    assert sim.top1 and sim.kendall_tau > 0.8 and sim.debates == 6 * 8 and sim.rematches == 0


def test_stop_at_tau_and_odd_fields_with_mirror() -> None:
    sim = simulate(9, 30, "swiss", 0.5, seed=1, mirror=True, stop_at_tau=0.7)
    assert sim.rounds < 30 and max(p.kendall_tau for p in sim.history) >= 0.7
    assert max(p.bt_kendall_tau for p in sim.history) >= 0.7
    assert sim.debates == sim.rounds * 8  # four pairings a round, each debated twice


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="players"):
        simulate(1, 3)
    with pytest.raises(ValueError, match="pairing"):
        simulate(4, 3, "knockout")  # type: ignore[arg-type]


def test_cli_json_output() -> None:
    res = CliRunner().invoke(cli, ["simulate", "--players", "10", "--rounds", "3", "--pairing",
                                   "swiss", "--noise", "1.0", "--seed", "1", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert {"kendall_tau", "top1", "debates"} <= out.keys()
    assert out["debates"] == 15 and -1 <= out["kendall_tau"] <= 1 and isinstance(out["top1"], bool)
    res = CliRunner().invoke(cli, ["simulate", "--players", "1"])
    assert res.exit_code == 2


def _results(pairs: list[tuple[str, str, str | None]]) -> list[DebateResult]:
    return [DebateResult(debate_id=f"d{i}", round=1, motion_id="m", pro=a, con=b, winner=w,
                         result="decided" if w else "draw") for i, (a, b, w) in enumerate(pairs)]


def test_bradley_terry_orders_by_results() -> None:
    games = [("a", "b", "a")] * 6 + [("b", "a", "b")] * 2 + [("b", "c", "b")] * 7 + \
            [("c", "b", "c")] * 1 + [("a", "c", "a")] * 5
    bt = fit("abc", _results(games))
    assert bt["a"] > bt["b"] > bt["c"]
    assert sum(bt.values()) == pytest.approx(3000)


def test_bradley_terry_undefeated_stays_finite_and_draws_split() -> None:
    bt = fit("xy", _results([("x", "y", "x")] * 5))
    assert 1000 < bt["x"] < 2000 and bt["y"] < 1000
    even = fit("xy", _results([("x", "y", None)] * 4))
    assert even["x"] == pytest.approx(even["y"])


def test_kendall_tau_matches_the_pairwise_definition() -> None:
    import random

    rng = random.Random(5)
    for n in (2, 3, 7, 30):
        truth = [f"n{i}" for i in range(n)]
        order = truth[:]
        rng.shuffle(order)
        pos = {x: i for i, x in enumerate(truth)}
        conc = sum(1 for i in range(n) for j in range(i + 1, n) if pos[order[i]] < pos[order[j]])
        assert kendall_tau(order, truth) == pytest.approx((2 * conc - n * (n - 1) / 2) / (n * (n - 1) / 2))


def test_cli_default_spread_matches_the_engine() -> None:
    from debate.cli import simulate as cli_sim
    from debate.domain.simulate import DEFAULT_SPREAD

    assert cli_sim.DEFAULT_SPREAD == DEFAULT_SPREAD


def test_help_imports_neither_litellm_nor_numpy() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom debate.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('litellm', 'numpy', 'textual') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_a_panel_decides_by_majority_and_splits_count_half() -> None:
    import numpy as np

    from debate.domain.panels import PanelNoise, simulate_panel

    p = simulate_panel(np.zeros(4000), PanelNoise.from_budget(1.0, 1.2), np.random.default_rng(1))
    decided = p.votes != 0.5
    assert np.all((p.result[decided] == 1) == (p.votes[decided] > 0.5))
    assert set(np.unique(p.result)) <= {0.0, 0.5, 1.0} and set(np.unique(p.votes * 6)) <= set(range(7))
    assert np.all(np.abs(p.margin) <= 36)  # 4 dimensions scored 1-10
    odd_splits = np.round(p.votes * 6).astype(int) % 2 == 1
    assert 0 < odd_splits.mean() < 0.5  # some ballots split on an even debate


def test_a_calibrated_panel_decides_as_the_single_judge() -> None:
    import math

    import numpy as np

    from debate.domain.panels import CALIBRATED, PanelNoise, simulate_panel

    z = np.array([0.0, 0.5, 1.0, 2.0])
    for noise in (0.5, 1.0):
        panel = simulate_panel(np.repeat(z * noise * math.sqrt(2), 5000),
                               PanelNoise.from_budget(noise, CALIBRATED[(noise, 3, 0.5)]), np.random.default_rng(2))
        wins = panel.result.reshape(4, 5000).mean(axis=1)
        want = [0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z]
        assert np.max(np.abs(wins - want)) < 0.02, (noise, wins, want)


def test_a_simulation_with_panels_scores_the_margin_order() -> None:
    a = simulate(16, 4, "swiss", 1.0, seed=2, panel=3)
    assert a.to_json() == simulate(16, 4, "swiss", 1.0, seed=2, panel=3).to_json()
    assert all(p.margin_kendall_tau is not None for p in a.history)
    assert "margin_kendall_tau" not in simulate(16, 2, "swiss", 1.0, seed=2).to_json()  # single judge: as before
    res = CliRunner().invoke(cli, ["simulate", "--players", "10", "--rounds", "2", "--panel", "3", "--json"])
    out = json.loads(res.output)
    assert res.exit_code == 0 and out["panel"] == 3 and "margin_kendall_tau" in out["history"][0]
    assert out["calls"] == out["debates"] * (6 + 2 * 3)  # oxford's six speeches, each judge's two reads
