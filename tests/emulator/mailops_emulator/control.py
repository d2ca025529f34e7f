# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Start, stop and steer a real emulator process (stdlib only: usable from pytest and Ansible).

    from mailops_emulator.control import EmulatorProcess

    with EmulatorProcess("/tmp/state.json", admin_password="pw") as emu:
        emu.reset()
        url = emu.service_url("svcAliasAdmin")        # http://127.0.0.1:PORT/Services/svcAliasAdmin.asmx
        emu.fault("svcAliasAdmin", "GetAliases", "http503", count=2)
        print(emu.counters()["writes"])

The process is ``python -m mailops_emulator --port 0 ...`` with PYTHONPATH pointing at the
directory that holds this package; it is stopped by PID. ``restart()`` keeps the same port, so
URLs (and clients that cached them) stay valid across a restart or a ``kill9()``.
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LISTENING_PREFIX = "mailops-emulator listening on "
PLESK_LISTENING_PREFIX = "mailops-emulator plesk listening on "


class EmulatorError(RuntimeError):
    pass


class EmulatorProcess:
    def __init__(
        self,
        state_path: str,
        tls: bool = False,
        admin_user: str = "admin",
        admin_password: str = "admin",
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        cert_dir: str | None = None,
        python: str | None = None,
        extra_args: list[str] | None = None,
        log_path: str | None = None,
        start_timeout: float = 20.0,
        env: dict | None = None,
        plesk: bool = False,
        plesk_port: int = 0,
        plesk_api_key: str | None = None,
        exit_with_parent: bool = True,
    ) -> None:
        self.state_path = os.path.abspath(state_path)
        self.tls = tls
        self.admin_user = admin_user
        self.admin_password = admin_password
        self.host = host
        self.port = port
        self.cert_dir = cert_dir or os.path.join(os.path.dirname(self.state_path), "emulator-tls")
        self.python = python or sys.executable
        self.extra_args = list(extra_args or [])
        self.log_path = log_path or self.state_path + ".log"
        self.start_timeout = start_timeout
        self.env = env
        # The emulator stops by itself when the process that started it is gone (no orphans).
        self.exit_with_parent = exit_with_parent
        self.proc: subprocess.Popen | None = None
        self.url: str | None = None
        self.banner_lines: list[str] = []
        # The Plesk XML API listener (HTTPS, self-signed certificate in cert_dir), sharing the state.
        self.plesk = plesk
        self.plesk_port = plesk_port
        self.plesk_api_key = plesk_api_key
        self.plesk_url: str | None = None

    # ------------------------------------------------------------------ process
    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def ca_path(self) -> str | None:
        """The self-signed certificate (also its own CA) when running with TLS."""
        return os.path.join(self.cert_dir, "emulator-cert.pem") if self.tls else None

    @property
    def plesk_ca_path(self) -> str | None:
        """The certificate of the Plesk listener (always HTTPS; also its own CA)."""
        return os.path.join(self.cert_dir, "emulator-cert.pem") if self.plesk else None

    def command(self) -> list[str]:
        cmd = [
            self.python,
            "-m",
            "mailops_emulator",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--state",
            self.state_path,
            "--admin-user",
            self.admin_user,
        ]
        if self.tls:
            cmd += ["--tls", "--cert-dir", self.cert_dir]
        if self.exit_with_parent:
            cmd += ["--parent-pid", str(os.getpid())]
        if self.plesk:
            cmd += ["--plesk-port", str(self.plesk_port)] + ([] if self.tls else ["--cert-dir", self.cert_dir])
        return cmd + self.extra_args

    def start(self) -> "EmulatorProcess":
        if self.proc is not None and self.proc.poll() is None:
            raise EmulatorError(f"emulator already running (pid {self.proc.pid})")
        env = dict(os.environ if self.env is None else self.env)
        env["PYTHONPATH"] = PACKAGE_PARENT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env["PYTHONUNBUFFERED"] = "1"
        # The password goes through the environment, not argv (argv is visible in `ps`).
        env["MAILOPS_EMULATOR_ADMIN_PASSWORD"] = self.admin_password
        if self.plesk_api_key:
            env["MAILOPS_EMULATOR_PLESK_API_KEY"] = self.plesk_api_key
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=subprocess.PIPE,
                stderr=log,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        finally:
            log.close()
        line = self._read_banner()
        self.url = line[len(LISTENING_PREFIX) :].strip()
        self.port = int(self.url.rsplit(":", 1)[1])
        if self.plesk:
            self.plesk_url = self._read_plesk_banner()
            self.plesk_port = int(self.plesk_url.rsplit(":", 1)[1])
        return self

    def _read_plesk_banner(self) -> str:
        """The Plesk banner is printed right after the SmarterMail one."""
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            for line in list(self.banner_lines):
                if line.startswith(PLESK_LISTENING_PREFIX):
                    return line[len(PLESK_LISTENING_PREFIX) :].strip()
            if self.proc is None or self.proc.poll() is not None:
                break
            time.sleep(0.02)
        code = self.proc.poll() if self.proc else None
        self._kill()
        raise EmulatorError(f"the Plesk listener did not start (exit code {code}); see {self.log_path}:\n{self._log_tail()}")

    def _read_banner(self) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        found: list[str] = []

        def reader() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            for raw in self.proc.stdout:
                text = raw.decode("utf-8", "replace").rstrip("\n")
                self.banner_lines.append(text)
                if text.startswith(LISTENING_PREFIX) and not found:
                    found.append(text)
            # keep draining until the process closes stdout so it never blocks on a full pipe

        thread = threading.Thread(target=reader, name="emulator-stdout", daemon=True)
        thread.start()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if found:
                return found[0]
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        if found:
            return found[0]
        code = self.proc.poll()
        self._kill()
        raise EmulatorError(f"emulator did not start (exit code {code}); see {self.log_path}:\n{self._log_tail()}")

    def _log_tail(self, lines: int = 20) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as fh:
                return "".join(fh.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM by PID, wait, SIGKILL if it does not exit. Returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._kill()
        code = self.proc.returncode
        self._close()
        return code

    def kill9(self) -> None:
        """SIGKILL by PID (a crash: nothing is flushed or cleaned up by the emulator)."""
        self._kill()
        self._close()

    def _kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)

    def _close(self) -> None:
        if self.proc is not None and self.proc.stdout is not None:
            try:
                self.proc.stdout.close()
            except OSError:
                pass
        self.proc = None

    def restart(self) -> "EmulatorProcess":
        """Stop (if running) and start again on the same port with the same state file."""
        if self.proc is not None:
            self.stop()
        deadline = time.monotonic() + 10
        while True:
            try:
                return self.start()
            except EmulatorError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def __enter__(self) -> "EmulatorProcess":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --------------------------------------------------------------------- URLs
    def service_url(self, service: str) -> str:
        return f"{self._base()}/Services/{service}.asmx"

    def wsdl_url(self, service: str) -> str:
        return self.service_url(service) + "?WSDL"

    def _base(self) -> str:
        if not self.url:
            raise EmulatorError("emulator not started")
        return self.url

    # --------------------------------------------------------------- control API
    def _ssl_context(self):
        if not self.tls:
            return None
        return ssl.create_default_context(cafile=self.ca_path)

    def request(self, method: str, route: str, body=None, timeout: float = 30.0):
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(
            f"{self._base()}/__emulator__/{route}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"} if data is not None else {},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout, context=self._ssl_context()) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            raise EmulatorError(f"{method} /__emulator__/{route}: HTTP {exc.code}: {detail}") from None

    def health(self) -> dict:
        return self.request("GET", "health")

    def reset(self, state: dict | None = None) -> dict:
        return self.request("POST", "reset", {"state": state} if state is not None else {})

    def state(self) -> dict:
        return self.request("GET", "state")

    def counters(self) -> dict:
        return self.request("GET", "counters")

    def reset_counters(self) -> dict:
        return self.request("POST", "counters/reset", {})

    def fault(
        self,
        service: str = "*",
        operation: str = "*",
        fault: str = "http500",
        count: int = 1,
        seconds: float | None = None,
        message: str | None = None,
        on: str | None = None,
        code: int | None = None,
    ) -> dict:
        spec: dict = {"service": service, "operation": operation, "fault": fault, "count": count}
        if code is not None:
            spec["code"] = code
        if seconds is not None:
            spec["seconds"] = seconds
        if message is not None:
            spec["message"] = message
        if on is not None:
            spec["on"] = on
        return self.request("POST", "faults", spec)

    def faults(self) -> list:
        return self.request("GET", "faults")

    def clear_faults(self) -> dict:
        return self.request("DELETE", "faults")

    def set_mx(self, names: list[str]) -> dict:
        return self.request("POST", "mx", {"names": list(names)})

    def operations(self) -> dict:
        return self.request("GET", "operations")

    # ------------------------------------------------------------------- Plesk
    @property
    def plesk_agent_url(self) -> str:
        if not self.plesk_url:
            raise EmulatorError("the Plesk listener is not started (EmulatorProcess(..., plesk=True))")
        return self.plesk_url + "/enterprise/control/agent.php"

    def plesk_state(self) -> dict:
        return self.request("GET", "plesk")

    def plesk_mailboxes(self, names: list[str] | None = None, add: list[str] | None = None,
                        remove: list[str] | None = None) -> dict:
        """Seed the mailboxes Plesk knows besides the SmarterMail users: ``names`` replaces."""
        body: dict = {}
        if names is not None:
            body["names"] = list(names)
        if add:
            body["add"] = list(add)
        if remove:
            body["remove"] = list(remove)
        return self.request("POST", "plesk/mailboxes", body)

    def plesk_installed(self, installed: bool) -> dict:
        """False: SpamAssassin 'not installed', every <spamfilter> result is errcode 1026."""
        return self.request("POST", "plesk/installed", {"installed": bool(installed)})

    def plesk_add_key(self, key: str) -> dict:
        return self.request("POST", "plesk/keys", {"key": key})
