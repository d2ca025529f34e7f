# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
options:
  url:
    description:
      - Base URL of the Plesk server, for example C(https://plesk.example.com:8443).
      - The XML API is reached at C(/enterprise/control/agent.php) below it; a URL that already ends
        in C(agent.php) is used as it is.
      - If not set, the value of the E(PLESK_URL) environment variable is used. One of the two is required.
    type: str
  username:
    description:
      - Plesk login, usually C(admin). Sent in the C(HTTP_AUTH_LOGIN) header.
      - If not set, the value of the E(PLESK_USERNAME) environment variable is used.
      - O(username) and O(password), or O(api_key), are required. When both are given, the login is used.
    type: str
  password:
    description:
      - Password of O(username), sent in the C(HTTP_AUTH_PASSWD) header. It is never written to the output.
      - If not set, the value of the E(PLESK_PASSWORD) environment variable is used.
    type: str
  api_key:
    description:
      - A Plesk secret key, sent in the C(KEY) header instead of a login and password.
        Plesk binds each key to the IP address it was created for. It is never written to the output.
      - If not set, the value of the E(PLESK_API_KEY) environment variable is used.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate when O(url) uses C(https).
      - If not set, the value of the E(PLESK_VALIDATE_CERTS) environment variable is used, else V(true).
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file with the CA certificate(s) to trust for the server's certificate.
      - If not set, the value of the E(PLESK_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer from the server.
      - If not set, the value of the E(PLESK_TIMEOUT) environment variable is used, else V(30).
    type: int
    default: 30
  retries:
    description:
      - How many times a packet that only reads is retried, with exponential backoff, after a
        transport error or an HTTP 502, 503 or 504.
      - A packet that changes something is retried only when it certainly never reached the server (connection refused).
      - If not set, the value of the E(PLESK_RETRIES) environment variable is used, else V(3).
    type: int
    default: 3
notes:
  - Talks to the Plesk XML API (C(<spamfilter>) operator, protocol 1.6.x); SpamAssassin must be
    installed on the Plesk server, else every call fails with errcode 1026.
  - Where the work runs. When the task runs on the controller (a C(local) connection, which is also
    what a task delegated to C(localhost) uses), the module's work runs in Ansible's worker process (the fast path,
    several times faster per task) and the controller's Python needs the libraries below; with any
    other connection, C(become) or C(async) the module runs as a module process on the target, whose
    Python needs them. Set the variable C(mailops_smartermail_fast_path=false) (task, play or host) or
    the environment variable E(MAILOPS_SMARTERMAIL_FAST_PATH=0) of ansible-playbook to always run the
    module process. Results are the same on both paths.
requirements:
  - lxml
"""
