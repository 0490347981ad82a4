#!/usr/bin/env bash
# Swift host: build the Rust library and the pinned generator, generate the
# Swift sources into the package, then run `swift test` in the Debian 13 chroot
# of scripts/setup/swift.sh (Debian 12 has no Swift). Run from the repo root.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=${PEEKER_SWIFT_ROOT:-/var/cache/peeker-core/swift-trixie} # as in scripts/setup/swift.sh
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
package=bindings-mobile/swift
if [ ! -f "$root/.peeker-stamp" ]; then
    echo "swift: no Swift chroot in $root: run scripts/setup.sh" >&2
    exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bash scripts/hosts/uniffi-generate.sh swift "$out"
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

log=$(mktemp -p "$out")
status=0
# A clean environment: nothing of this machine's (PATH, cargo's variables) leaks into the chroot.
chroot "$root" env -i HOME=/root PATH=/usr/bin:/bin PEEKER_VECTORS=$run/vectors PEEKER_RUST_LIB_DIR=$run/lib \
    sh -c "cd $run/swift && swift test --scratch-path $builds/$key 2>&1" | tee "$log" || status=$?
# XCTest's last "Executed N tests, with F failures" line is the whole run.
summary=$(grep -Eo 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -n 1 || true)
read -r tests failures < <(echo "$summary" | awk '{ print $2 + 0, $5 + 0 }')
if [ "$status" -ne 0 ] || [ "$tests" -eq 0 ] || [ "$failures" -ne 0 ]; then
    echo "swift: swift test exit $status; ${summary:-no XCTest summary}" >&2
    exit 1
fi
echo "peeker-summary swift $tests passed"
