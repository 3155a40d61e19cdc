"""The runs: each reads its inputs tile by tile, calls kernels and writes its outputs."""
