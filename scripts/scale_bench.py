#!/usr/bin/python3
"""The scale benchmark (issue 18): an event of N people, every step timed with its peak memory.

    /usr/bin/python3 scripts/scale_bench.py --build DIR [--people 100000] [options]

Normally run through scripts/scale_bench.sh, which builds what it needs first. It generates the
event (scripts/scale_roster.py: N people in N/40 delegations with a JPEG portrait each, cached
under BUILD/scale-data/), then runs the desk and a kiosk through every step as child processes,
each timed (wall clock) with its peak resident memory (os.wait4's ru_maxrss), first for the
1,000-person reference event and then for N, and prints the figures side by side with their
ratios and the targets of issue 18. It measures; it asserts nothing. A step that fails or runs
past --timeout is reported with its error, and the run goes on (steps that need its result are
skipped, saying why).

Memory is in MB (10^6 bytes), as the targets are.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVENT_TOML = os.path.join(ROOT, "assets", "demo", "event.toml")
DESK_PASSPHRASE = "scale bench desk passphrase"
KIOSK_PASSPHRASE = "scale bench kiosk passphrase"
ISSUED_AT = "2014-03-28T08:00:00Z"  # the desk works before the event
BUNDLE_AT = "2014-04-01T05:00:00Z"  # the morning of the second day, before the gates open
UPDATE_AT = "2014-04-01T06:00:00Z"
GATE_AT = "2014-04-01T08:00:00Z"    # 10:00 in Brussels: everyone of decide.txt may enter
GATE_AT_UTC = 1396339200
KIOSK_RUN_BADGES = 20               # of decide.txt for `kiosk run`; the rest for scale_decide
MB = 1e6


class Step:
    """One measured step: wall seconds, peak RSS, and the figure compared across events."""

    def __init__(self, name):
        self.name = name
        self.ok = False
        self.error = None
        self.unavailable = False  # the command does not exist in this build
        self.seconds = None
        self.rss = None  # bytes
        self.value = None  # the step's figure (seconds unless unit says otherwise)
        self.unit = "s"
        self.what = ""  # what value is, when not the step's wall time
        self.notes = []
        self.extra = {}

    def as_dict(self):
        return {"name": self.name, "ok": self.ok, "error": self.error,
                "unavailable": self.unavailable, "seconds": self.seconds,
                "peak_rss_bytes": self.rss, "value": self.value, "unit": self.unit,
                "notes": self.notes, "extra": self.extra}


def run_child(cmd, cwd, env, timeout, log_prefix, stamp_lines=False):
    """Runs cmd; returns (exit code or None on timeout, wall s, maxrss bytes, [(t, line)]).

    The peak resident memory is GNU time's (%M: the child's ru_maxrss). Not this process's own
    wait4: Linux counts in a child's ru_maxrss what its parent had resident when it forked, and
    this Python process is larger than the smallest steps; GNU time is about 1 MB."""
    out = open(log_prefix + ".out", "w", encoding="utf-8", errors="replace")
    err = open(log_prefix + ".err", "w", encoding="utf-8", errors="replace")
    with open(log_prefix + ".cmd", "w") as f:
        f.write(" ".join(cmd) + "\n")
    start = time.monotonic()
    rss_file = log_prefix + ".time"
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, cwd=cwd, env=env,
                         stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE if stamp_lines else out, stderr=err,
                         start_new_session=True)
    lines, result = [], {}

    def reader():
        for raw in p.stdout:
            line = raw.decode("utf-8", "replace")
            lines.append((time.monotonic() - start, line))
            out.write(line)

    def waiter():
        _, status, _ = os.wait4(p.pid, 0)
        result["wall"] = time.monotonic() - start
        result["status"] = status

    threads = [threading.Thread(target=waiter)]
    if stamp_lines:
        threads.append(threading.Thread(target=reader))
    for t in threads:
        t.start()
    threads[0].join(timeout)
    timed_out = threads[0].is_alive()
    if timed_out:
        os.killpg(p.pid, signal.SIGKILL)
    for t in threads:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(result["status"])
    out.close()
    err.close()
    code = None if timed_out else p.returncode
    rss = None
    try:
        with open(rss_file) as f:  # "Command exited with non-zero status N" may come first
            rss = int(f.read().split()[-1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return code, result["wall"], rss, lines


def last_lines(path, n=3):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = [line.rstrip() for line in f if line.strip()]
    except OSError:
        return ""
    return " | ".join(text[-n:])


class EventRun:
    """Every step for one event size, in its own work folder."""

    def __init__(self, args, people, data_dir, work):
        self.a = args
        self.people = people
        self.data = data_dir
        self.work = work
        self.steps = {}
        self.order = []
        self.env = dict(os.environ, ACCRED_PASSPHRASE=DESK_PASSPHRASE,
                        ACCRED_KIOSK_PASSPHRASE=KIOSK_PASSPHRASE, LC_ALL="C.UTF-8")
        self.issuer = os.path.join(args.build, "issuer", "issuer")
        self.kiosk = os.path.join(args.build, "kiosk", "kiosk")
        self.bench = os.path.join(args.build, "tests", "bench")
        self.desk = os.path.join(work, "desk")
        self.state = os.path.join(work, "gate1")
        self.logs = os.path.join(work, "logs")
        os.makedirs(self.logs, exist_ok=True)
        self.bundle_version = None

    def ids(self, name):
        with open(os.path.join(self.data, name), encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]

    def step(self, name, cmd, needs=(), timeout=None, stamp_lines=False, value=None,
             ok_codes=(0,)):
        """Runs a measured step unless one it needs failed; returns the Step. An exit code in
        ok_codes other than 0 is a result to report (value sees the output), not a failure."""
        s = Step(name)
        self.steps[name] = s
        self.order.append(name)
        missing = [n for n in needs if not (n in self.steps and self.steps[n].ok)]
        if missing:
            s.error = "skipped: needs " + ", ".join(missing)
            self.say(s)
            return s
        prefix = os.path.join(self.logs, re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_"))
        code, wall, rss, lines = run_child(cmd, self.work, self.env, timeout or self.a.timeout,
                                           prefix, stamp_lines)
        s.seconds, s.rss, s.value = wall, rss, wall
        if stamp_lines:
            s.extra["lines"] = lines
        s.extra["log"] = prefix
        if code is None:
            s.error = f"timed out after {wall:.0f} s"
        elif code not in ok_codes:
            s.error = f"exit {code}: " + (last_lines(prefix + ".err") or last_lines(prefix + ".out"))
        else:
            s.ok = True
        if s.ok and value:
            try:
                with open(prefix + ".out", encoding="utf-8", errors="replace") as f:
                    value(s, f.read())
            except (ValueError, KeyError, IndexError, json.JSONDecodeError) as e:
                s.ok, s.error = False, f"unexpected output: {e}"
        self.say(s)
        return s

    def note(self, name, error, unavailable=False):
        s = Step(name)
        s.error, s.unavailable = error, unavailable
        self.steps[name] = s
        self.order.append(name)
        self.say(s)
        return s

    def say(self, s):
        if s.ok:
            fig = "" if s.unit == "s" else f", {fmt_value(s.value, s.unit)}"
            print(f"    {s.name:<34} {s.seconds:9.2f} s {mb(s.rss):>9} MB{fig}", flush=True)
        else:
            print(f"    {s.name:<34} {s.error}", flush=True)

    # ---- the steps ---------------------------------------------------------------------------

    def desk_steps(self):
        i = self.issuer
        self.step("init", [i, "init", self.desk, "--event", EVENT_TOML, "--kdf-cost", self.a.kdf_cost])
        self.step("roster import", [i, "roster", "import", os.path.join(self.data, "roster.csv"),
                                    "-w", self.desk, "--now", ISSUED_AT, "--json"],
                  needs=["init"], value=rate(self.people, "people/s"))
        self.step("issue --all", [i, "issue", "--all", "-w", self.desk, "--now", ISSUED_AT],
                  needs=["roster import"], value=rate(self.people, "credentials/s"))
        badges = self.ids("badges.txt")
        self.step(f"badges, {len(badges):,} (A4 PDF)",
                  [i, "badges", "--out", "badges.pdf", "--a4", "-w", self.desk] + badges,
                  needs=["issue --all"], value=rate(len(badges), "badges/s"))
        self.step("bundle", [i, "bundle", "--out", "v1.bundle", "-w", self.desk, "--now",
                             BUNDLE_AT, "--json"], needs=["issue --all"], value=self.bundle_figure)

    def bundle_figure(self, s, out):
        j = json.loads(out)
        s.extra["bytes"] = j["bytes"]
        s.notes.append(f"{j['bytes'] / MB:.1f} MB file")
        if s.name == "bundle":
            self.bundle_version = j["version"]

    def kiosk_steps(self):
        k = self.kiosk
        self.step("kiosk enroll", [k, "enroll", "--bundle", "v1.bundle", "--event-key",
                                   os.path.join(self.desk, "event.pub"), "--gate", "main_gate",
                                   "--state", self.state, "--kdf-cost", self.a.kdf_cost],
                  needs=["bundle"])
        decide = self.ids("decide.txt")
        frames = os.path.join(self.work, "frames")
        # The badges of the people who come to the gate (not measured: the desk's renderer).
        self.step("(badge images for the gate)",
                  [self.issuer, "badges", "--png-dir", frames, "--dpi", "150", "-w", self.desk]
                  + decide, needs=["issue --all"])
        pngs = [os.path.join(frames, d + ".png") for d in decide]
        self.step("kiosk run: first verdict", [k, "run", "--state", self.state, "--headless",
                                               "--now", GATE_AT, "--source",
                                               "images:" + ",".join(pngs[:KIOSK_RUN_BADGES])],
                  needs=["kiosk enroll", "(badge images for the gate)"], stamp_lines=True,
                  value=self.first_verdict)
        self.decide_pngs = pngs[KIOSK_RUN_BADGES:]

    def first_verdict(self, s, out):
        lines = s.extra.pop("lines")
        verdicts = [json.loads(line)["reason"] for _, line in lines]
        s.value, s.what = lines[0][0], "start to 1st"
        s.extra["decisions"] = len(lines)
        s.extra["reasons"] = {r: verdicts.count(r) for r in sorted(set(verdicts))}
        s.notes.append(f"{len(lines)} decisions in {s.seconds:.2f} s; "
                       + ", ".join(f"{n} {r}" for r, n in s.extra["reasons"].items()))

    def decision_round(self, r, rounds):
        """One scale_decide run on every rounds-th badge from the r-th: (exit, wall, rss, json)."""
        prefix = os.path.join(self.logs, f"decision_{r + 1}")
        cmd = [os.path.join(self.bench, "scale_decide"), "--state", self.state, "--now",
               str(GATE_AT_UTC + 3600 * (r + 1))] + self.decide_pngs[r::rounds]
        code, wall, rss, _ = run_child(cmd, self.work, self.env, self.a.timeout, prefix)
        try:
            with open(prefix + ".out", encoding="utf-8") as f:
                return code, wall, rss, json.loads(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            return code, wall, rss, None


    def update_steps(self):
        i, k = self.issuer, self.kiosk
        new = os.path.join(self.data, "roster-new.csv")
        added = sum(1 for _ in open(new, encoding="utf-8")) - 1
        revoke = self.ids("revoke.txt")
        self.step(f"update: import {added:,} new", [i, "roster", "import", new, "-w", self.desk,
                                                   "--now", UPDATE_AT, "--json"],
                  needs=["issue --all"], value=rate(added, "people/s"))
        self.step("update: issue --all", [i, "issue", "--all", "-w", self.desk, "--now", UPDATE_AT],
                  needs=[f"update: import {added:,} new"])
        self.step("update: revoke", [i, "revoke", "--reason", "scale benchmark", "-w", self.desk, "--now", UPDATE_AT]
                  + revoke, needs=["issue --all"], value=rate(len(revoke), "revocations/s"))
        since = "update: delta (bundle --since)"
        if not self.bundle_version:
            self.note(since, "skipped: needs bundle")
        elif not self.has_since:
            self.note(since, "not available on this build (issuer bundle has no --since)", True)
        else:
            self.step(since, [i, "bundle", "--since", str(self.bundle_version), "--out",
                              "delta.bundle", "-w", self.desk, "--now", UPDATE_AT, "--json"],
                      needs=["update: issue --all"], value=self.size_figure)
            self.step("kiosk update: delta", [k, "update", "--state", self.state, "delta.bundle"],
                      needs=[since, "kiosk enroll"])
        # Today's ways, beside it: the revocations alone, and a whole new bundle.
        self.step("update: revocations file", [i, "revocations", "--out", "revocations.update",
                                               "-w", self.desk, "--now", UPDATE_AT, "--json"],
                  needs=["update: revoke"], value=self.size_figure)
        self.step("kiosk update: revocations",
                  [k, "update", "--state", self.state, "revocations.update"],
                  needs=["update: revocations file", "kiosk enroll"])
        self.step("update: full bundle", [i, "bundle", "--out", "v2.bundle", "-w", self.desk,
                                          "--now", UPDATE_AT, "--json"],
                  needs=["update: issue --all"], value=self.size_figure)
        self.step("kiosk update: full bundle", [k, "update", "--state", self.state, "v2.bundle"],
                  needs=["update: full bundle", "kiosk enroll"])

    def size_figure(self, s, out):
        j = json.loads(out)
        s.value, s.unit, s.what = j["bytes"], "bytes", "size"
        s.notes.append(f"{s.seconds:.2f} s")

    def fleet_step(self):
        a = self.a
        copy = os.path.join(self.work, "fleet")
        name = f"fleet, {a.fleet_kiosks} kiosks, {a.fleet_entries:,}"
        if "init" in self.steps and self.steps["init"].ok:
            shutil.rmtree(copy, ignore_errors=True)
            os.makedirs(copy)
            subprocess.run(["cp", "-a", self.desk, os.path.join(copy, "desk")], check=True)
        per_kiosk = max(1, a.fleet_entries // a.fleet_kiosks)
        interval_ms = max(1, a.fleet_seconds * 1000 // per_kiosk)
        self.step(name, [os.path.join(self.bench, "fleet_load"), "--issuer", self.issuer,
                         "--kiosks", str(a.fleet_kiosks), "--interval-ms", str(interval_ms),
                         "--seconds", str(a.fleet_seconds), "--burst-seconds", "0",
                         "--desk", os.path.join(copy, "desk"), "--badges", str(a.fleet_entries)],
                  needs=["issue --all"], timeout=a.timeout + a.fleet_seconds,
                  value=self.fleet_figure, ok_codes=(0, 1))
        if not a.keep:
            shutil.rmtree(copy, ignore_errors=True)

    def fleet_figure(self, s, out):
        rows = int(re.search(r"rows accepted (\d+) \(([\d.]+)/s\)", out).group(1))
        d = re.search(r"decision to desk: median (\d+) ms, p95 (\d+) ms, p99 (\d+) ms, max (\d+)", out)
        rss = float(re.search(r"issuer serve\): peak resident memory ([\d.]+) MiB", out).group(1))
        revoked = re.search(r"after ([\d.]+) s \(median", out)
        failed = re.search(r"failed syncs (\d+), refused (\d+)", out)
        kept = re.search(r"evidence only \(refused_rows\): (\d+)", out)
        s.value, s.unit, s.what = int(d.group(2)), "ms", "p95 to desk"
        s.rss = rss * 1024 * 1024  # the desk's, not the simulated kiosks'
        s.extra.update(rows=rows, delay_median_ms=int(d.group(1)), delay_p95_ms=int(d.group(2)),
                       delay_max_ms=int(d.group(4)))
        s.notes.append(f"p95 decision to desk; {rows:,} of {self.a.fleet_entries:,} entries "
                       f"accepted, median {d.group(1)} ms, "
                       f"max {d.group(4)} ms; revocation at every kiosk after "
                       f"{revoked.group(1) if revoked else '?'} s; memory: issuer serve's")
        s.extra.update(failed_syncs=int(failed.group(1)), refused_syncs=int(failed.group(2)),
                       evidence_only_rows=int(kept.group(1)) if kept else None)
        if failed.group(1) != "0" or failed.group(2) != "0" or (kept and kept.group(1) != "0"):
            s.notes.append(f"FAILED SYNCS {failed.group(1)}, refused {failed.group(2)}, rows kept "
                           f"as evidence only {kept.group(1) if kept else '?'} (see the log)")

    def audit_steps(self):
        a = self.a
        logs = os.path.join(self.work, "kiosk-logs")
        make = self.step("(audit: kiosk logs written)",
                         [os.path.join(self.bench, "make_scale_logs"), "--desk", self.desk, "--out",
                          logs, "--rows", str(a.audit_rows), "--kiosks", str(a.audit_kiosks),
                          "--jobs", str(a.jobs)], needs=["issue --all"], timeout=4 * a.timeout)
        if make.ok:
            registered = self.register_kiosks(logs)
            if registered:
                make.ok, make.error = False, registered
                self.say(make)
        dbs = sorted(os.path.join(logs, f) for f in os.listdir(logs) if f.endswith(".db")) \
            if os.path.isdir(logs) else []
        rows = a.audit_rows
        self.step("audit verify", [self.issuer, "audit", "verify", "-w", self.desk] + dbs,
                  needs=["(audit: kiosk logs written)"], timeout=2 * a.timeout,
                  value=rate(rows, "rows/s"))
        self.step("audit merge", [self.issuer, "audit", "merge", "-w", self.desk, "--out",
                                  "event.db"] + dbs,
                  needs=["(audit: kiosk logs written)"], timeout=3 * a.timeout,
                  value=rate(rows, "rows/s"))
        if not a.keep:
            shutil.rmtree(logs, ignore_errors=True)
            for f in ("event.db", "event.db-wal", "event.db-shm"):
                if os.path.exists(os.path.join(self.work, f)):
                    os.remove(os.path.join(self.work, f))

    def register_kiosks(self, logs):
        """issuer kiosks add / checkpoints add for the written logs (not measured)."""
        with open(os.path.join(logs, "kiosks.tsv"), encoding="utf-8") as f:
            for line in f:
                gate, pub = line.rstrip("\n").split("\t")
                r = subprocess.run([self.issuer, "kiosks", "add", "--gate", gate, pub, "-w",
                                    self.desk], env=self.env, capture_output=True, text=True)
                if r.returncode != 0:
                    return "issuer kiosks add: " + r.stderr.strip()
        r = subprocess.run([self.issuer, "checkpoints", "add", os.path.join(logs, "checkpoints.txt"),
                            "-w", self.desk], env=self.env, capture_output=True, text=True)
        return None if r.returncode == 0 else "issuer checkpoints add: " + r.stderr.strip()

    def run_all(self, has_since, decide_with=None):
        """Every step; the decisions in turns with decide_with's kiosk (the reference event),
        or None: alone; or False: later (measure_decisions, by the caller)."""
        self.has_since = has_since
        self.desk_steps()
        self.kiosk_steps()
        if decide_with is not False:
            measure_decisions([decide_with, self] if decide_with else [self],
                              self.a.decision_rounds)
        self.update_steps()
        if self.a.fleet_entries > 0:
            self.fleet_step()
        if self.a.audit_rows > 0:
            self.audit_steps()


DECISION = "decision (frame-to-verdict)"


def measure_decisions(runs, rounds):
    """Frame-to-verdict on each run's enrolled kiosk, in turns (run A, run B, then B, A...), so
    that the events are compared over the same minutes of this shared machine."""
    ready = []
    for run in runs:
        s = Step(DECISION)
        run.steps[DECISION] = s
        run.order.insert(run.order.index("kiosk run: first verdict") + 1, DECISION)
        missing = [n for n in ("kiosk enroll", "(badge images for the gate)")
                   if not run.steps[n].ok]
        if missing:
            s.error = "skipped: needs " + ", ".join(missing)
        else:
            ready.append(run)
            s.seconds, s.rss, s.extra = 0.0, 0, {"steady_ms": [], "rounds": []}
    for r in range(rounds):
        for run in ready if r % 2 == 0 else reversed(ready):
            s = run.steps[DECISION]
            if s.error:
                continue
            code, wall, rss, j = run.decision_round(r, rounds)
            s.seconds += wall
            s.rss = max(s.rss, rss or 0)
            if code != 0 or j is None:
                s.error = f"scale_decide exit {code}: " + last_lines(
                    os.path.join(run.logs, f"decision_{r + 1}.err"))
                continue
            s.extra["steady_ms"] += j.pop("steady_ms")
            s.extra["rounds"].append(j)
    for run in runs:
        s = run.steps[DECISION]
        if s.error is None and s.extra["steady_ms"]:
            times = sorted(s.extra["steady_ms"])
            rs = s.extra["rounds"]
            s.ok, s.unit, s.what = True, "ms", "median"
            s.value = times[len(times) // 2]
            verdicts = {}
            for j in rs:
                for v, n in j["verdicts"].items():
                    verdicts[v] = verdicts.get(v, 0) + n
            s.notes.append(
                f"median of {len(times)} in {len(rs)} rounds taken in turns with the other event, "
                f"p95 {times[min(len(times) - 1, len(times) * 95 // 100)]:.1f} ms; decode "
                f"{median(j['decode_median_ms'] for j in rs):.1f} ms; engine start "
                f"{median(j['start_ms'] for j in rs):.0f} ms, first decision after it "
                f"{median(j['first_ms'] for j in rs):.1f} ms; "
                + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
                + "; memory: scale_decide's, the kiosk engine and the simulated camera's frames "
                "(the kiosk alone: the kiosk run row)")
        run.say(s)


def median(values):
    v = sorted(values)
    return v[len(v) // 2]


def rate(count, unit):
    def figure(s, out):
        s.extra["rate"] = count / s.seconds
        s.notes.append(f"{count / s.seconds:,.0f} {unit}")
    return figure


def fmt_value(v, unit):
    if v is None:
        return "-"
    if unit == "bytes":
        return f"{v / MB:.2f} MB" if v >= 100_000 else f"{v / 1000:.1f} kB"
    if unit == "ms":
        return f"{v:.1f} ms" if v < 1000 else f"{v / 1000:.2f} s"
    return f"{v:.2f} s" if v < 100 else f"{v / 60:.1f} min"


# ---- targets (issue 18), judged on the N-person event ---------------------------------------

DESK_RSS = 300 * MB


def targets(name, s, ref):
    """(target text, met: True/False/None) for step name of the N-person run."""
    def rss_below(limit):
        return s.rss is not None and s.rss < limit
    if name == "roster import":
        r = s.extra.get("rate")
        return ">= 1,000 people/s, < 300 MB", (r is not None and r >= 1000 and rss_below(DESK_RSS))
    if name == "kiosk enroll":
        return "< 60 s, < 300 MB", (s.seconds is not None and s.seconds < 60 and rss_below(DESK_RSS))
    if name == "kiosk run: first verdict":
        return "kiosk resident < 300 MB", rss_below(DESK_RSS)
    if name == "decision (frame-to-verdict)":
        if ref is None or not ref.ok or not s.ok:
            return "<= 1.1x the 1,000 event's", None
        return "<= 1.1x the 1,000 event's", s.value <= 1.1 * ref.value
    if name == "update: delta (bundle --since)":
        return "< 10 MB (+1,000 people with photos)", (s.value < 10 * MB if s.ok else None)
    if name.startswith(("init", "issue", "badges", "bundle", "update:", "audit ", "fleet")):
        return "< 300 MB (desk command)", rss_below(DESK_RSS)
    return "", None


def print_table(runs, ref_people, people):
    ref = runs.get(ref_people)
    big = runs[people]
    cols = f"{'step':<44}| {'N=' + format(ref_people, ','):>22} | {'N=' + format(people, ','):>22} |" \
           f" {'ratio':>15} | target"
    print("\n" + cols)
    print("-" * len(cols) + "-" * 30)
    for name in big.order:
        s = big.steps[name]
        r = ref.steps.get(name) if ref and ref is not big else None
        target, met = targets(name, s, r)
        if not s.ok:  # failed: not met; not run (skipped, not in this build): not measured
            met = None if s.unavailable or (s.error or "").startswith("skipped") else \
                (False if target else None)
        ratio = ""
        if r is not None and r.ok and s.ok and r.value and r.rss and s.rss:
            ratio = f"{s.value / r.value:6.2f}x {s.rss / r.rss:6.2f}x"
        mark = {True: "met", False: "NOT met", None: "not measured" if target else ""}[met]
        label = f"{name} [{s.what}]" if s.what else name
        print(f"{label[:43]:<44}| {cell(r):>22} | {cell(s):>22} | {ratio:>15} | {target}"
              f"{'  ' + mark if target else ''}")
    print("Steps in parentheses prepare the next one: their time is not a figure of the system.")
    print("\nNotes (N=" + format(people, ",") + "):")
    for name in big.order:
        s = big.steps[name]
        if s.notes and s.ok:
            print(f"  {name}: " + "; ".join(s.notes))
        elif not s.ok and s.error and len(s.error) > 20:
            print(f"  {name}: {s.error[:300]}")


def cell(s):
    if s is None:
        return ""
    if not s.ok:
        return "n/a" if s.unavailable else ("skipped" if (s.error or "").startswith("skipped")
                                            else "FAILED")
    return f"{fmt_value(s.value, s.unit)} {mb(s.rss):>6} MB"


def mb(rss):
    return "?" if rss is None else f"{rss / MB:.1f}"


def generate(a, people):
    """The cached roster folder for people (made when missing); returns its path."""
    delegations = max(1, people // 40)
    with open(os.path.join(ROOT, "scripts", "scale_roster.py"), encoding="utf-8") as f:
        version = re.search(r"^GENERATOR_VERSION = (\d+)", f.read(), re.M).group(1)
    out = os.path.join(a.build, "scale-data", f"N{people}-D{delegations}-s{a.seed}-g{version}")
    if os.path.exists(os.path.join(out, ".complete")):
        with open(os.path.join(out, "meta.json")) as f:
            meta = json.load(f)
        print(f"  event data: {out} (cached)")
        return out, meta
    print(f"  event data: generating {people:,} people in {delegations:,} delegations ...",
          flush=True)
    t = time.monotonic()
    r = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "scale_roster.py"),
                        "--people", str(people), "--delegations", str(delegations), "--seed",
                        str(a.seed), "--jobs", str(a.jobs), "--out", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("scale_bench: generating the roster failed: " + r.stderr.strip())
    meta = json.loads(r.stdout.strip().splitlines()[-1])
    print(f"  event data: {out} ({time.monotonic() - t:.0f} s, not measured)")
    return out, meta


def has_since(build):
    r = subprocess.run([os.path.join(build, "issuer", "issuer"), "bundle", "--help"],
                       capture_output=True, text=True)
    return re.search(r"--since\b", r.stdout + r.stderr) is not None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", required=True, help="build folder with issuer, kiosk, tests/bench")
    p.add_argument("--people", type=int, default=100000)
    p.add_argument("--reference", type=int, default=1000,
                   help="the event the ratios are to (0: none)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--audit-rows", type=int, default=10_000_000, help="0 leaves the audit out")
    p.add_argument("--audit-kiosks", type=int, default=40)
    p.add_argument("--fleet-kiosks", type=int, default=40)
    p.add_argument("--fleet-entries", type=int, default=40000, help="0 leaves the fleet out")
    p.add_argument("--fleet-seconds", type=int, default=100,
                   help="the morning's entries are made over this many seconds")
    p.add_argument("--kdf-cost", default="interactive", choices=["interactive", "moderate"],
                   help="Argon2id cost of the desk and kiosk keys (the desk's default: moderate)")
    p.add_argument("--decision-rounds", type=int, default=3,
                   help="frame-to-verdict is measured in this many turns per event")
    p.add_argument("--timeout", type=int, default=1200, help="seconds per step")
    p.add_argument("--jobs", type=int, default=2, help="for generating data (not measured)")
    p.add_argument("--json", help="also write every figure to this file")
    p.add_argument("--keep", action="store_true",
                   help="keep the work folders (else only each one's logs/, as logs-N*/)")
    a = p.parse_args()
    a.build = os.path.abspath(a.build)
    since = has_since(a.build)
    sizes = [n for n in (a.reference, a.people) if n > 0]
    sizes = sorted(set(sizes), key=sizes.index)
    print(f"== scale benchmark: {platform.node()}, {os.cpu_count()} cores, "
          f"{platform.processor() or platform.machine()}; events of "
          + " and ".join(f"{n:,}" for n in sizes) + " people")
    print(f"   commit {git_head()}; key files at the {a.kdf_cost} Argon2id cost; "
          f"issuer bundle --since: {'yes' if since else 'not in this build'}")
    runs, metas = {}, {}
    for n in sizes:
        print(f"\n== event of {n:,} people", flush=True)
        data, metas[n] = generate(a, n)
        work = os.path.join(a.build, "scale-bench", f"N{n}")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        run = EventRun(a, n, data, work)
        # With two events, the reference's decisions are measured in turns with the other's.
        reference = runs.get(sizes[0]) if n != sizes[0] else None
        run.run_all(since, reference if reference else (False if len(sizes) > 1 else None))
        runs[n] = run
        if a.json:
            write_json(a, runs, metas, since)
    if not a.keep:  # the commands and their output stay, in BUILD/scale-bench/logs-N/
        for n, run in runs.items():
            kept = os.path.join(a.build, "scale-bench", f"logs-N{n}")
            shutil.rmtree(kept, ignore_errors=True)
            shutil.move(run.logs, kept)
            shutil.rmtree(run.work, ignore_errors=True)
    print_table(runs, sizes[0], sizes[-1])
    if a.kdf_cost == "interactive":
        print("\nThe key files use Argon2id's interactive cost (64 MiB), as scripts/bench.sh does; "
              "at the desk's default (moderate, 256 MiB) every command that unlocks the event or "
              "kiosk key needs 192 MiB more for that alone (--kdf-cost moderate).")
    return 0


def git_head():
    r = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                       text=True)
    return r.stdout.strip() or "unknown"


def write_json(a, runs, metas, since):
    doc = {"commit": git_head(), "machine": {"cores": os.cpu_count(), "node": platform.node()},
           "kdf_cost": a.kdf_cost, "bundle_since_available": since,
           "events": {str(n): {"data": metas[n],
                               "steps": [r.steps[name].as_dict() for name in r.order]}
                      for n, r in runs.items()}}
    for e in doc["events"].values():
        for s in e["steps"]:
            s["extra"].pop("lines", None)
    with open(a.json, "w") as f:
        json.dump(doc, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())
