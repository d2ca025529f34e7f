import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils import _validation as v


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
