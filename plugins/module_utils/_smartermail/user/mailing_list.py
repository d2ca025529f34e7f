# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailing lists of a SmarterMail domain (svcMailListAdmin): one list, or many in one task.

A list is its settings (GetRequestedListSettings / SetRequestedListSettings, every key the vendor
documents as a typed option or under ``settings``), its moderator and password (both settings),
and four address sets: subscribers, digest subscribers, the poster white list and the poster
kill list. The domain's list command address and its default subscriber fields, and the field
values of single subscribers, belong to the domain and are managed with the same task.

Address sets: one read per set the task manages, then only the differences are written.

- ``purge`` false (the default): the addresses listed are added, no address is removed.
- ``purge`` true: the set becomes the addresses listed plus those of ``keep`` already in it.

How the difference is written (``SMALL`` = 10):

- subscribers: the additions with one AddSubscriber2 (AddSubscriber for a single one), each removal
  with RemoveSubscriber; when that makes more than ``SMALL`` calls, one SetSubscriberList2 instead;
- digest subscribers: AddDigestSubscriber / RemoveDigestSubscriber per address; more than ``SMALL``
  calls: one SetDigestSubscriberList2;
- poster white and kill lists: the API has only the whole-list calls (SetPosterWhiteList,
  SetPosterKillList), one call when the set differs.

A whole-list call resends every address: it carries a ``Refresh`` (the set is read again right
before the call and only the task's additions and removals are applied to that fresh read), so an
address another writer subscribed since the task's first read is not dropped; the set is read
back after the write. Every write to one address set, single or whole-list, names the set as its
target, so the engine applies it under the set's lock: a single add of another task never lands
between a whole-list call's fresh read and its write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.listed import only_listed
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import (
    Adapter,
    PlanError,
    missing_references,
    Refresh,
    Resource,
    apply_fields,
    as_set,
    parse_settings,
    secret_note,
    setting_text,
    settings_list,
    soap_execute,
    to_bool,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.subcollection import MemberSet, NamedValues
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed, Option, Table, Wire
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.json_adapter import (
    JsonAdapter,
    add_write,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user_group import (
    json_user_names,
    local_name,
    read_user_names,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    address_key,
    collect,
    control_error,
    domain_key,
    domain_name_error,
    email_error,
    local_key,
    local_part_error,
    non_negative_error,
)

SERVICE = "svcMailListAdmin"
# more single add/remove calls than this: one whole-list call instead
SMALL = 10
WHO_CAN_POST = ["anyone", "subscribersonly", "moderatoronly"]
SUBSCRIBER_TYPES = ["all", "subscriber", "digest"]
# a subscriber field name or value: at most this many characters
FIELD_MAX = 255


class AddressSet(namedtuple("AddressSet", "read whole single_add bulk_add single_remove what entry_what")):
    """The SOAP column of an address set: its read, its whole-list write, its single add, bulk add and single
    remove (None where the API has none), and what messages call the set and one of its entries."""


OMITTED = "When omitted, the setting is left as it is."
SET_DOC = ("A set (order, case and duplicates do not matter). Without O(purge) the addresses are added and none is "
           "removed; with O(purge) the set becomes exactly these plus the O(keep) addresses it already holds.")
# how a kind of setting compares, and its argument type
RULE = {"bool": "bool", "int": "number", "str": "exact", "address": "caseless", "user": "caseless",
        "choice": "caseless"}
TYPE = {"bool": "bool", "int": "int"}
# option -> kind of the typed settings: bool, int, str, address, user, choice
KIND = {}


# The JSON column (reference §8): the list's field in ``mailing-lists/list`` items, the body of
# ``mailing-lists/add`` and ``mailing-lists/{id}/settings``. Evidence per field in docs/json-api.md.
# who_can_post: postingPermissions 0 anyone, 1 subscribers, 2 moderator (reference §8)
POSTING = dict((choice, number) for number, choice in enumerate(WHO_CAN_POST))
NO_FIELD = "no source names a JSON API field for it (reference §8 lists the mailing list fields)"
JSON_COLUMN = {
    "name": "listAddress",
    "domain": "the domain-scoped token",
    "list_password": "password",
    "password": "password",
    "description": "description",
    # in FUSE's comments on the settings body and CBX's update tool
    "disabled": "disabled",
    # an address: the list's moderator as user@domain (CBX: "Email address of the list moderator")
    "moderator": "moderatorAddress",
    "who_can_post": Wire("postingPermissions", lambda choice: POSTING[choice],
                         lambda number: WHO_CAN_POST[int(number)] if "%s" % number in ("0", "1", "2") else
                         "%s" % (number if number is not None else "")),
    "subject": "subject",
    "prepend_subject": "prependSubject",
    "max_message_size_kb": NotServed(NO_FIELD),
    "reply_to_list": NotServed(NO_FIELD + "; listReplyToAddress is the list_reply_to_address option"),
    # that enableDigest is the SOAP digestmode is inference (the same meaning by name)
    "digest_mode": "enableDigest",
    "send_subscribe": "sendSubscribeEmail",
    "send_unsubscribe": "sendUnsubscribeEmail",
    "allow_unsubscribe": NotServed(NO_FIELD),
    "disable_list_command": "disableListCommand",
    "disable_subscribe_command": NotServed(NO_FIELD + "; disableSubscriptions stops new subscriptions, which no "
                                           "source equates with ignoring the subscribe command"),
    "enable_header": NotServed(NO_FIELD),
    "enable_footer": NotServed(NO_FIELD),
    "enable_poster_whitelist": NotServed(NO_FIELD),
    "enable_double_opt_in": "doubleOptIn",
    # named in FUSE's comments on the settings body only (single source)
    "disable_list_error_replies": "disableListErrorReplies",
    "list_to_address": "listToAddress",
    "list_from_address": "listFromAddress",
    "list_reply_to_address": "listReplyToAddress",
    "settings": NotServed("its keys are the SOAP list settings keys, which have no known JSON API names (use the "
                          "typed options)"),
    "subscribers": "mailing-lists/{id}/subscriber-search (subscriberType 0), subscriber-add, subscriber-remove",
    "digest_subscribers": "mailing-lists/{id}/subscriber-search (subscriberType 1), digest-subscriber-add, "
                          "digest-subscriber-remove",
    "poster_whitelist": "mailing-lists/{id}/poster-search, poster-add, poster-remove",
    "poster_killlist": "mailing-lists/{id}/banned-user-search, banned-user-add, banned-user-remove",
    "command_address": NotServed("it is the domain setting domainSettings.listCommandAddress, which the JSON API "
                                 "writes through the system administrator's domain settings (set it with "
                                 "smartermail_domain's list_command_address)"),
    "subscriber_fields": NotServed("the reference names the subscriber-field-definitions endpoints but not the shape "
                                   "of their answer, so the fields cannot be read back and compared"),
    "subscriber_values": NotServed("no source shows how a subscriber's field values are read (the answer of "
                                   "mailing-lists/subscriber-details is not given)"),
}


def setting(option, key, kind, doc, *more):
    """A typed list setting: the option, its settings key (the SOAP column) and its kind."""
    KIND[option] = kind
    return Option(option, [doc, OMITTED] + list(more), type=TYPE.get(kind, "str"), rule=RULE[kind], soap=key,
                  choices=WHO_CAN_POST if kind == "choice" else None, json=JSON_COLUMN[option])


def address_set(option, doc, column):
    return Option(option, [doc, SET_DOC, "When omitted, the set is neither read nor changed."], type="list",
                  elements="str", soap=column, json=JSON_COLUMN[option])


TABLE = Table([
    Option("domain", "The domain the lists belong to, for example C(example.com); internationalized names are "
           "converted to A-labels, a trailing dot and the case are ignored.", required=True, entry=False,
           json=JSON_COLUMN["domain"]),
    Option("name", [
        "Name of one mailing list, bare (C(news)) or with the domain (C(news@example.com)); names compare without "
        "case and are shown in lower case.",
        "Mutually exclusive with O(lists).",
    ], required=True, json=JSON_COLUMN["name"], entry_doc=["Name of the list, bare or with the domain."]),
    Option("state", "Whether the list named in O(name) should exist. Deleting a list deletes its subscribers.",
           choices=["present", "absent"], default="present", entry_doc=["Whether this list should exist."]),
    Option("list_password", [
        "The password of the list named in O(name) (setting C(password)); O(lists[].password) in the list form. "
        "(O(password) is the password of the connection.)",
        "The list password (setting C(password)). Compared with the one the server holds, never shown; the result "
        "and diff say C(********) or C(******** (changed)).",
        "When omitted, the password is neither read nor changed.",
    ], no_log=True, entry=False, json=JSON_COLUMN["list_password"]),
    Option("password", "The list password (never shown).", rule="secret", secret=True, soap="password", top=False,
           json=JSON_COLUMN["password"]),
    Option("settings", [
        "Other list settings as C(key=value) pairs of the keys the vendor documents (see "
        "RV(mailops.smartermail.smartermail_mailing_list_info#module:known_settings_keys)); a key the typed options "
        "also set must be given one way only. V(password) is refused here (use O(list_password)).",
        "Values are checked like the typed option of the same key (booleans, integers, addresses, moderator).",
    ], type="dict", soap="newSettings of SetRequestedListSettings", json=JSON_COLUMN["settings"],
        entry_doc=["Other documented list settings, as O(settings)."]),
    Option("purge", [
        "With O(name), V(true) makes each address set given (O(subscribers), O(digest_subscribers), "
        "O(poster_whitelist), O(poster_killlist)) exactly the addresses listed, except those in O(keep), which stay "
        "when present. V(false) only adds addresses.",
        "With O(lists), V(true) deletes the lists of the domain that O(lists) does not name, except those in "
        "O(keep); each entry's own O(lists[].purge) governs its address sets.",
    ], type="bool", default=False,
        entry_doc=["V(true) makes each address set given exactly the addresses listed (except O(lists[].keep))."]),
    Option("keep", [
        "With O(name) and O(purge), addresses never removed from the address sets, checked and normalized like the "
        "addresses of the sets (an invalid address fails the task before any call).",
        "With O(lists) and O(purge), names of lists never deleted, checked and normalized like list names; an entry "
        "that cannot name a list of O(domain) fails the task before any call.",
    ], type="list", elements="str", default=[], entry_doc=[
        "With O(lists[].purge), addresses never removed from this list's address sets, checked and normalized like "
        "the addresses of the sets (an invalid address fails the task before any call)."]),
    setting("description", "description", "str", "The list's description (setting C(description))."),
    setting("disabled", "disabled", "bool", "Whether the list is disabled (setting C(disabled))."),
    setting("moderator", "moderator", "user",
            "The user of O(domain) who moderates the list, bare (C(alice)) or with the domain (setting C(moderator)). "
            "Required to create a list.",
            "A new moderator must be a user of O(domain); the task reads the users (one call) and fails before any "
            "write when it is not."),
    setting("who_can_post", "whocanpost", "choice", "Who may post to the list (setting C(whocanpost))."),
    setting("subject", "subject", "str", "The text added to the subject of list messages (setting C(subject))."),
    setting("prepend_subject", "prependsubject", "bool",
            "Whether O(subject) is put before the subject (setting C(prependsubject))."),
    setting("max_message_size_kb", "maxmessagesize", "int",
            "The largest message the list takes, in KB; V(0) means no limit (setting C(maxmessagesize))."),
    setting("reply_to_list", "replytolist", "bool",
            "Whether replies go to the list (setting C(replytolist), deprecated by the vendor in favour of "
            "O(list_reply_to_address))."),
    setting("digest_mode", "digestmode", "bool", "Whether the list sends digests (setting C(digestmode))."),
    setting("send_subscribe", "sendsubscribe", "bool",
            "Whether a message is sent on subscription (setting C(sendsubscribe))."),
    setting("send_unsubscribe", "sendunsubscribe", "bool",
            "Whether a message is sent on unsubscription (setting C(sendunsubscribe))."),
    setting("allow_unsubscribe", "allowunsubscribe", "bool",
            "Whether subscribers may unsubscribe themselves (setting C(allowunsubscribe))."),
    setting("disable_list_command", "disablelistcommand", "bool",
            "Whether the list ignores list commands (setting C(disablelistcommand))."),
    setting("disable_subscribe_command", "disablesubscribecommand", "bool",
            "Whether the list ignores the subscribe command (setting C(disablesubscribecommand))."),
    setting("enable_header", "enableheader", "bool",
            "Whether the list header is added to messages (setting C(enableheader))."),
    setting("enable_footer", "enablefooter", "bool",
            "Whether the list footer is added to messages (setting C(enablefooter))."),
    setting("enable_poster_whitelist", "enableposterwhitelist", "bool",
            "Whether only the poster white list may post (setting C(enableposterwhitelist))."),
    setting("enable_double_opt_in", "enabledoubleoptin", "bool",
            "Whether subscribing needs a confirmation (setting C(enabledoubleoptin))."),
    setting("disable_list_error_replies", "disablelisterrorreplies", "bool",
            "Whether the list sends no error replies (setting C(disablelisterrorreplies))."),
    setting("list_to_address", "listtoaddress", "address",
            "The To address of list messages (setting C(listtoaddress)); V('') clears it."),
    setting("list_from_address", "listfromaddress", "address",
            "The From address of list messages (setting C(listfromaddress)); V('') clears it."),
    setting("list_reply_to_address", "listreplytoaddress", "address",
            "The Reply-To address of list messages (setting C(listreplytoaddress)); V('') clears it."),
    address_set("subscribers", "The subscribers of the list (e-mail addresses).", AddressSet(
        "GetSubscriberList", "SetSubscriberList2", "AddSubscriber", "AddSubscriber2", "RemoveSubscriber",
        "subscribers", "subscriber")),
    address_set("digest_subscribers", "The digest subscribers of the list (e-mail addresses).", AddressSet(
        "GetDigestSubscriberList", "SetDigestSubscriberList2", "AddDigestSubscriber", None, "RemoveDigestSubscriber",
        "digest subscribers", "digest subscriber")),
    address_set("poster_whitelist", "The poster white list of the list, the addresses that may post (see "
                "O(enable_poster_whitelist)).", AddressSet(
                    "GetPosterWhiteList", "SetPosterWhiteList", None, None, None, "poster white list",
                    "poster white list")),
    address_set("poster_killlist", "The poster kill list of the list, the addresses whose posts are refused.",
                AddressSet("GetPosterKillList", "SetPosterKillList", None, None, None, "poster kill list",
                           "poster kill list")),
    Option("command_address", "The domain's list command address (the local part list commands are mailed to, "
           "typically C(listserv) or C(stserv)). When omitted it is neither read nor changed.", entry=False,
           soap="GetListCommandAddress / SetListCommandAddress", json=JSON_COLUMN["command_address"]),
    Option("subscriber_fields", "Default subscriber fields of the domain, each with its default value. Fields not "
           "listed are left alone.", type="list", elements="dict", entry=False, options=[
               Option("name", "Name of the field (at most 255 characters, no C(=)); compared without case.",
                      required=True),
               Option("value", "Default value of the field.", default=""),
               Option("state", "Whether the field should exist.", choices=["present", "absent"], default="present"),
           ], soap="GetDefaultSubscriberFields / Add-, Update-, DeleteDefaultSubscriberField",
           json=JSON_COLUMN["subscriber_fields"]),
    Option("subscriber_values", [
        "Field values of single subscribers (an address subscribed to a list of the domain). Each field must be a "
        "default subscriber field of the domain (existing, or added by O(subscriber_fields)).",
        "Only the fields named are compared and written.",
    ], type="list", elements="dict", entry=False, options=[
        Option("address", "The subscriber's e-mail address.", required=True),
        Option("fields", "Field name to value.", type="dict", required=True),
        Option("type", "Which subscriptions the values apply to.", choices=SUBSCRIBER_TYPES, default="all"),
    ], soap="GetSubscriberFields / UpdateSubscriberField", json=JSON_COLUMN["subscriber_values"]),
], list_option="lists", list_doc=[
    "Many lists of O(domain) in one task. Mutually exclusive with O(name), O(list_password) and the other options "
    "of one list (give them in each entry); O(state) beside the list is not used.",
    "An empty list manages no list (no call); with O(purge) it deletes every list not in O(keep).",
], mutually_exclusive=[("list_password", "lists")])


def argument_spec():
    """The table's spec; an entry's ``keep`` says ``no_log=False`` as the top-level one does."""
    spec = TABLE.argument_spec()
    spec.argument_spec["lists"]["options"]["keep"]["no_log"] = False
    return spec


# typed options: (option, settings key, kind)
SETTINGS = tuple((o.name, o.column("soap"), KIND[o.name]) for o in TABLE.options if o.name in KIND)
KEY_OPTION = dict((key, option) for option, key, kind in SETTINGS)
# every settings key the vendor documents (password included: the ``password`` option)
KNOWN_KEYS = tuple(sorted(list(KEY_OPTION) + ["password"]))
FIELDS = TABLE.fields()
# address set option -> its SOAP column
SETS = dict((o.name, o.column("soap")) for o in TABLE.options if isinstance(o.column("soap"), AddressSet))
SET_OPTIONS = tuple(SETS)
# the vendor's deprecated whole-list calls: sent only to a server whose WSDL lacks the newer one
DEPRECATED = {"SetSubscriberList2": "SetSubscriberList", "SetDigestSubscriberList2": "SetDigestSubscriberList"}


def address_check(value, what):
    """An address of a set, or a ``keep`` entry naming one: (key, error)."""
    error = email_error(value, what)
    return (None, error) if error else (address_key(value), None)


def field_check(value, what):
    """A default subscriber field's name: (key, error)."""
    error = field_name_error(value, what)
    return (None, error) if error else (value.lower(), None)


# the address sets of a list and the default subscriber fields of a domain
ADDRESSES = MemberSet(address_check)
SUBSCRIBER_FIELDS = NamedValues(field_check)


def typed_value(option, text):
    """A setting read as text -> the typed option value."""
    kind = KIND[option]
    if kind == "bool":
        return to_bool(text)
    if kind == "int":
        try:
            return int(("%s" % text).strip() or 0)
        except ValueError:
            return text
    if kind in ("user", "choice", "address"):
        return ("%s" % (text or "")).strip().lower()
    return text if text is not None else ""


def read_settings(client, domain, name, password=False):
    """The typed options of list ``name`` and its settings texts (one call)."""
    keys = [k for k in KNOWN_KEYS if k != "password" or password]
    values = parse_settings(client.call(SERVICE, "GetRequestedListSettings", DomainName=domain, ListName=name,
                                        requestedSettings=keys).get("settingValues"))
    obj = {"name": name}
    for option, key, kind in SETTINGS:
        obj[option] = typed_value(option, values.get(key, ""))
    if password:
        obj["password"] = values.get("password", "")
        client.add_secret(obj["password"])
    return obj, values


def read_set(client, domain, name, option):
    """One address set of a list, sorted and normalized (one call)."""
    result = client.call(SERVICE, SETS[option].read, DomainName=domain, ListName=name)
    return sorted(as_set(result.get("Subscribers"), address_key))


def list_names(client, domain):
    return sorted(set(n for n in (local_name(x, domain) for x in client.call(
        SERVICE, "GetMailingListsByDomain", DomainName=domain).get("listNames") or []) if n))


def read_default_fields(client, domain):
    """{name: value} of the domain's default subscriber fields (one call)."""
    result = client.call(SERVICE, "GetDefaultSubscriberFields", DomainName=domain)
    return dict(((f.get("Name") or ""), f.get("Value") or "") for f in result.get("SubscriberFields") or []
                if f.get("Name"))


def read_command_address(client, domain):
    address = client.call(SERVICE, "GetListCommandAddress", DomainName=domain).get("commandAddress")
    return ("%s" % (address or "")).strip().lower()


def read_subscriber_values(client, domain, address):
    """{field: value} of one subscriber, or None when the server knows no such subscriber."""
    result = client.call_unchecked(SERVICE, "GetSubscriberFields", DomainName=domain, SubscriberEmail=address)
    if not result.get("Result"):
        return None
    return dict(((f.get("Name") or ""), f.get("Value") or "") for f in result.get("SubscriberFields") or []
                if f.get("Name"))


def fresh_set(domain, name, option, entry):
    """The ``Refresh`` read of a whole-list write: the set read now, brought to what the task asks."""
    def read(client):
        now = read_set(client, domain, name, option)
        return {"Subscribers": ADDRESSES.after(now, entry[option], entry["purge"], entry["keep"])}
    return read


def field_name_error(value, what):
    if not isinstance(value, str) or not value.strip() or value.strip() != value:
        return "%s %r must be a non-empty name without blanks around it" % (what, value)
    if "=" in value or control_error(value, what):
        return "%s %r must not hold '=' or control characters" % (what, value)
    if len(value) > FIELD_MAX:
        return "%s must be at most %d characters" % (what, FIELD_MAX)
    return None


def field_value_error(value, what):
    if value is not None and len("%s" % value) > FIELD_MAX:
        return "%s must be at most %d characters" % (what, FIELD_MAX)
    return None


def check_moderators(resource, entries, current, user_names):
    """A list that gets a new moderator: the domain's users are read (``user_names()``, one read) and a
    moderator that is not one of them fails the task before any write."""
    moderators = {}
    for entry in entries:
        moderator = entry.get("moderator")
        had = (current.get(entry["key"]) or {}).get("moderator")
        if entry["state"] != "absent" and moderator and local_name(had or "", resource.domain) != moderator:
            moderators.setdefault(moderator, entry["key"])
    if moderators:
        users = user_names()
        missing_references(resource, ["moderator %s of mailing list %s is not a user of %s"
                                      % (m, resource.address(moderators[m]), resource.domain)
                                      for m in sorted(moderators) if m not in users])


class SoapMailingLists(Adapter):
    """svcMailListAdmin: the lists of a domain, their settings (GetRequestedListSettings /
    SetRequestedListSettings), their address sets (the calls of each set's ``AddressSet`` column), and
    the domain's command address, default subscriber fields and subscriber values."""

    api = "soap"
    create_operations = ("AddList",)

    def __init__(self, resource):
        super(SoapMailingLists, self).__init__(resource)
        self.domain = resource.domain
        self.removals = []

    @staticmethod
    def execute(client):
        """SOAP writes; a whole-list write goes as the deprecated call to a server that lacks the newer one.

        Older SmarterMail versions offer only SetSubscriberList and SetDigestSubscriberList; which one
        a server has is read from its WSDL (cached), so nothing is sent twice.
        """
        send = soap_execute(client)

        def run(write):
            if write.operation in DEPRECATED and write.operation not in (
                    client.signatures(write.service).get("operations") or {}):
                write = write._replace(operation=DEPRECATED[write.operation])
            return send(write)
        return run

    # -- reading ----------------------------------------------------------------------------
    def read_all(self, client, entries):
        names = list_names(client, self.domain)
        current = {}
        wanted = dict((e["key"], e) for e in entries)
        for name in names:
            entry = wanted.get(name)
            if entry is None or entry["state"] == "absent":
                current[name] = {"name": name}
                continue
            current[name] = self.read_list(client, entry)
        return current

    def read_one(self, client, entry):
        if entry["key"] not in list_names(client, self.domain):
            return None
        if entry["state"] == "absent":
            return {"name": entry["key"]}
        return self.read_list(client, entry)

    def read_list(self, client, entry):
        """A list with the settings (one call) and the address sets the entry manages (one call each)."""
        obj, dummy = read_settings(client, self.domain, entry["key"], password=entry.get("password") is not None)
        for option in SET_OPTIONS:
            if entry.get(option) is not None or entry.get("read_" + option):
                obj[option] = read_set(client, self.domain, entry["key"], option)
        return obj

    def read_links(self, client, entries, current):
        """The domain's command address, default fields and subscriber values, read only when managed;
        the domain's users (one read) when a list gets a new moderator, who must be one of them."""
        context = {}
        check_moderators(self.resource, entries, current, lambda: read_user_names(client, self.domain))
        if self.params.get("command_address") is not None:
            context["command_address"] = read_command_address(client, self.domain)
        if self.params.get("subscriber_fields") is not None or self.params.get("subscriber_values"):
            context["subscriber_fields"] = read_default_fields(client, self.domain)
        if self.params.get("subscriber_values"):
            values = {}
            for item in self.params["subscriber_values"]:
                key = address_key(item["address"])
                values[key] = read_subscriber_values(client, self.domain, key)
            context["subscriber_values"] = values
        return context

    # -- planning ---------------------------------------------------------------------------
    def write(self, plan, phase, operation, description, key, refresh=None, target=None, **params):
        plan.add(phase, operation, description, dict(DomainName=self.domain, **params), key=key, service=SERVICE,
                 refresh=refresh, target=target)

    def set_target(self, key, option):
        """The lock target of every write to address set ``option`` of list ``key``."""
        return "%s|%s" % (self.resource.address(key), option)

    def plan_create(self, plan, entry, desired):
        key = entry["key"]
        self.write(plan, "create", "AddList", "create mailing list %s" % self.resource.address(key), key,
                   ListName=key, Moderator=desired["moderator"], Description=desired.get("description") or "")
        current = {"moderator": desired["moderator"], "description": desired.get("description") or ""}
        self.plan_settings(plan, "create", key, current, desired)
        self.plan_sets(plan, "create", entry, dict((o, []) for o in SET_OPTIONS), desired)

    def plan_update(self, plan, entry, current, desired, changed):
        self.plan_settings(plan, "update", entry["key"], current, desired)
        self.plan_sets(plan, "update", entry, current, desired)

    def plan_settings(self, plan, phase, key, current, desired):
        keys, values = [], {}
        for field in FIELDS:
            want = desired.get(field.option)
            if want is not None and want != current.get(field.option):
                keys.append(field.wire)
                values[field.wire] = want
        if keys:
            names = ", ".join(sorted(keys))
            self.write(plan, phase, "SetRequestedListSettings", "set settings %s of mailing list %s"
                       % (names, self.resource.address(key)), key, ListName=key, newSettings=settings_list(values))

    def plan_sets(self, plan, phase, entry, current, desired):
        key = entry["key"]
        address = self.resource.address(key)
        for option, calls in SETS.items():
            if option not in desired:
                continue
            # ``desired`` holds the set after the task: the difference is exactly what it adds and removes
            change = ADDRESSES.difference(current.get(option), desired[option], purge=True)
            add, remove = change.add, change.remove
            if not add and not remove:
                continue
            singles = None
            if calls.single_add and calls.single_remove:
                adds = ([(calls.bulk_add, {"Subscribers": add})] if calls.bulk_add and len(add) > 1
                        else [(calls.single_add, {"Subscriber": a}) for a in add])
                singles = adds + [(calls.single_remove, {"Subscriber": r}) for r in remove]
            if singles is not None and len(singles) <= SMALL:
                for operation, params in singles:
                    count = len(params["Subscribers"]) if "Subscribers" in params else 1
                    verb = "remove" if operation == calls.single_remove else "add"
                    subject = params.get("Subscriber") or "%d addresses" % count
                    self.write(plan, phase, operation, "%s %s %s %s of mailing list %s" % (
                        verb, subject, "to the" if verb == "add" else "from the", calls.what, address), key,
                        target=self.set_target(key, option), ListName=key, **params)
                continue
            counts = []
            if add:
                counts.append("add %d" % len(add))
            if remove:
                counts.append("remove %d" % len(remove))
            refresh = Refresh(fresh_set(self.domain, key, option, entry), ())
            self.write(plan, phase, calls.whole, "set %s of mailing list %s (%s)"
                       % (calls.what, address, ", ".join(counts)), key,
                       refresh=refresh if phase == "update" else None, target=self.set_target(key, option),
                       ListName=key, Subscribers=list(change.after))

    def plan_remove(self, plan, key, current):
        # planned in plan_links: every list of the domain removed at once is one DeleteAllLists
        self.removals.append(key)

    def plan_links(self, plan, entries, before, after, context):
        removals, self.removals = sorted(self.removals), []
        if len(removals) > 1 and not after and set(removals) == set(before):
            self.write(plan, "remove", "DeleteAllLists", "delete all mailing lists of %s (%s)"
                       % (self.domain, ", ".join(removals)), removals[0])
        else:
            for key in removals:
                self.write(plan, "remove", "DeleteList", "delete mailing list %s" % self.resource.address(key), key,
                           ListName=key)
        self.plan_domain(plan, context)

    def plan_domain(self, plan, context):
        """The command address, default subscriber fields and subscriber values (domain-wide)."""
        domain_after = {}
        if "command_address" in context:
            want = local_name(self.params["command_address"], self.domain)
            domain_after["command_address"] = want
            if want != context["command_address"]:
                self.write(plan, "link", "SetListCommandAddress", "set list command address of %s to %s"
                           % (self.domain, want), None, commandAddress=want)
        fields = dict(context.get("subscriber_fields") or {})
        if self.params.get("subscriber_fields") is not None:
            listed = [(f["name"], f.get("value") or "", f.get("state")) for f in self.params["subscriber_fields"]]
            actions, fields = SUBSCRIBER_FIELDS.changes(fields, listed)
            for action, name, value in actions:
                if action == "remove":
                    self.write(plan, "link", "DeleteDefaultSubscriberField", "delete subscriber field %s of %s"
                               % (name, self.domain), None, SubscriberFieldName=name)
                elif action == "add":
                    self.write(plan, "link", "AddDefaultSubscriberField", "add subscriber field %s to %s"
                               % (name, self.domain), None, SubscriberFieldName=name, SubscriberFieldValue=value)
                else:
                    self.write(plan, "link", "UpdateDefaultSubscriberField", "update subscriber field %s of %s"
                               % (name, self.domain), None, SubscriberFieldName=name, SubscriberFieldValue=value)
            domain_after["subscriber_fields"] = field_list(fields)
        if self.params.get("subscriber_values"):
            spelled = dict((n.lower(), n) for n in fields)
            values_after = []
            unknown = []
            for item in self.params["subscriber_values"]:
                key = address_key(item["address"])
                now = (context.get("subscriber_values") or {}).get(key) or {}
                now_low = dict((n.lower(), v) for n, v in now.items())
                shown = dict(now)
                for name, value in sorted(item["fields"].items()):
                    existing = spelled.get(name.lower())
                    if existing is None:
                        unknown.append("%s (of %s)" % (name, key))
                        continue
                    value = setting_text(value)
                    if now_low.get(existing.lower()) != value or context["subscriber_values"].get(key) is None:
                        self.write(plan, "link", "UpdateSubscriberField", "set subscriber field %s of %s"
                                   % (existing, key), None, SubscriberEmail=key, SubscriberFieldName=existing,
                                   SubscriberFieldValue=value, SubscriberType=item.get("type") or "all")
                    shown[existing] = value
                values_after.append({"address": key, "fields": shown})
            if unknown:
                raise PlanError("subscriber fields %s are not default subscriber fields of %s (add them with "
                                "subscriber_fields)" % (", ".join(unknown), self.domain))
            domain_after["subscriber_values"] = values_after
        context["after"] = domain_after


def field_list(fields):
    """{name: value} of default subscriber fields as returned: [{name, value}] sorted without case."""
    return [{"name": n, "value": fields[n]} for n in sorted(fields, key=str.lower)]


# -- the JSON API (reference §8; domain token) ---------------------------------------------------
JSON_ROOT = "settings/domain/mailing-lists/"
JSON_ADD = JSON_ROOT + "add"
# the fields the reference gives for the body of mailing-lists/add; the others go with a settings write
JSON_CREATE_FIELDS = ("listAddress", "moderatorAddress", "description", "password", "requirePassword",
                      "postingPermissions", "prependSubject", "subject", "listToAddress", "listFromAddress",
                      "listReplyToAddress", "enableDigest", "doubleOptIn", "disableSubscriptions", "sendSubscribeEmail",
                      "sendUnsubscribeEmail", "disableListCommand", "showInGal")
# address set -> (its search, the search's subscriber type, its add, its remove): CBX, FUSE (subscribers);
# that posters are the poster white list and banned users the kill list is inference from CBX's descriptions
JSON_SETS = {
    "subscribers": ("subscriber-search", 0, "subscriber-add", "subscriber-remove"),
    "digest_subscribers": ("subscriber-search", 1, "digest-subscriber-add", "digest-subscriber-remove"),
    "poster_whitelist": ("poster-search", None, "poster-add", "poster-remove"),
    "poster_killlist": ("banned-user-search", None, "banned-user-add", "banned-user-remove"),
}
# addresses per search page (FUSE pages 200 at a time)
JSON_PAGE = 200


def json_field(option):
    """The JSON field of a served typed option, or None (NotServed, no column)."""
    cell = TABLE[option].column("json")
    if isinstance(cell, Wire):
        return cell.field
    return cell if isinstance(cell, str) else None


def json_lists(client, domain):
    """{name: item} of ``GET settings/domain/mailing-lists/list`` (``items[]``, ``listAddress`` a local part)."""
    out = {}
    for item in client.get(JSON_ROOT + "list", scope=domain).get("items") or []:
        if isinstance(item, dict):
            name = local_name("%s" % (item.get("listAddress") or ""), domain)
            if name:
                out[name] = item
    return out


def json_settings(client, domain, list_id):
    """The settings object of a list (``GET mailing-lists/{id}/settings`` -> ``item``) [CBX]."""
    item = client.get("%s%s/settings" % (JSON_ROOT, list_id), scope=domain).get("item")
    return item if isinstance(item, dict) else {}


def json_typed(item, domain):
    """The typed options of a list read from its JSON settings object."""
    obj = {}
    for option, key, kind in SETTINGS:
        field = json_field(option)
        if field is None:
            continue
        value = item.get(field)
        cell = TABLE[option].column("json")
        if isinstance(cell, Wire):
            value = cell.from_wire(value)
        if option == "moderator":
            text = ("%s" % (value or "")).strip()
            obj[option] = local_name(text, domain) or text.lower()
            continue
        obj[option] = typed_value(option, value if value is not None else "")
    return obj


def json_wire(option, value, domain):
    """A typed option's value as its JSON field holds it."""
    if option == "moderator":
        return "%s@%s" % (value, domain)
    cell = TABLE[option].column("json")
    return cell.to_wire(value) if isinstance(cell, Wire) else value


def json_read_set(client, domain, list_id, option):
    """One address set of a list, sorted and normalized: its search, page by page (``items[]``
    {``emailAddress``}) [CBX, FUSE]."""
    search, kind, dummy, dummy2 = JSON_SETS[option]
    found, skip = [], 0
    while True:
        body = {"skip": skip, "take": JSON_PAGE, "search": ""}
        if kind is not None:
            body.update(subscriberType=kind, sortField="emailaddress", sortDescending=False)
        items = client.post("%s%s/%s" % (JSON_ROOT, list_id, search), body, scope=domain, read=True).get("items") or []
        found += [i.get("emailAddress") if isinstance(i, dict) else i for i in items]
        if len(items) < JSON_PAGE:
            return sorted(as_set(found, address_key))
        skip += JSON_PAGE


def json_list_id(domain, key):
    """The ``Refresh`` read that names a list created by this task: its id, looked up by name right
    before the write (the create's answer is not kept), as the write's path."""
    def read(client, suffix):
        item = json_lists(client, domain).get(key)
        if item is None:
            raise PlanError("mailing list %s@%s is not there after its creation" % (key, domain))
        return item.get("id")
    return read


class JsonMailingLists(JsonAdapter):
    """The JSON API, with a domain-scoped token (reference §8).

    - read: ``GET settings/domain/mailing-lists/list`` -> ``items[]`` {``id``, ``listAddress``} [FUSE,
      CBX, PYZ, WGS: *agreed*], then per list managed ``GET mailing-lists/{id}/settings`` -> ``item``
      [CBX: *single source*]; the address sets by their searches (``subscriber-search`` with
      ``subscriberType`` 0 or 1, ``poster-search``, ``banned-user-search``) -> ``items[]``
      {``emailAddress``} [CBX, FUSE];
    - create: ``POST mailing-lists/add`` with a flat object (``listAddress``, ``moderatorAddress``
      and the typed options the reference gives for it) [FUSE, CBX: *agreed*]; ``disabled`` and
      ``disableListErrorReplies`` (not in the add body) follow with a settings write;
    - update: ``POST mailing-lists/{id}/settings`` with the whole settings object, rebuilt from
      ``GET mailing-lists/{id}/settings`` read right before it, only the task's changes applied
      (CBX does this read-modify-write) [FUSE, CBX];
    - address sets: ``subscriber-add``/``-remove``, ``digest-subscriber-add``/``-remove``,
      ``poster-add``/``-remove``, ``banned-user-add``/``-remove``, each with a JSON array of
      addresses (one call for the additions, one for the removals) [CBX, FUSE];
    - delete: ``POST mailing-lists/{id}/delete``, several at once ``POST mailing-lists/delete-bulk``
      {``ints``} [FUSE, CBX];
    - a new moderator must be a user: ``GET settings/domain/list-users`` [CBX, PYZ, ARTV].

    The writes after a create name the new list by an id looked up right before each of them.
    What it does not serve is in the table's JSON column (``NotServed``).
    """

    create_paths = (JSON_ADD,)

    def __init__(self, resource):
        super(JsonMailingLists, self).__init__(resource)
        self.domain = resource.domain
        self.ids = {}
        self.removals = []

    # -- reading ----------------------------------------------------------------------------
    def listed(self, client):
        items = json_lists(client, self.domain)
        self.ids = dict((name, item.get("id")) for name, item in items.items())
        return items

    def read_all(self, client, entries):
        wanted = dict((e["key"], e) for e in entries)
        current = {}
        for name in self.listed(client):
            entry = wanted.get(name)
            current[name] = ({"name": name} if entry is None or entry["state"] == "absent"
                             else self.read_list(client, entry))
        return current

    def read_one(self, client, entry):
        if entry["key"] not in self.listed(client):
            return None
        if entry["state"] == "absent":
            return {"name": entry["key"]}
        return self.read_list(client, entry)

    def read_list(self, client, entry):
        list_id = self.ids[entry["key"]]
        item = json_settings(client, self.domain, list_id)
        obj = dict(json_typed(item, self.domain), name=entry["key"])
        if entry.get("password") is not None:
            obj["password"] = "%s" % (item.get("password") or "")
            client.add_secret(obj["password"])
        for option in SET_OPTIONS:
            if entry.get(option) is not None or entry.get("read_" + option):
                obj[option] = json_read_set(client, self.domain, list_id, option)
        return obj

    def read_links(self, client, entries, current):
        """The domain's users (one read) when a list gets a new moderator, who must be one of them."""
        check_moderators(self.resource, entries, current, lambda: json_user_names(client, self.domain))
        return {}

    # -- planning ---------------------------------------------------------------------------
    def write(self, plan, phase, key, suffix, description, body, refresh=None):
        """A write to list ``key`` at ``mailing-lists/{id}/<suffix>``: a list created by this task gets
        its id looked up right before the write."""
        list_id = self.ids.get(key)
        if list_id is None:
            lookup = json_list_id(self.domain, key)

            def read(client, fresh=refresh):
                found = lookup(client, suffix)
                out = {"path": "%s%s/%s" % (JSON_ROOT, found, suffix)}
                if fresh is not None:
                    out["body"] = json_settings(client, self.domain, found)
                return out
            refresh = Refresh(read, refresh_changes(body) if refresh is not None else ())
            list_id = "{id}"
        add_write(plan, phase, "%s%s/%s" % (JSON_ROOT, list_id, suffix), description, key, self.domain, body,
                  refresh=refresh)

    def settings_write(self, plan, phase, key, values):
        """``mailing-lists/{id}/settings`` with the whole object: rebuilt from a fresh read, ``values`` applied."""
        if not values:
            return
        list_id = self.ids.get(key)
        refresh = True  # a list created by this task: ``write`` reads its settings once it has the id
        if list_id is not None:
            def read(client):
                return {"body": json_settings(client, self.domain, list_id)}
            refresh = Refresh(read, refresh_changes(values))
        self.write(plan, phase, key, "settings", "set %s of mailing list %s" % (
            ", ".join(sorted(values)), self.resource.address(key)), dict(values), refresh=refresh)

    def changed_fields(self, current, desired):
        values = {}
        for field in FIELDS:
            want = desired.get(field.option)
            if want is None or want == current.get(field.option):
                continue
            name = "password" if field.option == "password" else json_field(field.option)
            if name is not None:
                values[name] = want if field.option == "password" else json_wire(field.option, want, self.domain)
        return values

    def plan_create(self, plan, entry, desired):
        key = entry["key"]
        values = self.changed_fields({}, desired)
        body = dict((f, v) for f, v in values.items() if f in JSON_CREATE_FIELDS)
        body.update(listAddress=key, moderatorAddress=json_wire("moderator", desired["moderator"], self.domain))
        add_write(plan, "create", JSON_ADD, "create mailing list %s" % self.resource.address(key), key, self.domain,
                  body)
        self.settings_write(plan, "create", key, dict((f, v) for f, v in values.items() if f not in body))
        self.plan_sets(plan, "create", key, dict((o, []) for o in SET_OPTIONS), desired)

    def plan_update(self, plan, entry, current, desired, changed):
        self.settings_write(plan, "update", entry["key"], self.changed_fields(current, desired))
        self.plan_sets(plan, "update", entry["key"], current, desired)

    def plan_sets(self, plan, phase, key, current, desired):
        address = self.resource.address(key)
        for option, calls in SETS.items():
            if option not in desired:
                continue
            change = ADDRESSES.difference(current.get(option), desired[option], purge=True)
            dummy, dummy2, add, remove = JSON_SETS[option]
            if change.add:
                self.write(plan, phase, key, add, "add %d addresses to the %s of mailing list %s"
                           % (len(change.add), calls.what, address), list(change.add))
            if change.remove:
                self.write(plan, phase, key, remove, "remove %d addresses from the %s of mailing list %s"
                           % (len(change.remove), calls.what, address), list(change.remove))

    def plan_remove(self, plan, key, current):
        self.removals.append(key)

    def plan_links(self, plan, entries, before, after, context):
        removals, self.removals = sorted(self.removals), []
        if len(removals) > 1:
            add_write(plan, "remove", JSON_ROOT + "delete-bulk", "delete mailing lists %s of %s"
                      % (", ".join(removals), self.domain), removals[0], self.domain,
                      {"ints": [self.ids[k] for k in removals]})
        for key in removals if len(removals) == 1 else []:
            add_write(plan, "remove", "%s%s/delete" % (JSON_ROOT, self.ids[key]), "delete mailing list %s"
                      % self.resource.address(key), key, self.domain)
        context["after"] = {}


def refresh_changes(values):
    """The key paths a settings write changes (kept as planned over the fresh read)."""
    return [("body", name) for name in sorted(values)]


class MailingListResource(Resource):
    backend = "smartermail"
    item = "mailing_list"
    items = "mailing_lists"
    list_option = "lists"
    # the options of the one list of the single form (its password is ``list_password``; purge and keep are read apart)
    entry_options = tuple(o.name for o in TABLE.options if o.entry and o.top and o.name not in ("purge", "keep"))
    table = TABLE
    fields = FIELDS
    argument_spec = argument_spec()
    adapters = {"soap": SoapMailingLists, "json": JsonMailingLists}

    def __init__(self, params, api=None):
        self.domain = domain_key(params["domain"]) or ""
        super(MailingListResource, self).__init__(params, api)

    def address(self, key):
        return "%s@%s" % (key, self.domain)

    @classmethod
    def secret_values(cls, params):
        """A list password written under ``settings`` (refused) is still masked in every output."""
        entries = params.get("lists") if params.get("lists") is not None else [params]
        return ["%s" % value for entry in entries or [] for name, value in (entry.get("settings") or {}).items()
                if ("%s" % name).strip().lower() == "password" and value is not None and "%s" % value]

    def entry_purge(self, raw):
        """Whether an entry's address sets are purged: its own ``purge`` (the top-level one in single mode)."""
        return bool(raw.get("purge") if self.collection else self.params.get("purge"))

    def entry_keep(self, raw):
        return (raw.get("keep") if self.collection else self.params.get("keep")) or []

    # -- input ------------------------------------------------------------------------------
    def validate(self):
        errors = collect([(domain_name_error, self.params["domain"] or "", "domain")])
        entries, seen = [], set()
        raw_entries = self.raw_entries()
        if not self.collection:
            # the top level's ``password`` is the connection's: the list's is ``list_password``
            raw_entries[0]["password"] = self.params.get("list_password")
        for raw in raw_entries:
            name = local_key(raw.get("name")) or ""
            key = local_name(name, self.domain)
            if key is None:
                at = name.partition("@")[2]
                if "@" in name and (at.endswith(".") or domain_key(at) != self.domain):
                    errors.append("mailing list %r belongs to another domain than %s" % (raw.get("name"), self.domain))
                else:
                    errors.append(local_part_error(name.partition("@")[0], "mailing list name"))
                continue
            if key in seen:
                errors.append("mailing list %r is listed more than once" % key)
            seen.add(key)
            entry = {"key": key, "state": raw.get("state") or "present", "password": raw.get("password") or None,
                     "purge": self.entry_purge(raw)}
            for option, skey, kind in SETTINGS:
                value = raw.get(option)
                what = "%s of mailing list %s" % (option, key)
                if value is not None and kind == "int":
                    errors.extend(collect([(non_negative_error, value, what)]))
                elif value is not None and kind == "address" and value != "":
                    errors.extend(collect([(email_error, value, what)]))
                    value = address_key(value)
                elif value is not None and kind == "user":
                    user = local_name(value, self.domain)
                    if user is None:
                        errors.append("%s %r must be a user of %s" % (what, value, self.domain))
                    value = user
                elif value is not None and kind == "choice":
                    value = value.lower()
                entry[option] = value
            settings = raw.get("settings")
            if settings is not None:
                settings, problems = self.validate_settings(key, raw, settings)
                errors.extend(problems)
                for skey, value in settings.items():
                    entry[KEY_OPTION[skey]] = value
            for option, calls in SETS.items():
                entry[option], problems = ADDRESSES.keys(raw.get(option), "%s entry of mailing list %s"
                                                         % (calls.entry_what, key))
                errors.extend(problems)
            # ``keep`` entries are checked and normalized by the same code as the addresses of the sets
            entry["keep"], problems = ADDRESSES.keep(self.entry_keep(raw), "keep entry of mailing list %s" % key)
            errors.extend(problems)
            entries.append(entry)
        errors.extend(self.validate_domain_options())
        return entries, errors

    def validate_settings(self, key, raw, settings):
        """``settings`` of list ``key`` -> ({settings key: typed value}, errors); no message shows a value."""
        result, errors = {}, []
        for name, value in settings.items():
            low = ("%s" % name).strip().lower()
            what = "settings of mailing list %s" % key
            if low == "password":
                errors.append("%s must not hold %r: use the list_password option" % (what, name))
                continue
            if low not in KEY_OPTION:
                errors.append("%s key %r is not a documented mailing list setting (known: %s)"
                              % (what, name, ", ".join(k for k in KNOWN_KEYS if k != "password")))
                continue
            option = KEY_OPTION[low]
            if raw.get(option) is not None:
                errors.append("%s key %r and the option %s set the same setting: give one of them"
                              % (what, name, option))
                continue
            if value is None:
                continue
            kind = KIND[option]
            if not isinstance(value, (str, int, float, bool)):
                errors.append("%s value of %r must be a text, a number or a boolean" % (what, name))
                continue
            if kind == "bool":
                if not isinstance(value, bool) and setting_text(value).strip().lower() not in (
                        "true", "false", "yes", "no", "on", "off", "1", "0"):
                    errors.append("%s value of %r must be a boolean" % (what, name))
                    continue
                value = to_bool(value)
            elif kind == "int":
                try:
                    value = int(setting_text(value).strip())
                except ValueError:
                    errors.append("%s value of %r must be an integer" % (what, name))
                    continue
                errors.extend(collect([(non_negative_error, value, "%s value of %r" % (what, name))]))
            elif kind == "choice":
                value = setting_text(value).strip().lower()
                if value not in WHO_CAN_POST:
                    errors.append("%s value of %r must be one of %s" % (what, name, ", ".join(WHO_CAN_POST)))
                    continue
            elif kind == "address":
                value = setting_text(value).strip()
                if value:
                    errors.extend(collect([(email_error, value, "%s value of %r" % (what, name))]))
                    value = address_key(value)
            elif kind == "user":
                user = local_name(setting_text(value), self.domain)
                if user is None:
                    errors.append("%s value of %r must be a user of %s" % (what, name, self.domain))
                    continue
                value = user
            else:
                value = setting_text(value)
                if control_error(value, "value"):
                    errors.append("%s value of %r must be one line without control characters" % (what, name))
                    continue
            result[low] = value
        return result, errors

    def validate_domain_options(self):
        errors = []
        command = self.params.get("command_address")
        if command is not None and local_name(command, self.domain) is None:
            errors.append("command_address %r must be a local part of %s (like listserv)" % (command, self.domain))
        fields = self.params.get("subscriber_fields")
        names = set()
        for field in fields or []:
            low, error = SUBSCRIBER_FIELDS.check(field.get("name"), "subscriber_fields name")
            if error:
                errors.append(error)
                continue
            if low in names:
                errors.append("subscriber field %r is listed more than once" % field["name"])
            names.add(low)
            errors.extend(collect([(field_value_error, field.get("value"), "value of subscriber field %s"
                                    % field["name"])]))
        seen = set()
        for item in self.params.get("subscriber_values") or []:
            error = email_error(item.get("address"), "subscriber_values address")
            if error:
                errors.append(error)
                continue
            key = address_key(item["address"])
            if key in seen:
                errors.append("subscriber_values address %r is listed more than once" % item["address"])
            seen.add(key)
            for name, value in (item.get("fields") or {}).items():
                errors.extend(collect([(field_name_error, name, "subscriber field name of %s" % key),
                                       (field_value_error, value, "value of field %s of %s" % (name, key))]))
                if isinstance(value, (dict, list)):
                    errors.append("value of field %s of %s must be a text" % (name, key))
            if not item.get("fields"):
                errors.append("subscriber_values entry %s has no fields" % key)
        return errors

    # -- reading (the adapter's) ------------------------------------------------------------------
    def read_one(self, client, entry):
        return self.adapter.read_one(client, entry)

    def read_links(self, client, entries, current):
        return self.adapter.read_links(client, entries, current)

    def read_back_entry(self, entry, outcome):
        obj = outcome.before.get(entry["key"]) or {}
        return dict(entry, **dict(("read_" + o, o in obj) for o in SET_OPTIONS))

    # -- planning ---------------------------------------------------------------------------
    def desired(self, entry, current):
        if current is None:
            obj = {"name": entry["key"]}
            for option, key, kind in SETTINGS:
                if entry.get(option) is not None:
                    obj[option] = entry[option]
            if entry.get("password") is not None:
                obj["password"] = entry["password"]
        else:
            obj = apply_fields(FIELDS, current, entry)
        for option in SET_OPTIONS:
            wanted = entry.get(option)
            if wanted is None:
                continue
            obj[option] = ADDRESSES.after((current or {}).get(option), wanted, entry["purge"], entry["keep"])
        return obj

    def create_errors(self, entry, desired):
        if not entry.get("moderator"):
            return ["moderator is required to create mailing list %s" % self.address(entry["key"])]
        return []

    def changes(self, entry, current, desired):
        # ``desired`` keeps the value read wherever the task's value compares equal (apply_fields)
        options = [f.option for f in FIELDS] + list(SET_OPTIONS)
        return [o for o in options if o in desired and desired[o] != current.get(o)]

    def plan_links(self, plan, entries, before, after, context):
        self.adapter.plan_links(plan, entries, before, after, context)

    # -- output -----------------------------------------------------------------------------
    def domain_before(self, context):
        before = {}
        if "command_address" in context:
            before["command_address"] = context["command_address"]
        if "subscriber_fields" in context and self.params.get("subscriber_fields") is not None:
            before["subscriber_fields"] = field_list(context["subscriber_fields"])
        if "subscriber_values" in context:
            before["subscriber_values"] = [{"address": k, "fields": v} for k, v in sorted(
                context["subscriber_values"].items()) if v is not None]
        return before

    def result(self, outcome):
        result = super(MailingListResource, self).result(outcome)
        before_domain, after_domain = self.domain_before(outcome.context), outcome.context.get("after") or {}
        result.update(after_domain)
        result["diff"]["before"].update(before_domain)
        result["diff"]["after"].update(after_domain)
        # the password is never shown: only whether it was set or changed
        for key, obj in outcome.after.items():
            note = secret_note(outcome.before.get(key), obj, "password") if "password" in obj else None
            if note is None:
                continue
            before, after = note
            if self.collection:
                for shown in result[self.items]:
                    if shown["name"] == key:
                        shown["password"] = after
                result["diff"]["after"][self.items][key]["password"] = after
                if before:
                    result["diff"]["before"][self.items][key]["password"] = before
            elif result[self.item]:
                result[self.item]["password"] = after
                if before and result["diff"]["before"]:
                    result["diff"]["before"]["password"] = before
        return only_listed(self, result, outcome)
