# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The filter mailops.smartermail.domain_entries: what the role's Jinja loop built, in one pass."""
import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.mailops.smartermail.plugins.filter.domain_entries import FilterModule

domain_entries = FilterModule().filters()["domain_entries"]

DOMAINS = [
    {"name": "a.test", "users": [{"name": "alice", "password": "P-1"}, {"name": "bob"}], "users_keep": ["scan", "x@b.test"],
     "dkim": {"selector": "mail", "key_size": 2048}},
    {"name": "b.test", "state": "present", "users": []},
    {"name": "gone.test", "state": "absent", "users": [{"name": "carol"}], "dkim": {"selector": "s"}},
    {"name": "new.test", "users": [{"name": "dave"}]},
    {"name": "c.test"},
]


def test_entries_carry_their_domain_in_order():
    assert domain_entries(DOMAINS, "users", exclude=["new.test"]) == [
        {"name": "alice", "password": "P-1", "domain": "a.test"}, {"name": "bob", "domain": "a.test"}]
    assert domain_entries(DOMAINS, "users")[-1] == {"name": "dave", "domain": "new.test"}


def test_the_input_is_not_changed():
    domain_entries(DOMAINS, "users")
    assert DOMAINS[0]["users"][0] == {"name": "alice", "password": "P-1"}


def test_names_become_name_at_domain_unless_they_name_one():
    assert domain_entries(DOMAINS, "users_keep") == ["scan@a.test", "x@b.test"]


def test_a_dictionary_is_one_entry():
    assert domain_entries(DOMAINS, "dkim") == [{"selector": "mail", "key_size": 2048, "domain": "a.test"}]


def test_absent_excluded_and_silent_domains_give_nothing():
    assert domain_entries(DOMAINS, "aliases") == []
    assert domain_entries(DOMAINS, "users", exclude=["a.test", "new.test"]) == []


def test_an_entry_of_its_own_domain_is_kept():
    assert domain_entries([{"name": "a.test", "users": [{"name": "x", "domain": "a.test"}]}], "users") == [
        {"name": "x", "domain": "a.test"}]


@pytest.mark.parametrize("domains, key, text", [
    ([{"name": "a.test", "users": [{"name": "x", "domain": "b.test"}]}], "users", "names the domain b.test"),
    ([{"users": []}], "users", "domain 1 must be a dictionary with a name"),
    (["a.test"], "users", "domain 1 must be a dictionary with a name"),
    ([{"name": "a.test", "users": "alice"}], "users", "must be a list or a dictionary, got str"),
    ([{"name": "a.test", "users": [3]}], "users", "must be a dictionary or a string, got int"),
    ("a.test", "users", "must be a list of domains"),
    ([], 3, "the key must be a string"),
])
def test_bad_input_fails_naming_it(domains, key, text):
    with pytest.raises(AnsibleFilterError, match="domain_entries: .*" + text):
        domain_entries(domains, key)
