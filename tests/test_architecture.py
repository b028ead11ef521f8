"""The import rules the design draws, as tests: no file imports itself back through others.

import-linter (run by `make test`) checks the layers and the forbidden imports in
pyproject.toml; this test adds what a contract cannot say: no cycle between files.
"""

import grimp

PACKAGES = ("capisce", "modules", "quizzes")


def import_cycles(graph):
    """Each group of modules that import one another in a circle (Tarjan's components)."""
    modules = sorted(m for m in graph.modules if not m.endswith(".migrations"))
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_itself_back_through_others():
    graph = grimp.build_graph(*PACKAGES)
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "a.one", "a.two", "a.three"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.one")
    graph.add_import(importer="a.two", imported="a.three")
    assert import_cycles(graph) == [["a.one", "a.two"]]
