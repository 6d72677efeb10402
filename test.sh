#!/usr/bin/env bash
# Builds tiservice twice and runs every test through ctest:
#   1. GCC, warnings as errors ("ci" preset): everything is built, and the tests only this
#      build can run -- the packages (label "packages"; a sanitizer build is not packaged);
#   2. clang-14 with AddressSanitizer + UndefinedBehaviorSanitizer ("asan" preset): the whole
#      suite, plus every libFuzzer target for a few seconds each (label "fuzz");
#   3. the code the change touches against .clang-format and .clang-tidy (scripts/check-style.sh,
#      with the clang-14 compile commands of step 2).
# Installs missing Debian packages first. Each step says how long it took.
#   TISERVICE_FULL_CI_SUITE=1 ./test.sh   also runs the whole suite on the GCC build.
set -euo pipefail
cd "$(dirname "$0")"
step() {
  local started=$SECONDS
  "$@"
  echo "test.sh: $* — $((SECONDS - started)) s" >&2
}
step scripts/ensure-debian-packages.sh
step cmake --preset ci
step cmake --build --preset ci
if [ "${TISERVICE_FULL_CI_SUITE:-0}" = 1 ]; then
  step ctest --preset ci
else
  step ctest --preset ci -L packages
fi
step cmake --preset asan
step cmake --build --preset asan
step ctest --preset asan
step scripts/check-style.sh build/asan
echo "test.sh: alles grün nach / all green after $SECONDS s" >&2
