"""The toolkit's modules form no import circle, counting imports inside functions: a circle
hidden by a late import is a trap for the next change (a module half-initialised, an import
that works only in one order)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from tests.support import ROOT

SRC = ROOT / "src"


def _module(path: Path, src: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(src).with_suffix("").parts)
    package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if package else parts), package


def import_graph(src: Path = SRC) -> nx.DiGraph:
    """An edge A -> B for each import of module B in module A, at any depth of A's code."""
    modules = dict(_module(p, src) for p in src.rglob("*.py"))
    graph = nx.DiGraph()
    for path in src.rglob("*.py"):
        name, package = _module(path, src)
        graph.add_node(name)
        here = name if package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = here.split(".")[:len(here.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return graph


def circles(graph: nx.DiGraph) -> list[list[str]]:
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def test_no_import_circle_in_the_toolkit():
    graph = import_graph()
    assert graph.number_of_nodes() > 50 and graph.has_edge("dipevents.loader", "dipevents.descriptor")
    assert circles(graph) == []


def test_a_circle_through_an_import_inside_a_function_is_found(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pkg" / "a.py").write_text("from .b import f\n", encoding="utf-8")
    (tmp_path / "pkg" / "b.py").write_text("def f():\n    from . import a\n", encoding="utf-8")
    assert circles(import_graph(tmp_path)) == [["pkg.a", "pkg.b"]]
