"""The one tile loop of the steps: row strips within a memory budget, read, compute, write.

Every step works the same way: cut the grid into strips of rows small enough that what one
strip needs (``bytes_per_pixel`` for each of its pixels: what is read and the arrays the
kernel makes) stays within TILE_BYTES, and the strips aligned to the blocks of the output
files; for each strip, read it from every input, call the step's tile function, hand what
it gives to the writers, keep what the step sums over the grid, report progress and check
for cancellation.  :class:`Tiles` is that loop; a step gives it three functions:

* ``read(strip)`` -> the tile function's inputs (a tuple);
* ``compute(*inputs)`` -> the results: a dict {output name: array (bands, pixels) or
  (bands, rows, cols)}, or an object whose ``outputs()`` gives one, that is written to the
  writer of that name (names without a writer are not wanted and pass), or anything a
  ``write(results, strip)`` of the step takes;
* ``keep(strip, inputs, results)`` (optional) -> what the step gathers over the grid.

The tile functions (``compute``) are the ones :mod:`tsmv_qgis.xr` calls on its chunks, so
the GeoTIFF steps and the xarray face compute a tile the same way.
"""
from dataclasses import dataclass

from ..io.raster import row_tiles
from ..progress import Progress, as_progress


@dataclass
class Strip:
    """Rows ``row0``..``row1`` of a grid ``width`` wide; ``progress`` is its share of the run."""
    index: int
    row0: int
    row1: int
    width: int
    progress: Progress

    @property
    def rows(self):
        return self.row1 - self.row0

    @property
    def pixels(self):
        return self.rows * self.width

    def block(self, values):
        """``values`` (bands..., pixels) as (bands, rows, cols), as a writer takes a block."""
        return values.reshape(-1, self.rows, self.width)


class Tiles:
    """The strips of a ``height`` x ``width`` grid for work holding ``bytes_per_pixel`` per
    pixel of a strip (within ``budget``, default TILE_BYTES), aligned to the blocks of
    ``writers`` (a dict {output name: StackWriter}, or a list)."""

    def __init__(self, grid, bytes_per_pixel, writers=(), budget=None):
        self.width = grid.width
        self.writers = dict(writers) if isinstance(writers, dict) else {i: w for i, w in enumerate(writers)}
        align = max([w.block_rows for w in self.writers.values()] + [1])
        self.strips = row_tiles(grid.height, bytes_per_pixel * grid.width, budget, align=align)

    def __len__(self):
        return len(self.strips)

    def __iter__(self):
        return iter(self.strips)

    def write(self, results, strip):
        """Write each result to the writer of its name (a name without a writer is not wanted);
        ``results`` is a dict, or has a method ``outputs()`` that gives one."""
        if not isinstance(results, dict):
            results = results.outputs()
        for name, values in results.items():
            if name in self.writers:
                self.writers[name].write(strip.block(values), row0=strip.row0)

    def run(self, read, compute, keep=None, write=None, progress=None, behind=None, tile_progress=False):
        """For every strip: ``read``, ``compute`` (given ``progress=`` the strip's share when
        ``tile_progress``), ``write`` (default :meth:`write`; through ``behind``, a
        :class:`~tsmv_qgis.threads.Behind`, when given) and ``keep``; then report the
        strip done, which checks for cancellation."""
        progress = as_progress(progress)
        write = write or self.write
        n = len(self.strips)
        for i, (r0, r1) in enumerate(self.strips):
            strip = Strip(i, r0, r1, self.width, progress.child(i / n, (i + 1) / n))
            inputs = read(strip)
            results = compute(*inputs, progress=strip.progress) if tile_progress else compute(*inputs)
            if behind is not None:
                behind.submit(write, results, strip)
            else:
                write(results, strip)
            if keep is not None:
                keep(strip, inputs, results)
            strip.progress.set(1.0)
