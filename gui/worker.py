"""Long work off the UI thread, with progress and cancel: the work runs on Qt's thread
pool and its result or error comes back to the UI thread through a signal."""
from __future__ import annotations

import contextlib
from typing import Callable

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, Signal

from . import dialogs

# work(progress) -> result; progress(done, total) returns False once the user cancels.
Work = Callable[[Callable[[int, int], bool]], object]


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, error


class _Task(QRunnable):
    def __init__(self, work: Work, signals: _Signals):
        super().__init__()
        self.work, self.signals, self.cancelled = work, signals, False

    def progress(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            outcome = (self.work(self.progress), None)
        except Exception as error:  # handed to the UI thread, which shows it
            outcome = (None, error)
        # A count still running when the program quits has nobody left to tell.
        with contextlib.suppress(RuntimeError):
            self.signals.finished.emit(*outcome)


def run_with_progress(parent, title: str, work: Work) -> tuple[object, Exception | None]:
    """Run `work` on the thread pool behind a progress box with Cancel; the window keeps
    painting meanwhile. Returns (result, error)."""
    signals = _Signals()
    task = _Task(work, signals)
    task.setAutoDelete(False)
    box = dialogs.progress_box(parent, title)
    outcome: list = []
    loop = QEventLoop()

    def show(done: int, total: int) -> None:
        box.setMaximum(max(total, 1))
        box.setValue(done)

    def finish(result, error) -> None:
        outcome.extend([result, error])
        loop.quit()

    signals.progressed.connect(show)
    signals.finished.connect(finish)
    box.canceled.connect(lambda: setattr(task, "cancelled", True))
    QThreadPool.globalInstance().start(task)
    if not outcome:
        loop.exec()
    box.close()
    return outcome[0], outcome[1]


_running: set = set()  # tasks and their signals, kept alive until they report


def run_later(work: Callable[[], object], done: Callable[[object, Exception | None], None]) -> None:
    """Run `work` on the thread pool; `done(result, error)` is called on the UI thread."""
    signals = _Signals()
    task = _Task(lambda _progress: work(), signals)
    task.setAutoDelete(False)
    held = (task, signals)
    _running.add(held)

    def finish(result, error) -> None:
        _running.discard(held)
        done(result, error)

    signals.finished.connect(finish)
    QThreadPool.globalInstance().start(task)


class Latest:
    """Work asked for again and again (a count after each save) run on the thread pool one
    at a time: asked for while it runs, it runs once more when that run ends, and only the
    answer to the last asking reaches `done(result, error)`, on the UI thread."""

    def __init__(self, done: Callable[[object, Exception | None], None]):
        self._done = done
        self._asked, self._running = 0, False
        self._work: Callable[[], object] | None = None

    def ask(self, work: Callable[[], object]) -> None:
        self._asked += 1
        self._work = work
        if not self._running:
            self._start()

    def drop(self) -> None:
        """No answer to what was asked so far (the file is closing)."""
        self._asked += 1
        self._work = None

    def _start(self) -> None:
        self._running, asked = True, self._asked
        run_later(self._work, lambda result, error: self._finished(asked, result, error))

    def _finished(self, asked: int, result, error) -> None:
        self._running = False
        if asked == self._asked:
            self._done(result, error)
        elif self._work is not None:
            self._start()  # asked again meanwhile: this answer is out of date
