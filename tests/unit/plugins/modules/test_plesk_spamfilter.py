# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""plesk_spamfilter and plesk_spamfilter_info with a fake transport: the emulator's Plesk WSGI app
called in-process (no socket), so the modules run against the emulator's rules and counters."""
import pytest
from werkzeug.test import Client

from ansible_collections.mailops.smartermail.plugins.module_utils._transport import http as _http
from ansible_collections.mailops.smartermail.plugins.modules import plesk_spamfilter, plesk_spamfilter_info
from mailops_emulator.core import Emulator
from mailops_emulator.plesk import make_app

PLESK_URL = "https://plesk.unit.test:8443"
PLESK_PASSWORD = "Plesk-Module-Pw-3d"
PLESK_KEY = "Plesk-Module-Key-9e"


class PleskServer:
    def __init__(self, tmp_path):
        self.emulator = Emulator(str(tmp_path / "state.json"), admin_user="admin", admin_password=PLESK_PASSWORD)
        self.web = Client(make_app(self.emulator, api_key=PLESK_KEY))
        self.requests = []
        with self.emulator.store.lock:
            self.emulator.store.doc["plesk"] = {"mailboxes": ["a@x.test", "b@x.test", "c@x.test"]}

    def request(self, method, url, data=None, headers=None):
        assert url == PLESK_URL + "/enterprise/control/agent.php"
        self.requests.append(dict(headers or {}))
        response = self.web.open("/enterprise/control/agent.php", method=method, data=data, headers=headers or {},
                                 base_url=PLESK_URL)
        return response.status_code, response.get_data()

    def ops(self):
        return self.emulator.counters.as_dict()["operations"]

    def writes(self):
        return self.emulator.counters.as_dict()["writes"]


@pytest.fixture
def plesk(tmp_path, monkeypatch):
    srv = PleskServer(tmp_path)
    monkeypatch.setattr(_http.HttpSession, "request", lambda self, *a, **k: srv.request(*a, **k))
    for name in ("PLESK_URL", "PLESK_USERNAME", "PLESK_PASSWORD", "PLESK_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    return srv


def login(**args):
    args.update(url=PLESK_URL, username="admin", password=PLESK_PASSWORD)
    return args


def test_one_mailbox_ladder(plesk, run_module):
    args = login(name="A@x.test", enabled=True, required_score=5, black_list=["*@Spam.test"])
    check = run_module(plesk_spamfilter, args, check_mode=True, connection=False)
    assert check["changed"] and plesk.writes() == 0
    assert check["diff"]["before"]["enabled"] is False
    assert check["diff"]["after"] == dict(check["diff"]["before"], enabled=True, required_score=5.0,
                                          black_list=["*@spam.test"])
    real = run_module(plesk_spamfilter, args, connection=False)
    assert real["changed"] and real["spamfilter"] == check["diff"]["after"]
    assert plesk.writes() == 2
    assert real["changes"] == ["set spam filter of a@x.test: enable, required-score=5",
                               "add to the black list of a@x.test: *@Spam.test"]
    again = run_module(plesk_spamfilter, args, connection=False)
    assert not again["changed"] and plesk.writes() == 2
    assert PLESK_PASSWORD not in str(again)
    assert plesk.requests[0]["HTTP_AUTH_LOGIN"] == "admin"


def test_many_one_get_and_shared_set(plesk, run_module):
    args = login(mailboxes=[{"name": "admin", "max_children": 2}, {"name": "b@x.test", "action": "delete"},
                            {"name": "c@x.test", "action": "delete", "white_list": []}])
    result = run_module(plesk_spamfilter, args, connection=False)
    ops = plesk.ops()
    assert ops["plesk.spamfilter.get"]["reads"] == 1
    assert ops["plesk.spamfilter.get-patterns"]["reads"] == 1
    assert ops["plesk.spamfilter.set"]["writes"] == 2
    assert result["updated"] == ["admin", "b@x.test", "c@x.test"]
    assert [f["name"] for f in result["spamfilters"]] == ["admin", "b@x.test", "c@x.test"]
    assert result["diff"]["after"]["spamfilters"]["admin"]["max_children"] == 2


def test_purge_removes_only_with_purge(plesk, run_module):
    run_module(plesk_spamfilter, login(name="a@x.test", white_list=["x@y.test", "z@y.test"]), connection=False)
    kept = run_module(plesk_spamfilter, login(name="a@x.test", white_list=["x@y.test"]), connection=False)
    assert not kept["changed"] and kept["spamfilter"]["white_list"] == ["x@y.test", "z@y.test"]
    purged = run_module(plesk_spamfilter, login(name="a@x.test", white_list=["x@y.test"], purge=True),
                        connection=False)
    assert purged["changed"] and purged["spamfilter"]["white_list"] == ["x@y.test"]
    assert plesk.ops()["plesk.spamfilter.del-pattern"]["writes"] == 1


def test_info_shape_and_key_from_environment(plesk, run_module, monkeypatch):
    monkeypatch.setenv("PLESK_URL", PLESK_URL)
    monkeypatch.setenv("PLESK_API_KEY", PLESK_KEY)
    result = run_module(plesk_spamfilter_info, {"names": ["admin", "B@x.test"]}, connection=False)
    assert not result["changed"]
    admin, box = result["spamfilters"]
    assert admin == {"name": "admin", "enabled": True, "personal": True, "max_children": 5,
                     "use_server_wide_settings": True, "required_score": 7.0, "rewrite_header": "*****SPAM*****",
                     "black_list": [], "white_list": []}
    assert box["name"] == "b@x.test" and box["action"] == "mark" and box["unwhite_list"] == []
    assert plesk.requests[0]["KEY"] == PLESK_KEY and "HTTP_AUTH_LOGIN" not in plesk.requests[0]
    assert PLESK_KEY not in str(result)
    fed = run_module(plesk_spamfilter, {"mailboxes": result["spamfilters"], "purge": True}, connection=False)
    assert not fed["changed"] and plesk.writes() == 0


def test_input_errors_before_any_call(plesk, run_module):
    result = run_module(plesk_spamfilter, login(name="a@x.test", personal=True, unwhite_list=["bad"]),
                        connection=False)
    assert result["failed"]
    assert "personal can only be set server-wide (name: admin), not for mailbox a@x.test" in result["msg"]
    assert "pattern 'bad' of unwhite_list of a@x.test" in result["msg"]
    result = run_module(plesk_spamfilter, login(name="admin", unblack_list=["a@b.test"]), connection=False)
    assert "unblack_list can only be set for a mailbox" in result["msg"]
    assert plesk.requests == []


def test_missing_connection_names_the_environment(plesk, run_module):
    result = run_module(plesk_spamfilter_info, {"names": ["admin"]}, connection=False)
    assert result["failed"]
    assert result["msg"] == ("missing connection options: url (or the PLESK_URL environment variable), username "
                             "and password (or the PLESK_USERNAME and PLESK_PASSWORD environment variables), or "
                             "api_key (or the PLESK_API_KEY environment variable)")


def test_server_error_message(plesk, run_module):
    result = run_module(plesk_spamfilter, login(name="nobody@x.test", enabled=True), connection=False)
    assert result["failed"] and result["errcode"] == 1013
    assert result["msg"].startswith("Plesk plesk.unit.test:8443 spamfilter.get for nobody@x.test failed: "
                                    "Object not found. (errcode 1013)")
    result = run_module(plesk_spamfilter, dict(login(name="admin", enabled=True), password="wrong-pw"),
                        connection=False)
    assert "(errcode 1001); check username and password" in result["msg"]
