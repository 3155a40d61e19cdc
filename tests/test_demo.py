"""make demo and make test run in the project's own QGIS profile: the user's QGIS profile is
left alone; only make deploy installs into it, and it replaces another plugin 'tsmv' there only
with FORCE=1.  The demo's results hold no .aux.xml."""
import configparser
import hashlib
import os
import subprocess

import pytest

from conftest import ROOT, SMALL_EXTENT

#: The user's default QGIS profile, below HOME.
USER_PROFILE = os.path.join(".local", "share", "QGIS", "QGIS3", "profiles", "default")
USER_SETTINGS = "[PythonPlugins]\nanother_plugin=true\n\n[locale]\nuserLocale=fr\n"


@pytest.fixture(scope="module")
def project_profile(tmp_path_factory):
    """The project's profiles folder (TSMV_PROFILE) for these tests, filled once."""
    return str(tmp_path_factory.mktemp("project") / "qgis")


def user_home(tmp_path, existing="link"):
    """A HOME whose default QGIS profile has settings of its own and an existing plugin 'tsmv':
    a link to another checkout, or a folder (a copy installed from a zip)."""
    home = tmp_path / "home"
    profile = home / USER_PROFILE
    (profile / "python" / "plugins").mkdir(parents=True)
    (profile / "QGIS").mkdir()
    (profile / "QGIS" / "QGIS3.ini").write_text(USER_SETTINGS)
    tsmv = profile / "python" / "plugins" / "tsmv"
    if existing == "link":
        other = tmp_path / "another-checkout"
        other.mkdir()
        tsmv.symlink_to(other)
    else:
        tsmv.mkdir()
        (tsmv / "metadata.txt").write_text("[general]\nname=TSMV (an installed copy)\n")
    return home, profile


def state(folder):
    """Every path below ``folder``: where a link points, a file's sha256, or 'folder'."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            key = os.path.relpath(path, folder)
            if os.path.islink(path):
                found[key] = "link to " + os.readlink(path)
            elif os.path.isdir(path):
                found[key] = "folder"
            else:
                with open(path, "rb") as f:
                    found[key] = hashlib.sha256(f.read()).hexdigest()
    return found


def make(target, home, project_profile, **variables):
    env = dict(os.environ, HOME=str(home), TSMV_PROFILE=project_profile)
    # Nothing of an outer make (its command line, e.g. PROFILE=..., is in MAKEFLAGS) or of the
    # user's shell may point this make at a real profile.
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PROFILE", "FORCE", "QGIS_CUSTOM_CONFIG_PATH"):
        env.pop(name, None)
    command = ["make", "--no-print-directory", "-C", ROOT, target] + ["%s=%s" % kv for kv in variables.items()]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    return proc.returncode, proc.stdout + proc.stderr


def settings_in(ini):
    """The settings in a QGIS settings file, as {"group/key": value}."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(str(ini))
    return {"%s/%s" % (group, key): value for group in parser.sections() for key, value in parser[group].items()}


def test_demo_setup_leaves_the_users_qgis_alone(tmp_path, project_profile):
    """make setup-run (what make demo runs first) installs into the project's profile only."""
    home, profile = user_home(tmp_path)
    before = state(home / ".local")
    code, log = make("setup-run", home, project_profile)
    assert code == 0, log
    assert state(home / ".local") == before, "make setup-run changed the user's QGIS profile:\n" + log
    ours = os.path.join(project_profile, "profiles", "default")
    link = os.path.join(ours, "python", "plugins", "tsmv")
    assert os.path.islink(link) and os.path.realpath(link) == os.path.realpath(ROOT), \
        "the project's profile has no plugin 'tsmv' linked to this checkout:\n" + log
    assert settings_in(os.path.join(ours, "QGIS", "QGIS3.ini")).get("PythonPlugins/tsmv") == "true", \
        "the plugin is not enabled in the project's profile"
    assert state(os.path.join(ours, "python")) == {"plugins": "folder", "plugins/tsmv": "link to " + os.readlink(link)}, \
        "setup installed more than the plugin into the profile's python/ (it needs nothing else):\n" + log


@pytest.mark.parametrize("existing", ["link", "folder"])
def test_deploy_replaces_another_tsmv_only_with_force(tmp_path, project_profile, existing):
    """make deploy refuses to replace a plugin 'tsmv' that is not this checkout, saying what is
    there and how to force it; with FORCE=1 it links this checkout (a folder is moved aside) and
    enables it, keeping the user's other settings."""
    home, profile = user_home(tmp_path, existing)
    tsmv = profile / "python" / "plugins" / "tsmv"
    before, users_settings = state(home / ".local"), settings_in(profile / "QGIS" / "QGIS3.ini")
    code, log = make("deploy", home, project_profile)
    assert code != 0, "make deploy replaced an existing 'tsmv' without FORCE=1:\n" + log
    assert state(home / ".local") == before, "make deploy without FORCE=1 changed the user's profile:\n" + log
    assert str(tsmv) in log and "FORCE=1" in log, "the refusal does not name the plugin folder and FORCE=1:\n" + log
    assert (os.readlink(tsmv) if existing == "link" else "a folder") in log, \
        "the refusal does not say what is there:\n" + log

    code, log = make("deploy", home, project_profile, FORCE=1)
    assert code == 0, log
    assert os.path.islink(tsmv) and os.path.realpath(tsmv) == os.path.realpath(ROOT), log
    assert sorted(os.listdir(profile / "python")) == ["plugins"], "make deploy installed more than the plugin"
    assert settings_in(profile / "QGIS" / "QGIS3.ini") == dict(users_settings, **{"PythonPlugins/tsmv": "true"}), \
        "make deploy FORCE=1 did not enable the plugin, or changed other settings"
    if existing == "folder":
        aside = [name for name in os.listdir(profile) if name.startswith("tsmv-replaced-")]
        assert len(aside) == 1 and os.path.exists(os.path.join(profile, aside[0], "metadata.txt")), \
            "the installed copy was not kept beside the profile: %s\n%s" % (os.listdir(profile), log)


def test_demo_results_have_no_aux_xml(qgis_process, tmp_path):
    """The demo (a small region and record) runs through qgis_process and leaves no .aux.xml; its
    part beyond the paper writes a second report with Fig. 1a's interval and change points, Fig.
    3's bootstrap stars, Fig. S4, S5 and the correlation's significance rule."""
    env = dict(qgis_process.env, TSMV_DEMO_YEARS="1990 2008",
               TSMV_DEMO_EXTENT=" ".join("%g" % v for v in SMALL_EXTENT))
    proc = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "demo.py"), str(tmp_path / "demo")],
                          env=env, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = tmp_path / "demo" / "results"
    assert (results / "report.html").exists(), proc.stdout[-3000:]
    beyond = (results / "beyond" / "report.html")
    assert beyond.exists() and str(beyond) in proc.stdout, proc.stdout[-3000:]
    page = beyond.read_text(encoding="utf-8")
    for shown in ("Fig. S4. ", "Fig. S5. ", "A star marks a contribution whose 95 % bootstrap interval",
                  "<b>Change points</b>", "shaded: the lines of the 95% interval", "BH q (effective n) &lt; 0.05"):
        assert shown in page, "the demo's report beyond the paper lacks %r" % shown
    aux = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.aux.xml"))
    assert aux == [], "the demo left GDAL's .aux.xml files: %s" % aux

