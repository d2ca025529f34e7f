# -*- coding: utf-8 -*-
# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Thin AnsibleModule glue: a module's whole ``main()`` is ``run_resource(TheResource)``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.mailops.smartermail.plugins.module_utils._engine.argspec import module_spec
from ansible_collections.mailops.smartermail.plugins.module_utils._engine.runner import MissingLibrary, TaskFailed, run_task


def run_resource(resource_class):
    """Validate the options, run the task through the runner, exit or fail."""
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
