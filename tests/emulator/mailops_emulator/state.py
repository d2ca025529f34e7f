# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's state: one JSON document, thread-safe, persisted atomically after every write.

Layout (documented in tests/emulator/README.md)::

    {
      "version": 1,
      "server": {
        "system_admins": [{"username", "password", "primary"}],
        "product": {"name", "version", "edition", "license_key", "license_activated", ...},
        "domain_defaults": {"defaultmaxaliases": 0, ...},       # typed values
        "forwarding_blocks": [{"block_id", "target_address", "domains"}],
        "next_forwarding_block_id": 1,
        "mx_verified": ["alias.example"],                       # names that pass the MX check
        "deleted_domains": [{"name", "path", "files_deleted"}]
      },
      "domains": {
        "<domain lower-case>": {
          "name", "path", "primary_admin", "max_mailbox_size_mb", "show_stats_menu",
          "settings": {"maxaliases": 0, "isenabled": true, "catchall": "", ...},   # typed values
          "users": {"<user lower-case>": {"username", "password", "first_name", "last_name",
                                          "is_domain_admin", "settings": {}}},
          "aliases": {"<alias lower-case>": {"name", "addresses": [...]}},
          "domain_aliases": ["alias.example"],
          "mailing_lists": {},
          "dkim": null | {"selector", "private_key", "public_key", "key_size"},
          "domainkeys": null | {...},
          "archive_rule": null | {"path", "parameters"}
        }
      }
    }
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from typing import Callable

STATE_VERSION = 1

DEFAULT_PRODUCT = {
    "name": "SmarterMail",
    "version": "16.3.6989",
    "edition": "Enterprise",
    "license_key": "",
    "license_activated": False,
    "license_account": "",
}


class StateError(Exception):
    pass


def new_user(
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    is_domain_admin: bool = False,
    settings: dict | None = None,
) -> dict:
    """A user record, as stored under ``domains[d]["users"][username.lower()]``."""
    return {
        "username": username,
        "password": password,
        "first_name": first_name or "",
        "last_name": last_name or "",
        "is_domain_admin": bool(is_domain_admin),
        "settings": dict(settings or {}),
    }


class Store:
    """Holds the document; ``lock`` serializes every access (handlers run under it)."""

    def __init__(
        self,
        path: str,
        admin_user: str,
        admin_password: str,
        domain_defaults: Callable[[], dict],
        domain_settings: Callable[[], dict] | None = None,
    ) -> None:
        self.path = os.path.abspath(path)
        self.admin_user = admin_user
        self.admin_password = admin_password
        self._domain_defaults = domain_defaults
        self._domain_settings = domain_settings or dict
        self.lock = threading.RLock()
        self._last_saved: str | None = None
        self.doc: dict = {}
        with self.lock:
            if os.path.exists(self.path) and os.path.getsize(self.path) > 0:
                try:
                    with open(self.path, encoding="utf-8") as fh:
                        doc = json.load(fh)
                except (OSError, ValueError) as exc:
                    raise StateError(f"cannot read state file {self.path}: {exc}") from None
                self.doc = self._normalize(doc)
            else:
                self.doc = self.empty()
            self.save()

    # ------------------------------------------------------------------ document
    def empty(self) -> dict:
        return self._normalize({})

    def _normalize(self, doc: dict) -> dict:
        if not isinstance(doc, dict):
            raise StateError("state must be a JSON object")
        version = doc.get("version", STATE_VERSION)
        if version != STATE_VERSION:
            raise StateError(f"unsupported state version {version!r} (expected {STATE_VERSION})")
        doc["version"] = STATE_VERSION
        server = doc.setdefault("server", {})
        if not isinstance(server, dict):
            raise StateError("state.server must be an object")
        server.setdefault("system_admins", [])
        product = server.setdefault("product", {})
        for key, value in DEFAULT_PRODUCT.items():
            product.setdefault(key, value)
        defaults = server.setdefault("domain_defaults", {})
        for key, value in self._domain_defaults().items():
            defaults.setdefault(key, value)
        server.setdefault("forwarding_blocks", [])
        server.setdefault(
            "next_forwarding_block_id", max([b.get("block_id", 0) for b in server["forwarding_blocks"]] + [0]) + 1
        )
        server.setdefault("mx_verified", [])
        server.setdefault("deleted_domains", [])
        domains = doc.setdefault("domains", {})
        if not isinstance(domains, dict):
            raise StateError("state.domains must be an object keyed by domain name")
        for key in list(domains):
            dom = domains[key]
            if not isinstance(dom, dict):
                raise StateError(f"state.domains[{key!r}] must be an object")
            dom.setdefault("name", key)
            if key != key.lower():
                domains[key.lower()] = domains.pop(key)
            dom.setdefault("path", "")
            dom.setdefault("primary_admin", "")
            dom.setdefault("max_mailbox_size_mb", 0)
            dom.setdefault("show_stats_menu", False)
            settings = dom.setdefault("settings", {})
            for skey, svalue in self._domain_settings().items():
                settings.setdefault(skey, svalue)
            users = dom.setdefault("users", {})
            for ukey in list(users):
                user = users[ukey]
                user.setdefault("username", ukey)
                user.setdefault("password", "")
                user.setdefault("first_name", "")
                user.setdefault("last_name", "")
                user.setdefault("is_domain_admin", False)
                user.setdefault("settings", {})
                if ukey != ukey.lower():
                    users[ukey.lower()] = users.pop(ukey)
            aliases = dom.setdefault("aliases", {})
            for akey in list(aliases):
                aliases[akey].setdefault("name", akey)
                aliases[akey].setdefault("addresses", [])
                if akey != akey.lower():
                    aliases[akey.lower()] = aliases.pop(akey)
            dom.setdefault("domain_aliases", [])
            dom.setdefault("mailing_lists", {})
            dom.setdefault("dkim", None)
            dom.setdefault("domainkeys", None)
            dom.setdefault("archive_rule", None)
        self._ensure_admin(doc)
        return doc

    def _ensure_admin(self, doc: dict) -> None:
        admins = doc["server"]["system_admins"]
        for admin in admins:
            if admin.get("username", "").lower() == self.admin_user.lower():
                admin["password"] = self.admin_password
                admin["primary"] = True
                return
        admins.insert(0, {"username": self.admin_user, "password": self.admin_password, "primary": True})

    # --------------------------------------------------------------- persistence
    def save(self) -> None:
        """Write the document atomically: temp file in the same directory, fsync, os.replace."""
        with self.lock:
            data = json.dumps(self.doc, indent=1, ensure_ascii=False)
            directory = os.path.dirname(self.path) or "."
            os.makedirs(directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".emulator-state-", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            try:
                dfd = os.open(directory, os.O_RDONLY)
                try:
                    os.fsync(dfd)
                finally:
                    os.close(dfd)
            except OSError:
                pass
            self._last_saved = data

    def rollback(self) -> None:
        """Drop in-memory changes made since the last save (after a handler crashed)."""
        with self.lock:
            if self._last_saved is not None:
                self.doc = json.loads(self._last_saved)

    def reset(self, doc: dict | None = None) -> None:
        with self.lock:
            self.doc = self._normalize(copy.deepcopy(doc)) if doc is not None else self.empty()
            self.save()

    def snapshot(self) -> dict:
        with self.lock:
            return json.loads(json.dumps(self.doc))

    # ------------------------------------------------------------------ helpers
    @property
    def server(self) -> dict:
        return self.doc["server"]

    @property
    def domains(self) -> dict:
        return self.doc["domains"]

    def domain(self, name: str | None) -> dict | None:
        if not name:
            return None
        return self.doc["domains"].get(name.strip().lower())
