"""Check API responses against the portal's own OpenAPI document (jsonschema, no extra tool)."""

import copy

import jsonschema


def _to_json_schema(node):
    """OpenAPI 3.0 marks null with `nullable: true`; JSON Schema wants it in `type`."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _to_json_schema(value) for key, value in node.items()}
    if "oneOf" in node:  # blank URL fields are "uri or empty"; without a uri checker both match
        node["anyOf"] = node.pop("oneOf")
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        elif "allOf" in node or "$ref" in node or "anyOf" in node:
            node = {"anyOf": [dict(node), {"type": "null"}]}
        if "enum" in node:
            node["enum"] = [*node["enum"], None]
    return node


def response_schema(schema: dict, path: str, status: str = "200") -> dict:
    operation = schema["paths"][path]["get"]
    body = operation["responses"][status]["content"]["application/json"]["schema"]
    return {**_to_json_schema(copy.deepcopy(body)),
            "components": _to_json_schema(copy.deepcopy(schema["components"]))}


def assert_matches(schema: dict, path: str, data) -> None:
    """The components sit next to the response schema, so `#/components/...` refs resolve."""
    jsonschema.validate(data, response_schema(schema, path))
