"""Benchmarks of AnalyticsClient.py on the local sandbox, beside raw baselines.

    python benchmarks/run.py                 # everything, 1 GiB transfers, 5 rounds
    python benchmarks/run.py --quick         # small sizes, 3 rounds, under a minute
    python benchmarks/run.py calls --transport stdlib --repeat 9
    python benchmarks/run.py calls --tls     # the calls over HTTPS only
    python benchmarks/run.py export --size 256M --check

The sandbox (samples/sandbox.py) runs in this process; every measurement runs in
a fresh child process (this script with --child), so that the sandbox's work
and memory never count for the client, and one measurement never inflates the
peak memory of another. The product and its baselines take turns in every
round; the table shows medians over the rounds, and each ratio is the median of
the ratios measured round by round.

Baselines, written here with the standard library only:

- keep-alive: one http.client connection, the same GET with the same headers,
  body read, status checked, in a loop.
- new connection: the same, with a new http.client connection per call (what a
  client without a connection pool does).
- over HTTPS (--tls; `all` measures the calls both ways): the sandbox serves
  the test certificate of tests/certs, the client is given ca_bundle=ca.pem and
  both baselines use HTTPSConnection with one ssl.SSLContext trusting that CA,
  built once and reused by every connection (as a careful client does). Each
  new connection then pays a TCP connect and a full TLS handshake.
- raw socket: a socket sends the request, reads the headers, then recv_into()
  a reused 1 MiB buffer and write()s it to a file (flushed and fsynced, as the
  client does). For uploads, the same buffer is filled with readinto() from the
  file and sent with sendall().

Exit status is 0 even when a target is missed, unless --check is given.
"""

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLES = os.path.join(ROOT, "samples")
CERTS = os.path.join(ROOT, "tests", "certs")
CA_FILE = os.path.join(CERTS, "ca.pem")
SERVER_CERT = (os.path.join(CERTS, "server.pem"), os.path.join(CERTS, "server-key.pem"))

CHUNK = 1 << 20  # the raw baselines' buffer
MAX_CALLS = 1000000  # upper bound of every call loop, whatever its duration
VIEW_ID = "1767024000003145011"
GIB = 1 << 30
MIB = 1 << 20

TARGETS = {
    "keepalive": (">=", 0.8),
    "newconn": (">=", 3.0),
    "export_rss": ("<=", 20.0),
    "export_speed": (">=", 0.8),
    "import_rss": ("<=", 20.0),
    "threads": (">", 1.0),
}


# ---------------------------------------------------------------------------
# Children: one measurement each, result printed as one JSON line
# ---------------------------------------------------------------------------


def _peak_rss_bytes():
    """Peak resident set size of this process so far, in bytes."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _client(spec):
    sys.path.insert(0, ROOT)
    from AnalyticsClient import AnalyticsClient

    client = AnalyticsClient(
        spec["client_id"],
        spec["client_secret"],
        spec["refresh_token"],
        transport=spec["transport"],
        retries=0,
        ca_bundle=CA_FILE if spec.get("tls") else None,
    )
    client.accounts_server_url = client.analytics_server_url = spec["url"]
    return client


def _bulk(spec):
    client = _client(spec)
    bulk = client.get_bulk_instance(spec["org_id"], spec["workspace_id"])
    bulk.get_import_job_details(spec["job_id"])  # token and connection, untimed
    return bulk


def _headers(spec):
    """The headers the client sends on an API call, for the raw baselines."""
    return {
        "User-Agent": spec["user_agent"],
        "ZANALYTICS-ORGID": spec["org_id"],
        "Authorization": "Zoho-oauthtoken " + spec["token"],
    }


def _job_path(spec):
    return "/restapi/v2/bulk/workspaces/%s/importjobs/%s" % (
        spec["workspace_id"],
        spec["job_id"],
    )


def _data_path(spec, config):
    text = json.dumps(config)
    return "/restapi/v2/workspaces/%s/views/%s/data?CONFIG=%s" % (
        spec["workspace_id"],
        VIEW_ID,
        urllib.parse.quote_plus(text),
    )


def _timed_loop(call, seconds):
    """Call call() until seconds pass (at most MAX_CALLS times); return count, time."""
    count = 0
    started = time.perf_counter()
    deadline = started + seconds
    while count < MAX_CALLS:
        call()
        count += 1
        if count % 8 == 0 and time.perf_counter() >= deadline:
            break
    return count, time.perf_counter() - started


def _call_variant(spec, variant):
    """A function doing one get_import_job_details call the way variant does."""
    headers = _headers(spec)
    path = _job_path(spec)
    host, port = spec["host"], spec["port"]
    if variant.startswith("product-"):
        bulk = _bulk(dict(spec, transport=variant.split("-", 1)[1]))
        job_id = spec["job_id"]

        def call():
            bulk.get_import_job_details(job_id)

        return call

    def exchange(conn):
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError("HTTP %d" % response.status)

    if spec.get("tls"):
        context = ssl.create_default_context(cafile=CA_FILE)  # one, for every call

        def connect():
            return http.client.HTTPSConnection(host, port, timeout=60, context=context)

    else:

        def connect():
            return http.client.HTTPConnection(host, port, timeout=60)

    if variant == "keepalive":
        kept = connect()
        return lambda: exchange(kept)
    if variant == "newconn":

        def call():
            conn = connect()
            try:
                exchange(conn)
            finally:
                conn.close()

        return call
    raise ValueError(variant)


def child_calls(spec):
    """Calls per second and client CPU per call of each variant, taking turns.

    The variants run in slices of spec['slice'] seconds, round robin, until each
    has run spec['seconds']: a slow spell of the machine hits all of them.
    """
    calls = [_call_variant(spec, variant) for variant in spec["variants"]]
    for call in calls:
        call()  # warm up: first connection, lazy imports
    protocol = None
    if spec.get("tls"):
        probe = socket.create_connection((spec["host"], spec["port"]), timeout=60)
        context = ssl.create_default_context(cafile=CA_FILE)
        with context.wrap_socket(probe, server_hostname=spec["host"]) as tls:
            protocol = "%s, %s" % (tls.version(), tls.cipher()[0])
    totals = [[0, 0.0, 0.0] for _ in calls]  # calls, seconds, CPU seconds
    slices = max(1, int(round(spec["seconds"] / spec["slice"])))
    for index in range(slices):
        order = range(len(calls)) if index % 2 == 0 else range(len(calls))[::-1]
        for which in order:
            cpu = time.process_time()
            count, elapsed = _timed_loop(calls[which], spec["slice"])
            totals[which][0] += count
            totals[which][1] += elapsed
            totals[which][2] += time.process_time() - cpu
    result = dict(
        (variant, {"calls": t[0], "seconds": t[1], "cpu": t[2]})
        for variant, t in zip(spec["variants"], totals)
    )
    result["protocol"] = protocol
    return result


def child_threads(spec):
    """Calls per second of 1 thread and of spec['threads'] threads, one client.

    Both share the client; they take turns in slices of spec['slice'] seconds.
    """
    bulk = _bulk(spec)
    job_id = spec["job_id"]

    def call():
        bulk.get_import_job_details(job_id)

    def run(threads):
        counts = [0] * threads
        errors = []
        barrier = threading.Barrier(threads + 1)

        def work(index):
            barrier.wait()
            try:
                counts[index] = _timed_loop(call, spec["slice"])[0]
            except Exception as err:  # reported below
                errors.append(repr(err))

        workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
        for worker in workers:
            worker.daemon = True
            worker.start()
        barrier.wait()
        started = time.perf_counter()
        for worker in workers:
            worker.join(spec["slice"] + 60)
        elapsed = time.perf_counter() - started
        if errors:
            raise RuntimeError(errors[0])
        return sum(counts), elapsed

    run(spec["threads"])  # warm up: one connection per thread
    totals = {1: [0, 0.0], spec["threads"]: [0, 0.0]}
    slices = max(1, int(round(spec["seconds"] / spec["slice"])))
    for index in range(slices):
        order = (1, spec["threads"]) if index % 2 == 0 else (spec["threads"], 1)
        for threads in order:
            count, elapsed = run(threads)
            totals[threads][0] += count
            totals[threads][1] += elapsed
    return {
        "single": totals[1][0] / totals[1][1],
        "multi": totals[spec["threads"]][0] / totals[spec["threads"]][1],
    }


def _raw_connect(spec, method, path, extra_headers):
    sock = socket.create_connection((spec["host"], spec["port"]), timeout=600)
    lines = [
        "%s %s HTTP/1.1" % (method, path),
        "Host: %s:%d" % (spec["host"], spec["port"]),
    ]
    headers = _headers(spec)
    headers.update(extra_headers)
    lines.extend("%s: %s" % item for item in headers.items())
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    return sock


def _raw_answer(sock, buffer):
    """Read the status and headers; return status, content length, body bytes read."""
    view = memoryview(buffer)
    filled = 0
    while True:
        got = sock.recv_into(view[filled:])
        if not got:
            raise RuntimeError("the sandbox closed the connection")
        filled += got
        end = bytes(view[:filled]).find(b"\r\n\r\n")
        if end >= 0:
            break
    head = bytes(view[:end]).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    length = None
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    rest = filled - end - 4
    buffer[:rest] = bytes(view[end + 4 : filled])
    return status, length, rest


def child_export(spec):
    """Export spec['size'] bytes to a file: product or raw socket; time and memory."""
    target = os.path.join(spec["dir"], "export-%d.csv" % os.getpid())
    if spec["variant"] == "product":
        bulk = _bulk(spec)
        started = time.perf_counter()
        bulk.export_data(VIEW_ID, "csv", target)
        elapsed = time.perf_counter() - started
    else:
        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        started = time.perf_counter()
        sock = _raw_connect(
            spec, "GET", _data_path(spec, {"responseFormat": "csv"}), {}
        )
        status, length, filled = _raw_answer(sock, buffer)
        if status != 200 or length is None:
            raise RuntimeError("HTTP %d, length %r" % (status, length))
        remaining = length - filled
        with open(target, "wb", buffering=0) as out:
            while remaining > 0:
                want = min(CHUNK, filled + remaining)
                while filled < want:
                    got = sock.recv_into(view[filled:want])
                    if not got:
                        raise RuntimeError("the answer broke off")
                    filled += got
                    remaining -= got
                out.write(view[:filled])
                filled = 0
            if filled:
                out.write(view[:filled])
            os.fsync(out.fileno())
        sock.close()
        elapsed = time.perf_counter() - started
    size = os.path.getsize(target)
    os.remove(target)
    if size != spec["size"]:
        raise RuntimeError("exported %d bytes, expected %d" % (size, spec["size"]))
    return {"seconds": elapsed, "peak_rss": _peak_rss_bytes()}


def child_import(spec):
    """Import a file with a multipart upload: product or raw socket; time, memory."""
    path = spec["file"]
    if spec["variant"] == "product":
        bulk = _bulk(spec)
        started = time.perf_counter()
        answer = bulk.import_data(VIEW_ID, "APPEND", "csv", "true", path)
        elapsed = time.perf_counter() - started
        if "importSummary" not in answer:
            raise RuntimeError("unexpected answer %r" % (answer,))
    else:
        boundary = "benchmarkboundary%d" % os.getpid()
        head = (
            '--%s\r\nContent-Disposition: form-data; name="FILE"; filename="%s"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
            % (boundary, os.path.basename(path))
        ).encode("utf-8")
        tail = ("\r\n--%s--\r\n" % boundary).encode("ascii")
        size = os.path.getsize(path)
        config = {"fileType": "csv", "autoIdentify": "true", "importType": "APPEND"}
        headers = {
            "Content-Type": "multipart/form-data; boundary=" + boundary,
            "Content-Length": str(len(head) + size + len(tail)),
        }
        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        started = time.perf_counter()
        sock = _raw_connect(spec, "POST", _data_path(spec, config), headers)
        sock.sendall(head)
        with open(path, "rb", buffering=0) as source:
            while True:
                got = source.readinto(buffer)
                if not got:
                    break
                sock.sendall(view[:got])
        sock.sendall(tail)
        status, length, filled = _raw_answer(sock, buffer)
        while length is not None and filled < length:
            got = sock.recv_into(view[filled:length])
            if not got:
                break
            filled += got
        sock.close()
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError("HTTP %d: %r" % (status, bytes(view[:filled])))
    return {"seconds": elapsed, "peak_rss": _peak_rss_bytes()}


CHILDREN = {
    "calls": child_calls,
    "threads": child_threads,
    "export": child_export,
    "import": child_import,
}


def child_main(text):
    spec = json.loads(text)
    result = CHILDREN[spec["kind"]](spec)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


# ---------------------------------------------------------------------------
# Parent: the sandbox, the rounds, the table
# ---------------------------------------------------------------------------


class Bench(object):
    """Runs children against one sandbox and keeps the samples of each round."""

    def __init__(self, sandbox, spec, verbose):
        self.sandbox = sandbox
        self.spec = spec
        self.verbose = verbose

    def run(self, timeout, **fields):
        spec = dict(self.spec)
        spec.update(fields)
        before = self.sandbox.connections
        cpu = time.process_time()  # this process runs nothing but the sandbox
        process = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--child", json.dumps(spec)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            universal_newlines=True,
        )
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise RuntimeError("%s child took over %d s" % (spec["kind"], timeout))
        self.sandbox.clear()
        if process.returncode != 0:
            raise RuntimeError(
                "%s child failed (exit %d):\n%s"
                % (spec["kind"], process.returncode, err)
            )
        result = json.loads(out.strip().splitlines()[-1])
        result["connections"] = self.sandbox.connections - before
        result["sandbox_cpu"] = time.process_time() - cpu
        if self.verbose:
            shown = dict((k, v) for k, v in fields.items() if k != "file")
            print("  %s -> %s" % (shown, result), file=sys.stderr)
        return result


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2.0


class Row(object):
    def __init__(self, measure, product, baseline, value, target_key, unit):
        self.measure = measure
        self.product = product
        self.baseline = baseline
        self.value = value
        self.op, self.limit = TARGETS[target_key]
        self.unit = unit

    @property
    def passed(self):
        if self.op == ">=":
            return self.value >= self.limit
        if self.op == ">":
            return self.value > self.limit
        return self.value <= self.limit

    def cells(self):
        if self.unit == "x":
            value = "%.2f x" % self.value
            target = "%s %g x" % (self.op, self.limit)
        else:
            value = "%.1f %s" % (self.value, self.unit)
            target = "%s %g %s" % (self.op, self.limit, self.unit)
        return [
            self.measure,
            self.product,
            self.baseline,
            value,
            target,
            "PASS" if self.passed else "MISS",
        ]


def bench_calls(bench, transports, rounds, seconds, slice_seconds):
    """The call rows per transport, on plain HTTP or HTTPS as bench's sandbox is."""
    tls = bench.spec.get("tls", False)
    scheme = "HTTPS" if tls else "HTTP"
    variants = ["keepalive", "newconn"] + ["product-" + t for t in transports]
    rate = dict((v, []) for v in variants)
    cpu = dict((v, []) for v in variants)
    protocol = None
    for round_index in range(rounds):
        result = bench.run(
            len(variants) * seconds + 120,
            kind="calls",
            variants=variants if round_index % 2 == 0 else variants[::-1],
            seconds=seconds,
            slice=slice_seconds,
        )
        protocol = result["protocol"]
        for variant in variants:
            sample = result[variant]
            rate[variant].append(sample["calls"] / sample["seconds"])
            cpu[variant].append(1e6 * sample["cpu"] / sample["calls"])
    rows = {}
    for transport in transports:
        product = rate["product-" + transport]
        rows[transport] = [
            Row(
                "get_import_job_details vs keep-alive http.client, %s" % scheme,
                "%.0f/s" % median(product),
                "%.0f/s" % median(rate["keepalive"]),
                median([p / k for p, k in zip(product, rate["keepalive"])]),
                "keepalive",
                "x",
            ),
            Row(
                "get_import_job_details vs new connection per call, %s" % scheme,
                "%.0f/s" % median(product),
                "%.0f/s" % median(rate["newconn"]),
                median([p / n for p, n in zip(product, rate["newconn"])]),
                "newconn",
                "x",
            ),
        ]
    notes = [
        "calls %-5s %-16s %6.0f/s, client CPU %4.0f us/call (process time, kernel "
        "included)" % (scheme, variant, median(rate[variant]), median(cpu[variant]))
        for variant in variants
    ]
    keep, new = rate["keepalive"], rate["newconn"]
    notes.append(
        "calls %s: the keep-alive baseline itself is %.2f x the new-connection one"
        % (scheme, median([k / n for k, n in zip(keep, new)]))
    )
    if tls:
        notes.append(
            "calls HTTPS (%s): the baselines share one ssl.SSLContext trusting "
            "tests/certs/ca.pem, built once (reused: yes); the new-connection one "
            "makes a new HTTPSConnection, so a TCP connect and a full TLS handshake "
            "(no session resumption), per call; the product is given "
            "ca_bundle=tests/certs/ca.pem" % protocol
        )
    for variant in ["keepalive", "newconn"]:
        probe = bench.run(
            seconds + 120,
            kind="calls",
            variants=[variant],
            seconds=min(seconds, 1.0),
            slice=slice_seconds,
        )
        sample = probe[variant]
        notes.append(
            "sandbox CPU per %s %s call: %.0f us (client: %.0f us)"
            % (
                scheme,
                variant,
                1e6 * probe["sandbox_cpu"] / sample["calls"],
                1e6 * sample["cpu"] / sample["calls"],
            )
        )
    return rows, notes


def bench_threads(bench, transports, rounds, seconds, slice_seconds, threads=8):
    rows = {}
    for transport in transports:
        single, multi = [], []
        for _ in range(rounds):
            result = bench.run(
                2 * seconds + 120,
                kind="threads",
                transport=transport,
                threads=threads,
                seconds=seconds,
                slice=slice_seconds,
            )
            single.append(result["single"])
            multi.append(result["multi"])
        rows[transport] = [
            Row(
                "%d threads, one client vs 1 thread" % threads,
                "%.0f/s" % median(multi),
                "%.0f/s" % median(single),
                median([m / s for m, s in zip(multi, single)]),
                "threads",
                "x",
            )
        ]
    return rows, []


def _size_text(size):
    if size >= GIB and size % GIB == 0:
        return "%d GiB" % (size // GIB)
    if size >= MIB and size % MIB == 0:
        return "%d MiB" % (size // MIB)
    return "%d B" % size


def _transfers(bench, transports, rounds, size, kind, small, big):
    """Rounds of one kind of transfer, the product on each transport and the raw
    baseline taking turns. small() and big() set the sandbox up for a 4 KiB and
    a full-size transfer and return the child's fields. Returns, per transport,
    the full-size MiB/s and peak RSS growth over the 4 KiB run (MB), and the raw
    baseline's MiB/s.
    """
    timeout = 120 + size // MIB  # a second per MiB is far slower than any run
    speed = dict((t, []) for t in transports)
    growth = dict((t, []) for t in transports)
    raw = []
    for _ in range(rounds):
        for transport in transports:
            product = dict(kind=kind, variant="product", transport=transport)
            base = bench.run(timeout, **dict(product, **small()))
            fields = big()
            if transport == transports[0]:
                result = bench.run(timeout, kind=kind, variant="raw", **fields)
                raw.append(size / MIB / result["seconds"])
            result = bench.run(timeout, **dict(product, **fields))
            speed[transport].append(size / MIB / result["seconds"])
            growth[transport].append((result["peak_rss"] - base["peak_rss"]) / 1e6)
    return speed, growth, raw


def _rss_row(kind, size, growth):
    return Row(
        "%s %s: peak RSS minus a 4 KiB %s's" % (kind, _size_text(size), kind),
        "%.1f MB" % median(growth),
        "-",
        median(growth),
        kind + "_rss",
        "MB",
    )


def bench_export(bench, transports, rounds, size, folder):
    def sized(amount):
        def fields():
            bench.sandbox.export_size = amount
            return {"size": amount, "dir": folder}

        return fields

    try:
        speed, growth, raw = _transfers(
            bench, transports, rounds, size, "export", sized(4096), sized(size)
        )
    finally:
        bench.sandbox.export_size = None
    rows = {}
    for transport in transports:
        rows[transport] = [
            _rss_row("export", size, growth[transport]),
            Row(
                "export %s: throughput vs raw socket" % _size_text(size),
                "%.0f MiB/s" % median(speed[transport]),
                "%.0f MiB/s" % median(raw),
                median([p / r for p, r in zip(speed[transport], raw)]),
                "export_speed",
                "x",
            ),
        ]
    return rows, []


def _write_import_file(path, size):
    header = b"Date,Region,Product Category,Product,Customer Name,Sales,Cost\r\n"
    row = b"2026-01-05,East,Furniture,Chair,Ada Lovelace,1520.00,1140.50\r\n"
    block = row * (CHUNK // len(row))
    with open(path, "wb") as out:
        written = out.write(header[:size])
        while written < size:
            written += out.write(block[: size - written])


def bench_import(bench, transports, rounds, size, folder):
    big_file = os.path.join(folder, "import-big.csv")
    small_file = os.path.join(folder, "import-small.csv")
    try:
        _write_import_file(big_file, size)
        _write_import_file(small_file, 4096)
        speed, growth, raw = _transfers(
            bench,
            transports,
            rounds,
            size,
            "import",
            lambda: {"file": small_file},
            lambda: {"file": big_file},
        )
    finally:
        for path in (big_file, small_file):
            if os.path.exists(path):
                os.remove(path)
    rows = {}
    notes = []
    for transport in transports:
        rows[transport] = [_rss_row("import", size, growth[transport])]
        notes.append(
            "import %s %.0f MiB/s, raw socket %.0f MiB/s (ratio %.2f; the sandbox "
            "hashes and parses every byte it receives, so it sets this pace)"
            % (
                transport,
                median(speed[transport]),
                median(raw),
                median([p / r for p, r in zip(speed[transport], raw)]),
            )
        )
    return rows, notes


def parse_size(text):
    units = {"": 1, "K": 1 << 10, "M": MIB, "G": GIB}
    value = text.strip().upper()
    for suffix in ("IB", "B"):
        if value.endswith(suffix) and value[: -len(suffix)][-1:] in "KMG":
            value = value[: -len(suffix)]
            break
    unit = value[-1:] if value[-1:] in "KMG" else ""
    number = value[: len(value) - len(unit)]
    try:
        size = int(float(number) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError("not a size: %r (try 1G, 64M, 4096)" % text)
    if size < 4096:
        raise argparse.ArgumentTypeError("size must be at least 4096 bytes")
    return size


def _fetch_token(sandbox, user_agent):
    if sandbox.tls:
        context = ssl.create_default_context(cafile=CA_FILE)
        conn = http.client.HTTPSConnection(
            sandbox.host, sandbox.port, timeout=60, context=context
        )  # type: http.client.HTTPConnection
    else:
        conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=60)
    form = urllib.parse.urlencode(
        [
            ("grant_type", "refresh_token"),
            ("client_id", sandbox.CLIENT_ID),
            ("client_secret", sandbox.CLIENT_SECRET),
            ("refresh_token", sandbox.REFRESH_TOKEN),
        ]
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": user_agent,
    }
    conn.request("POST", "/oauth/v2/token", body=form, headers=headers)
    answer = json.loads(conn.getresponse().read().decode("utf-8"))
    conn.close()
    return answer["access_token"]


def print_table(rows_by_transport, notes, header):
    titles = ["measure", "product", "baseline", "ratio / value", "target", "result"]
    print(header)
    for title, rows in rows_by_transport:
        if not rows:
            continue
        table = [titles] + [row.cells() for row in rows]
        widths = [max(len(line[i]) for line in table) for i in range(len(titles))]
        print("")
        print(title)
        for index, line in enumerate(table):
            print(
                "| "
                + " | ".join(cell.ljust(width) for cell, width in zip(line, widths))
                + " |"
            )
            if index == 0:
                print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    if notes:
        print("")
        for note in notes:
            print("- " + note)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Benchmark AnalyticsClient.py against raw baselines on the sandbox."
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="all",
        choices=["all", "calls", "export", "import", "threads"],
    )
    parser.add_argument("--quick", action="store_true", help="small and few: < 60 s")
    parser.add_argument(
        "--transport", choices=["stdlib", "urllib3", "both"], help="default: both"
    )
    parser.add_argument(
        "--tls",
        nargs="?",
        const="on",
        choices=["on", "off", "both"],
        help="the calls over HTTPS (--tls alone: only them), plain HTTP or both; "
        "default: both for 'all', off for 'calls'. Transfers and threads always "
        "run on plain HTTP",
    )
    parser.add_argument("--size", type=parse_size, help="export/import size (1G)")
    parser.add_argument("--repeat", type=int, help="rounds (default 5, quick 3)")
    parser.add_argument(
        "--seconds",
        type=float,
        help="seconds each call variant runs per round (default 4, quick 0.4)",
    )
    parser.add_argument("--dir", help="where files are written (default: tmpfs if any)")
    parser.add_argument("--check", action="store_true", help="exit 1 on any MISS")
    parser.add_argument("--verbose", action="store_true", help="show every sample")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child)

    sys.path.insert(0, ROOT)
    sys.path.insert(0, SAMPLES)
    import AnalyticsClient
    from sandbox import Sandbox

    have_urllib3 = AnalyticsClient.urllib3 is not None
    if args.transport in (None, "both"):
        transports = ["stdlib"] + (["urllib3"] if have_urllib3 else [])
    else:
        transports = [args.transport]
    if "urllib3" in transports and not have_urllib3:
        parser.error("--transport urllib3: urllib3 is not installed")
    rounds = args.repeat or (3 if args.quick else 5)
    if rounds < 1:
        parser.error("--repeat must be at least 1")
    size = args.size or (32 * MIB if args.quick else GIB)
    seconds = args.seconds or (0.4 if args.quick else 4.0)
    slice_seconds = min(seconds, 0.1 if args.quick else 0.25)
    shm = "/dev/shm"
    base_dir = args.dir or (
        shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None
    )
    tls = args.tls or ("both" if args.command == "all" else "off")
    plain_calls = tls in ("off", "both")
    tls_calls = tls in ("on", "both") and args.command in ("all", "calls")
    folder = tempfile.mkdtemp(prefix="analytics-bench-", dir=base_dir)

    user_agent = AnalyticsClient._USER_AGENT

    def start(sandbox):
        sandboxes.append(sandbox.start())
        spec = {
            "url": sandbox.url,
            "host": sandbox.host,
            "port": sandbox.port,
            "tls": bool(sandbox.tls),
            "client_id": Sandbox.CLIENT_ID,
            "client_secret": Sandbox.CLIENT_SECRET,
            "refresh_token": Sandbox.REFRESH_TOKEN,
            "org_id": Sandbox.ORG_ID,
            "workspace_id": Sandbox.WORKSPACE_ID,
            "job_id": Sandbox.SEED_JOB_ID,
            "token": _fetch_token(sandbox, user_agent),
            "user_agent": user_agent,
        }
        return Bench(sandbox, spec, args.verbose)

    sandboxes = []  # type: list
    try:
        bench = start(Sandbox())
        secure = start(Sandbox(tls=SERVER_CERT)) if tls_calls else None
        started = time.time()
        rows = dict((t, []) for t in transports)
        tls_rows = dict((t, []) for t in transports)
        notes = []

        def calls():
            found, found_notes = {}, []  # type: dict, list
            if plain_calls:
                found, found_notes = bench_calls(
                    bench, transports, rounds, seconds, slice_seconds
                )
            if secure is not None:
                print("running calls over HTTPS ...", file=sys.stderr)
                secure_rows, secure_notes = bench_calls(
                    secure, transports, rounds, seconds, slice_seconds
                )
                for transport in transports:
                    tls_rows[transport].extend(secure_rows[transport])
                found_notes = found_notes + secure_notes
            return found, found_notes

        steps = [
            ("calls", calls),
            ("export", lambda: bench_export(bench, transports, rounds, size, folder)),
            ("import", lambda: bench_import(bench, transports, rounds, size, folder)),
            (
                "threads",
                lambda: bench_threads(
                    bench, transports, rounds, seconds, slice_seconds
                ),
            ),
        ]
        for name, step in steps:
            if args.command in ("all", name):
                print("running %s ..." % name, file=sys.stderr)
                step_rows, step_notes = step()
                for transport in transports:
                    rows[transport].extend(step_rows.get(transport, []))
                notes.extend(step_notes)
    finally:
        for sandbox in sandboxes:
            sandbox.stop()
        shutil.rmtree(folder, ignore_errors=True)

    header = (
        "AnalyticsClient %s, Python %s, urllib3 %s, %s, %d CPUs; sandbox on loopback "
        "in the parent process; %d rounds, %g s per call variant, transfers of %s in %s; "
        "took %.0f s"
        % (
            AnalyticsClient.__version__,
            platform.python_version(),
            AnalyticsClient.urllib3.__version__ if have_urllib3 else "absent",
            platform.system(),
            os.cpu_count() or 0,
            rounds,
            seconds,
            _size_text(size),
            base_dir or tempfile.gettempdir(),
            time.time() - started,
        )
    )
    names = {"stdlib": "stdlib (http.client)", "urllib3": "urllib3"}
    tables = [("transport: %s, plain HTTP" % names[t], rows[t]) for t in transports]
    tables += [
        ("transport: %s, HTTPS (TLS)" % names[t], tls_rows[t]) for t in transports
    ]
    print_table(tables, notes, header)
    missed = any(not row.passed for _, table in tables for row in table)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
