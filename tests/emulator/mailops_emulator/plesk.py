# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Plesk XML API listener: ``POST /enterprise/control/agent.php`` with the ``<spamfilter>`` operator.

Requests and answers follow the ``<spamfilter>`` subtrees of Plesk's ``agent_input.xsd`` and
``agent_output.xsd`` (XML API 1.6.7.0-1.6.9.0): element names and order are checked on the way
in (a violation is errcode 1014, like a real server's schema check) and written in schema order
on the way out. The state lives in the shared JSON document under ``"plesk"`` (see
:mod:`mailops_emulator.plesk_state`), guarded by the same lock, saved atomically by the same
store, counted by the same counters (``plesk.spamfilter.<operation>``) and subject to the same
fault rules (``service: plesk``, ``operation: spamfilter.<operation>``).

Checks, in the order a real server makes them (the first failure answers the whole packet with
``<system><status>error</status><errcode>...``): well-formed XML without DTD (1014), protocol
version (1005), credentials (1001 login/password, 11003 secret key), known operators and schema
(1014). Then every operation answers one ``<result>`` per filter entry, each with its own status:
1013 unknown mailbox or id, 1006 not allowed for the caller, 1026 SpamAssassin not installed,
12009 a preference or list the filter does not support (administrator-only for a mailbox, or
mailbox-only for ``admin``).
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import os
import re
import time
from dataclasses import dataclass

from lxml import etree
from werkzeug.wrappers import Request, Response

from . import plesk_state as ps
from .registry import Principal

log = logging.getLogger("mailops_emulator.plesk")

AGENT_PATH = "/enterprise/control/agent.php"
MAX_BODY = 4 * 1024 * 1024
SERVER_VERSION = "1.6.9.0"
MIN_VERSION = (1, 4, 0, 0)
MAX_VERSION = (1, 6, 9, 0)
OPERATIONS = (
    "add-pattern", "del-pattern", "get-patterns", "get", "set",
    "get-allowed-preferences", "get-allowed-lists", "check",
)
WRITE_OPERATIONS = frozenset(("add-pattern", "del-pattern", "set"))
PLESK_FAULTS = ("packet_error", "result_error", "bad_key")

# errcodes and texts
AUTH_FAILED = 1001
AUTH_FAILED_TEXT = "Authentication failed - wrong password."
AGENT_INIT_FAILED = 1003
UNSUPPORTED_VERSION = 1005
UNSUPPORTED_VERSION_TEXT = "XML API protocol version not supported."
PERMISSION_DENIED = 1006
PERMISSION_DENIED_TEXT = "Permission denied."
NOT_FOUND = 1013
NOT_FOUND_TEXT = "Object not found."
PARSER_ERROR = 1014
OPERATION_FAILED = 1023
NOT_INSTALLED = 1026
NOT_INSTALLED_TEXT = "Component is not installed."
BAD_KEY = 11003
BAD_KEY_TEXT = "Invalid secret key usage. Please check logs for details."
NOT_SUPPORTED = 12009
NOT_SUPPORTED_TEXT = "Option is not supported"

_VERSION_RE = re.compile(r"^\d+(\.\d+){1,3}$")
_TRUE = ("1", "true")
_FALSE = ("0", "false")


class PacketError(Exception):
    """Answer the whole packet with ``<system>`` status error."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


class ResultError(Exception):
    """Answer one ``<result>`` with status error."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


def parser_error(el, message: str) -> PacketError:
    line = getattr(el, "sourceline", None) or 1
    return PacketError(PARSER_ERROR, f"Parser error: Request is invalid. Error in line {line}: {message}")


@dataclass(frozen=True)
class PleskOperation:
    """What the shared counters need from an operation."""

    name: str

    @property
    def qualified(self) -> str:
        return f"plesk.spamfilter.{self.name}"

    @property
    def is_write(self) -> bool:
        return self.name in WRITE_OPERATIONS


# ------------------------------------------------------------------------------ request parsing
class Children:
    """Walks the element children of ``el`` in order, the way a schema sequence is checked."""

    def __init__(self, el) -> None:
        self.el = el
        self.items = [c for c in el if isinstance(c.tag, str)]
        self.pos = 0
        text = (el.text or "").strip()
        if text and self.items:
            raise parser_error(el, f"Element '{el.tag}': Character content is not allowed.")

    def peek(self) -> str | None:
        return self.items[self.pos].tag if self.pos < len(self.items) else None

    def take(self, name: str, required: bool = True, many: bool = False) -> list:
        out = []
        while self.peek() == name and (many or not out):
            out.append(self.items[self.pos])
            self.pos += 1
        if required and not out:
            raise self.unexpected(name)
        return out

    def take_choice(self, names: tuple, required: bool = True) -> tuple[str | None, object]:
        tag = self.peek()
        if tag in names:
            self.pos += 1
            return tag, self.items[self.pos - 1]
        if required:
            raise self.unexpected(" | ".join(names))
        return None, None

    def done(self, expected: str = "") -> None:
        if self.pos < len(self.items):
            el = self.items[self.pos]
            more = f" Expected is ( {expected} )." if expected else " No more elements are expected."
            raise parser_error(el, f"Element '{el.tag}': This element is not expected.{more}")

    def unexpected(self, expected: str) -> PacketError:
        if self.pos < len(self.items):
            el = self.items[self.pos]
            return parser_error(el, f"Element '{el.tag}': This element is not expected. Expected is ( {expected} ).")
        return parser_error(self.el, f"Element '{self.el.tag}': Missing child element(s). Expected is ( {expected} ).")


def _text(el) -> str:
    if len([c for c in el if isinstance(c.tag, str)]):
        raise parser_error(el, f"Element '{el.tag}': Element content is not allowed, because the type is simple.")
    return (el.text or "").strip()


def _empty(el) -> None:
    if len([c for c in el if isinstance(c.tag, str)]) or (el.text or "").strip():
        raise parser_error(el, f"Element '{el.tag}': Character or element content is not allowed, because the content type is empty.")


def _boolean(el) -> bool:
    value = _text(el).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise parser_error(el, f"Element '{el.tag}': '{_text(el)}' is not a valid value of the atomic type 'xs:boolean'.")


def _integer(el) -> int:
    value = _text(el)
    try:
        return int(value)
    except ValueError:
        raise parser_error(el, f"Element '{el.tag}': '{value}' is not a valid value of the atomic type 'xs:int'.") from None


def _enum_message(name: str, value: str, allowed) -> str:
    choices = ", ".join(repr(x) for x in allowed)
    return f"Element '{name}': [facet 'enumeration'] The value '{value}' is not an element of the set {{{choices}}}."


def _list_name(el) -> str:
    value = _text(el)
    if value not in ps.LISTS:
        raise parser_error(el, _enum_message("list", value, ps.LISTS))
    return value


def parse_filter(el, required: bool = True) -> list[tuple[str, str]]:
    """SpamassassinFilterType: one or more <username> or one or more <spamfilter-id>, never both."""
    kids = Children(el)
    entries = [("username", _text(u)) for u in kids.take("username", required=False, many=True)]
    if not entries:
        for sid in kids.take("spamfilter-id", required=False, many=True):
            entries.append(("spamfilter-id", _text(sid)))
    if not entries and required:
        raise kids.unexpected("username | spamfilter-id")
    kids.done()
    return entries


def parse_owner(kids: Children) -> tuple[str, str]:
    tag, el = kids.take_choice(("username", "spamfilter-id"))
    return tag, _text(el)


def parse_preferences(el) -> dict:
    """SpamassassinPreferencesType: every child optional, in the schema's order."""
    kids = Children(el)
    prefs = {}
    rest = list(ps.PREFERENCE_ORDER)
    for name in ps.PREFERENCE_ORDER:
        found = kids.take(name, required=False)
        if not found:
            continue
        rest = rest[rest.index(name) + 1:]
        child = found[0]
        if name in ps.BOOLEAN_PREFERENCES:
            prefs[name] = _boolean(child)
        elif name == "max-children-process":
            prefs[name] = _integer(child)
        elif name == "action":
            value = _text(child)
            if value not in ps.ACTIONS:
                raise parser_error(child, _enum_message("action", value, ps.ACTIONS))
            prefs[name] = value
        else:
            prefs[name] = _text(child)
    kids.done(" | ".join(rest))
    return prefs


def parse_operation(op_el) -> dict:
    """Check one operation element against the request tree; return its arguments."""
    name = op_el.tag
    kids = Children(op_el)
    args: dict = {"name": name, "el": op_el}
    if name in ("add-pattern", "del-pattern"):
        filt = kids.take("filter")[0]
        fkids = Children(filt)
        args["patterns"] = [_text(p) for p in fkids.take("pattern", required=False, many=True)]
        fkids.done("pattern")
        args["list"] = _list_name(kids.take("list")[0])
        args["owner"] = parse_owner(kids)
    elif name == "get-patterns":
        filt = kids.take("filter", required=False)
        args["filter"] = parse_filter(filt[0]) if filt else None
        args["list"] = _list_name(kids.take("list")[0])
    elif name in ("get", "get-allowed-preferences", "get-allowed-lists"):
        args["filter"] = parse_filter(kids.take("filter")[0])
    elif name == "set":
        args["filter"] = parse_filter(kids.take("filter")[0])
        args["preferences"] = parse_preferences(kids.take("preferences")[0])
        tag, el = kids.take_choice(("enabled", "disabled"), required=False)
        if el is not None:
            _empty(el)
        args["enabled"] = None if tag is None else tag == "enabled"
    elif name == "check":
        _empty(op_el)
    else:
        raise parser_error(op_el, f"Element '{name}': This element is not expected. Expected is ( {' | '.join(OPERATIONS)} ).")
    kids.done()
    return args


def parse_version(text: str | None) -> tuple | None:
    if text is None:
        return None
    text = text.strip()
    if not _VERSION_RE.match(text):
        raise PacketError(UNSUPPORTED_VERSION, UNSUPPORTED_VERSION_TEXT)
    parts = tuple(int(p) for p in text.split("."))
    parts = parts + (0,) * (4 - len(parts))
    if not MIN_VERSION <= parts <= MAX_VERSION:
        raise PacketError(UNSUPPORTED_VERSION, UNSUPPORTED_VERSION_TEXT)
    return parts


def parse_packet(body: bytes):
    """Return the <packet> root. Hardened: no DTD, no entities, no network."""
    if not body or not body.strip():
        raise PacketError(PARSER_ERROR, "Parser error: Request is invalid. Document is empty")
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body[:8192]:
        raise PacketError(PARSER_ERROR, "Parser error: Request is invalid. DTD is not allowed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise PacketError(PARSER_ERROR, f"Parser error: Request is invalid. {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise PacketError(PARSER_ERROR, "Parser error: Request is invalid. DTD is not allowed")
    if root.tag != "packet":
        raise parser_error(root, f"Element '{root.tag}': No matching global declaration available for the validation root.")
    return root


# ------------------------------------------------------------------------------ answers
def _sub(parent, tag: str, text=None):
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = str(text)
    return el


def _bool_text(value: bool) -> str:
    return "1" if value else "0"


def system_error(version: str | None, code: int, text: str) -> bytes:
    root = etree.Element("packet")
    if version:
        root.set("version", version)
    system = _sub(root, "system")
    _sub(system, "status", "error")
    _sub(system, "errcode", code)
    _sub(system, "errtext", text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def billion_laughs() -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<!DOCTYPE packet [", '  <!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lines.append(f'  <!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
    lines.append("]>")
    lines.append("<packet><spamfilter><get><result><status>ok</status><filter-id>&lol9;</filter-id>"
                 "</result></get></spamfilter></packet>")
    return "\n".join(lines).encode("utf-8")


def _xml(data: bytes, status: int = 200) -> Response:
    return Response(data, status=status, content_type="text/xml; charset=UTF-8")


def _json(data, status: int = 200) -> Response:
    return Response(json.dumps(data, indent=1), status=status, content_type="application/json")


# ------------------------------------------------------------------------------ the app
class PleskApp:
    """WSGI app of the Plesk listener; shares ``emulator`` (state, lock, counters, faults)."""

    def __init__(self, emulator, api_key: str | None = None) -> None:
        self.emu = emulator
        self.api_keys = [k for k in (api_key,) if k]

    # ---------------------------------------------------------------- WSGI
    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = MAX_BODY
        started = time.perf_counter()
        response = self.route(request)
        if response is None:  # refused: the socket is already shut down
            response = Response(b"", status=500)
        log.debug("%s %s -> %s (%.1f ms)", request.method, request.path, response.status_code,
                  (time.perf_counter() - started) * 1000)
        return response(environ, start_response)

    def route(self, request: Request):
        if request.path.rstrip("/") != AGENT_PATH:
            return Response("Not Found", status=404, content_type="text/plain")
        if request.method != "POST":
            return Response("Method Not Allowed", status=405, content_type="text/plain", headers={"Allow": "POST"})
        try:
            body = request.get_data(cache=True)
        except Exception:  # RequestEntityTooLarge
            return _xml(system_error(None, PARSER_ERROR, "Parser error: Request is too large"))
        return self.handle(request, body)

    @staticmethod
    def header(request: Request, name: str) -> str | None:
        """A request header, also one whose name has underscores (werkzeug drops those)."""
        raw = request.environ.get("mailops.raw_headers")
        if raw is not None:
            for key, value in raw:
                if key.lower() == name.lower():
                    return value
            return None
        return request.environ.get("HTTP_" + name.upper().replace("-", "_"))

    def handle(self, request: Request, body: bytes):
        version = None
        try:
            root = parse_packet(body)
            version = root.get("version")
            parse_version(version)
        except PacketError as exc:
            log.info("plesk packet rejected: %s %s", exc.code, exc.text)
            return _xml(system_error(version if exc.code != UNSUPPORTED_VERSION else None, exc.code, exc.text))

        # The operations, for the counters and the fault rules (schema checks come later).
        operators = [c for c in root if isinstance(c.tag, str)]
        ops = [c.tag for op in operators if op.tag == "spamfilter" for c in op if isinstance(c.tag, str)]
        for name in ops:
            if name in OPERATIONS:
                self.emu.counters.count_call(PleskOperation(name))
        rule, result_faults = None, {}
        for name in dict.fromkeys(ops):
            taken = self.emu.faults.take("plesk", f"spamfilter.{name}", "plesk")
            if taken is None:
                continue
            if taken.fault == "result_error":
                result_faults[name] = taken
                continue
            rule = taken
            break
        if rule is not None:
            log.info("plesk: injecting fault %s", rule.fault)
            early = self.apply_fault(request, rule, version)
            if early is not False:
                return early

        try:
            principal = self.authenticate(request)
            if not operators:
                raise parser_error(root, "Element 'packet': Missing child element(s).")
            parsed = []
            for operator in operators:
                if operator.tag != "spamfilter":
                    raise PacketError(PARSER_ERROR, f"Parser error: Request is invalid. Error in line {operator.sourceline}: "
                                                    f"Element '{operator.tag}': This element is not expected.")
                kids = [c for c in operator if isinstance(c.tag, str)]
                if not kids:
                    raise parser_error(operator, "Element 'spamfilter': Missing child element(s).")
                parsed.append([parse_operation(c) for c in kids])
        except PacketError as exc:
            log.info("plesk packet rejected: %s %s", exc.code, exc.text)
            return _xml(system_error(version, exc.code, exc.text))

        out = etree.Element("packet")
        if version:
            out.set("version", version)
        with self.emu.store.lock:
            doc = self.emu.store.doc
            before = json.dumps(doc.get("plesk"), sort_keys=True)
            try:
                for operator_ops in parsed:
                    operator_out = _sub(out, "spamfilter")
                    for args in operator_ops:
                        op_out = _sub(operator_out, args["name"])
                        fault = result_faults.get(args["name"])
                        self.run_operation(doc, principal, args, op_out, fault)
                        log.info("plesk spamfilter.%s user=%s -> %s", args["name"], principal.address,
                                 ",".join(r.findtext("status") or "" for r in op_out.findall("result")))
            except Exception:
                self.emu.store.rollback()
                log.exception("plesk: handler failed")
                return _xml(system_error(version, OPERATION_FAILED, "Operation failed: internal error of the emulator"))
            if json.dumps(doc.get("plesk"), sort_keys=True) != before:
                self.emu.store.save()
        return _xml(etree.tostring(out, xml_declaration=True, encoding="UTF-8"))

    # ---------------------------------------------------------------- faults
    def apply_fault(self, request: Request, rule, version):
        """Return a Response, None (refused), or False to go on normally."""
        from .app import UNHANDLED, transport_fault

        common = transport_fault(request, rule, lambda status, text: Response(text, status=status, content_type="text/html"))
        if common is not UNHANDLED:
            return common
        kind = rule.fault
        if kind == "malformed":
            return _xml(b'<?xml version="1.0" encoding="UTF-8"?><packet><spamfilter><get><result><status>ok')
        if kind == "entity_bomb":
            return _xml(billion_laughs())
        if kind == "packet_error":
            code = getattr(rule, "code", 0) or AGENT_INIT_FAILED
            return _xml(system_error(version, code, rule.message or "Agent initialization failed."))
        if kind == "bad_key":
            return _xml(system_error(version, BAD_KEY, BAD_KEY_TEXT))
        return False

    # ---------------------------------------------------------------- auth
    def authenticate(self, request: Request) -> Principal:
        login = self.header(request, "HTTP_AUTH_LOGIN")
        if login is not None:
            password = self.header(request, "HTTP_AUTH_PASSWD")
            with self.emu.store.lock:
                principal = self.emu.authenticate(login, password)
            if principal is None:
                raise PacketError(AUTH_FAILED, AUTH_FAILED_TEXT)
            return principal
        key = self.header(request, "KEY")
        if key is not None:
            with self.emu.store.lock:
                keys = list(self.api_keys) + list(ps.section(self.emu.store.doc)["api_keys"])
            if key and any(hmac.compare_digest(key.encode("utf-8"), str(k).encode("utf-8")) for k in keys):
                return Principal(self.emu.admin_user, "system")
            raise PacketError(BAD_KEY, BAD_KEY_TEXT)
        raise PacketError(AUTH_FAILED, AUTH_FAILED_TEXT)

    # ---------------------------------------------------------------- operations
    def run_operation(self, doc, principal, args, op_out, fault) -> None:
        name = args["name"]
        installed = ps.section(doc)["installed"]
        if name == "check":
            result = _sub(op_out, "result")
            if fault is not None:
                self._error(result, fault)
            elif installed:
                _sub(result, "status", "ok")
            else:
                _sub(result, "status", "error")
                _sub(result, "errcode", NOT_INSTALLED)
                _sub(result, "errtext", NOT_INSTALLED_TEXT)
            return
        if name in ("add-pattern", "del-pattern"):
            kind, value = args["owner"]
            targets = [(kind, value, p) for p in args["patterns"]] or [(kind, value, None)]
        elif name == "get-patterns" and args["filter"] is None:
            targets = [("username", key, None) for key in sorted(ps.section(doc)["filters"])] or [("username", ps.ADMIN, None)]
        else:
            targets = [(kind, value, None) for kind, value in args["filter"]]
        for kind, value, pattern in targets:
            result = _sub(op_out, "result")
            shown = pattern if pattern is not None else value
            try:
                if fault is not None:
                    raise ResultError(getattr(fault, "code", 0) or OPERATION_FAILED, fault.message or "Operation failed.")
                if not installed:
                    raise ResultError(NOT_INSTALLED, NOT_INSTALLED_TEXT)
                key, rec = self.resolve(doc, principal, kind, value)
                getattr(self, "op_" + name.replace("-", "_"))(doc, key, rec, args, pattern, result, shown)
            except ResultError as exc:
                for child in list(result):
                    result.remove(child)
                _sub(result, "status", "error")
                _sub(result, "errcode", exc.code)
                _sub(result, "errtext", exc.text)
                if shown:
                    _sub(result, "filter-id", shown)

    @staticmethod
    def _error(result, fault) -> None:
        _sub(result, "status", "error")
        _sub(result, "errcode", getattr(fault, "code", 0) or OPERATION_FAILED)
        _sub(result, "errtext", fault.message or "Operation failed.")

    def resolve(self, doc, principal: Principal, kind: str, value: str) -> tuple[str, dict]:
        if kind == "spamfilter-id":
            try:
                ident = int(value)
            except ValueError:
                raise ResultError(NOT_FOUND, NOT_FOUND_TEXT) from None
            found = ps.by_id(doc, ident)
            if found is None:
                raise ResultError(NOT_FOUND, NOT_FOUND_TEXT)
            key, rec = found
            if key != ps.ADMIN and not ps.is_known(doc, key):
                raise ResultError(NOT_FOUND, NOT_FOUND_TEXT)
        else:
            key = value.strip().lower()
            if key != ps.ADMIN and not ps.is_known(doc, key):
                raise ResultError(NOT_FOUND, NOT_FOUND_TEXT)
            rec = None
        if not self.allowed(principal, key):
            raise ResultError(PERMISSION_DENIED, PERMISSION_DENIED_TEXT)
        if rec is None:
            rec = ps.record(doc, key)[0]
        return key, rec

    @staticmethod
    def allowed(principal: Principal, key: str) -> bool:
        if principal.role == "system":
            return True
        if key == ps.ADMIN:
            return False
        if principal.role == "domain":
            return key.rsplit("@", 1)[-1] == (principal.domain or "").lower()
        return key == principal.address.lower()

    @staticmethod
    def _head(result, shown, rec) -> None:
        _sub(result, "status", "ok")
        if shown:
            _sub(result, "filter-id", shown)
        _sub(result, "id", rec["id"])

    def op_get(self, doc, key, rec, args, pattern, result, shown) -> None:
        self._head(result, shown, rec)
        _sub(result, "username", key)
        _sub(result, "enabled" if rec["enabled"] else "disabled")
        prefs = _sub(result, "preferences")
        allowed = ps.ADMIN_PREFERENCES if key == ps.ADMIN else ps.MAILBOX_PREFERENCES
        for name in ps.PREFERENCE_ORDER:
            if name in allowed and rec["preferences"].get(name) is not None:
                value = rec["preferences"][name]
                _sub(prefs, name, _bool_text(value) if name in ps.BOOLEAN_PREFERENCES else value)

    def op_set(self, doc, key, rec, args, pattern, result, shown) -> None:
        prefs = args["preferences"]
        allowed = ps.ADMIN_PREFERENCES if key == ps.ADMIN else ps.MAILBOX_PREFERENCES
        refused = [name for name in prefs if name not in allowed]
        if refused:
            raise ResultError(NOT_SUPPORTED, NOT_SUPPORTED_TEXT)
        if "required-score" in prefs:
            text = prefs["required-score"]
            try:
                score = float(text)
            except ValueError:
                score = None
            if score is None or math.isnan(score) or score <= 0:
                raise ResultError(PARSER_ERROR, f"Invalid value of required-score: '{text}' (a positive number is expected)")
        if "max-children-process" in prefs:
            low, high = ps.MAX_CHILDREN
            if not low <= prefs["max-children-process"] <= high:
                raise ResultError(PARSER_ERROR, f"Invalid value of max-children-process: {prefs['max-children-process']} "
                                                f"(allowed: {low} to {high})")
        rec["preferences"].update(prefs)
        if args["enabled"] is not None:
            rec["enabled"] = args["enabled"]
        self._head(result, shown, rec)

    def _list(self, key, rec, name) -> list:
        allowed = ps.ADMIN_LISTS if key == ps.ADMIN else ps.MAILBOX_LISTS
        if name not in allowed:
            raise ResultError(NOT_SUPPORTED, NOT_SUPPORTED_TEXT)
        return rec["lists"].setdefault(name, [])

    def op_add_pattern(self, doc, key, rec, args, pattern, result, shown) -> None:
        items = self._list(key, rec, args["list"])
        if pattern is not None:
            value = pattern.strip().lower()
            if not value or any(c.isspace() for c in value):
                raise ResultError(PARSER_ERROR, f"Invalid pattern: '{pattern}'")
            if value not in items:
                items.append(value)
        self._head(result, shown, rec)

    def op_del_pattern(self, doc, key, rec, args, pattern, result, shown) -> None:
        items = self._list(key, rec, args["list"])
        if pattern is not None:
            value = pattern.strip().lower()
            if value not in items:
                raise ResultError(NOT_FOUND, NOT_FOUND_TEXT)
            items.remove(value)
        self._head(result, shown, rec)

    def op_get_patterns(self, doc, key, rec, args, pattern, result, shown) -> None:
        items = self._list(key, rec, args["list"])
        self._head(result, shown, rec)
        for item in items:
            _sub(result, "pattern", item)

    def op_get_allowed_preferences(self, doc, key, rec, args, pattern, result, shown) -> None:
        self._head(result, shown, rec)
        for name in (ps.ADMIN_PREFERENCES if key == ps.ADMIN else ps.MAILBOX_PREFERENCES):
            _sub(result, "preference", name)

    def op_get_allowed_lists(self, doc, key, rec, args, pattern, result, shown) -> None:
        self._head(result, shown, rec)
        for name in (ps.ADMIN_LISTS if key == ps.ADMIN else ps.MAILBOX_LISTS):
            _sub(result, "list", name)


# ------------------------------------------------------------------------------ serving
def request_handler_class():
    """The werkzeug request handler for the Plesk listener: keeps the raw header list, because
    werkzeug drops headers whose names have underscores (HTTP_AUTH_LOGIN, HTTP_AUTH_PASSWD)."""
    from .cli import RequestHandler

    class PleskRequestHandler(RequestHandler):
        server_version = "sw-cp-server"

        def make_environ(self):
            environ = super().make_environ()
            environ["mailops.raw_headers"] = list(self.headers.items())
            return environ

    return PleskRequestHandler


def make_app(emulator, api_key: str | None = None) -> PleskApp:
    return PleskApp(emulator, api_key=api_key if api_key is not None else os.environ.get("MAILOPS_EMULATOR_PLESK_API_KEY"))


# ------------------------------------------------------------------------------ control routes
def control_routes(emulator) -> dict:
    """Routes added under /__emulator__/ (on the SmarterMail listener): plesk state, mailboxes,
    the not-installed switch and secret keys."""

    def c_plesk(_body):
        with emulator.store.lock:
            plesk = ps.section(emulator.store.doc)
            data = json.loads(json.dumps(plesk))
            data["known_mailboxes"] = ps.known_mailboxes(emulator.store.doc)
            data["api_keys"] = len(data.get("api_keys") or [])
        return _json(data)

    def c_mailboxes_get(_body):
        with emulator.store.lock:
            return _json({"seeded": list(ps.section(emulator.store.doc)["mailboxes"]),
                          "known": ps.known_mailboxes(emulator.store.doc)})

    def c_mailboxes_set(body):
        if not isinstance(body, dict):
            raise ValueError('expected {"names": [...]} (replace) or {"add": [...], "remove": [...]}')
        with emulator.store.lock:
            plesk = ps.section(emulator.store.doc)
            names = set() if "names" in body else set(plesk["mailboxes"])
            for name in body.get("names", []) + body.get("add", []):
                name = str(name).strip().lower()
                if name.count("@") != 1:
                    raise ValueError(f"not a mailbox address: {name!r}")
                names.add(name)
            names -= {str(n).strip().lower() for n in body.get("remove", [])}
            plesk["mailboxes"] = sorted(names)
            emulator.store.save()
            return _json({"status": "ok", "seeded": plesk["mailboxes"], "known": ps.known_mailboxes(emulator.store.doc)})

    def c_installed_get(_body):
        with emulator.store.lock:
            return _json({"installed": ps.section(emulator.store.doc)["installed"]})

    def c_installed_set(body):
        if not isinstance(body, dict) or not isinstance(body.get("installed"), bool):
            raise ValueError('expected {"installed": true|false}')
        with emulator.store.lock:
            ps.section(emulator.store.doc)["installed"] = body["installed"]
            emulator.store.save()
        return _json({"status": "ok", "installed": body["installed"]})

    def c_keys_add(body):
        if not isinstance(body, dict) or not isinstance(body.get("key"), str) or not body["key"]:
            raise ValueError('expected {"key": "<secret key>"}')
        with emulator.store.lock:
            keys = ps.section(emulator.store.doc)["api_keys"]
            if body["key"] not in keys:
                keys.append(body["key"])
            emulator.store.save()
            return _json({"status": "ok", "count": len(keys)})

    def c_keys_clear(_body):
        with emulator.store.lock:
            ps.section(emulator.store.doc)["api_keys"] = []
            emulator.store.save()
        return _json({"status": "ok", "count": 0})

    return {
        ("GET", "plesk"): c_plesk,
        ("GET", "plesk/mailboxes"): c_mailboxes_get,
        ("POST", "plesk/mailboxes"): c_mailboxes_set,
        ("GET", "plesk/installed"): c_installed_get,
        ("POST", "plesk/installed"): c_installed_set,
        ("POST", "plesk/keys"): c_keys_add,
        ("DELETE", "plesk/keys"): c_keys_clear,
    }
