# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one reconcile engine: desired versus current, diff, check mode, fewest writes.

Nothing here talks to a server or to AnsibleModule: a module reads the current state, builds
the desired state from the options the user set (None means "leave as is"), and lets this
engine decide what differs, which writes to make, and what to report.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy


def normalize_address(value):
    """E-mail addresses compare without case and surrounding blanks."""
    return (value or "").strip().lower()


def as_set(values, normalize=normalize_address):
    return frozenset(normalize(v) for v in (values or []) if normalize(v))


def values_equal(current, desired, unordered=False):
    """Compare one option's current and desired value.

    ``unordered`` compares lists as sets of normalized strings (addresses, domain names).
    """
    if desired is None:
        return True
    if unordered:
        return as_set(current) == as_set(desired)
    if isinstance(desired, bool) or isinstance(current, bool):
        return to_bool(current) == to_bool(desired)
    if isinstance(desired, dict):
        current = current or {}
        return all(values_equal(current.get(k), v) for k, v in desired.items())
    if isinstance(desired, (int, float)) and not isinstance(desired, bool):
        try:
            return float(current) == float(desired)
        except (TypeError, ValueError):
            return False
    if isinstance(desired, list):
        return list(current or []) == list(desired)
    return ("%s" % (current,)) == ("%s" % (desired,))


def to_bool(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return ("%s" % value).strip().lower() in ("true", "1", "yes", "on")


def changed_keys(current, desired, unordered_keys=()):
    """Return the keys of ``desired`` (ignoring None values) whose value differs from ``current``."""
    current = current or {}
    return [key for key, value in desired.items()
            if value is not None and not values_equal(current.get(key), value, key in unordered_keys)]


def merge(current, desired):
    """``current`` updated with every non-None value of ``desired`` (a new dict)."""
    result = copy.deepcopy(current) if current else {}
    for key, value in desired.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def plan_collection(current, desired, purge=False, keep=(), same=None):
    """Plan the writes that turn one collection of named objects into another.

    ``current`` and ``desired`` map a normalized name to an object.  Returns three sorted lists
    of names: to create, to update (present in both but different per ``same``), to remove
    (only with ``purge``, never a name in ``keep``).
    """
    same = same or (lambda a, b: a == b)
    keep = set(keep or ())
    create = sorted(name for name in desired if name not in current)
    update = sorted(name for name in desired if name in current and not same(current[name], desired[name]))
    remove = sorted(name for name in current if purge and name not in desired and name not in keep)
    return create, update, remove


class Plan:
    """Collects the writes of one task, applies them unless in check mode, and reports.

    Each write is a (description, callable) pair; descriptions name the object, so a task that
    fails half-way can say exactly which changes were applied before the failure.
    """

    def __init__(self, check_mode=False):
        self.check_mode = check_mode
        self.writes = []
        self.applied = []

    def add(self, description, action):
        self.writes.append((description, action))

    @property
    def changed(self):
        return bool(self.writes)

    def apply(self):
        if self.check_mode:
            return
        for description, action in self.writes:
            action()
            self.applied.append(description)

    def descriptions(self):
        return [write[0] for write in self.writes]


def diff(before, after, before_header=None, after_header=None):
    result = {"before": before if before is not None else {}, "after": after if after is not None else {}}
    if before_header:
        result["before_header"] = before_header
    if after_header:
        result["after_header"] = after_header
    return result
