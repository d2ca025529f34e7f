# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Makefile's entry points as a user runs them: `make demo`, `make emulator`, and every
target `make help` lists.

The make processes run in the repository with the virtualenv and the collection copy that `make
test` has already made (the demo's `collection` step then copies nothing). They get an
environment without the calling make's MAKEFLAGS, so they never join its job server.
"""
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAKE = shutil.which("make")
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
MAKE_VARIABLES = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR")

pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def make_env(**extra):
    env = dict((k, v) for k, v in os.environ.items() if k not in MAKE_VARIABLES)
    env.update(extra)
    return env


def run_make(*args, timeout=1200, **env):
    return subprocess.run([MAKE, "--no-print-directory"] + list(args), cwd=ROOT, env=make_env(**env),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=timeout, check=False)


def process_state(pid):
    """The state letter of a process (R, S, Z, ...), None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def alive(pid):
    return process_state(pid) not in (None, "Z", "X")


def wait_gone(pid, seconds=30):
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not alive(pid)


def group_members(pgid):
    """PIDs of the live processes in process group ``pgid`` (with their command lines)."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open("/proc/%s/cmdline" % name, "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            found[int(name)] = cmdline
    return found


# ---------------------------------------------------------------------------------- make help
def help_targets():
    """The targets `make help` lists: `make a, b   text` and `make a      text` lines."""
    out = run_make("help", timeout=120)
    assert out.returncode == 0, out.stdout
    targets = []
    for line in out.stdout.splitlines():
        if not line.startswith("make "):
            continue
        head = re.split(r"\s{2,}", line[len("make "):], maxsplit=1)[0]
        for name in head.split(","):
            name = name.strip()
            assert re.match(r"^[A-Za-z0-9_.-]+$", name), "cannot read a target in %r" % line
            targets.append(name)
    return targets


def rules():
    """target -> (prerequisites, has a recipe of its own, phony), from make's database."""
    out = run_make("-pq", "-R", "-r", "help", timeout=120)
    database = out.stdout.split("\n# Files\n", 1)[1]
    found = {}
    for block in database.split("\n\n"):
        lines = [line for line in block.splitlines() if line]
        if not lines or lines[0].startswith("#"):
            continue  # "# Not a target:" blocks and the like
        match = re.match(r"^([^:#=\s][^:=]*?):{1,2}(?!=)\s*(.*)$", lines[0])
        if not match:
            continue
        prerequisites = match.group(2).replace("|", " ").split()
        found[match.group(1)] = (prerequisites, any(line.startswith("#  recipe to execute") for line in lines),
                                 any(line.startswith("#  Phony target") for line in lines))
    return found


def test_every_target_make_help_lists_does_something():
    """A listed target has a recipe of its own, or names a file target that has one (`venv` names
    .venv/.installed). A phony target without a recipe, or whose prerequisites are only other
    phony targets, does nothing of its own: make says "Nothing to be done" and exits 0."""
    targets = help_targets()
    assert {"demo", "emulator", "test", "venv"} <= set(targets), targets
    known = rules()
    idle = []
    for name in targets:
        prerequisites, recipe, dummy = known.get(name, ([], False, True))
        if recipe:
            continue
        if any(p in known and known[p][1] and not known[p][2] for p in prerequisites):
            continue
        idle.append(name)
    assert not idle, "make help lists targets that have no recipe: %s" % ", ".join(idle)


# ---------------------------------------------------------------------------------- make demo
def recaps(output):
    return [dict(zip(("ok", "changed", "unreachable", "failed"), map(int, m))) for m in RECAP.findall(output)]


def demo_pid(output):
    match = re.search(r"emulator listening on \S+ \(pid (\d+)\)", output)
    assert match, output[-3000:]
    return int(match.group(1))


def test_make_demo_changes_then_changes_nothing():
    result = run_make("demo")
    out = result.stdout
    assert result.returncode == 0, out[-6000:]
    runs = recaps(out)
    assert len(runs) == 3, out[-6000:]
    first, second, check = runs
    assert first["changed"] > 0 and first["failed"] == 0 and first["unreachable"] == 0
    assert second["changed"] == 0 and second["failed"] == 0
    assert check["changed"] == 0 and check["failed"] == 0
    assert "the --check run wrote 0" in out
    # no task names an API: the mailbox went over the JSON API, the domain's requested settings over
    # SOAP with a warning saying why (as the README says); the play ends pointing at the quickstart
    assert "mailbox alice@example.com over the json API" in out
    assert "api auto: using SOAP: settings cannot be managed over the JSON API by smartermail_domain" in out
    assert "docs/quickstart.md" in out.rsplit("PLAY RECAP", 1)[0].rsplit("TASK [", 1)[1]
    pid = demo_pid(out)
    assert "emulator stopped (pid %d)" % pid in out
    assert wait_gone(pid), "the demo's emulator (pid %d) still runs" % pid


def test_make_demo_stops_the_emulator_when_the_playbook_fails():
    # An empty postmaster password fails the first task (before any call to the server).
    result = run_make("demo", DEMO_POSTMASTER_PASSWORD="")
    out = result.stdout
    assert result.returncode != 0, out[-6000:]
    assert "demo: first run: creates the domain" in out and "failed (ansible-playbook exit code 2)" in out
    assert [r["failed"] for r in recaps(out)] == [1], out[-6000:]
    pid = demo_pid(out)
    assert "emulator stopped (pid %d)" % pid in out
    assert wait_gone(pid), "the demo's emulator (pid %d) still runs" % pid


# ------------------------------------------------------------------------------- make emulator
def free_ports(count):
    """``count`` distinct free ports on 127.0.0.1, never the documented defaults."""
    ports, sockets = [], []
    try:
        while len(ports) < count:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
            port = sock.getsockname()[1]
            if port not in (9998, 8443):
                ports.append(port)
    finally:
        for sock in sockets:
            sock.close()
    return ports


def fetch(url, data=None, headers=None, context=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    with urllib.request.urlopen(req, timeout=10, context=context) as resp:
        return resp.status, resp.read()


def wait_for(url, proc, log_path, seconds=300):
    """The first answer of ``url``; fails when make exits first or nothing answers in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            with open(log_path, encoding="utf-8", errors="replace") as fh:
                pytest.fail("make emulator exited (%s) before serving:\n%s" % (proc.returncode, fh.read()[-4000:]))
        try:
            return fetch(url)
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail("nothing answered %s" % url)


def test_make_emulator_serves_soap_json_and_plesk_until_stopped_by_pid(tmp_path):
    port, plesk_port = free_ports(2)
    state = tmp_path / "sandbox" / "state.json"
    log_path = str(tmp_path / "make-emulator.log")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([MAKE, "--no-print-directory", "emulator", "EMULATOR_PORT=%d" % port,
                                 "PLESK_PORT=%d" % plesk_port, "EMULATOR_STATE=%s" % state],
                                cwd=ROOT, env=make_env(), stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = "http://127.0.0.1:%d" % port
        status, wsdl = wait_for(base + "/Services/svcDomainAdmin.asmx?WSDL", proc, log_path)
        assert status == 200 and b"wsdl:definitions" in wsdl and b"AddDomain" in wsdl
        status, about = fetch(base + "/api/v1/licensing/about")
        assert status == 200 and json.loads(about)["version"]
        # admin/admin, as the docs say, on the JSON API
        status, login = fetch(base + "/api/v1/auth/authenticate-user",
                              json.dumps({"username": "admin", "password": "admin"}).encode(),
                              {"Content-Type": "application/json"})
        assert status == 200 and json.loads(login).get("success") is True, login
        # Plesk's XML API over HTTPS, its certificate in the state's folder
        context = ssl.create_default_context(cafile=str(state.parent / "emulator-tls" / "emulator-cert.pem"))
        status, answer = fetch("https://127.0.0.1:%d/enterprise/control/agent.php" % plesk_port,
                               b"<packet><spamfilter><get><filter><username>admin</username></filter></get>"
                               b"</spamfilter></packet>",
                               {"Content-Type": "text/xml", "HTTP_AUTH_LOGIN": "admin", "HTTP_AUTH_PASSWD": "admin"},
                               context)
        assert status == 200 and b"<status>ok</status>" in answer, answer
        members = group_members(proc.pid)
        emulators = [pid for pid, cmd in members.items() if "mailops_emulator" in cmd]
        assert len(emulators) == 1 and "--port %d" % port in members[emulators[0]], members
    finally:
        # Stopped by PID: the process group of the make started above (the emulator is in it).
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
            pytest.fail("make emulator did not stop on SIGTERM")
    left = group_members(proc.pid)
    for pid in emulators:
        if not wait_gone(pid):
            os.kill(pid, signal.SIGKILL)
            pytest.fail("the emulator (pid %d) outlived make emulator" % pid)
    assert not left or all(not alive(pid) for pid in left), left
    with open(log_path, encoding="utf-8", errors="replace") as fh:
        log_text = fh.read()
    assert "mailops-emulator listening on http://127.0.0.1:%d" % port in log_text
    assert "mailops-emulator plesk listening on https://127.0.0.1:%d" % plesk_port in log_text
    assert "mailops_emulator: stopped" in log_text, log_text[-3000:]
