# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the ``_info`` modules' JSON readers share: the parts the JSON API does not serve.

An ``_info`` module asked for a part (``include``, ``gather``, ``groups``) that the JSON API does not
serve does not fail: the part is left out, named under ``unavailable`` with why, and warned about.
(An option whose values have no known JSON name is refused before any call instead: the table's
NotServed cell.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import NotServed


def unavailable(resource, reasons, asked, result):
    """``result`` with the parts of ``asked`` (in that order) that ``reasons`` ({part: why}) names under
    ``unavailable``, and one warning each on ``resource``."""
    missing = [part for part in asked if part in reasons]
    if missing:
        result["unavailable"] = dict((part, reasons[part]) for part in missing)
        resource.warnings.extend("%s is not available over the JSON API (%s); use api: soap to read it"
                                 % (part, reasons[part]) for part in missing)
    return result


def soap_under_auto(option, reasons, asked):
    """The JSON column of the option that names the parts (``include``, ``gather``, ``groups``).

    With ``api: json`` nothing is refused: the parts in ``reasons`` are returned as unavailable. With
    ``api: auto`` a task asking for one of them is not served over JSON, so that ``auto`` reads it over
    SOAP (with a warning saying so) rather than leave it out. ``asked(resource, entries)`` gives the
    parts the task asks for.
    """
    def when(resource, entries):
        return resource.params.get("api") == "auto" and any(part in reasons for part in asked(resource, entries))
    return NotServed("with api: auto such a part is read over SOAP; api: json returns it under unavailable instead",
                     when=when, label="%s naming a part the JSON API does not serve" % option)
