"""Run a command, then print its wall time and peak resident memory (JSON, last line)."""
import json
import os
import subprocess
import sys
import time

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
_, status, usage = os.wait4(proc.pid, 0)
output = proc.stdout.read().decode(errors="replace")
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.stdout.write(output[-4000:])
    sys.exit(code)
print(json.dumps({"seconds": time.perf_counter() - t, "peak_mb": usage.ru_maxrss / 1024.0,
                  "output_tail": output[-500:]}))
