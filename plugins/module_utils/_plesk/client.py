# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client for Plesk's XML API (``agent.php``), limited to the ``<spamfilter>`` operator.

No AnsibleModule dependency.  Packets are built with lxml in the element order of Plesk's
``agent_input.xsd``; answers are parsed without DTDs or entities; ``system/status`` and every
``result/status`` are checked and failures become one :class:`PleskError` whose message names
the host, the operation, the filter (mailbox or ``admin``) and the server's errtext and errcode.
Reads are retried with backoff after transport errors and HTTP 502/503/504; writes never are.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from urllib.parse import urlsplit

from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import PleskError
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import (
    RETRY_STATUSES,
    UNKNOWN_OUTCOME,
    HttpSession,
    TransportError,
    short_text,
    with_retries,
)

try:
    from lxml import etree
    HAS_LXML = True
    LXML_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the import sanity test
    etree = None
    HAS_LXML = False
    LXML_IMPORT_ERROR = exc


def secure_xml_parser():
    """An lxml parser that loads no DTD, expands no entity and opens no network resource."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


AGENT_PATH = "/enterprise/control/agent.php"
ADMIN = "admin"
# <preferences> children in the schema's order, with their value kinds.
PREFERENCES = (
    ("personal", "bool"),
    ("max-children-process", "int"),
    ("use-server-wide-settings", "bool"),
    ("required-score", "str"),
    ("rewrite-header", "str"),
    ("action", "str"),
)
LISTS = ("black", "white", "unblack", "unwhite")
READ_OPERATIONS = ("get", "get-patterns", "get-allowed-preferences", "get-allowed-lists", "check")
WRITE_OPERATIONS = ("set", "add-pattern", "del-pattern")
HINTS = {
    1001: "check username and password",
    11003: "check api_key (and the IP address the key is bound to)",
    1005: "the server does not speak this XML API protocol version",
    1026: "install SpamAssassin on the Plesk server (Tools & Settings > Updates)",
    1006: "the Plesk user may not manage this filter",
    1013: "no such mailbox or filter on this server",
}


def _bool_text(value):
    return "1" if value else "0"


def _parse_bool(text):
    return (text or "").strip().lower() in ("1", "true")


def build_filter(parent, usernames, tag="filter"):
    """A SpamassassinFilterType element: one <username> per entry (a mailbox or ``admin``)."""
    el = etree.SubElement(parent, tag)
    for name in usernames:
        etree.SubElement(el, "username").text = name
    return el


def build_preferences(parent, preferences):
    """<preferences> with the given wire-named values, in the schema's order (empty allowed)."""
    el = etree.SubElement(parent, "preferences")
    given = dict(preferences or {})
    for name, kind in PREFERENCES:
        value = given.pop(name, None)
        if value is None:
            continue
        child = etree.SubElement(el, name)
        child.text = _bool_text(value) if kind == "bool" else "%s" % (value,)
    if given:
        raise ValueError("unknown spam filter preference(s): %s" % ", ".join(sorted(given)))
    return el


class PleskClient:
    """Sends ``<spamfilter>`` packets to one Plesk server and returns plain Python data."""

    def __init__(self, url, username=None, password=None, api_key=None, validate_certs=True, ca_path=None,
                 timeout=30, retries=3, backoff=0.5, version=None):
        if not HAS_LXML:
            raise PleskError("the lxml Python library is required: %s" % LXML_IMPORT_ERROR)
        parts = urlsplit(url or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PleskError("url must look like https://HOST:8443, got %r" % (url,))
        path = parts.path.rstrip("/")
        if not path.endswith("agent.php"):
            path += AGENT_PATH
        self.url = "%s://%s%s" % (parts.scheme, parts.netloc, path)
        self.host = parts.netloc
        if not api_key and not (username and password):
            raise PleskError("Plesk %s: give username and password, or api_key" % self.host)
        self.username = username
        self._password = password
        self._api_key = api_key
        self.version = version
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.http = HttpSession(validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                                secrets=[password, api_key])
        self.packets = []  # operation names of each packet sent, for diagnostics and tests

    # -- errors ----------------------------------------------------------------------------
    def _scrub(self, text):
        return self.http.scrub(text)

    def _error(self, operation, detail, target=None, errcode=None, errtext=None, **kwargs):
        where = "Plesk %s spamfilter.%s" % (self.host, operation)
        if target:
            where += " for %s" % target
        message = self._scrub("%s failed: %s" % (where, detail))
        return PleskError(message, host=self.host, operation=operation, errcode=errcode,
                          errtext=self._scrub(errtext) if errtext else errtext, target=target, **kwargs)

    def _server_error(self, operation, errcode, errtext, target=None, http_status=None):
        text = (errtext or "").strip() or "no error text"
        try:
            code = int(errcode)
        except (TypeError, ValueError):
            code = errcode
        detail = "%s (errcode %s)" % (text, code)
        hint = HINTS.get(code)
        if hint:
            detail += "; " + hint
        return self._error(operation, detail, target=target, errcode=code, errtext=text, http_status=http_status)

    # -- packets ---------------------------------------------------------------------------
    def new_packet(self):
        packet = etree.Element("packet")
        if self.version:
            packet.set("version", self.version)
        return packet, etree.SubElement(packet, "spamfilter")

    def headers(self):
        headers = {"Content-Type": "text/xml; charset=UTF-8"}
        if self.username and self._password:
            headers["HTTP_AUTH_LOGIN"] = self.username
            headers["HTTP_AUTH_PASSWD"] = self._password
        else:
            headers["KEY"] = self._api_key
        return headers

    def send(self, packet, labels):
        """Post one packet; return the answer's ``<spamfilter>`` operation elements, in order.

        ``labels`` names each operation of the packet (for messages): a list of
        (operation, filter) pairs.  A packet of reads is retried on transient errors; one with a write only when it never left.
        """
        operations = [label[0] for label in labels]
        read = all(op in READ_OPERATIONS for op in operations)
        first, first_filter = labels[0]
        data = etree.tostring(packet, xml_declaration=True, encoding="UTF-8")
        self.packets.append(operations)
        return with_retries(lambda: self._send_once(data, first, first_filter, read, len(operations)),
                            read, self.retries, self.backoff)

    def _send_once(self, data, operation, target, read, count):
        try:
            status, body = self.http.request("POST", self.url, data=data, headers=self.headers())
        except TransportError as exc:
            detail = "%s" % exc
            if not read and exc.sent is not False:
                detail += UNKNOWN_OUTCOME
            raise self._error(operation, detail, target=target, retryable=exc.retryable, sent=exc.sent)
        if status != 200:
            text = short_text(body, self.http.scrub) if body else ""
            raise self._error(operation, "HTTP %s%s" % (status, (": " + text) if text else ""), target=target,
                              http_status=status,
                              retryable=status in RETRY_STATUSES)
        if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
            raise self._error(operation, "the server's answer contains a DOCTYPE; refusing it", target=target)
        try:
            root = etree.fromstring(body, secure_xml_parser())
        except etree.XMLSyntaxError as exc:
            raise self._error(operation, "the server's answer is not well-formed XML (%s)" % exc, target=target)
        if root.getroottree().docinfo.doctype:
            raise self._error(operation, "the server's answer contains a DOCTYPE; refusing it", target=target)
        if root.tag != "packet":
            raise self._error(operation, "the server's answer is not a Plesk packet (root <%s>)" % root.tag,
                              target=target)
        system = root.find("system")
        if system is not None:
            if (system.findtext("status") or "").strip() == "error":
                # A packet-level error: name the filter the packet was about, too.
                raise self._server_error(operation, system.findtext("errcode"), system.findtext("errtext"),
                                         target=target)
            raise self._error(operation, "the server answered with an unexpected <system> element", target=target)
        ops = []
        for spamfilter in root.findall("spamfilter"):
            ops.extend(c for c in spamfilter if isinstance(c.tag, str))
        if len(ops) != count:
            raise self._error(operation, "the server answered %d operation(s) to a packet of %d" % (len(ops), count),
                              target=target)
        return ops

    def check_results(self, operation, op_el, filters=None, owner=None):
        """Every <result> of one operation element, checked; raise on the first error.

        ``owner`` is the filter of a pattern operation, whose results are named by pattern.
        """
        if op_el.tag != operation:
            raise self._error(operation, "the server answered <%s> instead of <%s>" % (op_el.tag, operation))
        results = op_el.findall("result")
        if not results:
            raise self._error(operation, "the server's answer has no <result>", target=filters and filters[0])
        for index, result in enumerate(results):
            status = (result.findtext("status") or "").strip()
            if status == "ok":
                continue
            shown = (result.findtext("filter-id") or "").strip()
            if not shown and filters and index < len(filters):
                shown = filters[index]
            if owner:
                shown = "%s (pattern %s)" % (owner, shown) if shown and shown != owner else owner
            if status == "error":
                raise self._server_error(operation, result.findtext("errcode"), result.findtext("errtext"),
                                         target=shown or None)
            raise self._error(operation, "unexpected result status %r" % status, target=shown or None)
        return results

    def _one(self, operation, build, filters, owner=None):
        packet, spamfilter = self.new_packet()
        build(etree.SubElement(spamfilter, operation))
        label = ", ".join(filters) if filters else None
        op_el = self.send(packet, [(operation, label)])[0]
        return self.check_results(operation, op_el, None if owner else filters, owner=owner)

    # -- operations ------------------------------------------------------------------------
    def get(self, usernames):
        """Status and preferences of each filter: {username: {"id", "enabled", "preferences"}}.

        ``preferences`` maps wire names to values (booleans as bool, max-children-process as int,
        the others as text).  One packet for all usernames.
        """
        usernames = list(usernames)
        results = self._one("get", lambda op: build_filter(op, usernames), usernames)
        out = {}
        for index, result in enumerate(results):
            asked = usernames[index] if index < len(usernames) else ""
            name = (result.findtext("username") or result.findtext("filter-id") or asked).strip()
            prefs = {}
            prefs_el = result.find("preferences")
            for pname, kind in PREFERENCES:
                text = prefs_el.findtext(pname) if prefs_el is not None else None
                if text is None:
                    continue
                if kind == "bool":
                    prefs[pname] = _parse_bool(text)
                elif kind == "int":
                    try:
                        prefs[pname] = int(text.strip())
                    except ValueError:
                        prefs[pname] = text.strip()
                else:
                    prefs[pname] = text
            enabled = None
            if result.find("enabled") is not None:
                enabled = True
            elif result.find("disabled") is not None:
                enabled = False
            out[name.lower()] = {"id": (result.findtext("id") or "").strip() or None, "username": name,
                                 "enabled": enabled, "preferences": prefs}
        return out

    def set(self, usernames, preferences=None, enabled=None):
        """Set preferences (wire names) and/or switch the filter on or off, for every username."""
        usernames = list(usernames)

        def build(op):
            build_filter(op, usernames)
            build_preferences(op, preferences)
            if enabled is not None:
                etree.SubElement(op, "enabled" if enabled else "disabled")

        self._one("set", build, usernames)

    def _patterns(self, operation, username, list_name, patterns):
        def build(op):
            filt = etree.SubElement(op, "filter")
            for pattern in patterns:
                etree.SubElement(filt, "pattern").text = pattern
            etree.SubElement(op, "list").text = list_name
            etree.SubElement(op, "username").text = username

        self._one(operation, build, [username], owner=username)

    def add_patterns(self, username, list_name, patterns):
        self._patterns("add-pattern", username, list_name, list(patterns))

    def del_patterns(self, username, list_name, patterns):
        self._patterns("del-pattern", username, list_name, list(patterns))

    def get_patterns(self, usernames, list_name):
        """{username: [patterns]} of one list, for every username, in one packet."""
        usernames = list(usernames)

        def build(op):
            build_filter(op, usernames)
            etree.SubElement(op, "list").text = list_name

        results = self._one("get-patterns", build, usernames)
        out = {}
        for index, result in enumerate(results):
            name = (result.findtext("filter-id") or (usernames[index] if index < len(usernames) else "")).strip()
            out[name.lower()] = [(p.text or "").strip() for p in result.findall("pattern") if (p.text or "").strip()]
        return out

    def _names(self, operation, usernames, child):
        usernames = list(usernames)
        results = self._one(operation, lambda op: build_filter(op, usernames), usernames)
        out = {}
        for index, result in enumerate(results):
            name = (result.findtext("filter-id") or (usernames[index] if index < len(usernames) else "")).strip()
            out[name.lower()] = [(c.text or "").strip() for c in result.findall(child)]
        return out

    def get_allowed_preferences(self, usernames):
        return self._names("get-allowed-preferences", usernames, "preference")

    def get_allowed_lists(self, usernames):
        return self._names("get-allowed-lists", usernames, "list")

    def check(self):
        """True when SpamAssassin is installed; raises PleskError (errcode 1026) when not."""
        self._one("check", lambda op: None, None)
        return True
