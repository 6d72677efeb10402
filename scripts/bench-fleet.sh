#!/usr/bin/env bash
# The fleet check's figure: N practices (one konnektor-sim with --count N, a settings file
# each) checked by one `tiservice fleet` process against the baseline of one `tiservice status`
# process per practice, 4 at a time. Whole processes, wall time, median of RUNS.
#   scripts/bench-fleet.sh BIN_DIR N [RUNS]        e.g. scripts/bench-fleet.sh build/release/bin 1000
#   scripts/bench-fleet.sh BIN_DIR N --serve       set up, print the two commands, keep serving (Ctrl+C)
# Loopback only; everything lives in a temporary folder.
set -euo pipefail
bin="$(cd "${1:?BIN_DIR}" && pwd)"; n="${2:?N}"; runs="${3:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tiservice-bench-fleet.XXXXXX")"
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"

"$bin/tiservice-repo" --repo "$work/repo" init >/dev/null
"$bin/tiservice-repo" --repo "$work/repo" add-target "$root/tools/tiservice-repo/catalog/approval-catalog.json" \
  --path catalog/approval-catalog.json --custom '{"kind":"approval-catalog"}' >/dev/null
"$bin/tiservice-repo" --repo "$work/repo" publish >/dev/null
"$bin/konnektor-sim" --scenario "$root/tools/konnektor-sim/scenarios/all-current.json" --count "$n" \
  --port 0 --plain-port 0 --management-port 0 --control-port 0 --update-port 0 \
  --state-dir "$work/sim" --updates-dir "$work/repo/published" --ready-file "$work/ready.json" \
  >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 300); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { cat "$work/sim.err"; exit 1; }
ready="$(tr -d '\n' <"$work/ready.json")"
updates="$(printf '%s' "$ready" | sed -n 's/.*"updates": *"\([^"]*\)".*/\1/p')"
ca="$(printf '%s' "$ready" | sed -n 's/.*"caCertificate": *"\([^"]*\)".*/\1/p')"
mkdir -p "$work/practices"
i=0
# Every connector's "sds" and "management" address, in order.
printf '%s' "$ready" | grep -o '"sds": *"[^"]*"' | sed 's/"sds": *"\([^"]*\)"/\1/' >"$work/sds.txt"
printf '%s' "$ready" | grep -o '"management": *"[^"]*"' | sed 's/"management": *"\([^"]*\)"/\1/' >"$work/mgmt.txt"
paste -d' ' "$work/sds.txt" "$work/mgmt.txt" | while read -r sds management; do
  i=$((i + 1))
  cat >"$work/practices/praxis-$(printf '%04d' "$i").ini" <<SETTINGS
[connector]
sds_url = $sds
management_url = $management
mandant_id = Praxis1
client_system_id = PVS1
workplace_id = Empfang
[tls]
mode = server
ca_file = $ca
[update_server]
metadata_url = ${updates}metadata/
targets_url = ${updates}targets/
trusted_root = $work/repo/published/metadata/1.root.json
releases = off
SETTINGS
done
count="$(ls "$work/practices" | wc -l)"
[ "$count" -eq "$n" ] || { echo "expected $n practices, wrote $count" >&2; exit 1; }
fleet=("$bin/tiservice" fleet --dir "$work/practices" --parallel 32)
baseline="ls $work/practices/*.ini | xargs -P4 -I{} $bin/tiservice status --config {} >/dev/null"
"${fleet[@]}" >"$work/first.txt" || true  # the catalog verified once, as a provider's second run finds it
head -n 1 "$work/first.txt"
if [ "$runs" = "--serve" ]; then
  echo "fleet:    HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME ${fleet[*]}"
  echo "baseline: HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME sh -c '$baseline'"
  wait "$sim_pid"
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
f=(); b=()
for _ in $(seq 1 "$runs"); do
  f+=("$(time_ms "${fleet[@]}")")
  b+=("$(time_ms sh -c "$baseline")")
done
fm="$(printf '%s\n' "${f[@]}" | median)"; bm="$(printf '%s\n' "${b[@]}" | median)"
echo "N=$n fleet ${fm} ms, one process per practice (4 at a time) ${bm} ms, ratio $(awk "BEGIN {printf \"%.3f\", $fm / $bm}")"
