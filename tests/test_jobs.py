"""Waiting for bulk import and export jobs, on the sandbox and both transports.

The ``clock`` fixture replaces the module's ``time``: sleep() records each pause and
moves a fake clock on, so the tests prove how long the waits would be without waiting.
"""

import json

import pytest

import AnalyticsClient as M

VIEW_ID = "1767024000000149001"
SEED_JOB_ID = "1767024000003153087"


@pytest.fixture
def bulk(client, sandbox):
    return client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)


def start_import(bulk, csv_file):
    return bulk.import_bulk_data(VIEW_ID, "append", "csv", "true", csv_file)


def job_answer(job_id, code, status="JOB IN PROGRESS", **extra):
    data = dict(jobId=job_id, jobCode=code, jobStatus=status, **extra)
    return json.dumps({"status": "success", "summary": "Fetch job info", "data": data})


def test_wait_for_import_job_returns_summary_and_pauses_grow(
    bulk, sandbox, clock, csv_file
):
    sandbox.job_polls_until_done = 4
    job_id = start_import(bulk, csv_file)
    seen = []

    details = bulk.wait_for_import_job(job_id, progress=seen.append)

    assert details["jobCode"] == "1004" and details["jobId"] == job_id
    assert details["jobInfo"]["importSummary"]["successRowCount"] == 3
    assert [d["jobCode"] for d in seen] == ["1001", "1002", "1002", "1002", "1004"]
    assert seen[-1] is details
    assert clock.sleeps == [2.0, 3.0, 4.5, 6.75]


def test_wait_for_import_job_pauses_stop_growing_at_max_interval(
    bulk, sandbox, clock, csv_file
):
    sandbox.job_polls_until_done = 7
    job_id = start_import(bulk, csv_file)

    bulk.wait_for_import_job(job_id, interval=2, max_interval=5)

    assert clock.sleeps == [2.0, 3.0, 4.5, 5.0, 5.0, 5.0, 5.0]


def test_wait_for_import_job_timeout_bounds_the_last_pause(
    bulk, sandbox, clock, csv_file
):
    sandbox.job_polls_until_done = 100
    job_id = start_import(bulk, csv_file)
    sandbox.clear()

    with pytest.raises(M.JobTimeoutException) as caught:
        bulk.wait_for_import_job(job_id, timeout=10)

    assert clock.sleeps == [2.0, 3.0, 4.5, 0.5]
    assert sum(clock.sleeps) == 10.0
    assert len(sandbox.requests) == 5  # one last poll at the deadline
    error = caught.value
    assert isinstance(error, M.AnalyticsError)
    assert not isinstance(error, (M.ServerException, M.IOException))
    assert error.job_id == job_id and error.timeout == 10
    assert error.details["jobCode"] == "1002"
    assert str(error).startswith("import job %s is not done after 10 s" % job_id)
    assert "JOB IN PROGRESS" in str(error) and "goes on at Zoho" in str(error)
    assert "job_id=%r" % job_id in repr(error)


def test_wait_for_import_job_timeout_zero_polls_once(bulk, clock, csv_file):
    job_id = start_import(bulk, csv_file)

    with pytest.raises(M.JobTimeoutException):
        bulk.wait_for_import_job(job_id, timeout=0)

    assert clock.sleeps == []


def test_wait_for_import_job_without_timeout_waits_until_done(
    bulk, sandbox, clock, csv_file
):
    sandbox.job_polls_until_done = 12
    job_id = start_import(bulk, csv_file)

    details = bulk.wait_for_import_job(job_id, timeout=None, max_interval=30)

    assert details["jobCode"] == "1004"
    assert len(clock.sleeps) == 12 and max(clock.sleeps) == 30.0


def test_wait_for_import_job_done_at_once_never_sleeps(bulk, clock):
    details = bulk.wait_for_import_job(SEED_JOB_ID)

    assert details["jobInfo"]["importSummary"]["totalRowCount"] == 755
    assert clock.sleeps == []


def test_wait_for_import_job_failed_raises_with_zoho_errors(
    bulk, sandbox, clock, csv_file
):
    job_id = start_import(bulk, csv_file)
    sandbox.fail_job(job_id, "Column 'Sales' has 3 values that are not numbers")

    with pytest.raises(M.JobFailedException) as caught:
        bulk.wait_for_import_job(job_id)

    error = caught.value
    assert isinstance(error, M.ServerException)
    assert error.errorCode == error.getErrorCode() == 1003
    assert error.job_id == job_id
    assert error.details["jobStatus"] == "ERROR OCCURRED"
    assert str(error) == (
        "1003: import job %s failed: Column 'Sales' has 3 values that are not numbers"
        % job_id
    )
    assert json.loads(error.response_content) == error.details
    assert len(clock.sleeps) == 2


def test_wait_for_import_job_not_found_1005(bulk, sandbox, clock):
    sandbox.inject(
        "status",
        path="/importjobs/",
        status=200,
        body=job_answer("1767024000000000001", "1005", "JOB NOT FOUND"),
        content_type="application/json",
    )

    with pytest.raises(M.JobFailedException) as caught:
        bulk.wait_for_import_job("1767024000000000001")

    assert caught.value.errorCode == 1005
    assert "not found" in str(caught.value) and "job id" in str(caught.value)
    assert clock.sleeps == []


def test_wait_for_import_job_accepts_integer_job_codes(bulk, sandbox, clock):
    job_id = "1767024000000000002"
    for code in (1001, 1002, 1004):
        sandbox.inject(
            "status",
            path="/importjobs/",
            status=200,
            body=job_answer(job_id, code),
            content_type="application/json",
        )

    details = bulk.wait_for_import_job(job_id)

    assert details["jobCode"] == 1004
    assert clock.sleeps == [2.0, 3.0]


def test_wait_for_import_job_passes_zoho_errors_through(bulk, clock):
    with pytest.raises(M.ServerException) as caught:
        bulk.wait_for_import_job("1767024000003153999")

    assert type(caught.value) is M.ServerException and caught.value.errorCode == 8137


@pytest.mark.parametrize(
    "options",
    [
        {"interval": 0},
        {"max_interval": -1},
        {"timeout": -5},
        {"interval": float("nan")},
    ],
)
def test_wait_for_import_job_rejects_bad_arguments(bulk, sandbox, options):
    with pytest.raises(ValueError):
        bulk.wait_for_import_job(SEED_JOB_ID, **options)

    assert sandbox.requests == []


def test_wait_for_export_job_then_download(bulk, sandbox, clock, tmp_path):
    sandbox.job_polls_until_done = 3
    job_id = bulk.initiate_bulk_export(VIEW_ID, "csv")
    seen = []

    details = bulk.wait_for_export_job(job_id, interval=1, progress=seen.append)
    target = tmp_path / "sales.csv"
    bulk.export_bulk_data(job_id, str(target))

    assert details["jobCode"] == "1004" and details["downloadUrl"].endswith("/data")
    assert [d["jobCode"] for d in seen] == ["1001", "1002", "1002", "1004"]
    assert clock.sleeps == [1.0, 1.5, 2.25]
    assert target.read_text().startswith("Date,Region,")


def test_wait_for_export_job_failed(bulk, sandbox, clock):
    job_id = bulk.initiate_bulk_export(VIEW_ID, "json")
    sandbox.fail_job(job_id, "The view was deleted")

    with pytest.raises(M.JobFailedException) as caught:
        bulk.wait_for_export_job(job_id)

    assert caught.value.errorCode == 1003
    assert str(caught.value).endswith(
        "export job %s failed: The view was deleted" % job_id
    )


def test_wait_for_export_job_timeout(bulk, sandbox, clock):
    sandbox.job_polls_until_done = 100
    job_id = bulk.initiate_bulk_export(VIEW_ID, "csv")

    with pytest.raises(M.JobTimeoutException) as caught:
        bulk.wait_for_export_job(job_id, timeout=60, interval=5, max_interval=10)

    assert clock.sleeps == [5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 7.5]
    assert str(caught.value).startswith("export job %s" % job_id)


def test_wait_java_names(client, sandbox, clock):
    data = client.getBulkInstance(int(sandbox.ORG_ID), int(sandbox.WORKSPACE_ID))

    details = data.waitForImportJob(int(SEED_JOB_ID))

    assert details["jobStatus"] == "JOB COMPLETED"
    assert M.BulkAPI.waitForImportJob is M.BulkAPI.wait_for_import_job
    assert M.BulkAPI.waitForExportJob is M.BulkAPI.wait_for_export_job


def test_export_progress_reports_bytes_as_they_arrive(bulk, sandbox, tmp_path):
    sandbox.export_size = 3 * 1024 * 1024 + 5
    seen = []
    target = str(tmp_path / "big.csv")

    bulk.export_data(VIEW_ID, "csv", M._AtomicFile(target, lambda *a: seen.append(a)))

    assert seen[-1] == (sandbox.export_size, sandbox.export_size)
    assert [received for received, _ in seen] == sorted(r for r, _ in seen)
    assert len(seen) >= 4
