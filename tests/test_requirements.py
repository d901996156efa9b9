"""The requirement files hold together, without the network: every package the code imports is declared in a .in file,
each lock (written by `bash lock.sh`) has every direct pin at its version, exact versions with hashes throughout, the
test lock holds the app's lock unchanged, and each lock is exactly the direct requirements with what they need."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from support import ROOT

APP_IN = ROOT / "requirements.in"
TEST_IN = ROOT / "requirements-test.in"
APP_LOCK = ROOT / "requirements.txt"
TEST_LOCK = ROOT / "requirements-test.txt"
LOCKS = {APP_LOCK: [APP_IN], TEST_LOCK: [APP_IN, TEST_IN]}  # a lock and the .in files it is made from

RUNTIME_CODE = [ROOT / "app.py", ROOT / "pages", ROOT / "components"]
TEST_CODE = [ROOT / "tests", ROOT / "bench"]


def direct_requirements(path: Path) -> dict[str, Requirement]:
    """A .in file's requirements by normalised name, following `-r` includes; `-c` constraints are not requirements."""
    found: dict[str, Requirement] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*", "", raw).strip()
        if line.startswith("-r "):
            found |= direct_requirements(path.parent / line[3:].strip())
        elif line and not line.startswith("-c "):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


@dataclass
class Locked:
    requirement: Requirement
    hashes: list[str]  # `sha256:…`, one for each file of the release (any other option is kept as written)
    via: list[str]  # what asked for it: package names, or "-r requirements.in" for a direct requirement


def locked_packages(path: Path) -> dict[str, Locked]:
    """A lock's entries by normalised name: `name==version ; marker \\` then `--hash` lines, then uv's `# via` comments."""
    found: dict[str, Locked] = {}
    entry: Locked | None = None
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.startswith((" ", "#")):
            requirement, *options = line.split(" --")
            entry = Locked(Requirement(requirement.strip()), [o.strip().removeprefix("hash=") for o in options], [])
            found[canonicalize_name(entry.requirement.name)] = entry
        elif entry is not None and line.strip().startswith("#"):
            via = line.strip().removeprefix("#").strip()
            if via.startswith("via "):
                entry.via.append(via.removeprefix("via ").strip())
            elif via != "via":
                entry.via.append(via)
    return found


def declared(*paths: Path) -> dict[str, Requirement]:
    found: dict[str, Requirement] = {}
    for path in paths:
        found |= direct_requirements(path)
    return found


def top_level_imports(roots: list[Path]) -> dict[str, set[str]]:
    """Every absolute import's top-level name, at any depth in any file, with the files that import it."""
    found: dict[str, set[str]] = {}
    files = [p for root in roots for p in ([root] if root.is_file() else sorted(root.rglob("*.py")))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def own_modules() -> set[str]:
    """The project's own top-level names: its package and the modules that tests and the benchmark import by name."""
    return {"components"} | {p.stem for root in TEST_CODE for p in root.rglob("*.py")}


def undeclared(roots: list[Path], allowed: dict[str, Requirement]) -> dict[str, set[str]]:
    distributions = importlib.metadata.packages_distributions()
    ours = own_modules()
    missing: dict[str, set[str]] = {}
    for name, files in top_level_imports(roots).items():
        if name in sys.stdlib_module_names or name in ours:
            continue
        owners = {canonicalize_name(d) for d in distributions.get(name, [])}
        if not owners & allowed.keys():
            missing[f"{name} (from {', '.join(sorted(owners)) or 'no installed package'})"] = files
    return missing


def test_app_code_imports_only_what_requirements_in_declares():
    assert undeclared(RUNTIME_CODE, declared(APP_IN)) == {}


def test_tests_and_benchmark_import_only_what_the_in_files_declare():
    assert undeclared(TEST_CODE, declared(APP_IN, TEST_IN)) == {}


def test_the_import_check_knows_import_names_that_differ_from_package_names():
    distributions = importlib.metadata.packages_distributions()
    assert canonicalize_name(distributions["pptx"][0]) == "python-pptx"
    assert canonicalize_name(distributions["attrs"][0]) == "attrs"
    assert "components/data/loader.py" in top_level_imports(RUNTIME_CODE)["attrs"]


def test_direct_requirements_are_exact_pins():
    for path in (APP_IN, TEST_IN):
        for name, requirement in direct_requirements(path).items():
            assert len(requirement.specifier) == 1 and next(iter(requirement.specifier)).operator == "==", (path.name, name)


def test_every_lock_entry_is_an_exact_version_with_hashes():
    for lock in LOCKS:
        for name, entry in locked_packages(lock).items():
            assert not entry.requirement.url and not entry.requirement.extras, (lock.name, name)
            assert [s.operator for s in entry.requirement.specifier] == ["=="], (lock.name, name)
            assert entry.hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in entry.hashes), (lock.name, name)


def test_each_lock_has_every_direct_requirement_at_its_version():
    for lock, sources in LOCKS.items():
        locked = locked_packages(lock)
        for name, requirement in declared(*sources).items():
            assert name in locked, (lock.name, name)
            assert requirement.specifier.contains(version(locked[name]), prereleases=True), (lock.name, name)


def test_each_lock_names_exactly_its_in_files_as_direct():
    """uv notes `-r requirements.in` beside what a .in file asks for: a package dropped from it leaves no direct entry."""
    for lock, sources in LOCKS.items():
        marked = {name for name, entry in locked_packages(lock).items() if any(v.startswith("-r ") for v in entry.via)}
        assert sorted(marked ^ declared(*sources).keys()) == [], lock.name


def test_the_test_lock_holds_the_app_lock_unchanged():
    app, test = locked_packages(APP_LOCK), locked_packages(TEST_LOCK)
    for name, entry in app.items():
        assert name in test, name
        assert str(test[name].requirement) == str(entry.requirement), name
        assert sorted(test[name].hashes) == sorted(entry.hashes), name


def test_each_lock_is_its_direct_requirements_and_what_they_need():
    """Read from the installed packages' metadata, for this interpreter and OS: nothing the direct requirements need is
    left out of a lock, nothing else is in it, and what is installed is the lock (tests/run.sh installs it)."""
    environment: dict[str, str] = dict(default_environment())
    for lock, sources in LOCKS.items():
        locked = locked_packages(lock)
        here = {name for name, entry in locked.items() if applies(entry.requirement, environment)}
        for name in here:
            installed = importlib.metadata.version(name)
            assert installed == version(locked[name]), f"{name} {installed} is installed, the lock has {version(locked[name])}"
        seen: set[tuple[str, str]] = set()  # a package, and "" or one of its extras
        todo = [r for r in declared(*sources).values() if applies(r, environment)]
        while todo:
            requirement = todo.pop()
            name = canonicalize_name(requirement.name)
            for extra in {"", *requirement.extras} - {e for n, e in seen if n == name}:
                seen.add((name, extra))
                dependencies = [Requirement(line) for line in importlib.metadata.requires(name) or []]
                todo += [d for d in dependencies if applies(d, environment | {"extra": extra})]
        needed = {name for name, _ in seen}
        assert needed == here, (lock.name, sorted(needed ^ here))


def applies(requirement: Requirement, environment: dict[str, str]) -> bool:
    return requirement.marker is None or requirement.marker.evaluate({"extra": "", **environment})


def version(entry: Locked) -> str:
    return next(iter(entry.requirement.specifier)).version
