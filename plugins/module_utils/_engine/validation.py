# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Input checks run before any call to a server. Each returns an error text or None.

Names are checked after the normalization their comparison uses (``domain_key``, ``local_key``):
a name that becomes valid only through Unicode case folding (``exa\u212amle.com`` with a Kelvin
sign) is checked, compared and sent in the normalized form, never as written. Domain names may be
internationalized: they are converted to A-labels (``bücher.test`` -> ``xn--bcher-kva.test``, Python's
``idna`` codec, IDNA 2003) and the A-label form is what is sent, compared and returned. Local parts
(mailbox and alias names) are ASCII only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

# ASCII only: without re.ASCII, IGNORECASE lets the Kelvin sign match "k" and the long s match "s".
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.I | re.A)
_LOCAL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$", re.I | re.A)

# Wire types of SOAP integers.
INT32_MAX = 2 ** 31 - 1
INT64_MAX = 2 ** 63 - 1
# A size in MB sent as a SOAP long: the server counts it in bytes, which must still fit a long.
MB_IN_LONG_MAX = INT64_MAX // (1024 * 1024)


def _text(value):
    return "%s" % (value if value is not None else "")


def domain_key(value):
    """The one normalization of a domain name: blanks and a trailing dot removed, lower case,
    internationalized labels as A-labels (``xn--``). None when nothing is left; an IDN that cannot
    be encoded is returned lower-cased as written (``domain_name_error`` then refuses it)."""
    name = _text(value).strip().lower()
    if name.endswith("."):
        name = name[:-1]
    if not name:
        return None
    if name.isascii():
        return name
    try:
        return name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return name


def local_key(value):
    """The one normalization of a local part (mailbox or alias name): stripped, lower case."""
    name = _text(value).strip().lower()
    return name or None


# Control characters (C0 but tab/CR/LF in multi-line text, DEL, C1), lone surrogates, non-characters.
_BAD = re.compile(u"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_MULTILINE = re.compile(u"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_error(value, what, multiline=False):
    """Why ``value`` cannot be sent in a request: a control character, NUL or a non-character.

    ``multiline`` values (message bodies) may hold tabs and line breaks. The message never shows
    the value (it may be a secret), only the position and code of the first bad character.
    """
    if not isinstance(value, str):
        return None
    found = (_BAD_MULTILINE if multiline else _BAD).search(value)
    if found:
        index, code = found.start(), ord(found.group())
        return "%s must not contain control characters (U+%04X at position %d)" % (what, code, index + 1)
    return None


def domain_name_error(value, what="domain name"):
    """Why ``value`` is no domain name, checked in its normalized (A-label) form."""
    if not isinstance(value, str) or not value.strip():
        return "%s must be a non-empty string" % what
    error = control_error(value, what)
    if error:
        return error
    name = domain_key(value)
    if name is None or not name.strip("."):
        # nothing but blanks and dots ("." or ".." leave no label at all)
        return "%s %r is not a domain name, like example.com" % (what, value)
    shown = repr(value)
    if any(ord(c) >= 128 for c in value):
        if any(ord(c) >= 128 for c in name):
            return "%s %r is not a valid internationalized domain name (it has no A-label form)" % (what, value)
        shown = "%r (as A-labels: %s)" % (value, name)
    elif "xn--" in name:
        try:
            name.encode("ascii").decode("idna")
        except UnicodeError:
            return "%s %r has an invalid A-label (xn--)" % (what, value)
    if len(name) > 253:
        return "%s %s is longer than 253 characters" % (what, shown)
    labels = name.split(".")
    if len(labels) < 2:
        return "%s %s must have at least two labels, like example.com" % (what, shown)
    for label in labels:
        if not _LABEL.match(label):
            return ("%s %s is not valid: each dot-separated label must be 1-63 letters, digits or "
                    "hyphens, not starting or ending with a hyphen" % (what, shown))
    if labels[-1].isdigit():
        return "%s %s must not end with a numeric label" % (what, shown)
    return None


def local_part_error(value, what="local part"):
    if not isinstance(value, str) or not value:
        return "%s must be a non-empty string" % what
    error = control_error(value, what)
    if error:
        return error
    if len(value) > 64 or not _LOCAL.match(value):
        return "%s %r is not a valid mailbox or alias name" % (what, value)
    return None


def email_error(value, what="e-mail address"):
    if not isinstance(value, str) or value.count("@") != 1:
        return "%s %r must have the form name@example.com" % (what, value)
    error = control_error(value, what)
    if error:
        return error
    local, domain = value.strip().split("@")
    if local_part_error(local.lower()) or domain != domain.strip() or domain_name_error(domain):
        return "%s %r must have the form name@example.com" % (what, value)
    return None


def address_key(value):
    """The one normalization of an e-mail address: stripped, lower case, its domain as A-labels."""
    text = _text(value).strip().lower()
    if text.isascii() and not text.endswith("."):
        return text
    local, sep, domain = text.rpartition("@")
    if not sep:
        return text
    return "%s@%s" % (local, domain_key(domain) or "")


def ip_error(value, what="IP address"):
    if control_error(value, what):
        return control_error(value, what)
    try:
        ipaddress.ip_address(u"%s" % value)
    except ValueError:
        return "%s %r is not a valid IPv4 or IPv6 address" % (what, value)
    return None


def port_error(value, what="port"):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        return "%s must be an integer from 1 to 65535, got %r" % (what, value)
    return None


def non_negative_error(value, what="limit", high=INT32_MAX):
    """A count sent as a SOAP int (``high``: the largest value its wire type holds)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return "%s must be a non-negative integer (0 means unlimited), got %r" % (what, value)
    if value > high:
        return "%s must be at most %d (the largest value the server takes), got %r" % (what, high, value)
    return None


def size_mb_long_error(value, what="size"):
    """A size in MB sent as a SOAP long: at most what a long holds once counted in bytes."""
    return non_negative_error(value, what, high=MB_IN_LONG_MAX)


def ipv4_error(value, what="IPv4 address"):
    if control_error(value, what):
        return control_error(value, what)
    try:
        ipaddress.IPv4Address(u"%s" % value)
    except ValueError:
        return "%s %r is not a valid IPv4 address" % (what, value)
    return None


def int_range(low, high=INT32_MAX):
    """A check for integers from ``low`` to ``high`` (by default the largest SOAP int)."""
    def check(value, what="value"):
        if isinstance(value, bool) or not isinstance(value, int) or value < low or value > high:
            bound = "of at least %d (and at most %d)" % (low, high) if high == INT32_MAX else "from %d to %d" % (
                low, high)
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


SCALARS = (str, int, float, bool)
# The longest text of any option (settings values included; a key's kind may set a lower bound).
TEXT_MAX = 4096
# The longest multi-line text (message bodies, footers).
MULTILINE_TEXT_MAX = 1024 * 1024
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "1", "0")


def kind_error(value, kind, what):
    """Why ``value`` is not of ``kind`` (see ``_settings_keys``); the message never shows the value."""
    if kind[0] == "bool":
        if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)) or (
                isinstance(value, str) and value.strip().lower() in _BOOL_WORDS):
            return None
        return "%s must be a boolean (true or false)" % what
    if kind[0] == "int":
        number = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.match(r"^\s*[-+]?[0-9]+\s*$", value):
            number = int(value)
        if number is None or not kind[1] <= number <= kind[2]:
            return "%s must be an integer from %d to %d" % (what, kind[1], kind[2])
        return None
    if kind[0] == "choice":
        if isinstance(value, str) and value.strip().lower() in kind[1]:
            return None
        return "%s must be one of %s" % (what, ", ".join(kind[1]))
    if kind[0] == "text" and len(_text(value)) > kind[1]:
        return "%s must be at most %d characters" % (what, kind[1])
    return None


def settings_errors(settings, what="settings", forbidden=(), kinds=None, read_only=()):
    """A free-form ``key=value`` settings dict -> ({lower-case key: value}, errors).

    Values must be scalars (text, number, boolean); None means "not managed" and is left out (never
    read, compared, sent or returned). Keys must be non-empty, without blanks around them, ``=`` or
    control characters; values must be one line (their length is bounded by ``params_control_errors``). Two keys
    that differ only in case are an error naming both. ``forbidden`` keys (lower case) are refused,
    ``read_only`` keys too (the server does not take them); ``kinds`` ({lower-case key: kind}, see
    ``_settings_keys``) types the known keys: their values are checked by type and range. No message
    shows a value (a value may be a secret).
    """
    result, errors, spelled = {}, [], {}
    for name, value in (settings or {}).items():
        name = _text(name)
        low = name.lower()
        if low in forbidden:
            errors.append("%s must not hold %r" % (what, name))
            continue
        if low in read_only:
            errors.append("%s key %r is read-only: the server does not take it" % (what, name))
            continue
        if not name or "=" in name or name.strip() != name or control_error(name, "key"):
            errors.append("%s key %r is not a valid setting name (no '=', blanks around it or control "
                          "characters)" % (what, name))
            continue
        if low in spelled:
            errors.append("%s keys %r and %r differ only in case: give one of them" % (what, spelled[low], name))
            continue
        spelled[low] = name
        if value is None:
            continue
        if not isinstance(value, SCALARS):
            errors.append("%s value of %r must be a text, a number or a boolean, got a %s"
                          % (what, name, type(value).__name__))
        elif isinstance(value, str) and control_error(value, "value"):
            errors.append("%s value of %r must be one line without control characters" % (what, name))
        elif isinstance(value, int) and not isinstance(value, bool) and not -INT64_MAX - 1 <= value <= INT64_MAX:
            errors.append("%s value of %r is out of range" % (what, name))
        elif kinds and low in kinds and kind_error(value, kinds[low], "%s value of %r" % (what, name)):
            errors.append(kind_error(value, kinds[low], "%s value of %r" % (what, name)))
        else:
            result[low] = value
    return result, errors


def _secret_option(option):
    last = option.rpartition(".")[2]
    return "password" in last or last == "api_key"


def _where(is_dict, prefix, name, item=None):
    """The dotted path of ``name`` under ``prefix``; a list entry's is ``item`` (``prefix[i]`` when None)."""
    if is_dict:
        return "%s.%s" % (prefix, name) if prefix else "%s" % name
    return "%s[%d]" % (prefix, name) if item is None else item


def params_control_errors(params, multiline=(), path="", shown=""):
    """Control characters in every text of ``params`` (nested dicts and lists included), texts
    longer than ``TEXT_MAX`` (``MULTILINE_TEXT_MAX`` for multi-line options), and integers no SOAP
    long holds.

    ``multiline`` names options (dotted paths, list entries without their index) whose text may
    hold line breaks and tabs. Messages name the option, never its value; for a password not even
    the character found.
    """
    errors = []
    is_dict = isinstance(params, dict)
    for name, value in (params.items() if is_dict else enumerate(params)):
        # the option's path and the name shown are made only for a message or a nested value: a task of
        # many domains holds tens of thousands of texts, nearly always clean
        if isinstance(value, str):
            if multiline:
                option = _where(is_dict, path, name, path)
                lines = option in multiline
            else:
                option, lines = None, False
            longest = MULTILINE_TEXT_MAX if lines else TEXT_MAX
            if len(value) > longest or (_BAD_MULTILINE if lines else _BAD).search(value):
                if option is None:
                    option = _where(is_dict, path, name, path)
                where = _where(is_dict, shown, name)
                error = control_error(value, where, multiline=lines)
                if error and _secret_option(option):
                    error = "%s must not contain control characters" % where
                if not error:
                    error = "%s must be at most %d characters" % (where, longest)
                errors.append(error)
        elif isinstance(value, int) and not isinstance(value, bool) and not -INT64_MAX - 1 <= value <= INT64_MAX:
            where = _where(is_dict, shown, name)
            errors.append("%s must be an integer from %d to %d, got %r" % (where, -INT64_MAX - 1, INT64_MAX, value))
        elif isinstance(value, (dict, list, tuple)):
            option = _where(is_dict, path, name, path)
            where = _where(is_dict, shown, name)
            errors.extend(params_control_errors(value, multiline, option, where))
        if is_dict and (not isinstance(name, str) or _BAD.search(name)) and control_error("%s" % (name,), "key"):
            errors.append("the key %r of %s must not contain control characters" % (name, shown or "the options"))
    return errors
