# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Estate tasks: a list form whose entries name their own scope (a SmarterMail domain).

One task covers many domains. Its entries are grouped by domain and every group is validated
before any call to the server, as the task of that one domain would be. The groups are then read
and planned, ``parallel_reads`` at a time, each reader over a connection of its own. Then they are
written one domain after the other, in the order of the domains' names, with the task's connection.
A failed write stops the task and names every write applied before it, in every domain.

The result merges the groups: each object carries its domain, the summaries (``created`` ...)
and the diff (only the objects that change) name objects as ``name@domain``, and ``by_domain`` holds each domain's ``changed`` and
``changes``. ``domains`` names domains the task covers with no entry (purged with ``purge``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine

# how many domains an estate task reads at once by default, and at most
PARALLEL_READS = 4
MAX_PARALLEL_READS = 16


def per_object(resource_class):
    """Whether each entry of the list form is the task of one object (the scope is the entry's key:
    ``smartermail_domain``'s ``domains``), rather than one of the objects of a scope."""
    return bool(resource_class.scope_is_key)


def spans(resource_class, params):
    """Whether the task is an estate task: an entry of its list form names its own scope."""
    scope, listed = resource_class.scope_option, resource_class.list_option
    entries = params.get(listed) if scope and listed else None
    if not isinstance(entries, list):
        return False
    if per_object(resource_class):
        return True
    return bool(params.get(scope + "s")) or any(isinstance(e, dict) and e.get(scope) not in (None, "")
                                                for e in entries)


def _parallel_errors(params):
    parallel = params.get("parallel_reads")
    if parallel is not None and not 1 <= parallel <= MAX_PARALLEL_READS:
        return ["parallel_reads must be from 1 to %d, got %r" % (MAX_PARALLEL_READS, parallel)]
    return []


def single(params, listed, **options):
    """The params of one object's task made from a list form's ``params``."""
    task = dict(params, purge=False, keep=[])
    task[listed] = None
    task.update(options)
    return task


def object_tasks(resource_class, params):
    """[(key, the params of that object's task)] of a list whose entries are tasks, sorted by key, and
    the ``keep`` keys; ``InputError`` (no call made) for an entry listed twice or an invalid ``keep``."""
    listed, item = resource_class.list_option, resource_class.item
    errors, found, keep = _parallel_errors(params), {}, set()
    for index, entry in enumerate(params.get(listed) or []):
        given = entry.get(resource_class.scope_option)
        key = resource_class.scope_key(given) or "%s" % (given or "")
        if key in found:
            errors.append("%s[%d]: %s %s is listed more than once" % (listed, index, item, key))
        found[key] = single(params, listed, **entry)
    probe = resource_class(single(params, listed))
    for text in params.get("keep") or []:
        key = probe.normalize_key(text)
        if key is None:
            errors.append("keep entry %r cannot match any %s: it is not a valid name" % (text, item))
        keep.add(key)
    if errors:
        raise engine.InputError(errors)
    return sorted(found.items()), keep


def groups(resource_class, params):
    """[(scope key, the params of that scope's task)], sorted by scope; ``InputError`` (no call made)
    when an entry has no scope or a ``keep`` entry names a scope no entry names."""
    scope, listed, item = resource_class.scope_option, resource_class.list_option, resource_class.item
    errors, raw, members = _parallel_errors(params), {}, {}
    top = params.get(scope)
    # the top-level scope and those listed (``domains``): covered even with no entry
    for index, given in enumerate([top] + list(params.get(scope + "s") or [])):
        if given in (None, "") and index:
            errors.append("%ss[%d] is empty" % (scope, index - 1))
        elif given not in (None, ""):
            key = resource_class.scope_key(given) or given
            raw.setdefault(key, given)
            members.setdefault(key, [])
    for index, entry in enumerate(params.get(listed) or []):
        given = entry.get(scope)
        given = top if given in (None, "") else given
        if given in (None, ""):
            errors.append("%s[%d] (%s %s) names no %s: give %s in the entry or at the top level"
                          % (listed, index, item, entry.get(resource_class.key_option or "name"), scope, scope))
            continue
        key = resource_class.scope_key(given) or given
        raw.setdefault(key, given)
        members.setdefault(key, []).append(dict((k, v) for k, v in entry.items() if k != scope))
    keeps = dict((key, []) for key in members)
    for text in params.get("keep") or []:
        name, at, where = ("%s" % text).rpartition("@")
        if not at:
            for kept in keeps.values():
                kept.append(text)
            continue
        key = resource_class.scope_key(where)
        if key not in keeps:
            errors.append("keep entry %r names %s %s, which no entry of %s names (an estate task purges only "
                          "the %ss its entries name)" % (text, scope, where, listed, scope))
        else:
            keeps[key].append(text)
    if errors:
        raise engine.InputError(errors)
    out = []
    for key in sorted(members):
        task = dict(params, keep=keeps[key])
        task[scope], task[listed] = raw[key], members[key]
        out.append((key, task))
    return out


def validate(resources, scopes):
    """The entries of each scope's resource; ``InputError`` naming the scope of every problem."""
    found, errors = [], []
    for scope, resource in zip(scopes, resources):
        try:
            found.append(engine.validate(resource))
        except engine.InputError as exc:
            errors.extend("%s: %s" % (scope, e) for e in exc.errors)
    if errors:
        raise engine.InputError(errors)
    return found


def prepare(resources, entries, client, connect, check_mode, workers):
    """Every scope read and planned: [Outcome], in the order of ``resources``. With more than one
    worker, each reads over the client ``connect()`` gives it: one of its own (closed when all are
    done), or ``client`` itself when that one may be shared."""
    if workers <= 1 or len(resources) <= 1:
        return [engine.prepare(r, client, e, check_mode) for r, e in zip(resources, entries)]
    local, made, lock = threading.local(), [], threading.Lock()

    def own_client():
        if getattr(local, "client", None) is None:
            local.client = connect()
            with lock:
                made.append(local.client)
        return local.client

    def one(pair):
        return engine.prepare(pair[0], own_client(), pair[1], check_mode)

    try:
        with ThreadPoolExecutor(max_workers=min(workers, len(resources))) as pool:
            return list(pool.map(one, list(zip(resources, entries))))
    finally:
        for other in made:
            close = getattr(other, "close", None) if other is not client else None
            if close is not None:
                close()


def apply(resources, outcomes, client, check_mode, diff_mode):
    """Each scope's plan applied in turn: [result]. ``ApplyError`` names the writes of every scope
    applied before the failed one."""
    results, applied = [], []
    for resource, outcome in zip(resources, outcomes):
        try:
            result = engine.finish(resource, client, outcome, check_mode, diff_mode)
        except engine.ApplyError as exc:
            raise engine.ApplyError(exc.error, applied + list(exc.applied))
        if not check_mode:
            applied.extend(result.get("changes") or [])
        results.append(result)
    return results


def changed_diff(items, before, after):
    """The diff of a task of many domains: only the objects it changes (or would), so that a drift report
    of a whole estate shows the drift, not every object of every domain."""
    keys = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    return engine.diff({items: dict((k, before[k]) for k in keys if k in before)},
                       {items: dict((k, after[k]) for k in keys if k in after)})


def _named(key, scope):
    return "%s@%s" % (key, scope)


def merge(resource_class, scopes, results):
    """One result from each scope's: objects with their scope, summaries and diff by ``name@scope``."""
    scope_option, items = resource_class.scope_option, resource_class.items
    merged = {items: [], "changed": False, "by_domain": {}}
    before, after = {}, {}
    for scope, result in zip(scopes, results):
        for obj in result.get(items) or []:
            merged[items].append(dict(obj, **{scope_option: scope}))
        for name, value in result.items():
            if name in (items, "changed", "diff", "warnings", "changes", "api"):
                continue
            if isinstance(value, list):
                merged.setdefault(name, []).extend(_named(k, scope) if isinstance(k, str) else k for k in value)
            else:
                merged.setdefault(name, {})[scope] = value
        merged["changed"] = merged["changed"] or bool(result.get("changed"))
        merged["by_domain"][scope] = dict((k, v) for k, v in result.items() if k in ("changed", "changes"))
        for side, into in (("before", before), ("after", after)):
            objects = ((result.get("diff") or {}).get(side) or {}).get(items) or {}
            into.update((_named(k, scope), dict(v, **{scope_option: scope})) for k, v in objects.items())
        for name in ("changes", "warnings"):
            merged.setdefault(name, []).extend(result.get(name) or [])
    if results and "diff" in results[0]:
        merged["diff"] = changed_diff(items, before, after)
    for name in ("changes", "warnings"):
        if not merged[name]:
            del merged[name]
    if "warnings" in merged:
        # a warning each domain's task gives alike (the API chosen) is given once
        merged["warnings"] = sorted(set(merged["warnings"]), key=merged["warnings"].index)
    return merged


def merge_objects(resource_class, keys, results, outcomes):
    """One result from the tasks of single objects: the objects, the summaries from each plan, the diff
    and ``by_domain`` by key."""
    items, item = resource_class.items, resource_class.result_item or resource_class.item
    merged = {items: [], "changed": False, "by_domain": {}}
    names = dict(resource_class.outcomes)
    for name in names.values():
        merged[name] = []
    before, after, changes, warnings = {}, {}, [], []
    for key, result, outcome in zip(keys, results, outcomes):
        if result.get(item):
            merged[items].append(result[item])
        for name, found in outcome.summary.items():
            merged.setdefault(names.get(name, name), []).extend(found)
        merged["changed"] = merged["changed"] or bool(result.get("changed"))
        # the task's own result keys (a DKIM key's DNS record) with its outcome
        merged["by_domain"][key] = dict((k, v) for k, v in result.items() if k not in (item, "diff", "warnings"))
        diff = result.get("diff") or {}
        if diff.get("before"):
            before[key] = diff["before"]
        if diff.get("after"):
            after[key] = diff["after"]
        changes.extend(result.get("changes") or [])
        warnings.extend(w for w in result.get("warnings") or [] if w not in warnings)
    if results and "diff" in results[0]:
        merged["diff"] = changed_diff(items, before, after)
    if changes:
        merged["changes"] = changes
    if warnings:
        merged["warnings"] = warnings
    return merged
