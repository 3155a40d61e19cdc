#!/usr/bin/env bash
# Idempotent setup on Debian 12; quick when everything is already there.
#
#   setup.sh run   what running the plugin and the demo needs: QGIS and Python packages from
#                  Debian; the project's own QGIS profile ($TSMV_PROFILE, default .qgis-settings
#                  in this checkout; scripts/qgis_process uses it) with this checkout as the
#                  plugin 'tsmv', enabled.
#   setup.sh dev   (the default) the same, and the developer and test tools: Debian packages
#                  (scipy is only the tests' oracle) and a venv with what Debian lacks
#                  (requirements-dev.txt: pytest-qgis and the oracles pymannkendall, pyhomogeneity).
#
# The user's own QGIS profile is never touched here (only `make deploy` installs into it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mode=${1:-dev}

RUN_PACKAGES="qgis python3-qgis qgis-providers gdal-bin python3-gdal python3-numpy
python3-xarray python3-netcdf4 python3-matplotlib python3-numba"
DEV_PACKAGES="python3-scipy python3-pip python3-dask python3-distributed python3-hypothesis python3-pytest python3-pyflakes python3-venv
python3-bandit pyqt5-dev-tools qttools5-dev-tools xvfb xauth fonts-wqy-microhei zip unzip chromium"
case "$mode" in
    run) packages=$RUN_PACKAGES;;
    dev) packages="$RUN_PACKAGES $DEV_PACKAGES";;
    *) echo "setup: unknown mode '$mode' (run or dev)" >&2; exit 2;;
esac
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing Debian packages:$missing"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# numpy must stay Debian's, the one QGIS's GDAL was built against (on Debian 12 a pip
# numpy 2 breaks osgeo.gdal_array inside QGIS).
numpy_version=$(/usr/bin/python3 -c "import numpy; print(numpy.__version__)")
case "$(/usr/bin/python3 -c "import numpy; print(numpy.__file__)")" in
    /usr/lib/python3/dist-packages/*) ;;
    *) echo "setup: QGIS's Python imports numpy $numpy_version from outside Debian's packages; remove it"; exit 1;;
esac

# The test venv: sees Debian's packages, adds only what Debian lacks.  pip's source: the
# registry, or a folder of wheels (TSMV_WHEELS, e.g. in a chroot without TLS).
VENV=${TSMV_VENV:-.venv}
if [ "$mode" = dev ] && ! "$VENV/bin/python" -c "import pytest_qgis, pymannkendall, pyhomogeneity" 2>/dev/null; then
    echo "setup: creating $VENV (test tools)"
    PIP=(--disable-pip-version-check -q)
    [ -z "${TSMV_WHEELS:-}" ] || PIP+=(--no-index --find-links "$TSMV_WHEELS")
    /usr/bin/python3 -m venv --system-site-packages "$VENV"
    echo "numpy==$numpy_version" > "$VENV/constraints.txt"
    "$VENV/bin/pip" install "${PIP[@]}" -c "$VENV/constraints.txt" -r requirements-dev.txt
fi

# The project's QGIS profile, with this checkout as its plugin (re-pointed if another
# checkout shares TSMV_PROFILE).
PROFILE_ROOT=${TSMV_PROFILE:-$here/.qgis-settings}
FORCE=1 bash scripts/install_plugin.sh "$PROFILE_ROOT/profiles/default"
echo "setup ($mode): ok (QGIS $(/usr/bin/python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null), numpy $numpy_version)"
