"""`marsad serve`: options, defaults (loopback, read-only), token from the environment, errors."""

from __future__ import annotations

import argparse
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.errors import MarsadError
from marsad.web import cli


def parse(argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    cli.register(sub)
    return parser.parse_args(["serve", *argv])


def test_defaults():
    args = parse([])
    assert args.host == "127.0.0.1" and args.port == 8000 and args.token is None and args.db is None
    assert args.func is cli.run


def test_build_read_only_by_default(web_db, monkeypatch):
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    app, db, token = cli.build(parse(["--db", web_db]))
    assert db == web_db and token is None
    c = TestClient(app, base_url="http://127.0.0.1:8000")
    assert c.post("/api/analyze", json={"text": "نص"}).status_code == 403
    assert c.get("/api/stats", headers={"host": "attacker.example"}).status_code == 400  # loopback: Host checked


def test_token_from_option_or_environment(web_db, monkeypatch):
    monkeypatch.setenv("MARSAD_TOKEN", "from-the-environment")
    _app, _db, token = cli.build(parse(["--db", web_db]))
    assert token == "from-the-environment"
    _app, _db, token = cli.build(parse(["--db", web_db, "--token", "from-the-option"]))
    assert token == "from-the-option"
    with pytest.raises(MarsadError, match="at least 8"):
        cli.build(parse(["--db", web_db, "--token", "short"]))


def test_public_host_does_not_check_host(web_db, monkeypatch):
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    app, _db, _t = cli.build(parse(["--db", web_db, "--host", "0.0.0.0"]))
    assert TestClient(app).get("/api/stats", headers={"host": "marsad.example"}).status_code == 200


def test_bad_store_and_options(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    with pytest.raises(MarsadError, match="no such store"):
        cli.build(parse(["--db", str(tmp_path / "missing.db")]))
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(MarsadError):
        cli.build(parse(["--db", str(tmp_path / "junk.db")]))
    with pytest.raises(MarsadError, match="port"):
        cli.build(parse(["--db", str(tmp_path / "missing.db"), "--port", "70000"]))
    with pytest.raises(MarsadError, match="max-size"):
        cli.build(parse(["--max-size", "0"]))


def test_writable_server_may_start_from_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    db = tmp_path / "new.db"
    app, _db, token = cli.build(parse(["--db", str(db), "--token", "long-enough-token"]))
    assert db.exists() and token
    c = TestClient(app, base_url="http://localhost:8000")
    assert c.get("/api/documents").json()["total"] == 0


def test_loopback_detection():
    assert cli._is_loopback("127.0.0.1") and cli._is_loopback("::1") and cli._is_loopback("localhost")
    assert not cli._is_loopback("0.0.0.0") and not cli._is_loopback("192.168.1.2") and not cli._is_loopback("example.org")


def test_port_in_use_is_one_clear_error():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(MarsadError, match=f"cannot listen on 127.0.0.1:{port}"):
            cli.check_port("127.0.0.1", port)
    with pytest.raises(MarsadError, match="cannot listen"):
        cli.check_port("203.0.113.7", 8000)  # an address this machine does not have
