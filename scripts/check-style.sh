#!/usr/bin/env bash
# Checks the code a change touches, as ./test.sh's last step:
#   clang-format-14 on the changed lines (.clang-format), clang-tidy-14 on the changed files
#   (.clang-tidy; its WarningsAsErrors are the checks the whole code base passes).
#
#   scripts/check-style.sh [BUILD_DIR]        BUILD_DIR holds compile_commands.json (default build/ci)
#
# The change is everything since TISERVICE_STYLE_BASE (a commit), uncommitted work included.
# Without it: since the point where HEAD left origin/main, or — on main itself, as in CI's
# fresh clone — since the commit before HEAD. Code from elsewhere (third_party/, the frozen
# ABI header, fixtures) is not ours to format.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build/ci}"

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "check-style: kein Git-Arbeitsbereich, nichts zu vergleichen / not a git work tree, nothing to compare" >&2
  exit 0
fi
base="${TISERVICE_STYLE_BASE:-}"
if [ -z "$base" ]; then
  upstream=""
  git rev-parse --verify -q origin/main >/dev/null && upstream="$(git merge-base HEAD origin/main)"
  if [ -n "$upstream" ] && [ "$upstream" != "$(git rev-parse HEAD)" ]; then
    base="$upstream"
  elif git rev-parse --verify -q HEAD~1 >/dev/null; then
    base="HEAD~1"
  else
    echo "check-style: keine frühere Version zum Vergleich / no earlier commit to compare with" >&2
    exit 0
  fi
fi

mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- '*.cpp' '*.h' '*.c' |
  grep -v -E '^(third_party/|tests/data/|tests/plugins/abi_v1/)' || true)
echo "check-style: ${#files[@]} geänderte Dateien seit / changed files since $(git rev-parse --short "$base")"
[ ${#files[@]} -eq 0 ] && exit 0

status=0
format_diff="$(git clang-format-14 --binary clang-format-14 --diff "$base" -- "${files[@]}" || true)"
if grep -q '^@@' <<<"$format_diff"; then
  echo "$format_diff"
  echo "check-style: die geänderten Zeilen sind nicht nach .clang-format gesetzt; beheben mit / the changed lines do not follow .clang-format; fix with:" >&2
  echo "  git clang-format-14 --binary clang-format-14 $base" >&2
  status=1
fi

if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "check-style: $build_dir/compile_commands.json fehlt (erst bauen) / missing (build first)" >&2
  exit 1
fi
# clang-tidy reads translation units; a changed header is checked through the changed sources
# that include it (HeaderFilterRegex in .clang-tidy).
mapfile -t sources < <(printf '%s\n' "${files[@]}" | grep -E '\.cpp$' |
  while read -r f; do grep -q "\"file\": \"$PWD/$f\"" "$build_dir/compile_commands.json" && echo "$f"; done || true)
if [ ${#sources[@]} -gt 0 ]; then
  if ! printf '%s\n' "${sources[@]}" |
    xargs -P "$(nproc)" -n 1 clang-tidy-14 -p "$build_dir" --quiet 2>/dev/null; then
    echo "check-style: clang-tidy meldet Fehler (siehe oben) / clang-tidy reports errors (see above)" >&2
    status=1
  fi
fi
[ $status -eq 0 ] && echo "check-style: in Ordnung / clean"
exit $status
