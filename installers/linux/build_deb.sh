#!/usr/bin/env bash
# Build the PyInstaller bundle and wrap it in a Debian package.
#
#   bash installers/linux/build_deb.sh --arch amd64|arm64 [OUT_DIR]    (default OUT_DIR: dist)
#   bash installers/linux/build_deb.sh [--payload DIR] [OUT_DIR]
#
# --arch ARCH builds the bundle in a Debian 11 (bullseye, glibc 2.31) root of that architecture,
# made and cached by installers/linux/roots.sh (debootstrap; arm64 runs under qemu-user-static,
# its Python cross-compiled), so that the package installs on Debian/Ubuntu-based systems with
# glibc 2.31 or newer (Kylin V10, Ubuntu 20.04 and later, Debian 11 and later). Needs root.
# Without --arch the bundle is built from this machine's .venv (quick, but then it needs this
# machine's glibc, and Depends says so); --payload DIR packages DIR instead of building the
# bundle (the tests pass a stand-in folder to check the package's layout and control file).
#
# Writes OUT_DIR/smedigital_<version>_<arch>.deb with
#   /opt/smedigital/                       the one-folder bundle (smedigital, smedigital-cli, _internal/)
#   /usr/bin/smedigital, /usr/bin/smedigital-cli     launchers on the PATH
#   /usr/share/applications/smedigital.desktop         (names and comments in zh_CN too)
#   /usr/share/icons/hicolor/*/apps/smedigital.{png,svg}, and the same for the file type
#   /usr/share/mime/packages/smedigital.xml            (*.smd.json = application/x-smedigital-assessment)
#   /usr/share/doc/smedigital/copyright
# Depends: libc6 (>= the newest glibc symbol version that any file of the bundle needs, read with
# objdump -T by glibc_check.py; with --arch, a bundle needing more than the baseline fails the
# build) and the system libraries Qt loads. Desktop, MIME and icon caches are refreshed by the
# triggers of desktop-file-utils, shared-mime-info and hicolor-icon-theme: no maintainer scripts.
# Prints the build time and the sizes. Set SKIP_PYINSTALLER=1 to reuse the last bundle,
# DEB_COMPRESSION to pass other dpkg-deb compression options (bullseye's dpkg reads xz and gzip,
# not zstd).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PAYLOAD=""
TARGET_ARCH=""
while [ $# -gt 0 ]; do
  case "$1" in
    --payload) PAYLOAD=$(cd "$2" && pwd); shift 2 ;;
    --arch) TARGET_ARCH=$2; shift 2 ;;
    --arch=*) TARGET_ARCH=${1#--arch=}; shift ;;
    -*) echo "build_deb: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
OUT=${1:-dist}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
WORK=$ROOT/build/pyinstaller
BUNDLE=${PAYLOAD:-$WORK/dist/smedigital}
# The oldest glibc the bullseye-built packages claim (README: supported systems): 2.28 on amd64
# (UOS V20); 2.31 on arm64, where PySide6's newest usable aarch64 wheels are manylinux_2_31.
GLIBC_BASELINE=""
case "$TARGET_ARCH" in
  amd64) GLIBC_BASELINE=2.28 ;;
  arm64) GLIBC_BASELINE=2.31 ;;
esac

started=$(date +%s)
if [ -n "$TARGET_ARCH" ] && [ -z "$PAYLOAD" ]; then
  case "$TARGET_ARCH" in amd64|arm64) ;; *) echo "build_deb: --arch amd64 or arm64" >&2; exit 2 ;; esac
  if [ "$(id -u)" != 0 ]; then echo "build_deb: --arch needs root (debootstrap, chroot)" >&2; exit 1; fi
  # shellcheck source=installers/linux/roots.sh
  source installers/linux/roots.sh
  command -v curl >/dev/null || apt_get_install curl
  command -v objdump >/dev/null || apt_get_install binutils
  if [ "$TARGET_ARCH" != "$(dpkg --print-architecture)" ]; then
    ensure_arm64_emulation
    objdump --help | grep -q aarch64 || apt_get_install binutils-multiarch
  fi
  BUILDROOT=$(build_root "$TARGET_ARCH")
  prepared=$(date +%s)
  echo "build_deb: bullseye $TARGET_ARCH root ready in $((prepared - started)) s"
  BUNDLE=$BUILDROOT/build/pyinstaller/dist/smedigital
  if [ "${SKIP_PYINSTALLER:-0}" != 1 ] || [ ! -x "$BUNDLE/smedigital" ]; then
    echo "build_deb: PyInstaller bundle in the bullseye $TARGET_ARCH root"
    rm -rf "$BUILDROOT/src" "$BUILDROOT/build/pyinstaller"
    mkdir -p "$BUILDROOT/src"
    tar -cf - smedigital resources installers tools docs/guide pyproject.toml README.md | tar -xf - -C "$BUILDROOT/src"
    in_root "$BUILDROOT" /opt/venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
      --workpath /build/pyinstaller/build --distpath /build/pyinstaller/dist /src/installers/smedigital.spec
  fi
  started=$prepared
elif [ -z "$PAYLOAD" ] && { [ "${SKIP_PYINSTALLER:-0}" != 1 ] || [ ! -x "$BUNDLE/smedigital" ]; }; then
  if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "build_deb: installing the build extra (PyInstaller)"
    "$PY" -m pip install -q -e ".[build]"
  fi
  echo "build_deb: PyInstaller bundle"
  "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath "$WORK/build" --distpath "$WORK/dist" installers/smedigital.spec
fi
bundled=$(date +%s)

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' smedigital/__init__.py)
ARCH=${TARGET_ARCH:-$(dpkg --print-architecture)}

# The newest glibc symbol version that the bundle needs (objdump -T over every ELF file; none in
# a stand-in payload), and with --arch the check that it is no newer than the baseline.
python3 installers/linux/glibc_check.py "$BUNDLE" ${GLIBC_BASELINE:+--max "$GLIBC_BASELINE"}
GLIBC_NEEDED=$(python3 installers/linux/glibc_check.py "$BUNDLE" --print-version)
PKG=smedigital_${VERSION}_${ARCH}
STAGE=$OUT/.stage/$PKG
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/smedigital"

cp -a "$BUNDLE" "$STAGE/opt/smedigital"
# A launcher script rather than a symlink: the bundle finds _internal/ beside the real program.
cat > "$STAGE/usr/bin/smedigital" <<'EOF'
#!/bin/sh
exec /opt/smedigital/smedigital "$@"
EOF
cat > "$STAGE/usr/bin/smedigital-cli" <<'EOF'
#!/bin/sh
exec /opt/smedigital/smedigital-cli "$@"
EOF
chmod 0755 "$STAGE/usr/bin/smedigital" "$STAGE/usr/bin/smedigital-cli"

# The user guide's PDFs (built with the bundle) where Debian keeps a package's documentation.
for pdf in "$STAGE"/opt/smedigital/_internal/resources/guide/*.pdf; do
  [ -e "$pdf" ] && ln -s "/opt/smedigital/_internal/resources/guide/$(basename "$pdf")" "$STAGE/usr/share/doc/smedigital/"
done
install -m 0644 installers/linux/smedigital.desktop "$STAGE/usr/share/applications/smedigital.desktop"
install -m 0644 installers/linux/smedigital-mime.xml "$STAGE/usr/share/mime/packages/smedigital.xml"
for png in resources/icons/smedigital-*.png; do
  size=$(basename "$png" .png); size=${size#smedigital-}
  for kind in apps mimetypes; do
    name=smedigital; [ "$kind" = mimetypes ] && name=application-x-smedigital-assessment
    install -D -m 0644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/$kind/$name.png"
  done
done
install -D -m 0644 resources/icons/smedigital.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/smedigital.svg"
install -D -m 0644 resources/icons/smedigital.svg \
  "$STAGE/usr/share/icons/hicolor/scalable/mimetypes/application-x-smedigital-assessment.svg"

cat > "$STAGE/usr/share/doc/smedigital/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: smedigital
Comment: The program bundles Python, Qt (LGPL-3.0) through PySide6, matplotlib, NumPy, Pillow,
 openpyxl, PyYAML, fpdf2, python-calamine, defusedxml, platformdirs and a subset of Noto Sans
 CJK SC (OFL-1.1). The list with versions is in
 /opt/smedigital/_internal/resources/licenses/THIRD-PARTY-NOTICES.txt, the licence texts beside it.

Files: *
Copyright: smedigital authors
License: proprietary
EOF

# Qt's system needs (the bundle carries most X11/xcb libraries itself; these are what it loads
# from the system, plus what Qt's xcb and Wayland plugins expect to find).
# libpng16-16, libsqlite3-0 and libsystemd0: the spec takes these from the system (FROM_THE_SYSTEM);
# libsm6 and libice6: the aarch64 wheels' xcb plugin links them (PyInstaller leaves them to the system).
# libcups2: Qt's print plugin (printing from the app) uses the desktop's CUPS library (FROM_THE_SYSTEM).
DEPENDS="libc6 (>= ${GLIBC_NEEDED:-2.28}), libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0,
 libpng16-16, libsqlite3-0, libsystemd0, libsm6, libice6, libcups2,
 libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1,
 libwayland-client0, libwayland-cursor0, libwayland-egl1"
INSTALLED_KB=$(du -sk --apparent-size "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: smedigital
Version: $VERSION
Architecture: $ARCH
Maintainer: smedigital <smedigital@localhost>
Installed-Size: $INSTALLED_KB
Depends: $(echo $DEPENDS)
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme
Section: misc
Priority: optional
Description: SME Digital Self-Assessment (中小企业数字化水平自评), offline
 Where a small or medium firm stands on China's 上云用数赋智 path and under the
 MIIT 2024 SME digital level indicators, and what to do next: an improvement
 plan workbook and a PDF diagnosis report. Chinese and English; works without
 a network. Run "smedigital --selftest" to check an installation.
EOF

# xz -6: 67 MB in about 2.5 minutes here; DEB_COMPRESSION="-Zzstd -z9" makes an 80 MB one in seconds.
# shellcheck disable=SC2086 # the options are meant to split
dpkg-deb --build --root-owner-group ${DEB_COMPRESSION:--Zxz -z6} "$STAGE" "$OUT/$PKG.deb" >/dev/null
rm -rf "$OUT/.stage"
done_at=$(date +%s)

# MB = 10^6 bytes, the stricter reading of the goals (under 250 MB unpacked, under 80 MB packed).
unpacked_mb=$(( $(du -sb "$BUNDLE" | cut -f1) / 1000000 ))
deb_mb=$(( $(stat -c %s "$OUT/$PKG.deb") / 1000000 ))
echo "build_deb: $OUT/$PKG.deb"
echo "build_deb: bundle ${unpacked_mb} MB unpacked, .deb ${deb_mb} MB; PyInstaller $((bundled - started)) s, package $((done_at - bundled)) s"
