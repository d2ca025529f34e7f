"""mailops_emulator: a SmarterMail legacy SOAP (ASP.NET .asmx) emulator for tests and demos.

Run it with ``PYTHONPATH=tests/emulator python -m mailops_emulator --port 9998 --state FILE``.
See ``tests/emulator/README.md``.
"""

__version__ = "0.1.0"
