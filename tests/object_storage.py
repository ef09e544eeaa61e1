"""A real S3 endpoint on loopback for the tests: moto in server mode, started and stopped
by the test (no mock inside the app: it talks HTTP to this server as to any bucket)."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator

from tests.browser.support import free_port

BUCKET = "jeugdhulp-cijfers"
#: The AWS variables a deployment sets; here pointing at the loopback endpoint.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_REGION": "eu-west-1",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_ALLOW_HTTP": "true",
}


@contextlib.contextmanager
def endpoint() -> Iterator[subprocess.Popen]:
    """moto's S3 server on a free loopback port; yields its process, with
    ``AWS_ENDPOINT_URL`` and the credentials set in this process's environment."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        saved = {k: os.environ.get(k) for k in [*CREDENTIALS, "AWS_ENDPOINT_URL"]}
        os.environ.update(CREDENTIALS, AWS_ENDPOINT_URL=url)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(url, timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            import boto3

            boto3.client("s3").create_bucket(
                Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
            )
            yield server
        finally:
            server.kill()
            server.wait()
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def location() -> str:
    """A fresh place in the bucket (each test its own: the app caches what it read)."""
    return f"s3://{BUCKET}/proef-{secrets.token_hex(4)}"
