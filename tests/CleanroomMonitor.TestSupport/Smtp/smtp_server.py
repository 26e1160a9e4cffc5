"""A real SMTP server for the email channel's tests (Debian's python3-aiosmtpd), started by SmtpServerProcess.

Each accepted message becomes one JSON file in --spool (envelope sender, recipients, whether the session was
encrypted, the login, the raw DATA in base64, and when the DATA was complete as Unix time in nanoseconds, for the
benchmarks' latency figures), written before the 250 reply, so a test that got the reply can
read the file at once. Handler errors are printed with a traceback on stderr, which the fixture treats as a crash.
"""
import argparse
import asyncio
import base64
import json
import logging
import os
import signal
import ssl
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--spool", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", help="require AUTH with this user (and --password)")
    parser.add_argument("--password")
    parser.add_argument("--refuse-rcpt", help="the whole reply to every RCPT TO, such as '550 5.1.1 no such user'")
    parser.add_argument("--refuse-data", help="the whole reply to the end of every DATA")
    return parser.parse_args()


class Recorder:
    def __init__(self, arguments):
        self.arguments = arguments
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.arguments.refuse_rcpt:
            return self.arguments.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        received_at = time.time_ns()   # the machine's real-time clock, as .NET's DateTimeOffset.UtcNow reads it
        if self.arguments.refuse_data:
            return self.arguments.refuse_data
        self.count += 1
        login = session.auth_data.login.decode("utf-8") if isinstance(session.auth_data, LoginPassword) else None
        record = {
            "mailFrom": envelope.mail_from,
            "recipients": envelope.rcpt_tos,
            "tls": self.arguments.tls == "implicit" or session.ssl is not None,
            "login": login,
            "data": base64.b64encode(envelope.original_content).decode("ascii"),
            "receivedAtNs": received_at,
        }
        name = os.path.join(self.arguments.spool, f"message-{self.count:04d}.json")
        with open(name + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(name + ".tmp", name)   # a reader never sees half a file
        return f"250 2.0.0 Ok: queued as {self.count:04d}"


def authenticator(arguments):
    def check(server, session, envelope, mechanism, auth_data):
        good = (isinstance(auth_data, LoginPassword)
                and auth_data.login.decode("utf-8") == arguments.user
                and auth_data.password.decode("utf-8") == arguments.password)
        # handled=False: aiosmtpd itself answers a failure (535); auth_data makes the login visible to the handler.
        return AuthResult(success=good, handled=False, auth_data=auth_data if good else None)
    return check


def tls_context(arguments):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(arguments.cert, arguments.key)
    return context


async def serve(arguments):
    loop = asyncio.get_running_loop()
    handler = Recorder(arguments)
    context = tls_context(arguments) if arguments.tls != "none" else None

    def session():
        return SMTP(
            handler,
            hostname="smtp.test",
            loop=loop,
            tls_context=context if arguments.tls == "starttls" else None,
            auth_required=arguments.user is not None,
            # AUTH only over TLS, as a real relay; with implicit TLS the whole connection is encrypted already.
            auth_require_tls=arguments.tls == "starttls",
            authenticator=authenticator(arguments) if arguments.user else None,
        )

    server = await loop.create_server(session, host="127.0.0.1", port=arguments.port,
                                      ssl=context if arguments.tls == "implicit" else None)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    asyncio.run(serve(parse_arguments()))
