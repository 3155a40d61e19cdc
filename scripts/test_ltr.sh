#!/usr/bin/env bash
# make test-ltr: the whole test suite on QGIS 3.44 LTR (Python 3.14, numpy 2), in a Debian sid
# chroot that this script builds with debootstrap from Debian's registry.  Needs root (or sudo).
#
# The chroot is kept in $TSMV_LTR_ROOT (default /var/cache/tsmv/sid-qgis) and reused while it
# is younger than $TSMV_LTR_MAX_AGE_DAYS (default 7) and was built from this script's package
# list; TSMV_LTR_REBUILD=1 builds it again.  The suite runs on a copy of this working tree.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ROOT=${TSMV_LTR_ROOT:-/var/cache/tsmv/sid-qgis}
MIRROR=${TSMV_LTR_MIRROR:-http://deb.debian.org/debian}
MAX_AGE_DAYS=${TSMV_LTR_MAX_AGE_DAYS:-7}
# What the suite needs in the chroot: QGIS and the Python packages, all from Debian.
PACKAGES="qgis python3-qgis qgis-providers gdal-bin python3-gdal python3-numpy python3-scipy
python3-xarray python3-dask python3-distributed python3-netcdf4 python3-matplotlib python3-numba python3-hypothesis python3-pytest
python3-pyflakes python3-bandit python3-venv python3-pip pyqt5-dev-tools qttools5-dev-tools fonts-wqy-microhei xvfb xauth make zip unzip git ca-certificates
chromium"
# Pure-Python wheels the test venv adds (requirements-dev.txt; the registry's TLS cannot be verified inside the chroot, so
# they are downloaded here on the host and installed inside with --no-index).
WHEELS="pytest-qgis==5.0.2 pymannkendall==1.4.3 pyhomogeneity==1.1"
APT=(apt-get -o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false -y -qq)

if [ "$(id -u)" != 0 ]; then exec sudo --preserve-env=CI,TSMV_LTR_ROOT,TSMV_LTR_MIRROR,TSMV_LTR_MAX_AGE_DAYS,TSMV_LTR_REBUILD "$0" "$@"; fi

in_chroot() {  # a clean environment: nothing of the host's leaks in
    chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive CI="${CI:-}" "$@"
}

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
mount_in() {  # mount_in TARGET mount-args...: mounted until this script exits
    local target=$1; shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounted+=("$target")
}

stamp=$(printf '%s\n%s\n' "$PACKAGES" "$MIRROR" | sha1sum | cut -c1-12)
fresh=""
if [ -f "$ROOT/.tsmv-stamp" ] && [ "$(cat "$ROOT/.tsmv-stamp")" = "$stamp" ] && [ -z "${TSMV_LTR_REBUILD:-}" ] \
        && [ -n "$(find "$ROOT/.tsmv-stamp" -mtime -"$MAX_AGE_DAYS")" ]; then
    echo "test-ltr: reusing the chroot $ROOT (built $(date -r "$ROOT/.tsmv-stamp" +%F))"
else
    start=$SECONDS
    command -v debootstrap >/dev/null || { apt-get update -qq; "${APT[@]}" install debootstrap >/dev/null; }
    final=$ROOT ROOT=$ROOT.new log=$ROOT.new.log  # built aside, moved in place when complete
    rm -rf "$ROOT"
    mkdir -p "$(dirname "$ROOT")"
    echo "test-ltr: building a Debian sid chroot in $final (about 3 minutes)"
    debootstrap --variant=minbase sid "$ROOT" "$MIRROR" >"$log" 2>&1 || { tail -20 "$log"; exit 1; }
    mount_in "$ROOT/proc" -t proc proc
    # shellcheck disable=SC2086
    { in_chroot "${APT[@]}" update && in_chroot "${APT[@]}" install $PACKAGES && in_chroot apt-get clean; } \
        >>"$log" 2>&1 || { tail -20 "$log"; exit 1; }
    cleanup; mounted=()
    echo "$stamp" >"$ROOT/.tsmv-stamp"
    rm -rf "$final"; mv "$ROOT" "$final"; rm -f "$log"
    ROOT=$final
    fresh=" (built in $((SECONDS - start)) s)"
fi

# The pure-Python wheels, fetched on the host.
wheels=$ROOT/opt/tsmv-wheels
mkdir -p "$wheels"
# shellcheck disable=SC2086
/usr/bin/python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$wheels" $WHEELS 2>&1 | { grep -v "^WARNING: Location" || true; }

# A copy of this working tree (what git tracks or would track), with its history.
src=$ROOT/src/tsmv
rm -rf "$src"; mkdir -p "$src"
(cd "$here" && git ls-files -z --cached --others --exclude-standard \
    | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ \
    | tar --null -T - -cf - .git) | tar -xf - -C "$src"

mount_in "$ROOT/proc" -t proc proc
mount_in "$ROOT/dev/shm" -t tmpfs tmpfs
mount_in "$ROOT/tmp" -t tmpfs -o size=8g tmpfs
echo "test-ltr: $(in_chroot python3 -c 'import sys, numpy; from qgis.core import Qgis; print("QGIS %s, Python %s, numpy %s" % (Qgis.QGIS_VERSION, sys.version.split()[0], numpy.__version__))')$fresh"
# The same `make test` as on the host, with the venv and wheels of the chroot (arguments
# go to pytest, e.g. `scripts/test_ltr.sh -x tests/test_models.py`).
in_chroot TSMV_VENV=/opt/tsmv-venv TSMV_WHEELS=/opt/tsmv-wheels make -C /src/tsmv test PYTEST_ARGS="$*"
