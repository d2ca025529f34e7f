#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_mailing_list
short_description: Manage the mailing lists of a SmarterMail domain
version_added: 1.0.0
description:
  - Create, update and delete one mailing list of a SmarterMail domain (O(name)), or many lists of one domain
    in one task (O(lists)). A list is every list setting the vendor documents (typed options, or O(settings)),
    the moderator, the list password (O(list_password), a secret, never shown), and the four address sets of a
    list (subscribers, digest subscribers, poster white list, poster kill list).
  - Manage the domain's list command address (O(command_address)), its default subscriber fields
    (O(subscriber_fields)) and the field values of single subscribers (O(subscriber_values)) in the same task.
  - The lists are named with one call; each list the task manages is read with one call for its settings and
    one per address set it manages; only the differences are written.
  - Over the JSON API (O(api=json)) the options it has a field for are served (settings read and written
    whole, address sets added and removed with one call each); the others (O(settings), O(command_address),
    O(subscriber_fields), O(subscriber_values) and the typed options without a known field) are refused
    before any call. See the collection's JSON API guide for the evidence.
notes:
  - "Address sets and large lists: the difference between the set read and the set wanted is written with the
    fewest calls. Subscribers: all additions in one C(AddSubscriber2) call (C(AddSubscriber) for a single one)
    and one C(RemoveSubscriber) per removal. Digest subscribers: one C(AddDigestSubscriber) or
    C(RemoveDigestSubscriber) per address. When that makes more than 10 calls, one whole-list call replaces
    them (C(SetSubscriberList2), C(SetDigestSubscriberList2)). The poster lists have only whole-list calls
    (C(SetPosterWhiteList), C(SetPosterKillList)): one call when the set differs. A 10,000-subscriber list is
    thus one read and, when it differs, one or a few writes."
  - A whole-list call resends every address. Right before it is sent, the set is read again and brought to
    what the task asks (with O(purge) exactly the addresses listed and the O(keep) ones it holds; without, the
    fresh set plus the addresses listed), so an address another writer subscribed after the task's first read
    is not dropped unless the task purges it; the set is read back after the write. Every write to one address
    set, single or whole-list, is made under that set's lock (in C(~/.ansible/mailops_smartermail_locks)), so
    tasks running on the same machine take turns, and a single add of another task never lands between a
    whole-list call's fresh read and its write.
  - When every list of the domain is to be deleted (O(lists) with O(purge), at least two lists, none left),
    one C(DeleteAllLists) call does it; otherwise each list is deleted with C(DeleteList).
  - The whole-list calls are C(SetSubscriberList2) and C(SetDigestSubscriberList2). A server whose WSDL
    lacks them (an older SmarterMail version) gets the vendor's deprecated C(SetSubscriberList) and
    C(SetDigestSubscriberList) instead, which take the same parameters.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  domain:
    description: The domain the lists belong to, for example C(example.com); internationalized
      names are converted to A-labels, a trailing dot and the case are ignored.
    type: str
    required: true
  name:
    description:
      - Name of one mailing list, bare (C(news)) or with the domain (C(news@example.com));
        names compare without case and are shown in lower case.
      - Mutually exclusive with O(lists).
    type: str
  lists:
    description:
      - Many lists of O(domain) in one task. Mutually exclusive with O(name), O(list_password)
        and the other options of one list (give them in each entry); O(state) beside
        the list is not used.
      - An empty list manages no list (no call); with O(purge) it deletes every list
        not in O(keep).
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the list, bare or with the domain.
        type: str
        required: true
      state:
        description: Whether this list should exist.
        type: str
        choices: [present, absent]
        default: present
      password:
        description: The list password (never shown).
        type: str
      settings:
        description: Other documented list settings, as O(settings).
        type: dict
      purge:
        description: V(true) makes each address set given exactly the addresses listed
          (except O(lists[].keep)).
        type: bool
        default: false
      keep:
        description: With O(lists[].purge), addresses never removed from this list's
          address sets, checked and normalized like the addresses of the sets (an
          invalid address fails the task before any call).
        type: list
        elements: str
        default: &id001 []
      description:
        description: As O(description), for this entry.
        type: str
      disabled:
        description: As O(disabled), for this entry.
        type: bool
      moderator:
        description: As O(moderator), for this entry.
        type: str
      who_can_post:
        description: As O(who_can_post), for this entry.
        type: str
        choices: [anyone, subscribersonly, moderatoronly]
      subject:
        description: As O(subject), for this entry.
        type: str
      prepend_subject:
        description: As O(prepend_subject), for this entry.
        type: bool
      max_message_size_kb:
        description: As O(max_message_size_kb), for this entry.
        type: int
      reply_to_list:
        description: As O(reply_to_list), for this entry.
        type: bool
      digest_mode:
        description: As O(digest_mode), for this entry.
        type: bool
      send_subscribe:
        description: As O(send_subscribe), for this entry.
        type: bool
      send_unsubscribe:
        description: As O(send_unsubscribe), for this entry.
        type: bool
      allow_unsubscribe:
        description: As O(allow_unsubscribe), for this entry.
        type: bool
      disable_list_command:
        description: As O(disable_list_command), for this entry.
        type: bool
      disable_subscribe_command:
        description: As O(disable_subscribe_command), for this entry.
        type: bool
      enable_header:
        description: As O(enable_header), for this entry.
        type: bool
      enable_footer:
        description: As O(enable_footer), for this entry.
        type: bool
      enable_poster_whitelist:
        description: As O(enable_poster_whitelist), for this entry.
        type: bool
      enable_double_opt_in:
        description: As O(enable_double_opt_in), for this entry.
        type: bool
      disable_list_error_replies:
        description: As O(disable_list_error_replies), for this entry.
        type: bool
      list_to_address:
        description: As O(list_to_address), for this entry.
        type: str
      list_from_address:
        description: As O(list_from_address), for this entry.
        type: str
      list_reply_to_address:
        description: As O(list_reply_to_address), for this entry.
        type: str
      subscribers:
        description: As O(subscribers), for this entry.
        type: list
        elements: str
      digest_subscribers:
        description: As O(digest_subscribers), for this entry.
        type: list
        elements: str
      poster_whitelist:
        description: As O(poster_whitelist), for this entry.
        type: list
        elements: str
      poster_killlist:
        description: As O(poster_killlist), for this entry.
        type: list
        elements: str
  state:
    description: Whether the list named in O(name) should exist. Deleting a list deletes
      its subscribers.
    type: str
    choices: [present, absent]
    default: present
  list_password:
    description:
      - The password of the list named in O(name) (setting C(password)); O(lists[].password)
        in the list form. (O(password) is the password of the connection.)
      - The list password (setting C(password)). Compared with the one the server
        holds, never shown; the result and diff say C(********) or C(******** (changed)).
      - When omitted, the password is neither read nor changed.
    type: str
  settings:
    description:
      - Other list settings as C(key=value) pairs of the keys the vendor documents
        (see RV(mailops.smartermail.smartermail_mailing_list_info#module:known_settings_keys));
        a key the typed options also set must be given one way only. V(password) is
        refused here (use O(list_password)).
      - Values are checked like the typed option of the same key (booleans, integers,
        addresses, moderator).
    type: dict
  purge:
    description:
      - With O(name), V(true) makes each address set given (O(subscribers), O(digest_subscribers),
        O(poster_whitelist), O(poster_killlist)) exactly the addresses listed, except
        those in O(keep), which stay when present. V(false) only adds addresses.
      - With O(lists), V(true) deletes the lists of the domain that O(lists) does
        not name, except those in O(keep); each entry's own O(lists[].purge) governs
        its address sets.
    type: bool
    default: false
  keep:
    description:
      - With O(name) and O(purge), addresses never removed from the address sets,
        checked and normalized like the addresses of the sets (an invalid address
        fails the task before any call).
      - With O(lists) and O(purge), names of lists never deleted, checked and normalized
        like list names; an entry that cannot name a list of O(domain) fails the task
        before any call.
    type: list
    elements: str
    default: *id001
  description:
    description:
      - The list's description (setting C(description)).
      - When omitted, the setting is left as it is.
    type: str
  disabled:
    description:
      - Whether the list is disabled (setting C(disabled)).
      - When omitted, the setting is left as it is.
    type: bool
  moderator:
    description:
      - The user of O(domain) who moderates the list, bare (C(alice)) or with the
        domain (setting C(moderator)). Required to create a list.
      - When omitted, the setting is left as it is.
      - A new moderator must be a user of O(domain); the task reads the users (one
        call) and fails before any write when it is not.
    type: str
  who_can_post:
    description:
      - Who may post to the list (setting C(whocanpost)).
      - When omitted, the setting is left as it is.
    type: str
    choices: [anyone, subscribersonly, moderatoronly]
  subject:
    description:
      - The text added to the subject of list messages (setting C(subject)).
      - When omitted, the setting is left as it is.
    type: str
  prepend_subject:
    description:
      - Whether O(subject) is put before the subject (setting C(prependsubject)).
      - When omitted, the setting is left as it is.
    type: bool
  max_message_size_kb:
    description:
      - The largest message the list takes, in KB; V(0) means no limit (setting C(maxmessagesize)).
      - When omitted, the setting is left as it is.
    type: int
  reply_to_list:
    description:
      - Whether replies go to the list (setting C(replytolist), deprecated by the
        vendor in favour of O(list_reply_to_address)).
      - When omitted, the setting is left as it is.
    type: bool
  digest_mode:
    description:
      - Whether the list sends digests (setting C(digestmode)).
      - When omitted, the setting is left as it is.
    type: bool
  send_subscribe:
    description:
      - Whether a message is sent on subscription (setting C(sendsubscribe)).
      - When omitted, the setting is left as it is.
    type: bool
  send_unsubscribe:
    description:
      - Whether a message is sent on unsubscription (setting C(sendunsubscribe)).
      - When omitted, the setting is left as it is.
    type: bool
  allow_unsubscribe:
    description:
      - Whether subscribers may unsubscribe themselves (setting C(allowunsubscribe)).
      - When omitted, the setting is left as it is.
    type: bool
  disable_list_command:
    description:
      - Whether the list ignores list commands (setting C(disablelistcommand)).
      - When omitted, the setting is left as it is.
    type: bool
  disable_subscribe_command:
    description:
      - Whether the list ignores the subscribe command (setting C(disablesubscribecommand)).
      - When omitted, the setting is left as it is.
    type: bool
  enable_header:
    description:
      - Whether the list header is added to messages (setting C(enableheader)).
      - When omitted, the setting is left as it is.
    type: bool
  enable_footer:
    description:
      - Whether the list footer is added to messages (setting C(enablefooter)).
      - When omitted, the setting is left as it is.
    type: bool
  enable_poster_whitelist:
    description:
      - Whether only the poster white list may post (setting C(enableposterwhitelist)).
      - When omitted, the setting is left as it is.
    type: bool
  enable_double_opt_in:
    description:
      - Whether subscribing needs a confirmation (setting C(enabledoubleoptin)).
      - When omitted, the setting is left as it is.
    type: bool
  disable_list_error_replies:
    description:
      - Whether the list sends no error replies (setting C(disablelisterrorreplies)).
      - When omitted, the setting is left as it is.
    type: bool
  list_to_address:
    description:
      - The To address of list messages (setting C(listtoaddress)); V('') clears it.
      - When omitted, the setting is left as it is.
    type: str
  list_from_address:
    description:
      - The From address of list messages (setting C(listfromaddress)); V('') clears
        it.
      - When omitted, the setting is left as it is.
    type: str
  list_reply_to_address:
    description:
      - The Reply-To address of list messages (setting C(listreplytoaddress)); V('')
        clears it.
      - When omitted, the setting is left as it is.
    type: str
  subscribers:
    description:
      - The subscribers of the list (e-mail addresses).
      - A set (order, case and duplicates do not matter). Without O(purge) the addresses
        are added and none is removed; with O(purge) the set becomes exactly these
        plus the O(keep) addresses it already holds.
      - When omitted, the set is neither read nor changed.
    type: list
    elements: str
  digest_subscribers:
    description:
      - The digest subscribers of the list (e-mail addresses).
      - A set (order, case and duplicates do not matter). Without O(purge) the addresses
        are added and none is removed; with O(purge) the set becomes exactly these
        plus the O(keep) addresses it already holds.
      - When omitted, the set is neither read nor changed.
    type: list
    elements: str
  poster_whitelist:
    description:
      - The poster white list of the list, the addresses that may post (see O(enable_poster_whitelist)).
      - A set (order, case and duplicates do not matter). Without O(purge) the addresses
        are added and none is removed; with O(purge) the set becomes exactly these
        plus the O(keep) addresses it already holds.
      - When omitted, the set is neither read nor changed.
    type: list
    elements: str
  poster_killlist:
    description:
      - The poster kill list of the list, the addresses whose posts are refused.
      - A set (order, case and duplicates do not matter). Without O(purge) the addresses
        are added and none is removed; with O(purge) the set becomes exactly these
        plus the O(keep) addresses it already holds.
      - When omitted, the set is neither read nor changed.
    type: list
    elements: str
  command_address:
    description: The domain's list command address (the local part list commands are
      mailed to, typically C(listserv) or C(stserv)). When omitted it is neither read
      nor changed.
    type: str
  subscriber_fields:
    description: Default subscriber fields of the domain, each with its default value.
      Fields not listed are left alone.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the field (at most 255 characters, no C(=)); compared
          without case.
        type: str
        required: true
      value:
        description: Default value of the field.
        type: str
        default: ''
      state:
        description: Whether the field should exist.
        type: str
        choices: [present, absent]
        default: present
  subscriber_values:
    description:
      - Field values of single subscribers (an address subscribed to a list of the
        domain). Each field must be a default subscriber field of the domain (existing,
        or added by O(subscriber_fields)).
      - Only the fields named are compared and written.
    type: list
    elements: dict
    suboptions:
      address:
        description: The subscriber's e-mail address.
        type: str
        required: true
      fields:
        description: Field name to value.
        type: dict
        required: true
      type:
        description: Which subscriptions the values apply to.
        type: str
        choices: [all, subscriber, digest]
        default: all
seealso:
  - module: mailops.smartermail.smartermail_mailing_list_info
  - module: mailops.smartermail.smartermail_user
"""

EXAMPLES = r"""
- name: A newsletter moderated by alice, subscribers from a file, only members may post
  mailops.smartermail.smartermail_mailing_list:
    domain: example.com
    name: news
    moderator: alice
    description: Monthly news
    who_can_post: subscribersonly
    max_message_size_kb: 2048
    list_password: "{{ vault_news_list_password }}"
    subscribers: "{{ lookup('ansible.builtin.file', 'subscribers.txt').splitlines() }}"
    purge: true

- name: All lists of a domain, deleting the others except archive, plus the command address and fields
  mailops.smartermail.smartermail_mailing_list:
    domain: example.com
    command_address: listserv
    subscriber_fields:
      - {name: City, value: ""}
    subscriber_values:
      - {address: bob@example.net, fields: {City: Bonn}}
    lists:
      - name: news
        moderator: alice
        subscribers: [bob@example.net]
      - name: team
        moderator: alice
        settings: {enablefooter: true}
        poster_whitelist: [alice@example.com]
    purge: true
    keep: [archive]

- name: Remove a list
  mailops.smartermail.smartermail_mailing_list:
    domain: example.com
    name: oldnews
    state: absent

- name: A list over the JSON API (builds 100.x); its address sets are added and removed in one call each
  mailops.smartermail.smartermail_mailing_list:
    domain: example.com
    api: json
    name: news
    moderator: alice
    who_can_post: moderatoronly
    subscribers: [bob@example.net]
"""

RETURN = r"""
mailing_list:
  description:
    - The list after the task (empty when it was deleted), with the settings read and the address sets the
      task managed. Returned with O(name).
    - The password is shown only as C(********) (set) or C(******** (changed)), and only when managed.
  returned: when O(name) is used
  type: dict
  sample: {"name": "news", "moderator": "alice", "who_can_post": "subscribersonly", "disabled": false,
           "max_message_size_kb": 2048, "subscribers": ["bob@example.net"]}
mailing_lists:
  description: The lists O(lists) names, after the task.
  returned: when O(lists) is used
  type: list
  elements: dict
  sample: [{"name": "news", "moderator": "alice", "subscribers": ["bob@example.net"]}]
created:
  description: Names of the lists created (or that would be, in check mode).
  returned: when O(lists) is used
  type: list
  elements: str
  sample: [news]
updated:
  description: Names of the lists whose settings or address sets changed.
  returned: when O(lists) is used
  type: list
  elements: str
  sample: [team]
removed:
  description: Names of the lists deleted.
  returned: when O(lists) is used
  type: list
  elements: str
  sample: [oldnews]
command_address:
  description: The domain's list command address after the task.
  returned: when O(command_address) is given
  type: str
  sample: listserv
subscriber_fields:
  description: The domain's default subscriber fields after the task.
  returned: when O(subscriber_fields) is given
  type: list
  elements: dict
  sample: [{"name": "City", "value": ""}]
subscriber_values:
  description: The field values of the subscribers O(subscriber_values) names, after the task.
  returned: when O(subscriber_values) is given
  type: list
  elements: dict
  sample: [{"address": "bob@example.net", "fields": {"City": "Bonn"}}]
changes:
  description: The writes made (or planned, in check mode), in order.
  returned: changed
  type: list
  elements: str
  sample: ["create mailing list news@example.com",
           "add 2 addresses to the subscribers of mailing list news@example.com"]
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.mailing_list import (
    MailingListResource,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource


def main():
    run_resource(MailingListResource)


if __name__ == "__main__":
    main()
