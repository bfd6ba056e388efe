"""`postguard serve`: the app under waitress, on a loopback address only, warmed before it answers."""

from __future__ import annotations

import errno
import gc
import ipaddress
import logging
import socket

DEFAULT_PORT = 17345
log = logging.getLogger("postguard")


class ServeError(RuntimeError):
    """The companion cannot start; the message says what to do."""


def check_loopback(host: str) -> None:
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ServeError(f"refusing to listen on {host}: the companion only listens on 127.0.0.1 (loopback)")


def check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise ServeError(
                    f"port {port} on {host} is already in use (another PostGuard, or another program). "
                    f"Start with `postguard serve --port N` and set the same port in the extension's options."
                ) from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


YOUNG_GC_THRESHOLD = 20_000  # allocations between the collector's young passes (Python's default: 700)


def settle_memory() -> None:
    """Tune the garbage collector for answering checks once everything is loaded.

    What is loaded (rules, rosters, language profiles) lives as long as the process: frozen, it
    stays out of the collector's full passes, which it would slow. A check's own objects are
    freed by reference counting when it ends, but with the default young threshold a
    5,000-character check set off a pass of the collector 1.2 times on average and an older
    generation's pass every ninth check, which made the slowest checks 2-4 ms slower
    (tests/bench/bench_check.py)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])


def serve(companion, host: str = "127.0.0.1", port: int = DEFAULT_PORT, threads: int = 4) -> None:
    from waitress import serve as waitress_serve

    from companion.web import create_app

    check_loopback(host)
    check_port_free(host, port)
    companion.language.warm()  # the first check must not pay for loading profiles
    settle_memory()
    from companion.deploy.sync import start_background_sync

    start_background_sync(companion)  # central updates: now, then every few hours (no-op without a source)
    app = create_app(companion, port=port)
    log.info("PostGuard companion listening on http://%s:%d (school: %s, %d rules)",
             host, port, companion.school.name, len(companion.rulebook.rules))
    waitress_serve(
        app, host=host, port=port, threads=threads, ident="PostGuard",
        channel_timeout=30, cleanup_interval=10, connection_limit=100,
        max_request_body_size=1024 * 1024, inbuf_overflow=2 * 1024 * 1024,  # bodies stay in memory, never temp files
        expose_tracebacks=False, clear_untrusted_proxy_headers=True,
    )
