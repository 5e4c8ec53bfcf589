"""Regenerate ``samples/sandbox_data.json`` (maintainer tool, not used at run time).

The sandbox (``samples/sandbox.py``) answers every Zoho Analytics REST API v2
operation with the example response that Zoho publishes for it. Those examples
live in Zoho's OpenAPI files; this script extracts them once into the committed
data file so that the sandbox needs nothing but the standard library and that
file when it runs.

Usage::

    python samples/make_sandbox_data.py OAS_DIR [--surface API_SURFACE_MD] [-o OUT]

``OAS_DIR`` is a folder of Zoho's OpenAPI ``*.json`` files. ``--surface`` is the
markdown table of the official Python client's methods (verb, path, returns);
it defaults to ``OAS_DIR/../api-surface.md``. Routes that the official client
reaches under a different spelling than the OpenAPI files are added as aliases
that borrow the example of their OpenAPI twin, and every answer is checked to
carry the field the official client reads from it.

Only facts are copied: paths, verbs, status codes and example bodies.
"""

import argparse
import glob
import json
import os
import re
import sys
from typing import Any, Dict, List, Optional, Tuple

API_PREFIX = "/restapi/v2"
METHODS = ("get", "post", "put", "delete")

# Official-client spelling -> OpenAPI spelling whose example it borrows.
# Paths use "{}" for each id segment.
ALIASES = {
    ("POST", "/restapi/v2/workspaces/{}/share"): (
        "POST",
        "/restapi/v2/workspaces/{}/views/share",
    ),
    ("DELETE", "/restapi/v2/workspaces/{}/share"): (
        "DELETE",
        "/restapi/v2/workspaces/{}/views/share",
    ),
    ("PUT", "/restapi/v2/workspaces/{}/views/{}/share"): (
        "PUT",
        "/restapi/v2/workspaces/{}/views/share",
    ),
    ("GET", "/restapi/v2/workspaces/{}/views/{}/share/userpermissions"): (
        "GET",
        "/restapi/v2/workspaces/{}/views/{}/share/mypermissions",
    ),
    ("PUT", "/restapi/v2/workspaces/{}/folders/{}/default"): (
        "POST",
        "/restapi/v2/workspaces/{}/folders/{}/default",
    ),
    ("GET", "/restapi/v2/workspaces/{}/datasources"): (
        "GET",
        "/restapi/v2/workspaces/{}/views/{}/datasources",
    ),
    ("POST", "/restapi/v2/workspaces/{}/datasources/{}/sync"): (
        "POST",
        "/restapi/v2/workspaces/{}/datasource/{}/sync",
    ),
    ("PUT", "/restapi/v2/workspaces/{}/datasources/{}"): (
        "PUT",
        "/restapi/v2/workspaces/{}/datasource/{}",
    ),
    ("POST", "/restapi/v2/workspaces/{}/emailschedules"): (
        "POST",
        "/restapi/v2/workspaces/{}/views/{}/emailschedules",
    ),
    ("PUT", "/restapi/v2/workspaces/{}/emailschedules/{}"): (
        "PUT",
        "/restapi/v2/workspaces/{}/views/{}/emailschedules/{}",
    ),
    ("POST", "/restapi/v2/workspaces/{}/emailschedules/{}"): (
        "POST",
        "/restapi/v2/workspaces/{}/views/{}/emailschedules/{}/trigger",
    ),
    ("PUT", "/restapi/v2/workspaces/{}/emailschedules/{}/status"): (
        "PUT",
        "/restapi/v2/workspaces/{}/views/{}/emailschedules/{}/status",
    ),
    ("DELETE", "/restapi/v2/workspaces/{}/emailschedules/{}"): (
        "DELETE",
        "/restapi/v2/workspaces/{}/views/{}/emailschedules/{}",
    ),
    ("GET", "/restapi/v2/workspaces/{}/views/{}/formulacolumns"): (
        "GET",
        "/restapi/v2/workspaces/{}/views/{}/customformulas",
    ),
    ("POST", "/restapi/v2/workspaces/{}/views/{}/formulacolumns"): (
        "POST",
        "/restapi/v2/workspaces/{}/views/{}/customformulas",
    ),
    ("PUT", "/restapi/v2/workspaces/{}/views/{}/formulacolumns/{}"): (
        "PUT",
        "/restapi/v2/workspaces/{}/views/{}/customformulas/{}",
    ),
    ("DELETE", "/restapi/v2/workspaces/{}/views/{}/formulacolumns/{}"): (
        "DELETE",
        "/restapi/v2/workspaces/{}/views/{}/customformulas/{}",
    ),
}


def main(argv: Optional[List[str]] = None) -> int:
    """Read the OpenAPI folder and the client surface, write the data file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oas_dir", help="folder with Zoho's OpenAPI *.json files")
    parser.add_argument("--surface", help="api-surface.md of the official client")
    parser.add_argument(
        "-o",
        "--output",
        default=os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "sandbox_data.json"
        ),
    )
    args = parser.parse_args(argv)
    surface = args.surface or os.path.join(args.oas_dir, os.pardir, "api-surface.md")

    routes = read_oas_routes(args.oas_dir)
    client_rows = read_client_surface(surface) if os.path.exists(surface) else []
    add_client_routes(routes, client_rows)

    data = {
        "about": "Example answers for samples/sandbox.py, extracted from Zoho's "
        "published OpenAPI files by samples/make_sandbox_data.py.",
        "routes": sorted(routes.values(), key=lambda r: (r["path"], r["method"])),
    }
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, ensure_ascii=False)
        out.write("\n")
    sys.stderr.write("wrote %d routes to %s\n" % (len(routes), args.output))
    return 0


def shape(method: str, path: str) -> Tuple[str, str]:
    """Key a route by verb and path with every ``{param}`` replaced by ``{}``."""
    return method.upper(), re.sub(r"\{[^}]+\}", "{}", path).rstrip("/")


def read_oas_routes(oas_dir: str) -> Dict[Tuple[str, str], Dict[str, Any]]:
    """Collect every operation of the OpenAPI files with its example answer."""
    routes = {}  # type: Dict[Tuple[str, str], Dict[str, Any]]
    for filename in sorted(glob.glob(os.path.join(oas_dir, "*.json"))):
        with open(filename, encoding="utf-8") as handle:
            doc = json.load(handle)
        for path, item in doc.get("paths", {}).items():
            if not path.startswith(API_PREFIX):
                # A few sharing operations are published without the prefix.
                path = API_PREFIX + path
            for method, operation in item.items():
                if method not in METHODS:
                    continue
                status, content_type, body = example_answer(doc, operation)
                routes[shape(method, path)] = {
                    "method": method.upper(),
                    "path": path,
                    "status": status,
                    "content_type": content_type,
                    "operation": operation.get("operationId"),
                    "client_method": None,
                    "body": body,
                }
    return routes


def example_answer(
    doc: Dict[str, Any], operation: Dict[str, Any]
) -> Tuple[int, str, Any]:
    """Return (status, content type, example JSON or None) of a success answer."""
    responses = operation.get("responses", {})
    code = sorted(c for c in responses if c.isdigit() and c.startswith("2"))[0]
    content = responses[code].get("content") or {}
    if not content:
        return int(code), "", None
    if "application/json" not in content or not content["application/json"]:
        return int(code), sorted(content)[0], None
    media = content["application/json"]
    if "examples" in media:
        first = list(media["examples"].values())[0]
        return int(code), "application/json", resolve(doc, first).get("value")
    if "example" in media:
        return int(code), "application/json", media["example"]
    schema = resolve(doc, media.get("schema", {}))
    body = schema_example(doc, schema)
    if isinstance(body, dict) and body.get("status") == "":
        # Built from the bare schema: fill the envelope like a real answer.
        body.update(status="success", summary=operation.get("summary", ""))
    return int(code), "application/json", body


def resolve(doc: Dict[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (``#/a/b``) until a plain node is reached."""
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        node = doc
        for key in ref[2:].split("/"):
            node = node[key]
    return node


def schema_example(doc: Dict[str, Any], schema: Dict[str, Any]) -> Any:
    """Return the schema's own example, or build one from its properties."""
    for key in ("examples", "example"):
        if key in schema:
            value = schema[key]
            if key == "examples" and isinstance(value, list):
                value = value[0]
            return unwrap_example(value)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {
            name: schema_example(doc, resolve(doc, prop))
            for name, prop in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [schema_example(doc, resolve(doc, schema.get("items", {})))]
    if "enum" in schema:
        return schema["enum"][0]
    return {"integer": 0, "number": 0, "boolean": False}.get(kind or "", "")


def unwrap_example(value: Any) -> Any:
    """Strip OpenAPI example wrappers: ``{"value": X}``, ``{"name": {"value": X}}``."""
    wrapper_keys = {"summary", "description", "value"}
    while isinstance(value, dict):
        if "value" in value and set(value) <= wrapper_keys:
            value = value["value"]
        elif len(value) == 1:
            inner = list(value.values())[0]
            if not (
                isinstance(inner, dict)
                and "value" in inner
                and set(inner) <= wrapper_keys
            ):
                break
            value = inner["value"]
        else:
            break
    return value


def read_client_surface(filename: str) -> List[Dict[str, str]]:
    """Parse the official client's method table: verb, path, method, returns."""
    rows = []
    with open(filename, encoding="utf-8") as handle:
        for line in handle:
            cols = [c.strip() for c in line.split("|")]
            if len(cols) > 7 and cols[3] in ("GET", "POST", "PUT", "DELETE"):
                path = re.sub(
                    r"\{(\w+)\}",
                    lambda m: "{%s}" % m.group(1).replace("_", "-"),
                    cols[4],
                )
                rows.append(
                    {
                        "method": cols[3],
                        "path": path.rstrip("/"),
                        "client_method": "%s.%s" % (cols[1], cols[2].split("(")[0]),
                        "returns": cols[7],
                    }
                )
    return rows


def add_client_routes(
    routes: Dict[Tuple[str, str], Dict[str, Any]], rows: List[Dict[str, str]]
) -> None:
    """Tag OpenAPI routes with the client method using them; add client-only ones.

    Also makes sure each answer holds the field the client reads (its
    ``returns`` column, e.g. ``int(body['data']['workspaceId'])``).
    """
    for row in rows:
        key = shape(row["method"], row["path"])
        if key in routes:
            route = routes[key]
        else:
            twin = routes[ALIASES[key]]
            route = dict(twin, method=row["method"], path=row["path"], operation=None)
            route["body"] = json.loads(json.dumps(twin["body"]))
            routes[key] = route
        names = [route["client_method"]] if route["client_method"] else []
        route["client_method"] = ", ".join(names + [row["client_method"]])
        ensure_field(route, row["returns"])


def ensure_field(route: Dict[str, Any], returns: str) -> None:
    """Add the field named by a ``returns`` expression when the example lacks it."""
    keys = re.findall(r"\['(\w+)'\]", returns)
    if not keys or route["content_type"] not in ("", "application/json"):
        return
    if route["body"] is None:
        route.update(status=200, content_type="application/json")
        route["body"] = {"status": "success", "summary": "", "data": {}}
    node = route["body"]
    for index, key in enumerate(keys):
        last = index == len(keys) - 1
        if key not in node:
            node[key] = missing_value(node, key) if last else {}
            sys.stderr.write(
                "added %s to %s %s\n" % (key, route["method"], route["path"])
            )
        node = node[key]


def missing_value(parent: Dict[str, Any], key: str) -> Any:
    """Pick a plausible value for a field the client reads but the example lacks."""
    if key.endswith("Id"):
        ids = [v for k, v in parent.items() if k.endswith("Id") and isinstance(v, str)]
        return ids[0] if ids else "1767024000009999001"
    lists = [value for value in parent.values() if isinstance(value, list)]
    if len(lists) == 1:
        return json.loads(json.dumps(lists[0]))  # the twin's list under its own name
    return [] if key.endswith("s") else ""


if __name__ == "__main__":
    sys.exit(main())
