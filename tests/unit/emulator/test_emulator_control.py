# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The control API (/__emulator__/), fault injection, persistence, TLS and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
import requests
import zeep
import zeep.exceptions
from emu_helpers import ADMIN_PASSWORD, ADMIN_USER, EMULATOR_DIR, add_domain, arr, assert_ok

from mailops_emulator import results
from mailops_emulator.control import EmulatorError, EmulatorProcess


def _raw_get_aliases(emu, timeout=10):
    body = (
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        '<soap:Body><GetAliases xmlns="http://tempuri.org/">'
        f"<AuthUserName>{ADMIN_USER}</AuthUserName><AuthPassword>{ADMIN_PASSWORD}</AuthPassword>"
        "<DomainName>example.com</DomainName></GetAliases></soap:Body></soap:Envelope>"
    )
    return requests.post(
        emu.service_url("svcAliasAdmin"),
        data=body,
        timeout=timeout,
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"http://tempuri.org/GetAliases"'},
    )


def test_health_and_operations(emu):
    health = emu.health()
    assert health["status"] == "ok" and "svcAliasAdmin" in health["services"]
    ops = emu.operations()
    assert ops["svcAliasAdmin.AddAlias"] == {"kind": "write", "implemented": True, "access": "domain"}


def test_counters(emu, soap):
    add_domain(soap)
    soap.client("svcAliasAdmin")  # WSDL loaded before counting
    emu.reset_counters()
    soap("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="a", Addresses=arr("a@x.org"))
    soap(
        "svcAliasAdmin", "AddAlias", password="wrong", DomainName="example.com", AliasName="b", Addresses=arr("a@x.org")
    )
    soap("svcAliasAdmin", "GetAliases", DomainName="example.com")
    requests.get(emu.wsdl_url("svcAliasAdmin"), timeout=10)
    counters = emu.counters()
    assert (counters["reads"], counters["writes"], counters["wsdl"]) == (1, 2, 1)
    assert counters["operations"] == {
        "svcAliasAdmin.AddAlias": {"reads": 0, "writes": 2},
        "svcAliasAdmin.GetAliases": {"reads": 1, "writes": 0},
    }
    emu.reset_counters()
    assert emu.counters() == {"reads": 0, "writes": 0, "wsdl": 0, "unrecognized": 0, "operations": {}}


def test_reset_loads_a_state_and_keeps_the_admin(emu):
    state = {"domains": {"Seeded.ORG": {"settings": {"maxaliases": 3}}}}
    emu.reset(state)
    got = emu.state()
    assert list(got["domains"]) == ["seeded.org"]
    assert got["domains"]["seeded.org"]["settings"]["maxaliases"] == 3
    assert got["domains"]["seeded.org"]["settings"]["imapport"] == 143  # missing keys get their defaults
    assert got["server"]["system_admins"][0] == {"username": ADMIN_USER, "password": ADMIN_PASSWORD, "primary": True}
    emu.reset()
    assert emu.state()["domains"] == {}
    with pytest.raises(EmulatorError):
        emu.reset({"version": 99})


def test_mx_control(emu):
    assert emu.request("POST", "mx", {"names": ["A.example", "b.example"]})["names"] == ["a.example", "b.example"]
    assert emu.request("POST", "mx", {"add": ["c.example"], "remove": ["a.example"]})["names"] == [
        "b.example",
        "c.example",
    ]
    assert emu.request("GET", "mx")["names"] == ["b.example", "c.example"]


def test_fault_refuse_then_normal(emu, soap):
    add_domain(soap)
    emu.fault("svcAliasAdmin", "GetAliases", "refuse", count=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        _raw_get_aliases(emu)
    assert _raw_get_aliases(emu).status_code == 200
    assert emu.counters()["operations"]["svcAliasAdmin.GetAliases"]["reads"] == 2


def test_fault_delay_past_timeout(emu, soap):
    add_domain(soap)
    emu.fault("svcAliasAdmin", "GetAliases", "delay", seconds=0.6)
    with pytest.raises(requests.exceptions.ReadTimeout):
        _raw_get_aliases(emu, timeout=0.2)
    emu.fault("svcAliasAdmin", "*", "delay", seconds=0.3)
    started = time.monotonic()
    assert _raw_get_aliases(emu).status_code == 200
    assert time.monotonic() - started >= 0.3


def test_fault_http_errors_and_count(emu, soap):
    add_domain(soap)
    emu.fault("svcAliasAdmin", "GetAliases", "http503", count=2)
    assert [_raw_get_aliases(emu).status_code for _attempt in range(3)] == [503, 503, 200]
    emu.fault("*", "*", "http500")
    resp = _raw_get_aliases(emu)
    assert resp.status_code == 500 and resp.headers["Content-Type"].startswith("text/html")
    # a rule for another operation does not fire
    emu.fault("svcAliasAdmin", "AddAlias", "http500")
    assert _raw_get_aliases(emu).status_code == 200
    assert len(emu.faults()) == 1
    emu.clear_faults()
    assert emu.faults() == []


def test_fault_soap_fault_malformed_bomb(emu, soap):
    add_domain(soap)
    emu.fault("svcAliasAdmin", "GetAliases", "soap_fault", message="Boom from the test")
    with pytest.raises(zeep.exceptions.Fault) as info:
        soap("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert "Boom from the test" in str(info.value.message)
    emu.fault("svcAliasAdmin", "GetAliases", "malformed")
    with pytest.raises((zeep.exceptions.XMLSyntaxError, zeep.exceptions.TransportError)):
        soap("svcAliasAdmin", "GetAliases", DomainName="example.com")
    emu.fault("svcAliasAdmin", "GetAliases", "entity_bomb")
    started = time.monotonic()
    # zeep's defaults stop it one way or another (libxml2's amplification limit -> TransportError)
    with pytest.raises(
        (
            zeep.exceptions.DTDForbidden,
            zeep.exceptions.EntitiesForbidden,
            zeep.exceptions.XMLSyntaxError,
            zeep.exceptions.TransportError,
        )
    ):
        soap("svcAliasAdmin", "GetAliases", DomainName="example.com")
    assert time.monotonic() - started < 2
    assert soap("svcAliasAdmin", "GetAliases", DomainName="example.com")["Result"] is True


def test_fault_result_false_skips_the_write(emu, soap):
    add_domain(soap)
    emu.fault("svcAliasAdmin", "AddAlias", "result_false", message="Injected: disk full")
    res = soap("svcAliasAdmin", "AddAlias", DomainName="example.com", AliasName="a", Addresses=arr("a@x.org"))
    assert (res["Result"], res["ResultCode"], res["Message"]) == (
        False,
        results.INJECTED_FAILURE,
        "Injected: disk full",
    )
    assert emu.state()["domains"]["example.com"]["aliases"] == {}


def test_fault_wrong_wsdl(emu):
    emu.fault("svcAliasAdmin", "*", "wrong_wsdl")
    resp = requests.get(emu.wsdl_url("svcAliasAdmin"), timeout=10)
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/html")
    emu.fault("svcAliasAdmin", "SetCatchAll", "wrong_wsdl")
    client = zeep.Client(emu.wsdl_url("svcAliasAdmin"))
    ops = set(client.wsdl.services["svcAliasAdmin"].ports["svcAliasAdminSoap"].binding._operations)
    assert "SetCatchAll" not in ops and "AddAlias" in ops
    assert "SetCatchAll" in set(
        zeep.Client(emu.wsdl_url("svcAliasAdmin"))
        .wsdl.services["svcAliasAdmin"]
        .ports["svcAliasAdminSoap"]
        .binding._operations
    )
    assert emu.counters()["wsdl"] == 3


def test_bad_fault_spec(emu):
    with pytest.raises(EmulatorError, match="unknown fault"):
        emu.fault("svcAliasAdmin", "*", "explode")


def test_state_survives_kill9_and_concurrent_writes(emu, soap):
    add_domain(soap)
    errors = []

    def worker(n):
        try:
            for i in range(8):
                body = (
                    '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
                    '<soap:Body><AddAlias xmlns="http://tempuri.org/">'
                    f"<AuthUserName>{ADMIN_USER}</AuthUserName><AuthPassword>{ADMIN_PASSWORD}</AuthPassword>"
                    f"<DomainName>example.com</DomainName><AliasName>t{n}-{i}</AliasName>"
                    "<Addresses><string>a@x.org</string></Addresses></AddAlias></soap:Body></soap:Envelope>"
                )
                r = requests.post(
                    emu.service_url("svcAliasAdmin"),
                    data=body,
                    timeout=10,
                    headers={"Content-Type": "text/xml", "SOAPAction": "http://tempuri.org/AddAlias"},
                )
                if b"<Result>true</Result>" not in r.content:
                    errors.append(r.content)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    pid, port = emu.pid, emu.port
    emu.kill9()
    with open(emu.state_path, encoding="utf-8") as fh:
        on_disk = json.load(fh)
    assert len(on_disk["domains"]["example.com"]["aliases"]) == 48
    emu.restart()
    assert emu.pid != pid and emu.port == port
    assert len(soap("svcAliasAdmin", "GetAliases", DomainName="example.com")["AliasInfos"]["AliasInfo"]) == 48


def test_sigterm_stops_cleanly(tmp_path):
    proc = EmulatorProcess(str(tmp_path / "s.json"), admin_password="x").start()
    assert proc.health()["status"] == "ok"
    assert proc.stop() == 0
    assert not proc.running()


def test_tls(tmp_path):
    with EmulatorProcess(str(tmp_path / "tls.json"), tls=True, admin_password="Tls-Pw") as proc:
        assert proc.url.startswith("https://127.0.0.1:")
        assert proc.health()["status"] == "ok"  # verified against the self-signed cert
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(proc.wsdl_url("svcProductInfo"), timeout=10)
        session = requests.Session()
        session.verify = proc.ca_path
        session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment overrides session.verify
        client = zeep.Client(proc.wsdl_url("svcProductInfo"), transport=zeep.transports.Transport(session=session))
        assert client.wsdl.services["svcProductInfo"].ports["svcProductInfoSoap"].binding_options[
            "address"
        ] == proc.service_url("svcProductInfo")
        res = client.service.GetProductInfo(AuthUserName="admin", AuthPassword="Tls-Pw")
        assert res.Result is True and res.ProductName


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "example.com"])
def test_cli_refuses_non_loopback(tmp_path, host):
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    proc = subprocess.run(
        [sys.executable, "-m", "mailops_emulator", "--host", host, "--port", "0", "--state", str(tmp_path / "x.json")],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode != 0 and "only a loopback address is allowed" in proc.stderr
    assert not (tmp_path / "x.json").exists()


def test_corrupt_state_file_is_not_overwritten(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(EmulatorError, match="cannot read state file"):
        EmulatorProcess(str(path), start_timeout=15).start()
    assert path.read_text() == "{not json"


def test_control_unknown_route(emu):
    with pytest.raises(EmulatorError, match="HTTP 404"):
        emu.request("GET", "nope")
    assert_ok({"Result": True, "ResultCode": 0})


def test_emulator_exits_when_its_launcher_dies(tmp_path):
    script = (
        "import os, sys\n"
        f"sys.path.insert(0, {EMULATOR_DIR!r})\n"
        "from mailops_emulator.control import EmulatorProcess\n"
        f"proc = EmulatorProcess({str(tmp_path / 'orphan.json')!r}, admin_password='x').start()\n"
        "print(proc.pid, flush=True)\n"
        "os._exit(0)\n"  # dies without stopping the emulator
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=60)
    pid = int(out.stdout.strip())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, 9)
    pytest.fail("the emulator outlived its launcher")
