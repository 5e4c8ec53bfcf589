"""The request pipeline's building blocks: ids, config, exceptions, transports."""

import json
import logging
import os
import subprocess
import sys

import pytest

import AnalyticsClient as M
from conftest import ROOT


def make_client(**options):
    return M.AnalyticsClient("1000.ID", "secret-value", "1000.refresh-value", **options)


@pytest.mark.parametrize(
    "value, segment",
    [
        (1767024000003153087, "1767024000003153087"),
        ("1767024000003153087", "1767024000003153087"),
        ("../x?y=1", "..%2Fx%3Fy%3D1"),
        ("a/b#c", "a%2Fb%23c"),
        ("%2e%2e", "%252e%252e"),
    ],
)
def test_segment_encodes_one_path_segment(value, segment):
    assert M._segment("job_id", value) == segment


@pytest.mark.parametrize(
    "value", [None, 1.5, True, ["1"], b"1", "", " 1", "1 ", "1\n2", "..", ".", -5]
)
def test_segment_rejects_what_is_not_an_id(value):
    with pytest.raises(ValueError) as caught:
        M._segment("job_id", value)

    assert "job_id" in str(caught.value)


def test_get_import_job_details_bad_id_sends_nothing():
    client = make_client()
    bulk = client.get_bulk_instance(55522777, 35130000001055707)

    with pytest.raises(ValueError, match="job_id"):
        bulk.get_import_job_details(12.5)

    assert client._transport is None and client.access_token is None


@pytest.mark.parametrize("org_id", [None, "55 522", "5552\r\nX-Evil: 1", 3.0])
def test_get_bulk_instance_rejects_bad_org_id(org_id):
    with pytest.raises(ValueError, match="org_id"):
        make_client().get_bulk_instance(org_id, 1)


def test_path_fills_named_ids():
    path = M._path("/restapi/v2/workspaces/{workspace_id}/views/{view_id}",
                   {"workspace_id": 35, "view_id": "a/b"})

    assert path == "/restapi/v2/workspaces/35/views/a%2Fb"


def test_merged_copies_and_never_mutates():
    config = {"criteria": "x", "fileType": "old"}
    snapshot = dict(config)

    merged = M._merged(config, fileType="csv", importType="append")

    assert config == snapshot
    assert merged == {"criteria": "x", "fileType": "csv", "importType": "append"}
    assert list(merged) == ["criteria", "fileType", "importType"]
    assert M._merged(None) == {} and M._merged(None) is not M._merged(None)


def test_merged_rejects_config_that_is_not_a_dict():
    with pytest.raises(ValueError, match="config must be a dict, not list"):
        M._merged([("a", 1)])


def test_json_param_is_one_quote_plus_encoded_parameter():
    param = M._json_param("CONFIG", {"responseFormat": "csv", "q": "a&b"})

    assert param == "CONFIG=%7B%22responseFormat%22%3A+%22csv%22%2C+%22q%22%3A+%22a%26b%22%7D"


def test_json_param_names_what_cannot_be_sent():
    with pytest.raises(ValueError, match="CONFIG cannot be sent as JSON"):
        M._json_param("CONFIG", {"when": object()})


@pytest.mark.parametrize(
    "name, value", [("client_id", ""), ("client_secret", None), ("refresh_token", "  ")]
)
def test_client_rejects_missing_credentials(name, value):
    args = {"client_id": "id", "client_secret": "secret", "refresh_token": "refresh"}
    args[name] = value

    with pytest.raises(ValueError, match=name):
        M.AnalyticsClient(**args)


def test_client_defaults_match_zoho():
    client = make_client()

    assert client.accounts_server_url == "https://accounts.zoho.com"
    assert client.analytics_server_url == "https://analyticsapi.zoho.com"


@pytest.mark.parametrize("centre", sorted(M.DATA_CENTRES))
def test_data_centre_sets_both_hosts(centre):
    client = make_client(data_centre=centre)

    assert (client.accounts_server_url, client.analytics_server_url) == M.DATA_CENTRES[centre]


def test_data_centre_unknown_is_refused():
    with pytest.raises(ValueError, match="data_centre must be one of"):
        make_client(data_centre="mars")


def test_transport_can_be_forced():
    client = make_client(transport="stdlib")
    assert client.transport == "stdlib"
    assert isinstance(client._get_transport(), M._StdlibTransport)

    with pytest.raises(ValueError, match="transport must be"):
        client.transport = "curl"


@pytest.mark.skipif(M.urllib3 is None, reason="urllib3 is not installed")
def test_transport_auto_prefers_urllib3():
    client = make_client()

    assert client.transport == "urllib3"
    assert isinstance(client._get_transport(), M._Urllib3Transport)


def test_repr_holds_no_secret():
    client = make_client()
    client.access_token = "1000.access-value"

    text = repr(client)

    for secret in ("secret-value", "1000.refresh-value", "1000.access-value"):
        assert secret not in text


def test_exception_tree_and_names():
    assert M.ServerError is M.ServerException and M.ParseError is M.ParseException
    assert issubclass(M.IOException, OSError)
    assert issubclass(M.TimeoutException, M.IOException)
    for cls in (M.AuthenticationException, M.RateLimitException,
                M.UnitsExhaustedException, M.JobBusyException, M.JobFailedException):
        assert issubclass(cls, M.ServerException)
    for cls in (M.ServerException, M.ParseException, M.IOException,
                M.JobTimeoutException):
        assert issubclass(cls, M.AnalyticsError)


def test_server_exception_text_is_short_and_repr_full():
    error = M.ServerException("Import job not found", 8137, 404, "GET", "https://h/p")

    assert str(error) == "8137: Import job not found"
    assert error.getErrorCode() == 8137 and error.getHttpStatusCode() == 404
    assert error.getErrorMessage() == "Import job not found"
    assert repr(error) == (
        "ServerException(errorCode=8137, message='Import job not found', "
        "http_status=404, method='GET', url='https://h/p')"
    )


def test_parse_exception_keeps_raw_answer():
    error = M.ParseException("not JSON", "<html>502</html>", 502)

    assert error.getResponseMessage() == error.responseContent == "<html>502</html>"
    assert error.getErrorMessage() == "not JSON" and error.getHttpStatusCode() == 502


@pytest.mark.parametrize(
    "code, status, cls",
    [
        (8535, 401, M.AuthenticationException),
        (6045, 429, M.RateLimitException),
        (None, 429, M.RateLimitException),
        (6043, 400, M.UnitsExhaustedException),
        (10001, 400, M.JobBusyException),
        (8134, 400, M.JobBusyException),
        (7103, 404, M.ServerException),
    ],
)
def test_error_class_by_code(code, status, cls):
    assert M._error_class(code, status) is cls


def test_logger_is_named_after_the_module_with_a_null_handler():
    log = logging.getLogger("AnalyticsClient")

    assert log is M.logger
    assert any(isinstance(h, logging.NullHandler) for h in log.handlers)


def test_module_imports_with_standard_library_only():
    code = "import sys; sys.path.insert(0, %r); import AnalyticsClient as M; " \
           "print(M.urllib3 is None, M.AnalyticsClient('a','b','c').transport)" % ROOT
    out = subprocess.run([sys.executable, "-S", "-c", code], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True, check=True)

    assert out.stdout.split() == ["True", "stdlib"]
    assert out.stderr == ""


@pytest.mark.parametrize(
    "value",
    ["\u65e5\u672c", "\u00e9", "1\u20282", 2**63, 10**5000],
    ids=["cjk", "accent", "line-separator", "2**63", "10**5000"],
)
def test_segment_rejects_non_ascii_and_out_of_range(value):
    with pytest.raises(ValueError, match="job_id is not an id"):
        M._segment("job_id", value)


@pytest.mark.parametrize(
    "make",
    [
        lambda ac: ac.get_bulk_instance(55522777, None),
        lambda ac: ac.get_workspace_instance(55522777, None),
        lambda ac: ac.get_view_instance(55522777, 35130000001055707, None),
        lambda ac: ac.get_view_instance(55522777, None, 1),
    ],
)
def test_instances_refuse_a_missing_id(make):
    with pytest.raises(ValueError, match="(workspace_id|view_id) must be an id"):
        make(make_client())


@pytest.mark.parametrize("file_path", [None, 5, ["a.csv"]])
def test_import_data_file_path_must_be_a_path(file_path):
    bulk = make_client().get_bulk_instance(1, 2)

    with pytest.raises(ValueError, match="file_path must be a path"):
        bulk.import_data(3, "append", "csv", "true", file_path)


def test_set_proxy_password_without_user_is_refused():
    with pytest.raises(ValueError, match="proxy_password was given without"):
        make_client().set_proxy("proxy.example", 3128, None, "pw")


def test_segment_rejects_a_very_long_string():
    with pytest.raises(ValueError, match="job_id is not an id: 65 characters long"):
        M._segment("job_id", "1" * 65)
    assert M._segment("job_id", "1" * 64) == "1" * 64


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_settings_refuse_nan_and_infinity(value):
    with pytest.raises(ValueError, match="retry_backoff"):
        make_client(retry_backoff=value)
    with pytest.raises(ValueError, match="read_timeout"):
        make_client(read_timeout=value)


def test_network_error_text_stays_on_one_line():
    error = M._io_error(M.IOException, "HTTTP/9 xx\r\n", "GET", "https://h/p?CONFIG=x", True)

    assert str(error) == "GET https://h/p: HTTTP/9 xx\\x0d\\x0a"


def test_import_raw_data_needs_data():
    bulk = make_client().get_bulk_instance(1, 2)

    with pytest.raises(ValueError, match="data must be the rows to import"):
        bulk.import_raw_data(3, "append", "json", "true", None)
    with pytest.raises(ValueError, match="data must be the rows to import"):
        bulk.import_raw_data_in_new_table("Sales", "json", "true", None)
