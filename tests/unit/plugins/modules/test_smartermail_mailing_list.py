# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""smartermail_mailing_list, _info, smartermail_user_group and smartermail_mailbox_migration in a module
process, against the in-process emulator."""
from ansible_collections.mailops.smartermail.plugins.modules import (
    smartermail_domain,
    smartermail_mailbox_migration,
    smartermail_mailing_list,
    smartermail_mailing_list_info,
    smartermail_user,
    smartermail_user_group,
)

LIST_PW = "Unit-List-Pw-4f1"


def setup(run_module):
    assert run_module(smartermail_domain, {"name": "unit.test", "primary_admin": "postmaster",
                                           "primary_admin_password": "Pm-Unit-1"})["changed"]
    assert run_module(smartermail_user, {"domain": "unit.test", "name": "alice",
                                         "user_password": "Alice-Unit-1"})["changed"]


def test_list_ladder_and_info_round_trip(server, run_module, capsys):
    setup(run_module)
    args = {"domain": "unit.test", "name": "news", "moderator": "alice", "list_password": LIST_PW,
            "subscribers": ["B@x.test", "a@x.test"], "enable_footer": True}
    before = server.writes()
    check = run_module(smartermail_mailing_list, args, check_mode=True)
    assert check["changed"] and server.writes() == before
    real = run_module(smartermail_mailing_list, args)
    assert real["changed"] and real["mailing_list"]["subscribers"] == ["a@x.test", "b@x.test"]
    written = server.writes()
    assert written == before + 3  # AddList, SetRequestedListSettings, AddSubscriber2
    again = run_module(smartermail_mailing_list, args)
    assert not again["changed"] and server.writes() == written
    assert LIST_PW not in repr([check, real, again])
    info = run_module(smartermail_mailing_list_info, {"domain": "unit.test", "include": ["settings", "subscribers"]})
    assert info["mailing_lists"][0]["enable_footer"] is True
    fed = run_module(smartermail_mailing_list, {"domain": "unit.test", "lists": info["mailing_lists"]})
    assert not fed["changed"] and server.writes() == written


def test_group_and_migration(server, run_module):
    setup(run_module)
    group = run_module(smartermail_user_group, {"domain": "unit.test", "name": "Team", "members": ["alice"]})
    assert group["changed"]
    written = server.writes()
    same = run_module(smartermail_user_group, {"domain": "unit.test", "name": "Team", "members": ["ALICE"]})
    assert not same["changed"] and server.writes() == written
    # the same name in another case renames the group (its spelling is written)
    renamed = run_module(smartermail_user_group, {"domain": "unit.test", "name": "TEAM"})
    assert renamed["changed"] and renamed["user_group"]["name"] == "TEAM" and server.writes() == written + 1
    queued = run_module(smartermail_mailbox_migration, {"destination": "alice@unit.test", "import_type": "gmail",
                                                        "source_password": "Src-Unit-Pw-9"})
    assert queued["changed"] and queued["queue"][0]["status"] == "Queued"
    assert "Src-Unit-Pw-9" not in repr(queued)
    assert not run_module(smartermail_mailbox_migration, {"destination": "alice@unit.test",
                                                          "import_type": "gmail"})["changed"]
