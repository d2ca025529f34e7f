# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's core: catalog + state + handlers + counters + injected faults.

One :class:`Emulator` is shared by every listener (the SmarterMail SOAP app, and later the Plesk
XML API app), so all of them see the same state.
"""

from __future__ import annotations

import copy
import hmac
import logging
import threading
import time
from dataclasses import dataclass, field

from . import results, services
from .catalog import Catalog, Operation
from .registry import Context, Params, Principal, get_handler
from .settings import defaults_model, domain_model
from .state import Store
from .wsdl import WsdlCache

log = logging.getLogger("mailops_emulator")
# Importing the services package registers every operation handler.
HANDLER_PACKAGE = services.__name__

FAULT_KINDS = (
    "refuse",
    "delay",
    "http500",
    "http503",
    "soap_fault",
    "malformed",
    "entity_bomb",
    "result_false",
    "wrong_wsdl",
    # the request echoed in the error text (SOAP: a SOAP fault; JSON API: HTTP 400 with the body in
    # "message"), as some servers and proxies do
    "echo",
    # JSON API only (service "json"): a body nested 100,000 levels deep; valid JSON of the wrong type
    "deep_json",
    "json_type",
    # Plesk XML API only (service "plesk"): <system> error, error in every <result>, bad KEY.
    "packet_error",
    "result_error",
    "bad_key",
)
PLESK_FAULT_KINDS = ("packet_error", "result_error", "bad_key")
JSON_FAULT_KINDS = ("deep_json", "json_type")


class Counters:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "_lock", threading.Lock()):
            self.reads = 0
            self.writes = 0
            self.wsdl = 0
            self.unrecognized = 0
            self.operations: dict[str, dict[str, int]] = {}

    def count_call(self, op: Operation) -> None:
        with self._lock:
            entry = self.operations.setdefault(op.qualified, {"reads": 0, "writes": 0})
            if op.is_write:
                self.writes += 1
                entry["writes"] += 1
            else:
                self.reads += 1
                entry["reads"] += 1

    def count_wsdl(self) -> None:
        with self._lock:
            self.wsdl += 1

    def count_unrecognized(self) -> None:
        with self._lock:
            self.unrecognized += 1

    def as_dict(self) -> dict:
        with self._lock:
            return {
                "reads": self.reads,
                "writes": self.writes,
                "wsdl": self.wsdl,
                "unrecognized": self.unrecognized,
                "operations": {k: dict(v) for k, v in sorted(self.operations.items())},
            }


@dataclass
class FaultRule:
    fault: str
    service: str = "*"
    operation: str = "*"
    count: int = 1  # remaining; -1 = until cleared
    seconds: float = 5.0
    message: str = ""
    on: str = "soap"  # soap | wsdl | plesk | json | any
    code: int = 0  # Plesk errcode for packet_error / result_error (0: the default)
    applied: int = 0
    id: int = 0

    def matches(self, service: str, operation: str | None, target: str) -> bool:
        if self.count == 0:
            return False
        if self.on != "any" and self.on != target:
            return False
        if self.service != "*" and self.service.lower() != service.lower():
            return False
        if (
            target in ("soap", "plesk", "json")
            and self.operation != "*"
            and (operation or "").lower() != self.operation.lower()
        ):
            return False
        return True

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "fault": self.fault,
            "service": self.service,
            "operation": self.operation,
            "count": self.count,
            "seconds": self.seconds,
            "message": self.message,
            "on": self.on,
            "code": self.code,
            "applied": self.applied,
        }


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._next = 1

    def add(self, spec: dict) -> FaultRule:
        if not isinstance(spec, dict):
            raise ValueError("fault must be a JSON object")
        kind = spec.get("fault")
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; expected one of {', '.join(FAULT_KINDS)}")
        service = str(spec.get("service") or "*")
        default_on = "wsdl" if kind == "wrong_wsdl" else "soap"
        if kind in PLESK_FAULT_KINDS or service.lower() == "plesk":
            default_on = "plesk"
        if kind in JSON_FAULT_KINDS or service.lower() == "json":
            default_on = "json"
        on = spec.get("on") or default_on
        if on not in ("soap", "wsdl", "plesk", "json", "any"):
            raise ValueError("'on' must be soap, wsdl, plesk, json or any")
        count = int(spec.get("count", 1))
        if count == 0 or count < -1:
            raise ValueError("count must be a positive number, or -1 for 'until cleared'")
        rule = FaultRule(
            fault=kind,
            service=service,
            operation=str(spec.get("operation") or "*"),
            count=count,
            seconds=float(spec.get("seconds", 5.0)),
            message=str(spec.get("message") or ""),
            on=on,
            code=int(spec.get("code") or 0),
        )
        with self._lock:
            rule.id = self._next
            self._next += 1
            self._rules.append(rule)
        return rule

    def take(self, service: str, operation: str | None, target: str) -> FaultRule | None:
        with self._lock:
            for rule in self._rules:
                if rule.matches(service, operation, target):
                    if rule.count > 0:
                        rule.count -= 1
                    rule.applied += 1
                    taken = FaultRule(**{**rule.__dict__})
                    self._rules = [r for r in self._rules if r.count != 0]
                    return taken
        return None

    def clear(self) -> None:
        with self._lock:
            self._rules = []

    def as_list(self) -> list[dict]:
        with self._lock:
            return [r.as_dict() for r in self._rules]


@dataclass
class CallOutcome:
    body: object  # the value to serialize as <OpResult>
    ok: bool
    code: int
    message: str
    principal: str | None = None
    extra: dict = field(default_factory=dict)


class Emulator:
    def __init__(
        self, state_path: str, admin_user: str = "admin", admin_password: str = "admin", catalog: Catalog | None = None
    ) -> None:
        self.catalog = catalog or Catalog.load()
        self.domain_settings = domain_model(self.catalog.settings_keys.get("domain", []))
        self.default_settings = defaults_model(self.catalog.settings_keys.get("domain_defaults", []))
        self.admin_user = admin_user
        self.store = Store(
            state_path, admin_user, admin_password, self.initial_domain_defaults, self.domain_settings.defaults
        )
        self.wsdl = WsdlCache(self.catalog)
        self.counters = Counters()
        self.faults = Faults()
        self.started = time.time()

    def initial_domain_defaults(self) -> dict:
        return self.default_settings.defaults()

    def reset(self, doc: dict | None = None) -> None:
        self.store.reset(doc)
        self.counters.reset()
        self.faults.clear()

    # -------------------------------------------------------------------- auth
    def authenticate(self, username: str | None, password: str | None) -> Principal | None:
        if not username or password is None:
            return None
        username = username.strip()
        server = self.store.server
        for admin in server["system_admins"]:
            if admin.get("username", "").lower() == username.lower() and _same(admin.get("password"), password):
                return Principal(admin["username"], "system")
        if "@" in username:
            local, domain_name = username.rsplit("@", 1)
            domain = self.store.domain(domain_name)
            if domain is None or not domain["settings"].get("isenabled", True):
                return None
            user = domain["users"].get(local.lower())
            if user is None or not _same(user.get("password"), password):
                return None
            role = "domain" if user.get("is_domain_admin") else "user"
            return Principal(user["username"], role, domain["name"])
        return None

    @staticmethod
    def _allowed(handler, principal: Principal, params: Params) -> tuple[bool, str]:
        if principal.role == "system":
            return True, ""
        target = ""
        if handler.domain_param:
            target = (params.get(handler.domain_param) or "").strip().lower()
        if principal.role == "domain" and handler.access in ("domain", "user"):
            target_domain = target.rsplit("@", 1)[-1]
            if target_domain and target_domain == (principal.domain or "").lower():
                return True, ""
            return False, f" for '{target_domain}'" if target_domain else ""
        if principal.role == "user" and handler.access == "user":
            if target == principal.address.lower():
                return True, ""
            return False, f" for '{target}'" if target else ""
        return False, ""

    # ---------------------------------------------------------------- results
    def result_value(self, op: Operation, ok: bool, code: int, message: str, fields: dict | None = None):
        """The object to serialize for a (failed or canned) answer of ``op``."""
        rtype = op.returns
        if not rtype or self.catalog.kind(rtype) != "complex":
            return None
        members = self.catalog.fields(rtype)
        flag = members[0].name if members and members[0].type == "boolean" else "Result"
        value = dict(fields or {})
        value.update({flag: ok, "ResultCode": code, "Message": message})
        return value

    def has_result_type(self, op: Operation) -> bool:
        return bool(op.returns) and self.catalog.kind(op.returns) == "complex"

    def status_of(self, op: Operation, body) -> tuple[bool, int, str]:
        if isinstance(body, dict):
            members = self.catalog.fields(op.returns) if op.returns and op.returns in self.catalog.types else []
            flag = members[0].name if members else "Result"
            return bool(body.get(flag)), int(body.get("ResultCode") or 0), str(body.get("Message") or "")
        return True, 0, ""

    # --------------------------------------------------------------- dispatch
    def call(self, op: Operation, raw_params: dict) -> CallOutcome:
        params = Params(raw_params)
        handler = get_handler(op.service, op.name)
        principal = None
        auth = op.auth_params
        if auth and (handler is None or handler.access != "public"):
            with self.store.lock:
                principal = self.authenticate(params.get(auth[0]), params.get(auth[1]))
            if principal is None:
                return self._fail(op, results.LOGIN_FAILED, results.LOGIN_FAILED_MESSAGE, None)
        who = principal.address if principal else None
        if handler is None:
            msg = f"Not implemented by the mailops emulator: {op.qualified}"
            return self._fail(op, results.NOT_IMPLEMENTED, msg, who)
        if principal is not None:
            allowed, scope = self._allowed(handler, principal, params)
            if not allowed:
                msg = results.NO_PERMISSION_MESSAGE.format(who=principal.describe(), op=op.qualified, scope=scope)
                return self._fail(op, results.NO_PERMISSION, msg, who)
        ctx = Context(self, op, principal)
        with self.store.lock:
            try:
                value = handler.func(ctx, params)
            except results.Fail as failure:
                if op.is_write:
                    self.store.rollback()  # a failed write leaves no trace
                return self._fail(op, failure.code, failure.message, who, failure.fields)
            except Exception:
                self.store.rollback()
                raise
            if op.is_write:
                self.store.save()  # persisted before the response is sent
            value = copy.deepcopy(value)  # serialized after the lock is released
        if op.returns and self.catalog.kind(op.returns) == "complex":
            fields = value if isinstance(value, dict) else {}
            base = self.result_value(op, True, 0, "", fields)
            for key in ("Result", "LoginValidated", "ResultCode", "Message"):
                if key in fields:
                    base[key] = fields[key]
            value = base
        ok, code, message = self.status_of(op, value)
        return CallOutcome(value, ok, code, message, who)

    def _fail(self, op: Operation, code: int, message: str, who: str | None, fields: dict | None = None) -> CallOutcome:
        return CallOutcome(self.result_value(op, False, code, message, fields), False, code, message, who)

    # ----------------------------------------------------------- introspection
    def operations_table(self) -> dict:
        table = {}
        for svc in self.catalog.services.values():
            for op in svc.operations:
                handler = get_handler(svc.name, op.name)
                table[op.qualified] = {
                    "kind": op.kind,
                    "implemented": handler is not None,
                    "access": handler.access if handler else None,
                }
        return table


def _same(stored, given) -> bool:
    if stored is None or given is None:
        return False
    return hmac.compare_digest(str(stored).encode("utf-8"), str(given).encode("utf-8"))
