"""Build an installable plugin zip: tsmv/ with the plugin's files, no tests or dev files.

The plugin needs nothing that QGIS's installers lack (numpy and GDAL), so the zip holds the
repository's own files only.
"""
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = ["metadata.txt", "__init__.py", "plugin.py", "LICENSE", "README.md",
           "processing_provider", "algorithms", "gui", "tsmv_qgis", "icons", "styles", "models",
           os.path.join("docs", "algorithms"), "i18n"]


def plugin_files():
    for entry in INCLUDE:
        path = os.path.join(ROOT, entry)
        if os.path.isfile(path):
            yield entry
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                if not name.endswith((".pyc", ".part", ".ts")):  # translations ship compiled (.qm)
                    yield os.path.relpath(os.path.join(folder, name), ROOT)


def main(target):
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    tmp = target + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in plugin_files():
            z.write(os.path.join(ROOT, rel), os.path.join("tsmv", rel))
    os.replace(tmp, target)
    print(target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "tsmv.zip"))
