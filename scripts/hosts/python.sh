#!/usr/bin/env bash
# Python host: build the abi3 wheel, install it into a fresh venv with the
# pinned test dependencies (bindings-python/tests/requirements.txt, from the
# wheelhouse scripts/setup/python.sh fills: no network), run pytest against the
# installed package, against a fresh local Peeker (scripts/with-local.sh, at a
# time scale that provisions an order in a fraction of a second). The tests
# include the shared vectors, real webhook servers (Starlette under uvicorn,
# Flask under werkzeug) receiving the server's deliveries, the send helpers
# against its fault injection, the README example and `mypy --strict` on a
# usage file. Run from the repo root after scripts/setup/python.sh.
# Last stdout line: `peeker-summary python <N> passed`.
set -euo pipefail

wheels=target/py-wheels
venv=target/py-test-venv
report=target/py-test-report.xml
requirements=bindings-python/tests/requirements.txt
wheelhouse=target/py-wheelhouse

if ! cmp -s "$requirements" "$wheelhouse/.requirements"; then
    echo "python: $wheelhouse is missing or stale: run scripts/setup/python.sh" >&2
    echo "peeker-summary python 0 passed"
    exit 1
fi

rm -rf "$wheels" "$venv" "$report"
# test-hooks: the panic hook test_host calls; released wheels leave it out.
.venv/bin/maturin build --release -q --features test-hooks -m bindings-python/Cargo.toml -o "$wheels" >&2
wheel=$(ls "$wheels"/peeker_core-*.whl)

# A fresh venv each run, so only the wheel (never the source tree) is importable.
# Without its own pip (ensurepip costs seconds): the setup venv's pip installs into it.
python3 -m venv --without-pip "$venv"
.venv/bin/pip --python "$venv/bin/python" install --disable-pip-version-check -q \
    --no-index --find-links "$wheelhouse" "$wheel" -r "$requirements"

# importlib mode and no cache: nothing is added to sys.path or written to the
# tree. mypy keeps its cache under target/ (warm runs take a second).
status=0
PEEKER_TEST_HOOKS=1 PEEKER_TEST_VENV="$venv" PEEKER_VECTORS="$PWD/tests/vectors" PYTHONDONTWRITEBYTECODE=1 \
    MYPY_CACHE_DIR="$PWD/target/py-mypy-cache" PEEKER_LOCAL_OPTIONS="--time-scale 36000" \
    scripts/with-local.sh "$venv/bin/python" -m pytest -q -p no:cacheprovider --import-mode=importlib \
    --rootdir bindings-python/tests --junitxml "$report" bindings-python/tests || status=$?

passed=$("$venv/bin/python" - "$report" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
count = lambda key: sum(int(s.get(key, 0)) for s in suites)
print(count("tests") - count("failures") - count("errors") - count("skipped"))
PY
) || passed=0  # no report: pytest did not get as far as running tests
echo "peeker-summary python $passed passed"
exit "$status"
