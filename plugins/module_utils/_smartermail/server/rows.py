# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tables of the server's object families (gateways, hostnames, ports, administrators, services).

These families run on ``ListResource`` (svcServerAdmin's small object families), which describes
an option by an ``Opt`` row: its input check and normalization, the value the server stores when an
object is added without it, whether it is write-only. ``Row`` is a table ``Option`` that carries
those too, so one row holds an option's documentation, type, comparison rule, SOAP column and
checks; ``list_options(table)`` gives the ``Opt`` rows ``ListResource`` runs on.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.security.server_list import (
    Opt,
    ip_check,
    ip_or_network_check,
    ip_text,
    text,
)

STATE = ("present", "absent")
GUID_DOC = ("Read only - the server's identifier, ignored on input (so that the output of "
            "M(mailops.smartermail.smartermail_info) feeds back unchanged).")
LIST_DOC = ("Objects not listed are left alone unless O(purge) is set; an empty list manages nothing "
            "(with O(purge) it removes every object not in O(keep)).")
SINGLE_DOC = "Mutually exclusive with the options of the single form."


class Row(Option):
    """A table row of a server object family: an ``Option`` with what ``ListResource`` checks.

    ``normalize(value)`` is the one form compared, sent and shown; ``on_create`` the value the server
    stores when an object is added without the option; ``write_only`` an option never read back (so
    never compared). Compared options use the ``exact`` rule unless the row says otherwise; a
    write-only one has no comparison rule.
    """

    def __init__(self, name, doc, normalize=None, on_create=None, write_only=False, rule="exact", **kwargs):
        super(Row, self).__init__(name, doc, rule=None if write_only else rule, **kwargs)
        self.normalize = normalize
        self.on_create = on_create
        self.write_only = write_only


def state_row(doc="Whether the object should exist."):
    """The ``state`` row of a family (``ListResource`` adds the option to the entry itself)."""
    return Option("state", doc, choices=STATE, default="present")


def guid_row(name="guid", soap=None):
    """The server's identifier: read and shown, ignored on input."""
    return Row(name, GUID_DOC, read_only=True, soap=soap)


def target_rows(soap=(None, None, None)):
    """``ip_address`` (an address, or a CIDR network standing for its range) or a range; ``soap``
    names the three on the wire."""
    return [
        Row("ip_address", "One IP address (IPv4 or IPv6), or a CIDR network such as C(10.0.0.0/24), which stands for "
            "the range from its first to its last address. Give either this or O(ip_range_start) and "
            "O(ip_range_end).", check=ip_or_network_check, normalize=text, soap=soap[0]),
        Row("ip_range_start", "First address of an IP range (with O(ip_range_end)).", check=ip_check,
            normalize=ip_text, soap=soap[1]),
        Row("ip_range_end", "Last address of an IP range (with O(ip_range_start)).", check=ip_check,
            normalize=ip_text, soap=soap[2]),
    ]


def list_doc(what):
    """The documentation of a family's list option."""
    return ["Many %s in one task, read with one call; only the differences are written." % what, LIST_DOC,
            SINGLE_DOC]


def list_options(table):
    """The ``Opt`` rows of ``table``'s entry options (``state`` aside) for ``ListResource``."""
    out = []
    for row in table.options:
        if not row.entry or row.name == "state":
            continue
        write_only = getattr(row, "write_only", False)
        out.append(Opt(row.name, type=row.type, rule=row.rule or "exact", default=getattr(row, "on_create", None),
                       check=row.check, normalize=getattr(row, "normalize", None), secret=row.secret,
                       write_only=write_only, read_only=row.read_only, elements=row.elements,
                       choices=tuple(row.choices) if row.choices else None))
    return tuple(out)
