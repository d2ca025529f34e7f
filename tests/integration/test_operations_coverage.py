# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""scripts/operations_coverage.py maps modules to the SOAP operations named in their code.

Run by pytest from the repository: scripts/ is not in the collection copy that ansible-test units uses.
"""
import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location("operations_coverage",
                                              os.path.join(ROOT, "scripts", "operations_coverage.py"))
coverage = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(coverage)


def test_a_module_reaches_the_operations_its_resource_calls():
    by_module = coverage.coverage()
    assert by_module["smartermail_domain_alias"] == [
        ("svcDomainAliasAdmin", "AddDomainAlias"),
        ("svcDomainAliasAdmin", "AddDomainAliasWithoutMxCheck"),
        ("svcDomainAliasAdmin", "DeleteDomainAlias"),
        ("svcDomainAliasAdmin", "GetAliases"),
    ]
    # the list of every operation's read/write kind (_smartermail/operations.py) is imported but calls nothing
    assert all(service == "svcDomainAliasAdmin" for service, dummy in by_module["smartermail_domain_alias"])


def test_the_summary_counts_only_documented_operations():
    catalog = coverage.load_catalog()
    rows, missing = coverage.summary(catalog, coverage.coverage(catalog))
    assert sum(r[2] for r in rows) == 223
    assert sum(r[1] for r in rows) + len(missing) == 223
    assert all(name.split(".")[0] in catalog for name in missing)


def test_by_operation_names_the_module_whose_resource_calls_it():
    catalog = coverage.load_catalog()
    table = coverage.by_operation(catalog, coverage.coverage(catalog))
    assert table["svcServerAdmin.AddAbuseDetectionRule"] == ["smartermail_abuse_detection_rule"]
    assert table["svcDomainAliasAdmin.AddDomainAliasWithoutMxCheck"] == ["smartermail_domain_alias"]
    assert len(table) == sum(len(ops) for ops in catalog.values())
