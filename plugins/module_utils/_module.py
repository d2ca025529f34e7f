# -*- coding: utf-8 -*-
# Copyright: mailops.smartermail contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Thin AnsibleModule glue shared by every SmarterMail module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.mailops.smartermail.plugins.module_utils._errors import PleskError, SmarterMailError
from ansible_collections.mailops.smartermail.plugins.module_utils._reconcile import Plan
from ansible_collections.mailops.smartermail.plugins.module_utils._runner import MissingLibrary, TaskFailed, run_task


def run_resource(resource_class):
    """A module's whole ``main()``: validate the options, run the task, exit or fail."""
    from ansible_collections.mailops.smartermail.plugins.module_utils._argspec import module_spec
    module = AnsibleModule(supports_check_mode=True, **module_spec(resource_class).to_kwargs())
    module.no_log_values.update(v for v in resource_class.secret_values(module.params) if v)
    try:
        result = run_task(resource_class, module.params, module.check_mode, module._diff)
    except MissingLibrary as exc:
        module.fail_json(msg=missing_required_lib(exc.library), **exc.details)
    except TaskFailed as exc:
        module.fail_json(msg=exc.msg, **exc.details)
    for warning in result.pop("warnings", []):
        module.warn(warning)
    module.exit_json(**result)


def connection_env(prefix):
    """Connection option name -> environment variable, for a product prefix (SMARTERMAIL, PLESK)."""
    return dict((name, "%s_%s" % (prefix, name.upper()))
                for name in ("url", "username", "password", "validate_certs", "ca_path", "timeout", "retries"))


CONNECTION_ENV = connection_env("SMARTERMAIL")


def connection_argument_spec(env_names=None):
    """A new dict with the connection options; each falls back to its environment variable."""
    env_names = env_names or CONNECTION_ENV

    def env(name):
        return (env_fallback, [env_names[name]])

    return dict(
        url=dict(type="str", fallback=env("url")),
        username=dict(type="str", fallback=env("username")),
        password=dict(type="str", no_log=True, fallback=env("password")),
        validate_certs=dict(type="bool", default=True, fallback=env("validate_certs")),
        ca_path=dict(type="path", fallback=env("ca_path")),
        timeout=dict(type="int", default=30, fallback=env("timeout")),
        retries=dict(type="int", default=3, fallback=env("retries")),
    )


class BaseModule:
    """AnsibleModule plus a lazily built client, input errors, a write plan and failure reports.

    Subclasses name their environment variables, the connection options they require, how to
    build their client and which exception class their client raises.
    """

    ENV = CONNECTION_ENV
    REQUIRED_CONNECTION = ("url", "username", "password")
    ERROR = SmarterMailError

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec(self.ENV)
        spec.update(argument_spec)
        kwargs.setdefault("supports_check_mode", True)
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.plan = Plan(check_mode=self.check_mode)
        self._client = None

    def missing_connection(self):
        return ["%s (or the %s environment variable)" % (name, self.ENV[name])
                for name in self.REQUIRED_CONNECTION if not self.params.get(name)]

    def build_client(self):
        raise NotImplementedError

    @property
    def client(self):
        if self._client is None:
            missing = self.missing_connection()
            if missing:
                self.fail("missing connection options: " + ", ".join(missing))
            try:
                self._client = self.build_client()
            except self.ERROR as exc:
                self.fail(str(exc))
        return self._client

    def call(self, service, operation, **params):
        return self.client.call(service, operation, **params)

    def fail(self, msg, **kwargs):
        if self.plan.applied:
            kwargs.setdefault("changed", True)
            kwargs["changes_applied"] = list(self.plan.applied)
            msg = "%s; changes applied before the failure: %s" % (msg, "; ".join(self.plan.applied))
        elif self.plan.writes and not self.check_mode:
            kwargs["changes_applied"] = []
        self.module.fail_json(msg=msg, **kwargs)

    def check_input(self, errors):
        """Fail before any call when validation found errors."""
        if errors:
            self.fail("invalid input: " + "; ".join(errors))

    def run(self, body):
        """Run ``body(self)`` and turn every SmarterMailError into one clean failed task."""
        try:
            result = body(self)
        except self.ERROR as exc:
            self.fail(str(exc), **self.error_details(exc))
        except Exception as exc:  # a bug must still fail cleanly, with the trace in the result
            self.fail("unexpected error: %s: %s" % (exc.__class__.__name__, self._scrub(exc)),
                      exception=self._scrub(traceback.format_exc()))
        if not self.module._diff:
            # Ansible shows a diff only in diff mode; a large one only costs time (bulk tasks).
            result.pop("diff", None)
        result.setdefault("changed", self.plan.changed)
        if self.plan.writes:
            result.setdefault("changes", self.plan.descriptions())
        self.module.exit_json(**result)

    def error_details(self, exc):
        return {}

    def apply(self):
        """Apply the planned writes (none in check mode)."""
        self.plan.apply()

    def _scrub(self, text):
        text = "%s" % (text,)
        secret = self.params.get("password")
        return text.replace(secret, "********") if secret else text


class SmarterMailModule(BaseModule):
    """A module that talks to SmarterMail's SOAP web services."""

    def build_client(self):
        # Imported here: a task compiles only the client it uses.
        from ansible_collections.mailops.smartermail.plugins.module_utils._smartermail_client import SmarterMailClient
        return SmarterMailClient(
            self.params["url"], self.params["username"], self.params["password"],
            validate_certs=self.params["validate_certs"], ca_path=self.params["ca_path"],
            timeout=self.params["timeout"], retries=self.params["retries"])

    def error_details(self, exc):
        return dict(service=exc.service, operation=exc.operation, result_code=exc.result_code)


PLESK_ENV = connection_env("PLESK")
PLESK_ENV["api_key"] = "PLESK_API_KEY"


class PleskModule(BaseModule):
    """A module that talks to Plesk's XML API (agent.php): login and password, or a secret key."""

    ENV = PLESK_ENV
    ERROR = PleskError

    def __init__(self, argument_spec, **kwargs):
        spec = dict(api_key=dict(type="str", no_log=True, fallback=(env_fallback, [PLESK_ENV["api_key"]])))
        spec.update(argument_spec)
        super(PleskModule, self).__init__(spec, **kwargs)

    def missing_connection(self):
        env, params = self.ENV, self.params
        missing = []
        if not params.get("url"):
            missing.append("url (or the %s environment variable)" % env["url"])
        if not params.get("api_key") and not (params.get("username") and params.get("password")):
            missing.append("username and password (or the %s and %s environment variables), or api_key "
                           "(or the %s environment variable)" % (env["username"], env["password"], env["api_key"]))
        return missing

    def build_client(self):
        from ansible_collections.mailops.smartermail.plugins.module_utils._plesk_client import (
            HAS_LXML, LXML_IMPORT_ERROR, PleskClient)
        if not HAS_LXML:
            self.module.fail_json(msg=missing_required_lib("lxml"), exception="%s" % LXML_IMPORT_ERROR)
        params = self.params
        use_login = bool(params.get("username") and params.get("password"))
        return PleskClient(
            params["url"], username=params["username"] if use_login else None,
            password=params["password"] if use_login else None,
            api_key=None if use_login else params.get("api_key"),
            validate_certs=params["validate_certs"], ca_path=params["ca_path"],
            timeout=params["timeout"], retries=params["retries"])

    def error_details(self, exc):
        return dict(operation=exc.operation, errcode=exc.errcode)

    def _scrub(self, text):
        text = super(PleskModule, self)._scrub(text)
        secret = self.params.get("api_key")
        return text.replace(secret, "********") if secret else text
