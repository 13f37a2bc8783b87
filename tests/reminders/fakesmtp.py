"""A small SMTP server on 127.0.0.1 for fault tests: it can refuse the next N messages with a temporary error (451)
or keep the next N connections waiting without a greeting (a server that hangs). Delivered messages are kept."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self):
        server: FakeSMTP = self.server.fake
        with server.lock:
            server.connections += 1
            hang = server.hang_next > 0
            if hang:
                server.hang_next -= 1
        if hang:
            while self.rfile.read(1):  # say nothing until the client goes away (or is killed)
                pass
            return
        self._reply("220 fake.smtp.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip().upper()
            if command.startswith("EHLO"):
                self.wfile.write(b"250-fake.smtp.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                self.wfile.flush()
            elif command.startswith(("HELO", "MAIL", "RCPT", "RSET", "NOOP")):
                self._reply("250 OK")
            elif command == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    data_line = self.rfile.readline()
                    if data_line in (b".\r\n", b".\n", b""):
                        break
                    chunks.append(data_line[1:] if data_line.startswith(b"..") else data_line)
                with server.lock:
                    server.data_attempts += 1
                    refuse = server.fail_next > 0
                    if refuse:
                        server.fail_next -= 1
                    else:
                        server.messages.append(email.message_from_bytes(b"".join(chunks), policy=email.policy.default))
                self._reply("451 4.3.0 Temporary failure, try again later" if refuse else "250 OK queued")
            elif command == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("500 Unknown command")


class FakeSMTP:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list = []
        self.connections = 0
        self.data_attempts = 0
        self.fail_next = 0
        self.hang_next = 0
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FakeSMTP:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def delivered_to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]
