"""BulkAPI, one replayed cassette per method (built by cassettes_view_bulk.py).

The batch imports are in test_batches.py; Get Import Job Details in
test_import_job_details.py.
"""

import io
import re

import pytest

import AnalyticsClient as M
from recorded import recorded_answer, recorded_params, recorded_upload, replayed

VIEW_ID = "1767024000003145011"
EXPORT_JOB_ID = "35130000001391001"
SALES_CSV = (
    b"Date,Region,Product,Sales\r\n"
    b'2024-01-02,East,"Chair, oak",120.50\r\n'
    b'2024-01-03,West,"Desk\r\nwith drawer",340.00\r\n'
)
EXPORT_CSV = (
    b"Date,Region,Product Category,Product,Customer Name,Sales,Cost\r\n"
    b"2024-01-02,East,Furniture,Chair,Ada Lovelace,120.50,80.00\r\n"
    b"2024-01-03,West,Technology,Laptop,Alan Turing,999.00,700.00\r\n"
)
RAW_DATA = [{"Region": "East"}, {"Region": "West"}]
CSV_IMPORT = {"fileType": "csv", "autoIdentify": "true", "importType": "append"}
NEW_TABLE = {"tableName": "Sales", "fileType": "csv", "autoIdentify": "true"}


@pytest.fixture
def bulk(zoho):
    return zoho.get_bulk_instance("55522777", "35130000001055707")


@pytest.fixture
def sales_csv(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_bytes(SALES_CSV)
    return str(path)


def check_upload(vcr, config, result):
    """A file import: replayed, multipart with part FILE, the answer's data back."""
    replayed(vcr, config)
    assert SALES_CSV.decode("utf-8") in recorded_upload(vcr)
    assert result == recorded_answer(vcr)["data"]


@pytest.mark.vcr
def test_import_data_example(bulk, sales_csv, vcr):
    result = bulk.import_data(VIEW_ID, "append", "csv", "true", sales_csv)
    assert result["importSummary"]["importOperation"] == "updated"
    check_upload(
        vcr, {"fileType": "csv", "autoIdentify": "true", "importType": "append"}, result
    )


@pytest.mark.vcr
def test_import_data_in_new_table_example(bulk, sales_csv, vcr):
    result = bulk.import_data_in_new_table("Sales", "csv", "true", sales_csv)
    assert result["viewId"] == "1767024000003153002"
    assert result["importSummary"]["importOperation"] == "created"
    check_upload(
        vcr, {"tableName": "Sales", "fileType": "csv", "autoIdentify": "true"}, result
    )


@pytest.mark.vcr
def test_import_raw_data_example(bulk, vcr):
    result = bulk.import_raw_data(VIEW_ID, "append", "json", "true", RAW_DATA)
    assert result == recorded_answer(vcr)["data"]
    replayed(vcr, {"fileType": "json", "autoIdentify": "true", "importType": "append"})
    assert recorded_params(vcr)["DATA"] == [{"Region": "East"}, {"Region": "West"}]


@pytest.mark.vcr
def test_import_raw_data_in_new_table_example(bulk, vcr):
    result = bulk.import_raw_data_in_new_table("Sales", "json", "true", RAW_DATA)
    assert result["importSummary"]["totalRowCount"] == 101
    replayed(vcr, {"tableName": "Sales", "fileType": "json", "autoIdentify": "true"})
    assert recorded_params(vcr)["DATA"] == [{"Region": "East"}, {"Region": "West"}]


@pytest.mark.vcr
def test_import_bulk_data_example(bulk, sales_csv, vcr):
    job_id = bulk.import_bulk_data(VIEW_ID, "append", "csv", "true", sales_csv)
    assert job_id == "1767024000003153087"
    check_upload(vcr, dict(CSV_IMPORT), {"jobId": job_id})


@pytest.mark.vcr
def test_import_bulk_data_in_new_table_example(bulk, sales_csv, vcr):
    job_id = bulk.import_bulk_data_in_new_table("Sales", "csv", "true", sales_csv)
    assert job_id == "1767024000003153087"
    check_upload(vcr, dict(NEW_TABLE), {"jobId": job_id})


@pytest.mark.vcr
def test_export_data_example(bulk, tmp_path, vcr):
    target = tmp_path / "export.csv"
    assert bulk.export_data(VIEW_ID, "csv", str(target)) is None
    assert target.read_bytes() == EXPORT_CSV
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]  # no partial left
    replayed(vcr, {"responseFormat": "csv"})


@pytest.mark.vcr
def test_export_bulk_data_example(bulk, vcr):
    stream = io.BytesIO()
    assert bulk.export_bulk_data(int(EXPORT_JOB_ID), stream) is None
    assert stream.getvalue() == EXPORT_CSV
    replayed(vcr, None)


@pytest.mark.vcr
def test_initiate_bulk_export_example(bulk, vcr):
    assert bulk.initiate_bulk_export(VIEW_ID, "csv") == "1767024000008787011"
    replayed(vcr, {"responseFormat": "csv"})


@pytest.mark.vcr
def test_initiate_bulk_export_using_sql_example(bulk, vcr):
    sql = "select Region, Sales from Sales"
    assert bulk.initiate_bulk_export_using_sql(sql, "csv") == "1767024000008787011"
    replayed(
        vcr, {"responseFormat": "csv", "sqlQuery": "select Region, Sales from Sales"}
    )


@pytest.mark.vcr
def test_get_export_job_details_example(bulk, vcr):
    details = bulk.get_export_job_details(EXPORT_JOB_ID)
    assert details == recorded_answer(vcr)["data"]
    assert details["jobCode"] == "1004"
    assert details["downloadUrl"].endswith("/exportjobs/35130000001391001/data")
    replayed(vcr, None)


def test_import_data_missing_file_sends_nothing(tmp_path):
    client = M.AnalyticsClient("1000.X", "secret", "1000.refresh")
    client.analytics_server_url = client.accounts_server_url = "http://127.0.0.1:9"
    bulk = client.get_bulk_instance(1, 2)
    with pytest.raises(FileNotFoundError):
        bulk.import_bulk_data(3, "append", "csv", "true", str(tmp_path / "missing.csv"))
    assert client.access_token is None  # not even a token was asked for


def camel_case(name):
    return re.sub(r"_([a-z])", lambda match: match.group(1).upper(), name)


@pytest.mark.parametrize("api", [M.ViewAPI, M.BulkAPI], ids=["ViewAPI", "BulkAPI"])
def test_camel_case_names(api):
    """Every public method answers to its camelCase name, as in Zoho's Java client."""
    public = [
        name
        for name, value in vars(api).items()
        if callable(value) and not name.startswith("_") and name.islower()
    ]
    for name in public:
        assert getattr(api, camel_case(name)) is getattr(api, name), name
    if api is M.BulkAPI:
        assert api.initiateBulkExportUsingSQL is api.initiate_bulk_export_using_sql
