#!/usr/bin/env python3
"""Runs a command and prints its wall time in seconds and peak RSS in MiB ("SECONDS RSS_MIB").

The command's standard output goes to the file named by --out (default: discarded), so a client's
own JSON report can be checked afterwards. Exits with the command's status.

    measure.py [--out FILE] -- COMMAND [ARGS...]
"""
import os
import resource
import subprocess
import sys
import time

args = sys.argv[1:]
out_path = os.devnull
if args[:1] == ["--out"]:
    out_path, args = args[1], args[2:]
if args[:1] == ["--"]:
    args = args[1:]
with open(out_path, "wb") as out:
    start = time.perf_counter()
    status = subprocess.run(args, stdout=out).returncode
    seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{seconds:.3f} {peak_kib / 1024:.1f}")
sys.exit(status)
