"""The package's shape: no import cycles, imports run one way through the layers, small modules.

Every import counts, also those inside functions and under TYPE_CHECKING, and
`importlib.import_module("wijktools...")` with a literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "wijktools"

# Lower layers never import higher ones; a layer may import its own members (without cycles).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("wijktools", "errors", "paths", "nl", "store", "sheets", "reference"),  # infrastructure
    ("opendata",),
    ("knelpunt",),  # the one Knelpunt record the domain packages share
    ("profile", "survey", "network", "workshop"),  # the workflow's domain
    ("figures",),
    ("report",),
    ("render",),
    ("export",),
    (
        "batch",
        "voting",
        "widgets",
        "cli",
        "presenter",
        "demo",
        "tables",
        "__main__",
    ),  # applications
)
# Imports that still run upward, each to be removed (the test fails when one is gone, too).
KNOWN_UPWARD: set[tuple[str, str]] = set()
MAX_LINES = 400
# Modules still over MAX_LINES, each to be split (the test fails when one is back under, too).
KNOWN_LONG: set[str] = set()
MAX_PLAIN_MODULES = 10


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _targets(module: str, path: Path) -> set[str]:
    """The package's own modules that `module` imports, anywhere in its body."""
    found: set[str] = set()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            names = [f"{base}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        for name in names:
            while name and name not in MODULES:  # `from pkg import name`: the module or the package
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module, path in MODULES.items():
        graph.add_node(module)
        graph.add_edges_from((module, target) for target in _targets(module, path))
    return graph


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else module
    for level, members in enumerate(LAYERS):
        if top in members:
            return level
    raise AssertionError(f"{module} belongs to no layer; add its package to LAYERS")


def test_the_graph_sees_function_level_and_type_checking_imports() -> None:
    graph = _graph()
    assert ("wijktools.cli.batch_cmd", "wijktools.batch.index") in graph.edges  # inside a function
    assert graph.number_of_edges() > 200


def test_no_import_cycles() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert cycles == []


def test_imports_run_one_way_through_the_layers() -> None:
    upward = {(a, b) for a, b in _graph().edges if _layer(a) < _layer(b)}
    assert upward == KNOWN_UPWARD


def test_no_module_over_400_lines() -> None:
    long = {
        m: n
        for m, p in MODULES.items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert set(long) == KNOWN_LONG, long


def test_few_plain_modules_at_the_top() -> None:
    plain = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(plain) <= MAX_PLAIN_MODULES, plain
