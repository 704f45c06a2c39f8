"""The floor plan holds: `lint-imports` (run by `make test`) fails on an upward import.

The contracts live in pyproject.toml (docs/decisions/0014-layers.md). These tests plant an
import in a copy of the project, never in the tree itself, and check the linter refuses
it, so a contract that silently stopped matching anything would be caught.
"""

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own venv's linter on our own copy)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("village") / "village"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "node_modules",
            "static",
            "staticfiles",
            "locale",
            "media",
            "vendor",
            "docs",
            "bench",
            "__pycache__",
            "*.sqlite3*",
            "*.po",
            "*.mo",
        ),
    )
    return copy


def plant(project: Path, module: str, source: str) -> Path:
    path = project.joinpath(*module.split(".")).with_suffix(".py")
    path.write_text(textwrap.dedent(source))
    return path


def test_the_project_as_it_stands_keeps_its_import_contracts(project_copy):
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        (
            "core.planted",
            "import gatherings.models\n",
            "Each layer imports only the layers below it BROKEN",
        ),
        (
            "partnerships.planted",
            """
            def hidden_in_a_function():
                from training.selectors import missing_before_active

                return missing_before_active
            """,
            "Each layer imports only the layers below it BROKEN",
        ),
        (
            "journal.planted",
            "from assistance import models\n",
            "Capabilities reach each other only through the layers below BROKEN",
        ),
    ],
    ids=["core-imports-a-capability", "hub-imports-in-a-function", "capability-to-capability"],
)
def test_a_planted_upward_or_sideways_import_breaks_the_build(project_copy, module, source, broken):
    planted = plant(project_copy, module, source)
    try:
        result = lint_imports(project_copy)
    finally:
        planted.unlink()
    assert result.returncode == 1
    assert broken in result.stdout
    assert module in result.stdout


def project_apps() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/apps.py")} | {"village"}


def local_imports_across_apps(source: str, app: str, apps: set[str]) -> list[tuple[int, str]]:
    """Imports inside a function (other than an AppConfig's ready()) of another app."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in apps and top != app:
                    found.append((node.lineno, name))
    return found


def test_no_import_inside_a_function_crosses_from_one_app_to_another():
    """An import hidden in a function used to dodge an import loop; the layers make that
    unneeded. Django's ready() is the one place it belongs: registries are filled there,
    once every app is loaded."""
    apps = project_apps()
    offenders = []
    for app in sorted(apps):
        for path in sorted(ROOT.joinpath(app).rglob("*.py")):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for line, name in local_imports_across_apps(path.read_text(), app, apps):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert offenders == []


def test_an_import_hidden_in_a_function_is_caught_and_one_in_ready_is_not():
    source = textwrap.dedent(
        """
        from django.apps import AppConfig

        def helper():
            from training.selectors import missing_before_active

        class Config(AppConfig):
            def ready(self):
                from partnerships import sections
        """
    )
    apps = {"partnerships", "training", "schedule"}
    assert local_imports_across_apps(source, "schedule", apps) == [(5, "training.selectors")]
