#!/usr/bin/env bash
# The main job: builds tiservice and runs the most complete check-and-update there is so far.
# Installs missing Debian packages first. Extra arguments go to the demo.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-debian-packages.sh
cmake --preset release
cmake --build --preset release
exec scripts/run-demo.sh build/release/bin "$@"
