"""Which callers the companion answers: loopback Host names and the extension's own origins."""

from __future__ import annotations

# The Chrome/Edge id pinned by the `key` in extension/manifest.json.
PINNED_EXTENSION_IDS = ("hjpeoajjpodgnoempjfionihbelgciic",)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def allowed_hosts(port: int | None) -> frozenset[str]:
    """Exact Host header values accepted; anything else (DNS rebinding) is refused."""
    hosts = set()
    for name in LOOPBACK_NAMES:
        if port is None:
            hosts.add(name)
        else:
            hosts.add(f"{name}:{port}")
            if port == 80:
                hosts.add(name)
    return frozenset(hosts)


def extension_origins(extra_ids: tuple[str, ...] = ()) -> tuple[str, ...]:
    ids = dict.fromkeys([*PINNED_EXTENSION_IDS, *extra_ids])
    return tuple(f"chrome-extension://{i}" for i in ids)


def is_extension_origin(origin: str, allowed: tuple[str, ...]) -> bool:
    """The pinned Chrome/Edge origins, or a Firefox extension origin (its id is per install)."""
    return origin in allowed or (origin.startswith("moz-extension://") and len(origin) < 80 and "/" not in origin[16:])
