"""`marsad serve`: the REST API and the browser interface over a corpus store."""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket

from marsad.errors import InputError

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="serve the REST API and the browser interface over a store",
        description="Serve the REST API (/api, OpenAPI at /openapi.json) and the browser interface over a corpus "
                    "store. Read-only unless a token is given (--token or MARSAD_TOKEN): then POST /api/analyze "
                    "and POST /api/documents accept requests with 'Authorization: Bearer <token>'.",
    )
    p.add_argument("--db", metavar="FILE", default=None, help="store file (default: $MARSAD_DB or marsad.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=None, help="enable the writing endpoints with this bearer token "
                                                 "(or set MARSAD_TOKEN; the option shows in the process list)")
    p.add_argument("--max-size", type=float, default=1.0, metavar="MB",
                   help="largest request body accepted (default 1 MB); larger ones get 413")
    p.set_defaults(func=run)


def build(args: argparse.Namespace):
    """The app for these arguments (checks the store and the options; no server started)."""
    from marsad.corpus.store import Store, default_db_path

    try:
        from marsad.web.app import create_app
    except ImportError as exc:
        raise InputError(f"marsad serve needs FastAPI, Jinja2 and Uvicorn ({exc}): "
                         "pip install fastapi jinja2 uvicorn") from None

    db = args.db or default_db_path()
    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    if token is not None and len(token) < 8:
        raise InputError("the token must be at least 8 characters long")
    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port} is not a port number")
    from marsad.options import megabytes

    max_body = megabytes(args.max_size)
    # Check the store now, so a wrong path is one clear line rather than an error on every request.
    if token and not os.path.exists(db):
        Store.open(db).close()  # a writable server may start from an empty store
    else:
        from marsad.web.queries import open_store

        open_store(db).close()
    allowed = None
    if _is_loopback(args.host):
        allowed = LOOPBACK_NAMES
    return create_app(db, token=token, max_body=max_body, allowed_hosts=allowed), db, token


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    import sys

    app, db, token = build(args)
    try:
        import uvicorn
    except ImportError:
        raise InputError("marsad serve needs Uvicorn: pip install uvicorn") from None

    mode = "read-write (token required for POST)" if token else "read-only"
    if not _is_loopback(args.host):
        print(f"marsad: warning: listening on {args.host}: other machines can reach this server", file=sys.stderr)
    print(f"marsad: serving {db} ({mode}) on http://{args.host}:{args.port}/", file=sys.stderr)
    check_port(args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def check_port(host: str, port: int) -> None:
    """One clear line when the address cannot be listened on (in use, not this machine's ...)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host.strip("[]"), port))
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
