# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ResultCodes the emulator answers with (in-band failures, HTTP 200, ``Result=false``).

Real servers document -1 (bad login) and -20 (no permission); the others are the emulator's
own choice, fixed so tests and clients can rely on them.
"""

OK = 0
LOGIN_FAILED = -1  # Message exactly "Failed to log in."
INVALID_INPUT = -2  # a parameter is missing, malformed or not allowed (bad e-mail, bad key...)
NOT_FOUND = -3  # domain, alias, user, block ... does not exist
ALREADY_EXISTS = -4  # name already taken
LIMIT_REACHED = -5  # a domain limit (MaxAliases, MaxDomainAliases, ...) would be exceeded
MX_CHECK_FAILED = -6  # AddDomainAlias: the name has no MX record pointing here
CONFLICT = -7  # the request contradicts the current state (e.g. catch-alls disabled)
NO_PERMISSION = -20  # a domain admin calling outside its domain / a system-admin operation
INJECTED_FAILURE = -50  # fault injection "result_false"
NOT_IMPLEMENTED = -501  # the operation exists in the catalog but the emulator has no handler

LOGIN_FAILED_MESSAGE = "Failed to log in."
NO_PERMISSION_MESSAGE = "Permission denied: {who} may not call {op}{scope}."


class Fail(Exception):
    """Raise in a handler to answer ``Result=false`` with ``code`` and ``message``."""

    def __init__(self, code: int, message: str, **fields) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields
