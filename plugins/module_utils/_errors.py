# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The errors the two clients raise: small, so the module glue can catch them without importing
either client before it is needed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class SmarterMailError(Exception):
    """A failed SmarterMail call, with a message that names host, service and operation."""

    def __init__(self, message, host=None, service=None, operation=None, result_code=None,
                 server_message=None, http_status=None, retryable=False, sent=None):
        super(SmarterMailError, self).__init__(message)
        self.message = message
        self.host = host
        self.service = service
        self.operation = operation
        self.result_code = result_code
        self.server_message = server_message
        self.http_status = http_status
        self.retryable = retryable
        # None: not known whether the server received the request; True/False otherwise.
        self.sent = sent

    def __str__(self):
        return self.message


class PleskError(Exception):
    """A failed Plesk XML API call; ``str()`` is the full, secret-free message."""

    def __init__(self, message, host=None, operation=None, errcode=None, errtext=None, target=None,
                 http_status=None, retryable=False, sent=None):
        super(PleskError, self).__init__(message)
        self.message = message
        self.host = host
        self.operation = operation
        self.errcode = errcode
        self.errtext = errtext
        # the filter the error is about: a mailbox address, admin, or a pattern
        self.target = target
        self.http_status = http_status
        self.retryable = retryable
        # None: not known whether the server received the request; True/False otherwise.
        self.sent = sent

    def __str__(self):
        return self.message
