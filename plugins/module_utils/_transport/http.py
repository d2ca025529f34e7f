# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP transport shared by the SmarterMail (SOAP) and Plesk (XML packet) clients."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import json
import socket
import ssl
import threading
import time
from html import escape as html_escape
from urllib.error import HTTPError, URLError
from urllib.parse import quote, quote_plus
from xml.sax.saxutils import escape as xml_escape

from ansible.module_utils.urls import Request, SSLValidationError, make_context

# HTTP answers that say the server (or a proxy before it) could not serve the request now.
RETRY_STATUSES = (502, 503, 504)
# The most a response body may hold: a 10,000-object list is a few MB; this leaves ample room.
MAX_BODY = 64 * 1024 * 1024
_CHUNK = 64 * 1024


def _xml_forms(text):
    return [xml_escape(text), xml_escape(text, {'"': "&quot;", "'": "&apos;"}), html_escape(text, quote=True)]


@functools.lru_cache(maxsize=1 << 16)
def encodings(secret):
    """Every form a secret takes on the wire or in an answer that echoes a request: as is,
    XML/HTML-escaped (once, and twice: a request's XML echoed inside an XML or HTML page),
    JSON-escaped (ASCII-only and not, and of its XML form), URL-encoded (``%20`` and ``+``).

    Remembered: a task of many domains gives the same secrets to each of its readers' clients."""
    forms = set([secret, quote(secret, safe=""), quote_plus(secret, safe="")])
    for escaped in _xml_forms(secret):
        forms.add(escaped)
        forms.update(_xml_forms(escaped))
    for text in list(forms):
        forms.add(json.dumps(text)[1:-1])
        forms.add(json.dumps(text, ensure_ascii=False)[1:-1])
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


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


def short_text(body, scrub, limit=300):
    """A server's error page as one short, scrubbed line (for HTTP error messages)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else "%s" % body
    # scrubbed before it is cut: a secret cut in two at the limit would leave its start behind
    text = " ".join(scrub(text).split())
    if len(text) > limit:
        text = text[:limit] + "..."
    return text


# OpenSSL's reasons for an answer that is no TLS at all (an https:// URL on a plain-HTTP port).
NOT_TLS_REASONS = ("WRONG_VERSION_NUMBER", "HTTP_REQUEST", "UNKNOWN_PROTOCOL", "PACKET_LENGTH_TOO_LONG",
                   "RECORD_LAYER_FAILURE")


class TransportError(Exception):
    """A request that got no HTTP answer.

    ``sent`` is False when the request certainly never reached the server (connection refused,
    TLS failure), None when that is unknown (timeout, connection reset).
    """

    def __init__(self, message, retryable=False, sent=None):
        super(TransportError, self).__init__(message)
        self.retryable = retryable
        self.sent = sent


# Given to Request.open for plain-HTTP URLs, which never use it; built once per process.
_PLAIN_HTTP_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class HttpSession:
    """One HTTP session per task: TLS settings, timeout and the secrets to keep out of messages."""

    def __init__(self, validate_certs=True, ca_path=None, timeout=30, secrets=None, max_body=MAX_BODY):
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.timeout = timeout
        self.max_body = max_body
        self._secrets = set()
        # a client may be shared by the readers of a task of many domains
        self._secrets_lock = threading.Lock()
        self.add_secrets(secrets or [])
        # the task's own credentials only: a ~/.netrc entry for the server's host would replace the JSON
        # API's bearer token with a Basic header (and reading it costs every request a file read)
        self._request = Request(validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                                follow_redirects="none", http_agent="mailops.smartermail", use_netrc=False)
        self._contexts = {}

    def _context(self, url):
        """The TLS context of the session, built once (Request.open would build one per request).

        A plain-HTTP URL gets a bare context that nothing uses (redirects are never followed), so it
        does not pay for loading the system's CA certificates.
        """
        tls = url[:8].lower() == "https://"
        if tls not in self._contexts:
            if tls:
                self._contexts[tls] = make_context(cafile=self.ca_path, validate_certs=self.validate_certs)
            else:
                self._contexts[tls] = _PLAIN_HTTP_CONTEXT
        return self._contexts[tls]

    def add_secret(self, secret):
        """Keep ``secret`` (in every wire encoding) out of every message from now on."""
        if secret:
            self.add_secrets([secret])

    def add_secrets(self, secrets):
        """``add_secret`` of each."""
        forms = set()
        for secret in secrets:
            if secret:
                forms.update(encodings("%s" % secret))
        with self._secrets_lock:
            self._secrets.update(forms)

    @property
    def secrets(self):
        """Every form of every secret, longest first (so no part of one is left behind)."""
        with self._secrets_lock:
            return sorted(self._secrets, key=len, reverse=True)

    def scrub(self, text):
        text = "%s" % (text,)
        if not self._secrets:
            return text
        for secret in self.secrets:
            text = text.replace(secret, "********")
        return text

    def _read(self, response, url, deadline):
        """The body, within the overall deadline and the size cap."""
        chunks, size = [], 0
        read = getattr(response, "read1", None) or response.read
        while True:
            if time.monotonic() > deadline:
                raise TransportError("no complete answer from %s within %s s (timeout bounds the whole request)"
                                     % (self._where(url), self.timeout), retryable=True, sent=None)
            chunk = read(_CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_body:
                raise TransportError("the answer of %s is larger than %d MB; refusing to read more"
                                     % (self._where(url), self.max_body // (1024 * 1024)), sent=None)
            chunks.append(chunk)

    def request(self, method, url, data=None, headers=None):
        """Return (status, body bytes) for any HTTP answer; raise TransportError without one.

        ``timeout`` bounds the whole request, body included; redirects are never followed.
        """
        deadline = time.monotonic() + self.timeout
        try:
            response = self._request.open(method, url, data=data, headers=headers or {}, context=self._context(url))
            return response.getcode(), self._read(response, url, deadline)
        except HTTPError as exc:
            if 300 <= exc.code < 400:
                target = exc.headers.get("Location") if exc.headers is not None else None
                raise TransportError("%s answered HTTP %s, redirecting to %s; redirects are not followed: "
                                     "set url to the address the server answers on"
                                     % (self._where(url), exc.code, self.scrub(target or exc.filename)),
                                     sent=None)
            try:
                body = self._read(exc, url, deadline)
            except TransportError:
                raise
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
        if getattr(exc, "reason", None) in NOT_TLS_REASONS:
            return ("%s does not speak TLS (its answer is not a TLS handshake: it is probably a plain-HTTP port); "
                    "use an http:// URL for this port, or the server's HTTPS port" % self._where(url))
        return ("the TLS certificate of %s could not be verified (%s); set ca_path to the CA "
                "certificate that signed it, or validate_certs to false for a test server"
                % (self._where(url), self.scrub(exc)))
