"""The stock packs ship valid, complete and lint-clean (the issue asks for three of 30+)."""

from __future__ import annotations

import pytest

from debate.league.resources import stock_dir, stock_names
from debate.packs import LintInput, check_pack, lint_packs

NAMES = stock_names("motions")


def test_at_least_three_stock_packs_with_the_languages_asked_for() -> None:
    packs = [check_pack(stock_dir("motions") / f"{n}.yaml").pack for n in NAMES]
    assert len(packs) >= 3 and all(packs)
    assert {p.language.split("-")[0] for p in packs} >= {"en", "zh"}


@pytest.mark.parametrize("name", NAMES)
def test_stock_pack_is_valid_complete_and_lint_clean(name: str) -> None:
    res = check_pack(stock_dir("motions") / f"{name}.yaml")
    assert res.ok, [str(e) for e in res.errors]
    assert res.pack.id == name and len(res.pack.motions) >= 30
    assert all(m.background.strip() for m in res.pack.motions)
    assert [str(w) for w in lint_packs([LintInput(name, res.pack, res.lines)])] == []


def test_stock_packs_do_not_repeat_each_other() -> None:
    items = [LintInput(n, r.pack, r.lines)
             for n, r in ((n, check_pack(stock_dir("motions") / f"{n}.yaml")) for n in NAMES)]
    assert [str(w) for w in lint_packs(items) if "duplicate" in w.code] == []
