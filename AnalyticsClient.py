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
import copy
import email.utils
import hashlib
import http.client
import io
import json
import logging
import numbers
import os
import random
import select
import socket
import ssl
import stat
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
_SPOOL_MEMORY = 8 * 1024 * 1024  # a download for a file object kept in memory
_MAX_BACKOFF = 60.0  # the longest wait between two retries without Retry-After

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

    def __init__(self, status: int, headers: Mapping[str, str]) -> None:
        self.status = status
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.done = False  # True once read() met the end of the body
        self.body = b""

    def read(self, amount: int) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


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
    if isinstance(err, (socket.timeout, TimeoutError)) or _is_urllib3_timeout(err):
        if sent:
            reason = "no answer within %s (%g s)" % (timeouts.read_name, timeouts.read)
        else:
            reason = "no connection within connect_timeout (%g s)" % timeouts.connect
        return _io_error(TimeoutException, reason, method, url, sent)
    root = _root_cause(err)
    if isinstance(root, IOException):
        # Raised by the request body itself: the file being sent changed.
        error = _io_error(IOException, root.reason, method, url, sent)
        error.transient = root.transient
        return error
    error = _io_error(IOException, str(root) or type(root).__name__, method, url, sent)
    # A certificate that fails verification fails the same way next time.
    error.transient = not _is_tls_failure(err)
    return error


def _io_error(
    cls: Callable[..., IOException], reason: str, method: str, url: str, sent: bool
) -> IOException:
    """An IOException whose message names the request: 'GET https://h/p: reason'."""
    error = cls("%s %s: %s" % (method, _redact_url(url), reason), method, url, sent)
    error.reason = reason
    return error


def _root_cause(err: BaseException) -> BaseException:
    """The innermost error: urllib3 wraps the socket's own in one or two layers."""
    for _ in range(8):
        inner = err.__cause__
        if inner is None:
            inner = next((a for a in err.args if isinstance(a, BaseException)), None)
        if inner is None or inner is err:
            break
        err = inner
    return err


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
        super().__init__(raw.status, raw.headers)
        self._raw = raw

    def read(self, amount: int) -> bytes:
        data = cast(bytes, self._raw.read(amount))
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
        if proxy is None:
            self._pool = urllib3.PoolManager(**options)  # type: Any
        else:
            headers = {"Proxy-Authorization": proxy.auth} if proxy.auth else None
            self._pool = urllib3.ProxyManager(
                proxy.url(), proxy_headers=headers, **options
            )

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
            raw = self._pool.urlopen(
                method,
                url,
                body=None if body is None else body.chunks(),
                headers=headers,
                retries=False,
                redirect=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=timeouts.connect, read=timeouts.read),
            )
        except (errors.ConnectTimeoutError, errors.ProxyError) as err:
            # Refused, DNS and proxy failures: the request never left.
            raise _network_error(err, method, url, timeouts, sent=False) from err
        except (errors.HTTPError, OSError, http.client.HTTPException) as err:
            raise _network_error(err, method, url, timeouts, sent=True) from err
        return _Urllib3Response(raw)

    def close(self) -> None:
        self._pool.clear()


class _StdlibResponse(_Response):
    def __init__(
        self,
        raw: http.client.HTTPResponse,
        release: Callable[[bool], None],
    ) -> None:
        super().__init__(raw.status, dict(raw.getheaders()))
        self._raw = raw
        self._release = release  # type: Optional[Callable[[bool], None]]

    def read(self, amount: int) -> bytes:
        data = self._raw.read(amount)
        if not data:
            self.done = True
        return data

    def close(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            reusable = self.done and not getattr(self._raw, "will_close", True)
            release(reusable)


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
        headers = dict(headers)
        if self._proxy is not None and scheme == "http":
            target = url  # a forward proxy takes the absolute form
            if self._proxy.auth:
                headers["Proxy-Authorization"] = self._proxy.auth

        conn = self._checkout(key)
        sent = False
        try:
            if conn is None:
                conn = self._connect(scheme, host, port, timeouts)
            sock = conn.sock
            if sock is not None:
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

        def release(reusable: bool, conn: Any = conn) -> None:
            if reusable:
                self._checkin(key, conn)
            else:
                conn.close()

        return _StdlibResponse(raw, release)

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
        with self._lock:
            idle = self._idle.get(key)
            while idle:
                conn = idle.pop()
                if not _connection_dropped(conn):
                    return conn
                conn.close()
        return None

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


def _cached_token(entry: Any, stale: Optional[str]) -> Optional[Tuple[str, float]]:
    """The token and expiry time of a cache entry worth using, else None."""
    if not isinstance(entry, dict):
        return None
    token = entry.get("access_token")
    try:
        expires_at = float(entry.get("expires_at", 0))
    except (TypeError, ValueError):
        return None
    if not isinstance(token, str) or not token or token == stale:
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
            cached = _cached_token(_cache_functions(cache)[0](key), stale)
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
            except OSError as err:
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
    text = str(int(value)) if isinstance(value, numbers.Integral) else value
    if (
        not text
        or text in (".", "..")
        or text.startswith("-")
        or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text)
    ):
        raise ValueError("%s is not an id: %r" % (name, value))
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


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
    """Where a download goes: begin() starts (or starts over), commit() keeps it."""

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

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(os.fspath(path))
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
            if _seekable(self.stream):
                self.stream.truncate()
        self.stream.flush()

    def abort(self) -> None:
        spool, self._spool = self._spool, None
        if spool is not None:
            spool.close()
        elif self._start is not None:
            self.stream.seek(self._start)
            self.stream.truncate()


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


def _sink_for(target: Any) -> _Sink:
    """The sink for an export's file_path: a path, or a binary file object."""
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
        content = response.body

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
    expected = response.headers.get("content-length", "")
    if (
        method == "HEAD"
        or response.status in (204, 304)
        or response.headers.get("content-encoding", "identity") != "identity"
    ):
        expected = ""  # the length says nothing about the bytes read here
    received = 0
    target.begin()
    try:
        while limit is None or received < limit:
            try:
                data = response.read(_CHUNK)
            except _READ_ERRORS as err:
                root = _root_cause(err)
                if isinstance(root, http.client.IncompleteRead):
                    # urllib3 counts every byte read; http.client hands them over.
                    partial = root.partial
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
        if response.done and expected.isdigit() and int(expected) != received:
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
