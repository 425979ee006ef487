"""Validate motion-pack files and report every error, each with file, line and field.

`load_model` stops at the first error, which suits a league run; an author fixing a pack
wants them all at once, so this walks the same loader and lists every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..domain.models import MotionPack
from ..errors import UserError
from ..league.yamlfile import load_yaml, validation_errors


@dataclass
class CheckedPack:
    path: Path
    pack: MotionPack | None = None
    lines: dict = field(default_factory=dict)
    errors: list[UserError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


def _duplicate_ids(data: dict, path: Path, lines: dict) -> list[UserError]:
    motions = data.get("motions")
    if not isinstance(motions, list):
        return []
    first: dict[str, int] = {}
    out = []
    for i, m in enumerate(motions):
        mid = m.get("id") if isinstance(m, dict) else None
        if not isinstance(mid, str):
            continue
        line = lines.get(("motions", i, "id"))
        if mid in first:
            seen = lines.get(("motions", first[mid], "id"))
            out.append(UserError(f"duplicate motion id {mid!r} (first used at line {seen})",
                                 file=str(path), line=line, field=f"motions.{i}.id"))
        else:
            first[mid] = i
    return out


def check_pack(path: Path | str) -> CheckedPack:
    """Load and validate one pack file; never raises for bad content."""
    path = Path(path)
    result = CheckedPack(path)
    try:
        data, result.lines = load_yaml(path)
    except UserError as exc:
        result.errors.append(exc)
        return result
    if not isinstance(data, dict):
        result.errors.append(UserError("expected a mapping of keys at the top level (a pack "
                                       "has id, title and motions)", file=str(path), line=1))
        return result
    dups = _duplicate_ids(data, path, result.lines)
    try:
        result.pack = MotionPack.model_validate(data)
    except ValidationError as exc:
        errors = validation_errors(exc, path, result.lines)
        # The model's own duplicate check names only the list; ours names each repeat's line.
        if dups:
            errors = [e for e in errors if not e.detail.startswith("duplicate motion id")]
        result.errors.extend(sorted(errors + dups, key=lambda e: e.line or 0))
    else:
        result.errors.extend(dups)
    return result
