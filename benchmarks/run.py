"""make bench: every benchmark, each printing ratios against a baseline run in the same process."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_attribution  # noqa: E402
import bench_before  # noqa: E402
import bench_changepoint  # noqa: E402
import bench_download  # noqa: E402
import bench_ecosystems  # noqa: E402
import bench_era5  # noqa: E402
import bench_import  # noqa: E402
import bench_progress  # noqa: E402
import bench_scale  # noqa: E402
import bench_trend  # noqa: E402
import bench_xr  # noqa: E402
import bench_zonal  # noqa: E402

BENCHMARKS = [bench_import, bench_before, bench_era5, bench_trend, bench_changepoint, bench_attribution, bench_ecosystems,
              bench_progress, bench_scale, bench_xr, bench_download, bench_zonal]

if __name__ == "__main__":
    only = sys.argv[1:]
    for bench in BENCHMARKS:
        if not only or bench.__name__.replace("bench_", "") in only:
            bench.main()
