"""The API and the library under hostile requests (issue 19, defect 12): a deeply nested JSON body is
a JSON 400, every token-mode error is JSON, a long analysis does not hold up the others, and
``marsad.analyze`` raises only MarsadError subclasses for arguments of the wrong type."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.errors import MarsadError
from marsad.schema import Analysis, Document
from marsad.web.app import create_app

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FAST_DONE = threading.Event()
SLOW_STARTED = threading.Event()


class Pipeline:
    """A pipeline stand-in: "بطيء" (slow) waits until a fast analysis has finished; "عطل" fails."""

    def run(self, document: Document) -> Analysis:
        if "عطل" in document.text:
            raise RuntimeError("the analysis broke")
        if "بطيء" in document.text:
            SLOW_STARTED.set()
            FAST_DONE.wait(10)
            assert FAST_DONE.is_set(), "the fast analysis waited for the slow one"
        return Analysis.from_dict({"document": document.model_dump(), "sentences": [], "entities": []})

    def __call__(self, text, published=None, title=None, doc_id=None, url=None, source=None):
        from marsad.pipeline import document_id

        return self.run(Document(id=doc_id or document_id(text), text=text, title=title, published=published,
                                 published_source="given" if published else "unknown"))


@pytest.fixture
def app(tmp_path):
    return create_app(str(tmp_path / "w.db"), token=TOKEN, pipeline_factory=Pipeline)


@pytest.mark.parametrize("path", ["/api/analyze", "/api/documents"])
def test_a_deeply_nested_body_is_a_json_400(app, path):
    c = TestClient(app, raise_server_exceptions=False)
    for body in ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "[" * 50_000):
        r = c.post(path, content=body.encode(), headers={**AUTH, "content-type": "application/json"})
        assert r.status_code == 400, r.text[:200]
        assert r.headers["content-type"].startswith("application/json")
        assert "levels deep" in r.json()["error"] and r.json()["status"] == 400


def test_an_unexpected_failure_is_json_too(app):
    c = TestClient(app, raise_server_exceptions=False)
    r = c.post("/api/analyze", json={"text": "عطل في التحليل"}, headers=AUTH)
    assert r.status_code == 500 and r.headers["content-type"].startswith("application/json")
    assert r.json() == {"error": "internal error (RuntimeError)", "status": 500}


@pytest.mark.timeout(60)
def test_a_long_analysis_does_not_hold_up_the_others(app):
    FAST_DONE.clear()
    SLOW_STARTED.clear()
    c = TestClient(app, raise_server_exceptions=False)
    slow: dict = {}
    t = threading.Thread(target=lambda: slow.setdefault(
        "r", c.post("/api/analyze", json={"text": "نص بطيء طويل"}, headers=AUTH)))
    t.start()
    try:
        assert SLOW_STARTED.wait(30)
        # (the slow one is running: it holds its worker until this one is done)
        r = c.post("/api/analyze", json={"text": "نص سريع"}, headers=AUTH)
        assert r.status_code == 200, r.text
    finally:
        FAST_DONE.set()
        t.join(30)
    assert slow["r"].status_code == 200, slow["r"].text


@pytest.mark.parametrize("kwargs", [
    {"published": 20240305}, {"published": b"2024-03-05"}, {"published": ["2024-03-05"]},
    {"title": 5}, {"title": b"x"}, {"doc_id": 7}, {"doc_id": ["a"]},
])
def test_analyze_raises_only_marsad_errors_for_bad_arguments(kwargs):
    with pytest.raises(MarsadError):
        marsad.analyze("قال وزير الخارجية إن المحادثات بناءة.", **kwargs)


def test_analyze_takes_a_datetime_as_its_day():
    a = marsad.analyze("قال وزير الخارجية إن المحادثات بناءة.", published=datetime(2024, 3, 5, 23, 59))
    assert a.document.published == "2024-03-05"
    assert marsad.analyze("قال الوزير إن المحادثات بناءة.", published=date(2024, 3, 5)).document.published == "2024-03-05"
