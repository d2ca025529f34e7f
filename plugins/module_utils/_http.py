# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport shared by the SmarterMail (SOAP) and Plesk (XML packet) clients."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket
import ssl
import time
from urllib.error import HTTPError, URLError

from ansible.module_utils.urls import Request, SSLValidationError

# HTTP answers that say the server (or a proxy before it) could not serve the request now.
RETRY_STATUSES = (502, 503, 504)
UNKNOWN_OUTCOME = "; the server may or may not have applied this change"


def with_retries(attempt, read, retries, backoff, sleep=time.sleep):
    """The one retry policy of both clients.

    ``attempt()`` raises errors with ``retryable`` and ``sent``. A read is retried, with the
    delay doubling from ``backoff``, while its error is retryable; a write only when it certainly
    never left (``sent is False``), since the server may have applied one it received.
    """
    delay = backoff
    for number in range(max(0, int(retries)) + 1):
        try:
            return attempt()
        except Exception as exc:
            retryable = getattr(exc, "retryable", False)
            safe = read or getattr(exc, "sent", None) is False
            if not (retryable and safe) or number >= retries:
                raise
        sleep(delay)
        delay *= 2


class TransportError(Exception):
    """A request that got no HTTP answer.

    ``sent`` is False when the request certainly never reached the server (connection refused,
    TLS failure), None when that is unknown (timeout, connection reset).
    """

    def __init__(self, message, retryable=False, sent=None):
        super(TransportError, self).__init__(message)
        self.retryable = retryable
        self.sent = sent


class HttpSession:
    """One HTTP session per task: TLS settings, timeout and the secrets to keep out of messages."""

    def __init__(self, validate_certs=True, ca_path=None, timeout=30, secrets=None):
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.timeout = timeout
        self.secrets = [s for s in (secrets or []) if s]
        self._request = Request(validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                                follow_redirects="safe", http_agent="mailops.smartermail")

    def scrub(self, text):
        text = "%s" % (text,)
        for secret in self.secrets:
            text = text.replace(secret, "********")
        return text

    def request(self, method, url, data=None, headers=None):
        """Return (status, body bytes) for any HTTP answer; raise TransportError without one."""
        try:
            response = self._request.open(method, url, data=data, headers=headers or {})
            return response.getcode(), response.read()
        except HTTPError as exc:
            try:
                body = exc.read()
            except Exception:
                body = b""
            return exc.code, body
        except SSLValidationError as exc:
            raise TransportError(self._tls_message(url, exc), sent=False)
        except URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLError):
                raise TransportError(self._tls_message(url, reason), sent=False)
            if isinstance(reason, ConnectionRefusedError):
                raise TransportError("connection refused by %s" % self._where(url), retryable=True, sent=False)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise TransportError("no answer from %s within %s s (timeout)" % (self._where(url), self.timeout),
                                     retryable=True, sent=None)
            if isinstance(reason, socket.gaierror):
                raise TransportError("cannot resolve the host of %s: %s" % (self._where(url), reason), sent=False)
            raise TransportError("cannot reach %s: %s" % (self._where(url), self.scrub(reason)),
                                 retryable=True, sent=None)
        except ssl.SSLError as exc:
            raise TransportError(self._tls_message(url, exc), sent=False)
        except (socket.timeout, TimeoutError):
            raise TransportError("no answer from %s within %s s (timeout)" % (self._where(url), self.timeout),
                                 retryable=True, sent=None)
        except (ConnectionError, OSError) as exc:
            raise TransportError("connection to %s failed: %s" % (self._where(url), self.scrub(exc)),
                                 retryable=True, sent=None)

    @staticmethod
    def _where(url):
        return url.split("?", 1)[0]

    def _tls_message(self, url, exc):
        return ("the TLS certificate of %s could not be verified (%s); set ca_path to the CA "
                "certificate that signed it, or validate_certs to false for a test server"
                % (self._where(url), self.scrub(exc)))
