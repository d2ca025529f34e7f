#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: smartermail_info
short_description: Read server-level SmarterMail configuration and status
version_added: 0.1.0
description:
  - Return the product, version, edition and licence state of a SmarterMail server and its server-level
    configuration (svcServerAdmin) part by part, so a play pays only for the parts it asks for in O(gather).
  - Lists come with snake_case keys and are sorted where the server's order carries no meaning, ready to be
    exported, compared or asserted on.
  - Every part is shaped like the options of the module that manages it, so it feeds back into that module
    unchanged (no change reported), for example C(hostnames) into the C(hostnames) list of
    M(mailops.smartermail.smartermail_hostname), C(ids.blacklist) into
    M(mailops.smartermail.smartermail_ip_blacklist), C(services) into M(mailops.smartermail.smartermail_service)
    and C(system_settings) into M(mailops.smartermail.smartermail_system_settings). Server-assigned identifiers
    (C(id), C(guid)) are accepted there as read-only options.
  - Secrets are never returned. System administrators come without passwords; outgoing and incoming gateways
    come without the SmarterMail gateway passwords the server would return.
  - Reserved domain names are not returned. The SOAP API documents no field that carries them.
author:
  - mailops.smartermail maintainers (@mailops)
extends_documentation_fragment:
  - mailops.smartermail.smartermail
  - mailops.smartermail.attributes.INFO_MODULE
  - mailops.smartermail.attributes.ACTIONGROUP_SMARTERMAIL
options:
  gather:
    description:
      - The parts to read. V(all) reads every part.
      - V(product) costs 3 calls (C(GetEdition) among them); V(ports) costs 1 call plus 1 per IP address in O(port_ip_addresses)
        (plus V(hostnames)' call when that list is taken from the hostnames); V(abuse_rules) costs 5 calls (one
        per rule type); every other part costs 1 call.
    type: list
    elements: str
    choices: [all, product, hostnames, ports, gateways, incoming_gateways, ids, smtp_auth_bypass, blocked_senders,
      trusted_senders, greylisting_filters, abuse_rules, autoclean_rules, forwarding_blacklist, spamassassin_servers,
      system_admins, services, spool, system_settings]
    default:
      - all
  port_ip_addresses:
    description:
      - IP addresses whose port bindings are returned in RV(ip_bindings) when O(gather) includes V(ports).
      - When omitted, the IP addresses of the server's hostnames.
      - Each entry must be an IPv4 or IPv6 address (checked before any call).
    type: list
    elements: str
  system_settings_keys:
    description:
      - System settings to return in RV(system_settings), for example V(SmtpBanner) or V(GreylistingEnabled).
      - When empty, every setting the server knows.
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Read everything
  mailops.smartermail.smartermail_info:
    url: http://mail.example.com:9998
    username: admin
    password: "{{ smartermail_admin_password }}"
  register: server

# The tasks below carry no connection options: they come from the play's module_defaults
# (group/mailops.smartermail.smartermail, with the password from a vault variable) or from the
# SMARTERMAIL_URL, SMARTERMAIL_USERNAME and SMARTERMAIL_PASSWORD environment variables (an AWX credential injects them).
- name: Read only the product and the IDS lists
  mailops.smartermail.smartermail_info:
    gather: [product, ids]
  register: server

- name: Export the server configuration
  ansible.builtin.copy:
    content: "{{ server | ansible.builtin.to_nice_yaml }}"
    dest: smartermail-server.yml
    mode: "0600"
  delegate_to: localhost
"""

RETURN = r"""
unavailable:
  description:
    - With O(api=json), every part of O(gather) but
      V(product), with why it is not read; each gives a warning. O(system_settings_keys) is refused before any
      call.
    - With O(api=auto), a task asking for such a part is read over SOAP instead (with a warning saying so).
  returned: with O(api=json), when a part gathered is not served over the JSON API
  type: dict
  sample: {"hostnames": "no known endpoint of the JSON API reads it"}
gathered:
  description: The parts read, in a fixed order (over the JSON API, only those it serves).
  returned: always
  type: list
  elements: str
  sample: [product, ids]
product:
  description:
    - Product name, version, licensed edition (V(ENT), V(PRO), V(LITE) or V(FREE)) and whether a licence key
      is set (the key itself is not returned).
    - Over the JSON API the version comes from C(licensing/about), the edition from C(licensing/info), and
      C(license_key_set) is null (no known endpoint says whether a key is set).
  returned: when gathered
  type: dict
  sample: {name: SmarterMail, version: 16.3.6989, edition: ENT, license_key_set: true}
hostnames:
  description: Hostnames with the IP address each applies to.
  returned: when gathered
  type: list
  elements: dict
  sample: [{hostname: mail.example.com, ip_address: 192.0.2.10}]
ports:
  description: The server's ports, sorted by number.
  returned: when O(gather) includes V(ports)
  type: list
  elements: dict
  sample: [{id: 0b3c..., protocol: SMTP, port: 25, encryption: "", certificate_path: "", name: SMTP, description: ""}]
ip_bindings:
  description: For each IP address of O(port_ip_addresses), the ports bound to it.
  returned: when O(gather) includes V(ports)
  type: list
  elements: dict
  sample: [{ip_address: 192.0.2.10, ports: [25, 587]}]
gateways:
  description: Outgoing gateways (without the gateway passwords).
  returned: when gathered
  type: list
  elements: dict
  sample: [{guid: 5d1e..., address: 192.0.2.25, enabled: true, smartermail: false, smartermail_url: "",
            smartermail_username: ""}]
incoming_gateways:
  description: Incoming gateways (without C(authSmarterMailPassword)).
  returned: when gathered
  type: list
  elements: dict
  sample: [{guid: 9a0c..., gateway_mode: BackupMX, ip_address: 198.51.100.5, domains_to_forward: [example.com]}]
ids:
  description: The intrusion detection black and white lists; each entry has an IP address or a range.
  returned: when gathered
  type: dict
  sample:
    blacklist: [{ip_address: 203.0.113.1, ip_range_start: "", ip_range_end: "", description: "", smtp: true,
                 pop: false, imap: true, xmpp: false}]
    whitelist: [{ip_address: "", ip_range_start: 198.51.100.0, ip_range_end: 198.51.100.255, description: office,
                 smtp: true, pop: true, imap: true, xmpp: false, disable_greylisting: true}]
smtp_auth_bypass:
  description: SMTP authentication bypass rules.
  returned: when gathered
  type: list
  elements: dict
  sample: [{ip_address: 10.0.0.1, ip_range_start: "", ip_range_end: "", description: relay}]
blocked_senders:
  description: SMTP blocked senders.
  returned: when gathered
  type: list
  elements: dict
  sample: [{sender: spammer@bad.example, description: spam}]
trusted_senders:
  description: Globally trusted senders (addresses and domains), sorted.
  returned: when gathered
  type: list
  elements: str
  sample: [partner.example]
greylisting_filters:
  description: Greylisting filters.
  returned: when gathered
  type: list
  elements: dict
  sample: [{filter_type: Country, ip_address: "", ip_range_start: "", ip_range_end: "", country_code: DE,
            description: ""}]
abuse_rules:
  description: Abuse detection rules with their type (C(DOS), C(BruteForce), C(Harvesting), C(InternalSpammer),
    C(Bounces)).
  returned: when gathered
  type: list
  elements: dict
  sample: [{type: DOS, id: 4c2e..., service: SMTP, action: "", time_frame: 10, occurrences_before_trigger: 5,
            time_to_block: 30, email_to_notify: "", description: smtp dos}]
autoclean_rules:
  description: Server-level folder auto-clean rules (the API does not return the folder name).
  returned: when gathered
  type: list
  elements: dict
  sample: [{id: 1f0a..., type: Size, enabled: true, size_before_clean_mb: 100, size_after_clean_mb: 50,
            mail_age_days: 0}]
forwarding_blacklist:
  description: Domains on the forwarding blacklist, sorted.
  returned: when gathered
  type: list
  elements: str
  sample: [evil.example]
spamassassin_servers:
  description: Remote SpamAssassin servers.
  returned: when gathered
  type: list
  elements: dict
  sample: [{name: sa1, ip_address: 192.0.2.40, port: 783, enabled: true}]
system_admins:
  description:
    - System administrators, the primary one first (never with a password).
    - Each with its user name in C(name), as the O(mailops.smartermail.smartermail_system_admin#module:name) option spells it.
  returned: when gathered
  type: list
  elements: dict
  sample: [{name: admin, primary: true, restricted_by_ip: false, description: "", id: 2b7d...,
            date_created: "2024-01-01T00:00:00"}]
services:
  description: The SMTP, POP, IMAP and spool services, sorted by name, with whether each runs and its thread count.
  returned: when O(gather) includes V(services)
  type: list
  elements: dict
  sample: [{name: imap, running: true, thread_count: 0}, {name: smtp, running: false, thread_count: 0}]
spool:
  description: The number of messages in the spool (C(GetSpoolMessageCount)).
  returned: when O(gather) includes V(spool)
  type: dict
  sample: {message_count: 0}
server_status:
  description: The spool's message count and the server's uptime in seconds.
  returned: when O(gather) includes V(services)
  type: dict
  sample: {spool_message_count: 0, uptime_seconds: 3600}
system_settings:
  description: The requested system settings as the server spells and formats them (C(True)/C(False) for booleans).
  returned: when gathered
  type: dict
  sample: {SmtpBanner: SmarterMail, GreylistingEnabled: "False"}
api:
  description: The API the task used, V(soap) or V(json) (see the O(api) option).
  returned: success
  type: str
  sample: soap
  version_added: 1.0.0
"""

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.module import run_resource
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import ServerInfoResource


def main():
    run_resource(ServerInfoResource)


if __name__ == "__main__":
    main()
