"""Helpers for the sandbox fault tests: clients, request counts, captured waits."""

import logging
import os
import time

import pytest

import AnalyticsClient as M

VIEW_ID = "1767024000003145011"
DATA_PATH = r"/views/\d+/data$"
JOB_PATH = r"/importjobs/"

_real_sleep = time.sleep


def sandbox_client(sandbox, transport, **options):
    """A client wired to the sandbox; quick retries unless told otherwise."""
    options.setdefault("retry_backoff", 0.01)
    client = M.AnalyticsClient(
        sandbox.CLIENT_ID,
        sandbox.CLIENT_SECRET,
        sandbox.REFRESH_TOKEN,
        transport=transport,
        **options
    )
    client.accounts_server_url = client.analytics_server_url = sandbox.url
    return client


@pytest.fixture
def make_client(sandbox, transport):
    """Build sandbox clients with any options; all are closed after the test."""
    clients = []

    def make(**options):
        client = sandbox_client(sandbox, transport, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def sleeps(monkeypatch):
    """The waits the client asks for, recorded instead of slept."""
    waits = []
    monkeypatch.setattr(M.time, "sleep", waits.append)
    return waits


def bulk(client, sandbox):
    return client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)


def seed_job(client, sandbox):
    """One GET: the details of the sandbox's seed import job."""
    return bulk(client, sandbox).get_import_job_details(sandbox.SEED_JOB_ID)


def append_import(client, sandbox, path):
    """One POST: an append import of the file at path."""
    return bulk(client, sandbox).import_data(VIEW_ID, "append", "csv", "true", path)


def api_requests(sandbox, method=None):
    """The API requests the sandbox received (token requests left out)."""
    return [
        request
        for request in sandbox.requests
        if request.path != "/oauth/v2/token"
        and (method is None or request.method == method)
    ]


def token_posts(sandbox):
    """Requests the token endpoint received, those a fault answered included."""
    return sum(1 for request in sandbox.requests if request.path == "/oauth/v2/token")


def client_warnings(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "AnalyticsClient" and record.levelno == logging.WARNING
    ]


def wait_until(predicate, seconds=5.0):
    """Poll predicate until it holds; the sandbox records some requests late."""
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met within %s s" % seconds)
        _real_sleep(0.01)


def write_csv(path, size):
    """A CSV file of about size bytes with a header line; returns its bytes."""
    row = b"2026-01-05,East,Furniture,Chair,Ada Lovelace,1520.00,1140.50\n"
    data = b"Date,Region,Product Category,Product,Customer Name,Sales,Cost\n"
    data += row * max(1, (size - len(data)) // len(row))
    with open(str(path), "wb") as handle:
        handle.write(data)
    return data


def listing(folder):
    return sorted(os.listdir(str(folder)))
