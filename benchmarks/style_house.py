"""Style control on the house models: a padder against its twin, judged with a length bias.

    PYTHONPATH=. python benchmarks/style_house.py [--seeds 4] [--rounds 10] [--bias 0 2 4]

Real leagues through the engine (`debate run`'s path: house debaters, three house judges, the
general-en pack, Oxford): six pairs of twins, each a `house/club` debater with its own seed and
the same debater with `params: {pad: 0.5}` (the same speeches, then their own sentences
restated until 50% longer, never past the word limit: debate.house.debater). The judges are
`house/judge` with `length_bias: L` (each dimension of a side gains L x the normalised length
difference: debate.house.judge); L = 0 is the control, where padding should buy nothing.

Per league (a league `seed` changes the motions and the draw): the padders' mean rating minus
their twins', from the standings' Bradley-Terry posterior mean (raw) and the length-controlled
rating (LC), in Elo; and the length coefficient the league's summary reports. "removed" =
1 - LC gain / raw gain over the seeds. The last column asks whether length tracks quality
here: over the debates between two debaters of the same kind (both padders or neither), the
correlation of pro's normalised length lead with pro winning (style control assumes ~0 at L 0);
a second table splits that by rubric dimension (which of the judge's scores length moves).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy (see debate/__init__)

import argparse
import asyncio
import math
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from debate.league.config import load_league
from debate.orchestrator import run_tournament
from debate.record.state import load_state
from debate.record.store import Store

TWINS = 6
DIMS = ("norms", "evidence", "rebuttal", "style")  # the standard rubric's


def league_file(folder: Path, seed: int, rounds: int, bias: float) -> Path:
    debaters = []
    for k in range(1, TWINS + 1):
        debaters.append({"name": f"club-{k}", "model": "house/club", "params": {"seed": k}})
        debaters.append({"name": f"club-{k}-pad", "model": "house/club", "params": {"seed": k, "pad": 0.5}})
    judges = [{"name": f"judge-{j}", "model": "house/judge", "params": {"seed": j, "length_bias": bias}}
              for j in (1, 2, 3)]
    path = folder / f"padder-{seed}-{bias}.yaml"
    path.write_text(yaml.safe_dump({"name": "padder", "seed": seed, "rounds": rounds, "motions": ["general-en"],
                                    "debaters": debaters, "judges": judges}))
    return path


def one(folder: Path, seed: int, rounds: int, bias: float) -> dict:
    path = league_file(folder, seed, rounds, bias)
    db = folder / f"{path.stem}.db"
    with Store(db) as store:
        asyncio.run(run_tournament(load_league(path), store))
        state = load_state(store)
    rows = {s.name: s for s in state.standings}
    pads = [(rows[f"club-{k}-pad"], rows[f"club-{k}"]) for k in range(1, TWINS + 1)]
    words = {}
    for d in state.debates.values():
        for s in d.speeches:
            words.setdefault(s.speaker.endswith("-pad"), []).append(min(s.words, s.word_limit))
    length = next(e for e in state.summary.style if e.feature == "length")
    # does length track quality? debates between two of a kind (no padding difference): the
    # pro's normalised length lead and whether pro won
    same = []
    for d in state.debates.values():
        if d.result is None or d.result.winner is None or d.pro.endswith("-pad") != d.con.endswith("-pad"):
            continue
        w = {"pro": 0, "con": 0}
        for s in d.speeches:
            w[s.side] += min(s.words, s.word_limit)
        good = [b for b in d.ballots if not b.failed and b.scores]
        dims = {k: statistics.mean(b.scores["pro"][k] - b.scores["con"][k] for b in good)
                for k in (good[0].scores["pro"] if good else {})}
        same.append(((w["pro"] - w["con"]) / max(1, w["pro"] + w["con"]), float(d.result.winner == d.pro), dims))
    return {"raw": statistics.mean(p.bt - t.bt for p, t in pads),
            "lc": statistics.mean(p.lc - t.lc for p, t in pads),
            "beta": length.beta, "lo": length.lo, "hi": length.hi,
            "longer": statistics.mean(words[True]) / statistics.mean(words[False]) - 1, "same": same}


def _corr(pairs: list[tuple[float, float]]) -> str:
    if len(pairs) < 3:
        return "-"
    x, y = zip(*pairs)
    return f"{statistics.correlation(x, y):+.2f} ({len(pairs)} debates)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--bias", type=float, nargs="+", default=[0.0, 2.0, 4.0])
    args = ap.parse_args()
    t0 = time.perf_counter()
    print(f"{2 * TWINS} house/club debaters (6 padders, 6 twins), 3 house judges with length_bias L, "
          f"{args.rounds} rounds, league seeds 1..{args.seeds}; padder minus twin in Elo, mean (standard error)\n")
    print("| L | padders' speeches longer by | raw gain | length-controlled gain | removed | "
          "length beta, mean [95% CI] | two of a kind: corr(length lead, won) |")
    print("|---|---|---|---|---|---|---|")
    per_dim: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for bias in args.bias:
            runs = [one(Path(tmp), s, args.rounds, bias) for s in range(1, args.seeds + 1)]
            raw, lc = [r["raw"] for r in runs], [r["lc"] for r in runs]

            def se(v: list[float]) -> float:
                return statistics.stdev(v) / math.sqrt(len(v)) if len(v) > 1 else 0.0

            removed = (f"{100 * (1 - statistics.mean(lc) / statistics.mean(raw)):.0f}%"
                       if bias > 0 and statistics.mean(raw) > 0 else "-")
            print(f"| {bias:g} | {100 * statistics.mean(r['longer'] for r in runs):.0f}% | "
                  f"{statistics.mean(raw):.0f} ({se(raw):.0f}) | {statistics.mean(lc):.0f} ({se(lc):.0f}) | {removed} | "
                  f"{statistics.mean(r['beta'] for r in runs):.2f} [{statistics.mean(r['lo'] for r in runs):.2f}, "
                  f"{statistics.mean(r['hi'] for r in runs):.2f}] | {_corr([x[:2] for r in runs for x in r['same']])} |",
                  flush=True)
            same = [x for r in runs for x in r["same"] if x[2]]
            per_dim.append(f"| {bias:g} | " + " | ".join(_corr([(x[0], x[2][k]) for x in same]) for k in DIMS) + " |")
    print("\nThe same debates (two of a kind): corr(pro's length lead, pro's score lead) per rubric dimension\n")
    print("| L | " + " | ".join(DIMS) + " |")
    print("|---|" + "---|" * len(DIMS))
    print("\n".join(per_dim))
    print(f"\n{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
