"""The report's provenance: the engine and its dependencies, each tournament's league file as
stored, seeds, and what the calls cost."""

from __future__ import annotations

import importlib.metadata
import platform
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from ..record.state import LeagueState
from .report_model import Section, Table

DEPENDENCIES = ("litellm", "pydantic", "trueskill", "networkx", "numpy", "textual", "matplotlib",
                "Jinja2", "PyYAML")


def provenance_section(state: LeagueState, calls: list[dict], source: str,
                span: tuple[float, float] | None) -> Section:
    sec = Section("provenance", "Provenance",
                  "What produced these results: the engine and its dependencies, each tournament's "
                  "league file as stored when it ran (API keys are never stored, only the names "
                  "of the variables that hold them), seeds, and what the calls cost.")
    try:
        engine = importlib.metadata.version("debate-engine")
    except importlib.metadata.PackageNotFoundError:
        from .. import __version__ as engine
    rows = [["engine", f"debate-engine {engine}"], ["python", platform.python_version()]]
    for dep in DEPENDENCIES:
        try:
            rows.append([dep, importlib.metadata.version(dep)])
        except importlib.metadata.PackageNotFoundError:
            rows.append([dep, "not installed"])
    if source:
        rows.append(["database", Path(source).name])
    if span:
        rows += [["first event", _utc(span[0])], ["last event", _utc(span[1])]]
    sec.tables.append(Table(["what", "version"], rows, caption="The report was built with these versions."))
    sec.tables.append(Table(
        ["tournament", "name", "first round", "rounds played", "rounds planned", "seed", "format",
         "rubric", "motions"],
        [[str(t.number), t.name or "", str(t.first_round), str(len(state.tournament_rounds(t))),
          str(t.planned_rounds), str(t.config.seed), t.config.format, t.config.rubric,
          ", ".join(t.config.motions)] for t in state.tournaments], numeric=frozenset({0, 2, 3, 4, 5})))
    if calls:
        by_model: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
        for c in calls:
            acc = by_model[(str(c.get("debater", "")), str(c.get("model", "")))]
            acc[0] += 1
            acc[1] += c.get("prompt_tokens") or 0
            acc[2] += c.get("completion_tokens") or 0
            acc[3] += c.get("cost_usd") or 0.0
        rows = [[name, model, f"{n:.0f}", f"{p:,.0f}", f"{o:,.0f}", f"{usd:.4f}"]
                for (name, model), (n, p, o, usd) in sorted(by_model.items())]
        rows.append(["total", "", f"{len(calls)}", f"{sum(r[1] for r in by_model.values()):,.0f}",
                     f"{sum(r[2] for r in by_model.values()):,.0f}",
                     f"{sum(r[3] for r in by_model.values()):.4f}"])
        sec.tables.append(Table(["entry", "model", "calls", "prompt tokens", "completion tokens", "USD"],
                                rows, numeric=frozenset({2, 3, 4, 5}),
                                caption="Every call paid for (replaced replies and the worst case of "
                                        "attempts that may have been billed included); "
                                        "`debate export DB --table calls` lists them."))
    import yaml

    for t in state.tournaments:
        text = yaml.safe_dump(t.config.model_dump(mode="json", exclude_unset=True), sort_keys=False,
                              allow_unicode=True)
        sec.blocks.append((f"League file of tournament {t.number}" + (f" ({t.name})" if t.name else ""), text))
    return sec


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
