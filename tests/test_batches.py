"""Batch imports: the CSV splitter _csv_batches, batch bodies, two replayed imports."""

import email.parser
import json

import pytest

import AnalyticsClient as M
from recorded import recorded_answer, recorded_params, recorded_upload

VIEW_ID = "1767024000003145011"
BATCH_CSV = (
    b"Date,Region,Note\n"
    b"2024-01-01,East,plain\n"
    b'2024-01-02,West,"two\nlines"\n'
    b'2024-01-03,North,"say ""hi"""\n'
    b'2024-01-04,South,"a, b"\n'
    b"2024-01-05,East,last\n"
)


def write(tmp_path, data, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def batches(path, batch_size, **options):
    """The bytes of each batch: the header's bytes, then the batch's range."""
    (start, end), ranges = M._csv_batches(path, batch_size, **options)
    with open(path, "rb") as handle:
        data = handle.read()
    assert start == 0 and ranges[0][0] == end and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))  # nothing lost
    return [data[start:end] + data[first:last] for first, last in ranges]


def test_csv_batches_quoted_newlines_quotes_and_commas(tmp_path):
    path = write(tmp_path, BATCH_CSV)
    assert batches(path, 2) == [
        b'Date,Region,Note\n2024-01-01,East,plain\n2024-01-02,West,"two\nlines"\n',
        b'Date,Region,Note\n2024-01-03,North,"say ""hi"""\n2024-01-04,South,"a, b"\n',
        b"Date,Region,Note\n2024-01-05,East,last\n",
    ]


def test_csv_batches_offsets(tmp_path):
    path = write(tmp_path, b'h\n"1\n"\n2\n3\n')
    assert M._csv_batches(path, 2) == ((0, 2), [(2, 9), (9, 11)])


def test_csv_batches_crlf_kept(tmp_path):
    data = b'a,b\r\n1,"x\r\ny"\r\n2,z\r\n3,w\r\n'
    path = write(tmp_path, data)
    assert batches(path, 2) == [b'a,b\r\n1,"x\r\ny"\r\n2,z\r\n', b"a,b\r\n3,w\r\n"]


def test_csv_batches_cr_line_endings(tmp_path):
    path = write(tmp_path, b'a\r1\r"2\r2"\r3')
    assert batches(path, 2) == [b'a\r1\r"2\r2"\r', b"a\r3"]


def test_csv_batches_no_trailing_newline(tmp_path):
    path = write(tmp_path, b"a,b\n1,2\n3,4")
    assert batches(path, 1) == [b"a,b\n1,2\n", b"a,b\n3,4"]


def test_csv_batches_bom_heads_every_batch(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfa,b\n1,2\n3,4\n")
    assert batches(path, 1) == [b"\xef\xbb\xbfa,b\n1,2\n", b"\xef\xbb\xbfa,b\n3,4\n"]


def test_csv_batches_size_one(tmp_path):
    path = write(tmp_path, BATCH_CSV)
    parts = batches(path, 1)
    assert len(parts) == 5
    assert parts[1] == b'Date,Region,Note\n2024-01-02,West,"two\nlines"\n'


def test_csv_batches_one_batch_when_size_exceeds_records(tmp_path):
    path = write(tmp_path, BATCH_CSV)
    assert batches(path, 1000) == [BATCH_CSV]


def test_csv_batches_blank_lines_are_no_records(tmp_path):
    path = write(tmp_path, b"a\n\n1\n\n\n2\n3\n\n")
    assert batches(path, 2) == [b"a\n\n1\n\n\n2\n", b"a\n3\n\n"]


def test_csv_batches_quotes_split_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(M, "_CHUNK", 3)
    path = write(tmp_path, b'a,b\r\n1,"x\r\n""y"\r\n2,z\r\n')
    assert batches(path, 1) == [b'a,b\r\n1,"x\r\n""y"\r\n', b"a,b\r\n2,z\r\n"]


@pytest.mark.parametrize("chunk", [3, 1024 * 1024])
def test_csv_batches_quote_inside_a_field_is_plain(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(M, "_CHUNK", chunk)
    path = write(tmp_path, b'name,height\nBob,5\'10"\nAnn,"6\'1"""\nEve,1"2\n')

    assert batches(path, 1) == [
        b"name,height\nBob,5'10\"\n",
        b'name,height\nAnn,"6\'1"""\n',
        b'name,height\nEve,1"2\n',
    ]


@pytest.mark.parametrize("chunk", [2, 1024 * 1024])
def test_csv_batches_quote_after_the_configured_delimiter(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(M, "_CHUNK", chunk)
    path = write(tmp_path, b'a;b\n1;"x\ny"\n2;z\n')

    assert batches(path, 1, delimiter=b";") == [b'a;b\n1;"x\ny"\n', b"a;b\n2;z\n"]
    assert M._csv_delimiter({"delimiter": 2}) == b";"
    assert M._csv_delimiter({"delimiter": "1"}) == b"\t"
    assert M._csv_delimiter({}) == b","


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"Date,Region\r\n", "holds a header but no records"),
        (b"Date,Region", "holds a header but no records"),
        (b"Date,Region\n\n\r\n", "holds a header but no records"),
        (b"", "is empty"),
        (b"\n\r\n\n", "is empty"),
    ],
    ids=["header_only", "header_only_no_newline", "header_blank", "empty", "blank"],
)
def test_csv_batches_nothing_to_import(tmp_path, data, problem):
    path = write(tmp_path, data)
    with pytest.raises(ValueError, match=problem):
        M._csv_batches(path, 10)


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, "10", True, None])
def test_csv_batches_bad_batch_size(tmp_path, batch_size):
    path = write(tmp_path, BATCH_CSV)
    with pytest.raises(ValueError, match="batch_size must be a positive number"):
        M._csv_batches(path, batch_size)


def test_csv_batches_too_many_batches(tmp_path):
    path = write(tmp_path, b"a\n" + b"1\n" * 250)
    with pytest.raises(ValueError) as caught:
        M._csv_batches(path, 2)
    message = str(caught.value)
    assert "250 records" in message and "125 batches" in message
    assert "use batch_size=3 or more" in message
    assert len(M._csv_batches(path, 3)[1]) == 84


def test_csv_batches_batch_too_large(tmp_path):
    path = write(tmp_path, b"head\n" + b"1234\n" * 10)
    with pytest.raises(
        ValueError, match="batch 1 of .* would be 30 bytes, more than the 20"
    ):
        M._csv_batches(path, 5, max_bytes=20)
    assert len(M._csv_batches(path, 3, max_bytes=20)[1]) == 4


def test_csv_batches_record_too_large(tmp_path):
    path = write(tmp_path, b"h\n" + b"x" * 40 + b"\n")
    with pytest.raises(ValueError, match="one record is too large"):
        M._csv_batches(path, 1, max_bytes=20)


def test_csv_batches_unclosed_quote(tmp_path):
    path = write(tmp_path, b'a,b\n1,"open\n2,3\n')
    with pytest.raises(ValueError, match="opens at byte 6 is never closed"):
        M._csv_batches(path, 1)


def test_csv_batches_quotes_as_plain_characters(tmp_path):
    path = write(tmp_path, b'a,b\n1,5" screen\n2,3\n')
    assert batches(path, 1, quote=b"") == [b'a,b\n1,5" screen\n', b"a,b\n2,3\n"]


def test_csv_quote_follows_config():
    assert M._csv_quote({}) == b'"'
    assert M._csv_quote({"quoted": 0}) == b""
    assert M._csv_quote({"quoted": "1"}) == b"'"
    assert M._csv_quote({"quoted": 2}) == b'"'


def test_batch_upload_body(tmp_path):
    path = write(tmp_path, BATCH_CSV, "sales.csv")
    header, ranges = M._csv_batches(path, 2)
    body = M._batch_upload(path, header, ranges[1])
    content = b"".join(body.chunks())
    assert len(content) == body.length
    message = email.parser.BytesParser().parsebytes(
        b"Content-Type: " + body.content_type.encode() + b"\r\n\r\n" + content
    )
    (part,) = message.get_payload()
    assert part.get_param("name", header="content-disposition") == "FILE"
    assert part.get_filename() == "sales.csv"
    expected = (
        b'Date,Region,Note\n2024-01-03,North,"say ""hi"""\n2024-01-04,South,"a, b"\n'
    )
    assert part.get_payload(decode=True) == expected
    assert b"".join(body.chunks()) == content  # produced again for a retry


def test_import_data_as_batches_checks_before_sending(tmp_path):
    client = M.AnalyticsClient("1000.X", "secret", "1000.refresh")
    client.analytics_server_url = client.accounts_server_url = "http://127.0.0.1:9"
    bulk = client.get_bulk_instance(1, 2)
    header_only = write(tmp_path, b"a,b\n")
    with pytest.raises(ValueError, match="no records"):
        bulk.import_data_as_batches(3, "append", "true", header_only, 10)
    with pytest.raises(ValueError, match="batch_size"):
        bulk.import_data_in_new_table_as_batches("T", "true", header_only, 0)
    with pytest.raises(FileNotFoundError):
        bulk.import_data_as_batches(3, "append", "true", str(tmp_path / "no.csv"), 1)
    assert client.access_token is None  # not even a token was asked for


def batch_configs(vcr):
    return [
        recorded_params(vcr, index)["CONFIG"] for index in range(1, len(vcr.requests))
    ]


@pytest.fixture
def bulk(zoho):
    return zoho.get_bulk_instance("55522777", "35130000001055707")


@pytest.fixture
def batch_file(tmp_path):
    return write(tmp_path, BATCH_CSV, "batches.csv")


@pytest.mark.vcr
def test_import_data_as_batches_three(bulk, batch_file, vcr):
    tool_config = {"ignored": True}
    path = batch_file

    job_id = bulk.import_data_as_batches(
        VIEW_ID, "append", "true", path, 2, None, tool_config
    )

    assert job_id == "1767024000008787011" == recorded_answer(vcr)["data"]["jobId"]
    assert vcr.all_played and vcr.play_count == 4
    key = "1694703618038_1767024000008742002"
    assert batch_configs(vcr) == [
        {
            "importType": "append",
            "autoIdentify": "true",
            "batchKey": "start",
            "isLastBatch": "false",
        },
        {
            "importType": "append",
            "autoIdentify": "true",
            "batchKey": key,
            "isLastBatch": "false",
        },
        {
            "importType": "append",
            "autoIdentify": "true",
            "batchKey": key,
            "isLastBatch": "true",
        },
    ]
    bodies = [recorded_upload(vcr, index) for index in (1, 2, 3)]
    assert all(body.count("Date,Region,Note\n") == 1 for body in bodies)


@pytest.mark.vcr
def test_import_data_in_new_table_as_batches_two(bulk, batch_file, vcr):
    config = {}

    job_id = bulk.import_data_in_new_table_as_batches(
        "Sales", "true", batch_file, 3, config
    )

    assert job_id == "1767024000008787011"
    assert vcr.all_played and vcr.play_count == 3
    key = "1694703482470_1767024000008426012_SalesTable"
    assert batch_configs(vcr) == [
        {
            "tableName": "Sales",
            "autoIdentify": "true",
            "batchKey": "start",
            "isLastBatch": "false",
        },
        {
            "tableName": "Sales",
            "autoIdentify": "true",
            "batchKey": key,
            "isLastBatch": "true",
        },
    ]
    assert config == {}


# On the sandbox: what arrives, and what a failure half-way says

QUOTED = (
    b'Region,Note,Sales\r\n'
    b'East,"says ""hi"", then\r\nleaves",10\r\n'
    b'West,"a, b",20\r\n'
    b'North,"line one\nline two",30'
)


def test_import_data_as_batches_size_one_arrives_intact(client, sandbox, tmp_path,
                                                         monkeypatch):
    path = tmp_path / "quoted.csv"
    path.write_bytes(QUOTED)
    sleeps = []
    monkeypatch.setattr(M.time, "sleep", sleeps.append)
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)

    job = bulk.import_data_as_batches(1767024000003153002, "append", "true", str(path), 1)

    received = sandbox.batches(job)
    header = b"Region,Note,Sales\r\n"
    assert len(received) == 3 and all(body.startswith(header) for body in received)
    assert header + b"".join(body[len(header):] for body in received) == QUOTED
    assert sleeps == []


def test_import_data_as_batches_failure_says_how_far_it_got(client, sandbox, tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_bytes(QUOTED)
    sandbox.inject("error", path="/data/batch", code=8504, after=1)
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)

    with pytest.raises(M.ServerException) as caught:
        bulk.import_data_as_batches(1767024000003153002, "append", "true", str(path), 1)

    error = caught.value
    first = [r for r in sandbox.requests if "/data/batch" in r.path][0]
    assert (error.batch, error.batches, error.errorCode) == (2, 3, 8504)
    assert error.job_id is not None and error.batch_key is not None
    assert str(error).startswith("8504: batch 2 of 3 failed, batch 1 was accepted")
    assert error.job_id in str(error)
    assert len([r for r in sandbox.requests if "/data/batch" in r.path]) == 2
    assert json.loads(first.query["CONFIG"])["batchKey"] == "start"
