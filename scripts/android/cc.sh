#!/usr/bin/env bash
# The linker of the *-linux-android targets without an NDK (none is reachable here;
# ../shared/PLATFORMS.md): rustc's arguments passed on to `zig cc`, whose libc is a
# stub sysroot built here in place of the NDK's (zig reads it from $ZIG_LIBC):
#  - libc/libdl/libm/liblog.so stubs whose SONAMEs become the library's NEEDED entries;
#    they define exactly the bionic symbols scripts/android/bionic.txt lists (each one
#    present in bionic at the AAR's minSdk), and -z defs makes any other undefined
#    symbol a link error;
#  - libunwind.a: zig's copy of LLVM's libunwind built for Android, as the NDK ships it;
#  - crtbegin_so.o with a hidden __dso_handle (std's TLS destructors use it), and an
#    empty crtend_so.o;
#  - 16 KB page alignment (Android 15+ devices with 16 KB pages load only such libraries).
# Nothing here can run the result: the release marks it experimental.
# Used by scripts/release.sh (android) as CARGO_TARGET_<TRIPLE>_LINKER, with
# PEEKER_ANDROID_ARCH (aarch64, x86_64) and PEEKER_ANDROID_API (the minSdk) set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arch=${PEEKER_ANDROID_ARCH:?PEEKER_ANDROID_ARCH (aarch64 or x86_64) is not set}
api=${PEEKER_ANDROID_API:?PEEKER_ANDROID_API (the minSdk) is not set}
python=$here/../../.venv/bin/python # ziglang, pinned by scripts/setup/platforms.sh
zig() { "$python" -m ziglang "$@"; }
target=$arch-linux-android.$api
zig_lib=$("$python" -c 'import ziglang, os; print(os.path.join(os.path.dirname(ziglang.__file__), "lib"))')
sysroot=$here/../../target/android-sysroot/$arch-$api
# zig's musl headers compile libunwind (bionic's are not here): the few types it shares
# with libc (dl_phdr_info, pthread_rwlock_t) have the same layout in both on 64-bit
# targets, and musl's errno function is bionic's __errno under another name.
headers=(-nostdinc -isystem "$zig_lib/include" -isystem "$zig_lib/libc/include/$arch-linux-musl"
    -isystem "$zig_lib/libc/include/generic-musl" -isystem "$zig_lib/libc/include/any-linux-any")
stamp=$( (zig version && cat "$here/bionic.txt" "$0") | sha256sum | cut -c1-16)
if [ "$(cat "$sysroot/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$sysroot" && mkdir -p "$sysroot/obj"
    for lib in libc libdl libm liblog; do
        awk -v lib="$lib" '$1 == lib ":" { in_lib = 1; next } /^[a-z]+:$/ { in_lib = 0 }
            in_lib && NF && $1 !~ /^#/ { print ($2 == "data" ? "char " $1 "[8];" : "void " $1 "(void) {}") }' \
            "$here/bionic.txt" >"$sysroot/obj/$lib.c"
        zig cc -target "$target" -c -fPIC -fno-builtin -w -o "$sysroot/obj/$lib.o" "$sysroot/obj/$lib.c"
        zig ld.lld -shared -soname "$lib.so" -o "$sysroot/$lib.so" "$sysroot/obj/$lib.o"
    done
    for src in libunwind.cpp UnwindLevel1.c UnwindLevel1-gcc-ext.c UnwindRegistersRestore.S UnwindRegistersSave.S; do
        flags=(-std=c99)
        [[ $src == *.cpp ]] && flags=(-std=c++17 -fno-exceptions -fno-rtti -nostdinc++)
        [[ $src == *.S ]] && flags=()
        zig cc -target "$target" -c -O2 -fPIC -funwind-tables -fvisibility=hidden "${headers[@]}" \
            -I "$zig_lib/libunwind/include" -D_LIBUNWIND_IS_NATIVE_ONLY -DNDEBUG -D__errno_location=__errno "${flags[@]}" \
            -o "$sysroot/obj/unwind-$src.o" "$zig_lib/libunwind/src/$src"
    done
    zig ar rcs "$sysroot/libunwind.a" "$sysroot"/obj/unwind-*.o
    echo '__attribute__((visibility("hidden"))) void *__dso_handle = &__dso_handle;' |
        zig cc -target "$target" -c -fPIC -x c -o "$sysroot/crtbegin_so.o" -
    zig cc -target "$target" -c -fPIC -x c -o "$sysroot/crtend_so.o" /dev/null
    printf '%s\n' "include_dir=$zig_lib/libc/include/$arch-linux-musl" "sys_include_dir=$zig_lib/libc/include/generic-musl" \
        "crt_dir=$sysroot" "cc_dir=$sysroot" msvc_lib_dir= kernel32_lib_dir= darwin_sdk_dir= >"$sysroot/libc.txt"
    echo "$stamp" >"$sysroot/.stamp"
fi
# zig would build its own libunwind for -lunwind, against its musl headers as they are.
args=()
for arg in "$@"; do
    [ "$arg" = -lunwind ] && arg=$sysroot/libunwind.a
    args+=("$arg")
done
ZIG_LIBC=$sysroot/libc.txt exec "$python" -m ziglang cc -target "$target" -L "$sysroot" "${args[@]}" \
    -Wl,-z,defs -Wl,-z,max-page-size=16384
