#!/usr/bin/env bash
# Install this checkout as the plugin 'tsmv' of one QGIS profile: the plugin linked as
# python/plugins/tsmv and enabled in the profile's settings (QGIS/QGIS3.ini).  Nothing else is
# installed: the plugin needs only what QGIS ships (numpy, GDAL).
#
# Usage: install_plugin.sh PROFILE_FOLDER   (a profile, e.g. ~/.local/share/QGIS/QGIS3/profiles/default)
# A python/plugins/tsmv there that is not this checkout (a link elsewhere, or a folder: a copy
# installed from a zip) is left alone, and the script fails saying so, unless FORCE=1: then a
# link is re-pointed and a folder moved aside into the profile folder.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd -P)
profile=${1:?usage: install_plugin.sh PROFILE_FOLDER}
link="$profile/python/plugins/tsmv"

if [ -L "$link" ] || [ -e "$link" ]; then
    if [ -L "$link" ] && [ "$(readlink -f "$link")" = "$here" ]; then
        :  # already this checkout
    else
        if [ -L "$link" ]; then
            what="a link to $(readlink "$link")"
            [ -e "$link" ] || what="$what (which does not exist)"
        else
            what="a folder (a copy of the plugin installed from a zip or the plugin repository?)"
        fi
        if [ "${FORCE:-}" != 1 ]; then
            echo "install: $link is $what, not this checkout ($here); left as it is." >&2
            how="make deploy FORCE=1"
            [ -L "$link" ] || how="$how (moves the folder into $profile, as tsmv-replaced-<date>)"
            echo "install: to replace it with this checkout: $how" >&2
            exit 1
        fi
        if [ -L "$link" ]; then
            echo "install: FORCE=1: $link was $what; now this checkout"
            rm "$link"
        else
            aside="$profile/tsmv-replaced-$(date +%Y%m%d-%H%M%S)"
            echo "install: FORCE=1: $link was $what; moved to $aside"
            mv "$link" "$aside"
        fi
    fi
fi
mkdir -p "$profile/python/plugins"
[ -L "$link" ] || ln -s "$here" "$link"

# Enabled as the plugin manager (and `qgis_process plugins enable`) records it.
/usr/bin/python3 - "$profile/QGIS/QGIS3.ini" <<'EOF'
import sys
from qgis.PyQt.QtCore import QSettings
settings = QSettings(sys.argv[1], QSettings.IniFormat)
if settings.value("PythonPlugins/tsmv") not in (True, "true"):
    settings.setValue("PythonPlugins/tsmv", True)
    settings.sync()
EOF
echo "install: plugin 'tsmv' in $profile -> $here"
