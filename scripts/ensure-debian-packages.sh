#!/usr/bin/env bash
# Installs the Debian packages tiservice needs to build, test and run its demo.
# As root it installs what is missing with apt-get; otherwise it prints the one
# apt-get line to run and stops with exit code 1.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev libboost-dev libssl-dev openssl
  libspdlog-dev libgtest-dev libgmock-dev libbenchmark-dev
  qt6-l10n-tools libxml2-utils curl ca-certificates clang-14 libclang-rt-14-dev
  clang-format-14 clang-tidy-14 file
  fonts-dejavu-core
)
# The Windows variant (scripts/build-windows-deps.sh, the windows preset): MinGW-w64 with POSIX
# threads, Wine to run its tests, and what apt-get source needs to unpack Debian's sources.
if [ "${1:-}" = "--windows" ]; then
  packages+=(g++-mingw-w64-x86-64-posix wine wine64 dpkg-dev xz-utils qt6-base-dev-tools)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Es fehlen Debian-Pakete. Bitte einmal ausführen / Missing Debian packages. Please run once:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installiere ${#missing[@]} Debian-Pakete / installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp "${TMPDIR:-/tmp}/tiservice-apt.XXXXXX.log")"
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "Die Installation ist fehlgeschlagen; das ganze Protokoll / the installation failed; the whole log: $log" >&2
  exit 1
fi
rm -f "$log"
echo "Pakete installiert / packages installed." >&2
