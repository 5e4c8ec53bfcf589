"""Uploads that survive a token refresh, and exports that never lose the old file."""

import hashlib
import io
import os
import stat

import pytest

import AnalyticsClient as M
from sandbox_helpers import (
    DATA_PATH,
    VIEW_ID,
    api_requests,
    append_import,
    bulk,
    listing,
    seed_job,
    wait_until,
    write_csv,
)
from sandbox_helpers import make_client  # noqa: F401 (fixture)

YESTERDAY = b"Date,Sales\r\n2026-01-04,99.00\r\n"


def export(client, sandbox, target, response_format="csv"):
    return bulk(client, sandbox).export_data(VIEW_ID, response_format, target)


def canned_csv(client, sandbox, tmp_path):
    """What a good CSV export holds, fetched into a file of its own."""
    folder = tmp_path / "reference"
    folder.mkdir()
    export(client, sandbox, str(folder / "good.csv"))
    sandbox.clear()
    return (folder / "good.csv").read_bytes()


@pytest.fixture
def old_export(tmp_path):
    """A folder holding yesterday's export.csv (mode 0640)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "export.csv"
    path.write_bytes(YESTERDAY)
    os.chmod(str(path), 0o640)
    return path


# Uploads


def test_import_after_token_expiry_resends_whole_file(sandbox, make_client, tmp_path):
    path = tmp_path / "big.csv"
    data = write_csv(path, 3 * 1024 * 1024)
    client = make_client()
    seed_job(client, sandbox)
    sandbox.expire_tokens()

    summary = append_import(client, sandbox, str(path))

    posts = api_requests(sandbox, "POST")
    assert len(posts) == 2 and sandbox.token_requests == 2
    digest = hashlib.sha256(data).hexdigest()
    for post in posts:
        (part,) = post.parts
        assert (part.name, part.filename) == ("FILE", "big.csv")
        assert (part.size, part.sha256) == (len(data), digest)
    assert summary["importSummary"]["totalRowCount"] == data.count(b"\n") - 1


def test_import_of_shrinking_file_raises(sandbox, make_client, tmp_path, monkeypatch):
    path = tmp_path / "shrinking.csv"
    data = write_csv(path, 3 * 1024 * 1024)
    chunks = M._FileSlice.chunks

    def shrink_after_first_chunk(self):
        for index, piece in enumerate(chunks(self)):
            yield piece
            if index == 0:
                os.truncate(self.path, 1000)

    monkeypatch.setattr(M._FileSlice, "chunks", shrink_after_first_chunk)
    client = make_client()
    seed_job(client, sandbox)

    with pytest.raises(M.IOException) as caught:
        append_import(client, sandbox, str(path))

    assert "shrank while it was being sent" in str(caught.value)
    assert "nothing of it was imported" in str(caught.value)
    assert caught.value.method == "POST" and caught.value.transient is False
    wait_until(lambda: len(api_requests(sandbox, "POST")) == 1)
    (post,) = api_requests(sandbox, "POST")
    assert post.body_size < int(post.headers["Content-Length"]) < len(data) + 1000


def test_import_of_missing_file_sends_nothing(sandbox, make_client, tmp_path):
    client = make_client()

    with pytest.raises(OSError):
        append_import(client, sandbox, str(tmp_path / "absent.csv"))

    assert sandbox.requests == []


# Exports into a path


@pytest.mark.parametrize(
    "fault, options",
    [
        ("truncate", {}),
        ("drop", {}),
        ("error", {"code": 7103}),
        ("html502", {}),
        ("stall", {"seconds": 10}),
    ],
)
def test_export_failure_keeps_old_file(
    sandbox, make_client, old_export, fault, options
):
    client = make_client(transfer_timeout=0.3, retries=1)
    seed_job(client, sandbox)
    sandbox.inject(fault, path=DATA_PATH, times=None, **options)

    with pytest.raises(M.AnalyticsError):
        export(client, sandbox, str(old_export))

    assert old_export.read_bytes() == YESTERDAY
    assert stat.S_IMODE(old_export.stat().st_mode) == 0o640
    assert listing(old_export.parent) == ["export.csv"]


def test_export_broken_off_once_is_fetched_again(
    sandbox, make_client, old_export, tmp_path
):
    client = make_client()
    good = canned_csv(client, sandbox, tmp_path)
    sandbox.inject("truncate", path=DATA_PATH)

    export(client, sandbox, str(old_export))

    assert old_export.read_bytes() == good
    assert len(api_requests(sandbox, "GET")) == 2
    assert listing(old_export.parent) == ["export.csv"]


def test_export_broken_off_then_error_answer_leaves_no_part_file(
    sandbox, make_client, old_export
):
    client = make_client(retries=1)
    sandbox.inject("truncate", path=DATA_PATH)
    sandbox.inject("html502", path=DATA_PATH, times=None)

    with pytest.raises(M.ParseException):
        export(client, sandbox, str(old_export))

    assert old_export.read_bytes() == YESTERDAY
    assert listing(old_export.parent) == ["export.csv"]


def test_export_success_replaces_file_and_keeps_its_mode(
    sandbox, make_client, old_export
):
    client = make_client()
    sandbox.export_size = 3 * 1024 * 1024 + 7

    assert export(client, sandbox, str(old_export)) is None

    content = old_export.read_bytes()
    assert len(content) == sandbox.export_size
    assert content.startswith(b"Date,Region,")
    assert stat.S_IMODE(old_export.stat().st_mode) == 0o640
    assert listing(old_export.parent) == ["export.csv"]


def test_export_new_file_follows_umask(sandbox, make_client, tmp_path):
    client = make_client()
    target = tmp_path / "new.csv"
    old_mask = os.umask(0o027)
    try:
        export(client, sandbox, target)  # a path-like object works too
    finally:
        os.umask(old_mask)

    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes().startswith(b"Date,Region,")


def test_export_through_link_replaces_linked_file(sandbox, make_client, old_export):
    client = make_client()
    link = old_export.parent / "latest.csv"
    link.symlink_to(old_export)

    export(client, sandbox, str(link))

    assert link.is_symlink()
    assert old_export.read_bytes().startswith(b"Date,Region,")


def test_export_missing_folder_is_value_error_before_any_request(
    sandbox, make_client, tmp_path
):
    client = make_client()
    target = tmp_path / "no-such-folder" / "export.csv"

    with pytest.raises(ValueError, match="folder .*no-such-folder does not exist"):
        export(client, sandbox, str(target))

    assert sandbox.requests == [] and client.access_token is None


def test_export_into_folder_is_value_error(sandbox, make_client, tmp_path):
    with pytest.raises(ValueError, match="it is a folder"):
        export(make_client(), sandbox, str(tmp_path))

    assert sandbox.requests == []


# Exports into a file object


def test_export_into_bytesio(sandbox, make_client, tmp_path):
    client = make_client()
    good = canned_csv(client, sandbox, tmp_path)
    stream = io.BytesIO()

    export(client, sandbox, stream)

    assert stream.getvalue() == good


def test_export_into_stream_with_content_replaces_it(sandbox, make_client, tmp_path):
    client = make_client()
    good = canned_csv(client, sandbox, tmp_path)
    stream = io.BytesIO(YESTERDAY * 20)

    export(client, sandbox, stream)

    assert stream.getvalue() == good


@pytest.mark.parametrize(
    "content, position", [(YESTERDAY, 0), (YESTERDAY, 9), (b"header\n", 7)]
)
@pytest.mark.parametrize("fault", ["truncate", "drop"])
def test_export_failure_leaves_stream_as_it_was(
    sandbox, make_client, content, position, fault
):
    client = make_client(retries=1)
    stream = io.BytesIO(content)
    stream.seek(position)
    sandbox.inject(fault, path=DATA_PATH, times=None)

    with pytest.raises(M.IOException):
        export(client, sandbox, stream)

    assert stream.getvalue() == content and stream.tell() == position


def test_export_into_unseekable_stream_waits_for_the_whole_answer(
    sandbox, make_client, tmp_path
):
    class Pipe(io.RawIOBase):
        def __init__(self):
            self.received = []

        def writable(self):
            return True

        def write(self, data):
            self.received.append(bytes(data))
            return len(data)

    client = make_client()
    good = canned_csv(client, sandbox, tmp_path)
    sandbox.inject("truncate", path=DATA_PATH)
    pipe = Pipe()

    export(client, sandbox, pipe)

    assert b"".join(pipe.received) == good
    assert len(api_requests(sandbox, "GET")) == 2


def test_export_into_text_stream_is_refused(sandbox, make_client):
    with pytest.raises(ValueError, match="binary mode"):
        export(make_client(), sandbox, io.StringIO())

    assert sandbox.requests == []


# Exports into pipes and read-only files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("fail", [False, True], ids=["complete", "broken-off"])
def test_export_into_named_pipe_writes_only_a_whole_answer(
    sandbox, make_client, tmp_path, fail
):
    import threading

    client = make_client()
    good = canned_csv(client, sandbox, tmp_path)
    pipe = str(tmp_path / "pipe")
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(pipe, "rb").read()))
    reader.start()
    if fail:
        sandbox.inject("truncate", path="/data$")
        client.retries = 0

    try:
        export(client, sandbox, pipe)
    except M.IOException:
        assert fail
        open(pipe, "wb").close()  # let the reader finish
    reader.join(10)

    assert received == [b"" if fail else good]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_export_onto_read_only_file_is_refused_before_any_request(
    sandbox, make_client, old_export, monkeypatch
):
    os.chmod(str(old_export), 0o444)
    if os.geteuid() == 0:  # root may write anything: answer as for another user
        real_access = os.access
        monkeypatch.setattr(
            M.os, "access", lambda p, m: m != os.W_OK and real_access(p, m)
        )
    client = make_client()

    with pytest.raises(ValueError, match="read-only"):
        export(client, sandbox, str(old_export))

    assert sandbox.requests == [] and old_export.read_bytes() == YESTERDAY


def test_upload_to_a_server_that_stops_reading_times_out(transport, tmp_path):
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    done = threading.Event()

    def serve():  # reads the request headers, then never another byte
        conn, _ = listener.accept()
        conn.recv(4096)
        done.wait(10)
        conn.close()

    threading.Thread(target=serve, daemon=True).start()
    path = tmp_path / "big.csv"
    path.write_bytes(b"Region,Sales\n" + b"East,1\n" * 3000000)
    client = M.AnalyticsClient("id", "secret", "refresh", transport=transport,
                               connect_timeout=0.5, read_timeout=5, transfer_timeout=1)
    client.analytics_server_url = "http://127.0.0.1:%d" % listener.getsockname()[1]
    client.access_token = "1000.test-token"
    bulk = client.get_bulk_instance(1, 2)
    started = time.monotonic()

    try:
        with pytest.raises(M.TimeoutException) as caught:
            bulk.import_data(3, "append", "csv", "true", str(path))
    finally:
        done.set()
        listener.close()

    assert time.monotonic() - started < 8
    if transport == "stdlib":
        assert "transfer_timeout (1 s)" in str(caught.value)
    else:  # urllib3 sends a request under the connect timeout
        assert "connect_timeout (0.5 s), which urllib3 applies" in str(caught.value)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_export_into_a_character_device_writes_through_it(sandbox, make_client, tmp_path):
    client = make_client()

    export(client, sandbox, "/dev/null")

    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert [p for p in os.listdir("/dev") if p.startswith(".null.")] == []
