#!/usr/bin/env python3
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What follows from the modules and their resource tables, written so nobody writes it by hand.

    python3 scripts/generate.py --check     # exit 1 naming every file that is stale
    python3 scripts/generate.py --write     # rewrite them (make generate)

- The ``options`` of each module's DOCUMENTATION whose resource has a table (``_engine/table.py``):
  type, required, choices, default, elements, suboptions and description all come from the table,
  as the argument spec does, so the two cannot disagree. A top-level option that one of the module's
  doc fragments documents (``mailops.smartermail.state``) is left out, and the generation fails when
  the fragment does not say what the table says. The rest of DOCUMENTATION (description,
  notes, fragments, seealso), EXAMPLES and RETURN stay written by hand.
- ``meta/runtime.yml``: every module in its action group (``smartermail``, ``plesk``) and routed to
  the one action plugin; the other routing entries (redirects) are kept.
- Each integration target's ``aliases`` and ``runme.sh`` (the same for every target that runs its
  ``tasks/main.yml`` against an emulator of its own), written where missing.

Run it with the collection on the Python path (``make generate`` does).
"""
import importlib
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = os.path.join(ROOT, "plugins", "modules")
PACKAGE = "ansible_collections.mailops.smartermail.plugins.module_utils."
RUN = re.compile(r"^\s*run_resource\((\w+)\)", re.M)
TARGETS = os.path.join(ROOT, "tests", "integration", "targets")
ACTION = "mailops.smartermail.resource"
LICENCE = ("# Copyright (c) mailops.smartermail contributors\n"
           "# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or "
           "https://www.gnu.org/licenses/gpl-3.0.txt)\n"
           "# SPDX-License-Identifier: GPL-3.0-or-later\n")
ALIASES = (LICENCE + "\n# The modules run on the controller against the emulator that runme.sh starts on its loopback.\n"
           "context/controller\nneeds/target/setup_emulator\n")
RUNME = ("#!/usr/bin/env bash\n" + LICENCE + "\n# tasks/main.yml against an emulator of its own: see "
         "../setup_emulator/run_target.py\n"
         'exec "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" ../setup_emulator/run_target.py "$@"\n')


class _Dumper(yaml.SafeDumper):
    """Sequences indented under their key, as the hand-written docs have them."""

    def increase_indent(self, flow=False, indentless=False):
        return super(_Dumper, self).increase_indent(flow, False)


class _Flow(list):
    """A short list written on one line (``choices: [present, absent]``)."""


_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))


def _compact(options):
    """One-paragraph descriptions as a text and choices on one line, as the hand-written docs have them."""
    for option in options.values():
        if len(option.get("description") or []) == 1:
            option["description"] = option["description"][0]
        if "choices" in option:
            option["choices"] = _Flow(option["choices"])
        if "suboptions" in option:
            _compact(option["suboptions"])
    return options


def resource_of(source):
    """The resource class the module file runs, or None."""
    found = RUN.search(source)
    if not found:
        return None
    name = found.group(1)
    imported = re.search(r"^from (%s[\w.]+) import \(?\s*(?:[\w, \n]*\b)?%s\b" % (re.escape(PACKAGE), name),
                         source, re.M)
    if not imported:
        return None
    return getattr(importlib.import_module(imported.group(1)), name)


def fragment_options(source):
    """{option: its documentation} of the collection's doc fragments that the module's DOCUMENTATION extends."""
    start = source.index('DOCUMENTATION = r"""\n') + len('DOCUMENTATION = r"""\n')
    doc = yaml.safe_load(source[start:source.index('"""', start)]) or {}
    out = {}
    for name in doc.get("extends_documentation_fragment") or []:
        parts = name.split(".")
        if parts[:2] != ["mailops", "smartermail"]:
            continue
        fragment = importlib.import_module(PACKAGE.replace(".module_utils.", ".doc_fragments.") + parts[2])
        text = getattr(fragment.ModuleDocFragment, parts[3].upper() if len(parts) > 3 else "DOCUMENTATION")
        out.update((yaml.safe_load(text) or {}).get("options") or {})
    return out


def render(table, documented=None):
    """The ``options:`` block of ``table``, without the options ``documented`` by doc fragments."""
    options = table.documentation()
    for name, fragment in (documented or {}).items():
        if name not in options:
            continue
        said = dict(fragment, description=[fragment["description"]] if isinstance(
            fragment["description"], str) else list(fragment["description"]))
        if said != options[name]:
            raise ValueError("option %s: the doc fragment says %r, the table %r" % (name, said, options[name]))
        del options[name]
    options = _compact(options)
    # wrapped at 110 columns; narrower when a long word (an O(collection.module#module:option) link) would
    # leave a line longer than the 160 columns the sanity tests allow
    for width in (110, 100, 90, 80):
        text = yaml.dump({"options": options}, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                         width=width, default_flow_style=False, indent=2)
        if max(len(line) for line in text.splitlines()) <= 160:
            break
    return text


def replace_options(source, block):
    """``source`` with the ``options:`` block of its DOCUMENTATION replaced by ``block``."""
    start = source.index('DOCUMENTATION = r"""\n')
    end = source.index('"""', start + 20)
    doc = source[start:end]
    match = re.search(r"^options:\n(?:(?:[ \t]+.*)?\n)*", doc, re.M)
    if not match:
        raise ValueError("no options block in DOCUMENTATION")
    new_doc = doc[:match.start()] + block + doc[match.end():]
    return source[:start] + new_doc + source[end:]


def module_names():
    return sorted(n[:-3] for n in os.listdir(MODULES) if n.endswith(".py") and n != "__init__.py")


def runtime_text(current):
    """meta/runtime.yml with the action groups and the routing of every module."""
    runtime = yaml.safe_load(current)
    names = module_names()
    groups = {"smartermail": [n for n in names if n.startswith("smartermail_")],
              "plesk": [n for n in names if n.startswith("plesk_")]}
    routing = dict((n, {"action_plugin": ACTION}) for n in names)
    for name, entry in sorted(((runtime.get("plugin_routing") or {}).get("modules") or {}).items()):
        if name not in routing:
            routing[name] = entry
    body = {"action_groups": groups, "plugin_routing": dict(runtime.get("plugin_routing") or {}, modules=routing)}
    header = current[:current.index("requires_ansible:")] + 'requires_ansible: "%s"\n' % runtime["requires_ansible"]
    return header + yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=160,
                              default_flow_style=False, indent=2)


def target_files():
    """{path: text} of the aliases and runme.sh every emulator target has, where one is missing."""
    out = {}
    for name in sorted(os.listdir(TARGETS)):
        folder = os.path.join(TARGETS, name)
        if name == "setup_emulator" or not os.path.isdir(os.path.join(folder, "tasks")):
            continue
        for file_name, text in (("aliases", ALIASES), ("runme.sh", RUNME)):
            path = os.path.join(folder, file_name)
            if not os.path.exists(path):
                out[path] = text
    return out


def main(argv):
    if argv not in (["--check"], ["--write"]):
        print(__doc__)
        return 2
    stale, generated = [], 0
    runtime_path = os.path.join(ROOT, "meta", "runtime.yml")
    with open(runtime_path, encoding="utf-8") as handle:
        current = handle.read()
    new = runtime_text(current)
    if new != current:
        stale.append("meta/runtime.yml")
        if argv[0] == "--write":
            with open(runtime_path, "w", encoding="utf-8") as handle:
                handle.write(new)
    for path, text in target_files().items():
        stale.append(os.path.relpath(path, ROOT))
        if argv[0] == "--write":
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            if path.endswith(".sh"):
                os.chmod(path, 0o755)
    for name in sorted(os.listdir(MODULES)):
        if not name.endswith(".py") or name == "__init__.py":
            continue
        path = os.path.join(MODULES, name)
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        resource = resource_of(source)
        if resource is None or getattr(resource, "table", None) is None:
            continue
        generated += 1
        new = replace_options(source, render(resource.table, fragment_options(source)))
        if new != source:
            stale.append("plugins/modules/" + name)
            if argv[0] == "--write":
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(new)
    if stale and argv[0] == "--check":
        print("stale: not what the modules and their tables give (make generate):\n  "
              + "\n  ".join(stale), file=sys.stderr)
        return 1
    print("%d module(s) with options from their table; meta/runtime.yml and the targets' aliases and runme.sh "
          "checked%s" % (generated, ", %d file(s) rewritten" % len(stale) if stale and argv[0] == "--write" else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
