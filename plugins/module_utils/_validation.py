# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks run before any call to a server. Each returns an error text or None."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.I)
_LOCAL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$", re.I)


def domain_name_error(value, what="domain name"):
    if not isinstance(value, str) or not value:
        return "%s must be a non-empty string" % what
    name = value[:-1] if value.endswith(".") else value
    if len(name) > 253:
        return "%s %r is longer than 253 characters" % (what, value)
    labels = name.split(".")
    if len(labels) < 2:
        return "%s %r must have at least two labels, like example.com" % (what, value)
    for label in labels:
        if not _LABEL.match(label):
            return ("%s %r is not valid: each dot-separated label must be 1-63 letters, digits or "
                    "hyphens, not starting or ending with a hyphen" % (what, value))
    if labels[-1].isdigit():
        return "%s %r must not end with a numeric label" % (what, value)
    return None


def local_part_error(value, what="local part"):
    if not isinstance(value, str) or not value:
        return "%s must be a non-empty string" % what
    if len(value) > 64 or not _LOCAL.match(value):
        return "%s %r is not a valid mailbox or alias name" % (what, value)
    return None


def email_error(value, what="e-mail address"):
    if not isinstance(value, str) or value.count("@") != 1:
        return "%s %r must have the form name@example.com" % (what, value)
    local, domain = value.split("@")
    if local_part_error(local) or domain_name_error(domain):
        return "%s %r must have the form name@example.com" % (what, value)
    return None


def ip_error(value, what="IP address"):
    try:
        ipaddress.ip_address(u"%s" % value)
    except ValueError:
        return "%s %r is not a valid IPv4 or IPv6 address" % (what, value)
    return None


def port_error(value, what="port"):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        return "%s must be an integer from 1 to 65535, got %r" % (what, value)
    return None


def non_negative_error(value, what="limit"):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return "%s must be a non-negative integer (0 means unlimited), got %r" % (what, value)
    return None


def ipv4_error(value, what="IPv4 address"):
    try:
        ipaddress.IPv4Address(u"%s" % value)
    except ValueError:
        return "%s %r is not a valid IPv4 address" % (what, value)
    return None


def int_range(low, high=None):
    """A check for integers from ``low`` to ``high`` (no upper bound when ``high`` is None)."""
    def check(value, what="value"):
        if isinstance(value, bool) or not isinstance(value, int) or value < low or \
                (high is not None and value > high):
            bound = "from %d to %d" % (low, high) if high is not None else "of at least %d" % low
            return "%s must be an integer %s, got %r" % (what, bound, value)
        return None
    return check


# SmarterMail's spam-check weights (the RBL and every anti-spam settings group).
WEIGHT = int_range(-100, 100)


def collect(checks):
    """Run (check, value, what) triples over values that are set; return the list of errors."""
    errors = []
    for check, value, what in checks:
        if value is None:
            continue
        error = check(value, what)
        if error:
            errors.append(error)
    return errors
