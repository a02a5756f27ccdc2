"""A pool of processes for the CPU-bound work (cleaning, fingerprinting).

Processes, not threads: parsing holds the GIL, and the event loop must stay free for the
watcher and the API. A parser that kills its process (a crash, the OOM killer) breaks the
whole pool; the pool is rebuilt and the work tried once more, so only a document that
kills a fresh process twice is lost to the error, and its neighbours are not.
Children are replaced every `tasks_per_child` documents, which bounds the memory the
parsers' caches can grow to over months. Replacing one costs about 3 s of CPU (0.8 s of
imports, then slower documents while its caches warm up), so it is done rarely: one process
cleaning 13,000 raw-text and HTML documents grew to 570 MB within the first 2,000 and no further.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


_LEFT_TO_THE_SERVICE = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM in this thread while it may start processes: a process starts with
    its parent's signal mask, so it cannot be killed by them in the second it spends importing,
    before `_start_child` runs (CPython starts its resource tracker the same way). A signal for
    the service meanwhile is only delayed, to the end of the block."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _LEFT_TO_THE_SERVICE)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_child(parent: int) -> None:
    """Import the cleaner (trafilatura, lxml, datasketch: about a second) when a process starts,
    and leave signals to the service: Ctrl-C in a terminal sends SIGINT to the whole process
    group, and a service manager may send SIGTERM to it, but the service decides how to stop
    (the documents in hand finish here first); the pool ends its processes itself.
    Both signals are held from the start (`_signals_held`); SIGTERM stays held in every thread
    started from here, for `_follow_parent` to take."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_SETMASK, {signal.SIGTERM})
    threading.Thread(target=_follow_parent, args=(parent,), name="follow-parent", daemon=True).start()
    importlib.import_module("ingest.service.cleaning")
    gc.freeze()  # the libraries' objects live as long as the process: no collection need scan them again


def _follow_parent(parent: int) -> None:
    """Exit when the parent dies (after a kill -9 of the service, idle pool processes would
    otherwise wait on their queue forever, holding their memory), or when it sends SIGTERM:
    it terminates what is left of a broken pool that way."""
    while os.getppid() == parent:
        sent = signal.sigtimedwait({signal.SIGTERM}, 1.0)
        if sent is not None and sent.si_pid == parent:
            break
    os._exit(1)


class CpuPool:
    """Its processes start when it is made: their imports then overlap whatever the caller
    does next (the service's own imports and migration: about a second of a start)."""

    def __init__(self, processes: int, tasks_per_child: int = 20_000) -> None:
        self.processes, self.tasks_per_child = processes, tasks_per_child
        self._executor = self._new()
        self._starting = [_submitted(self._executor, time.sleep, 0.05) for _ in range(processes)]

    def __enter__(self) -> CpuPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _new(self) -> ProcessPoolExecutor:
        # spawn: forking a process that runs an event loop and database pools copies their state.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   max_tasks_per_child=self.tasks_per_child, initializer=_start_child, initargs=(os.getpid(),))

    async def ready(self) -> None:
        """Wait for the processes' imports, so the first documents do not wait for them."""
        try:
            await asyncio.gather(*map(asyncio.wrap_future, self._starting))
        except BrokenProcessPool:  # one died importing: the first document rebuilds the pool
            pass

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        executor = self._executor
        try:
            return await asyncio.wrap_future(_submitted(executor, fn, *args))
        except BrokenProcessPool:
            if self._executor is executor:  # the first to notice rebuilds it
                log.warning("a cleaning process died; starting a new pool")
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new()
            return await asyncio.wrap_future(_submitted(self._executor, fn, *args))

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _submitted(executor: ProcessPoolExecutor, fn: Callable[..., T], *args: object) -> Future[T]:
    """Submit with signals held: submitting starts the pool's processes, and the thread that
    replaces them later, which keeps the mask it starts with."""
    with _signals_held():
        return executor.submit(fn, *args)
