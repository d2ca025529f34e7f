# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Plesk's connection options and notes (the options both products share: ``connection.py``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.doc_fragments.connection import documentation


class ModuleDocFragment(object):

    DOCUMENTATION = documentation(r"""
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
""", env="PLESK_", read="a packet that only reads", write="A packet that changes something", notes=r"""
  - Talks to the Plesk XML API (C(<spamfilter>) operator, protocol 1.6.x); SpamAssassin must be
    installed on the Plesk server, else every call fails with errcode 1026.
""", requirements=r"""
  - lxml
""")
