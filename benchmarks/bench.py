#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""make bench: the collection measured side by side in one run, against its own emulator.

Figures (each the median of several runs unless said otherwise), with the ratio to its target:

1. no-op task time of each module against the same read(s) done with ``ansible.builtin.uri``
   posting a hand-written SOAP envelope (or Plesk packet): two playbooks that loop the task N
   times, timed whole (nothing subtracted), both with a warm WSDL cache;
2. reads and writes per task from the emulator's counters: check mode, change, no-op;
3. 5,000 aliases reconciled in one task with no change, against the one-alias task and against
   a loop of single-alias tasks (per-object cost);
4. WSDL fetches and parses per playbook run: cold cache, warm cache, expired TTL;
5. emulator throughput with 16 concurrent clients, and the peak memory of module processes;
6. the no-op task of each module on the fast path (run in the worker process) and on the module
   path (AnsiballZ), as a loop of N and as N separate tasks, against ``ansible.builtin.ping``.

Knobs (environment): BENCH_N (loop length, 20), BENCH_RUNS (runs per figure, 3),
BENCH_LOOP (single-alias tasks per run of the per-object loop, 50), BENCH_BULK (aliases, 5000),
BENCH_BULK_N (bulk tasks per playbook, 3), BENCH_CLIENTS (16), BENCH_SECONDS (throughput window, 3),
BENCH_KEEP=1 keeps the temporary directory.  Exit status: 0 when every measurement ran (targets
missed are reported, not fatal), 1 when a playbook or the emulator failed.
"""
import json
import os
import platform
import re
import resource
import shutil
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

N = int(os.environ.get("BENCH_N", "20"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LOOP = int(os.environ.get("BENCH_LOOP", "50"))
BULK = int(os.environ.get("BENCH_BULK", "5000"))
BULK_N = int(os.environ.get("BENCH_BULK_N", "3"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
# Forces the path of the collection's modules (plugins/action/resource.py); unset: the fast path
# where it applies, with figure 6 comparing both paths side by side.
FAST_PATH_ENV = "MAILOPS_SMARTERMAIL_FAST_PATH"

ADMIN_USER = "admin"
ADMIN_PASSWORD = "Bench-Admin-Pw-31"
DOMAIN = "bench.test"
BULK_DOMAIN = "bulk.test"
MAILBOX = "alice@bench.test"

SOAP_NS = "http://tempuri.org/"


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
        self.state_dir = os.path.join(self.tmp, "state")
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
        self.say("\n== %d aliases in one task (no change) against one alias, and against a loop of single-alias tasks =="
                 % BULK)
        if not hasattr(self, "bulk_vars"):
            self._write_bulk_vars()
        bulk_args = {"domain": BULK_DOMAIN, "aliases": "{{ bulk_aliases }}"}
        one_args = {"domain": BULK_DOMAIN, "name": bulk_name(0), "addresses": bulk_entry(0)["addresses"]}
        bulk_pb = self.write_playbook("bulk x%d" % BULK_N, [self.module_task(spec, bulk_args, loop=BULK_N)],
                                      vars_files=[self.bulk_vars])
        # the same playbook shape, one alias per task (no 5,000-entry variable in scope)
        one_pb = self.write_playbook("one alias x%d" % BULK_N, [self.module_task(spec, one_args, loop=BULK_N)])
        loop_task = self.module_task(spec, {"domain": BULK_DOMAIN, "name": "{{ 'a%05d' | format(item) }}",
                                            "addresses": ["{{ 'a%05d' | format(item) }}@dest.test"]}, loop=LOOP)
        loop_pb = self.write_playbook("loop of %d single-alias tasks" % LOOP, [loop_task])
        # ansible.builtin.ping in the same playbook shape, the 5,000-entry variable loaded as well
        ping_pb = self.write_playbook("ping x%d with the bulk variable" % BULK_N,
                                      [{"name": "ping", "ansible.builtin.ping": {}} for _ in range(BULK_N)],
                                      vars_files=[self.bulk_vars])
        module_path = {FAST_PATH_ENV: "false"}
        bulk_t, one_t, loop_t, ping_t, bulk_module_t = [], [], [], [], []
        cpu = {"bulk": [], "one alias": [], "loop": [], "ping": [], "bulk (module path)": []}
        for run in range(RUNS):
            order = [(bulk_pb, bulk_t, "bulk", None), (one_pb, one_t, "one alias", None), (loop_pb, loop_t, "loop", None),
                     (ping_pb, ping_t, "ping", None), (bulk_pb, bulk_module_t, "bulk (module path)", module_path)]
            if run % 2:
                order.reverse()
            for path, bucket, label, extra in order:
                self.emu.reset_counters()
                seconds, _ = self.run_playbook(path, expect_changed=False, label=label, extra_env=extra)
                counters = self.emu.counters()
                if counters.get("writes"):
                    raise BenchFailure("%s wrote %d time(s) on a no-op" % (label, counters["writes"]))
                bucket.append(seconds)
                cpu[label].append(self.last_cpu)
        bulk_ms = median(bulk_t) / BULK_N * 1000
        one_ms = median(one_t) / BULK_N * 1000
        ping_ms = median(ping_t) / BULK_N * 1000
        bulk_module_ms = median(bulk_module_t) / BULK_N * 1000
        loop_ms = median(loop_t) / LOOP * 1000
        per_object_bulk = bulk_ms / BULK
        self.say("one task with %d aliases: %.0f ms/task (%.3f ms per alias); one-alias task: %.0f ms/task "
                 "(%d tasks per playbook, runs %s s and %s s)" % (
                     BULK, bulk_ms, per_object_bulk, one_ms, BULK_N, "/".join("%.1f" % t for t in bulk_t),
                     "/".join("%.1f" % t for t in one_t)))
        self.say("the same %d-alias task on the module path: %.0f ms/task; ansible.builtin.ping with the "
                 "%d-entry variable in scope: %.0f ms/task" % (BULK, bulk_module_ms, BULK, ping_ms))
        self.say("loop of single-alias tasks: %.0f ms per alias (%d runs of %d tasks: %s s)" % (
            loop_ms, RUNS, LOOP, "/".join("%.1f" % t for t in loop_t)))
        self.say("  CPU time: %d-alias task %.0f ms, one-alias task %.0f ms (%.2f), ping %.0f ms, loop %.0f ms per alias"
                 % (BULK, median(cpu["bulk"]) / BULK_N * 1000, median(cpu["one alias"]) / BULK_N * 1000,
                    median(cpu["bulk"]) / max(median(cpu["one alias"]), 1e-9), median(cpu["ping"]) / BULK_N * 1000,
                    median(cpu["loop"]) / LOOP * 1000))
        self.ratio("%d-alias task vs one-alias task" % BULK, bulk_ms / one_ms, "<=", "2")
        self.ratio("%d-alias task (fast path) vs ansible.builtin.ping" % BULK, bulk_ms / ping_ms, "<=", "1.5")
        self.ratio("%d-alias task (module path) vs ansible.builtin.ping" % BULK, bulk_module_ms / ping_ms, "<=", "1.5")
        self.ratio("per-alias cost, loop of single-alias tasks vs one %d-alias task" % BULK,
                   loop_ms / per_object_bulk, ">=", "1000")
        self.figures.append(("bulk", bulk_ms, one_ms, loop_ms))

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
        self.describe_machine()
        self.say("settings: N=%d tasks per loop, %d runs per figure, %d aliases, %d bulk tasks per playbook, "
                 "%d single-alias tasks per loop run, %d concurrent clients" % (N, RUNS, BULK, BULK_N, LOOP, CLIENTS))
        self.say("temporary directory %s (state in state/, WSDL cache in wsdl-cache/)" % self.tmp)
        self.start_emulator()
        self.seed()
        specs = self.available()
        if not specs:
            raise BenchFailure("no module to measure")
        self.say("measuring: %s" % ", ".join(s["key"] for s in specs))
        self.wsdl_and_memory(specs)          # cold cache first; leaves the state at A, the cache warm
        self.warm_up(specs)
        noop_reads = self.reads_writes(specs)
        self.seed()
        self.warm_up(specs)
        task_ms = self.task_times(specs, noop_reads)
        self.bulk(specs, task_ms)
        if os.environ.get(FAST_PATH_ENV, "") == "":
            self.paths_vs_ping(specs, task_ms)
        else:
            self.skip("fast path vs module path", "%s is set: every figure above is of that path" % FAST_PATH_ENV)
        self.throughput()
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
