#!/usr/bin/env bash
# Build and check the installers on Debian, as CI does after the tests (see .ci/run):
#
#   1. compile the Windows NSIS script around a stand-in payload (a broken script fails here);
#   2. build the PyInstaller bundle and the .deb for each architecture in a Debian 11 (bullseye)
#      root (installers/linux/build_deb.sh --arch; arm64 under qemu-user-static emulation), each
#      refused when a file of it needs a glibc symbol newer than the baseline (amd64 2.28, arm64 2.31);
#   3. install each .deb with apt into a fresh Debian 11 root of its architecture (apt pulls the
#      dependencies) and check what it put in place;
#   4. run the installed `smedigital-cli` and `smedigital --selftest` there, offscreen with no
#      network (unshare -n), the self-test twice: the second run must reuse matplotlib's font cache;
#   5. remove the package again; then the same amd64 package on this machine (Debian 12).
#
#   bash installers/check_installers.sh [OUT_DIR]     (default OUT_DIR: build/ci-dist)
#
# SMEDIGITAL_ARCHES chooses the architectures (default: amd64, and arm64 when its build root is
# cached). The Debian 11 roots and Python builds are cached outside the checkout
# (installers/linux/roots.sh). Needs root (debootstrap, chroot, apt, unshare). Fails on the
# first step that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-$ROOT/build/ci-dist}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SUDO=""
if [ "$(id -u)" != 0 ]; then echo "installers: needs root (debootstrap, chroot)" >&2; exit 1; fi
HOST_ARCH=$(dpkg --print-architecture)
# amd64 always; arm64 too when its build root is already made (making it from nothing takes about
# 40 minutes more here: Debian 11 under emulation and a cross-compiled Python; run
# `build_deb.sh --arch arm64` once, or set SMEDIGITAL_ARCHES="amd64 arm64" to force it).
# shellcheck source=installers/linux/roots.sh
source installers/linux/roots.sh
if [ -z "${SMEDIGITAL_ARCHES:-}" ]; then
  SMEDIGITAL_ARCHES=$HOST_ARCH
  if [ "$HOST_ARCH" = amd64 ] && [ -f "$BUILD_CACHE/build/bullseye-arm64/.smedigital-venv" ]; then
    SMEDIGITAL_ARCHES="amd64 arm64"
  else
    echo "== installers: arm64 left out: no arm64 build root cached yet (SMEDIGITAL_ARCHES=\"amd64 arm64\" makes it)"
  fi
fi
ARCHES=$SMEDIGITAL_ARCHES
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' smedigital/__init__.py)
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

selftest_dir=${SELFTEST_DIR:-/tmp/selftest-out}

check_selftest_output() {  # the second start must reuse matplotlib's font cache
  echo "$1"
  case "$1" in
    *"font cache reused"*) ;;
    *) echo "installers: the second start rebuilt matplotlib's font cache" >&2; exit 1 ;;
  esac
}

# CI's hard limit is 90 minutes for the whole .ci/run: an emulated arm64 build and test takes
# about 35 minutes here, so arm64 starts only while at least ARM64_NEEDS_S (default 60 min) of
# the budget are left (.ci/run exports CI_STARTED; a run by hand has no budget).
budget_left() { echo $(( ${CI_BUDGET_S:-5400} - ($(date +%s) - ${CI_STARTED:-$(date +%s)}) )); }
for arch in $ARCHES; do
  if [ "$arch" != "$HOST_ARCH" ] && [ "$(budget_left)" -lt "${ARM64_NEEDS_S:-3600}" ]; then
    echo "== installers: $arch left out: only $(budget_left) s of CI's time left"
    continue
  fi
  step "$arch: PyInstaller bundle and .deb, built in a Debian 11 root"
  bash installers/linux/build_deb.sh --arch "$arch" "$OUT"
  deb=$OUT/smedigital_${VERSION}_${arch}.deb
  test -s "$deb"
  step "$arch: install $(basename "$deb") with apt into a fresh Debian 11 root"
  [ "$arch" != "$HOST_ARCH" ] && ensure_arm64_emulation
  target=$(mktemp -d "${TMPDIR:-/tmp}/smedigital-bullseye-$arch.XXXXXX")
  fresh_root "$arch" "$target"
  cp "$deb" "$target/root/"
  in_root "$target" sh -c "apt-get update -qq && apt-get install -y -qq /root/$(basename "$deb") >/dev/null"
  for f in /opt/smedigital/smedigital /opt/smedigital/smedigital-cli /usr/bin/smedigital /usr/bin/smedigital-cli; do
    test -x "$target$f"
  done
  test -f "$target/usr/share/applications/smedigital.desktop"
  test -f "$target/usr/share/mime/packages/smedigital.xml"
  test -f "$target/usr/share/icons/hicolor/256x256/apps/smedigital.png"
  command -v desktop-file-validate >/dev/null || apt_install desktop-file-utils
  desktop-file-validate "$target/usr/share/applications/smedigital.desktop"
  in_root "$target" /usr/bin/smedigital --version

  step "$arch: the installed command line in the Debian 11 root, no network"
  sample=/opt/smedigital/_internal/resources/samples/manufacturer-miit.smd.json
  IN_ROOT_UNSHARE=-n in_root "$target" /usr/bin/smedigital-cli frameworks
  IN_ROOT_UNSHARE=-n in_root "$target" /usr/bin/smedigital-cli score "$sample" --json > "$target/root/score.json"
  grep -q '"total_score"' "$target/root/score.json"

  step "$arch: the installed self-test in the Debian 11 root, offscreen, no network"
  # (under /root: in_root gives every run a new, empty /tmp)
  IN_ROOT_UNSHARE=-n in_root "$target" env QT_QPA_PLATFORM=offscreen /usr/bin/smedigital --selftest /root/selftest-out
  if [ "$arch" = "$HOST_ARCH" ]; then  # the font cache is the same on every architecture; emulated runs are slow
    step "$arch: the self-test again: the font cache must be reused"
    check_selftest_output "$(IN_ROOT_UNSHARE=-n in_root "$target" env QT_QPA_PLATFORM=offscreen \
      /usr/bin/smedigital --selftest /root/selftest-out)"
  fi

  step "$arch: remove the package"
  in_root "$target" apt-get remove -y -qq smedigital >/dev/null
  test ! -e "$target/opt/smedigital/smedigital"
  rm -rf "$target"
done

if [ "$HOST_ARCH" = amd64 ] && [[ " $ARCHES " == *" amd64 "* ]]; then
  # The same amd64 package on this newer system (Debian 12) too.
  deb=$OUT/smedigital_${VERSION}_amd64.deb
  step "this machine: install $(basename "$deb") with apt"
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  $SUDO apt-get install -y -qq "$deb" >/dev/null
  test -x /opt/smedigital/smedigital && test -x /usr/bin/smedigital-cli
  /usr/bin/smedigital --version
  step "this machine: installed self-test, offscreen, no network"
  rm -rf "$selftest_dir"
  run_selftest() {
    # A clean environment: nothing of the build's virtualenv, no display, no network.
    $SUDO env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
      unshare -n /usr/bin/smedigital --selftest "$selftest_dir"
  }
  run_selftest
  check_selftest_output "$(run_selftest)"
  $SUDO env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" LANG=C.UTF-8 unshare -n /usr/bin/smedigital-cli frameworks
  step "this machine: remove the package"
  $SUDO apt-get remove -y -qq smedigital >/dev/null
  test ! -e /opt/smedigital/smedigital
fi

step "done"
