# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The connection options and notes both products share, written once.

C(mailops.smartermail.smartermail) and C(mailops.smartermail.plesk) are built from this text with
their own environment variable prefix (C(SMARTERMAIL_), C(PLESK_)) and their own words for a read
and a write; each adds the options only its product has (O(api), O(api_key)) and its notes.
The fragment itself holds the note on where a task's work runs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# {env}: the product's environment variable prefix; {read}/{write}: what a read and a write are
# (a SOAP call or a JSON request, a packet). Indented as options of a fragment's ``options``.
SHARED_OPTIONS = r"""
  validate_certs:
    description:
      - Verify the server's TLS certificate when O(url) uses C(https).
      - If not set, the value of the E({env}VALIDATE_CERTS) environment variable is used, else V(true).
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file with the CA certificate(s) to trust for the server's certificate.
      - If not set, the value of the E({env}CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer from the server.
      - If not set, the value of the E({env}TIMEOUT) environment variable is used, else V(30).
    type: int
    default: 30
  retries:
    description:
      - How many times {read} is retried, with exponential backoff, after a transport error or an HTTP 502, 503 or 504.
      - {write} is retried only when it certainly never reached the server (connection refused).
      - If not set, the value of the E({env}RETRIES) environment variable is used, else V(3).
    type: int
    default: 3
"""

WHERE_IT_RUNS = r"""
  - Where the work runs. When the task runs on the controller (a C(local) connection, which is also
    what a task delegated to C(localhost) uses), the module's work runs in Ansible's worker process (the fast path,
    several times faster per task) and the controller's Python needs the libraries below; with any
    other connection, C(become) or C(async) the module runs as a module process on the target, whose
    Python needs them. Set the variable C(mailops_smartermail_fast_path=false) (task, play or host) or
    the environment variable E(MAILOPS_SMARTERMAIL_FAST_PATH=0) of ansible-playbook to always run the
    module process. Results are the same on both paths.
"""


def shared_options(env, read, write):
    """The shared options' YAML (under ``options:``) for a product."""
    return SHARED_OPTIONS.format(env=env, read=read, write=write).strip("\n") + "\n"


def documentation(own_options, env, read, write, notes, requirements):
    """A product's fragment: its own options first, then the shared ones, its notes, the note on
    where the work runs, and its requirements (all YAML text at the fragment's indentation)."""
    return "\noptions:\n%s%snotes:\n%s%srequirements:\n%s" % (
        own_options.strip("\n") + "\n", shared_options(env, read, write), notes.strip("\n") + "\n",
        WHERE_IT_RUNS.strip("\n") + "\n", requirements.strip("\n") + "\n")


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
options: {}
notes:
""" + WHERE_IT_RUNS.strip("\n") + "\n"
