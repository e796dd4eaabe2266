"""The workloads of bench.py, one function each. Every function takes the run's Context, measures, and adds its
figures with ctx.record(...) (raw summaries, in results.json) and ctx.row(...) (the lines of results.md and the
bars of results.png)."""
import json
import math
import os
import random
import smtplib
import subprocess
import threading
import time

from benchlib import (DOMAIN, PASSWORD, SENDER, USER, BenchError, MailboxCounter, cpu_seconds, imap_login,
                      imap_logout, message_text, percentile, pop3_session, processes, repeated, smtp_source,
                      smtplib_load, status_messages, summarize, wait_count, wait_quiet)

SMALL_POPULATION = 1000       # users of the small population of scale_users
SMALL_MAILBOX = 1000          # messages of the small mailbox of scale_mailbox (delivered by SMTP)
COPY_CHUNK = 5000             # at most this many messages per IMAP COPY (James 3.8.1 holds a COPY in memory)
FETCH_REPEATS = 50            # SELECT + FETCH per measured run of scale_mailbox
FEATURE_USERS = 100           # other users with a forward, with a copy, with an autoresponder (each) in features
ACCESS_SECONDS = 10           # length of one IMAP / POP3 run
ACCESS_CLIENTS = 5


def delivery_deadline(messages):
    return time.monotonic() + max(900, messages * 0.5)


def smtp_run(side, messages, user, counter, cpu=None):
    """smtp-source -s 10 -m N -l 4096 to one user; accepted = its wall time, delivered = until STATUS shows all.
    cpu: {name: pids} whose CPU time per delivered message is added as NAME_cpu_ms_per_msg."""
    before = counter.count()
    cpu_before = {name: cpu_seconds(pids) for name, pids in (cpu or {}).items()}
    start = time.monotonic()
    accepted = smtp_source(side.smtp, messages, user)
    wait_count(counter, before + messages, delivery_deadline(messages), f"{side.name}: delivery to {user}")
    delivered = time.monotonic() - start
    figures = {"accepted_per_s": messages / accepted, "delivered_per_s": messages / delivered}
    for name, pids in (cpu or {}).items():
        figures[f"{name}_cpu_ms_per_msg"] = (cpu_seconds(pids) - cpu_before[name]) * 1000 / messages
    return figures


# ------------------------------------------------------------------------------------------------ warm-up

def warm_up(ctx):
    """BENCH_WARMUP_MESSAGES messages to our server before the first workload, not counted. Our server and its
    Cassandra are JVMs: on these 2 shared cores they compile their hot code over the first thousands of messages
    (smtp-source -m 2000 to one user, fresh server: 34, 112, 142, 140 accepted msg/s in 4 runs in a row)."""
    if ctx.warmup_messages == 0:
        return
    print(f"== warm-up: {ctx.warmup_messages} messages to our server, not counted", flush=True)
    counter = MailboxCounter(ctx.ours.imap)
    try:
        figures = smtp_run(ctx.ours, ctx.warmup_messages, USER, counter)
    finally:
        counter.close()
    ctx.note(f"warm-up: {ctx.warmup_messages} messages to our server before the first workload, not counted "
             f"(accepted {figures['accepted_per_s']:.0f} msg/s, delivered {figures['delivered_per_s']:.0f} msg/s)")


# ------------------------------------------------------------------------------------------------ 1. SMTP ingest

def smtp(ctx):
    """Workload 1: smtp-source -s 10 -m BENCH_MESSAGES -l 4096 to one user, both sides."""
    for side in ctx.both():
        settle(ctx, f"{side.name} smtp")
        counter = MailboxCounter(side.imap)
        try:
            ctx.record("smtp", side.name, repeated(lambda: smtp_run(side, ctx.messages, USER, counter), ctx.runs,
                                                   f"{side.name} smtp"))
        finally:
            counter.close()
    for metric, text in (("accepted_per_s", "accepted msg/s"), ("delivered_per_s", "delivered msg/s")):
        ctx.row("1. SMTP ingest", f"{text} (smtp-source -s 10 -m {ctx.messages} -l 4096, one user)",
                ctx.get("smtp", "ours", metric), ctx.get("smtp", "peer", metric), unit="msg/s",
                chart_label=text)
    # The memory target is "under the SMTP load": the server's high-water mark once this workload is over.
    from benchlib import status_kib
    ctx.results["server_peak_after_smtp_mib"] = status_kib(our_server_pid(ctx), "VmHWM") / 1024


# ------------------------------------------------------------------------------------------------ cost

GROUP_COST = "cost of a delivered message (ours only)"


def cost(ctx):
    """Ours only: what one delivered message costs, for looking at where it goes rather than at msg/s. BENCH_RUNS
    runs of smtp-source -s 10 -m BENCH_MESSAGES -l 4096 to one user after a warm-up run: CPU ms per message of our
    server JVM and of Cassandra, then Cassandra's row operations and requests per message and per table over those
    runs (bench/TableRequests.java, from its system_views). CPU time is the machine-independent part of the SMTP
    figures: the peer's msg/s vary with the hour here, the work a message takes does not."""
    ours = ctx.ours
    cpu = {"server": [our_server_pid(ctx)], "cassandra": our_cassandra_pids(ctx)}
    counter = MailboxCounter(ours.imap)
    try:
        smtp_run(ours, ctx.messages, USER, counter)
        runs = []
        before = table_requests(ctx)
        for number in range(ctx.runs):
            wait_quiet(cpu["server"] + cpu["cassandra"])
            result = smtp_run(ours, ctx.messages, USER, counter, cpu)
            print(f"   ours cost run {number + 1}/{ctx.runs}: " + ", ".join(f"{k} {v:.2f}" for k, v in result.items()),
                  flush=True)
            runs.append(result)
        after = table_requests(ctx)
    finally:
        counter.close()
    figures = {key: summarize([run[key] for run in runs]) for key in runs[0]}
    ctx.record("cost", "ours", figures)
    for name, text in (("server", "our server JVM"), ("cassandra", "Cassandra")):
        ctx.row(GROUP_COST, f"CPU ms per delivered message, {text}", figures[f"{name}_cpu_ms_per_msg"], None,
                unit="CPU ms/msg, lower is better", chart=False)
    messages = ctx.runs * ctx.messages
    per_message = {}
    for view in after:
        tables = {table: (count - before.get(view, {}).get(table, 0)) / messages for table, count in after[view].items()}
        # the sum covers every table; the list (note and JSON) leaves out those under 0.005 per message
        ctx.row(GROUP_COST, f"Cassandra {view.replace('_', ' ')}s per delivered message, all tables",
                sum(tables.values()), None, unit="per msg", chart=False)
        per_message[view] = {table: value for table, value in sorted(tables.items(), key=lambda item: -item[1])
                             if value >= 0.005}
        ctx.note(f"cost, Cassandra {view.replace('_', ' ')}s per delivered message: "
                 + ", ".join(f"{table} {value:.2f}" for table, value in per_message[view].items()))
    ctx.record("cost", "cassandra_per_message", per_message)


def table_requests(ctx):
    """Cassandra's request counts per table so far (bench/TableRequests.java, run with our distribution's driver)."""
    tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "TableRequests.java")
    result = subprocess.run(["java", "-cp", os.path.join(ctx.ours_home, "lib", "*"), tool,
                             f"127.0.0.1:{ctx.port_base - 958}"], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise BenchError(f"TableRequests.java failed: {result.stderr.strip()[-500:]}")
    # The driver's logging may print lines before it: the object is the last line.
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------ 3. IMAP and POP3

def access_run(operation, seconds=ACCESS_SECONDS, clients=ACCESS_CLIENTS):
    """`clients` threads call operation(state) for `seconds`; state is a per-thread dict (persistent sessions) and
    operation returns the number of tolerated LOGOUT errors. ops/s over the real wall time, p50, p99."""
    latencies, errors, failures = [], [0], []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        mine, mine_errors, state = [], 0, {}
        try:
            while time.monotonic() < stop_at:
                began = time.monotonic()
                mine_errors += operation(state)
                mine.append(time.monotonic() - began)
            if state.get("close"):
                mine_errors += state["close"]()
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(e)
        with lock:
            latencies.extend(mine)
            errors[0] += mine_errors

    start = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    if failures:
        raise BenchError(f"client failed: {failures[0]!r}")
    if not latencies:
        raise BenchError("no operation completed")
    latencies.sort()
    return {"ops_per_s": len(latencies) / elapsed, "p50_ms": 1000 * percentile(latencies, 0.5),
            "p99_ms": 1000 * percentile(latencies, 0.99), "logout_errors": float(errors[0])}


def imap_operation(port, persistent):
    def operation(state):
        if state.get("imap") is None:
            state["imap"] = imap_login(port)
            state["close"] = lambda: imap_logout(state["imap"])
        imap = state["imap"]
        # Read-write SELECT, as mail clients do (EXAMINE would keep every message \Recent on both sides).
        typ, data = imap.select("INBOX")
        if typ != "OK":
            raise BenchError(f"SELECT INBOX: {typ} {data}")
        typ, data = imap.fetch("1:10", "(FLAGS RFC822.SIZE)")
        if typ != "OK":
            raise BenchError(f"FETCH: {typ} {data}")
        if persistent:
            return 0
        state["imap"], state["close"] = None, None
        return imap_logout(imap)
    return operation


def pop3_operation(port):
    def operation(state):
        pop = pop3_session(port)
        count, _ = pop.stat()
        if count < 1:
            raise BenchError("POP3 STAT: empty mailbox")
        pop.retr(1)
        pop.quit()
        return 0
    return operation


def access(ctx):
    """Workload 3: IMAP (new session per op; persistent sessions) and POP3 (new session per op), 5 clients, on the
    benchmark user's mailbox (filled by workload 1; 200 messages are delivered first when it holds fewer than 10)."""
    counts = {}
    for side in ctx.both():
        counter = MailboxCounter(side.imap)
        try:
            counts[side.name] = counter.count()
            if counts[side.name] < 10:
                smtp_source(side.smtp, 200, USER)
                counts[side.name] = wait_count(counter, counts[side.name] + 200, delivery_deadline(200),
                                               f"{side.name}: filling the mailbox")
        finally:
            counter.close()
    ctx.record("access", "mailbox_messages", counts)
    if counts["ours"] != counts["peer"]:
        print(f"   warning: the mailboxes differ: {counts}", flush=True)
    for side in ctx.both():
        for name, operation in (("imap_new_session", imap_operation(side.imap, False)),
                                ("imap_persistent", imap_operation(side.imap, True)),
                                ("pop3_new_session", pop3_operation(side.pop3))):
            ctx.record(name, side.name, repeated(lambda: access_run(operation), ctx.runs, f"{side.name} {name}"))
    where = f"mailbox of {counts['ours']} / {counts['peer']} messages, {ACCESS_CLIENTS} clients"
    for name, text in (("imap_new_session", "IMAP new session per op (login, select, fetch 1:10, logout)"),
                       ("imap_persistent", "IMAP persistent sessions (select, fetch 1:10)"),
                       ("pop3_new_session", "POP3 new session per op (user, pass, stat, retr 1, quit)")):
        ctx.row("3. IMAP and POP3", f"{text}: ops/s; {where}", ctx.get(name, "ours", "ops_per_s"),
                ctx.get(name, "peer", "ops_per_s"), unit="ops/s", chart_label=name.replace("_", " "))
        for metric in ("p50_ms", "p99_ms"):
            ctx.row("3. IMAP and POP3", f"{text}: {metric.replace('_ms', '')} ms", ctx.get(name, "ours", metric),
                    ctx.get(name, "peer", metric), chart=False)
        errors = ctx.get(name, "ours", "logout_errors")
        if errors["max"] > 0:
            ctx.note(f"{text}: our server closed {errors['median']:.0f} (max {errors['max']:.0f}) connections per "
                     "run before LOGOUT's answer was read (counted, not failures)")


# ------------------------------------------------------------------------------------------------ 2. feature cost

GROUP_FEATURES = "2. cost of our features (ours only)"


def deny_values(count):
    """`count` deny rules of every kind, none matching the benchmark's traffic (127.0.0.1, remote.example,
    bench.example, the list member domains)."""
    kinds = ("mailboxin", "domainin", "ipin", "mailboxout", "domainout", "ipout")
    for i in range(count):
        kind, n = kinds[i % len(kinds)], i // len(kinds)
        if kind == "mailboxin":
            value = f"spammer{n}@deny.example"
        elif kind == "domainin":
            value = f"d{n}.deny.example" if n % 2 else f".d{n}.deny.example"
        elif kind == "ipin":
            value = f"10.{(n >> 16) & 127}.{(n >> 8) & 255}.{n & 255}/32"
        elif kind == "mailboxout":
            value = f"victim{n}@denyout.example"
        elif kind == "domainout":
            value = f"d{n}.denyout.example" if n % 2 else f".d{n}.denyout.example"
        else:
            value = f"10.{128 + ((n >> 16) & 127)}.{(n >> 8) & 255}.{n & 255}/32"
        yield kind, value


def features(ctx):
    """Workload 2 (ours only): delivered msg/s to the plain benchmark user (a) without features, (b) with a deny
    list of BENCH_DENY_ENTRIES entries, (c) also with other users' forwards, copies, autoresponders and a mailing
    list; (d) to a user that itself has a forward (keeping a local copy), a copy and an autoresponder.
    (a), (b) and (c) are measured interleaved, in rounds a b c, c b a, a b c, ... (the features switched on and off
    over WebAdmin between runs): this server keeps getting faster for tens of thousands of messages (the JIT, then
    Cassandra's compactions), by more than the few percent looked for, and measuring (a) three times first, then (b),
    then (c) gave that drift to the later ones. Alternating the order cancels a steady drift."""
    ours, web = ctx.ours, ctx.webadmin
    counter = MailboxCounter(ours.imap)
    label = f"smtp-source -s 10 -m {ctx.messages} -l 4096"
    # Each run also reports the CPU time our server JVM (where the features run) and Cassandra spent per message, and
    # starts only once both are idle (an earlier workload's compactions, the last switch's writes, the queue done).
    cpu = {"server": [our_server_pid(ctx)], "cassandra": our_cassandra_pids(ctx)}
    switches = FeatureSwitches(ctx)
    runs = {"a": [], "b": [], "c": []}
    windows = {"a": [], "b": [], "c": []}  # epoch ms of each counted run, to attribute the JFR samples
    quiet = []
    # An even number of rounds, so that each order (a b c, c b a) is run as often as the other.
    rounds = ctx.runs + ctx.runs % 2
    try:
        # Started before the warm-up run: starting JFR in a running JVM costs seconds of CPU, which a counted run of
        # (a) took on 2026-11-28 (20.8 CPU ms per message instead of 3.1).
        recording = FeatureRecording(ctx)
        print("   ours features: warm-up with (a)", flush=True)
        smtp_run(ours, ctx.messages, USER, counter)
        for round_number in range(rounds):
            for config in ("abc" if round_number % 2 == 0 else "cba"):
                switches.set(deny=config in "bc", others=config == "c")
                recording.new_chunk()
                quiet.append(wait_quiet(cpu["server"] + cpu["cassandra"]))
                began = int(time.time() * 1000)
                result = smtp_run(ours, ctx.messages, USER, counter, cpu)
                windows[config].append((began, int(time.time() * 1000)))
                print(f"   ours features ({config}) round {round_number + 1}/{rounds}: "
                      + ", ".join(f"{k} {v:.1f}" for k, v in result.items()), flush=True)
                runs[config].append(result)
        switches.set(deny=False, others=False)
    finally:
        counter.close()
    a, b, c = ({key: summarize([run[key] for run in runs[config]]) for key in runs[config][0]} for config in "abc")
    for key, figures in (("a_off", a), ("b_deny", b), ("c_all", c)):
        ctx.record("features", key, figures)

    def paired(config, metric):
        """Geometric mean over the rounds of (config)/(a) within each round: a steady drift favours (c) in the
        rounds a b c and (a) in the rounds c b a, and cancels out."""
        ratios = [run[metric] / base_run[metric] for run, base_run in zip(runs[config], runs["a"])]
        return math.exp(sum(math.log(ratio) for ratio in ratios) / len(ratios))

    for config in "bc":
        ctx.record("features", f"{config}_paired_ratios", {metric: paired(config, metric) for metric in runs["a"][0]})
    ctx.row(GROUP_FEATURES, f"(a) features off: delivered msg/s ({label}, one plain user)", a["delivered_per_s"],
            None, unit="delivered msg/s", chart_label="(a) off")
    cpu_rows(ctx, "(a)", a)
    ctx.row(GROUP_FEATURES, f"(b) deny list of {ctx.deny_entries} entries (6 kinds): delivered msg/s, ratio (b)/(a) "
            "paired by round", b["delivered_per_s"], None, ratio=paired("b", "delivered_per_s"),
            ratio_label="(b)/(a)", unit="delivered msg/s", chart_label="(b) deny")
    cpu_rows(ctx, "(b)", b, paired=lambda metric: paired("b", metric))
    ctx.row(GROUP_FEATURES, f"(c) (b) + {FEATURE_USERS} other users each with a forward / a copy / an autoresponder, "
            f"a list of {ctx.feature_list_members}: delivered msg/s, ratio (c)/(a) paired by round",
            c["delivered_per_s"], None, ratio=paired("c", "delivered_per_s"), ratio_label="(c)/(a)",
            unit="delivered msg/s", chart_label="(c) all on")
    cpu_rows(ctx, "(c)", c, paired=lambda metric: paired("c", metric))
    base = a["delivered_per_s"]
    ctx.note(f"features: (a), (b), (c) measured in {rounds} interleaved rounds (a b c, c b a, ...); a ratio to (a) "
             "is the geometric mean of the ratios within each round; each run started once our server and Cassandra "
             "had fallen idle (under 0.15 cores over 3 s; 180 s at most): " + ", ".join(f"{s:.0f} s" for s, _ in quiet))
    ctx.note(f"features: {ctx.deny_entries} deny entries added over WebAdmin at {switches.deny_rate():.0f}/s, "
             "removed at {:.0f}/s (8 threads, keep-alive)".format(switches.deny_rate(removed=True)))
    feature_shares(ctx, windows, recording, b)

    featured, forward_target, archive = (f"featured@{DOMAIN}", f"featured-forward@{DOMAIN}",
                                         f"featured-archive@{DOMAIN}")
    web.create_users([featured, forward_target, archive])
    web.request("PUT", f"/address/forwards/{featured}/targets/{forward_target}")
    web.request("PUT", f"/address/forwards/{featured}/targets/{featured}")
    web.request("PUT", f"/copies/{featured}", {"target": archive, "includeSent": False})
    web.request("POST", f"/vacation/{featured}", vacation())
    counter = MailboxCounter(ours.imap, featured)
    try:
        d = repeated(lambda: smtp_run(ours, ctx.messages, featured, counter), ctx.runs,
                     "ours features (d) forward + copy + autoresponder")
    finally:
        counter.close()
    ctx.record("features", "d_featured_user", d)
    ctx.row(GROUP_FEATURES, "(d) informative: to a user with forward (local copy kept) + copy + autoresponder, 3 "
            "deliveries per message, counted on its INBOX: delivered msg/s, ratio (d)/(a)",
            d["delivered_per_s"], None, ratio_to=base, ratio_label="(d)/(a)", unit="delivered msg/s",
            chart_label="(d) featured user")
    # The same number of messages must reach the forward target and the archive: 3 deliveries per message.
    expected = web.message_count(featured)
    deadline = delivery_deadline(ctx.messages)
    while min(web.message_count(forward_target), web.message_count(archive)) < expected:
        if time.monotonic() > deadline:
            raise BenchError(f"features (d): {featured} holds {expected} messages, its forward target "
                             f"{web.message_count(forward_target)} and its archive {web.message_count(archive)}")
        time.sleep(0.5)
    ctx.record("features", "d_deliveries_per_message", 3)


class FeatureRecording:
    """The JFR recording of our server's CPU samples during the counted rounds of (a), (b), (c): started here with
    bench/features.jfc (samples only, every 10 ms: no measurable cost), or, with BENCH_PROFILE=1, the recording the
    server runs since its start (bench/run)."""
    NAME = "bench-features"
    SETTINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "features.jfc")

    def __init__(self, ctx):
        self.ctx = ctx
        if not ctx.profile:
            self.jcmd("JFR.start", f"name={self.NAME}", f"settings={self.SETTINGS}")

    def jcmd(self, *arguments):
        pid = our_server_pid(self.ctx)
        result = subprocess.run([os.path.join(self.jdk(), "jcmd"), str(pid), *arguments], capture_output=True,
                                text=True)
        if result.returncode != 0 or "Could not" in result.stdout or "error" in result.stdout.lower():
            raise BenchError(f"jcmd {pid} {' '.join(arguments)} failed: {(result.stdout + result.stderr).strip()[:300]}")

    def jdk(self):
        return os.path.dirname(os.path.realpath(f"/proc/{our_server_pid(self.ctx)}/exe"))

    def new_chunk(self):
        """Starts a new chunk of the recording, before each counted run: JFR dates its events from the wall-clock time
        at the start of their chunk, counted on by the JVM's own clock; on 2026-12-07 the two were 20 s apart two
        minutes into this workload (one chunk for it all, against the server log's times), and the windows of the
        runs, taken by the wall clock, held the samples of the WebAdmin changes after them. JFR.dump closes the
        current chunk."""
        path = os.path.join(self.ctx.work, "features-chunk.jfr")
        self.write(path)
        os.remove(path)

    def write(self, path):
        """Writes the samples so far to path (the server's whole recording with BENCH_PROFILE=1)."""
        self.jcmd("JFR.dump", *([] if self.ctx.profile else [f"name={self.NAME}"]), f"filename={path}")

    def dump(self, path):
        """Writes the samples to path; the workload's own recording is stopped."""
        self.write(path)
        if not self.ctx.profile:
            self.jcmd("JFR.stop", f"name={self.NAME}")
        if not os.path.exists(path):
            raise BenchError(f"JFR.dump wrote no {path}")


def feature_shares(ctx, windows, recording, b):
    """The share of our server's CPU samples (JFR) in each feature's code during the counted runs of (a), (b), (c):
    the features' per-message cost without the spread between runs, which four rounds of msg/s cannot resolve to the
    2% asked of the deny list. (a) runs the same lookups for the recipient (a forward, a copy, an autoresponder, the
    deny lists) and finds nothing."""
    path = os.path.join(ctx.work, "features.jfr")
    recording.dump(path)
    jdk = recording.jdk()
    arguments = [f"{config}=" + ",".join(f"{began}-{ended}" for began, ended in spans) for config, spans in windows.items()]
    tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "FeatureShare.java")
    share = subprocess.run([os.path.join(jdk, "java"), tool, path, *arguments],
                           capture_output=True, text=True)
    if share.returncode != 0:
        raise BenchError(f"FeatureShare.java failed: {share.stderr.strip()[-500:]}")
    shares = json.loads(share.stdout)
    ctx.record("features", "cpu_sample_percent_in_feature_code", shares)
    ctx.record("features", "run_windows_epoch_ms", windows)
    for config, text in (("a", "(a) off"), ("b", "(b) deny list"), ("c", "(c) all on")):
        ctx.row(GROUP_FEATURES, f"{text}: % of our server's CPU samples in feature code (JFR, "
                f"{shares[config]['samples']} samples)", shares[config]["percent"]["any feature"], None,
                ratio=shares[config]["percent"]["any feature"] / max(shares["a"]["percent"]["any feature"], 1e-9),
                ratio_label=f"({config})/(a)", unit="% of server CPU samples", chart=False)
    for config in "bc":
        extra = {feature: shares[config]["percent"][feature] - shares["a"]["percent"][feature]
                 for feature in shares[config]["percent"]}
        ctx.note(f"features, JFR: ({config}) minus (a), percentage points of our server's CPU samples: "
                 + ", ".join(f"{feature} {points:+.2f}" for feature, points in extra.items()))
    # The deny rules are held in memory (no Cassandra request per message): their cost is the server's time in their
    # code. As a share of all the CPU a delivered message takes, server and Cassandra, it is at most this.
    deny_a, deny_b = (shares[config]["percent"]["deny lists"] for config in "ab")
    server, cassandra = (b[f"{name}_cpu_ms_per_msg"]["median"] for name in ("server", "cassandra"))
    ctx.row(GROUP_FEATURES, "deny-list code: % of our server's CPU samples in (b), its entries loaded; ratio to (a), "
            "the lists empty", deny_b, None, ratio=deny_b / max(deny_a, 1e-9), ratio_label="(b)/(a)",
            unit="% of server CPU samples", chart=False)
    bound = deny_b * server / (server + cassandra)
    ctx.row(GROUP_FEATURES, "(b) deny list's direct cost, upper bound: % of the CPU of a delivered message (its share of the "
            f"server's samples x the server's {server:.2f} of {server + cassandra:.2f} CPU ms with Cassandra's); "
            "ratio to the 2% target", bound, None, ratio=bound / 2.0, ratio_label="/ 2% target",
            unit="% of CPU per message", chart=False)


def cpu_rows(ctx, key, figures, paired=None):
    """CPU ms per message of each JVM; with paired (metric -> ratio to (a) paired by round), also that ratio."""
    for name, text in (("server", "our server JVM"), ("cassandra", "Cassandra")):
        metric = f"{name}_cpu_ms_per_msg"
        if paired is None:
            ctx.row(GROUP_FEATURES, f"{key} CPU ms per delivered message, {text}", figures[metric], None,
                    unit="CPU ms/msg, lower is better", chart=False)
        else:
            ctx.row(GROUP_FEATURES, f"{key} CPU ms per delivered message, {text}, ratio {key}/(a) paired by round",
                    figures[metric], None, ratio=paired(metric), ratio_label=f"{key}/(a)",
                    unit="CPU ms/msg, lower is better", chart=False)


class FeatureSwitches:
    """Switches the features of workload 2 on and off over WebAdmin: the deny list of BENCH_DENY_ENTRIES entries, and
    FEATURE_USERS other users with a forward, a copy, an autoresponder each plus a list of BENCH_FEATURE_LIST_MEMBERS."""
    DENY_RELOAD_SECONDS = 11  # the server rereads the deny lists' version every 10 s (DenyRules)

    def __init__(self, ctx):
        self.ctx, self.web = ctx, ctx.webadmin
        self.deny, self.others, self.users_created = False, False, False
        self.deny_seconds = {True: [], False: []}

    def set(self, deny, others):
        if deny != self.deny:
            self._switch_deny(deny)
        if others != self.others:
            self._switch_others(others)

    def deny_rate(self, removed=False):
        seconds = self.deny_seconds[not removed]
        return self.ctx.deny_entries * len(seconds) / sum(seconds) if seconds else float("nan")

    def _switch_deny(self, on):
        verb = "adding" if on else "removing"
        print(f"   {verb} {self.ctx.deny_entries} deny entries", flush=True)
        if on:
            elapsed = self.web.parallel(lambda w, rule: w.request("POST", f"/deny/{rule[0]}", {"value": rule[1]}),
                                        deny_values(self.ctx.deny_entries), threads=8)
        else:
            elapsed = self.web.parallel(lambda w, rule: w.request("DELETE", f"/deny/{rule[0]}?value={rule[1]}"),
                                        deny_values(self.ctx.deny_entries), threads=8)
        wanted, deadline = self.ctx.deny_entries if on else 0, time.monotonic() + 60
        while sum(self.web.request("GET", "/deny")[1].values()) != wanted:
            if time.monotonic() > deadline:
                raise BenchError(f"GET /deny counts {self.web.request('GET', '/deny')[1]}, not {wanted} entries")
            time.sleep(0.2)
        self.deny_seconds[on].append(elapsed)
        self.deny = on
        time.sleep(self.DENY_RELOAD_SECONDS)

    def _switch_others(self, on):
        web, target = self.web, f"other-target@{DOMAIN}"
        members = self.ctx.feature_list_members
        print(f"   {'adding' if on else 'removing'} {FEATURE_USERS} users' forwards, {FEATURE_USERS} copies, "
              f"{FEATURE_USERS} autoresponders, a list of {members}", flush=True)
        if not self.users_created:
            web.create_users([target] + [f"other-{kind}{i}@{DOMAIN}" for kind in ("fwd", "copy", "vac")
                                         for i in range(FEATURE_USERS)])
            self.users_created = True
        if on:
            web.parallel(lambda w, i: w.request("PUT", f"/address/forwards/other-fwd{i}@{DOMAIN}/targets/{target}"),
                         range(FEATURE_USERS))
            web.parallel(lambda w, i: w.request("PUT", f"/copies/other-copy{i}@{DOMAIN}",
                                                {"target": target, "includeSent": False}), range(FEATURE_USERS))
            web.parallel(lambda w, i: w.request("POST", f"/vacation/other-vac{i}@{DOMAIN}", vacation()),
                         range(FEATURE_USERS))
            addresses = ",".join(f"m{j}@staff.members.example" for j in range(members))
            import_lists(web, f"staff@{DOMAIN}\tMEMBERS\t{addresses}\r\n")
            check_list(web, f"staff@{DOMAIN}", members)
        else:
            web.parallel(lambda w, i: w.request("DELETE", f"/address/forwards/other-fwd{i}@{DOMAIN}/targets/{target}"),
                         range(FEATURE_USERS))
            web.parallel(lambda w, i: w.request("DELETE", f"/copies/other-copy{i}@{DOMAIN}"), range(FEATURE_USERS))
            web.parallel(lambda w, i: w.request("DELETE", f"/vacation/other-vac{i}@{DOMAIN}"), range(FEATURE_USERS))
            web.request("DELETE", f"/lists/staff@{DOMAIN}")
        self.others = on


def vacation():
    return {"enabled": True, "subject": "Out of office", "textBody": "Back on Monday."}


def import_lists(web, text):
    web.request("POST", "/lists/import", text, raw=True)


def check_list(web, address, members):
    found = web.request("GET", f"/lists/{address}")[1]["members"]
    if found != members:
        raise BenchError(f"list {address} has {found} members, not {members}")


# ------------------------------------------------------------------------------------------------ 4a. user scaling

def scale_user(i):
    return f"su{i:06d}@{DOMAIN}"


class ScaleDelivery:
    """Sends BENCH_MESSAGES messages, each to a random user of a population, from 10 concurrent smtplib sessions;
    delivered = until every message is stored (ours: WebAdmin spool empty, then WebAdmin message counts of every
    user that got mail; the peer: files in the users' Maildirs, new/ and cur/)."""

    def __init__(self, ctx, side):
        self.ctx, self.side = ctx, side
        self.expected = {}   # user -> messages it must hold (all runs so far)
        self.calls = 0
        self.late = 0        # runs where the spool was empty before every message was stored

    def run(self, population):
        ctx, side = self.ctx, self.side
        rng = random.Random(f"{population}-{self.calls}")   # the same recipients on both sides
        self.calls += 1
        recipients = [scale_user(rng.randrange(population)) for _ in range(ctx.messages)]
        for user in recipients:
            self.expected[user] = self.expected.get(user, 0) + 1
        start = time.monotonic()
        accepted = smtplib_load(side.smtp, recipients, threads=10)
        deadline = delivery_deadline(ctx.messages)
        if side.name == "peer":
            total = sum(self.expected.values())
            while self.peer_stored() < total:
                if time.monotonic() > deadline:
                    raise BenchError(f"peer: {self.peer_stored()} of {total} messages in the scale users' Maildirs")
                time.sleep(0.1)
            delivered = time.monotonic() - start
        else:
            while ctx.webadmin.spool_size() > 0:
                if time.monotonic() > deadline:
                    raise BenchError(f"ours: spool still holds {ctx.webadmin.spool_size()} messages")
                time.sleep(0.1)
            spool_empty = time.monotonic()
            missing = self.ours_missing(list(self.expected))
            if not missing:
                delivered = spool_empty - start
            else:
                # Mail taken from the spool but not stored yet: wait for those users only.
                self.late += 1
                while missing:
                    if time.monotonic() > deadline:
                        raise BenchError(f"ours: spool empty but {len(missing)} users still lack messages, "
                                         f"e.g. {missing[:3]}")
                    time.sleep(0.1)
                    missing = self.ours_missing(missing)
                delivered = time.monotonic() - start
        return {"accepted_per_s": ctx.messages / accepted, "delivered_per_s": ctx.messages / delivered}

    def peer_stored(self):
        root = os.path.join(self.ctx.peer_root, "mail", DOMAIN)
        total = 0
        try:
            users = [entry.name for entry in os.scandir(root) if entry.name.startswith("su")]
        except FileNotFoundError:
            return 0
        for user in users:
            for folder in ("new", "cur"):
                try:
                    total += len(os.listdir(os.path.join(root, user, "Maildir", folder)))
                except FileNotFoundError:
                    pass
        return total

    def ours_missing(self, users):
        """The users of `users` whose INBOX holds fewer messages than sent to them (WebAdmin, 8 threads)."""
        missing = []
        lock = threading.Lock()

        def check(web, user):
            if web.message_count(user) < self.expected[user]:
                with lock:
                    missing.append(user)
        self.ctx.webadmin.parallel(check, users, threads=8)
        return missing


def scale_users(ctx):
    """Workload 4a: delivery msg/s with 1,000 vs BENCH_SCALE_USERS users, both sides."""
    populations = [SMALL_POPULATION, ctx.scale_users]
    deliveries = {side.name: ScaleDelivery(ctx, side) for side in ctx.both()}
    created = 0
    for population in populations:
        users = [scale_user(i) for i in range(created, population)]
        print(f"   creating users {created}..{population - 1}", flush=True)
        elapsed = ctx.webadmin.create_users(users)
        ctx.record("scale_users", f"ours_users_created_per_s_{population}", len(users) / elapsed)
        ctx.peer_users.update((user, PASSWORD) for user in users)
        ctx.peer_apply_users()
        created = population
        for side in ctx.both():
            settle(ctx, f"{side.name} scale_users {population}")
            ctx.record("scale_users", f"{side.name}_{population}",
                       repeated(lambda: deliveries[side.name].run(population), ctx.runs,
                                f"{side.name} scale_users {population}"))
    if deliveries["ours"].late:
        ctx.note(f"scale_users: in {deliveries['ours'].late} run(s) our spool was empty before every message was "
                 "stored; the time then runs until the last one was found")
    group = "4a. users: 1 message to a random user, 10 smtplib sessions"
    small, large = populations
    for population in populations:
        ctx.row(group, f"delivered msg/s, {population} users ({ctx.messages} messages)",
                ctx.get("scale_users", f"ours_{population}", "delivered_per_s"),
                ctx.get("scale_users", f"peer_{population}", "delivered_per_s"), unit="delivered msg/s",
                chart_label=f"{population} users")
    ctx.row(group, f"ratio delivered msg/s {large} users / {small} users", *[
        ctx.get("scale_users", f"{side}_{large}", "delivered_per_s")["median"]
        / ctx.get("scale_users", f"{side}_{small}", "delivered_per_s")["median"] for side in ("ours", "peer")],
        chart=False)
    ctx.note(f"scale_users: our WebAdmin created users at "
             f"{ctx.results['workloads']['scale_users'][f'ours_users_created_per_s_{large}']:.0f}/s (8 threads)")


# ------------------------------------------------------------------------------------------------ 4b. mailbox size

def scale_mailbox(ctx):
    """Workload 4b: SELECT + FETCH of the last 50 messages' headers in a mailbox of 1,000 vs BENCH_SCALE_MESSAGES
    messages (the big one filled by UID COPY of the small one, in chunks of at most 5,000), one session, both sides."""
    user = f"bigbox@{DOMAIN}"
    ctx.webadmin.create_users([user])
    ctx.peer_users[user] = PASSWORD
    ctx.peer_apply_users()
    for side in ctx.both():
        counter = MailboxCounter(side.imap, user)
        try:
            have = counter.count()
            if have < SMALL_MAILBOX:
                smtp_source(side.smtp, SMALL_MAILBOX - have, user)
                wait_count(counter, SMALL_MAILBOX, delivery_deadline(SMALL_MAILBOX), f"{side.name}: filling {user}")
        finally:
            counter.close()
        imap = imap_login(side.imap, user)
        try:
            fill_big_mailbox(ctx, side, imap)
            for mailbox, size in (("INBOX", SMALL_MAILBOX), ("Big", ctx.scale_messages)):
                ctx.record("scale_mailbox", f"{side.name}_{size}",
                           repeated(lambda: select_fetch(imap, mailbox), ctx.runs, f"{side.name} scale_mailbox {size}"))
        finally:
            imap_logout(imap)
    group = "4b. mailbox size: SELECT + FETCH last 50 BODY.PEEK[HEADER], one session"
    for size in (SMALL_MAILBOX, ctx.scale_messages):
        ctx.row(group, f"p50 ms, mailbox of {size} messages", ctx.get("scale_mailbox", f"ours_{size}", "p50_ms"),
                ctx.get("scale_mailbox", f"peer_{size}", "p50_ms"), unit="p50 ms, lower is better",
                chart_label=f"{size} messages")
    ctx.row(group, f"ratio p50 {ctx.scale_messages} / {SMALL_MAILBOX} messages", *[
        ctx.get("scale_mailbox", f"{side}_{ctx.scale_messages}", "p50_ms")["median"]
        / ctx.get("scale_mailbox", f"{side}_{SMALL_MAILBOX}", "p50_ms")["median"] for side in ("ours", "peer")],
        chart=False)
    for side in ("ours", "peer"):
        rate = ctx.results["workloads"]["scale_mailbox"].get(f"{side}_copy_per_s")
        if rate:
            ctx.note(f"scale_mailbox: {side} copied messages by IMAP UID COPY at {rate:.0f}/s")


def fill_big_mailbox(ctx, side, imap):
    imap.create("Big")   # NO when it exists already: fine
    typ, data = imap.select("INBOX", readonly=True)
    if typ != "OK":
        raise BenchError(f"{side.name}: SELECT INBOX: {data}")
    typ, data = imap.uid("SEARCH", None, "ALL")
    uids = [int(uid) for uid in data[0].split()]
    if len(uids) < SMALL_MAILBOX:
        raise BenchError(f"{side.name}: bigbox INBOX holds {len(uids)} messages, not {SMALL_MAILBOX}")
    uids = uids[:SMALL_MAILBOX]
    big = status_messages(imap, "Big")
    copied, start = 0, time.monotonic()
    while big < ctx.scale_messages:
        chunk = min(COPY_CHUNK, len(uids), ctx.scale_messages - big)
        typ, data = imap.uid("COPY", f"{uids[0]}:{uids[chunk - 1]}", "Big")
        if typ != "OK":
            raise BenchError(f"{side.name}: UID COPY into Big: {typ} {data}")
        big += chunk
        copied += chunk
    if copied:
        ctx.record("scale_mailbox", f"{side.name}_copy_per_s", copied / (time.monotonic() - start))
        print(f"   {side.name}: copied {copied} messages into Big", flush=True)
    found = status_messages(imap, "Big")
    if found != ctx.scale_messages:
        raise BenchError(f"{side.name}: Big holds {found} messages, not {ctx.scale_messages}")


def select_fetch(imap, mailbox, repeats=FETCH_REPEATS):
    times = []
    for _ in range(repeats):
        began = time.monotonic()
        typ, data = imap.select(mailbox)
        if typ != "OK":
            raise BenchError(f"SELECT {mailbox}: {typ} {data}")
        exists = int(data[0])
        typ, data = imap.fetch(f"{max(1, exists - 49)}:{exists}", "(BODY.PEEK[HEADER])")
        if typ != "OK" or len([part for part in data if isinstance(part, tuple)]) != min(50, exists):
            raise BenchError(f"FETCH of the last 50 headers of {mailbox}: {typ}, {len(data)} parts")
        times.append(time.monotonic() - began)
    times.sort()
    return {"p50_ms": 1000 * percentile(times, 0.5), "p99_ms": 1000 * percentile(times, 0.99),
            "ops_per_s": repeats / sum(times)}


# ------------------------------------------------------------------------------------------------ 4c. list expansion

def list_expansion(ctx):
    """Workload 4c: a post to an OPEN list of 100 vs 10,000 members of a non-local domain: time from the 250 of the
    post until the SMTP sink has received every member (ours: MailingListDistribution then RemoteDelivery to the sink
    as gateway; the peer: a Postfix virtual alias with as many targets, relayed to the sink by relayhost)."""
    sizes = ctx.list_sizes
    members = {size: [f"m{j}@l{size}.members.example" for j in range(size)] for size in sizes}
    import_lists(ctx.webadmin, "".join(f"list{size}@{DOMAIN}\tOPEN\t{','.join(members[size])}\r\n" for size in sizes))
    for size in sizes:
        check_list(ctx.webadmin, f"list{size}@{DOMAIN}", size)
    aliases = os.path.join(ctx.work, "peer-virtual")
    with open(aliases, "w") as f:
        for size in sizes:
            f.write(f"list{size}@{DOMAIN} {','.join(members[size])}\n")
    ctx.peer_command("aliases", aliases, str(ctx.sink.port))
    for size in sizes:
        ctx.peer_wait_recipient(f"list{size}@{DOMAIN}")
    for side in ctx.both():
        for size in sizes:
            ctx.record("list_expansion", f"{side.name}_{size}",
                       repeated(lambda: post_to_list(ctx, side, size), ctx.runs, f"{side.name} list of {size}"))
    group = "4c. mailing list: post until the sink got every member"
    for size in sizes:
        ctx.row(group, f"ms from the post's MAIL FROM until the sink has all, list of {size}",
                ctx.get("list_expansion", f"ours_{size}", "ms"),
                ctx.get("list_expansion", f"peer_{size}", "ms"), unit="ms, lower is better",
                chart_label=f"{size} members")
    if len(sizes) > 1:
        ctx.row(group, f"ratio time {sizes[-1]} / {sizes[0]} members", *[
            ctx.get("list_expansion", f"{side}_{sizes[-1]}", "ms")["median"]
            / ctx.get("list_expansion", f"{side}_{sizes[0]}", "ms")["median"] for side in ("ours", "peer")],
            chart=False)


def post_to_list(ctx, side, size):
    """One post to the list; the time from the start of the posting's SMTP transaction (MAIL FROM, connection and
    EHLO done) until the sink has received every member. Not from the 250 of its DATA: the peer relays a small list
    to the sink within the few milliseconds its client takes to read that 250."""
    domain = f"l{size}.members.example"
    before = ctx.sink.count(domain)
    address = f"list{size}@{DOMAIN}"
    with smtplib.SMTP("127.0.0.1", side.smtp, timeout=120) as smtp:
        smtp.ehlo("poster.remote.example")
        posted = time.monotonic()
        refused = smtp.sendmail(SENDER, [address], message_text(SENDER, address))
        if refused:
            raise BenchError(f"{side.name}: post to {address} refused: {refused}")
    done = ctx.sink.wait_for(domain, before + size, timeout=max(600, size * 0.5))
    return {"ms": 1000 * (done - posted), "recipients_per_s": size / (done - posted)}


# ------------------------------------------------------------------------------------------------ 5. memory

def memory(ctx):
    """Workload 5: peak resident memory (VmHWM) of our server JVM, its Cassandra JVM, and the sum over the Postfix
    and Dovecot processes alive at the end of the run."""
    from benchlib import status_kib
    server = our_server_pid(ctx)
    cassandra = our_cassandra_pids(ctx)
    peer = processes(lambda cmdline, exe: exe.startswith(("/usr/lib/postfix/", "/usr/sbin/postfix",
                                                          "/usr/lib/dovecot/", "/usr/sbin/dovecot")))
    if not cassandra or not peer:
        raise BenchError(f"memory: processes not found (Cassandra {cassandra}, Postfix + Dovecot {peer})")
    figures = {"ours_server_peak_mib": status_kib(server, "VmHWM") / 1024,
               "ours_cassandra_peak_mib": sum(status_kib(pid, "VmHWM") for pid in cassandra) / 1024,
               "peer_postfix_dovecot_peak_mib": sum(status_kib(pid, "VmHWM") for pid in peer) / 1024,
               "peer_processes": len(peer)}
    if figures["ours_server_peak_mib"] == 0:
        raise BenchError(f"memory: no VmHWM for our server (pid {server})")
    ctx.results["memory_mib"] = figures
    ours_total = figures["ours_server_peak_mib"] + figures["ours_cassandra_peak_mib"]
    ctx.row("5. memory", f"peak RSS MiB (VmHWM): ours = server {figures['ours_server_peak_mib']:.0f} + Cassandra "
            f"{figures['ours_cassandra_peak_mib']:.0f}; peer = sum of {len(peer)} Postfix + Dovecot processes",
            ours_total, figures["peer_postfix_dovecot_peak_mib"], unit="MiB, lower is better",
            chart_label="peak RSS")
    if "server_peak_after_smtp_mib" in ctx.results:
        figures["ours_server_peak_under_smtp_mib"] = ctx.results["server_peak_after_smtp_mib"]
        ctx.row("5. memory", "peak RSS MiB (VmHWM) of our server JVM alone, at the end of workload 1 (SMTP ingest); "
                "target 768", figures["ours_server_peak_under_smtp_mib"], None, unit="MiB, lower is better",
                chart=False)
        ctx.row("5. memory", "peak RSS MiB (VmHWM) of our server JVM alone, whole run", figures["ours_server_peak_mib"],
                None, unit="MiB, lower is better", chart=False)


def settle(ctx, label):
    """Waits for our server and its Cassandra to fall idle before a measurement of either side: creating 100,000 users
    or an earlier workload leaves compactions running, which would take the CPU from whichever side runs next."""
    waited, used = wait_quiet([our_server_pid(ctx)] + our_cassandra_pids(ctx))
    print(f"   {label}: waited {waited:.0f} s for our server and Cassandra to fall idle ({used:.2f} cores)", flush=True)


def our_server_pid(ctx):
    with open(os.path.join(ctx.ours_home, "var", "run", "server.pid")) as f:
        return int(f.read().split()[0])


def our_cassandra_pids(ctx):
    return processes(lambda cmdline, exe: f"{ctx.ours_home}/var/cassandra" in cmdline and "java" in exe)
