# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run one integration target against an emulator of its own; every target's runme.sh calls this.

    cd tests/integration/targets/<name> && ./runme.sh [ansible-playbook options]

From the target's directory (the current directory) it:

1. starts the emulator (``tests/emulator``, found by walking up from here, or
   ``MAILOPS_EMULATOR_DIR``) with a fresh state on free loopback ports (SOAP over HTTP, Plesk over
   HTTPS), admin password and Plesk key through the environment, never on a command line;
2. runs the target's ``tasks/main.yml`` as a role on the controller (or its ``playbook.yml`` as it
   is, for a target whose subject is one of the collection's playbooks) (a ``local`` connection:
   the emulator listens on the controller's loopback) with ``-vvvv --diff``, the connection
   values as variables (``emulator_url``, ``admin_user``, ``admin_password``, ``plesk_url``,
   ``plesk_ca_path``, ``plesk_user``, ``plesk_password``, ``plesk_api_key``, ``output_dir``) plus
   ``tests/integration/integration_config.yml`` when it exists;
3. fails when the playbook fails, when a secret of ``secrets.txt`` appears in the output or in
   the emulator's log, or when the tasks did not take the path asked for (the fast path unless
   ``MAILOPS_SMARTERMAIL_FAST_PATH`` or the variable ``mailops_smartermail_fast_path`` says no);
4. stops the emulator by PID (it also stops by itself when this process is gone).

ansible-test integration runs it through each target's runme.sh; the pytest driver
(tests/integration/test_playbooks*.py) runs the same runme.sh, once per path.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ADMIN_USER = "admin"
FAST_PATH_ENV = "MAILOPS_SMARTERMAIL_FAST_PATH"
FAST_PATH_VAR = "mailops_smartermail_fast_path"
FAST_MARK = "mailops.smartermail: fast path: running"
MODULE_MARK = "mailops.smartermail: module path: running"
FALSE = ("0", "false", "no", "off", "n", "f")


def fail(message):
    sys.stderr.write("run_target: %s\n" % message)
    sys.exit(1)


def read_secrets():
    with open(os.path.join(HERE, "secrets.txt"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def find_tests_dir(start):
    """The collection's tests/ folder that holds the emulator: above the target (ansible-test copies
    the targets to tests/output/.tmp/ inside the collection, the emulator stays in tests/emulator)."""
    if os.environ.get("MAILOPS_EMULATOR_DIR"):
        return os.path.dirname(os.path.abspath(os.environ["MAILOPS_EMULATOR_DIR"]))
    folder = start
    while True:
        if os.path.isfile(os.path.join(folder, "tests", "emulator", "mailops_emulator", "__init__.py")):
            return os.path.join(folder, "tests")
        parent = os.path.dirname(folder)
        if parent == folder:
            fail("no tests/emulator/mailops_emulator above %s (set MAILOPS_EMULATOR_DIR)" % start)
        folder = parent


def integration_config(target_dir):
    path = os.path.join(os.path.dirname(os.path.dirname(target_dir)), "integration_config.yml")
    if not os.path.isfile(path):
        return {}
    import yaml  # ansible-core's dependency, so present wherever ansible-playbook is

    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def netloc(url):
    """host:port of a URL."""
    return url.split("://", 1)[-1].split("/", 1)[0]


def fast_path_wanted(variables):
    if variables.get(FAST_PATH_VAR) is not None:
        return str(variables[FAST_PATH_VAR]).lower() not in FALSE
    return os.environ.get(FAST_PATH_ENV, "").lower() not in FALSE


def main(argv):
    target_dir = os.getcwd()
    name = os.path.basename(target_dir)
    # A target is tasks (tasks/main.yml, run as a role) or, when what it tests is a playbook of the
    # collection (imported by its FQCN), a playbook of its own (playbook.yml, run as it is).
    own_playbook = os.path.join(target_dir, "playbook.yml")
    if not os.path.isfile(os.path.join(target_dir, "tasks", "main.yml")) and not os.path.isfile(own_playbook):
        fail("%s has neither tasks/main.yml nor playbook.yml" % target_dir)
    tests_dir = find_tests_dir(target_dir)
    sys.path.insert(0, os.path.join(tests_dir, "emulator"))
    from mailops_emulator.control import EmulatorProcess  # pylint: disable=import-error

    secrets = read_secrets()
    admin_password, plesk_api_key = secrets[0], secrets[1]
    base = os.environ.get("OUTPUT_DIR") or tempfile.gettempdir()
    os.makedirs(base, exist_ok=True)
    work = tempfile.mkdtemp(prefix="%s-" % name, dir=base)

    variables = {"output_dir": work, "admin_user": ADMIN_USER, "admin_password": admin_password,
                 "plesk_user": ADMIN_USER, "plesk_password": admin_password, "plesk_api_key": plesk_api_key}
    variables.update(integration_config(target_dir))
    fast = fast_path_wanted(variables)

    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("SMARTERMAIL_", "PLESK_")))
    collection = os.path.dirname(tests_dir)
    if "ANSIBLE_COLLECTIONS_PATH" not in env and collection.replace(os.sep, "/").endswith(
            "/ansible_collections/mailops/smartermail"):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(collection)))
    env.update({"SMARTERMAIL_WSDL_CACHE_DIR": os.path.join(work, "wsdl-cache"), "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_LOCALHOST_WARNING": "0",
                "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0"})
    # ansible-test points ANSIBLE_INVENTORY and ANSIBLE_PYTHON_INTERPRETER at placeholders: the
    # inventory below names the controller and the Python that runs this (it has zeep and lxml).
    env.pop("ANSIBLE_INVENTORY", None)
    env.pop("ANSIBLE_PYTHON_INTERPRETER", None)
    if env.get("MAILOPS_RESULTS_FILE"):
        # tests/integration/test_playbooks.py compares the results of both paths (callback_plugins/)
        env["ANSIBLE_CALLBACK_PLUGINS"] = os.path.join(HERE, "callback_plugins")
        env["ANSIBLE_CALLBACKS_ENABLED"] = "mailops_results"

    emulator_env = None
    if env.get("MAILOPS_RESULTS_FILE"):
        # results compared between two runs: the emulator generates the same keys in both
        emulator_env = dict(os.environ, MAILOPS_EMULATOR_KEY_SEED="compare-both-paths")
    emulator = EmulatorProcess(os.path.join(work, "state.json"), admin_user=ADMIN_USER,
                               admin_password=admin_password, plesk=True, plesk_api_key=plesk_api_key,
                               env=emulator_env)
    emulator.start()
    try:
        variables.update({"emulator_url": emulator.url, "plesk_url": emulator.plesk_url,
                          "plesk_ca_path": emulator.plesk_ca_path})
        paths = {}
        for key, content in (
                ("inventory", "controller ansible_connection=local ansible_python_interpreter=%s\n"
                 % json.dumps(sys.executable)),
                ("vars.json", json.dumps(variables)),
                ("playbook.yml", json.dumps([{"name": "Integration target %s" % name, "hosts": "controller",
                                              "gather_facts": False, "roles": [{"role": target_dir}]}]))):
            paths[key] = os.path.join(work, key)
            with open(paths[key], "w", encoding="utf-8") as handle:
                handle.write(content)
        playbook = own_playbook if os.path.isfile(own_playbook) else paths["playbook.yml"]
        cmd = ["ansible-playbook", "-i", paths["inventory"], playbook, "-e", "@" + paths["vars.json"],
               "-vvvv", "--diff"]
        cmd += [arg for arg in argv if not (arg.startswith("-v") and set(arg[1:]) == {"v"})]
        print("run_target: %s on the %s path, emulator %s (pid %s)" % (
            name, "fast" if fast else "module", emulator.url, emulator.pid))
        sys.stdout.flush()
        proc = subprocess.run(cmd, cwd=target_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, check=False)
    finally:
        emulator.stop()
    with open(os.path.join(work, "ansible-playbook.log"), "w", encoding="utf-8") as handle:
        handle.write(proc.stdout + proc.stderr)

    problems = []
    if proc.returncode != 0 or "failed=0" not in proc.stdout:
        problems.append("ansible-playbook failed (exit code %s)" % proc.returncode)
    with open(emulator.log_path, encoding="utf-8", errors="replace") as handle:
        emulator_log = handle.read()
    for where, text in (("the output", proc.stdout + proc.stderr), ("the emulator log", emulator_log)):
        if any(secret in text for secret in secrets):
            problems.append("a secret appears in %s" % where)
    if fast and FAST_MARK not in proc.stdout:
        problems.append("no task took the fast path")
    if not fast and (FAST_MARK in proc.stdout or MODULE_MARK not in proc.stdout):
        problems.append("the module path was asked for, but tasks took the fast path")

    lines = proc.stdout.splitlines()
    recap = lines[next((i for i in range(len(lines) - 1, -1, -1) if lines[i].startswith("PLAY RECAP")), -1):]
    if problems:
        shown = "\n".join(lines[-150:]) + "\n" + proc.stderr[-3000:]
        for secret in secrets:
            shown = shown.replace(secret, "********")
        print(shown)
        fail("%s: %s (full log: %s)" % (name, "; ".join(problems), os.path.join(work, "ansible-playbook.log")))
    print("\n".join(recap))
    if env.get("MAILOPS_RESULTS_FILE") and os.path.isfile(env["MAILOPS_RESULTS_FILE"]):
        # What differs between two runs by construction (the emulator's ports, this run's folder)
        # is written as placeholders, so the results of two runs can be compared.
        with open(env["MAILOPS_RESULTS_FILE"], encoding="utf-8") as handle:
            text = handle.read()
        for value, placeholder in ((emulator.plesk_url, "PLESK_URL"), (emulator.url, "EMULATOR_URL"),
                                   (netloc(emulator.plesk_url), "PLESK_HOST"), (netloc(emulator.url), "EMULATOR_HOST"),
                                   (str(emulator.plesk_ca_path or ""), "PLESK_CA_PATH"), (work, "WORK_DIR")):
            if value:
                text = text.replace(json.dumps(value)[1:-1], placeholder)
        # so are the server's clock readings (creation and login times) taken during each run
        text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?", "TIMESTAMP", text)
        text = re.sub(r'"uptime_seconds": \d+', '"uptime_seconds": "UPTIME"', text)
        with open(env["MAILOPS_RESULTS_FILE"], "w", encoding="utf-8") as handle:
            handle.write(text)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
