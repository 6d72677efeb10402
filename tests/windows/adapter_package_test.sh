#!/usr/bin/env bash
# A Windows practice software meets an adapter package: the zip unpacked into a folder whose
# name has spaces and umlauts, the C host (c_host.exe, linked statically, in a folder of its
# own without any DLL) loads the adapter from there under Wine, reads its manifest, hosts it
# until its first status notice, shuts it down and unloads it -- three times, as a PVS that
# installs a new adapter version without a restart.
#
#   adapter_package_test.sh PACKAGE.zip C_HOST.exe PROFILE.json
set -euo pipefail
zip="$1"
host_exe="$2"
profile="$3"
pvs="$(sed -n 's/^  "id": "\([^"]*\)".*/\1/p' "$profile")"
work="$(mktemp -d "${TMPDIR:-/tmp}/tiservice-windows-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Wine reads the Unix command line in the locale's character set: UTF-8, for the umlauts.
export WINEPREFIX="${WINEPREFIX:-$work/wineprefix}" WINEDEBUG="${WINEDEBUG:--all}" HOME="$work/home" LC_ALL=C.UTF-8
mkdir -p "$HOME"
fail() {
  echo "FAIL: $*"
  exit 1
}

folder="$work/Praxis Programme/Ärzte Software"
mkdir -p "$folder" "$work/host"
(cd "$folder" && cmake -E tar xf "$zip")
package="$folder/$(basename "$zip" .zip)"
adapter="$package/tiservice_adapter_$pvs.dll"
[ -f "$adapter" ] || fail "$adapter is not in the package"
cp "$host_exe" "$work/host/c_host.exe"

# The connector's address, in the PVS's own name for it: a loopback port where nothing listens
# (9, "discard", is never served here), so the first check must end with its notice.
key() { sed -n "s/^ *\"$1\": \"\([^\"]*\)\".*/\1/p" "$profile"; }
port=9
cat >"$work/settings.txt" <<SETTINGS
$(key connector.sds_url) = http://127.0.0.1:$port/connector.sds
$(key connector.mandant_id) = Praxis1
$(key connector.client_system_id) = PVS1
$(key connector.workplace_id) = Empfang
$(key tls.mode) = none
SETTINGS

out="$work/out.txt"
set +e
(cd "$work/host" && wine c_host.exe "$adapter" "$work/settings.txt" "$work/Zustand Ärzte" --cycles 3) >"$out" 2>&1
code=$?
set -e
cat "$out"
[ "$code" -eq 0 ] || fail "c_host.exe ended with $code"
grep -q "^MANIFEST {.*\"host\": *\"$pvs\"" "$out" || fail "no manifest for host $pvs"
[ "$(grep -c '^NOTICE status\.' "$out")" -ge 3 ] || fail "not one status notice per load"
grep -q "Konnektor" "$out" || fail "the notice does not name the connector (German)"
for cycle in 1 2 3; do
  grep -q "^UNLOADED cycle=$cycle adapter_mappings=0 core_mappings=0 threads_left=0" "$out" ||
    fail "cycle $cycle left the adapter, the engine or a thread in the process"
done
[ -d "$work/Zustand Ärzte" ] || fail "no state folder with the umlaut in its name"
echo "PASS: $pvs loaded from \"$package\" three times, a notice each time, nothing left after unloading"
