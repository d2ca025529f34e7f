# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Greylisting filters of a SmarterMail server (svcServerAdmin): a country, an IP address or a range.
The table, the resource and its SOAP adapter.

Keyed by the lower-case country code, the address or ``start-end``. ``filter_type`` follows from
the fields given when omitted (a CIDR ``ip_address`` is a range). There is no edit operation: a new
description is DeleteGreylistingFilter, then AddGreylistingFilter.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.server.info import read_greylisting
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    DESCRIPTION,
    ListResource,
    ListTable,
    Row,
    SoapList,
    choice_normalize,
    expand_target,
    target_keep_entry,
    target_key,
    target_options,
    text,
)

TYPES = ("Country", "IPAddress", "IPRange")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


def country_check(value, what):
    if text(value) and not _COUNTRY.match(text(value)):
        return "%s must be a two-letter country code, got %r" % (what, value)
    return None


TABLE = ListTable((
    Row("filter_type", "The kind of filter. When omitted, it follows from the fields given (a CIDR network is a range).",
        choices=TYPES, normalize=choice_normalize(TYPES), soap="filterType"),
) + target_options() + (
    Row("country_code", "A two-letter country code (for a V(Country) filter).", check=country_check,
        normalize=lambda v: text(v).upper(), soap="countryCode"),
    DESCRIPTION,
), list_option="filters", what="filters")
# what names a filter in DeleteGreylistingFilter (every column but the description)
FILTER = tuple(row.name for row in TABLE.rows if row.name != "description")


class SoapGreylistingFilters(SoapList):
    """``ListGreylistingFilters``, ``AddGreylistingFilter``, ``DeleteGreylistingFilter`` (no edit: a
    change replaces the filter)."""

    add_operation = "AddGreylistingFilter"

    def read_list(self, client):
        return read_greylisting(client)

    def remove(self, obj):
        return "DeleteGreylistingFilter", self.sent(obj, FILTER)


class GreylistingFilterResource(ListResource):
    json_missing = ("no known endpoint of the JSON API manages greylisting filters (greylisting appears only in the web "
                    "interface's anti-spam export file)")
    item = "greylisting filter"
    single_key = "filter"
    items = "filters"
    list_option = "filters"
    table = TABLE
    argument_spec = TABLE.argument_spec()
    adapters = {"soap": SoapGreylistingFilters}
    key_required = "country_code, ip_address or ip_range_start and ip_range_end"

    def key(self, obj):
        if obj.get("country_code"):
            return obj["country_code"].lower()
        if obj.get("ip_address") or obj.get("ip_range_start"):
            return target_key(obj)
        return None

    def keep_entry(self, value):
        """A country code (two letters) or an IP target."""
        if _COUNTRY.match(text(value)):
            return {"country_code": value, "state": "absent"}
        return target_keep_entry(value)

    def prepare(self, entry, where):
        kind = entry.get("filter_type")
        if entry.get("country_code"):
            if kind not in (None, "Country") or entry.get("ip_address") or entry.get("ip_range_start") \
                    or entry.get("ip_range_end"):
                return entry, ["%s: a Country filter takes country_code only" % where]
            return dict(entry, filter_type="Country", ip_address="", ip_range_start="", ip_range_end=""), []
        if kind == "Country":
            return entry, ["%s: a Country filter needs country_code" % where]
        entry, errors = expand_target(entry, where)
        if errors:
            return entry, errors
        found = "IPAddress" if entry["ip_address"] else "IPRange"
        if kind not in (None, found):
            return entry, ["%s: filter_type %s does not match the %s given" % (
                where, kind, "address" if entry["ip_address"] else "range")]
        return dict(entry, filter_type=found, country_code=""), []
