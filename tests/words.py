"""What a user reads of an error: its words through gui/messages.py (English in tests)."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from gui.messages import error_text


@contextmanager
def raises_saying(kind: type, pattern: str):
    """pytest.raises(kind), and the words the window and the command line give for the
    error match `pattern` (as match= matched the core's English before it gave codes)."""
    with pytest.raises(kind) as caught:
        yield caught
    assert re.search(pattern, error_text(caught.value)), error_text(caught.value)
