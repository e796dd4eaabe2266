"""Clients and helpers shared by the workloads of bench.py: the two sides' ports, WebAdmin with keep-alive, SMTP load
(smtp-source and a threaded smtplib generator), IMAP/POP3 counters, an in-process SMTP sink, statistics."""
import asyncio
import http.client
import imaplib
import json
import os
import poplib
import queue
import smtplib
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse

DOMAIN = "bench.example"
USER, PASSWORD = "bench@bench.example", "secret"
SENDER = "sender@remote.example"


class BenchError(Exception):
    """A workload could not produce its figures: the message says why."""


class Side:
    def __init__(self, name, label, smtp, imap, pop3):
        self.name, self.label, self.smtp, self.imap, self.pop3 = name, label, smtp, imap, pop3


def sides(port_base):
    return {
        "ours": Side("ours", "ours", port_base + 25, port_base + 143, port_base + 110),
        "peer": Side("peer", "Postfix + Dovecot", 10025, 10143, 10110),
    }


# ---------------------------------------------------------------- statistics

def summarize(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def repeated(function, runs, label):
    """One warm-up call (not counted), then `runs` calls; each returns a dict of figures. Median, min, max of each."""
    print(f"   {label}: warm-up", flush=True)
    function()
    results = []
    for run in range(runs):
        result = function()
        print(f"   {label}: run {run + 1}/{runs}: " + ", ".join(f"{k} {v:.1f}" for k, v in result.items()), flush=True)
        results.append(result)
    return {key: summarize([result[key] for result in results]) for key in results[0]}


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


# ---------------------------------------------------------------- WebAdmin

class WebAdmin:
    """WebAdmin over HTTP/1.1 keep-alive: one connection per thread."""

    def __init__(self, port):
        self.port = port
        self.local = threading.local()

    def _connection(self):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.local.connection = connection
        return connection

    def request(self, method, path, body=None, ok=(200, 201, 204), raw=False):
        """Returns (status, parsed JSON or text). Raises BenchError on a status outside `ok`."""
        path = urllib.parse.quote(path, safe="/?=&@:,")
        if body is None:
            data, headers = None, {}
        elif raw:
            data, headers = body.encode() if isinstance(body, str) else body, {"Content-Type": "text/plain"}
        else:
            data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
        for attempt in (1, 2):
            connection = self._connection()
            try:
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                text = response.read().decode(errors="replace")
                break
            except (http.client.HTTPException, OSError) as e:
                connection.close()
                self.local.connection = None
                if attempt == 2:
                    raise BenchError(f"WebAdmin {method} {path}: {e}") from e
        if response.status not in ok:
            raise BenchError(f"WebAdmin {method} {path}: HTTP {response.status} {text[:300]}")
        try:
            return response.status, json.loads(text) if text else None
        except ValueError:
            return response.status, text

    def parallel(self, function, items, threads=8):
        """Calls function(webadmin, item) for every item from `threads` threads (each with its own connection).
        Returns the elapsed seconds; the first failure is raised."""
        work = queue.Queue()
        for item in items:
            work.put(item)
        failures = []

        def worker():
            try:
                while not failures:
                    try:
                        item = work.get_nowait()
                    except queue.Empty:
                        return
                    function(self, item)
            except Exception as e:  # noqa: BLE001 - reported to the caller
                failures.append(e)
            finally:
                connection = getattr(self.local, "connection", None)
                if connection is not None:
                    connection.close()
                    self.local.connection = None

        start = time.monotonic()
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        if failures:
            raise failures[0]
        return time.monotonic() - start

    def create_users(self, users, password=PASSWORD, threads=8):
        """PUT /users/{u}; an existing user (409) is fine. Returns the elapsed seconds."""
        return self.parallel(lambda w, user: w.request("PUT", f"/users/{user}", {"password": password}, ok=(204, 409)),
                             users, threads)

    def spool_size(self):
        return self.request("GET", "/mailQueues/spool")[1]["size"]

    def message_count(self, user, mailbox="INBOX"):
        """Messages in a mailbox; 0 when it does not exist yet (James creates INBOX at the first delivery)."""
        status, body = self.request("GET", f"/users/{user}/mailboxes/{mailbox}/messageCount", ok=(200, 404))
        return int(body) if status == 200 else 0


# ---------------------------------------------------------------- SMTP load

def message_text(sender, recipient, size=4096, serial=0):
    header = (f"From: <{sender}>\r\nTo: <{recipient}>\r\nSubject: bench {serial}\r\n"
              f"Message-ID: <bench-{serial}-{time.monotonic_ns()}@remote.example>\r\n\r\n")
    line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstu\r\n"
    body = (line * (size // len(line) + 1))[:max(0, size - len(header) - 2)]
    return header + body + "\r\n"


def smtp_source(port, messages, recipient, sessions=10, size=4096):
    """Postfix's smtp-source; returns its wall time in seconds."""
    start = time.monotonic()
    result = subprocess.run(["smtp-source", "-s", str(sessions), "-m", str(messages), "-l", str(size),
                             "-f", SENDER, "-t", recipient, f"127.0.0.1:{port}"], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise BenchError(f"smtp-source to {recipient} on port {port} failed (exit {result.returncode}): "
                         f"{(result.stderr or result.stdout).strip()[:500]}")
    if result.stderr.strip():
        print(f"   smtp-source: {result.stderr.strip()[:500]}", flush=True)
    return elapsed


def smtplib_load(port, recipients, threads=10):
    """Sends one message to each address of `recipients` (a list) from `threads` concurrent SMTP sessions, each kept
    open for its share of the messages (Python smtplib). Returns the wall time in seconds."""
    work = queue.Queue()
    for serial, recipient in enumerate(recipients):
        work.put((serial, recipient))
    failures = []

    def sender():
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=300) as smtp:
                smtp.ehlo("load.remote.example")
                while not failures:
                    try:
                        serial, recipient = work.get_nowait()
                    except queue.Empty:
                        return
                    refused = smtp.sendmail(SENDER, [recipient], message_text(SENDER, recipient, serial=serial))
                    if refused:
                        raise BenchError(f"SMTP port {port} refused {refused}")
        except Exception as e:  # noqa: BLE001 - reported to the caller
            failures.append(e)

    start = time.monotonic()
    pool = [threading.Thread(target=sender) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if failures:
        raise BenchError(f"SMTP load on port {port} failed: {failures[0]!r}")
    return time.monotonic() - start


# ---------------------------------------------------------------- IMAP / POP3

def imap_login(port, user=USER, password=PASSWORD):
    imap = imaplib.IMAP4("127.0.0.1", port, timeout=300)
    imap.login(user, password)
    return imap


def imap_logout(imap):
    """LOGOUT; our server sometimes closes before its answer is read: returns 1 then, 0 otherwise."""
    try:
        imap.logout()
        return 0
    except (imaplib.IMAP4.abort, OSError):
        return 1


def status_messages(imap, mailbox="INBOX"):
    typ, data = imap.status(mailbox, "(MESSAGES)")
    if typ != "OK":
        raise BenchError(f"IMAP STATUS {mailbox}: {typ} {data}")
    return int(data[0].decode().split("MESSAGES")[1].strip(" )"))


class MailboxCounter:
    """STATUS MESSAGES of one mailbox from one logged-in IMAP session, reconnecting when it drops."""

    def __init__(self, port, user=USER, password=PASSWORD, mailbox="INBOX"):
        self.port, self.user, self.password, self.mailbox = port, user, password, mailbox
        self.imap = None

    def count(self):
        for attempt in (1, 2):
            try:
                if self.imap is None:
                    self.imap = imap_login(self.port, self.user, self.password)
                return status_messages(self.imap, self.mailbox)
            except (imaplib.IMAP4.abort, OSError):
                self.imap = None
                if attempt == 2:
                    raise

    def close(self):
        if self.imap is not None:
            imap_logout(self.imap)
            self.imap = None


def wait_count(counter, target, deadline, what):
    while True:
        current = counter.count()
        if current >= target:
            return current
        if time.monotonic() > deadline:
            raise BenchError(f"{what}: {current} of {target} messages after the time allowed")
        time.sleep(0.2)


def pop3_session(port, user=USER, password=PASSWORD):
    pop = poplib.POP3("127.0.0.1", port, timeout=300)
    pop.user(user)
    pop.pass_(password)
    return pop


# ---------------------------------------------------------------- SMTP sink

class SmtpSink:
    """A receiving SMTP server on a loopback port, in a thread of this process: accepts everything and counts, per
    recipient domain, the recipients of every completed transaction (DATA answered 250). Both sides relay to it."""

    def __init__(self, port):
        self.port = port
        self.counts = {}
        self.reached = {}
        self.condition = threading.Condition()
        self.loop = asyncio.new_event_loop()
        self.started = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        if not self.started.wait(10) or self.error:
            raise BenchError(f"SMTP sink on 127.0.0.1:{port} did not start: {self.error}")

    def _run(self):
        asyncio.set_event_loop(self.loop)
        try:
            self.server = self.loop.run_until_complete(
                asyncio.start_server(self._session, "127.0.0.1", self.port, limit=1 << 22, reuse_address=True))
        except OSError as e:
            self.error = e
            self.started.set()
            return
        self.started.set()
        self.loop.run_forever()

    async def _session(self, reader, writer):
        try:
            writer.write(b"220 sink.bench ESMTP\r\n")
            recipients = []
            while True:
                line = await reader.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb == b"EHLO":
                    writer.write(b"250-sink.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 0\r\n")
                elif verb == b"MAIL":
                    recipients = []
                    writer.write(b"250 2.1.0 Ok\r\n")
                elif verb == b"RCPT":
                    address = line.decode(errors="replace").split(":", 1)[1].strip().split(">")[0].strip("< ")
                    recipients.append(address.rsplit("@", 1)[-1].lower())
                    writer.write(b"250 2.1.5 Ok\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    await writer.drain()
                    while True:
                        data = await reader.readline()
                        if not data:
                            return
                        if data in (b".\r\n", b".\n"):
                            break
                    self._completed(recipients)
                    recipients = []
                    writer.write(b"250 2.0.0 Ok: queued\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 2.0.0 Bye\r\n")
                    await writer.drain()
                    return
                elif verb == b"RSET":
                    recipients = []
                    writer.write(b"250 2.0.0 Ok\r\n")
                elif verb in (b"HELO", b"NOOP"):
                    writer.write(b"250 Ok\r\n")
                else:
                    writer.write(b"502 5.5.2 Error: command not recognized\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return
        finally:
            writer.close()

    def _completed(self, domains):
        now = time.monotonic()
        with self.condition:
            for domain in domains:
                self.counts[domain] = self.counts.get(domain, 0) + 1
                self.reached[domain] = now
            self.condition.notify_all()

    def count(self, domain):
        with self.condition:
            return self.counts.get(domain, 0)

    def wait_for(self, domain, target, timeout):
        """Waits until `target` recipients of `domain` were received; returns the monotonic time the last arrived."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while self.counts.get(domain, 0) < target:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BenchError(f"SMTP sink: {self.counts.get(domain, 0)} of {target} recipients of {domain} "
                                     f"received after {timeout:.0f} s")
                self.condition.wait(min(left, 1.0))
            return self.reached[domain]

    def close(self):
        async def stop():
            self.server.close()
            sessions = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in sessions:
                task.cancel()
            await asyncio.gather(*sessions, return_exceptions=True)
        if not self.error:
            try:
                asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)
                self.thread.join(5)


# ---------------------------------------------------------------- processes

def processes(predicate):
    """Pids whose command line (a string, NULs as spaces) and executable path satisfy predicate(cmdline, exe)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            executable = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            continue
        if predicate(cmdline, executable):
            found.append(int(pid))
    return found


def cpu_seconds(pids):
    """User + system CPU seconds used so far by these processes (all their threads), from /proc/PID/stat."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])   # utime, stime: fields 14 and 15 of stat, after "pid (comm)"
    return total / os.sysconf("SC_CLK_TCK")


def wait_quiet(pids, cores=0.15, window=3.0, timeout=180):
    """Waits until these processes use less than `cores` CPU over a `window` of seconds (a compaction or a queue of
    an earlier workload finished), `timeout` seconds at most; returns (seconds waited, cores used last)."""
    began = time.monotonic()
    while True:
        before = cpu_seconds(pids)
        time.sleep(window)
        used = (cpu_seconds(pids) - before) / window
        if used < cores or time.monotonic() - began > timeout:
            return time.monotonic() - began, used


def status_kib(pid, field):
    """A field of /proc/PID/status in KiB (VmHWM: peak resident set, VmRSS: current), 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# ---------------------------------------------------------------- DNS

class LoopbackDns:
    """An authoritative DNS server on a UDP port of 127.0.0.1 for our server (dnsservice.xml points at it), so that
    no lookup leaves the machine: every name under MEMBERS_ZONE (the list members' domains) has the MX
    mx.members.example and the address 127.0.0.1 (RemoteDelivery still delivers to the gateway, the sink); every
    other name is NXDOMAIN, with a SOA whose negative TTL lets the resolver cache the answer."""

    MEMBERS_ZONE = "members.example."

    def __init__(self, port):
        import dns.flags
        import dns.message
        import dns.rcode
        import dns.rdatatype
        import dns.rrset
        self.dns = dns
        self.port = port
        self.queries = 0
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self.socket.bind(("127.0.0.1", port))
        except OSError as e:
            raise BenchError(f"DNS server on 127.0.0.1:{port}: {e}") from e
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        dns = self.dns
        soa = dns.rrset.from_text("example.", 3600, "IN", "SOA",
                                  "ns.example. hostmaster.example. 1 3600 600 86400 3600")
        while True:
            try:
                data, client = self.socket.recvfrom(4096)
            except OSError:
                return
            self.queries += 1
            try:
                query = dns.message.from_wire(data)
                response = dns.message.make_response(query)
                response.flags |= dns.flags.AA
                question = query.question[0]
                name = question.name.to_text().lower()
                if name == self.MEMBERS_ZONE or name.endswith("." + self.MEMBERS_ZONE):
                    if question.rdtype == dns.rdatatype.MX:
                        response.answer.append(dns.rrset.from_text(question.name, 3600, "IN", "MX",
                                                                   "10 mx." + self.MEMBERS_ZONE))
                    elif question.rdtype == dns.rdatatype.A:
                        response.answer.append(dns.rrset.from_text(question.name, 3600, "IN", "A", "127.0.0.1"))
                    else:
                        response.authority.append(soa)
                else:
                    response.set_rcode(dns.rcode.NXDOMAIN)
                    response.authority.append(soa)
                self.socket.sendto(response.to_wire(), client)
            except Exception:  # noqa: BLE001 - a malformed query gets no answer
                continue

    def close(self):
        self.socket.close()
