#!/usr/bin/env bash
# The main job: a simulated practice (konnektor-sim on the scenario "connector on an expired
# version, terminal outdated"), the vendor's update server with a freshly signed approval
# catalog (TUF), and tiservice checking the practice. Everything runs in a temporary folder
# on loopback; nothing of the real user's is touched.
set -euo pipefail
bin="$(cd "$1" && pwd)"; shift
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tiservice-demo.XXXXXX")"
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"
unset TISERVICE_STATE_DIR TISERVICE_CONFIG_DIR

echo "== 1. Der Hersteller veröffentlicht den Zulassungskatalog (TUF, signiert) =="
"$bin/tiservice-repo" --repo "$work/repo" init >/dev/null
"$bin/tiservice-repo" --repo "$work/repo" add-target "$root/tools/tiservice-repo/catalog/approval-catalog.json" \
  --path catalog/approval-catalog.json --custom '{"kind":"approval-catalog"}'
"$bin/tiservice-repo" --repo "$work/repo" publish
echo "   Vertrauensbasis: $work/repo/published/metadata/1.root.json"

echo "== 2. Die simulierte Praxis startet (KoCoBox MED+ 1.3.4, ORGA 6141 online 3.7.2) =="
"$bin/konnektor-sim" --scenario "$root/tools/konnektor-sim/scenarios/expired-connector-outdated-terminal.json" \
  --time-scale 60 --port 0 --management-port 0 --control-port 0 --update-port 0 \
  --state-dir "$work/sim" --updates-dir "$work/repo/published" --ready-file "$work/ready.json" \
  >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { echo "konnektor-sim startet nicht:"; cat "$work/sim.err"; exit 1; }
ready="$(cat "$work/ready.json")"
json() { printf '%s' "$ready" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
sds="$(json sds)"; updates="$(json updates)"; ca="$(json caCertificate)"
echo "   connector.sds: $sds"

mkdir -p "$XDG_CONFIG_HOME/tiservice"
cat >"$XDG_CONFIG_HOME/tiservice/tiservice.ini" <<INI
[connector]
sds_url = $sds
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
INI

echo "== 3. tiservice prüft die Praxis =="
set +e
"$bin/tiservice" "$@" status
code=$?
set -e
echo "   (Rückgabewert $code: 0 aktuell, 1 Handlungsbedarf, 2 abgelaufen/gesperrt, 3 Prüfung nicht möglich)"
[ "$code" -le 2 ] || exit "$code"
