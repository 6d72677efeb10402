#!/usr/bin/env bash
# Builds tiservice and runs every test through ctest, twice:
#   1. GCC, warnings as errors ("ci" preset): the whole suite;
#   2. clang-14 with AddressSanitizer + UndefinedBehaviorSanitizer ("asan" preset): the whole
#      suite again, plus every libFuzzer target for a few seconds each (label "fuzz");
#   3. the code the change touches against .clang-format and .clang-tidy (scripts/check-style.sh,
#      with the clang-14 compile commands of step 2).
# Installs missing Debian packages first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-debian-packages.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
cmake --preset asan
cmake --build --preset asan
ctest --preset asan
scripts/check-style.sh build/asan
