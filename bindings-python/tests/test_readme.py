"""The README (also the PyPI description): every Python block passes
`mypy --strict` as written, and runs; the buying-domains example prints what
the README says it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = "<!-- example: buying-domains"


def blocks() -> tuple[str, str]:
    """The example's code and the output block that follows it."""
    text = README.read_text(encoding="utf-8")
    after = text[text.index(MARKER):]
    code = re.search(r"```python\n(.*?)```", after, re.S)
    assert code, "no python block after the marker"
    output = re.search(r"It prints:\n\n```\n(.*?)```", after[code.end():], re.S)
    assert output, "no output block after the example"
    return code.group(1), output.group(1)


def test_the_readme_example_runs_and_prints_what_it_says() -> None:
    code, printed = blocks()
    env = {"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"}  # no PEEKER_API_KEY: the sandbox key
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    host = f"python/{sys.version_info[0]}.{sys.version_info[1]}"
    expected = printed.replace("python/3.11", host).splitlines()
    got = result.stdout.splitlines()
    assert len(got) == len(expected), result.stdout
    for line, want in zip(got, expected):
        pattern = ".*".join(re.escape(part) for part in want.split("..."))
        assert re.fullmatch(pattern, line), f"{line!r} does not match {want!r}"
    assert "secret-password" not in result.stdout and "pk_test_51example" not in result.stdout


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_every_python_block_passes_mypy_strict_as_written(tmp_path: Path) -> None:
    blocks = python_blocks()
    assert len(blocks) == 2, "the example and the webhook endpoints"
    files = []
    for index, code in enumerate(blocks):
        path = tmp_path / f"readme_block_{index}.py"
        path.write_text(code, encoding="utf-8")
        files.append(str(path))
    cache = os.environ.get("MYPY_CACHE_DIR") or str(Path(tempfile.gettempdir()) / "peeker-mypy-cache")
    command = [sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores", "--cache-dir", cache, *files]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_webhook_endpoints_block_runs() -> None:
    code = python_blocks()[1]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
