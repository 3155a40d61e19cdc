"""make translations: every text a user sees, extracted and compiled for each language.

pylupdate5 (Debian: pyqt5-dev-tools) collects the strings inside ``tr()``,
``QCoreApplication.translate()`` and ``QT_TRANSLATE_NOOP()`` from the plugin's code, from
scripts/make_models.py (the models' labels) and from scripts/make_docs.py (the help pages'
headings) into i18n/tsmv_<locale>.ts, keeping the translations already there; lrelease (qttools5-dev-tools) compiles each .ts into the .qm
that the plugin installs for the QGIS locale.  Source line numbers are left out of the .ts,
so that it changes only when a text does.

A translator edits i18n/tsmv_<locale>.ts (Qt Linguist, or any editor: fill each
<translation> and remove type="unfinished"), then runs ``make translations``.
"""
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N = os.path.join(ROOT, "i18n")
LOCALES = ["zh_CN"]


def sources():
    """The files whose strings are translated, relative to the repository."""
    files = ["plugin.py", os.path.join("scripts", "make_models.py"), os.path.join("scripts", "make_docs.py")]
    for folder in ("processing_provider", "algorithms", "gui"):
        files += sorted(glob.glob(os.path.join(folder, "*.py")))
    return files


def extract(ts):
    """Update (or create) ``ts`` from the sources with pylupdate5; drop line numbers."""
    subprocess.run(["pylupdate5", "-noobsolete"] + sources() + ["-ts", ts], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(ts, encoding="utf-8") as f:
        text = f.read()
    with open(ts, "w", encoding="utf-8") as f:
        f.write(re.sub(r"\n\s*<location [^>]*/>", "", text))


def compile_qm(ts, qm):
    subprocess.run(["lrelease", "-silent", "-nounfinished", ts, "-qm", qm], check=True)


def messages(ts):
    """{(context, source): (translation, finished)} of a .ts file."""
    found = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            found[(name, message.findtext("source"))] = (
                translation.text or "", translation.get("type") not in ("unfinished", "obsolete"))
    return found


def main():
    os.makedirs(I18N, exist_ok=True)
    for locale in LOCALES:
        ts = os.path.join(I18N, "tsmv_%s.ts" % locale)
        extract(ts)
        compile_qm(ts, ts[:-3] + ".qm")
        missing = sum(not done for _, done in messages(ts).values())
        print("%s: %d messages, %d to translate" % (ts, len(messages(ts)), missing))


if __name__ == "__main__":
    sys.exit(main())
