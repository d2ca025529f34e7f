#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which module reaches which SmarterMail SOAP operation, read from the code.

An operation is reachable from a module when its name is written as a string in the module's own
file or in a module_utils file the module imports (directly or through other module_utils files),
and that file names the operation's service.  The operations are the catalog's (the emulator's
catalog is generated from the vendor's documentation): 223 documented, obsolete ones counted apart.

    python3 scripts/operations_coverage.py              # summary per service, unreachable operations
    python3 scripts/operations_coverage.py --markdown   # the table: module -> service.operation
    python3 scripts/operations_coverage.py --json
    python3 scripts/operations_coverage.py --by-operation  # service.operation -> the modules calling it
    python3 scripts/operations_coverage.py --require-all  # exit 1 unless all 223 are reachable
"""
import argparse
import ast
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG = os.path.join(ROOT, "tests", "emulator", "mailops_emulator", "catalog.json")
MODULES = os.path.join(ROOT, "plugins", "modules")
MODULE_UTILS = os.path.join(ROOT, "plugins", "module_utils")
IMPORT = re.compile(r"plugins\.module_utils\.([\w.]+)")
# Not followed: the list of every operation's read/write kind (names, not calls), and the runner
# layer every module imports (it reaches every resource's JSON adapter, not the module's calls).
NOT_CALLS = {"_smartermail.operations", "_smartermail.api", "_engine"}


def load_catalog(path=CATALOG):
    with open(path, encoding="utf-8") as handle:
        services = json.load(handle)["services"]
    return {name: {o["name"]: o["obsolete"] for o in svc["operations"]} for name, svc in services.items()}


def strings_of(path):
    """The string constants of a file, and the module_utils modules it imports (by file name)."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    strings, imports = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found = IMPORT.findall(node.module)
            if node.module.endswith("plugins.module_utils"):
                imports.update(alias.name for alias in node.names)
            for package in found:
                # "from ...module_utils._smartermail.domain import domain_alias" names a file too
                imports.add(package)
                imports.update("%s.%s" % (package, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imports.update(IMPORT.findall(alias.name))
    return strings, imports


def module_utils_file(name):
    """The file of a module_utils module named by its dotted path under module_utils, or None."""
    if name in NOT_CALLS or name.split(".")[0] in NOT_CALLS:
        return None
    target = os.path.join(MODULE_UTILS, *name.split(".")) + ".py"
    return target if os.path.exists(target) else None


def file_operations(path, catalog):
    """{(service, operation)} named in one file; its services are those it or its imports name."""
    strings, imports = strings_of(path)
    services = set(s for s in strings if s in catalog)
    for name in imports:
        target = module_utils_file(name)
        if target:
            services |= set(s for s in strings_of(target)[0] if s in catalog)
    found = set()
    for service in services:
        for name in strings & set(catalog[service]):
            found.add((service, name))
    return found


def module_operations(module_path, catalog):
    seen, todo, found = set(), [module_path], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        found |= file_operations(path, catalog)
        for name in strings_of(path)[1]:
            target = module_utils_file(name)
            if target:
                todo.append(target)
    return found


def coverage(catalog=None):
    catalog = catalog or load_catalog()
    by_module = {}
    for entry in sorted(os.listdir(MODULES)):
        if entry.endswith(".py") and not entry.startswith("_"):
            by_module[entry[:-3]] = sorted(module_operations(os.path.join(MODULES, entry), catalog))
    return by_module


def own_operations(module_path, catalog):
    """{(service, operation)} named in the module_utils files the module file imports itself."""
    found = set()
    for name in strings_of(module_path)[1]:
        target = module_utils_file(name)
        if target:
            found |= file_operations(target, catalog)
    return found


def by_operation(catalog, by_module):
    """service.operation -> the modules whose own resource names it, else every module reaching it."""
    own = dict((m, own_operations(os.path.join(MODULES, m + ".py"), catalog)) for m in by_module)
    table = {}
    for service in sorted(catalog):
        for name in catalog[service]:
            op = (service, name)
            callers = [m for m in by_module if op in own[m]] or [m for m in by_module if op in by_module[m]]
            table["%s.%s" % op] = callers
    return table


def summary(catalog, by_module):
    reached = set(op for ops in by_module.values() for op in ops)
    rows, missing = [], []
    for service in sorted(catalog):
        documented = [n for n, obsolete in catalog[service].items() if not obsolete]
        hit = [n for n in documented if (service, n) in reached]
        rows.append((service, len(hit), len(documented)))
        missing.extend("%s.%s" % (service, n) for n in documented if (service, n) not in reached)
    return rows, missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--by-operation", action="store_true")
    parser.add_argument("--require-all", action="store_true")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    by_module = coverage(catalog)
    rows, missing = summary(catalog, by_module)
    if args.json:
        print(json.dumps({m: ["%s.%s" % op for op in ops] for m, ops in by_module.items()}, indent=1))
    elif args.by_operation:
        print("| operation | called by |\n|---|---|")
        for op, callers in by_operation(catalog, by_module).items():
            if not catalog[op.split(".")[0]][op.split(".")[1]]:
                print("| %s | %s |" % (op, ", ".join(callers) or "(none)"))
    elif args.markdown:
        print("| module | operations |\n|---|---|")
        for module, ops in by_module.items():
            print("| %s | %s |" % (module, ", ".join("%s.%s" % op for op in ops) or "-"))
    total = sum(r[1] for r in rows)
    documented = sum(r[2] for r in rows)
    out = sys.stderr if (args.json or args.markdown or args.by_operation) else sys.stdout
    for service, hit, count in rows:
        print("%-20s %3d of %3d" % (service, hit, count), file=out)
    print("reachable: %d of %d documented operations" % (total, documented), file=out)
    if missing and not (args.json or args.markdown or args.by_operation):
        print("unreachable:\n  " + "\n  ".join(missing), file=out)
    return 1 if args.require_all and missing else 0


if __name__ == "__main__":
    sys.exit(main())
