"""Every key does one thing: no two actions, shortcuts or Alt mnemonics answer to the
same key in any state of the main window or its dialogs (Qt would do neither, and print
"Ambiguous shortcut overload")."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shortcut_walk import walk_main_window

HERE = Path(__file__).resolve().parent


def test_no_key_answers_to_two_things(window):
    assert walk_main_window(window) == {}


def test_no_key_answers_to_two_things_on_x11(tmp_path):
    """Under a real X server the platform adds its own keys to the standard ones (Delete
    is also Ctrl+D there, which silenced Ctrl+D, Duplicate). .ci/run installs Xvfb."""
    if shutil.which("xvfb-run") is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing: .ci/run installs the package xvfb")
        pytest.skip("needs Xvfb (apt-get install xvfb)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run(["xvfb-run", "-a", sys.executable, str(HERE / "shortcut_walk.py")],
                          capture_output=True, text=True, env=env, timeout=300)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines[0] == "xcb"  # the real X11 platform, not offscreen
    assert lines[1:] == []
