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
"""

import base64
import email.utils
import hashlib
import http.client
import io
import json
import logging
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

# Zoho error codes that the client treats specially.
_INVALID_TOKEN = 8535
_RATE_LIMITED = 6045
_UNITS_EXHAUSTED = 6043
_JOB_BUSY = frozenset((10001, 7198, 8132, 8134))

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
        self.url = url

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
        elif self.http_status is not None:
            text = "HTTP %s: %s" % (self.http_status, text)
        if self.hint:
            text = "%s (%s)" % (text, self.hint)
        return text

    def _fields(self) -> List[Tuple[str, Any]]:
        return [("errorCode", self.errorCode)] + super()._fields()


class AuthenticationException(ServerException):
    """Raised when Zoho refuses the credentials or the access token."""

    hint = (
        "check client id, client secret and refresh token, and that the client "
        "belongs to this data centre"
    )


class RateLimitException(ServerException):
    """Raised when Zoho's per-minute API limit (6045, HTTP 429) stays exceeded."""

    hint = "too many calls per minute: wait a minute, then call less often"


class UnitsExhaustedException(ServerException):
    """Raised when the organisation's daily API units are used up (6043)."""

    hint = "the day's API units are used up: wait for tomorrow or raise the plan"


class JobBusyException(ServerException):
    """Raised when Zoho refuses work because other jobs are running."""

    hint = "other jobs are running: wait for them to finish, then try again"


class JobFailedException(ServerException):
    """Raised when an import or export job ends in error (1003) or is not found."""


class ParseException(AnalyticsError):
    """Raised when an answer cannot be read (not JSON, empty, wrong shape)."""

    def __init__(
        self,
        message: str,
        response_content: str,
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


class _BytesBody(_Body):
    def __init__(self, data: bytes, content_type: str) -> None:
        self.data = data
        self.length = len(data)
        self.content_type = content_type

    def chunks(self) -> Iterator[bytes]:
        yield self.data


class _Response(object):
    """An answer whose body is read in pieces; close() returns the connection."""

    status = 0

    def __init__(
        self, status: int, headers: Optional[Mapping[str, str]] = None
    ) -> None:
        self.status = status
        self.done = False
        self._content = None  # type: Optional[bytes]
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

    def content(self) -> bytes:
        """Read the whole (error or JSON) body once, at most _MAX_ERROR_BODY bytes."""
        if self._content is None:
            self._content = self.read_all(_MAX_ERROR_BODY)
        return self._content

    def read(self, amount: int) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def read_all(self, limit: Optional[int] = None) -> bytes:
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
    __slots__ = ("connect", "read")

    def __init__(self, connect: float, read: float) -> None:
        self.connect = connect
        self.read = read


class _Proxy(object):
    def __init__(
        self, host: str, port: int, user: Optional[str], password: Optional[str]
    ) -> None:
        self.host = host
        self.port = port
        self.auth = None  # type: Optional[str]
        if user is not None:
            pair = "%s:%s" % (user, password or "")
            self.auth = "Basic " + base64.b64encode(pair.encode("utf-8")).decode()

    def url(self) -> str:
        return "http://%s:%d" % (self.host, self.port)


def _network_error(
    err: BaseException, method: str, url: str, timeouts: _Timeouts, sent: bool
) -> IOException:
    """Translate any transport error into IOException; the one place that does."""
    where = _redact_url(url)
    if isinstance(err, (socket.timeout, TimeoutError)) or _is_urllib3_timeout(err):
        which = "read" if sent else "connect"
        limit = timeouts.read if sent else timeouts.connect
        message = "%s %s: no %s within the %s timeout of %g s" % (
            method,
            where,
            "answer" if sent else "connection",
            which,
            limit,
        )
        return TimeoutException(message, method, url, sent)
    reason = str(err) or type(err).__name__
    error = IOException("%s %s failed: %s" % (method, where, reason), method, url, sent)
    # A certificate that fails verification fails the same way next time.
    error.transient = not _is_tls_failure(err)
    return error


def _is_urllib3_timeout(err: BaseException) -> bool:
    if urllib3 is None:
        return False
    errors = urllib3.exceptions
    # NewConnectionError (refused, DNS) derives from ConnectTimeoutError.
    return isinstance(err, errors.TimeoutError) and not isinstance(
        err, errors.NewConnectionError
    )


def _is_tls_failure(err: BaseException) -> bool:
    if isinstance(err, ssl.SSLError):
        return True
    return urllib3 is not None and isinstance(err, urllib3.exceptions.SSLError)


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

    def _header_items(self) -> Iterable[Tuple[str, str]]:
        return cast(Iterable[Tuple[str, str]], self._raw.headers.items())

    def read(self, amount: int) -> bytes:
        data = cast(bytes, self._raw.read(amount, decode_content=self._decode))
        if not data:
            self.done = True
        return data

    def close(self) -> None:
        if not self.done:
            self._raw.close()  # drop a half-read connection rather than reuse it
        self._raw.release_conn()


class _Urllib3Transport(_Transport):
    """Sends requests through one urllib3 PoolManager (or ProxyManager)."""

    name = "urllib3"

    def __init__(self, ssl_context: ssl.SSLContext, proxy: Optional[_Proxy]) -> None:
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
                body=None if body is None else body.chunks(),
                headers=headers,
                retries=self._retries,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
                timeout=self._timeout(timeouts),
            )
        except (errors.ConnectTimeoutError, errors.ProxyError) as err:
            # Refused, DNS and proxy failures: the request never left.
            raise _network_error(err, method, url, timeouts, sent=False) from err
        except (errors.HTTPError, OSError, http.client.HTTPException) as err:
            raise _network_error(err, method, url, timeouts, sent=True) from err
        return _Urllib3Response(raw)

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
            if self.done and not getattr(self._raw, "will_close", True):
                transport._checkin(self._key, self._conn)
            else:
                self._conn.close()


class _StdlibTransport(_Transport):
    """Sends requests with http.client, keeping idle connections per host."""

    name = "stdlib"

    def __init__(self, ssl_context: ssl.SSLContext, proxy: Optional[_Proxy]) -> None:
        self._ssl_context = ssl_context
        self._proxy = proxy
        self._idle = {}  # type: Dict[Tuple[str, str, int], List[Any]]
        self._lock = threading.Lock()

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

        conn = self._checkout(key)
        sent = False
        try:
            if conn is None:
                conn = self._connect(scheme, host, port, timeouts)
            sock = conn.sock
            if sock is not None and sock.gettimeout() != timeouts.read:
                sock.settimeout(timeouts.read)
            sent = True
            conn.request(
                method,
                target,
                body=None if body is None else body.chunks(),
                headers=headers,
            )
            raw = conn.getresponse()
        except (OSError, http.client.HTTPException) as err:
            if conn is not None:
                conn.close()
            raise _network_error(err, method, url, timeouts, sent) from err
        return _StdlibResponse(raw, self, key, conn)

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

    def _checkin(self, key: Tuple[str, str, int], conn: Any) -> None:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < _POOL_SIZE:
                idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                conn.close()


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
    AnalyticsClient so that short-lived processes reuse one access token. The file
    holds access tokens only, keyed by a hash of the credentials.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.expanduser(path)
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
            os.makedirs(folder, exist_ok=True)
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


class _Tokens(object):
    """The client's access token: fetched lazily, renewed once at a time."""

    def __init__(self, client: "AnalyticsClient") -> None:
        self._client = client
        self._lock = threading.Lock()
        self.token = None  # type: Optional[str]
        self.expires_at = 0.0

    def current(self) -> str:
        """Return a token that is valid for at least another minute."""
        token = self.token
        if token is not None and time.time() < self.expires_at - _TOKEN_MARGIN:
            return token
        with self._lock:
            if self.token is None or time.time() >= self.expires_at - _TOKEN_MARGIN:
                self._renew(stale=self.token)
            return cast(str, self.token)

    def renew_after_rejection(self, rejected: str) -> str:
        """Renew after Zoho refused ``rejected``, unless another thread did."""
        with self._lock:
            if self.token == rejected:
                self._renew(stale=rejected)
            return cast(str, self.token)

    def set(self, token: Optional[str], lifetime: float = _TOKEN_LIFETIME) -> None:
        with self._lock:
            self.token = token
            self.expires_at = time.time() + lifetime if token else 0.0

    def _renew(self, stale: Optional[str]) -> None:
        client = self._client
        cache = client.token_cache
        key = client._cache_key()
        if cache is not None:
            entry = cache.get(key)
            if entry and entry.get("access_token") != stale:
                expires_at = float(entry.get("expires_at", 0))
                if time.time() < expires_at - _TOKEN_MARGIN:
                    self.token = str(entry["access_token"])
                    self.expires_at = expires_at
                    return
        token, lifetime = client._fetch_token()
        self.token = token
        self.expires_at = time.time() + lifetime
        if cache is not None:
            cache.put(key, {"access_token": token, "expires_at": self.expires_at})


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
    text = str(int(value)) if isinstance(value, numbers.Integral) else value
    if not text or text in (".", "..") or text[0] == "-" or _NOT_IN_ID.search(text):
        raise ValueError("%s is not an id: %r" % (name, value))
    return text


# White space (\s is str.isspace() in a str pattern) and control characters.
_NOT_IN_ID = re.compile(r"[\s\x00-\x1f\x7f]")


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
        self.path = os.fspath(path)
        info = os.stat(self.path)  # a missing file fails here, before any request
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("%s is not a regular file" % self.path)
        self.start = start
        self.end = info.st_size if end is None else end
        self.length = self.end - self.start

    def chunks(self) -> Iterator[bytes]:
        remaining = self.length
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            while remaining > 0:
                data = handle.read(min(_CHUNK, remaining))
                if not data:
                    raise IOException(
                        "%s shrank while it was being sent; nothing was imported "
                        "from the incomplete upload" % self.path
                    )
                remaining -= len(data)
                yield data


class _Multipart(_Body):
    """A multipart/form-data body streamed from bytes and files."""

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
            self._pieces.append(content)
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


class _Sink(object):
    """Where a download goes; begin() may be called again to start over."""

    restartable = True

    def begin(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


class _AtomicFile(_Sink):
    """Writes beside the target and renames over it only when all bytes arrived."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(os.fspath(path))
        folder = os.path.dirname(self.path)
        if not os.path.isdir(folder):
            raise ValueError(
                "cannot write %s: folder %s does not exist" % (path, folder)
            )
        if os.path.isdir(self.path):
            raise ValueError("cannot write %s: it is a folder" % path)
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
    """Writes into a file object the caller opened; rewinds it to start over."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self._start = None  # type: Optional[int]
        try:
            if stream.seekable():
                self._start = stream.tell()
        except (AttributeError, OSError, ValueError):
            self._start = None
        self.restartable = self._start is not None

    def begin(self) -> None:
        if self._start is not None:
            self.stream.seek(self._start)
            self.stream.truncate()

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        self.stream.flush()

    def abort(self) -> None:
        self.begin()


def _sink_for(target: Any) -> _Sink:
    if hasattr(target, "write"):
        return _StreamSink(target)
    if isinstance(target, (str, bytes)) or hasattr(target, "__fspath__"):
        return _AtomicFile(os.fsdecode(os.fspath(target)))
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
        How often a request that is safe to repeat is sent again (default 3).
    retry_backoff
        First wait in seconds between retries; it doubles each time, with jitter.
    token_cache
        An object with ``get(key)`` and ``put(key, entry)`` (see FileTokenCache)
        so that several processes share one access token.
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

        if data_centre is None:
            data_centre = "us"
        if data_centre not in DATA_CENTRES:
            raise ValueError(
                "data_centre must be one of %s, not %r"
                % (", ".join(sorted(DATA_CENTRES)), data_centre)
            )
        self.data_centre = data_centre
        self.accounts_server_url, self.analytics_server_url = DATA_CENTRES[data_centre]

        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.transfer_timeout = transfer_timeout
        self.retries = retries
        self.retry_backoff = retry_backoff
        self.token_cache = token_cache
        self.ca_bundle = ca_bundle

        self._transport_name = transport
        self._transport = None  # type: Optional[_Transport]
        self._transport_lock = threading.Lock()
        self._proxy = None  # type: Optional[_Proxy]
        self._tokens = _Tokens(self)
        _check_transport(transport)

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
        self._tokens.set(token)

    def set_proxy(
        self,
        proxy_host: str,
        proxy_port: Union[int, str],
        proxy_user_name: Optional[str] = None,
        proxy_password: Optional[str] = None,
    ) -> None:
        """Send every request, API and token, through an HTTP proxy (CONNECT for https)."""
        try:
            port = int(proxy_port)
        except (TypeError, ValueError):
            raise ValueError("proxy_port must be a port number, not %r" % (proxy_port,))
        if not 0 < port < 65536:
            raise ValueError("proxy_port must be between 1 and 65535, not %d" % port)
        if not isinstance(proxy_host, str) or not proxy_host:
            raise ValueError("proxy_host must be a host name")
        self._proxy = _Proxy(proxy_host, port, proxy_user_name or None, proxy_password)
        self._reset_transport()

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
                    context = ssl.create_default_context(cafile=self.ca_bundle)
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
        try:
            content = response.read_all(_MAX_ERROR_BODY)
        finally:
            response.close()

        try:
            answer = json.loads(content.decode("utf-8"))
        except ValueError:
            answer = None
        if isinstance(answer, dict) and isinstance(answer.get("access_token"), str):
            try:
                lifetime = float(answer.get("expires_in", _TOKEN_LIFETIME))
            except (TypeError, ValueError):
                lifetime = _TOKEN_LIFETIME
            return answer["access_token"], lifetime
        if not isinstance(answer, dict):
            raise ParseException(
                "the accounts server's answer is not JSON",
                content.decode("utf-8", "replace"),
                response.status,
                "POST",
                url,
            )
        raise AuthenticationException(
            _token_error_message(answer, self.accounts_server_url),
            None,
            response.status,
            "POST",
            url,
            summary=str(answer.get("error")),
        )

    # The request pipeline

    def _timeouts(self, transfer: bool) -> _Timeouts:
        read = self.transfer_timeout if transfer else self.read_timeout
        return _Timeouts(self.connect_timeout, read)

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
        query = []
        if config:
            query.append(_json_param("CONFIG", config))
        if data is not None:
            query.append(_json_param("DATA", data))
        url = self.analytics_server_url.rstrip("/") + path
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
            try:
                if 200 <= response.status < 300:
                    return self._success(response, method, url, sink, want, convert)
                error = _answer_error(response, method, url)
            finally:
                response.close()
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
        if sink is not None:
            sink.commit()
            return None
        content = response.read_all()
        if response.status != 200:
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

        Repeated: a request that never left (connection refused, connect timeout);
        a GET after any network error or a 502/504 answer; any request answered
        429, 503 or 6045, which Zoho did not process. Never repeated: anything
        else, so an append import is sent once. A retry waits retry_backoff
        doubling each time (half of it random), or what Retry-After says.
        With ``sink`` a 2xx body is streamed into it inside the retry loop, so a
        GET download that breaks off starts over.
        """
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
                if sink is not None and 200 <= response.status < 300:
                    self._stream_into(response, sink, method, url, timeouts)
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
                if sink is not None and not sink.restartable:
                    again = again and not err.sent
                if not again or attempt > self.retries:
                    if sink is not None:
                        sink.abort()
                    raise
                reason = str(err)
            else:
                status = response.status
                logger.debug(
                    "%s %s -> %d in %d ms (attempt %d)",
                    method,
                    path,
                    status,
                    _ms(started),
                    attempt,
                )
                if attempt > self.retries or not _repeatable(response, method):
                    return response
                wait = _retry_after(response.headers.get("retry-after"))
                reason = "HTTP %d" % status
                response.close()
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

    def _stream_into(
        self,
        response: _Response,
        sink: _Sink,
        method: str,
        url: str,
        timeouts: _Timeouts,
    ) -> None:
        """Copy a download into sink, checking that every promised byte arrived."""
        sink.begin()
        received = 0
        try:
            while True:
                try:
                    data = response.read(_CHUNK)
                except (OSError, http.client.HTTPException) as err:
                    raise _network_error(err, method, url, timeouts, sent=True) from err
                if not data:
                    break
                sink.write(data)
                received += len(data)
            expected = response.headers.get("content-length", "")
            if expected.isdigit() and int(expected) != received:
                raise IOException(
                    "%s %s: the answer broke off after %d of %s bytes"
                    % (method, _redact_url(url), received, expected),
                    method,
                    url,
                )
        except BaseException:
            response.close()
            if not isinstance(sys.exc_info()[1], IOException):
                sink.abort()
            raise

    def _backoff(self, attempt: int, retry_after: Optional[float]) -> float:
        if retry_after is not None:
            return min(retry_after, _MAX_RETRY_AFTER)
        step = self.retry_backoff * 2.0 ** (attempt - 1)
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

    def get_orgs(self) -> List[Dict[str, Any]]:
        """List the organisations the user belongs to; returns data.orgs."""
        return self._call("GET", "/restapi/v2/orgs", want="data.orgs")  # type: ignore[no-any-return]

    getOrgInstance = get_org_instance
    getWorkspaceInstance = get_workspace_instance
    getViewInstance = get_view_instance
    getBulkInstance = get_bulk_instance
    getOrgs = get_orgs
    setProxy = set_proxy


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _repeatable(response: _Response, method: str) -> bool:
    """Tell whether an error answer says the request may be sent again."""
    status = response.status
    if status in _NOT_PROCESSED:
        return True
    if status in _GATEWAY:
        return method == "GET"
    if status >= 400 and response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        # A 6045 (per-minute limit) answer; content() keeps the body for later.
        return _error_code(response.content()) == _RATE_LIMITED
    return False


def _error_code(content: bytes) -> Optional[int]:
    try:
        answer = json.loads(content.decode("utf-8"))
        return int(answer["data"]["errorCode"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _answer_error(response: _Response, method: str, url: str) -> AnalyticsError:
    """Build the exception for an error answer (any status outside 2xx)."""
    content = response.content()
    text = content.decode("utf-8", "replace")
    status = response.status
    try:
        answer = json.loads(text)
    except ValueError:
        answer = None
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, dict) or "errorCode" not in data:
        if status == 429:
            return RateLimitException(
                "HTTP 429 Too Many Requests",
                None,
                status,
                method,
                url,
                response_content=text,
            )
        kind = response.headers.get("content-type", "unknown content")
        return ParseException(
            "HTTP %d: the error answer is not Zoho's JSON (%s, %d bytes)"
            % (status, kind.split(";")[0], len(content)),
            text,
            status,
            method,
            url,
        )
    try:
        code = int(data["errorCode"])  # type: Optional[int]
    except (TypeError, ValueError):
        code = None
    message = str(data.get("errorMessage") or answer.get("summary") or "error")
    cls = _error_class(code, status)
    return cast(
        AnalyticsError,
        cls(message, code, status, method, url, answer.get("summary"), text),
    )


def _token_error_message(answer: Dict[str, Any], accounts_url: str) -> str:
    error = str(answer.get("error", "no access_token in the answer"))
    detail = answer.get("error_description")
    if error == "invalid_client":
        return (
            "the accounts server at %s does not know this client id or secret "
            "(invalid_client); if the client was registered in another data centre, "
            "pass data_centre='eu', 'in', 'au', ... or set accounts_server_url"
            % accounts_url
        )
    if error == "invalid_code":
        return "the refresh token is invalid or was revoked (invalid_code)"
    if detail and "too many requests" in str(detail).lower():
        return (
            "Zoho refuses new access tokens for now: too many token requests "
            "(%s); reuse tokens with token_cache= and wait some minutes" % error
        )
    return "the accounts server gave no access token (%s%s)" % (
        error,
        ": %s" % detail if detail else "",
    )


# The APIs of one organisation, workspace and view


class _API(object):
    """Shared plumbing of OrgAPI, WorkspaceAPI, ViewAPI and BulkAPI."""

    def __init__(
        self,
        client: AnalyticsClient,
        org_id: Id,
        workspace_id: Optional[Id] = None,
        view_id: Optional[Id] = None,
    ) -> None:
        self.ac = client
        self._org_id = _id_text("org_id", org_id)
        self._ids = {}  # type: Dict[str, Any]
        if workspace_id is not None:
            _id_text("workspace_id", workspace_id)
            self._ids["workspace_id"] = workspace_id
        if view_id is not None:
            _id_text("view_id", view_id)
            self._ids["view_id"] = view_id

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
    """Calls about one organisation: workspaces, users, subscription."""

    def __init__(self, client: AnalyticsClient, org_id: Id) -> None:
        super().__init__(client, org_id)


class WorkspaceAPI(_API):
    """Calls about one workspace: folders, views, sharing, variables."""

    def __init__(self, client: AnalyticsClient, org_id: Id, workspace_id: Id) -> None:
        super().__init__(client, org_id, workspace_id)


class ViewAPI(_API):
    """Calls about one view: rows, columns, formulas, publishing."""

    def __init__(
        self, client: AnalyticsClient, org_id: Id, workspace_id: Id, view_id: Id
    ) -> None:
        super().__init__(client, org_id, workspace_id, view_id)


class BulkAPI(_API):
    """Imports and exports of one workspace, and their asynchronous jobs."""

    def __init__(self, client: AnalyticsClient, org_id: Id, workspace_id: Id) -> None:
        super().__init__(client, org_id, workspace_id)

    def get_import_job_details(self, job_id: Id) -> Dict[str, Any]:
        """Fetch an import job's status and summary; returns the answer's data."""
        return self._call(  # type: ignore[no-any-return]
            "GET",
            "/restapi/v2/bulk/workspaces/{workspace_id}/importjobs/{job_id}",
            want="data",
            job_id=job_id,
        )

    def import_data(
        self,
        view_id: Id,
        import_type: str,
        file_type: str,
        auto_identify: Union[bool, str],
        file_path: str,
        config: Optional[Config] = None,
    ) -> Dict[str, Any]:
        """Import a file into an existing table; returns the import summary (data)."""
        cfg = _merged(
            config,
            fileType=file_type,
            autoIdentify=auto_identify,
            importType=import_type,
        )
        upload = _file_upload(file_path)
        return self._call(  # type: ignore[no-any-return]
            "POST",
            "/restapi/v2/workspaces/{workspace_id}/views/{view_id}/data",
            cfg,
            want="data",
            body=lambda: upload,
            view_id=view_id,
        )

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

    getImportJobDetails = get_import_job_details
    importData = import_data
    exportData = export_data


# Nested names, as in Zoho's client (AnalyticsClient.BulkAPI and so on).
AnalyticsClient.OrgAPI = OrgAPI  # type: ignore[attr-defined]
AnalyticsClient.WorkspaceAPI = WorkspaceAPI  # type: ignore[attr-defined]
AnalyticsClient.ViewAPI = ViewAPI  # type: ignore[attr-defined]
AnalyticsClient.BulkAPI = BulkAPI  # type: ignore[attr-defined]
