# shellcheck shell=bash
# Debian 11 (bullseye) roots for building and testing the Linux packages; sourced by build_deb.sh
# and check_installers.sh. Needs root, debootstrap and (for arm64) qemu-user-static.
#
# Everything is cached under $SMEDIGITAL_BUILD_CACHE (default: ${XDG_CACHE_HOME:-~/.cache}/smedigital-build),
# outside the checkout, and made again when missing:
#   base/bullseye-ARCH/      a pristine minimal bullseye (debootstrap --variant=minbase); never changed
#                            after it is made: fresh test roots are copies of it
#   build/bullseye-ARCH/     a copy of it with the compiler, Python 3.11 built from source and the
#                            build virtualenv (PyInstaller and the bundle's pinned libraries)
# Each step leaves a stamp file; a step whose stamp is missing or stale is done again.

BULLSEYE_MIRROR=${BULLSEYE_MIRROR:-http://deb.debian.org/debian}
BUILD_CACHE=${SMEDIGITAL_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smedigital-build}

roots_log() { echo "== roots: $*" >&2; }

# qemu-user-static's aarch64 interpreter, registered with binfmt_misc ("F": the kernel keeps the
# interpreter open, so it works inside a chroot without copying it there).
ensure_arm64_emulation() {
  if [ "$(dpkg --print-architecture)" = arm64 ]; then return 0; fi
  command -v qemu-aarch64-static >/dev/null || apt_get_install qemu-user-static
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    local conf=/usr/lib/binfmt.d/qemu-aarch64.conf
    if [ -f "$conf" ]; then
      cat "$conf" > /proc/sys/fs/binfmt_misc/register  # Debian's line has the flags OPF
    else
      update-binfmts --enable qemu-aarch64
    fi
  fi
  grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 || {
    echo "roots: qemu-aarch64 is registered without the F flag; chroots cannot use it" >&2; return 1; }
}

apt_get_install() {
  if [ "${_roots_apt_updated:-0}" = 0 ]; then apt-get update -qq; _roots_apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# in_root ROOT CMD...: run CMD chrooted in ROOT, with /proc, /dev and a private /dev/shm and /tmp,
# in a mount namespace of its own (nothing stays mounted afterwards, nothing leaks to the host).
# IN_ROOT_UNSHARE=-n also gives it a network namespace of its own: no network at all.
in_root() {
  local root=$1; shift
  # shellcheck disable=SC2086
  unshare -m ${IN_ROOT_UNSHARE:-} --propagation private -- /bin/sh -c '
    root=$1; shift
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
    mount -t tmpfs -o mode=1777 tmp "$root/tmp"
    exec chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
      HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 \
      PIP_DEFAULT_TIMEOUT=120 ${ROOT_CA:+PIP_CERT=$ROOT_CA SSL_CERT_FILE=$ROOT_CA} "$@"' sh "$root" "$@"
}

# The machine's own trusted certificates (they may include a site's proxy CA that bullseye's
# ca-certificates lacks), for pip inside a root.
share_host_ca() {
  local root=$1
  ROOT_CA=""
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/host-ca-certificates.crt"
    ROOT_CA=/etc/ssl/host-ca-certificates.crt
  fi
  export ROOT_CA
}

# bullseye, its updates and, for amd64, its security updates (the archive this machine reaches
# serves no arm64 files of bullseye-security: they answer 404).
_sources_list() {
  echo "deb $BULLSEYE_MIRROR bullseye main"
  echo "deb $BULLSEYE_MIRROR bullseye-updates main"
  if [ "$1" = amd64 ] || [ -n "${BULLSEYE_SECURITY_ALL_ARCHES:-}" ]; then
    echo "deb http://deb.debian.org/debian-security bullseye-security main"
  fi
}

# base_root ARCH: path of the pristine bullseye root for ARCH, made if missing.
base_root() {
  local arch=$1 dir
  dir=$BUILD_CACHE/base/bullseye-$arch
  if [ ! -f "$dir/.smedigital-complete" ]; then
    command -v debootstrap >/dev/null || apt_get_install debootstrap
    [ "$arch" = arm64 ] && ensure_arm64_emulation
    roots_log "debootstrap bullseye $arch into $dir"
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    debootstrap --variant=minbase --arch="$arch" --include=ca-certificates bullseye "$dir" "$BULLSEYE_MIRROR" \
      > "$BUILD_CACHE/debootstrap-$arch.log" 2>&1 || { tail -n 30 "$BUILD_CACHE/debootstrap-$arch.log" >&2; return 1; }
    _sources_list "$arch" > "$dir/etc/apt/sources.list"
    printf 'APT::Install-Recommends "false";\nAcquire::Retries "3";\n' > "$dir/etc/apt/apt.conf.d/90smedigital"
    rm -rf "$dir/var/cache/apt/archives/"*.deb
    touch "$dir/.smedigital-complete"
  fi
  echo "$dir"
}

# fresh_root ARCH DIR: a throw-away copy of the pristine root (for installing a package into).
fresh_root() {
  local arch=$1 dir=$2 base
  base=$(base_root "$arch")
  rm -rf "$dir"
  cp -a "$base" "$dir"
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf"
}

# ----------------------------------------------------------------------------- the build root

# Python 3.11 from Debian's own source package (bookworm's python3.11; the upstream tarball it
# ships), built in the bullseye root so that it needs nothing newer than bullseye's glibc.
PYTHON_ORIG=python3.11_3.11.2.orig.tar.gz
PYTHON_ORIG_URL=${PYTHON_ORIG_URL:-http://deb.debian.org/debian/pool/main/p/python3.11/$PYTHON_ORIG}
PYTHON_ORIG_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
PYTHON_PREFIX=/opt/python3.11
# The libraries the build (and PyInstaller's analysis, which loads Qt) needs in the root.
BUILD_DEV_PACKAGES="libffi-dev zlib1g-dev libssl-dev libbz2-dev liblzma-dev libsqlite3-dev uuid-dev"
# What the Python built here links against (a cross-built one finds them in ARCH's root only so).
PYTHON_RUNTIME_PACKAGES="libsqlite3-0 libssl1.1 libffi7 zlib1g libbz2-1.0 liblzma5 libuuid1"
QT_RUNTIME_PACKAGES="libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0
 libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1"

python_source() {
  local tarball=$BUILD_CACHE/src/$PYTHON_ORIG
  if [ ! -f "$tarball" ] || ! echo "$PYTHON_ORIG_SHA256  $tarball" | sha256sum -c --quiet 2>/dev/null; then
    mkdir -p "$BUILD_CACHE/src"
    roots_log "downloading $PYTHON_ORIG"
    curl -fsSL --retry 3 -o "$tarball.part" "$PYTHON_ORIG_URL"
    echo "$PYTHON_ORIG_SHA256  $tarball.part" | sha256sum -c --quiet
    mv "$tarball.part" "$tarball"
  fi
  echo "$tarball"
}

# The stamp of a step: what it was made from (a step is redone when this changes).
_stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# build_root ARCH: path of the root holding Python 3.11 under /opt/python3.11 and the build
# virtualenv /opt/venv with PyInstaller and the bundle's libraries (installers/linux/bundle-requirements.txt).
build_root() {
  local arch=$1 dir base key
  dir=$BUILD_CACHE/build/bullseye-$arch
  base=$(base_root "$arch")
  if [ ! -f "$dir/.smedigital-root" ]; then
    roots_log "build root $arch: copying the base"
    rm -rf "$dir"; mkdir -p "$(dirname "$dir")"
    cp -a "$base" "$dir"
    touch "$dir/.smedigital-root"
  fi
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf"
  share_host_ca "$dir"

  key="apt: binutils $(echo $PYTHON_RUNTIME_PACKAGES $QT_RUNTIME_PACKAGES)"
  [ "$arch" = "$(dpkg --print-architecture)" ] && key="$key build-essential pkg-config $BUILD_DEV_PACKAGES"
  if ! _stamp_ok "$dir/.smedigital-apt" "$key"; then
    roots_log "build root $arch: apt packages"
    # shellcheck disable=SC2086
    in_root "$dir" sh -c "apt-get update -qq && apt-get install -y -qq ${key#apt: } >/dev/null && apt-get clean"
    echo "$key" > "$dir/.smedigital-apt"
  fi

  key="python: $PYTHON_BUILD_KEY"
  if ! _stamp_ok "$dir/.smedigital-python" "$key"; then
    if [ "$arch" = "$(dpkg --print-architecture)" ]; then
      _python_native "$dir"
    else
      _python_cross "$arch" "$dir"
    fi
    echo "$key" > "$dir/.smedigital-python"
    rm -f "$dir/.smedigital-venv"
  fi

  key="venv: $(cat installers/linux/bundle-requirements.txt)"
  if ! _stamp_ok "$dir/.smedigital-venv" "$key"; then
    roots_log "build root $arch: virtualenv with the bundle's libraries"
    rm -rf "$dir/opt/venv"
    cp installers/linux/bundle-requirements.txt "$dir/tmp-bundle-requirements.txt"
    in_root "$dir" sh -c "$PYTHON_PREFIX/bin/python3.11 -m venv /opt/venv &&
      /opt/venv/bin/python -m pip install -q --only-binary=:all: -r /tmp-bundle-requirements.txt"
    echo "$key" > "$dir/.smedigital-venv"
  fi
  echo "$dir"
}

# What glibc >= 2.29 would otherwise put in: exp, exp2, log, log2 and pow got new symbol versions
# in 2.29 (the same functions without SVID error handling), so every object built on bullseye
# asks for GLIBC_2.29. The header binds them to their first versions, which every glibc has;
# sem_clockwait (2.30) is left out, Python then uses sem_timedwait. With these the interpreter
# needs no more than glibc 2.28 (UOS V20), and 2.17 on aarch64.
_glibc_compat_header() {
  cat <<'EOF'
/* smedigital: the math functions' pre-2.29 symbol versions (see installers/linux/roots.sh) */
#if defined(__x86_64__)
#define SMEDIGITAL_OLD_LIBM "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define SMEDIGITAL_OLD_LIBM "GLIBC_2.17"
#endif
#ifdef SMEDIGITAL_OLD_LIBM
__asm__(".symver exp,exp@" SMEDIGITAL_OLD_LIBM);
__asm__(".symver exp2,exp2@" SMEDIGITAL_OLD_LIBM);
__asm__(".symver log,log@" SMEDIGITAL_OLD_LIBM);
__asm__(".symver log2,log2@" SMEDIGITAL_OLD_LIBM);
__asm__(".symver pow,pow@" SMEDIGITAL_OLD_LIBM);
#endif
EOF
}
PYTHON_BUILD_KEY="$PYTHON_ORIG_SHA256 compat-1"

_configure_python() {  # the flags both builds share
  echo "--prefix=$PYTHON_PREFIX --enable-shared --with-ensurepip=no LDFLAGS=-Wl,-rpath,$PYTHON_PREFIX/lib" \
    "CFLAGS='-include /build/glibc-compat.h' ac_cv_func_sem_clockwait=no"
}

_python_native() {
  local dir=$1 src
  src=$(python_source)
  roots_log "build root: compiling Python 3.11 (native)"
  rm -rf "$dir/build/python"; mkdir -p "$dir/build/python"
  tar -xzf "$src" -C "$dir/build/python" --strip-components=1
  _glibc_compat_header > "$dir/build/glibc-compat.h"
  in_root "$dir" sh -c "cd /build/python && ./configure -q $(_configure_python) >/dev/null &&
    make -s -j$(nproc) >/build/python-make.log 2>&1 && make -s install >/build/python-install.log 2>&1" \
    || { tail -n 40 "$dir/build/python-make.log" "$dir/build/python-install.log" >&2 2>/dev/null; return 1; }
  rm -rf "$dir/build/python"
}

# Cross-compile for ARCH (compiling under emulation takes an hour) in a root of its own: a copy of
# the native base with the cross compiler and ARCH's libraries, from bullseye without its security
# updates, whose ARCH files are not served here (Multi-Arch packages must have one version for
# both architectures). The native build's Python is the build Python. Then copy the result into
# ARCH's root.
_python_cross() {
  local arch=$1 dir=$2 native cross triplet src key host
  host=$(dpkg --print-architecture)
  native=$(build_root "$host")
  case "$arch" in arm64) triplet=aarch64-linux-gnu ;; *) echo "no cross toolchain for $arch" >&2; return 1 ;; esac
  cross=$BUILD_CACHE/build/bullseye-cross-$arch
  key="cross $arch: $BUILD_DEV_PACKAGES"
  if ! _stamp_ok "$cross/.smedigital-cross" "$key"; then
    roots_log "cross root: compiler and $arch libraries"
    rm -rf "$cross"
    cp -a "$(base_root "$host")" "$cross"
    cp -L /etc/resolv.conf "$cross/etc/resolv.conf"
    BULLSEYE_SECURITY_ALL_ARCHES="" _sources_list "$arch" > "$cross/etc/apt/sources.list"
    local devs="" p
    for p in $BUILD_DEV_PACKAGES; do devs="$devs $p:$arch"; done
    in_root "$cross" sh -c "dpkg --add-architecture $arch && apt-get update -qq &&
      apt-get install -y -qq build-essential pkg-config crossbuild-essential-$arch $devs >/dev/null && apt-get clean"
    echo "$key" > "$cross/.smedigital-cross"
  fi
  rm -rf "$cross$PYTHON_PREFIX"; mkdir -p "$cross/opt"
  cp -a "$native$PYTHON_PREFIX" "$cross$PYTHON_PREFIX"
  native=$cross
  src=$(python_source)
  roots_log "cross root: cross-compiling Python 3.11 for $arch"
  rm -rf "$native/build/python-$arch" "$native/build/python-$arch-dest"
  mkdir -p "$native/build/python-$arch"
  tar -xzf "$src" -C "$native/build/python-$arch" --strip-components=1
  printf 'ac_cv_file__dev_ptmx=yes\nac_cv_file__dev_ptc=no\nac_cv_buggy_getaddrinfo=no\n' > "$native/build/python-$arch/config.site"
  _glibc_compat_header > "$native/build/glibc-compat.h"
  in_root "$native" sh -c "cd /build/python-$arch && CONFIG_SITE=\$PWD/config.site \
    PKG_CONFIG_LIBDIR=/usr/lib/$triplet/pkgconfig:/usr/share/pkgconfig ./configure -q \
      --build=x86_64-linux-gnu --host=$triplet --with-build-python=$PYTHON_PREFIX/bin/python3.11 \
      $(_configure_python) >/dev/null &&
    make -s -j$(nproc) >/build/python-$arch-make.log 2>&1 &&
    make -s install DESTDIR=/build/python-$arch-dest >/build/python-$arch-install.log 2>&1" \
    || { tail -n 40 "$native/build/python-$arch-make.log" "$native/build/python-$arch-install.log" >&2 2>/dev/null; return 1; }
  rm -rf "$dir$PYTHON_PREFIX"
  mkdir -p "$dir/opt"
  cp -a "$native/build/python-$arch-dest$PYTHON_PREFIX" "$dir$PYTHON_PREFIX"
  rm -rf "$native/build/python-$arch" "$native/build/python-$arch-dest"
}
