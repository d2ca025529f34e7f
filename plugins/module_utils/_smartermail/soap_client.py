# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SOAP client for SmarterMail's legacy web services.

The client has no AnsibleModule dependency.  It needs, per service, the signature of each
operation (SOAPAction, parameter names and types, result structure).  Those signatures are
read from the server's WSDL with zeep the first time, then kept in an on-disk cache keyed by
the WSDL URL and checked against the WSDL's digest when the cache entry expires, so a task
normally writes its envelope and reads the answer with the standard library alone, and
imports neither zeep nor lxml.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import re
import tempfile
import time
from xml.etree import ElementTree
from xml.parsers import expat
from xml.sax.saxutils import escape as xml_escape

from urllib.parse import urlsplit

from ansible_collections.mailops.smartermail.plugins.module_utils._transport.errors import SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import (
    RETRY_STATUSES,
    UNKNOWN_OUTCOME,
    HttpSession,
    TransportError,
    short_text,
    with_retries,
)
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.operations import is_read

NS = "http://tempuri.org/"
SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
MS_TYPES_NS = "http://microsoft.com/wsdl/types/"
SIGNATURE_FORMAT = 1
DEFAULT_CACHE_TTL = 3600
LOGIN_FAILED = "Failed to log in."
# SOAP faults by which an ASP.NET server says it did not run the request it got.
STALE_SIGNATURE_FAULTS = ("Server did not recognize the value of HTTP Header SOAPAction",
                          "Server was unable to read request")

# The element names under which each operation receives the caller's credentials.
_AUTH_USER_NAMES = ("AuthUserName", "authUsername", "authUserName", "AuthUsername")
_AUTH_PASS_NAMES = ("AuthPassword", "authPassword")
_SIMPLE = ("string", "int", "long", "short", "boolean", "dateTime", "double", "decimal",
           "float", "base64Binary", "guid", "unsignedInt", "unsignedLong", "byte")


# ---------------------------------------------------------------------------------------------
# Signatures: what a task needs from a WSDL.
# A type descriptor is a string ("string", "int", ... for simple types; "Array:<item>" for an
# array whose items are named <item> and typed by that name; the name of a complex type).
# ---------------------------------------------------------------------------------------------

def extract_signatures(wsdl_bytes, wsdl_url):
    """Parse a WSDL with zeep and return the JSON-serialisable signatures of its SOAP 1.1 port."""
    try:  # imported only on a cache miss
        from zeep import Client
        from zeep.settings import Settings
        from zeep.transports import Transport
        from zeep.xsd import ComplexType
    except ImportError as exc:
        raise SmarterMailError("the zeep Python library is required to read the server's WSDL "
                               "(pip install zeep): %s" % exc)

    class _Loaded(Transport):
        def load(self, url):
            if url == wsdl_url:
                return wsdl_bytes
            raise SmarterMailError("the WSDL at %s refers to an external document %s; "
                                   "refusing to fetch it" % (wsdl_url, url))

    settings = Settings(strict=False, forbid_dtd=True, forbid_entities=True, forbid_external=True,
                        xml_huge_tree=False)
    client = Client(wsdl_url, transport=_Loaded(), settings=settings)
    types = {}

    def describe(xtype):
        if isinstance(xtype, ComplexType):
            name = xtype.name or "anonymous"
            elements = list(xtype.elements)
            if name.startswith("ArrayOf") and len(elements) == 1 and elements[0][1].max_occurs == "unbounded":
                item_name, item_el = elements[0]
                item_desc = describe(item_el.type)
                return "Array:%s:%s" % (item_name, item_desc)
            if name not in types:
                types[name] = None  # recursion guard
                types[name] = [[fname, describe(fel.type)] for fname, fel in elements]
            return name
        qname = getattr(xtype, "qname", None)
        local = qname.localname if qname is not None else "string"
        if qname is not None and qname.namespace in (XSD_NS, MS_TYPES_NS) and local in _SIMPLE:
            return local
        # enumerations and other restrictions travel as strings
        return "string"

    operations = {}
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            binding = port.binding
            if type(binding).__name__ != "Soap11Binding":
                continue
            for name, op in binding.all().items():
                params = [[pname, describe(pel.type)] for pname, pel in op.input.body.type.elements]
                out = list(op.output.body.type.elements) if op.output and op.output.body is not None else []
                result = describe(out[0][1].type) if out else None
                operations[name] = {
                    "action": op.soapaction,
                    "params": params,
                    "result": result,
                    "result_element": out[0][0] if out else None,
                }
    if not operations:
        raise SmarterMailError("the WSDL at %s declares no SOAP 1.1 operation" % wsdl_url)
    return {"format": SIGNATURE_FORMAT, "operations": operations, "types": types}


class SignatureCache:
    """On-disk cache of WSDL signatures, shared by every task and fork of a run.

    Entries are keyed by the WSDL URL, written atomically, and carry the WSDL's digest: when an
    entry is older than ``ttl`` the WSDL is fetched again and parsed again only if its digest
    changed.
    """

    def __init__(self, directory=None, ttl=DEFAULT_CACHE_TTL):
        self.directory = directory or default_cache_dir()
        self.ttl = ttl
        self.memory = {}

    def _path(self, url):
        return os.path.join(self.directory, hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    @staticmethod
    def _trusted(path):
        """Only what this user owns and nobody else can write is trusted."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        owner_ok = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        return owner_ok and not st.st_mode & 0o022

    def get(self, url):
        entry = self.memory.get(url)
        path = self._path(url) if self.directory else None
        if entry is None and path and self._trusted(self.directory) and self._trusted(path):
            try:
                with open(path, "r") as handle:
                    entry = json.load(handle)
            except (IOError, OSError, ValueError):
                entry = None
            if entry is not None and (entry.get("format") != SIGNATURE_FORMAT or entry.get("url") != url):
                entry = None
            if entry is not None:
                # read once a task: every call looks its operation up here
                self.memory[url] = entry
        return entry

    def fresh(self, entry):
        """Fresh for ``ttl`` seconds after it was checked; an entry dated in the future is not."""
        if entry is None:
            return False
        try:
            age = time.time() - float(entry.get("checked", 0))
        except (TypeError, ValueError):
            return False
        return 0 <= age < self.ttl

    def put(self, url, entry):
        entry["url"] = url
        entry["format"] = SIGNATURE_FORMAT
        self.memory[url] = entry
        if not self.directory:
            return
        try:
            if not os.path.isdir(self.directory):
                os.makedirs(self.directory, 0o700)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".sig-")
            with os.fdopen(fd, "w") as handle:
                json.dump(entry, handle)
            os.replace(tmp, self._path(url))
        except (IOError, OSError):
            # A read-only home (some execution environments) only costs a WSDL parse per task.
            pass

    def drop(self, url):
        self.memory.pop(url, None)
        if self.directory:
            try:
                os.remove(self._path(url))
            except OSError:
                pass


def default_cache_dir():
    base = os.environ.get("SMARTERMAIL_WSDL_CACHE_DIR")
    if base:
        return base
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(home, "mailops.smartermail", "wsdl")


# ---------------------------------------------------------------------------------------------
# Values: Python <-> XML text, driven by the signatures
# ---------------------------------------------------------------------------------------------

def _to_text(desc, value):
    if desc == "boolean":
        if isinstance(value, str):
            value = value.strip().lower() in ("1", "true", "yes", "on")
        return "true" if value else "false"
    if desc in ("int", "long", "short", "byte", "unsignedInt", "unsignedLong"):
        return str(int(value))
    return str(value)


def _from_text(desc, text):
    if text is None:
        text = ""
    if desc == "boolean":
        return text.strip().lower() in ("true", "1")
    if desc in ("int", "long", "short", "byte", "unsignedInt", "unsignedLong"):
        return int(text) if text.strip() else 0
    if desc in ("double", "decimal", "float"):
        return float(text) if text.strip() else 0.0
    return text


class _DtdFound(Exception):
    pass


def has_dtd(body):
    """Whether an XML document declares a DTD or an entity, in whatever encoding it is written.

    Bytes that cannot hold ``<!`` in an ASCII-compatible encoding and have no NUL byte (UTF-16,
    UTF-32) cannot declare one; the rest is scanned by expat, which decodes first.
    """
    if b"<!" not in body and b"\x00" not in body:
        return False
    parser = expat.ParserCreate()

    def refuse(*args):
        raise _DtdFound()

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(body, True)
    except _DtdFound:
        return True
    except (expat.ExpatError, ValueError):
        # Not well-formed (or an encoding expat does not read): say so without parsing further.
        return b"\x00" in body
    return False


def _local(tag):
    """The local name of an element tag ("{ns}Name" -> "Name")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def _q(name):
    return "{%s}%s" % (NS, name)


class SmarterMailClient:
    """Calls SmarterMail SOAP operations and returns plain Python data."""

    def __init__(self, url, username, password, validate_certs=True, ca_path=None, timeout=30,
                 retries=3, cache_dir=None, cache_ttl=DEFAULT_CACHE_TTL, soap_version="1.1",
                 backoff=0.5):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SmarterMailError("url must look like http://HOST:9998 or https://HOST, got %r" % url)
        self.base_url = "%s://%s%s" % (parts.scheme, parts.netloc, parts.path.rstrip("/"))
        self.host = parts.netloc
        self.username = username
        self._password = password
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.soap_version = soap_version
        self.http = HttpSession(validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                                secrets=[password])
        self.cache = SignatureCache(cache_dir, cache_ttl)
        self.calls = []  # (service, operation) in call order, for diagnostics and tests
        self.wsdl_fetches = 0

    # -- addresses -------------------------------------------------------------------------
    def service_url(self, service):
        if re.search(r"/services$", self.base_url, re.I):
            return "%s/%s.asmx" % (self.base_url, service)
        return "%s/Services/%s.asmx" % (self.base_url, service)

    # -- signatures ------------------------------------------------------------------------
    def _fetch_wsdl(self, service):
        url = self.service_url(service) + "?WSDL"
        self.wsdl_fetches += 1
        try:
            status, body = self.http.request("GET", url)
        except TransportError as exc:
            raise self._error(service, "WSDL", "cannot fetch the WSDL: %s" % exc, retryable=exc.retryable)
        if status != 200:
            raise self._error(service, "WSDL", "cannot fetch the WSDL: HTTP %s" % status, http_status=status,
                              retryable=status in RETRY_STATUSES)
        return url, body

    def signatures(self, service, refresh=False):
        key = self.service_url(service) + "?WSDL"
        entry = None if refresh else self.cache.get(key)
        if entry is not None and self.cache.fresh(entry):
            return entry
        url, body = with_retries(lambda: self._fetch_wsdl(service), True, self.retries, self.backoff)
        digest = hashlib.sha256(body).hexdigest()
        if entry is None or entry.get("digest") != digest:
            try:
                entry = extract_signatures(body, url)
            except SmarterMailError as exc:
                raise self._error(service, "WSDL", exc.message)
            except Exception as exc:  # zeep raises many kinds of errors on a bad document
                raise self._error(service, "WSDL", "the server's WSDL cannot be read: %s" % (
                    exc.__class__.__name__ + ": " + str(exc)))
        entry["digest"] = digest
        entry["checked"] = time.time()
        self.cache.put(key, entry)
        return entry

    def has_operation(self, service, operation):
        return operation in self.signatures(service)["operations"]

    def add_secret(self, secret):
        """A secret read from the server (a stored password): kept out of every message from now on."""
        self.http.add_secret(secret)

    # -- errors ----------------------------------------------------------------------------
    def _scrub(self, text):
        return self.http.scrub(text)

    def _error(self, service, operation, detail, **kwargs):
        detail = self._scrub(detail)
        message = "SmarterMail %s %s.%s failed: %s" % (self.host, service, operation, detail)
        return SmarterMailError(message, host=self.host, service=service, operation=operation,
                                server_message=kwargs.pop("server_message", detail), **kwargs)

    # -- envelopes -------------------------------------------------------------------------
    # Envelopes are written as text and answers read with the standard library's ElementTree:
    # importing lxml would cost every task more than the whole SOAP exchange. Answers with a
    # DTD are refused before parsing, so no entity can be declared, expanded or fetched.
    def _build(self, sig, types, operation, params):
        env_ns = SOAP12_ENV if self.soap_version == "1.2" else SOAP11_ENV
        out = ['<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="%s"><soap:Body>' % env_ns,
               '<%s xmlns="%s">' % (operation, NS)]
        given = dict(params)
        for name, desc in sig["params"]:
            if name in _AUTH_USER_NAMES:
                value = self.username
            elif name in _AUTH_PASS_NAMES:
                value = self._password
            else:
                value = given.pop(name, None)
            if value is None:
                continue
            self._serialize(out, name, desc, value, types)
        if given:
            raise SmarterMailError("%s does not take %s (the server declares: %s)" % (
                operation, ", ".join(sorted(given)), ", ".join(p[0] for p in sig["params"])))
        out.append("</%s></soap:Body></soap:Envelope>" % operation)
        return "".join(out).encode("utf-8")

    def _serialize(self, out, name, desc, value, types):
        out.append("<%s>" % name)
        if desc.startswith("Array:"):
            item_name, item_desc = desc.split(":", 2)[1:]
            if isinstance(value, (str, bytes)):
                value = [value]
            for item in value:
                self._serialize(out, item_name, item_desc, item, types)
        elif desc in types:
            for fname, fdesc in types[desc]:
                if isinstance(value, dict) and value.get(fname) is not None:
                    self._serialize(out, fname, fdesc, value[fname], types)
        else:
            out.append(xml_escape(_to_text(desc, value)))
        out.append("</%s>" % name)

    def _parse_value(self, el, desc, types):
        if desc.startswith("Array:"):
            item_name, item_desc = desc.split(":", 2)[1:]
            return [self._parse_value(child, item_desc, types) for child in el if _local(child.tag) == item_name]
        if desc in types:
            fields = {}
            children = {}
            for child in el:
                children.setdefault(_local(child.tag), child)
            for fname, fdesc in types[desc]:
                child = children.get(fname)
                if child is None:
                    fields[fname] = [] if fdesc.startswith("Array:") else None
                elif child.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true":
                    fields[fname] = None
                else:
                    fields[fname] = self._parse_value(child, fdesc, types)
            return fields
        return _from_text(desc, el.text)

    def _parse(self, service, operation, sig, types, status, body):
        dtd = has_dtd(body)
        root = parse_error = None
        if not dtd:
            try:
                root = ElementTree.fromstring(body)
            except ElementTree.ParseError as exc:
                parse_error = exc
        body_el = None
        for env_ns in (SOAP11_ENV, SOAP12_ENV):
            body_el = root.find("{%s}Body" % env_ns) if root is not None else None
            if body_el is not None:
                break
        if body_el is None:
            if status != 200:
                raise self._error(service, operation, self._http_status(status, body), http_status=status,
                                  retryable=status in RETRY_STATUSES)
            if dtd:
                raise self._error(service, operation, "the server's answer contains a DTD; refusing it",
                                  http_status=status)
            if parse_error is not None:
                raise self._error(service, operation, "the server answered HTTP %s with a body that is not "
                                  "well-formed XML (%s)" % (status, parse_error), http_status=status)
            raise self._error(service, operation, "the server's answer (HTTP %s) is not a SOAP envelope" % status,
                              http_status=status)
        first = next(iter(body_el), None)
        if first is not None and _local(first.tag) == "Fault":
            text = first.findtext("faultstring") or " ".join(
                (t.text or "").strip() for t in first.iter() if _local(t.tag) == "Text") or "SOAP fault"
            raise self._error(service, operation, "SOAP fault: %s" % text.strip(), http_status=status,
                              server_message=text.strip())
        if status != 200:
            raise self._error(service, operation, self._http_status(status, body), http_status=status,
                              retryable=status in RETRY_STATUSES)
        if first is None or _local(first.tag) != operation + "Response":
            raise self._error(service, operation, "the server's answer has no %sResponse element" % operation)
        if sig["result"] is None:
            if len(first):
                # A signature without a result must never turn the server's answer into success.
                self.cache.drop(self.service_url(service) + "?WSDL")
                raise self._error(service, operation, "the answer holds a result that the operation's cached "
                                  "signature does not declare, so its outcome cannot be judged; the cached "
                                  "signature was dropped")
            return {}
        result_el = first.find(_q(sig["result_element"]))
        if result_el is None:
            raise self._error(service, operation, "the server's answer has no %s element" % sig["result_element"])
        return self._parse_value(result_el, sig["result"], types)

    def _http_status(self, status, body):
        text = short_text(body, self._scrub) if body else ""
        return "HTTP %s%s" % (status, (": " + text) if text else "")

    # -- calls -----------------------------------------------------------------------------
    def _post(self, service, operation, sig, envelope, read):
        if self.soap_version == "1.2":
            headers = {"Content-Type": 'application/soap+xml; charset=utf-8; action="%s"' % sig["action"]}
        else:
            headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%s"' % sig["action"]}
        try:
            return self.http.request("POST", self.service_url(service), data=envelope, headers=headers)
        except TransportError as exc:
            detail = str(exc)
            if not read and exc.sent is not False:
                detail += UNKNOWN_OUTCOME
            raise self._error(service, operation, detail, retryable=exc.retryable, sent=exc.sent)

    def _signature(self, service, operation, refresh=False):
        entries = self.signatures(service, refresh=refresh)
        sig = entries["operations"].get(operation)
        if sig is None and not refresh:
            # The server's WSDL may have changed since it was cached: look once more.
            return self._signature(service, operation, refresh=True)
        if sig is None:
            raise self._error(service, operation, "the server does not offer this operation "
                              "(not in its WSDL; this SmarterMail version may not support it)")
        return sig, entries["types"]

    def call_unchecked(self, service, operation, /, **params):
        """Call an operation and return its result fields without judging ``Result``."""
        return self._call(service, operation, params, is_read(service, operation))

    def _call(self, service, operation, params, read):
        try:
            result = self._call_once(service, operation, params, False, read)
        except SmarterMailError as exc:
            # The server refused the request itself (it ran nothing): the cached signature may be
            # out of date after an upgrade. Read the WSDL again and try once more.
            # A write is sent again only when the fault proves the server ran nothing (it did not
            # recognize the SOAPAction); "unable to read request" may also mean a bad value.
            faults = STALE_SIGNATURE_FAULTS if read else STALE_SIGNATURE_FAULTS[:1]
            if not any(text in (exc.server_message or "") for text in faults):
                raise
            result = self._call_once(service, operation, params, True, read)
        if isinstance(result, dict) and result.get("Result") is False and \
                (result.get("Message") or "").strip() == LOGIN_FAILED:
            # Bad credentials are never an answer a caller can interpret.
            raise self._error(service, operation, "%s (ResultCode %s); check username and password" % (
                LOGIN_FAILED, result.get("ResultCode")), result_code=result.get("ResultCode"),
                server_message=LOGIN_FAILED)
        return result

    def _call_once(self, service, operation, params, refresh, read):
        sig, types = self._signature(service, operation, refresh=refresh)
        envelope = self._build(sig, types, operation, params)
        self.calls.append((service, operation))

        def attempt():
            status, body = self._post(service, operation, sig, envelope, read)
            return self._parse(service, operation, sig, types, status, body)

        return with_retries(attempt, read, self.retries, self.backoff)

    def call(self, service, operation, /, **params):
        """Call an operation; raise SmarterMailError unless the server reports success.

        Its kind (read or write) is the one the vendor documents (``_operations``).
        """
        return self._checked(service, operation, self.call_unchecked(service, operation, **params))

    def write(self, service, operation, /, **params):
        """Call an operation as a write, whatever its name: retried only if it never left."""
        return self._checked(service, operation, self._call(service, operation, params, False))

    def _checked(self, service, operation, result):
        if isinstance(result, dict):
            ok = result.get("Result", result.get("LoginValidated", True))
            if ok is False:
                code = result.get("ResultCode")
                text = (result.get("Message") or "").strip() or "no message"
                raise self._error(service, operation, "%s (ResultCode %s)" % (text, code),
                                  result_code=code, server_message=text)
        return result
