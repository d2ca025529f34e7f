#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where the fast path of a many-entry no-op task spends its time, phase by phase, in one process.

Runs, against an emulator, what ``plugins/plugin_utils/_resource_action.py`` does in Ansible's worker
process for a ``smartermail_alias`` task with ``aliases:`` of BENCH_BULK entries (5,000) and no
change, split into its phases, each timed in CPU seconds (``time.process_time``, the median of
PROFILE_RUNS runs) and per entry:

- encode the task's arguments as a module receives them (``encode_args``);
- ansible-core's ``ArgumentSpecValidator`` with the module's spec;
- the resource's own checks (``engine.validate``: names, addresses, control characters);
- the read (``GetAliases``: the request, the emulator's answer, parsing) and the plan;
- the result: ``Resource.result`` and the ``changed``/``changes`` keys (``engine.run`` after the read);
- ``formatted``: invocation, no_log masking;
- the module's JSON output and its decoding by the controller (``encode_result`` and the module decoder).

What Ansible itself does with the task before and after (templating the 5,000-entry argument, carrying
the result to the main process, callbacks) is not in here: ``make bench`` measures the whole task
against ``ansible.builtin.set_fact`` receiving the same list.

    PYTHONPATH=.build:tests/emulator .venv/bin/python benchmarks/profile_bulk.py [--cprofile N]

``--cprofile N`` prints the N functions with the largest own time over one whole run (cProfile).
``--json`` prints the phases as one JSON object (what ``make bench`` reads).
"""
import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, os.path.join(ROOT, ".build"))

from mailops_emulator.control import EmulatorProcess  # noqa: E402

BULK = int(os.environ.get("BENCH_BULK", "5000"))
RUNS = int(os.environ.get("PROFILE_RUNS", "5"))
DOMAIN = "bulk.test"
ADMIN_USER = "admin"
ADMIN_PASSWORD = "Bench-Admin-Pw-31"


def entries():
    return [{"name": "a%05d" % i, "addresses": ["a%05d@dest.test" % i]} for i in range(BULK)]


def seed(emu):
    aliases = dict((e["name"], {"name": e["name"], "addresses": e["addresses"]}) for e in entries())
    emu.reset({"version": 1, "domains": {DOMAIN: {
        "name": DOMAIN, "primary_admin": "postmaster", "settings": {"maxaliases": 0},
        "users": {"postmaster": {"username": "postmaster", "password": "Bench-User-Pw-7"}},
        "aliases": aliases}}})


def one_run(url, cache_dir, timings):
    """One task's fast path, each phase timed into ``timings`` (phase -> list of CPU seconds)."""
    from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
    from ansible_collections.mailops.smartermail.plugins.module_utils._engine import runner as runner
    from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.alias import AliasResource
    from ansible_collections.mailops.smartermail.plugins.plugin_utils import _resource_action as action

    os.environ["SMARTERMAIL_WSDL_CACHE_DIR"] = cache_dir
    args = {"domain": DOMAIN, "aliases": entries(), "url": url, "username": ADMIN_USER,
            "password": ADMIN_PASSWORD}

    def timed(phase, func, *a):
        start = time.process_time()
        value = func(*a)
        timings.setdefault(phase, []).append(time.process_time() - start)
        return value

    task_args = timed("encode the arguments (encode_args)", action.encode_args, args)
    run = action.ModuleRun(AliasResource, "mailops.smartermail.smartermail_alias")
    error = timed("ArgumentSpecValidator (ansible-core)", run.validate, task_args)
    if error:
        raise SystemExit("validation failed: %s" % error)
    params = run.params
    resource = AliasResource(params)
    found = timed("our checks (engine.validate)", engine.validate, resource)
    client = runner.connect(runner.BACKENDS["smartermail"], params)
    current = timed("the read (GetAliases: request, answer, parsing)", resource.read, client, found)
    context = resource.read_links(client, found, current)
    outcome = timed("the plan (comparison)", engine.plan, resource, found, current, context)
    result = timed("the result (Resource.result)", resource.result, outcome)
    result.pop("diff", None)
    result["changed"] = False
    shown = timed("formatted (invocation, no_log masking)", run.formatted, result)
    text = timed("the module's JSON output (encode_result)", action.encode_result, shown)
    decoder = None
    if action.get_module_decoder is not None:
        decoder = action.get_module_decoder(action.PROFILE, action.Direction.MODULE_TO_CONTROLLER)
    timed("decoded by the controller (module decoder)", lambda: json.loads(text, cls=decoder))
    if outcome.plan.writes:
        raise SystemExit("the no-op planned %d write(s)" % len(outcome.plan.writes))
    return len(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    parser.add_argument("--json", action="store_true")
    opts = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="mailops-profile-")
    emu = EmulatorProcess(os.path.join(tmp, "state.json"), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD,
                          python=sys.executable)
    try:
        emu.start()
        seed(emu)
        cache = os.path.join(tmp, "wsdl-cache")
        timings = {}
        size = one_run(emu.url, cache, {})  # warms the WSDL cache and the imports
        for _ in range(RUNS):
            one_run(emu.url, cache, timings)
        phases = dict((phase, statistics.median(values)) for phase, values in timings.items())
        if opts.json:
            print(json.dumps({"entries": BULK, "result_bytes": size, "phases": phases}))
        else:
            total = sum(phases.values())
            print("fast path of a %d-alias no-op task, CPU time per phase (median of %d runs), result %d bytes:"
                  % (BULK, RUNS, size))
            for phase, seconds in phases.items():
                print("  %-52s %7.1f ms  %6.2f us/entry  %4.0f%%" % (
                    phase, seconds * 1000, seconds / BULK * 1e6, 100 * seconds / total))
            print("  %-52s %7.1f ms  %6.2f us/entry" % ("total", total * 1000, total / BULK * 1e6))
        if opts.cprofile:
            profiler = cProfile.Profile()
            profiler.enable()
            one_run(emu.url, cache, {})
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(opts.cprofile)
            print(out.getvalue())
    finally:
        emu.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
