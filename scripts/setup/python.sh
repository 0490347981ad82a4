#!/usr/bin/env bash
# Python host toolchain: a repo-level venv with pinned maturin and pytest.
# Idempotent: when the pins are already installed it only checks them.
set -euo pipefail

MATURIN_VERSION=1.16.0
PYTEST_VERSION=9.2.0
venv=.venv

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Fast path: importlib.metadata reads the installed versions without pip.
if ! "$venv/bin/python" - "$MATURIN_VERSION" "$PYTEST_VERSION" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
try:
    ok = (version("maturin"), version("pytest")) == (sys.argv[1], sys.argv[2])
except PackageNotFoundError:
    ok = False
sys.exit(0 if ok else 1)
PY
then
    "$venv/bin/pip" install --disable-pip-version-check -q \
        "maturin==$MATURIN_VERSION" "pytest==$PYTEST_VERSION"
fi
echo "python setup: maturin $MATURIN_VERSION, pytest $PYTEST_VERSION in $venv"
