"""The package's import graph, read from the source (nothing is imported): no module
imports itself back through others at load time, and the domain imports only the
domain, the standard library and attrs."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import credit_whatif

PACKAGE = "credit_whatif"
ROOT = Path(credit_whatif.__file__).parent
DOMAIN = f"{PACKAGE}.domain"
DOMAIN_MAY_IMPORT = frozenset({"attrs"}) | sys.stdlib_module_names


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def sources(root: Path = ROOT) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: list[ast.AST], load_time_only: bool) -> Iterator[ast.AST]:
    """The statements of a module body, nested ones too; with `load_time_only`, only
    those that run when the module is imported: not in functions or under
    ``if TYPE_CHECKING:``."""
    for node in body:
        yield node
        if load_time_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if load_time_only and isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _statements(list(node.orelse), load_time_only)
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from _statements(inner, load_time_only)


def _base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from`` import reads from."""
    if node.level == 0:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if node.level > 1:
        parts = parts[: -(node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def imports_of(
    module: str, path: Path, known: Mapping[str, Path], load_time_only: bool
) -> set[str]:
    """Absolute names of the modules `module` imports (a package's submodule where
    ``from package import submodule`` names one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in _statements(list(tree.body), load_time_only):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, is_package, node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    found.discard("__future__")
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the package's modules it imports at load time."""
    known = sources(root)
    return {
        module: {m for m in imports_of(module, path, known, True) if m in known}
        for module, path in known.items()
    }


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle (a path that ends where it began) per group of modules that import
    each other, found by a depth-first walk."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_the_graph_is_read_from_every_module() -> None:
    graph = import_graph()
    assert f"{PACKAGE}.cli" in graph and f"{DOMAIN}.evaluator" in graph
    # Known edges, so an empty graph cannot pass as one without cycles.
    assert f"{PACKAGE}.clikit" in graph[f"{PACKAGE}.portfolio.cli"]
    assert f"{PACKAGE}.portfolio.cli" in graph[f"{PACKAGE}.cli"]
    assert f"{DOMAIN}.catalogue" in graph[f"{DOMAIN}.scenario"]  # from . import catalogue


def test_no_module_imports_itself_back_at_load_time() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_the_domain_imports_only_the_domain_the_standard_library_and_attrs() -> None:
    known = sources()
    outside = {
        module: sorted(
            name
            for name in imports_of(module, path, known, load_time_only=False)
            if not (name == DOMAIN or name.startswith(f"{DOMAIN}."))
            and name.partition(".")[0] not in DOMAIN_MAY_IMPORT
        )
        for module, path in known.items()
        if module == DOMAIN or module.startswith(f"{DOMAIN}.")
    }
    assert len(outside) > 10
    assert {module: names for module, names in outside.items() if names} == {}


def load_time_closure(start: str, root: Path = ROOT) -> tuple[set[str], set[str]]:
    """The package's modules importing `start` loads (itself included), and the top-level
    names of what those modules import from outside the package, at load time."""
    known = sources(root)
    ours: set[str] = set()
    outside: set[str] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        if module in ours:
            continue
        ours.add(module)
        # A submodule's import runs its packages' __init__ first.
        parents = [".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 1)]
        todo.extend(p for p in parents if p in known)
        for name in imports_of(module, known[module], known, load_time_only=True):
            if name in known:
                todo.append(name)
            elif not name.startswith(f"{PACKAGE}."):
                outside.add(name.partition(".")[0])
    return ours, outside


# The explorer's first frame is the headline, the features table and the footer; the
# rest is imported after it is on screen (the workspace, the other screens, the flows)
# or when first used (the portfolio engine and its plot; cattrs, which a valid preset
# does not need).
NOT_BEFORE_THE_FIRST_FRAME = (
    f"{PACKAGE}.tui.flows",
    f"{PACKAGE}.tui.widgets.workspace",
    f"{PACKAGE}.tui.widgets.inputs_panel",
    f"{PACKAGE}.tui.widgets.detail_pane",
    f"{PACKAGE}.tui.widgets.policy_panel",
    f"{PACKAGE}.tui.screens.dialogs",
    f"{PACKAGE}.tui.screens.picker",
    f"{PACKAGE}.tui.screens.compare",
    f"{PACKAGE}.tui.screens.help",
    f"{PACKAGE}.tui.screens.portfolio",
    f"{PACKAGE}.portfolio.live",
    f"{PACKAGE}.domain.explain",
    f"{PACKAGE}.domain.sweep",
)
LIBRARIES_NOT_BEFORE_THE_FIRST_FRAME = frozenset(
    {"polars", "numpy", "pyarrow", "dask", "distributed", "plotext", "textual_plotext", "cattrs"}
)


def test_the_explorer_imports_only_its_first_frame_before_drawing_it() -> None:
    ours, outside = load_time_closure(f"{PACKAGE}.tui.app")
    assert f"{PACKAGE}.tui.screens.main" in ours and "textual" in outside  # read, not empty
    assert sorted(ours.intersection(NOT_BEFORE_THE_FIRST_FRAME)) == []
    assert sorted(outside & LIBRARIES_NOT_BEFORE_THE_FIRST_FRAME) == []


def test_the_workspace_loads_no_explanation_or_timeline_until_one_is_shown() -> None:
    """The details explain a feature that is not available, and date its return for
    a scenario with a clock: both are imported then, not with the workspace."""
    ours, _outside = load_time_closure(f"{PACKAGE}.tui.widgets.workspace")
    assert f"{PACKAGE}.tui.widgets.detail_pane" in ours  # read, not empty
    later = {f"{DOMAIN}.explain", f"{DOMAIN}.timeline", f"{PACKAGE}.timeline_report"}
    assert sorted(ours & later) == []


def test_the_command_line_module_loads_no_domain() -> None:
    """``credit-whatif`` imports the domain inside its command, once the garbage
    collector is paused for the explorer's start (cli.main)."""
    ours, outside = load_time_closure(f"{PACKAGE}.cli")
    assert f"{PACKAGE}.portfolio.cli" in ours and "click" in outside  # read, not empty
    assert sorted(m for m in ours if m == DOMAIN or m.startswith(f"{DOMAIN}.")) == []


# --- The checks themselves, on small packages written for them ----------------------


def write_package(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "__init__.py": "",
                "cli.py": "from .portfolio.cli import register\n",
                "portfolio/__init__.py": "",
                "portfolio/cli.py": "from ..cli import user_errors\n",
            },
            [[f"{PACKAGE}.cli", f"{PACKAGE}.portfolio.cli", f"{PACKAGE}.cli"]],
            id="cli-portfolio.cli, as it was",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "cli.py": "from .portfolio.cli import register\nfrom .clikit import x\n",
                "clikit.py": "import sys\n",
                "portfolio/__init__.py": "",
                "portfolio/cli.py": "from ..clikit import user_errors\n",
            },
            [],
            id="through clikit, as it is",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n",
                "b.py": "from . import a\n\ndef later():\n    from .c import x\n",
                "c.py": "from .b import later\n",
            },
            [],
            id="type-checking and in-function imports do not count",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "pkg/__init__.py": "from .x import y\n",
                "pkg/x.py": "import credit_whatif.pkg.z\n",
                "pkg/z.py": "from . import x\n",
            },
            [[f"{PACKAGE}.pkg.x", f"{PACKAGE}.pkg.z", f"{PACKAGE}.pkg.x"]],
            id="absolute and package-relative imports",
        ),
    ],
)
def test_a_cycle_is_found(
    tmp_path: Path, files: Mapping[str, str], expected: list[list[str]]
) -> None:
    root = write_package(tmp_path / PACKAGE, files)
    assert cycles(import_graph(root)) == expected
