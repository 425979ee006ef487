from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests import DATA

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

# Property tests draw the same examples on every run, so a landing never depends on luck;
# explore new ones with `pytest --hypothesis-profile=explore` (and keep what they find as
# fixed cases, as tests/test_pairing_rating.py does).
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    """The viewer's hand-made tournament (tests/tui_sample.py) as a database."""
    from tests.tui_sample import write_db

    return write_db(tmp_path / "sample.db")


@pytest.fixture
def mini_league_path() -> Path:
    return DATA / "mini-league.yaml"
