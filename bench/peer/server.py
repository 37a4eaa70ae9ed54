"""The Python peer: what a typical Python environment server does per call, on FastAPI + uvicorn.

Sessions live in an in-memory dict. A reset copies the world's mutable tables (a shallow dict copy per
table, the usual minimal reset) and answers the task's prompt and tool list; a tool call parses its JSON
arguments, does one dict operation (lookup, filtered scan, insert or update) and answers the result as
text, as atlasgym's session API does. The world and the task descriptions come from a fixture file the
benchmark writes from atlasgym's own world (PEER_FIXTURE), so both servers answer about the same data.
"""

from __future__ import annotations

import json
import os
import secrets
from typing import Any

from fastapi import FastAPI, Request, Response

with open(os.environ["PEER_FIXTURE"], encoding="utf-8") as fixture_file:
    FIXTURE: dict[str, Any] = json.load(fixture_file)

# Tables by product; records keyed by id, with a key index where the API reads by key.
BASE: dict[str, dict[str, dict[str, Any]]] = {name: {r["id"]: r for r in rows} for name, rows in FIXTURE["tables"].items()}
TASKS: dict[str, dict[str, Any]] = FIXTURE["tasks"]
MUTABLE = ("issues", "pages")
RESULT_CHARS = 4000

app = FastAPI()
sessions: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}


def task_key(spec: dict[str, Any]) -> str:
    return f"{spec.get('scenario')}:{spec.get('split', 'train')}:{spec.get('difficulty', 1)}:{spec.get('seed', 0)}"


def table_for(tool: str) -> str:
    if tool.startswith("confluence_"):
        return "spaces" if "space" in tool else "pages"
    if "project" in tool or "meta" in tool:
        return "projects"
    if "user" in tool:
        return "users"
    return "issues"


def target_id(table: dict[str, dict[str, Any]], args: dict[str, Any]) -> str | None:
    for name in ("issueIdOrKey", "id", "projectIdOrKey", "pageId"):
        value = args.get(name)
        if isinstance(value, str):
            if value in table:
                return value
            for record in table.values():
                if record.get("key") == value:
                    return record["id"]
    return None


def words(args: dict[str, Any]) -> list[str]:
    out = []
    for value in args.values():
        if isinstance(value, str):
            out.extend(w.lower() for w in value.replace('"', " ").split() if len(w) > 2)
    return out


def run_tool(state: dict[str, dict[str, dict[str, Any]]], tool: str, args: dict[str, Any]) -> tuple[int, Any]:
    name = table_for(tool)
    table = state[name] if name in MUTABLE else BASE[name]
    if "create" in tool and "meta" not in tool:
        record_id = str(10_000 + len(table))
        body = args.get("body", {})
        table[record_id] = {"id": record_id, "key": f"NEW-{record_id}", **(body if isinstance(body, dict) else {})}
        return 201, {"id": record_id, "key": f"NEW-{record_id}"}
    found = target_id(table, args)
    if any(verb in tool for verb in ("edit", "transition", "update", "label", "comment")) and "get" not in tool:
        if found is None:
            return 404, {"errorMessages": ["Issue does not exist or you do not have permission to see it."]}
        table[found] = {**table[found], "changes": args.get("body")}
        return 204, None
    if found is not None:
        return 200, table[found]
    terms = words(args)
    hits = [r for r in table.values() if not terms or any(t in r.get("text", "") for t in terms)]
    return 200, {"results": hits[:50], "total": len(hits)}


@app.post("/sessions", status_code=201)
async def open_session(request: Request) -> dict[str, Any]:
    spec = await request.json()
    task = TASKS[task_key(spec)]
    session_id = secrets.token_urlsafe(16)
    sessions[session_id] = {name: dict(BASE[name]) for name in MUTABLE}
    return {**task, "sessionId": session_id, "token": secrets.token_urlsafe(16)}


@app.post("/sessions/{session_id}/tools/{tool}")
async def call_tool(session_id: str, tool: str, request: Request) -> dict[str, Any]:
    state = sessions.get(session_id)
    if state is None:
        return {"content": "Error: no live session", "status": None, "error": "unknown_session"}
    raw = await request.body()
    try:
        args = json.loads(raw) if raw.strip() else {}
    except json.JSONDecodeError as error:
        return {"content": f"Error: invalid JSON: {error}", "status": None, "error": "invalid_json"}
    status, result = run_tool(state, tool, args if isinstance(args, dict) else {})
    text = "" if result is None else json.dumps(result)
    return {"content": f"HTTP {status}\n{text[:RESULT_CHARS]}", "status": status}


@app.delete("/sessions/{session_id}", status_code=204)
async def close_session(session_id: str) -> Response:
    sessions.pop(session_id, None)
    return Response(status_code=204)


@app.get("/health")
async def health() -> dict[str, Any]:
    return {"status": "healthy", "sessions": len(sessions)}
