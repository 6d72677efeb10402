#!/usr/bin/env bash
# Builds the libraries the Windows variant needs -- OpenSSL 3, Qt 6 Core and (for the
# simulator's schema checks) libxml2 -- for 64-bit
# Windows with MinGW-w64, from Debian's own source packages (apt-get source; nothing is
# downloaded from anywhere else). The machine lists only binary (deb) entries, so a private
# apt configuration beside the cache adds the matching deb-src entries for the same mirrors;
# the machine's own apt configuration is not touched.
#
# The result lands in a cache folder outside the checkout, one prefix per set of versions
# (source packages + compiler), and is reused while those versions stay the same:
#
#   ${TISERVICE_WINDOWS_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tiservice/windows-deps}/<key>
#
# The last line printed is that prefix; pass it on as TISERVICE_WINDOWS_DEPS (the windows preset
# reads the environment variable). With --print-prefix it only prints the prefix if it is
# complete, and fails otherwise.
#
# Header-only parts need no build: Boost (Asio, Beast, DLL), spdlog and fmt are taken from the
# Debian packages' headers (copied into the prefix, so no Linux header is ever on the Windows
# include path); GoogleTest is built by the windows preset itself from /usr/src/googletest.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
started=$(date +%s)
jobs="${TISERVICE_JOBS:-$(nproc)}"
cache="${TISERVICE_WINDOWS_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tiservice/windows-deps}"
triple=x86_64-w64-mingw32
print_only=0
[ "${1:-}" = "--print-prefix" ] && print_only=1

say() { echo "windows-deps: $*" >&2; }
fail() {
  say "$*"
  exit 1
}

# --- the tools ---------------------------------------------------------------------------------
if [ "$print_only" -eq 0 ]; then
  "$here/ensure-debian-packages.sh" --windows
fi
command -v "$triple-g++-posix" >/dev/null || fail "$triple-g++-posix fehlt / is missing (g++-mingw-w64-x86-64-posix)"

# --- the private apt configuration with deb-src entries ------------------------------------------
apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/sources.list.d"
: >"$apt_dir/sources.list"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -e "$f" ] || continue
  # deb822: every stanza that lists binary packages gets its source twin.
  sed -E 's/^Types:.*$/Types: deb-src/' "$f" >"$apt_dir/sources.list.d/$(basename "$f")"
done
if [ -f /etc/apt/sources.list ]; then
  sed -nE 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' /etc/apt/sources.list >>"$apt_dir/sources.list"
fi
for f in /etc/apt/sources.list.d/*.list; do
  [ -e "$f" ] || continue
  sed -nE 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' "$f" >>"$apt_dir/sources.list"
done
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir"
  -o "Dir::Cache::Archives=$apt_dir/archives"
  -o "Debug::NoLocking=1"
)
# The private folders belong to whoever runs this; apt's download user need not reach them.
apt_opts+=(-o "APT::Sandbox::User=$(id -un)")

source_versions() { # the versions of source package $1 the mirrors list, newest first
  apt-cache "${apt_opts[@]}" showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -rV | uniq
}

fetchable() { # $1 source package, $2 version: do the mirrors really have it? (lists can be ahead)
  local uri
  uri="$(apt-get "${apt_opts[@]}" -qq source --print-uris --only-source "$1=$2" 2>/dev/null |
    sed -n "s/^'\([^']*\.dsc\)'.*/\1/p" | head -n 1)"
  [ -n "$uri" ] && curl -fsI --max-time 30 "$uri" >/dev/null 2>&1
}

# The version to build: the one this machine's own binaries come from, when the mirrors have
# its source (the Linux and Windows variants then share their OpenSSL and Qt), else the newest
# the mirrors really serve. Chosen once per fetch of the lists and remembered beside them.
source_version() { # $1 source package, $2 a binary package built from it
  local chosen="$apt_dir/chosen-$1" installed v
  if [ -s "$chosen" ]; then
    cat "$chosen"
    return
  fi
  [ "$print_only" -eq 1 ] && return
  installed="$(dpkg-query -W -f='${source:Version}' "$2" 2>/dev/null || true)"
  for v in $installed $(source_versions "$1"); do
    if fetchable "$1" "$v"; then
      echo "$v" | tee "$chosen"
      return
    fi
  done
}

if [ ! -f "$apt_dir/updated" ]; then
  [ "$print_only" -eq 1 ] && fail "noch nicht gebaut / not built yet: $0"
  say "Quellpaket-Verzeichnisse laden / fetching the source package lists"
  apt-get "${apt_opts[@]}" -qq update >&2
  rm -f "$apt_dir"/chosen-*
  touch "$apt_dir/updated"
fi
openssl_version="$(source_version openssl libssl-dev)"
qt_version="$(source_version qt6-base qt6-base-dev)"
libxml2_version="$(source_version libxml2 libxml2-dev)"
[ -n "$openssl_version" ] || fail "kein Quellpaket openssl / no source package openssl in $apt_dir"
[ -n "$qt_version" ] || fail "kein Quellpaket qt6-base / no source package qt6-base in $apt_dir"
[ -n "$libxml2_version" ] || fail "kein Quellpaket libxml2 / no source package libxml2 in $apt_dir"
gcc_version="$("$triple-gcc-posix" -dumpfullversion)"
key="openssl-${openssl_version}_qt6-base-${qt_version}_libxml2-${libxml2_version}_mingw-gcc-${gcc_version}"
key="${key//[^A-Za-z0-9._-]/_}"
prefix="$cache/$key"

# The licences of what the adapter packages carry (installers/Windows.cmake puts them beside
# the DLLs): the upstream texts from the source packages, the runtime's from Debian's packages.
copy_licenses() { # $1 openssl sources, $2 qtbase sources, $3 libxml2 sources
  mkdir -p "$prefix/licenses"
  cp "$1/LICENSE.txt" "$prefix/licenses/OpenSSL-LICENSE.txt"
  cp "$2/LICENSES/LGPL-3.0-only.txt" "$prefix/licenses/Qt-LGPL-3.0-only.txt"
  cp "$2/LICENSES/GPL-3.0-only.txt" "$prefix/licenses/Qt-GPL-3.0-only.txt"
  cp "$3/Copyright" "$prefix/licenses/libxml2-Copyright.txt"
  cp /usr/share/doc/mingw-w64-common/copyright "$prefix/licenses/MinGW-w64-runtime-copyright.txt"
  cp /usr/share/doc/gcc-mingw-w64-base/copyright "$prefix/licenses/GCC-runtime-copyright.txt"
}

if [ -f "$prefix/.complete" ]; then
  if [ ! -d "$prefix/licenses" ] && [ "$print_only" -eq 0 ]; then
    # Made by an earlier version of this script: fetch the sources once more for their texts.
    work="$cache/licenses-$key"
    rm -rf "$work" && mkdir -p "$work"
    (cd "$work" && apt-get "${apt_opts[@]}" -qq source --only-source "openssl=$openssl_version" \
      "qt6-base=$qt_version" "libxml2=$libxml2_version" >&2)
    copy_licenses "$(find "$work" -maxdepth 1 -type d -name 'openssl-*' | head -n 1)" \
      "$(find "$work" -maxdepth 1 -type d -name 'qt6-base-*' | head -n 1)" \
      "$(find "$work" -maxdepth 1 -type d -name 'libxml2-*' | head -n 1)"
    rm -rf "$work"
  fi
  say "vorhanden / present: $prefix"
  echo "$prefix"
  exit 0
fi
[ "$print_only" -eq 1 ] && fail "noch nicht gebaut / not built yet: $0"

work="$cache/work-$key"
# What an earlier set of versions left, or a run that was stopped, goes first.
find "$cache" -mindepth 1 -maxdepth 1 -type d ! -name apt -exec rm -rf {} +
mkdir -p "$work" "$prefix"
say "baue nach / building into $prefix ($jobs Prozesse / jobs)"

fetch() { # $1 source package, $2 version -> prints the unpacked folder
  local pkg="$1" version="$2"
  if ! (cd "$work" && apt-get "${apt_opts[@]}" -qq source --only-source "$pkg=$version" >&2); then
    say "Quellpaket $pkg $version nicht ladbar / source package $pkg $version could not be fetched"
    return 1
  fi
  find "$work" -mindepth 1 -maxdepth 1 -type d -name "${pkg}-*" | head -n 1
}

# --- OpenSSL 3 ---------------------------------------------------------------------------------
t0=$(date +%s)
openssl_src="$(fetch openssl "$openssl_version")"
[ -d "$openssl_src" ] || fail "openssl-Quellen nicht entpackt / openssl sources not unpacked"
(
  cd "$openssl_src"
  # shared: libcrypto-3-x64.dll and libssl-3-x64.dll; no tests, engines or providers as modules.
  CC=gcc-posix CXX=g++-posix ./Configure mingw64 --cross-compile-prefix="$triple-" \
    --prefix="$prefix" --libdir=lib shared no-tests no-engine no-module >&2
  # Only the DLLs and their import libraries: OpenSSL compiles every source a second time for
  # the static libcrypto.a and libssl.a (and the apps' library), which nothing of ours links;
  # leaving them out takes the build from about 220 s to 90 s on 2 cores.
  dll_only=(LIBS="providers/libcommon.a providers/libdefault.a providers/liblegacy.a" INSTALL_LIBS=)
  make -j"$jobs" "${dll_only[@]}" build_libs >"$work/openssl-build.log" 2>&1 || {
    tail -n 40 "$work/openssl-build.log" >&2
    exit 1
  }
  make "${dll_only[@]}" install_dev install_runtime_libs >"$work/openssl-install.log" 2>&1 || {
    tail -n 40 "$work/openssl-install.log" >&2
    exit 1
  }
)
openssl_took=$(($(date +%s) - t0))
say "OpenSSL $openssl_version: ${openssl_took} s"

# --- Qt 6 Core ---------------------------------------------------------------------------------
t0=$(date +%s)
qt_src="$(fetch qt6-base "$qt_version")"
[ -d "$qt_src" ] || fail "qt6-base-Quellen nicht entpackt / qt6-base sources not unpacked"
# The host's Qt of the same version (qt6-base-dev, qt6-base-dev-tools) provides moc and rcc.
cmake -S "$qt_src" -B "$work/qt-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$here/../cmake/toolchains/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
  -DBUILD_SHARED_LIBS=ON -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DQT_BUILD_BENCHMARKS=OFF \
  -DFEATURE_gui=OFF -DFEATURE_widgets=OFF -DFEATURE_network=OFF -DFEATURE_sql=OFF \
  -DFEATURE_testlib=OFF -DFEATURE_xml=OFF -DFEATURE_dbus=OFF -DFEATURE_concurrent=OFF \
  -DFEATURE_printsupport=OFF -DFEATURE_opengl=OFF -DFEATURE_icu=OFF -DFEATURE_sql_sqlite=OFF \
  -DINPUT_openssl=no -DFEATURE_system_zlib=OFF -DFEATURE_system_pcre2=OFF \
  >"$work/qt-configure.log" 2>&1 || {
  tail -n 60 "$work/qt-configure.log" >&2
  exit 1
}
cmake --build "$work/qt-build" -j "$jobs" >"$work/qt-build.log" 2>&1 || {
  grep -m 20 -B 2 -A 8 "error" "$work/qt-build.log" >&2 || tail -n 40 "$work/qt-build.log" >&2
  exit 1
}
cmake --install "$work/qt-build" >"$work/qt-install.log" 2>&1 || {
  tail -n 40 "$work/qt-install.log" >&2
  exit 1
}
qt_took=$(($(date +%s) - t0))
say "Qt Core $qt_version: ${qt_took} s"

# --- libxml2 (the simulator checks every request against gematik's schemas) -----------------------
t0=$(date +%s)
libxml2_src="$(fetch libxml2 "$libxml2_version")"
[ -d "$libxml2_src" ] || fail "libxml2-Quellen nicht entpackt / libxml2 sources not unpacked"
cmake -S "$libxml2_src" -B "$work/libxml2-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$here/../cmake/toolchains/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_SHARED_LIBS=ON \
  -DLIBXML2_WITH_PYTHON=OFF -DLIBXML2_WITH_ICONV=OFF -DLIBXML2_WITH_ICU=OFF -DLIBXML2_WITH_LZMA=OFF \
  -DLIBXML2_WITH_ZLIB=OFF -DLIBXML2_WITH_TESTS=OFF -DLIBXML2_WITH_PROGRAMS=OFF -DLIBXML2_WITH_HTTP=OFF \
  -DLIBXML2_WITH_FTP=OFF >"$work/libxml2-configure.log" 2>&1 || {
  tail -n 40 "$work/libxml2-configure.log" >&2
  exit 1
}
cmake --build "$work/libxml2-build" -j "$jobs" >"$work/libxml2-build.log" 2>&1 &&
  cmake --install "$work/libxml2-build" >"$work/libxml2-install.log" 2>&1 || {
  tail -n 40 "$work/libxml2-build.log" >&2
  exit 1
}
libxml2_took=$(($(date +%s) - t0))
say "libxml2 $libxml2_version: ${libxml2_took} s"

# --- header-only parts, copied so only Windows headers are on the include path --------------------
mkdir -p "$prefix/include"
cp -a /usr/include/boost "$prefix/include/"
cp -a /usr/include/spdlog /usr/include/fmt "$prefix/include/"

copy_licenses "$openssl_src" "$qt_src" "$libxml2_src"

cat >"$prefix/VERSIONS" <<EOT
openssl $openssl_version (Debian source package)
qt6-base $qt_version (Debian source package, Core only)
libxml2 $libxml2_version (Debian source package)
boost $(dpkg-query -W -f='${Version}' libboost1.74-dev 2>/dev/null || echo "?") (headers)
spdlog $(dpkg-query -W -f='${Version}' libspdlog-dev 2>/dev/null || echo "?") (headers)
fmt $(dpkg-query -W -f='${Version}' libfmt-dev 2>/dev/null || echo "?") (headers)
mingw-w64 gcc $gcc_version (posix threads)
openssl build: ${openssl_took} s, qt build: ${qt_took} s, libxml2 build: ${libxml2_took} s, on $jobs jobs
EOT
touch "$prefix/.complete"
rm -rf "$work"
say "fertig nach / done after $(($(date +%s) - started)) s (OpenSSL ${openssl_took} s, Qt Core ${qt_took} s, libxml2 ${libxml2_took} s)"
echo "$prefix"
