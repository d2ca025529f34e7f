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


def unavailable(resource, reasons, asked, result):
    """``result`` with the parts of ``asked`` (in that order) that ``reasons`` ({part: why}) names under
    ``unavailable``, and one warning each on ``resource``."""
    missing = [part for part in asked if part in reasons]
    if missing:
        result["unavailable"] = dict((part, reasons[part]) for part in missing)
        resource.warnings.extend("%s is not available over the JSON API (%s); use api: soap to read it"
                                 % (part, reasons[part]) for part in missing)
    return result
