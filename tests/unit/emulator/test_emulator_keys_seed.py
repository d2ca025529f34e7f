# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""MAILOPS_EMULATOR_KEY_SEED makes the emulator's DKIM keys and object ids repeatable (two runs compared)."""
import os
import subprocess
import sys

EMULATOR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "emulator")
CODE = ("from mailops_emulator.services import _keys; "
        "print(_keys.generate(512)[1]); print(_keys.generate(1024)[1]); print(_keys.new_uuid())")


def keys(seed):
    env = dict(os.environ, PYTHONPATH=EMULATOR)
    env.pop("MAILOPS_EMULATOR_KEY_SEED", None)
    if seed is not None:
        env["MAILOPS_EMULATOR_KEY_SEED"] = seed
    return subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True,
                          check=True).stdout.split()


def test_the_same_seed_gives_the_same_keys_and_none_gives_fresh_ones():
    first, second = keys("one"), keys("one")
    assert first == second and len(first) == 3 and first[0] != first[1]
    assert keys("two") != first
    assert keys(None) != keys(None)
