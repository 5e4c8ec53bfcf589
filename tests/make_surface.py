"""Write tests/official_surface.json from the table of Zoho's official client.

The table (api-surface.md) lists every method of the official Python client with
its parameters, verb, path, CONFIG keys, extra headers and return value. The JSON
keeps the same facts in a form tests can read; test_surface.py checks the client
against it. Run by hand when the table changes:

    python tests/make_surface.py path/to/api-surface.md
"""

import ast
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "official_surface.json")
COLUMNS = ("class", "signature", "verb", "path", "config", "request", "returns")


def parse_signature(signature):
    """'copy(new_name, config={}, dest_org_id=None)' -> name, parameter list."""
    match = re.match(r"^(\w+)\((.*)\)$", signature)
    if match is None:
        raise ValueError("not a signature: %r" % signature)
    name, inside = match.groups()
    params = []
    for part in filter(None, (p.strip() for p in inside.split(","))):
        if "=" in part:
            param, default = part.split("=", 1)
            params.append({"name": param.strip(), "default": ast.literal_eval(default)})
        else:
            params.append({"name": part})
    return name, params


def parse_config(cell):
    """'viewIds, hdr ZANALYTICS-DEST-ORGID' -> (['viewIds'], ['ZANALYTICS-DEST-ORGID'])."""
    keys, headers = [], []
    for part in filter(None, (p.strip() for p in cell.split(","))):
        if part.startswith("hdr "):
            headers.append(part[4:].strip())
        else:
            keys.append(part)
    return keys, headers


def parse_table(text):
    methods = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if (
            len(cells) != len(COLUMNS)
            or not line.startswith("| ")
            or cells[0] == "class"
        ):
            continue
        row = dict(zip(COLUMNS, cells))
        name, params = parse_signature(row["signature"])
        keys, headers = parse_config(row["config"])
        methods.append(
            {
                "class": row["class"],
                "method": name,
                "params": params,
                "verb": row["verb"] or None,
                "path": row["path"] or None,
                "config_keys": keys,
                "headers": headers,
                "request": row["request"] or None,
                "returns": row["returns"],
            }
        )
    return methods


def main(argv):
    if len(argv) != 1:
        raise SystemExit("usage: python tests/make_surface.py path/to/api-surface.md")
    with open(argv[0]) as handle:
        methods = parse_table(handle.read())
    with open(OUTPUT, "w") as handle:
        json.dump(methods, handle, indent=1)
        handle.write("\n")
    print("%s: %d methods" % (OUTPUT, len(methods)))


if __name__ == "__main__":
    main(sys.argv[1:])
