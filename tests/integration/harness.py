# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Shared pieces of the integration suite: constants, the playbook runner, the secret scan."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from mailops_emulator.control import EmulatorProcess  # noqa: E402

__all__ = ["ADMIN_PASSWORD", "ADMIN_USER", "BIN", "PLESK_API_KEY", "ROOT", "SECRETS", "EmulatorProcess", "Playbook",
           "assert_no_secret"]

# The virtualenv running pytest also runs ansible-playbook and the modules (make test-oldest
# runs the same suites from another one).
BIN = os.path.dirname(os.path.abspath(sys.executable))
ADMIN_USER = "admin"
# Distinctive, so a leak anywhere in the output is found by a plain search.
# One list for the pytest driver and the targets' runner (targets/setup_emulator/run_target.py):
# the emulator's admin password, its Plesk API key, then the passwords the targets set.
with open(os.path.join(ROOT, "tests", "integration", "targets", "setup_emulator", "secrets.txt"),
          encoding="utf-8") as _handle:
    SECRETS = tuple(line.strip() for line in _handle if line.strip() and not line.startswith("#"))
ADMIN_PASSWORD, PLESK_API_KEY = SECRETS[0], SECRETS[1]


class Playbook:
    def __init__(self, emulator, tmp_path):
        self.emulator = emulator
        self.cache = str(tmp_path / "wsdl-cache")
        self.tmp = str(tmp_path)

    def run(self, path, extra_env=None, extra_vars=None, args=()):
        env = dict(os.environ)
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".build"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "SMARTERMAIL_WSDL_CACHE_DIR": self.cache,
            "PYTHONPATH": os.path.join(ROOT, "tests", "emulator"),
            # Modules run on localhost with the venv's Python, which has lxml and zeep.
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        })
        for name in list(env):
            if name.startswith(("SMARTERMAIL_", "PLESK_")) and name != "SMARTERMAIL_WSDL_CACHE_DIR":
                del env[name]
        env.update(extra_env or {})
        variables = {"emulator_url": self.emulator.url, "admin_user": ADMIN_USER,
                     "admin_password": ADMIN_PASSWORD,
                     # Plesk listener of the same emulator (HTTPS, self-signed; same admin login)
                     "plesk_url": self.emulator.plesk_url, "plesk_ca_path": self.emulator.plesk_ca_path,
                     "plesk_user": ADMIN_USER, "plesk_password": ADMIN_PASSWORD, "plesk_api_key": PLESK_API_KEY}
        variables.update(extra_vars or {})
        cmd = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
               path]
        # Through a file: at -vvvv ansible-playbook prints its command line, -e values included.
        vars_file = os.path.join(self.tmp, "extra-vars-%d.json" % len(os.listdir(self.tmp)))
        with open(vars_file, "w", encoding="utf-8") as handle:
            json.dump(variables, handle)
        cmd += ["-e", "@" + vars_file]
        cmd += list(args)
        proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              check=False)
        return proc


def assert_no_secret(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, "a secret appears in the output"
