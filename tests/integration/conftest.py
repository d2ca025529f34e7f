"""Integration tests: ansible-playbook against the live emulator (a real HTTP server process)."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from mailops_emulator.control import EmulatorProcess  # noqa: E402

ADMIN_USER = "admin"
# Distinctive, so a leak anywhere in the output is found by a plain search.
ADMIN_PASSWORD = "Integ-Admin-Pw-7f3c9"
SECRETS = (ADMIN_PASSWORD, "Postmaster-Pw-41b2e", "Domainadmin-Pw-93d1a")


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    state = tmp_path_factory.mktemp("emulator") / "state.json"
    proc = EmulatorProcess(str(state), admin_user=ADMIN_USER, admin_password=ADMIN_PASSWORD)
    proc.start()
    yield proc
    proc.stop()


class Playbook:
    def __init__(self, emulator, tmp_path):
        self.emulator = emulator
        self.cache = str(tmp_path / "wsdl-cache")

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
            "ANSIBLE_PYTHON_INTERPRETER": os.path.join(ROOT, ".venv", "bin", "python"),
        })
        for name in list(env):
            if name.startswith("SMARTERMAIL_") and name != "SMARTERMAIL_WSDL_CACHE_DIR":
                del env[name]
        env.update(extra_env or {})
        variables = {"emulator_url": self.emulator.url, "admin_user": ADMIN_USER,
                     "admin_password": ADMIN_PASSWORD}
        variables.update(extra_vars or {})
        cmd = [os.path.join(ROOT, ".venv", "bin", "ansible-playbook"), "-i", "localhost,", "-c", "local",
               path]
        for key, value in variables.items():
            cmd += ["-e", "%s=%s" % (key, value)]
        cmd += list(args)
        proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              check=False)
        return proc


@pytest.fixture
def playbook(emulator, tmp_path):
    emulator.reset()
    emulator.clear_faults()
    return Playbook(emulator, tmp_path)


def assert_no_secret(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, "a secret appears in the output"
