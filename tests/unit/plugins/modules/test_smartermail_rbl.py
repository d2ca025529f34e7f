# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from ansible_collections.mailops.smartermail.plugins.modules import smartermail_rbl

ZEN = {"name": "Spamhaus ZEN", "hostname": "zen.spamhaus.org", "weight": 30, "required_ip": "127.0.0.2",
       "required_ip_enabled": True, "description": "combined", "bitmap_checking": True}


def _stored(server):
    return server.state()["server"]["spam"]["rbls"]


def test_single_ladder(server, run_module):
    check = run_module(smartermail_rbl, ZEN, check_mode=True)
    assert check["changed"] and server.writes() == 0
    assert check["diff"]["before"] == {}
    assert check["diff"]["after"]["hostname"] == "zen.spamhaus.org" and check["diff"]["after"]["filtering"] is True
    real = run_module(smartermail_rbl, ZEN)
    assert real["changed"] and real["changes"] == ["add RBL Spamhaus ZEN"] and server.writes() == 1
    stored = _stored(server)[0]
    assert stored["use_bitmap_checking"] is True and stored["required_ip"] == "127.0.0.2"
    again = run_module(smartermail_rbl, dict(ZEN, name="spamhaus zen", hostname="ZEN.spamhaus.org."))
    assert again["changed"] is False  # the name's case differs: the same check, not renamed
    assert again["rbl"]["name"] == "Spamhaus ZEN" and _stored(server)[0]["name"] == "Spamhaus ZEN"
    again = run_module(smartermail_rbl, dict(ZEN, name="SPAMHAUS ZEN", rename_from="Spamhaus ZEN"))
    assert again["changed"] is True and again["changes"] == ["rename RBL Spamhaus ZEN to SPAMHAUS ZEN"]
    again = run_module(smartermail_rbl, dict(ZEN, rename_from="spamhaus zen"))
    assert again["changed"] is True and again["changes"] == ["rename RBL SPAMHAUS ZEN to Spamhaus ZEN"]
    writes = server.writes()
    assert run_module(smartermail_rbl, ZEN)["changed"] is False
    assert run_module(smartermail_rbl, ZEN, check_mode=True)["changed"] is False
    assert server.writes() == writes


def test_update_only_given_fields(server, run_module):
    run_module(smartermail_rbl, ZEN)
    result = run_module(smartermail_rbl, {"name": "Spamhaus ZEN", "weight": 40, "incoming_blocking": True})
    assert result["changes"] == ["update RBL Spamhaus ZEN (incoming_blocking, weight)"]
    assert result["diff"]["before"]["weight"] == 30 and result["diff"]["after"]["weight"] == 40
    stored = _stored(server)[0]
    assert stored["weight"] == 40 and stored["required_ip"] == "127.0.0.2" and stored["description"] == "combined"


def test_rename_only_through_rename_from(server, run_module):
    run_module(smartermail_rbl, ZEN)
    result = run_module(smartermail_rbl, {"name": "ZEN", "rename_from": "Spamhaus ZEN", "weight": 35})
    assert result["changes"] == ["rename RBL Spamhaus ZEN to ZEN and update weight"]
    assert [r["name"] for r in _stored(server)] == ["ZEN"] and _stored(server)[0]["weight"] == 35
    assert run_module(smartermail_rbl, {"name": "ZEN", "rename_from": "Spamhaus ZEN", "weight": 35})["changed"] is False
    # without rename_from, a new name is a new check and needs hostname and weight
    failed = run_module(smartermail_rbl, {"name": "Other"})
    assert failed["failed"] and failed["msg"] == "hostname and weight are required to create RBL 'Other'"
    run_module(smartermail_rbl, dict(ZEN, name="Spamhaus ZEN"))
    both = run_module(smartermail_rbl, {"name": "ZEN", "rename_from": "Spamhaus ZEN"})
    assert both["failed"] and "cannot rename RBL 'Spamhaus ZEN' to 'ZEN': both exist" in both["msg"]


def test_absent(server, run_module):
    run_module(smartermail_rbl, ZEN)
    gone = run_module(smartermail_rbl, {"name": "spamhaus zen", "state": "absent"})
    assert gone["changed"] and gone["changes"] == ["remove RBL Spamhaus ZEN"] and _stored(server) == []
    assert run_module(smartermail_rbl, {"name": "spamhaus zen", "state": "absent"})["changed"] is False


def test_input_checked_before_any_call(server, run_module):
    result = run_module(smartermail_rbl, {"name": "x", "hostname": "not a host", "weight": 500,
                                          "required_ip": "300.1.1.1"})
    assert result["failed"]
    assert "RBL 'x': weight must be an integer from -100 to 100, got 500" in result["msg"]
    assert "RBL 'x': hostname" in result["msg"] and "RBL 'x': required_ip '300.1.1.1' is not a valid IPv4" in result["msg"]
    assert server.requests == []
    no_ip = run_module(smartermail_rbl, {"name": "x", "hostname": "x.example.org", "weight": 5,
                                         "required_ip_enabled": True})
    assert no_ip["failed"] and "required_ip_enabled needs a required_ip" in no_ip["msg"] and server.writes() == 0


def test_list_one_read_writes_only_differences_and_purge(server, run_module):
    base = [ZEN, {"name": "SpamCop", "hostname": "bl.spamcop.net", "weight": 20},
            {"name": "Local", "hostname": "rbl.example.org", "weight": 5}]
    first = run_module(smartermail_rbl, {"rbls": base})
    assert first["created"] == ["Spamhaus ZEN", "SpamCop", "Local"] and server.writes() == 3
    server.emulator.counters.reset()
    result = run_module(smartermail_rbl, {"rbls": [
        ZEN, {"name": "SpamCop", "hostname": "bl.spamcop.net", "weight": 25},
        {"name": "SURBL", "hostname": "multi.surbl.org", "weight": 20, "uribl": True}]})
    ops = server.counters()["operations"]
    # one read of the list, one of the check right before the EditRBL (it resends the whole check), one read back
    assert ops["svcSpamAdmin.ListRBLs"]["reads"] == 2 and ops["svcSpamAdmin.GetRBL"]["reads"] == 1
    assert server.writes() == 2
    assert result["created"] == ["SURBL"] and result["updated"] == ["SpamCop"] and result["removed"] == []
    assert [r["name"] for r in result["rbls"]] == ["Spamhaus ZEN", "SpamCop", "Local", "SURBL"]
    assert result["diff"]["before"]["rbls"]["SpamCop"]["weight"] == 20
    assert result["diff"]["after"]["rbls"]["SpamCop"]["weight"] == 25

    purge = {"rbls": [ZEN], "purge": True, "keep": ["local"]}
    check = run_module(smartermail_rbl, purge, check_mode=True)
    assert check["removed"] == ["SpamCop", "SURBL"] and server.writes() == 2
    done = run_module(smartermail_rbl, purge)
    assert [r["name"] for r in done["rbls"]] == ["Spamhaus ZEN", "Local"]
    assert [r["name"] for r in _stored(server)] == ["Spamhaus ZEN", "Local"]
    assert run_module(smartermail_rbl, purge)["changed"] is False


def test_list_rename_and_absent(server, run_module):
    run_module(smartermail_rbl, {"rbls": [ZEN, {"name": "Old", "hostname": "old.example.org", "weight": 5}]})
    result = run_module(smartermail_rbl, {"rbls": [
        {"name": "New", "rename_from": "old"}, {"name": "Spamhaus ZEN", "state": "absent"}], "purge": True})
    assert result["renamed"] == ["New"] and result["removed"] == ["Spamhaus ZEN"]
    assert [(r["name"], r["hostname"]) for r in _stored(server)] == [("New", "old.example.org")]


def test_list_duplicates_refused(server, run_module):
    result = run_module(smartermail_rbl, {"rbls": [ZEN, dict(ZEN, name="spamhaus zen")]})
    assert result["failed"] and "RBL 'spamhaus zen' is listed more than once" in result["msg"]
    assert server.requests == []


def test_keep_that_cannot_match_is_refused_before_any_call(server, run_module):
    result = run_module(smartermail_rbl, {"rbls": [ZEN], "purge": True, "keep": ["x" * 101]})
    assert result["failed"] and "keep entry" in result["msg"] and "cannot match any rbl" in result["msg"]
    assert server.requests == []
