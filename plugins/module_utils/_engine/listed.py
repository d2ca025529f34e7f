# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The result of a list form that shows only what its entries name.

A resource whose objects are all read at once (the mailing lists, the user groups of a domain)
returns, in its list form, the objects its entries name, not every object read; the diff shows
those and the objects the task removed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def only_listed(resource, result, outcome, key=None):
    """``result`` (the engine's default for ``outcome``) narrowed to the objects the entries name.

    ``key(obj)`` is the key of a returned object (default: its ``name``)."""
    if not resource.collection:
        return result
    key = key or (lambda obj: obj["name"])
    listed = set(e["key"] for e in outcome.entries if e.get("state", "present") == "present")
    shown = listed | set(result.get("removed") or [])
    result[resource.items] = [obj for obj in result[resource.items] if key(obj) in listed]
    for side in ("before", "after"):
        objs = result["diff"][side][resource.items]
        result["diff"][side][resource.items] = dict((k, v) for k, v in objs.items() if k in shown)
    return result
