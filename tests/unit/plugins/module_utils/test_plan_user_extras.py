# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning of smartermail_user's ActiveSync, RSS feeds and auto-responder window (no server)."""
import copy

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailops.smartermail.plugins.module_utils._engine import resource as engine
from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail.user.user import UserResource, utc_time

PW = "Old-Secret-Pw-1!"
CURRENT = {"bob": {"name": "bob", "first_name": "", "last_name": "", "domain_admin": False, "password": PW,
                   "activesync": False,
                   "rss_feeds": [{"url": "https://a.example/rss", "name": "A", "folder": "RSS Feeds"},
                                 {"url": "https://b.example/rss", "name": "B", "folder": "RSS Feeds"}],
                   "rss_uids": {"https://a.example/rss": "uid-a", "https://b.example/rss": "uid-b"},
                   "auto_responder": {"enabled": True, "subject": "Away", "body": "", "start": "", "end": ""}}}


def plan(**values):
    values.setdefault("domain", "ex.test")
    checked = ArgumentSpecValidator(**UserResource.argument_spec.to_kwargs()).validate(values)
    assert not checked.error_messages, checked.error_messages
    resource = UserResource(checked.validated_parameters)
    out = engine.plan(resource, engine.validate(resource), copy.deepcopy(CURRENT), {})
    return [(w.operation, w.params) for w in out.plan.writes], out


def test_utc_time():
    assert utc_time("2026-07-01") == "2026-07-01T00:00:00"
    assert utc_time("2026-07-01T08:30") == "2026-07-01T08:30:00"
    assert utc_time("2026-07-01T08:30:00.0000000Z") == "2026-07-01T08:30:00"
    assert utc_time("0001-01-01T00:00:00") == "" and utc_time(None) == ""
    assert utc_time("July") is None


def test_activesync_and_feeds():
    writes, out = plan(name="bob", activesync=True, rss_feeds=[{"url": "https://A.example/rss"},
                                                               {"url": "https://b.example/rss", "name": "Bee"},
                                                               {"url": "https://c.example/rss"}])
    assert writes == [
        ("ToggleActiveSync", {"EmailAddress": "bob@ex.test", "Enabled": True}),
        ("DeleteRSSFeed", {"EmailAddress": "bob@ex.test", "UID": "uid-b"}),
        ("AddRSSFeed", {"EmailAddress": "bob@ex.test", "rssUrl": "https://b.example/rss", "rssName": "Bee",
                        "rssFolder": "RSS Feeds"}),
        ("AddRSSFeed", {"EmailAddress": "bob@ex.test", "rssUrl": "https://c.example/rss",
                        "rssName": "https://c.example/rss", "rssFolder": "RSS Feeds"}),
    ]
    assert plan(name="bob", activesync=False, rss_feeds=[{"url": "https://a.example/RSS".lower()},
                                                         {"url": "https://b.example/rss"}])[0] == []


def test_window_uses_the_newer_auto_responder_call_only_when_managed():
    writes, dummy = plan(name="bob", auto_responder={"start": "2026-07-01", "end": "2026-07-02"})
    assert writes == [("UpdateUserAutoResponseInfo2", {
        "EmailAddress": "bob@ex.test", "Enabled": True, "Subject": "Away", "Body": "",
        "StartDateUTC": "2026-07-01T00:00:00", "EndDateUTC": "2026-07-02T00:00:00"})]
    writes, dummy = plan(name="bob", auto_responder={"subject": "Gone"})
    assert [w[0] for w in writes] == ["UpdateUserAutoResponseInfo"]
    assert plan(name="bob", auto_responder={"start": "", "end": ""})[0] == []


def test_bad_window_and_feeds():
    for values, message in (
            (dict(auto_responder={"start": "2026-07-01", "end": ""}), "start and end of user bob go together"),
            (dict(auto_responder={"start": "2026-07-02", "end": "2026-07-01"}), "must not be after its end"),
            (dict(rss_feeds=[{"url": "gopher://x"}]), "rss_feeds url 'gopher://x' of user bob must be an http")):
        try:
            plan(name="bob", **values)
        except engine.InputError as exc:
            assert message in str(exc)
        else:
            raise AssertionError("no input error for %r" % (values,))
