"""The README (also the PyPI description): every Python block passes
`mypy --strict` as written, and runs against the local Peeker (the `local`
fixture: scripts/with-local.sh); the buying-domains example prints what the
README says it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import peeker_core

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = "<!-- example: buying-domains"


def blocks() -> tuple[str, str]:
    """The example's code and the output block that follows it."""
    text = README.read_text(encoding="utf-8")
    after = text[text.index(MARKER):]
    code = re.search(r"```python\n(.*?)```", after, re.S)
    assert code, "no python block after the marker"
    output = re.search(r"It prints[^\n]*:\n\n```\n(.*?)```", after[code.end():], re.S)
    assert output, "no output block after the example"
    return code.group(1), output.group(1)


def run(code: str, local: Any) -> subprocess.CompletedProcess[str]:
    """A block in a fresh interpreter with only the local Peeker's coordinates."""
    env = {"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin", "PEEKER_BASE_URL": local.base_url,
           "PEEKER_API_KEY": local.api_key, "PEEKER_WEBHOOK_SECRET": local.webhook_secret,
           "PEEKER_LOCAL_URL": local.local_url}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for secret in (local.api_key, local.webhook_secret, "secret-password"):
        assert secret not in result.stdout + result.stderr
    return result


def test_the_readme_example_runs_and_prints_what_it_says(local: Any) -> None:
    code, printed = blocks()
    result = run(code, local)
    host = f"python/{sys.version_info[0]}.{sys.version_info[1]}"
    expected = printed.replace("python/3.11", host).splitlines()
    got = result.stdout.splitlines()
    assert len(got) == len(expected), result.stdout
    for line, want in zip(got, expected):
        pattern = ".*".join(re.escape(part) for part in want.split("..."))
        assert re.fullmatch(pattern, line), f"{line!r} does not match {want!r}"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_every_python_block_passes_mypy_strict_as_written(tmp_path: Path) -> None:
    blocks = python_blocks()
    assert len(blocks) == 3, "the example, the webhook endpoints and the send helpers"
    files = []
    for index, code in enumerate(blocks):
        path = tmp_path / f"readme_block_{index}.py"
        path.write_text(code, encoding="utf-8")
        files.append(str(path))
    cache = os.environ.get("MYPY_CACHE_DIR") or str(Path(tempfile.gettempdir()) / "peeker-mypy-cache")
    command = [sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores", "--cache-dir", cache, *files]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_webhook_endpoints_block_runs(local: Any) -> None:
    run(python_blocks()[1], local)


def test_the_webhook_recipe_handles_a_replayed_delivery_once_whatever_its_event_id_header() -> None:
    namespace: dict[str, Any] = {"__name__": "readme_webhooks"}  # Flask(__name__) needs a module name
    exec(python_blocks()[1], namespace)  # noqa: S102 - the README's own block
    secret, body, now = namespace["SECRETS"][0], b'{"id":"evt_1","type":"order.completed","data":{}}', int(time.time())
    signed = {"Peeker-Timestamp": str(now), "Peeker-Signature": peeker_core.sign_webhook(secret, now, body)}
    client = namespace["app"].test_client()
    first = client.post("/webhooks/peeker", data=body, headers={**signed, "Peeker-Event-Id": "evt_1"})
    replay = client.post("/webhooks/peeker", data=body, headers={**signed, "Peeker-Event-Id": "evt_forged"})
    assert (first.status_code, first.get_json()) == (200, {"received": "evt_1"})
    assert (replay.status_code, replay.get_json()) == (200, {"received": "evt_1", "repeat": True})
    assert namespace["seen"]["evt_1"] >= now + 2 * 300, "remembered while a copy could verify"


def test_the_send_helpers_block_runs(local: Any) -> None:
    printed = run(python_blocks()[2], local).stdout.splitlines()
    assert printed[0] == "key: test full" and re.fullmatch(r"completed orders: \d+", printed[1]), printed
