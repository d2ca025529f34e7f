# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A domain's DKIM or DomainKeys signing key (svcDomainAdmin): generated once, read, published.

The server generates the key pair (GenerateDKIMCert / GenerateDomainKeysCert) and answers the
public key with the selector (GetDKIMCert / GetDomainKeysCert). A key that exists is kept unless
the task asks to rotate it. The private key the server also answers is dropped where it is read:
it is never kept, compared, returned or logged.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import ArgumentSpec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.resource import PlanError, Resource, diff
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import (
    collect,
    control_error,
    domain_key,
    domain_name_error,
)

SERVICE = "svcDomainAdmin"
KEY_SIZES = [512, 768, 1024, 1536, 2048]
_SELECTOR = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}))*$")

# type -> (label, Get operation, Generate operation, TXT value prefix)
KINDS = {
    "dkim": ("DKIM", "GetDKIMCert", "GenerateDKIMCert", "v=DKIM1; k=rsa; p="),
    "domainkeys": ("DomainKeys", "GetDomainKeysCert", "GenerateDomainKeysCert", "k=rsa; p="),
}


def selector_error(value, what="selector"):
    if control_error(value, what):
        return control_error(value, what)
    if not _SELECTOR.match("%s" % value):
        return ("%s %r is not a valid selector (DNS labels of letters, digits, hyphens and underscores, "
                "separated by dots)" % (what, value))
    return None


def dns_record(domain, selector, public_key, kind):
    """The TXT record that publishes a public key: its owner name and its value."""
    return {"name": "%s._domainkey.%s" % (selector, domain), "type": "TXT",
            "value": KINDS[kind][3] + public_key}


def read_key(client, domain, kind):
    """The domain's key of ``kind`` as {selector, public_key}, or None when it has none.

    The private key in the answer is not kept.
    """
    answer = client.call(SERVICE, KINDS[kind][1], DomainName=domain)
    public_key = ("%s" % (answer.get("publicKey") or "")).strip()
    if not public_key:
        return None
    return {"selector": ("%s" % (answer.get("selector") or "")).strip(), "public_key": public_key}


def shape(domain, kind, obj):
    """A key as returned: domain, type, selector, public key and the TXT record (when known)."""
    out = {"domain": domain, "type": kind, "selector": obj.get("selector")}
    if obj.get("public_key"):
        out["public_key"] = obj["public_key"]
        out["dns_record"] = dns_record(domain, obj["selector"], obj["public_key"], kind)
    return out


class DkimResource(Resource):
    """One domain's signing key of one type; generated when missing or when rotation is asked."""

    backend = "smartermail"
    item = "key"
    key_option = None
    argument_spec = ArgumentSpec(dict(
        domain=dict(type="str", required=True),
        type=dict(type="str", choices=sorted(KINDS), default="dkim"),
        selector=dict(type="str"),
        key_size=dict(type="int", choices=KEY_SIZES, default=2048),
        rotate=dict(type="bool", default=False),
    ))

    def __init__(self, params, api=None):
        super(DkimResource, self).__init__(params, api)
        self.domain = domain_key(params.get("domain")) or ""
        self.kind = params.get("type") or "dkim"

    def validate(self):
        params = self.params
        errors = collect([(domain_name_error, params.get("domain") or "", "domain"),
                          (selector_error, params.get("selector"), "selector")])
        if params.get("rotate") and not params.get("selector"):
            errors.append("rotate needs selector (the selector of the new key)")
        return [{"key": self.domain, "state": "present", "selector": params.get("selector"),
                 "key_size": params.get("key_size"), "rotate": bool(params.get("rotate"))}], errors

    def read_one(self, client, entry):
        return read_key(client, self.domain, self.kind)

    def read_all(self, client, entries):
        found = self.read_one(client, entries[0])
        return {entries[0]["key"]: found} if found is not None else {}

    def desired(self, entry, current):
        if current is None or entry["rotate"]:
            # a new key pair: its public key is known once the server has made it
            return {"selector": entry["selector"] or (current or {}).get("selector")}
        if entry["selector"] and entry["selector"].lower() != (current.get("selector") or "").lower():
            self.warnings.append(
                "the %s key of %s has selector %s, not %s: it is kept (set rotate to replace it)"
                % (KINDS[self.kind][0], self.domain, current.get("selector"), entry["selector"]))
        return dict(current)

    def create_errors(self, entry, desired):
        if not entry["selector"]:
            return ["%s has no %s key: selector is needed to generate one" % (self.domain, KINDS[self.kind][0])]
        return []

    def changes(self, entry, current, desired):
        return ["key"] if entry["rotate"] else []

    def _generate(self, plan, entry, phase, what):
        label, dummy, operation, dummy2 = KINDS[self.kind]
        plan.add(phase, operation, "%s %s key pair for %s (selector %s, %d bits)"
                 % (what, label, self.domain, entry["selector"], entry["key_size"]),
                 dict(DomainName=self.domain, KeySize=entry["key_size"], selector=entry["selector"]),
                 key=entry["key"], service=SERVICE)

    def plan_create(self, plan, entry, desired):
        self._generate(plan, entry, "create", "generate a")

    def plan_update(self, plan, entry, current, desired, changed):
        self._generate(plan, entry, "update", "rotate: generate a new")

    def plan_remove(self, plan, key, current):
        raise PlanError("a %s key cannot be removed through the API" % KINDS[self.kind][0])

    def read_back(self, client, outcome):
        """The key the server generated, read again (its public key and TXT record)."""
        found = read_key(client, self.domain, self.kind)
        if found is not None:
            outcome.after[self.domain] = found

    def result(self, outcome):
        before = outcome.before.get(self.domain)
        after = outcome.after.get(self.domain)
        b = shape(self.domain, self.kind, before) if before else {}
        a = shape(self.domain, self.kind, after) if after else {}
        return {"signing_key": a, "dns_record": a.get("dns_record"), "diff": diff(b, a)}
