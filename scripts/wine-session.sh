#!/usr/bin/env bash
# The Wine session the Windows tests run in (WINEPREFIX): `up` starts wineserver and Wine's own
# services once, detached from the caller's output, and keeps them; `down` ends them.
#
# Why: the first Windows program of a Wine session starts wineserver and services.exe,
# explorer.exe, … as its children, and they keep that program's standard output open for as long
# as they run. Under ctest that output is ctest's pipe: the first test of a run then "ran" until
# its timeout although it had long finished. Started here, they hold /dev/null instead.
set -euo pipefail
: "${WINEPREFIX:?WINEPREFIX must name the Wine folder}"
export WINEDEBUG="${WINEDEBUG:--all}"
mkdir -p "$WINEPREFIX"
case "${1:-}" in
  up)
    # Fails when this prefix's server already runs (a session that is up stays up).
    wineserver -p </dev/null >/dev/null 2>&1 || true
    # Boots the Windows of WINEPREFIX (the first time: creates it) and starts its services.
    wine cmd /c exit </dev/null >/dev/null 2>&1 || true
    echo "Wine bereit / Wine ready: $WINEPREFIX"
    ;;
  down)
    wineserver -k </dev/null >/dev/null 2>&1 || true
    echo "Wine beendet / Wine ended: $WINEPREFIX"
    ;;
  *)
    echo "usage: WINEPREFIX=<folder> $0 up|down" >&2
    exit 3
    ;;
esac
