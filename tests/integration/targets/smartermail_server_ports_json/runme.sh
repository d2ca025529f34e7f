#!/usr/bin/env bash
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# tasks/main.yml against an emulator of its own: see ../setup_emulator/run_target.py
exec "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" ../setup_emulator/run_target.py "$@"
