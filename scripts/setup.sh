#!/usr/bin/env bash
# Idempotent setup on Debian 12: QGIS and Python packages from Debian, a venv for
# the test tools, pip-only runtime extras into the QGIS profile, and the plugin
# registered for qgis_process.  Quick when everything is already there.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

APT_PACKAGES="qgis python3-qgis qgis-providers gdal-bin python3-gdal python3-numpy python3-scipy
python3-xarray python3-dask python3-distributed python3-netcdf4 python3-matplotlib python3-numba python3-hypothesis python3-pytest python3-pyflakes python3-venv
python3-pip python3-bandit pyqt5-dev-tools qttools5-dev-tools xvfb xauth fonts-wqy-microhei zip unzip chromium"
missing=""
for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing Debian packages:$missing"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# numpy must stay Debian's, the one QGIS's GDAL was built against (on Debian 12 a pip
# numpy 2 breaks osgeo.gdal_array inside QGIS).
numpy_version=$(/usr/bin/python3 -c "import numpy; print(numpy.__version__)")
case "$(/usr/bin/python3 -c "import numpy; print(numpy.__file__)")" in
    /usr/lib/python3/dist-packages/*) ;;
    *) echo "setup: QGIS's Python imports numpy $numpy_version from outside Debian's packages; remove it"; exit 1;;
esac

# pip's source: the registry, or a folder of wheels (TSMV_WHEELS, e.g. in a chroot without TLS).
PIP=(--disable-pip-version-check -q)
[ -z "${TSMV_WHEELS:-}" ] || PIP+=(--no-index --find-links "$TSMV_WHEELS")
VENV=${TSMV_VENV:-.venv}

# The test venv: sees Debian's packages, adds only what Debian lacks.
if ! "$VENV/bin/python" -c "import pytest_qgis, pymannkendall" 2>/dev/null; then
    echo "setup: creating $VENV (test tools)"
    /usr/bin/python3 -m venv --system-site-packages "$VENV"
    echo "numpy==$numpy_version" > "$VENV/constraints.txt"
    "$VENV/bin/pip" install "${PIP[@]}" -c "$VENV/constraints.txt" -r requirements-dev.txt
fi

# Runtime extras for QGIS's own Python: into the profile's python/ folder, which
# QGIS (desktop and qgis_process) puts on sys.path.  --no-deps keeps Debian's numpy.
PROFILE=${QGIS_PROFILE_DIR:-$HOME/.local/share/QGIS/QGIS3/profiles/default}
mkdir -p "$PROFILE/python/plugins"
if ! PYTHONPATH="$PROFILE/python" /usr/bin/python3 -c "import pymannkendall" 2>/dev/null; then
    echo "setup: installing pymannkendall into $PROFILE/python"
    /usr/bin/python3 -m pip install "${PIP[@]}" --no-deps --target "$PROFILE/python" -r requirements-qgis.txt
fi

# Register this checkout as the 'tsmv' plugin and enable it for qgis_process.
link="$PROFILE/python/plugins/tsmv"
if [ -e "$link" ] && [ ! -L "$link" ]; then
    echo "setup: $link is an installed copy of the plugin; leaving it (remove it to use this checkout)"
else
    ln -sfn "$here" "$link"
fi
"$here/scripts/qgis_process" plugins enable tsmv >/dev/null 2>&1 || true
echo "setup: ok (QGIS $(/usr/bin/python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null), numpy $numpy_version)"
