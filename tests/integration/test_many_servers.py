# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Many servers in one run: one inventory host per SmarterMail server, one fork per server.

Four emulators on four loopback ports, one per host of playbooks/many_servers/inventory/hosts.yml; the
playbook (playbooks/many_servers.yml, the one docs/many-servers.md shows) runs with ``-f 4``:
``--check --diff`` (no write anywhere, each host's diff names only its own objects), the real run
(each server holds exactly what its host variables ask, nothing of another host's), and the same
run again (changed=0). Each server has its own administrator password, so a task that reached the
wrong server with its host's credentials would fail to log in; a playbook that sends every host to
one server (one global URL and login, the single-server setup) is caught by the same checks.
"""
import itertools
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from harness import BIN, ROOT, EmulatorProcess, assert_no_secret

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(HERE, "playbooks", "many_servers.yml")
INVENTORY = os.path.join(HERE, "playbooks", "many_servers", "inventory", "hosts.yml")
CALLBACKS = os.path.join(HERE, "playbooks", "many_servers", "callback_plugins")
GUIDE = os.path.join(ROOT, "docs", "many-servers.md")
HOSTS = ("mail1", "mail2", "mail3", "mail4")
ADMIN = "admin"
# Distinctive, so a leak is found by a plain search; one administrator password per server.
PASSWORDS = dict((host, "Many-Srv-%s-Adm-%s" % (host, suffix))
                 for host, suffix in zip(HOSTS, ("7f3c91", "b20e4d", "5a9c17", "e64f02")))
MAILBOX_PASSWORD = "Many-Srv-Mbox-4d2e8a"
VAULT_PASSWORD = "Many-Srv-Vault-91c0fe"  # of the host_vars/<host>/vault.yml files the test writes
SECRETS = tuple(PASSWORDS.values()) + (MAILBOX_PASSWORD, VAULT_PASSWORD)
RUNS = itertools.count()
# Every server already hosts this domain (with its primary admin only) before the first run, so the
# check run can read it and plan its users and aliases.
SEEDED = "shared.test"
PRIMARY_ADMIN = "postmaster"
RECAP = re.compile(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


# ------------------------------------------------------------------ what each host asks, what each server holds
def asked():
    """What each host's variables ask for: {host: {domain: {"users": [...], "aliases": {name: [addresses]}}}}."""
    with open(INVENTORY, encoding="utf-8") as handle:
        hosts = yaml.safe_load(handle)["smartermail_servers"]["hosts"]
    assert sorted(hosts) == list(HOSTS)
    return dict((host, dict(
        (domain["name"], {"users": sorted([PRIMARY_ADMIN] + [u["name"] for u in domain.get("users") or []]),
                          "aliases": dict((a["name"], sorted(a["addresses"])) for a in domain.get("aliases") or [])})
        for domain in hosts[host]["smartermail_domains"])) for host in HOSTS)


def held(emulator):
    """What a server holds, in the shape of asked()."""
    found = {}
    for name, domain in emulator.state()["domains"].items():
        aliases = {}
        for alias_name, alias in (domain.get("aliases") or {}).items():
            addresses = alias.get("addresses") if isinstance(alias, dict) else alias
            aliases[alias_name.lower()] = sorted(a.lower() for a in addresses)
        found[name.lower()] = {"users": sorted(u.lower() for u in domain.get("users") or {}), "aliases": aliases}
    return found


def objects(tree):
    """Every object of a tree of asked()/held() as a (domain, kind, name) triple, and its value."""
    found = {}
    for domain, content in tree.items():
        found[(domain, "domain", domain)] = None
        for user in content["users"]:
            found[(domain, "user", user)] = None
        for alias, addresses in content["aliases"].items():
            found[(domain, "alias", alias)] = addresses
    return found


def misplaced(servers, want):
    """Each server compared with what its own host asks (want: {host: tree}): the differences, as sentences.

    An object a server holds that its host does not ask for is named with the host that asks for it.
    """
    problems = []
    for host in HOSTS:
        mine, there = objects(want[host]), objects(held(servers[host]))
        for key in sorted(set(there) - set(mine)):
            owners = [other for other in HOSTS if other != host and key in objects(want[other])]
            problems.append("%s holds %s %s of %s, which %s" % (
                host, key[1], key[2], key[0], "%s asks for" % ", ".join(owners) if owners else "no host asks for"))
        for key in sorted(set(mine) - set(there)):
            problems.append("%s lacks its %s %s of %s" % (host, key[1], key[2], key[0]))
        for key in sorted(set(mine) & set(there)):
            if mine[key] != there[key]:
                problems.append("%s: %s %s of %s is %s, not %s" % (host, key[1], key[2], key[0], there[key], mine[key]))
    return problems


def own_names(want):
    """{host: the names (domains, users, aliases) only that host asks for}."""
    names = dict((host, set(name for (_d, _k, name) in objects(want[host]))) for host in HOSTS)
    return dict((host, set(n for n in names[host] if all(n not in names[o] for o in HOSTS if o != host)))
                for host in HOSTS)


def mentions(text, name):
    return re.search(r"(?<![\w.-])%s(?![\w-])" % re.escape(name), text) is not None


# ------------------------------------------------------------------ servers and runs
@pytest.fixture(scope="module")
def emulators(tmp_path_factory):
    started = {}
    try:
        for host in HOSTS:
            state = tmp_path_factory.mktemp(host) / "state.json"
            started[host] = EmulatorProcess(str(state), admin_user=ADMIN, admin_password=PASSWORDS[host]).start()
        ports = set(emulator.port for emulator in started.values())
        assert len(ports) == len(HOSTS), "four servers on four ports"
        yield started
    finally:
        for emulator in started.values():
            emulator.stop()


def seed(emulator, password):
    """The domain every server hosts before the first run, made with SmarterMail's own SOAP call."""
    import zeep

    client = zeep.Client(emulator.wsdl_url("svcDomainAdmin"))
    result = client.service.AddDomain(
        AuthUserName=ADMIN, AuthPassword=password, DomainName=SEEDED, Path="", PrimaryDomainAdminUserName=PRIMARY_ADMIN,
        PrimaryDomainAdminPassword=MAILBOX_PASSWORD, PrimaryDomainAdminFirstName="Post", PrimaryDomainAdminLastName="Master",
        IP="127.0.0.1", ImapPort=143, PopPort=110, SmtpPort=25, MaxAliases=0, MaxDomainSizeInMB=0, MaxDomainUsers=0,
        MaxMailboxSizeInMB=0, MaxMessageSize=0, MaxRecipients=0, MaxDomainAliases=0, MaxLists=0,
        ShowDomainAliasMenu=True, ShowContentFilteringMenu=True, ShowSpamMenu=True, ShowStatsMenu=False,
        RequireSmtpAuthentication=True, ShowListMenu=True, ListCommandAddress="stserv")
    assert result.Result is True, result


@pytest.fixture
def servers(emulators):
    for host, emulator in emulators.items():
        emulator.reset()
        emulator.clear_faults()
        seed(emulator, PASSWORDS[host])
        emulator.reset_counters()
    return emulators


class Run:
    def __init__(self, proc, record):
        self.returncode, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr
        self.results = []
        if os.path.exists(record):
            with open(record, encoding="utf-8") as handle:
                self.results = [json.loads(line) for line in handle]
        self.recap = dict((m.group(1), {"changed": int(m.group(3)), "failed": int(m.group(5))})
                          for m in RECAP.finditer(self.stdout))

    def diff_text(self, host):
        return json.dumps([r["diffs"] for r in self.results if r["host"] == host], sort_keys=True)

    def tail(self):
        return self.stdout[-4000:] + self.stderr[-2000:]


def inventory(tmp_path):
    """A copy of the inventory with each host's administrator password in host_vars/<host>/vault.yml,
    encrypted with ansible-vault, and the file holding the vault password."""
    from ansible.parsing.vault import VaultLib, VaultSecret

    folder = tmp_path / "inventory"
    if not folder.exists():
        folder.mkdir()
        shutil.copy(INVENTORY, str(folder / "hosts.yml"))
        vault = VaultLib([("default", VaultSecret(VAULT_PASSWORD.encode("utf-8")))])
        for host in HOSTS:
            (folder / "host_vars" / host).mkdir(parents=True)
            plain = yaml.safe_dump({"vault_smartermail_password": PASSWORDS[host]})
            (folder / "host_vars" / host / "vault.yml").write_bytes(vault.encrypt(plain))
        (tmp_path / "vault-password").write_text(VAULT_PASSWORD, encoding="utf-8")
    return str(folder / "hosts.yml"), str(tmp_path / "vault-password")


def command(servers, tmp_path, args=(), playbook=PLAYBOOK, env=None, without=()):
    """ansible-playbook on the four-host inventory with -f 4 (each host's URL in the environment, its password
    in its vault), its environment and the file its results are recorded in."""
    record = str(tmp_path / ("record-%d.jsonl" % next(RUNS)))
    hosts, vault_password = inventory(tmp_path)
    full = dict((k, v) for k, v in os.environ.items() if not k.startswith(("SMARTERMAIL_", "PLESK_", "MANY_SERVERS_")))
    full.update({
        "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".build"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_CALLBACK_PLUGINS": CALLBACKS,
        "ANSIBLE_CALLBACKS_ENABLED": "many_servers_record",
        "MANY_SERVERS_RECORD_FILE": record,
        "SMARTERMAIL_WSDL_CACHE_DIR": str(tmp_path / "wsdl-cache"),
        "MANY_SERVERS_MAILBOX_PASSWORD": MAILBOX_PASSWORD,
    })
    for host, emulator in servers.items():
        full["MANY_SERVERS_%s_URL" % host.upper()] = emulator.url
    for name in without:
        full.pop(name, None)
    full.update(env or {})
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", hosts, "--vault-password-file", vault_password, playbook,
           "-f", "4"] + list(args)
    return cmd, full, record


def run_playbook(servers, tmp_path, args=(), **kwargs):
    cmd, env, record = command(servers, tmp_path, args, **kwargs)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          check=False)
    return Run(proc, record)


def run_slices(servers, tmp_path, count):
    """The jobs AWX runs for job_slice_count=count, at once: ansible-playbook over every count-th host each."""
    started = []
    for number in range(count):
        cmd, env, record = command(servers, tmp_path, ["--limit", ",".join(HOSTS[number::count])])
        started.append((subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True), record))
    runs = []
    for proc, record in started:
        out, err = proc.communicate(timeout=600)
        runs.append(Run(subprocess.CompletedProcess(proc.args, proc.returncode, out, err), record))
    return runs


def assert_no_leak(run):
    assert_no_secret(run.stdout, run.stderr)
    for secret in SECRETS:
        assert secret not in run.stdout and secret not in run.stderr, "a password appears in the output"


def before_first_run():
    """What every server holds before the first run: the seeded domain with its primary admin."""
    return dict((host, {SEEDED: {"users": [PRIMARY_ADMIN], "aliases": {}}}) for host in HOSTS)


# ------------------------------------------------------------------ tests
def test_four_servers_each_get_exactly_their_own_inventory(servers, tmp_path):
    want = asked()
    mine = own_names(want)

    # 1. --check --diff: every server is read (its own URL and password worked), none is written,
    # and each host's diff names its own objects and none of another host's.
    check = run_playbook(servers, tmp_path, ["--check", "--diff"])
    assert check.returncode == 0, check.tail()
    assert_no_leak(check)
    for host in HOSTS:
        counters = servers[host].counters()
        assert counters["writes"] == 0, "%s: %d writes in check mode" % (host, counters["writes"])
        assert counters["reads"] > 0, "%s was never read" % host
        assert check.recap[host]["changed"] > 0, host
    assert misplaced(servers, before_first_run()) == []
    for host in HOSTS:
        text = check.diff_text(host)
        # check mode plans the new domains, and the users and aliases of the domain that exists
        planned = set(want[host]) - {SEEDED}
        planned |= set(want[host][SEEDED]["users"]) - {PRIMARY_ADMIN} | set(want[host][SEEDED]["aliases"])
        assert sorted(n for n in planned if not mentions(text, n)) == [], "%s: not in its diff" % host
        foreign = set().union(*(mine[other] for other in HOSTS if other != host))
        assert sorted(n for n in foreign if mentions(text, n)) == [], "%s: another host's objects in its diff" % host

    # 2. The real run: each server holds exactly what its host asks for, on the fast path.
    real = run_playbook(servers, tmp_path, ["-vvv"])
    assert real.returncode == 0, real.tail()
    assert_no_leak(real)
    assert misplaced(servers, want) == []
    for host in HOSTS:
        assert servers[host].counters()["writes"] > 0, host
        assert real.recap[host]["changed"] > 0, host
        # the three module tasks of the host ran in Ansible's worker process (no module process)
        assert len(re.findall(r"<%s> mailops\.smartermail: fast path: running" % host, real.stdout)) >= 3, host
        assert "<%s> mailops.smartermail: module path" % host not in real.stdout
        servers[host].reset_counters()

    # 3. Again: nothing to do anywhere.
    again = run_playbook(servers, tmp_path)
    assert again.returncode == 0, again.tail()
    assert dict((host, again.recap[host]["changed"]) for host in HOSTS) == dict((host, 0) for host in HOSTS)
    assert dict((host, servers[host].counters()["writes"]) for host in HOSTS) == dict((host, 0) for host in HOSTS)
    assert misplaced(servers, want) == []


def test_job_slices_each_reconcile_their_own_servers(servers, tmp_path):
    """Two slices at once, as AWX runs a job template with job_slice_count 2: each slice is an
    ansible-playbook run over half the inventory's hosts, and each server gets its own inventory."""
    slices = run_slices(servers, tmp_path, 2)
    for number, run in enumerate(slices):
        assert run.returncode == 0, run.tail()
        assert_no_leak(run)
        assert sorted(run.recap) == sorted(HOSTS[number::2]), "slice %d ran other hosts" % number
        assert all(run.recap[host]["changed"] > 0 for host in run.recap)
    assert misplaced(servers, asked()) == []
    for emulator in servers.values():
        emulator.reset_counters()
    again = run_slices(servers, tmp_path, 2)
    assert [run.returncode for run in again] == [0, 0]
    assert dict((host, run.recap[host]["changed"]) for run in again for host in run.recap) == dict.fromkeys(HOSTS, 0)
    assert dict((host, servers[host].counters()["writes"]) for host in HOSTS) == dict.fromkeys(HOSTS, 0)


def test_one_global_server_is_caught(servers, tmp_path):
    """The single-server setup on many hosts (one URL and login for all) writes everything to one server."""
    with open(PLAYBOOK, encoding="utf-8") as handle:
        text = handle.read()
    per_host = ('  module_defaults:\n    group/mailops.smartermail.smartermail:\n      url: "{{ smartermail_url }}"\n'
                '      username: "{{ smartermail_username }}"\n      password: "{{ smartermail_password }}"\n')
    assert per_host in text
    broken = tmp_path / "many_servers_global.yml"
    broken.write_text(text.replace(per_host, ""), encoding="utf-8")
    # the connection every task then takes from the environment: the first server's
    run = run_playbook(servers, tmp_path, playbook=str(broken), env={
        "SMARTERMAIL_URL": servers["mail1"].url, "SMARTERMAIL_USERNAME": ADMIN, "SMARTERMAIL_PASSWORD": PASSWORDS["mail1"]})
    assert_no_leak(run)
    problems = misplaced(servers, asked())
    assert "mail1 holds alias team-mail2 of shared.test, which mail2 asks for" in problems, problems
    assert "mail1 holds domain delta.test of delta.test, which mail4 asks for" in problems, problems
    assert "mail3 lacks its user dave-mail3 of charlie.test" in problems, problems
    for host in HOSTS[1:]:
        assert servers[host].counters()["writes"] == 0, host


def test_a_server_without_its_url_fails_alone_before_any_call(servers, tmp_path):
    """mail3's URL is missing while the environment names a server: mail3 fails before any call, the others go on."""
    run = run_playbook(servers, tmp_path, without=["MANY_SERVERS_MAIL3_URL"], env={
        "SMARTERMAIL_URL": servers["mail1"].url, "SMARTERMAIL_USERNAME": ADMIN, "SMARTERMAIL_PASSWORD": PASSWORDS["mail1"]})
    assert run.returncode != 0
    assert_no_leak(run)
    assert "mail3: set smartermail_url, smartermail_username and smartermail_password" in run.stdout, run.tail()
    assert run.recap["mail3"]["failed"] == 1
    assert servers["mail3"].counters() == {"reads": 0, "writes": 0, "wsdl": 0, "unrecognized": 0, "operations": {}}
    want = asked()
    want["mail3"] = before_first_run()["mail3"]
    assert misplaced(servers, want) == []


def test_the_guide_shows_the_tested_playbook():
    """docs/many-servers.md shows this playbook as it is tested (after its licence header)."""
    with open(PLAYBOOK, encoding="utf-8") as handle:
        body = handle.read().split("# SPDX-License-Identifier: GPL-3.0-or-later\n", 1)[1].lstrip("\n")
    with open(GUIDE, encoding="utf-8") as handle:
        guide = handle.read()
    assert "```yaml\n---\n" + body + "```" in guide


def test_the_guide_inventory_holds_no_password():
    """The guide's inventory example: one host per server with its URL, every password a template."""
    with open(GUIDE, encoding="utf-8") as handle:
        guide = handle.read()
    block = re.search(r"```yaml\n(# inventory/hosts.yml\n.*?)```", guide, re.S)
    assert block, "no inventory example in the guide"
    group = yaml.safe_load(block.group(1))["smartermail_servers"]
    assert len(group["hosts"]) > 1
    found = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif "password" in key:
            found.append(value)

    for host in group["hosts"].values():
        assert host["smartermail_url"].startswith("https://")
    walk(group)
    assert found and all(re.fullmatch(r"\{\{ .+ \}\}", value) for value in found), found
