"""The package's layers: imports only go down, and no module imports itself round a cycle.

Read from the source (nothing is imported), so a new module or import is checked as soon
as it is written. The order is the README's architecture section, bottom to top.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from .helpers import ROOT

PACKAGE = ROOT / "renderer"
# bottom to top; a module may import from its own layer and the layers below it
LAYERS = [
    {"errors", "atomic", "text", "progress", "interrupts", "checkpoints", "store", "ffmpeg",
     "espeak_ng", "startup", "data", "voice_profiles"},
    {"reading"},
    {"script"},
    {"engines"},
    {"clips"},
    {"mp3"},
    {"metadata"},
    {"encode"},
    {"render"},
    {"publish"},
    {"importer"},
    {"studio"},
    {"commands"},
    {"cli", "__main__", "__init__"},
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.Module) -> set[int]:
    """The ids of import nodes under `if TYPE_CHECKING:` (never run)."""
    return {id(node) for block in ast.walk(tree)
            if isinstance(block, ast.If) and isinstance(block.test, ast.Name)
            and block.test.id == "TYPE_CHECKING"
            for statement in block.body for node in ast.walk(statement)}


def _imports(runtime_only: bool = False) -> dict[str, set[str]]:
    """Every renderer module and the renderer modules it imports (anywhere in its code;
    with `runtime_only`, not those imported for type hints alone)."""
    graph: dict[str, set[str]] = defaultdict(set)
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_only(tree) if runtime_only else set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] \
                    if node.level else []
                target = ".".join([*base, node.module] if node.module else base)
                found = [f"{target}.{alias.name}" for alias in node.names
                         if f"{target}.{alias.name}" in modules] or [target]
            elif isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            else:
                continue
            graph[name].update(t for t in found if t in modules and t != name)
        graph.setdefault(name, set())
    return graph


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"{module}: its package {top!r} is in no layer; add it to LAYERS "
                         "and to the README's architecture section")


def test_every_import_goes_down_the_layers():
    upward = [f"{module} imports {target}"
              for module, targets in _imports().items() for target in sorted(targets)
              if _layer(target) > _layer(module)]
    assert not upward, "imports that go up a layer:\n" + "\n".join(upward)


def test_no_module_imports_itself_round_a_cycle():
    # a type hint may name a module that imports this one: it is never imported at run time
    graph = _imports(runtime_only=True)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_the_imports_it_judges():
    graph = _imports()
    assert "renderer.render.record" in graph["renderer.render.render"]
    assert "renderer.store" in graph["renderer.clips.cache"]
    assert "renderer.metadata.tags" in graph["renderer.metadata.id3"]
    assert "renderer.metadata.tags" not in _imports(runtime_only=True)["renderer.metadata.id3"]
    assert _layer("renderer.ffmpeg") < _layer("renderer.encode.segments") \
        < _layer("renderer.render.render")


def _architecture() -> list[str]:
    """The lines of the README's architecture tree."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1]
    return section.split("```", 2)[1].strip("\n").splitlines()


def test_the_readme_architecture_matches_the_tree_and_the_layers():
    lines = _architecture()
    listed = [line.split()[0].rstrip("/") for line in lines if line.startswith("  ")
              and not line.startswith("   ")]
    packages = {path.name for path in PACKAGE.iterdir()
                if path.is_dir() and not path.name.startswith("__")}
    assert set(listed) - {"cli.py", "*.py"} == packages, "every folder, and only those"
    top_down = [name for name in listed if name not in ("*.py", "data", "cli.py")]
    assert top_down == [next(iter(layer)) for layer in LAYERS[1:-1]][::-1], \
        "the README lists the layers in the order tests/test_layers.py checks"
    foundation = " ".join(line for line in lines if "foundation" in line or
                          line.startswith(" " * 18))
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__", "cli"}
    assert modules == {name.strip(",") for name in foundation.split(":", 1)[1].split()}
