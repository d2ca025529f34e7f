# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The transport against a real HTTP server on loopback: redirects, size cap, overall deadline,
secrets in every encoding, DTDs in every encoding, the WSDL cache's trust rules."""
import http.server
import json
import os
import threading
import time

import pytest

from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail import soap_client as sc
from ansible_collections.mailops.smartermail.plugins.module_utils._transport.http import HttpSession, TransportError


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/headers":
            body = json.dumps({"authorization": self.headers.get("Authorization")}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.invalid/Services/x.asmx?WSDL")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(3 * 1024 * 1024))
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for dummy in range(48):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for dummy in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        else:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"<html><body>Internal failure: database locked</body></html>")


@pytest.fixture(scope="module")
def base_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_redirects_are_not_followed_and_named(base_url):
    with pytest.raises(TransportError) as info:
        HttpSession(timeout=5).request("GET", base_url + "/redirect")
    assert "elsewhere.invalid" in str(info.value) and "not followed" in str(info.value)


@pytest.mark.parametrize("validate_certs", [True, False])
def test_https_to_a_plain_http_port_says_the_server_does_not_speak_tls(base_url, validate_certs):
    url = base_url.replace("http://", "https://") + "/anything"
    with pytest.raises(TransportError) as info:
        HttpSession(timeout=5, validate_certs=validate_certs).request("GET", url)
    text = str(info.value)
    assert "does not speak TLS" in text and "http:// URL" in text
    assert "certificate" not in text and "ca_path" not in text and info.value.sent is False


def test_a_netrc_entry_for_the_host_does_not_replace_the_task_s_authorization(base_url, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password elsewhere-pw\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    session = HttpSession(timeout=5)
    status, body = session.request("GET", base_url + "/headers", headers={"Authorization": "Bearer the-task-token"})
    assert status == 200 and json.loads(body) == {"authorization": "Bearer the-task-token"}
    status, body = HttpSession(timeout=5).request("GET", base_url + "/headers")
    assert json.loads(body) == {"authorization": None}


def test_body_size_is_capped(base_url):
    with pytest.raises(TransportError, match="larger than 1 MB"):
        HttpSession(timeout=10, max_body=1024 * 1024).request("GET", base_url + "/big")


def test_timeout_bounds_the_whole_request(base_url):
    with pytest.raises(TransportError, match="timeout bounds the whole request"):
        HttpSession(timeout=1).request("GET", base_url + "/trickle")


def test_http_error_pages_are_shown_short_and_scrubbed(base_url, tmp_path):
    session = HttpSession(timeout=5, secrets=["locked"])
    status, body = session.request("GET", base_url + "/fail")
    assert status == 500
    client = sc.SmarterMailClient(base_url, "admin", "locked", cache_dir=str(tmp_path))
    message = client._http_status(status, body)
    assert message.startswith("HTTP 500: ") and "database ********" in message and "<html>" in message


@pytest.mark.parametrize("secret", ["M3ta&<pw>", "a\"b'c", "p@ss w/rd+%", "tab\tand\\slash"])
def test_secrets_are_scrubbed_in_every_encoding(secret):
    from urllib.parse import quote, quote_plus
    from xml.sax.saxutils import escape
    session = HttpSession(secrets=[secret])
    for form in (secret, escape(secret), quote(secret, safe=""), quote_plus(secret, safe=""),
                 json.dumps(secret)[1:-1]):
        assert session.scrub("fault: <%s>" % form) == "fault: <********>", form


def test_secrets_read_from_the_server_are_scrubbed_too(tmp_path):
    client = sc.SmarterMailClient("http://127.0.0.1:1", "admin", "pw-1", cache_dir=str(tmp_path))
    client.add_secret("Stored&Pw")
    assert "Stored" not in client._scrub("echo: Stored&amp;Pw and Stored&Pw")


DOC = '<?xml version="1.0" encoding="%s"?><!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "iso-8859-1"])
def test_dtds_are_found_in_every_encoding(encoding):
    codec = {"utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(encoding, encoding)
    declared = "utf-16" if encoding.startswith("utf-16") else encoding
    assert sc.has_dtd((DOC % declared).encode(codec))
    assert not sc.has_dtd(('<?xml version="1.0" encoding="%s"?><a><!-- note --><b/></a>' % declared).encode(codec))


def test_a_planted_cache_entry_is_not_trusted(tmp_path):
    url = "http://mail.example.test/Services/svcAliasAdmin.asmx?WSDL"
    shared = tmp_path / "shared"
    shared.mkdir()
    cache = sc.SignatureCache(str(shared))
    cache.put(url, {"operations": {}, "types": {}, "checked": time.time()})
    assert sc.SignatureCache(str(shared)).get(url) is not None
    os.chmod(str(shared), 0o777)
    assert sc.SignatureCache(str(shared)).get(url) is None
    os.chmod(str(shared), 0o700)
    os.chmod(cache._path(url), 0o666)
    assert sc.SignatureCache(str(shared)).get(url) is None


def test_an_entry_dated_in_the_future_is_not_fresh(tmp_path):
    cache = sc.SignatureCache(str(tmp_path))
    assert cache.fresh({"checked": time.time() - 10})
    assert not cache.fresh({"checked": time.time() + 10 ** 9})
    assert not cache.fresh({"checked": "never"})
