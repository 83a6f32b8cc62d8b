"""The FastAPI app: a JSON API under ``/api`` (OpenAPI at ``/openapi.json``, described at
``/api``) and server-rendered pages, over one corpus store.

Read-only unless a token is given: ``POST /api/analyze`` and ``POST /api/documents`` answer 403
without one, and 401 without ``Authorization: Bearer <token>`` when there is one. Every request body
is limited (413 beyond ``max_body`` bytes) and so is its JSON nesting (400 beyond
:data:`marsad.corpus.readers.MAX_JSON_DEPTH` levels). Every error of the API is JSON
(``{error, status}``), an unexpected one too (500). Analyses run in a bounded pool of threads
(:data:`ANALYSIS_THREADS`, with at most :data:`ANALYSIS_QUEUE` waiting: 503 beyond), each on its
own, so a large text does not hold up the others. Pages carry a strict Content-Security-Policy:
scripts, styles and everything else from this server only, no inline script.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import math
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.corpus.filters import default_min_confidence
from marsad.errors import MarsadError, StoreError
from marsad.web import chart, render
from marsad.web.queries import (
    ENTITY_KINDS,
    EVENT_SORTS,
    EVENT_STATUSES,
    EVENT_TYPES,
    MAX_LIMIT,
    NETWORK_NODES,
    EventFilters,
    Queries,
    QueryError,
    open_store,
)

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 1_000_000
ANALYSIS_THREADS = 4  # analyses at once (each in its own thread: a long one does not block the others)
ANALYSIS_QUEUE = 32  # analyses running or waiting; past that, 503
WARM_UP = "قال وزير الخارجية إن المحادثات بناءة."
LANGS = ("en", "ar")
FILTER_KEYS = ("actor", "type", "status", "since", "until", "story", "link", "doc", "country", "sector", "source",
               "target", "min_confidence")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    data = json.loads(resources.files("marsad.web").joinpath("data/labels.json").read_text("utf-8"))
    data.pop("_note", None)
    return data


def translator(lang: str) -> Callable[[str], str]:
    """The interface label of a key in ``lang`` (English when the table lacks it; the key itself when
    it is not in the table)."""
    table = labels()

    def t(key: str) -> str:
        entry = table.get(key)
        return (entry.get(lang) or entry.get("en") or key) if entry else key

    return t


def browser_lang(header: str) -> str:
    """The first of ``LANGS`` the browser's Accept-Language prefers (highest q first), else English."""
    best, best_q = "en", -1.0
    for i, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        base = tag.strip().lower().split("-")[0]
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if base in LANGS and q > 0 and q - i * 1e-6 > best_q:
            best, best_q = base, q - i * 1e-6
    return best


# ---- request bodies -----------------------------------------------------------------------------

class AnalyzeIn(BaseModel):
    """A text to analyse."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="the Arabic text")
    published: str | None = Field(None, description="document date, YYYY-MM-DD")
    title: str | None = Field(None, description="the title, when the text starts with it")
    id: str | None = Field(None, max_length=200, description="document id (default: a hash of the text)")


class DocumentIn(BaseModel):
    """A document to store (analysed on the way in)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    id: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)


# ---- errors and limits --------------------------------------------------------------------------

class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body is larger than the limit of {limit} bytes")


async def _send_json(send, status: int, body: dict) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


class BodyLimit:
    """ASGI middleware: refuse a body over ``max_bytes`` (declared or streamed) with 413, before
    the app reads it all."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                n = int(declared)
            except ValueError:
                return await _send_json(send, 400, {"error": "bad Content-Length header", "status": 400})
            if n > self.max:
                return await _send_json(send, 413, {"error": BodyTooLarge(self.max).detail, "status": 413})
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max:
                    raise BodyTooLarge(self.max)
            return msg

        async def tracking_send(msg):
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:
            if not started:
                await _send_json(send, 413, {"error": exc.detail, "status": 413})


class SecurityHeaders:
    """ASGI middleware: CSP and friends on every response; optionally only known Host headers
    (a server bound to the loopback answers only to loopback names, against DNS rebinding)."""

    def __init__(self, app, allowed_hosts: list[str] | None = None):
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.allowed is not None:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed and host not in self.allowed:
                return await _send_json(send, 400, {"error": "unknown Host header", "status": 400})

        async def with_headers(msg):
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """ASGI middleware: answer HEAD like GET, without the body (FastAPI routes declare GET only)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def no_body(msg):
            if msg["type"] == "http.response.body":
                msg = {**msg, "body": b""}
            await send(msg)

        await self.app({**scope, "method": "GET"}, receive, no_body)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


# ---- the app ------------------------------------------------------------------------------------

def create_app(db: str, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               pipeline_factory: Callable[[], Any] | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over the store at ``db``. ``token`` turns on the writing endpoints;
    ``pipeline_factory`` (default: :func:`marsad.pipeline.load`) gives the analysis pipeline."""
    app = FastAPI(
        title="Marsad API",
        version=__version__,
        description=(
            "Arabic news as event data: documents and their Analyses (the JSON contract in "
            "`marsad/data/analysis.schema.json`), corpus-wide entities, events, linked events on a timeline, "
            "stories, full-text search. Lists take `limit` and `offset` and answer `{total, limit, offset, items}`. "
            "Errors answer `{error, status}`. `POST` endpoints are off unless the server has a token "
            "(`marsad serve --token T` or `MARSAD_TOKEN`), and then need `Authorization: Bearer T`."
        ),
        docs_url=None, redoc_url=None,  # Swagger UI and ReDoc load scripts from a CDN: /api describes the API instead
    )
    app.state.db = str(db)
    app.state.token = token or None
    app.state.max_body = int(max_body)
    app.state.pipeline_factory = pipeline_factory
    app.state.pipeline = None
    app.state.pipeline_lock = threading.Lock()  # (building the pipeline only: analyses run side by side)
    app.state.write_lock = threading.Lock()
    app.state.analysis_pool = ThreadPoolExecutor(max_workers=ANALYSIS_THREADS, thread_name_prefix="marsad-analysis")
    app.state.analysis_slots = threading.BoundedSemaphore(ANALYSIS_QUEUE)
    app.add_middleware(BodyLimit, max_bytes=int(max_body))
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["q"] = lambda s: quote(str(s if s is not None else ""), safe="")
    env.filters["http_url"] = lambda u: bool(u) and urlsplit(str(u)).scheme.lower() in ("http", "https")
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["EVENT_STATUSES"] = EVENT_STATUSES
    env.globals["ENTITY_KINDS"] = ENTITY_KINDS
    env.globals["SECTORS"] = [k[4:] for k in labels() if k.startswith("sec.")]  # the labels table lists them
    env.globals["version"] = __version__

    # -- errors --

    def error_response(request: Request, status: int, message: str, details=None) -> Response:
        if _is_api(request) or request.method != "GET":
            body = {"error": message, "status": status}
            if details is not None:
                body["details"] = details
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse(body, status_code=status, headers=headers)
        return page(request, "error.html", {"status": status, "message": message}, status=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errs = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")} for e in exc.errors()]
        msg = "; ".join(f"{e['where']}: {e['problem']}" for e in errs) or "invalid request"
        return error_response(request, 422, msg, errs)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return error_response(request, 503, str(exc))

    @app.exception_handler(MarsadError)
    async def _marsad_error(request: Request, exc: MarsadError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # (an API client gets JSON even for a failure nobody foresaw; the server's log has the details)
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    # -- shared helpers --

    def get_q() -> Iterator[Queries]:
        store = open_store(app.state.db)
        try:
            yield Queries(store)
        finally:
            store.close()

    def lang_of(request: Request) -> str:
        """The ``lang`` parameter, else the language chosen before (cookie), else the browser's."""
        for lang in (request.query_params.get("lang"), request.cookies.get("lang")):
            if lang in LANGS:
                return lang
        return browser_lang(request.headers.get("accept-language", ""))

    def page(request: Request, name: str, ctx: dict, status: int = 200) -> Response:
        lang = lang_of(request)
        table = labels()
        t = translator(lang)

        def url(path: str, **params) -> str:
            clean = {k: v for k, v in params.items() if v not in (None, "")}
            return path + ("?" + urlencode(clean) if clean else "")

        def with_params(**changes) -> str:
            params = dict(request.query_params)
            params.pop("lang", None)
            params.update({k: v for k, v in changes.items()})
            return url(request.url.path, **params)

        other = "ar" if lang == "en" else "en"
        context = {"request": request, "lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "t": t, "url": url,
                   "with_params": with_params, "other_lang": other,
                   "lang_url": url(request.url.path, **{**dict(request.query_params), "lang": other}),
                   "ui_labels": {k: (v.get(lang) or v.get("en")) for k, v in table.items()},
                   "path": request.url.path, **ctx}
        response = templates.TemplateResponse(request, name, context, status_code=status)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    def pager(result: dict) -> dict:
        total, limit, offset = result["total"], result["limit"], result["offset"]
        return {"total": total, "limit": limit, "offset": offset,
                "first": offset + 1 if total else 0, "last": min(offset + limit, total),
                "prev": max(0, offset - limit) if offset > 0 else None,
                "next": offset + limit if offset + limit < total else None,
                "pages": max(1, math.ceil(total / limit)) if limit else 1}

    def require_token(request: Request) -> None:
        token = app.state.token
        if not token:
            raise HTTPException(403, "this server is read-only: start it with --token (or MARSAD_TOKEN) to enable "
                                     "POST /api/analyze and POST /api/documents")
        got = request.headers.get("authorization", "")
        scheme, _, value = got.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise HTTPException(401, "missing or wrong token (send Authorization: Bearer <token>)")

    def pipeline():
        with app.state.pipeline_lock:
            if app.state.pipeline is None:
                factory = app.state.pipeline_factory
                if factory is None:
                    from marsad.pipeline import load as factory
                p = factory()
                if app.state.pipeline_factory is None:
                    p(WARM_UP)  # (lexicons and caches filled once, before analyses run side by side)
                app.state.pipeline = p
            return app.state.pipeline

    async def analyse(fn):
        """``fn()`` in the analysis pool, without waiting on the other analyses; 503 when too many
        are already running or waiting."""
        slots = app.state.analysis_slots
        if not slots.acquire(blocking=False):
            raise HTTPException(503, "the server is busy with other analyses; try again in a moment")
        try:
            return await asyncio.wrap_future(app.state.analysis_pool.submit(fn))
        finally:
            slots.release()

    async def read_json(request: Request):
        from marsad.corpus.readers import MAX_JSON_DEPTH, json_depth

        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPException(400, f"the body is not JSON ({exc})") from None
        if json_depth(text) > MAX_JSON_DEPTH:
            raise HTTPException(400, f"the body is JSON nested more than {MAX_JSON_DEPTH} levels deep")
        try:
            return json.loads(text)
        except ValueError as exc:
            raise HTTPException(400, f"the body is not JSON ({exc})") from None
        except RecursionError:
            raise HTTPException(400, f"the body is JSON nested more than {MAX_JSON_DEPTH} levels deep") from None

    def filters(**values) -> EventFilters:
        return EventFilters(**{k: v for k, v in values.items() if k in FILTER_KEYS})

    Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")
    Offset = Query(0, ge=0, le=10**9, description="items to skip")
    F = {
        "actor": Query(None, max_length=500, description="entity id, or (part of) its English or Arabic name"),
        "type": Query(None, max_length=500, description="PLOVER event types, comma-separated: " + ", ".join(EVENT_TYPES)),
        "status": Query(None, max_length=200, description="statuses, comma-separated: " + ", ".join(EVENT_STATUSES)),
        "since": Query(None, max_length=10, description="events on or after this day (YYYY-MM-DD)"),
        "until": Query(None, max_length=10, description="events on or before this day (YYYY-MM-DD)"),
        "story": Query(None, max_length=200, description="story id"),
        "country": Query(None, max_length=100, description="a source or target actor of these countries (ISO 3166 "
                                                          "alpha-3 or IGO codes, comma-separated)"),
        "sector": Query(None, max_length=100, description="a source or target actor of these sectors (CAMEO agent "
                                                         "codes such as GOV, MIL, COP, REB, comma-separated)"),
        "source": Query(None, max_length=500, description="entity id (or name, or CAMEO actor code) as the source"),
        "target": Query(None, max_length=500, description="entity id (or name, or CAMEO actor code) as the target"),
        "min_confidence": Query(None, max_length=20, description="leave out events under this confidence (0 to 1; "
                                                                 "default: the pipeline's threshold; 0 shows everything)"),
    }

    # ======================================= API ================================================

    @app.get("/api/stats", tags=["corpus"], summary="Counts of what the store holds")
    def api_stats(q: Queries = Depends(get_q)):
        return q.stats()

    @app.get("/api/documents", tags=["documents"], summary="Stored documents, newest first")
    def api_documents(limit: int = Limit, offset: int = Offset, story: str | None = F["story"],
                      source: str | None = Query(None, max_length=200), since: str | None = F["since"],
                      until: str | None = F["until"],
                      status: str | None = Query(None, description="analysed, duplicate or failed"),
                      q: Queries = Depends(get_q)):
        return q.documents(limit, offset, story=story, source=source, since=since, until=until, status=status)

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], summary="One document's Analysis",
             responses={404: {"description": "no such document"}})
    def api_document(doc_id: str, q: Queries = Depends(get_q)):
        found = q.analysis(doc_id)
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return found

    @app.get("/api/entities", tags=["entities"], summary="Corpus-wide entities")
    def api_entities(limit: int = Limit, offset: int = Offset,
                     q_: str | None = Query(None, alias="q", max_length=500, description="part of a name, or an id"),
                     kind: str | None = Query(None, description="entity kinds, comma-separated: " + ", ".join(ENTITY_KINDS)),
                     country: str | None = Query(None, max_length=10, description="ISO 3166 alpha-3"),
                     sort: str = Query("documents", description="documents, mentions, name or kind"),
                     order: str = Query("desc", description="asc or desc"), q: Queries = Depends(get_q)):
        return q.entities(limit, offset, q=q_, kind=kind, country=country, sort=sort, order=order)

    @app.get("/api/entities/{entity_id:path}", tags=["entities"],
             summary="One entity: names, roles, and (paginated) its documents, events and quotes",
             responses={404: {"description": "no such entity"}})
    def api_entity(entity_id: str, limit: int = Limit, offset: int = Offset,
                   min_confidence: str | None = F["min_confidence"], q: Queries = Depends(get_q)):
        ent = q.entity(entity_id)
        if ent is None:
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        f = EventFilters(actor=entity_id, min_confidence=min_confidence)
        ent["documents"] = q.entity_documents(entity_id, limit, offset)
        ent["events"] = q.events(f, sort="date", order="asc", limit=limit, offset=offset)
        ent["counterparts"] = q.counterparts(entity_id, EventFilters(min_confidence=min_confidence))
        ent["quotes"] = q.entity_quotes(entity_id, limit, offset)
        return ent

    def api_filters(actor: str | None = F["actor"], type: str | None = F["type"], status: str | None = F["status"],
                    since: str | None = F["since"], until: str | None = F["until"], story: str | None = F["story"],
                    country: str | None = F["country"], sector: str | None = F["sector"],
                    source: str | None = F["source"], target: str | None = F["target"],
                    min_confidence: str | None = F["min_confidence"]) -> EventFilters:
        return EventFilters(actor=actor, type=type, status=status, since=since, until=until, story=story,
                            country=country, sector=sector, source=source, target=target,
                            min_confidence=min_confidence)

    Link = Query(None, max_length=200, description="event link id (the same event in several reports)")
    Doc = Query(None, max_length=500, description="document id")

    @app.get("/api/events", tags=["events"], summary="Events (one row per event in a document)")
    def api_events(f: EventFilters = Depends(api_filters), link: str | None = Link, doc: str | None = Doc,
                   sort: str = Query("date", description="one of " + ", ".join(EVENT_SORTS)),
                   order: str = Query("asc", description="asc or desc"),
                   limit: int = Limit, offset: int = Offset, q: Queries = Depends(get_q)):
        return q.events(f.but(link=link, doc=doc), sort=sort, order=order, limit=limit, offset=offset)

    def _download(f: EventFilters, fmt: str, store_q: Queries) -> Response:
        import io

        from marsad.export import export

        buf = io.StringIO(newline="")
        export(store_q.store, fmt, buf, filters=f)
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
        name = "marsad-events" + (".csv" if fmt == "csv" else ".json")
        return Response(buf.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/api/events.csv", tags=["events"], response_class=Response,
             summary="The filtered events as CSV: what `marsad export --format csv` writes with the same filters")
    def api_events_csv(f: EventFilters = Depends(api_filters), link: str | None = Link, doc: str | None = Doc,
                       q: Queries = Depends(get_q)):
        return _download(f.but(link=link, doc=doc).checked(), "csv", q)

    @app.get("/api/events.json", tags=["events"], response_class=Response,
             summary="The filtered events as JSON: what `marsad export --format events` writes with the same filters")
    def api_events_json(f: EventFilters = Depends(api_filters), link: str | None = Link, doc: str | None = Doc,
                        q: Queries = Depends(get_q)):
        return _download(f.but(link=link, doc=doc).checked(), "events", q)

    @app.get("/api/timeline", tags=["events"],
             summary="Linked events in date order, each with the status every report gave it")
    def api_timeline(f: EventFilters = Depends(api_filters), order: str = Query("asc", description="asc or desc"),
                     limit: int = Limit, offset: int = Offset, q: Queries = Depends(get_q)):
        return q.timeline(f, limit=limit, offset=offset, order=order)

    @app.get("/api/network", tags=["events"],
             summary="Actor network: the actors with most events as nodes, events as edges (source -> target)")
    def api_network(f: EventFilters = Depends(api_filters),
                    max_nodes: int = Query(NETWORK_NODES, ge=1, le=MAX_LIMIT,
                                           description="actors shown (most events first)"),
                    q: Queries = Depends(get_q)):
        return q.network(f, max_nodes=max_nodes)

    @app.get("/api/stories", tags=["corpus"], summary="Stories (groups of documents about one development)")
    def api_stories(limit: int = Limit, offset: int = Offset, q: Queries = Depends(get_q)):
        return q.stories(limit, offset)

    @app.get("/api/stories/{story_id}", tags=["corpus"], summary="One story and its documents",
             responses={404: {"description": "no such story"}})
    def api_story(story_id: str, limit: int = Limit, offset: int = Offset,
                  min_confidence: str | None = F["min_confidence"], q: Queries = Depends(get_q)):
        st = q.story(story_id)
        if st is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        st["documents"] = q.documents(limit, offset, story=story_id)
        st["timeline"] = q.timeline(EventFilters(story=story_id, min_confidence=min_confidence), limit=limit,
                                    offset=0)
        return st

    @app.get("/api/search", tags=["documents"], summary="Full-text search (Arabic spelling variants folded)")
    def api_search(q_: str = Query(..., alias="q", min_length=1, max_length=500), limit: int = Query(20, ge=1, le=MAX_LIMIT),
                   offset: int = Offset, q: Queries = Depends(get_q)):
        return q.search(q_, limit, offset)

    def _doc_schema(model) -> dict:
        return {"requestBody": {"required": True, "content": {"application/json": {"schema": model}}}}

    @app.post("/api/analyze", tags=["write"], summary="Analyse a text (needs the token); nothing is stored",
              openapi_extra=_doc_schema(AnalyzeIn.model_json_schema()),
              responses={401: {"description": "token missing or wrong"}, 403: {"description": "server has no token"},
                         413: {"description": "body over the size limit"}})
    async def api_analyze(request: Request):
        require_token(request)
        try:
            body = AnalyzeIn.model_validate(await read_json(request))
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from None

        from marsad.pipeline import check_date

        published = check_date(body.published)

        def run():
            return pipeline()(body.text, published=published, title=body.title, doc_id=body.id).to_dict()

        return await analyse(run)

    @app.post("/api/documents", tags=["write"], summary="Store documents (one object or a list; needs the token)",
              openapi_extra=_doc_schema({"anyOf": [DocumentIn.model_json_schema(),
                                                   {"type": "array", "items": DocumentIn.model_json_schema()}]}),
              responses={401: {"description": "token missing or wrong"}, 403: {"description": "server has no token"},
                         413: {"description": "body over the size limit"}})
    async def api_ingest(request: Request):
        require_token(request)
        data = await read_json(request)
        items = data if isinstance(data, list) else [data]
        if not items or len(items) > 1000:
            raise HTTPException(400, "send one document, or a list of 1 to 1000")
        try:
            docs = [DocumentIn.model_validate(d) for d in items]
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from None
        return await analyse(lambda: _ingest(docs))

    def _ingest(docs: list[DocumentIn]) -> dict:
        from marsad.corpus.ingest import Ingester
        from marsad.corpus.store import Store
        from marsad.pipeline import check_date, document_id
        from marsad.schema import Document

        documents = []
        for d in docs:
            pub = check_date(d.published)
            title = d.title.strip() if d.title and d.title.strip() else None
            text = d.text if not title or d.text.startswith(title) else title + "\n\n" + d.text
            documents.append(Document(id=d.id or document_id(text), text=text, title=title, url=d.url,
                                      source=d.source, published=pub, published_source="given" if pub else "unknown"))
        p = pipeline()
        with app.state.write_lock, Store.open(app.state.db) as store:
            summary = Ingester(store, workers=1, pipeline_factory=lambda: p).run(documents)
        return {"added": summary.added, "exact_duplicates": summary.exact_duplicates,
                "near_duplicates": summary.near_duplicates, "already_stored": summary.already_stored,
                "failed": summary.failed, "failures": summary.failures,
                "duplicates": [{"id": a, "duplicate_of": b, "kind": k, "similarity": s} for a, b, k, s in summary.duplicates],
                "ids": [d.id for d in documents]}

    # ======================================= pages ==============================================

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, story: str | None = None, offset: int = Offset, q: Queries = Depends(get_q)):
        docs = q.documents(50, offset, story=story)
        st = q.story(story) if story else None
        return page(request, "home.html", {"stats": q.stats(), "docs": docs, "pager": pager(docs), "story": st,
                                           "stories": q.stories(10, 0)})

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, q: Queries = Depends(get_q)):
        analysis = q.analysis(doc_id)
        if analysis is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        row = q.document_row(doc_id)
        ids = q.doc_entity_ids(doc_id)
        links = q.doc_event_links(doc_id)
        cards = render.cards(analysis, ids, links)
        return page(request, "document.html", {
            "a": analysis, "row": row, "article": render.highlight(analysis), "cards": cards,
            "entities": sorted(cards["ent"].values(), key=lambda e: (-e["mentions"], e["name_ar"] or "")),
            "events": list(cards["ev"].values()), "quotes": list(cards["quote"].values()),
            "times": list(cards["time"].values())})

    def _event_args(request: Request) -> dict:
        p = request.query_params
        return {k: (p.get(k) or "").strip() or None for k in FILTER_KEYS}

    def _checked(args: dict) -> tuple[EventFilters | None, str | None]:
        try:
            return filters(**args).checked(), None
        except QueryError as exc:
            return None, str(exc)

    def _threshold_only(request: Request) -> tuple[dict, EventFilters]:
        """The filters of a page that takes only the confidence threshold (an actor's, a story's)."""
        args = {"min_confidence": (request.query_params.get("min_confidence") or "").strip() or None}
        f, error = _checked(args)
        if f is None:
            raise QueryError(error)
        return args, f

    def _form(args: dict, f: EventFilters | None) -> dict:
        """The filter form's values: what was asked, the threshold in force when none was."""
        shown = dict(args)
        if shown.get("min_confidence") is None:
            shown["min_confidence"] = f"{(f.min_confidence if f else default_min_confidence()):g}"
        return shown

    def _params(args: dict, **extra) -> dict:
        return {k: v for k, v in {**args, **extra}.items() if v not in (None, "")}

    def _chart(request: Request, q: Queries, f: EventFilters, mode: str, base: dict) -> dict:
        lang = lang_of(request)
        return chart.timeline_chart(q.timeline_marks(f), mode, q.entity_info, translator(lang), lang, base)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, sort: str = "date", order: str = "desc", offset: int = Offset,
                    q: Queries = Depends(get_q)):
        args = _event_args(request)
        f, error = _checked(args)
        result = {"total": 0, "limit": 100, "offset": 0, "items": []}
        if f is not None:
            try:
                result = q.events(f, sort=sort, order=order, limit=100, offset=offset)
            except QueryError as exc:
                error = str(exc)
        dl = _params(args, min_confidence=f"{f.min_confidence:g}") if f else {}
        return page(request, "events.html", {"f": _form(args, f), "sort": sort, "order": order, "result": result,
                                             "pager": pager(result), "error": error, "sorts": list(EVENT_SORTS),
                                             "download": dl}, status=400 if error else 200)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, offset: int = Offset, lanes: str = "actor", q: Queries = Depends(get_q)):
        args = _event_args(request)
        f, error = _checked(args)
        if lanes not in chart.LANE_MODES:
            error = f"unknown lanes {lanes!r} (one of {', '.join(chart.LANE_MODES)})"
        result = {"total": 0, "limit": 50, "offset": 0, "items": []}
        layout = None
        if error is None:
            result = q.timeline(f, limit=50, offset=offset)
            layout = _chart(request, q, f, lanes, _params(args, lanes=lanes))
        return page(request, "timeline.html", {"f": _form(args, f), "result": result, "pager": pager(result),
                                               "error": error, "layout": layout, "lanes": lanes,
                                               "lane_modes": chart.LANE_MODES},
                    status=400 if error else 200)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, max_nodes: int = Query(NETWORK_NODES, ge=1, le=MAX_LIMIT)):
        args = _event_args(request)
        f, error = _checked(args)
        return page(request, "network.html", {"f": _form(args, f), "error": error, "max_nodes": max_nodes},
                    status=400 if error else 200)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, offset: int = Offset, q_: str | None = Query(None, alias="q", max_length=500),
                      kind: str | None = None, country: str | None = Query(None, max_length=10),
                      sector: str | None = Query(None, max_length=10), q: Queries = Depends(get_q)):
        result = q.entities(100, offset, q=q_, kind=kind or None, country=country or None, sector=sector or None)
        return page(request, "entities.html", {"result": result, "pager": pager(result), "query": q_ or "",
                                               "kind": kind or "", "country": country or "", "sector": sector or ""})

    @app.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, q: Queries = Depends(get_q)):
        ent = q.entity(entity_id)
        if ent is None:
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        args, f = _threshold_only(request)
        mine = f.but(actor=entity_id)
        return page(request, "entity.html", {
            "e": ent, "docs": q.entity_documents(entity_id, 100, 0),
            "events": q.events(mine, sort="date", order="desc", limit=100, offset=0),
            "counterparts": q.counterparts(entity_id, f),
            "layout": _chart(request, q, mine, "type", _params(args, actor=entity_id, lanes="type")),
            "quotes": q.entity_quotes(entity_id, 100, 0), "f": _form(args, f)})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, q: Queries = Depends(get_q)):
        st = q.story(story_id)
        if st is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        args, f = _threshold_only(request)
        mine = f.but(story=story_id)
        return page(request, "story.html", {
            "s": st, "docs": q.documents(200, 0, story=story_id), "result": q.timeline(mine, limit=200),
            "layout": _chart(request, q, mine, "actor", _params(args, story=story_id)), "f": _form(args, f)})

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, offset: int = Offset, q: Queries = Depends(get_q)):
        result = q.stories(100, offset)
        return page(request, "stories.html", {"result": result, "pager": pager(result)})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q_: str | None = Query(None, alias="q", max_length=500), offset: int = Offset,
                    q: Queries = Depends(get_q)):
        result, error = None, None
        if q_ and q_.strip():
            try:
                result = q.search(q_, 20, offset)
            except QueryError as exc:
                error = str(exc)
        return page(request, "search.html", {"query": q_ or "", "result": result, "error": error,
                                             "pager": pager(result) if result else None})

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request):
        spec = app.openapi()
        endpoints = []
        for path, ops in spec["paths"].items():
            for method, op in ops.items():
                params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "description": p.get("description") or p.get("schema", {}).get("description", "")}
                          for p in op.get("parameters", [])]
                endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                                  "params": params})
        return page(request, "api.html", {"endpoints": endpoints, "description": spec["info"].get("description", ""),
                                          "writable": bool(app.state.token)})

    return app
