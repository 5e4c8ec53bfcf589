"""Checks shared by the cassette tests of the API classes (one call per cassette)."""

import json

from recorded import recorded_params, replayed


def played(vcr, config=None):
    """Check the cassette was replayed in full with this CONFIG; return the answer's data.

    Replaying every recorded request proves that verb, path, query (CONFIG
    included, to the byte) and headers matched. The CONFIG is then decoded from the
    recorded request and compared with the dict the test expects. Returns None for
    an answer without a JSON body (204, downloads).
    """
    replayed(vcr, config)
    content_type = vcr.responses[-1]["headers"].get("Content-Type", [""])[0]
    body = answer_body(vcr)
    if not body or not content_type.startswith("application/json"):
        return None
    return json.loads(body)["data"]


def recorded_config(vcr):
    """The CONFIG of the recorded API call, decoded; None when it had none."""
    return recorded_params(vcr).get("CONFIG")


def answer_body(vcr):
    """The recorded answer's body, as stored in the cassette."""
    return vcr.responses[-1]["body"]["string"]
