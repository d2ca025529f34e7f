# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domain aliases over the JSON API (domain-scoped token).

- read: ``GET settings/domain/domain-aliases`` -> ``domainAliasData[]`` (``name``; may be null
  when there is none) [FUSE, ASTRAL, CBX, WGS: several clients agree];
- add: ``POST settings/domain/domain-alias-put/{name}/{checkMx}`` with an empty body [FUSE,
  ASTRAL, CBX]; ``checkMx=false`` is honoured only with a system administrator's token (a domain
  administrator's own token always gets the MX check) [ASTRAL only: single source];
- delete: ``POST settings/domain/domain-alias-delete/{name}`` [FUSE, ASTRAL, CBX].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._json_common import (
    JsonAdapter,
    add_write,
    name_in_use,
    segment,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_domain_alias import DomainAliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._validation import domain_key

ADD = "settings/domain/domain-alias-put/"


class JsonDomainAliasResource(JsonAdapter, DomainAliasResource):
    module = "smartermail_domain_alias"  # every option served

    def read_all(self, client, entries):
        answer = client.get("settings/domain/domain-aliases", scope=self.domain)
        names = set(domain_key(d.get("name")) for d in answer.get("domainAliasData") or [] if isinstance(d, dict))
        return dict((k, {"name": k}) for k in sorted(n for n in names if n))

    def exists_error(self, write, error):
        return write.operation.startswith("POST " + ADD) and name_in_use(error)

    def plan_create(self, plan, entry, desired):
        mx_check = self.params["mx_check"]
        add_write(plan, "create", "%s%s/%s" % (ADD, segment(entry["key"]), "true" if mx_check else "false"),
                  "add domain alias %s to %s%s" % (entry["key"], self.domain, "" if mx_check else " (no MX check)"),
                  entry["key"], self.domain)

    def plan_remove(self, plan, key, current):
        add_write(plan, "remove", "settings/domain/domain-alias-delete/" + segment(key),
                  "delete domain alias %s of %s" % (key, self.domain), key, self.domain)
