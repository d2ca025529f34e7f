#!/usr/bin/env python3
"""Render the guides docs/<name>.md as docs/docsite/rst/<name>.rst for the collection's docsite.

    make docs-rst            # regenerate (m2r2 in .build/venv-docs, pinned in requirements-docs.txt)
    make docs-rst-check      # fail if a generated file is out of date (part of make test-docs)

The Markdown files stay the source (they read well on a forge); antsibull-docs renders extra docs
from RST only, listed in docs/docsite/extra-docs.yml. Each page gets the label
ansible_collections.mailops.smartermail.docsite.<name> that lint-collection-docs expects.
"""
import os
import re
import sys

import m2r2  # pylint: disable=import-error

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDES = ("quickstart", "migrating", "awx", "many-servers", "many-domains", "json-api", "reliability", "performance", "emulator",
          "testing", "contributing")
PREFIX = "ansible_collections.mailops.smartermail.docsite."
HEADER = """..
  Copyright (c) mailops.smartermail contributors
  GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
  SPDX-License-Identifier: GPL-3.0-or-later

..
  Generated from docs/{name}.md by scripts/guides_to_rst.py: edit the Markdown file, then run make docs-rst.

.. _{prefix}{name}:

"""


def render(name):
    with open(os.path.join(ROOT, "docs", name + ".md"), encoding="utf-8") as handle:
        text = handle.read()
    # The licence header of a guide is an HTML comment: not part of the page.
    text = re.sub(r"\A\s*<!--.*?-->\s*", "", text, flags=re.S)
    rst = m2r2.convert(text)
    # Indented code blocks have no language: give them one (rstcheck and Sphinx want it).
    rst = re.sub(r"^(\s*)\.\. code-block::[ \t]*$", r"\1.. code-block:: text", rst, flags=re.M)
    # Links between guides become references inside the docsite.
    rst = re.sub(r"`([^`<]+?) <(?:docs/)?([a-z_-]+)\.md(?:#[^>]*)?>`_+",
                 lambda m: ":ref:`%s <%s%s>`" % (m.group(1).strip(), PREFIX, m.group(2))
                 if m.group(2) in GUIDES else m.group(0), rst)
    return HEADER.format(name=name, prefix=PREFIX) + rst.lstrip("\n")


def main(argv):
    check = argv == ["--check"]
    stale = []
    for name in GUIDES:
        if not os.path.isfile(os.path.join(ROOT, "docs", name + ".md")):
            continue
        path = os.path.join(ROOT, "docs", "docsite", "rst", name + ".rst")
        wanted = render(name)
        current = open(path, encoding="utf-8").read() if os.path.isfile(path) else None
        if current == wanted:
            continue
        if check:
            stale.append(os.path.relpath(path, ROOT))
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(wanted)
            print("wrote %s" % os.path.relpath(path, ROOT))
    if stale:
        print("out of date (edit docs/*.md, then run make docs-rst): %s" % ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
