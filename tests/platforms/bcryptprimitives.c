/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Rust's std
 * (>= 1.78) imports ProcessPrng from it for its random numbers (HashMap seeds). This one
 * forwards to RtlGenRandom (advapi32's SystemFunction036), which Wine has. Built and used
 * by scripts/platform-test.sh under Wine only; never part of a package (real Windows 10+
 * has the DLL). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
