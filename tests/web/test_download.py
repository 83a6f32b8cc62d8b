"""The events table's CSV and JSON downloads are the export command's output with the same filters,
and hold the rows the table counts."""

from __future__ import annotations

import csv
import io
import json
import shutil
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.cli import main
from marsad.web.app import create_app

FILTERS = [{}, {"type": "ACCUSE"}, {"country": "EGY"}, {"since": "2024-03-12", "until": "2024-03-14"},
           {"actor": "Blinken", "status": "scheduled"}, {"min_confidence": "0.9"}, {"sector": "GOV", "country": "RUS"},
           {"source": "Q159", "target": "Q30"}]


@pytest.fixture(scope="module")
def copy(web_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("dl") / "dl.db"
    shutil.copy(web_db, db)
    return str(db)


def _cli(db, fmt, params, capsys) -> str:
    argv = ["export", "--db", db, "--format", fmt]
    for k, v in params.items():
        argv += ["--" + k.replace("_", "-"), v]
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("params", FILTERS)
def test_downloads_are_the_export_command(copy, capsys, params):
    client = TestClient(create_app(copy))
    table = client.get("/api/events", params=params).json()
    got = client.get("/api/events.csv", params=params)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    assert got.text == _cli(copy, "csv", params, capsys)
    assert len(list(csv.DictReader(io.StringIO(got.text)))) == table["total"]
    js = client.get("/api/events.json", params=params)
    assert js.text == _cli(copy, "events", params, capsys)
    assert {r["id"] for r in json.loads(js.text)} == {f"{e['doc_id']}#{e['event_id']}" for e in
                                                    client.get("/api/events", params={**params, "limit": 500}).json()["items"]}


def test_the_page_links_the_download_of_its_filters(copy):
    client = TestClient(create_app(copy))
    html = client.get("/events?type=ACCUSE&country=RUS").text
    from marsad.corpus.filters import default_min_confidence

    floor = default_min_confidence()
    shown = f"{floor:g}"
    assert f'href="/api/events.csv?type=ACCUSE&amp;country=RUS&amp;min_confidence={shown}"' in html
    assert 'id="download-json"' in html
    assert client.get("/api/events.csv?min_confidence=2").status_code == 400
