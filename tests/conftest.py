import os
import sys

import pytest

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "samples")
)

from sandbox import Sandbox  # noqa: E402


@pytest.fixture
def sandbox():
    with Sandbox() as sb:
        yield sb
