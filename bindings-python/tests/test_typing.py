"""The types users get: `mypy --strict --warn-unused-ignores` (pinned in
tests/requirements.txt) on the installed package and on a usage file that
calls every function (and narrows events by type: its ignore for a
misspelt type must be needed), which must also run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import peeker_core

USAGE = Path(__file__).parent / "typing_usage.py"


def mypy(*args: str) -> None:
    cache = os.environ.get("MYPY_CACHE_DIR") or str(Path(tempfile.gettempdir()) / "peeker-mypy-cache")
    command = [sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores", "--no-error-summary", "--cache-dir", cache, *args]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_and_the_usage_file_pass_mypy_strict() -> None:
    # The installed package (what users type-check against), then the usage file.
    package = Path(peeker_core.__file__).parent
    assert (package / "py.typed").is_file() and (package / "_native.pyi").is_file()
    mypy("-p", "peeker_core")
    mypy(str(USAGE))


def test_the_usage_file_runs() -> None:
    result = subprocess.run([sys.executable, str(USAGE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "typing usage: ok"


def test_mypy_catches_misuse(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import peeker_core\n"
        "c = peeker_core.Client('pk_test_1')\n"
        "c.get_bundle('bun_1', bundel=None)\n"
        "peeker_core.parse_response('get_bundels', 200, {}, b'')\n"
        "r: int = peeker_core.validate_order({})\n"
        "c.create_user({'emial': 'a@example.com'})\n"
        "def f(e: peeker_core.Event) -> bool:\n"
        "    return e['type'] == 'order.complete'\n"
        "peeker_core.paginate(c, 'get_bundle', c.get_bundle('bun_1'))\n",
        encoding="utf-8",
    )
    cache = os.environ.get("MYPY_CACHE_DIR") or str(tmp_path / "cache")
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, str(wrong)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout
    codes = re.findall(r"\[([a-z-]+)\]$", result.stdout, re.M)
    assert codes == ["call-arg", "call-overload", "assignment", "typeddict-item", "typeddict-unknown-key", "comparison-overlap", "call-overload"], result.stdout
