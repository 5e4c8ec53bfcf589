"""Shared fixtures: transports, cassettes, the local sandbox.

Every test that talks HTTP runs once per transport. Cassette tests replay the
files in the top-level ``cassettes/`` folder and never touch the network; to
record them again against a real Zoho account see README.md ("Cassettes").
"""

import os
import re
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "samples"))

import AnalyticsClient as ac_module  # noqa: E402

REDACTED = "REDACTED"

# Ids used in cassettes: Zoho's documented example ids unless a real account is
# being recorded (ZOHO_ORG_ID and friends set).
ORG_ID = os.environ.get("ZOHO_ORG_ID", "55522777")
WORKSPACE_ID = os.environ.get("ZOHO_WORKSPACE_ID", "35130000001055707")

TRANSPORTS = ["stdlib"] + (["urllib3"] if ac_module.urllib3 is not None else [])


@pytest.fixture(params=TRANSPORTS)
def transport(request):
    """Name of the transport under test: every HTTP test runs on each."""
    return request.param


def _scrub_token_answer(response):
    body = response["body"].get("string", b"")
    if isinstance(body, bytes):
        text = body.decode("utf-8", "replace")
        scrubbed = re.sub(r'("access_token"\s*:\s*")[^"]+', r"\1" + REDACTED, text)
        response["body"]["string"] = scrubbed.encode("utf-8")
    return response


@pytest.fixture(scope="module")
def vcr_config():
    return {
        "filter_headers": [("authorization", "Zoho-oauthtoken " + REDACTED)],
        "filter_post_data_parameters": [
            ("client_secret", REDACTED),
            ("refresh_token", REDACTED),
        ],
        "before_record_response": _scrub_token_answer,
        "decode_compressed_response": True,
        "match_on": ["method", "scheme", "host", "port", "path", "query", "zoho"],
    }


def _media_type(request):
    value = request.headers.get("Content-Type") or ""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return value.split(";")[0].strip().lower()


def _header(request, name):
    value = request.headers.get(name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value


def zoho_matcher(sent, recorded):
    """Match what a cassette cannot see in the URL: org headers, auth, body kind."""
    for name in ("ZANALYTICS-ORGID", "ZANALYTICS-DEST-ORGID", "User-Agent"):
        assert _header(sent, name) == _header(recorded, name), name
    if _header(recorded, "Authorization") is not None:
        assert (_header(sent, "Authorization") or "").startswith("Zoho-oauthtoken ")
    assert _media_type(sent) == _media_type(recorded), "Content-Type"


@pytest.hookimpl(optionalhook=True)
def pytest_recording_configure(config, vcr):
    vcr.register_matcher("zoho", zoho_matcher)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request):
    module = request.module.__name__.split(".")[-1]
    return os.path.join(ROOT, "cassettes", module)


@pytest.fixture
def default_cassette_name(request):
    # One cassette serves every transport: drop the parametrize suffix.
    return re.sub(r"\[.*\]$", "", request.node.name)


@pytest.fixture
def zoho(transport):
    """A client for cassette tests: real credentials when recording, else dummies."""
    client = ac_module.AnalyticsClient(
        os.environ.get("ZOHO_CLIENT_ID", "1000.CASSETTECLIENT"),
        os.environ.get("ZOHO_CLIENT_SECRET", "cassette-secret"),
        os.environ.get("ZOHO_REFRESH_TOKEN", "1000.cassette-refresh"),
        transport=transport,
        retries=0,
    )
    yield client
    client.close()


@pytest.fixture
def sandbox():
    from sandbox import Sandbox

    with Sandbox() as server:
        yield server


class FakeClock(object):
    """Stands in for the time module inside AnalyticsClient: sleep() only records."""

    def __init__(self):
        self.now = 5000.0
        self.sleeps = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def __getattr__(self, name):
        return getattr(time, name)


@pytest.fixture
def clock(monkeypatch):
    """The module's time replaced by a FakeClock: waits are recorded, not slept."""
    fake = FakeClock()
    monkeypatch.setattr(ac_module, "time", fake)
    return fake


@pytest.fixture
def csv_file(tmp_path):
    """A small CSV file to import: two columns, three rows."""
    path = tmp_path / "sales.csv"
    path.write_text("Region,Sales\nEast,10\nWest,20\nSouth,30\n")
    return str(path)


@pytest.fixture
def client(sandbox, transport):
    """A client wired to the local sandbox, with quick retries."""
    client = ac_module.AnalyticsClient(
        sandbox.CLIENT_ID,
        sandbox.CLIENT_SECRET,
        sandbox.REFRESH_TOKEN,
        transport=transport,
        retry_backoff=0.01,
    )
    client.accounts_server_url = sandbox.url
    client.analytics_server_url = sandbox.url
    yield client
    client.close()


def pytest_collection_modifyitems(config, items):
    """Mark cassette tests; skip them where pytest-recording is not installed."""
    have_vcr = config.pluginmanager.hasplugin("recording")
    skip = pytest.mark.skip(reason="pytest-recording (vcrpy) is not installed")
    for item in items:
        if item.get_closest_marker("vcr") is not None:
            item.add_marker(pytest.mark.cassette)
            if not have_vcr:
                item.add_marker(skip)
