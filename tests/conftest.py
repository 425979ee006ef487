from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(Path(__file__).parent))  # the shared attack corpus


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def mini_league_path() -> Path:
    return DATA / "mini-league.yaml"
