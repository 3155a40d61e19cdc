# TSMV - QGIS Processing plugin.  `make demo` and `make test` work on a fresh Debian 12.
SHELL := /bin/bash
export TSMV_VENV ?= .venv
PY := $(TSMV_VENV)/bin/python
# The project's own QGIS profiles folder, for everything here (scripts/qgis_process and any
# QgsApplication the scripts start); the user's profile (PROFILE) is only for `make deploy`.
export TSMV_PROFILE ?= $(CURDIR)/.qgis-settings
export QGIS_CUSTOM_CONFIG_PATH = $(TSMV_PROFILE)
PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
DEMO_DIR ?= demo
export QT_QPA_PLATFORM ?= offscreen

.PHONY: help setup setup-run test test-ltr demo deploy zip bench models pictures translations docs screenshots report-shots clean

help:
	@echo "make demo   - setup-run, example data, the whole chain through qgis_process (in the project's QGIS profile)"
	@echo "make test   - setup, then the whole test suite"
	@echo "make test-ltr - the same suite on QGIS 3.44 LTR, in a Debian sid chroot (debootstrap)"
	@echo "make setup-run - what the demo needs: Debian QGIS + Python packages, the project's QGIS profile (TSMV_PROFILE)"
	@echo "make setup  - the same, and the developer and test tools (Debian packages, the test venv)"
	@echo "make deploy - symlink this checkout into your QGIS profile (PROFILE) as plugin 'tsmv' (FORCE=1 replaces another)"
	@echo "make zip    - build/tsmv.zip, installable with Plugins > Install from ZIP"
	@echo "make bench  - benchmarks (ratios against baselines run in the same process)"
	@echo "make models - rebuild models/*.model3 from scripts/make_models.py"
	@echo "make pictures - the README's pictures, rendered by QGIS from the demo's results"
	@echo "make translations - i18n/*.ts from the code (pylupdate5), compiled to .qm (lrelease)"
	@echo "make docs   - the help pages docs/algorithms/*.html, from the algorithms' help"
	@echo "make screenshots - docs/screenshots/*.png: the QGIS desktop with TSMV, under Xvfb"
	@echo "make report-shots - docs/report/*.png: the demo's report, section by section, in headless Chromium"

setup:
	@bash scripts/setup.sh dev

setup-run:
	@bash scripts/setup.sh run

test: setup
	$(PY) -m pytest -q $(PYTEST_ARGS)

test-ltr:
	bash scripts/test_ltr.sh

demo: setup-run
	/usr/bin/python3 scripts/demo.py "$(DEMO_DIR)"

deploy: setup-run
	@bash scripts/install_plugin.sh "$(PROFILE)"

zip:
	/usr/bin/python3 scripts/make_zip.py build/tsmv.zip

bench: setup
	$(PY) benchmarks/run.py

models: setup
	$(PY) scripts/make_models.py models

pictures: setup  # GDAL notes no statistics (.aux.xml) beside the demo's results it renders
	GDAL_PAM_ENABLED=NO $(PY) scripts/make_pictures.py

translations: setup
	$(PY) scripts/make_translations.py

docs: setup
	$(PY) scripts/make_docs.py

screenshots: setup
	$(PY) scripts/make_screenshots.py

report-shots: setup
	$(PY) scripts/make_report_shots.py $(DEMO_DIR)/results/report.html docs/report

clean:
	rm -rf build .cache .pytest_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
