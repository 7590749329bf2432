"""One program per library: a lock file in the data folder, and a local socket to the program that holds it.

Two programs on one library would each keep their own view of the open assessment, and the
last one closed would overwrite the other's edits. So the first program takes
``<data folder>/library.lock`` (a :class:`QLockFile`: a lock whose process has died is taken
over) and listens on a local socket (a named pipe on Windows, a socket file elsewhere: never the
network). A second launch finds the lock taken, sends the files it was given to the first
program, which comes forward and imports them, and ends. When the first program does not
answer, the second says so and ends, rather than opening the library a second time.

The program starting takes the lock before its first window and listens once the window is painted
(:func:`smedigital.ui.application.claim_library`): QtNetwork, the user name and the socket are ~10 ms of
CPU its first window need not wait for (issue 17). A later launch in between finds the lock taken and
tries to connect until :data:`CONNECT_MS` has passed, which covers it (the first listens at the latest
:data:`~smedigital.ui.application.AFTER_SHOW_LATEST_MS` after its window is shown).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCryptographicHash, QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("smedigital.ui")

LOCK_NAME = "library.lock"
CONNECT_MS = 3000  # a later launch tries this long: the first may be painting its window before it listens
RETRY_MS = 100
ANSWER_MS = 10000  # the first program may be busy for a moment (a long save, a modal dialog)


def server_name(data_dir: Path) -> str:
    """The local socket's name: one per user and data folder, short enough for every platform."""
    import getpass

    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: the folder alone still tells libraries apart
        user = ""
    key = f"{user}\0{Path(data_dir).resolve()}".encode("utf-8", "surrogatepass")
    # SHA-256 by Qt, the digest Python's hashlib gives (earlier versions named the socket with it): hashlib
    # loads OpenSSL, ~3 ms of the program's start (issue 17)
    digest = QCryptographicHash.hash(key, QCryptographicHash.Algorithm.Sha256).toHex().data()
    return "smedigital-" + bytes(digest).decode("ascii")[:20]


class InstanceGuard(QObject):
    """The lock on one data folder. :meth:`acquire` first; when it fails, :meth:`hand_over`.

    Signal ``activated(files)``: a later launch asked this program to come forward (and import
    ``files``, a list of paths, maybe empty)."""

    activated = Signal(list)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock = QLockFile(str(self.data_dir / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # only a dead process's lock is stale, however old
        self.server: QLocalServer | None = None
        self.locked = False

    @cached_property
    def name(self) -> str:
        """The local socket's name (:func:`server_name`)."""
        return server_name(self.data_dir)

    def acquire(self, listen: bool = True) -> bool:
        """Take the lock and (unless ``listen`` is false: :meth:`listen` later) listen for later launches;
        False when another program holds it. A folder where no lock can be made (read-only) counts as
        free: there is nothing to guard."""
        if self.lock.tryLock(100):
            self.locked = True
            if listen:
                self.listen()
            return True
        error = self.lock.error()
        if error == QLockFile.LockError.LockFailedError:
            return False
        log.warning("no lock in %s (%s): going on without one", self.data_dir, error)
        return True

    def holder(self) -> str:
        """The process id holding the lock, for messages ("" if unknown)."""
        try:
            info = self.lock.getLockInfo()  # PySide6: (pid, host, application), or found first in others
        except Exception:  # noqa: BLE001 - a message detail only
            return ""
        values = [v for v in (info if isinstance(info, tuple) else ()) if not isinstance(v, bool)]
        return str(values[0]) if values and values[0] else ""

    def listen(self) -> None:
        """Listen for later launches (once; only while the lock is held)."""
        if self.server is not None or not self.locked:
            return
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a socket file left by a killed program
            if not server.listen(self.name):
                log.warning("cannot listen on %s: %s", self.name, server.errorString())
                return
        server.newConnection.connect(self._connection)
        self.server = server

    def _connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode("utf-8", "replace")
        try:
            message = json.loads(line)
            files = [str(f) for f in message.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError):
            log.warning("a later launch sent something unreadable: %r", line[:200])
            files = []
        socket.write(QByteArray(b"ok\n"))
        socket.flush()
        log.info("a later launch asked this program to come forward (%d file(s))", len(files))
        self.activated.emit(files)

    def hand_over(self, files: Sequence[str] = ()) -> bool:
        """Ask the program holding the lock to come forward and import ``files``; True when it answered.
        Tries to connect for :data:`CONNECT_MS`: a program that has just started listens once its window
        is painted."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + CONNECT_MS / 1000
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(max(1, int((deadline - time.monotonic()) * 1000))):
                break
            socket.abort()
            if time.monotonic() + RETRY_MS / 1000 >= deadline:
                break
            time.sleep(RETRY_MS / 1000)
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            log.warning("the program holding %s does not answer: %s", self.lock.fileName(), socket.errorString())
            return False
        payload = json.dumps({"files": [str(Path(f).resolve()) for f in files]}, ensure_ascii=False) + "\n"
        socket.write(QByteArray(payload.encode("utf-8")))
        socket.flush()
        answered = socket.waitForReadyRead(ANSWER_MS) and bytes(socket.readAll().data()).startswith(b"ok")
        socket.disconnectFromServer()
        return answered

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.locked:
            self.lock.unlock()
            self.locked = False
