#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_mailbox_migration
short_description: Queue, report and remove mailbox migrations on a SmarterMail server
version_added: 1.0.0
description:
  - Queue the migration of a mailbox from another service or server into a mailbox of this server
    (C(QueueMailBoxMigration)), report the migration queue (C(GetMigrationStatus)), or remove the pending
    migrations of a mailbox from the queue (C(RemoveFromMigrationQueue)).
  - This is an action rather than a resource. What is idempotent and what is not, and why, is in the notes.
notes:
  - The queue tells, per item, only its id, its destination mailbox and a status, not where the mail comes
    from. So with O(state=queued) a destination that has an item still pending counts as this migration being
    queued, and the task changes nothing; a second migration into the same mailbox (another source) needs
    O(force=true), and then every run queues one more (not idempotent).
  - An item whose status says it ended (completed, finished, failed, error, cancelled) is not pending; it does
    not stop a new migration and is never removed.
  - O(state=absent) removes every pending item of O(destination), one call each; once none is left it changes
    nothing (idempotent). O(state=status) only reads.
  - Gmail calendars and contacts cannot be queued (Google's authentication does not allow it); the task fails
    before any call.
  - The source password is sent to the server (which does not keep it in the queue) and never shown.
  - The queue is the server's, not a domain's; it needs a system administrator.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.ACTION
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  state:
    description:
      - V(queued) queues a migration into O(destination) unless one is pending there (see O(force)).
      - V(absent) removes the pending migrations of O(destination) from the queue.
      - V(status) reports the queue (the items of O(destination) when given) and writes nothing.
    type: str
    choices: [queued, absent, status]
    default: queued
  destination:
    description: The mailbox of this server the mail goes to, an existing user's address. Required unless O(state=status).
    type: str
  import_type:
    description: Where the mail comes from (C(IMPORTTYPE)). Required with O(state=queued).
    type: str
    choices: [hotmail, yahoo, other, mailenable, imail, mdaemon, icewarp, communigate, kerio, openxchange, zimbra,
      exchangeother, gmail, exchange2007orlater]
  import_items:
    description: What to import (C(IMPORTITEMS)).
    type: list
    elements: str
    choices: [email, contacts, calendar, tasks, notes]
    default:
      - email
  server_address:
    description: The source server (C(SERVERADDRESS)); required unless O(import_type) is hotmail, yahoo or gmail.
    type: str
  port:
    description: The port of the source server (C(PORT)).
    type: int
  use_ssl:
    description: Whether to connect to the source with SSL (C(USESSL)).
    type: bool
  source_username:
    description: The user name of the source mailbox (C(USERNAME)).
    type: str
  source_password:
    description: The password of the source mailbox (C(PASSWORD)); never shown.
    type: str
  exchange_domain:
    description: The Exchange 2007 or later domain (C(DOMAIN)).
    type: str
  delete_current_mailbox:
    description: Whether the destination mailbox is emptied before the migration (C(DELETECURRENTMAILBOX)).
    type: bool
  force:
    description: Queue the migration even when one into O(destination) is pending (not idempotent).
    type: bool
    default: false
seealso:
  - module: mailops.smartermail.smartermail_user
"""

EXAMPLES = r"""
- name: Move alice's mail from the old IMAP server
  mailops.smartermail.smartermail_mailbox_migration:
    destination: alice@example.com
    import_type: other
    import_items: [email]
    server_address: imap.old.example
    port: 993
    use_ssl: true
    source_username: alice
    source_password: "{{ vault_old_alice_password }}"

- name: How far it got
  mailops.smartermail.smartermail_mailbox_migration:
    state: status
    destination: alice@example.com
  register: migration

- name: Cancel it
  mailops.smartermail.smartermail_mailbox_migration:
    state: absent
    destination: alice@example.com
"""

RETURN = r"""
queue:
  description:
    - The items of the migration queue (those of O(destination) when given) after the task, as read; after a
      write the queue is read again, so a new item shows its id.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "0f4b3c1e-3b8e-4f55-9f0e-3e1b2c9a7d10", "destination": "alice@example.com", "status": "Queued"}]
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["queue a other migration of email into alice@example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.mailbox_migration import (
    MailboxMigrationResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(MailboxMigrationResource)


if __name__ == "__main__":
    main()
