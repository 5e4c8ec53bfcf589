"""Client for the Zoho Analytics REST API v2, in one file.

Drop this file beside your scripts and ``from AnalyticsClient import AnalyticsClient``.
It keeps every name, argument and return value of Zoho's official Python client, and
answers to the camelCase names of Zoho's Java and PHP clients as well.

It needs nothing but the Python standard library (3.6 or newer). When ``urllib3`` is
importable it sends requests through a pooled, keep-alive ``urllib3.PoolManager``;
otherwise through ``http.client`` with its own keep-alive connection pool. Both
transports behave the same way: same timeouts, retries, errors and logging.

    ac = AnalyticsClient(client_id, client_secret, refresh_token)
    bulk = ac.get_bulk_instance(org_id, workspace_id)
    details = bulk.get_import_job_details(job_id)

Waiting for a job: ``bulk.wait_for_import_job(job_id)``. From a shell:
``python -m AnalyticsClient --help``.
"""

import argparse
import base64
import configparser
import copy
import email.utils
import hashlib
import http.client
import io
import json
import logging
import math
import numbers
import os
import random
import re
import select
import socket
import ssl
import stat
import sys
import tempfile
import threading
import time
import uuid
import urllib.parse
from typing import (
    IO,
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
    cast,
)

try:
    import urllib3
except ImportError:  # the standard-library transport takes over
    urllib3 = None  # type: ignore[assignment]

__version__ = "2.7.0"

__all__ = [
    "AnalyticsClient",
    "OrgAPI",
    "WorkspaceAPI",
    "ViewAPI",
    "BulkAPI",
    "AnalyticsError",
    "ServerException",
    "ParseException",
    "IOException",
    "TimeoutException",
    "AuthenticationException",
    "RateLimitException",
    "UnitsExhaustedException",
    "JobBusyException",
    "JobFailedException",
    "JobTimeoutException",
    "ServerError",
    "ParseError",
    "FileTokenCache",
    "DATA_CENTRES",
    "__version__",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

Config = Mapping[str, Any]
Id = Union[int, str]

DATA_CENTRES = {
    "us": ("https://accounts.zoho.com", "https://analyticsapi.zoho.com"),
    "eu": ("https://accounts.zoho.eu", "https://analyticsapi.zoho.eu"),
    "in": ("https://accounts.zoho.in", "https://analyticsapi.zoho.in"),
    "au": ("https://accounts.zoho.com.au", "https://analyticsapi.zoho.com.au"),
    "cn": ("https://accounts.zoho.com.cn", "https://analyticsapi.zoho.com.cn"),
    "jp": ("https://accounts.zoho.jp", "https://analyticsapi.zoho.jp"),
    "sa": ("https://accounts.zoho.sa", "https://analyticsapi.zoho.sa"),
    "ca": ("https://accounts.zohocloud.ca", "https://analyticsapi.zohocloud.ca"),
}

_USER_AGENT = "Analytics Python Client v" + __version__
_CHUNK = 1024 * 1024  # bytes read from disk or the network at a time
_MAX_ERROR_BODY = 1024 * 1024  # an error answer larger than this is cut
_TOKEN_MARGIN = 60.0  # seconds before expiry at which a token is renewed
_TOKEN_LIFETIME = 3600.0  # Zoho's documented access-token lifetime
_MAX_RETRY_AFTER = 120.0  # never sleep longer than this on one Retry-After
_POOL_SIZE = 10  # idle keep-alive connections kept per host
_MAX_URL = 8000  # longer raw-import DATA goes in the body instead of the URL
_SPOOL_MEMORY = 8 * 1024 * 1024  # a download for a file object kept in memory
_MAX_BACKOFF = 60.0  # the longest wait between two retries without Retry-After
_MAX_BATCHES = 100  # Zoho takes at most this many batches in one batch import
_MAX_BATCH_BYTES = 100 * 1024 * 1024  # and at most 100 MB in one batch

# Zoho error codes that the client treats specially.
_INVALID_TOKEN = 8535
_RATE_LIMITED = 6045
_UNITS_EXHAUSTED = 6043
_JOB_BUSY = frozenset((10001, 7198, 8132, 8134))

# Job codes of import and export jobs; 1001 (not started) and 1002 (running) mean
# "ask again later".
_JOB_FAILED = "1003"
_JOB_DONE = "1004"
_JOB_NOT_FOUND = "1005"

# HTTP statuses after which Zoho did not process the request: any request may be
# sent again. A gateway error (502, 504) may come after the request reached Zoho,
# so only a GET is repeated after one.
_NOT_PROCESSED = frozenset((429, 503))
_GATEWAY = frozenset((502, 504))


# Exceptions
#
#   AnalyticsError                  root of everything this module raises
#   +-- ServerException             Zoho answered with an error (alias ServerError)
#   |   +-- AuthenticationException token refused, client or refresh token invalid
#   |   +-- RateLimitException      6045 or HTTP 429: too many calls per minute
#   |   +-- UnitsExhaustedException 6043: the day's API units are used up
#   |   +-- JobBusyException        10001, 7198, 8132, 8134: a job is running already
#   |   +-- JobFailedException      an import or export job ended in error (1003/1005)
#   +-- ParseException              the answer could not be read (alias ParseError)
#   +-- JobTimeoutException         a job was not done when a wait for it ran out
#   +-- IOException (OSError)       the network failed; the cause is ``__cause__``
#       +-- TimeoutException        connect or read timeout


class AnalyticsError(Exception):
    """Root of every error raised by this module."""

    def __init__(
        self,
        message: str,
        http_status: Optional[int] = None,
        method: Optional[str] = None,
        url: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.method = method
        # The query is dropped: CONFIG can hold data that has no place in a log.
        self.url = None if url is None else _redact_url(url)

    def getErrorMessage(self) -> str:
        """Return the error message."""
        return self.message

    def getHttpStatusCode(self) -> Optional[int]:
        """Return the HTTP status of the answer, or None when there was none."""
        return self.http_status

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        fields = ", ".join(
            "%s=%r" % (name, value)
            for name, value in self._fields()
            if value is not None
        )
        return "%s(%s)" % (type(self).__name__, fields)

    def _fields(self) -> List[Tuple[str, Any]]:
        return [
            ("message", self.message),
            ("http_status", self.http_status),
            ("method", self.method),
            ("url", self.url),
        ]


class ServerException(AnalyticsError):
    """Raised when Zoho answers with an error; ``errorCode`` is Zoho's code."""

    hint = ""

    def __init__(
        self,
        message: str,
        error_code: Optional[int] = None,
        http_status: Optional[int] = None,
        method: Optional[str] = None,
        url: Optional[str] = None,
        summary: Optional[str] = None,
        response_content: Optional[str] = None,
    ) -> None:
        super().__init__(message, http_status, method, url)
        self.errorCode = error_code
        self.summary = summary
        self.response_content = response_content
        self.is_IOException = False

    def getErrorCode(self) -> Optional[int]:
        """Return Zoho's error code (e.g. 7103), or None when the answer had none."""
        return self.errorCode

    def __str__(self) -> str:
        text = self.message
        if self.errorCode is not None:
            text = "%s: %s" % (self.errorCode, text)
        elif self.http_status is not None and self.http_status >= 400:
            text = "HTTP %s: %s" % (self.http_status, text)
        if self.hint:
            text = "%s (%s)" % (text, self.hint)
        return text

    def _fields(self) -> List[Tuple[str, Any]]:
        return [("errorCode", self.errorCode)] + super()._fields()


class AuthenticationException(ServerException):
    """Raised when Zoho refuses the credentials or the access token."""

    # An API call meets 8535 only with a token renewed just before.
    hint = (
        "Zoho refused a newly issued access token too: check that "
        "accounts_server_url and analytics_server_url are in the same data centre "
        "and that the refresh token's scope covers Zoho Analytics"
    )


class RateLimitException(ServerException):
    """Raised when Zoho's per-minute API limit (6045, HTTP 429) stays exceeded."""

    hint = (
        "the per-minute limit stayed exceeded through every retry: wait a minute, "
        "then make fewer calls per minute"
    )


class UnitsExhaustedException(ServerException):
    """Raised when the organisation's daily API units are used up (6043)."""

    hint = (
        "the organisation's API units for today are used up and retrying today "
        "will not help: wait for tomorrow's units or add units to the plan"
    )


class JobBusyException(ServerException):
    """Raised when Zoho refuses work because other jobs are running."""

    hint = (
        "another import or export job is running on this view or workspace: "
        "wait for it to finish, then try again"
    )


class JobFailedException(ServerException):
    """Raised when an import or export job ends in error (1003) or is not found."""

    job_id = None  # type: Optional[str]
    details = None  # type: Optional[Dict[str, Any]]


class ParseException(AnalyticsError):
    """Raised when an answer cannot be read (not JSON, empty, wrong shape)."""

    def __init__(
        self,
        message: str,
        response_content: str = "",
        http_status: Optional[int] = None,
        method: Optional[str] = None,
        url: Optional[str] = None,
    ) -> None:
        super().__init__(message, http_status, method, url)
        self.responseContent = response_content
        self.origExcep = None  # type: Optional[BaseException]

    def getResponseMessage(self) -> str:
        """Return the raw answer that could not be parsed."""
        return self.responseContent


class JobTimeoutException(AnalyticsError):
    """Raised when a job is not done when the wait for it runs out; it goes on."""

    def __init__(
        self, message: str, job_id: str, timeout: float, details: Dict[str, Any]
    ) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.timeout = timeout
        self.details = details  # the job's last status

    def _fields(self) -> List[Tuple[str, Any]]:
        return [
            ("message", self.message),
            ("job_id", self.job_id),
            ("timeout", self.timeout),
        ]


class IOException(AnalyticsError, OSError):
    """Raised when the network fails: refused, reset, DNS, TLS, timeouts."""

    def __init__(
        self,
        message: str,
        method: Optional[str] = None,
        url: Optional[str] = None,
        sent: bool = True,
    ) -> None:
        AnalyticsError.__init__(self, message, None, method, url)
        self.sent = sent  # False when the request certainly never left
        self.transient = True  # False when sending again cannot help
        self.reason = message  # what went wrong, without method and URL

    def __str__(self) -> str:
        return self.message


class TimeoutException(IOException):
    """Raised when connecting or waiting for an answer takes longer than allowed."""


# The official Python client's names for the same classes.
ServerError = ServerException
ParseError = ParseException


def _error_class(code: Optional[int], http_status: Optional[int]) -> type:
    if code == _INVALID_TOKEN:
        return AuthenticationException
    if code == _RATE_LIMITED or http_status == 429:
        return RateLimitException
    if code == _UNITS_EXHAUSTED:
        return UnitsExhaustedException
    if code in _JOB_BUSY:
        return JobBusyException
    return ServerException


# Transports
#
# A transport sends one request and hands back a _Response whose body is read as a
# stream. urllib3 is used when importable: its PoolManager keeps connections alive
# and pools them per host. Without it, _StdlibTransport does the same with
# http.client. Transports raise only IOException; everything above them is shared.


class _Body(object):
    """A request body that can be produced again from its first byte."""

    content_type = "application/octet-stream"
    length = 0

    def chunks(self) -> Iterator[bytes]:
        raise NotImplementedError

    def payload(self) -> Union[bytes, Iterator[bytes]]:
        """What a transport sends: one bytes object when small, else a stream."""
        if self.length <= _CHUNK:
            return b"".join(self.chunks())
        return self.chunks()


class _BytesBody(_Body):
    def __init__(self, data: bytes, content_type: str) -> None:
        self.data = data
        self.length = len(data)
        self.content_type = content_type

    def chunks(self) -> Iterator[bytes]:
        yield self.data


class _Response(object):
    """An answer whose body is read in pieces; close() returns the connection.

    The pipeline reads every body before it looks at the answer: a download into
    its sink, anything else into ``body``.
    """

    status = 0

    def __init__(
        self, status: int, headers: Optional[Mapping[str, str]] = None
    ) -> None:
        self.status = status
        self.done = False  # True once read() met the end of the body
        self.body = b""
        self._headers = None  # type: Optional[Dict[str, str]]
        if headers is not None:
            self._headers = {k.lower(): v for k, v in headers.items()}

    @property
    def headers(self) -> Dict[str, str]:
        """Header names lower-cased; taken from the raw answer when first asked."""
        if self._headers is None:
            self._headers = {k.lower(): v for k, v in self._header_items()}
        return self._headers

    def _header_items(self) -> Iterable[Tuple[str, str]]:
        return ()

    def header(self, name: str) -> Optional[str]:
        """One header's value, any case of name, as ``headers`` holds it."""
        return self.headers.get(name.lower())

    def read(self, amount: int) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def read_all(self, limit: Optional[int] = None) -> bytes:
        """Read the rest of the body, at most limit bytes (transport errors pass)."""
        parts = []
        size = 0
        while limit is None or size < limit:
            piece = self.read(_CHUNK)
            if not piece:
                break
            parts.append(piece)
            size += len(piece)
        return b"".join(parts)


class _Timeouts(object):
    """Connect and read timeouts, with the option name that set the read one."""

    __slots__ = ("connect", "read", "read_name")

    def __init__(
        self, connect: float, read: float, read_name: str = "read_timeout"
    ) -> None:
        self.connect = connect
        self.read = read
        self.read_name = read_name


class _Proxy(object):
    """A forward HTTP proxy: absolute-form requests for http, CONNECT for https."""

    def __init__(
        self, host: str, port: int, user: Optional[str], password: Optional[str]
    ) -> None:
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.auth = None  # type: Optional[str]
        if user is not None:
            pair = "%s:%s" % (user, password or "")
            self.auth = "Basic " + base64.b64encode(pair.encode("utf-8")).decode()

    def netloc(self) -> str:
        host = "[%s]" % self.host if ":" in self.host else self.host
        return "%s:%d" % (host, self.port)

    def url(self) -> str:
        return "http://" + self.netloc()

    def refused(self, status: int, reason: str, method: str, url: str) -> "IOException":
        """The error for a proxy that answered ``status`` instead of passing on."""
        if status == 407:
            advice = (
                "check the proxy_user_name and proxy_password given to set_proxy"
                if self.auth
                else "pass proxy_user_name and proxy_password to set_proxy"
            )
            what = "refused the credentials" if self.auth else "wants credentials"
            message = "%s %s: the proxy %s %s (HTTP 407 %s); %s" % (
                method,
                _redact_url(url),
                self.netloc(),
                what,
                reason or "Proxy Authentication Required",
                advice,
            )
        else:
            message = (
                "%s %s: the proxy %s refused to pass the request on (HTTP %d %s)"
                % (
                    method,
                    _redact_url(url),
                    self.netloc(),
                    status,
                    reason,
                )
            )
        error = IOException(message, method, url, sent=False)
        error.http_status = status
        # Wrong credentials or a forbidden target stay so; a gateway error may pass.
        error.transient = status in (502, 503, 504)
        return error


_TUNNEL_STATUS = re.compile(r"Tunnel connection failed: (\d{3})\s*(.*)")


def _causes(err: BaseException) -> List[BaseException]:
    """The error and the errors it wraps (urllib3 nests them in several ways)."""
    found = []  # type: List[BaseException]
    todo = [err]
    while todo and len(found) < 16:
        item = todo.pop(0)
        if any(item is seen for seen in found):
            continue
        found.append(item)
        nested = [item.__cause__, getattr(item, "reason", None)]
        nested.append(getattr(item, "original_error", None))
        nested.extend(item.args)
        todo.extend(x for x in nested if isinstance(x, BaseException))
    return found


_URLLIB3_MAJOR = int(getattr(urllib3, "__version__", "0").split(".")[0])


_CONNECTION_PREFIX = re.compile(r"^<[^>]*>: Failed to establish a new connection: ")


def _is_urllib3_error(err: BaseException) -> bool:
    return urllib3 is not None and isinstance(err, urllib3.exceptions.HTTPError)


def _network_error(
    err: BaseException,
    method: str,
    url: str,
    timeouts: _Timeouts,
    sent: bool,
    proxy: Optional[_Proxy] = None,
) -> IOException:
    """Translate any transport error into IOException; the one place that does."""
    causes = _causes(err)
    if any(
        isinstance(cause, (socket.timeout, TimeoutError)) or _is_urllib3_timeout(cause)
        for cause in causes
    ):
        if sent:
            reason = "no answer within %s (%g s)" % (timeouts.read_name, timeouts.read)
        else:
            reason = "no connection within connect_timeout (%g s)" % timeouts.connect
        return _io_error(TimeoutException, reason, method, url, sent)
    for cause in causes:
        if isinstance(cause, IOException):
            # Raised by the request body itself: the file being sent changed.
            error = _io_error(IOException, cause.reason, method, url, sent)
            error.transient = cause.transient
            return error
    # The errors below urllib3's wrappers say what happened; wrappers repeat them.
    root = [cause for cause in causes if not _is_urllib3_error(cause)] or causes
    for cause in root:
        tunnel = _TUNNEL_STATUS.match(str(cause))
        if proxy is not None and tunnel:
            status, reason = int(tunnel.group(1)), tunnel.group(2).strip()
            return proxy.refused(status, reason, method, url)
    reason = str(root[-1]) or type(root[-1]).__name__
    # urllib3 1.x puts its connection object before the reason: drop it.
    reason = _CONNECTION_PREFIX.sub("", reason)
    verification = _certificate_failure(causes)
    if verification is not None:
        reason = (
            "TLS certificate verification failed (%s); if a proxy or firewall "
            "re-signs TLS, pass its CA file as ca_bundle=" % verification
        )
        error = _io_error(IOException, reason, method, url, False)
        error.transient = False  # the same certificate fails the same way again
        return error
    if proxy is not None and not sent:
        reason = "cannot connect through the proxy %s: %s" % (proxy.netloc(), reason)
    error = _io_error(IOException, reason, method, url, sent, " failed:")
    # A TLS failure other than a dropped connection fails the same way next time.
    error.transient = not any(_is_tls_failure(cause) for cause in causes)
    return error


def _io_error(
    cls: Callable[..., IOException],
    reason: str,
    method: str,
    url: str,
    sent: bool,
    joint: str = ":",
) -> IOException:
    """An IOException whose message names the request: 'GET https://h/p: reason'."""
    # The reason may quote the server's bytes: keep the message on one clean line.
    reason = _CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()), reason)
    where = "%s %s%s" % (method, _redact_url(url), joint)
    error = cls("%s %s" % (where, reason), method, url, sent)
    error.reason = reason
    return error


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _send_stalled(err: BaseException) -> bool:
    """Tell a urllib3 timeout while sending from one while waiting for the answer."""
    if isinstance(err, urllib3.exceptions.ReadTimeoutError):
        return False
    return any(isinstance(c, (socket.timeout, TimeoutError)) for c in _causes(err))


def _is_urllib3_timeout(err: BaseException) -> bool:
    if urllib3 is None:
        return False
    errors = urllib3.exceptions
    # NewConnectionError (refused, DNS) derives from ConnectTimeoutError.
    return isinstance(err, errors.TimeoutError) and not isinstance(
        err, errors.NewConnectionError
    )


def _is_tls_failure(err: BaseException) -> bool:
    """A TLS error that is not merely a dropped connection (those may pass)."""
    dropped = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError)
    return isinstance(err, ssl.SSLError) and not isinstance(err, dropped)


def _certificate_failure(causes: Sequence[BaseException]) -> Optional[str]:
    """What certificate verification said, when it is what failed."""
    for cause in causes:
        # urllib3 1.x checks host names itself and has its own CertificateError.
        if isinstance(cause, ssl.CertificateError) or (
            type(cause).__name__ == "CertificateError"
        ):
            text = getattr(cause, "verify_message", None) or str(cause)
            return str(text)
        if isinstance(cause, ssl.SSLError) and "CERTIFICATE_VERIFY_FAILED" in str(
            cause
        ):
            return "certificate verify failed"
    return None


# What reading an answer's body may raise, on either transport.
_READ_ERRORS = (OSError, http.client.HTTPException) + (
    (urllib3.exceptions.HTTPError,) if urllib3 is not None else ()
)  # type: Tuple[Type[BaseException], ...]


class _Transport(object):
    """Sends one request; raises only IOException."""

    name = ""

    def send(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[_Body],
        timeouts: _Timeouts,
    ) -> _Response:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _Urllib3Response(_Response):
    def __init__(self, raw: Any) -> None:
        super().__init__(raw.status)
        self._raw = raw
        # Unless the answer is content-encoded, read() hands back what it got
        # from the socket, without urllib3's decoding buffer and its copies.
        self._decode = bool(raw.headers.get("content-encoding"))
        # Test tools may hand back a stand-in with http.client's read() instead.
        self._urllib3 = isinstance(raw, urllib3.HTTPResponse)

    def _header_items(self) -> Iterable[Tuple[str, str]]:
        return cast(Iterable[Tuple[str, str]], self._raw.headers.items())

    def header(self, name: str) -> Optional[str]:
        if self._headers is not None or not self._urllib3:
            return super().header(name)
        # The last value, as in the dictionary built from all of them, without
        # building it: the pipeline asks for two headers of every answer.
        values = self._raw.headers.getlist(name)
        return cast(str, values[-1]) if values else None

    def read(self, amount: int) -> bytes:
        if self.done:
            return b""
        if self._urllib3:
            data = cast(bytes, self._raw.read(amount, decode_content=self._decode))
            # Once Content-Length bytes are in, http.client has closed the body
            # and urllib3's next read would only say so: the end is met here.
            if data and not self._decode and self._raw.length_remaining == 0:
                self.done = True
                return data
        else:
            data = cast(bytes, self._raw.read(amount))
        if not data:
            self.done = True
        return data

    def close(self) -> None:
        if not self.done:
            self._raw.close()  # drop a half-read connection rather than reuse it
        if self._urllib3:
            self._raw.release_conn()


class _Urllib3Transport(_Transport):
    """Sends requests through one urllib3 PoolManager (or ProxyManager)."""

    name = "urllib3"

    def __init__(self, ssl_context: ssl.SSLContext, proxy: Optional[_Proxy]) -> None:
        self._proxy = proxy
        if _URLLIB3_MAJOR < 2:
            # urllib3 1.x sends no server name for an IP address, which a context
            # that checks host names refuses; it then checks the name itself.
            ssl_context.check_hostname = False
        options = dict(
            num_pools=_POOL_SIZE,
            maxsize=_POOL_SIZE,
            block=False,
            retries=False,
            ssl_context=ssl_context,
        )  # type: Dict[str, Any]
        self._direct = proxy is None
        if proxy is None:
            self._pool = urllib3.PoolManager(**options)  # type: Any
        else:
            headers = {"Proxy-Authorization": proxy.auth} if proxy.auth else None
            self._pool = urllib3.ProxyManager(
                proxy.url(), proxy_headers=headers, **options
            )
        # Built once: urllib3 would build them again for every request.
        self._retries = urllib3.Retry(False, redirect=False)
        self._timeouts = {}  # type: Dict[Tuple[float, float], Any]
        self._hosts = {}  # type: Dict[str, Any]

    def _timeout(self, timeouts: _Timeouts) -> Any:
        key = (timeouts.connect, timeouts.read)
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = urllib3.Timeout(connect=timeouts.connect, read=timeouts.read)
            self._timeouts[key] = timeout
        return timeout

    def _host_pool(self, url: str) -> Tuple[Any, str]:
        """The pool to send url through, and the request target to send.

        Without a proxy, a URL that urllib3 would send unchanged goes straight
        to its host's pool, sparing the manager's URL parsing and pool lookup
        on every request. Any other URL goes through the manager as it is. A
        pool that was closed (urllib3 1.x closes the pools its manager drops)
        is replaced.
        """
        match = _PLAIN_URL.match(url) if self._direct else None
        if match is None or "/." in match.group(2):
            return self._pool, url
        origin, target = match.groups()
        pool = self._hosts.get(origin)
        if pool is None or pool.pool is None:
            pool = self._pool.connection_from_url(origin)
            if len(self._hosts) >= _POOL_SIZE:
                self._hosts.clear()
            self._hosts[origin] = pool
        return pool, target

    def send(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[_Body],
        timeouts: _Timeouts,
    ) -> _Response:
        errors = urllib3.exceptions
        try:
            pool, target = self._host_pool(url)
            raw = pool.urlopen(
                method,
                target,
                body=None if body is None else body.payload(),
                headers=headers,
                retries=self._retries,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
                timeout=self._timeout(timeouts),
            )
        except (errors.ConnectTimeoutError, errors.ProxyError) as err:
            # Refused, DNS and proxy failures: the request never left.
            error = _network_error(err, method, url, timeouts, False, self._proxy)
            raise error from err
        except _TRANSPORT_ERRORS + (errors.HTTPError,) as err:
            if _send_stalled(err):
                # urllib3 sends a request under the connect timeout, not the read one.
                reason = (
                    "sending the request stalled: no progress within connect_timeout "
                    "(%g s), which urllib3 applies while sending" % timeouts.connect
                )
                error = _io_error(TimeoutException, reason, method, url, True)
            else:
                error = _network_error(err, method, url, timeouts, True, self._proxy)
            raise error from err
        return _proxy_checked(_Urllib3Response(raw), self._proxy, method, url)

    def close(self) -> None:
        hosts, self._hosts = self._hosts, {}
        self._pool.clear()
        for pool in hosts.values():
            pool.close()


# A URL that urllib3's parse_url() leaves as it is: lower-case http(s) scheme and
# host, optional port, then only characters a path or query may hold unencoded and
# upper-case percent escapes (dot segments are ruled out by _host_pool).
_PLAIN_URL = re.compile(
    r"(https?://[a-z0-9.\-]+(?::[0-9]{1,5})?)"
    r"(/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*)\Z"
)


# What sending can raise besides IOException: socket and TLS errors (a hostname
# mismatch is a ValueError before Python 3.7) and http.client's protocol errors.
_TRANSPORT_ERRORS = (OSError, http.client.HTTPException, ssl.CertificateError)

# How a keep-alive connection that the server closed shows when it is used.
_DROPPED = (
    BrokenPipeError,
    ConnectionResetError,
    ConnectionAbortedError,
    ssl.SSLEOFError,
    ssl.SSLZeroReturnError,
)


def _proxy_checked(
    response: _Response, proxy: Optional[_Proxy], method: str, url: str
) -> _Response:
    """Turn a proxy's 407 to a plain-http request into the error it stands for."""
    if proxy is not None and response.status == 407:
        response.close()
        raise proxy.refused(407, "", method, url)
    return response


class _StdlibResponse(_Response):
    def __init__(
        self,
        raw: http.client.HTTPResponse,
        transport: "_StdlibTransport",
        key: Tuple[str, str, int],
        conn: Any,
    ) -> None:
        super().__init__(raw.status)
        self._raw = raw
        self._transport = transport  # type: Optional[_StdlibTransport]
        self._key = key
        self._conn = conn

    def _header_items(self) -> Iterable[Tuple[str, str]]:
        return dict(self._raw.getheaders()).items()

    def read(self, amount: int) -> bytes:
        # Before 3.10 http.client allocates and zeroes the whole amount first:
        # never ask for more than the answer has left.
        left = self._raw.length
        if left is not None and left < amount:
            amount = left
        data = self._raw.read(amount)
        if not data:
            self.done = True
        return data

    def close(self) -> None:
        transport, self._transport = self._transport, None
        if transport is not None:
            # Only a connection whose answer was read to its end can carry another.
            reusable = self.done and not getattr(self._raw, "will_close", True)
            transport._release(self._key, self._conn, reusable)


class _StdlibTransport(_Transport):
    """Sends requests with http.client, keeping idle connections per host.

    At most _POOL_SIZE idle connections are kept per host; a connection goes back
    to the pool only after its answer was read to the end. An idle connection
    that the server closed is noticed before use and replaced. Should the server
    close one just as a request goes out, the request is sent again on a new
    connection when that cannot duplicate it: a GET, or a request whose sending
    failed (the server cannot have acted on what it did not receive).
    """

    name = "stdlib"

    def __init__(self, ssl_context: ssl.SSLContext, proxy: Optional[_Proxy]) -> None:
        self._ssl_context = ssl_context
        self._proxy = proxy
        self._idle = {}  # type: Dict[Tuple[str, str, int], List[Any]]
        self._lock = threading.Lock()
        self._closed = False

    def send(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[_Body],
        timeouts: _Timeouts,
    ) -> _Response:
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme
        host = parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
        key = (scheme, host, port)
        target = parts.path + ("?" + parts.query if parts.query else "")
        if self._proxy is not None and scheme == "http":
            target = url  # a forward proxy takes the absolute form
            if self._proxy.auth:
                headers = dict(headers)
                headers["Proxy-Authorization"] = self._proxy.auth

        fresh = False
        while True:
            conn = None if fresh else self._checkout(key)
            reused = conn is not None
            sent = writing = False
            try:
                if conn is None:
                    conn = self._connect(scheme, host, port, timeouts)
                sock = conn.sock
                if sock is not None and sock.gettimeout() != timeouts.read:
                    sock.settimeout(timeouts.read)
                sent = writing = True
                conn.request(
                    method,
                    target,
                    body=None if body is None else body.payload(),
                    headers=headers,
                )
                writing = False
                raw = conn.getresponse()
            except _TRANSPORT_ERRORS as err:
                if conn is not None:
                    conn.close()
                if reused and _resendable(err, method, writing):
                    logger.debug(
                        "%s %s: the server had closed the pooled connection; "
                        "sending on a new one",
                        method,
                        parts.path,
                    )
                    self._discard(key)
                    fresh = True
                    continue
                error = _network_error(err, method, url, timeouts, sent, self._proxy)
                raise error from err
            break

        response = _StdlibResponse(raw, self, key, conn)
        return _proxy_checked(response, self._proxy, method, url)

    def _connect(self, scheme: str, host: str, port: int, timeouts: _Timeouts) -> Any:
        # The class is looked up on every connection so that test tools which
        # replace http.client's connection classes see our requests.
        proxy = self._proxy
        if scheme == "https":
            if proxy is None:
                conn = http.client.HTTPSConnection(
                    host, port, timeout=timeouts.connect, context=self._ssl_context
                )  # type: Any
            else:
                conn = http.client.HTTPSConnection(
                    proxy.host,
                    proxy.port,
                    timeout=timeouts.connect,
                    context=self._ssl_context,
                )
                tunnel_headers = (
                    {"Proxy-Authorization": proxy.auth} if proxy.auth else None
                )
                conn.set_tunnel(host, port, headers=tunnel_headers)
        elif scheme == "http":
            if proxy is None:
                conn = http.client.HTTPConnection(host, port, timeout=timeouts.connect)
            else:
                conn = http.client.HTTPConnection(
                    proxy.host, proxy.port, timeout=timeouts.connect
                )
        else:
            raise ValueError("unsupported URL scheme %r" % scheme)
        conn.connect()
        return conn

    def _checkout(self, key: Tuple[str, str, int]) -> Any:
        # The lock guards the idle lists only: no system call is made under it.
        while True:
            with self._lock:
                idle = self._idle.get(key)
                if not idle:
                    return None
                conn = idle.pop()
            if not _connection_dropped(conn):
                return conn
            conn.close()

    def _release(self, key: Tuple[str, str, int], conn: Any, reusable: bool) -> None:
        if reusable:
            with self._lock:
                idle = self._idle.setdefault(key, []) if not self._closed else None
                if idle is not None and len(idle) < _POOL_SIZE:
                    idle.append(conn)
                    return
        conn.close()

    def _discard(self, key: Tuple[str, str, int]) -> None:
        """Close the idle connections to a host whose server dropped one of them."""
        with self._lock:
            idle = self._idle.pop(key, [])
        for conn in idle:
            conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, {}
            self._closed = True  # connections handed out now close when released
        for conns in idle.values():
            for conn in conns:
                conn.close()


def _resendable(err: BaseException, method: str, writing: bool) -> bool:
    """Tell whether a reused connection failed in a way that sending again is safe."""
    if isinstance(err, IOException) or not isinstance(err, _DROPPED):
        return False
    return writing or method in ("GET", "HEAD")


def _connection_dropped(conn: Any) -> bool:
    """Tell whether an idle keep-alive connection was closed by the server."""
    sock = getattr(conn, "sock", None)
    if not isinstance(sock, socket.socket):
        return sock is None
    # An idle connection has nothing to read; readable means EOF or junk.
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


def _check_transport(name: str) -> None:
    if name not in ("auto", "urllib3", "stdlib"):
        raise ValueError(
            "transport must be 'auto', 'urllib3' or 'stdlib', not %r" % (name,)
        )
    if name == "urllib3" and urllib3 is None:
        raise ValueError(
            "transport='urllib3' was asked for, but urllib3 is not installed"
        )


def _make_transport(
    name: str, ssl_context: ssl.SSLContext, proxy: Optional[_Proxy]
) -> _Transport:
    """Choose the transport: urllib3 when importable, unless told otherwise."""
    _check_transport(name)
    if name == "urllib3" or (name == "auto" and urllib3 is not None):
        return _Urllib3Transport(ssl_context, proxy)
    return _StdlibTransport(ssl_context, proxy)


def _ssl_context(ca_bundle: Any) -> Tuple[Optional[ssl.SSLContext], Optional[str]]:
    """Load ca_bundle now, so that a wrong path fails where it is given.

    Returns the context (None: the system store, loaded when first needed) and the
    path as text. A folder is taken as OpenSSL's hashed certificate directory.
    """
    if ca_bundle is None:
        return None, None
    try:
        path = os.fsdecode(os.fspath(ca_bundle))
    except TypeError:
        raise ValueError(
            "ca_bundle must be the path of a CA file, not %s" % type(ca_bundle).__name__
        ) from None
    if os.path.isdir(path):
        return ssl.create_default_context(capath=path), path
    if not os.path.isfile(path):
        raise ValueError("ca_bundle %s: no such file" % path)
    try:
        return ssl.create_default_context(cafile=path), path
    except (OSError, ValueError) as err:
        raise ValueError(
            "ca_bundle %s holds no usable CA certificate: %s" % (path, err)
        ) from err


def _proxy_settings(host: Any, port: Any, user: Any, password: Any) -> _Proxy:
    """Check set_proxy's arguments; raise ValueError naming the wrong one."""
    text = "" if isinstance(port, bool) else str(port).strip()
    if not isinstance(port, (numbers.Integral, str)) or not re.match(
        r"^[0-9]{1,5}$", text
    ):
        raise ValueError("proxy_port must be a port number, not %r" % (port,))
    if not 0 < int(text) < 65536:
        raise ValueError("proxy_port must be between 1 and 65535, not %s" % text)
    if not isinstance(host, str):
        raise ValueError(
            "proxy_host must be a host name or IP address, not %s" % type(host).__name__
        )
    name = host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]  # an IPv6 address in URL brackets
    if (
        not name
        or name.count(":") == 1
        or any(
            ch in "/@?#[]" or ch.isspace() or ord(ch) < 32 or ord(ch) == 127
            for ch in name
        )
    ):
        raise ValueError(
            "proxy_host must be a host name or IP address, without scheme, port "
            "or path, not %r" % (host,)
        )
    for param, value in (("proxy_user_name", user), ("proxy_password", password)):
        if value is not None and not isinstance(value, str):
            raise ValueError(
                "%s must be a string or None, not %s" % (param, type(value).__name__)
            )
    if password and not user:
        raise ValueError("proxy_password was given without proxy_user_name")
    return _Proxy(name, int(text), user or None, password)


def _proxy_setting(client: "AnalyticsClient", name: str) -> Any:
    return getattr(client._proxy, name, None)


# Authentication
#
# Zoho access tokens live an hour. The client fetches one lazily, renews it a minute
# before it runs out, and after an 8535 answer renews it only if no other thread has
# done so already: one refresh at a time per client. A token cache lets many short
# processes share one token instead of each spending a refresh (Zoho blocks a refresh
# token after about ten refreshes in ten minutes).


class FileTokenCache(object):
    """Keeps access tokens in a JSON file readable by its owner only (mode 0600).

    Pass ``token_cache=FileTokenCache("~/.cache/zoho-analytics-token.json")`` to
    AnalyticsClient so that short-lived processes reuse one access token instead
    of each asking for a new one. The file holds access tokens only, keyed by a
    hash of the accounts server, client id and refresh token; it is replaced
    atomically on every write.

    Any other store works the same way: an object with ``get(key)`` returning
    the entry or None and ``put(key, entry)``, or simply a pair of functions
    ``(get, put)`` with those signatures. An entry is a dict
    ``{"access_token": str, "expires_at": seconds since the epoch}``. A token
    that Zoho refused (8535) is never taken from the cache again, and a cache
    that fails to store costs a WARNING, never the call.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.expanduser(os.fspath(path))
        self._lock = threading.Lock()

    def get(self, key: str) -> Optional[Dict[str, Any]]:
        """Return the entry stored under key, or None."""
        with self._lock:
            entry = self._load().get(key)
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, entry: Dict[str, Any]) -> None:
        """Store entry under key, replacing the file atomically."""
        with self._lock:
            entries = self._load()
            entries[key] = entry
            folder = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(folder, mode=0o700, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".token-", suffix=".tmp")
            try:
                os.fchmod(fd, 0o600)
                with os.fdopen(fd, "w") as handle:
                    json.dump(entries, handle)
                os.replace(temp, self.path)
            except BaseException:
                _remove_quietly(temp)
                raise

    def _load(self) -> Dict[str, Any]:
        try:
            with open(self.path) as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


_CacheGet = Callable[[str], Optional[Dict[str, Any]]]
_CachePut = Callable[[str, Dict[str, Any]], None]


def _cache_functions(cache: Any) -> Tuple[_CacheGet, _CachePut]:
    """The get and put functions of a token cache: an object, or a (get, put) pair."""
    if isinstance(cache, (tuple, list)):
        if len(cache) == 2 and all(callable(function) for function in cache):
            return cache[0], cache[1]
    elif callable(getattr(cache, "get", None)) and callable(
        getattr(cache, "put", None)
    ):
        return cache.get, cache.put
    raise ValueError(
        "token_cache must have get(key) and put(key, entry) methods, or be a pair "
        "of functions (get, put); not %s" % type(cache).__name__
    )


# What an access token may hold: it travels in the Authorization header.
_TOKEN_TEXT = re.compile(r"[\x21-\x7e]+\Z")


def _token_lifetime(expires_in: Any) -> float:
    """Seconds a new token lives: Zoho's expires_in, or an hour if it makes no sense."""
    try:
        lifetime = float(expires_in)
    except (TypeError, ValueError):
        return _TOKEN_LIFETIME
    if not 0 < lifetime < 10 * _TOKEN_LIFETIME:
        return _TOKEN_LIFETIME
    # Renewal starts _TOKEN_MARGIN early; a shorter lifetime is renewed on 8535.
    return max(lifetime, 2 * _TOKEN_MARGIN)


def _cached_token(entry: Any, stale: Optional[str]) -> Optional[Tuple[str, float]]:
    """The token and expiry time of a cache entry worth using, else None."""
    if not isinstance(entry, dict):
        return None
    token = entry.get("access_token")
    try:
        expires_at = float(entry.get("expires_at", 0))
    except (TypeError, ValueError):
        return None
    if not isinstance(token, str) or not _TOKEN_TEXT.match(token) or token == stale:
        return None
    if time.time() >= expires_at - _TOKEN_MARGIN:
        return None
    return token, expires_at


class _Tokens(object):
    """The client's access token: fetched lazily, renewed once at a time.

    A token is renewed _TOKEN_MARGIN seconds before its ``expires_in`` runs out,
    counted from when it was asked for. Threads that wait while another renews
    take its token; if that renewal fails they raise its error rather than ask
    again, so a burst of calls costs the accounts server one request.
    """

    def __init__(self, client: "AnalyticsClient") -> None:
        self._client = client
        self._lock = threading.Lock()
        self.token = None  # type: Optional[str]
        self.expires_at = 0.0
        self._failures = 0  # renewals that failed so far
        self._failure = None  # type: Optional[AnalyticsError]

    def current(self) -> str:
        """Return a token that is valid for at least another _TOKEN_MARGIN seconds."""
        token, failures = self.token, self._failures
        if token is not None and self._fresh():
            return token
        with self._lock:
            self._raise_failure_since(failures)
            if self.token is None or not self._fresh():
                self._renew(stale=self.token)
            return cast(str, self.token)

    def renew_after_rejection(self, rejected: str) -> str:
        """Renew after Zoho refused ``rejected``, unless another thread did."""
        failures = self._failures
        with self._lock:
            self._raise_failure_since(failures)
            if self.token == rejected:
                self._renew(stale=rejected)
            return cast(str, self.token)

    def set(self, token: Optional[str], lifetime: float = _TOKEN_LIFETIME) -> None:
        with self._lock:
            self.token = token
            self.expires_at = time.time() + lifetime if token else 0.0

    def _fresh(self) -> bool:
        return time.time() < self.expires_at - _TOKEN_MARGIN

    def _raise_failure_since(self, failures: int) -> None:
        """Raise (a copy of) the error of a renewal that failed while this waited."""
        failure = self._failure
        if self._failures != failures and failure is not None:
            raise copy.copy(failure) from failure.__cause__

    def _renew(self, stale: Optional[str]) -> None:
        """Take a fresher token from the cache, or fetch one (lock held)."""
        client = self._client
        cache = client.token_cache
        key = client._cache_key()
        if cache is not None:
            try:
                entry = _cache_functions(cache)[0](key)
            except Exception as err:  # any cache failure costs a token, not the call
                logger.warning("could not read the token cache: %s", err)
                entry = None
            cached = _cached_token(entry, stale)
            if cached is not None:
                self.token, self.expires_at = cached
                return

        started = time.time()
        try:
            token, lifetime = client._fetch_token()
        except AnalyticsError as err:
            self._failures += 1
            self._failure = err
            raise
        self.token, self.expires_at = token, started + lifetime
        if cache is not None:
            entry = {"access_token": token, "expires_at": self.expires_at}
            try:
                _cache_functions(cache)[1](key, entry)
            except Exception as err:  # the token is good; only sharing it failed
                logger.warning("could not store the access token in the cache: %s", err)


# Request pipeline helpers: ids, config, bodies, downloads


def _segment(name: str, value: Any) -> str:
    """Check an id and percent-encode it as exactly one path segment."""
    return urllib.parse.quote(_id_text(name, value), safe="")


def _id_text(name: str, value: Any) -> str:
    """Return an id as text, or raise ValueError naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, str)):
        raise ValueError(
            "%s must be an id (int or str), not %s" % (name, type(value).__name__)
        )
    if isinstance(value, numbers.Integral):
        number = int(value)
        if not 0 <= number <= _MAX_ID:
            raise ValueError("%s is not an id: out of range" % name)
        return str(number)
    if len(value) > _MAX_ID_LENGTH:
        raise ValueError("%s is not an id: %d characters long" % (name, len(value)))
    if not value or value in (".", "..") or value[0] == "-" or _NOT_IN_ID.search(value):
        raise ValueError("%s is not an id: %r" % (name, value))
    return value


# Zoho's ids are Java longs written in printable ASCII: no space, control or
# non-ASCII character can be part of one (nor travel in a header).
_MAX_ID = 2**63 - 1
_MAX_ID_LENGTH = 64
_NOT_IN_ID = re.compile(r"[^\x21-\x7e]")


def _is_number(value: Any) -> bool:
    """A finite real number (not a bool, NaN or infinity)."""
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _raw_data(data: Any) -> Any:
    """Check a raw import's data: any JSON value (rows, or CSV text), not None."""
    if data is None:
        raise ValueError("data must be the rows to import (JSON or CSV text), not None")
    return data


def _path(template: str, ids: Mapping[str, Any]) -> str:
    """Fill a path template such as '/views/{view_id}' with quoted ids."""
    return template.format(**{name: _segment(name, ids[name]) for name in ids})


def _merged(config: Optional[Config], **keys: Any) -> Dict[str, Any]:
    """Return a new dict: a copy of config with keys set; config is left as it is."""
    if config is None:
        merged = {}  # type: Dict[str, Any]
    elif isinstance(config, Mapping):
        merged = dict(config)
    else:
        raise ValueError("config must be a dict, not %s" % type(config).__name__)
    merged.update(keys)
    return merged


def _json_param(name: str, value: Any) -> str:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError) as err:
        raise ValueError("%s cannot be sent as JSON: %s" % (name, err)) from err
    return name + "=" + urllib.parse.quote_plus(text)


def _redact_url(url: str) -> str:
    """Drop the query (CONFIG can hold data) from a URL shown in messages."""
    return url.split("?", 1)[0]


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


class _FileSlice(object):
    """Bytes [start, end) of a file on disk, read afresh for every attempt."""

    def __init__(self, path: str, start: int = 0, end: Optional[int] = None) -> None:
        if not isinstance(path, (str, bytes)) and not hasattr(path, "__fspath__"):
            raise ValueError("file_path must be a path, not %s" % type(path).__name__)
        self.path = os.fsdecode(os.fspath(path))
        info = os.stat(self.path)  # a missing file fails here, before any request
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("%s is not a regular file" % self.path)
        self.start = start
        self.end = info.st_size if end is None else end
        if not 0 <= self.start <= self.end <= info.st_size:
            raise ValueError(
                "%s has %d bytes, so bytes %d to %d cannot be sent; did it change?"
                % (self.path, info.st_size, self.start, self.end)
            )
        self.length = self.end - self.start

    def chunks(self) -> Iterator[bytes]:
        remaining = self.length
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            while remaining > 0:
                data = handle.read(min(_CHUNK, remaining))
                if not data:
                    error = IOException(
                        "%s shrank while it was being sent (it had %d bytes when "
                        "the upload began); the upload was broken off, so nothing "
                        "of it was imported" % (self.path, self.length)
                    )
                    error.transient = False
                    raise error
                remaining -= len(data)
                yield data


class _Multipart(_Body):
    """A multipart/form-data body streamed from bytes and files.

    Each part is (name, filename or None, content); content is bytes, a _FileSlice,
    or a list of them sent one after the other.
    """

    def __init__(self, parts: Sequence[Tuple[str, Optional[str], Any]]) -> None:
        boundary = uuid.uuid4().hex
        self.content_type = "multipart/form-data; boundary=" + boundary
        self._pieces = []  # type: List[Any]
        for name, filename, content in parts:
            disposition = 'form-data; name="%s"' % _quote_header_param(name)
            if filename is not None:
                disposition += '; filename="%s"' % _quote_header_param(filename)
            head = "--%s\r\nContent-Disposition: %s\r\n" % (boundary, disposition)
            if filename is not None:
                head += "Content-Type: application/octet-stream\r\n"
            self._pieces.append((head + "\r\n").encode("utf-8"))
            self._pieces.extend(content if isinstance(content, list) else [content])
            self._pieces.append(b"\r\n")
        self._pieces.append(("--%s--\r\n" % boundary).encode("ascii"))
        self.length = sum(
            len(piece) if isinstance(piece, bytes) else piece.length
            for piece in self._pieces
        )

    def chunks(self) -> Iterator[bytes]:
        for piece in self._pieces:
            if isinstance(piece, bytes):
                yield piece
            else:
                for data in piece.chunks():
                    yield data


def _quote_header_param(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace('"', "%22")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
    )


def _file_upload(file_path: str) -> _Multipart:
    """Body of a file import: the file in the multipart part named FILE."""
    content = _FileSlice(file_path)
    return _Multipart([("FILE", os.path.basename(content.path), content)])


def _batch_upload(
    file_path: str, header: Tuple[int, int], records: Tuple[int, int]
) -> _Multipart:
    """Body of one batch: the header record, then a range of records, as part FILE."""
    pieces = [_FileSlice(file_path, *header), _FileSlice(file_path, *records)]
    return _Multipart([("FILE", os.path.basename(pieces[0].path), pieces)])


def _csv_quote(config: Config) -> bytes:
    """The quote character a CSV import's CONFIG declares (quoted 0: none, 1: ')."""
    return {"0": b"", "1": b"'"}.get(str(config.get("quoted", 2)), b'"')


def _csv_delimiter(config: Config) -> bytes:
    """The field delimiter a CSV import's CONFIG declares (0 , 1 tab 2 ; 3 space)."""
    return {"1": b"\t", "2": b";", "3": b" "}.get(str(config.get("delimiter", 0)), b",")


def _csv_records(
    handle: IO[bytes], quote: bytes, delimiter: bytes = b","
) -> Iterator[Tuple[int, bool]]:
    """Yield (end, blank) for every record of a CSV stream, reading it in chunks.

    ``end`` is the offset just after the record's line break (LF, CRLF or CR);
    ``blank`` tells an empty line. A quote at the start of a field opens a quoted
    field, in which line breaks belong to the field (a doubled quote closes and
    reopens it); a quote anywhere else is a plain character, as in Python's csv
    module. Raises ValueError when a quoted field is never closed.
    """
    special = re.compile(b"[\r\n" + re.escape(quote) + b"]" if quote else b"[\r\n]")
    offset = start = opened = 0  # chunk offset, record start, last opening quote
    quoted = cr = False  # inside quotes; the last chunk ended in a CR
    blank = True  # the record has nothing but its line break so far
    closed = -1  # offset just after the last closing quote
    last = b""  # the last byte of the previous chunk
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            break
        pos, size = 0, len(chunk)
        if cr:  # a CR ended the last chunk: the record ends after it (and an LF)
            pos = 1 if chunk[:1] == b"\n" else 0
            start, cr = offset + pos, False
            yield start, blank
            blank = True
        while pos < size:
            if quoted:
                found = chunk.find(quote, pos)
                if found < 0:
                    break
                quoted, pos = False, found + 1
                closed = offset + pos
                continue
            match = special.search(chunk, pos)
            at = size if match is None else match.start()
            blank = blank and at == pos
            if at == size:
                break
            char = chunk[at : at + 1]
            pos = at + 1
            if char == quote:
                before = chunk[at - 1 : at] if at else last
                if offset + at in (start, closed) or before == delimiter:
                    quoted, opened = True, offset + at
                blank = False
            elif char == b"\r" and pos == size:
                cr = True
            else:
                if char == b"\r" and chunk[pos : pos + 1] == b"\n":
                    pos += 1
                start = offset + pos
                yield start, blank
                blank = True
        offset += size
        last = chunk[-1:]
    if quoted:
        raise ValueError(
            "the quoted field that opens at byte %d is never closed; if quotes are "
            "plain characters in this file, pass config {'quoted': 0}" % opened
        )
    if cr or start < offset:
        yield offset, blank


def _csv_batches(
    file_path: str,
    batch_size: int,
    quote: bytes = b'"',
    delimiter: bytes = b",",
    max_batches: int = _MAX_BATCHES,
    max_bytes: int = _MAX_BATCH_BYTES,
) -> Tuple[Tuple[int, int], List[Tuple[int, int]]]:
    """Split a CSV file into batches of batch_size records, by byte offsets.

    Returns the header's range (from byte 0: a byte-order mark and blank lines
    before the header belong to it) and each batch's range of records. The ranges
    cover the file exactly; blank lines stay where they are but count as no
    record. Raises ValueError, before anything is sent, for a bad batch_size, an
    empty or header-only file, more than max_batches batches, or a batch (header
    included) larger than max_bytes.
    """
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, numbers.Integral)
        or batch_size < 1
    ):
        raise ValueError(
            "batch_size must be a positive number of records, not %r" % (batch_size,)
        )
    header = None  # type: Optional[Tuple[int, int]]
    batches = []  # type: List[Tuple[int, int]]
    first = last = records = 0  # this batch's start, last line's end, records so far
    with open(file_path, "rb") as handle:
        for end, blank in _csv_records(handle, quote, delimiter):
            if header is None:
                if not blank:
                    header = (0, end)
                    first = end
            elif not blank:
                if records and records % batch_size == 0:
                    batches.append((first, last))
                    first = last
                records += 1
            last = end
    if header is None:
        raise ValueError("%s is empty: there is nothing to import" % file_path)
    if not records:
        raise ValueError("%s holds a header but no records to import" % file_path)
    batches.append((first, last))
    if len(batches) > max_batches:
        raise ValueError(
            "%s holds %d records: batches of %d make %d batches, more than the %d "
            "Zoho takes; use batch_size=%d or more"
            % (
                file_path,
                records,
                batch_size,
                len(batches),
                max_batches,
                -(-records // max_batches),
            )
        )
    head = header[1] - header[0]
    for number, (start, end) in enumerate(batches, 1):
        if head + end - start > max_bytes:
            fits = batch_size * max(0, max_bytes - head) // (end - start)
            raise ValueError(
                "batch %d of %s would be %d bytes, more than the %d Zoho takes; %s"
                % (
                    number,
                    file_path,
                    head + end - start,
                    max_bytes,
                    (
                        "use batch_size=%d or less" % fits
                        if fits
                        else "one record is too large to import in batches"
                    ),
                )
            )
    return header, batches


class _Sink(object):
    """Where a download goes: begin() starts (or starts over), commit() keeps it.

    ``progress``, when set, is called with the bytes received so far and the
    announced total (None when the answer gave no length) after every piece.
    """

    progress = None  # type: Optional[Callable[[int, Optional[int]], None]]

    def begin(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


class _MemorySink(_Sink):
    """Collects an answer's body in memory."""

    def __init__(self) -> None:
        self._parts = []  # type: List[bytes]

    def begin(self) -> None:
        self._parts = []

    def write(self, data: bytes) -> None:
        self._parts.append(data)

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        self._parts = []

    def value(self) -> bytes:
        return b"".join(self._parts)


class _AtomicFile(_Sink):
    """Writes beside the target and renames over it only when all bytes arrived.

    The target keeps its old content until then, and the renamed file gets the
    old file's mode (or a new file's mode under the umask). A link is followed,
    so the file it points to is the one replaced.
    """

    def __init__(
        self, path: str, progress: Optional[Callable[[int, Optional[int]], None]] = None
    ) -> None:
        self.path = os.path.realpath(os.fspath(path))
        self.progress = progress
        folder = os.path.dirname(self.path)
        if not os.path.isdir(folder):
            raise ValueError(
                "cannot write %s: folder %s does not exist" % (path, folder)
            )
        if os.path.isdir(self.path):
            raise ValueError("cannot write %s: it is a folder" % path)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ValueError(
                "cannot write %s: folder %s is not writable" % (path, folder)
            )
        if os.path.exists(self.path) and not os.access(self.path, os.W_OK):
            raise ValueError("cannot write %s: the file is read-only" % path)
        self._handle = None  # type: Optional[IO[bytes]]
        self._temp = None  # type: Optional[str]

    def begin(self) -> None:
        self.abort()
        folder, name = os.path.split(self.path)
        fd, self._temp = tempfile.mkstemp(
            dir=folder, prefix="." + name + ".", suffix=".part"
        )
        self._handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        cast(IO[bytes], self._handle).write(data)

    def commit(self) -> None:
        handle, temp = cast(IO[bytes], self._handle), cast(str, self._temp)
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.chmod(temp, _new_file_mode(self.path))
        os.replace(temp, self.path)
        self._handle = self._temp = None

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
        if self._temp is not None:
            _remove_quietly(self._temp)
        self._handle = self._temp = None


class _StreamSink(_Sink):
    """Writes into a binary file object the caller opened; on failure leaves it be.

    A seekable stream with nothing after its position is written directly and
    cut back to that position if the download fails. Any other stream receives
    the download only once it is complete, from a spooled temporary copy (kept in
    memory up to _SPOOL_MEMORY bytes, then on disk); a seekable one is then cut
    after the new data.
    """

    truncate = True  # cut a seekable stream after the new data

    def __init__(self, stream: IO[bytes]) -> None:
        if isinstance(stream, io.TextIOBase):
            raise ValueError("file_path must be opened in binary mode ('wb')")
        self.stream = stream
        self._start = _empty_tail(stream)
        self._spool = None  # type: Optional[IO[bytes]]

    def begin(self) -> None:
        self.abort()
        if self._start is None:
            self._spool = cast(
                IO[bytes], tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY)
            )

    def write(self, data: bytes) -> None:
        (self.stream if self._spool is None else self._spool).write(data)

    def commit(self) -> None:
        spool, self._spool = self._spool, None
        if spool is not None:
            with spool:
                spool.seek(0)
                while True:
                    data = spool.read(_CHUNK)
                    if not data:
                        break
                    self.stream.write(data)
            if self.truncate and _seekable(self.stream):
                self.stream.truncate()
        self.stream.flush()

    def abort(self) -> None:
        spool, self._spool = self._spool, None
        if spool is not None:
            spool.close()
        elif self._start is not None:
            self.stream.seek(self._start)
            self.stream.truncate()


def _is_device(path: str) -> bool:
    """Tell a pipe or device (no file to rename over) from a file or a new path."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


class _DeviceSink(_StreamSink):
    """A pipe or device named by path (a FIFO, /dev/stdout): no file to rename over.

    It is opened only once the whole download has arrived (spooled meanwhile),
    so a failed export writes nothing to it.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.stream = cast(IO[bytes], None)
        self._start = None
        self._spool = None

    truncate = False  # a device cannot be cut back

    def commit(self) -> None:
        with open(self.path, "wb") as stream:
            self.stream = stream
            super().commit()


def _seekable(stream: Any) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _empty_tail(stream: Any) -> Optional[int]:
    """The stream's position if it is seekable and nothing follows it, else None."""
    if not _seekable(stream):
        return None
    try:
        start = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(start)
    except (AttributeError, OSError, ValueError):
        return None
    return int(start) if end == start else None


def _sink_for(
    target: Any, progress: Optional[Callable[[int, Optional[int]], None]] = None
) -> _Sink:
    """The sink for an export's file_path: a path, or a binary file object."""
    if isinstance(target, _Sink):
        return target
    if hasattr(target, "write"):
        return _StreamSink(target)
    if isinstance(target, (str, bytes)) or hasattr(target, "__fspath__"):
        path = os.fsdecode(os.fspath(target))
        sink = (
            _DeviceSink(path) if _is_device(path) else _AtomicFile(path)
        )  # type: _Sink
        sink.progress = progress
        return sink
    raise ValueError(
        "file_path must be a path or a binary file object, not %s"
        % type(target).__name__
    )


_UMASK_LOCK = threading.Lock()


def _new_file_mode(path: str) -> int:
    """The mode a new export gets: the old file's, or what open() would give."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _dig(body: Any, path: str) -> Any:
    """Return body['a']['b'] for path 'a.b', or raise KeyError naming the path."""
    value = body
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            raise KeyError(path)
        value = value[key]
    return value


# Reading answers


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _retry_reason(response: _Response, method: str) -> Optional[str]:
    """Why an answer allows sending the request again, or None when it does not."""
    status = response.status
    if status in _NOT_PROCESSED or (status in _GATEWAY and method == "GET"):
        return "HTTP %d" % status
    if status >= 400 and _error_code(response.body) == _RATE_LIMITED:
        return "error %d (HTTP %d)" % (_RATE_LIMITED, status)
    return None


def _read_answer(
    response: _Response,
    sink: Optional[_Sink],
    method: str,
    url: str,
    timeouts: _Timeouts,
) -> None:
    """Read an answer's whole body: a 2xx one into sink if given, else into memory.

    An error answer is kept up to _MAX_ERROR_BODY bytes. Raises IOException when
    the body breaks off (reset, read timeout, fewer bytes than Content-Length);
    the sink then keeps nothing of this attempt.
    """
    success = 200 <= response.status < 300
    target = sink if sink is not None and success else _MemorySink()
    limit = None if success else _MAX_ERROR_BODY
    expected = response.header("content-length")
    encoding = response.header("content-encoding")
    if (
        expected is None
        or method == "HEAD"
        or response.status in (204, 304)
        or (encoding is not None and encoding != "identity")
    ):
        expected = ""  # the length says nothing about the bytes read here
    total = int(expected) if expected.isdigit() else None
    received = 0
    target.begin()
    try:
        while limit is None or received < limit:
            try:
                data = response.read(_CHUNK)
            except _READ_ERRORS as err:
                cut = [
                    c for c in _causes(err) if isinstance(c, http.client.IncompleteRead)
                ]
                if cut:
                    # urllib3 counts every byte read; http.client hands them over.
                    partial = cut[0].partial
                    if isinstance(partial, int):
                        received = max(received, partial)
                    else:
                        received += len(partial)
                    raise _broken_off(received, expected, method, url) from err
                raise _network_error(err, method, url, timeouts, sent=True) from err
            if not data:
                break
            target.write(data)
            received += len(data)
            if target.progress is not None:
                target.progress(received, total)
        if response.done and total is not None and total != received:
            raise _broken_off(received, expected, method, url)
        target.commit()
    except BaseException:
        target.abort()
        raise
    if isinstance(target, _MemorySink):
        response.body = target.value()


def _broken_off(received: int, expected: str, method: str, url: str) -> IOException:
    reason = "the answer broke off after %d of %s bytes" % (received, expected or "?")
    return _io_error(IOException, reason, method, url, True)


def _error_code(content: bytes) -> Optional[int]:
    try:
        answer = json.loads(content.decode("utf-8"))
        return int(answer["data"]["errorCode"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _answer_error(response: _Response, method: str, url: str) -> AnalyticsError:
    """Build the exception for an error answer (any status outside 2xx)."""
    content = response.body
    text = content.decode("utf-8", "replace")
    status = response.status
    try:
        answer = json.loads(text)
    except ValueError:
        answer = None
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, dict) or "errorCode" not in data:
        if status == 429:
            error = RateLimitException(
                "Too Many Requests", None, status, method, url, response_content=text
            )  # type: AnalyticsError
        else:
            kind = response.headers.get("content-type", "unknown content")
            error = ParseException(
                "HTTP %d: the error answer is not Zoho's JSON (%s, %d bytes)%s"
                % (
                    status,
                    kind.split(";")[0],
                    len(content),
                    "; Zoho or a proxy on the way failed" if status >= 500 else "",
                ),
                text,
                status,
                method,
                url,
            )
    else:
        try:
            code = int(data["errorCode"])  # type: Optional[int]
        except (TypeError, ValueError):
            code = None
        message = str(data.get("errorMessage") or answer.get("summary") or "error")
        cls = _error_class(code, status)
        error = cls(message, code, status, method, url, answer.get("summary"), text)
    wait = _retry_after(response.headers.get("retry-after"))
    if isinstance(error, RateLimitException) and wait is not None:
        error.hint = "Zoho asks to wait %d s before calling again" % round(wait)
    return error


def _token_error(answer: Dict[str, Any], accounts_url: str) -> Tuple[str, str]:
    """Message and advice for a token answer without an access token."""
    error = str(answer.get("error", "no access_token in the answer"))
    detail = answer.get("error_description")
    if error == "invalid_client":
        return (
            "invalid_client: %s does not know this client id and secret" % accounts_url,
            "if the client was registered in another data centre, pass "
            "data_centre='eu', 'in', 'au', ... or set accounts_server_url",
        )
    if error == "invalid_code":
        return (
            "invalid_code: the refresh token is not valid or was revoked",
            "create a new refresh token for this client id in Zoho's API console",
        )
    if detail and "too many requests" in str(detail).lower():
        return (
            "%s: the accounts server refuses new access tokens for now, after too "
            "many token requests" % error,
            "wait a few minutes; let processes share tokens through "
            "token_cache=FileTokenCache(path) instead of each asking for its own",
        )
    return (
        "%s: the accounts server gave no access token%s"
        % (error, " (%s)" % detail if detail else ""),
        "check client id, client secret, refresh token and data centre",
    )


def _batch_failed(
    error: AnalyticsError, number: int, total: int, job: Any, key: Any
) -> None:
    """Say in a batch import's error how far it got, so it can be followed up."""
    accepted_key = None if key == "start" else key
    error.__dict__.update(
        batch=number, batches=total, job_id=job, batch_key=accepted_key
    )
    if number == 1:
        done = "nothing was imported"
    else:
        accepted = "batch 1 was" if number == 2 else "batches 1-%d were" % (number - 1)
        done = "%s accepted into job %s (batch key %s)" % (accepted, job, key)
    error.message = "batch %d of %d failed, %s: %s" % (
        number,
        total,
        done,
        error.message,
    )


# The public client


class AnalyticsClient(object):
    """Entry point: holds credentials, the token and the connection pool.

    ``AnalyticsClient(client_id, client_secret, refresh_token)`` works exactly as in
    Zoho's official client. Keyword arguments, all optional:

    data_centre
        One of ``us eu in au cn jp sa ca``; sets both server URLs. Assigning
        ``accounts_server_url`` or ``analytics_server_url`` afterwards still wins.
    transport
        ``"auto"`` (urllib3 when importable, else http.client), ``"urllib3"`` or
        ``"stdlib"``. Also an assignable attribute.
    connect_timeout, read_timeout
        Seconds to wait for a connection, and between bytes of an answer.
    transfer_timeout
        Read timeout for imports and exports, which Zoho may take long to answer.
    retries
        How often a request that is safe to repeat is sent again (default 3);
        see ``_exchange`` for what is never repeated.
    retry_backoff
        First wait in seconds between retries; it doubles each time, with jitter.
    token_cache
        ``FileTokenCache(path)``, any object with ``get(key)`` and
        ``put(key, entry)``, or a pair of functions ``(get, put)``, so that
        several processes share one access token.
    ca_bundle
        Path of a CA bundle to verify TLS with, instead of the system store.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        data_centre: Optional[str] = None,
        transport: str = "auto",
        connect_timeout: float = 15.0,
        read_timeout: float = 60.0,
        transfer_timeout: float = 600.0,
        retries: int = 3,
        retry_backoff: float = 1.0,
        token_cache: Any = None,
        ca_bundle: Optional[str] = None,
    ) -> None:
        for name, value in (
            ("client_id", client_id),
            ("client_secret", client_secret),
            ("refresh_token", refresh_token),
        ):
            if not isinstance(value, str) or not value.strip():
                raise ValueError("%s must be a non-empty string" % name)
        self.client_id = client_id
        self.client_secret = client_secret
        self.refresh_token = refresh_token

        self._transport_name = transport
        self._transport = None  # type: Optional[_Transport]
        self._transport_lock = threading.Lock()
        self._proxy = None  # type: Optional[_Proxy]
        self._tokens = _Tokens(self)
        _check_transport(transport)

        self.data_centre = "us" if data_centre is None else data_centre
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.transfer_timeout = transfer_timeout
        self.retries = retries
        self.retry_backoff = retry_backoff
        self.token_cache = token_cache
        self.ca_bundle = ca_bundle

        self._check_settings()

    def __repr__(self) -> str:
        return (
            "AnalyticsClient(client_id=%r, analytics_server_url=%r, transport=%r)"
            % (
                self.client_id,
                self.analytics_server_url,
                self.transport,
            )
        )

    # Settings

    @property
    def transport(self) -> str:
        """Name of the transport in use: 'urllib3' or 'stdlib'."""
        if self._transport_name == "auto":
            return "urllib3" if urllib3 is not None else "stdlib"
        return self._transport_name

    @transport.setter
    def transport(self, name: str) -> None:
        _check_transport(name)
        self._transport_name = name
        self._reset_transport()

    @property
    def access_token(self) -> Optional[str]:
        """The current access token (None until the first request needs one)."""
        return self._tokens.token

    @access_token.setter
    def access_token(self, token: Optional[str]) -> None:
        if token is not None and not (
            isinstance(token, str) and _TOKEN_TEXT.match(token)
        ):
            raise ValueError("access_token must be printable ASCII without spaces")
        self._tokens.set(token)

    @property
    def data_centre(self) -> str:
        """The data centre named last (``us eu in au cn jp sa ca``).

        Setting it sets both server URLs; assigning ``accounts_server_url`` or
        ``analytics_server_url`` afterwards still wins.
        """
        return self._data_centre

    @data_centre.setter
    def data_centre(self, name: str) -> None:
        key = name.strip().lower() if isinstance(name, str) else None
        if key not in DATA_CENTRES:
            raise ValueError(
                "data_centre must be one of %s, not %r"
                % (", ".join(sorted(DATA_CENTRES)), name)
            )
        self._data_centre = key
        self.accounts_server_url, self.analytics_server_url = DATA_CENTRES[key]

    @property
    def ca_bundle(self) -> Optional[str]:
        """CA file (or folder) that TLS is verified with; None: the system store."""
        return self._ca_bundle

    @ca_bundle.setter
    def ca_bundle(self, path: Optional[str]) -> None:
        self._ssl_context, self._ca_bundle = _ssl_context(path)
        self._reset_transport()

    def set_proxy(
        self,
        proxy_host: str,
        proxy_port: Union[int, str],
        proxy_user_name: Optional[str] = None,
        proxy_password: Optional[str] = None,
    ) -> None:
        """Send every request, API and token, through an HTTP proxy.

        Requests to http URLs go to the proxy in absolute form, https ones through
        a CONNECT tunnel. With a user name, ``Proxy-Authorization: Basic`` carries
        the credentials (UTF-8). Pooled connections are closed; ``proxy = False``
        turns the proxy off again.
        """
        self._proxy = _proxy_settings(
            proxy_host, proxy_port, proxy_user_name, proxy_password
        )
        self._reset_transport()

    @property
    def proxy(self) -> bool:
        """True while requests go through the proxy given to set_proxy."""
        return self._proxy is not None

    @proxy.setter
    def proxy(self, on: bool) -> None:
        if on and self._proxy is None:
            raise ValueError("call set_proxy(proxy_host, proxy_port, ...) first")
        if not on:
            self._proxy = None
            self._reset_transport()

    proxy_host = property(
        lambda self: _proxy_setting(self, "host"), doc="The proxy's host, or None."
    )
    proxy_port = property(
        lambda self: _proxy_setting(self, "port"), doc="The proxy's port, or None."
    )
    proxy_user_name = property(
        lambda self: _proxy_setting(self, "user"), doc="The proxy user, or None."
    )
    proxy_password = property(
        lambda self: _proxy_setting(self, "password"), doc="The proxy password."
    )

    def close(self) -> None:
        """Close pooled connections; the client opens new ones when used again."""
        self._reset_transport()

    def __enter__(self) -> "AnalyticsClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def _reset_transport(self) -> None:
        with self._transport_lock:
            old, self._transport = self._transport, None
        if old is not None:
            old.close()

    def _get_transport(self) -> _Transport:
        transport = self._transport
        if transport is None:
            with self._transport_lock:
                if self._transport is None:
                    # A context of its own: a transport may adjust it.
                    context = _ssl_context(self._ca_bundle)[0]
                    context = context or ssl.create_default_context()
                    self._transport = _make_transport(
                        self._transport_name, context, self._proxy
                    )
                transport = self._transport
        return transport

    # Authentication

    def _cache_key(self) -> str:
        material = "\n".join(
            (self.accounts_server_url, self.client_id, self.refresh_token)
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _fetch_token(self) -> Tuple[str, float]:
        """Ask the accounts server for a new access token; return it and its lifetime."""
        url = self.accounts_server_url.rstrip("/") + "/oauth/v2/token"
        form = urllib.parse.urlencode(
            [
                ("grant_type", "refresh_token"),
                ("client_id", self.client_id),
                ("client_secret", self.client_secret),
                ("refresh_token", self.refresh_token),
            ]
        ).encode("ascii")
        body = _BytesBody(form, "application/x-www-form-urlencoded")
        headers = {"User-Agent": _USER_AGENT}
        response = self._exchange("POST", url, headers, body, self._timeouts(False))
        content = response.body

        try:
            answer = json.loads(content.decode("utf-8"))
        except ValueError:
            answer = None
        if isinstance(answer, dict) and isinstance(answer.get("access_token"), str):
            token = answer["access_token"]
            if not _TOKEN_TEXT.match(token):
                # Said without the token: it must not reach a message or a log.
                raise AuthenticationException(
                    "the accounts server sent an access token that an HTTP header "
                    "cannot carry (empty, or not printable ASCII)",
                    None,
                    response.status,
                    "POST",
                    url,
                )
            return token, _token_lifetime(answer.get("expires_in"))
        if not isinstance(answer, dict):
            kind = response.headers.get("content-type", "no content type")
            raise ParseException(
                "the accounts server's answer is not JSON (HTTP %d, %s, %d bytes)"
                % (response.status, kind.split(";")[0], len(content)),
                content.decode("utf-8", "replace"),
                response.status,
                "POST",
                url,
            )
        message, hint = _token_error(answer, self.accounts_server_url)
        error = AuthenticationException(
            message, None, response.status, "POST", url, str(answer.get("error"))
        )
        error.hint = hint
        raise error

    # The request pipeline

    def _check_settings(self) -> None:
        """Check the assignable settings that every request relies on."""
        for name in ("connect_timeout", "read_timeout", "transfer_timeout"):
            value = getattr(self, name)
            if not _is_number(value) or not value > 0:
                raise ValueError(
                    "%s must be a number of seconds above 0, not %r" % (name, value)
                )
        if not isinstance(self.retries, int) or isinstance(self.retries, bool):
            raise ValueError("retries must be an int, not %r" % (self.retries,))
        if self.retries < 0:
            raise ValueError("retries must be 0 or more, not %d" % self.retries)
        if not _is_number(self.retry_backoff) or self.retry_backoff < 0:
            raise ValueError(
                "retry_backoff must be 0 or more seconds, not %r"
                % (self.retry_backoff,)
            )
        if self.token_cache is not None:
            _cache_functions(self.token_cache)

    def _timeouts(self, transfer: bool) -> _Timeouts:
        if transfer:
            return _Timeouts(
                self.connect_timeout, self.transfer_timeout, "transfer_timeout"
            )
        return _Timeouts(self.connect_timeout, self.read_timeout)

    def _request(
        self,
        method: str,
        path: str,
        org_id: Optional[str] = None,
        config: Optional[Config] = None,
        data: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        body: Optional[Callable[[], _Body]] = None,
        sink: Optional[_Sink] = None,
        want: Optional[str] = None,
        convert: Optional[Callable[[Any], Any]] = None,
    ) -> Any:
        """Send one API call and turn the answer into data or an exception.

        Every endpoint method comes through here. ``path`` is already quoted; the
        config travels as one ``CONFIG`` query parameter (none when empty), raw
        import data as ``DATA``. ``body`` builds the request body afresh for each
        attempt, so an upload sent again after a token refresh starts from its
        first byte. With ``sink`` a successful answer is streamed into it.
        ``want`` names the part of the answer to return ('data.views');
        a 2xx answer other than 200 returns None, as in Zoho's client.
        """
        url = self.analytics_server_url.rstrip("/") + path
        query = []
        config = _merged(config)  # every endpoint's config checked here, never changed
        if config:
            query.append(_json_param("CONFIG", config))
        if data is not None:
            param = _json_param("DATA", data)
            if len(url) + len(param) + sum(len(q) + 1 for q in query) < _MAX_URL:
                query.append(param)
            else:
                # Too long for a URL: the multipart DATA field Zoho also takes.
                text = json.dumps(data).encode("utf-8")
                upload = _Multipart([("DATA", None, text)])
                body = lambda: upload  # noqa: E731
        if query:
            url += "?" + "&".join(query)

        fixed = {"User-Agent": _USER_AGENT}
        if org_id is not None:
            fixed["ZANALYTICS-ORGID"] = org_id
        if headers:
            fixed.update(headers)
        transfer = body is not None or sink is not None
        timeouts = self._timeouts(transfer)

        token = self._tokens.current()
        refreshed = False
        while True:
            request_headers = dict(fixed)
            request_headers["Authorization"] = "Zoho-oauthtoken " + token
            request_body = body() if body is not None else None
            response = self._exchange(
                method, url, request_headers, request_body, timeouts, sink
            )
            if 200 <= response.status < 300:
                return self._success(response, method, url, sink, want, convert)
            error = _answer_error(response, method, url)
            if (
                isinstance(error, ServerException)
                and error.errorCode == _INVALID_TOKEN
                and not refreshed
            ):
                logger.warning(
                    "%s %s: access token refused (8535); renewing it once",
                    method,
                    _redact_url(url),
                )
                token = self._tokens.renew_after_rejection(token)
                refreshed = True
                continue
            raise error

    def _success(
        self,
        response: _Response,
        method: str,
        url: str,
        sink: Optional[_Sink],
        want: Optional[str],
        convert: Optional[Callable[[Any], Any]],
    ) -> Any:
        content = response.body
        if sink is not None or response.status != 200:
            return None
        text = content.decode("utf-8", "replace")
        try:
            answer = json.loads(text)
        except ValueError as err:
            problem = "the answer is empty" if not content else "the answer is not JSON"
            error = ParseException(
                "%s (HTTP %d, %s)"
                % (problem, response.status, response.headers.get("content-type", "?")),
                text,
                response.status,
                method,
                url,
            )
            error.origExcep = err
            raise error from err
        if isinstance(answer, dict) and answer.get("status") == "failure":
            raise _answer_error(response, method, url)  # an error, though HTTP 200
        if want is None:
            return answer
        try:
            value = _dig(answer, want)
        except KeyError:
            raise ParseException(
                "the answer has no %s" % want, text, response.status, method, url
            ) from None
        return convert(value) if convert is not None else value

    def _exchange(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[_Body],
        timeouts: _Timeouts,
        sink: Optional[_Sink] = None,
    ) -> _Response:
        """Send with bounded retries where repeating cannot duplicate anything.

        Repeated, at most ``retries`` times:

        - a request that never left: connection refused, connect timeout;
        - a GET after any other network failure (reset, dropped connection, read
          timeout, an answer that broke off) or a 502/504 answer;
        - any request answered 429, 503 or error 6045, which Zoho did not process.

        Never repeated: everything else, in particular a POST, PUT or DELETE
        whose request may have reached Zoho (a dropped connection, a read
        timeout, a gateway error), so an append import is sent once at most
        unless Zoho said it did not process it. A retry waits ``retry_backoff``
        seconds, doubling each time, the second half of each wait random; or
        what Retry-After says, up to _MAX_RETRY_AFTER (a longer wait is given up
        and raised at once). Each retry logs one WARNING line, each attempt one
        DEBUG line.

        The answer's body is read inside the loop: a 2xx answer into ``sink``
        when there is one (a download that breaks off starts over, and the sink
        keeps nothing of a failed attempt), anything else into ``body``. The
        returned answer is closed and its connection back in the pool.
        """
        self._check_settings()
        if body is not None:
            headers = dict(headers)
            headers["Content-Type"] = body.content_type
            headers["Content-Length"] = str(body.length)
        attempt = 0
        path = urllib.parse.urlsplit(url).path
        while True:
            attempt += 1
            started = time.monotonic()
            wait = None  # type: Optional[float]
            try:
                response = self._get_transport().send(
                    method, url, headers, body, timeouts
                )
                try:
                    _read_answer(response, sink, method, url, timeouts)
                finally:
                    response.close()
            except IOException as err:
                logger.debug(
                    "%s %s -> %s after %d ms (attempt %d)",
                    method,
                    path,
                    type(err).__name__,
                    _ms(started),
                    attempt,
                )
                again = err.transient and (not err.sent or method == "GET")
                if not again or attempt > self.retries:
                    if attempt > 1:
                        err.message += " (%d attempts)" % attempt
                    raise
                reason = err.reason
            else:
                logger.debug(
                    "%s %s -> %d in %d ms (attempt %d)",
                    method,
                    path,
                    response.status,
                    _ms(started),
                    attempt,
                )
                retry_reason = _retry_reason(response, method)
                if attempt > self.retries or retry_reason is None:
                    return response
                wait = _retry_after(response.headers.get("retry-after"))
                if wait is not None and wait > _MAX_RETRY_AFTER:
                    return response
                reason = retry_reason
            delay = self._backoff(attempt, wait)
            logger.warning(
                "%s %s: %s; retry %d of %d in %.1f s",
                method,
                path,
                reason,
                attempt,
                self.retries,
                delay,
            )
            time.sleep(delay)

    def _backoff(self, attempt: int, retry_after: Optional[float]) -> float:
        """Seconds to wait before retry number ``attempt``."""
        if retry_after is not None:
            return retry_after
        step = min(self.retry_backoff * 2.0 ** (attempt - 1), _MAX_BACKOFF)
        return step / 2 + random.uniform(0, step / 2)

    # Instances for one organisation, workspace or view

    def get_org_instance(self, org_id: Id) -> "OrgAPI":
        """Return the API of one organisation."""
        return OrgAPI(self, org_id)

    def get_workspace_instance(self, org_id: Id, workspace_id: Id) -> "WorkspaceAPI":
        """Return the API of one workspace."""
        return WorkspaceAPI(self, org_id, workspace_id)

    def get_view_instance(self, org_id: Id, workspace_id: Id, view_id: Id) -> "ViewAPI":
        """Return the API of one view (table, report, dashboard)."""
        return ViewAPI(self, org_id, workspace_id, view_id)

    def get_bulk_instance(self, org_id: Id, workspace_id: Id) -> "BulkAPI":
        """Return the bulk (import and export) API of one workspace."""
        return BulkAPI(self, org_id, workspace_id)

    # Calls that need no organisation

    def _call(
        self,
        method: str,
        template: str,
        config: Optional[Config] = None,
        want: Optional[str] = None,
        **ids: Any
    ) -> Any:
        return self._request(method, _path(template, ids), config=config, want=want)

    def get_orgs(self) -> Any:
        """List the organisations the user belongs to; returns data.orgs."""
        return self._call("GET", "/restapi/v2/orgs", want="data.orgs")

    def get_workspaces(self) -> Any:
        """List owned and shared workspaces; returns data (both lists)."""
        return self._call("GET", "/restapi/v2/workspaces", want="data")

    def get_owned_workspaces(self) -> Any:
        """List the workspaces the user owns; returns data.workspaces."""
        return self._call("GET", "/restapi/v2/workspaces/owned", want="data.workspaces")

    def get_shared_workspaces(self) -> Any:
        """List the workspaces shared with the user; returns data.workspaces."""
        return self._call(
            "GET", "/restapi/v2/workspaces/shared", want="data.workspaces"
        )

    def get_recent_views(self) -> Any:
        """List the views the user opened lately; returns data.views."""
        return self._call("GET", "/restapi/v2/recentviews", want="data.views")

    def get_dashboards(self) -> Any:
        """List owned and shared dashboards; returns data (ownedViews, sharedViews)."""
        return self._call("GET", "/restapi/v2/dashboards", want="data")

    def get_owned_dashboards(self) -> Any:
        """List the dashboards the user owns; returns data.views."""
        return self._call("GET", "/restapi/v2/dashboards/owned", want="data.views")

    def get_shared_dashboards(self) -> Any:
        """List the dashboards shared with the user; returns data.views."""
        return self._call("GET", "/restapi/v2/dashboards/shared", want="data.views")

    def get_workspace_details(self, workspace_id: Id) -> Any:
        """Fetch one workspace's details; returns data.workspaces."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}",
            want="data.workspaces",
            workspace_id=workspace_id,
        )

    def get_view_details(self, view_id: Id, config: Optional[Config] = None) -> Any:
        """Fetch one view's details; returns data.views."""
        return self._call(
            "GET",
            "/restapi/v2/views/{view_id}",
            config,
            want="data.views",
            view_id=view_id,
        )

    getOrgInstance = get_org_instance
    getWorkspaceInstance = get_workspace_instance
    getViewInstance = get_view_instance
    getBulkInstance = get_bulk_instance
    getOrgs = get_orgs
    getWorkspaces = get_workspaces
    getOwnedWorkspaces = get_owned_workspaces
    getSharedWorkspaces = get_shared_workspaces
    getRecentViews = get_recent_views
    getDashboards = get_dashboards
    getOwnedDashboards = get_owned_dashboards
    getSharedDashboards = get_shared_dashboards
    getWorkspaceDetails = get_workspace_details
    getViewDetails = get_view_details
    setProxy = set_proxy


# The APIs of one organisation, workspace and view


class _API(object):
    """Shared plumbing of OrgAPI, WorkspaceAPI, ViewAPI and BulkAPI."""

    def __init__(self, client: AnalyticsClient, org_id: Id, **ids: Id) -> None:
        self.ac = client
        self._org_id = _id_text("org_id", org_id)
        for name, value in ids.items():
            _id_text(name, value)
        self._ids = ids  # type: Dict[str, Any]

    def _call(
        self,
        method: str,
        template: str,
        config: Optional[Config] = None,
        want: Optional[str] = None,
        convert: Optional[Callable[[Any], Any]] = None,
        data: Any = None,
        body: Optional[Callable[[], _Body]] = None,
        sink: Optional[_Sink] = None,
        dest_org_id: Optional[Id] = None,
        **ids: Any
    ) -> Any:
        """Send one call of this API: fill the path, add the org header, send."""
        ids.update(self._ids)
        headers = None
        if dest_org_id is not None:
            headers = {"ZANALYTICS-DEST-ORGID": _id_text("dest_org_id", dest_org_id)}
        return self.ac._request(
            method,
            _path(template, ids),
            org_id=self._org_id,
            config=config,
            data=data,
            headers=headers,
            body=body,
            sink=sink,
            want=want,
            convert=convert,
        )


class OrgAPI(_API):
    """Calls about one organisation: workspaces, users, roles, subscription."""

    def __init__(self, client: AnalyticsClient, org_id: Id) -> None:
        super().__init__(client, org_id)

    def create_workspace(
        self, workspace_name: str, config: Optional[Config] = None
    ) -> Any:
        """Create a workspace; returns the new workspace id (int)."""
        cfg = _merged(config, workspaceName=workspace_name)
        return self._call(
            "POST", "/restapi/v2/workspaces/", cfg, want="data.workspaceId", convert=int
        )

    def get_admins(self) -> Any:
        """List the organisation's admins; returns data.orgAdmins."""
        return self._call("GET", "/restapi/v2/orgadmins", want="data.orgAdmins")

    def get_users(self) -> Any:
        """List the organisation's users; returns data.users."""
        return self._call("GET", "/restapi/v2/users", want="data.users")

    def add_users(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Add users to the organisation; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("POST", "/restapi/v2/users", cfg)

    def remove_users(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Remove users from the organisation; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("DELETE", "/restapi/v2/users", cfg)

    def activate_users(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Activate users of the organisation; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("PUT", "/restapi/v2/users/active", cfg)

    def deactivate_users(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Deactivate users of the organisation; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("PUT", "/restapi/v2/users/inactive", cfg)

    def change_user_role(
        self, email_ids: Sequence[str], role: str, config: Optional[Config] = None
    ) -> None:
        """Give users another role in the organisation; returns None."""
        cfg = _merged(config, emailIds=email_ids, role=role)
        self._call("PUT", "/restapi/v2/users/role", cfg)

    def get_subscription_details(self) -> Any:
        """Fetch the organisation's plan and add-ons; returns data.subscription."""
        return self._call("GET", "/restapi/v2/subscription", want="data.subscription")

    def get_resource_details(self) -> Any:
        """Fetch the organisation's resource usage; returns data.resourceDetails."""
        return self._call("GET", "/restapi/v2/resources", want="data.resourceDetails")

    def get_meta_details(self, workspace_name: str, view_name: str) -> Any:
        """Look up a workspace (and a view in it) by name; returns data."""
        cfg = _merged(None, workspaceName=workspace_name, viewName=view_name)
        return self._call("GET", "/restapi/v2/metadetails", cfg, want="data")

    def get_custom_roles(self) -> Any:
        """List the organisation's custom roles; returns data.roles."""
        return self._call("GET", "/restapi/v2/orgs/roles", want="data.roles")

    def create_custom_role(
        self,
        role_name: str,
        access_type: str,
        permissions: Dict[str, Any],
        config: Optional[Config] = None,
    ) -> Any:
        """Create a custom role; returns the new role id (data.roleId, str)."""
        cfg = _merged(
            config, roleName=role_name, accessType=access_type, permissions=permissions
        )
        return self._call("POST", "/restapi/v2/orgs/roles", cfg, want="data.roleId")

    def update_custom_role(
        self,
        role_id: Id,
        access_type: str,
        permissions: Dict[str, Any],
        config: Optional[Config] = None,
    ) -> None:
        """Change a custom role's access type and permissions; returns None."""
        cfg = _merged(config, accessType=access_type, permissions=permissions)
        self._call("PUT", "/restapi/v2/orgs/roles/{role_id}", cfg, role_id=role_id)

    def delete_custom_role(self, role_id: Id) -> None:
        """Delete a custom role; returns None."""
        self._call("DELETE", "/restapi/v2/orgs/roles/{role_id}", role_id=role_id)

    def get_automl_analyses(self) -> Any:
        """List the AutoML analyses of every workspace; returns data.analysis."""
        return self._call("GET", "/restapi/v2/automl/analysis", want="data.analysis")

    createWorkspace = create_workspace
    getAdmins = get_admins
    getUsers = get_users
    addUsers = add_users
    removeUsers = remove_users
    activateUsers = activate_users
    deactivateUsers = deactivate_users
    changeUserRole = change_user_role
    getSubscriptionDetails = get_subscription_details
    getResourceDetails = get_resource_details
    getMetaDetails = get_meta_details
    getCustomRoles = get_custom_roles
    createCustomRole = create_custom_role
    updateCustomRole = update_custom_role
    deleteCustomRole = delete_custom_role
    getAutomlAnalyses = get_automl_analyses


class WorkspaceAPI(_API):
    """Calls about one workspace: folders, views, sharing, tags, AutoML."""

    def __init__(self, client: AnalyticsClient, org_id: Id, workspace_id: Id) -> None:
        super().__init__(client, org_id, workspace_id=workspace_id)

    def copy(
        self,
        new_workspace_name: str,
        config: Optional[Config] = None,
        dest_org_id: Optional[Id] = None,
    ) -> Any:
        """Copy the workspace (into dest_org_id if given); returns the new id (int)."""
        cfg = _merged(config, newWorkspaceName=new_workspace_name)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}",
            cfg,
            want="data.workspaceId",
            convert=int,
            dest_org_id=dest_org_id,
        )

    def rename(self, workspace_name: str, config: Optional[Config] = None) -> None:
        """Rename the workspace; returns None."""
        cfg = _merged(config, workspaceName=workspace_name)
        self._call("PUT", "/restapi/v2/workspaces/{workspace_id}", cfg)

    def delete(self) -> None:
        """Delete the workspace; returns None."""
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}")

    def get_secret_key(self, config: Optional[Config] = None) -> Any:
        """Fetch the workspace's secret key; returns data.workspaceKey."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/secretkey",
            config,
            want="data.workspaceKey",
        )

    def add_favorite(self) -> None:
        """Mark the workspace as a favourite; returns None."""
        self._call("POST", "/restapi/v2/workspaces/{workspace_id}/favorite")

    def remove_favorite(self) -> None:
        """Unmark the workspace as a favourite; returns None."""
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}/favorite")

    def add_default(self) -> None:
        """Make the workspace the default one; returns None."""
        self._call("POST", "/restapi/v2/workspaces/{workspace_id}/default")

    def remove_default(self) -> None:
        """Stop the workspace being the default one; returns None."""
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}/default")

    def get_admins(self) -> Any:
        """List the workspace's admins; returns data.workspaceAdmins."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/admins",
            want="data.workspaceAdmins",
        )

    def add_admins(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Make users admins of the workspace; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("POST", "/restapi/v2/workspaces/{workspace_id}/admins", cfg)

    def remove_admins(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Take admin rights on the workspace away from users; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}/admins", cfg)

    def get_share_info(self) -> Any:
        """Fetch who the workspace's views are shared with; returns data."""
        return self._call(
            "GET", "/restapi/v2/workspaces/{workspace_id}/share", want="data"
        )

    def share_views(
        self,
        view_ids: Sequence[Id],
        email_ids: Sequence[str],
        permissions: Dict[str, Any],
        config: Optional[Config] = None,
    ) -> None:
        """Share views with users, granting permissions; returns None."""
        cfg = _merged(
            config, viewIds=view_ids, emailIds=email_ids, permissions=permissions
        )
        self._call("POST", "/restapi/v2/workspaces/{workspace_id}/share", cfg)

    def remove_share(
        self,
        view_ids: Sequence[Id],
        email_ids: Sequence[str],
        config: Optional[Config] = None,
    ) -> None:
        """Stop sharing views with users; returns None."""
        cfg = _merged(config, emailIds=email_ids, viewIds=view_ids)
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}/share", cfg)

    def get_shared_details_for_views(self, view_ids: Sequence[Id]) -> Any:
        """Fetch who views are shared with; returns data.sharedDetails."""
        cfg = _merged(None, viewIds=view_ids)
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/share/shareddetails",
            cfg,
            want="data.sharedDetails",
        )

    def get_folders(self) -> Any:
        """List the workspace's folders; returns data.folders."""
        return self._call(
            "GET", "/restapi/v2/workspaces/{workspace_id}/folders", want="data.folders"
        )

    def create_folder(self, folder_name: str, config: Optional[Config] = None) -> Any:
        """Create a folder; returns the new folder id (int)."""
        cfg = _merged(config, folderName=folder_name)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/folders",
            cfg,
            want="data.folderId",
            convert=int,
        )

    def get_views(self, config: Optional[Config] = None) -> Any:
        """List the workspace's views; returns data.views."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views",
            config,
            want="data.views",
        )

    def create_table(self, table_design: Dict[str, Any]) -> Any:
        """Create a table from its design; returns the new view id (int)."""
        cfg = _merged(None, tableDesign=table_design)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/tables",
            cfg,
            want="data.viewId",
            convert=int,
        )

    def create_query_table(
        self, sql_query: str, query_table_name: str, config: Optional[Config] = None
    ) -> Any:
        """Create a query table; returns the new view id (int)."""
        cfg = _merged(config, sqlQuery=sql_query, queryTableName=query_table_name)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/querytables",
            cfg,
            want="data.viewId",
            convert=int,
        )

    def edit_query_table(
        self, view_id: Id, sql_query: str, config: Optional[Config] = None
    ) -> None:
        """Change a query table's SQL; returns None."""
        cfg = _merged(config, sqlQuery=sql_query)
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/querytables/{view_id}",
            cfg,
            view_id=view_id,
        )

    def copy_views(
        self,
        view_ids: Sequence[Id],
        dest_workspace_id: Id,
        config: Optional[Config] = None,
        dest_org_id: Optional[Id] = None,
    ) -> Any:
        """Copy views to another workspace; returns data.views (old and new ids)."""
        cfg = _merged(config, viewIds=view_ids, destWorkspaceId=dest_workspace_id)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/copy",
            cfg,
            want="data.views",
            dest_org_id=dest_org_id,
        )

    def enable_domain_access(self) -> None:
        """Open the workspace to the white-label domain; returns None."""
        self._call("POST", "/restapi/v2/workspaces/{workspace_id}/wlaccess")

    def disable_domain_access(self) -> None:
        """Close the workspace to the white-label domain; returns None."""
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}/wlaccess")

    def rename_folder(
        self, folder_id: Id, folder_name: str, config: Optional[Config] = None
    ) -> None:
        """Rename a folder; returns None."""
        cfg = _merged(config, folderName=folder_name)
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/folders/{folder_id}",
            cfg,
            folder_id=folder_id,
        )

    def delete_folder(self, folder_id: Id) -> None:
        """Delete a folder; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/folders/{folder_id}",
            folder_id=folder_id,
        )

    def get_groups(self) -> Any:
        """List the workspace's groups; returns data.groups."""
        return self._call(
            "GET", "/restapi/v2/workspaces/{workspace_id}/groups", want="data.groups"
        )

    def create_group(
        self, group_name: str, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> Any:
        """Create a group of users; returns the new group id (int)."""
        cfg = _merged(config, groupName=group_name, emailIds=email_ids)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/groups",
            cfg,
            want="data.groupId",
            convert=int,
        )

    def get_group_details(self, group_id: Id) -> Any:
        """Fetch a group's name and members; returns data.groups."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/groups/{group_id}",
            want="data.groups",
            group_id=group_id,
        )

    def rename_group(
        self, group_id: Id, group_name: str, config: Optional[Config] = None
    ) -> None:
        """Rename a group; returns None."""
        cfg = _merged(config, groupName=group_name)
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/groups/{group_id}",
            cfg,
            group_id=group_id,
        )

    def delete_group(self, group_id: Id) -> None:
        """Delete a group; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/groups/{group_id}",
            group_id=group_id,
        )

    def add_group_members(
        self, group_id: Id, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Add users to a group; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/groups/{group_id}/members",
            cfg,
            group_id=group_id,
        )

    def remove_group_members(
        self, group_id: Id, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Remove users from a group; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/groups/{group_id}/members",
            cfg,
            group_id=group_id,
        )

    def create_slideshow(
        self, slide_name: str, view_ids: Sequence[Id], config: Optional[Config] = None
    ) -> Any:
        """Create a slideshow of views; returns the new slideshow id (int)."""
        cfg = _merged(config, slideName=slide_name, viewIds=view_ids)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/slides",
            cfg,
            want="data.slideId",
            convert=int,
        )

    def update_slideshow(self, slide_id: Id, config: Optional[Config] = None) -> None:
        """Change a slideshow's name, views or access; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/slides/{slide_id}",
            config,
            slide_id=slide_id,
        )

    def delete_slideshow(self, slide_id: Id) -> None:
        """Delete a slideshow; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/slides/{slide_id}",
            slide_id=slide_id,
        )

    def get_slideshows(self) -> Any:
        """List the workspace's slideshows; returns data.slideshows."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/slides",
            want="data.slideshows",
        )

    def get_slideshow_url(self, slide_id: Id, config: Optional[Config] = None) -> Any:
        """Fetch a slideshow's URL; returns data.slideUrl."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/slides/{slide_id}/publish",
            config,
            want="data.slideUrl",
            slide_id=slide_id,
        )

    def get_slideshow_details(self, slide_id: Id) -> Any:
        """Fetch a slideshow's details; returns data.slideInfo."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/slides/{slide_id}",
            want="data.slideInfo",
            slide_id=slide_id,
        )

    def create_variable(
        self,
        variable_name: str,
        variable_datatype: int,
        variable_type: int,
        config: Optional[Config] = None,
    ) -> Any:
        """Create a workspace variable; returns the new variable id (int)."""
        cfg = _merged(
            config,
            variableName=variable_name,
            variableDataType=variable_datatype,
            variableType=variable_type,
        )
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/variables",
            cfg,
            want="data.variableId",
            convert=int,
        )

    def update_variable(
        self,
        variable_id: Id,
        variable_name: str,
        variable_datatype: int,
        variable_type: int,
        config: Optional[Config] = None,
    ) -> None:
        """Change a workspace variable; returns None."""
        cfg = _merged(
            config,
            variableName=variable_name,
            variableDataType=variable_datatype,
            variableType=variable_type,
        )
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/variables/{variable_id}",
            cfg,
            variable_id=variable_id,
        )

    def delete_variable(self, variable_id: Id) -> None:
        """Delete a workspace variable; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/variables/{variable_id}",
            variable_id=variable_id,
        )

    def get_variables(self) -> Any:
        """List the workspace's variables; returns data.variables."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/variables",
            want="data.variables",
        )

    def get_variable_details(self, variable_id: Id) -> Any:
        """Fetch a workspace variable's settings; returns data."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/variables/{variable_id}",
            want="data",
            variable_id=variable_id,
        )

    def make_default_folder(self, folder_id: Id) -> None:
        """Make a folder the workspace's default folder; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/folders/{folder_id}/default",
            folder_id=folder_id,
        )

    def get_datasources(self) -> Any:
        """List the workspace's data sources; returns data.dataSources."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/datasources",
            want="data.dataSources",
        )

    def sync_data(self, datasource_id: Id, config: Optional[Config] = None) -> None:
        """Start a data source's sync now; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/datasources/{datasource_id}/sync",
            config,
            datasource_id=datasource_id,
        )

    def update_datasource_connection(
        self, datasource_id: Id, config: Optional[Config] = None
    ) -> None:
        """Change a data source's connection; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/datasources/{datasource_id}",
            config,
            datasource_id=datasource_id,
        )

    def get_trash_views(self) -> Any:
        """List the views in the workspace's trash; returns data.views."""
        return self._call(
            "GET", "/restapi/v2/workspaces/{workspace_id}/trash", want="data.views"
        )

    def restore_trash_views(self, view_id: Id, config: Optional[Config] = None) -> None:
        """Restore a view from the trash; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/trash/{view_id}",
            config,
            view_id=view_id,
        )

    def delete_trash_views(self, view_id: Id, config: Optional[Config] = None) -> None:
        """Delete a view from the trash for good; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/trash/{view_id}",
            config,
            view_id=view_id,
        )

    def change_folder_hierarchy(
        self, folder_id: Id, hierarchy: int, config: Optional[Config] = None
    ) -> None:
        """Swap a folder with its parent (0) or its subfolder (1); returns None."""
        cfg = _merged(config, hierarchy=hierarchy)
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/folders/{folder_id}/move",
            cfg,
            folder_id=folder_id,
        )

    def change_folder_position(
        self, folder_id: Id, reference_folder_id: Id, config: Optional[Config] = None
    ) -> None:
        """Place a folder above the reference folder; returns None."""
        cfg = _merged(config, referenceFolderId=reference_folder_id)
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/folders/{folder_id}/reorder",
            cfg,
            folder_id=folder_id,
        )

    def move_views_to_folder(
        self, folder_id: Id, view_ids: Sequence[Id], config: Optional[Config] = None
    ) -> None:
        """Move views into a folder; returns None."""
        cfg = _merged(config, folderId=folder_id, viewIds=view_ids)
        self._call(
            "PUT", "/restapi/v2/workspaces/{workspace_id}/views/movetofolder", cfg
        )

    def export_as_template(
        self, view_ids: Sequence[Id], file_path: Any, config: Optional[Config] = None
    ) -> None:
        """Export views as a template into file_path, atomically; returns None."""
        cfg = _merged(config, viewIds=view_ids)
        self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/template/data",
            cfg,
            sink=_sink_for(file_path),
        )

    def get_workspace_users(self) -> Any:
        """List the workspace's users; returns data.users."""
        return self._call(
            "GET", "/restapi/v2/workspaces/{workspace_id}/users", want="data.users"
        )

    def add_workspace_users(
        self, email_ids: Sequence[str], role: str, config: Optional[Config] = None
    ) -> None:
        """Add users to the workspace with a role; returns None."""
        cfg = _merged(config, emailIds=email_ids, role=role)
        self._call("POST", "/restapi/v2/workspaces/{workspace_id}/users", cfg)

    def remove_workspace_users(
        self, email_ids: Sequence[str], config: Optional[Config] = None
    ) -> None:
        """Remove users from the workspace; returns None."""
        cfg = _merged(config, emailIds=email_ids)
        self._call("DELETE", "/restapi/v2/workspaces/{workspace_id}/users", cfg)

    def change_workspace_user_status(
        self, email_ids: Sequence[str], operation: str, config: Optional[Config] = None
    ) -> None:
        """Activate or deactivate users in the workspace; returns None."""
        cfg = _merged(config, emailIds=email_ids, operation=operation)
        self._call("PUT", "/restapi/v2/workspaces/{workspace_id}/users/status", cfg)

    def change_workspace_user_role(
        self, email_ids: Sequence[str], role: str, config: Optional[Config] = None
    ) -> None:
        """Give users another role in the workspace; returns None."""
        cfg = _merged(config, emailIds=email_ids, role=role)
        self._call("PUT", "/restapi/v2/workspaces/{workspace_id}/users/role", cfg)

    def get_email_schedules(self) -> Any:
        """List the workspace's email schedules; returns data.emailSchedules."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/emailschedules",
            want="data.emailSchedules",
        )

    def create_email_schedule(
        self,
        schedule_name: str,
        view_ids: Sequence[Id],
        format: str,
        email_ids: Sequence[str],
        schedule_details: Dict[str, Any],
        config: Optional[Config] = None,
    ) -> Any:
        """Create an email schedule (format is exportType); returns its id (str)."""
        cfg = _merged(
            config,
            scheduleName=schedule_name,
            viewIds=view_ids,
            exportType=format,
            emailIds=email_ids,
            scheduleDetails=schedule_details,
        )
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/emailschedules",
            cfg,
            want="data.scheduleId",
            convert=str,
        )

    def update_email_schedule(self, schedule_id: Id, config: Config) -> Any:
        """Change an email schedule; returns its schedule id (str)."""
        return self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/emailschedules/{schedule_id}",
            config,
            want="data.scheduleId",
            convert=str,
            schedule_id=schedule_id,
        )

    def trigger_email_schedule(self, schedule_id: Id) -> None:
        """Send an email schedule's mail now; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/emailschedules/{schedule_id}",
            schedule_id=schedule_id,
        )

    def change_email_schedule_status(self, schedule_id: Id, operation: str) -> None:
        """Activate or deactivate an email schedule; returns None."""
        cfg = _merged(None, operation=operation)
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/emailschedules/{schedule_id}/status",
            cfg,
            schedule_id=schedule_id,
        )

    def delete_email_schedule(self, schedule_id: Id) -> None:
        """Delete an email schedule; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/emailschedules/{schedule_id}",
            schedule_id=schedule_id,
        )

    def get_aggregate_formulas(self, config: Optional[Config] = None) -> Any:
        """List the workspace's aggregate formulas; returns data.aggregateFormulas."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/aggregateformulas",
            config,
            want="data.aggregateFormulas",
        )

    def get_aggregate_formula_dependents(self, formula_id: Id) -> Any:
        """List what depends on an aggregate formula; returns data."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/aggregateformulas/{formula_id}/dependents",
            want="data",
            formula_id=formula_id,
        )

    def get_aggregate_formula_value(self, formula_id: Id) -> Any:
        """Compute an aggregate formula; returns data.formulaValue."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/aggregateformulas/{formula_id}/value",
            want="data.formulaValue",
            formula_id=formula_id,
        )

    def create_report(self, config: Optional[Config] = None) -> Any:
        """Create a report from its CONFIG; returns the new view id (int)."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/reports",
            config,
            want="data.viewId",
            convert=int,
        )

    def update_report(self, view_id: Id, config: Optional[Config] = None) -> None:
        """Change a report; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/reports/{view_id}",
            config,
            view_id=view_id,
        )

    def get_query_tables(self, config: Optional[Config] = None) -> Any:
        """List the workspace's query tables; returns data.queryTables."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/querytables",
            config,
            want="data.queryTables",
        )

    def get_query_table_details(self, query_table_id: Id) -> Any:
        """Fetch a query table's SQL, columns and sources; returns data."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/querytables/{query_table_id}",
            want="data",
            query_table_id=query_table_id,
        )

    def get_tags(self) -> Any:
        """List the workspace's tags; returns data.tags."""
        return self._call(
            "GET", "/restapi/v2/workspaces/{workspace_id}/tags", want="data.tags"
        )

    def create_tag(
        self, name: str, color_code: str, config: Optional[Config] = None
    ) -> Any:
        """Create a tag; returns the new tag id (data.tagId, str)."""
        cfg = _merged(config, name=name, colorCode=color_code)
        return self._call(
            "POST", "/restapi/v2/workspaces/{workspace_id}/tags", cfg, want="data.tagId"
        )

    def update_tag(self, tag_id: Id, config: Optional[Config] = None) -> None:
        """Change a tag's name or colorCode; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/tags/{tag_id}",
            config,
            tag_id=tag_id,
        )

    def delete_tag(self, tag_id: Id) -> None:
        """Delete a tag; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/tags/{tag_id}",
            tag_id=tag_id,
        )

    def get_tagged_views(self, tag_id: Id, config: Optional[Config] = None) -> Any:
        """List the views that carry a tag; returns data.views."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/tags/{tag_id}/views",
            config,
            want="data.views",
            tag_id=tag_id,
        )

    def add_tag_to_views(
        self, tag_id: Id, view_ids: Sequence[Id], config: Optional[Config] = None
    ) -> None:
        """Put a tag on views; returns None."""
        cfg = _merged(config, viewIds=view_ids)
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/tags/{tag_id}/views",
            cfg,
            tag_id=tag_id,
        )

    def remove_tag_from_views(
        self, tag_id: Id, config: Optional[Config] = None
    ) -> None:
        """Untag the views config names (viewIds or dissociateAll); returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/tags/{tag_id}/views",
            config,
            tag_id=tag_id,
        )

    def get_automl_analyses(self) -> Any:
        """List the workspace's AutoML analyses; returns data.analysis."""
        return self._call(
            "GET",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis",
            want="data.analysis",
        )

    def get_automl_analysis_details(self, analysis_id: Id) -> Any:
        """Fetch an AutoML analysis and its models; returns data.analysis."""
        return self._call(
            "GET",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}",
            want="data.analysis",
            analysis_id=analysis_id,
        )

    def create_automl_analysis(
        self,
        name: str,
        training_table_id: Id,
        prediction_type: str,
        features: Sequence[str],
        server_option: int,
        algorithms: Dict[str, Any],
        config: Optional[Config] = None,
    ) -> Any:
        """Create and train an AutoML analysis; returns its id (data.id, str)."""
        cfg = _merged(
            config,
            name=name,
            trainingTableId=training_table_id,
            predictionType=prediction_type,
            features=features,
            serverOption=server_option,
            algorithms=algorithms,
        )
        return self._call(
            "POST",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis",
            cfg,
            want="data.id",
        )

    def get_automl_model_deployments(self, analysis_id: Id, model_id: Id) -> Any:
        """Fetch the deployment of an AutoML model; returns data.deployments."""
        return self._call(
            "GET",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}/models/{model_id}/deployments",
            want="data.deployments",
            analysis_id=analysis_id,
            model_id=model_id,
        )

    def create_automl_deployment(
        self,
        analysis_id: Id,
        model_id: Id,
        input_table_id: Id,
        output_table: str,
        schedule_details: Dict[str, Any],
        output_columns: Sequence[str],
        prediction_column: str,
        server_option: int,
        import_type: str,
        config: Optional[Config] = None,
    ) -> Any:
        """Deploy an AutoML model on a table; returns data.deployments."""
        cfg = _merged(
            config,
            inputTableId=input_table_id,
            outputTable=output_table,
            scheduleDetails=schedule_details,
            outputColumns=output_columns,
            predictionColumn=prediction_column,
            serverOption=server_option,
            importType=import_type,
        )
        return self._call(
            "POST",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}/models/{model_id}/deployments",
            cfg,
            want="data.deployments",
            analysis_id=analysis_id,
            model_id=model_id,
        )

    def automl_what_if_analysis(
        self,
        analysis_id: Id,
        model_id: Id,
        features: Dict[str, Any],
        config: Optional[Config] = None,
    ) -> Any:
        """Predict from hypothetical feature values; returns data."""
        cfg = _merged(config, features=features)
        return self._call(
            "POST",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}/models/{model_id}/whatif",
            cfg,
            want="data",
            analysis_id=analysis_id,
            model_id=model_id,
        )

    def run_automl_analysis(self, analysis_id: Id, deployment_id: Id) -> None:
        """Run an AutoML deployment now; returns None."""
        self._call(
            "POST",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}/deployments/{deployment_id}/execute",
            analysis_id=analysis_id,
            deployment_id=deployment_id,
        )

    def delete_automl_deployment(self, analysis_id: Id, deployment_id: Id) -> None:
        """Delete an AutoML model deployment; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}/deployments/{deployment_id}",
            analysis_id=analysis_id,
            deployment_id=deployment_id,
        )

    def delete_automl_model(self, analysis_id: Id, model_id: Id) -> None:
        """Delete a model of an AutoML analysis; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}/models/{model_id}",
            analysis_id=analysis_id,
            model_id=model_id,
        )

    def delete_automl_analysis(self, analysis_id: Id) -> None:
        """Delete an AutoML analysis; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/automl/workspaces/{workspace_id}/analysis/{analysis_id}",
            analysis_id=analysis_id,
        )

    getSecretKey = get_secret_key
    addFavorite = add_favorite
    removeFavorite = remove_favorite
    addDefault = add_default
    removeDefault = remove_default
    getAdmins = get_admins
    addAdmins = add_admins
    removeAdmins = remove_admins
    getShareInfo = get_share_info
    shareViews = share_views
    removeShare = remove_share
    getSharedDetailsForViews = get_shared_details_for_views
    getFolders = get_folders
    createFolder = create_folder
    getViews = get_views
    createTable = create_table
    createQueryTable = create_query_table
    editQueryTable = edit_query_table
    copyViews = copy_views
    enableDomainAccess = enable_domain_access
    disableDomainAccess = disable_domain_access
    renameFolder = rename_folder
    deleteFolder = delete_folder
    getGroups = get_groups
    createGroup = create_group
    getGroupDetails = get_group_details
    renameGroup = rename_group
    deleteGroup = delete_group
    addGroupMembers = add_group_members
    removeGroupMembers = remove_group_members
    createSlideshow = create_slideshow
    updateSlideshow = update_slideshow
    deleteSlideshow = delete_slideshow
    getSlideshows = get_slideshows
    getSlideshowUrl = get_slideshow_url
    getSlideshowDetails = get_slideshow_details
    createVariable = create_variable
    updateVariable = update_variable
    deleteVariable = delete_variable
    getVariables = get_variables
    getVariableDetails = get_variable_details
    makeDefaultFolder = make_default_folder
    getDatasources = get_datasources
    syncData = sync_data
    updateDatasourceConnection = update_datasource_connection
    getTrashViews = get_trash_views
    restoreTrashViews = restore_trash_views
    deleteTrashViews = delete_trash_views
    changeFolderHierarchy = change_folder_hierarchy
    changeFolderPosition = change_folder_position
    moveViewsToFolder = move_views_to_folder
    exportAsTemplate = export_as_template
    getWorkspaceUsers = get_workspace_users
    addWorkspaceUsers = add_workspace_users
    removeWorkspaceUsers = remove_workspace_users
    changeWorkspaceUserStatus = change_workspace_user_status
    changeWorkspaceUserRole = change_workspace_user_role
    getEmailSchedules = get_email_schedules
    createEmailSchedule = create_email_schedule
    updateEmailSchedule = update_email_schedule
    triggerEmailSchedule = trigger_email_schedule
    changeEmailScheduleStatus = change_email_schedule_status
    deleteEmailSchedule = delete_email_schedule
    getAggregateFormulas = get_aggregate_formulas
    getAggregateFormulaDependents = get_aggregate_formula_dependents
    getAggregateFormulaValue = get_aggregate_formula_value
    createReport = create_report
    updateReport = update_report
    getQueryTables = get_query_tables
    getQueryTableDetails = get_query_table_details
    getTags = get_tags
    createTag = create_tag
    updateTag = update_tag
    deleteTag = delete_tag
    getTaggedViews = get_tagged_views
    addTagToViews = add_tag_to_views
    removeTagFromViews = remove_tag_from_views
    getAutomlAnalyses = get_automl_analyses
    getAutomlAnalysisDetails = get_automl_analysis_details
    createAutomlAnalysis = create_automl_analysis
    getAutomlModelDeployments = get_automl_model_deployments
    createAutomlDeployment = create_automl_deployment
    automlWhatIfAnalysis = automl_what_if_analysis
    runAutomlAnalysis = run_automl_analysis
    deleteAutomlDeployment = delete_automl_deployment
    deleteAutomlModel = delete_automl_model
    deleteAutomlAnalysis = delete_automl_analysis


class ViewAPI(_API):
    """Calls about one view: rows, columns, formulas, publishing."""

    def __init__(
        self, client: AnalyticsClient, org_id: Id, workspace_id: Id, view_id: Id
    ) -> None:
        super().__init__(client, org_id, workspace_id=workspace_id, view_id=view_id)

    def rename(self, view_name: str, config: Optional[Config] = None) -> None:
        """Rename the view; returns None."""
        cfg = _merged(config, viewName=view_name)
        self._call("PUT", "/restapi/v2/workspaces/{workspace_id}/views/{view_id}", cfg)

    def delete(self, config: Optional[Config] = None) -> None:
        """Delete the view (it goes to the workspace's trash); returns None."""
        self._call(
            "DELETE", "/restapi/v2/workspaces/{workspace_id}/views/{view_id}", config
        )

    def save_as(self, new_view_name: str, config: Optional[Config] = None) -> Any:
        """Save a copy of the view under a new name; returns the new view id (int)."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/saveas",
            _merged(config, viewName=new_view_name),
            want="data.viewId",
            convert=int,
        )

    def copy_formulas(
        self,
        formula_names: Any,
        dest_workspace_id: Id,
        config: Optional[Config] = None,
        dest_org_id: Optional[Id] = None,
    ) -> None:
        """Copy formula columns of this table to another workspace; returns None."""
        cfg = _merged(
            config, formulaColumnNames=formula_names, destWorkspaceId=dest_workspace_id
        )
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/formulas/copy",
            cfg,
            dest_org_id=dest_org_id,
        )

    def add_favorite(self) -> None:
        """Mark the view as a favorite of the user; returns None."""
        self._call(
            "POST", "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/favorite"
        )

    def remove_favorite(self) -> None:
        """Remove the view from the user's favorites; returns None."""
        self._call(
            "DELETE", "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/favorite"
        )

    def create_similar_views(
        self, ref_view_id: Id, folder_id: Id, config: Optional[Config] = None
    ) -> None:
        """Create views like those of a reference table for this table; returns None."""
        cfg = _merged(config, referenceViewId=ref_view_id, folderId=folder_id)
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/similarviews",
            cfg,
        )

    def auto_analyse(self, config: Optional[Config] = None) -> None:
        """Have Zoho create reports that analyse the table; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/autoanalyse",
            config,
        )

    def get_my_permissions(self) -> Any:
        """Fetch the user's permissions on the view; returns data.permissions."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/share/userpermissions",
            want="data.permissions",
        )

    def get_view_url(self, config: Optional[Config] = None) -> Any:
        """Fetch the view's URL; returns data.viewUrl."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish",
            config,
            want="data.viewUrl",
        )

    def get_embed_url(self, config: Optional[Config] = None) -> Any:
        """Fetch the URL that embeds the view; returns data.embedUrl."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/embed",
            config,
            want="data.embedUrl",
        )

    def get_private_url(self, config: Optional[Config] = None) -> Any:
        """Fetch the view's private link; returns data.privateUrl."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/privatelink",
            config,
            want="data.privateUrl",
        )

    def create_private_url(self, config: Optional[Config] = None) -> Any:
        """Create a private link to the view; returns data.privateUrl."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/privatelink",
            config,
            want="data.privateUrl",
        )

    def remove_private_access(self) -> None:
        """Remove the view's private link; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/privatelink",
        )

    def make_view_public(self, config: Optional[Config] = None) -> Any:
        """Publish the view to everyone; returns data.publicUrl."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/public",
            config,
            want="data.publicUrl",
        )

    def remove_public_access(self) -> None:
        """Stop publishing the view to everyone; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/public",
        )

    def get_publish_configurations(self) -> Any:
        """Fetch how the view is published; returns the answer's data."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/config",
            want="data",
        )

    def update_publish_configurations(self, config: Optional[Config] = None) -> None:
        """Change how the view is published; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/publish/config",
            config,
        )

    def add_column(
        self, column_name: str, data_type: str, config: Optional[Config] = None
    ) -> Any:
        """Add a column to the table; returns the new column id (int)."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns",
            _merged(config, columnName=column_name, dataType=data_type),
            want="data.columnId",
            convert=int,
        )

    def hide_columns(self, column_ids: Any) -> None:
        """Hide columns of the table; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/hide",
            _merged(None, columnIds=column_ids),
        )

    def show_columns(self, column_ids: Any) -> None:
        """Show hidden columns of the table again; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/show",
            _merged(None, columnIds=column_ids),
        )

    def add_row(self, column_values: Any, config: Optional[Config] = None) -> Any:
        """Add a row ({column name: value}); returns the answer's data."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/rows",
            _merged(config, columns=column_values),
            want="data",
        )

    def update_row(
        self, column_values: Any, criteria: str, config: Optional[Config] = None
    ) -> Any:
        """Update the rows that match criteria; returns the answer's data."""
        return self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/rows",
            _merged(config, columns=column_values, criteria=criteria),
            want="data",
        )

    def delete_row(self, criteria: str, config: Optional[Config] = None) -> Any:
        """Delete the rows that match criteria; returns data.deletedRows."""
        return self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/rows",
            _merged(config, criteria=criteria),
            want="data.deletedRows",
        )

    def rename_column(
        self, column_id: Id, column_name: str, config: Optional[Config] = None
    ) -> None:
        """Rename a column of the table; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/{column_id}",
            _merged(config, columnName=column_name),
            column_id=column_id,
        )

    def delete_column(self, column_id: Id, config: Optional[Config] = None) -> None:
        """Delete a column of the table; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/{column_id}",
            config,
            column_id=column_id,
        )

    def add_lookup(
        self,
        column_id: Id,
        ref_view_id: Id,
        ref_column_id: Id,
        config: Optional[Config] = None,
    ) -> None:
        """Make a column look up a column of another table; returns None."""
        cfg = _merged(
            config, referenceViewId=ref_view_id, referenceColumnId=ref_column_id
        )
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/{column_id}/lookup",
            cfg,
            column_id=column_id,
        )

    def remove_lookup(self, column_id: Id, config: Optional[Config] = None) -> None:
        """Remove a column's lookup; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/{column_id}/lookup",
            config,
            column_id=column_id,
        )

    def auto_analyse_column(
        self, column_id: Id, config: Optional[Config] = None
    ) -> None:
        """Have Zoho create reports that analyse one column; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/{column_id}/autoanalyse",
            config,
            column_id=column_id,
        )

    def refetch_data(self, config: Optional[Config] = None) -> None:
        """Fetch the table's data from its source again now; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/sync",
            config,
        )

    def get_last_import_details(self) -> Any:
        """Fetch the summary of the table's last import; returns the answer's data."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/importdetails",
            want="data",
        )

    def get_formula_columns(self) -> Any:
        """List the table's formula columns; returns data.formulaColumns."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/formulacolumns",
            want="data.formulaColumns",
        )

    def add_formula_column(
        self, formula_name: str, expression: str, config: Optional[Config] = None
    ) -> Any:
        """Add a formula column to the table; returns data.formulaId."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/formulacolumns",
            _merged(config, formulaName=formula_name, expression=expression),
            want="data.formulaId",
        )

    def edit_formula_column(
        self, formula_id: Id, expression: str, config: Optional[Config] = None
    ) -> None:
        """Change a formula column's expression; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/formulacolumns/{formula_id}",
            _merged(config, expression=expression),
            formula_id=formula_id,
        )

    def delete_formula_column(
        self, formula_id: Id, config: Optional[Config] = None
    ) -> None:
        """Delete a formula column; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/formulacolumns/{formula_id}",
            config,
            formula_id=formula_id,
        )

    def get_aggregate_formulas(self) -> Any:
        """List the table's aggregate formulas; returns data.aggregateFormulas."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/aggregateformulas",
            want="data.aggregateFormulas",
        )

    def add_aggregate_formula(
        self, formula_name: str, expression: str, config: Optional[Config] = None
    ) -> Any:
        """Add an aggregate formula to the table; returns data.formulaId."""
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/aggregateformulas",
            _merged(config, formulaName=formula_name, expression=expression),
            want="data.formulaId",
        )

    def edit_aggregate_formula(
        self, formula_id: Id, expression: str, config: Optional[Config] = None
    ) -> None:
        """Change an aggregate formula's expression; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/aggregateformulas/{formula_id}",
            _merged(config, expression=expression),
            formula_id=formula_id,
        )

    def delete_aggregate_formula(
        self, formula_id: Id, config: Optional[Config] = None
    ) -> None:
        """Delete an aggregate formula; returns None."""
        self._call(
            "DELETE",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/aggregateformulas/{formula_id}",
            config,
            formula_id=formula_id,
        )

    def get_view_dependents(self) -> Any:
        """List the views built on this view; returns data.views."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/dependents",
            want="data.views",
        )

    def get_column_dependents(self, column_id: Id) -> Any:
        """List the views and formulas that use a column; returns the answer's data."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/{column_id}/dependents",
            want="data",
            column_id=column_id,
        )

    def update_shared_details(self, config: Optional[Config] = None) -> None:
        """Change the permissions the view is shared with; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/share",
            config,
        )

    def get_table_metadata(self) -> Any:
        """Fetch the table's columns and their attributes; returns data.columns."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/metadata",
            want="data.columns",
        )

    def get_datasources(self) -> Any:
        """List the data sources that feed the view; returns data.dataSources."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/datasources",
            want="data.dataSources",
        )

    def sort_data_by_columns(
        self, column_ids: Any, sort_order: int, config: Optional[Config] = None
    ) -> None:
        """Sort the table's data by columns (sort_order 1 up, 2 down); returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/data/sort",
            _merged(config, columns=column_ids, sortOrder=sort_order),
        )

    def reorder_columns(self, column_ids: Any, config: Optional[Config] = None) -> None:
        """Order all the table's columns as in column_ids; returns None."""
        self._call(
            "PUT",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/columns/reorder",
            _merged(config, columns=column_ids),
        )

    def get_view_tags(self) -> Any:
        """List the tags of the view; returns data.tags."""
        return self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/tags",
            want="data.tags",
        )

    def add_tags_to_view(self, tag_ids: Any, config: Optional[Config] = None) -> None:
        """Tag the view with existing tags; returns None."""
        self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/tags",
            _merged(config, tagIds=tag_ids),
        )

    def remove_tags_from_view(
        self, tag_ids: Any = None, config: Optional[Config] = None
    ) -> None:
        """Untag the view (tag_ids None: config says dissociateAll); returns None."""
        cfg = _merged(config) if tag_ids is None else _merged(config, tagIds=tag_ids)
        self._call(
            "DELETE", "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/tags", cfg
        )

    saveAs = save_as
    copyFormulas = copy_formulas
    addFavorite = add_favorite
    removeFavorite = remove_favorite
    createSimilarViews = create_similar_views
    autoAnalyse = auto_analyse
    getMyPermissions = get_my_permissions
    getViewUrl = get_view_url
    getEmbedUrl = get_embed_url
    getPrivateUrl = get_private_url
    createPrivateUrl = create_private_url
    removePrivateAccess = remove_private_access
    makeViewPublic = make_view_public
    removePublicAccess = remove_public_access
    getPublishConfigurations = get_publish_configurations
    updatePublishConfigurations = update_publish_configurations
    addColumn = add_column
    hideColumns = hide_columns
    showColumns = show_columns
    addRow = add_row
    updateRow = update_row
    deleteRow = delete_row
    renameColumn = rename_column
    deleteColumn = delete_column
    addLookup = add_lookup
    removeLookup = remove_lookup
    autoAnalyseColumn = auto_analyse_column
    refetchData = refetch_data
    getLastImportDetails = get_last_import_details
    getFormulaColumns = get_formula_columns
    addFormulaColumn = add_formula_column
    editFormulaColumn = edit_formula_column
    deleteFormulaColumn = delete_formula_column
    getAggregateFormulas = get_aggregate_formulas
    addAggregateFormula = add_aggregate_formula
    editAggregateFormula = edit_aggregate_formula
    deleteAggregateFormula = delete_aggregate_formula
    getViewDependents = get_view_dependents
    getColumnDependents = get_column_dependents
    updateSharedDetails = update_shared_details
    getTableMetadata = get_table_metadata
    getDatasources = get_datasources
    sortDataByColumns = sort_data_by_columns
    reorderColumns = reorder_columns
    getViewTags = get_view_tags
    addTagsToView = add_tags_to_view
    removeTagsFromView = remove_tags_from_view


class BulkAPI(_API):
    """Imports and exports of one workspace, and their asynchronous jobs."""

    def __init__(self, client: AnalyticsClient, org_id: Id, workspace_id: Id) -> None:
        super().__init__(client, org_id, workspace_id=workspace_id)

    def get_import_job_details(self, job_id: Id) -> Any:
        """Fetch an import job's status and summary; returns the answer's data."""
        return self._call(
            "GET",
            "/restapi/v2/bulk/workspaces/{workspace_id}/importjobs/{job_id}",
            want="data",
            job_id=job_id,
        )

    def wait_for_import_job(
        self,
        job_id: Id,
        timeout: Optional[float] = 3600.0,
        interval: float = 2.0,
        max_interval: float = 30.0,
        progress: Optional[Callable[[Dict[str, Any]], None]] = None,
    ) -> Dict[str, Any]:
        """Poll an import job until it is done; returns its final details.

        Calls get_import_job_details first at once, then after ``interval``
        seconds, each wait 1.5 times the last up to ``max_interval``, and never
        past ``timeout`` seconds from the start (None: no limit), when one last
        poll is made. ``progress(details)`` is called after every poll. Returns
        the details of job code 1004 (with ``jobInfo.importSummary``). Raises
        JobFailedException (``errorCode`` 1003, the message carries Zoho's
        ``importErrors``) when the job failed, the same with 1005 when Zoho no
        longer knows it, and JobTimeoutException when the time is up: the job
        goes on at Zoho.
        """
        return _wait_for_job(
            "import",
            self.get_import_job_details,
            job_id,
            timeout,
            interval,
            max_interval,
            progress,
        )

    def wait_for_export_job(
        self,
        job_id: Id,
        timeout: Optional[float] = 3600.0,
        interval: float = 2.0,
        max_interval: float = 30.0,
        progress: Optional[Callable[[Dict[str, Any]], None]] = None,
    ) -> Dict[str, Any]:
        """Poll an export job until it is done; returns its final details.

        Works as wait_for_import_job, over get_export_job_details; once it
        returns, export_bulk_data downloads the data.
        """
        return _wait_for_job(
            "export",
            self.get_export_job_details,
            job_id,
            timeout,
            interval,
            max_interval,
            progress,
        )

    def import_data(
        self,
        view_id: Id,
        import_type: str,
        file_type: str,
        auto_identify: Union[bool, str],
        file_path: str,
        config: Optional[Config] = None,
    ) -> Any:
        """Import a file into an existing table; returns the import summary (data)."""
        cfg = _merged(
            config,
            fileType=file_type,
            autoIdentify=auto_identify,
            importType=import_type,
        )
        upload = _file_upload(file_path)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/data",
            cfg,
            want="data",
            body=lambda: upload,
            view_id=view_id,
        )

    def import_data_in_new_table(
        self,
        table_name: str,
        file_type: str,
        auto_identify: Union[bool, str],
        file_path: str,
        config: Optional[Config] = None,
    ) -> Any:
        """Import a file into a new table; returns the import summary (data)."""
        cfg = _merged(
            config, tableName=table_name, fileType=file_type, autoIdentify=auto_identify
        )
        upload = _file_upload(file_path)
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/data",
            cfg,
            want="data",
            body=lambda: upload,
        )

    def import_raw_data(
        self,
        view_id: Id,
        import_type: str,
        file_type: str,
        auto_identify: Union[bool, str],
        data: Any,
        config: Optional[Config] = None,
    ) -> Any:
        """Import data given as text into a table; returns the import summary (data)."""
        cfg = _merged(
            config,
            fileType=file_type,
            autoIdentify=auto_identify,
            importType=import_type,
        )
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/data",
            cfg,
            want="data",
            data=_raw_data(data),
            view_id=view_id,
        )

    def import_raw_data_in_new_table(
        self,
        table_name: str,
        file_type: str,
        auto_identify: Union[bool, str],
        data: Any,
        config: Optional[Config] = None,
    ) -> Any:
        """Import data given as text into a new table; returns the summary (data)."""
        cfg = _merged(
            config, tableName=table_name, fileType=file_type, autoIdentify=auto_identify
        )
        return self._call(
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/data",
            cfg,
            want="data",
            data=_raw_data(data),
        )

    def import_bulk_data(
        self,
        view_id: Id,
        import_type: str,
        file_type: str,
        auto_identify: Union[bool, str],
        file_path: str,
        config: Optional[Config] = None,
    ) -> Any:
        """Start an import job into an existing table; returns data.jobId."""
        cfg = _merged(
            config,
            fileType=file_type,
            autoIdentify=auto_identify,
            importType=import_type,
        )
        upload = _file_upload(file_path)
        return self._call(
            "POST",
            "/restapi/v2/bulk/workspaces/{workspace_id}/views/{view_id}/data",
            cfg,
            want="data.jobId",
            body=lambda: upload,
            view_id=view_id,
        )

    def import_bulk_data_in_new_table(
        self,
        table_name: str,
        file_type: str,
        auto_identify: Union[bool, str],
        file_path: str,
        config: Optional[Config] = None,
    ) -> Any:
        """Start an import job into a new table; returns data.jobId."""
        cfg = _merged(
            config, tableName=table_name, fileType=file_type, autoIdentify=auto_identify
        )
        upload = _file_upload(file_path)
        return self._call(
            "POST",
            "/restapi/v2/bulk/workspaces/{workspace_id}/data",
            cfg,
            want="data.jobId",
            body=lambda: upload,
        )

    def import_data_as_batches(
        self,
        view_id: Id,
        import_type: str,
        auto_identify: Union[bool, str],
        file_path: str,
        batch_size: int,
        config: Optional[Config] = None,
        tool_config: Optional[Config] = None,
    ) -> Any:
        """Import a CSV into a table, batch_size records a call; returns data.jobId.

        The header record heads every batch; quoted fields stay whole. Everything
        is checked before the first batch is sent (at most 100 batches of at most
        100 MB). ``tool_config`` is accepted for compatibility and ignored.
        """
        cfg = _merged(config, importType=import_type, autoIdentify=auto_identify)
        return self._send_batches(
            "/restapi/v2/bulk/workspaces/{workspace_id}/views/{view_id}/data/batch",
            cfg,
            file_path,
            batch_size,
            view_id=view_id,
        )

    def import_data_in_new_table_as_batches(
        self,
        table_name: str,
        auto_identify: Union[bool, str],
        file_path: str,
        batch_size: int,
        config: Optional[Config] = None,
        tool_config: Optional[Config] = None,
    ) -> Any:
        """Import a CSV into a new table, batch_size records a call; returns data.jobId.

        As import_data_as_batches; ``tool_config`` is accepted and ignored.
        """
        cfg = _merged(config, tableName=table_name, autoIdentify=auto_identify)
        return self._send_batches(
            "/restapi/v2/bulk/workspaces/{workspace_id}/data/batch",
            cfg,
            file_path,
            batch_size,
        )

    def _send_batches(
        self,
        template: str,
        config: Dict[str, Any],
        file_path: str,
        batch_size: int,
        **ids: Any
    ) -> Any:
        """Send a CSV file in batches to a batch import path; return the job id.

        The first batch carries batchKey "start", every later one the batchKey of
        the answer before it; isLastBatch is "true" on the last batch only.
        """
        path = os.fspath(file_path)
        header, ranges = _csv_batches(
            path, batch_size, _csv_quote(config), _csv_delimiter(config)
        )
        uploads = [_batch_upload(path, header, records) for records in ranges]
        key, job = "start", None  # type: Tuple[Any, Any]
        for number, upload in enumerate(uploads, 1):
            last = number == len(uploads)
            cfg = _merged(config, batchKey=key, isLastBatch="true" if last else "false")
            try:
                answer = self._call(
                    "POST", template, cfg, want="data", body=lambda: upload, **ids
                )
            except AnalyticsError as error:
                _batch_failed(error, number, len(uploads), job, key)
                raise
            if isinstance(answer, dict):
                key, job = answer.get("batchKey", key), answer.get("jobId", job)
            if job is None or (key == "start" and not last):
                raise ParseException(
                    "the answer to batch %d of %d has no jobId and batchKey"
                    % (number, len(uploads)),
                    json.dumps(answer),
                )
        return job

    def export_data(
        self,
        view_id: Id,
        response_format: str,
        file_path: Any,
        config: Optional[Config] = None,
    ) -> None:
        """Export a view's data into file_path (written atomically); returns None."""
        cfg = _merged(config, responseFormat=response_format)
        self._call(
            "GET",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/data",
            cfg,
            sink=_sink_for(file_path),
            view_id=view_id,
        )

    def initiate_bulk_export(
        self, view_id: Id, response_format: str, config: Optional[Config] = None
    ) -> Any:
        """Start an export job of a view's data; returns data.jobId."""
        return self._call(
            "GET",
            "/restapi/v2/bulk/workspaces/{workspace_id}/views/{view_id}/data",
            _merged(config, responseFormat=response_format),
            want="data.jobId",
            view_id=view_id,
        )

    def initiate_bulk_export_using_sql(
        self, sql_query: str, response_format: str, config: Optional[Config] = None
    ) -> Any:
        """Start an export job of an SQL SELECT's result; returns data.jobId."""
        return self._call(
            "GET",
            "/restapi/v2/bulk/workspaces/{workspace_id}/data",
            _merged(config, responseFormat=response_format, sqlQuery=sql_query),
            want="data.jobId",
        )

    def get_export_job_details(self, job_id: Id) -> Any:
        """Fetch an export job's status; returns the answer's data."""
        return self._call(
            "GET",
            "/restapi/v2/bulk/workspaces/{workspace_id}/exportjobs/{job_id}",
            want="data",
            job_id=job_id,
        )

    def export_bulk_data(self, job_id: Id, file_path: Any) -> None:
        """Download a finished export job's data into file_path; returns None."""
        self._call(
            "GET",
            "/restapi/v2/bulk/workspaces/{workspace_id}/exportjobs/{job_id}/data",
            sink=_sink_for(file_path),
            job_id=job_id,
        )

    getImportJobDetails = get_import_job_details
    importData = import_data
    importDataInNewTable = import_data_in_new_table
    importRawData = import_raw_data
    importRawDataInNewTable = import_raw_data_in_new_table
    importBulkData = import_bulk_data
    importBulkDataInNewTable = import_bulk_data_in_new_table
    importDataAsBatches = import_data_as_batches
    importDataInNewTableAsBatches = import_data_in_new_table_as_batches
    exportData = export_data
    initiateBulkExport = initiate_bulk_export
    initiateBulkExportUsingSql = initiate_bulk_export_using_sql
    initiateBulkExportUsingSQL = initiate_bulk_export_using_sql
    getExportJobDetails = get_export_job_details
    exportBulkData = export_bulk_data
    waitForImportJob = wait_for_import_job
    waitForExportJob = wait_for_export_job


def _wait_for_job(
    kind: str,
    fetch: Callable[[Id], Dict[str, Any]],
    job_id: Id,
    timeout: Optional[float],
    interval: float,
    max_interval: float,
    progress: Optional[Callable[[Dict[str, Any]], None]],
) -> Dict[str, Any]:
    """Poll fetch(job_id) with growing pauses until the job is done, failed or late."""
    if not interval > 0 or not max_interval > 0:
        raise ValueError("interval and max_interval must be more than 0 seconds")
    if timeout is not None and not timeout >= 0:
        raise ValueError("timeout must be 0 or more seconds, or None")
    job = _id_text("job_id", job_id)
    deadline = None if timeout is None else time.monotonic() + timeout
    pause = min(interval, max_interval)

    while True:
        details = fetch(job_id)
        if progress is not None:
            progress(details)
        code = str(details.get("jobCode", ""))
        if code == _JOB_DONE:
            return details
        if code in (_JOB_FAILED, _JOB_NOT_FOUND):
            raise _job_failure(kind, job, code, details)

        # Not done yet: sleep, but never past the deadline, then poll once more.
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise JobTimeoutException(
                "%s job %s is not done after %g s (last status %s, code %s); it goes "
                "on at Zoho: wait again or allow a longer timeout"
                % (kind, job, cast(float, timeout), details.get("jobStatus"), code),
                job,
                cast(float, timeout),
                details,
            )
        delay = pause if left is None else min(pause, left)
        logger.debug("%s job %s: code %s; next poll in %.1f s", kind, job, code, delay)
        time.sleep(delay)
        pause = min(pause * 1.5, max_interval)


def _job_failure(
    kind: str, job_id: str, code: str, details: Dict[str, Any]
) -> JobFailedException:
    """The exception for a job that ended in error (1003) or is unknown (1005)."""
    if code == _JOB_NOT_FOUND:
        message = "%s job %s not found (%s): check the job id and the workspace" % (
            kind,
            job_id,
            details.get("jobStatus") or "JOB NOT FOUND",
        )
    else:
        info = details.get("jobInfo")
        reason = (
            (info.get("importErrors") if isinstance(info, dict) else None)
            or details.get("errorMessage")
            or details.get("jobStatus")
            or "ERROR OCCURRED"
        )
        message = "%s job %s failed: %s" % (kind, job_id, reason)
    error = JobFailedException(
        message,
        int(code),
        summary=details.get("jobStatus"),
        response_content=json.dumps(details),
    )
    error.job_id = job_id
    error.details = details
    return error


# Nested names, as in Zoho's client (AnalyticsClient.BulkAPI and so on).
AnalyticsClient.OrgAPI = OrgAPI  # type: ignore[attr-defined]
AnalyticsClient.WorkspaceAPI = WorkspaceAPI  # type: ignore[attr-defined]
AnalyticsClient.ViewAPI = ViewAPI  # type: ignore[attr-defined]
AnalyticsClient.BulkAPI = BulkAPI  # type: ignore[attr-defined]


# Command line: python -m AnalyticsClient
#
# A thin shell over the API classes for people and scripts: results go to stdout
# (JSON with --json), everything else to stderr in one line. Credentials come from
# the environment or a credentials file that only its owner can read, never from
# arguments, which other users can see in the process list.

_CLI = "python -m AnalyticsClient"
_CREDENTIALS_FILE = "~/.config/zoho-analytics/credentials"
_CREDENTIALS_SECTION = "zoho-analytics"
_CREDENTIAL_VARS = (
    ("client_id", "ZOHO_CLIENT_ID"),
    ("client_secret", "ZOHO_CLIENT_SECRET"),
    ("refresh_token", "ZOHO_REFRESH_TOKEN"),
)
_EXPORT_FORMATS = ("csv", "json", "xml", "xls", "pdf", "html", "image")
_FORMAT_OF_SUFFIX = {
    ".csv": "csv",
    ".json": "json",
    ".xml": "xml",
    ".xls": "xls",
    ".xlsx": "xls",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
}

# Exit codes.
_EXIT_ZOHO = 1  # Zoho answered with an error, or an answer could not be read
_EXIT_USAGE = 2  # bad arguments, missing credentials or ids, a local file problem
_EXIT_NETWORK = 3
_EXIT_JOB_FAILED = 4  # job code 1003, or 1005 (not found)
_EXIT_JOB_LATE = 5  # the job was still running when --timeout ran out

_EPILOG = """\
credentials:
  ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN, or the file given
  by --config (default %(file)s) that only its owner
  may read (chmod 600):

    [%(section)s]
    client_id = 1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    client_secret = ...
    refresh_token = 1000....
    data_centre = eu        (optional)

  A variable that is set wins over the file. Ids: --org and --workspace, or
  ZOHO_ORG_ID and ZOHO_WORKSPACE_ID. Options may come before or after the command.

exit codes:
  0 done, 1 Zoho error, 2 usage, 3 network, 4 job failed, 5 job still running
  when --timeout ran out
""" % {
    "file": _CREDENTIALS_FILE,
    "section": _CREDENTIALS_SECTION,
}


class _UsageError(Exception):
    """A problem the user fixes by running the command differently (exit 2)."""


def _global_options(late: bool) -> argparse.ArgumentParser:
    """The options every command takes; ``late`` builds the copy for after it.

    The copy that sub-commands parse sets nothing when an option is absent, so a
    value given before the command is not overwritten by a default after it.
    """
    unset = argparse.SUPPRESS if late else None
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("global options")
    group.add_argument(
        "--org", metavar="ID", default=unset, help="organisation id (ZOHO_ORG_ID)"
    )
    group.add_argument(
        "--workspace",
        metavar="ID",
        default=unset,
        help="workspace id (ZOHO_WORKSPACE_ID)",
    )
    group.add_argument(
        "--data-centre",
        choices=sorted(DATA_CENTRES),
        metavar="DC",
        default=unset,
        help="data centre of the account: %s (default us)"
        % ", ".join(sorted(DATA_CENTRES)),
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if late else False,
        help="print results as JSON",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        dest="verbose_late" if late else "verbose",
        default=argparse.SUPPRESS if late else 0,
        help="log to stderr (-vv: every request)",
    )
    group.add_argument(
        "--analytics-url", metavar="URL", default=unset, help="API server base URL"
    )
    group.add_argument(
        "--accounts-url", metavar="URL", default=unset, help="OAuth server base URL"
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        default=unset,
        help="credentials file (default %s)" % _CREDENTIALS_FILE,
    )
    return parent


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("not a number of seconds: %r" % text)
    return value


def _cli_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_CLI,
        description="Zoho Analytics from the command line: import and export data,\n"
        "follow bulk jobs, list organisations, workspaces and views.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_global_options(late=False)],
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands"
    )
    commands.required = True
    late = [_global_options(late=True)]

    def command(
        name: str, handler: Callable[["_Run"], int], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text, parents=late)
        sub.set_defaults(handler=handler)
        return sub

    def waiting(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--timeout",
            type=_seconds,
            default=3600.0,
            metavar="SECONDS",
            help="give up waiting after this long (default 3600)",
        )
        sub.add_argument(
            "--interval",
            type=_seconds,
            default=2.0,
            metavar="SECONDS",
            help="first pause between polls; it grows 1.5 times (default 2)",
        )
        sub.add_argument(
            "--max-interval",
            type=_seconds,
            default=30.0,
            metavar="SECONDS",
            help="longest pause between polls (default 30)",
        )

    sub = command(
        "import-job-status", _cmd_import_job_status, "show an import job's status"
    )
    sub.add_argument("job", metavar="JOB", help="import job id")
    sub = command(
        "import-job-wait",
        _cmd_import_job_wait,
        "wait for an import job to finish and show its summary",
    )
    sub.add_argument("job", metavar="JOB", help="import job id")
    waiting(sub)
    sub = command(
        "export-job-status", _cmd_export_job_status, "show an export job's status"
    )
    sub.add_argument("job", metavar="JOB", help="export job id")
    sub = command(
        "export-job-wait", _cmd_export_job_wait, "wait for an export job to finish"
    )
    sub.add_argument("job", metavar="JOB", help="export job id")
    waiting(sub)
    sub = command(
        "export-job-download",
        _cmd_export_job_download,
        "download a finished export job's data into FILE",
    )
    sub.add_argument("job", metavar="JOB", help="export job id")
    sub.add_argument("file", metavar="FILE", help="file to write (replaced whole)")

    sub = command("import", _cmd_import, "import a CSV or JSON file")
    sub.add_argument("file", metavar="FILE", help="CSV or JSON file to import")
    target = sub.add_mutually_exclusive_group(required=True)
    target.add_argument("--view", metavar="ID", help="existing table to import into")
    target.add_argument("--table-name", metavar="NAME", help="new table to create")
    sub.add_argument(
        "--import-type",
        choices=("append", "truncateadd", "updateadd"),
        help="how rows join an existing table (default append)",
    )
    sub.add_argument(
        "--matching-columns",
        metavar="COLS",
        help="comma-separated columns that identify a row (updateadd)",
    )
    sub.add_argument(
        "--file-type",
        choices=("csv", "json"),
        help="format of FILE (default from its name, else csv)",
    )
    sub.add_argument(
        "--auto-identify",
        choices=("true", "false"),
        default="true",
        help="let Zoho detect the CSV format and column types (default true)",
    )
    sub.add_argument(
        "--bulk",
        action="store_true",
        help="start an import job and print its id instead of waiting",
    )

    sub = command("export", _cmd_export, "export a view's data into FILE")
    sub.add_argument("view", metavar="VIEW", help="view id")
    sub.add_argument("file", metavar="FILE", help="file to write (replaced whole)")
    sub.add_argument(
        "--format",
        choices=_EXPORT_FORMATS + ("xlsx",),
        help="export format (default from FILE's name; xlsx means xls)",
    )
    sub.add_argument(
        "--bulk",
        action="store_true",
        help="go through an export job (for big views): start it, wait, download",
    )
    waiting(sub)

    command("orgs", _cmd_orgs, "list your organisations")
    command("workspaces", _cmd_workspaces, "list the workspaces you own or share")
    sub = command("views", _cmd_views, "list the views of a workspace")
    sub.add_argument(
        "view_workspace",
        metavar="WORKSPACE",
        nargs="?",
        help="workspace id (default --workspace)",
    )
    return parser


class _Console(object):
    """Results to stdout (as text or JSON); a live status line on a stderr terminal."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.out = sys.stdout
        self.err = sys.stderr
        self.live = _is_terminal(self.err)
        self._width = 0  # of the status line on screen

    def result(self, data: Any, lines: Sequence[str]) -> None:
        self.end_status()
        if self.as_json:
            self.out.write(json.dumps(data, indent=2) + "\n")
        else:
            for line in lines:
                self.out.write(line + "\n")
        self.out.flush()

    def status(self, text: str) -> None:
        if self.live:
            self.err.write("\r" + text.ljust(self._width))
            self.err.flush()
            self._width = len(text)

    def end_status(self) -> None:
        if self._width:
            self.err.write("\n")
            self.err.flush()
            self._width = 0


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Run(object):
    """One command's arguments, output and (lazily made) client."""

    def __init__(self, args: argparse.Namespace, console: _Console) -> None:
        self.args = args
        self.console = console
        self._client = None  # type: Optional[AnalyticsClient]

    def org(self) -> str:
        return _id_option(
            self.args.org, "ZOHO_ORG_ID", "no organisation id: pass --org ID", "orgs"
        )

    def workspace(self) -> str:
        return _id_option(
            self.args.workspace,
            "ZOHO_WORKSPACE_ID",
            "no workspace id: pass --workspace ID",
            "workspaces",
        )

    def client(self) -> AnalyticsClient:
        if self._client is None:
            self._client = _cli_client(self.args)
        return self._client

    def bulk(self) -> BulkAPI:
        org, workspace = self.org(), self.workspace()
        return self.client().get_bulk_instance(org, workspace)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _id_option(value: Optional[str], variable: str, missing: str, lister: str) -> str:
    value = value or os.environ.get(variable)
    if not value:
        raise _UsageError(
            "%s or set %s (%s %s lists them)" % (missing, variable, _CLI, lister)
        )
    return value


def _cli_client(args: argparse.Namespace) -> AnalyticsClient:
    """The client, with credentials from the environment or the credentials file."""
    found = _read_credentials(args.config)
    for name, variable in _CREDENTIAL_VARS:
        if os.environ.get(variable):
            found[name] = os.environ[variable]
    missing = [name for name, _ in _CREDENTIAL_VARS if not found.get(name)]
    if missing:
        raise _UsageError(
            "no Zoho credentials (%s missing): set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET "
            "and ZOHO_REFRESH_TOKEN, or write them to %s (chmod 600; see --help)"
            % (", ".join(missing), args.config or _CREDENTIALS_FILE)
        )

    data_centre = args.data_centre or found.get("data_centre")
    if data_centre is not None and data_centre not in DATA_CENTRES:
        raise _UsageError(
            "data_centre %r in %s is not one of %s"
            % (data_centre, args.config or _CREDENTIALS_FILE, " ".join(DATA_CENTRES))
        )
    client = AnalyticsClient(
        found["client_id"],
        found["client_secret"],
        found["refresh_token"],
        data_centre=data_centre,
    )
    if args.accounts_url:
        client.accounts_server_url = args.accounts_url
    if args.analytics_url:
        client.analytics_server_url = args.analytics_url
    return client


def _read_credentials(path: Optional[str]) -> Dict[str, str]:
    """Read the credentials file; refuse one that others may read.

    Without ``path`` the default file is read if it exists (and refused, even
    when the environment holds every credential, if others may read it).
    Messages never quote the file's lines, which hold secrets.
    """
    shown = path or _CREDENTIALS_FILE
    full = os.path.expanduser(shown)
    try:
        info = os.stat(full)
    except OSError as err:
        if path is None:
            return {}
        raise _UsageError("cannot read %s: %s" % (shown, err.strerror or err))
    if not stat.S_ISREG(info.st_mode):
        raise _UsageError("%s is not a file" % shown)
    if os.name == "posix" and info.st_mode & 0o077:
        raise _UsageError(
            "%s holds secrets but is open to other users (mode %04o): chmod 600 %s"
            % (shown, stat.S_IMODE(info.st_mode), shown)
        )

    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(full, encoding="utf-8") as handle:
            parser.read_file(handle)
        section = parser[_CREDENTIALS_SECTION]
    except (configparser.Error, KeyError, UnicodeDecodeError):
        raise _UsageError(
            "cannot read %s: it must be an INI file with a [%s] section holding "
            "client_id, client_secret and refresh_token" % (shown, _CREDENTIALS_SECTION)
        ) from None
    except OSError as err:
        raise _UsageError("cannot read %s: %s" % (shown, err.strerror or err))
    names = [name for name, _ in _CREDENTIAL_VARS] + ["data_centre"]
    return {name: section[name].strip() for name in names if section.get(name)}


# Commands


def _cmd_import_job_status(run: _Run) -> int:
    details = run.bulk().get_import_job_details(run.args.job)
    run.console.result(details, _job_lines("import", details))
    return 0


def _cmd_export_job_status(run: _Run) -> int:
    details = run.bulk().get_export_job_details(run.args.job)
    run.console.result(details, _job_lines("export", details))
    return 0


def _cmd_import_job_wait(run: _Run) -> int:
    return _wait_command(run, "import")


def _cmd_export_job_wait(run: _Run) -> int:
    return _wait_command(run, "export")


def _wait_command(run: _Run, kind: str) -> int:
    try:
        details = _wait_for(run, kind, run.args.job)
    except JobFailedException as err:
        if err.details is not None:
            run.console.result(err.details, _job_lines(kind, err.details))
        raise
    run.console.result(details, _job_lines(kind, details))
    return 0


def _wait_for(run: _Run, kind: str, job_id: str) -> Dict[str, Any]:
    """Poll a job until it ends, showing its status live on a terminal."""
    bulk, args, console = run.bulk(), run.args, run.console
    wait = bulk.wait_for_import_job if kind == "import" else bulk.wait_for_export_job
    started = time.monotonic()

    def show(details: Dict[str, Any]) -> None:
        console.status(
            "%s job %s: %s (code %s), %d s"
            % (
                kind,
                job_id,
                details.get("jobStatus"),
                details.get("jobCode"),
                time.monotonic() - started,
            )
        )

    try:
        return wait(
            job_id,
            timeout=args.timeout,
            interval=args.interval,
            max_interval=max(args.max_interval, args.interval),
            progress=show,
        )
    finally:
        console.end_status()


def _cmd_export_job_download(run: _Run) -> int:
    bulk = run.bulk()
    sink = _download_target(run.console, run.args.file)
    bulk.export_bulk_data(run.args.job, sink)
    return _downloaded(run.console, run.args.file, None)


def _cmd_export(run: _Run) -> int:
    args = run.args
    response_format = args.format or _FORMAT_OF_SUFFIX.get(
        os.path.splitext(args.file)[1].lower()
    )
    if response_format is None:
        raise _UsageError(
            "cannot tell the format from the name %s: pass --format %s"
            % (args.file, "|".join(_EXPORT_FORMATS))
        )
    if response_format == "xlsx":
        response_format = "xls"
    bulk = run.bulk()
    sink = _download_target(run.console, args.file)
    if args.bulk:
        job_id = bulk.initiate_bulk_export(args.view, response_format)
        logger.info("export job %s started", job_id)
        _wait_for(run, "export", job_id)
        bulk.export_bulk_data(job_id, sink)
    else:
        bulk.export_data(args.view, response_format, sink)
    return _downloaded(run.console, args.file, response_format)


def _download_target(console: _Console, path: str) -> _Sink:
    """Where a download goes: beside FILE until complete, with a bar on a terminal."""
    name = os.path.basename(path)
    progress = None  # type: Optional[Callable[[int, Optional[int]], None]]
    if console.live:

        def progress(received: int, total: Optional[int]) -> None:
            console.status(_byte_bar(name, received, total))

    return _sink_for(path, progress)


def _downloaded(console: _Console, path: str, response_format: Optional[str]) -> int:
    if _is_device(path):  # stdout may be the export itself: say nothing there
        console.err.write("Wrote the export to %s\n" % path)
        return 0
    size = os.path.getsize(path)
    data = {"file": os.path.abspath(path), "bytes": size}
    if response_format is not None:
        data["format"] = response_format
    console.result(data, ["Wrote %s (%s)" % (path, _byte_count(size))])
    return 0


def _cmd_import(run: _Run) -> int:
    args = run.args
    if not os.path.isfile(args.file):
        raise _UsageError("%s is not a file" % args.file)
    file_type = args.file_type or (
        "json" if args.file.lower().endswith(".json") else "csv"
    )
    auto_identify = args.auto_identify == "true"
    config = {}  # type: Dict[str, Any]
    if args.matching_columns:
        columns = [name.strip() for name in args.matching_columns.split(",")]
        config["matchingColumns"] = [name for name in columns if name]
    if args.table_name is not None and (args.import_type or config):
        raise _UsageError(
            "--import-type and --matching-columns apply to --view, not --table-name"
        )
    if args.import_type == "updateadd" and not config:
        raise _UsageError("--import-type updateadd needs --matching-columns COL,...")
    bulk = run.bulk()

    if args.table_name is not None:
        into_new = (
            bulk.import_bulk_data_in_new_table
            if args.bulk
            else bulk.import_data_in_new_table
        )
        answer = into_new(args.table_name, file_type, auto_identify, args.file)
    else:
        into_view = bulk.import_bulk_data if args.bulk else bulk.import_data
        answer = into_view(
            args.view,
            args.import_type or "append",
            file_type,
            auto_identify,
            args.file,
            config,
        )
    if not args.bulk:
        run.console.result(answer, _import_lines(answer))
        return 0

    run.console.result({"jobId": answer}, [str(answer)])
    if run.console.live and not args.json:
        run.console.err.write(
            "follow it with: %s import-job-wait %s\n" % (_CLI, answer)
        )
    return 0


def _cmd_orgs(run: _Run) -> int:
    orgs = run.client().get_orgs()
    rows = [
        (org.get("orgId"), org.get("orgName"), org.get("role"), org.get("planName"))
        + ("yes" if org.get("isDefault") else "",)
        for org in orgs
    ]
    run.console.result(
        orgs, _table(("ORG ID", "NAME", "ROLE", "PLAN", "DEFAULT"), rows)
    )
    return 0


def _cmd_workspaces(run: _Run) -> int:
    data = run.client().get_workspaces()
    rows = []
    for key, kind in (("ownedWorkspaces", "owned"), ("sharedWorkspaces", "shared")):
        for space in data.get(key) or []:
            rows.append(
                (
                    space.get("workspaceId"),
                    space.get("workspaceName"),
                    kind,
                    space.get("orgId"),
                )
            )
    run.console.result(data, _table(("WORKSPACE ID", "NAME", "KIND", "ORG ID"), rows))
    return 0


def _cmd_views(run: _Run) -> int:
    org = run.org()
    workspace = run.args.view_workspace or run.workspace()
    views = run.client().get_workspace_instance(org, workspace).get_views()
    rows = [
        (
            view.get("viewId"),
            view.get("viewType"),
            view.get("viewName"),
            view.get("folderName"),
        )
        for view in views
    ]
    run.console.result(views, _table(("VIEW ID", "TYPE", "NAME", "FOLDER"), rows))
    return 0


# Text output


def _job_lines(kind: str, details: Dict[str, Any]) -> List[str]:
    """A job's details for people: status line, then what Zoho told about it."""
    lines = [
        "%s job %s: %s (code %s)"
        % (
            kind.capitalize(),
            details.get("jobId"),
            details.get("jobStatus"),
            details.get("jobCode"),
        )
    ]
    info = details.get("jobInfo")
    if isinstance(info, dict):
        lines.extend(_import_lines(info))
    if details.get("errorMessage"):
        lines.append("Error: %s" % details["errorMessage"])
    if details.get("downloadUrl"):
        lines.append("Download URL: %s" % details["downloadUrl"])
    if details.get("expiryTime"):
        lines.append("Expires: %s" % _epoch_ms_text(details["expiryTime"]))
    return lines


def _import_lines(info: Dict[str, Any]) -> List[str]:
    """An import summary (a sync import's answer or a job's jobInfo) for people."""
    lines = []
    if info.get("viewId"):
        lines.append("View: %s" % info["viewId"])
    summary = info.get("importSummary")
    if isinstance(summary, dict) and summary:
        lines.append("Import summary:")
        lines.extend(_pairs(summary))
    if info.get("importErrors"):
        lines.append("Import errors: %s" % info["importErrors"])
    return lines


def _pairs(mapping: Mapping[str, Any]) -> List[str]:
    width = max(len(str(key)) for key in mapping)
    return [
        "  %s  %s" % (str(key).ljust(width), value) for key, value in mapping.items()
    ]


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> List[str]:
    cells = [list(header)] + [
        ["" if value is None else str(value) for value in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
        for row in cells
    ]


def _epoch_ms_text(value: Any) -> str:
    try:
        seconds = int(value) / 1000.0
        return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(seconds))
    except (TypeError, ValueError, OverflowError, OSError):
        return str(value)


def _byte_count(size: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            break
        size /= 1024.0
    return ("%d %s" if unit == "bytes" else "%.1f %s") % (size, unit)


def _byte_bar(name: str, received: int, total: Optional[int]) -> str:
    if not total:
        return "%s  %s" % (name, _byte_count(received))
    done = min(received, total) / float(total)
    filled = int(done * 30)
    return "%s  [%s%s] %3d%%  %s of %s" % (
        name,
        "#" * filled,
        "." * (30 - filled),
        done * 100,
        _byte_count(received),
        _byte_count(total),
    )


def _main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; returns the exit code (see the --help epilog)."""
    try:
        args = _cli_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else _EXIT_USAGE
    args.verbose += getattr(args, "verbose_late", 0)
    console = _Console(args.json)
    handler = None  # type: Optional[logging.Handler]
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if args.verbose > 1 else logging.INFO)
    run = _Run(args, console)

    code = _EXIT_ZOHO
    try:
        code = cast(int, args.handler(run))
    except _UsageError as err:
        code = _fail(console, _EXIT_USAGE, str(err))
    except KeyboardInterrupt:
        code = _fail(console, 130, "interrupted")
    except JobFailedException as err:
        code = _fail(console, _EXIT_JOB_FAILED, str(err))
    except JobTimeoutException as err:
        code = _fail(console, _EXIT_JOB_LATE, str(err))
    except IOException as err:
        code = _fail(
            console,
            _EXIT_NETWORK,
            "%s (check the network, --data-centre and the server URLs)" % err,
        )
    except AnalyticsError as err:
        code = _fail(console, _EXIT_ZOHO, str(err))
    except (ValueError, OSError) as err:
        code = _fail(console, _EXIT_USAGE, str(err))
    finally:
        run.close()
        if handler is not None:
            logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)
    return code


def _fail(console: _Console, code: int, message: str) -> int:
    console.end_status()
    console.err.write("AnalyticsClient: %s\n" % message)
    console.err.flush()
    return code


if __name__ == "__main__":
    sys.exit(_main())
