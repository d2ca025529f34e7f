#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_domain
short_description: Manage a SmarterMail domain
version_added: 0.1.0
description:
  - Create or delete a SmarterMail domain, enable or disable it, and manage its typed settings
    (ports, limits, menus), any of its requested settings (C(key=value) settings such as
    C(enablecatchalls) or C(maxmessagesperhour)) and its primary domain administrator.
  - Only the options you set are managed; the others are left as they are on the server.
  - A domain is renamed only when O(rename_from) asks for it.
notes:
  - Over the JSON API (O(api=json), or O(api=auto) on a 100.x server) O(ip), O(imap_port), O(pop_port), O(smtp_port),
    O(show_content_filtering_menu), O(max_message_size_kb), O(settings), O(rename_from), O(primary_admin_first_name),
    O(primary_admin_last_name), O(server_defaults=false), O(reload=true) and O(archive_path) are refused before any
    call (no known JSON endpoint); with O(api=auto) the task uses SOAP and warns naming the option. The other options
    are served. See the JSON API guide (C(docs/json-api.md)).
  - C(UpdateDomain), the server's only way to change typed settings, takes every typed setting at once. The
    module sends the options that differ and, for the others, the values of a C(GetDomainSettings) made right
    before C(UpdateDomain) (after the other reads and after a rename in the same task), then reads the domain
    back. Tasks running on the same machine take turns for that read and write (a lock per domain, in
    C(~/.ansible/mailops_smartermail_locks)), so concurrent tasks never undo each other's typed settings.
    A change made elsewhere (another controller, the web interface) in the short time between that read
    and C(UpdateDomain) is still overwritten; the server offers no way to close that window.
  - When the server answers the create that the domain already exists because another task created it
    after this task's read, the module reads it and updates only what differs instead of failing.
  - The output of M(mailops.smartermail.smartermail_domain_info) for a domain (without its C(aliases),
    C(domain_aliases), C(users) and C(counts), which belong to other modules) can be passed back to this module
    unchanged; it changes nothing.
  - The keys SmarterMail documents for O(settings) (C(GetRequestedDomainSettings); keys compare without case;
    the typed options are the better way to set what they cover) are C(altsmtpport), C(altsmtpportenabled),
    C(autoresponderrestriction), C(bypassgreylisting), C(catchall), C(deliverpostmastertodomainadmin),
    C(domainurl), C(enablecatchalls), C(enablemailsigning), C(enabledomainkeysigning), C(enabledkimsigning),
    C(enabledomainuserservicecontrol), C(enableemailreports), C(enablepopretrieval), C(enableimapretrieval),
    C(enablesmtpaccounts), C(enablexmpp), C(enableactivesyncaccountmanagement), C(maxactivesyncaccounts),
    C(enablechathistory), C(imapport), C(acceptmail), C(isenabled), C(ldapport), C(listcommandaddress),
    C(locationtype), C(locationhostaddress), C(locationdeliverlocally), C(maxaliases), C(maxdomainaliases),
    C(maximapretrievalaccounts), C(maxlists), C(maxmessagesize), C(maxbouncesreceivedperhour),
    C(maxbouncesreceivedperhourenabled), C(maxbouncesreceivedperhouraction), C(maxmessagesperhour),
    C(maxmessagesperhourenabled), C(maxmessagesperhouraction), C(maxsmtpoutbandwidthperhour),
    C(maxsmtpoutbandwidthperhourenabled), C(maxsmtpoutbandwidthperhouraction), C(maxrecipients), C(maxsize),
    C(maxusers), C(popport), C(requiresmtpauthentication), C(serverip), C(serveripv6), C(sharedcalendar),
    C(sharedcontact), C(sharedfolder), C(sharednotes), C(sharedtasks), C(sharedgal), C(showcalendar),
    C(showcontacts), C(showcontentfilteringmenu), C(showdomainaliasmenu), C(showdomainreports), C(shownotes),
    C(showuserreports), C(showtasks), C(showlistmenu), C(showspammenu), C(smtpport), C(spamresponderoption),
    C(spamforwardoption).
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
  - mailops.smartermail.attributes.BULK
  - mailops.smartermail.estate.PARALLEL
options:
  name:
    description:
      - The domain name, for example C(example.com).
      - Domain names compare without case, surrounding blanks and a trailing dot; the server keeps them in lower
        case.
      - Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the
        server holds and the result shows; a trailing dot and the case are ignored.
    type: str
  domains:
    description:
      - Many domains in one task, each entry with the options of one domain. Mutually exclusive with O(name) and
        the other options of one domain.
      - Every entry is validated before any call. The domains are read and planned O(parallel_reads) at a time,
        then written one after the other in the order of their names, each as the task of that one domain would
        write it; a failed write stops the task and names every write made before it.
      - With O(purge), every other domain of the server is deleted (its files are kept) unless O(keep) names it;
        the domain of the account the task logs in as is never deleted.
      - The result lists the domains in RV(domains), with RV(created), RV(updated), RV(removed) and RV(by_domain).
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name), for this entry.
        type: str
        required: true
      state:
        description: As O(state), for this entry.
        type: str
        choices: [present, absent]
        default: present
      rename_from:
        description: As O(rename_from), for this entry.
        type: str
      rename_path:
        description: As O(rename_path), for this entry.
        type: str
        version_added: 1.0.0
      reload:
        description: As O(reload), for this entry.
        type: bool
        default: false
        version_added: 1.0.0
      archive_path:
        description: As O(archive_path), for this entry.
        type: str
        version_added: 1.0.0
      delete_files:
        description: As O(delete_files), for this entry.
        type: bool
        default: false
      path:
        description: As O(path), for this entry.
        type: str
      server_defaults:
        description: As O(server_defaults), for this entry.
        type: bool
        default: true
      enabled:
        description: As O(enabled), for this entry.
        type: bool
      primary_admin:
        description: As O(primary_admin), for this entry.
        type: str
      primary_admin_password:
        description: As O(primary_admin_password), for this entry.
        type: str
      primary_admin_first_name:
        description: As O(primary_admin_first_name), for this entry.
        type: str
      primary_admin_last_name:
        description: As O(primary_admin_last_name), for this entry.
        type: str
      ip:
        description: As O(ip), for this entry.
        type: str
      imap_port:
        description: As O(imap_port), for this entry.
        type: int
      pop_port:
        description: As O(pop_port), for this entry.
        type: int
      smtp_port:
        description: As O(smtp_port), for this entry.
        type: int
      max_aliases:
        description: As O(max_aliases), for this entry.
        type: int
      max_domain_aliases:
        description: As O(max_domain_aliases), for this entry.
        type: int
      max_lists:
        description: As O(max_lists), for this entry.
        type: int
      max_domain_size_mb:
        description: As O(max_domain_size_mb), for this entry.
        type: int
      max_users:
        description: As O(max_users), for this entry.
        type: int
      max_message_size_kb:
        description: As O(max_message_size_kb), for this entry.
        type: int
      max_recipients:
        description: As O(max_recipients), for this entry.
        type: int
      show_domain_alias_menu:
        description: As O(show_domain_alias_menu), for this entry.
        type: bool
      show_content_filtering_menu:
        description: As O(show_content_filtering_menu), for this entry.
        type: bool
      show_spam_menu:
        description: As O(show_spam_menu), for this entry.
        type: bool
      show_list_menu:
        description: As O(show_list_menu), for this entry.
        type: bool
      require_smtp_authentication:
        description: As O(require_smtp_authentication), for this entry.
        type: bool
      list_command_address:
        description: As O(list_command_address), for this entry.
        type: str
      settings:
        description: As O(settings), for this entry.
        type: dict
  state:
    description: Whether the domain should exist.
    type: str
    choices: [present, absent]
    default: present
  rename_from:
    description:
      - Rename this existing domain to O(name) (the server also renames its data folder).
      - Normalized like O(name) (case, surrounding blanks and a trailing dot do not matter).
      - Nothing is renamed when the domain in O(rename_from) does not exist; the task fails when both exist.
    type: str
  rename_path:
    description:
      - With O(rename_from), rename with C(UpdateDomainNameAndPath) instead of C(RenameDomain) and make this the
        domain's data folder. The server does not move or copy the data; copy it to the new folder first (the vendor's
        advice is to disable the domain, copy the data, rename, enable the domain again, and delete the old folder
        once the domain works).
      - Used only when a rename happens; ignored once the domain has its new name.
    type: str
    version_added: 1.0.0
  reload:
    description:
      - Reload the domain's settings from disk (C(ReloadDomain)) after the task's other writes, for an existing
        domain.
      - An action, not a state; every run with O(reload=true) reloads and reports a change.
    type: bool
    default: false
    version_added: 1.0.0
  archive_path:
    description:
      - Set the domain's archive rule (C(SetDomainArchiveRule)) with this destination path.
      - The API has no call that reads the archive rule back, so it cannot be compared; every run with O(archive_path)
        writes it and reports a change.
    type: str
    version_added: 1.0.0
  delete_files:
    description: With O(state=absent), also delete the domain's data files from the server's disk.
    type: bool
    default: false
  path:
    description:
      - Folder for the domain's data, used when the domain is created. When omitted, the server chooses.
      - The path of an existing domain is not changed.
    type: str
  server_defaults:
    description: When creating, V(true) creates the domain from the server's default domain settings (C(AddDomainEx))
      and then applies the typed options you set (C(UpdateDomain)); V(false) creates it with the typed options in
      one call (C(AddDomain)), taking the server's defaults for the options not set.
    type: bool
    default: true
  enabled:
    description: Whether the domain is enabled. When omitted, left as it is (a new domain is enabled).
    type: bool
  primary_admin:
    description:
      - User name (without the domain) of the primary domain administrator.
      - Required to create a domain, which creates that user. On an existing domain, the user must exist.
    type: str
  primary_admin_password:
    description: Password of the primary administrator, used only when the domain is created.
    type: str
  primary_admin_first_name:
    description: First name of the primary administrator, used only when the domain is created.
    type: str
  primary_admin_last_name:
    description: Last name of the primary administrator, used only when the domain is created.
    type: str
  ip:
    description: IP address the domain listens on; an empty text means no particular address.
    type: str
  imap_port:
    description: IMAP port of the domain (1-65535).
    type: int
  pop_port:
    description: POP port of the domain (1-65535).
    type: int
  smtp_port:
    description: SMTP port of the domain (1-65535).
    type: int
  max_aliases:
    description: Most aliases the domain may have; V(0) means unlimited.
    type: int
  max_domain_aliases:
    description: Most domain aliases the domain may have; V(0) means unlimited.
    type: int
  max_lists:
    description: Most mailing lists the domain may have; V(0) means unlimited.
    type: int
  max_domain_size_mb:
    description:
      - Most disk space of the domain, in MB; V(0) means unlimited.
      - At most 8796093022207 (the size in bytes must fit the server's 64-bit integer); the other limits and sizes
        of this module are at most 2147483647 (a 32-bit integer on the wire).
    type: int
  max_users:
    description: Most users the domain may have; V(0) means unlimited.
    type: int
  max_message_size_kb:
    description: Largest message, in KB; V(0) means unlimited.
    type: int
  max_recipients:
    description: Most recipients of one message; V(0) means unlimited.
    type: int
  show_domain_alias_menu:
    description: Let domain administrators manage domain aliases.
    type: bool
  show_content_filtering_menu:
    description: Let users manage content filtering.
    type: bool
  show_spam_menu:
    description: Let users manage their own spam settings.
    type: bool
  show_list_menu:
    description: Let domain administrators manage mailing lists.
    type: bool
  require_smtp_authentication:
    description: Require SMTP authentication to relay.
    type: bool
  list_command_address:
    description: User name of the list command address, such as C(stserv) (without C(@domain), at most 64 characters).
      Checked before any call.
    type: str
  settings:
    description:
      - 'Requested domain settings to manage, as a dict of setting key to value, for example C({enablecatchalls:
        true, maxmessagesperhour: 500}).'
      - Only the keys given are managed. Booleans are sent as C(True)/C(False); other values as text.
      - A key whose value is V(null) is not managed (it is not read, sent or returned), as in every module of the
        collection.
      - Keys the server documents are checked before any call by type and range (ports from 1 to 65535, counts and
        sizes such as C(maxusers) from 0 to 2147483647, flags booleans, C(maxmessagesperhouraction) and the other
        throttle actions V(none), V(delay) or V(reject), C(spamforwardoption) and C(spamresponderoption) V(none),
        V(low), V(medium) or V(high)).
      - The keys are those of the server's C(GetRequestedDomainSettings) operation.
      - Values are text, numbers or booleans on one line; a key must not contain C(=), blanks around it or control
        characters, and two keys that differ only in case are an error.
      - Values compare as the server stores them (C("0500") equals C(500), C(yes) equals C(true)); the result returns
        them typed as written (C(true), C(500)) where the server's text is unambiguous.
    type: dict
seealso:
  - module: mailops.smartermail.smartermail_domain_info
  - module: mailops.smartermail.smartermail_alias
"""

EXAMPLES = r"""
- name: Domain with its primary admin and limits
  mailops.smartermail.smartermail_domain:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    name: example.com
    primary_admin: postmaster
    primary_admin_password: "{{ postmaster_password }}"
    max_users: 50
    max_aliases: 200
    require_smtp_authentication: true
    settings:
      enablecatchalls: true
      maxmessagesperhour: 500

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Disable a domain
  mailops.smartermail.smartermail_domain:
    name: example.org
    enabled: false

- name: Rename a domain
  mailops.smartermail.smartermail_domain:
    name: example.net
    rename_from: example.org

- name: Delete a domain and its files
  mailops.smartermail.smartermail_domain:
    name: old.example.com
    state: absent
    delete_files: true

- name: Every domain of the inventory in one task, deleting the others except the server's own
  mailops.smartermail.smartermail_domain:
    domains:
      - name: example.com
        max_users: 50
      - name: example.net
        primary_admin: postmaster
        primary_admin_password: "{{ postmaster_password }}"
    purge: true
    keep: [mail.example.com]
"""

RETURN = r"""
domain:
  description:
    - The domain after the task, shaped like this module's options (empty when deleted), as read from the
      server (after writes, read back) or, in check mode, as planned.
    - C(enabled) is always returned; C(primary_admin) and C(settings) when managed by the task.
    - In check mode, a domain to be created holds only the values the task sets, and a renamed domain has no
      C(path) (the server chooses it).
  returned: when O(name) is used
  type: dict
  sample:
    name: example.com
    path: "C:\\SmarterMail\\Domains\\example.com"
    ip: 127.0.0.1
    imap_port: 143
    pop_port: 110
    smtp_port: 25
    max_users: 50
    max_aliases: 200
    enabled: true
    primary_admin: postmaster
    settings: {enablecatchalls: true}
domains:
  description: The listed domains after the task, each shaped like RV(domain), in the order of their names.
  returned: when O(domains) is used
  type: list
  elements: dict
  sample: [{"name": "example.com", "enabled": true, "max_users": 50}, {"name": "example.net", "enabled": true}]
  version_added: 1.1.0
created:
  description: Names of the domains created (or that would be, in check mode).
  returned: when O(domains) is used
  type: list
  elements: str
  sample: [example.net]
  version_added: 1.1.0
updated:
  description: Names of the domains changed.
  returned: when O(domains) is used
  type: list
  elements: str
  sample: [example.com]
  version_added: 1.1.0
removed:
  description: Names of the domains deleted, by O(purge) or by an entry with C(state=absent).
  returned: when O(domains) is used
  type: list
  elements: str
  sample: [old.example.org]
  version_added: 1.1.0
by_domain:
  description: Each listed (or purged) domain's outcome, with C(changed) and, when there are any, its C(changes).
  returned: when O(domains) is used
  type: dict
  sample: {"example.com": {"changed": true, "changes": ["update max_users of domain example.com"]},
           "example.net": {"changed": false}}
  version_added: 1.1.0
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["create domain example.com with the server's default settings"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain import DomainResource
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(DomainResource)


if __name__ == "__main__":
    main()
