#!/usr/bin/env bash
# Python host: build the abi3 wheel, install it into a fresh venv, run pytest
# against the installed package. Run from the repo root after scripts/setup/python.sh.
# Last stdout line: `peeker-summary python <N> passed`.
set -euo pipefail

PYTEST_VERSION=9.2.0   # same pin as scripts/setup/python.sh
wheels=target/py-wheels
venv=target/py-test-venv
report=target/py-test-report.xml

rm -rf "$wheels" "$venv" "$report"
.venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o "$wheels" >&2
wheel=$(ls "$wheels"/peeker_core-*.whl)

# A fresh venv each run, so only the wheel (never the source tree) is importable.
# Without its own pip (ensurepip costs seconds): the setup venv's pip installs into it.
python3 -m venv --without-pip "$venv"
.venv/bin/pip --python "$venv/bin/python" install --disable-pip-version-check -q \
    "$wheel" "pytest==$PYTEST_VERSION"

# importlib mode and no cache: nothing is added to sys.path or written to the tree.
status=0
PEEKER_TEST_VENV="$venv" PEEKER_VECTORS="$PWD/tests/vectors" PYTHONDONTWRITEBYTECODE=1 \
    "$venv/bin/python" -m pytest -q -p no:cacheprovider --import-mode=importlib \
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
