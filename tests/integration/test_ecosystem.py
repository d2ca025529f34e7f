# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection as users get it: built tarball, installed copy, env-only credentials, EE context."""
import os
import subprocess
import tarfile

from harness import ADMIN_PASSWORD, ADMIN_USER, BIN, ROOT, assert_no_secret
HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False, **kwargs)
    assert proc.returncode == 0, "%s failed:\n%s" % (" ".join(cmd), proc.stdout[-4000:])
    return proc


def build_tarball(dest):
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(dest), ROOT],
        cwd=ROOT)
    tarballs = [p for p in os.listdir(dest) if p.endswith(".tar.gz")]
    assert len(tarballs) == 1
    return os.path.join(str(dest), tarballs[0])


def test_tarball_ships_the_tests_not_the_tooling_and_installs(playbook, tmp_path):
    tarball = build_tarball(tmp_path / "dist")
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    # What users and Automation Hub need: the content, the licence, the tests (ansible-test runs them
    # in an installed copy; the integration targets start the emulator) and the docsite config.
    for wanted in ("plugins/modules/smartermail_domain.py", "meta/runtime.yml", "COPYING",
                   "LICENSES/GPL-3.0-or-later.txt", "CHANGELOG.md", "changelogs/changelog.yaml",
                   "tests/unit/requirements.txt", "tests/integration/targets/setup_emulator/run_target.py",
                   "tests/integration/targets/smartermail_domain/tasks/main.yml",
                   "tests/emulator/mailops_emulator/catalog.json", "docs/docsite/extra-docs.yml",
                   "docs/docsite/links.yml"):
        assert wanted in names, wanted
    for unwanted in (".venv", ".build", "scripts", ".git", "Makefile", "tests/output", "benchmarks", ".emulator"):
        assert not any(n == unwanted or n.startswith(unwanted + "/") for n in names), unwanted
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    collections = tmp_path / "collections"
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--force", "-p", str(collections), tarball])
    proc = playbook.run(os.path.join(HERE, "playbooks", "installed_copy.yml"),
                        extra_env={"ANSIBLE_COLLECTIONS_PATH": str(collections)})
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert str(collections) in proc.stdout or "ok=" in proc.stdout


def test_credentials_from_the_environment_only(playbook):
    env = {"SMARTERMAIL_URL": playbook.emulator.url, "SMARTERMAIL_USERNAME": ADMIN_USER,
           "SMARTERMAIL_PASSWORD": ADMIN_PASSWORD}
    proc = playbook.run(os.path.join(HERE, "playbooks", "env_only.yml"), extra_env=env, args=["-vvv"])
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert_no_secret(proc.stdout, proc.stderr)


def test_ansible_builder_creates_a_build_context(tmp_path):
    tarball = build_tarball(tmp_path / "dist")
    definition = tmp_path / "execution-environment.yml"
    definition.write_text(
        "---\nversion: 3\n"
        "images:\n  base_image:\n    name: registry.example.test/ee-minimal:latest\n"
        "dependencies:\n"
        "  ansible_core:\n    package_pip: ansible-core==2.19.14\n"
        "  ansible_runner:\n    package_pip: ansible-runner==2.4.3\n"
        "  galaxy:\n    collections:\n      - name: %s\n        type: file\n" % tarball)
    context = tmp_path / "context"
    run([os.path.join(BIN, "ansible-builder"), "create", "-f", str(definition), "-c", str(context),
         "--output-filename", "Containerfile"])
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy" in containerfile
    assert os.path.isfile(str(context / "_build" / "requirements.yml"))
