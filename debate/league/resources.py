"""Find stock data (motion packs, rubrics, formats) and load data files by name or path.

In a wheel the data sits in `debate/_data/<kind>/`; in a source checkout it sits at the top
of the repository. Loading data never imports litellm.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel

from ..domain.models import Format, MotionPack, Rubric
from ..errors import UserError
from .yamlfile import load_model

Kind = Literal["motions", "rubrics", "formats", "exams"]
M = TypeVar("M", bound=BaseModel)
# exams: motion packs that carry `exam:` reference debates (judges' exams), apart from the
# stock packs that leagues debate.
_MODELS: dict[str, type[BaseModel]] = {"motions": MotionPack, "rubrics": Rubric, "formats": Format,
                                       "exams": MotionPack}
_SINGULAR = {"motions": "motion pack", "rubrics": "rubric", "formats": "format", "exams": "exam pack"}


def stock_dir(kind: Kind) -> Path:
    package = Path(__file__).resolve().parent.parent  # debate/
    for candidate in (package / "_data" / kind, package.parent / kind):
        if candidate.is_dir():
            return candidate
    return package / "_data" / kind


def stock_names(kind: Kind) -> list[str]:
    return sorted(p.stem for p in stock_dir(kind).glob("*.yaml"))


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def resolve_path(kind: Kind, ref: str, base: Path | None = None) -> Path:
    if looks_like_path(ref):
        p = Path(ref).expanduser()
        if not p.is_absolute() and base is not None:
            p = base / p
        return p
    p = stock_dir(kind) / f"{ref}.yaml"
    if not p.exists():
        names = ", ".join(stock_names(kind)) or "(none)"
        raise UserError(f"unknown {_SINGULAR[kind]} {ref!r}; stock ones are: {names} "
                        "(or give a path to a .yaml file)")
    return p


@lru_cache(maxsize=64)
def _load_cached(kind: Kind, path: Path, mtime: float) -> BaseModel:
    return load_model(_MODELS[kind], path)


def load(kind: Kind, ref: str, base: Path | None = None) -> BaseModel:
    path = resolve_path(kind, ref, base)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load_cached(kind, path.resolve() if path.exists() else path, mtime)


def load_pack(ref: str, base: Path | None = None) -> MotionPack:
    return load("motions", ref, base)  # type: ignore[return-value]


def load_rubric(ref: str, base: Path | None = None) -> Rubric:
    return load("rubrics", ref, base)  # type: ignore[return-value]


def load_format(ref: str, base: Path | None = None) -> Format:
    return load("formats", ref, base)  # type: ignore[return-value]


def canonical_hash(model: BaseModel) -> str:
    """SHA-256 over the canonical JSON of a validated data file (key order, spacing fixed).

    Published seals and every league database's record of its packs depend on this staying
    the same across releases: a field added to a model later must be left out of the dump
    while it holds its default (tests/test_motions_packs.py::test_published_seals_stay_valid).
    """
    blob = json.dumps(model.model_dump(mode="json"), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
