#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_alias
short_description: Manage the aliases of a SmarterMail domain
version_added: 0.1.0
description:
  - Create, update and delete one alias of a SmarterMail domain, with its addresses compared as a set.
  - Set or clear the domain's catch-all alias.
  - Deleting the alias that is the catch-all (with O(state=absent), or by O(purge)) first clears the domain's
    catch-all, in the same task, before any alias is deleted; RV(changes) names that write. Check mode and
    C(--diff) show it.
  - Manage many aliases of one domain in a single task with O(aliases), reading them once and
    writing only the differences; with O(purge) remove the aliases not listed, except those in O(keep).
notes:
  - Over the JSON API (O(api=json), or O(api=auto) on a 100.x server) every option is served; a task that manages or
    needs the catch-all reads it with a system administrator's endpoint, so it needs a system administrator's login.
    See the JSON API guide (C(docs/json-api.md)).
  - When C(AddAlias) answers that the alias already exists because another task created it after this
    task read the aliases, the module reads it again and updates its addresses if they differ, instead of
    failing; the task reports a change only if it wrote one. A name taken by a user or a mailing list is
    still an error.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
  - mailops.smartermail.attributes.BULK
  - mailops.smartermail.estate
  - mailops.smartermail.estate.PARALLEL
options:
  domain:
    description:
      - The domain the aliases belong to, for example C(example.com).
      - Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the
        server holds and the result shows; a trailing dot and the case are ignored.
      - The domain part of O(addresses) is converted the same way; alias names are ASCII only.
      - Required, unless every entry of O(aliases) names its own O(aliases[].domain).
    type: str
  name:
    description:
      - Name of one alias, bare (C(sales)) or with the domain (C(sales@example.com)).
      - Alias names (like O(keep) entries and addresses) compare without case; they are shown in lower case.
      - Mutually exclusive with O(aliases).
    type: str
  aliases:
    description:
      - Many aliases of O(domain) in one task. Mutually exclusive with O(name), O(addresses) and O(catch_all) (the
        options of one alias).
      - The aliases are read with one call; only the differences are written.
      - An empty list (an empty inventory variable) changes nothing (the list is still read, to be returned); with
        O(purge) it removes every alias not in O(keep).
    type: list
    elements: dict
    suboptions:
      domain:
        description:
          - The domain of this entry, instead of O(domain).
          - 'When an entry names its domain, the task covers every domain its entries name, O(domain) and O(domains):
            each is validated before any call, read and planned O(parallel_reads) at a time, then written one domain
            after the other in the order of their names, and with O(purge) each is purged of what it does not list.
            The result gives each object its C(domain) and names objects C(name@domain) in its summaries and diff
            (which holds only the objects that change).'
          - O(keep) entries C(name@domain) keep in that domain only, a bare name in every domain of the task.
        type: str
      name:
        description: Name of the alias, bare or with the domain.
        type: str
        required: true
      addresses:
        description: The addresses of the alias (set semantics). Required to create it.
        type: list
        elements: str
      catch_all:
        description: V(true) makes this alias the catch-all (at most one entry); V(false) clears it if it is this
          alias.
        type: bool
      state:
        description: Whether this alias should exist.
        type: str
        choices: [present, absent]
        default: present
  addresses:
    description:
      - The e-mail addresses the alias delivers to. The alias ends up with exactly these addresses; their order
        and case do not matter.
      - Required to create an alias. When omitted for an existing alias, its addresses are left as they are.
    type: list
    elements: str
  catch_all:
    description:
      - V(true) makes this alias the domain's catch-all; V(false) clears the catch-all if it is this alias.
      - When omitted, the catch-all is left as it is.
    type: bool
  state:
    description: Whether the alias named in O(name) should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: mailops.smartermail.smartermail_domain
  - module: mailops.smartermail.smartermail_domain_info
"""

EXAMPLES = r"""
- name: Sales alias delivers to two people
  mailops.smartermail.smartermail_alias:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    domain: example.com
    name: sales
    addresses:
      - alice@example.com
      - bob@example.com

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Make "sales" the catch-all
  mailops.smartermail.smartermail_alias:
    domain: example.com
    name: sales
    catch_all: true

- name: All aliases of a domain in one task, removing the others except the alias abuse
  mailops.smartermail.smartermail_alias:
    domain: example.com
    aliases:
      - name: info
        addresses: [alice@example.com]
      - name: support
        addresses: [bob@example.com, carol@example.com]
    purge: true
    keep: [abuse]

- name: Remove an alias
  mailops.smartermail.smartermail_alias:
    domain: example.com
    name: oldteam
    state: absent

- name: The aliases of many domains in one task, removing the others except abuse in every domain
  mailops.smartermail.smartermail_alias:
    aliases:
      - {domain: example.com, name: info, addresses: [alice@example.com]}
      - {domain: example.net, name: info, addresses: [bob@example.net]}
    domains: [example.org]
    purge: true
    keep: [abuse]
"""

RETURN = r"""
alias:
  description: The alias after the task (empty when it was deleted). Returned with O(name).
  returned: when O(name) is used
  type: dict
  contains:
    name:
      description: Bare name of the alias.
      type: str
    addresses:
      description: Addresses, sorted and in lower case.
      type: list
      elements: str
    catch_all:
      description:
        - Whether the alias is the domain's catch-all, as read from the server.
        - Present only when the task read the catch-all (it manages O(catch_all), deletes an alias, or purges).
      type: bool
  sample: {"name": "sales", "addresses": ["alice@example.com"], "catch_all": false}
aliases:
  description:
    - Every alias of the domain after the task. Returned with O(aliases).
    - When entries name their domain or O(domains) is given, every alias of those domains, each with its C(domain).
  returned: when O(aliases) is used
  type: list
  elements: dict
  sample: [{"name": "info", "addresses": ["alice@example.com"], "catch_all": false}]
created:
  description:
    - Names of the aliases created (or that would be, in check mode).
    - When entries name their domain or O(domains) is given, each as C(name@domain).
  returned: when O(aliases) is used
  type: list
  elements: str
  sample: [support]
updated:
  description:
    - Names of the aliases whose addresses were replaced.
    - When entries name their domain or O(domains) is given, each as C(name@domain).
  returned: when O(aliases) is used
  type: list
  elements: str
  sample: [info]
removed:
  description:
    - Names of the aliases deleted.
    - When entries name their domain or O(domains) is given, each as C(name@domain).
  returned: when O(aliases) is used
  type: list
  elements: str
  sample: [oldteam]
by_domain:
  description:
    - Each domain's outcome (when entries name their domain or O(domains) is given), with C(changed) and, when
      there are any, the domain's C(changes).
  returned: when entries name their domain or O(domains) is given
  type: dict
  sample: {"example.com": {"changed": true, "changes": ["create alias sales@example.com"]}, "example.net": {"changed": false}}
  version_added: 1.1.0
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["create alias sales@example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.alias import AliasResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(AliasResource)


if __name__ == "__main__":
    main()
