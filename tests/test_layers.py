"""The package's layers, read from the source with ``ast``: no import goes up a layer, and no
two files import each other (directly or round a longer loop).

Every import counts, the ones inside functions too (they are there for start-up speed, not to
hide a dependency). Imports under ``if TYPE_CHECKING:`` must respect the layers as well, but
they never run, so they cannot make a loop.

A module's layer is the first folder under ``oped_studio/`` (``oped_studio/__init__.py`` is
``top``; ``__main__.py`` starts the command line, so it is ``cli``). Low to high:

====================  =======================================================================
layer                 may import
====================  =======================================================================
top                   nothing of ours (``oped_studio/__init__.py``: the name and version)
core                  top, core (plain Python: drafts, storage, counting, the event folder)
checks                top, core, checks
export                top, core, export (``checks`` and ``export`` are siblings: neither
                      imports the other)
workshop              top, core, checks, export, workshop (events, batch export, handouts)
gui                   everything below it, gui (never cli)
cli                   everything, cli (it starts the window: ``gui``, imported when needed)
====================  =======================================================================
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "oped_studio"

_BELOW_GUI = {"top", "core", "checks", "export", "workshop"}
#: The rule table: each layer and the layers it may import (itself included).
ALLOWED: dict[str, set[str]] = {
    "top": {"top"},
    "core": {"top", "core"},
    "checks": {"top", "core", "checks"},
    "export": {"top", "core", "export"},
    "workshop": _BELOW_GUI,
    "gui": _BELOW_GUI | {"gui"},
    "cli": _BELOW_GUI | {"gui", "cli"},
}
#: Files at the top of the package that are not the ``top`` layer.
_TOP_FILES = {"__main__": "cli"}


@dataclass(frozen=True)
class Import:
    """One import of one of our modules, as written in a file."""

    source: str  # the importing module, dotted
    target: str  # the imported module (``from a import b``: ``a.b`` when b is a module)
    file: Path
    line: int
    type_only: bool  # under ``if TYPE_CHECKING:``: never runs

    def __str__(self) -> str:
        note = " (TYPE_CHECKING)" if self.type_only else ""
        return f"{self.source} -> {self.target}  ({self.file}:{self.line}){note}"


def module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    """The module's layer; None for a folder or file the table does not know yet."""
    parts = module.split(".")
    if len(parts) == 1:
        return "top"
    name = _TOP_FILES.get(parts[1], parts[1])
    return name if name in ALLOWED else None


class _Finder(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, known: set[str], file: Path) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.top = module.split(".")[0]
        self.known = known
        self.file = file
        self.type_only = False
        self.found: list[Import] = []

    def _add(self, target: str, node: ast.stmt) -> None:
        if target == self.top or target.startswith(self.top + "."):
            self.found.append(Import(self.module, target, self.file, node.lineno, self.type_only))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:  # relative: ``from . import x``, ``from ..core import y``
            base = self.package.split(".")
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        targets = [f"{target}.{alias.name}" for alias in node.names]
        for name in dict.fromkeys(t if t in self.known else target for t in targets):
            self._add(name, node)

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", "")
        if name != "TYPE_CHECKING":
            self.generic_visit(node)
            return
        outer, self.type_only = self.type_only, True
        for child in node.body:
            self.visit(child)
        self.type_only = outer
        for child in node.orelse:
            self.visit(child)


def find_imports(root: Path) -> list[Import]:
    """Every import of the package's own modules in every file under ``root``."""
    files = sorted(root.rglob("*.py"))
    known = {module_name(path, root) for path in files}
    found: list[Import] = []
    for path in files:
        module = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        finder = _Finder(module, path.name == "__init__.py", known, path.relative_to(root.parent))
        finder.visit(tree)
        found += finder.found
    return found


def layer_violations(imports: list[Import]) -> list[str]:
    """Each import that goes up a layer (or from or to a layer the table does not know)."""
    problems = []
    for imp in imports:
        source, target = layer_of(imp.source), layer_of(imp.target)
        if source is None or target is None:
            problems.append(f"{imp}: add its folder to ALLOWED in tests/test_layers.py")
        elif target not in ALLOWED[source]:
            problems.append(f"{imp}: {source} may not import {target}")
    return problems


def import_cycles(imports: list[Import]) -> list[list[str]]:
    """The loops between files: each strongly connected component of two or more modules
    (or a module importing itself), sorted, from the imports that run."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if not imp.type_only:
            graph.setdefault(imp.source, set()).add(imp.target)
            graph.setdefault(imp.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def describe_cycle(cycle: list[str], imports: list[Import]) -> str:
    members = set(cycle)
    edges = [
        f"    {imp}"
        for imp in imports
        if not imp.type_only and imp.source in members and imp.target in members
    ]
    return "loop between " + ", ".join(cycle) + ":\n" + "\n".join(edges)


# -- the package ------------------------------------------------------------------------------


def test_no_import_goes_up_a_layer() -> None:
    problems = layer_violations(find_imports(PACKAGE))
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


@pytest.mark.parametrize("layer", list(ALLOWED))
def test_no_import_loop(layer: str) -> None:
    """One case per layer, so a loop names its layer (a loop across layers fails in each)."""
    imports = find_imports(PACKAGE)
    loops = [c for c in import_cycles(imports) if any(layer_of(m) == layer for m in c)]
    assert not loops, "\n".join(describe_cycle(c, imports) for c in loops)


def test_every_layer_is_in_use() -> None:
    """The table stays true to the tree: no layer listed that has no file."""
    layers = {layer_of(module_name(p, PACKAGE)) for p in PACKAGE.rglob("*.py")}
    assert layers == set(ALLOWED)


# -- the checker itself can fail ---------------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    """A fake ``oped_studio`` package under ``root``, with an empty ``__init__.py`` in every
    folder that ``files`` does not give one."""
    package = root / "oped_studio"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [package, *(p for p in package.rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return package


def test_the_checker_finds_an_import_up_a_layer_even_inside_a_function(tmp_path: Path) -> None:
    package = _tree(
        tmp_path,
        {
            "core/event.py": "def finish():\n    from oped_studio.export import writer\n",
            "core/draft.py": "from .. import __name__\n",
            "checks/engine.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from ..gui import window\n"
                "from oped_studio.core import draft\n"
            ),
            "export/writer.py": "import oped_studio.checks.engine\n",
            "gui/window.py": "from oped_studio import cli\n",
            "cli.py": "from oped_studio.gui.window import Window\n",
            "plugins/extra.py": "from oped_studio.core.draft import Draft\n",
        },
    )
    problems = layer_violations(find_imports(package))
    assert [p.split("  (")[0] for p in problems] == [
        "oped_studio.checks.engine -> oped_studio.gui.window",
        "oped_studio.core.event -> oped_studio.export.writer",
        "oped_studio.export.writer -> oped_studio.checks.engine",
        "oped_studio.gui.window -> oped_studio.cli",
        "oped_studio.plugins.extra -> oped_studio.core.draft",
    ]
    assert "add its folder to ALLOWED" in problems[4]
    assert "core/event.py:2" in problems[1] and "core may not import export" in problems[1]
    assert "(TYPE_CHECKING)" in problems[0]


def test_the_checker_finds_a_loop_but_not_through_type_checking(tmp_path: Path) -> None:
    package = _tree(
        tmp_path,
        {
            "gui/dialogs.py": "from oped_studio.gui.kit_dialog import KitDialog\n",
            "gui/kit_dialog.py": "def f():\n    from oped_studio.gui import pages\n",
            "gui/pages.py": "from . import dialogs\n",
            "gui/start.py": (
                "import typing\nif typing.TYPE_CHECKING:\n    from oped_studio.gui import end\n"
            ),
            "gui/end.py": "from oped_studio.gui import start\n",
            "gui/self.py": "import oped_studio.gui.self\n",
        },
    )
    imports = find_imports(package)
    loops = import_cycles(imports)
    assert loops == [
        ["oped_studio.gui.dialogs", "oped_studio.gui.kit_dialog", "oped_studio.gui.pages"],
        ["oped_studio.gui.self"],
    ]
    text = describe_cycle(loops[0], imports)
    assert "oped_studio.gui.kit_dialog -> oped_studio.gui.pages" in text
    assert "gui/kit_dialog.py:2" in text
