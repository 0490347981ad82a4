#!/usr/bin/env bash
# Python demonstration: the wheel installed into the dev venv, then the example.
set -euo pipefail
rm -rf target/py-demo-wheels
.venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o target/py-demo-wheels >&2
.venv/bin/pip install --disable-pip-version-check -q --force-reinstall --no-deps target/py-demo-wheels/peeker_core-*.whl
.venv/bin/python bindings-python/examples/demo.py
