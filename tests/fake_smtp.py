"""Mail servers that misbehave, on loopback ports of the test range (8150-8199 by default)."""

import contextlib
import os
import socket

PORTS = range(int(os.environ.get("PORTAL_TEST_PORT_FIRST", "8150")),
              int(os.environ.get("PORTAL_TEST_PORT_LAST", "8199")) + 1)


def _bound_socket() -> socket.socket:
    for port in PORTS:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        return sock
    raise RuntimeError("no free port in the test range")


@contextlib.contextmanager
def silent_smtp_server():
    """Accepts connections (the kernel completes them) and never says a word."""
    sock = _bound_socket()
    sock.listen(16)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


@contextlib.contextmanager
def refusing_smtp_port():
    """A port nobody listens on: every connection is refused."""
    sock = _bound_socket()
    port = sock.getsockname()[1]
    sock.close()
    yield port


def smtp_settings(port: int) -> dict:
    return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, "EMAIL_TIMEOUT": 1,
            "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False, "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": ""}
