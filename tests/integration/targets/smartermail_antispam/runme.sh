#!/usr/bin/env bash
# tasks/main.yml against an emulator of its own: see ../setup_emulator/run_target.py
exec "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" ../setup_emulator/run_target.py "$@"
