#!/usr/bin/env bash
# Python host toolchain: a repo-level venv with pinned maturin (builds the
# wheel), and a local wheelhouse with every pinned test dependency
# (bindings-python/tests/requirements.txt), so test runs need no network.
# Also the pinned schemathesis of the local host (local/conformance/requirements.txt)
# in its own wheelhouse.
# Idempotent: when the pins are already in place it only checks them.
set -euo pipefail

MATURIN_VERSION=1.16.0
venv=.venv
requirements=bindings-python/tests/requirements.txt
wheelhouse=target/py-wheelhouse

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Fast path: importlib.metadata reads the installed version without pip.
if ! "$venv/bin/python" - "$MATURIN_VERSION" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
try:
    ok = version("maturin") == sys.argv[1]
except PackageNotFoundError:
    ok = False
sys.exit(0 if ok else 1)
PY
then
    "$venv/bin/pip" install --disable-pip-version-check -q "maturin==$MATURIN_VERSION"
fi

# The wheelhouse is filled again only when the pins change. The file pins every
# package (dependencies too), so --no-deps; python.sh installs with --no-index,
# which fails if a dependency were missing from the list.
if ! cmp -s "$requirements" "$wheelhouse/.requirements"; then
    rm -rf "$wheelhouse"
    mkdir -p "$wheelhouse"
    "$venv/bin/pip" download --disable-pip-version-check -q --only-binary=:all: --no-deps \
        -r "$requirements" -d "$wheelhouse"
    cp "$requirements" "$wheelhouse/.requirements"
fi
# schemathesis for scripts/hosts/local.sh: the same scheme, its own wheelhouse.
st_requirements=local/conformance/requirements.txt
st_wheelhouse=target/schemathesis-wheelhouse
if ! cmp -s "$st_requirements" "$st_wheelhouse/.requirements"; then
    rm -rf "$st_wheelhouse"
    mkdir -p "$st_wheelhouse"
    "$venv/bin/pip" download --disable-pip-version-check -q --only-binary=:all: --no-deps \
        -r "$st_requirements" -d "$st_wheelhouse"
    cp "$st_requirements" "$st_wheelhouse/.requirements"
fi
echo "python setup: schemathesis wheels in $st_wheelhouse ($(ls "$st_wheelhouse"/*.whl | wc -l) pinned)"
echo "python setup: maturin $MATURIN_VERSION in $venv; test wheels in $wheelhouse ($(ls "$wheelhouse"/*.whl | wc -l) pinned)"
