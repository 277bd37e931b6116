"""The package's shape: no import cycles, and stages import only what comes before them.

The pipeline reads inputs, finds figures, works out what they mean and writes them, around
one compiled rule pack (README, "How it works"). Every import is counted, also those inside
functions (lazy imports are how start-up stays fast, but they are still dependencies).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"

#: What each part of the package may import from the package. Top-level modules are named
#: by their module name; a stage folder by its name. A module may always import its own stage.
ALLOWED = {
    "errors": set(),
    "version": set(),
    "contract": set(),
    "logs": set(),
    "reading": {"errors", "contract"},
    "pack": {"errors", "contract", "version", "finding.normalize", "finding.numbers", "finding.tokenize", "api"},
    "finding": {"errors", "contract", "pack"},
    "meaning": {"errors", "contract", "pack", "finding"},
    "engine": {"errors", "contract", "pack", "reading", "finding", "meaning"},
    "records": {"contract"},
    "api": {"errors", "contract", "pack", "reading", "engine", "records"},
    "batch": {"errors", "contract", "pack", "reading", "engine", "logs"},
    "cluster": {"errors", "contract", "pack", "reading", "engine", "batch", "writing"},
    "frame": {"errors", "contract", "pack", "reading", "engine", "writing"},
    "dask": {"errors", "contract", "pack", "reading", "engine", "batch", "frame", "writing"},
    "evaluate": {"errors", "contract", "reading"},
    "facts": {"errors", "contract", "pack", "meaning"},
    "writing": {"errors", "contract", "reading", "logs"},
    "cli": {"*"},
    "__init__": {"*"},
    "__main__": {"cli"},
}
#: Third-party packages only the command line (and the terminal renderer) may import.
INTERFACE_ONLY = {"click": {"cli"}, "rich": {"cli", "writing.terminal"}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """(modules of this package, top-level third-party names) imported anywhere in `path`."""
    name = module_name(path)
    base = name.split(".") if is_package(path) and name != "__init__" else name.split(".")[:-1]
    if name == "__init__":
        base = []
    ours, theirs = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                top = (node.module or "").split(".")[0]
                (ours.add(node.module.removeprefix("extractor.")) if top == "extractor" else theirs.add(top))
                continue
            anchor = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join([*anchor, *(node.module.split(".") if node.module else [])])
            if node.module is None:  # from . import x
                for alias in node.names:
                    ours.add(".".join([*anchor, alias.name]) if anchor or alias.name != "__version__" else "__init__")
            else:
                ours.add(target or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                (ours.add(alias.name.removeprefix("extractor.")) if top == "extractor" else theirs.add(top))
    return ours, theirs


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def resolve(target: str) -> str:
    """The module an import names (`pack.rules.RulePack` style names are cut back to a module)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or "__init__"


GRAPH = {name: {resolve(t) for t in imports_of(path)[0]} - {name} for name, path in MODULES.items()}


def part_of(module: str) -> str:
    return module.split(".")[0] if module.split(".")[0] in ALLOWED else module


def test_every_module_belongs_to_a_known_part():
    assert {part_of(m) for m in MODULES} <= set(ALLOWED), sorted({part_of(m) for m in MODULES} - set(ALLOWED))


def test_no_import_cycles():
    seen, on_path, cycles = set(), [], []

    def visit(node):
        if node in on_path:
            cycles.append(on_path[on_path.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        on_path.append(node)
        for nxt in sorted(GRAPH.get(node, ())):
            visit(nxt)
        on_path.pop()

    for module in sorted(GRAPH):
        visit(module)
    assert not cycles, [" -> ".join(c) for c in cycles]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_stages_import_only_what_comes_before_them(module):
    part = part_of(module)
    allowed = ALLOWED[part]
    if "*" in allowed:
        return
    wrong = [t for t in GRAPH[module] if part_of(t) != part and t not in allowed and part_of(t) not in allowed]
    assert not wrong, f"{module} ({part}) imports {wrong}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_click_and_rich_stay_in_the_interface(module):
    theirs = imports_of(MODULES[module])[1]
    for package, owners in INTERFACE_ONLY.items():
        if package in theirs:
            assert part_of(module) in owners or module in owners, f"{module} imports {package}"


def test_the_checker_sees_a_cycle_and_a_wrong_stage(tmp_path):
    """The walk above would pass on anything if it resolved no imports: it must see these."""
    assert "pack.rules" in GRAPH["finding.quantities"] or "pack.compiled" in GRAPH["finding.quantities"]
    assert "engine" in GRAPH["api"] and "pack.rules" in GRAPH["engine"]
    assert "api" in GRAPH["pack.examples"]
