# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reliability: TLS, concurrency with 16 forks, an emulator killed with SIGKILL mid-run."""
import os
import subprocess
import time

import pytest

from harness import ADMIN_PASSWORD, ADMIN_USER, BIN, ROOT, EmulatorProcess, assert_no_secret

HERE = os.path.dirname(os.path.abspath(__file__))
WORKERS = ["w%02d" % n for n in range(16)]


@pytest.fixture
def tls_emulator(tmp_path):
    proc = EmulatorProcess(str(tmp_path / "tls-state.json"), tls=True, admin_user=ADMIN_USER,
                           admin_password=ADMIN_PASSWORD)
    proc.start()
    yield proc
    proc.stop()


def test_tls_validation(playbook, tls_emulator):
    assert tls_emulator.url.startswith("https://")
    proc = playbook.run(os.path.join(HERE, "playbooks", "tls.yml"),
                        extra_vars={"tls_url": tls_emulator.url, "tls_ca": tls_emulator.ca_path})
    assert proc.returncode == 0, proc.stdout[-4000:]


def inventory(tmp_path):
    path = tmp_path / "inventory.ini"
    path.write_text("[workers]\n" + "".join("%s ansible_connection=local\n" % w for w in WORKERS))
    return str(path)


def aliases(emulator):
    state = emulator.state()
    return {name: sorted(a.lower() for a in (alias.get("addresses") if isinstance(alias, dict) else alias))
            for name, alias in state["domains"]["forks.test"]["aliases"].items()}


def expected(worker):
    return sorted(["%s@forks.test" % worker, "second-%s@forks.test" % worker])


# what the ten forks of the same-object plays set, as the emulator stores it
DOMAIN_SETTINGS = {"imapport": 1143, "popport": 1110, "smtpport": 2525, "maxaliases": 500, "maxdomainaliases": 7,
                   "maxlists": 8, "maxusers": 900, "maxmessagesize": 4096, "maxrecipients": 250,
                   "showspammenu": False}
USER_FIELDS = {"first_name": "First-w00", "last_name": "Last-w01", "domain_admin": True, "max_mailbox_size_mb": 333,
               "password changed": True, "forwarding.addresses": ["fwd-w05@forks.test"],
               "forwarding.delete_on_forward": True, "auto_responder.enabled": True,
               "auto_responder.subject": "Away w08", "auto_responder.body": "Body w09"}


def test_sixteen_forks(playbook, tmp_path):
    emulator = playbook.emulator
    # Every AddAlias waits 2 s before it runs: the forks creating the same alias all read it
    # missing, so all but one meet "already exists" (the race is certain, not left to timing).
    emulator.fault("svcAliasAdmin", "AddAlias", "delay", seconds=2, count=-1)
    proc = playbook.run(os.path.join(HERE, "playbooks", "concurrency.yml"),
                        args=["-i", inventory(tmp_path), "-f", "16"], extra_vars={"first_run": True},
                        extra_env={"SMARTERMAIL_API": "soap"})  # the race is made on SOAP's AddAlias
    assert proc.returncode == 0, proc.stdout[-4000:]
    found = aliases(emulator)
    state = emulator.state()["domains"]["forks.test"]
    users = state["users"]
    for worker in WORKERS:
        assert found.get(worker) == expected(worker), worker
        user = users["user-%s" % worker]
        assert (user["first_name"], user["last_name"]) == (worker, "updated-%s" % worker), worker
    # sixteen forks created "team": none failed (returncode), one created it, and more than one
    # create reached the server (16 distinct aliases + at least 2 for "team")
    assert found["team"] == ["postmaster@forks.test"]
    assert emulator.counters()["operations"]["svcAliasAdmin.AddAlias"]["writes"] >= 18
    # ten forks changed ten typed options of one domain, ten forks ten fields of one user:
    # every fork's value is on the server
    settings = state["settings"]
    lost = dict(("domain " + k, settings[k]) for k, v in DOMAIN_SETTINGS.items() if settings[k] != v)
    shared = users["shared"]
    fields = {"first_name": shared["first_name"], "last_name": shared["last_name"],
              "domain_admin": shared["is_domain_admin"], "max_mailbox_size_mb": shared["settings"]["maxsize"],
              "password changed": shared["password"] == "Mailbox-Pw-new-77aa",
              "forwarding.addresses": shared["forwarding"]["addresses"],
              "forwarding.delete_on_forward": shared["forwarding"]["delete_on_forward"],
              "auto_responder.enabled": shared["auto_response"]["enabled"],
              "auto_responder.subject": shared["auto_response"]["subject"],
              "auto_responder.body": shared["auto_response"]["body"]}
    lost.update(("user " + k, v) for k, v in fields.items() if v != USER_FIELDS[k])
    assert lost == {}, "values lost to a concurrent fork: %s" % lost


def acknowledged_addresses(output):
    """From the default callback's output: the addresses each worker's last finished task set."""
    values = {}
    task = None
    for line in output.splitlines():
        if line.startswith("TASK ["):
            task = line[6:line.index("]")]
            continue
        for status in ("ok: [", "changed: ["):
            if line.startswith(status) and task in ("Create my alias", "Update my alias"):
                host = line[len(status):line.index("]")]
                if host in WORKERS:
                    values[host] = ["%s@forks.test" % host] if task == "Create my alias" else expected(host)
    return values


def test_sigkill_mid_run_loses_nothing_acknowledged(playbook, tmp_path):
    emulator = playbook.emulator
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".build"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, "python"),
               SMARTERMAIL_WSDL_CACHE_DIR=str(tmp_path / "wsdl"), ANSIBLE_LOCALHOST_WARNING="0")
    cmd = [os.path.join(BIN, "ansible-playbook"), "-c", "local", "-i", inventory(tmp_path), "-i", "localhost,", "-f", "16",
           os.path.join(HERE, "playbooks", "concurrency.yml"),
           "-e", "emulator_url=%s" % emulator.url, "-e", "admin_user=%s" % ADMIN_USER,
           "-e", "admin_password=%s" % ADMIN_PASSWORD]
    with subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as run:
        deadline = time.time() + 60
        while time.time() < deadline and emulator.counters()["writes"] < 6 and run.poll() is None:
            time.sleep(0.05)
        emulator.kill9()
        emulator.restart()
        out, err = run.communicate(timeout=300)
    assert_no_secret(out, err)
    acknowledged = acknowledged_addresses(out)
    assert acknowledged, "no task finished around the kill: the test proves nothing\n" + out[-3000:] + err[-2000:]
    found = aliases(emulator)
    for host, addresses in acknowledged.items():
        # The last acknowledged value of each alias survived the kill (a later, unacknowledged
        # write may have gone further, never back).
        assert set(addresses) <= set(found.get(host, [])), host
    # A second run converges every object.
    again = playbook.run(os.path.join(HERE, "playbooks", "concurrency.yml"),
                         args=["-i", inventory(tmp_path), "-f", "16"])
    assert again.returncode == 0, again.stdout[-4000:]
    found = aliases(emulator)
    assert all(found.get(w) == expected(w) for w in WORKERS)


# ------------------------------------------------------------------ 16 forks, one list
# Each family: its olds (there before; the purging forks remove them), what each fork adds, the keep
# entries, and how the list is read from the emulator's state. The purging forks (every other one)
# use the list form with purge and keep; the others add only, with single calls.
OLDS = ["old-%02d" % n for n in range(1, 13)]
PURGING = WORKERS[::2]


def _ip(worker):
    return "192.0.2.%d" % (WORKERS.index(worker) + 1)


def _server_list(name, field=None):
    def read(state):
        return sorted((e[field] if field else e).lower() for e in state["server"].get(name) or [])
    return read


FAMILIES = {
    "subscribers": dict(
        olds=["%s@elsewhere.test" % o for o in OLDS],
        add=lambda w: ["%s@forks.test" % w],
        keep=lambda w: "%s@forks.test" % w,
        read=lambda state: sorted(a.lower() for a in state["domains"]["forks.test"]["mailing_lists"]["team"][
            "subscribers"]),
        # more than ten changes: a fresh read and one SetSubscriberList2; one addition: AddSubscriber
        calls=("svcMailListAdmin.SetSubscriberList2", "svcMailListAdmin.AddSubscriber"),
        json_calls=("json:POST settings/domain/mailing-lists/{list_id}/{which}-{action}",)),
    "ip_blacklist": dict(
        olds=[{"ip_address": "198.51.100.%d" % n} for n in range(1, 13)],
        add=lambda w: [{"ip_address": _ip(w)}],
        keep=_ip,
        read=_server_list("ids_blacklist", "ip"),
        calls=("svcServerAdmin.SetBlacklistEntry",),
        json_calls=("json:POST settings/sysadmin/ip-access", "json:POST settings/sysadmin/ip-access-delete")),
    "ip_whitelist": dict(
        olds=[{"ip_address": "198.51.100.%d" % n} for n in range(1, 13)],
        add=lambda w: [{"ip_address": _ip(w)}],
        keep=_ip,
        read=_server_list("ids_whitelist", "ip"),
        calls=("svcServerAdmin.SetWhitelistEntry2",),
        json_calls=("json:POST settings/sysadmin/ip-access", "json:POST settings/sysadmin/ip-access-delete")),
    "forwarding_blacklist": dict(
        olds=["%s.elsewhere.test" % o for o in OLDS],
        add=lambda w: ["%s.forks.test" % w],
        keep=lambda w: "%s.forks.test" % w,
        read=_server_list("forwarding_blacklist"),
        calls=("svcServerAdmin.AddForwardingBlacklistEntry", "svcServerAdmin.DeleteForwardingBlacklistEntry")),
}
PATHS = {"fast": ("fast path: running", {}),
         "module": ("module path: running", {"MAILOPS_SMARTERMAIL_FAST_PATH": "0"})}


# each family over SOAP, and over the JSON API where it has an adapter (the emulator serves both)
CASES = [(family, api) for family in sorted(FAMILIES) for api in ("soap", "json")
         if api == "soap" or "json_calls" in FAMILIES[family]]


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("family,api", CASES)
def test_sixteen_forks_add_to_one_list(playbook, tmp_path, family, api, path):
    """16 forks add to one list at once, half of them purging what was there: no addition is lost."""
    emulator, spec = playbook.emulator, FAMILIES[family]
    marker, env = PATHS[path]
    env = dict(env, SMARTERMAIL_API=api)
    everyone = [spec["keep"](w) for w in WORKERS]
    variables = {"family": family, "olds": spec["olds"], "additions": dict((w, spec["add"](w)) for w in WORKERS),
                 "everyone": everyone, "purging": PURGING}
    # A whole-list write waits 1 s on the server after its fresh read was answered: a single
    # write of another fork that is not held back by the list's lock lands in that window.
    emulator.fault("svcMailListAdmin", "SetSubscriberList2", "delay", seconds=1, count=-1)
    proc = playbook.run(os.path.join(HERE, "playbooks", "concurrent_lists.yml"),
                        args=["-i", inventory(tmp_path), "-f", "16", "-vvv"], extra_vars=variables, extra_env=env)
    failures = [line.strip()[:2000] for line in proc.stdout.splitlines() if "FAILED!" in line or '"msg":' in line]
    assert proc.returncode == 0, "\n".join(failures) + proc.stdout[-3000:]
    assert_no_secret(proc.stdout, proc.stderr)
    assert proc.stdout.count(marker) >= 16, "the tasks did not take the %s path" % path
    found = spec["read"](emulator.state())
    lost = sorted(set(everyone) - set(found))
    assert lost == [], "%d of %d additions lost to a concurrent fork: %s" % (len(lost), len(everyone), lost)
    assert found == sorted(everyone)  # and the olds were purged
    # the calls that race were made (else the test proves nothing)
    operations = emulator.counters()["operations"]
    for call in spec["calls" if api == "soap" else "json_calls"]:
        assert operations.get(call, {}).get("writes"), "no %s was made" % call
