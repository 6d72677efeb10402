#!/usr/bin/env bash
# The main job, as far as it exists: shows the tool's version and help. Grows with the
# simulator, the status check, the workflow and the sample host.
set -euo pipefail
bin="$1"; shift
"$bin/tiservice" --version
"$bin/tiservice" "$@" --help
