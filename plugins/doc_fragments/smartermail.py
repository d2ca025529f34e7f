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
      - Base URL of the SmarterMail server, for example C(http://mail.example.com:9998).
      - The web services are reached under C(/Services/svcXxx.asmx) below it.
      - If not set, the value of the E(SMARTERMAIL_URL) environment variable is used. One of the two is required.
    type: str
  username:
    description:
      - A system administrator, or a domain administrator given as C(user@domain) (limited to that domain).
      - If not set, the value of the E(SMARTERMAIL_USERNAME) environment variable is used. One of the two is required.
    type: str
  password:
    description:
      - Password of O(username). It is never written to the output.
      - If not set, the value of the E(SMARTERMAIL_PASSWORD) environment variable is used. One of the two is required.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate when O(url) uses C(https).
      - If not set, the value of the E(SMARTERMAIL_VALIDATE_CERTS) environment variable is used, else V(true).
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file with the CA certificate(s) to trust for the server's certificate.
      - If not set, the value of the E(SMARTERMAIL_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer from the server.
      - If not set, the value of the E(SMARTERMAIL_TIMEOUT) environment variable is used, else V(30).
    type: int
    default: 30
  retries:
    description:
      - How many times a read is retried, with exponential backoff, after a transport error or an HTTP 502, 503 or 504.
      - A write is retried only when it certainly never reached the server (connection refused).
      - If not set, the value of the E(SMARTERMAIL_RETRIES) environment variable is used, else V(3).
    type: int
    default: 3
  api:
    description:
      - Which of SmarterMail's APIs the task uses.
      - V(soap) uses the legacy SOAP web services (C(/Services/svcXxx.asmx)), which every module supports.
      - V(json) uses the JSON API (C(/api/v1), SmarterMail builds 100.x) through the module's JSON adapter. A module
        without one, or an option its adapter cannot serve, fails before any call to the server with a message
        naming what is missing and suggesting V(soap). See the JSON API guide (C(docs/json-api.md)) for what each
        module supports.
      - V(auto) probes C(GET /api/v1/licensing/about) (no credentials) once per server and cache lifetime (an hour),
        and uses the JSON API when the server answers it with a SmarterMail version and the module's JSON adapter
        can serve every option of the task, SOAP otherwise (with a warning naming the option when the adapter was
        the reason). On a server that serves only the JSON API, a task the JSON API cannot serve fails before any
        write, with a message naming what the JSON API lacks and why.
      - Every result says which API was used, in the key C(api) (V(soap) or V(json)).
      - If not set, the value of the E(SMARTERMAIL_API) environment variable is used, else V(auto).
      - The default was V(soap) up to version 1.0.0. Set V(soap) to keep a task on the SOAP web services.
    type: str
    choices: [auto, soap, json]
    default: auto
    version_added: 1.0.0
notes:
  - The operation signatures read from each service's WSDL are cached on disk for an hour, in
    C(~/.cache/mailops.smartermail/wsdl) or the folder named by E(SMARTERMAIL_WSDL_CACHE_DIR).
  - Where the work runs. When the task runs on the controller (a C(local) connection, which is also
    what a task delegated to C(localhost) uses), the module's work runs in Ansible's worker process (the fast path,
    several times faster per task) and the controller's Python needs the libraries below; with any
    other connection, C(become) or C(async) the module runs as a module process on the target, whose
    Python needs them. Set the variable C(mailops_smartermail_fast_path=false) (task, play or host) or
    the environment variable E(MAILOPS_SMARTERMAIL_FAST_PATH=0) of ansible-playbook to always run the
    module process. Results are the same on both paths.
requirements:
  - zeep (with lxml), used to read a service's WSDL when it is not yet cached
"""
