"""Imports point down. Each folder of `debate/` is one layer; LAYERS below ranks them (the one
place that does). A module imports its own layer or a lower one, whether at the top of the file
or lazily inside a function; no modules import each other in a circle; the domain does no I/O;
only the gateway imports litellm; nothing but `__init__`, `__main__` and `errors` sits loose in
`debate/`; and the README's "How the code is laid out" shows the same folders and ranking."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent

# Low to high. `tui` ranks below the CLI: `debate tui` starts the viewer, which never imports
# the CLI. `debate.testing` (the loopback server, the in-process CLI runner) sits on top.
LAYERS = ["debate.errors", "debate.domain", "debate.league", "debate.record", "debate.house",
          "debate.gateway", "debate.packs", "debate.orchestrator", "debate.reports", "tui",
          "debate.cli", "debate.testing"]
# Layers that may import less than everything below them.
NARROW = {
    "debate.house": {"debate.errors", "debate.domain"},  # deterministic programs on domain records
    "debate.packs": {"debate.errors", "debate.domain", "debate.league"},  # pure authoring
}
# The public names (`from debate import run_tournament`, lazy) and `python -m debate` front
# every layer.
FACADE = {"debate", "debate.__main__"}
LOOSE_ALLOWED = {"__init__.py", "__main__.py", "errors.py"}
NO_IO = ("asyncio", "sqlite3", "os", "pathlib", "socket", "subprocess", "threading", "time",
         "litellm", "httpx", "aiohttp", "yaml", "click", "rich", "textual")


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for top in ("debate", "tui"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _imports(name: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """Every module `name` imports (ours by module, others by top-level name), lazy ones too."""
    here = name.split(".") if is_package else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
            # `from pkg import sub` imports the submodule, `from mod import name` the module
            out.update(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)
    return out - {name}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {name: _imports(name, path, is_pkg, set(mods)) for name, (path, is_pkg) in mods.items()}


def _layer(module: str) -> str | None:
    found = [layer for layer in LAYERS if module == layer or module.startswith(layer + ".")]
    return max(found, key=len) if found else None


def _ours(module: str) -> bool:
    return module.split(".")[0] in ("debate", "tui")


def test_every_module_belongs_to_a_layer() -> None:
    assert [m for m in _graph() if m not in FACADE and _layer(m) is None] == []


def test_no_module_imports_a_higher_layer() -> None:
    wrong = []
    for module, imports in _graph().items():
        if module in FACADE:
            continue
        mine = _layer(module)
        for target in filter(_ours, imports):
            theirs = _layer(target)
            if theirs is None or theirs == mine:
                continue
            allowed = NARROW.get(mine)
            if LAYERS.index(theirs) > LAYERS.index(mine) or (allowed is not None and theirs not in allowed):
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    assert wrong == []


def test_no_import_circles() -> None:
    graph = nx.DiGraph([(m, t) for m, ts in _graph().items() for t in ts if _ours(t)])
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert circles == []


def test_the_domain_does_no_io() -> None:
    io = [f"{m} imports {t}" for m, ts in _graph().items() if _layer(m) == "debate.domain"
          for t in ts if t.split(".")[0] in NO_IO]
    assert io == []


def test_only_the_gateway_imports_litellm() -> None:
    others = [m for m, ts in _graph().items() if _layer(m) != "debate.gateway"
              and any(t.split(".")[0] == "litellm" for t in ts)]
    assert others == []


def test_nothing_loose_in_the_package_folder() -> None:
    loose = sorted(p.name for p in (ROOT / "debate").glob("*.py") if p.name not in LOOSE_ALLOWED)
    assert loose == []


def _readme_layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## How the code is laid out")
    return text[start:text.index("\n## ", start + 1)]


def test_the_readme_lays_out_the_tree_and_the_ranking() -> None:
    section = _readme_layout()
    shown = {line.split()[0].rstrip("/") for line in section.splitlines() if line.startswith("  ")
             and line.split()[0].endswith("/")}
    packages = {p.parent.name for p in (ROOT / "debate").glob("*/__init__.py")}
    assert shown == packages
    ranking = section[section.index("Layers, low to high:"):].split(":", 1)[1].split(".")[0]
    assert [w.strip() for w in ranking.replace("\n", " ").split(",")] == [l.rsplit(".", 1)[-1] for l in LAYERS]
