"""What a replayed cassette holds: the decoded CONFIG and DATA, the answer's JSON.

The cassette's query matcher compares the query exactly, so what a cassette
recorded is what the client sent.
"""

import json
import urllib.parse


def recorded_params(vcr, index=-1):
    """The query parameters (CONFIG, DATA) of a recorded request, JSON-decoded."""
    query = urllib.parse.urlsplit(vcr.requests[index].uri).query
    return {name: json.loads(value) for name, value in urllib.parse.parse_qsl(query)}


def recorded_answer(vcr, index=-1):
    """The JSON answer of a recorded interaction."""
    body = vcr.responses[index]["body"]["string"]
    return json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)


def replayed(vcr, config, index=-1):
    """Check that every interaction was played and the request's CONFIG."""
    assert vcr.all_played
    assert recorded_params(vcr, index).get("CONFIG") == config


def media_type(request):
    value = request.headers.get("Content-Type") or ""
    if isinstance(value, (list, tuple)):
        value = value[0]
    return value.split(";")[0]


def body_text(request):
    body = request.body
    return body.decode("utf-8") if isinstance(body, bytes) else body


def recorded_upload(vcr, index=-1):
    """Check that a recorded request is multipart with part FILE; return its body."""
    request = vcr.requests[index]
    assert media_type(request) == "multipart/form-data"
    text = body_text(request)
    assert 'Content-Disposition: form-data; name="FILE"; filename=' in text
    return text
