#!/usr/bin/env bash
# Build and check the installers on Debian, as CI does after the tests (see .ci/run):
#
#   1. compile the Windows NSIS script around a stand-in payload (a broken script fails here);
#   2. build the PyInstaller bundle and the .deb (installers/linux/build_deb.sh);
#   3. install the .deb with apt (which pulls its dependencies) and validate what it put in place;
#   4. run the installed `smedigital --selftest` offscreen with no network (unshare -n), twice:
#      the second run must reuse matplotlib's font cache;
#   5. remove the package again.
#
#   bash installers/check_installers.sh [OUT_DIR]     (default OUT_DIR: build/ci-dist)
#
# Needs root (apt, dpkg, unshare) or sudo. Fails on the first step that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-$ROOT/build/ci-dist}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
step() { echo "== installers: $* ($(( $(date +%s) - started )) s)"; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "NSIS script, around a stand-in payload"
command -v makensis >/dev/null || apt_install nsis
payload=$(mktemp -d)
trap 'rm -rf "$payload"' EXIT
mkdir -p "$payload/_internal/resources"
printf 'stand-in for the PyInstaller bundle\n' > "$payload/smedigital.exe"
printf 'stand-in\n' > "$payload/_internal/resources/README.txt"
makensis -V2 -WX -DVERSION=0.0.0 -DPAYLOAD="$payload" -DOUTFILE="$OUT/smedigital-stand-in-setup.exe" \
  installers/windows/smedigital.nsi
test -s "$OUT/smedigital-stand-in-setup.exe"

step "PyInstaller bundle and .deb"
bash installers/linux/build_deb.sh "$OUT"
deb=$(ls -t "$OUT"/smedigital_*.deb | head -n 1)

step "install $(basename "$deb") with apt"
if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
$SUDO apt-get install -y -qq "$deb" >/dev/null
test -x /opt/smedigital/smedigital
test "$(command -v smedigital)" = /usr/bin/smedigital || test -x /usr/bin/smedigital
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/smedigital.desktop
fi
test -f /usr/share/mime/packages/smedigital.xml
test -f /usr/share/icons/hicolor/256x256/apps/smedigital.png
/usr/bin/smedigital --version

step "installed self-test, offscreen, no network"
selftest_dir=${SELFTEST_DIR:-/tmp/selftest-out}
rm -rf "$selftest_dir"
run_selftest() {
  # A clean environment: nothing of the build's virtualenv, no display, no network.
  $SUDO env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    unshare -n /usr/bin/smedigital --selftest "$selftest_dir"
}
run_selftest
step "installed self-test again: the font cache must be reused"
second=$(run_selftest)
echo "$second"
case "$second" in
  *"font cache reused"*) ;;
  *) echo "installers: the second start rebuilt matplotlib's font cache" >&2; exit 1 ;;
esac

step "remove the package"
$SUDO apt-get remove -y -qq smedigital >/dev/null
test ! -e /opt/smedigital/smedigital

step "done"
