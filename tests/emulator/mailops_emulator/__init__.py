# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""mailops_emulator: a SmarterMail legacy SOAP (ASP.NET .asmx) emulator for tests and demos.

Run it with ``PYTHONPATH=tests/emulator python -m mailops_emulator --port 9998 --state FILE``.
See ``tests/emulator/README.md``.
"""

__version__ = "0.1.0"
