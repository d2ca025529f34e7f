# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Property-based tests over input validation (hypothesis).

Invalid input fails before any call to the server (the in-process server sees no request);
valid input is never rejected by validation.
"""
import ipaddress
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import validation as v
from ansible_collections.mailops.smartermail.plugins.module_utils._plesk.spamfilter import ACTIONS, MAX_SCORE
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.validation import WEIGHT
from ansible_collections.mailops.smartermail.plugins.modules import plesk_spamfilter, smartermail_alias, \
    smartermail_domain, smartermail_rbl

from module_harness import nul_refused_by_syslog  # noqa: E402  pylint: disable=wrong-import-order

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

LABEL_CHARS = string.ascii_lowercase + string.digits
label = st.builds(
    lambda first, middle, last: first + middle + last,
    st.sampled_from(LABEL_CHARS),
    st.text(alphabet=LABEL_CHARS + "-", max_size=20),
    st.sampled_from(LABEL_CHARS),
) | st.sampled_from(LABEL_CHARS)
tld = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=6)
valid_domain = st.builds(lambda labels, top: ".".join(labels + [top]), st.lists(label, min_size=1, max_size=3), tld)
local_part = st.text(alphabet=string.ascii_lowercase + string.digits + "_+-", min_size=1, max_size=20)
valid_email = st.builds(lambda local, domain: "%s@%s" % (local, domain), local_part, valid_domain)
valid_ip = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
valid_port = st.integers(min_value=1, max_value=65535)
invalid_port = st.one_of(st.integers(max_value=0), st.integers(min_value=65536))
bad_domain = st.one_of(
    st.builds(lambda d: d.replace(".", "..", 1), valid_domain),
    st.builds(lambda d: "-" + d, valid_domain),
    st.builds(lambda d: d.split(".")[0], valid_domain),
    st.builds(lambda d, c: d.replace(".", c + ".", 1), valid_domain, st.sampled_from("_ !/@*")),
)
bad_email = st.one_of(valid_domain, st.builds(lambda e: e.replace("@", "@@"), valid_email),
                      st.builds(lambda e: e.replace("@", " @"), valid_email), st.just("@example.com"))


@given(valid_domain)
def test_valid_domains_are_accepted(name):
    assert v.domain_name_error(name) is None


@given(valid_email)
def test_valid_addresses_are_accepted(address):
    assert v.email_error(address) is None


@given(valid_ip)
def test_valid_ips_are_accepted(ip):
    assert v.ip_error(ip) is None


@given(valid_port)
def test_valid_ports_are_accepted(port):
    assert v.port_error(port) is None


@given(st.text(max_size=40))
def test_ip_check_agrees_with_the_standard_library(text):
    try:
        ipaddress.ip_address(text)
        valid = True
    except ValueError:
        valid = False
    assert (v.ip_error(text) is None) == valid


@FAST
@given(name=bad_domain)
def test_bad_domain_fails_before_any_call(server, run_module, name):
    server.requests.clear()
    result = run_module(smartermail_domain, {"name": name})
    assert result["failed"] and "invalid input" in result["msg"]
    assert server.requests == []


@FAST
@given(port=invalid_port, limit=st.integers(max_value=-1))
def test_bad_port_and_limit_fail_before_any_call(server, run_module, port, limit):
    server.requests.clear()
    result = run_module(smartermail_domain, {"name": "example.com", "smtp_port": port, "max_users": limit})
    assert result["failed"]
    assert "smtp_port must be an integer from 1 to 65535" in result["msg"]
    assert "max_users must be a non-negative integer" in result["msg"]
    assert server.requests == []


@FAST
@given(address=bad_email)
def test_bad_alias_address_fails_before_any_call(server, run_module, address):
    server.requests.clear()
    result = run_module(smartermail_alias, {"domain": "example.com", "name": "sales", "addresses": [address]})
    assert result["failed"] and "invalid input" in result["msg"]
    assert server.requests == []


@FAST
@given(domain=valid_domain, address=valid_email, port=valid_port)
def test_valid_input_passes_validation(server, run_module, domain, address, port):
    """Valid values reach the server: the only failures left are the server's own answers."""
    server.requests.clear()
    result = run_module(smartermail_alias, {"domain": domain, "name": "sales", "addresses": [address]})
    assert "invalid input" not in result.get("msg", "")
    assert server.requests, "a valid task must reach the server"
    result = run_module(smartermail_domain, {"name": domain, "smtp_port": port})
    assert "invalid input" not in result.get("msg", "")


# ---- weights, scores and enum values ------------------------------------------------------------

@given(st.integers(min_value=-100, max_value=100))
def test_weights_in_bounds_are_accepted(weight):
    assert WEIGHT(weight, "weight") is None


@FAST
@given(weight=st.one_of(st.integers(max_value=-101), st.integers(min_value=101)))
def test_out_of_bounds_weight_fails_before_any_call(server, run_module, weight):
    server.requests.clear()
    result = run_module(smartermail_rbl, {"name": "zen", "hostname": "zen.spamhaus.org", "weight": weight})
    assert result["failed"] and "weight" in result["msg"]
    assert server.requests == []


BAD_SCORE = st.one_of(st.floats(max_value=0, allow_nan=False),
                      st.floats(min_value=MAX_SCORE + 0.001, allow_infinity=False))


@FAST
@given(score=BAD_SCORE)
def test_out_of_range_score_fails_before_any_call(server, run_module, score):
    server.requests.clear()
    result = run_module(plesk_spamfilter, {"name": "alice@example.com", "required_score": score})
    assert result["failed"] and "required_score" in result["msg"]
    assert server.requests == []


@FAST
@given(action=st.text(min_size=1, max_size=12).filter(lambda a: a not in ACTIONS))
def test_unknown_enum_value_fails_before_any_call(server, run_module, action):
    server.requests.clear()
    result = run_module(plesk_spamfilter, {"name": "alice@example.com", "action": action})
    assert result["failed"] and "action" in result["msg"]
    assert server.requests == []


# ---- control characters and wire bounds (issue 12 items 14-15) ------------------------------------

CONTROL = st.sampled_from([chr(c) for c in list(range(0, 32)) + list(range(127, 160))])


@FAST
@given(prefix=st.text(alphabet=string.ascii_lowercase, max_size=5), bad=CONTROL,
       option=st.sampled_from(["name", "description"]))
def test_control_characters_fail_before_any_call(server, run_module, prefix, bad, option):
    server.requests.clear()
    args = {"name": "Check", "hostname": "rbl.example", "weight": 5}
    args[option] = prefix + bad + "x"
    result = run_module(smartermail_rbl, args)
    expected = "embedded null character" if nul_refused_by_syslog(args) else "must not contain control characters"
    assert result["failed"] and expected in result["msg"]
    assert server.requests == []


@FAST
@given(limit=st.integers(min_value=2 ** 31, max_value=2 ** 70))
def test_limits_beyond_a_soap_int_fail_before_any_call(server, run_module, limit):
    server.requests.clear()
    result = run_module(smartermail_domain, {"name": "example.com", "max_users": limit})
    assert result["failed"] and "invalid input" in result["msg"]
    assert server.requests == []
