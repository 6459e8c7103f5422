"""Child processes that never outlive statekg: a server it starts, the workers of an ingest.

On Linux a child asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG), so even
`kill -9` of the parent leaves nothing running; a parent that is asked to stop (SIGTERM, SIGHUP,
Ctrl-C) stops its children first.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask the kernel to send `sig` to this process when its parent exits (Linux; else nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except OSError:
        pass


def quiet_worker() -> None:
    """Set up a worker process: it dies with its parent, and leaves Ctrl-C to the parent (which
    prints one line), instead of printing a KeyboardInterrupt traceback of its own."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_child(command: list[str], **kwargs) -> subprocess.Popen:
    """Start a program that is killed when this process dies, however it dies."""
    return subprocess.Popen(command, preexec_fn=lambda: die_with_parent(signal.SIGTERM), **kwargs)  # noqa: PLW1509


def stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt while the block runs, so that `finally`
    clauses (stopping children, releasing locks) run as they do for Ctrl-C."""

    def interrupt(signum, frame):  # noqa: ARG001
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    parent: int
    session: int
    state: str  # Z: a zombie, which holds nothing
    rss: int  # bytes
    command: str


def process_table() -> list[ProcessInfo]:
    """Every process, from /proc (Linux; empty elsewhere): for tests that look for what a command
    left running, and benchmarks that measure a process tree's memory."""
    found = []
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as fh:
                rss = int(fh.read().split()[1]) * page
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                command = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        found.append(ProcessInfo(int(entry), int(fields[1]), int(fields[3]), fields[0], rss, command))
    return found


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP while the block runs (a batch written and counted), so that
    a stop lands before or after it, never between the write and the count of what was written.
    A stop that comes meanwhile is noted and raised as KeyboardInterrupt when the block ends.
    (Python runs signal handlers in the main thread whichever thread the kernel picked, which a
    signal mask, per thread, cannot promise with Dask's threads in the process.)"""
    caught: list[int] = []

    def note(signum, frame):  # noqa: ARG001
        caught.append(signum)

    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            previous[sig] = signal.signal(sig, note)
    except ValueError:  # not the main thread: nothing to hold
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            raise KeyboardInterrupt
