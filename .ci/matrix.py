#!/usr/bin/env python3
"""Run the test suite across CPython 3.6-3.13 and HTTP transports.

Standard library only; run it with the machine's python3 from anywhere:

    python3 .ci/matrix.py                 # every cell, 3 at a time
    python3 .ci/matrix.py --list          # what would run, and with what
    python3 .ci/matrix.py --cells 'py3.13-*' --jobs 1
    python3 .ci/matrix.py --ensure-venv mypy   # print the cached mypy venv

A cell is one interpreter with one transport:

* ``stdlib``  - no urllib3 in the venv, so AnalyticsClient uses http.client;
* ``urllib3-<version>`` - that exact urllib3 is forced into the venv.

Each cell gets a venv cached under
``${XDG_CACHE_HOME:-$HOME/.cache}/analyticsclient-ci/venvs/<python>-<variant>-<hash>``
(the hash covers the requirement files, the forced urllib3 and the interpreter),
runs pytest from the repository root, and also imports AnalyticsClient with the
bare interpreter under ``-S`` to prove the module needs nothing but the standard
library.  Output of each cell goes to ``.ci/logs/<cell>.log``.

Keeping the pins: every file in tests/requirements/ pins the test tools *and
all their dependencies* (venvs are installed with --no-deps, then `pip check`
runs), so a new test dependency goes into each of those files, and into
tests/requirements.txt through current.txt.  urllib3 is in none of them: each
cell removes it or forces its own version, and checks urllib3.__version__.
"""

import argparse
import concurrent.futures
import fcntl
import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REQ_DIR = os.path.join(ROOT, "tests", "requirements")
LOG_DIR = os.path.join(HERE, "logs")

# Bump when the way venvs are built changes, so every cached venv is rebuilt.
RECIPE = "1"

MINORS = range(6, 14)  # CPython 3.6 ... 3.13

# Test tools are pinned per Python because new releases dropped old Pythons
# (see the header of each file).  Pythons not listed use current.txt.
REQUIREMENTS = {
    6: "py36.txt",
    7: "py37.txt",
    8: "py38.txt",
    9: "py39.txt",
    10: "py310.txt",
}
DEFAULT_REQUIREMENTS = "current.txt"

# Installed into the fresh venv before the requirement file.  Python 3.6's
# bundled pip 18.1 knows no manylinux2014 wheels: it takes PyYAML 6.0.1's
# sdist and fails to build it.  21.3.1 is the last pip for 3.6.
BOOTSTRAP = {
    6: ["pip==21.3.1"],
}

# Newest urllib3 of each line that installs on each Python (Requires-Python).
URLLIB3_1 = "1.26.20"
URLLIB3_2 = {7: "2.0.7", 8: "2.2.3", 9: "2.6.3"}
URLLIB3_2_DEFAULT = "2.8.0"  # 3.10 and newer

# Cells (fnmatch patterns on the cell name) in which vcrpy / pytest-recording
# cannot run: they run `-m "not cassette"` instead and the runner says so.
# Empty: vcrpy 4.1.1 with pytest-recording 0.12.2 install and replay cassettes
# on 3.6, the oldest Python here, and vcrpy 4.4.0 replays them on 3.7 with
# urllib3 2.0.7 forced in.  Example: {"py3.6-*": "vcrpy does not install"}.
NO_CASSETTES = {}  # pattern -> reason

# Extra urllib3 cells: (minor, urllib3 version).  Oldest and newest Python for
# each urllib3 line, plus 3.10, the oldest Python on which vcrpy itself
# declares urllib3 2 support (older vcrpy requires urllib3<2 on Python<3.10;
# the 3.7 cell forces 2.0.7 past that pin on purpose).
URLLIB3_CELLS = [
    (6, URLLIB3_1),
    (13, URLLIB3_1),
    (7, URLLIB3_2[7]),
    (10, URLLIB3_2_DEFAULT),
    (13, URLLIB3_2_DEFAULT),
]

# Time limits (CI as a whole has 90 minutes): a hung test run or pip install
# must not eat them.
PYTEST_TIMEOUT = 10 * 60  # seconds, per pytest run
STEP_TIMEOUT = 10 * 60  # seconds, per venv-building command
DEADLINE = 40 * 60  # seconds after the start: cells not started by then fail

PIP_ENV = {
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PIP_NO_INPUT": "1",
    "PIP_ROOT_USER_ACTION": "ignore",
    "PIP_PROGRESS_BAR": "off",
}

_print_lock = threading.Lock()


def say(line):
    with _print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def cache_root():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "analyticsclient-ci")


def clean_env(extra=None):
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONNOUSERSITE",
                 "PIP_REQUIRE_VIRTUALENV", "PIP_USER", "PYTEST_ADDOPTS"):
        env.pop(name, None)
    env.update(PIP_ENV)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if extra:
        env.update(extra)
    return env


# ---------------------------------------------------------------- interpreters

def _pyenv_roots():
    if os.environ.get("PYENV_ROOT"):
        return [os.environ["PYENV_ROOT"]]
    roots = ["/root/.pyenv"]
    home = os.path.expanduser("~/.pyenv")
    return roots if home in roots else roots + [home]


def _candidates(minor):
    """Possible executables for CPython 3.<minor>, best first."""
    found = []
    pat = re.compile(r"^3\.%d\.(\d+)$" % minor)  # plain CPython releases only
    for root in _pyenv_roots():
        vdir = os.path.join(root, "versions")
        try:
            names = os.listdir(vdir)
        except OSError:
            continue
        hits = [(int(m.group(1)), n) for n in names for m in [pat.match(n)] if m]
        for _, name in sorted(hits, reverse=True):
            found.append(os.path.join(vdir, name, "bin", "python3.%d" % minor))
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if not d or "shims" in d.split(os.sep):
            continue  # pyenv shims only work for the active version
        found.append(os.path.join(d, "python3.%d" % minor))
    out = []
    for f in found:
        if os.path.isfile(f) and os.access(f, os.X_OK) and f not in out:
            out.append(f)
    return out


_PROBE = ("import sys, platform, venv, ensurepip; "
          "print(platform.python_implementation(), '%d.%d.%d' % sys.version_info[:3])")


def find_interpreter(minor):
    """(path, full version) of a usable CPython 3.<minor>, or (None, None)."""
    for exe in _candidates(minor):
        try:
            out = subprocess.run([exe, "-I", "-c", _PROBE], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                 timeout=60, env=clean_env(), universal_newlines=True)
        except (OSError, subprocess.SubprocessError):
            continue
        parts = out.stdout.split()
        if out.returncode == 0 and len(parts) == 2 and parts[0] == "CPython" \
                and parts[1].startswith("3.%d." % minor):
            return exe, parts[1]
    return None, None


# ---------------------------------------------------------------------- cells

class Cell(object):
    def __init__(self, minor, urllib3=None):
        self.minor = minor
        self.urllib3 = urllib3
        self.python = "py3.%d" % minor
        self.variant = "stdlib" if urllib3 is None else "urllib3-" + urllib3
        self.name = "%s-%s" % (self.python, self.variant)
        self.no_cassettes = next((why for pat, why in sorted(NO_CASSETTES.items())
                                  if fnmatch.fnmatchcase(self.name, pat)), None)
        self.requirements = os.path.join(REQ_DIR, REQUIREMENTS.get(minor, DEFAULT_REQUIREMENTS))
        self.bootstrap = BOOTSTRAP.get(minor, [])
        self.exe = None
        self.version = None

    def pytest_args(self):
        args = ["-m", "pytest", "-q", "-p", "no:cacheprovider"]
        if self.no_cassettes:
            return args + ["-m", "not cassette"]
        return args + ["--record-mode=none"]


def all_cells():
    cells = [Cell(m) for m in MINORS]
    cells += [Cell(m, v) for m, v in URLLIB3_CELLS]
    return cells


def select_cells(cells, patterns):
    if not patterns:
        return cells
    pats = [p.strip() for p in patterns.split(",") if p.strip()]
    out = []
    for c in cells:
        for p in pats:
            if any(ch in p for ch in "*?["):
                hit = fnmatch.fnmatchcase(c.name, p)
            else:
                hit = p in c.name
            if hit:
                out.append(c)
                break
    return out


# ----------------------------------------------------------------------- venvs

def requirement_files(path, seen=None):
    """The file and every file it pulls in with -r / -c, in order."""
    seen = [] if seen is None else seen
    path = os.path.normpath(path)
    if path in seen:
        return seen
    seen.append(path)
    with open(path) as f:
        for line in f:
            m = re.match(r"^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)", line)
            if m:
                requirement_files(os.path.join(os.path.dirname(path), m.group(1)), seen)
    return seen


class VenvSpec(object):
    """What a cached venv holds; its hash names the directory."""

    def __init__(self, label, exe, version, requirements, bootstrap=(), urllib3=None,
                 force_urllib3=True, expect_imports=("pytest",)):
        self.label = label  # e.g. py3.6-stdlib
        self.exe = exe
        self.version = version
        self.requirements = requirements
        self.bootstrap = list(bootstrap)
        self.urllib3 = urllib3  # None: must not be importable (if force_urllib3)
        self.force_urllib3 = force_urllib3
        self.expect_imports = list(expect_imports)

    def digest(self):
        h = hashlib.sha256()
        h.update(("recipe=%s\nexe=%s\nversion=%s\nbootstrap=%s\nurllib3=%s/%s\nimports=%s\n" % (
            RECIPE, os.path.realpath(self.exe), self.version, " ".join(self.bootstrap),
            self.urllib3, self.force_urllib3, ",".join(self.expect_imports))).encode())
        for path in requirement_files(self.requirements):
            h.update(os.path.relpath(path, ROOT).encode() + b"\n")
            with open(path, "rb") as f:
                h.update(f.read())
        return h.hexdigest()[:12]

    def path(self):
        return os.path.join(cache_root(), "venvs", "%s-%s" % (self.label, self.digest()))

    def check_code(self):
        lines = ["import sys"]
        for mod in self.expect_imports:
            lines.append("import %s" % mod)
        if self.force_urllib3:
            if self.urllib3 is None:
                lines += ["try:", "    import urllib3",
                          "except ImportError:", "    pass",
                          "else:", "    sys.exit('urllib3 %s is installed in a stdlib venv' % urllib3.__version__)"]
            else:
                lines += ["import urllib3",
                          "if urllib3.__version__ != %r:" % self.urllib3,
                          "    sys.exit('urllib3 is %%s, wanted %s' %% urllib3.__version__)" % self.urllib3]
        lines.append("print('venv ok: python %d.%d.%d' % sys.version_info[:3])")
        return "\n".join(lines)


def run_logged(cmd, log, cwd=ROOT, env=None, timeout=STEP_TIMEOUT, shown=None):
    """Run cmd with its output appended to the open log file; return exit code.

    The command gets its own process group, killed whole on timeout.
    """
    log.write("\n$ %s\n" % (shown or " ".join(cmd)))
    log.flush()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or clean_env(), stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as e:
        log.write("cannot start: %s\n" % e)
        return 127
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        rc = 124
    try:
        os.killpg(proc.pid, 9)  # on timeout, and any stray children left behind
    except OSError:
        pass
    proc.wait()
    log.seek(0, os.SEEK_END)
    if rc == 124:
        log.write("\n*** timed out after %d s, killed\n" % timeout)
    log.flush()
    return rc


def run_capture(cmd, log, cwd=ROOT, env=None, timeout=STEP_TIMEOUT, shown=None):
    """Like run_logged, also returning the command's output text."""
    log.flush()
    with open(log.name, "rb") as f:
        f.seek(0, os.SEEK_END)
        begin = f.tell()
    rc = run_logged(cmd, log, cwd=cwd, env=env, timeout=timeout, shown=shown)
    with open(log.name, "rb") as f:
        f.seek(begin)
        out = f.read().decode("utf-8", "replace")
    # drop the "$ command" line that run_logged wrote first
    out = out.split("\n", 2)[2] if out.count("\n") >= 2 else ""
    return rc, out


def venv_healthy(spec, path, log):
    py = os.path.join(path, "bin", "python")
    if not os.path.isfile(os.path.join(path, ".ci-ok")) or not os.path.exists(py):
        return False
    rc, _ = run_capture([py, "-c", spec.check_code()], log, timeout=120, shown=py + " -c <venv check>")
    return rc == 0


def build_venv(spec, path, log):
    """Create the venv from scratch; return None or an error message."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    py = os.path.join(path, "bin", "python")
    if run_logged([spec.exe, "-m", "venv", path], log) != 0:
        return "python -m venv failed"
    pip = [py, "-m", "pip", "install", "--no-deps"]
    if spec.bootstrap and run_logged(pip + spec.bootstrap, log) != 0:
        return "installing %s failed" % " ".join(spec.bootstrap)
    # The requirement files pin every package, dependencies included, so
    # --no-deps keeps pip from pulling in (or changing) anything else,
    # urllib3 above all: old vcrpy declares urllib3<2 on Python<3.10.
    if run_logged(pip + ["-r", spec.requirements], log) != 0:
        return "installing %s failed" % os.path.relpath(spec.requirements, ROOT)
    if spec.force_urllib3:
        if spec.urllib3 is None:
            rc = run_logged([py, "-m", "pip", "uninstall", "-y", "urllib3"], log)
        else:
            rc = run_logged(pip + ["--force-reinstall", "urllib3==" + spec.urllib3], log)
        if rc != 0:
            return "forcing urllib3 %s failed" % (spec.urllib3 or "absent")
    # Every dependency must be pinned: pip check catches a missing one.  Lines
    # about urllib3 are expected (we removed or forced it past vcrpy's pin).
    rc, out = run_capture([py, "-m", "pip", "check"], log, timeout=300)
    bad = [ln for ln in out.splitlines()
           if ln.strip() and "No broken requirements" not in ln
           and not (spec.force_urllib3 and "urllib3" in ln.lower())
           and not ln.startswith(("WARNING", "DEPRECATION"))]
    if bad:
        return "pip check: " + "; ".join(bad[:3])
    rc, out = run_capture([py, "-m", "pip", "freeze"], log, timeout=300)
    log.write("\nvenv check:\n" + spec.check_code() + "\n")
    rc2, _ = run_capture([py, "-c", spec.check_code()], log, timeout=120, shown=py + " -c <venv check>")
    if rc2 != 0:
        return "venv check failed (see log)"
    with open(os.path.join(path, ".ci-ok"), "w") as f:
        f.write(out)
    return None


def prune_siblings(spec, keep):
    vdir = os.path.dirname(keep)
    prefix = spec.label + "-"
    for name in os.listdir(vdir):
        full = os.path.join(vdir, name)
        if name.startswith(prefix) and re.match(r"^[0-9a-f]{12}$", name[len(prefix):]) \
                and full != keep and os.path.isdir(full):
            shutil.rmtree(full, ignore_errors=True)


def ensure_venv(spec, log):
    """Return (path, None) or (None, error).  A broken venv is rebuilt once."""
    path = spec.path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".lock", "w") as lockf:
        fcntl.flock(lockf, fcntl.LOCK_EX)
        if venv_healthy(spec, path, log):
            log.write("reusing cached venv %s\n" % path)
            return path, None
        if os.path.exists(path):
            log.write("cached venv %s is broken or incomplete: rebuilding\n" % path)
        err = None
        for attempt in (1, 2):
            log.write("building venv %s (attempt %d)\n" % (path, attempt))
            err = build_venv(spec, path, log)
            if err is None:
                prune_siblings(spec, path)
                return path, None
            log.write("venv build failed: %s\n" % err)
        shutil.rmtree(path, ignore_errors=True)
        return None, err


# ----------------------------------------------------------------- run a cell

SUMMARY_RE = re.compile(r"^=*\s*((?:\d+ \w+|no tests ran)(?:, \d+ \w+)*) in [\d.]+s\b")


def parse_summary(text):
    """Counts from pytest's closing line, or None if there is none."""
    for line in reversed(text.splitlines()):
        m = SUMMARY_RE.match(line.strip())
        if m:
            counts = {}
            for n, word in re.findall(r"(\d+) (\w+)", m.group(1)):
                word = {"error": "errors", "warning": "warnings"}.get(word, word)
                counts[word] = counts.get(word, 0) + int(n)
            return counts
    return None


class Result(object):
    def __init__(self, cell):
        self.cell = cell
        self.status = "failed"  # passed / failed / skipped
        self.reason = ""
        self.counts = {}
        self.seconds = 0.0
        self.log = os.path.join(LOG_DIR, cell.name + ".log")

    def describe(self):
        if self.status == "skipped":
            return "skipped (%s)" % self.reason
        c = self.counts
        text = "%d passed, %d failed, %d skipped" % (
            c.get("passed", 0), c.get("failed", 0) + c.get("errors", 0), c.get("skipped", 0))
        extra = ["%d %s" % (c[k], k) for k in ("xfailed", "xpassed", "deselected") if c.get(k)]
        if extra:
            text += " (" + ", ".join(extra) + ")"
        if self.cell.no_cassettes:
            text += " [not cassette]"
        if self.status == "failed" and self.reason:
            text += " FAILED: " + self.reason
        return text + " (%d s)" % round(self.seconds)


def run_cell(cell, deadline=None):
    res = Result(cell)
    start = time.time()
    if cell.exe is None:
        res.status, res.reason = "skipped", "interpreter not found"
        with open(res.log, "w") as log:
            log.write("CPython 3.%d: interpreter not found\n" % cell.minor)
        return res
    if deadline is not None and start > deadline:
        res.reason = "not started: the matrix's time budget is used up"
        with open(res.log, "w") as log:
            log.write(res.reason + "\n")
        return res
    with open(res.log, "w") as log:
        log.write("cell %s: %s (%s), requirements %s, urllib3 %s\n" % (
            cell.name, cell.exe, cell.version, os.path.relpath(cell.requirements, ROOT),
            cell.urllib3 or "absent"))
        if cell.no_cassettes:
            log.write("cassette tests excluded: %s\n" % cell.no_cassettes)
        try:
            _run_cell(cell, res, log)
        except Exception as e:  # report, never hang the pool
            res.status, res.reason = "failed", "runner error: %r" % (e,)
            log.write("\n*** runner error: %r\n" % (e,))
    res.seconds = time.time() - start
    return res


def _run_cell(cell, res, log):
    imports = ["pytest"] if cell.no_cassettes else ["pytest", "vcr", "pytest_recording"]
    spec = VenvSpec(cell.name, cell.exe, cell.version, cell.requirements, cell.bootstrap,
                    cell.urllib3, force_urllib3=True, expect_imports=imports)
    venv, err = ensure_venv(spec, log)
    if err:
        res.reason = err
        return
    py = os.path.join(venv, "bin", "python")
    env = clean_env({"ANALYTICS_TEST_CELL": cell.name})
    rc, out = run_capture([py] + cell.pytest_args(), log, env=env, timeout=PYTEST_TIMEOUT)
    counts = parse_summary(out)
    res.counts = counts or {}
    reasons = []
    if rc == 5 or (counts is not None and not counts.get("passed") and not counts.get("failed")
                   and not counts.get("errors") and not counts.get("skipped")):
        reasons.append("pytest collected no tests")
    elif rc == 124:
        reasons.append("pytest timed out after %d s" % PYTEST_TIMEOUT)
    elif rc != 0:
        reasons.append("pytest exit code %d" % rc)
    elif counts is None:
        reasons.append("no pytest summary line")
    # The module must import with the bare interpreter and no site-packages.
    brc = run_logged([cell.exe, "-S", "-c", "import sys; sys.path.insert(0, '.'); import AnalyticsClient"],
                     log, env=env, timeout=120)
    if brc != 0:
        reasons.append("bare `python -S` import failed")
    res.reason = "; ".join(reasons)
    res.status = "failed" if reasons else "passed"


# ------------------------------------------------------------------------ main

def resolve(cells):
    found = {}
    minors = sorted(set(c.minor for c in cells))
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for m, hit in zip(minors, pool.map(find_interpreter, minors)):
            found[m] = hit
    for c in cells:
        c.exe, c.version = found[c.minor]


def line_for(res):
    label = "%s %s " % (res.cell.python, res.cell.variant)
    return "cell %s%s %s" % (label, "." * max(3, 34 - len(label)), res.describe())


def tail(path, n=50):
    try:
        with open(path, errors="replace") as f:
            lines = f.readlines()
    except OSError:
        return ""
    return "".join(lines[-n:])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cells", help="comma-separated globs or substrings of cell names")
    ap.add_argument("--list", action="store_true", help="list the cells and exit")
    ap.add_argument("--jobs", type=int, default=3, help="cells run at once (default 3)")
    ap.add_argument("--summary-json", help="write the cell counts to this file")
    ap.add_argument("--deadline", type=int, default=DEADLINE,
                    help="seconds after which no new cell starts (default %(default)s)")
    ap.add_argument("--ensure-venv", choices=["mypy"],
                    help="build or reuse a tool venv and print its path")
    args = ap.parse_args(argv)

    if args.ensure_venv == "mypy":
        # tests/requirements.txt: the README's own pins (pytest, vcrpy,
        # urllib3 2.x, mypy), on this python3.
        spec = VenvSpec("mypy-py%d.%d" % sys.version_info[:2], sys.executable,
                        "%d.%d.%d" % sys.version_info[:3],
                        os.path.join(ROOT, "tests", "requirements.txt"),
                        force_urllib3=False, expect_imports=["mypy", "urllib3"])
        os.makedirs(LOG_DIR, exist_ok=True)
        with open(os.path.join(LOG_DIR, "mypy-venv.log"), "w") as log:
            path, err = ensure_venv(spec, log)
        if err:
            sys.stderr.write("mypy venv: %s (see .ci/logs/mypy-venv.log)\n" % err)
            sys.stderr.write(tail(os.path.join(LOG_DIR, "mypy-venv.log")))
            return 1
        print(path)
        return 0

    cells = select_cells(all_cells(), args.cells)
    if not cells:
        say("matrix: no cell matches %r (try --list)" % args.cells)
        return 2
    resolve(cells)

    if args.list:
        for c in cells:
            where = "%s (%s)" % (c.exe, c.version) if c.exe else "interpreter not found"
            tests = ('-m "not cassette" (%s)' % c.no_cassettes) if c.no_cassettes else "all tests, --record-mode=none"
            boot = (" after " + " ".join(c.bootstrap)) if c.bootstrap else ""
            say("%-24s %s\n%24s requirements %s%s, urllib3 %s; %s" % (
                c.name, where, "", os.path.relpath(c.requirements, ROOT), boot,
                c.urllib3 or "absent", tests))
        return 0

    os.makedirs(LOG_DIR, exist_ok=True)
    if not os.path.isfile(os.path.join(ROOT, "AnalyticsClient.py")):
        say("matrix: warning: no AnalyticsClient.py at the repository root")
    say("matrix: %d cells, %d at a time; venvs in %s; logs in .ci/logs/" % (
        len(cells), args.jobs, os.path.join(cache_root(), "venvs")))
    for c in cells:
        if c.no_cassettes and c.exe:
            say("matrix: %s runs -m \"not cassette\": %s" % (c.name, c.no_cassettes))

    start = time.time()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_cell, c, start + args.deadline) for c in cells]
        for fut in concurrent.futures.as_completed(futures):
            res = fut.result()
            results.append(res)
            say(line_for(res))
            if res.status == "failed":
                say("---- tail of .ci/logs/%s.log ----\n%s---- end of %s ----" % (
                    res.cell.name, tail(res.log), res.cell.name))

    order = {c.name: i for i, c in enumerate(cells)}
    results.sort(key=lambda r: order[r.cell.name])
    n = {s: sum(1 for r in results if r.status == s) for s in ("passed", "failed", "skipped")}
    tot = {}
    for r in results:
        for k, v in r.counts.items():
            tot[k] = tot.get(k, 0) + v
    say("matrix total: %d cells: %d ok, %d broken, %d skipped; tests %d passed, %d failed, %d skipped (%d s)" % (
        len(results), n["passed"], n["failed"], n["skipped"], tot.get("passed", 0),
        tot.get("failed", 0) + tot.get("errors", 0), tot.get("skipped", 0), round(time.time() - start)))
    if n["failed"]:
        say("matrix: failed cells: " + ", ".join(r.cell.name for r in results if r.status == "failed"))
    ran = n["passed"] + n["failed"]
    if ran == 0:
        say("matrix: no cell could run (no interpreter found)")
    if args.summary_json:
        with open(args.summary_json, "w") as f:
            json.dump({"passed": n["passed"], "failed": n["failed"] + (1 if ran == 0 else 0),
                       "skipped": n["skipped"],
                       "cells": {r.cell.name: {"status": r.status, "reason": r.reason,
                                               "counts": r.counts, "seconds": round(r.seconds, 1)}
                                 for r in results}}, f, indent=1)
    return 1 if n["failed"] or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
