"""Input files found or given: only regular files are opened, and folders are searched through
symbolic links.

A named pipe (FIFO) would make a reader wait forever for a writer, a device may never end and a
socket cannot be read as a file: each is refused by name before anything opens it.  A folder is
searched recursively, following symbolic links to folders (a year kept elsewhere and linked in
counts), each real folder once, so that a link back to a parent cannot loop; a folder that cannot
be listed is refused, not skipped.
"""
import os
import re
import stat

from ..errors import TsmvError

_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
#: GDAL names that read a local file: /vsigzip/path, HDF4_EOS:EOS_GRID:"path":..., NETCDF:"path":...
_QUOTED = re.compile(r'^[A-Za-z0-9_]+(?::[A-Za-z0-9_]+)*:"(?P<path>[^"]+)"')


def local_file(source):
    """The local file a GDAL source name reads (``/vsigzip/x.tif.gz`` -> ``x.tif.gz``,
    ``HDF4_EOS:EOS_GRID:"x.hdf":grid:layer`` -> ``x.hdf``), None for another virtual file system
    (``/vsicurl/...``, ``/vsimem/...``)."""
    source = str(source)
    if source.startswith("/vsigzip/"):
        return local_file(source[len("/vsigzip/"):])
    if source.startswith("/vsi"):
        return None
    m = _QUOTED.match(source)
    return m.group("path") if m else source


def check_file(path, what):
    """Refuse ``path`` (a TsmvError whose first words are ``what`` and the path) when it is, once
    symbolic links are followed, a named pipe, a device or a socket, or a symbolic link to
    nothing.  A regular file, a folder (some GDAL formats are folders) and a path that does not
    exist (the reader says so) pass; nothing is opened."""
    local = local_file(path)
    if local is None:
        return
    try:
        mode = os.stat(local).st_mode  # follows symbolic links
    except FileNotFoundError:
        if os.path.islink(local):
            raise TsmvError("%s %s is a symbolic link to %s, which does not exist"
                            % (what, path, os.readlink(local))) from None
        return
    except OSError as e:
        raise TsmvError("%s %s: cannot read it (%s)" % (what, path, e.strerror or e)) from None
    for test, kind in _SPECIAL:
        if test(mode):
            raise TsmvError("%s %s is %s, not a regular file; TSMV reads regular files only (a pipe "
                            "or device could keep it waiting forever)" % (what, path, kind))


def walk(folder, what):
    """(dirpath, name) of every file below ``folder``, in sorted order, symbolic links to folders
    followed and each real folder visited once; a folder that cannot be listed is refused."""
    def refuse(error):
        raise TsmvError("%s folder %s: cannot list %s (%s)"
                        % (what, folder, error.filename, error.strerror or error))
    seen = set()
    for dirpath, subfolders, names in os.walk(folder, onerror=refuse, followlinks=True):
        info = os.stat(dirpath)
        if (info.st_dev, info.st_ino) in seen:  # a link to a folder already searched (or a loop)
            subfolders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders.sort()
        for name in sorted(names):
            yield dirpath, name


def check_years(start_year, end_year, first, last):
    """Refuse a START_YEAR after the last month (year, month) of the files found, or an END_YEAR
    before their first, when the other bound is left to the files (the period would be empty)."""
    if start_year is not None and end_year is None and (start_year, 1) > last:
        raise TsmvError("⟨start_year⟩ %d is after the last month of the files (%04d-%02d)" % ((start_year,) + last))
    if end_year is not None and start_year is None and (end_year, 12) < first:
        raise TsmvError("⟨end_year⟩ %d is before the first month of the files (%04d-%02d)" % ((end_year,) + first))
