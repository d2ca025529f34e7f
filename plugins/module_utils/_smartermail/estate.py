# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rows of a domain-scoped table whose list entries may name their own domain (an estate task,
``_engine.estate``): the ``domain`` option and ``parallel_reads`` (documented by the doc fragment
``mailops.smartermail.estate``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.estate import MAX_PARALLEL_READS, PARALLEL_READS
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.table import Option


def domain_option(doc, list_option, **columns):
    """The ``domain`` row: at the top level, and in each entry of ``list_option`` instead of it."""
    return Option("domain", list(doc) + [
        "Required, unless every entry of O(%s) names its own O(%s[].domain)." % (list_option, list_option),
    ], entry=True, inherit=True, entry_doc=[
        "The domain of this entry, instead of O(domain).",
        "When an entry names its domain, the task covers every domain its entries name, O(domain) and O(domains): "
        "each is "
        "validated before any call, read and planned O(parallel_reads) at a time, then written one domain after "
        "the other in the order of their names, and with O(purge) each is purged of what it does not list. The "
        "result gives each object its C(domain) and names objects C(name@domain) in its summaries and diff (which holds "
        "only the objects that change).",
        "O(keep) entries C(name@domain) keep in that domain only, a bare name in every domain of the task.",
    ], **columns)


# as the doc fragment says it (``scripts/generate.py`` fails when they differ)
PARALLEL = Option("parallel_reads", [
    "How many domains a task of many domains reads at once.",
    "Over SOAP each reader has a connection of its own; over the JSON API the readers share the task's one "
    "session. The writes are always made one domain after the other, with the task's connection. From 1 (one "
    "domain after the other) to %d." % MAX_PARALLEL_READS,
], type="int", default=PARALLEL_READS, entry=False, version_added="1.1.0")


DOMAINS = Option("domains", [
    "Domains the task covers besides those its entries name; with O(purge), a domain listed here and named by no "
    "entry loses every object O(keep) does not name.",
    "Given, the task is one of many domains, as when an entry names its domain.",
], type="list", elements="str", entry=False, version_added="1.1.0")
