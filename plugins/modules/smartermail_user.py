#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_user
short_description: Manage the mailbox users of a SmarterMail domain
version_added: 0.1.0
description:
  - Create, update and delete mailbox users, with their password, names, domain administrator flag,
    mailbox size, forwarding, auto-responder and any requested user setting.
  - Manage many users of one domain in a single task with O(users), reading them with one call; with
    O(purge) delete the users not listed, except those in O(keep).
  - The server returns passwords in clear text; the module compares them to decide whether to change
    the password and never returns or shows them.
  - With O(purge), the domain's primary administrator is never deleted, since the server refuses it. The
    module reads it (one call, only when purging) and warns that it leaves it.
notes:
  - Over the JSON API (O(api=json), or O(api=auto) on a 100.x server) O(auto_responder), O(settings), O(activesync),
    O(rss_feeds), O(verify_password) and a password with O(update_password=always) are refused before any call (the
    JSON API never returns a password, so use O(update_password=on_create)); with O(api=auto) the task uses SOAP and
    warns naming the option. Names, mailbox size, domain administrator flag and forwarding are served.
    See the JSON API guide (C(docs/json-api.md)).
  - C(UpdateUser2) takes the whole user (password, names, administrator flag, mailbox size);
    C(UpdateUserForwardingInfo2) and C(UpdateUserAutoResponseInfo) (or C(UpdateUserAutoResponseInfo2))
    take the whole forwarding and auto-responder. Right before each of these writes the module reads that
    part of the user again (with the mailbox size) and sends the fields that change with the others as just
    read, never a default;
    afterwards it reads the user back. Tasks running on the same machine take turns for that read and
    write (a lock per user, in C(~/.ansible/mailops_smartermail_locks)), so concurrent tasks never undo
    each other's changes. A change made elsewhere (another controller, the web interface) in the
    milliseconds between that read and the write is still overwritten; the server offers no partial write.
  - When C(AddUser2) answers that the user already exists because another task created it after this
    task's read, the module reads it and updates only what differs instead of failing.
  - Keys left out of O(forwarding), O(auto_responder) and O(settings), and keys whose value is V(null),
    are not managed; they are neither read nor written.
  - The keys SmarterMail documents for O(settings) (C(GetRequestedUserSettings); keys compare without case;
    C(password) is refused, and the typed options are the better way to set what they cover) are
    C(activedirectorydomain), C(activedirectoryusername), C(authtype), C(autocleanoverrideactive),
    C(autopopupreminders), C(autorespondondirectmailonly), C(autosavedrafttime), C(backupemailaddress),
    C(calendarautocleanmonths), C(composemethod), C(composerows), C(deleteoption), C(dictionarylanguage),
    C(disablegreylisting), C(disablereminders), C(displayname), C(embedreplies), C(enabledstatus),
    C(enableimapretrieval), C(enableoutboundmessagesigning), C(enablepopretrieval), C(enablesmtpaccounts),
    C(enablesounds), C(forwardaddress), C(forwardas), C(fullname), C(hidefromgal), C(isdomainadmin),
    C(isenabled), C(lockpassword), C(maxbouncesreceivedperhour), C(maxbouncesreceivedperhourenabled),
    C(maxmessagesperhour), C(maxmessagesperhourenabled), C(maxsize), C(maxsmtpoutbandwidthperhour),
    C(maxsmtpoutbandwidthperhourenabled), C(passwordlocked), C(plusaddressingenabled),
    C(plusaddressingfolder), C(previewautomarkasread), C(previewautopreview), C(previewusepreview),
    C(replymessageindicator), C(replytoaddress), C(requestreceipts), C(savecopyassent), C(seenwelcome),
    C(servicelevelmap), C(showlinkswhenprinting), C(showsusc), C(signature), C(skin), C(sortby),
    C(sortdescending), C(spamcheckoverrideactive), C(spamforwardoption), C(spellcheckonsend), C(startuppage),
    C(syncpanels), C(textencoding), C(throttlingactionbandwidth), C(throttlingactionbounces),
    C(throttlingactionmessage), C(timezoneindex), C(viewmessagesas), C(warnifcomposemistakes),
    C(welcomewizardprogress).
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
      - The domain of the users, for example C(example.com).
      - Internationalized names (C(bücher.test)) are converted to A-labels (C(xn--bcher-kva.test)), the form the
        server holds and the result shows; a trailing dot and the case are ignored.
      - Required, unless every entry of O(users) names its own O(users[].domain).
    type: str
  name:
    description:
      - User name, bare (C(alice)) or as an address (C(alice@example.com)). Mutually exclusive with O(users).
      - User names (like O(keep) entries) compare without case; they are shown in lower case.
    type: str
  users:
    description:
      - Many users of O(domain) in one task. Mutually exclusive with O(name), O(user_password) and the other options
        of one user (give them in each entry); O(state) beside the list is not used.
      - An empty list (an empty inventory variable) manages nothing (no call, no change); with O(purge) it removes
        every user not in O(keep).
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
        description: User name, bare or as an address.
        type: str
        required: true
      password:
        description: Password; required to create the user.
        type: str
      first_name:
        description: First name.
        type: str
      last_name:
        description: Last name.
        type: str
      domain_admin:
        description: Whether the user administers the domain.
        type: bool
      max_mailbox_size_mb:
        description: Largest mailbox, in MB; V(0) means unlimited.
        type: int
      forwarding:
        description: Forwarding, as the top-level O(forwarding).
        type: dict
        suboptions:
          addresses:
            description: Addresses to forward to (set semantics); an empty list stops forwarding.
            type: list
            elements: str
          delete_on_forward:
            description: Delete the messages once forwarded.
            type: bool
      auto_responder:
        description: Auto-responder, as the top-level O(auto_responder).
        type: dict
        suboptions:
          enabled:
            description: Whether the auto-responder answers.
            type: bool
          subject:
            description: Subject of the answer.
            type: str
          body:
            description: Text of the answer.
            type: str
          start:
            description: Start of the time window (UTC), as the top-level O(auto_responder.start).
            type: str
            version_added: 1.0.0
          end:
            description: End of the time window (UTC).
            type: str
            version_added: 1.0.0
      settings:
        description: Requested user settings, as the top-level O(settings).
        type: dict
      activesync:
        description: Whether the user may use ActiveSync, as the top-level O(activesync).
        type: bool
        version_added: 1.0.0
      rss_feeds:
        description: The user's RSS feeds (set semantics by URL), as the top-level O(rss_feeds).
        type: list
        elements: dict
        suboptions:
          url:
            description: The http or https URL of the feed.
            type: str
            required: true
          name:
            description: Display name.
            type: str
          folder:
            description: Folder.
            type: str
        version_added: 1.0.0
      state:
        description: Whether this user should exist.
        type: str
        choices: [present, absent]
        default: present
  user_password:
    description:
      - The user's password. Required to create a user.
      - (O(password) is the administrator's password used to connect.)
    type: str
  update_password:
    description:
      - V(always) changes the password of an existing user when it differs from O(user_password) (or a O(users[].password)).
      - V(on_create) sets it only when the user is created.
    type: str
    choices: [always, on_create]
    default: always
  first_name:
    description: First name.
    type: str
  last_name:
    description: Last name.
    type: str
  domain_admin:
    description: Whether the user is an administrator of the domain.
    type: bool
  max_mailbox_size_mb:
    description: Largest mailbox, in MB; V(0) means unlimited.
    type: int
  forwarding:
    description: Forwarding of the user's mail. Keys left out are not managed.
    type: dict
    suboptions:
      addresses:
        description: Addresses to forward to (set semantics); an empty list stops forwarding.
        type: list
        elements: str
      delete_on_forward:
        description: Delete the messages once forwarded.
        type: bool
  auto_responder:
    description: The user's auto-responder. Keys left out are not managed.
    type: dict
    suboptions:
      enabled:
        description: Whether the auto-responder answers.
        type: bool
      subject:
        description: Subject of the answer.
        type: str
      body:
        description:
          - Text of the answer; the only option that may hold line breaks.
          - Line breaks are stored as LF (XML turns CRLF into LF), so CRLF and LF compare equal.
        type: str
      start:
        description:
          - Start of the time window in which the auto-responder answers, a UTC date (C(2026-07-01)) or time (C(2026-07-01T08:00:00));
            V('') for no window. Goes with O(auto_responder.end).
          - When O(auto_responder.start) or O(auto_responder.end) is given, the auto-responder is read with C(GetUserAutoResponseInfo2)
            and written with C(UpdateUserAutoResponseInfo2), which carry the window; otherwise with C(GetUserAutoResponseInfo)
            and C(UpdateUserAutoResponseInfo).
        type: str
        version_added: 1.0.0
      end:
        description: End of the time window (UTC date or time); V('') for no window.
        type: str
        version_added: 1.0.0
  settings:
    description:
      - Requested user settings to manage, as a dict of key to value (the keys of the server's C(GetRequestedUserSettings)).
        Only the keys given are managed; a key whose value is V(null) is not managed. C(password) is refused here
        (use O(user_password)); the error does not show its value.
      - Values are text, numbers or booleans on one line; a key must not contain C(=), blanks around it or control
        characters, and two keys that differ only in case are an error.
      - Values compare as the server stores them (C("0500") equals C(500), C(yes) equals C(true)); the result returns
        them typed as written (C(true), C(500)) where the server's text is unambiguous.
    type: dict
  activesync:
    description: Whether the user may use Exchange ActiveSync (read with C(IsUserEnabledForActiveSync), written
      with C(ToggleActiveSync)). The domain's ActiveSync account limit is not enforced by the server for this call.
    type: bool
    version_added: 1.0.0
  rss_feeds:
    description: The user's RSS feeds, exactly these (set semantics by URL, without case); feeds not listed are
      deleted. A feed whose name or folder differs is deleted and added again. When omitted, feeds are not read.
    type: list
    elements: dict
    suboptions:
      url:
        description: The http or https URL of the feed.
        type: str
        required: true
      name:
        description: Display name; when omitted, the one read (or the URL for a new feed).
        type: str
      folder:
        description: Folder; when omitted, the one read (or C(RSS Feeds) for a new feed).
        type: str
    version_added: 1.0.0
  verify_password:
    description:
      - Check whether this password logs in to the user in O(name), without changing anything; the result says so
        in RV(password_valid). It checks the password the user has before the task (one call, C(LoginValidated);
        C(AuthenticateUser) on a server that lacks it; the server records it as a login).
      - Nothing is checked when the user does not exist. Mutually exclusive with O(users).
    type: str
    version_added: 1.0.0
  state:
    description: Whether the user in O(name) should exist.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: mailops.smartermail.smartermail_domain
  - module: mailops.smartermail.smartermail_alias
"""

EXAMPLES = r"""
- name: A user with forwarding
  mailops.smartermail.smartermail_user:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
    domain: example.com
    name: alice
    user_password: "{{ alice_password }}"
    update_password: on_create
    first_name: Alice
    forwarding:
      addresses: [alice@elsewhere.example]

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Several users in one task
  mailops.smartermail.smartermail_user:
    domain: example.com
    users:
      - {name: bob, password: "{{ bob_password }}", first_name: Bob}
      - {name: carol, password: "{{ carol_password }}", domain_admin: true}

- name: Exactly these users (the primary administrator is never deleted)
  mailops.smartermail.smartermail_user:
    domain: example.com
    users:
      - {name: bob, password: "{{ bob_password }}"}
    purge: true
    keep: [abuse]

- name: The users of many domains in one task
  mailops.smartermail.smartermail_user:
    users:
      - {domain: example.com, name: alice, password: "{{ alice_password }}"}
      - {domain: example.net, name: bob, password: "{{ bob_password }}"}
    update_password: on_create
"""

RETURN = r"""
user:
  description:
    - The user after the task (empty when deleted). Returned with O(name).
    - The password is never returned. Only a marker says that it was written; see RV(user.password).
    - RV(user.forwarding), RV(user.auto_responder), RV(user.settings) and RV(user.max_mailbox_size_mb) appear
      when the task read or wrote them.
  returned: when O(name) is used
  type: dict
  sample: {"name": "alice", "address": "alice@example.com", "first_name": "Alice", "last_name": "",
           "domain_admin": false, "max_mailbox_size_mb": 500,
           "forwarding": {"addresses": ["alice@elsewhere.example"], "delete_on_forward": false},
           "auto_responder": {"enabled": false, "subject": "", "body": ""},
           "settings": {"enablesounds": "False"}}
  contains:
    name:
      description: The user name, bare and in lower case.
      type: str
      returned: always
      sample: alice
    address:
      description: The user's address.
      type: str
      returned: always
      sample: alice@example.com
    first_name:
      description: First name.
      type: str
      returned: always over SOAP; over the JSON API when the task gives O(first_name) or O(last_name) (one request per user)
      sample: Alice
    last_name:
      description: Last name.
      type: str
      returned: always over SOAP; over the JSON API when the task gives O(first_name) or O(last_name) (one request per user)
      sample: ""
    domain_admin:
      description: Whether the user administers the domain.
      type: bool
      returned: always
      sample: false
    max_mailbox_size_mb:
      description: Largest mailbox in MB (V(0) is unlimited).
      type: int
      returned: when the task manages it, or read it to resend it with another change
      sample: 500
    forwarding:
      description: Forwarding addresses (sorted, lower case) and whether forwarded messages are deleted.
      type: dict
      returned: when O(forwarding) is given
      sample: {"addresses": ["alice@elsewhere.example"], "delete_on_forward": false}
    auto_responder:
      description: The auto-responder.
      type: dict
      returned: when O(auto_responder) is given
      sample: {"enabled": true, "subject": "Away", "body": "Back on Monday."}
    settings:
      description: The requested settings the task manages, as the server writes them (text).
      type: dict
      returned: when O(settings) is given
      sample: {"enablesounds": "False"}
    activesync:
      description: Whether the user may use ActiveSync.
      type: bool
      returned: when O(activesync) is given
      sample: true
      version_added: 1.0.0
    rss_feeds:
      description: The user's RSS feeds (url, name, folder), sorted by URL.
      type: list
      elements: dict
      returned: when O(rss_feeds) is given
      sample: [{"url": "https://news.example/feed", "name": "News", "folder": "RSS Feeds"}]
      version_added: 1.0.0
    password:
      description:
        - Not the password, a marker. V(********) when the user was created (or would be, in check mode)
          with a password; V(******** (changed)) when its password was changed.
        - Absent when the password was not written.
      type: str
      returned: when the password was written
      sample: "******** (changed)"
password_valid:
  description: Whether O(verify_password) logs in to the user (its password before the task).
  returned: when O(verify_password) is given and the user exists
  type: bool
  sample: true
  version_added: 1.0.0
users:
  description:
    - The users listed in O(users) after the task, shaped like RV(user) (the password only as its marker).
    - Users not listed (those O(keep) protects and, without O(purge), the others) are not returned.
    - When entries name their domain or O(domains) is given, each user also has its C(domain).
  returned: when O(users) is used
  type: list
  elements: dict
  sample: [{"name": "bob", "address": "bob@example.com", "first_name": "Bob", "last_name": "",
            "domain_admin": false}, {"name": "carol", "address": "carol@example.com", "first_name": "",
            "last_name": "", "domain_admin": true, "password": "********"}]
created:
  description:
    - Names of the users created (or that would be, in check mode).
    - When entries name their domain or O(domains) is given, each as C(name@domain).
  returned: when O(users) is used
  type: list
  elements: str
  sample: [carol]
updated:
  description:
    - Names of the users changed.
    - When entries name their domain or O(domains) is given, each as C(name@domain).
  returned: when O(users) is used
  type: list
  elements: str
  sample: [bob]
removed:
  description:
    - Names of the users deleted, by O(purge) or by an entry with C(state=absent).
    - When entries name their domain or O(domains) is given, each as C(name@domain).
  returned: when O(users) is used
  type: list
  elements: str
  sample: [dave]
by_domain:
  description:
    - Each domain's outcome (when entries name their domain or O(domains) is given), with C(changed) and, when
      there are any, the domain's C(changes).
  returned: when entries name their domain or O(domains) is given
  type: dict
  sample: {"example.com": {"changed": true, "changes": ["create user carol@example.com"]}, "example.net": {"changed": false}}
  version_added: 1.1.0
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["create user alice@example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UserResource


def main():
    run_resource(UserResource)


if __name__ == "__main__":
    main()
