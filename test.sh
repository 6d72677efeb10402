#!/usr/bin/env bash
# Builds tiservice and runs every test through ctest. Installs missing Debian packages first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-debian-packages.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
