# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import validation as v


@pytest.mark.parametrize("name", ["example.com", "a.b.example.co.uk", "xn--bcher-kva.example", "x1.io", "example.com."])
def test_valid_domains(name):
    assert v.domain_name_error(name) is None


@pytest.mark.parametrize("name", ["", "localhost", "-bad.com", "bad-.com", "a..com", "exa_mple.com", "1.2.3.4", "a" * 64 + ".com"])
def test_invalid_domains(name):
    assert v.domain_name_error(name)


@pytest.mark.parametrize("addr", ["a@example.com", "first.last+tag@sub.example.org"])
def test_valid_addresses(addr):
    assert v.email_error(addr) is None


@pytest.mark.parametrize("addr", ["plain", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a.@example.com"])
def test_invalid_addresses(addr):
    assert "name@example.com" in v.email_error(addr)


def test_ports_and_limits():
    assert v.port_error(1) is None and v.port_error(65535) is None
    assert v.port_error(0) and v.port_error(65536) and v.port_error(True)
    assert v.non_negative_error(0) is None
    assert "non-negative" in v.non_negative_error(-1)


def test_ips():
    assert v.ip_error("127.0.0.1") is None and v.ip_error("::1") is None
    assert v.ip_error("300.1.1.1")


def test_collect_skips_unset_values():
    assert v.collect([(v.port_error, None, "smtp_port"), (v.port_error, 0, "imap_port")]) == [
        "imap_port must be an integer from 1 to 65535, got 0"]


# ---- issue 12 items 14-17, issue 13 items 10-11: wire bounds, control characters, Unicode, settings ----
from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine  # noqa: E402


def test_integers_are_bounded_by_their_wire_type():
    assert v.non_negative_error(2 ** 31 - 1) is None
    assert "at most 2147483647" in v.non_negative_error(2 ** 31)
    assert v.size_mb_long_error(2 ** 40) is None
    assert v.size_mb_long_error(2 ** 63) and v.size_mb_long_error(v.MB_IN_LONG_MAX + 1)
    assert v.int_range(0)(2 ** 40) and v.int_range(1)(2 ** 31)
    assert v.int_range(0)(2 ** 31 - 1) is None


@pytest.mark.parametrize("text", ["a\x00b", "a\x01", "tab\there", "line\nbreak", "cr\r", "del\x7f", "c1\x85",
                                  "\ud800"])
def test_control_characters_are_refused_in_one_line_texts(text):
    assert "must not contain control characters" in v.control_error(text, "name")


def test_multiline_texts_take_line_breaks_and_tabs_but_not_nul():
    assert v.control_error("a\r\nb\tc\n", "body", multiline=True) is None
    assert v.control_error("a\x00b", "body", multiline=True)


def test_control_character_messages_never_show_a_password():
    errors = v.params_control_errors({"password": "S3cret\x01pw", "users": [{"name": "x", "password": "P\x02w"}]})
    assert errors == ["password must not contain control characters",
                      "users[0].password must not contain control characters"]


def test_params_walk_names_nested_options_and_allows_multiline_ones():
    params = {"name": "ok", "users": [{"auto_responder": {"body": "a\r\nb", "subject": "s\n"}}],
              "settings": {"k": "v\x00"}, "huge": 2 ** 64}
    errors = v.params_control_errors(params, multiline=("users.auto_responder.body",))
    assert errors == ["users[0].auto_responder.subject must not contain control characters (U+000A at position 2)",
                      "settings.k must not contain control characters (U+0000 at position 2)",
                      "huge must be an integer from -9223372036854775808 to 9223372036854775807, got %d" % 2 ** 64]


def test_idn_domains_become_a_labels():
    assert v.domain_key("bücher.test") == "xn--bcher-kva.test"
    assert v.domain_key(" BÜCHER.Test. ") == "xn--bcher-kva.test"
    assert v.domain_name_error("bücher.test") is None
    assert v.address_key("Bob@Bücher.TEST.") == "bob@xn--bcher-kva.test"
    assert v.email_error("bob@bücher.test") is None


def test_a_bad_idn_is_refused_showing_its_a_label_form():
    error = v.domain_name_error("bü cher.test")
    assert "as A-labels: xn--" in error


def test_names_are_validated_after_the_normalization_the_comparison_uses():
    # the Kelvin sign lowers to "k": the name is checked, compared and sent as plain ASCII
    assert v.domain_key("exa\u212amle.com") == "exakmle.com"
    assert all(ord(c) < 128 for c in v.domain_key("exa\u212amle.com"))
    # the long s is no ASCII letter: refused although IGNORECASE would match it against "s"
    assert v.local_part_error("sa\u017fes")
    assert v.local_part_error(v.local_key("\u212aarl")) is None and v.local_key("\u212aarl") == "karl"
    assert v.email_error("sa\u017fes@example.com")


def test_settings_values_must_be_scalars_on_one_line():
    result, errors = v.settings_errors({"a": [1, 2], "b": {"x": 1}, "c": "x\nd=1", "ok": 5, "none": None})
    assert result == {"ok": 5}
    assert errors == ["settings value of 'a' must be a text, a number or a boolean, got a list",
                      "settings value of 'b' must be a text, a number or a boolean, got a dict",
                      "settings value of 'c' must be one line without control characters"]


def test_settings_keys_with_newline_equals_or_case_duplicates_are_refused():
    dummy, errors = v.settings_errors({"k\nx": 1, "a=b": 1, "MaxAliases": 3, "maxaliases": 4})
    assert len(errors) == 3
    assert "'k\\nx' is not a valid setting name" in errors[0]
    assert "'a=b' is not a valid setting name" in errors[1]
    assert errors[2] == "settings keys 'MaxAliases' and 'maxaliases' differ only in case: give one of them"


def test_settings_compare_as_the_server_stores_them():
    assert engine.same_setting("500", "0500") and engine.same_setting("500", 500)
    assert engine.same_setting("True", "yes") and engine.same_setting("True", True)
    assert engine.same_setting("False", "off") and not engine.same_setting("True", "no")
    assert not engine.same_setting("Sig", "sig")
    assert engine.changed_settings({"a": "500", "b": "True"}, {"a": "0500", "b": "yes"}) == []


def test_settings_are_typed_back_as_written_when_unambiguous():
    assert engine.typed_setting("True", True) is True and engine.typed_setting("500", 500) == 500
    assert engine.typed_setting("True", "yes") == "True" and engine.typed_setting("abc", 5) == "abc"
