"""The writer's lock of an embedded store: one writer at a time, and everyone can see who it is.

`<store>/statekg.lock` is locked with flock, which the kernel releases when its holder dies, however
it dies. The holder writes its PID, command and start time into the file, so a second writer says
at once whom it waits for, and keeps saying how long it has waited. A lock still held after its
recorded holder has died is held by a process that inherited it (an orphaned worker): that process
is stopped and the lock taken over, with a message.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kg.processes import pid_alive
from kg.store.base import StoreError

LOCK_FILE = "statekg.lock"
PROGRESS_EVERY = 5.0  # seconds between "still waiting" messages

Notify = Callable[[str], None]


def _lock_holders(path: Path) -> list[int]:
    """PIDs of the processes that hold the flock on `path`: those with the file open whose
    /proc/PID/fdinfo shows the lock (Linux; empty elsewhere). A writer waiting for the lock has the
    file open too, but holds no lock on it."""
    found = []
    target = os.path.realpath(path)
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            for fd in (proc / "fd").iterdir():
                if os.path.realpath(fd) == target and "FLOCK" in (proc / "fdinfo" / fd.name).read_text():
                    found.append(int(proc.name))
                    break
        except (OSError, ValueError):
            continue
    return [pid for pid in found if pid != os.getpid()]


def _command() -> str:
    """`kg ingest` for the kg command (run as `kg` or `python -m kg.cli`), else the program name."""
    program = Path(sys.argv[0]).name if sys.argv else ""
    if program in ("kg", "cli.py", "__main__.py") or "kg" in program:
        subcommand = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
        return f"kg {subcommand}".strip()
    return program or "python"


def describe_holder(info: dict) -> str:
    started = info.get("started", "")
    with contextlib.suppress(ValueError):
        started = datetime.fromisoformat(started).strftime("%H:%M")
    return f"PID {info.get('pid', '?')} ({info.get('command', 'kg')}, started {started})"


class WriterLock:
    """An exclusive lock on a store directory, held until `release`."""

    def __init__(self, directory: Path, timeout: float, notify: Notify | None = None) -> None:
        self.path = directory / LOCK_FILE
        try:
            self._file = open(self.path, "a+")  # noqa: SIM115 - held for the store's lifetime
        except OSError as err:
            raise StoreError(f"cannot write to the store at {directory}: {err.strerror.lower()}") from None
        try:
            self._acquire(timeout, notify or (lambda _: None))
        except BaseException:
            self._file.close()
            raise
        self._record()

    def _try(self) -> bool:
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _holder(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def _acquire(self, timeout: float, notify: Notify) -> None:
        if self._try():
            return
        holder = self._holder()
        pid = holder.get("pid")
        if isinstance(pid, int) and not pid_alive(pid):
            self._take_over(holder, notify)
            if self._try():
                return
        notify(f"waiting for the store lock held by {describe_holder(holder)}")
        start = time.monotonic()
        next_note = start + PROGRESS_EVERY
        while True:
            time.sleep(0.1)
            if self._try():
                notify(f"got the store lock after {time.monotonic() - start:.0f} s")
                return
            now = time.monotonic()
            if now - start >= timeout:
                raise StoreError(
                    f"the store is in use by {describe_holder(self._holder())}; waited {timeout:.0f} s "
                    f"(set STATEKG_LOCK_TIMEOUT to wait longer)"
                )
            if now >= next_note:
                notify(f"still waiting for the store lock ({now - start:.0f} s of {timeout:.0f} s)")
                next_note = now + PROGRESS_EVERY

    def _take_over(self, holder: dict, notify: Notify) -> None:
        """The recorded holder is gone, yet the lock is held: by processes that inherited it."""
        orphans = _lock_holders(self.path)
        for pid in orphans:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                continue
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(pid_alive(p) for p in orphans):
            time.sleep(0.1)
        for pid in orphans:
            if pid_alive(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        notify(
            f"took over a stale store lock: its holder {describe_holder(holder)} has exited"
            + (f"; stopped {len(orphans)} orphaned process(es) still holding it" if orphans else "")
        )

    def _record(self) -> None:
        info = {
            "pid": os.getpid(),
            "command": _command(),
            "started": datetime.now().isoformat(timespec="seconds"),
        }
        try:
            self._file.seek(0)
            self._file.truncate()
            self._file.write(json.dumps(info))
            self._file.flush()
        except OSError:
            pass  # the lock holds; only the note of who holds it is missing

    def release(self) -> None:
        if not self._file.closed:
            try:
                self._file.seek(0)
                self._file.truncate()
            except OSError:
                pass
            self._file.close()
