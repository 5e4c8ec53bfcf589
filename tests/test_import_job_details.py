"""The headline call, Get Import Job Details, replayed from cassettes."""

import json
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
