"""Tests of the sandbox itself (samples/sandbox.py), driven with http.client."""

import base64
import hashlib
import http.client
import io
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import zipfile

import pytest

from sandbox import ConnectProxy, Sandbox

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CERTS = os.path.join(HERE, "certs")
TLS = (os.path.join(CERTS, "server.pem"), os.path.join(CERTS, "server-key.pem"))
DATA = os.path.join(ROOT, "samples", "sandbox_data.json")
MB = 1 << 20

SEED_JOB_BODY = (
    '{"status":"success","summary":"Fetch import job info","data":{"jobId":'
    '"1767024000003153087","jobCode":"1004","jobStatus":"JOB COMPLETED","jobInfo":'
    '{"viewId":"1767024000003154002","importSummary":{"importType":"APPEND",'
    '"totalColumnCount":7,"selectedColumnCount":7,"totalRowCount":755,'
    '"successRowCount":755,"warnings":0,"importOperation":"created"},"columnDetails":'
    '{"Date":"Date","Region":"Plain Text","Product Category":"Plain Text","Product":'
    '"Plain Text","Customer Name":"Plain Text","Sales":"Currency","Cost":"Currency"},'
    '"importErrors":""},"expiryTime":"1623764592309"}}'
)
BULK = "/restapi/v2/bulk/workspaces/%s" % Sandbox.WORKSPACE_ID
WS = "/restapi/v2/workspaces/%s" % Sandbox.WORKSPACE_ID
CSV = b"Region,Sales\nEast,10\nWest,20\nNorth,30\n"


# -- helpers -----------------------------------------------------------------


def connect(sb):
    return http.client.HTTPConnection("127.0.0.1", sb.port, timeout=30)


def token_form(**overrides):
    form = {
        "grant_type": "refresh_token",
        "client_id": Sandbox.CLIENT_ID,
        "client_secret": Sandbox.CLIENT_SECRET,
        "refresh_token": Sandbox.REFRESH_TOKEN,
    }
    form.update(overrides)
    return urllib.parse.urlencode(form)


def post_token(conn, body=None, query=""):
    conn.request(
        "POST",
        "/oauth/v2/token" + query,
        body if body is not None else token_form(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    response = conn.getresponse()
    return response.status, json.loads(response.read().decode("utf-8"))


def get_token(sb):
    conn = connect(sb)
    try:
        return post_token(conn)[1]["access_token"]
    finally:
        conn.close()


def call(conn, method, path, token, config=None, body=None, headers=None):
    """One API request; returns (status, headers dict, body bytes)."""
    if config is not None:
        separator = "&" if "?" in path else "?"
        path += separator + "CONFIG=" + urllib.parse.quote_plus(json.dumps(config))
    all_headers = {
        "Authorization": "Zoho-oauthtoken " + token,
        "ZANALYTICS-ORGID": Sandbox.ORG_ID,
    }
    all_headers.update(headers or {})
    conn.request(method, path, body, all_headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, dict(response.getheaders()), data


def error_code(body):
    document = json.loads(body.decode("utf-8"))
    assert document["status"] == "failure"
    return document["data"]["errorCode"]


def multipart(fields, boundary="sandboxboundary42"):
    """A small multipart/form-data body: fields are (name, filename, bytes)."""
    out = io.BytesIO()
    for name, filename, data in fields:
        out.write(b"--" + boundary.encode() + b"\r\n")
        disposition = 'form-data; name="%s"' % name
        if filename:
            disposition += '; filename="%s"' % filename
        out.write(("Content-Disposition: %s\r\n" % disposition).encode())
        out.write(b"Content-Type: application/octet-stream\r\n\r\n")
        out.write(data + b"\r\n")
    out.write(b"--" + boundary.encode() + b"--\r\n")
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.fixture
def token(sandbox):
    return get_token(sandbox)


@pytest.fixture
def conn(sandbox):
    connection = connect(sandbox)
    yield connection
    connection.close()


# -- OAuth ---------------------------------------------------------------------


def test_token_flow_issues_fresh_tokens(sandbox, conn):
    status, first = post_token(conn)
    assert status == 200
    assert first["token_type"] == "Bearer"
    assert first["expires_in"] == 3600
    assert first["api_domain"] == sandbox.url
    status, second = post_token(conn)
    assert first["access_token"] != second["access_token"]
    assert sandbox.token_requests == 2
    form = urllib.parse.parse_qs(sandbox.requests[0].body.decode())
    assert form["client_id"] == [Sandbox.CLIENT_ID]


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({"client_id": "1000.WRONG"}, "invalid_client"),
        ({"client_secret": "wrong"}, "invalid_client"),
        ({"refresh_token": "1000.wrong"}, "invalid_code"),
    ],
)
def test_token_errors_answer_200_like_zoho(conn, overrides, error):
    assert post_token(conn, token_form(**overrides)) == (200, {"error": error})


def test_credentials_in_query_are_refused(conn):
    status, body = post_token(conn, body="", query="?" + token_form())
    assert (status, body) == (400, {"error": "invalid_request"})


def test_token_lifetime_is_configurable(sandbox, conn):
    sandbox.token_lifetime = 0
    status, body = post_token(conn)
    assert body["expires_in"] == 0
    assert call(conn, "GET", "/restapi/v2/orgs", body["access_token"])[0] == 401


def test_api_needs_a_valid_token(sandbox, conn, token):
    status, _, body = call(conn, "GET", "/restapi/v2/orgs", "1000.made-up")
    assert status == 401
    assert json.loads(body.decode()) == {
        "status": "failure",
        "summary": "INVALID_OAUTHTOKEN",
        "data": {"errorCode": 8535, "errorMessage": "Invalid Oauthtoken"},
    }
    conn.request("GET", "/restapi/v2/orgs")
    response = conn.getresponse()
    assert (response.status, error_code(response.read())) == (401, 8535)
    assert call(conn, "GET", "/restapi/v2/orgs", token)[0] == 200


def test_expire_tokens_gives_8535_until_refreshed(sandbox, conn, token):
    assert call(conn, "GET", "/restapi/v2/orgs", token)[0] == 200
    sandbox.expire_tokens()
    status, _, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert (status, error_code(body)) == (401, 8535)
    fresh = post_token(conn)[1]["access_token"]
    assert call(conn, "GET", "/restapi/v2/orgs", fresh)[0] == 200


# -- routes ------------------------------------------------------------------------


def load_routes():
    with open(DATA) as handle:
        return json.load(handle)["routes"]


def test_every_canned_route_answers_its_example(sandbox, conn, token):
    dynamic = {"importDataNewTable", "importDataExistingTable", "exportDataView"}
    checked = 0
    for route in load_routes():
        if route["operation"] and (
            route["operation"] in dynamic
            or "Job" in route["operation"]
            or route["operation"].startswith(("batch", "download", "exportAs"))
        ):
            continue
        path = re.sub(r"\{[^}]+\}", "1767024000000000001", route["path"])
        status, headers, body = call(conn, route["method"], path, token)
        assert status == route["status"], (route["method"], route["path"], body)
        if route["body"] is None:
            assert body == b""
        else:
            assert headers["Content-Type"].startswith("application/json")
            assert json.loads(body.decode("utf-8")) == route["body"]
        checked += 1
    assert checked > 170
    assert sandbox.connections == 2  # the token fixture's and this one


def test_client_fields_are_present():
    routes = {(r["method"], r["path"]): r for r in load_routes()}
    ws = "/restapi/v2/workspaces/{workspace-id}"
    assert routes[("POST", "/restapi/v2/workspaces")]["body"]["data"]["workspaceId"]
    assert routes[("POST", ws + "/groups")]["body"]["data"]["groupId"].isdigit()
    assert isinstance(
        routes[("GET", ws + "/datasources")]["body"]["data"]["dataSources"], list
    )
    update = routes[("PUT", ws + "/emailschedules/{schedule-id}")]
    assert update["status"] == 200 and update["body"]["data"]["scheduleId"]
    formulas = routes[("GET", ws + "/views/{view-id}/formulacolumns")]["body"]["data"]
    assert isinstance(formulas["formulaColumns"], list)


@pytest.mark.parametrize(
    "method, official, oas",
    [
        ("GET", "/groups", "/groups"),
        ("PUT", "/folders/1/default", None),
        ("POST", "/folders/1/default", None),
        ("GET", "/views/2/formulacolumns", "/views/2/customformulas"),
        ("GET", "/datasources", "/views/2/datasources"),
        ("POST", "/datasources/3/sync", "/datasource/3/sync"),
        ("DELETE", "/emailschedules/4", "/views/2/emailschedules/4"),
        ("POST", "/share", "/views/share"),
        ("GET", "/views/2/share/userpermissions", "/views/2/share/mypermissions"),
    ],
)
def test_both_spellings_are_served(conn, token, method, official, oas):
    for suffix in filter(None, (official, oas)):
        status, _, body = call(conn, method, WS + suffix, token)
        assert status in (200, 204), (method, suffix, body)


def test_bad_ids_and_unknown_paths(conn, token):
    cases = [
        ("/restapi/v2/workspaces/abc/views", 404, 7103),
        ("/restapi/v2/workspaces/%31%32x/views", 404, 7103),
        (WS + "/views/sales/dependents", 404, 7138),
        (BULK + "/importjobs/job1", 404, 8137),
        (BULK + "/exportjobs/job1", 404, 8120),
        (WS + "/folders/x1", 400, 8504),
        ("/restapi/v2/nowhere", 404, 7301),
        ("/somewhere/else", 404, 7301),
    ]
    for path, status, code in cases:
        method = "DELETE" if "/folders/" in path else "GET"
        got, _, body = call(conn, method, path, token)
        assert (got, error_code(body)) == (status, code), path
    assert call(conn, "GET", "/restapi/v2/workspaces/%31%32/views", token)[0] == 200


def test_bad_config_is_8504(conn, token):
    status, _, body = call(conn, "GET", "/restapi/v2/orgs?CONFIG=%7Bnot-json", token)
    assert (status, error_code(body)) == (400, 8504)
    status, _, body = call(conn, "GET", BULK + "/views/1/data", token, config={})
    assert (status, error_code(body)) == (400, 8079)


def test_recorded_request_fields(sandbox, conn, token):
    config = {"a": 1, "name": "Sales & Co"}
    call(conn, "PUT", WS + "/views/1%2F2?x=1", token, config=config, body=b"hello")
    request = sandbox.requests[-1]
    assert request.method == "PUT"
    assert request.path == WS + "/views/1%2F2"
    assert request.query == {"x": "1", "CONFIG": json.dumps(config)}
    assert request.headers["authorization"] == request.headers["Authorization"]
    assert "zanalytics-orgid" in request.headers
    assert request.body == b"hello"
    assert request.body_size == 5
    assert request.body_sha256 == hashlib.sha256(b"hello").hexdigest()
    assert request.fault is None and request.proxied is False


# -- import jobs ---------------------------------------------------------------


def test_seed_job_answers_zoho_example_byte_for_byte(conn, token):
    status, headers, body = call(
        conn, "GET", BULK + "/importjobs/" + Sandbox.SEED_JOB_ID, token
    )
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert body.decode("utf-8") == SEED_JOB_BODY


def test_job_details_check_org_workspace_and_job(conn, token):
    path = "/importjobs/" + Sandbox.SEED_JOB_ID
    status, _, body = call(
        conn, "GET", BULK + path, token, headers={"ZANALYTICS-ORGID": "1"}
    )
    assert (status, error_code(body)) == (400, 8083)
    status, _, body = call(conn, "GET", "/restapi/v2/bulk/workspaces/99" + path, token)
    assert (status, error_code(body)) == (404, 7103)
    status, _, body = call(conn, "GET", BULK + "/importjobs/12345", token)
    assert (status, error_code(body)) == (404, 8137)


def import_config(**extra):
    config = {"importType": "APPEND", "fileType": "csv", "autoIdentify": "true"}
    config.update(extra)
    return config


def poll(conn, token, kind, job_id):
    status, _, body = call(conn, "GET", "%s/%sjobs/%s" % (BULK, kind, job_id), token)
    assert status == 200
    return json.loads(body.decode())["data"]


def test_bulk_import_job_progresses_on_polls(sandbox, conn, token):
    body, content_type = multipart([("FILE", "sales.csv", CSV)])
    status, _, answer = call(
        conn,
        "POST",
        BULK + "/views/42/data",
        token,
        import_config(),
        body,
        {"Content-Type": content_type},
    )
    assert status == 200
    job_id = json.loads(answer.decode())["data"]["jobId"]
    assert job_id != Sandbox.SEED_JOB_ID and job_id.isdigit()
    codes = [poll(conn, token, "import", job_id)["jobCode"] for _ in range(3)]
    assert codes == ["1001", "1002", "1004"]
    done = poll(conn, token, "import", job_id)
    assert done["jobStatus"] == "JOB COMPLETED"
    summary = done["jobInfo"]["importSummary"]
    assert (summary["totalRowCount"], summary["totalColumnCount"]) == (3, 2)
    assert summary["importOperation"] == "updated"
    assert done["jobInfo"]["viewId"] == "42"
    part = sandbox.requests[-5].parts[0]
    assert part == ("FILE", "sales.csv", len(CSV), hashlib.sha256(CSV).hexdigest(), CSV)


def test_job_polls_until_done_and_fail_job(sandbox, conn, token):
    sandbox.job_polls_until_done = 0
    config = dict(import_config(), tableName="New")
    status, _, answer = call(conn, "POST", BULK + "/data?DATA=a%0A1", token, config)
    job_id = json.loads(answer.decode())["data"]["jobId"]
    assert poll(conn, token, "import", job_id)["jobCode"] == "1004"
    sandbox.fail_job(job_id, "Column mismatch")
    failed = poll(conn, token, "import", job_id)
    assert (failed["jobCode"], failed["jobStatus"]) == ("1003", "ERROR OCCURRED")
    assert failed["jobInfo"]["importErrors"] == "Column mismatch"


def test_batch_import_keeps_batches(sandbox, conn, token):
    batches = [b"Region,Sales\nEast,1\n", b"West,2\n", b"North,3\nSouth,4\n"]
    config = {"importType": "APPEND", "autoIdentify": "true"}
    batch_key, job_id = "start", None
    for index, data in enumerate(batches):
        last = "true" if index == len(batches) - 1 else "false"
        body, content_type = multipart([("FILE", "batch.csv", data)])
        status, _, answer = call(
            conn,
            "POST",
            BULK + "/views/7/data/batch",
            token,
            dict(config, batchKey=batch_key, isLastBatch=last),
            body,
            {"Content-Type": content_type},
        )
        assert status == 200, answer
        data_out = json.loads(answer.decode())["data"]
        batch_key = data_out["batchKey"]
        assert job_id in (None, data_out["jobId"])
        job_id = data_out["jobId"]
        if index == 0:
            assert poll(conn, token, "import", job_id)["jobCode"] == "1001"
    assert b"".join(sandbox.batches(job_id)) == b"".join(batches)
    sandbox.job_polls_until_done = 0
    summary = poll(conn, token, "import", job_id)["jobInfo"]["importSummary"]
    assert summary["totalRowCount"] == 4
    status, _, answer = call(
        conn,
        "POST",
        BULK + "/views/7/data/batch",
        token,
        dict(config, batchKey=batch_key, isLastBatch="true"),
        b"x\n",
        {"Content-Type": "text/plain"},
    )
    assert (status, error_code(answer)) == (400, 8516)


@pytest.mark.parametrize("how", ["query", "form", "part", "json"])
def test_sync_import_accepts_every_data_form(conn, token, how):
    data = "Region,Sales\r\nEast,1\r\nWest,2\r\n"
    path, body, headers = WS + "/views/9/data", None, {}
    config = import_config()
    if how == "query":
        path += "?DATA=" + urllib.parse.quote(data)
    elif how == "form":
        body = urllib.parse.urlencode({"DATA": data})
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif how == "part":
        body, headers["Content-Type"] = multipart([("DATA", None, data.encode())])
    else:
        config["fileType"] = "json"
        body = json.dumps(
            [{"Region": "East", "Sales": 1}, {"Region": "West", "Sales": 2}]
        )
        headers["Content-Type"] = "text/plain"
    status, _, answer = call(conn, "POST", path, token, config, body, headers)
    assert status == 200, answer
    data_out = json.loads(answer.decode())["data"]
    assert data_out["importSummary"]["totalRowCount"] == 2
    assert list(data_out["columnDetails"]) == ["Region", "Sales"]


def test_sync_import_without_data_is_8504(conn, token):
    status, _, body = call(conn, "POST", WS + "/views/9/data", token, import_config())
    assert (status, error_code(body)) == (400, 8504)


def test_chunked_multipart_split_anywhere(sandbox, conn, token):
    body, content_type = multipart([("FILE", "a.csv", CSV * 50), ("NOTE", None, b"x")])

    def tiny_chunks():
        for index in range(0, len(body), 7):
            yield body[index : index + 7]

    headers = {"Content-Type": content_type}  # http.client chunks an iterable body
    status, _, answer = call(
        conn,
        "POST",
        WS + "/views/9/data",
        token,
        import_config(),
        tiny_chunks(),
        headers,
    )
    assert status == 200, answer
    request = sandbox.requests[-1]
    assert request.headers["Transfer-Encoding"] == "chunked"
    assert request.body == body
    assert [(p.name, p.filename, p.data) for p in request.parts] == [
        ("FILE", "a.csv", CSV * 50),
        ("NOTE", None, b"x"),
    ]


# -- exports -----------------------------------------------------------------------


def test_export_defaults_to_small_csv(conn, token):
    status, headers, body = call(conn, "GET", WS + "/views/1/data", token)
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert body.startswith(b"Date,Region") and body.count(b"\n") == 5


@pytest.mark.parametrize(
    "fmt, content_type",
    [
        ("json", "application/json"),
        ("xml", "application/xml"),
        ("xls", "application/vnd.ms-excel"),
        ("pdf", "application/pdf"),
        ("html", "text/html"),
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
    ],
)
def test_export_formats(conn, token, fmt, content_type):
    status, headers, body = call(
        conn, "GET", WS + "/views/1/data", token, {"responseFormat": fmt}
    )
    assert status == 200
    assert headers["Content-Type"].startswith(content_type)
    assert int(headers["Content-Length"]) == len(body) > 0
    if fmt == "json":
        assert json.loads(body.decode())["data"][0]["Region"] == "East"


def test_export_bad_format(conn, token):
    status, _, body = call(
        conn, "GET", WS + "/views/1/data", token, {"responseFormat": "doc"}
    )
    assert (status, error_code(body)) == (400, 8516)


def test_bulk_export_job_and_download(sandbox, conn, token):
    status, _, answer = call(
        conn,
        "GET",
        BULK + "/data",
        token,
        {"sqlQuery": "select 1", "responseFormat": "csv"},
    )
    job_id = json.loads(answer.decode())["data"]["jobId"]
    status, _, body = call(conn, "GET", BULK + "/exportjobs/%s/data" % job_id, token)
    assert (status, error_code(body)) == (400, 8121)
    details = [poll(conn, token, "export", job_id) for _ in range(3)]
    assert [d["jobCode"] for d in details] == ["1001", "1002", "1004"]
    assert "downloadUrl" not in details[1]
    url = details[2]["downloadUrl"]
    assert url == sandbox.url + BULK + "/exportjobs/%s/data" % job_id
    status, headers, body = call(conn, "GET", url[len(sandbox.url) :], token)
    assert status == 200 and body.startswith(b"Date,Region")


def test_export_as_template_is_a_zip(conn, token):
    status, headers, body = call(
        conn, "GET", WS + "/template/data", token, {"viewIds": ["1", "2"]}
    )
    assert status == 200
    assert headers["Content-Type"] == "application/x-zip-compressed"
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert json.loads(archive.read("template.json").decode())["viewIds"] == [
            "1",
            "2",
        ]


def test_streaming_export_of_50mb_keeps_memory_flat(sandbox, conn, token):
    size = 50 * MB + 123
    sandbox.export_size = size
    call(conn, "GET", WS + "/views/1/data", token)  # warm up both sides
    before = rss_kib()
    conn.request(
        "GET",
        WS + "/views/1/data",
        headers={"Authorization": "Zoho-oauthtoken " + token},
    )
    response = conn.getresponse()
    assert int(response.getheader("Content-Length")) == size
    received, newlines = 0, 0
    while True:
        chunk = response.read(MB)
        if not chunk:
            break
        received += len(chunk)
        newlines += chunk.count(b"\n")
    grown = (rss_kib() - before) / 1024.0
    assert received == size
    assert newlines > 100000
    assert grown < 20, "RSS grew by %.1f MiB" % grown


def test_streaming_upload_of_50mb_keeps_memory_flat(sandbox, conn, token):
    boundary = "big-upload-boundary"
    head = (
        '--%s\r\nContent-Disposition: form-data; name="FILE"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n" % boundary
    ).encode()
    tail = ("\r\n--%s--\r\n" % boundary).encode()
    block = b"2026-01-05,East,Furniture,Chair,Ada Lovelace,1520.00,1140.50\n" * 1000
    blocks = (50 * MB) // len(block)
    expected = hashlib.sha256()
    for _ in range(blocks):
        expected.update(block)

    def body():
        yield head
        for _ in range(blocks):
            yield block
        yield tail

    length = len(head) + blocks * len(block) + len(tail)
    call(conn, "GET", "/restapi/v2/orgs", token)  # warm up
    before = rss_kib()
    status, _, answer = call(
        conn,
        "POST",
        WS + "/views/5/data",
        token,
        import_config(),
        body(),
        {
            "Content-Type": "multipart/form-data; boundary=" + boundary,
            "Content-Length": str(length),
        },
    )
    grown = (rss_kib() - before) / 1024.0
    assert status == 200, answer
    request = sandbox.requests[-1]
    assert request.body is None and request.body_size == length
    (part,) = request.parts
    assert (part.name, part.size, part.data) == ("FILE", blocks * len(block), None)
    assert part.sha256 == expected.hexdigest()
    summary = json.loads(answer.decode())["data"]["importSummary"]
    assert summary["totalRowCount"] == blocks * 1000 - 1  # the first line is the header
    assert grown < 20, "RSS grew by %.1f MiB" % grown


# -- faults ------------------------------------------------------------------------


def test_error_fault_with_retry_after(sandbox, conn, token):
    sandbox.inject("error", path="/orgs$", code=6045, retry_after=7)
    status, headers, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert (status, error_code(body), headers["Retry-After"]) == (429, 6045, "7")
    assert sandbox.requests[-1].fault == "error"
    assert call(conn, "GET", "/restapi/v2/orgs", token)[0] == 200  # times=1 used up


@pytest.mark.parametrize(
    "code, status",
    [
        (7103, 404),
        (8137, 404),
        (8138, 403),
        (6043, 400),
        (7005, 500),
        (10001, 400),
        (7198, 400),
        (8132, 400),
        (8134, 400),
        (8504, 400),
    ],
)
def test_error_table_statuses(sandbox, conn, token, code, status):
    sandbox.inject("error", code=code)
    got, _, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert (got, error_code(body)) == (status, code)


def test_error_fault_status_override_times_and_method(sandbox, conn, token):
    sandbox.inject(
        "error", path="users", method="DELETE", code=7005, status=503, times=2
    )
    assert call(conn, "GET", "/restapi/v2/users", token)[0] == 200
    assert call(conn, "DELETE", "/restapi/v2/users", token)[0] == 503
    assert call(conn, "DELETE", "/restapi/v2/users", token)[0] == 503
    assert call(conn, "DELETE", "/restapi/v2/users", token)[0] == 204


def test_faults_without_path_spare_the_token_endpoint(sandbox, conn):
    sandbox.inject("error", code=7005, times=None)
    assert post_token(conn)[0] == 200
    sandbox.clear()
    sandbox.inject("error", path="/oauth/", code=7005)
    assert post_token(conn)[0] == 500


def test_status_fault(sandbox, conn, token):
    sandbox.inject(
        "status",
        status=503,
        body="busy",
        content_type="text/plain",
        headers={"Retry-After": "2"},
    )
    status, headers, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert (status, body, headers["Retry-After"]) == (503, b"busy", "2")
    assert headers["Content-Type"] == "text/plain"


def test_html502_badjson_and_empty_faults(sandbox, conn, token):
    sandbox.inject("html502")
    sandbox.inject("badjson")
    sandbox.inject("empty")
    status, headers, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert status == 502 and headers["Content-Type"].startswith("text/html")
    assert b"<html>" in body
    status, headers, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    with pytest.raises(ValueError):
        json.loads(body.decode())
    status, headers, body = call(conn, "GET", "/restapi/v2/orgs", token)
    assert (status, headers["Content-Length"], body) == (200, "0", b"")
    assert [r.fault for r in sandbox.requests[-3:]] == ["html502", "badjson", "empty"]


def test_drop_fault_reads_then_closes(sandbox, conn, token):
    sandbox.inject("drop")
    with pytest.raises(http.client.RemoteDisconnected):
        call(conn, "POST", WS + "/views/1/rows", token, body=b"x" * 1000)
    assert sandbox.requests[-1].body_size == 1000
    assert sandbox.requests[-1].fault == "drop"


def test_drop_early_closes_before_the_body(sandbox):
    sandbox.inject("drop_early")
    sock = socket.create_connection(("127.0.0.1", sandbox.port), timeout=5)
    try:
        sock.sendall(
            b"POST /restapi/v2/orgs HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
        )
        assert sock.recv(100) == b""  # closed without waiting for the 10 bytes
    finally:
        sock.close()
    assert sandbox.requests[-1].fault == "drop_early"


def test_stall_fault_then_answers(sandbox, conn, token):
    sandbox.inject("stall", seconds=0.5)
    started = time.time()
    assert call(conn, "GET", "/restapi/v2/orgs", token)[0] == 200
    assert time.time() - started >= 0.5
    sandbox.inject("stall", seconds=0.1, then="close")
    with pytest.raises(http.client.RemoteDisconnected):
        call(conn, "GET", "/restapi/v2/orgs", token)


def test_stall_is_interrupted_by_stop():
    sandbox = Sandbox().start()
    sandbox.inject("stall", seconds=60)
    token = get_token(sandbox)
    errors = []

    def client():
        try:
            call(connect(sandbox), "GET", "/restapi/v2/orgs", token)
        except Exception as exc:
            errors.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    while not sandbox.requests or sandbox.requests[-1].fault != "stall":
        time.sleep(0.01)
    started = time.time()
    sandbox.stop()
    sandbox.stop()  # idempotent
    thread.join(10)
    assert time.time() - started < 5
    assert errors and not thread.is_alive()


def test_truncate_fault_cuts_a_download(sandbox, conn, token):
    sandbox.inject("truncate", path="/data$", keep=100)
    conn.request(
        "GET",
        WS + "/views/1/data",
        headers={"Authorization": "Zoho-oauthtoken " + token},
    )
    response = conn.getresponse()
    assert response.status == 200 and int(response.getheader("Content-Length")) > 100
    with pytest.raises(http.client.IncompleteRead) as caught:
        response.read()
    assert len(caught.value.partial) == 100


def test_token_faults(sandbox, conn):
    sandbox.inject("token_error", error="invalid_client")
    assert post_token(conn) == (200, {"error": "invalid_client"})
    sandbox.inject("token_throttle")
    status, body = post_token(conn)
    assert status == 400 and body["error"] == "Access Denied"
    assert "too many requests" in body["error_description"]
    assert post_token(conn)[0] == 200
    assert sandbox.token_requests == 1  # faulted answers are not counted


def test_clear_forgets_requests_and_faults(sandbox, conn, token):
    requests = sandbox.requests
    sandbox.inject("error", code=7005)
    sandbox.clear()
    assert sandbox.requests is requests and requests == []
    assert call(conn, "GET", "/restapi/v2/orgs", token)[0] == 200


def test_inject_rejects_unknown_faults(sandbox):
    with pytest.raises(ValueError):
        sandbox.inject("explode")
    with pytest.raises(ValueError):
        sandbox.inject("error")


# -- connections, proxies, TLS -----------------------------------------------


def test_keep_alive_reuses_one_connection(sandbox, conn):
    token = post_token(conn)[1]["access_token"]
    for _ in range(2):
        assert call(conn, "GET", "/restapi/v2/orgs", token)[0] == 200
    assert sandbox.connections == 1


def test_absolute_form_requests_are_served_and_recorded(sandbox, conn, token):
    url = sandbox.url + "/restapi/v2/orgs?x=1"
    status, _, body = call(
        conn, "GET", url, token, headers={"Proxy-Authorization": "Basic eDp5"}
    )
    assert status == 200
    request = sandbox.requests[-1]
    assert request.proxied and request.path == "/restapi/v2/orgs"
    assert request.query == {"x": "1"}
    assert request.headers["Proxy-Authorization"] == "Basic eDp5"


def test_tls_sandbox_verifies_against_test_ca():
    context = ssl.create_default_context(cafile=os.path.join(CERTS, "ca.pem"))
    with Sandbox(tls=TLS) as sandbox:
        assert sandbox.url.startswith("https://127.0.0.1:")
        for host in ("127.0.0.1", "localhost"):
            conn = http.client.HTTPSConnection(host, sandbox.port, context=context)
            assert post_token(conn)[0] == 200
            conn.close()
        untrusting = ssl.create_default_context()
        conn = http.client.HTTPSConnection(
            "127.0.0.1", sandbox.port, context=untrusting
        )
        with pytest.raises(ssl.SSLError):
            post_token(conn)
        conn.close()


def basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()


def test_connect_proxy_tunnels_tls_with_auth():
    context = ssl.create_default_context(cafile=os.path.join(CERTS, "ca.pem"))
    with Sandbox(tls=TLS) as sandbox, ConnectProxy("puser", "ppass") as proxy:
        conn = http.client.HTTPSConnection("127.0.0.1", proxy.port, context=context)
        conn.set_tunnel(
            "127.0.0.1",
            sandbox.port,
            headers={"Proxy-Authorization": basic("puser", "ppass")},
        )
        assert post_token(conn)[0] == 200
        assert post_token(conn)[0] == 200  # same tunnel
        conn.close()
        assert proxy.tunnels == 1
        assert proxy.auth_headers == [basic("puser", "ppass")]
        assert sandbox.connections == 1

        conn = http.client.HTTPSConnection("127.0.0.1", proxy.port, context=context)
        conn.set_tunnel("127.0.0.1", sandbox.port)
        with pytest.raises(OSError, match="407"):
            post_token(conn)
        conn.close()
        assert proxy.tunnels == 1


def test_connect_proxy_forwards_plain_http(sandbox):
    with ConnectProxy() as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
        url = sandbox.url + "/oauth/v2/token"
        conn.request(
            "POST",
            url,
            token_form(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = conn.getresponse()
        assert response.status == 200 and "access_token" in json.loads(
            response.read().decode()
        )
        conn.close()
        assert proxy.forwarded == 1 and proxy.auth_headers == [None]
    assert sandbox.requests[-1].path == "/oauth/v2/token"


def test_connect_proxy_refuses_other_hosts():
    with ConnectProxy() as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
        conn.request("CONNECT", "example.com:443")
        response = conn.getresponse()
        assert response.status == 403
        response.read()
        conn.close()


def test_stop_closes_idle_keep_alive_connections():
    sandbox = Sandbox().start()
    conn = connect(sandbox)
    post_token(conn)
    sandbox.stop()
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, OSError)):
        post_token(conn)
    conn.close()


# -- command line ------------------------------------------------------------------


def test_command_line_prints_one_line_and_exits_cleanly_on_sigterm():
    script = os.path.join(ROOT, "samples", "sandbox.py")
    process = subprocess.Popen(
        [sys.executable, script, "--port", "0", "--export-size", "10"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        line = process.stdout.readline().decode()
        match = re.match(
            r"^Zoho Analytics sandbox on http://127\.0\.0\.1:(\d+) \(client id "
            r"1000\.SANDBOXCLIENT, client secret sandbox-secret, refresh token "
            r"1000\.sandbox-refresh, org 55522777, workspace 35130000001055707\)\n$",
            line,
        )
        assert match, line
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
        token = post_token(conn)[1]["access_token"]
        status, _, body = call(conn, "GET", WS + "/views/1/data", token)
        assert (status, len(body)) == (200, 10)
        conn.close()
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert out == b"" and err == b""


def test_command_line_port_in_use_is_one_line(sandbox):
    script = os.path.join(ROOT, "samples", "sandbox.py")
    port = sandbox.url.rsplit(":", 1)[1]

    result = subprocess.run(
        [sys.executable, script, "--port", port],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
        timeout=20,
    )

    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("sandbox: cannot listen on 127.0.0.1:%s" % port)
    assert result.stderr.count("\n") == 1
