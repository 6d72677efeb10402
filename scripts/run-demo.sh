#!/usr/bin/env bash
# The main job: a simulated practice (konnektor-sim on the scenario "connector on an expired
# version, terminal outdated", 600 times faster), the vendor's update server with a freshly
# signed approval catalog (TUF), and the stand-in practice software tiservice-host running
# the MEDISTAR adapter at the reception: notices at start, then the guided update from the
# service entry (a forced password change, the plan with the release notes, planned for this
# evening), and the notice that changes to "planned"; a second PC (the command line at
# Sprechzimmer 1) sees the same plan; the evening comes (the simulator's clock jumps) and the
# connector installs alone; the next morning MEDISTAR records it; Sprechzimmer 1's archive shows
# it from the connector's own list; the printable proof of maintenance (kept as
# $TMPDIR/tiservice-demo-Wartungsnachweis.html). Scripted answers; --interactive lets a person
# answer; --pvs NAME runs another adapter (m1pro, z1pro, albis, …) with its own settings names;
# --wine runs the Windows build (BIN = build/windows/bin) under Wine; --c-host PROGRAM lets the
# minimal practice software in C (tests/plugins/c_host.c: the plugin ABI and nothing else) load
# the adapter instead of tiservice-host. Everything else runs in a temporary folder on loopback;
# nothing of the real user's is touched.
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

interactive=0
gui=0
wine=0
pvs=medistar
c_host=""
while [ $# -gt 0 ]; do
  case "$1" in
    --interactive) interactive=1 ;;
    --gui) gui=1 ;;
    --wine) wine=1 ;;
    --pvs) pvs="${2:?--pvs braucht einen Namen, z. B. m1pro}"; shift ;;
    --c-host) c_host="${2:?--c-host braucht das Programm / needs the program}"; shift ;;
    *) echo "unbekannte Option / unknown option: $1 (--interactive, --gui, --wine, --pvs NAME, --c-host PROGRAM)" >&2; exit 3 ;;
  esac
  shift
done
# --wine: BIN is the Windows build's (build/windows/bin); every program is its .exe under Wine.
program() { # the command line that starts program $1
  if [ "$wine" = 1 ]; then printf '%s\n' wine "$bin/$1.exe"; else printf '%s\n' "$bin/$1"; fi
}
mapfile -t repo_cmd < <(program tiservice-repo)
mapfile -t sim_cmd < <(program konnektor-sim)
mapfile -t host_cmd < <(program tiservice-host)
mapfile -t cli_cmd < <(program tiservice)

# Wine keeps its Windows in WINEPREFIX (the windows test preset names one in its build folder),
# else in HOME/.wine -- the demo's own HOME below, never the user's.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"
unset TISERVICE_STATE_DIR TISERVICE_CONFIG_DIR

echo "== 1. Der Hersteller veröffentlicht den Zulassungskatalog (TUF, signiert) =="
"${repo_cmd[@]}" --repo "$work/repo" init >/dev/null
"${repo_cmd[@]}" --repo "$work/repo" add-target "$root/tools/tiservice-repo/catalog/approval-catalog.json" \
  --path catalog/approval-catalog.json --custom '{"kind":"approval-catalog"}'
"${repo_cmd[@]}" --repo "$work/repo" publish
echo "   Vertrauensbasis: $work/repo/published/metadata/1.root.json"

profile="$root/host-adapters/$pvs/profile.json"
[ -f "$profile" ] || { echo "Keinen Adapter für $pvs gefunden / no adapter for $pvs: $profile" >&2; exit 3; }
PVS="$(sed -n 's/^  "name": "\([^"]*\)".*/\1/p' "$profile")"

echo "== 2. Die simulierte Praxis startet (KoCoBox MED+ 1.3.4 mit abgelaufener Zulassung, ORGA 6141 online 3.7.2, Admin-Passwort abgelaufen) =="
scale=600; [ "$interactive" = 1 ] && scale=60
"${sim_cmd[@]}" --scenario "$root/tools/konnektor-sim/scenarios/expired-connector-outdated-terminal.json" \
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

# The practice software's own names for its TI settings (host-adapters/$pvs/README.md), read
# from the adapter's profile: "connector.sds_url": "Konnektor.Dienstverzeichnis", …
key() { sed -n "s/^ *\"$1\": \"\([^\"]*\)\".*/\1/p" "$profile"; }
cat >"$work/pvs.settings" <<SETTINGS
$(key connector.sds_url) = $sds
$(key connector.mandant_id) = Praxis1
$(key connector.client_system_id) = PVS1
$(key connector.workplace_id) = Empfang
$(key connector.management_url) = $management
$(key tls.mode) = server
$(key tls.ca_file) = $ca
$(key update_server.metadata_url) = ${updates}metadata/
$(key update_server.targets_url) = ${updates}targets/
$(key update_server.trusted_root) = $work/repo/published/metadata/1.root.json
$(key practice.hours) = Mo-Fr 08:00-18:00
$(key update.poll_interval_ms) = 200
SETTINGS

control="$(json control)"

# Sprechzimmer 1, another PC of the practice: the command line with its own settings and state.
cat >"$work/sprechzimmer1.ini" <<SETTINGS
[connector]
sds_url = $sds
management_url = $management
mandant_id = Praxis1
client_system_id = PVS1
workplace_id = Sprechzimmer1

[tls]
mode = server
ca_file = $ca

[update_server]
metadata_url = ${updates}metadata/
targets_url = ${updates}targets/
trusted_root = $work/repo/published/metadata/1.root.json

[practice]
hours = Mo-Fr 08:00-18:00
SETTINGS
sprechzimmer1() { XDG_STATE_HOME="$work/state-sprechzimmer1" "${cli_cmd[@]}" "$@" --config "$work/sprechzimmer1.ini"; }

pictures="${TMPDIR:-/tmp}/tiservice-demo-bilder"
runs=0
[ "$gui" = 1 ] && rm -rf "$pictures"

# The C host: the adapter file itself, the same settings, the scripted answers as "id = answer".
c_host_software() { # --run MENU_ID
  local adapter="$bin/../lib/tiservice/adapters/libtiservice_adapter_$pvs.so" host=("$c_host")
  if [ "$wine" = 1 ]; then adapter="$bin/../lib/tiservice/adapters/tiservice_adapter_$pvs.dll" host=(wine "$c_host"); fi
  sed -n 's/^ *"\([^"]*\)": "\([^"]*\)",\{0,1\}$/\1 = \2/p' "$root/sample-host/demo/answers-tonight.json" >"$work/answers.txt"
  set +e
  "${host[@]}" "$adapter" "$work/pvs.settings" "$work/state" "$@" --answers "$work/answers.txt"
  local code=$?
  set -e
  [ "$code" -eq 0 ] || { echo "c_host endete mit $code"; exit "$code"; }
}

practice_software() {
  if [ -n "$c_host" ]; then c_host_software "$@"; return; fi
  local args=(--pvs "$pvs" --settings "$work/pvs.settings" --state-dir "$work/state" "$@")
  if [ "$interactive" = 1 ]; then args+=(--interactive); else args+=(--answers "$root/sample-host/demo/answers-tonight.json"); fi
  if [ "$gui" = 1 ]; then
    # The window as a PVS shows it; without a screen, drawn off-screen into pictures.
    args+=(--gui)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      export QT_QPA_PLATFORM=offscreen
      runs=$((runs + 1))
      args+=(--screenshots "$pictures/start-$runs")
    fi
  fi
  set +e
  "${host_cmd[@]}" "${args[@]}"
  local code=$?
  set -e
  [ "$code" -eq 0 ] || { echo "tiservice-host endete mit $code"; exit "$code"; }
}

echo "== 3. Empfang: $PVS startet mit dem tiservice-Adapter – Hinweise beim Start (eine Frist, mit Countdown);"
location="$(sed -n 's/^ *"location": "\([^"]*\)".*/\1/p' "$profile" | head -n 1)"
echo "      dann $location > TI-Komponenten aktualisieren: planen für heute Abend, mit „Was ist neu?“ =="
[ "$interactive" = 1 ] && echo "   (Interaktiv: das bisherige Admin-Passwort ist Praxis2025!)"
practice_software --run ti-service.update
echo
echo "   → Nach dem Planen sagt der Hinweis „geplant … nichts weiter tun“ statt „sofort installieren“."

echo
echo "== 4. Sprechzimmer 1, ein anderer PC: derselbe Stand, der Plan steht im Konnektor (tiservice status) =="
set +e
sprechzimmer1 status
set -e

echo
echo "== 5. Der Abend kommt: der Konnektor installiert allein – erst das Kartenterminal, dann sich selbst, mit Neustarts =="
curl -s -o /dev/null -X POST "$control/clock" -d '{"untilPlanned": true}'
for _ in $(seq 1 240); do
  state="$(curl -s "$control/state")"
  case "$state" in *'"state":"planned"'*|*'"state":"installing"'*|*'"state":"rebooting"'*) sleep 0.5 ;; *) break ;; esac
done
echo "   connector.sds meldet jetzt Firmware $(curl -s --cacert "$ca" "$sds" | sed -n 's/.*FWVersion>\([^<]*\)<.*/\1/p' | head -n 1)"

echo
echo "== 6. Am nächsten Morgen startet $PVS: das Update wird zu Ende verfolgt, eingetragen, und alles ist aktuell =="
practice_software --run ti-service.history

echo
echo "== 7. Sprechzimmer 1: dasselbe Update-Archiv, aus der Liste der Installationen im Konnektor (tiservice history) =="
sprechzimmer1 history

echo
echo "== 8. Der Wartungsnachweis zum Drucken (tiservice history --export) =="
record="${TMPDIR:-/tmp}/tiservice-demo-Wartungsnachweis.html"
sprechzimmer1 history --export "$record"
# The devices table as text: what the printed page says.
sed -n '/<h2>Geräte<\/h2>/,/<\/table>/p' "$record" | sed -e 's/<\/t[dh]>/  /g' -e 's/<[^>]*>//g' -e '/^\s*$/d' -e 's/^/   /'
if [ "$gui" = 1 ] && [ -d "$pictures" ]; then
  echo
  echo "== Bilder des Fensters von $PVS / pictures of the $PVS window: $pictures =="
fi
