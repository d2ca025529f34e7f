# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""svcMailListAdmin: mailing lists of a domain, their subscribers, digest subscribers, poster
white/kill lists, settings, the domain's list command address and subscriber fields.

State: ``domains[d]["mailing_lists"][name]`` = ``{"name", "settings": {...typed},
"subscribers": [...], "digest_subscribers": [...], "poster_whitelist": [...],
"poster_killlist": [...]}``; the domain's default subscriber fields in
``domains[d]["subscriber_fields"]`` (name -> default value) and per-subscriber values in
``domains[d]["subscriber_field_values"]`` (address lower-case -> {field: value}).

Rules emulated:
- List names are stored lower-case (bare or ``list@domain``); a list name may not be taken by a
  user, an alias or the list command address (-4); ``maxlists`` (MaxLists, 0 = unlimited) is
  enforced on add (-5).
- The moderator must be a user of the domain (-3 otherwise); it is the ``moderator`` setting.
  AddList's Description is the ``description`` setting.
- Settings are ``key=value`` over the catalog's ``mailing_list`` keys (booleans ``True``/``False``;
  ``whocanpost`` one of anyone/subscribersonly/moderatoronly; ``maxmessagesize`` KB; unknown key or
  bad value: -2, nothing applied).
- Subscribers, digest subscribers and poster lists hold valid e-mail addresses without duplicates
  (case-insensitive, first spelling kept). AddSubscriber/AddDigestSubscriber of a present address
  is -4, Remove* of an absent one -3; AddSubscriber2 adds those not yet subscribed; the Set*
  operations replace the whole list (an invalid address: -2, nothing applied). The deprecated
  SetSubscriberList/SetDigestSubscriberList behave as their ``2`` versions.
- The list command address is the domain setting ``listcommandaddress`` (a local part not used
  by a user, alias or list).
- Subscriber fields: default fields are per domain (names unique case-insensitively, -4/-3);
  UpdateSubscriberField needs an existing default field and an address subscribed (SubscriberType
  ``all``, ``subscriber`` or ``digest``) to a list of the domain; GetSubscriberFields returns the
  defaults overlaid with the subscriber's values. Deleting a default field drops its values.
- Domain administrators may call every operation for their own domain while ``showlistmenu`` is
  on (-20 otherwise).
"""

from __future__ import annotations

from ..registry import operation
from ..results import ALREADY_EXISTS, INVALID_INPUT, LIMIT_REACHED, NO_PERMISSION, NOT_FOUND, Fail
from ..settings import SettingError, SettingsModel
from ..validate import is_email, is_local_part
from ._common import count_limit, domain_or_fail, local_part

SVC = "svcMailListAdmin"

LIST_SETTINGS: dict[str, tuple[object, object]] = {
    "description": ("str", ""),
    "disabled": ("bool", False),
    "moderator": ("str", ""),
    "password": ("str", ""),
    "whocanpost": (("anyone", "subscribersonly", "moderatoronly"), "anyone"),
    "subject": ("str", ""),
    "prependsubject": ("bool", False),
    "maxmessagesize": ("int", 0),
    "replytolist": ("bool", False),
    "digestmode": ("bool", False),
    "sendsubscribe": ("bool", True),
    "sendunsubscribe": ("bool", True),
    "allowunsubscribe": ("bool", True),
    "disablelistcommand": ("bool", False),
    "disablesubscribecommand": ("bool", False),
    "enableheader": ("bool", False),
    "enablefooter": ("bool", False),
    "enableposterwhitelist": ("bool", False),
    "enabledoubleoptin": ("bool", False),
    "disablelisterrorreplies": ("bool", False),
    "listtoaddress": ("str", ""),
    "listfromaddress": ("str", ""),
    "listreplytoaddress": ("str", ""),
}
ADDRESS_KEYS = ("listtoaddress", "listfromaddress", "listreplytoaddress")
SUBSCRIBER_TYPES = ("all", "subscriber", "digest")


def list_model(ctx) -> SettingsModel:
    model = getattr(ctx.emulator, "_list_settings_model", None)
    if model is None:
        model = SettingsModel(ctx.catalog.settings_keys.get("mailing_list", []), LIST_SETTINGS)
        ctx.emulator._list_settings_model = model
    return model


# ----------------------------------------------------------------------------- helpers
def _domain(ctx, p) -> dict:
    domain = domain_or_fail(ctx, p.get("DomainName"))
    if (
        ctx.principal is not None
        and ctx.principal.role == "domain"
        and not domain["settings"].get("showlistmenu", True)
    ):
        raise Fail(NO_PERMISSION, f"Domain administrators of '{domain['name']}' may not manage mailing lists.")
    domain.setdefault("subscriber_fields", {})
    domain.setdefault("subscriber_field_values", {})
    return domain


def _list_name(ctx, domain: dict, raw) -> str:
    name = local_part(ctx, domain, raw, "mailing list")
    if not is_local_part(name):
        raise Fail(INVALID_INPUT, f"Invalid mailing list name: '{name}'.")
    return name.lower()


def _mlist(ctx, domain: dict, raw) -> dict:
    name = _list_name(ctx, domain, raw)
    mlist = domain["mailing_lists"].get(name)
    if mlist is None:
        raise Fail(NOT_FOUND, f"Mailing list '{name}' does not exist in domain '{domain['name']}'.")
    for key in ("subscribers", "digest_subscribers", "poster_whitelist", "poster_killlist"):
        mlist.setdefault(key, [])
    mlist.setdefault("settings", {})
    mlist.setdefault("name", name)
    return mlist


def _moderator(ctx, domain: dict, raw) -> str:
    name = local_part(ctx, domain, raw, "moderator").lower()
    if not name:
        raise Fail(INVALID_INPUT, "A moderator is required.")
    if name not in domain["users"]:
        raise Fail(NOT_FOUND, f"Moderator '{name}' is not a user of domain '{domain['name']}'.")
    return name


def _address(raw) -> str:
    address = (raw or "").strip()
    if not is_email(address):
        raise Fail(INVALID_INPUT, f"Invalid email address: '{address}'.")
    return address


def _addresses(values) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for raw in values or []:
        if raw is None or not raw.strip():
            continue
        address = _address(raw)
        if address.lower() not in seen:
            seen.add(address.lower())
            out.append(address)
    return out


def _has(items: list[str], address: str) -> bool:
    return address.lower() in (i.lower() for i in items)


def _add_one(mlist: dict, key: str, raw, what: str) -> None:
    address = _address(raw)
    if _has(mlist[key], address):
        raise Fail(ALREADY_EXISTS, f"'{address}' is already a {what} of list '{mlist['name']}'.")
    mlist[key].append(address)


def _remove_one(mlist: dict, key: str, raw, what: str) -> None:
    address = _address(raw)
    if not _has(mlist[key], address):
        raise Fail(NOT_FOUND, f"'{address}' is not a {what} of list '{mlist['name']}'.")
    mlist[key] = [i for i in mlist[key] if i.lower() != address.lower()]


def _check_values(ctx, domain: dict, values: dict) -> None:
    if "moderator" in values:
        values["moderator"] = _moderator(ctx, domain, values["moderator"])
    for key in ADDRESS_KEYS:
        if values.get(key) and not is_email(values[key]):
            raise Fail(INVALID_INPUT, f"Invalid value '{values[key]}' for setting '{key}': expected an email address.")


# --------------------------------------------------------------------------- lists
@operation(SVC, "AddList", domain_param="DomainName")
def add_list(ctx, p):
    domain = _domain(ctx, p)
    name = _list_name(ctx, domain, p.get("ListName"))
    if name in domain["mailing_lists"]:
        raise Fail(ALREADY_EXISTS, f"Mailing list '{name}' already exists in domain '{domain['name']}'.")
    if name in domain["users"]:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by a user of domain '{domain['name']}'.")
    if name in domain["aliases"]:
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by an alias of domain '{domain['name']}'.")
    if name == (domain["settings"].get("listcommandaddress") or "").lower():
        raise Fail(ALREADY_EXISTS, f"The name '{name}' is the list command address of domain '{domain['name']}'.")
    limit = count_limit(domain["settings"].get("maxlists", 0))
    if limit and len(domain["mailing_lists"]) >= limit:
        raise Fail(
            LIMIT_REACHED, f"Domain '{domain['name']}' has reached its maximum number of mailing lists ({limit})."
        )
    settings = list_model(ctx).defaults()
    settings["moderator"] = _moderator(ctx, domain, p.get("Moderator"))
    settings["description"] = p.get("Description") or ""
    domain["mailing_lists"][name] = {
        "name": name,
        "settings": settings,
        "subscribers": [],
        "digest_subscribers": [],
        "poster_whitelist": [],
        "poster_killlist": [],
    }
    return {}


@operation(SVC, "DeleteList", domain_param="DomainName")
def delete_list(ctx, p):
    domain = _domain(ctx, p)
    del domain["mailing_lists"][_mlist(ctx, domain, p.get("ListName"))["name"]]
    return {}


@operation(SVC, "DeleteAllLists", domain_param="DomainName")
def delete_all_lists(ctx, p):
    domain = _domain(ctx, p)
    domain["mailing_lists"].clear()
    return {}


@operation(SVC, "GetMailingListsByDomain", domain_param="DomainName")
def get_mailing_lists_by_domain(ctx, p):
    domain = _domain(ctx, p)
    return {"listNames": sorted(domain["mailing_lists"])}


# ------------------------------------------------------------------------ settings
@operation(SVC, "GetRequestedListSettings", domain_param="DomainName")
def get_requested_list_settings(ctx, p):
    domain = _domain(ctx, p)
    mlist = _mlist(ctx, domain, p.get("ListName"))
    keys = [k for k in (p.get("requestedSettings") or []) if k is not None and k.strip()]
    try:
        return {"settingValues": list_model(ctx).format_pairs(mlist["settings"], keys)}
    except SettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None


@operation(SVC, "SetRequestedListSettings", domain_param="DomainName")
def set_requested_list_settings(ctx, p):
    domain = _domain(ctx, p)
    mlist = _mlist(ctx, domain, p.get("ListName"))
    try:
        values = list_model(ctx).parse_pairs(p.get("newSettings"))
    except SettingError as exc:
        raise Fail(INVALID_INPUT, str(exc)) from None
    _check_values(ctx, domain, values)
    mlist["settings"].update(values)
    return {}


@operation(SVC, "GetListCommandAddress", domain_param="DomainName")
def get_list_command_address(ctx, p):
    domain = _domain(ctx, p)
    return {"commandAddress": domain["settings"].get("listcommandaddress") or ""}


@operation(SVC, "SetListCommandAddress", domain_param="DomainName")
def set_list_command_address(ctx, p):
    domain = _domain(ctx, p)
    name = local_part(ctx, domain, p.get("commandAddress"), "list command address")
    if not is_local_part(name):
        raise Fail(INVALID_INPUT, f"Invalid list command address: '{name}'.")
    name = name.lower()
    for what, names in (
        ("user", domain["users"]),
        ("alias", domain["aliases"]),
        ("mailing list", domain["mailing_lists"]),
    ):
        if name in names:
            raise Fail(ALREADY_EXISTS, f"The name '{name}' is already used by a {what} of domain '{domain['name']}'.")
    domain["settings"]["listcommandaddress"] = name
    return {}


# --------------------------------------------------------------------- subscribers
@operation(SVC, "AddSubscriber", domain_param="DomainName")
def add_subscriber(ctx, p):
    mlist = _mlist(ctx, _domain(ctx, p), p.get("ListName"))
    _add_one(mlist, "subscribers", p.get("Subscriber"), "subscriber")
    return {}


@operation(SVC, "AddSubscriber2", domain_param="DomainName")
def add_subscriber2(ctx, p):
    mlist = _mlist(ctx, _domain(ctx, p), p.get("ListName"))
    present = {i.lower() for i in mlist["subscribers"]}  # one pass: lists of 10,000 addresses stay fast
    for address in _addresses(p.get("Subscribers")):
        if address.lower() not in present:
            present.add(address.lower())
            mlist["subscribers"].append(address)
    return {}


@operation(SVC, "RemoveSubscriber", domain_param="DomainName")
def remove_subscriber(ctx, p):
    mlist = _mlist(ctx, _domain(ctx, p), p.get("ListName"))
    _remove_one(mlist, "subscribers", p.get("Subscriber"), "subscriber")
    return {}


@operation(SVC, "GetSubscriberList", domain_param="DomainName")
def get_subscriber_list(ctx, p):
    return {"Subscribers": list(_mlist(ctx, _domain(ctx, p), p.get("ListName"))["subscribers"])}


def _set(ctx, p, key: str) -> dict:
    mlist = _mlist(ctx, _domain(ctx, p), p.get("ListName"))
    mlist[key] = _addresses(p.get("Subscribers"))
    return {}


@operation(SVC, "SetSubscriberList", domain_param="DomainName")
def set_subscriber_list(ctx, p):
    return _set(ctx, p, "subscribers")


@operation(SVC, "SetSubscriberList2", domain_param="DomainName")
def set_subscriber_list2(ctx, p):
    return _set(ctx, p, "subscribers")


@operation(SVC, "AddDigestSubscriber", domain_param="DomainName")
def add_digest_subscriber(ctx, p):
    mlist = _mlist(ctx, _domain(ctx, p), p.get("ListName"))
    _add_one(mlist, "digest_subscribers", p.get("Subscriber"), "digest subscriber")
    return {}


@operation(SVC, "RemoveDigestSubscriber", domain_param="DomainName")
def remove_digest_subscriber(ctx, p):
    mlist = _mlist(ctx, _domain(ctx, p), p.get("ListName"))
    _remove_one(mlist, "digest_subscribers", p.get("Subscriber"), "digest subscriber")
    return {}


@operation(SVC, "GetDigestSubscriberList", domain_param="DomainName")
def get_digest_subscriber_list(ctx, p):
    return {"Subscribers": list(_mlist(ctx, _domain(ctx, p), p.get("ListName"))["digest_subscribers"])}


@operation(SVC, "SetDigestSubscriberList", domain_param="DomainName")
def set_digest_subscriber_list(ctx, p):
    return _set(ctx, p, "digest_subscribers")


@operation(SVC, "SetDigestSubscriberList2", domain_param="DomainName")
def set_digest_subscriber_list2(ctx, p):
    return _set(ctx, p, "digest_subscribers")


# -------------------------------------------------------------------- poster lists
@operation(SVC, "GetPosterWhiteList", domain_param="DomainName")
def get_poster_white_list(ctx, p):
    return {"Subscribers": list(_mlist(ctx, _domain(ctx, p), p.get("ListName"))["poster_whitelist"])}


@operation(SVC, "SetPosterWhiteList", domain_param="DomainName")
def set_poster_white_list(ctx, p):
    return _set(ctx, p, "poster_whitelist")


@operation(SVC, "GetPosterKillList", domain_param="DomainName")
def get_poster_kill_list(ctx, p):
    return {"Subscribers": list(_mlist(ctx, _domain(ctx, p), p.get("ListName"))["poster_killlist"])}


@operation(SVC, "SetPosterKillList", domain_param="DomainName")
def set_poster_kill_list(ctx, p):
    return _set(ctx, p, "poster_killlist")


# ---------------------------------------------------------------- subscriber fields
def _field_name(raw) -> str:
    name = (raw or "").strip()
    if not name:
        raise Fail(INVALID_INPUT, "A subscriber field name is required.")
    return name


def _find_field(domain: dict, name: str) -> str | None:
    for existing in domain["subscriber_fields"]:
        if existing.lower() == name.lower():
            return existing
    return None


def _existing_field(domain: dict, raw) -> str:
    name = _field_name(raw)
    existing = _find_field(domain, name)
    if existing is None:
        raise Fail(NOT_FOUND, f"Subscriber field '{name}' does not exist in domain '{domain['name']}'.")
    return existing


@operation(SVC, "AddDefaultSubscriberField", domain_param="DomainName")
def add_default_subscriber_field(ctx, p):
    domain = _domain(ctx, p)
    name = _field_name(p.get("SubscriberFieldName"))
    if _find_field(domain, name) is not None:
        raise Fail(ALREADY_EXISTS, f"Subscriber field '{name}' already exists in domain '{domain['name']}'.")
    domain["subscriber_fields"][name] = p.get("SubscriberFieldValue") or ""
    return {}


@operation(SVC, "UpdateDefaultSubscriberField", domain_param="DomainName")
def update_default_subscriber_field(ctx, p):
    domain = _domain(ctx, p)
    name = _existing_field(domain, p.get("SubscriberFieldName"))
    domain["subscriber_fields"][name] = p.get("SubscriberFieldValue") or ""
    return {}


@operation(SVC, "DeleteDefaultSubscriberField", domain_param="DomainName")
def delete_default_subscriber_field(ctx, p):
    domain = _domain(ctx, p)
    name = _existing_field(domain, p.get("SubscriberFieldName"))
    del domain["subscriber_fields"][name]
    for values in domain["subscriber_field_values"].values():
        values.pop(name, None)
    return {}


@operation(SVC, "GetDefaultSubscriberFields", domain_param="DomainName")
def get_default_subscriber_fields(ctx, p):
    domain = _domain(ctx, p)
    fields = [{"Name": k, "Value": v} for k, v in domain["subscriber_fields"].items()]
    return {"Count": len(fields), "SubscriberFields": fields}


def _is_subscribed(domain: dict, address: str, kind: str) -> bool:
    keys = {
        "all": ("subscribers", "digest_subscribers"),
        "subscriber": ("subscribers",),
        "digest": ("digest_subscribers",),
    }
    return any(_has(m.get(key, []), address) for m in domain["mailing_lists"].values() for key in keys[kind])


@operation(SVC, "UpdateSubscriberField", domain_param="DomainName")
def update_subscriber_field(ctx, p):
    domain = _domain(ctx, p)
    address = _address(p.get("SubscriberEmail"))
    kind = (p.get("SubscriberType") or "all").strip().lower()
    if kind not in SUBSCRIBER_TYPES:
        raise Fail(INVALID_INPUT, f"Invalid SubscriberType '{kind}': expected one of {', '.join(SUBSCRIBER_TYPES)}.")
    name = _existing_field(domain, p.get("SubscriberFieldName"))
    if not _is_subscribed(domain, address, kind):
        raise Fail(
            NOT_FOUND,
            f"'{address}' is not a {kind if kind != 'all' else 'subscriber'} of a list of domain '{domain['name']}'.",
        )
    domain["subscriber_field_values"].setdefault(address.lower(), {})[name] = p.get("SubscriberFieldValue") or ""
    return {}


@operation(SVC, "GetSubscriberFields", domain_param="DomainName")
def get_subscriber_fields(ctx, p):
    domain = _domain(ctx, p)
    address = _address(p.get("SubscriberEmail"))
    if not _is_subscribed(domain, address, "all"):
        raise Fail(NOT_FOUND, f"'{address}' is not a subscriber of a list of domain '{domain['name']}'.")
    own = domain["subscriber_field_values"].get(address.lower(), {})
    fields = [{"Name": k, "Value": own.get(k, v)} for k, v in domain["subscriber_fields"].items()]
    return {"Count": len(fields), "SubscriberFields": fields}
