# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The filter mailops.smartermail.domain_name names a domain exactly as smartermail_domain keys it."""
import re

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.mailops.smartermail.plugins.filter.domain_name import FilterModule
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.domain.domain import DomainResource

domain_name = FilterModule().filters()["domain_name"]


@pytest.mark.parametrize("written, key", [
    ("example.com", "example.com"),
    ("Main.Test.", "main.test"),
    (" KEEP.test. ", "keep.test"),
    (u"Bücher.Test.", "xn--bcher-kva.test"),
    ("xn--bcher-kva.test", "xn--bcher-kva.test"),
    (u"\u212aeep.test", "keep.test"),  # a Kelvin sign: folded to "k" as the modules fold it
])
def test_normalized_as_the_module_keys_it(written, key):
    assert domain_name(written) == key
    assert DomainResource.normalize_key(DomainResource.__new__(DomainResource), written) == key


@pytest.mark.parametrize("bad, text", [
    ("bad name!", "bad name!"),
    ("localhost", "at least two labels"),
    ("", "non-empty"),
    ("-a-.example", "label"),
    (None, "must be a string"),
    (["a.test"], "must be a string"),
])
def test_invalid_names_fail(bad, text):
    with pytest.raises(AnsibleFilterError, match="domain_name: .*" + re.escape(text)):
        domain_name(bad)
