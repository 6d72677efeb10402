#!/usr/bin/env bash
# The main job: a simulated practice (konnektor-sim on the scenario "connector on an expired
# version, terminal outdated", 600 times faster), the vendor's update server with a freshly
# signed approval catalog (TUF), and the stand-in practice software tiservice-host running
# the MEDISTAR adapter: notices at start, then the full guided update from the service
# entry (terminal first, then the connector, with a forced password change), then the
# update archive and the printable proof of maintenance (kept as
# $TMPDIR/tiservice-demo-Wartungsnachweis.html). Scripted answers; --interactive lets a person
# answer. Everything else runs in a temporary folder on loopback; nothing of the real user's is
# touched.
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

interactive=0
for a in "$@"; do [ "$a" = "--interactive" ] && interactive=1; done

echo "== 2. Die simulierte Praxis startet (KoCoBox MED+ 1.3.4 mit abgelaufener Zulassung, ORGA 6141 online 3.7.2, Admin-Passwort abgelaufen) =="
scale=600; [ "$interactive" = 1 ] && scale=60
"$bin/konnektor-sim" --scenario "$root/tools/konnektor-sim/scenarios/expired-connector-outdated-terminal.json" \
  --time-scale "$scale" --port 0 --plain-port 0 --management-port 0 --control-port 0 --update-port 0 \
  --state-dir "$work/sim" --updates-dir "$work/repo/published" --ready-file "$work/ready.json" \
  >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { echo "konnektor-sim startet nicht:"; cat "$work/sim.err"; exit 1; }
ready="$(cat "$work/ready.json")"
json() { printf '%s' "$ready" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
sds="$(json sds)"; management="$(json management)"; updates="$(json updates)"; ca="$(json caCertificate)"
echo "   connector.sds: $sds  (Zeit läuft ${scale}-mal schneller)"

# MEDISTAR's own names for its TI settings (host-adapters/medistar/README.md).
cat >"$work/medistar.settings" <<SETTINGS
Konnektor.Dienstverzeichnis = $sds
Konnektor.MandantID = Praxis1
Konnektor.ClientsystemID = PVS1
Konnektor.ArbeitsplatzID = Empfang
Konnektor.Verwaltung = $management
Konnektor.Sicherheit = server
Konnektor.CAZertifikat = $ca
Update.Metadaten = ${updates}metadata/
Update.Dateien = ${updates}targets/
Update.Vertrauensbasis = $work/repo/published/metadata/1.root.json
Praxis.Sprechzeiten = Mo-Fr 08:00-18:00
tiservice.poll_interval_ms = 200
SETTINGS

echo "== 3. MEDISTAR startet mit dem tiservice-Adapter: Hinweise beim Start, dann Extras > TI-Konnektor > Aktualisieren =="
host_args=(--pvs medistar --settings "$work/medistar.settings" --state-dir "$work/state" --run ti-service.update --run ti-service.history)
if [ "$interactive" = 1 ]; then
  host_args+=(--interactive)
  echo "   (Interaktiv: das bisherige Admin-Passwort ist Praxis2025!)"
else
  host_args+=(--answers "$root/sample-host/demo/answers.json")
fi
set +e
"$bin/tiservice-host" "${host_args[@]}"
code=$?
set -e
[ "$code" -eq 0 ] || { echo "tiservice-host endete mit $code"; exit "$code"; }

echo
echo "== 4. Das Update-Archiv (tiservice history) =="
TISERVICE_STATE_DIR="$work/state" "$bin/tiservice" history

echo
echo "== 5. Der Wartungsnachweis zum Drucken (tiservice history --export) =="
record="${TMPDIR:-/tmp}/tiservice-demo-Wartungsnachweis.html"
TISERVICE_STATE_DIR="$work/state" "$bin/tiservice" history --config "$work/no-settings.ini" --export "$record"
# The devices table as text: what the printed page says.
sed -n '/<h2>Geräte<\/h2>/,/<\/table>/p' "$record" | sed -e 's/<\/t[dh]>/  /g' -e 's/<[^>]*>//g' -e '/^\s*$/d' -e 's/^/   /'
