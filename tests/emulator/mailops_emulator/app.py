# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""WSGI application: ``/Services/<svc>.asmx`` (WSDL + SOAP 1.1/1.2) and ``/__emulator__/`` (control)."""

from __future__ import annotations

import json
import logging
import socket
import time
from html import escape as html_escape

from werkzeug.http import parse_options_header
from werkzeug.wrappers import Request, Response

from . import json_api, results, soap
from .core import Emulator
from .catalog import Operation, Service

log = logging.getLogger("mailops_emulator")

CONTROL_PREFIX = "/__emulator__/"
ASPNET_HEADERS = [
    ("Cache-Control", "private, max-age=0"),
    ("X-AspNet-Version", "4.0.30319"),
    ("X-Powered-By", "ASP.NET"),
]


class _Refuse(Exception):
    pass


def _xml_response(data: bytes, status: int, version: str) -> Response:
    resp = Response(data, status=status, content_type=soap.CONTENT_TYPES[version])
    for k, v in ASPNET_HEADERS:
        resp.headers[k] = v
    return resp


def _html(status: int, title: str, body: str = "") -> Response:
    page = (
        f"<html><head><title>{html_escape(title)}</title></head><body><h1>{html_escape(title)}</h1>{body}</body></html>"
    )
    return Response(page, status=status, content_type="text/html; charset=utf-8")


UNHANDLED = object()
HTTP_FAULT_TEXT = {500: "Internal Server Error", 503: "Service Unavailable"}


def transport_fault(request: Request, rule, page=_html):
    """The injected faults every protocol answers alike (refuse, delay, http500, http503): the
    Response to send, None when the connection was closed, False to answer normally, or UNHANDLED
    when ``rule`` is a fault of the protocol's own. ``page(status, text)`` makes an error page."""
    kind = rule.fault
    if kind == "refuse":
        _refuse(request.environ)
        return None
    if kind == "delay":
        time.sleep(max(0.0, rule.seconds))
        return False
    if kind in ("http500", "http503"):
        status = int(kind[4:])
        resp = page(status, rule.message or HTTP_FAULT_TEXT[status])
        if status == 503:
            resp.headers["Retry-After"] = "1"
        return resp
    return UNHANDLED


def _json(data, status: int = 200) -> Response:
    return Response(json.dumps(data, indent=1), status=status, content_type="application/json")


def _refuse(environ) -> None:
    """Close the client's connection without answering."""
    sock = environ.get("werkzeug.socket")
    if sock is None:
        raise _Refuse()
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class SmarterMailApp:
    """The SmarterMail listener. ``control_routes`` may be extended by other listeners' modules."""

    def __init__(self, emulator: Emulator) -> None:
        self.emu = emulator
        self.control_routes = {
            ("GET", "health"): self.c_health,
            ("POST", "reset"): self.c_reset,
            ("GET", "state"): self.c_state,
            ("GET", "counters"): self.c_counters,
            ("POST", "counters/reset"): self.c_counters_reset,
            # also GET: a playbook resets them with a url lookup, in its own process (no module to run)
            ("GET", "counters/reset"): self.c_counters_reset,
            ("GET", "faults"): self.c_faults_list,
            ("POST", "faults"): self.c_faults_add,
            ("DELETE", "faults"): self.c_faults_clear,
            ("GET", "mx"): self.c_mx_get,
            ("POST", "mx"): self.c_mx_set,
            ("GET", "operations"): self.c_operations,
        }
        # the JSON API (/api/v1) on the same port, from the same state
        self.json_api = json_api.JsonApi(emulator)
        self.control_routes.update(self.json_api.control_routes())

    # ---------------------------------------------------------------- WSGI
    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = soap.MAX_BODY
        started = time.perf_counter()
        try:
            response = self.route(request)
        except _Refuse:
            response = Response(b"", status=500)
        if response is None:  # refused: the socket is already shut down
            response = Response(b"", status=500)
        elapsed = (time.perf_counter() - started) * 1000
        log.debug("%s %s -> %s (%.1f ms)", request.method, request.path, response.status_code, elapsed)
        return response(environ, start_response)

    def route(self, request: Request):
        path = request.path
        low = path.lower()
        if low.startswith(CONTROL_PREFIX):
            return self.control(request, path[len(CONTROL_PREFIX) :].strip("/"))
        if low.startswith("/api/"):
            return self.json_api.handle(request)
        if low.startswith("/services/") and not self.json_api.serves_soap:
            return _html(404, "The resource cannot be found.")
        if low.startswith("/services/") and low.endswith(".asmx"):
            name = path[len("/services/") : -len(".asmx")]
            service = self.emu.catalog.service(name) if "/" not in name else None
            if service is None:
                return _html(404, "The resource cannot be found.")
            if request.method in ("GET", "HEAD"):
                return self.get_asmx(request, service)
            if request.method == "POST":
                return self.post_soap(request, service)
            return _html(405, "Method Not Allowed")
        if low in ("/", "/services", "/services/"):
            items = "".join(f'<li><a href="/Services/{s}.asmx">{s}</a></li>' for s in self.emu.catalog.services)
            return _html(200, "mailops SmarterMail emulator", f"<ul>{items}</ul>")
        return _html(404, "The resource cannot be found.")

    # ----------------------------------------------------------------- GET
    def get_asmx(self, request: Request, service: Service):
        keys = {k.lower() for k in request.args.keys()}
        if "wsdl" not in keys:
            ops = "".join(f"<li>{html_escape(op.name)}</li>" for op in service.operations)
            return _html(200, service.name, f"<p>{html_escape(service.documentation)}</p><ul>{ops}</ul>")
        self.emu.counters.count_wsdl()
        rule = self.emu.faults.take(service.name, None, "wsdl")
        drop = None
        if rule is not None:
            early = self.apply_transport_fault(request, rule, "1.1")
            if early is not False:
                return early
            if rule.fault == "wrong_wsdl":
                if rule.operation == "*":
                    return _html(200, rule.message or "Server Error in '/' Application.")
                drop = {rule.operation}
        address = f"{request.scheme}://{request.host}{request.path}"
        data = self.emu.wsdl.render(service, address, drop_operations=drop)
        resp = Response(data, status=200, content_type="text/xml; charset=utf-8")
        for k, v in ASPNET_HEADERS:
            resp.headers[k] = v
        return resp

    # ---------------------------------------------------------------- SOAP
    def post_soap(self, request: Request, service: Service):
        ctype, options = parse_options_header(request.headers.get("Content-Type", ""))
        ctype = ctype.lower()
        if ctype == "text/xml":
            version = "1.1"
            action = request.headers.get("SOAPAction")
        elif ctype == "application/soap+xml":
            version = "1.2"
            action = options.get("action")
        else:
            return Response(
                f"Request format is unrecognized: Content-Type '{ctype}'.",
                status=415,
                content_type="text/plain; charset=utf-8",
            )
        try:
            body = request.get_data(cache=True)
        except Exception:  # RequestEntityTooLarge
            return _xml_response(soap.fault_envelope(version, "Maximum request length exceeded."), 413, version)

        op = self.resolve_operation(service, version, action, body)
        if op is None:
            self.emu.counters.count_unrecognized()
            shown = (action or "").strip()
            if shown.startswith('"') and shown.endswith('"') and len(shown) >= 2:
                shown = shown[1:-1]
            log.info("%s: unrecognized SOAPAction %r", service.name, shown)
            return _xml_response(
                soap.fault_envelope(version, f"Server did not recognize the value of HTTP Header SOAPAction: {shown}."),
                500,
                version,
            )
        self.emu.counters.count_call(op)

        rule = self.emu.faults.take(service.name, op.name, "soap")
        if rule is not None:
            log.info("%s: injecting fault %s", op.qualified, rule.fault)
            early = self.apply_transport_fault(request, rule, version)
            if early is not False:
                return early
            if rule.fault == "result_false":
                message = rule.message or "Injected failure"
                if not self.emu.has_result_type(op):
                    fault = soap.fault_envelope(
                        version, f"Server was unable to process request. ---> {message}", "Server"
                    )
                    return _xml_response(fault, 500, version)
                value = self.emu.result_value(op, False, results.INJECTED_FAILURE, message)
                return _xml_response(
                    soap.envelope(version, soap.response_body(self.emu.catalog, op, value)), 200, version
                )

        started = time.perf_counter()
        try:
            env_version, op_el = soap.parse_envelope(body)
            if env_version != version:
                raise soap.SoapFault(
                    "Possible SOAP version mismatch: Envelope namespace does not match the Content-Type.",
                    "VersionMismatch",
                )
            params = soap.parse_params(self.emu.catalog, op, op_el)
        except soap.SoapFault as fault:
            log.info("%s: request rejected: %s", op.qualified, fault.message)
            return _xml_response(soap.fault_envelope(version, fault.message, fault.code), fault.status, version)

        try:
            outcome = self.emu.call(op, params)
        except Exception as exc:  # a handler bug: answer like ASP.NET does
            log.exception("%s: handler failed", op.qualified)
            return _xml_response(
                soap.fault_envelope(version, f"Server was unable to process request. ---> {exc}", "Server"),
                500,
                version,
            )
        if not outcome.ok and not self.emu.has_result_type(op):
            # No Result field to carry the failure (void or bare-array operation): never answer an
            # empty "success"; a SOAP fault carries the message instead.
            log.info(
                "%s soap%s user=%s -> fault code=%s message=%r",
                op.qualified,
                version,
                outcome.principal or "-",
                outcome.code,
                outcome.message,
            )
            return _xml_response(
                soap.fault_envelope(version, f"Server was unable to process request. ---> {outcome.message}", "Server"),
                500,
                version,
            )
        data = soap.envelope(version, soap.response_body(self.emu.catalog, op, outcome.body))
        log.info(
            "%s soap%s user=%s -> %s code=%s (%.1f ms)%s",
            op.qualified,
            version,
            outcome.principal or "-",
            "true" if outcome.ok else "false",
            outcome.code,
            (time.perf_counter() - started) * 1000,
            "" if outcome.ok else f" message={outcome.message!r}",
        )
        return _xml_response(data, 200, version)

    def resolve_operation(self, service: Service, version: str, action: str | None, body: bytes) -> Operation | None:
        if action is not None:
            action = action.strip()
            if len(action) >= 2 and action[0] == action[-1] == '"':
                action = action[1:-1]
        if action:
            return service.by_action.get(action)
        if version == "1.2":
            # SOAP 1.2 without an action parameter: route on the body's first element.
            try:
                op_el = soap.parse_envelope(body)[1]
            except soap.SoapFault:
                return None
            from lxml import etree

            return service.by_name.get(etree.QName(op_el).localname)
        return None

    def apply_transport_fault(self, request: Request, rule, version: str):
        """Apply ``rule``; return a Response to send, None if refused, False to continue normally."""
        common = transport_fault(request, rule)
        if common is not UNHANDLED:
            return common
        kind = rule.fault
        if kind == "soap_fault":
            msg = rule.message or "Server was unable to process request. ---> Injected fault."
            return _xml_response(soap.fault_envelope(version, msg, "Server"), 500, version)
        if kind == "echo":
            # the request as received, in the fault's text (the SOAP fault escapes it once more)
            sent = request.get_data(cache=True).decode("utf-8", "replace")
            msg = (rule.message or "Server was unable to read request.") + " ---> " + sent
            return _xml_response(soap.fault_envelope(version, msg, "Server"), 500, version)
        if kind == "malformed":
            data = (
                b'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="'
                + soap.ENVELOPE_NS[version].encode()
                + b'"><soap:Body><Broken'
            )
            return _xml_response(data, 200, version)
        if kind == "entity_bomb":
            return _xml_response(soap.billion_laughs(), 200, version)
        return False

    # ------------------------------------------------------------- control
    def control(self, request: Request, route: str):
        handler = self.control_routes.get((request.method, route))
        if handler is None:
            known = sorted({route_name for (_method, route_name) in self.control_routes})
            return _json({"error": f"no control route {request.method} {route!r}", "routes": known}, 404)
        body = None
        if request.method in ("POST", "PUT", "DELETE"):
            raw = request.get_data(cache=True)
            if raw.strip():
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    return _json({"error": f"invalid JSON body: {exc}"}, 400)
        try:
            return handler(body)
        except (ValueError, TypeError, KeyError) as exc:
            return _json({"error": str(exc)}, 400)

    def c_health(self, _body):
        return _json(
            {
                "status": "ok",
                "services": list(self.emu.catalog.services),
                "state_path": self.emu.store.path,
                "uptime": round(time.time() - self.emu.started, 3),
            }
        )

    def c_reset(self, body):
        doc = None
        if isinstance(body, dict) and body.get("state") is not None:
            doc = body["state"]
            if not isinstance(doc, dict):
                raise ValueError("'state' must be a JSON object")
        try:
            self.emu.reset(doc)
        except Exception as exc:  # StateError
            return _json({"error": str(exc)}, 400)
        self.json_api.reset()
        return _json({"status": "ok"})

    def c_state(self, _body):
        return _json(self.emu.store.snapshot())

    def c_counters(self, _body):
        return _json(self.emu.counters.as_dict())

    def c_counters_reset(self, _body):
        self.emu.counters.reset()
        return _json({"status": "ok"})

    def c_faults_list(self, _body):
        return _json(self.emu.faults.as_list())

    def c_faults_add(self, body):
        specs = body if isinstance(body, list) else [body]
        rules = [self.emu.faults.add(spec) for spec in specs]
        return _json({"status": "ok", "faults": [r.as_dict() for r in rules]})

    def c_faults_clear(self, _body):
        self.emu.faults.clear()
        return _json({"status": "ok"})

    def c_mx_get(self, _body):
        with self.emu.store.lock:
            return _json({"names": list(self.emu.store.server["mx_verified"])})

    def c_mx_set(self, body):
        if not isinstance(body, dict):
            raise ValueError('expected {"names": [...]} (replace) or {"add": [...], "remove": [...]}')
        with self.emu.store.lock:
            names = self.emu.store.server["mx_verified"]
            if "names" in body:
                names[:] = []
                add = body["names"]
            else:
                add = body.get("add", [])
            for name in add:
                name = str(name).strip().lower()
                if name and name not in names:
                    names.append(name)
            remove = {str(n).strip().lower() for n in body.get("remove", [])}
            names[:] = [n for n in names if n not in remove]
            self.emu.store.save()
            return _json({"status": "ok", "names": list(names)})

    def c_operations(self, _body):
        return _json(self.emu.operations_table())
