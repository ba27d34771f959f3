#!/usr/bin/env python3
"""Wall time of `glossa lint` on one small file with the bundled glossary,
process start included, beside `glossa --version` (the bare start-up cost)
measured in the same run. Usage: benches/lint_wall.py [path/to/glossa]"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/glossa")


def timed(cmd, cwd, runs=50):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


with tempfile.TemporaryDirectory() as ws:
    os.mkdir(os.path.join(ws, ".git"))
    with open(os.path.join(ws, "note.md"), "w") as f:
        f.write("# Note\n\nThe CRS and FATCA rules apply to a permanent establishment (PE).\n")
    base = timed([binary, "--version"], ws)
    lint = timed([binary, "lint", "note.md"], ws)
    print(f"glossa --version        median {base[0]:.2f} ms  p95 {base[1]:.2f} ms")
    print(f"glossa lint (bundled)   median {lint[0]:.2f} ms  p95 {lint[1]:.2f} ms")
    print(f"ratio lint / start-up   {lint[0] / base[0]:.1f}x")
