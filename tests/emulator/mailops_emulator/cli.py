"""Command line: ``python -m mailops_emulator --port 9998 --state FILE [--tls]``."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import signal
import sys
import threading
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


def build_listeners(args, emulator) -> list[Listener]:
    """The servers to start. Extension point: the Plesk XML API listener (``--plesk-port``) comes
    from ``mailops_emulator/plesk.py`` exposing ``make_app(emulator) -> wsgi_app``."""
    from .app import SmarterMailApp

    listeners = [Listener("smartermail", args.port, SmarterMailApp(emulator), BANNER)]
    if args.plesk_port is not None:
        try:
            from . import plesk  # type: ignore[attr-defined]
        except ImportError:
            raise SystemExit("--plesk-port: the Plesk emulator (mailops_emulator/plesk.py) is not available") from None
        listeners.append(
            Listener("plesk", args.plesk_port, plesk.make_app(emulator), "mailops-emulator plesk listening on {url}")
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
    p.add_argument("--plesk-port", type=int, default=None, help="also serve the Plesk XML API on this port")
    p.add_argument("--catalog", default=None, help="catalog.json to serve (default: the packaged one)")
    p.add_argument("--log-level", default=os.environ.get("MAILOPS_EMULATOR_LOG_LEVEL", "INFO"))
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

    ssl_context = None
    if args.tls:
        from .tls import ensure_certificate, server_context

        cert_dir = args.cert_dir or os.path.join(os.path.dirname(os.path.abspath(args.state)), "emulator-tls")
        ssl_context = server_context(*ensure_certificate(cert_dir))
    scheme = "https" if ssl_context else "http"
    shown_host = f"[{host}]" if ":" in host else host

    servers = []
    try:
        for listener in build_listeners(args, emulator):
            server = make_server(
                host, listener.port, listener.app, threaded=True, request_handler=RequestHandler,
                ssl_context=ssl_context,
            )
            servers.append((listener, server))
    except SystemExit:
        for _, server in servers:
            server.server_close()
        raise

    stop = threading.Event()

    def on_signal(signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    threads = []
    for listener, server in servers:
        t = threading.Thread(target=server.serve_forever, name=f"serve-{listener.name}", daemon=True)
        t.start()
        threads.append(t)
    for listener, server in servers:
        print(listener.banner.format(url=f"{scheme}://{shown_host}:{server.server_port}"), flush=True)

    try:
        while not stop.wait(0.5):
            if not all(t.is_alive() for t in threads):
                break
    finally:
        for _, server in servers:
            server.shutdown()
            server.server_close()
    logging.getLogger("mailops_emulator").info("stopped")
    return 0
