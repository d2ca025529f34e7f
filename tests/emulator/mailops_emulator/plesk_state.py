# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plesk SpamAssassin state, kept under the top-level ``"plesk"`` key of the shared JSON state.

Layout (documented in tests/emulator/README.md)::

    "plesk": {
      "installed": true,                 # false: every <spamfilter> result is errcode 1026
      "mailboxes": ["x@example.com"],    # mailboxes seeded through /__emulator__/plesk/mailboxes
      "api_keys": [],                    # secret keys accepted in the KEY header (besides --plesk-api-key)
      "next_id": 2,
      "filters": {
        "admin": {"id": 1, "enabled": true,
                  "preferences": {"personal": true, "max-children-process": 5,
                                  "use-server-wide-settings": true, "required-score": "7",
                                  "rewrite-header": "*****SPAM*****"},
                  "lists": {"black": [], "white": []}},
        "<mailbox lower-case>": {"id": 2, "enabled": false,
                  "preferences": {"use-server-wide-settings": true, "required-score": "7",
                                  "rewrite-header": "*****SPAM*****", "action": "mark"},
                  "lists": {"black": [], "white": [], "unblack": [], "unwhite": []}}
      }
    }

The mailboxes Plesk knows are the SmarterMail users (``user@domain`` for every user of every
domain in the same state) plus the seeded ones. A filter record is created the first time a
known mailbox is addressed, with the defaults below.
"""

from __future__ import annotations

import copy

ADMIN = "admin"
# <preferences> children, in the schema's order.
PREFERENCE_ORDER = (
    "personal", "max-children-process", "use-server-wide-settings", "required-score", "rewrite-header", "action",
)
BOOLEAN_PREFERENCES = ("personal", "use-server-wide-settings")
# Plesk's documentation: personal and max-children-process are server (administrator) preferences,
# action is a mailbox owner's preference; the other three are common to both.
ADMIN_PREFERENCES = ("personal", "max-children-process", "use-server-wide-settings", "required-score", "rewrite-header")
MAILBOX_PREFERENCES = ("use-server-wide-settings", "required-score", "rewrite-header", "action")
LISTS = ("black", "white", "unblack", "unwhite")
ADMIN_LISTS = ("black", "white")
MAILBOX_LISTS = LISTS
ACTIONS = ("mark", "delete", "move")
MAX_CHILDREN = (1, 5)

ADMIN_DEFAULTS = {
    "enabled": True,
    "preferences": {
        "personal": True,
        "max-children-process": 5,
        "use-server-wide-settings": True,
        "required-score": "7",
        "rewrite-header": "*****SPAM*****",
    },
}
MAILBOX_DEFAULTS = {
    "enabled": False,
    "preferences": {
        "use-server-wide-settings": True,
        "required-score": "7",
        "rewrite-header": "*****SPAM*****",
        "action": "mark",
    },
}


def section(doc: dict) -> dict:
    """The ``plesk`` section of the state document, completed with its defaults (in place)."""
    plesk = doc.get("plesk")
    if not isinstance(plesk, dict):
        plesk = doc["plesk"] = {}
    plesk.setdefault("installed", True)
    plesk["mailboxes"] = sorted({str(m).strip().lower() for m in plesk.get("mailboxes") or [] if str(m).strip()})
    plesk.setdefault("api_keys", [])
    filters = plesk.setdefault("filters", {})
    for key in list(filters):
        if key != key.lower():
            filters[key.lower()] = filters.pop(key)
    highest = max([int(f.get("id") or 0) for f in filters.values()] + [1])
    plesk["next_id"] = max(int(plesk.get("next_id") or 0), highest + 1)
    for key, record in filters.items():
        _complete(key, record, plesk)
    return plesk


def _complete(key: str, record: dict, plesk: dict) -> None:
    defaults = ADMIN_DEFAULTS if key == ADMIN else MAILBOX_DEFAULTS
    if not record.get("id"):
        record["id"] = 1 if key == ADMIN else _next_id(plesk)
    record.setdefault("enabled", defaults["enabled"])
    prefs = record.setdefault("preferences", {})
    for name, value in defaults["preferences"].items():
        prefs.setdefault(name, value)
    lists = record.setdefault("lists", {})
    for name in (ADMIN_LISTS if key == ADMIN else MAILBOX_LISTS):
        lists.setdefault(name, [])


def _next_id(plesk: dict) -> int:
    value = int(plesk.get("next_id") or 2)
    plesk["next_id"] = value + 1
    return value


def smartermail_mailboxes(doc: dict) -> set[str]:
    out = set()
    for dom_key, dom in (doc.get("domains") or {}).items():
        name = str(dom.get("name") or dom_key).lower()
        for user_key, user in (dom.get("users") or {}).items():
            out.add(f"{str(user.get('username') or user_key).lower()}@{name}")
    return out


def known_mailboxes(doc: dict) -> list[str]:
    plesk = section(doc)
    return sorted(smartermail_mailboxes(doc) | set(plesk["mailboxes"]))


def is_known(doc: dict, address: str) -> bool:
    address = address.strip().lower()
    return address in section(doc)["mailboxes"] or address in smartermail_mailboxes(doc)


def record(doc: dict, key: str) -> tuple[dict, bool]:
    """The filter record of ``key`` (``admin`` or a mailbox), created if missing: (record, created)."""
    plesk = section(doc)
    key = key.strip().lower()
    filters = plesk["filters"]
    if key in filters:
        return filters[key], False
    new = copy.deepcopy(ADMIN_DEFAULTS if key == ADMIN else MAILBOX_DEFAULTS)
    new["lists"] = {}
    new["id"] = 1 if key == ADMIN else _next_id(plesk)
    _complete(key, new, plesk)
    filters[key] = new
    return new, True


def by_id(doc: dict, ident: int) -> tuple[str, dict] | None:
    plesk = section(doc)
    if ident == 1:
        rec = record(doc, ADMIN)[0]
        return ADMIN, rec
    for key, rec in plesk["filters"].items():
        if int(rec.get("id") or 0) == ident:
            return key, rec
    return None
