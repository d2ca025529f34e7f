# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The errors the two clients raise: small, so the module glue can catch them without importing
either client before it is needed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class CollectionError(Exception):
    """A failed call: ``str()`` is the full, secret-free message.

    ``sent`` is None when it is not known whether the server received the request, True or False
    otherwise; ``retryable`` says whether trying again may succeed.
    """

    def __init__(self, message, host=None, operation=None, http_status=None, retryable=False, sent=None):
        super(CollectionError, self).__init__(message)
        self.message = message
        self.host = host
        self.operation = operation
        self.http_status = http_status
        self.retryable = retryable
        self.sent = sent

    def __str__(self):
        return self.message


class SmarterMailError(CollectionError):
    """A failed SmarterMail call, with a message that names host, service and operation."""

    def __init__(self, message, service=None, result_code=None, server_message=None, **kwargs):
        super(SmarterMailError, self).__init__(message, **kwargs)
        self.service = service
        self.result_code = result_code
        self.server_message = server_message


class PleskError(CollectionError):
    """A failed Plesk XML API call."""

    def __init__(self, message, errcode=None, errtext=None, target=None, **kwargs):
        super(PleskError, self).__init__(message, **kwargs)
        self.errcode = errcode
        self.errtext = errtext
        # the filter the error is about: a mailbox address, admin, or a pattern
        self.target = target
