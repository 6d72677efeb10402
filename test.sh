#!/usr/bin/env bash
# Builds tiservice three times and runs every test through ctest:
#   1. GCC, warnings as errors ("ci" preset): the products, and the tests only this build can
#      run -- the packages (label "packages"; a sanitizer build is not packaged);
#   2. clang-14 with AddressSanitizer + UndefinedBehaviorSanitizer, warnings as errors ("asan"
#      preset): the whole suite, plus every libFuzzer target for a few seconds each (label "fuzz");
#   3. 64-bit Windows with MinGW-w64 ("windows" preset): the libraries it needs from Debian's
#      source packages (scripts/build-windows-deps.sh: once, then from its cache), the engine,
#      the adapters as DLLs, the programs, and their tests under Wine;
#   4. the code the change touches against .clang-format and .clang-tidy (scripts/check-style.sh,
#      with the clang-14 compile commands of step 2).
# Installs missing Debian packages first. Each step says how long it took.
#   TISERVICE_FULL_CI_SUITE=1 ./test.sh   also runs the whole suite on the GCC build;
#   TISERVICE_WINDOWS=0 ./test.sh         leaves step 3 out (it says so at the end).
set -euo pipefail
cd "$(dirname "$0")"
step() {
  local started=$SECONDS
  "$@"
  echo "test.sh: $* — $((SECONDS - started)) s" >&2
}
step scripts/ensure-debian-packages.sh
if [ "${TISERVICE_FULL_CI_SUITE:-0}" = 1 ]; then
  step cmake --preset ci -DTISERVICE_PACKAGES_ONLY=OFF
  step cmake --build --preset ci
  step ctest --preset ci
else
  step cmake --preset ci -DTISERVICE_PACKAGES_ONLY=ON
  step cmake --build --preset ci
  step ctest --preset ci -L packages
fi
step cmake --preset asan
step cmake --build --preset asan
step ctest --preset asan
if [ "${TISERVICE_WINDOWS:-1}" != 0 ]; then
  step scripts/build-windows-deps.sh
  TISERVICE_WINDOWS_DEPS="$(scripts/build-windows-deps.sh --print-prefix)"
  export TISERVICE_WINDOWS_DEPS
  step cmake --preset windows
  step cmake --build --preset windows
  # One Wine session for the tests and ctest's listing of them (scripts/wine-session.sh); ended
  # whatever happens.
  export WINEPREFIX="$PWD/build/windows/wineprefix"
  trap 'scripts/wine-session.sh down >/dev/null 2>&1 || true' EXIT
  step scripts/wine-session.sh up
  step ctest --preset windows
fi
step scripts/check-style.sh build/asan
if [ "${TISERVICE_WINDOWS:-1}" = 0 ]; then
  echo "test.sh: Windows-Variante ausgelassen (TISERVICE_WINDOWS=0) / Windows variant left out" >&2
fi
echo "test.sh: alles grün nach / all green after $SECONDS s" >&2
