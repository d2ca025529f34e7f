# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Command line: ``python -m mailops_emulator --port 9998 --state FILE [--tls]``."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable

from werkzeug.serving import WSGIRequestHandler, make_server

BANNER = "mailops-emulator listening on {url}"


class RequestHandler(WSGIRequestHandler):
    """Looks like IIS on the wire; access logging is done by the app (never with bodies)."""

    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    def log_request(self, code="-", size="-") -> None:  # noqa: D401 - silence werkzeug's access log
        return None


@dataclass
class Listener:
    """One port the emulator serves. ``banner`` is printed to stdout once listening."""

    name: str
    port: int
    app: Callable
    banner: str
    tls: bool | None = None  # None: follow --tls; True/False: force (e.g. Plesk is always HTTPS)
    handler: type | None = None  # request handler class (None: RequestHandler)


def build_listeners(args, emulator) -> list[Listener]:
    """The servers to start. Extension point: the Plesk XML API listener (``--plesk-port``) comes
    from ``mailops_emulator/plesk.py`` exposing ``make_app(emulator) -> wsgi_app``."""
    from .app import SmarterMailApp

    from . import plesk

    smartermail = SmarterMailApp(emulator)
    smartermail.json_api.mode = getattr(args, "api", "both")
    # Plesk's test controls live under the same /__emulator__/ path (plesk/...).
    smartermail.control_routes.update(plesk.control_routes(emulator))
    listeners = [Listener("smartermail", args.port, smartermail, BANNER)]
    if args.plesk_port is not None:
        # Always HTTPS, like Plesk's port 8443; the same self-signed certificate as --tls.
        listeners.append(
            Listener(
                "plesk",
                args.plesk_port,
                plesk.make_app(emulator, api_key=args.plesk_api_key),
                "mailops-emulator plesk listening on {url}",
                tls=True,
                handler=plesk.request_handler_class(),
            )
        )
    return listeners


def loopback_host(host: str) -> str:
    if host.lower() == "localhost":
        return "127.0.0.1"
    try:
        addr = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise SystemExit(f"--host {host!r}: only a loopback address is allowed (127.0.0.1, ::1, localhost)") from None
    if not addr.is_loopback:
        raise SystemExit(f"--host {host!r}: only a loopback address is allowed (127.0.0.1, ::1, localhost)")
    return str(addr)


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m mailops_emulator", description="SmarterMail SOAP emulator")
    p.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=9998, help="SOAP port; 0 picks a free one (default 9998)")
    p.add_argument("--state", required=True, help="JSON state file (created if missing, loaded if present)")
    p.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed certificate")
    p.add_argument("--cert-dir", help="where the self-signed certificate lives (default: <state dir>/emulator-tls)")
    p.add_argument("--admin-user", default=os.environ.get("MAILOPS_EMULATOR_ADMIN_USER", "admin"))
    p.add_argument("--admin-password", default=os.environ.get("MAILOPS_EMULATOR_ADMIN_PASSWORD", "admin"))
    p.add_argument(
        "--plesk-port",
        type=int,
        default=None,
        help="also serve the Plesk XML API (HTTPS, self-signed) on this port; 0 picks a free one",
    )
    p.add_argument(
        "--plesk-api-key",
        default=os.environ.get("MAILOPS_EMULATOR_PLESK_API_KEY"),
        help="a secret key accepted in Plesk's KEY header (better: MAILOPS_EMULATOR_PLESK_API_KEY)",
    )
    p.add_argument(
        "--api",
        choices=("both", "soap", "json"),
        default=os.environ.get("MAILOPS_EMULATOR_API", "both"),
        help="which APIs the SmarterMail port serves: the SOAP services, the JSON API (/api/v1), or both",
    )
    p.add_argument("--catalog", default=None, help="catalog.json to serve (default: the packaged one)")
    p.add_argument("--log-level", default=os.environ.get("MAILOPS_EMULATOR_LOG_LEVEL", "INFO"))
    p.add_argument("--parent-pid", type=int, default=None, help="stop when this process (the launcher) is gone")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    host = loopback_host(args.host)
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.INFO),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from .catalog import Catalog
    from .core import Emulator
    from .state import StateError

    try:
        catalog = Catalog.load(args.catalog)
        emulator = Emulator(args.state, args.admin_user, args.admin_password, catalog)
    except (StateError, OSError, ValueError) as exc:
        print(f"mailops-emulator: {exc}", file=sys.stderr)
        return 2

    cert_dir = args.cert_dir or os.path.join(os.path.dirname(os.path.abspath(args.state)), "emulator-tls")
    contexts: dict = {}

    def ssl_for(listener: Listener):
        wanted = args.tls if listener.tls is None else listener.tls
        if not wanted:
            return None
        if "ctx" not in contexts:
            from .tls import ensure_certificate, server_context

            contexts["ctx"] = server_context(*ensure_certificate(cert_dir))
        return contexts["ctx"]

    shown_host = f"[{host}]" if ":" in host else host
    servers = []
    try:
        for listener in build_listeners(args, emulator):
            ssl_context = ssl_for(listener)
            server = make_server(
                host,
                listener.port,
                listener.app,
                threaded=True,
                request_handler=listener.handler or RequestHandler,
                ssl_context=ssl_context,
            )
            servers.append((listener, server, "https" if ssl_context else "http"))
    except SystemExit:
        for entry in servers:
            entry[1].server_close()
        raise

    # A flag, not a threading.Event: the handler runs in the main thread, which may hold the
    # Event's lock inside Event.wait() at that moment (set() would then wait for it forever).
    stop = []

    def on_signal(signum, _frame):
        stop.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    threads = []
    for listener, server, _scheme in servers:
        t = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=f"serve-{listener.name}", daemon=True
        )
        t.start()
        threads.append(t)
    for listener, server, scheme in servers:
        print(listener.banner.format(url=f"{scheme}://{shown_host}:{server.server_port}"), flush=True)

    try:
        while not stop:
            time.sleep(0.2)
            if not all(t.is_alive() for t in threads):
                break
            if args.parent_pid and os.getppid() != args.parent_pid:
                logging.getLogger("mailops_emulator").info("launcher %s is gone: stopping", args.parent_pid)
                break
    finally:
        for entry in servers:
            entry[1].shutdown()
            entry[1].server_close()
    logging.getLogger("mailops_emulator").info("stopped")
    return 0
