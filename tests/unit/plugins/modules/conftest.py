"""Fixtures of the module unit tests (the pieces live in module_harness)."""
from module_harness import run_module, server  # noqa: F401  pylint: disable=unused-import
