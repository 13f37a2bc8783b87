"""The house's size rules (issue 11): modules over 400 lines, functions over 60 lines, imports inside functions.

    .venv/bin/python scripts/sizes.py          # lists the overruns; exit status 1 when there are any

Migrations, tests, benches and the virtualenv are left out (tests and benches may import late on purpose); an
AppConfig's ready() imports by design (Django's place for registering signals and sources).
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("conferences", "petitions", "conclusions", "demo", "dialogue_portal")
MODULE_LINES, FUNCTION_LINES = 400, 60


def sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def overruns(path: Path) -> list[str]:
    text = path.read_text()
    relative = path.relative_to(ROOT)
    found = []
    lines = len(text.splitlines())
    if lines > MODULE_LINES:
        found.append(f"{relative}: module of {lines} lines")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LINES:
                found.append(f"{relative}:{node.lineno}: {node.name}() of {length} lines")
            for inner in ast.walk(node) if node.name != "ready" else ():
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    found.append(f"{relative}:{inner.lineno}: import inside {node.name}()")
    return found


def main() -> int:
    found = [line for path in sources() for line in overruns(path)]
    print("\n".join(found) or "No module over 400 lines, no function over 60, no import inside a function.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
