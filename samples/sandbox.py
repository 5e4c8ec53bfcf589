"""A local stand-in for Zoho Analytics' servers (REST API v2 and OAuth accounts).

Tests, samples and benchmarks of ``AnalyticsClient.py`` talk to this sandbox
instead of Zoho. It answers every API v2 operation with Zoho's published example
response (taken from ``sandbox_data.json`` beside this file), checks OAuth
tokens like Zoho does, runs import and export jobs that progress when polled,
streams big uploads and downloads without holding them in memory, records every
request it receives, and can be told to misbehave (errors, rate limits, broken
connections, stalls, truncated downloads) so that retry and error handling can
be tested.

Use it from Python::

    from sandbox import Sandbox

    with Sandbox() as sb:                      # 127.0.0.1, ephemeral port
        client = AnalyticsClient(Sandbox.CLIENT_ID, Sandbox.CLIENT_SECRET,
                                 Sandbox.REFRESH_TOKEN)
        client.accounts_server_url = client.analytics_server_url = sb.url
        ...
        sb.inject("error", path="/importjobs/", code=6045, retry_after=1)
        sb.requests[-1].query["CONFIG"]

or run it::

    python samples/sandbox.py --port 8765

What a ``Sandbox`` offers:

- ``url``, ``start()``, ``stop()``; the test credentials ``CLIENT_ID``,
  ``CLIENT_SECRET``, ``REFRESH_TOKEN``, and ``ORG_ID``, ``WORKSPACE_ID``,
  ``SEED_JOB_ID`` (an import job that answers Zoho's documented example).
- ``requests`` (each a ``RecordedRequest``), ``token_requests`` (token
  endpoint answers), ``connections`` (accepted TCP connections).
- ``expire_tokens()``, ``inject(fault, ...)`` (see its docstring for the
  faults), ``clear()``, ``fail_job(job_id, message)``, ``batches(job_id)``.
- Settings: ``token_lifetime`` (seconds), ``job_polls_until_done`` (polls that
  answer "not done" before a job completes), ``export_size`` (bytes every data
  export streams; None for a small canned CSV).

``ConnectProxy`` is a small forward proxy (CONNECT tunnels and absolute-URL
requests to local targets) for testing a client's proxy support.

Answers follow Zoho: ``{"status":"failure","summary":..,"data":{"errorCode":..,
"errorMessage":..}}`` errors with the HTTP statuses of ``ERRORS``; 204 without a
body where Zoho's API answers 204. Only the Python standard library is used;
it runs on CPython 3.6 to 3.13.
"""

import argparse
import base64
import collections
import csv
import hashlib
import http.client
import http.server
import io
import json
import logging
import os
import re
import secrets
import select
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zipfile
import zlib
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

DATA_FILE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "sandbox_data.json"
)
TOKEN_PATH = "/oauth/v2/token"
API_ROOT = "/restapi/v2/"
KEEP_LIMIT = 1 << 20  # bodies and parts up to 1 MiB are kept in memory
HEAD_LIMIT = 64 * 1024  # first bytes of every payload, kept to read CSV headers
READ_SIZE = 256 * 1024  # bytes read from the socket at a time
EXPORT_CHUNK = 1 << 20  # generated exports are written 1 MiB at a time
JSON_TYPE = "application/json;charset=UTF-8"

# Zoho error code -> (HTTP status, summary, errorMessage).
ERRORS = {
    6043: (
        400,
        "API_UNITS_EXHAUSTED",
        "You have used up the API units allotted to your organization for today. "
        "Please try again tomorrow.",
    ),
    6045: (
        429,
        "API_LIMIT_EXCEEDED",
        "You have exceeded the number of API requests allowed per minute. "
        "Please try again after some time.",
    ),
    7005: (
        500,
        "COMMON_INTERNAL_SERVER_ERROR",
        "Sorry, an unexpected error occurred when performing this operation. "
        "Please contact support for additional information.",
    ),
    7103: (
        404,
        "META_OBJECT_NOT_PRESENT",
        "Workspace not found! Please check whether the workspace exists.",
    ),
    7138: (
        404,
        "VIEW_NOT_PRESENT",
        "View not found! Please check whether the view exists in the workspace.",
    ),
    7198: (
        400,
        "OPERATION_IN_PROGRESS",
        "Another operation is in progress on this view. Please try again later.",
    ),
    7301: (
        404,
        "URL_RULE_NOT_CONFIGURED",
        "The requested URL is not part of the Zoho Analytics API.",
    ),
    8079: (
        400,
        "ATTRIBUTE_NOT_PRESENT",
        "A required attribute is not present in the CONFIG parameter.",
    ),
    8083: (
        400,
        "ORG_NOT_FOUND",
        "Organization not found! Please check the ZANALYTICS-ORGID header.",
    ),
    8120: (
        404,
        "EXPORT_JOB_NOT_FOUND",
        "Export job not found! Please check the job id.",
    ),
    8121: (
        400,
        "EXPORT_JOB_NOT_COMPLETED",
        "The export job has not completed yet. Please try again after some time.",
    ),
    8132: (
        400,
        "IMPORT_JOB_LIMIT_REACHED",
        "Too many import jobs are running at the same time. Please try again later.",
    ),
    8134: (
        400,
        "EXPORT_JOB_LIMIT_REACHED",
        "Too many export jobs are running at the same time. Please try again later.",
    ),
    8137: (
        404,
        "IMPORT_JOB_NOT_FOUND",
        "Import job not found! Please check the job id.",
    ),
    8138: (
        403,
        "IMPORT_JOB_ACCESS_DENIED",
        "You do not have access to this import job.",
    ),
    8504: (
        400,
        "LESS_THAN_MIN_OCCURANCE",
        "The parameter CONFIG is not proper(Has not been sent or is less than "
        "required count)",
    ),
    8516: (400, "INVALID_PARAMETER_VALUE", "Invalid value passed in the parameter."),
    8535: (401, "INVALID_OAUTHTOKEN", "Invalid Oauthtoken"),
    10001: (
        400,
        "JOB_IN_PROGRESS",
        "An import is already in progress on this table. Please try again after "
        "it completes.",
    ),
}

TOO_MANY_TOKEN_REQUESTS = (
    "You have made too many requests continuously. Please try again after some time."
)

FAULTS = (
    "error",
    "status",
    "html502",
    "badjson",
    "empty",
    "drop",
    "drop_early",
    "stall",
    "truncate",
    "token_error",
    "token_throttle",
)

# CONFIG attributes each data operation requires (from Zoho's OpenAPI schemas).
REQUIRED_CONFIG = {
    "importDataNewTable": ("tableName", "fileType", "autoIdentify"),
    "importDataExistingTable": ("importType", "fileType", "autoIdentify"),
    "createImportJobNewTable": ("tableName", "fileType", "autoIdentify"),
    "createImportJobExistingTable": ("importType", "fileType", "autoIdentify"),
    "batchImportNewTable": ("batchKey", "isLastBatch", "tableName", "autoIdentify"),
    "batchImportExistingTable": (
        "batchKey",
        "isLastBatch",
        "importType",
        "autoIdentify",
    ),
    "createExportJobSQLQuery": ("sqlQuery", "responseFormat"),
    "createExportJobViewId": ("responseFormat",),
}  # type: Dict[str, Tuple[str, ...]]

# Operations answered by code rather than by their canned example.
DYNAMIC_OPERATIONS = {
    "importDataNewTable": "_import_now",
    "importDataExistingTable": "_import_now",
    "createImportJobNewTable": "_import_job",
    "createImportJobExistingTable": "_import_job",
    "batchImportNewTable": "_import_batch",
    "batchImportExistingTable": "_import_batch",
    "getImportJobDetails": "_import_job_details",
    "exportDataView": "_export_now",
    "createExportJobViewId": "_export_job",
    "createExportJobSQLQuery": "_export_job",
    "getExportJobDetails": "_export_job_details",
    "downloadExportedData": "_export_job_data",
    "exportAsTemplate": "_export_template",
}

JOB_STATES = {
    "1001": "JOB NOT INITIATED",
    "1002": "JOB IN PROGRESS",
    "1003": "ERROR OCCURRED",
    "1004": "JOB COMPLETED",
}

EXPORT_TYPES = {
    "csv": "text/csv;charset=UTF-8",
    "json": JSON_TYPE,
    "xml": "application/xml;charset=UTF-8",
    "xls": "application/vnd.ms-excel",
    "pdf": "application/pdf",
    "html": "text/html;charset=UTF-8",
    "png": "image/png",
    "jpeg": "image/jpeg",
}

# The sample sales table of Zoho's examples: column -> Zoho data type.
SAMPLE_TYPES = collections.OrderedDict(
    [
        ("Date", "Date"),
        ("Region", "Plain Text"),
        ("Product Category", "Plain Text"),
        ("Product", "Plain Text"),
        ("Customer Name", "Plain Text"),
        ("Sales", "Currency"),
        ("Cost", "Currency"),
    ]
)
SAMPLE_COLUMNS = list(SAMPLE_TYPES)
SAMPLE_ROWS = [
    ["2026-01-05", "East", "Furniture", "Chair", "Ada Lovelace", "1520.00", "1140.50"],
    ["2026-01-06", "West", "Technology", "Laptop", "Alan Turing", "2310.75", "1905.10"],
    ["2026-01-07", "Central", "Supplies", "Binder", "Grace Hopper", "86.40", "52.25"],
    ["2026-01-08", "South", "Furniture", "Desk", "Edsger Dijkstra", "940.00", "701.80"],
]

_log = logging.getLogger("sandbox")

Part = collections.namedtuple("Part", "name filename size sha256 data")
Part.__doc__ = """One part of a multipart body: its form name, file name (or None),
size in bytes, SHA-256 (hex) and its bytes when at most 1 MiB (else None)."""


class Sandbox(object):
    """A Zoho Analytics API v2 and accounts server on one local port.

    Start it with ``start()`` or a ``with`` block; ``url`` is where it listens.
    Everything it receives is appended to ``requests``. The attributes below
    change how it answers and may be set at any time.
    """

    CLIENT_ID = "1000.SANDBOXCLIENT"
    CLIENT_SECRET = "sandbox-secret"
    REFRESH_TOKEN = "1000.sandbox-refresh"
    ORG_ID = "55522777"
    WORKSPACE_ID = "35130000001055707"
    SEED_JOB_ID = "1767024000003153087"

    def __init__(
        self,
        port: int = 0,
        host: str = "127.0.0.1",
        tls: Optional[Tuple[str, str]] = None,
    ) -> None:
        """Prepare (not start) a sandbox; ``tls=(certfile, keyfile)`` serves HTTPS."""
        self.host = host
        self.port = port
        self.tls = tls
        self.requests = []  # type: List[RecordedRequest]
        self.token_requests = 0
        self.connections = 0
        self.token_lifetime = 3600  # seconds; also the expires_in of token answers
        self.job_polls_until_done = 2  # polls answering "not done" before 1004
        self.export_size = None  # type: Optional[int]
        self._lock = threading.RLock()
        self._tokens = {}  # type: Dict[str, float]  # access token -> expiry time
        self._faults = []  # type: List[_Fault]
        self._jobs = {}  # type: Dict[str, _Job]
        self._next_id = 1767024000009000001
        self._routes = _RouteTable.load(DATA_FILE)  # cached: read once per process
        self._server = None  # type: Optional[_Server]
        self._thread = None  # type: Optional[threading.Thread]
        self._stopping = threading.Event()

    # -- life cycle ---------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL of the API and accounts server, e.g. http://127.0.0.1:PORT."""
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        if ":" in host:
            host = "[%s]" % host
        return "%s://%s:%d" % ("https" if self.tls else "http", host, self.port)

    def start(self) -> "Sandbox":
        """Listen (binding port 0 picks a free port) and serve on a daemon thread."""
        if self._server is not None:
            return self
        context = None
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.tls[0], self.tls[1])
        self._stopping.clear()
        server_class = _Server6 if ":" in self.host else _Server
        self._server = server_class((self.host, self.port), _SandboxHandler, context)
        self._server.sandbox = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # so that stop() returns quickly
            name="sandbox-%d" % self.port,
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and open connections, join the thread."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        self._stopping.set()  # wakes stalled requests
        server.shutdown()
        server.server_close()
        server.close_connections()
        thread.join()

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    # -- controls for tests -------------------------------------------------

    def expire_tokens(self) -> None:
        """Invalidate every access token issued so far (next API call gets 8535)."""
        with self._lock:
            self._tokens.clear()

    def inject(
        self,
        fault: str,
        path: Optional[str] = None,
        method: Optional[str] = None,
        times: Optional[int] = 1,
        **options: Any
    ) -> None:
        """Queue a fault for the next ``times`` matching requests (None: until clear()).

        ``path`` is a regular expression searched in the raw request path;
        ``method`` an HTTP verb. With ``path=None`` the ``token_*`` faults match
        only the token endpoint and every other fault matches any request except
        the token endpoint. Faults and their options:

        - ``error``: Zoho error answer; ``code=`` (required), ``status=``,
          ``message=``, ``retry_after=`` (adds a Retry-After header).
        - ``status``: any answer; ``status=`` (required), ``body=`` (bytes or
          str), ``content_type=``, ``headers=`` (dict).
        - ``html502``: 502 with a load balancer's HTML page.
        - ``badjson``: 200 ``application/json`` that is not JSON.
        - ``empty``: 200 with Content-Length 0.
        - ``drop``: read the request, then close without answering.
        - ``drop_early``: close right after the headers, body unread.
        - ``stall``: read the request, wait ``seconds=`` (default 1.0), then
          answer normally, or close when ``then="close"``.
        - ``truncate``: send the normal answer's headers but close after
          ``keep=`` bytes of its body (default half of it).
        - ``token_error``: token endpoint answers 200 ``{"error": error}``;
          ``error=`` (default ``"invalid_client"``), ``status=``.
        - ``token_throttle``: token endpoint answers Zoho's 400 "Access Denied,
          too many requests" (also ``token_error`` with ``error="Access Denied"``).

        Any fault also takes ``after=N``: let N matching requests through first.
        """
        if fault not in FAULTS:
            raise ValueError("unknown fault %r; known: %s" % (fault, ", ".join(FAULTS)))
        if fault == "error" and "code" not in options:
            raise ValueError("the error fault needs code=")
        if fault == "status" and "status" not in options:
            raise ValueError("the status fault needs status=")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for always)")
        with self._lock:
            self._faults.append(_Fault(fault, path, method, times, options))

    def clear(self) -> None:
        """Forget recorded requests and queued faults."""
        with self._lock:
            self.requests[:] = []
            self._faults[:] = []

    def fail_job(self, job_id: str, message: str = "Import aborted") -> None:
        """Make a job end with 1003 "ERROR OCCURRED" carrying ``message``."""
        with self._lock:
            self._jobs[str(job_id)].error = message

    def batches(self, job_id: str) -> List[Optional[bytes]]:
        """Bodies of a batch import job's batches, in order (None if over 1 MiB)."""
        with self._lock:
            return list(self._jobs[str(job_id)].batches)

    # -- what the handler calls ---------------------------------------------

    def _record(self, request: "RecordedRequest") -> None:
        """Remember a received request (thread-safe)."""
        with self._lock:
            self.requests.append(request)

    def _count_connection(self) -> None:
        """Count one accepted TCP connection."""
        with self._lock:
            self.connections += 1

    def _take_fault(self, method: str, path: str) -> Optional["_Fault"]:
        """Return (and use up one of) the first queued fault matching a request."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.options.get("after", 0) > 0:
                        fault.options["after"] -= 1
                        continue
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            self._faults.remove(fault)
                    return fault
        return None

    def _new_id(self) -> str:
        """A fresh 19-digit id, like Zoho's ids for jobs and views."""
        with self._lock:
            self._next_id += 1
            return str(self._next_id)

    def _answer(self, request: "RecordedRequest") -> "_Reply":
        """Decide Zoho's answer to a fully read request."""
        if request.path == TOKEN_PATH:
            return self._answer_token(request)
        if not request.path.startswith(API_ROOT):
            return _error_reply(7301)
        if not self._token_ok(request.headers.get("Authorization", "")):
            return _error_reply(8535)
        match = self._routes.match(request.method, request.path)
        if match is None:
            return _error_reply(7301)
        route, params = match
        for name, value in params.items():
            if not re.match(r"^[0-9]+$", urllib.parse.unquote(value)):
                return _bad_id_reply(name, request.path)
        config = {}  # type: Dict[str, Any]
        if "CONFIG" in request.query:
            try:
                parsed = json.loads(request.query["CONFIG"])
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                return _error_reply(8504)
            config = parsed
        for name in REQUIRED_CONFIG.get(route.operation or "", ()):
            if "CONFIG" not in request.query:
                return _error_reply(8504)
            if name not in config:
                return _error_reply(
                    8079, message="The attribute '%s' is not present in CONFIG." % name
                )
        method_name = DYNAMIC_OPERATIONS.get(route.operation or "")
        if method_name:
            handler = getattr(self, method_name)  # type: Callable[..., _Reply]
            return handler(request, params, config, route)
        return route.reply()

    # -- OAuth ----------------------------------------------------------------

    def _answer_token(self, request: "RecordedRequest") -> "_Reply":
        """POST /oauth/v2/token: refresh-token grant, answered the way Zoho does."""
        with self._lock:
            self.token_requests += 1
        secret_names = ("client_id", "client_secret", "refresh_token")
        if request.method != "POST" or any(n in request.query for n in secret_names):
            return _json_reply({"error": "invalid_request"}, status=400)
        form = request.form or {}
        if form.get("grant_type") != "refresh_token":
            return _json_reply({"error": "unsupported_grant_type"})
        if form.get("client_id") != self.CLIENT_ID:
            return _json_reply({"error": "invalid_client"})
        if form.get("client_secret") != self.CLIENT_SECRET:
            return _json_reply({"error": "invalid_client"})
        if form.get("refresh_token") != self.REFRESH_TOKEN:
            return _json_reply({"error": "invalid_code"})
        token = "1000.%s.%s" % (secrets.token_hex(16), secrets.token_hex(16))
        with self._lock:
            self._tokens[token] = time.time() + self.token_lifetime
        return _json_reply(
            {
                "access_token": token,
                "api_domain": self.url,
                "token_type": "Bearer",
                "expires_in": self.token_lifetime,
            }
        )

    def _token_ok(self, authorization: str) -> bool:
        """True if the header carries a token this sandbox issued and still honours."""
        scheme, _, token = authorization.partition(" ")
        if scheme != "Zoho-oauthtoken":
            return False
        with self._lock:
            expiry = self._tokens.get(token.strip())
        return expiry is not None and time.time() < expiry

    # -- imports ------------------------------------------------------------

    def _import_now(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Synchronous import into a view or a new table: answer the summary."""
        payload = _import_payload(request)
        if payload is None:
            return _error_reply(8504, message=_missing_message("FILE"))
        new_table = "view-id" not in params
        view_id = self._new_id() if new_table else params["view-id"]
        info = _import_info(view_id, config, [payload], new_table)
        return _json_reply(
            {"status": "success", "summary": "Import data", "data": info}
        )

    def _import_job(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Bulk (asynchronous) import: create a job that completes when polled."""
        payload = _import_payload(request)
        if payload is None:
            return _error_reply(8504, message=_missing_message("FILE"))
        job = self._add_job("import", params, config)
        job.payloads.append(payload)
        job.open = False
        data = {"jobId": job.job_id}
        return _json_reply(
            {"status": "success", "summary": "Create bulk import job", "data": data}
        )

    def _import_batch(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Batch import: batchKey "start" opens a job, isLastBatch "true" closes it."""
        payload = _import_payload(request)
        if payload is None:
            return _error_reply(8504, message=_missing_message("FILE"))
        batch_key = str(config["batchKey"])
        with self._lock:
            if batch_key == "start":
                job = self._add_job("import", params, config)
                stamp = str(int(time.time() * 1000))
                parts = [stamp, params.get("view-id") or job.view_id]
                if "tableName" in config:
                    parts.append(re.sub(r"\W", "", str(config["tableName"])))
                job.batch_key = "_".join(parts)
            else:
                found = [j for j in self._jobs.values() if j.batch_key == batch_key]
                if not found or not found[0].open:
                    return _error_reply(
                        8516,
                        message="Invalid value passed for the attribute 'batchKey'.",
                    )
                job = found[0]
            job.payloads.append(payload)
            job.batches.append(payload.data)
            if str(config["isLastBatch"]).lower() == "true":
                job.open = False
        data = {"batchKey": job.batch_key, "jobId": job.job_id}
        return _json_reply(
            {"status": "success", "summary": "Create bulk import job", "data": data}
        )

    def _import_job_details(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Import job status: the seed job verbatim, created jobs as they progress."""
        problem = self._job_access(request, params)
        if problem is not None:
            return problem
        if params["job-id"] == self.SEED_JOB_ID:
            return route.reply()
        job = self._jobs.get(params["job-id"])
        if job is None or job.kind != "import":
            return _error_reply(8137)
        with self._lock:
            code = job.poll(self.job_polls_until_done)
        data = {"jobId": job.job_id, "jobCode": code, "jobStatus": JOB_STATES[code]}
        if code in ("1003", "1004"):
            data["jobInfo"] = _import_info(
                job.view_id, job.config, job.payloads, job.new_table
            )
            if code == "1003":
                data["jobInfo"]["importSummary"]["successRowCount"] = 0
                data["jobInfo"]["importErrors"] = job.error
        data["expiryTime"] = job.expiry
        return _json_reply(
            {"status": "success", "summary": "Fetch import job info", "data": data}
        )

    def _add_job(
        self, kind: str, params: Dict[str, str], config: Dict[str, Any]
    ) -> "_Job":
        """Create and register a job for the request's workspace and view."""
        job_id = self._new_id()
        new_table = "view-id" not in params
        view_id = self._new_id() if new_table else params["view-id"]
        job = _Job(job_id, kind, params["workspace-id"], view_id, new_table, config)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def _job_access(
        self, request: "RecordedRequest", params: Dict[str, str]
    ) -> Optional["_Reply"]:
        """Check the org header and workspace of a job request (None when fine)."""
        if request.headers.get("ZANALYTICS-ORGID") != self.ORG_ID:
            return _error_reply(8083)
        if params["workspace-id"] != self.WORKSPACE_ID:
            return _error_reply(7103)
        return None

    # -- exports ------------------------------------------------------------

    def _export_now(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Synchronous export: stream the view's data in the asked format."""
        return self._export_reply(str(config.get("responseFormat", "csv")))

    def _export_job(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Bulk export (of a view or an SQL query): create a job."""
        if str(config["responseFormat"]) not in EXPORT_TYPES:
            return _error_reply(
                8516, message="Invalid value passed for 'responseFormat'."
            )
        job = self._add_job("export", params, config)
        job.open = False
        data = {"jobId": job.job_id}
        return _json_reply(
            {"status": "success", "summary": "Create bulk export job", "data": data}
        )

    def _named_export_job(self, request, params):
        # type: (RecordedRequest, Dict[str, str]) -> Tuple[Optional[_Job], Optional[_Reply]]
        """The export job a request names, or None and the error answer."""
        problem = self._job_access(request, params)
        if problem is not None:
            return None, problem
        job = self._jobs.get(params["job-id"])
        if job is None or job.kind != "export":
            return None, _error_reply(8120)
        return job, None

    def _export_job_details(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Export job status; a completed job carries its downloadUrl."""
        job, problem = self._named_export_job(request, params)
        if job is None:
            return problem
        with self._lock:
            code = job.poll(self.job_polls_until_done)
        data = {"jobId": job.job_id, "jobCode": code, "jobStatus": JOB_STATES[code]}
        if code == "1004":
            where = (self.url, job.workspace_id, job.job_id)
            data["downloadUrl"] = (
                "%s/restapi/v2/bulk/workspaces/%s/exportjobs/%s/data" % where
            )
        if code == "1003":
            data["errorMessage"] = job.error
        data["expiryTime"] = job.expiry
        return _json_reply(
            {"status": "success", "summary": "Fetch export job info", "data": data}
        )

    def _export_job_data(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Download a completed export job's data."""
        job, problem = self._named_export_job(request, params)
        if job is None:
            return problem
        if job.state(self.job_polls_until_done) != "1004":
            return _error_reply(8121)
        return self._export_reply(str(job.config.get("responseFormat", "csv")))

    def _export_template(self, request, params, config, route):
        # type: (RecordedRequest, Dict[str, str], Dict[str, Any], _Route) -> _Reply
        """Export views as a template: a small zip file."""
        body = _template_zip(params["workspace-id"], config)
        headers = {"Content-Disposition": 'attachment; filename="template.zip"'}
        return _Reply(200, body, "application/x-zip-compressed", headers)

    def _export_reply(self, response_format: str) -> "_Reply":
        """Exported data: canned content, or ``export_size`` generated bytes."""
        if response_format not in EXPORT_TYPES:
            return _error_reply(
                8516, message="Invalid value passed for 'responseFormat'."
            )
        content_type = EXPORT_TYPES[response_format]
        headers = {
            "Content-Disposition": 'attachment; filename="Sales.%s"' % response_format
        }
        size = self.export_size
        if size is None:
            return _Reply(200, _canned_export(response_format), content_type, headers)
        return _Reply(200, _generated_csv(size), content_type, headers, length=size)


class RecordedRequest(object):
    """One request as the sandbox received it.

    ``path`` is the raw path (not percent-decoded, no query), ``query`` the
    decoded query parameters, ``headers`` a dict with lower-cased names that
    also accepts any case in lookups. ``body`` holds the bytes when the body is
    at most 1 MiB (else None); ``body_size`` and ``body_sha256`` are always set.
    ``parts`` lists a multipart body's parts, ``form`` the fields of a small
    urlencoded body. ``fault`` names the injected fault that answered it, and
    ``proxied`` tells that the request line had an absolute URL (proxy style).
    """

    __slots__ = (
        "method",
        "target",
        "path",
        "query",
        "headers",
        "body",
        "body_size",
        "body_sha256",
        "parts",
        "form",
        "fault",
        "proxied",
        "time",
        "_body",
        "_parts",
    )

    def __init__(self, method: str, target: str, headers: "Headers") -> None:
        """Split the request target into path and query."""
        self.method = method
        self.target = target
        self.proxied = target.startswith(("http://", "https://"))
        if self.proxied:
            split = urllib.parse.urlsplit(target)
            self.path, query = split.path or "/", split.query
        else:
            self.path, _, query = target.partition("?")
        self.query = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        self.headers = headers
        self.body = b""  # type: Optional[bytes]
        self.body_size = 0
        self.body_sha256 = hashlib.sha256().hexdigest()
        self.parts = []  # type: List[Part]
        self.form = None  # type: Optional[Dict[str, str]]
        self.fault = None  # type: Optional[str]
        self.time = time.time()
        self._body = _Digest()
        self._parts = {}  # type: Dict[str, _Digest]  # first part of each name

    def __repr__(self) -> str:
        fault = " fault=%s" % self.fault if self.fault else ""
        return "<RecordedRequest %s %s %d bytes%s>" % (
            self.method,
            self.path,
            self.body_size,
            fault,
        )


class Headers(dict):
    """Request headers keyed by lower-cased name; lookups accept any case."""

    def __getitem__(self, name: str) -> str:
        return dict.__getitem__(self, name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and dict.__contains__(self, name.lower())

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return dict.get(self, name.lower(), default)


class ConnectProxy(object):
    """A tiny forward proxy: HTTP CONNECT tunnels and plain absolute-URL requests.

    Only 127.0.0.1/localhost targets are allowed. With ``user`` and ``password``
    set it wants ``Proxy-Authorization: Basic ...`` (else 407). ``tunnels``
    counts opened tunnels, ``forwarded`` the plain requests it relayed, and
    ``auth_headers`` records each request's Proxy-Authorization (None if absent).
    """

    def __init__(
        self,
        user: Optional[str] = None,
        password: Optional[str] = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """Prepare (not start) the proxy."""
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.tunnels = 0
        self.forwarded = 0
        self.connections = 0
        self.auth_headers = []  # type: List[Optional[str]]
        self._lock = threading.Lock()
        self._server = None  # type: Optional[_Server]
        self._thread = None  # type: Optional[threading.Thread]

    @property
    def url(self) -> str:
        """The proxy's URL, e.g. http://127.0.0.1:PORT."""
        return "http://%s:%d" % (self.host, self.port)

    def start(self) -> "ConnectProxy":
        """Listen and serve on a daemon thread."""
        if self._server is None:
            self._server = _Server((self.host, self.port), _ProxyHandler, None)
            self._server.proxy = self
            self.port = self._server.server_address[1]
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.05}
            )
            self._thread.daemon = True
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every open connection and tunnel."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.server_close()
        server.close_connections()
        thread.join()

    def __enter__(self) -> "ConnectProxy":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def _authorized(self, header: Optional[str]) -> bool:
        """Record the Proxy-Authorization header; True if it is acceptable."""
        with self._lock:
            self.auth_headers.append(header)
        if self.user is None:
            return True
        expected = "%s:%s" % (self.user, self.password or "")
        token = base64.b64encode(expected.encode("utf-8")).decode("ascii")
        return (header or "").strip() == "Basic " + token

    def _count(self, name: str) -> None:
        """Add one to a counter attribute, thread-safely."""
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)


# ---------------------------------------------------------------------------
# HTTP plumbing
# ---------------------------------------------------------------------------


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """Threaded HTTP server that counts connections and can close them all."""

    daemon_threads = True
    allow_reuse_address = True
    sandbox = None  # type: Optional[Sandbox]
    proxy = None  # type: Optional[ConnectProxy]

    def __init__(
        self,
        address: Tuple[str, int],
        handler: Any,
        ssl_context: Optional[ssl.SSLContext],
    ) -> None:
        self.ssl_context = ssl_context
        self.open_sockets = set()  # type: set
        self.sockets_lock = threading.Lock()
        http.server.HTTPServer.__init__(self, address, handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Run the handler for one connection (after the TLS handshake, if any)."""
        if self.sandbox is not None:
            self.sandbox._count_connection()
        if self.proxy is not None:
            self.proxy._count("connections")
        try:  # send small answers at once, no Nagle delay between headers and body
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if self.ssl_context is not None:
            try:
                request.settimeout(10)
                request = self.ssl_context.wrap_socket(request, server_side=True)
            except (OSError, ssl.SSLError):
                return
        with self.sockets_lock:
            self.open_sockets.add(request)
        try:
            self.RequestHandlerClass(request, client_address, self)
        finally:
            with self.sockets_lock:
                self.open_sockets.discard(request)
            if self.ssl_context is not None:
                request.close()

    def close_connections(self) -> None:
        """Shut down every open connection so that its handler thread ends."""
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log handler crashes instead of printing them."""
        _log.debug("error serving %s", client_address, exc_info=True)


class _Server6(_Server):
    """The same server on IPv6."""

    address_family = socket.AF_INET6


class _SandboxHandler(http.server.BaseHTTPRequestHandler):
    """Reads each request fully, applies faults, and writes the sandbox's answer."""

    protocol_version = "HTTP/1.1"
    server_version = "ZohoAnalyticsSandbox/1.0"
    sys_version = ""
    timeout = 300  # idle keep-alive connections are closed after this
    disable_nagle_algorithm = True  # streamed answers go out as they are written

    def do_GET(self) -> None:
        """Handle any verb the same way: the sandbox routes by verb and path."""
        self._headers_sent = False
        try:
            self._handle()
        except (OSError, ssl.SSLError, _BadRequest):
            self.close_connection = True
        except Exception:  # a bug in the sandbox: answer 7005 if still possible
            _log.exception("sandbox failed on %s %s", self.command, self.path)
            if not self._headers_sent:
                self._send(_error_reply(7005))
            self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def do_CONNECT(self) -> None:
        """The sandbox itself is no CONNECT proxy (see ConnectProxy)."""
        self._headers_sent = False
        self._send(_Reply(405, b"CONNECT is not supported here\n", "text/plain"))
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Send the access log to the ``sandbox`` logger (silent by default)."""
        _log.info("%s %s", self.address_string(), format % args)

    def version_string(self) -> str:
        """The Server header."""
        return self.server_version

    def _handle(self) -> None:
        """Record the request, then answer it (or misbehave as a fault says)."""
        sandbox = self.server.sandbox  # type: ignore[attr-defined]
        request = RecordedRequest(self.command, self.path, _headers_of(self.headers))
        fault = sandbox._take_fault(request.method, request.path)
        if fault is not None:
            request.fault = fault.kind
        if fault is not None and fault.kind == "drop_early":
            sandbox._record(request)
            self.close_connection = True
            return
        try:
            _read_body(self.rfile, request)
        finally:
            sandbox._record(request)
        if fault is None:
            reply = sandbox._answer(request)  # type: Optional[_Reply]
        else:
            reply = self._fault_reply(fault, request)
        if reply is None:
            self.close_connection = True
        else:
            self._send(reply)

    def _fault_reply(
        self, fault: "_Fault", request: RecordedRequest
    ) -> Optional["_Reply"]:
        """The answer an injected fault gives (None: close without answering)."""
        sandbox = self.server.sandbox  # type: ignore[attr-defined]
        options = fault.options
        kind = fault.kind
        if kind == "error":
            headers = {}
            if options.get("retry_after") is not None:
                headers["Retry-After"] = str(options["retry_after"])
            return _error_reply(
                options["code"], options.get("status"), options.get("message"), headers
            )
        if kind == "status":
            body = options.get("body", b"")
            if isinstance(body, str):
                body = body.encode("utf-8")
            content_type = options.get("content_type")
            if content_type is None and body:
                content_type = JSON_TYPE
            return _Reply(options["status"], body, content_type, options.get("headers"))
        if kind == "html502":
            return _Reply(502, _BAD_GATEWAY_PAGE, "text/html")
        if kind == "badjson":
            return _Reply(200, b'{"status":"success",', JSON_TYPE)
        if kind == "empty":
            return _Reply(200, b"", JSON_TYPE)
        if kind == "drop":
            return None
        if kind == "stall":
            sandbox._stopping.wait(float(options.get("seconds", 1.0)))
            if options.get("then") == "close" or sandbox._stopping.is_set():
                return None
            return sandbox._answer(request)
        if kind == "truncate":
            reply = sandbox._answer(request)
            if reply.length == 0:
                reply = _Reply(200, _canned_export("csv"), EXPORT_TYPES["csv"])
            reply.cut_at = int(options.get("keep", reply.length // 2))
            return reply
        if kind == "token_throttle" or options.get("error") == "Access Denied":
            return _json_reply(
                {
                    "error": "Access Denied",
                    "error_description": TOO_MANY_TOKEN_REQUESTS,
                },
                status=options.get("status", 400),
            )
        # token_error
        return _json_reply(
            {"error": options.get("error", "invalid_client")},
            status=options.get("status", 200),
        )

    def _send(self, reply: "_Reply") -> None:
        """Write status, headers (with Content-Length) and the body's chunks."""
        self._headers_sent = True
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status not in (204, 304):
            self.send_header("Content-Length", str(reply.length))
        if self.command == "HEAD":
            self.end_headers()
            return
        one_send = self.request_version != "HTTP/0.9" and reply.cut_at is None
        if one_send and isinstance(reply.body, bytes):
            # Headers and a small body leave in one send: two small sends on a
            # keep-alive connection stall on Nagle and delayed ACKs (about 40 ms).
            buffered = self._headers_buffer  # type: ignore[attr-defined]
            buffered.append(b"\r\n" + reply.body)
            self.flush_headers()
            return
        self.end_headers()
        sent = 0
        for chunk in reply.chunks():
            if reply.cut_at is not None and sent + len(chunk) >= reply.cut_at:
                self.wfile.write(chunk[: reply.cut_at - sent])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(chunk)
            sent += len(chunk)


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    """ConnectProxy's handler: CONNECT tunnels and absolute-URL forwarding."""

    protocol_version = "HTTP/1.1"
    server_version = "SandboxProxy/1.0"
    sys_version = ""
    rbufsize = 0  # unbuffered, so no tunnel bytes get stuck in a read buffer
    timeout = 300

    def log_message(self, format: str, *args: Any) -> None:
        """Send the access log to the ``sandbox`` logger (silent by default)."""
        _log.info("proxy %s %s", self.address_string(), format % args)

    def do_CONNECT(self) -> None:
        """Open a tunnel to a local host:port and relay bytes both ways."""
        proxy = self.server.proxy  # type: ignore[attr-defined]
        if not proxy._authorized(self.headers.get("Proxy-Authorization")):
            self._refuse(407, {"Proxy-Authenticate": 'Basic realm="sandbox"'})
            return
        host, _, port = self.path.rpartition(":")
        if (
            host.strip("[]") not in ("127.0.0.1", "localhost", "::1")
            or not port.isdigit()
        ):
            self._refuse(403)
            return
        try:
            upstream = socket.create_connection(
                (host.strip("[]"), int(port)), timeout=10
            )
        except OSError:
            self._refuse(502)
            return
        proxy._count("tunnels")
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        try:
            _pump(self.connection, upstream)
        finally:
            upstream.close()

    def do_GET(self) -> None:
        """Forward an absolute-URL request to a local server and relay its answer."""
        proxy = self.server.proxy  # type: ignore[attr-defined]
        authorized = proxy._authorized(self.headers.get("Proxy-Authorization"))
        split = urllib.parse.urlsplit(self.path)
        if not authorized or split.scheme != "http":
            for _ in _iter_body(self.rfile, _headers_of(self.headers)):
                pass  # read the body so the connection stays usable
            if not authorized:
                self._refuse(407, {"Proxy-Authenticate": 'Basic realm="sandbox"'})
            else:
                self._refuse(400)
            return
        if split.hostname not in ("127.0.0.1", "localhost"):
            self._refuse(403)
            return
        upstream = http.client.HTTPConnection(
            split.hostname, split.port or 80, timeout=300
        )
        try:
            self._forward(upstream, split)
        finally:
            upstream.close()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _forward(self, upstream: http.client.HTTPConnection, split: Any) -> None:
        """Send this request upstream, streaming its body, and relay the answer."""
        path = split.path or "/"
        if split.query:
            path += "?" + split.query
        upstream.putrequest(
            self.command, path, skip_host=True, skip_accept_encoding=True
        )
        hop_by_hop = (
            "proxy-authorization",
            "proxy-connection",
            "connection",
            "keep-alive",
        )
        for name, value in self.headers.items():
            if name.lower() not in hop_by_hop:
                upstream.putheader(name, value)
        try:
            upstream.endheaders()
        except OSError:
            self._refuse(502)  # the target is not listening
            self.close_connection = True
            return
        chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
        for chunk in _iter_body(self.rfile, _headers_of(self.headers)):
            if chunked:
                upstream.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            else:
                upstream.send(chunk)
        if chunked:
            upstream.send(b"0\r\n\r\n")
        response = upstream.getresponse()
        self.server.proxy._count("forwarded")  # type: ignore[attr-defined]
        self.send_response(response.status, response.reason)
        length = response.getheader("Content-Length")
        for name, value in response.getheaders():
            if name.lower() not in ("connection", "keep-alive", "transfer-encoding"):
                self.send_header(name, value)
        if length is None and response.status not in (204, 304):
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        while True:
            chunk = response.read(READ_SIZE)
            if not chunk:
                break
            self.wfile.write(chunk)

    def _refuse(self, status: int, headers: Optional[Dict[str, str]] = None) -> None:
        """Answer a short plain-text error."""
        body = ("%d %s\n" % (status, http.client.responses.get(status, ""))).encode(
            "ascii"
        )
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _pump(client: socket.socket, upstream: socket.socket) -> None:
    """Relay bytes between two sockets until either side closes."""
    sockets = [client, upstream]
    for sock in sockets:
        sock.settimeout(None)
    while True:
        readable, _, errored = select.select(sockets, [], sockets, 300)
        if errored or not readable:
            return
        for sock in readable:
            try:
                data = sock.recv(READ_SIZE)
            except OSError:
                return
            if not data:
                return
            other = upstream if sock is client else client
            try:
                other.sendall(data)
            except OSError:
                return


def _headers_of(message: Any) -> Headers:
    """Turn the parsed header block into a Headers dict (repeats joined by ", ")."""
    headers = Headers()
    for name, value in message.items():
        key = name.lower()
        headers[key] = headers[key] + ", " + value if key in headers else value
    return headers


# ---------------------------------------------------------------------------
# Routes, jobs and answers
# ---------------------------------------------------------------------------


class _Reply(object):
    """An answer to send: status, headers and a body (bytes or chunk iterator)."""

    def __init__(
        self,
        status: int,
        body: Any = b"",
        content_type: Optional[str] = None,
        headers: Optional[Dict[str, str]] = None,
        length: Optional[int] = None,
    ) -> None:
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        if content_type:
            self.headers["Content-Type"] = content_type
        self.length = len(body) if length is None else length
        self.cut_at = None  # type: Optional[int]  # truncate fault: bytes to send

    def chunks(self) -> Iterable[bytes]:
        """The body as an iterable of byte strings."""
        return [self.body] if isinstance(self.body, bytes) else self.body


class _Route(object):
    """One API operation: verb, path template and canned example answer."""

    def __init__(self, entry: Dict[str, Any]) -> None:
        self.method = entry["method"]  # type: str
        self.template = entry["path"]  # type: str
        self.segments = self.template.strip("/").split("/")
        self.status = entry["status"]  # type: int
        self.content_type = entry["content_type"]  # type: str
        self.operation = entry.get("operation")  # type: Optional[str]
        self.client_method = entry.get("client_method")  # type: Optional[str]
        body = entry.get("body")
        self.payload = b"" if body is None else _compact_json(body)

    def reply(self) -> _Reply:
        """The canned answer: the example as compact JSON, or an empty 204."""
        if not self.payload:
            return _Reply(self.status)
        return _Reply(self.status, self.payload, JSON_TYPE)


class _RouteTable(object):
    """All routes, matched by verb and path; literal segments beat ``{ids}``."""

    def __init__(self, routes: List[_Route]) -> None:
        self.routes = routes
        self._index = {}  # type: Dict[Tuple[str, int], List[_Route]]
        for route in routes:
            key = (route.method, len(route.segments))
            self._index.setdefault(key, []).append(route)

    _loaded = {}  # type: Dict[str, _RouteTable]

    @classmethod
    def load(cls, filename: str) -> "_RouteTable":
        """Read the routes from sandbox_data.json (once per file and process)."""
        if filename not in cls._loaded:
            with open(filename, encoding="utf-8") as handle:
                data = json.load(handle)
            cls._loaded[filename] = cls([_Route(entry) for entry in data["routes"]])
        return cls._loaded[filename]

    def match(self, method: str, path: str) -> Optional[Tuple[_Route, Dict[str, str]]]:
        """Return the best route for a raw path and the raw values of its ids."""
        segments = path.rstrip("/").strip("/").split("/")
        best = None  # type: Optional[Tuple[Tuple[int, ...], _Route, Dict[str, str]]]
        for route in self._index.get((method, len(segments)), []):
            params = {}  # type: Dict[str, str]
            score = []
            for pattern, segment in zip(route.segments, segments):
                if pattern.startswith("{"):
                    if not segment:
                        break
                    params[pattern[1:-1]] = segment
                    score.append(0)
                elif pattern == segment:
                    score.append(1)
                else:
                    break
            else:
                if best is None or tuple(score) > best[0]:
                    best = (tuple(score), route, params)
        return None if best is None else (best[1], best[2])


class _Job(object):
    """An import or export job; it progresses each time its status is polled."""

    def __init__(
        self,
        job_id: str,
        kind: str,
        workspace_id: str,
        view_id: str,
        new_table: bool,
        config: Dict[str, Any],
    ) -> None:
        self.job_id = job_id
        self.kind = kind
        self.workspace_id = workspace_id
        self.view_id = view_id
        self.new_table = new_table
        self.config = config
        self.open = True  # batch jobs stay open until their last batch
        self.polls = 0
        self.error = None  # type: Optional[str]
        self.batch_key = None  # type: Optional[str]
        self.batches = []  # type: List[Optional[bytes]]
        self.payloads = []  # type: List[_Digest]
        self.expiry = str(int((time.time() + 3600) * 1000))

    def poll(self, polls_until_done: int) -> str:
        """Count one status poll and return the job code it answers."""
        if not self.open:
            self.polls += 1
        return self.state(polls_until_done)

    def state(self, polls_until_done: int) -> str:
        """Job code after the polls so far: 1001, 1002, then 1004 (or 1003).

        The first ``polls_until_done`` polls answer "not done" (1001 the first
        time, 1002 after); the job is done from the next one on, or at once
        when ``polls_until_done`` is 0. Open batch jobs stay at 1001.
        """
        if self.open:
            return "1001"
        if polls_until_done > 0 and self.polls <= polls_until_done:
            return "1002" if self.polls > 1 else "1001"
        return "1003" if self.error is not None else "1004"


class _Fault(object):
    """A queued fault: what to do, to which requests, how many more times."""

    def __init__(
        self,
        kind: str,
        path: Optional[str],
        method: Optional[str],
        times: Optional[int],
        options: Dict[str, Any],
    ) -> None:
        self.kind = kind
        self.pattern = None if path is None else re.compile(path)
        self.method = None if method is None else method.upper()
        self.remaining = times
        self.options = options

    def matches(self, method: str, path: str) -> bool:
        """True if this fault applies to a request with this verb and raw path."""
        if self.method is not None and self.method != method:
            return False
        if self.pattern is None:
            return (path == TOKEN_PATH) == self.kind.startswith("token_")
        return self.pattern.search(path) is not None


def _json_reply(
    body: Any, status: int = 200, headers: Optional[Dict[str, str]] = None
) -> _Reply:
    """A JSON answer, compact like Zoho's."""
    return _Reply(status, _compact_json(body), JSON_TYPE, headers)


def _compact_json(value: Any) -> bytes:
    """JSON text without spaces, UTF-8 encoded."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _error_reply(
    code: int,
    status: Optional[int] = None,
    message: Optional[str] = None,
    headers: Optional[Dict[str, str]] = None,
) -> _Reply:
    """A Zoho error answer for an errorCode (unknown codes answer 400)."""
    default_status, summary, default_message = ERRORS.get(
        code, (400, "ERROR", "Error %d from the sandbox." % code)
    )
    body = {
        "status": "failure",
        "summary": summary,
        "data": {"errorCode": code, "errorMessage": message or default_message},
    }
    return _json_reply(body, status or default_status, headers)


def _bad_id_reply(name: str, path: str) -> _Reply:
    """The error Zoho gives for an id segment that is not a number."""
    if "workspace" in name:
        return _error_reply(7103)
    if name == "job-id":
        return _error_reply(8120 if "/exportjobs/" in path else 8137)
    if name in ("view-id", "report-id", "query-table-id"):
        return _error_reply(7138)
    return _error_reply(8504, message=_missing_message(name))


def _missing_message(name: str) -> str:
    """Zoho's wording for a parameter that is absent or not proper."""
    return (
        "The parameter %s is not proper(Has not been sent or is less than " % name
        + ("required count)")
    )


def _import_payload(request: RecordedRequest) -> Optional["_Digest"]:
    """The data being imported: FILE part, DATA part/field/query, or a raw body."""
    for name in ("FILE", "DATA"):
        if name in request._parts:
            return request._parts[name]
    if request.form and "DATA" in request.form:
        return _Digest.of(request.form["DATA"].encode("utf-8"))
    if "DATA" in request.query:
        return _Digest.of(request.query["DATA"].encode("utf-8"))
    content_type = request.headers.get("Content-Type", "").lower()
    if request._body.size and not content_type.startswith(
        ("multipart/", "application/x-www-form-urlencoded")
    ):
        return request._body  # a raw (e.g. text/plain) body
    return None


def _import_info(
    view_id: str, config: Dict[str, Any], payloads: List["_Digest"], new_table: bool
) -> Dict[str, Any]:
    """viewId, importSummary, columnDetails and importErrors for imported data."""
    columns = []  # type: List[str]
    rows = 0
    for index, payload in enumerate(payloads):
        found_columns, found_rows = _count_records(
            payload, str(config.get("fileType", ""))
        )
        if index == 0:
            columns = found_columns
        elif found_columns != columns:
            found_rows += 1  # a later batch without its own header line
        rows += found_rows
    return {
        "viewId": view_id,
        "importSummary": {
            "importType": str(config.get("importType", "APPEND")),
            "totalColumnCount": len(columns),
            "selectedColumnCount": len(columns),
            "totalRowCount": rows,
            "successRowCount": rows,
            "warnings": 0,
            "importOperation": "created" if new_table else "updated",
        },
        "columnDetails": {
            name: SAMPLE_TYPES.get(name, "Plain Text") for name in columns
        },
        "importErrors": "",
    }


def _count_records(payload: "_Digest", file_type: str) -> Tuple[List[str], int]:
    """Column names and record count of CSV or JSON data (estimated when big)."""
    data = payload.data
    if data is not None:
        text = data.decode("utf-8", "replace")
        if file_type == "json" or text.lstrip().startswith("["):
            try:
                records = json.loads(text)
            except ValueError:
                records = None
            if isinstance(records, list):
                first = records[0] if records and isinstance(records[0], dict) else {}
                return list(first), len(records)
        try:
            rows = [row for row in csv.reader(io.StringIO(text)) if row]
            return (rows[0], len(rows) - 1) if rows else ([], 0)
        except csv.Error:
            pass  # not CSV after all: count lines below
    # Too big to keep (or not CSV): header from the first line, records by lines.
    first_line = payload.head.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        header = next(csv.reader([first_line.decode("utf-8", "replace")]), [])
    except csv.Error:
        header = []
    lines = payload.newlines + (0 if payload.last in (b"\n", b"") else 1)
    return header, max(lines - 1, 0)


# ---------------------------------------------------------------------------
# Request bodies: streaming, hashing, multipart parsing
# ---------------------------------------------------------------------------


class _BadRequest(Exception):
    """The request's framing is broken; the connection must be closed."""


def _read_body(rfile: Any, request: RecordedRequest) -> None:
    """Read the whole body, hashing it and parsing multipart parts on the fly."""
    content_type = request.headers.get("Content-Type", "")
    parser = None
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if content_type.lower().startswith("multipart/") and match:
        parser = _MultipartParser(match.group(1).encode("latin-1"))
    body = _Digest(count_lines=parser is None)  # parts count their own lines
    for chunk in _iter_body(rfile, request.headers):
        body.update(chunk)
        if parser is not None:
            parser.feed(chunk)
    request._body = body
    request.body = body.data
    request.body_size = body.size
    request.body_sha256 = body.sha256
    if parser is not None:
        for name, filename, digest in parser.parts:
            request.parts.append(
                Part(name, filename, digest.size, digest.sha256, digest.data)
            )
            request._parts.setdefault(name, digest)
    if content_type.lower().startswith("application/x-www-form-urlencoded"):
        if body.data is not None:
            text = body.data.decode("utf-8", "replace")
            request.form = dict(urllib.parse.parse_qsl(text, keep_blank_values=True))


def _iter_body(rfile: Any, headers: Headers) -> Iterator[bytes]:
    """Yield the body's bytes, framed by Content-Length or chunked encoding."""
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        while True:
            line = rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                raise _BadRequest("bad chunk size line %r" % line)
            if size == 0:
                while rfile.readline(65536) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return
            for chunk in _read_exactly(rfile, size):
                yield chunk
            rfile.readline(16)  # the CRLF after the chunk
    else:
        try:
            length = int(headers.get("Content-Length", "0") or "0")
        except ValueError:
            raise _BadRequest("bad Content-Length")
        for chunk in _read_exactly(rfile, length):
            yield chunk


def _read_exactly(rfile: Any, size: int) -> Iterator[bytes]:
    """Yield exactly ``size`` bytes in pieces; a short read breaks the request."""
    while size > 0:
        chunk = rfile.read(min(size, READ_SIZE))
        if not chunk:
            raise _BadRequest("body ended early")
        size -= len(chunk)
        yield chunk


class _Digest(object):
    """Counts, hashes and (when small) keeps a stream of bytes.

    ``count_lines`` also counts newlines, to estimate the records of big data.
    """

    def __init__(self, count_lines: bool = True) -> None:
        self.count_lines = count_lines
        self.size = 0
        self.newlines = 0
        self.head = b""  # the first HEAD_LIMIT bytes
        self.last = b""  # the last byte
        self._sha = hashlib.sha256()
        self._kept = []  # type: Optional[List[bytes]]
        self._data = None  # type: Optional[bytes]

    @classmethod
    def of(cls, data: bytes) -> "_Digest":
        """A digest of bytes already in memory."""
        digest = cls()
        digest.update(data)
        return digest

    def update(self, chunk: bytes) -> None:
        """Take the next piece of the stream."""
        if not chunk:
            return
        self.size += len(chunk)
        if self.count_lines:
            self.newlines += chunk.count(b"\n")
        self.last = chunk[-1:]
        self._sha.update(chunk)
        if len(self.head) < HEAD_LIMIT:
            self.head += chunk[: HEAD_LIMIT - len(self.head)]
        if self._kept is not None:
            self._kept.append(chunk)
            if self.size > KEEP_LIMIT:
                self._kept = None
            self._data = None

    @property
    def data(self) -> Optional[bytes]:
        """All the bytes, if there are at most KEEP_LIMIT of them."""
        if self._kept is None:
            return None
        if self._data is None:
            self._data = b"".join(self._kept)
            self._kept = [self._data]
        return self._data

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the bytes so far."""
        return self._sha.hexdigest()


class _MultipartParser(object):
    """Incremental multipart/form-data parser; feeds each part into a _Digest."""

    def __init__(self, boundary: bytes) -> None:
        self.delimiter = b"\r\n--" + boundary
        self.buffer = b"\r\n"  # lets the first boundary look like the others
        self.state = "preamble"  # preamble, headers, body or done
        self.parts = []  # type: List[Tuple[str, Optional[str], _Digest]]
        self.current = None  # type: Optional[_Digest]

    def feed(self, chunk: bytes) -> None:
        """Parse the next piece of the body."""
        if self.state == "done":
            return
        self.buffer += chunk
        while self._step():
            pass

    def _step(self) -> bool:
        """Advance the state machine once; False when more bytes are needed."""
        if self.state in ("preamble", "body"):
            index = self.buffer.find(self.delimiter)
            if index < 0:
                keep = len(self.delimiter) - 1  # a delimiter may start in the tail
                if len(self.buffer) > keep:
                    self._emit(self.buffer[:-keep])
                    self.buffer = self.buffer[-keep:]
                return False
            after = index + len(self.delimiter)
            if len(self.buffer) < after + 2:
                self._emit(self.buffer[:index])
                self.buffer = self.buffer[index:]
                return False
            self._emit(self.buffer[:index])
            self.current = None
            if self.buffer[after : after + 2] == b"--":
                self.state, self.buffer = "done", b""
                return False
            line_end = self.buffer.find(b"\r\n", after)
            if line_end < 0:
                self.buffer = self.buffer[index:]
                return False
            self.buffer = self.buffer[line_end + 2 :]
            self.state = "headers"
            return True
        if self.state == "headers":
            if self.buffer.startswith(b"\r\n"):
                end, block = 0, b""
            else:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    if len(self.buffer) > HEAD_LIMIT:
                        self.state = "done"  # not multipart after all
                    return False
                block = self.buffer[:end]
                end += 2
            self.buffer = self.buffer[end + 2 :]
            name, filename = _disposition(block.decode("utf-8", "replace"))
            self.current = _Digest()
            self.parts.append((name, filename, self.current))
            self.state = "body"
            return True
        return False

    def _emit(self, data: bytes) -> None:
        """Hand part bytes to the current part (preamble bytes are dropped)."""
        if self.current is not None and data:
            self.current.update(data)


def _disposition(block: str) -> Tuple[str, Optional[str]]:
    """The form name and file name from a part's Content-Disposition header."""
    name, filename = "", None  # type: str, Optional[str]
    for line in block.split("\r\n"):
        header, _, value = line.partition(":")
        if header.strip().lower() != "content-disposition":
            continue
        for param in re.finditer(r'(\w+)\*?=(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))', value):
            text = param.group(2) if param.group(2) is not None else param.group(3)
            if param.group(1).lower() == "name":
                name = text
            elif param.group(1).lower() == "filename":
                filename = text
    return name, filename


# ---------------------------------------------------------------------------
# Canned content
# ---------------------------------------------------------------------------

_JPEG_STUB = (  # JPEG start, a JFIF header and JPEG end: enough to look like one
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
)

_BAD_GATEWAY_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>ZGS</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


def _canned_export(response_format: str) -> bytes:
    """A small export of the sample sales data in the given format."""
    if response_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(SAMPLE_COLUMNS)
        writer.writerows(SAMPLE_ROWS)
        return out.getvalue().encode("utf-8")
    if response_format == "json":
        return _compact_json(
            {"data": [dict(zip(SAMPLE_COLUMNS, row)) for row in SAMPLE_ROWS]}
        )
    if response_format == "xml":
        rows = "".join(
            "<row>%s</row>"
            % "".join(
                '<column name="%s">%s</column>' % c for c in zip(SAMPLE_COLUMNS, row)
            )
            for row in SAMPLE_ROWS
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><response><data>%s</data></response>'
            % rows
        ).encode("utf-8")
    if response_format == "html":
        cells = "".join(
            "<tr>%s</tr>" % "".join("<td>%s</td>" % v for v in row)
            for row in SAMPLE_ROWS
        )
        head = "".join("<th>%s</th>" % c for c in SAMPLE_COLUMNS)
        return (
            "<html><body><table><tr>%s</tr>%s</table></body></html>" % (head, cells)
        ).encode("utf-8")
    if response_format == "png":
        return _png_pixel()
    if response_format == "jpeg":
        return _JPEG_STUB
    if response_format == "pdf":
        return b"%PDF-1.4\n% sandbox export\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # xls: an OLE2 header


def _generated_csv(size: int) -> Iterator[bytes]:
    """Exactly ``size`` bytes of CSV-like text, produced 1 MiB at a time."""
    header = (",".join(SAMPLE_COLUMNS) + "\r\n").encode("ascii")
    row = b"2026-01-05,East,Furniture,Chair,Ada Lovelace,1520.00,1140.50\r\n"
    block = row * (EXPORT_CHUNK // len(row))
    remaining = size
    first = header[:remaining]
    remaining -= len(first)
    if first:
        yield first
    while remaining > 0:
        piece = block if remaining >= len(block) else block[:remaining]
        remaining -= len(piece)
        yield piece


def _png_pixel() -> bytes:
    """A valid 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x33\x66\x99")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def _template_zip(workspace_id: str, config: Dict[str, Any]) -> bytes:
    """A small zip file standing in for an exported workspace template."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {"workspaceId": workspace_id, "viewIds": config.get("viewIds", [])}
        archive.writestr("template.json", json.dumps(manifest, indent=1))
    return out.getvalue()


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def main(argv: Optional[List[str]] = None) -> int:
    """Run a sandbox in the foreground until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description="Local Zoho Analytics API v2 sandbox.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--port", type=int, default=8765, help="port (0: any free port)"
    )
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--tls-key", help="private key of --tls-cert (PEM)")
    parser.add_argument(
        "--export-size", type=int, help="bytes each data export streams"
    )
    parser.add_argument("--token-lifetime", type=int, default=3600, help="seconds")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    tls = (args.tls_cert, args.tls_key) if args.tls_cert else None
    sandbox = Sandbox(port=args.port, host=args.host, tls=tls)
    sandbox.export_size = args.export_size
    sandbox.token_lifetime = args.token_lifetime
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda signum, frame: stop.set())
    try:
        sandbox.start()
    except OSError as error:
        print(
            "sandbox: cannot listen on %s:%d: %s"
            % (args.host, args.port, error.strerror or error),
            file=sys.stderr,
        )
        return 1
    print(
        "Zoho Analytics sandbox on {url} (client id {id}, client secret {secret}, "
        "refresh token {refresh}, org {org}, workspace {workspace})".format(
            url=sandbox.url,
            id=Sandbox.CLIENT_ID,
            secret=Sandbox.CLIENT_SECRET,
            refresh=Sandbox.REFRESH_TOKEN,
            org=Sandbox.ORG_ID,
            workspace=Sandbox.WORKSPACE_ID,
        )
    )
    sys.stdout.flush()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
