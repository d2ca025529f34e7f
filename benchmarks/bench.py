#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""make bench: the collection measured side by side in one run, against its own emulator.

Sections (BENCH_SECTIONS, default "bulk,estate"; "all" runs every one), each figure printed with the
ratio to its target:

- wsdl: WSDL fetches and parses per playbook run (cold cache, warm cache, expired TTL), and the peak
  memory of module processes;
- rw: reads and writes per task from the emulator's counters: check mode, change, no-op;
- tasks: no-op task time of each module against the same read(s) done with ``ansible.builtin.uri``
  posting a hand-written SOAP envelope (or Plesk packet), both with a warm WSDL cache;
- bulk: 5,000 aliases reconciled in one task with no change, against ``ansible.builtin.set_fact``
  receiving the same list, ``ansible.builtin.ping`` with the list in scope, and an action that only
  returns the module's result shape (what carrying the result costs); then the fast path's phases per
  entry (benchmarks/profile_bulk.py);
- bulk-paths: the same task against the one-alias task, a loop of single-alias tasks, the module path;
- paths: the no-op task of each module on the fast path and on the module path against ``ansible.builtin.ping``;
- throughput: emulator throughput with 16 concurrent clients;
- estate: playbooks/provision.yml (the domain_provisioning role) and benchmarks/estate_handwritten.yml
  at 100 and 1,000 domains x 20 users: first run, no-op over SOAP and JSON, --check --diff on a drifted
  estate; time, CPU, peak memory, requests per domain by API, and the limit (a playbook start plus the
  reads counted, each at the time of a raw read measured in the same run), and Ansible's own: the role
  with every module replaced by an action that only receives its arguments.

Knobs (environment): BENCH_QUICK=1 (small sizes for development), BENCH_DOMAINS (estate sizes,
"100,1000"), BENCH_USERS (20), BENCH_FIRST_MAX (largest size whose first run is measured, 100),
BENCH_TOP_FULL=1 (the hand-written playbook's JSON no-op and --check --diff at the largest size too),
BENCH_ESTATE_RUNS (1), BENCH_STOP_RATIO (1.5), BENCH_RUN_LIMIT (420 s), BENCH_READS (300), BENCH_N (loop
length, 20), BENCH_RUNS (runs per figure, 3), BENCH_LOOP (50), BENCH_BULK (aliases, 5000), BENCH_BULK_N (bulk
tasks per playbook, 3), BENCH_CLIENTS (16), BENCH_SECONDS (3), BENCH_KEEP=1 keeps the temporary
directory.  docs/performance.md describes each.  Exit status: 0 when every measurement ran (targets
missed are reported, not fatal), 1 when a playbook or the emulator failed.
"""
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from mailops_emulator.control import EmulatorProcess, EmulatorError  # noqa: E402

VENV_BIN = os.path.join(ROOT, ".venv", "bin")
PYTHON = os.path.join(VENV_BIN, "python")
PLAYBOOK = os.path.join(VENV_BIN, "ansible-playbook")
COLLECTIONS = os.path.join(ROOT, ".build")
MODULES_DIR = os.path.join(ROOT, "plugins", "modules")

# BENCH_QUICK=1: small sizes everywhere, for development (the figures are not comparable).
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def _knob(name, default, quick):
    return os.environ.get(name, quick if QUICK else default)


N = int(_knob("BENCH_N", "20", "5"))
RUNS = int(_knob("BENCH_RUNS", "3", "1"))
LOOP = int(_knob("BENCH_LOOP", "50", "10"))
BULK = int(_knob("BENCH_BULK", "5000", "500"))
BULK_N = int(_knob("BENCH_BULK_N", "3", "2"))
CLIENTS = int(_knob("BENCH_CLIENTS", "16", "4"))
SECONDS = float(_knob("BENCH_SECONDS", "3", "1"))
# The estate (section "estate"): domains per size, the first size is the base of the linearity ratios.
ESTATE_SIZES = sorted(set(int(x) for x in _knob("BENCH_DOMAINS", "100,1000", "10,40").split(",") if x.strip()))
if len(ESTATE_SIZES) == 1:
    ESTATE_SIZES.insert(0, 100 if ESTATE_SIZES[0] > 100 else max(1, ESTATE_SIZES[0] // 10))
ESTATE_USERS = int(_knob("BENCH_USERS", "20", "5"))
# The largest size whose first run (every object created) is measured; larger estates are seeded
# (see Bench.estate_state): the emulator writes its whole state file on every write.
ESTATE_FIRST_MAX = int(_knob("BENCH_FIRST_MAX", "100", "10"))
# No-op runs per playbook, API and size (their median is the figure).
ESTATE_RUNS = int(_knob("BENCH_ESTATE_RUNS", "1", "1"))
# A playbook run of the estate taking longer than this is stopped and reported as "over" (a miss).
ESTATE_RUN_LIMIT = float(_knob("BENCH_RUN_LIMIT", "420", "120"))
# At the largest size the hand-written playbook runs its SOAP no-op only (the reference of the ratios) and
# --check --diff is not run; BENCH_TOP_FULL=1 runs them all there too (longer than the default's 15 minutes).
ESTATE_TOP_FULL = _knob("BENCH_TOP_FULL", "", "1") not in ("", "0")
# A run of the role is stopped after this many times the hand-written playbook's run of the same kind
# (at least 60 s): the ratio is then reported as at least that, a miss.
ESTATE_STOP_RATIO = float(_knob("BENCH_STOP_RATIO", "1.5", "2.5"))
# Raw reads timed against the emulator for the per-read time of the limit.
ESTATE_READS = int(_knob("BENCH_READS", "300", "50"))
SECTIONS_ALL = ("wsdl", "rw", "tasks", "bulk", "bulk-paths", "paths", "throughput", "estate")
# The default run measures the bulk task and the estate (within 15 minutes on 2 cores); "all" adds the
# per-task figures (wsdl, rw, tasks, bulk-paths, paths, throughput).
SECTIONS = [x.strip() for x in _knob("BENCH_SECTIONS", "bulk,estate", "bulk,estate").split(",") if x.strip()]
if SECTIONS == ["all"]:
    SECTIONS = list(SECTIONS_ALL)
# Forces the path of the collection's modules (plugins/action/resource.py); unset: the fast path
# where it applies, with figure 6 comparing both paths side by side.
FAST_PATH_ENV = "MAILOPS_SMARTERMAIL_FAST_PATH"

ADMIN_USER = "admin"
ADMIN_PASSWORD = "Bench-Admin-Pw-31"
DOMAIN = "bench.test"
BULK_DOMAIN = "bulk.test"
MAILBOX = "alice@bench.test"

SOAP_NS = "http://tempuri.org/"
ECHO_ACTION = '''# an action plugin of the benchmark (written by benchmarks/bench.py)
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        result["changed"] = False
        if args.get("echo"):
            result["aliases"] = [dict(entry) for entry in args["aliases"]]
            result["invocation"] = {"module_args": dict(args)}
        return result
'''
ESTATE_PATTERN = "d%04d.estate.test"
ESTATE_PASSWORD = "Bench-Estate-Pw"
ESTATE_KEY_SIZE = 1024


class BenchFailure(Exception):
    pass


# ------------------------------------------------------------------------------------------------
# The modules measured: the no-op task (state A), a change (state B), and the read a hand-written
# request does for the same no-op.
# ------------------------------------------------------------------------------------------------

def bulk_name(i):
    return "a%05d" % i


def bulk_entry(i, changed=False):
    return {"name": bulk_name(i), "addresses": ["%s@%s" % (bulk_name(i), "dest.test" if not changed else "new.test")]}


MODULES = [
    {
        "key": "smartermail_domain",
        "module": "mailops.smartermail.smartermail_domain",
        "file": "smartermail_domain.py",
        "noop": {"name": DOMAIN, "max_users": 50, "max_aliases": 0},
        "change": {"name": DOMAIN, "max_users": 51, "max_aliases": 0},
        "changed_objects": 1,
        "reads": [("soap", "svcDomainAdmin", "GetDomainSettings", {"domainName": DOMAIN})],
    },
    {
        "key": "smartermail_alias",
        "module": "mailops.smartermail.smartermail_alias",
        "file": "smartermail_alias.py",
        "noop": {"domain": DOMAIN, "name": "sales", "addresses": ["alice@bench.test", "bob@bench.test"]},
        "change": {"domain": DOMAIN, "name": "sales", "addresses": ["alice@bench.test", "carol@bench.test"]},
        "changed_objects": 1,
        "reads": [("soap", "svcAliasAdmin", "GetAlias", {"DomainName": DOMAIN, "AliasName": "sales"})],
    },
    {
        "key": "smartermail_rbl",
        "module": "mailops.smartermail.smartermail_rbl",
        "file": "smartermail_rbl.py",
        # Options as the module's DOCUMENTATION declares them are checked before use.
        "noop": {"name": "bench-rbl", "hostname": "zen.bench.test", "weight": 5},
        "change": {"name": "bench-rbl", "hostname": "zen.bench.test", "weight": 6},
        "changed_objects": 1,
        "reads": None,  # taken from what the module's no-op reads (counters)
        "service": "svcSpamAdmin",
    },
    {
        "key": "plesk_spamfilter",
        "module": "mailops.smartermail.plesk_spamfilter",
        "file": "plesk_spamfilter.py",
        "noop": {"name": MAILBOX, "enabled": True, "required_score": 5.5, "action": "move"},
        "change": {"name": MAILBOX, "enabled": True, "required_score": 6.0, "action": "move"},
        "changed_objects": 1,
        "reads": [("plesk", "get", MAILBOX)],
    },
]

# Hand-written requests, as a playbook author would write them for ansible.builtin.uri.
SOAP_ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    '<{op} xmlns="http://tempuri.org/">'
    '<AuthUserName>{{{{ sm_username }}}}</AuthUserName><AuthPassword>{{{{ sm_password }}}}</AuthPassword>'
    '{params}</{op}></soap:Body></soap:Envelope>'
)
PLESK_PACKET = (
    '<?xml version="1.0" encoding="UTF-8"?><packet><spamfilter><{op}><filter>'
    '<username>{user}</username></filter></{op}></spamfilter></packet>'
)


def soap_body(op, params, jinja=True):
    inner = "".join("<%s>%s</%s>" % (k, v, k) for k, v in params.items())
    text = SOAP_ENVELOPE.format(op=op, params=inner)
    if not jinja:
        text = text.replace("{{ sm_username }}", ADMIN_USER).replace("{{ sm_password }}", ADMIN_PASSWORD)
    return text


def uri_task(read, loop):
    if read[0] == "soap":
        _, service, op, params = read
        task = {
            "name": "uri %s.%s" % (service, op),
            "ansible.builtin.uri": {
                "url": "{{ sm_url }}/Services/%s.asmx" % service,
                "method": "POST",
                "headers": {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%s%s"' % (SOAP_NS, op)},
                "body": soap_body(op, params),
                "return_content": True,
            },
            "register": "r",
            "failed_when": "'<Result>true</Result>' not in r.content",
        }
    else:
        _, op, user = read
        task = {
            "name": "uri plesk spamfilter.%s" % op,
            "ansible.builtin.uri": {
                "url": "{{ plesk_url }}/enterprise/control/agent.php",
                "method": "POST",
                "ca_path": "{{ plesk_ca_path }}",
                "headers": {"Content-Type": "text/xml; charset=UTF-8", "HTTP_AUTH_LOGIN": "{{ plesk_username }}",
                            "HTTP_AUTH_PASSWD": "{{ plesk_password }}"},
                "body": PLESK_PACKET.format(op=op, user=user),
                "return_content": True,
            },
            "register": "r",
            "failed_when": "'<status>ok</status>' not in r.content",
        }
    if loop:
        task["loop"] = "{{ range(%d) | list }}" % loop
    return task


# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else float("nan")


def fmt_ratio(value):
    return "%.2f" % value if value < 100 else "%.0f" % value


class Bench:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="mailops-bench-")
        # The emulator writes its whole state file (with fsync) on every write: on a memory file system
        # when there is one, so that the disk of a shared machine does not time the estate's first runs.
        self.shm_dir = None
        if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
            self.shm_dir = tempfile.mkdtemp(prefix="mailops-bench-state-", dir="/dev/shm")
        self.state_dir = os.path.join(self.shm_dir or self.tmp, "state")
        self.cache_dir = os.path.join(self.tmp, "wsdl-cache")
        self.pb_dir = os.path.join(self.tmp, "playbooks")
        self.ansible_tmp = os.path.join(self.tmp, "ansible-tmp")
        for path in (self.state_dir, self.cache_dir, self.pb_dir, self.ansible_tmp):
            os.makedirs(path)
        self.probe_log = os.path.join(self.tmp, "probe.jsonl")
        self.probe_interp = os.path.join(self.tmp, "probe-python")
        with open(self.probe_interp, "w") as handle:
            handle.write("#!/bin/sh\nexec %s %s \"$@\"\n" % (PYTHON, os.path.join(ROOT, "benchmarks", "probe.py")))
        os.chmod(self.probe_interp, 0o755)
        self.emu = None
        self.targets = []  # (label, met: bool or None, text)
        self.figures = []
        self.skipped = []
        self.pb_counter = 0
        self.started = time.monotonic()

    # -- output --------------------------------------------------------------------------------
    def say(self, text=""):
        print(text, flush=True)

    def ratio(self, what, value, op, bound):
        met = value <= float(bound) if op == "<=" else value >= float(bound)
        self.say("ratio %s = %s (target %s %s)" % (what, fmt_ratio(value), op, bound))
        self.targets.append((what, met, "%s %s %s" % (fmt_ratio(value), op, bound)))

    def check(self, what, met, detail):
        self.say("check %s: %s (%s)" % (what, "met" if met else "MISSED", detail))
        self.targets.append((what, met, detail))

    def skip(self, what, reason):
        self.say("skip %s: %s" % (what, reason))
        self.skipped.append((what, reason))

    # -- emulator ------------------------------------------------------------------------------
    def start_emulator(self):
        self.emu = EmulatorProcess(os.path.join(self.state_dir, "state.json"), admin_user=ADMIN_USER,
                                   admin_password=ADMIN_PASSWORD, plesk=True, python=PYTHON)
        self.emu.start()
        self.say("emulator pid %s: SOAP %s, Plesk %s" % (self.emu.pid, self.emu.url, self.emu.plesk_url))

    def seed(self):
        """Reset the emulator to the benchmark's state (also clears counters and faults)."""
        aliases = dict((bulk_name(i), {"name": bulk_name(i), "addresses": bulk_entry(i)["addresses"]})
                       for i in range(BULK))
        user = lambda name: {"username": name, "password": "Bench-User-Pw-7", "first_name": "", "last_name": ""}  # noqa: E731
        doc = {
            "version": 1,
            "domains": {
                DOMAIN: {"name": DOMAIN, "primary_admin": "postmaster",
                         "settings": {"maxaliases": 0, "maxusers": 50},
                         "users": {"postmaster": user("postmaster"), "alice": user("alice")},
                         "aliases": {"sales": {"name": "sales", "addresses": ["alice@bench.test", "bob@bench.test"]}}},
                BULK_DOMAIN: {"name": BULK_DOMAIN, "primary_admin": "postmaster",
                              "settings": {"maxaliases": 0},
                              "users": {"postmaster": user("postmaster")},
                              "aliases": aliases},
            },
        }
        self.emu.reset(doc)

    # -- ansible -------------------------------------------------------------------------------
    def env(self, probe=False):
        env = dict((k, v) for k, v in os.environ.items()
                   if not k.startswith(("SMARTERMAIL_", "PLESK_", "ANSIBLE_")) or k == FAST_PATH_ENV)
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": COLLECTIONS,
            "ANSIBLE_PYTHON_INTERPRETER": self.probe_interp if probe else PYTHON,
            "ANSIBLE_LOCAL_TEMP": self.ansible_tmp,
            "ANSIBLE_REMOTE_TMP": self.ansible_tmp,
            "ANSIBLE_HOME": os.path.join(self.tmp, "ansible-home"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_DEPRECATION_WARNINGS": "0",
            "ANSIBLE_DISPLAY_OK_HOSTS": "0",
            "ANSIBLE_DISPLAY_SKIPPED_HOSTS": "0",
            "ANSIBLE_PIPELINING": "0",
            "LC_ALL": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "SMARTERMAIL_URL": self.emu.url,
            "SMARTERMAIL_USERNAME": ADMIN_USER,
            "SMARTERMAIL_PASSWORD": ADMIN_PASSWORD,
            "SMARTERMAIL_WSDL_CACHE_DIR": self.cache_dir,
            "PLESK_URL": self.emu.plesk_url,
            "PLESK_USERNAME": ADMIN_USER,
            "PLESK_PASSWORD": ADMIN_PASSWORD,
            "PLESK_CA_PATH": self.emu.plesk_ca_path,
            "BENCH_PROBE_LOG": self.probe_log,
        })
        return env

    def write_playbook(self, label, tasks, vars_files=()):
        self.pb_counter += 1
        play = {"name": label, "hosts": "localhost", "gather_facts": False, "tasks": tasks,
                "vars": {"sm_url": self.emu.url, "sm_username": ADMIN_USER, "sm_password": ADMIN_PASSWORD,
                         "plesk_url": self.emu.plesk_url, "plesk_ca_path": self.emu.plesk_ca_path,
                         "plesk_username": ADMIN_USER, "plesk_password": ADMIN_PASSWORD}}
        if vars_files:
            play["vars_files"] = list(vars_files)
        path = os.path.join(self.pb_dir, "%03d-%s.yml" % (self.pb_counter, re.sub(r"[^a-z0-9]+", "-", label.lower())))
        with open(path, "w") as handle:
            json.dump([play], handle, indent=1)  # JSON is YAML
        return path

    def run_playbook(self, path, probe=False, expect_changed=None, label=None, extra_env=None):
        """Run a playbook; return (seconds, recap dict).  A failure prints the output's tail.

        ``self.last_cpu`` holds the CPU seconds (user + system) of ansible-playbook and every
        process it started and waited for (workers, module processes); the emulator's are not in it.
        """
        cmd = [PLAYBOOK, "-i", "localhost,", "-c", "local", path]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        env = self.env(probe)
        env.update(extra_env or {})
        proc = subprocess.run(cmd, cwd=self.tmp, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        seconds = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.last_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        recap = re.search(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", proc.stdout)
        label = label or os.path.basename(path)
        if proc.returncode != 0 or not recap:
            tail = "\n".join(proc.stdout.splitlines()[-40:])
            raise BenchFailure("playbook %s failed (exit %s); the output's tail:\n%s" % (label, proc.returncode, tail))
        result = {"ok": int(recap.group(1)), "changed": int(recap.group(2)), "failed": int(recap.group(4))}
        if expect_changed is not None and bool(result["changed"]) != expect_changed:
            tail = "\n".join(proc.stdout.splitlines()[-40:])
            raise BenchFailure("playbook %s: expected %s, recap says changed=%d; the output's tail:\n%s" % (
                label, "a change" if expect_changed else "no change", result["changed"], tail))
        return seconds, result

    def module_task(self, spec, args, loop=None, check=False, name=None):
        task = {"name": name or spec["key"], spec["module"]: args}
        if loop:
            task["loop"] = "{{ range(%d) | list }}" % loop
        if check:
            task["check_mode"] = True
        return task

    # ------------------------------------------------------------------------------------------
    def available(self):
        """The modules present in the tree, and whether the emulator implements what they call."""
        try:
            ops = self.emu.operations()
        except EmulatorError:
            ops = {}
        present = []
        for spec in MODULES:
            path = os.path.join(MODULES_DIR, spec["file"])
            built = os.path.join(COLLECTIONS, "ansible_collections", "mailops", "smartermail", "plugins", "modules",
                                 spec["file"])
            if not os.path.exists(path):
                self.skip(spec["key"], "plugins/modules/%s does not exist" % spec["file"])
                continue
            if not os.path.exists(built):
                self.skip(spec["key"], "not in the collection copy (run make collection)")
                continue
            if spec.get("service"):
                reason = self._check_rbl(spec, path, ops)
                if reason:
                    self.skip(spec["key"], reason)
                    continue
            present.append(spec)
        return present

    def _check_rbl(self, spec, path, ops):
        try:
            import yaml
            with open(path) as handle:
                source = handle.read()
            doc = yaml.safe_load(re.search(r'DOCUMENTATION\s*=\s*r?"""(.*?)"""', source, re.S).group(1))
            options = set(doc.get("options") or {})
        except Exception as exc:  # noqa: BLE001 - any unreadable DOCUMENTATION means skip
            return "cannot read the module's DOCUMENTATION: %s" % exc
        unknown = sorted(set(spec["noop"]) - options)
        if unknown:
            return "the bench's task uses options the module does not declare: %s" % ", ".join(unknown)
        listed = ops.get("operations", ops) if isinstance(ops, dict) else {}
        wanted = [k for k in (listed or {}) if str(k).startswith(spec["service"] + ".")]
        if listed and wanted and not any(self._implemented(listed[k]) for k in wanted):
            return "the emulator does not implement %s yet" % spec["service"]
        return None

    @staticmethod
    def _implemented(entry):
        return not isinstance(entry, dict) or entry.get("implemented", True)

    def warm_up(self, specs):
        """One pass of every module's no-op task: the state becomes A and the WSDL cache warm."""
        path = self.write_playbook("warm-up", [self.module_task(s, s["noop"]) for s in specs])
        self.run_playbook(path, label="warm-up")
        path = self.write_playbook("warm-up-check", [self.module_task(s, s["noop"]) for s in specs])
        self.run_playbook(path, label="warm-up (no change)", expect_changed=False)

    # ------------------------------------------------------------------------------------------
    # 4. WSDL fetches and parses; peak memory
    # ------------------------------------------------------------------------------------------
    def probe_entries(self):
        entries = []
        if os.path.exists(self.probe_log):
            with open(self.probe_log) as handle:
                entries = [json.loads(line) for line in handle if line.strip()]
            os.remove(self.probe_log)
        return entries

    def wsdl_and_memory(self, specs):
        self.say("\n== WSDL fetches and parses per playbook run; peak memory of module processes ==")
        sm_specs = [s for s in specs if s["key"] != "plesk_spamfilter"]
        path = self.write_playbook("wsdl", [self.module_task(s, s["noop"]) for s in specs])
        runs = {}
        for label in ("cold cache", "warm cache", "expired TTL", "warm again"):
            if label == "expired TTL":
                aged = self._age_cache()
                self.say("aged %d cache entr%s past the TTL" % (aged, "y" if aged == 1 else "ies"))
            self.emu.reset_counters()
            self.probe_entries()
            # module processes are what this measures: the module path, forced
            seconds, _ = self.run_playbook(path, probe=True, label="wsdl (%s)" % label,
                                           extra_env={FAST_PATH_ENV: "false"})
            counters = self.emu.counters()
            entries = self.probe_entries()
            parses = sum(1 for e in entries if e["zeep"])
            runs[label] = (counters.get("wsdl", 0), parses, entries)
            self.say("%-12s: %d WSDL fetch(es), %d module process(es) parsed a WSDL (imported zeep), %d tasks, %.1f s"
                     % (label, counters.get("wsdl", 0), parses, len(entries), seconds))
        self.figures.append(("wsdl", dict((k, v[:2]) for k, v in runs.items())))
        self.check("WSDL fetches on a second run within the TTL", runs["warm cache"][0] == 0,
                   "%d fetches, %d parses; cold run %d fetches, %d parses" % (runs["warm cache"][0], runs["warm cache"][1],
                                                                               runs["cold cache"][0], runs["cold cache"][1]))
        self.check("WSDL parses after the TTL expired (digest unchanged)", runs["expired TTL"][1] == 0,
                   "%d fetches (digest checks), %d parses" % runs["expired TTL"][:2])
        # Peak memory: warm-cache runs (the hot path) and the cold run (with the zeep parse).
        rss = {}
        for label in ("warm cache", "warm again", "cold cache"):
            for entry in runs[label][2]:
                key = (entry["module"], "cold" if label == "cold cache" else "warm")
                rss[key] = max(rss.get(key, 0), entry["maxrss_kb"])
        self.say("peak memory (max RSS) of a module process:")
        for spec in specs:
            warm = rss.get((spec["key"], "warm"))
            cold = rss.get((spec["key"], "cold"))
            if warm is None:
                continue
            self.say("  %-20s %6.1f MB warm cache%s" % (spec["key"], warm / 1024.0,
                                                        ", %.1f MB with a WSDL parse (cold cache)" % (cold / 1024.0)
                                                        if cold and spec in sm_specs else ""))
        self.figures.append(("rss", dict(("%s/%s" % k, v) for k, v in rss.items())))

    def _age_cache(self):
        aged = 0
        for name in os.listdir(self.cache_dir):
            if not name.endswith(".json"):
                continue
            path = os.path.join(self.cache_dir, name)
            with open(path) as handle:
                entry = json.load(handle)
            entry["checked"] = 0
            with open(path, "w") as handle:
                json.dump(entry, handle)
            aged += 1
        return aged

    # ------------------------------------------------------------------------------------------
    # 2. reads and writes per task
    # ------------------------------------------------------------------------------------------
    def reads_writes(self, specs):
        self.say("\n== reads and writes per task (emulator counters) ==")
        bulk_spec = dict(next(s for s in MODULES if s["key"] == "smartermail_alias"))
        scenarios = [(s, s["noop"], s["change"], s["changed_objects"], s["key"]) for s in specs]
        if any(s["key"] == "smartermail_alias" for s in specs):
            changed = 3
            self._write_bulk_vars(changed)
            scenarios.append((bulk_spec, {"domain": BULK_DOMAIN, "aliases": "{{ bulk_aliases }}"},
                              {"domain": BULK_DOMAIN, "aliases": "{{ bulk_aliases }}", "_vars": self.bulk_vars_changed},
                              changed,
                              "smartermail_alias (%d aliases, %d changed)" % (BULK, changed)))
        noop_reads = {}
        for spec, noop, change, objects, label in scenarios:
            figures = {}
            vars_files = [self.bulk_vars] if "aliases" in noop else []
            change = dict(change)
            change_vars = [change.pop("_vars")] if "_vars" in change else vars_files
            for kind, args, check, expect in (("check mode", change, True, True), ("change", change, False, True),
                                              ("no-op", change, False, False)):
                path = self.write_playbook("%s %s" % (label, kind), [self.module_task(spec, args, check=check)],
                                           vars_files=change_vars)
                self.emu.reset_counters()
                self.run_playbook(path, expect_changed=expect, label="%s (%s)" % (label, kind))
                counters = self.emu.counters()
                ops = dict((op, c) for op, c in counters.get("operations", {}).items() if c.get("reads") or c.get("writes"))
                figures[kind] = (counters.get("reads", 0), counters.get("writes", 0), ops)
            # back to state A for the next measurements
            path = self.write_playbook("%s restore" % label, [self.module_task(spec, noop)], vars_files=vars_files)
            self.run_playbook(path, expect_changed=True, label="%s (restore)" % label)
            self.say("%s:" % label)
            for kind in ("check mode", "change", "no-op"):
                reads, writes, ops = figures[kind]
                detail = ", ".join("%s %s" % (op, "r%d" % c["reads"] if c.get("reads") else "w%d" % c["writes"])
                                   for op, c in sorted(ops.items()))
                self.say("  %-10s reads %d, writes %d  (%s)" % (kind, reads, writes, detail))
            r_check, w_check, _ = figures["check mode"]
            r_change, w_change, _ = figures["change"]
            r_noop, w_noop, ops_noop = figures["no-op"]
            ok = w_noop == 0 and r_noop >= 1 and w_check == 0 and w_change == objects
            self.check("reads/writes %s" % label, ok,
                       "no-op %dr/%dw, change %dr/%dw for %d changed object(s), check mode %dr/%dw" % (
                           r_noop, w_noop, r_change, w_change, objects, r_check, w_check))
            self.figures.append(("rw", label, figures["check mode"][:2], figures["change"][:2], figures["no-op"][:2]))
            noop_reads[label] = ops_noop
        return noop_reads

    def _write_bulk_vars(self, changed=3):
        """Two vars files holding ``bulk_aliases``: state A, and A with ``changed`` aliases edited."""
        self.bulk_vars = os.path.join(self.pb_dir, "bulk-aliases.json")
        self.bulk_vars_changed = os.path.join(self.pb_dir, "bulk-aliases-changed.json")
        with open(self.bulk_vars, "w") as handle:
            json.dump({"bulk_aliases": [bulk_entry(i) for i in range(BULK)]}, handle)
        with open(self.bulk_vars_changed, "w") as handle:
            json.dump({"bulk_aliases": [bulk_entry(i, changed=i < changed) for i in range(BULK)]}, handle)

    # ------------------------------------------------------------------------------------------
    # 1. no-op task time, module against uri
    # ------------------------------------------------------------------------------------------
    def reads_for(self, spec, noop_reads):
        if spec["reads"]:
            return spec["reads"]
        # a module whose reads the bench does not know in advance: what its no-op called
        reads = []
        for op in sorted(noop_reads.get(spec["key"], {})):
            service, _, operation = op.partition(".")
            if operation in ("ListRBLs",):
                reads.append(("soap", service, operation, {}))
            elif operation == "GetRBL":
                reads.append(("soap", service, operation, {"name": spec["noop"]["name"]}))
            else:
                return None
        return reads or None

    def task_times(self, specs, noop_reads):
        self.say("\n== no-op task time: module against ansible.builtin.uri with the same read(s), N=%d, %d runs =="
                 % (N, RUNS))
        plans = []
        for spec in specs:
            reads = self.reads_for(spec, noop_reads)
            if not reads:
                self.skip("%s task time" % spec["key"], "no hand-written request for the operations its no-op reads: %s"
                          % ", ".join(sorted(noop_reads.get(spec["key"], {}))) or "none")
                continue
            mod_pb = self.write_playbook("%s x%d" % (spec["key"], N), [self.module_task(spec, spec["noop"], loop=N)])
            uri_pb = self.write_playbook("uri %s x%d" % (spec["key"], N), [uri_task(r, N) for r in reads])
            plans.append((spec, reads, mod_pb, uri_pb))
        times = dict((spec["key"], {"module": [], "uri": []}) for spec, _, _, _ in plans)
        cpu = dict((spec["key"], {"module": [], "uri": []}) for spec, _, _, _ in plans)
        for run in range(RUNS):
            for spec, reads, mod_pb, uri_pb in plans:
                order = [("module", mod_pb), ("uri", uri_pb)]
                if run % 2:
                    order.reverse()
                for kind, path in order:
                    seconds, _ = self.run_playbook(path, expect_changed=False, label="%s %s" % (kind, spec["key"]))
                    times[spec["key"]][kind].append(seconds)
                    cpu[spec["key"]][kind].append(self.last_cpu)
        results = {}
        for spec, reads, _, _ in plans:
            mod = median(times[spec["key"]]["module"]) / N * 1000
            uri = median(times[spec["key"]]["uri"]) / N * 1000
            results[spec["key"]] = (mod, uri)
            self.say("%s: module %.0f ms/task, uri %.0f ms/task (%s); runs module %s s, uri %s s" % (
                spec["key"], mod, uri, " + ".join(r[2] if r[0] == "soap" else "plesk " + r[1] for r in reads),
                "/".join("%.1f" % t for t in times[spec["key"]]["module"]),
                "/".join("%.1f" % t for t in times[spec["key"]]["uri"])))
            mod_cpu = median(cpu[spec["key"]]["module"]) / N * 1000
            uri_cpu = median(cpu[spec["key"]]["uri"]) / N * 1000
            self.say("  CPU time (less sensitive to other load): module %.0f ms/task, uri %.0f ms/task, "
                     "module/uri %.2f" % (mod_cpu, uri_cpu, mod_cpu / uri_cpu))
            self.ratio("%s no-op task vs uri" % spec["key"], mod / uri, "<=", "1.10")
            self.figures.append(("task", spec["key"], mod, uri))
        return results

    # ------------------------------------------------------------------------------------------
    # 3. bulk aliases
    # ------------------------------------------------------------------------------------------
    def bulk(self, specs, task_ms):
        if not any(s["key"] == "smartermail_alias" for s in specs):
            self.skip("bulk aliases", "smartermail_alias is missing")
            return
        spec = next(s for s in specs if s["key"] == "smartermail_alias")
        extra = "bulk-paths" in SECTIONS
        self.say("\n== %d aliases in one task (no change) against ansible.builtin.set_fact receiving the same list%s =="
                 % (BULK, ", ping, one alias, a loop of single-alias tasks and the module path" if extra else ""))
        if not hasattr(self, "bulk_vars"):
            self._write_bulk_vars()
        module_path = {FAST_PATH_ENV: "false"}
        bulk_args = {"domain": BULK_DOMAIN, "aliases": "{{ bulk_aliases }}"}
        books = []  # (label, playbook, tasks per run, environment)
        books.append(("bulk", self.write_playbook("bulk x%d" % BULK_N, [self.module_task(spec, bulk_args, loop=BULK_N)],
                                                  vars_files=[self.bulk_vars]), BULK_N, None))
        # ansible.builtin.set_fact receiving the same list as its argument: what templating a 5,000-entry
        # argument and carrying it back in a result costs any action
        books.append(("set_fact", self.write_playbook(
            "set_fact x%d with the bulk list" % BULK_N,
            [{"name": "set_fact", "ansible.builtin.set_fact": {"bench_copy": "{{ bulk_aliases }}"}} for _ in range(BULK_N)],
            vars_files=[self.bulk_vars]), BULK_N, None))
        # an action that makes no call and returns the list and the invocation as the module's result does,
        # or returns nothing: what carrying the result costs Ansible
        self._write_echo_action()
        for label, echo in (("echo", True), ("quiet", False)):
            books.append((label, self.write_playbook(
                "echo x%d %s" % (BULK_N, "returning the list" if echo else "returning nothing"),
                [{"name": "echo", "bench_echo": {"aliases": "{{ bulk_aliases }}", "echo": echo}} for _ in range(BULK_N)],
                vars_files=[self.bulk_vars]), BULK_N, None))
        if extra:
            # ansible.builtin.ping in the same playbook shape, the 5,000-entry variable loaded as well
            books.append(("ping", self.write_playbook(
                "ping x%d with the bulk variable" % BULK_N,
                [{"name": "ping", "ansible.builtin.ping": {}} for _ in range(BULK_N)], vars_files=[self.bulk_vars]),
                BULK_N, None))
            one_args = {"domain": BULK_DOMAIN, "name": bulk_name(0), "addresses": bulk_entry(0)["addresses"]}
            # the same playbook shape, one alias per task (no 5,000-entry variable in scope)
            books.append(("one alias", self.write_playbook("one alias x%d" % BULK_N,
                                                           [self.module_task(spec, one_args, loop=BULK_N)]), BULK_N, None))
            loop_task = self.module_task(spec, {"domain": BULK_DOMAIN, "name": "{{ 'a%05d' | format(item) }}",
                                                "addresses": ["{{ 'a%05d' | format(item) }}@dest.test"]}, loop=LOOP)
            books.append(("loop", self.write_playbook("loop of %d single-alias tasks" % LOOP, [loop_task]), LOOP, None))
            books.append(("bulk (module path)", books[0][1], BULK_N, module_path))
        wall = dict((b[0], []) for b in books)
        cpu = dict((b[0], []) for b in books)
        for run in range(RUNS):
            order = list(books)
            if run % 2:
                order.reverse()
            for label, path, count, env in order:
                self.emu.reset_counters()
                seconds, _ = self.run_playbook(path, expect_changed=False, label=label, extra_env=env)
                counters = self.emu.counters()
                if counters.get("writes"):
                    raise BenchFailure("%s wrote %d time(s) on a no-op" % (label, counters["writes"]))
                wall[label].append(seconds / count * 1000)
                cpu[label].append(self.last_cpu / count * 1000)
        ms = dict((label, median(values)) for label, values in wall.items())
        cpu_ms = dict((label, median(values)) for label, values in cpu.items())

        def runs_of(label):
            return "/".join("%.0f" % t for t in wall[label])

        self.say("per task (median of %d runs of %d tasks; each run's ms/task in brackets), wall and CPU time:" % (RUNS, BULK_N))
        for label, title in (("bulk", "smartermail_alias, %d aliases, no change (fast path)" % BULK),
                             ("set_fact", "ansible.builtin.set_fact receiving the same list"),
                             ("ping", "ansible.builtin.ping, the list in scope"),
                             ("echo", "an action returning the list and the invocation"),
                             ("quiet", "the same action returning nothing"),
                             ("one alias", "smartermail_alias, one alias"),
                             ("bulk (module path)", "smartermail_alias, %d aliases, module path" % BULK),
                             ("loop", "a loop of single-alias tasks, per alias")):
            if label in ms:
                self.say("  %-58s %6.0f ms  CPU %6.0f ms  [%s]" % (title, ms[label], cpu_ms[label], runs_of(label)))
        self.say("carrying the result (the list and the invocation) costs Ansible %.0f ms a task (CPU %.0f ms): the "
                 "action returning them against the one returning nothing" % (
                     ms["echo"] - ms["quiet"], cpu_ms["echo"] - cpu_ms["quiet"]))
        self.bulk_profile()
        self.ratio("%d-alias no-op task vs ansible.builtin.set_fact with the same list" % BULK,
                   ms["bulk"] / ms["set_fact"], "<=", "1.5")
        self.say("  (CPU time: %.2f)" % (cpu_ms["bulk"] / cpu_ms["set_fact"]))
        if extra:
            self.ratio("%d-alias task (fast path) vs ansible.builtin.ping" % BULK, ms["bulk"] / ms["ping"], "<=", "1.5")
            per_object_bulk = ms["bulk"] / BULK
            self.ratio("%d-alias task vs one-alias task" % BULK, ms["bulk"] / ms["one alias"], "<=", "2")
            self.ratio("%d-alias task (module path) vs ansible.builtin.ping" % BULK, ms["bulk (module path)"] / ms["ping"],
                       "<=", "1.5")
            self.ratio("per-alias cost, loop of single-alias tasks vs one %d-alias task" % BULK,
                       ms["loop"] / per_object_bulk, ">=", "1000")
        self.figures.append(("bulk", ms, cpu_ms))

    def _write_echo_action(self):
        """``bench_echo``: an action plugin beside the generated playbooks that makes no call and returns
        ``aliases`` and ``invocation.module_args`` (``echo: true``, the shape of the module's result) or
        nothing but ``changed``."""
        plugins = os.path.join(self.pb_dir, "action_plugins")
        os.makedirs(plugins, exist_ok=True)
        with open(os.path.join(plugins, "bench_echo.py"), "w") as handle:
            handle.write(ECHO_ACTION)

    def bulk_profile(self):
        """The phases of the fast path of the bulk task, in process (benchmarks/profile_bulk.py)."""
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([COLLECTIONS, os.path.join(ROOT, "tests", "emulator")]),
                   BENCH_BULK=str(BULK))
        proc = subprocess.run([PYTHON, os.path.join(ROOT, "benchmarks", "profile_bulk.py"), "--json"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=self.tmp)
        if proc.returncode != 0:
            self.skip("profile of the bulk task", "profile_bulk.py failed: %s" % proc.stderr.strip()[-400:])
            return
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        total = sum(data["phases"].values())
        self.say("the fast path of the %d-alias task in process (benchmarks/profile_bulk.py, CPU, median of runs; "
                 "result %d bytes):" % (data["entries"], data["result_bytes"]))
        for phase, seconds in data["phases"].items():
            self.say("  %-52s %6.1f ms  %5.2f us/entry" % (phase, seconds * 1000, seconds / data["entries"] * 1e6))
        self.say("  %-52s %6.1f ms  %5.2f us/entry" % ("total", total * 1000, total / data["entries"] * 1e6))
        self.figures.append(("bulk profile", data))

    # ------------------------------------------------------------------------------------------
    # 7. the estate: the domain_provisioning role against a hand-written playbook, SOAP and JSON
    # ------------------------------------------------------------------------------------------
    def estate_floor_playbook(self):
        """playbooks/provision.yml and its role, every module of the collection replaced by ``bench_floor``
        (ECHO_ACTION, which without ``echo`` returns nothing but ``changed``): what Ansible itself costs
        to run the role's tasks with their arguments, the same inventory and the same role argument
        validation, with no module, check or request of ours."""
        root = os.path.join(self.tmp, "floor")
        role = os.path.join(root, "roles", "domain_provisioning_floor")
        shutil.copytree(os.path.join(ROOT, "roles", "domain_provisioning"), role)
        tasks = os.path.join(role, "tasks", "main.yml")
        with open(tasks) as handle:
            text = handle.read()
        text, count = re.subn(r"(?m)^(\s*)mailops\.smartermail\.(smartermail|plesk)_[a-z_]+:", r"\1bench_floor:", text)
        if not count:
            raise BenchFailure("the floor role: no module of the collection found in %s" % tasks)
        with open(tasks, "w") as handle:
            handle.write(text)
        os.makedirs(os.path.join(root, "action_plugins"))
        with open(os.path.join(root, "action_plugins", "bench_floor.py"), "w") as handle:
            handle.write(ECHO_ACTION)
        with open(os.path.join(ROOT, "playbooks", "provision.yml")) as handle:
            book = handle.read()
        book = book.replace("name: mailops.smartermail.domain_provisioning", "name: domain_provisioning_floor")
        if "domain_provisioning_floor" not in book:
            raise BenchFailure("the floor playbook: playbooks/provision.yml no longer includes the role by that name")
        path = os.path.join(root, "provision.yml")
        with open(path, "w") as handle:
            handle.write(book)
        return path

    def estate_domains(self, count):
        """The inventory's domain list, as playbooks/templates/provision_domains.json.j2 builds it."""
        domains = []
        for d in range(1, count + 1):
            name = ESTATE_PATTERN % d
            domains.append({
                "name": name,
                "primary_admin": "postmaster",
                "primary_admin_password": "%s-%d" % (ESTATE_PASSWORD, d),
                "users": [{"name": "user%02d" % u, "password": "%s-%d-%d" % (ESTATE_PASSWORD, d, u)}
                          for u in range(1, ESTATE_USERS + 1)],
                "aliases": [{"name": "sales", "addresses": ["user01@" + name]}],
                "dkim": {"selector": "mail", "key_size": ESTATE_KEY_SIZE},
            })
        return domains

    def estate_inventory(self, count):
        """An inventory directory: localhost (local connection) with the domains as host variables."""
        inv = os.path.join(self.tmp, "estate-%d" % count)
        os.makedirs(os.path.join(inv, "host_vars"), exist_ok=True)
        with open(os.path.join(inv, "hosts.json"), "w") as handle:
            json.dump({"all": {"hosts": {"localhost": {"ansible_connection": "local",
                                                       "ansible_python_interpreter": PYTHON}}}}, handle)
        with open(os.path.join(inv, "host_vars", "localhost.json"), "w") as handle:
            json.dump({"domain_provisioning_domains": self.estate_domains(count)}, handle)
        return inv

    def estate_state(self, template, count):
        """The converged state of ``count`` domains, built from the converged state of a smaller estate.

        Each domain is a copy of the template's first domain under its own name, with the passwords
        of its own inventory entry; the first no-op run on it must report no change (checked).
        """
        doc = json.loads(json.dumps(template))
        first = ESTATE_PATTERN % 1
        model = json.dumps(doc["domains"][first])
        domains = {}
        for entry in self.estate_domains(count):
            dom = json.loads(model.replace(first, entry["name"]))
            passwords = dict((u["name"], u["password"]) for u in entry["users"])
            passwords[entry["primary_admin"]] = entry["primary_admin_password"]
            for key, user in dom["users"].items():
                if key in passwords:
                    user["password"] = passwords[key]
            domains[entry["name"]] = dom
        doc["domains"] = domains
        return doc

    def estate_run(self, impl, inv, api, kind, expect_changed, size, stop_after=None):
        """One run of the role's or the hand-written playbook; its time, CPU, peak memory and requests.

        Peak memory is the largest resident set of ansible-playbook and the processes it waited for
        (``os.wait4`` of the one child: ``ru_maxrss`` in kB). A run longer than ESTATE_RUN_LIMIT is
        stopped (its process group, by PID) and returned with ``over`` set.
        """
        playbook = self.estate_playbooks[impl]
        cmd = [PLAYBOOK, "-i", os.path.join(inv, "hosts.json"), playbook]
        if kind == "check":
            cmd += ["--check", "--diff"]
        env = self.env()
        env["SMARTERMAIL_API"] = "soap" if api == "soap" else "auto"
        log = os.path.join(self.tmp, "estate-run.log")
        self.emu.reset_counters()
        server_before = self.emulator_cpu()
        start = time.monotonic()
        with open(log, "w") as out:
            proc = subprocess.Popen(cmd, cwd=self.tmp, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        over = False
        limit = min(ESTATE_RUN_LIMIT, stop_after or ESTATE_RUN_LIMIT)
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > limit:
                    over = True
                    os.killpg(proc.pid, signal.SIGTERM)
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
        except BaseException:
            os.killpg(proc.pid, signal.SIGTERM)
            os.wait4(proc.pid, 0)
            raise
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        counters = self.emu.counters()
        with open(log) as handle:
            output = handle.read()
        label = "%s %s (%s, %d domains)" % (impl, kind, api, size)
        server = self.emulator_cpu() - server_before
        run = {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss,
               "over": over, "counters": counters, "impl": impl, "kind": kind, "api": api, "size": size,
               "server_cpu": server}
        if over:
            self.say("  %-44s stopped after %.0f s (%s)" % (
                label, seconds, "BENCH_RUN_LIMIT" if limit == ESTATE_RUN_LIMIT else
                "BENCH_STOP_RATIO x the hand-written playbook's run"))
            return run
        recap = re.search(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", output)
        if proc.returncode != 0 or not (recap or kind == "start"):
            tail = "\n".join(output.splitlines()[-40:])
            raise BenchFailure("%s failed (exit %s); the output's tail:\n%s" % (label, proc.returncode, tail))
        changed = int(recap.group(2)) if recap else 0
        if expect_changed is not None and bool(changed) != expect_changed:
            tail = "\n".join(output.splitlines()[-40:])
            raise BenchFailure("%s: expected %s, recap says changed=%d; the output's tail:\n%s" % (
                label, "a change" if expect_changed else "no change", changed, tail))
        if kind in ("noop", "check") and counters.get("writes"):
            raise BenchFailure("%s wrote %d time(s)" % (label, counters["writes"]))
        soap, json_requests = self.requests_by_api(counters)
        self.say("  %-44s %7.1f s, CPU %6.1f s (emulator %5.1f s), peak %5.0f MB, requests %d SOAP + %d JSON (%d writes)" % (
            label, seconds, run["cpu"], server, usage.ru_maxrss / 1024.0, soap, json_requests, counters.get("writes", 0)))
        return run

    def emulator_cpu(self):
        """CPU seconds the emulator process has used so far (``/proc``; 0 where there is none)."""
        try:
            with open("/proc/%d/stat" % self.emu.pid) as handle:
                fields = handle.read().rpartition(")")[2].split()
            return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))
        except (OSError, ValueError, IndexError, TypeError):
            return 0.0

    @staticmethod
    def requests_by_api(counters, sessions=False):
        """(SOAP requests, JSON requests); with ``sessions``, also the JSON logins and logouts among them
        (one of each per task and server, whatever the domains: item 3 of the estate's targets)."""
        soap = json_requests = session = 0
        for op, entry in counters.get("operations", {}).items():
            count = entry.get("reads", 0) + entry.get("writes", 0)
            if op.startswith("json:"):
                json_requests += count
                if op.split(" ", 1)[-1].startswith("auth/"):
                    session += count
            else:
                soap += count
        return (soap, json_requests, session) if sessions else (soap, json_requests)

    def estate_drift(self, converged):
        """The converged state with the alias ``sales`` removed from every tenth domain (at least one)."""
        doc = json.loads(json.dumps(converged))
        names = sorted(doc["domains"])
        drifted = names[::10]
        for name in drifted:
            doc["domains"][name]["aliases"].pop("sales", None)
        return doc, len(drifted)

    # -- the limit: the reads counted, each at the time a raw read of the same operation takes ----
    def _timed(self, method, path, body, headers):
        parts = urllib.parse.urlsplit(self.emu.url)
        start = time.perf_counter()
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        return time.perf_counter() - start, resp.status, data

    def soap_read_times(self, ops, domains):
        """Median seconds of one raw SOAP read (a new connection each), per operation counted."""
        catalog = self.emu_catalog()
        times = {}
        for op in ops:
            service, _, name = op.partition(".")
            spec = next((o for o in catalog.get(service, {}).get("operations", []) if o["name"] == name), None)
            if spec is None:
                continue
            samples = []
            for i in range(max(5, ESTATE_READS // max(1, len(ops)))):
                domain = domains[i % len(domains)]
                params = {}
                for param in spec["params"]:
                    if param["name"] in ("AuthUserName", "AuthPassword"):
                        continue
                    if "domain" in param["name"].lower() and param["type"] == "string":
                        params[param["name"]] = domain
                body = soap_body(name, params, jinja=False).encode("utf-8")
                headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%s%s"' % (SOAP_NS, name)}
                seconds, status, data = self._timed("POST", "/Services/%s.asmx" % service, body, headers)
                if status != 200 or b"<Result>true</Result>" not in data:
                    break
                samples.append(seconds)
            if samples:
                times[op] = median(samples)
        return times

    def json_read_times(self, ops, domains):
        """Median seconds of one raw JSON GET (a new connection each), per endpoint counted.

        A system administrator's token for the ``settings/sysadmin`` endpoints, a domain's token
        (``manage-domain``) for the ``settings/domain`` ones; ``{email}`` is the domain's user01.
        """
        def call(method, path, token=None, body=None):
            headers = {"Content-Type": "application/json"}
            if token:
                headers["Authorization"] = "Bearer %s" % token
            seconds, status, data = self._timed(method, "/api/v1/" + path, json.dumps(body) if body is not None else None,
                                                headers)
            answer = json.loads(data or b"null") if status == 200 else None
            return seconds, answer

        _, login = call("POST", "auth/authenticate-user", body={"username": ADMIN_USER, "password": ADMIN_PASSWORD})
        admin = (login or {}).get("accessToken")
        if not admin:
            return {}
        domain_tokens = {}
        times = {}
        gets = [op for op in ops if op.startswith("json:GET ")]
        for op in gets:
            pattern = op[len("json:GET "):]
            samples = []
            for i in range(max(5, ESTATE_READS // max(1, len(gets)))):
                domain = domains[i % len(domains)]
                path = pattern.replace("{domain}", domain).replace("{email}", "user01@" + domain)
                if "{" in path:
                    break
                token = admin
                if path.startswith("settings/domain/"):
                    if domain not in domain_tokens:
                        _, answer = call("POST", "settings/sysadmin/manage-domain/" + domain, admin)
                        domain_tokens[domain] = (answer or {}).get("impersonateAccessToken")
                    token = domain_tokens[domain]
                seconds, answer = call("GET", path, token)
                if not (answer or {}).get("success", False):
                    break
                samples.append(seconds)
            if samples:
                times[op] = median(samples)
        call("POST", "auth/logout-user", admin, body={})
        return times

    def emu_catalog(self):
        if not hasattr(self, "_catalog"):
            with open(os.path.join(ROOT, "tests", "emulator", "mailops_emulator", "catalog.json")) as handle:
                self._catalog = json.load(handle)["services"]
        return self._catalog

    @staticmethod
    def noop_ops(run, prefix):
        return dict((op, entry.get("reads", 0)) for op, entry in run["counters"].get("operations", {}).items()
                    if op.startswith("json:") == (prefix == "json:") and entry.get("reads"))

    def estate(self):
        sizes = ESTATE_SIZES
        base, top = sizes[0], sizes[-1]
        self.say("\n== the estate: playbooks/provision.yml (the domain_provisioning role) and "
                 "benchmarks/estate_handwritten.yml, %s domains x %d users ==" % (
                     " and ".join("{:,}".format(x) for x in sizes), ESTATE_USERS))
        self.say("(SOAP: SMARTERMAIL_API=soap; JSON: SMARTERMAIL_API=auto, the JSON API for every module that has a "
                 "JSON adapter, SOAP for the others)")
        self.estate_playbooks = {"role": os.path.join(ROOT, "playbooks", "provision.yml"),
                                 "hand": os.path.join(ROOT, "benchmarks", "estate_handwritten.yml"),
                                 "start": self.write_playbook("estate start", []),
                                 "floor": self.estate_floor_playbook()}
        empty = {"version": 1, "domains": {}}
        runs = {}
        template = None
        limits = {}
        for size in sizes:
            self.say("%s domains:" % "{:,}".format(size))
            inv = self.estate_inventory(size)
            stopped = []  # the role's runs at this size stopped at BENCH_STOP_RATIO: its later ones are skipped

            def pair(api, kind, expect, before=None):
                """The hand-written playbook's run, then the role's (stopped past BENCH_STOP_RATIO x it).

                At the largest size (unless BENCH_TOP_FULL) the hand-written playbook runs its SOAP no-op
                only; the role's other runs are then stopped past BENCH_STOP_RATIO x the hand-written
                SOAP no-op scaled by what the same kind cost it at the base size.
                """
                if size == top and len(sizes) > 1 and not ESTATE_TOP_FULL and (api, kind) != ("soap", "noop"):
                    ref = dict((k, get_first(("hand",) + k)) for k in ((api, base, kind), ("soap", base, "noop"),
                                                                       ("soap", top, "noop")))
                    if not all(r and not r["over"] for r in ref.values()):
                        expected = None
                    else:
                        expected = ref[("soap", top, "noop")]["seconds"] * (
                            ref[(api, base, kind)]["seconds"] / ref[("soap", base, "noop")]["seconds"])
                    if before is not None:
                        before()
                else:
                    hand = self.estate_run("hand", inv, api, kind, expect, size)
                    runs.setdefault(("hand", api, size, kind), []).append(hand)
                    expected = None if hand["over"] else hand["seconds"]
                    if before is not None:
                        before()
                if stopped:
                    self.say("  %-44s skipped: the role's %s run was stopped" % (
                        "role %s (%s, %d domains)" % (kind, api, size), stopped[0]))
                    return
                role = self.estate_run("role", inv, api, kind, expect, size,
                                       stop_after=None if expected is None else max(60.0, ESTATE_STOP_RATIO * expected))
                runs.setdefault(("role", api, size, kind), []).append(role)
                if role["over"]:
                    stopped.append("%s %s" % (kind, api))

            def get_first(key):
                impl, api, at, kind = key
                found = runs.get((impl, api, at, kind))
                return found[0] if found else None

            if size <= ESTATE_FIRST_MAX:
                self.emu.reset(empty)
                hand = self.estate_run("hand", inv, "soap", "first", True, size)
                runs[("hand", "soap", size, "first")] = [hand]
                if hand["over"]:
                    raise BenchFailure("the hand-written playbook's first run of %d domains took longer than "
                                       "BENCH_RUN_LIMIT" % size)
                converged = self.emu.state()
                self.emu.reset(empty)
                role = self.estate_run("role", inv, "soap", "first", True, size,
                                       stop_after=max(60.0, ESTATE_STOP_RATIO * hand["seconds"]))
                runs[("role", "soap", size, "first")] = [role]
                template = template or converged
            elif template is None:
                raise BenchFailure("BENCH_FIRST_MAX=%d is below every size: no converged estate to seed from"
                                   % ESTATE_FIRST_MAX)
            else:
                converged = self.estate_state(template, size)
                self.say("  seeded the converged state of %s domains (first runs are measured up to "
                         "BENCH_FIRST_MAX=%d)" % ("{:,}".format(size), ESTATE_FIRST_MAX))
            self.emu.reset(converged)
            runs[("start", "soap", size, "start")] = [self.estate_run("start", inv, "soap", "start", None, size)]
            runs[("floor", "soap", size, "noop")] = [self.estate_run("floor", inv, "soap", "noop", False, size)]
            for api in ("soap", "json"):
                for _rep in range(ESTATE_RUNS):
                    pair(api, "noop", False)
            if size == top and len(sizes) > 1 and not ESTATE_TOP_FULL:
                self.say("  --check --diff: measured at the largest size with BENCH_TOP_FULL=1")
            else:
                drifted, count = self.estate_drift(converged)
                self.say("  --check --diff with the alias sales missing in %d domain(s):" % count)
                self.emu.reset(drifted)
                pair("soap", "check", True, before=lambda: self.emu.reset(drifted))
                self.emu.reset(converged)
            limits[size] = self.estate_limit(runs, size)
        self.estate_report(runs, limits, base, top)

    def estate_limit(self, runs, size):
        """The limit of a no-op per API: a playbook start + the fewest reads counted x the time of a raw read."""
        domains = [ESTATE_PATTERN % d for d in range(1, size + 1)]
        soap_runs = [r for impl in ("role", "hand") for r in runs.get((impl, "soap", size, "noop"), []) if not r["over"]]
        json_runs = [r for impl in ("role", "hand") for r in runs.get((impl, "json", size, "noop"), []) if not r["over"]]
        if not soap_runs:
            return None
        fewest = min(soap_runs, key=lambda r: r["counters"].get("reads", 0))
        ops = self.noop_ops(fewest, "soap")
        soap_t = self.soap_read_times(sorted(ops), domains)
        missing = sorted(set(ops) - set(soap_t))
        mean_t = statistics.mean(soap_t.values()) if soap_t else float("nan")
        soap_total = sum(count * soap_t.get(op, mean_t) for op, count in ops.items())
        reads = sum(ops.values())
        if json_runs:  # the endpoints a JSON no-op calls (those of a smaller estate when none ran at this size)
            self._json_ops = sorted(self.noop_ops(min(json_runs, key=lambda r: r["counters"].get("reads", 0)), "json:"))
        json_t = self.json_read_times(self._json_ops, domains) if getattr(self, "_json_ops", None) else {}
        json_read = median(list(json_t.values())) if json_t else float("nan")
        start = median([r["seconds"] for r in runs[("start", "soap", size, "start")]])
        limit = {"start": start, "start_cpu": median([r["cpu"] for r in runs[("start", "soap", size, "start")]]),
                 "reads": reads, "soap_read": soap_total / reads if reads else float("nan"), "json_read": json_read}
        limit["soap"] = start + soap_total
        limit["json"] = start + reads * json_read
        self.say("  limit: start %.1f s (a play without tasks, same inventory) + %d reads (%s) x %.2f ms a raw SOAP "
                 "read = %.1f s; x %.2f ms a raw JSON GET = %.1f s%s" % (
                     start, reads, ", ".join("%s %d" % (op.split(".")[-1], c) for op, c in sorted(ops.items())),
                     limit["soap_read"] * 1000, limit["soap"], json_read * 1000, limit["json"],
                     (" (not timed: %s, at the mean)" % ", ".join(missing)) if missing else ""))
        if json_t:
            self.say("  raw JSON GETs timed: %s" % ", ".join("%s %.2f ms" % (op[9:], t * 1000) for op, t in sorted(json_t.items())))
        return limit

    def estate_report(self, runs, limits, base, top):
        def get(impl, api, size, kind):
            found = runs.get((impl, api, size, kind))
            if not found:
                return None
            done = [r for r in found if not r["over"]]
            if not done:
                return max(found, key=lambda r: r["seconds"])
            return sorted(done, key=lambda r: r["seconds"])[(len(done) - 1) // 2]

        def secs(run, field="seconds"):
            if run is None:
                return "-"
            return (">%.0f s" if run["over"] else "%.1f s") % run[field]

        def per_domain_requests(run, size):
            if run is None or run["over"]:
                return None
            soap, json_requests = self.requests_by_api(run["counters"])
            return soap / float(size), json_requests / float(size)

        def sessions(run):
            return self.requests_by_api(run["counters"], sessions=True)[2]

        def n(size):
            return "{:,}".format(size)

        def mem(run):
            return "-" if run is None else "%s%.0f MB" % (">" if run["over"] else "", run["maxrss_kb"] / 1024.0)

        sizes = sorted(limits)
        self.say("\nestate figures (role = playbooks/provision.yml, hand = benchmarks/estate_handwritten.yml; "
                 "> marks a run stopped early):")
        self.say("%-34s" % "" + "".join("%28s" % ("%s domains" % n(x)) for x in sizes))
        self.say("%-34s" % "" + "".join("%10s%10s%8s" % ("role", "hand", "ratio") for _ in sizes))
        rows = [("first run (SOAP)", "soap", "first", "seconds"), ("  CPU time", "soap", "first", "cpu"),
                ("  emulator CPU time", "soap", "first", "server_cpu"), ("no-op (SOAP)", "soap", "noop", "seconds"),
                ("  CPU time", "soap", "noop", "cpu"), ("  emulator CPU time", "soap", "noop", "server_cpu"),
                ("no-op (JSON)", "json", "noop", "seconds"),
                ("  CPU time", "json", "noop", "cpu"), ("--check --diff, drift (SOAP)", "soap", "check", "seconds")]
        for title, api, kind, field in rows:
            cells = []
            for size in sizes:
                r, h = get("role", api, size, kind), get("hand", api, size, kind)
                ratio = ("%.2f" % (r[field] / h[field])) if r and h and not h["over"] and h[field] else "-"
                if r and r["over"] and ratio != "-":
                    ratio = ">" + ratio
                cells.append("%10s%10s%8s" % (secs(r, field), secs(h, field), ratio))
            self.say("%-34s" % title + "".join(cells))
        for title, api in (("peak memory, no-op (SOAP)", "soap"), ("peak memory, no-op (JSON)", "json")):
            cells = []
            for size in sizes:
                r, h = get("role", api, size, "noop"), get("hand", api, size, "noop")
                cells.append("%10s%10s%8s" % (mem(r), mem(h), ""))
            self.say("%-34s" % title + "".join(cells))
        for title, api in (("requests/domain, no-op (SOAP)", "soap"), ("requests/domain, no-op (JSON+SOAP)", "json")):
            cells = []
            for size in sizes:
                parts = []
                for impl in ("role", "hand"):
                    pd = per_domain_requests(get(impl, api, size, "noop"), size)
                    parts.append("-" if pd is None else ("%.1f" % pd[0] if api == "soap" else "%.1f+%.1f" % (pd[1], pd[0])))
                cells.append("%10s%10s%8s" % (parts[0], parts[1], ""))
            self.say("%-34s" % title + "".join(cells))
        self.say("(JSON: SMARTERMAIL_API=auto; a task the JSON API cannot serve (smartermail_dkim with a selector) "
                 "reads over SOAP)")
        for size in sizes:
            lim = limits[size]
            if lim:
                self.say("limit at %s domains: SOAP %.1f s, JSON %.1f s" % (n(size), lim["soap"], lim["json"]))
        # what Ansible itself costs to run the role's tasks with their arguments (no module of ours): the
        # part of a no-op that no change of ours can remove
        for size in sizes:
            floor, lim = get("floor", "soap", size, "noop"), limits[size]
            if floor is None or floor["over"]:
                continue
            self.say("Ansible's own at %s domains (the role, every module replaced by an action that receives its "
                     "arguments and returns): %.1f s, CPU %.1f s, peak %.0f MB" % (
                         n(size), floor["seconds"], floor["cpu"], floor["maxrss_kb"] / 1024.0))
            for api in ("soap", "json"):
                role = get("role", api, size, "noop")
                if role and not role["over"] and lim:
                    ours = role["seconds"] - floor["seconds"]
                    reads = lim[api] - lim["start"]
                    self.say("  role no-op (%s) %.1f s = Ansible's own %.1f s + ours %.1f s; the reads alone (the limit "
                             "without the start) %.1f s: ours / reads = %.2f; role / (Ansible's own + reads) = %.2f" % (
                                 api.upper(), role["seconds"], floor["seconds"], ours, reads,
                                 ours / reads if reads > 0 else float("nan"),
                                 role["seconds"] / (floor["seconds"] + reads)))

        def missing(what, why):
            self.say("check %s: MISSED (%s)" % (what, why))
            self.targets.append((what, False, why))

        top_lim = limits.get(top)
        # 1. the role against the hand-written playbook at the largest size
        for api in ("soap", "json"):
            what = "estate no-op, role / hand-written at %s domains (%s)" % (n(top), api.upper())
            r, h = get("role", api, top, "noop"), get("hand", api, top, "noop")
            if r and h and not h["over"]:
                self.ratio_bound(what, r["seconds"] / h["seconds"], "<=", "1.2", r["over"])
                if not r["over"]:
                    self.say("  (CPU time: %.2f)" % (r["cpu"] / h["cpu"]))
            elif api == "json" and h is None and not ESTATE_TOP_FULL:
                self.skip(what, "the hand-written playbook's JSON no-op runs at the largest size with BENCH_TOP_FULL=1")
            else:
                missing(what, "not measured: %s" % ("the role's run was skipped" if h else "no run"))
        # 2. linear: the per-domain no-op time (the start subtracted) at the largest size / at the base
        for impl in ("role", "hand"):
            what = "per-domain no-op time, %s, %s / %s domains (SOAP)" % (self.impl_name(impl), n(top), n(base))
            small, large = get(impl, "soap", base, "noop"), get(impl, "soap", top, "noop")
            if small and large and not small["over"] and limits.get(base) and top_lim:
                per_small = max(small["seconds"] - limits[base]["start"], 1e-3) / base
                per_large = max(large["seconds"] - top_lim["start"], 1e-3) / top
                self.say("per-domain no-op time, %s (the start subtracted): %.1f ms at %s domains, %s%.1f ms at %s" % (
                    self.impl_name(impl), per_small * 1000, n(base), ">" if large["over"] else "", per_large * 1000,
                    n(top)))
                self.ratio_bound(what, per_large / per_small, "<=", "1.2", large["over"])
                if not large["over"]:
                    cpu_small = max(small["cpu"] - limits[base]["start_cpu"], 1e-3) / base
                    cpu_large = max(large["cpu"] - top_lim["start_cpu"], 1e-3) / top
                    self.say("  (CPU time: %.1f ms, %.1f ms a domain: %.2f)" % (
                        cpu_small * 1000, cpu_large * 1000, cpu_large / cpu_small))
            elif impl == "role":
                missing(what, "not measured")
        # 3. memory
        for impl in ("role", "hand"):
            what = "peak memory, %s no-op, %s / %s domains (SOAP)" % (self.impl_name(impl), n(top), n(base))
            small, large = get(impl, "soap", base, "noop"), get(impl, "soap", top, "noop")
            if small and large and not small["over"] and large["over"]:
                missing(what, "not measured: the run was stopped (peak %.0f MB until then, %.0f MB at %s)" % (
                    large["maxrss_kb"] / 1024.0, small["maxrss_kb"] / 1024.0, n(base)))
            elif small and large and not small["over"]:
                self.ratio(what, large["maxrss_kb"] / float(small["maxrss_kb"]), "<=", "1.5")
            elif impl == "role":
                missing(what, "not measured")
        # 4. the estate against its limit, both APIs
        for api in ("soap", "json"):
            for impl in ("role", "hand"):
                what = "estate no-op / limit, %s at %s domains (%s)" % (self.impl_name(impl), n(top), api.upper())
                run = get(impl, api, top, "noop")
                if run and top_lim and top_lim[api] == top_lim[api]:
                    self.ratio_bound(what, run["seconds"] / top_lim[api], "<=", "3", run["over"])
                elif impl == "role":
                    missing(what, "not measured")
        # 5. JSON requests per domain against SOAP's (at the largest size where both no-ops finished)
        for impl in ("role", "hand"):
            at = next((x for x in reversed(sizes) if per_domain_requests(get(impl, "soap", x, "noop"), x)
                       and per_domain_requests(get(impl, "json", x, "noop"), x)), top)
            what = "JSON requests per domain <= SOAP's + 1, %s no-op at %s domains" % (self.impl_name(impl), n(at))
            soap_pd = per_domain_requests(get(impl, "soap", at, "noop"), at)
            json_pd = per_domain_requests(get(impl, "json", at, "noop"), at)
            if soap_pd and json_pd:
                # a login and a logout per task and server are the sessions item 3 asks for (not per
                # domain): they are counted apart, the per-domain figure is the rest
                run = get(impl, "json", at, "noop")
                logins = sessions(run)
                per = json_pd[0] + json_pd[1] - logins / float(at)
                self.check(what, per <= soap_pd[0] + 1 + 1e-9,
                           "%.2f (%.2f JSON + %.2f SOAP) a domain plus %d logins and logouts for the run (%.2f with "
                           "them) vs %.2f SOAP + 1" % (per, json_pd[1] - logins / float(at), json_pd[0], logins,
                                                       json_pd[0] + json_pd[1], soap_pd[0]))
            elif impl == "role":
                missing(what, "not measured")
        self.figures.append(("estate", dict(("/".join(str(x) for x in k),
                                             [dict((f, r[f]) for f in ("seconds", "cpu", "maxrss_kb", "over")) for r in v])
                                            for k, v in runs.items()), limits))

    @staticmethod
    def impl_name(impl):
        return {"role": "role", "hand": "hand-written"}.get(impl, impl)

    def ratio_bound(self, what, value, op, bound, lower_bound):
        """A ratio whose numerator may be a lower bound (a run stopped at BENCH_RUN_LIMIT): then a miss."""
        if not lower_bound:
            self.ratio(what, value, op, bound)
            return
        self.say("ratio %s >= %s (the run was stopped; target %s %s)" % (what, fmt_ratio(value), op, bound))
        self.targets.append((what, False, ">= %s, target %s %s" % (fmt_ratio(value), op, bound)))

    # ------------------------------------------------------------------------------------------
    # 6. the fast path (plugins/action/resource.py) against ansible.builtin.ping and the module path
    # ------------------------------------------------------------------------------------------
    def paths_vs_ping(self, specs, task_ms):
        self.say("\n== fast path vs module path vs ansible.builtin.ping: no-op task, N=%d, %d runs ==" % (N, RUNS))
        ping = {"name": "ping", "ansible.builtin.ping": {}}
        books = {
            ("ping", "loop"): self.write_playbook("ping x%d" % N, [dict(ping, loop="{{ range(%d) | list }}" % N)]),
            ("ping", "tasks"): self.write_playbook("ping %d tasks" % N, [dict(ping) for _ in range(N)]),
        }
        for spec in specs:
            books[(spec["key"], "loop")] = self.write_playbook(
                "%s x%d" % (spec["key"], N), [self.module_task(spec, spec["noop"], loop=N)])
            books[(spec["key"], "tasks")] = self.write_playbook(
                "%s %d tasks" % (spec["key"], N), [self.module_task(spec, spec["noop"]) for _ in range(N)])
        paths = {"fast": {}, "module": {FAST_PATH_ENV: "false"}}
        times = {}
        for run in range(RUNS):
            keys = sorted(books)
            if run % 2:
                keys.reverse()
            for key in keys:
                for path, extra in sorted(paths.items(), reverse=bool(run % 2)):
                    if key[0] == "ping" and path == "module":
                        continue
                    seconds, _ = self.run_playbook(books[key], expect_changed=False, extra_env=extra,
                                                   label="%s %s (%s path)" % (key[0], key[1], path))
                    times.setdefault(key + (path,), []).append(seconds / N * 1000)
        for shape in ("loop", "tasks"):
            ping_ms = median(times[("ping", shape, "fast")])
            self.say("ansible.builtin.ping, %s: %.0f ms/task" % ("a loop of %d" % N if shape == "loop" else
                                                                "%d separate tasks" % N, ping_ms))
            for spec in specs:
                fast = median(times[(spec["key"], shape, "fast")])
                module = median(times[(spec["key"], shape, "module")])
                self.say("%s, %s: fast path %.0f ms/task, module path %.0f ms/task (%.2f x ping, %.1f x faster)" % (
                    spec["key"], shape, fast, module, module / ping_ms, module / fast))
                self.ratio("%s fast path vs ping (%s)" % (spec["key"], shape), fast / ping_ms, "<=", "0.25")
                self.figures.append(("paths", spec["key"], shape, fast, module, ping_ms))
        for spec in specs:
            if spec["key"] in task_ms:
                _mod, uri = task_ms[spec["key"]]
                fast = median(times[(spec["key"], "loop", "fast")])
                self.ratio("%s fast path vs uri (loop)" % spec["key"], fast / uri, "<=", "0.3")

    # ------------------------------------------------------------------------------------------
    # 5. emulator throughput
    # ------------------------------------------------------------------------------------------
    def throughput(self):
        self.say("\n== emulator throughput: svcAliasAdmin.GetAlias, %.0f s windows, %d runs ==" % (SECONDS, RUNS))
        parts = urllib.parse.urlsplit(self.emu.url)
        body = soap_body("GetAlias", {"DomainName": DOMAIN, "AliasName": "sales"}, jinja=False).encode("utf-8")
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%sGetAlias"' % SOAP_NS}
        path = "/Services/svcAliasAdmin.asmx"

        def window(clients):
            stop = time.monotonic() + SECONDS
            counts = [0] * clients
            errors = [0] * clients
            barrier = threading.Barrier(clients + 1)

            def worker(index):
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                barrier.wait()
                while time.monotonic() < stop:
                    try:
                        conn.request("POST", path, body=body, headers=headers)
                        resp = conn.getresponse()
                        data = resp.read()
                        if resp.status == 200 and b"<Result>true</Result>" in data:
                            counts[index] += 1
                        else:
                            errors[index] += 1
                    except (OSError, http.client.HTTPException):
                        errors[index] += 1
                        conn.close()
                        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                conn.close()

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
            for thread in threads:
                thread.start()
            barrier.wait()
            begin = time.monotonic()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - begin
            return sum(counts) / elapsed, sum(errors)

        result = {}
        for clients in (1, CLIENTS):
            rates, errors = [], 0
            for _ in range(RUNS):
                rate, errs = window(clients)
                rates.append(rate)
                errors += errs
            result[clients] = median(rates)
            self.say("%2d client(s): %.0f requests/s (runs %s), %d error(s)" % (
                clients, median(rates), "/".join("%.0f" % r for r in rates), errors))
            if errors:
                raise BenchFailure("the emulator answered %d request(s) with an error under load" % errors)
        self.figures.append(("throughput", result))

    # ------------------------------------------------------------------------------------------
    def describe_machine(self):
        mem = ""
        try:
            with open("/proc/meminfo") as handle:
                kb = int(re.search(r"MemTotal:\s+(\d+)", handle.read()).group(1))
            mem = "%.1f GB" % (kb / 1024.0 / 1024.0)
        except (OSError, AttributeError):
            mem = "unknown"
        cpu = platform.processor() or ""
        try:
            with open("/proc/cpuinfo") as handle:
                match = re.search(r"model name\s*:\s*(.+)", handle.read())
                cpu = match.group(1).strip() if match else cpu
        except OSError:
            pass
        core = subprocess.run([PYTHON, "-c", "import ansible.release as r, sys; print(r.__version__, sys.version.split()[0])"],
                              stdout=subprocess.PIPE, text=True).stdout.split()
        self.say("machine: %d cores (%s), %s memory, Python %s, ansible-core %s, %s" % (
            os.cpu_count() or 0, cpu or "cpu unknown", mem, core[1] if len(core) > 1 else "?",
            core[0] if core else "?", platform.platform()))
        try:
            load = os.getloadavg()
            self.say("load average at start: %.2f %.2f %.2f" % load)
        except OSError:
            pass

    def summary(self):
        self.say("\n== summary ==")
        met = [t for t in self.targets if t[1]]
        missed = [t for t in self.targets if not t[1]]
        for what, ok, detail in self.targets:
            self.say("%-7s %s: %s" % ("met" if ok else "MISSED", what, detail))
        for what, reason in self.skipped:
            self.say("skipped %s: %s" % (what, reason))
        self.say("targets met: %d of %d%s; bench time %.0f s" % (
            len(met), len(self.targets), ("; missed: " + ", ".join(t[0] for t in missed)) if missed else "",
            time.monotonic() - self.started))

    def main(self):
        if not os.path.exists(PLAYBOOK):
            raise BenchFailure("%s not found: run make venv first" % PLAYBOOK)
        if not os.path.isdir(os.path.join(COLLECTIONS, "ansible_collections", "mailops", "smartermail")):
            raise BenchFailure("the collection copy is missing: run make collection first")
        unknown = sorted(set(SECTIONS) - set(SECTIONS_ALL))
        if unknown:
            raise BenchFailure("BENCH_SECTIONS: unknown section(s) %s (known: %s)" % (
                ", ".join(unknown), ", ".join(SECTIONS_ALL)))
        self.describe_machine()
        self.say("settings: N=%d tasks per loop, %d runs per figure, %d aliases, %d bulk tasks per playbook, "
                 "%d single-alias tasks per loop run, %d concurrent clients; estate %s domains x %d users, "
                 "first run measured up to %d domains; sections %s%s" % (
                     N, RUNS, BULK, BULK_N, LOOP, CLIENTS, "/".join(str(x) for x in ESTATE_SIZES), ESTATE_USERS,
                     ESTATE_FIRST_MAX, ",".join(SECTIONS), " (BENCH_QUICK: not comparable)" if QUICK else ""))
        self.say("temporary directory %s (WSDL cache in wsdl-cache/), emulator state in %s" % (self.tmp, self.state_dir))
        self.start_emulator()
        self.seed()
        specs = self.available()
        if not specs:
            raise BenchFailure("no module to measure")
        self.say("measuring: %s" % ", ".join(s["key"] for s in specs))
        if "wsdl" in SECTIONS:
            self.wsdl_and_memory(specs)      # cold cache first; leaves the state at A, the cache warm
        self.warm_up(specs)
        noop_reads = self.reads_writes(specs) if "rw" in SECTIONS else {}
        self.seed()
        self.warm_up(specs)
        task_ms = self.task_times(specs, noop_reads) if "tasks" in SECTIONS else {}
        if "bulk" in SECTIONS:
            self.bulk(specs, task_ms)
        if "paths" not in SECTIONS:
            pass
        elif os.environ.get(FAST_PATH_ENV, "") == "":
            self.paths_vs_ping(specs, task_ms)
        else:
            self.skip("fast path vs module path", "%s is set: every figure above is of that path" % FAST_PATH_ENV)
        if "throughput" in SECTIONS:
            self.throughput()
        if "estate" in SECTIONS:
            self.estate()
        try:
            self.say("\nload average at the end: %.2f %.2f %.2f" % os.getloadavg())
        except OSError:
            pass
        self.summary()

    def close(self):
        if self.emu is not None:
            self.emu.stop()
        if os.environ.get("BENCH_KEEP"):
            self.say("kept %s" % self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if self.shm_dir:
            shutil.rmtree(self.shm_dir, ignore_errors=True)


def main():
    bench = Bench()
    try:
        bench.main()
    except (BenchFailure, EmulatorError) as exc:
        print("bench: FAILED: %s" % exc, file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        bench.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
