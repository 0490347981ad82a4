#!/usr/bin/env bash
# Swift host: build the Rust library and the pinned generator, generate the
# Swift sources into the package, then run `swift test` in the Debian 13 chroot
# of scripts/setup/swift.sh (Debian 12 has no Swift). Run from the repo root.
# The Sender and README example tests talk to a local Peeker: a fresh one
# (scripts/with-local.sh) unless the PEEKER_* variables name one; the chroot
# shares this machine's network, so they reach it at 127.0.0.1.
#   scripts/hosts/swift.sh        the tests; last line "peeker-summary swift <N> passed"
#   scripts/hosts/swift.sh demo   the demonstration (scripts/hosts/swift-demo.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-test}
# At 36000x an order completes in well under a second.
if [ "$mode" = test ] && [ -z "${PEEKER_LOCAL_URL:-}" ]; then
    PEEKER_LOCAL_OPTIONS=${PEEKER_LOCAL_OPTIONS:---time-scale 36000} exec scripts/with-local.sh bash "$0" "$@"
fi
root=${PEEKER_SWIFT_ROOT:-/var/cache/peeker-core/swift-trixie} # as in scripts/setup/swift.sh
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
package=bindings-mobile/swift
if [ ! -f "$root/.peeker-stamp" ]; then
    echo "swift: no Swift chroot in $root: run scripts/setup.sh" >&2
    exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# With the panic hook HostTests calls; the released Swift API has none (scripts/hosts/docs.sh).
PEEKER_TEST_HOOKS=1 bash scripts/hosts/uniffi-generate.sh swift "$out" >&2
# Generated files (gitignored): the Swift API and the FFI header + module map,
# copied only when they changed so that their mtimes let SwiftPM build incrementally.
mkdir -p "$package/Sources/PeekerCoreFFI"
update() { cmp -s "$1" "$2" || cp "$1" "$2"; }
update "$out/PeekerCore.swift" "$package/Sources/PeekerCore/PeekerCore.swift"
update "$out/PeekerCoreFFI.h" "$package/Sources/PeekerCoreFFI/PeekerCoreFFI.h"
update "$out/PeekerCoreFFI.modulemap" "$package/Sources/PeekerCoreFFI/module.modulemap"

# One run at a time per chroot (and none while setup rebuilds it): the run
# folder has a fixed path, because SwiftPM's build records hold absolute paths.
exec 9>"$root.lock"
flock 9
run=/peeker-run # inside the chroot, filled afresh and removed after
# SwiftPM's build folder outlives the run, keyed by the toolchain's versions
# and the manifest; within a key, SwiftPM rebuilds what changed (mtimes kept by cp -p).
key=$(cat "$root/.peeker-stamp" "$package/Package.swift" | sha256sum | cut -c1-16)
builds=/var/cache/peeker-swift-build
mkdir -p "$root$builds"
find "$root$builds" -mindepth 1 -maxdepth 1 ! -name "$key" -exec rm -rf {} + # other keys are stale
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf --one-file-system "$root$run" "$out"' EXIT
trap 'exit 1' INT TERM HUP # so that the EXIT trap also runs when the run is stopped
rm -rf --one-file-system "$root$run"
mkdir -p "$root$run/lib" "$root$run/swift"
cp -pr "$package"/{Package.swift,Sources,Tests} "$root$run/swift/"
cp -pr tests/vectors "$root$run/vectors"
cp -p bindings-mobile/README.md "$root$run/README.md" # ReadmeTests compares its Swift block
cp -p "$target/release/libpeeker_core_ffi.so" "$root$run/lib/"
umount "$root/proc" 2>/dev/null || true # left mounted by a killed run (we hold the lock)
mount -t proc proc "$root/proc" # swift finds its runtime through $ORIGIN, which needs /proc

# A clean environment: nothing of this machine's (PATH, cargo's variables) leaks
# into the chroot but the local Peeker's coordinates, read from a file of the run
# folder (a command line would show the key to `ps`).
for name in PEEKER_BASE_URL PEEKER_API_KEY PEEKER_WEBHOOK_SECRET PEEKER_LOCAL_URL; do
    if [ -n "${!name:-}" ]; then printf 'export %s=%q\n' "$name" "${!name}"; fi
done >"$root$run/peeker.env"
in_chroot() {
    chroot "$root" env -i HOME=/root PATH=/usr/bin:/bin PEEKER_VECTORS=$run/vectors PEEKER_RUST_LIB_DIR=$run/lib \
        sh -c ". $run/peeker.env && cd $run/swift && $1"
}

log=$(mktemp -p "$out")
if [ "$mode" = demo ]; then
    # Only the program's own lines on stdout (the build's go to the log, shown on failure).
    in_chroot "swift build --scratch-path $builds/$key --product peeker-demo" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
    in_chroot "$builds/$key/debug/peeker-demo" | sed -u 's/^/[swift] /'
    exit
fi
status=0
in_chroot "swift test --scratch-path $builds/$key 2>&1" | tee "$log" || status=$?
# XCTest's last "Executed N tests, with F failures" line is the whole run. A method
# that loops over vector cases prints "peeker-cases <method> <count>": it counts as
# its cases rather than as one test, as the other hosts count each case.
summary=$(grep -Eo 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -n 1 || true)
read -r tests failures < <(echo "$summary" | awk '{ print $2 + 0, $5 + 0 }')
read -r loops cases < <(awk '$1 == "peeker-cases" { n++; c += $3 } END { print n + 0, c + 0 }' "$log")
if [ "$status" -ne 0 ] || [ "$tests" -eq 0 ] || [ "$failures" -ne 0 ] || [ "$loops" -eq 0 ]; then
    echo "swift: swift test exit $status; ${summary:-no XCTest summary}; $loops methods printed their case counts" >&2
    exit 1
fi
echo "peeker-summary swift $((tests - loops + cases)) passed"
