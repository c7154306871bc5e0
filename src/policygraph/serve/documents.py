"""Adding, replacing and removing plans over HTTP: `/api/documents`.

An application sends a plan's raw text (`POST /api/documents?name=plan.txt` with the text as
the body, or a multipart form whose `file` field names it), replaces it (`PUT
/api/documents/{name}`) or removes it (`DELETE /api/documents/{name}`). Each change is an
update of the store (`pipeline.update`): read, validated and published as one new build while
the previous graph answers, or refused with the reason and nothing changed. Writers take turns
(one update at a time); readers are answered throughout by the query workers, which open the
new build once it is live.

The routes are off unless the server has an API key (`POLICYGRAPH_API_KEY` or
`--api-key-file`); a request must then carry it (`Authorization: Bearer KEY` or `X-API-Key`).
A document sent over HTTP is kept in the store's folder of uploads, one folder per content, so
that a later update or full build reads it again from there.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import threading
from pathlib import Path, PurePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..build import Iris
from ..corpus import DOCUMENT_SUFFIXES
from ..pipeline import BuildError, NotInGraph, RepeatedContent, UpdateResult, run_update
from ..pipeline.inputs import named_in
from ..store import GraphStore, StoreError
from .api import LIST_RESPONSES
from .api_params import DEFAULT_LIMIT, openapi_parameters, read, refuse
from .api_results import in_memory_page, page_response
from .deps import SettingsDep
from .settings import Settings

router = APIRouter(prefix="/api/documents", tags=["documents"])

# One update at a time in this server; the store's own lock refuses one from elsewhere.
_WRITER = threading.Lock()
_RETRY_SECONDS = "5"
_NAME = {"name": "name", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "the document's file name (its IRI is made from it), with one of the "
                        f"suffixes {', '.join(DOCUMENT_SUFFIXES)}; required with a raw body",
         "example": "2024年某市服务业发展工作要点.txt"}
_BODY = {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}},
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary"}}}}}}
_RESULT = {"type": "object", "required": ["document", "name", "warnings"], "properties": {
    "document": {"type": "string", "description": "The document's IRI."},
    "name": {"type": "string"},
    "warnings": {"type": "array", "items": {"type": "string"},
                 "description": "What extraction read with a guess."},
    "seconds": {"type": "number", "description": "Time the update took."}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, or not the server's."},
    403: {"description": "Writing is off: the server has no API key."},
    409: {"description": "Another build is writing to the store, or the content is already "
                         "in the graph (`detail` says which)."},
    422: {"description": "A document that cannot be read or breaks the shapes, or a bad "
                         "name; `detail` names it. Nothing changed."},
}


@router.get("", operation_id="list-documents", summary="The documents of the graph",
            description="Each document the live graph holds, by file name, with its IRI, in "
                        "the order the build read them.",
            openapi_extra={"parameters": openapi_parameters([], DEFAULT_LIMIT)},
            responses=LIST_RESPONSES)
async def list_documents(request: Request, settings: SettingsDep) -> Response:
    _, paging = read(request.query_params, [], DEFAULT_LIMIT)
    items = [{"name": name, "document": iri} for name, iri in _held(_store(settings)).items()]
    return page_response(request, in_memory_page(["name", "document"], items, paging), paging)


@router.get("/{name}", operation_id="get-document", summary="One document of the graph",
            description="The document of this file name: its IRI.",
            responses={404: {"description": "No document of this name in the graph."}})
async def get_document(name: str, settings: SettingsDep) -> JSONResponse:
    held = _held(_store(settings))
    if name not in held:
        raise refuse(404, f"not in the graph: {name}")
    return JSONResponse({"name": name, "document": held[name]})


def _store(settings: Settings) -> GraphStore | None:
    """The server's own store, None for a server of a remote store."""
    return GraphStore(settings.store_dir) if settings.endpoint is None else None


def _held(store: GraphStore | None) -> dict[str, str]:
    """The IRI of each document the live graph of `store` holds, by file name."""
    manifest = store.manifest() if store is not None else None
    if not manifest:
        return {}
    left_out = {named_in(message) for message in manifest.get("failed", [])}
    iris = Iris(manifest["base"])
    names = (PurePath(path).name for path in manifest.get("inputs", {}))
    return {name: iris.document(name) for name in names if name not in left_out}


@router.post("", status_code=201, operation_id="add-document",
             summary="Add a plan to the graph",
             description="Read the plan sent, validate it and publish the graph with it, as "
                         "an update. A name already in the graph is refused (409): replace it "
                         "with PUT.",
             openapi_extra={"parameters": [_NAME], "requestBody": _BODY},
             responses={201: {"description": "Added.", "content": {"application/json": {
                 "schema": _RESULT}}}, **_ERRORS})
async def add_document(request: Request, settings: SettingsDep) -> JSONResponse:
    _authorise(request, settings)
    name, body = await _upload(request, request.query_params.get("name"))
    return await _publish(GraphStore(settings.store_dir), name, body, replacing=False)


@router.put("/{name}", operation_id="replace-document", summary="Add or replace a plan",
            description="Read the plan sent and publish the graph with it in the place of the "
                        "document of this name (or added, if there is none).",
            openapi_extra={"requestBody": _BODY},
            responses={200: {"description": "Replaced.", "content": {"application/json": {
                "schema": _RESULT}}}, 201: {"description": "Added."}, **_ERRORS})
async def replace_document(name: str, request: Request, settings: SettingsDep) -> JSONResponse:
    _authorise(request, settings)
    name, body = await _upload(request, name)
    return await _publish(GraphStore(settings.store_dir), name, body, replacing=True)


@router.delete("/{name}", operation_id="remove-document", summary="Remove a plan",
               description="Publish the graph without the document of this name.",
               responses={200: {"description": "Removed."},
                          404: {"description": "No document of this name in the graph."},
                          **_ERRORS})
async def remove_document(name: str, request: Request, settings: SettingsDep) -> JSONResponse:
    _authorise(request, settings)
    result, _ = await _update(GraphStore(settings.store_dir), remove=[name])
    return JSONResponse({"removed": name, "seconds": round(result.seconds, 3)})


def _authorise(request: Request, settings: Settings) -> None:
    if settings.api_key is None or settings.endpoint is not None:
        raise refuse(403, "writing is off on this server: start it with an API key "
                          "(POLICYGRAPH_API_KEY or --api-key-file) over its own store")
    given = request.headers.get("x-api-key") or _bearer(request.headers.get("authorization"))
    if given is None or not secrets.compare_digest(given.encode(), settings.api_key.encode()):
        raise refuse(401, "an API key is required: send it as `Authorization: Bearer KEY` "
                          "or `X-API-Key: KEY`", headers={"WWW-Authenticate": "Bearer"})


def _bearer(header: str | None) -> str | None:
    scheme, _, token = (header or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _upload(request: Request, name: str | None) -> tuple[str, bytes]:
    """The document's name and raw bytes, from a multipart form's `file` field or the body."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise refuse(422, "the multipart form has no `file` field holding the document")
        name, body = name or upload.filename, await upload.read()
    else:
        body = await request.body()
    if not name:
        raise refuse(422, "parameter 'name' is required: the document's file name")
    if PurePath(name).name != name or name.startswith(".") \
            or PurePath(name).suffix.lower() not in DOCUMENT_SUFFIXES:
        raise refuse(422, f"parameter 'name': {name!r} is not a document's file name (no "
                          f"folders, one of {', '.join(DOCUMENT_SUFFIXES)})")
    if not body:
        raise refuse(422, f"{name}: the document is empty")
    return name, body


async def _publish(store: GraphStore, name: str, body: bytes, replacing: bool) -> JSONResponse:
    """Publish the graph with the document, kept in the store's uploads: 201 where it is new,
    200 where it replaced one (which only `replacing` may do)."""
    result, replaced = await _update(store, upload=(name, body), replacing=replacing)
    return JSONResponse({"document": result.documents[name], "name": name,
                         "warnings": [warning.split(": ", 1)[-1] for warning in result.warnings],
                         "seconds": round(result.seconds, 3)}, 200 if replaced else 201)


class _Held(Exception):
    """A document added under a name the graph already holds."""


async def _update(store: GraphStore, upload: tuple[str, bytes] | None = None,
                  remove: list[str] | None = None, replacing: bool = False
                  ) -> tuple[UpdateResult, bool]:
    """The update, in a thread of its own so that the server answers meanwhile, after any
    other writer's, and whether it replaced a document; a refused one as an HTTP error."""
    try:
        return await asyncio.to_thread(_locked_update, store, upload, remove or [], replacing)
    except _Held as error:
        raise refuse(409, f"{error} is already in the graph: replace it with PUT "
                          f"/api/documents/{error}") from None
    except NotInGraph as error:
        raise refuse(404, str(error)) from None
    except RepeatedContent as error:
        raise refuse(409, _without_folders(str(error), store)) from None
    except BuildError as error:
        raise refuse(422, _without_folders(str(error), store)) from None
    except StoreError as error:
        raise refuse(409, str(error), headers={"Retry-After": _RETRY_SECONDS}) from None


def _locked_update(store: GraphStore, upload: tuple[str, bytes] | None, remove: list[str],
                   replacing: bool) -> tuple[UpdateResult, bool]:
    """Write the document sent into the uploads (a folder per content), update the store,
    and keep in the uploads what the live graph reads, and nothing else; whether the document
    sent replaced one (looked up under the lock: two writers of one name cannot both add it)."""
    with _WRITER:
        put, replaced = [], False
        if upload is not None:
            name, body = upload
            replaced = name in _held(store)
            if replaced and not replacing:
                raise _Held(name)
            folder = store.uploads / hashlib.sha256(body).hexdigest()[:16]
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(body)
            put.append(folder / name)
        try:
            return run_update(store, put=put, remove=remove), replaced
        finally:
            _prune_uploads(store)


def _prune_uploads(store: GraphStore) -> None:
    """Remove the uploads the live graph does not read (replaced, removed or refused)."""
    read = {Path(path) for path in (store.manifest() or {}).get("inputs", {})}
    for path in store.uploaded():
        if path not in read:
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()


def _without_folders(message: str, store: GraphStore) -> str:
    """A message naming uploads by their names, not by where the store keeps them."""
    uploads = store.uploads
    return " ".join(str(PurePath(word).name) if word.startswith(str(uploads)) else word
                    for word in message.split(" "))
