# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Operation handlers, one module per SOAP service (``domain_admin.py`` = svcDomainAdmin, ...).

Every module in this package is imported at start-up, so adding a service means adding a module
whose functions use :func:`mailops_emulator.registry.operation`. Modules starting with ``_`` are
helpers and imported only by the modules that use them.
"""

import importlib
import pkgutil

for _info in pkgutil.iter_modules(__path__):
    if not _info.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_info.name}")
