"""Precision and recall of the ballot quality gate (debate.domain.ballot_gate).

    PYTHONPATH=. python benchmarks/ballot_gate.py [--errors]

Positives and negatives: the 52 recorded SmolLM2 judge replies (all degenerate) and 14
hand-written replies (9 degenerate, 5 hard negatives) of tests/data/corpus/ballots.jsonl, each
read against its debate; and, as negatives, every read the house judge gives in the demo league
(8 house debaters, 5 rounds, 3 judges: 120 reads), which must all pass. A reply is predicted
degenerate when it does not parse (the engine's parse_ballot) or when it parses and fails a gate
check. Rows: the replies that parse (what the gate decides), and all replies; then each check
against the annotator's reasons.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from debate.domain import prompts
from debate.domain.ballot_gate import CHECKS, GateContext, check_ballot
from debate.league.resources import load_rubric
from tests.corpus import Score, ballots, debates, motion_of, score

ORDERS = {"AB": ("pro", "con"), "BA": ("con", "pro")}


def _context(item: dict) -> GateContext:
    d = debates()[item["debate"]]
    rubric = load_rubric("standard-zh" if item.get("language") == "zh" else "standard")
    motion_text = item.get("motion") or ""
    speeches = [s.get("text_shown_to_judges") or s["text"] for s in d["speeches"]]
    motion = motion_of(item["motion_id"]) if item.get("motion_id") else None
    from debate.domain.models import Motion, Speech

    m = motion or Motion(id="m", text=motion_text)
    fake = [Speech(index=i, side="pro" if i % 2 == 0 else "con", speaker="", kind="opening", text=t,
                   words=1, word_limit=1) for i, t in enumerate(speeches)]
    system = prompts.judge_messages(rubric, m, fake, nonce="0" * 12)[0]["content"]
    return GateContext(debate="\n".join([m.text, *speeches]), instructions=system.replace(m.text, " "),
                       scale=(rubric.scale.min, rubric.scale.max),
                       example_reasons=prompts.example_reasons(rubric))


def judge_item(item: dict) -> tuple[bool, list[str]]:
    """(parses, the gate's checks) for a corpus reply."""
    rubric = load_rubric("standard-zh" if item.get("language") == "zh" else "standard")
    try:
        got = prompts.parse_ballot(item["raw_reply"], rubric, ORDERS[item.get("order") or "AB"])
    except prompts.BallotError:
        return False, []
    return True, check_ballot(got.reasons, got.scores, _context(item),
                              completion_tokens=item.get("completion_tokens"), max_tokens=item.get("max_tokens"))


def demo_reads() -> list[list[str]]:
    """The gate's checks on every house-judge read of the demo league (as the engine ran it)."""
    from debate.league.config import demo_league
    from debate.orchestrator import run_tournament
    from debate.record.state import load_state
    from debate.record.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "demo.db") as store:
        asyncio.run(run_tournament(demo_league(), store))
        state = load_state(store)
    return [r.checks if r.failed else [] for d in state.debates.values() for b in d.ballots for r in b.reads]


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    items = list(ballots())
    judged = {it["id"]: judge_item(it) for it in items}
    house = demo_reads()
    if args.errors:
        for it in items:
            parses, checks = judged[it["id"]]
            if (not parses or bool(checks)) != it["labels"]["degenerate"]:
                print(it["id"], parses, checks, it["labels"], it["raw_reply"][:300])
        return 0
    rows = []
    for name, subset, negatives in [
            ("replies that parse", [i for i in items if judged[i["id"]][0]], house),
            ("all replies", items, house)]:
        s: Score = score(subset, lambda i: not judged[i["id"]][0] or bool(judged[i["id"]][1]),
                         lambda i: i["labels"]["degenerate"])
        s.fp += sum(bool(c) for c in negatives)
        s.tn += sum(not c for c in negatives)
        rows.append((name, s))
    print(f"{len(items)} corpus replies ({sum(judged[i['id']][0] for i in items)} parse) and "
          f"{len(house)} house-judge reads of the demo league (negatives)\n")
    print("| set | n | degenerate | P | R | house reads failed |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, s in rows:
        print(f"| {name} | {s.n} | {s.tp + s.fn} | {fmt(s.precision)} | {fmt(s.recall)} | "
              f"{sum(bool(c) for c in house)} of {len(house)} |")
    print("\nper check, on the replies that parse (against the annotator's reasons):")
    parsed = [i for i in items if judged[i["id"]][0]]
    for c in CHECKS:
        s = score(parsed, lambda i, c=c: c in judged[i["id"]][1], lambda i, c=c: c in i["labels"]["reasons"])
        print(f"  {c}: P {fmt(s.precision)} R {fmt(s.recall)} (labelled {s.tp + s.fn})")
    ok = all((s.precision or 0) >= 0.9 and (s.recall or 0) >= 0.9 for _, s in rows) and not any(house)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
