"""Build an installable plugin zip: tsmv/ with the plugin's files, no tests or dev files.

The pure-Python packages QGIS's installers lack (requirements-qgis.txt: pymannkendall) go
into tsmv/tsmv_qgis/_vendor/, each with its licence, taken from the wheel that pip
downloads at build time (kept in build/wheels; from the folder $TSMV_WHEELS instead of the
registry when it is set, as in the QGIS 3.44 chroot); they are never committed.
"""
import glob
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = ["metadata.txt", "__init__.py", "plugin.py", "LICENSE", "README.md",
           "processing_provider", "algorithms", "gui", "tsmv_qgis", "icons", "styles", "models",
           os.path.join("docs", "algorithms"), "i18n"]
VENDOR = "tsmv_qgis/_vendor"
WHEELS = os.path.join(ROOT, "build", "wheels")


def plugin_files():
    for entry in INCLUDE:
        path = os.path.join(ROOT, entry)
        if os.path.isfile(path):
            yield entry
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if d not in ("__pycache__", "_vendor"))
            for name in sorted(names):
                if not name.endswith((".pyc", ".part", ".ts")):  # translations ship compiled (.qm)
                    yield os.path.relpath(os.path.join(folder, name), ROOT)


def vendored():
    """(name in the zip, bytes) of each vendored package's files and licence."""
    requirements = [line.strip() for line in open(os.path.join(ROOT, "requirements-qgis.txt"))
                    if line.strip() and not line.startswith("#")]
    source = ["--no-index", "--find-links", os.environ["TSMV_WHEELS"]] if os.environ.get("TSMV_WHEELS") else []
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                    "--no-deps", "--only-binary=:all:", "-d", WHEELS] + source + requirements, check=True)
    yield VENDOR + "/__init__.py", b'"""Pure-Python packages shipped with the plugin zip (see their LICENSE files)."""\n'
    for requirement in requirements:
        name, version = requirement.split("==")
        wheel = zipfile.ZipFile(glob.glob(os.path.join(WHEELS, "%s-%s-*.whl" % (name, version)))[0])
        for member in wheel.namelist():
            top, _, rest = member.partition("/")
            if top == name and rest.endswith(".py"):
                yield "%s/%s" % (VENDOR, member), wheel.read(member)
            elif top.endswith(".dist-info") and rest.upper().startswith(("LICENSE", "COPYING")):
                yield "%s/%s/LICENSE" % (VENDOR, name), wheel.read(member)


def main(target):
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    tmp = target + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in plugin_files():
            z.write(os.path.join(ROOT, rel), os.path.join("tsmv", rel))
        for rel, data in vendored():
            z.writestr("tsmv/" + rel, data)
    os.replace(tmp, target)
    print(target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "tsmv.zip"))
