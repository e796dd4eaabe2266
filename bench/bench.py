#!/usr/bin/python3
"""Runs the same workloads against our server and against Postfix + Dovecot in one run; writes ratios.

Called by bench/run, which starts both servers (see its header for the environment knobs):
    bench.py OURS_HOME PEER_ROOT OUTPUT_PREFIX     -> OUTPUT_PREFIX.json, .md, .png

Workloads (../shared/notes/peers.md), one function each in workloads.py, run in this order:
  smtp            1. smtp-source -s 10 -m N -l 4096 to one user: accepted and delivered msg/s, both sides
  cost            ours only: CPU ms and Cassandra requests per table per delivered message (smtp-source as smtp)
  access          3. IMAP new session per op, IMAP persistent sessions, POP3 new session per op; 5 clients, both
  scale_users     4a. delivered msg/s with 1,000 vs BENCH_SCALE_USERS users, both sides
  scale_mailbox   4b. SELECT + FETCH of the last 50 headers in a mailbox of 1,000 vs BENCH_SCALE_MESSAGES, both
  list_expansion  4c. post to a list of 100 vs 10,000 remote members until the SMTP sink got them all, both
  features        2. cost of our features, ours only: (a) off, (b) deny list, (c) all on, (d) a featured user
  memory          5. peak RSS of our server, its Cassandra, Postfix + Dovecot (always, at the end)
features runs after the others so that its deny list, forwards, copies and lists do not weigh on their figures.
Before the first workload our server gets BENCH_WARMUP_MESSAGES messages, not counted: its JVM and Cassandra's
compile their hot code over the first ten thousand messages or so (see bench/run), and a server is measured as it
runs for days.
Each measurement: one warm-up run (not counted), then BENCH_RUNS runs; median and min..max.
This process also serves the SMTP sink (127.0.0.1:BENCH_PORT_BASE+2526) that our RemoteDelivery and the peer's
relayhost deliver to, and the DNS server our server is pointed at (BENCH_PORT_BASE+2553/udp: the list members'
domains resolve, every other name is NXDOMAIN, nothing leaves the machine).
Python: Debian's /usr/bin/python3 (python3-matplotlib, python3-dnspython).
"""
import os
import platform
import smtplib
import socket
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True   # no __pycache__ in bench/

import report  # noqa: E402
import workloads  # noqa: E402
from benchlib import BenchError, LoopbackDns, SmtpSink, WebAdmin, sides  # noqa: E402

ORDER = ["smtp", "cost", "access", "scale_users", "scale_mailbox", "list_expansion", "features", "memory"]
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))


def env_int(name, default, minimum=1):
    raw = os.environ.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise BenchError(f"{name}={raw!r}: not a whole number") from None
    if value < minimum:
        raise BenchError(f"{name}={value}: must be at least {minimum}")
    return value


class Context:
    def __init__(self, ours_home, peer_root, output):
        self.ours_home = os.path.abspath(ours_home)
        self.peer_root = os.path.abspath(peer_root)
        self.output = output
        self.work = os.path.dirname(os.path.abspath(output))
        self.messages = env_int("BENCH_MESSAGES", 2000)
        self.runs = env_int("BENCH_RUNS", 3)
        self.warmup_messages = env_int("BENCH_WARMUP_MESSAGES", 16000, minimum=0)
        self.scale_users = env_int("BENCH_SCALE_USERS", 100000, minimum=workloads.SMALL_POPULATION + 1)
        self.scale_messages = env_int("BENCH_SCALE_MESSAGES", 100000, minimum=workloads.SMALL_MAILBOX + 1)
        self.deny_entries = env_int("BENCH_DENY_ENTRIES", 100000)
        self.feature_list_members = env_int("BENCH_FEATURE_LIST_MEMBERS", 1000)
        try:
            self.list_sizes = sorted(int(size) for size in os.environ.get("BENCH_LIST_SIZES", "100,10000").split(","))
        except ValueError:
            raise BenchError(f"BENCH_LIST_SIZES={os.environ['BENCH_LIST_SIZES']!r}: not numbers separated by commas")
        if not self.list_sizes or self.list_sizes[0] < 1:
            raise BenchError("BENCH_LIST_SIZES: give at least one size of 1 or more")
        self.port_base = env_int("BENCH_PORT_BASE", 20000)
        self.profile = os.environ.get("BENCH_PROFILE", "0") == "1"
        self.sides = sides(self.port_base)
        self.ours, self.peer = self.sides["ours"], self.sides["peer"]
        self.webadmin = WebAdmin(self.port_base + 800)
        self.sink = None
        self.dns = None
        self.peer_users = {}   # address -> password: the peer's mailboxes beside the benchmark user
        self.results = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                        "load_average_start": load_average(),
                        "machine": f"{os.cpu_count()} cores, "
                                   f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
                                   f"{platform.platform()}",
                        "settings": {"messages": self.messages, "runs": self.runs, "scale_users": self.scale_users,
                                     "scale_messages": self.scale_messages, "deny_entries": self.deny_entries,
                                     "list_sizes": ",".join(map(str, self.list_sizes)),
                                     "feature_list_members": self.feature_list_members,
                                     "port_base": self.port_base, "profile": self.profile,
                                     "archive": os.path.basename(os.environ.get("BENCH_ARCHIVE_NAME", self.ours_home))},
                        "workloads": {}, "rows": [], "notes": [], "failures": {}}

    def both(self):
        """The peer first, then ours (as the first version of this benchmark did)."""
        return [self.peer, self.ours]

    def record(self, workload, key, value):
        self.results["workloads"].setdefault(workload, {})[key] = value

    def get(self, workload, key, metric):
        return self.results["workloads"][workload][key][metric]

    def note(self, text):
        self.results["notes"].append(text)

    def row(self, group, text, ours, peer, unit="", chart_label=None, ratio_to=None, ratio_label=None, chart=True,
            ratio=None):
        """ratio: given by the workload (e.g. paired runs), else ours/ratio_to or ours/peer (medians)."""
        def median(value):
            return value["median"] if isinstance(value, dict) else value
        if ratio is None and ratio_to is not None:
            ratio = median(ours) / median(ratio_to)
        elif ratio is None and peer is not None and median(peer):
            ratio, ratio_label = median(ours) / median(peer), "ours/peer"
        self.results["rows"].append({"group": group, "text": text, "ours": ours, "peer": peer, "ratio": ratio,
                                     "ratio_label": ratio_label, "unit": unit, "chart": chart,
                                     "chart_label": chart_label or text[:24]})

    def peer_command(self, *args):
        command = [os.path.join(BENCH_DIR, "peer.sh"), args[0], self.peer_root, *args[1:]]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchError(f"{' '.join(command)} failed (exit {result.returncode}): "
                             f"{(result.stderr + result.stdout).strip()[:500]}")

    def peer_apply_users(self):
        """The peer's mailboxes become the benchmark user plus self.peer_users (peer.sh users)."""
        path = os.path.join(self.work, "peer-users")
        with open(path, "w") as f:
            for user, password in self.peer_users.items():
                f.write(f"{user} {password}\n")
        self.peer_command("users", "bench.example", path)
        if self.peer_users:
            self.peer_wait_recipient(next(reversed(self.peer_users)))

    def peer_wait_recipient(self, address, timeout=30):
        """After postfix reload, smtpd processes started before it still use the old maps for a while: wait until
        a new session accepts `address` at RCPT."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with smtplib.SMTP("127.0.0.1", self.peer.smtp, timeout=10) as smtp:
                    smtp.ehlo("probe.remote.example")
                    smtp.mail("sender@remote.example")
                    code, answer = smtp.rcpt(address)
                    smtp.rset()
                if code == 250:
                    return
            except (smtplib.SMTPException, OSError) as e:
                code, answer = None, str(e)
            if time.monotonic() > deadline:
                raise BenchError(f"peer: {address} still refused {timeout} s after postfix reload: {code} {answer}")
            time.sleep(0.2)


def load_average():
    """The 1, 5 and 15 minute load averages: other work on the machine shows in the figures."""
    with open("/proc/loadavg") as f:
        return [float(value) for value in f.read().split()[:3]]


def answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            return connection.recv(3) == b"220"
    except OSError:
        return False


def selected_workloads():
    wanted = os.environ.get("BENCH_WORKLOADS", "").strip()
    selected = [name.strip() for name in wanted.split(",") if name.strip()] if wanted else list(ORDER)
    unknown = [name for name in selected if name not in ORDER]
    if unknown:
        raise BenchError(f"BENCH_WORKLOADS: unknown workload(s) {unknown}; known: {','.join(ORDER)}")
    return [name for name in ORDER if name in selected or name == "memory"]


def main():
    if sys.argv[1:] == ["--check"]:
        # bench/run asks this before starting anything: are the environment knobs valid?
        try:
            Context("/nonexistent", "/nonexistent", "/nonexistent/results")
            selected_workloads()
        except BenchError as e:
            print(f"bench: {e}", file=sys.stderr)
            return 2
        return 0
    if len(sys.argv) != 4:
        print("usage: bench.py OURS_HOME PEER_ROOT OUTPUT_PREFIX | bench.py --check", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        ctx = Context(*sys.argv[1:])
        selected = selected_workloads()
        ctx.sink = SmtpSink(ctx.port_base + 2526)
        ctx.dns = LoopbackDns(ctx.port_base + 2553)
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 2
    print(f"bench: workloads {','.join(selected)}; {ctx.messages} messages per SMTP run, {ctx.runs} runs "
          "after a warm-up", flush=True)
    try:
        try:
            workloads.warm_up(ctx)
        except BenchError as e:
            ctx.results["failures"]["warm_up"] = str(e)
            print(f"bench: warm-up FAILED: {e}", file=sys.stderr, flush=True)
        for name in selected:
            began = time.monotonic()
            print(f"== {name}", flush=True)
            try:
                getattr(workloads, name)(ctx)
            except Exception as e:  # noqa: BLE001 - every failure is reported, the run goes on if both answer
                reason = str(e) if isinstance(e, BenchError) else f"{type(e).__name__}: {e}"
                ctx.results["failures"][name] = reason
                print(f"bench: workload {name} FAILED: {reason}", file=sys.stderr, flush=True)
                if not isinstance(e, BenchError):
                    traceback.print_exc()
                down = [side.name for side in ctx.both() if not answers(side.smtp)]
                if down:
                    print(f"bench: SMTP of {down} does not answer any more: stopping the run", file=sys.stderr)
                    break
            ctx.results.setdefault("workload_elapsed_s", {})[name] = time.monotonic() - began
            print(f"   {name}: {time.monotonic() - began:.0f} s", flush=True)
    finally:
        ctx.sink.close()
        ctx.dns.close()
        ctx.results["elapsed_s"] = time.monotonic() - started
        ctx.results["load_average_end"] = load_average()
        report.write_json(ctx.results, ctx.output + ".json")
        text = report.write_markdown(ctx.results, ctx.output + ".md")
        try:
            report.write_png(ctx.results, ctx.output + ".png")
        except Exception as e:  # noqa: BLE001
            ctx.results["failures"]["chart"] = f"{type(e).__name__}: {e}"
            print(f"bench: results.png FAILED: {e}", file=sys.stderr)
            traceback.print_exc()
        print(text)
    if ctx.results["failures"]:
        print(f"bench: FAILED: {', '.join(ctx.results['failures'])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
