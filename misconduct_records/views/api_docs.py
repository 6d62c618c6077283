"""The API documentation as a plain page of the site, read from the same OpenAPI schema.

Swagger UI stays available for trying requests, but its own markup fails accessibility checks
(buttons nested in buttons, low-contrast labels), so the documentation people land on is this.
"""

from functools import lru_cache

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    kind = schema.get("type", "")
    if kind == "array":
        kind = f"{schema.get('items', {}).get('type', '')}[]"
    return {"name": parameter["name"], "where": parameter["in"],
            "required": parameter.get("required", False), "type": kind,
            "choices": schema.get("enum") or schema.get("items", {}).get("enum") or [],
            "description": parameter.get("description", "")}


@lru_cache(maxsize=1)
def api_operations() -> tuple[dict, tuple[dict, ...]]:
    """The schema's info and one entry per operation, in path order (built once per process)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in sorted(schema["paths"].items()):
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operations.append({
                "id": operation.get("operationId", f"{method}-{path}"), "method": method.upper(),
                "path": path, "description": operation.get("description", ""),
                "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                "responses": sorted(operation.get("responses", {})),
            })
    return schema["info"], tuple(operations)


def api_docs(request):
    info, operations = api_operations()
    return render(request, "misconduct_records/api_docs.html", {
        "info": info, "operations": operations})
