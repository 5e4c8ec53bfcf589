"""The headline call, Get Import Job Details, replayed from cassettes."""

import json
import urllib.parse
import os

import pytest

import AnalyticsClient as M
from conftest import ROOT

SEED_JOB_ID = "1767024000003153087"


def seed_data():
    """The data of Zoho's documented answer, read from the cassette that holds it."""
    import yaml

    path = os.path.join(ROOT, "cassettes", "test_import_job_details",
                        "test_get_import_job_details_seed.yaml")
    with open(path) as handle:
        cassette = yaml.safe_load(handle)
    return json.loads(cassette["interactions"][1]["response"]["body"]["string"])["data"]


@pytest.mark.vcr
@pytest.mark.parametrize("job_id", [SEED_JOB_ID, int(SEED_JOB_ID)], ids=["str", "int"])
def test_get_import_job_details_seed(zoho, job_id, vcr):
    bulk = zoho.get_bulk_instance(55522777, "35130000001055707")

    details = bulk.get_import_job_details(job_id)

    assert details == seed_data()
    assert details["jobCode"] == "1004"
    assert details["jobInfo"]["importSummary"]["successRowCount"] == 755
    assert vcr.all_played


@pytest.mark.vcr
def test_get_import_job_details_java_names(zoho, vcr):
    data = zoho.getBulkInstance(55522777, 35130000001055707)

    details = data.getImportJobDetails(1767024000003153087)

    assert details["jobStatus"] == "JOB COMPLETED"
    assert vcr.all_played


def check_server_error(error, code, status):
    assert isinstance(error, M.ServerException) and isinstance(error, M.ServerError)
    assert error.getErrorCode() == error.errorCode == code
    assert error.getHttpStatusCode() == status
    assert str(error).startswith("%d: " % code)
    assert error.getErrorMessage() == error.message
    assert "REDACTED" not in repr(error) and "cassette-secret" not in repr(error)


@pytest.mark.vcr
def test_get_import_job_details_8137(zoho, vcr, capsys):
    bulk = zoho.get_bulk_instance("55522777", "35130000001055707")

    with pytest.raises(M.ServerException) as caught:
        bulk.get_import_job_details("1767024000003153999")

    check_server_error(caught.value, 8137, 404)
    assert "Import job not found" in str(caught.value)
    assert capsys.readouterr() == ("", "")


@pytest.mark.vcr
def test_get_import_job_details_8138(zoho, vcr, capsys):
    bulk = zoho.get_bulk_instance("55522777", "35130000001055707")

    with pytest.raises(M.ServerException) as caught:
        bulk.get_import_job_details(1767024000003153999)

    check_server_error(caught.value, 8138, 403)
    assert capsys.readouterr() == ("", "")


@pytest.mark.vcr
def test_get_import_job_details_7103(zoho, vcr, capsys):
    bulk = zoho.get_bulk_instance("55522777", "35130000009999999")

    with pytest.raises(M.ServerException) as caught:
        bulk.get_import_job_details(SEED_JOB_ID)

    check_server_error(caught.value, 7103, 404)
    assert "Workspace not found" in str(caught.value)
    assert capsys.readouterr() == ("", "")


@pytest.mark.vcr
def test_get_import_job_details_token_expired(zoho, vcr, capsys):
    bulk = zoho.get_bulk_instance("55522777", "35130000001055707")

    details = bulk.get_import_job_details(SEED_JOB_ID)

    assert details == seed_data()
    assert vcr.play_count == 4  # token, 8535, new token, the call again
    assert capsys.readouterr() == ("", "")


# The same call against the local sandbox: faults that cassettes cannot show.

JOB_PATH = "/importjobs/"


def job_details(client, job_id=SEED_JOB_ID, workspace_id="35130000001055707"):
    return client.get_bulk_instance("55522777", workspace_id).get_import_job_details(job_id)


def test_get_import_job_details_sandbox_seed(client, sandbox, capsys):
    details = job_details(client, int(SEED_JOB_ID))

    assert details == seed_data()
    call = [r for r in sandbox.requests if JOB_PATH in r.path][0]
    assert call.headers["zanalytics-orgid"] == "55522777"
    assert call.headers["authorization"].startswith("Zoho-oauthtoken ")
    assert call.headers["user-agent"] == "Analytics Python Client v" + M.__version__
    assert capsys.readouterr() == ("", "")


def test_get_import_job_details_sandbox_id_stays_in_its_segment(client, sandbox):
    with pytest.raises(M.ServerException):
        job_details(client, "../x?y=1")

    call = [r for r in sandbox.requests if JOB_PATH in r.path][0]
    assert call.path == (
        "/restapi/v2/bulk/workspaces/35130000001055707/importjobs/..%2Fx%3Fy%3D1"
    )
    assert call.query == {}


@pytest.mark.parametrize("code, status", [(8137, 404), (8138, 403), (7103, 404)])
def test_get_import_job_details_sandbox_errors(client, sandbox, code, status, capsys):
    sandbox.inject("error", path=JOB_PATH, code=code)

    with pytest.raises(M.ServerException) as caught:
        job_details(client)

    check_server_error(caught.value, code, status)
    assert capsys.readouterr() == ("", "")


def test_get_import_job_details_sandbox_html_502(client, sandbox, capsys):
    client.retries = 0
    sandbox.inject("html502", path=JOB_PATH)

    with pytest.raises(M.ParseException) as caught:
        job_details(client)

    error = caught.value
    assert error.getHttpStatusCode() == 502
    assert "<html" in error.getResponseMessage().lower()
    assert "502" in str(error) and "text/html" in str(error)
    assert capsys.readouterr() == ("", "")


def test_get_import_job_details_sandbox_html_502_is_retried_for_get(client, sandbox):
    sandbox.inject("html502", path=JOB_PATH)

    assert job_details(client)["jobCode"] == "1004"
    assert len([r for r in sandbox.requests if JOB_PATH in r.path]) == 2


def test_get_import_job_details_sandbox_invalid_json(client, sandbox, capsys):
    sandbox.inject("badjson", path=JOB_PATH)

    with pytest.raises(M.ParseException) as caught:
        job_details(client)

    error = caught.value
    assert error.getHttpStatusCode() == 200
    assert error.getResponseMessage().startswith('{"status":"success",')
    assert str(error).startswith("the answer is not JSON")
    assert capsys.readouterr() == ("", "")


def test_get_import_job_details_sandbox_empty_answer(client, sandbox):
    sandbox.inject("empty", path=JOB_PATH)

    with pytest.raises(M.ParseException, match="the answer is empty"):
        job_details(client)


def test_get_import_job_details_refused_connection(transport, capsys):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = M.AnalyticsClient("id", "secret", "refresh", transport=transport,
                               retries=1, retry_backoff=0.001)
    client.accounts_server_url = client.analytics_server_url = "http://127.0.0.1:%d" % port

    with pytest.raises(M.IOException) as caught:
        job_details(client)

    error = caught.value
    assert isinstance(error, OSError) and not isinstance(error, M.TimeoutException)
    assert error.getHttpStatusCode() is None and error.sent is False
    assert isinstance(error.__cause__, Exception)
    assert "refused" in str(error).lower() or "errno 111" in str(error).lower()
    assert capsys.readouterr() == ("", "")


def test_get_import_job_details_sandbox_token_expired(client, sandbox, capsys):
    job_details(client)
    sandbox.expire_tokens()

    details = job_details(client)

    assert details["jobCode"] == "1004"
    assert sandbox.token_requests == 2
    calls = [r for r in sandbox.requests if JOB_PATH in r.path]
    assert len(calls) == 3  # first call, the refused one, the resend
    assert calls[1].headers["authorization"] != calls[2].headers["authorization"]
    assert capsys.readouterr() == ("", "")


def test_get_import_job_details_sandbox_token_in_form_body(client, sandbox):
    job_details(client)

    token = [r for r in sandbox.requests if r.path.startswith("/oauth/v2/token")][0]
    assert token.method == "POST" and token.query == {}
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    body = urllib.parse.parse_qs(token.body.decode())
    assert body == {
        "grant_type": ["refresh_token"],
        "client_id": [client.client_id],
        "client_secret": [client.client_secret],
        "refresh_token": [client.refresh_token],
    }


def test_token_answer_without_access_token_is_an_error(client, sandbox):
    sandbox.inject("token_error", error="invalid_client")

    with pytest.raises(M.AuthenticationException) as caught:
        job_details(client)

    assert caught.value.getHttpStatusCode() == 200
    assert "data_centre" in str(caught.value) and "invalid_client" in str(caught.value)


def test_get_import_job_details_failure_with_http_200(client, sandbox):
    body = ('{"status":"failure","summary":"IMPORT_JOB_NOT_FOUND","data":'
            '{"errorCode":8137,"errorMessage":"Import job not found"}}')
    sandbox.inject("status", path=JOB_PATH, status=200, body=body,
                   content_type="application/json")

    with pytest.raises(M.ServerException) as caught:
        job_details(client)

    assert caught.value.getErrorCode() == 8137
    assert caught.value.getHttpStatusCode() == 200
