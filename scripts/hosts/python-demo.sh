#!/usr/bin/env bash
# Python demonstration, against a running local Peeker whose coordinates are
# exported (PEEKER_BASE_URL, PEEKER_API_KEY, PEEKER_WEBHOOK_SECRET,
# PEEKER_LOCAL_URL; e.g. `scripts/with-local.sh bash scripts/hosts/python-demo.sh`):
# the wheel, Starlette and uvicorn (from the wheelhouse, no network) in a
# fresh venv, then bindings-python/examples/demo.py.
set -euo pipefail
wheels=target/py-demo-wheels
venv=target/py-demo-venv
requirements=bindings-python/tests/requirements.txt
wheelhouse=target/py-wheelhouse

: "${PEEKER_BASE_URL:?start a local Peeker first (scripts/with-local.sh exports PEEKER_BASE_URL and the rest)}"
if ! cmp -s "$requirements" "$wheelhouse/.requirements"; then
    echo "python demo: $wheelhouse is missing or stale: run scripts/setup/python.sh" >&2
    exit 1
fi
rm -rf "$wheels" "$venv"
.venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o "$wheels" >&2
python3 -m venv --without-pip "$venv"
.venv/bin/pip --python "$venv/bin/python" install --disable-pip-version-check -q \
    --no-index --find-links "$wheelhouse" -c "$requirements" "$wheels"/peeker_core-*.whl starlette uvicorn
"$venv/bin/python" bindings-python/examples/demo.py
