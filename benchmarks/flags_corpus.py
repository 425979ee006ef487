"""Precision and recall of every speech flag on the labelled SmolLM2 corpus (tests/data/corpus).

    PYTHONPATH=. python benchmarks/flags_corpus.py              # the table
    PYTHONPATH=. python benchmarks/flags_corpus.py --errors FLAG [--half tuning]   # what it got wrong

The corpus: 116 real SmolLM2-135M speeches (en and zh; Oxford, cross-examination, FlagEval),
48 house speeches that quote their opponent, 98 hand-written cases with hard negatives, each
labelled by hand (benchmarks/corpus/README.md). Thresholds were set on the tuning half; the
held-out half (a hash of the debate id) was not looked at while setting them. Rows:

- tuning, held-out, all: every item, its label as the annotator gave it;
- "sure": items whose label for that flag the annotator did not mark unsure;
- quotes: the house speeches that quote their opponent, and the hand-written honest quotes:
  how many of them each flag raises (prompt_injection and format_echo must raise none).
"""

from __future__ import annotations

import argparse
import sys
import time

from debate.domain.flags import SPEECH_FLAGS, speech_flags
from tests.corpus import HALVES, Score, context, half, score, speeches

TARGET = 0.9


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", metavar="FLAG")
    ap.add_argument("--half", choices=HALVES)
    args = ap.parse_args()
    items = list(speeches())
    t0 = time.perf_counter()
    raised = {it["id"]: set(speech_flags(context(it))) for it in items}
    ms = (time.perf_counter() - t0) * 1000 / len(items)
    if args.errors:
        f = args.errors
        for it in items:
            if args.half and half(it) != args.half:
                continue
            p, t = f in raised[it["id"]], it["labels"][f]
            if p != t:
                print(f"--- {'FP' if p else 'FN'} {it['id']} [{half(it)}] unsure={f in it['label_unsure']} "
                      f"{it.get('case') or ''}\n{it['text'][:600]}\nREASON: {it['reasons'].get(f, '')} "
                      f"NOTE: {it.get('label_note', '')}")
        return 0
    print(f"{len(items)} speeches; {ms:.2f} ms a speech for all flags\n")
    print("| flag | set | n | pos | P | R | P (sure) | R (sure) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    below = []
    for f in SPEECH_FLAGS:
        for name, subset in [*((h, [i for i in items if half(i) == h]) for h in HALVES), ("all", items)]:
            def lab(it: dict, f: str = f) -> bool:
                return it["labels"][f]

            def pred(it: dict, f: str = f) -> bool:
                return f in raised[it["id"]]

            s: Score = score(subset, pred, lab)
            sure = score([i for i in subset if f not in i["label_unsure"]], pred, lab)
            print(f"| {f} | {name} | {s.n} | {s.tp + s.fn} | {fmt(s.precision)} | {fmt(s.recall)} | "
                  f"{fmt(sure.precision)} | {fmt(sure.recall)} |")
            for v in (s.precision, s.recall):
                if name != "tuning" and v is not None and v < TARGET:
                    below.append((f, name))
    quotes = [i for i in items if i.get("model_kind") == "house" or "quote" in (i.get("case") or "")]
    print(f"\nhonest quotes ({len(quotes)} items: house speeches quoting their opponent, hand-written quotes):")
    for f in SPEECH_FLAGS:
        n = sum(f in raised[i["id"]] and not i["labels"][f] for i in quotes)
        print(f"  {f}: {n} raised where the label says no")
    if below:
        print(f"\nbelow {TARGET}: " + ", ".join(f"{f} ({h})" for f, h in sorted(set(below))))
        return 1
    print(f"\nevery flag at or above {TARGET} in precision and recall on the held-out half and on all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
