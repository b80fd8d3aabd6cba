"""Stop signals wait for an undo or a clean-up to finish, whichever thread the kernel hands them."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from generator.output.scratch import signals_deferred, stopping_signals_raise


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_waits_for_the_deferred_work_while_other_threads_run(number: int) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as the preview's server threads are
    other.start()
    finished = False
    try:
        with (
            pytest.raises((SystemExit, KeyboardInterrupt)),
            stopping_signals_raise(),
            signals_deferred(),
        ):
            os.kill(os.getpid(), number)
            time.sleep(0.1)  # long enough for any thread to have taken the signal
            finished = True
    finally:
        stop.set()
        other.join()
    assert finished, "the signal cut the deferred work short"


def test_handlers_are_back_as_they_were_after_the_deferred_work() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with signals_deferred():
        pass
    assert signal.getsignal(signal.SIGTERM) is before
