#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Interpreter wrapper for the benchmark: run one AnsiballZ module file and record what it cost.

The benchmark points ``ANSIBLE_PYTHON_INTERPRETER`` at a two-line shell script that execs the
venv's Python on this file with the module's path.  The module runs in this very process (the
AnsiballZ wrapper imports it in-process), so at exit ``getrusage(RUSAGE_SELF)`` holds the peak
memory (max RSS) of the module process and ``sys.modules`` tells whether the task imported zeep,
which the SmarterMail client does only to parse a WSDL (a signature cache miss or a changed
digest).  One JSON line per process is appended to the file named by ``BENCH_PROBE_LOG``.
"""
import atexit
import json
import os
import resource
import runpy
import sys
import time

_START = time.monotonic()
_LOG = os.environ.get("BENCH_PROBE_LOG")


def _module_name(path):
    base = os.path.basename(path or "")
    if base.startswith("AnsiballZ_") and base.endswith(".py"):
        return base[len("AnsiballZ_"):-3]
    return base or "-"


def _record(name):
    if not _LOG:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    entry = {
        "module": name,
        "maxrss_kb": usage.ru_maxrss,  # kilobytes on Linux
        "zeep": "zeep" in sys.modules,
        "seconds": round(time.monotonic() - _START, 4),
        "pid": os.getpid(),
    }
    with open(_LOG, "a") as handle:
        handle.write(json.dumps(entry) + "\n")


def main():
    if len(sys.argv) < 2:
        # Pipelining (module source on stdin): run it the same way.
        source = sys.stdin.read()
        atexit.register(_record, "stdin")
        code = compile(source, "<stdin>", "exec")
        exec(code, {"__name__": "__main__"})  # noqa: S102 - the module Ansible sent us
        return
    script = sys.argv[1]
    atexit.register(_record, _module_name(script))
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
