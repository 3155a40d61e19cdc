"""What a TSMV output records of where it came from, and the checks that inputs belong together.

Every raster TSMV writes records, beside what it holds (``TSMV_KIND``, ``TSMV_LAYER``,
``START_YEAR``/``END_YEAR``, ``RANK_BY``, ``GLDAS_VERSION(S)``), its lineage as dataset
metadata:

* ``TSMV_RUN``: an id unique to the run that wrote it; all rasters of one run share it;
* ``TSMV_OUTPUT``: the output it was written as, in the core's names (``outputs.annual_tsm``:
  the item ``annual_tsm`` of the argument ``outputs``; earlier files of TSMV
  wrote the Processing name, ``ANNUAL_TSM``); with the run, the id of the file (:func:`file_id`,
  ``<run>:<output>``);
* ``TSMV_SOURCES``: JSON ``{input: the id of that input}`` (inputs named alike) for the inputs
  of the run that recorded one;
* ``TSMV_FILES``: JSON ``{output: file}``, where the run wrote each of its rasters, so that a
  step given one of them finds the others (:func:`run_files`: the seasonal stacks of the other
  layers, the season codes);
* ``TSMV_RAW``: JSON list of the raw files the chain read, one record per input that named
  them (``input``, ``files``, ``first``, ``last``, ``folder``, and ``product``, ``versions``
  where the step says): the run's own raw inputs and those its TSMV inputs carry;
* ``TSMV_SYNTHETIC``: present when any input, raw or TSMV, is synthetic (TSMV's example
  data: netCDF attribute ``tsmv_synthetic``, GeoTIFF metadata ``TSMV_SYNTHETIC``), what that
  input says of itself.

The last two travel down the chain, :func:`carried_metadata` adds them to every output.

Readers check what was recorded against what a parameter expects (:class:`raster.Stack`:
kind, content, layer) and against the run's other inputs (:func:`agree`, :func:`one_run`,
:func:`made_from`): a mismatch is refused naming both files.  A stack made by another tool
records none of this; then only its labels, grid and values are checked.
"""
import json
import os
import uuid

from ..errors import NAME, TsmvError
from ..labels import LAYER_KEYS
from ..products.catalogue import GLDAS, product_of

RUN = "TSMV_RUN"
OUTPUT = "TSMV_OUTPUT"
SOURCES = "TSMV_SOURCES"
#: Where the run wrote its rasters (JSON {output: absolute path}).
FILES = "TSMV_FILES"
#: The layered soil-moisture product a stack was made from (catalogue key: "ERA5-Land").
PRODUCT = "TSMV_PRODUCT"
#: The raw files a chain read (JSON list of records).
RAW = "TSMV_RAW"
#: Synthetic inputs: the note of the first one.
SYNTHETIC = "TSMV_SYNTHETIC"
#: Where a raw file says it is synthetic (GDAL's names of the netCDF attribute and TIFF tag).
SYNTHETIC_KEYS = (SYNTHETIC, "NC_GLOBAL#tsmv_synthetic")
SYNTHETIC_NOTES = ("NC_GLOBAL#comment", "TIFFTAG_IMAGEDESCRIPTION")
#: The one run the season outputs of a chain come from.
SEASONS_RUN = "one run of tsmv:seasons (or of tsmv:importgldas or tsmv:importsoilmoisture with SEASONS)"
#: The one run the four monthly layers come from.
LAYERS_RUN = "one run (of tsmv:importgldas, tsmv:importsoilmoisture or tsmv:qualitycontrol)"


def new_run():
    """An id for a new run (32 hexadecimal digits)."""
    return uuid.uuid4().hex


def run_of(stack):
    """The TSMV_RUN a stack records, or None."""
    return stack.metadata.get(RUN) or None


def file_id(metadata):
    """The id of a TSMV output from its metadata: '<run>:<output>' (None when not recorded)."""
    run = metadata.get(RUN)
    if not run:
        return None
    return "%s:%s" % (run, metadata[OUTPUT]) if metadata.get(OUTPUT) else run


def recorded_layer(metadata):
    """The soil layer ('0-10 cm') a stack records: its TSMV_LAYER, else the layer its output name
    says (TSMV_OUTPUT 'SEASONAL_10_40' is the 10-40 cm layer); None when it says neither."""
    if metadata.get("TSMV_LAYER"):
        return metadata["TSMV_LAYER"]
    output = metadata.get(OUTPUT) or ""
    product = product_of(metadata.get(PRODUCT)) or GLDAS
    for key, depth in zip(LAYER_KEYS, product.depths):
        if output.endswith(("_" + key, "." + key)):
            return depth
    return None


def sources_of(stack):
    """{input parameter: file id} of the inputs a stack was made from ({} when not recorded)."""
    return _recorded(stack.metadata, SOURCES, object)


def role(name):
    """A name of the core as a file records it: ⟨outputs.annual_tsm⟩ -> outputs.annual_tsm."""
    return NAME.sub(lambda m: ".".join(g for g in m.groups() if g), name)


def lineage_metadata(run, output, sources, files=None):
    """The metadata of the output ``output`` of run ``run`` made from inputs whose file ids are
    ``sources`` ({parameter: id}), beside its other raster outputs ``files`` ({output: path})."""
    metadata = {RUN: run, OUTPUT: role(output)}
    if sources:
        metadata[SOURCES] = json.dumps(dict(sorted((role(k), v) for k, v in sources.items())), separators=(",", ":"))
    if files:
        metadata[FILES] = json.dumps(dict(sorted((role(k), os.path.abspath(v)) for k, v in files.items())),
                                     separators=(",", ":"))
    return metadata


def _recorded(metadata, key, kind):
    try:
        found = json.loads(metadata.get(key) or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in found.items() if isinstance(v, kind)} if isinstance(found, dict) else {}


def recorded(metadata, key):
    """{name: text} of what a file's metadata records as JSON under ``key`` (``TSMV_FILES``:
    {output: file}; ``TSMV_SOURCES``: {input: file id}); {} when it records none."""
    return _recorded(metadata, key, str)


def run_files(path, outputs, metadata_of):
    """{output: file} of the files that the run which wrote ``path`` wrote as ``outputs`` (names
    as that run recorded them, e.g. 'seasons.seasonal_10_40'): where it recorded them
    (TSMV_FILES), else a file of the same name beside ``path`` (the run's files moved together).
    A file counts only when its own metadata says it is that output of that run; an output
    found nowhere is left out.  ``metadata_of(path)``: a file's metadata ({} when unreadable)."""
    metadata = metadata_of(path)
    run, recorded = metadata.get(RUN), _recorded(metadata, FILES, str)
    found = {}
    for output in outputs if run else ():
        candidates = [recorded.get(output)]
        if recorded.get(output):
            candidates.append(os.path.join(os.path.dirname(os.path.abspath(path)), os.path.basename(recorded[output])))
        for candidate in filter(None, dict.fromkeys(candidates)):
            if os.path.isfile(candidate) and file_id(metadata_of(candidate)) == "%s:%s" % (run, output):
                found[output] = candidate
                break
    return found


def synthetic_note(metadata):
    """What a file's metadata says of it being synthetic ('' when it does not): the note of a
    TSMV output, or the comment of a raw file flagged ``tsmv_synthetic``."""
    flag = next((metadata[k] for k in SYNTHETIC_KEYS if metadata.get(k)), "")
    if flag.strip().lower() in ("", "no", "false", "0"):
        return ""
    if flag.strip().lower() not in ("yes", "true", "1"):
        return flag
    return next((metadata[k] for k in SYNTHETIC_NOTES if metadata.get(k)), "synthetic data")


def raw_inputs(metadata):
    """The records of the raw files a TSMV output carries (TSMV_RAW; [] when none)."""
    try:
        found = json.loads(metadata.get(RAW) or "[]")
    except ValueError:
        return []
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def carried_metadata(inputs, metadata_of, described=None):
    """The metadata a run's outputs carry from its ``inputs`` ({name: path or [paths]}):
    ``TSMV_RAW`` (the run's raw inputs, files that are no TSMV output, and what its TSMV
    inputs carry) and ``TSMV_SYNTHETIC`` (when any input is synthetic).  ``metadata_of(path)``
    is a file's metadata as GDAL reads it ({} for a file it cannot open); a list of more than
    two files (a product's archive) is read at its first and last file.  ``described``:
    {name: {"product": ..., "versions": ...}} the run adds to the record of its raw input
    ``name``."""
    raw, notes = [], []
    for name, paths in inputs.items():
        paths = sorted(str(p) for p in ([paths] if isinstance(paths, str) else paths or []) if p)
        if not paths:
            continue
        ends = list(dict.fromkeys((paths[0], paths[-1]) if len(paths) > 2 else paths))
        found = [metadata_of(p) for p in ends]
        notes += [synthetic_note(m) for m in found]
        if all(m.get(RUN) for m in found):  # TSMV outputs: what they carry
            for m in found:
                raw += raw_inputs(m)
            continue
        record = {"input": role(name), "files": len(paths), "first": os.path.basename(paths[0]),
                  "last": os.path.basename(paths[-1]), "folder": os.path.dirname(os.path.abspath(paths[0]))}
        record.update({k: v for k, v in ((described or {}).get(name) or {}).items() if v})
        raw.append(record)
    unique = list({json.dumps(r, sort_keys=True): r for r in raw}.values())  # once each, in order
    carried = {RAW: json.dumps(unique, separators=(",", ":"))} if unique else {}
    note = next((n for n in notes if n), "")
    if note:
        carried[SYNTHETIC] = note
    return carried


def _short(run):
    """A run or file id as messages show it: the run's first 8 digits ('1f3a9c2e...:ANNUAL_TSM')."""
    run, _, output = run.partition(":")
    return run[:8] + "..." + (":" + output if output else "")


def agree(stacks, key, meaning, advice):
    """Refuse stacks whose metadata ``key`` differs (stacks that do not record it pass);
    ``meaning`` says what the key is ('ranking'), ``advice`` what to give instead."""
    recorded = [s for s in stacks if s.metadata.get(key) not in (None, "")]
    for stack in recorded[1:]:
        first = recorded[0]
        if stack.metadata[key] != first.metadata[key]:
            raise TsmvError("%s %s has another %s (%s %s) than %s %s (%s %s); %s"
                            % (stack.name, stack.path, meaning, key, stack.metadata[key], first.name,
                               first.path, key, first.metadata[key], advice))


def one_run(stacks, advice):
    """Refuse stacks that record different runs: they must be outputs of one run."""
    recorded = [s for s in stacks if run_of(s)]
    for stack in recorded[1:]:
        first = recorded[0]
        if run_of(stack) != run_of(first):
            raise TsmvError("%s %s comes from another run (TSMV_RUN %s) than %s %s (TSMV_RUN %s); %s"
                            % (stack.name, stack.path, _short(run_of(stack)), first.name, first.path,
                               _short(run_of(first)), advice))


def made_from(stack, sources, advice):
    """Refuse ``stack`` when it records being made from none of the ``sources`` stacks (files of
    other runs, or other files of the run); nothing is compared where either side records
    nothing."""
    made = set(sources_of(stack).values())
    ids = {file_id(s.metadata): s for s in sources if file_id(s.metadata)}
    if not made or not ids or made & set(ids):
        return
    source = next(iter(ids.values()))
    raise TsmvError("%s %s was made from another file (%s) than %s %s (%s); %s"
                    % (stack.name, stack.path, ", ".join(sorted(_short(r) for r in made)),
                       source.name, source.path, _short(file_id(source.metadata)), advice))


def same_band_versions(stacks, advice):
    """Refuse stacks whose bands of one label record different GLDAS versions."""
    first = stacks[0]
    for stack in stacks[1:]:
        for label in first.labels:
            a, b = first.version_of(label), stack.version_of(label)
            if a and b and a != b:
                raise TsmvError("%s %s: band '%s' comes from GLDAS %s, but in %s %s from GLDAS %s; %s"
                                % (stack.name, stack.path, label, b, first.name, first.path, a, advice))
