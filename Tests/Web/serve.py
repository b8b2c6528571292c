"""Starts the built web server on a free 127.0.0.1 port against a database made from a seed, for
the contract, property-based and browser tests (run by `make test`)."""
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD_DIR", os.path.join(ROOT, ".build", "debug"))
CLI = os.path.join(BUILD, "registry-cli")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_database(seed, folder):
    """A registry database loaded from `seed` (a folder like data/seed) in `folder`."""
    db = os.path.join(folder, os.path.basename(seed.rstrip("/")) + ".sqlite")
    env = dict(os.environ, REGISTRY_SEED_DIR=seed)
    subprocess.run([CLI, "init", "--db", db], env=env, check=True, capture_output=True)
    return db


@contextlib.contextmanager
def server(db, log_path=None):
    """Serves `db`; yields the base URL. The server's log goes to `log_path` (or is dropped)."""
    port = free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(
        [CLI, "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the server did not start (exit {proc.poll()})")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log_path:
            log.close()


def get(url, timeout=60):
    """(status, headers, body bytes) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@contextlib.contextmanager
def workspace():
    folder = tempfile.mkdtemp(prefix="registry-web-test")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
