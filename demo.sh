#!/usr/bin/env bash
# The main job: builds tiservice and runs the most complete check-and-update there is so far.
# Installs missing Debian packages first. Extra arguments go to the demo.
set -euo pipefail
cd "$(dirname "$0")"
echo "tiservice-Demo: eine simulierte Praxis (Konnektor, Kartenterminals, Update-Server) und MEDISTAR mit"
echo "dem tiservice-Adapter – vom ersten Hinweis bis zum Update-Archiv. Zuerst wird gebaut (beim ersten Mal"
echo "einige Minuten). / tiservice demo: a simulated practice and MEDISTAR with the tiservice adapter,"
echo "from the first notice to the update archive. It builds first (a few minutes the first time)."
echo
scripts/ensure-debian-packages.sh
echo "== Bauen / building (build/release) =="
build_log="$(mktemp "${TMPDIR:-/tmp}/tiservice-build.XXXXXX.log")"
if ! { cmake --preset release && cmake --build --preset release; } >"$build_log" 2>&1; then
  tail -n 40 "$build_log" >&2
  echo "Bauen fehlgeschlagen; das ganze Protokoll / the build failed; the whole log: $build_log" >&2
  exit 1
fi
rm -f "$build_log"
exec scripts/run-demo.sh build/release/bin "$@"
