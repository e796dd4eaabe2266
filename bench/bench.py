#!/usr/bin/env python3
"""Runs the same workloads against our server and against Postfix + Dovecot in one run; prints ratios.

Called by bench/run, which starts both servers. Workloads (../shared/notes/peers.md):
  smtp      smtp-source -s 10 -m N -l 4096 to one user: accepted msg/s (smtp-source wall time) and delivered
            msg/s (until IMAP STATUS shows every message)
  imap      5 clients, Python imaplib: new session per operation (login, select, fetch, logout) and persistent
            sessions (select, fetch); ops/s, p50, p99
  memory    resident memory of each side's processes after the load
Each workload: one warm-up run (not counted), then RUNS runs; median and min..max are reported.
"""
import imaplib
import json
import os
import statistics
import subprocess
import sys
import threading
import time

USER, PASSWORD = "bench@bench.example", "secret"
SIDES = {
    "ours": {"smtp": 20025, "imap": 20143},
    "peer": {"smtp": 10025, "imap": 10143},
}


def message_count(port):
    imap = imaplib.IMAP4("127.0.0.1", port)
    try:
        imap.login(USER, PASSWORD)
        status = imap.status("INBOX", "(MESSAGES)")[1][0].decode()
        return int(status.split("MESSAGES")[1].strip(" )"))
    finally:
        imap.logout()


def smtp_run(side, messages):
    ports = SIDES[side]
    before = message_count(ports["imap"])
    start = time.monotonic()
    subprocess.run(["smtp-source", "-s", "10", "-m", str(messages), "-l", "4096", "-f", "sender@remote.example",
                    "-t", USER, f"127.0.0.1:{ports['smtp']}"], check=True)
    accepted = time.monotonic() - start
    deadline = start + 1800
    while message_count(ports["imap"]) < before + messages:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{side}: not all {messages} messages delivered in 30 minutes")
        time.sleep(0.2)
    delivered = time.monotonic() - start
    return {"accepted_per_s": messages / accepted, "delivered_per_s": messages / delivered}


def imap_run(side, persistent, seconds=10, clients=5):
    port = SIDES[side]["imap"]
    latencies = []
    errors = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        mine = []
        session = None
        while time.monotonic() < stop_at:
            began = time.monotonic()
            if session is None:
                session = imaplib.IMAP4("127.0.0.1", port)
                session.login(USER, PASSWORD)
            session.select("INBOX", readonly=True)
            session.fetch("1:10", "(FLAGS RFC822.SIZE)")
            if not persistent:
                logout(session)
                session = None
            mine.append(time.monotonic() - began)
        if session is not None:
            logout(session)
        with lock:
            latencies.extend(mine)

    def logout(session):
        try:
            session.logout()
        except imaplib.IMAP4.abort:
            # Seen with our server: the connection closes before LOGOUT's answer is read. Counted, not fatal.
            with lock:
                errors.append(1)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {"ops_per_s": len(latencies) / seconds,
            "logout_errors": float(len(errors)),
            "p50_ms": 1000 * latencies[len(latencies) // 2],
            "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)]}


def rss_mib(patterns):
    """Resident memory of the processes whose command line or executable contains one of the patterns."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            executable = os.readlink(f"/proc/{pid}/exe")
            if any(pattern in cmdline or pattern in executable for pattern in patterns):
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def repeated(function, runs):
    function()  # warm-up, not counted
    results = [function() for _ in range(runs)]
    summary = {}
    for key in results[0]:
        values = [result[key] for result in results]
        summary[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return summary


def main():
    messages = int(os.environ.get("BENCH_MESSAGES", "2000"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    ours_home = sys.argv[1]
    output = sys.argv[2]
    results = {"messages": messages, "runs": runs, "workloads": {}}
    for side in ("peer", "ours"):
        print(f"== {side}", flush=True)
        results["workloads"].setdefault("smtp", {})[side] = repeated(lambda: smtp_run(side, messages), runs)
        results["workloads"].setdefault("imap_persistent", {})[side] = repeated(lambda: imap_run(side, True), runs)
        results["workloads"].setdefault("imap_new_session", {})[side] = repeated(lambda: imap_run(side, False), runs)
    results["memory_mib"] = {
        "ours_server": rss_mib([f"-Dextremail.home={ours_home} "]),
        "ours_cassandra": rss_mib([f"{ours_home}/var/cassandra"]),
        "peer_postfix_dovecot": rss_mib(["/usr/lib/postfix/", "/usr/sbin/postfix", "/usr/lib/dovecot/", "/usr/sbin/dovecot"]),
    }
    with open(output + ".json", "w") as f:
        json.dump(results, f, indent=2)
    lines = [f"Same machine, same run; {messages} messages per SMTP run; median (min..max) of {runs} runs after a warm-up.",
             "", "| workload | ours | Postfix + Dovecot | ours/peer |", "|---|---|---|---|"]
    for workload, metric in [("smtp", "accepted_per_s"), ("smtp", "delivered_per_s"),
                             ("imap_persistent", "ops_per_s"), ("imap_persistent", "p50_ms"),
                             ("imap_new_session", "ops_per_s"), ("imap_new_session", "p50_ms")]:
        ours = results["workloads"][workload]["ours"][metric]
        peer = results["workloads"][workload]["peer"][metric]
        lines.append(f"| {workload} {metric} | {ours['median']:.1f} ({ours['min']:.1f}..{ours['max']:.1f}) "
                     f"| {peer['median']:.1f} ({peer['min']:.1f}..{peer['max']:.1f}) | {ours['median'] / peer['median']:.2f} |")
    memory = results["memory_mib"]
    lines.append(f"| memory RSS MiB | server {memory['ours_server']:.0f} + Cassandra {memory['ours_cassandra']:.0f} "
                 f"| {memory['peer_postfix_dovecot']:.0f} | {(memory['ours_server'] + memory['ours_cassandra']) / memory['peer_postfix_dovecot']:.1f} |")
    with open(output + ".md", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
