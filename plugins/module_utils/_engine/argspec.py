# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Argument specs as mergeable objects: a module's spec is its own options merged with the
connection options of its backend, in one place both the module and a controller-side action
can read."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.runner import BACKENDS

_RULES = ("mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")


class ArgumentSpec:
    """Options plus the rules between them; ``merge`` combines two specs into a new one."""

    def __init__(self, argument_spec=None, **rules):
        unknown = set(rules) - set(_RULES)
        if unknown:
            raise ValueError("unknown argument spec rule(s): %s" % ", ".join(sorted(unknown)))
        self.argument_spec = dict(argument_spec or {})
        self.rules = dict((name, list(rules.get(name) or [])) for name in _RULES if name != "required_by")
        self.rules["required_by"] = dict(rules.get("required_by") or {})

    def merge(self, other):
        spec = ArgumentSpec(self.argument_spec)
        spec.argument_spec.update(other.argument_spec)
        for name in _RULES:
            if name == "required_by":
                spec.rules[name] = dict(self.rules[name], **other.rules[name])
            else:
                spec.rules[name] = self.rules[name] + other.rules[name]
        return spec

    def to_kwargs(self):
        """Keyword arguments for AnsibleModule (and ArgumentSpecValidator)."""
        kwargs = dict(argument_spec=self.argument_spec)
        kwargs.update((name, value) for name, value in self.rules.items() if value)
        return kwargs


def connection_spec(backend):
    """The connection options of ``backend`` ("smartermail" or "plesk"), each with its env fallback."""
    env_names = BACKENDS[backend].ENV

    def env(name):
        return (env_fallback, [env_names[name]])

    options = dict(
        url=dict(type="str", fallback=env("url")),
        username=dict(type="str", fallback=env("username")),
        password=dict(type="str", no_log=True, fallback=env("password")),
        validate_certs=dict(type="bool", default=True, fallback=env("validate_certs")),
        ca_path=dict(type="path", fallback=env("ca_path")),
        timeout=dict(type="int", default=30, fallback=env("timeout")),
        retries=dict(type="int", default=3, fallback=env("retries")),
    )
    if "api" in env_names:
        options["api"] = dict(type="str", choices=["auto", "soap", "json"], default="auto", fallback=env("api"))
    if "api_key" in env_names:
        options["api_key"] = dict(type="str", no_log=True, fallback=env("api_key"))
    return ArgumentSpec(options)


def bulk_spec(item="object"):
    """``purge`` and ``keep`` of a module with a collection form."""
    return ArgumentSpec(dict(
        purge=dict(type="bool", default=False),
        keep=dict(type="list", elements="str", default=[], no_log=False),
    ))


def entry_forms(list_option, entry, exclude=(), strict=True, key="name", inherited=(), bulk=True):
    """The two forms of a resource that has a list form, from its entry's options.

    One object: the entry's options at the top level (``key`` not required there; ``exclude``
    names entry options the top level spells otherwise). Many: ``list_option`` holding entries.
    Exactly one of ``key`` and ``list_option`` is given, and (``strict``, the default) no other
    top-level entry option goes with the list: it would apply to no entry, so it is an input error
    instead of being ignored. ``state`` stays allowed beside the list (its default is always
    there), as do ``purge`` and ``keep``, which come with the list form (an entry may have its own).
    ``strict=False`` is for a resource whose top-level entry options are documented as applying to
    the listed entries too. ``inherited`` entry options stay allowed beside the list too: an entry
    that leaves one unset takes the top level's value.
    """
    top = {}
    for name, option in entry.items():
        if name not in exclude:
            top[name] = dict((k, v) for k, v in option.items() if k != "required")
    top[list_option] = dict(type="list", elements="dict", options=entry)
    exclusive = [(key, list_option)]
    if strict:
        shared = (key, list_option, "state", "purge", "keep") + tuple(inherited)
        exclusive += [(list_option, name) for name in sorted(top) if name not in shared]
    spec = ArgumentSpec(top, mutually_exclusive=exclusive, required_one_of=[(key, list_option)])
    return spec.merge(bulk_spec()) if bulk else spec


def module_spec(resource_class):
    """The whole spec of a resource's module: connection options merged with its own."""
    return connection_spec(resource_class.backend).merge(resource_class.argument_spec)
