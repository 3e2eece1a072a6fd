#!/usr/bin/env python3
"""Every command of issuer and kiosk, run for real on the demo event: its exit code for success,
for a refusal and for a usage error, against the table in docs/cli-conventions.md. Under --json
an error is one JSON object on stdout with the same code. The commands are listed from the
binaries' own --help, so a command added without a row here fails the test.

Also: no output says "1 badges" (count_noun), and --force replaces an output file.

Usage: exit_codes_test.py ISSUER KIOSK DEMO_DIR
"""
import json
import os
import pty
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

ISSUER, KIOSK, DEMO = (os.path.abspath(a) for a in sys.argv[1:4])
DAY = "2014-03-31T07:00:00Z"
NOW = "--now 2014-03-28T08:00:00Z"
ENV = dict(os.environ, ACCRED_PASSPHRASE="desk passphrase 2014",
           ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014",
           ACCRED_OPERATOR_PASSWORD="operator password 2014", ACCRED_PIN="482915")
WRONG = {"ACCRED_PASSPHRASE": "not the passphrase", "ACCRED_KIOSK_PASSPHRASE": "not it either"}
failures = []
outputs = []  # every stdout and stderr, for the plural check


def argv(line):
    """The argument vector for a command line written "issuer ..." or "kiosk ..."."""
    args = shlex.split(line)
    return [{"issuer": ISSUER, "kiosk": KIOSK}[args[0]]] + args[1:]


def run(line, env=None, stdin=None):
    """Runs one command line ("issuer ..." or "kiosk ..."); returns (code, stdout, stderr)."""
    p = subprocess.run(argv(line), env=dict(ENV, **(env or {})), capture_output=True,
                       text=True, errors="replace", timeout=120, input=stdin)
    outputs.append(p.stdout + p.stderr)
    return p.returncode, p.stdout, p.stderr


def check(what, expected, actual, detail=""):
    if expected != actual:
        failures.append(f"{what}: expected {expected!r}, got {actual!r} {detail}".rstrip())


def serve_until_ready(line, ready):
    """Starts a server command, waits until ready(output so far) says it is serving, stops it
    with SIGINT as Ctrl-C would; returns its exit code."""
    with open("server.log", "w") as log:
        p = subprocess.Popen(argv(line), env=ENV, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline and p.poll() is None and not ready(open("server.log").read()):
            time.sleep(0.1)
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    outputs.append(open("server.log").read())
    return p.returncode


def subcommands(binary_name, path=()):
    """The leaf commands, from --help: ('audit', 'verify'), ('status',), ..."""
    _, out, _ = run(" ".join((binary_name,) + path + ("--help",)))
    section = out.split("Subcommands:", 1)
    if len(section) == 1:
        return [path]
    names = re.findall(r"^  (\S+)", section[1], re.M)
    leaves = []
    for name in names:
        leaves += subcommands(binary_name, path + (name,))
    return leaves


def setup():
    """The demo desk, issued, a bundle, a kiosk that logged decisions, a merged audit store."""
    steps = [
        f"issuer init desk --event {DEMO}/event.toml --kdf-cost interactive",
        f"issuer roster import {DEMO}/roster.csv -w desk {NOW}",
        f"issuer issue --all -w desk {NOW}",
        "issuer badges --png-dir badges --dpi 100 -w desk",
        "issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z",
        "kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate "
        "--state k1 --kdf-cost interactive",
        f"kiosk run --state k1 --headless --debounce-ms 0 --now {DAY} "
        "--source images:badges/D002.png,badges/M001.png",
        "issuer kiosks add k1/kiosk.pub --gate main_gate -w desk",
        "kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate "
        "--state k2 --kdf-cost interactive",
        "issuer fleet init -w desk",
        "issuer audit merge k1/log.db --out event.db -w desk",
    ]
    for line in steps:
        code, out, err = run(line)
        if code != 0:
            sys.exit(f"setup failed: {line}: exit {code}\n{out}{err}")
    with open("checkpoints.txt", "w") as f:
        f.write(run("kiosk checkpoint --state k1")[1])
    with open("tampered.txt", "w") as f:
        f.write(open("checkpoints.txt").read().replace("accred-checkpoint v1 ", "accred-checkpoint v1 0"))
    subprocess.run(["cp", "k1/log.db", "altered.db"], check=True)
    subprocess.run(["sqlite3", "altered.db", "DROP TRIGGER entries_no_update; UPDATE entries SET holder = 'D099' WHERE seq = 2"],
                   check=True)
    with open("bad.csv", "w") as f:
        f.write(open(f"{DEMO}/roster.csv").read() + "Z999,Someone,UN,emperor,2014-03-31,,P001.png,\n")
    with open("garbage.csr", "w") as f:
        f.write("not a certificate request\n")


# One row per command: (ok, refused, usage). Each is (command line, expected code), or for
# `refused` a string saying why the command has nothing to refuse. Run in this order: a row may
# use what an earlier one made. {W} is "-w desk".
def table():
    w = "-w desk"
    wrong = WRONG
    return {
        ("init",): (
            (f"issuer init d2 --event {DEMO}/event.toml --kdf-cost interactive", 0),
            (f"issuer init desk --event {DEMO}/event.toml --kdf-cost interactive", 2),
            ("issuer init", 2)),
        ("pin-hash",): (("issuer pin-hash", 0), ("issuer pin-hash", 2, {"ACCRED_PIN": "1"}),
                        ("issuer pin-hash --bogus", 2)),
        ("roster", "import"): ((f"issuer roster import {DEMO}/roster.csv {w} {NOW}", 0),
                               (f"issuer roster import bad.csv --photos {DEMO}/photos {w} {NOW}", 1),
                               (f"issuer roster import {w}", 2)),
        ("issue",): ((f"issuer issue --all {w} {NOW}", 0),
                     (f"issuer issue --all {w} {NOW}", 1, wrong),
                     (f"issuer issue --bogus {w}", 2)),
        ("reissue",): ((f"issuer reissue P001 {w} {NOW}", 0),
                       (f"issuer reissue P001 {w} {NOW}", 1, wrong),
                       (f"issuer reissue {w}", 2)),
        ("revoke",): ((f"issuer revoke P002 --reason test {w} {NOW}", 0),
                      (f"issuer issue P002 {w} {NOW}", 1),  # withdrawn by the revoke
                      (f"issuer revoke P003 {w}", 2)),
        ("reinstate",): ((f"issuer reinstate P002 --reason back {w} {NOW}", 0),
                         (f"issuer reinstate P003 --reason no {w} {NOW}", 1),
                         (f"issuer reinstate {w}", 2)),
        ("badges",): ((f"issuer badges --out b.pdf {w}", 0), (f"issuer badges --out b.pdf {w}", 2),
                      (f"issuer badges {w}", 2)),
        ("status",): ((f"issuer status {w}", 0), "a report: it refuses nothing",
                      (f"issuer status --bogus {w}", 2)),
        ("bundle",): ((f"issuer bundle --out v2.bundle {w} {NOW}", 0),
                      (f"issuer bundle --out v3.bundle {w} {NOW}", 1, wrong),
                      (f"issuer bundle {w}", 2)),
        ("revocations",): ((f"issuer revocations --out r2.update {w} --now {DAY}", 0),
                           (f"issuer revocations --out r3.update {w} {NOW}", 1, wrong),
                           (f"issuer revocations {w}", 2)),
        ("kiosks", "add"): ((f"issuer kiosks add k2/kiosk.pub --gate main_gate {w}", 0),
                            (f"issuer kiosks add k2/kiosk.pub --gate nowhere {w}", 2),
                            (f"issuer kiosks add k2/kiosk.pub {w}", 2)),
        ("kiosks", "list"): ((f"issuer kiosks list {w}", 0), "a list: it refuses nothing",
                             (f"issuer kiosks list --bogus {w}", 2)),
        ("checkpoints", "add"): ((f"issuer checkpoints add checkpoints.txt {w}", 0),
                                 (f"issuer checkpoints add tampered.txt {w}", 1),
                                 (f"issuer checkpoints add {w}", 2)),
        ("audit", "verify"): ((f"issuer audit verify k1/log.db {w}", 0),
                              (f"issuer audit verify altered.db {w}", 1),
                              (f"issuer audit verify {w}", 2)),
        ("audit", "merge"): ((f"issuer audit merge k1/log.db --out event.db {w}", 0),
                             (f"issuer audit merge altered.db --out other.db {w}", 1),
                             (f"issuer audit merge k1/log.db {w}", 2)),
        ("audit", "trail"): (("issuer audit trail D002 --db event.db", 0),
                             ("issuer audit trail NOBODY --db event.db", 1),
                             ("issuer audit trail --db event.db", 2)),
        ("audit", "zone"): ((f"issuer audit zone grounds --from 2014-03-31T00:00:00Z "
                             f"--to 2014-04-02T00:00:00Z --db event.db", 0),
                            (f"issuer audit zone grounds --from 2014-03-01T00:00:00Z "
                             f"--to 2014-03-02T00:00:00Z --db event.db", 1),
                            ("issuer audit zone grounds --db event.db", 2)),
        ("audit", "occupancy"): ((f"issuer audit occupancy grounds --now {DAY} --db event.db", 0),
                                 "a report: an empty zone is an answer",
                                 ("issuer audit occupancy --db event.db", 2)),
        ("audit", "anomalies"): (("issuer audit anomalies --db event.db", 0),
                                 "a report: no anomaly is an answer",
                                 ("issuer audit anomalies", 2)),
        ("audit", "report"): ((f"issuer audit report --db event.db --out r.html {w} --now {DAY}", 0),
                              (f"issuer audit report --db event.db --out r.html {w} --now {DAY}", 2),
                              (f"issuer audit report --out r2.html {w}", 2)),
        ("fleet", "init"): ((f"issuer fleet init -w d2", 0), (f"issuer fleet init {w}", 2),
                            (f"issuer fleet init --days 0 {w}", 2)),
        ("fleet", "approve"): ((f"issuer fleet approve k1/kiosk.csr --out k1.crt {w}", 0),
                               (f"issuer fleet approve garbage.csr {w}", 1),
                               (f"issuer fleet approve {w}", 2)),
        ("fleet", "list"): ((f"issuer fleet list {w}", 0), "a list: it refuses nothing",
                            (f"issuer fleet list --bogus {w}", 2)),
        ("fleet", "withdraw"): ((f"issuer fleet withdraw @K1 {w}", 0),
                                (f"issuer fleet withdraw NOSUCHKIOSK {w}", 1),
                                (f"issuer fleet withdraw {w}", 2)),
        ("serve",): ((f"issuer serve --listen 127.0.0.1:0 {w}", "serve"),
                     (f"issuer serve --listen 127.0.0.1:0 {w}", 1, wrong),
                     (f"issuer serve --listen nowhere {w}", 2)),
        ("web",): ((f"issuer web --no-tls --listen 127.0.0.1:0 --url-file url.txt {w}", "web"),
                   (f"issuer web --no-tls --listen 127.0.0.1:0 {w}", 1, wrong),
                   (f"issuer web --no-tls --listen 0.0.0.0:0 {w}", 2)),
        ("operator", "add"): ((f"issuer operator add alice --role operator {w}", 0),
                              (f"issuer operator add alice --role operator {w}", 2),
                              (f"issuer operator add bob --role emperor {w}", 2)),
        ("operator", "list"): ((f"issuer operator list {w}", 0), "a list: it refuses nothing",
                               (f"issuer operator list --bogus {w}", 2)),
        ("operator", "disable"): ((f"issuer operator disable alice {w}", 0),
                                  (f"issuer operator disable nobody {w}", 2),
                                  (f"issuer operator disable {w}", 2)),
        ("operator", "enable"): ((f"issuer operator enable alice {w}", 0),
                                 (f"issuer operator enable nobody {w}", 2),
                                 (f"issuer operator enable {w}", 2)),
        ("operator", "password"): ((f"issuer operator password alice {w}", 0),
                                   (f"issuer operator password alice {w}", 2,
                                    {"ACCRED_OPERATOR_PASSWORD": "short"}),
                                   (f"issuer operator password {w}", 2)),
        ("operator", "journal"): ((f"issuer operator journal {w}", 0), "a list: it refuses nothing",
                                  (f"issuer operator journal --limit x {w}", 2)),
        ("keygen",): (("issuer keygen --kdf-cost interactive -s e.key -p e.pub", 0),
                      ("issuer keygen --kdf-cost interactive -s e.key -p e2.pub", 2),
                      ("issuer keygen --kdf-cost bogus", 2)),
        ("sign",): (("issuer sign -k e.key --event gp2014 --holder X1 --name X --photo-digest "
                     "000000000000000000000000 --valid-until 2014-04-02T00:00:00Z "
                     "--now 2014-03-20T10:00:00Z --qr x.png", 0),
                    ("issuer sign -k e.key --event gp2014 --holder X1 --name X --photo-digest "
                     "000000000000000000000000 --valid-until 2014-04-02T00:00:00Z "
                     "--now 2014-03-20T10:00:00Z", 1, wrong),
                    ("issuer sign --event gp2014", 2)),
        ("inspect",): ((f"issuer inspect badges/D002.png {w} --now {DAY}", 0),
                       (f"issuer inspect badges/D002.png {w} --now 2015-01-01T00:00:00Z", 1),
                       ("issuer inspect", 2)),
    }, {
        ("enroll",): (("kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate "
                       "main_gate --state k3 --kdf-cost interactive", 0),
                      ("kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate "
                       "main_gate --state k3 --kdf-cost interactive", 2),
                      ("kiosk enroll --state k4", 2)),
        ("csr",): (("kiosk csr --state k1", 0), ("kiosk csr --state k1", 1, wrong),
                   ("kiosk csr", 2)),
        ("join",): (("kiosk join --state k1 --desk https://127.0.0.1:8443 --cert k1.crt "
                     "--ca desk/fleet/ca.crt", 0),
                    ("kiosk join --state k3 --desk https://127.0.0.1:8443 --cert k1.crt "
                     "--ca desk/fleet/ca.crt", 1),
                    ("kiosk join --state k1 --leave --cert k1.crt", 2)),
        ("update",): (("kiosk update --state k1 r2.update", 0), ("kiosk update --state k1 r2.update", 1),
                      ("kiosk update --state k1", 2)),
        ("checkpoint",): (("kiosk checkpoint --state k1", 0), ("kiosk checkpoint --state k3", 1),
                          ("kiosk checkpoint", 2)),
        ("lookup",): (("kiosk lookup --state k1 M001", 0),
                      ("kiosk lookup --state k1 nobody-is-called-this", 1),
                      ("kiosk lookup M001", 2)),
        ("run",): ((f"kiosk run --state k1 --headless --now {DAY} "
                    "--source images:badges/P001.png", 0),
                   (f"kiosk run --state k1 --headless --now {DAY} "
                    "--source images:badges/P001.png", 1, wrong),
                   ("kiosk run --state k1 --headless", 2)),
    }


def run_case(command, case, spec):
    if isinstance(spec, str):
        return  # nothing to refuse, and the row says why
    line, expected = spec[0], spec[1]
    env = spec[2] if len(spec) > 2 else None
    if "@K1" in line:
        line = line.replace("@K1", kiosk_id("k1"))
    if expected in ("serve", "web"):
        code = serve_until_ready(line, lambda out: os.path.exists("url.txt") if expected == "web"
                                 else "listening on" in out)
        check(f"{' '.join(command)} {case}: {line}", 0, code)
        return
    code, out, err = run(line, env)
    check(f"{' '.join(command)} {case}: {line}", expected, code, (out + err)[-400:])
    if code == 0 or "--help" in line:
        return
    # The same failure under --json: one JSON object on stdout with the same code, no stderr.
    binary = line.split()[0]
    if "--json" not in run(f"{binary} {' '.join(command)} --help")[1]:
        return  # no --json option (the kiosk, keygen, serve...): CLI11 refuses it, exit 2
    jcode, jout, jerr = run(line + " --json", env)
    # A refusal with a result of its own (a log's findings, an empty trail) prints that result;
    # any other failure prints the error object.
    try:
        obj = json.loads(jout)
    except ValueError:
        failures.append(f"{line} --json: stdout is not one JSON document: {jout[:200]!r}")
        obj = None
    is_error = isinstance(obj, dict) and "error" in obj
    if jcode == 2 or is_error:
        check(f"{line} --json: an error object", True, is_error, jout[:200])
        if is_error:
            check(f"{line} --json: code in the object", jcode, obj.get("code"))
    check(f"{line} --json: exit code", code, jcode)
    check(f"{line} --json: nothing on stderr", "", jerr)


def kiosk_id(state):
    """The id the desk's fleet knows a kiosk by: its key's fingerprint, as kiosks add prints it."""
    _, out, _ = run(f"issuer kiosks add {state}/kiosk.pub --gate main_gate -w desk --json")
    return json.loads(out)["kiosk_id"]


def main():
    work = tempfile.mkdtemp()
    os.chdir(work)
    try:
        return checks()
    finally:
        subprocess.run(["rm", "-rf", work])


def checks():
    setup()
    issuer_rows, kiosk_rows = table()
    for binary, rows in (("issuer", issuer_rows), ("kiosk", kiosk_rows)):
        listed = set(subcommands(binary))
        for command in sorted(listed - set(rows)):
            failures.append(f"{binary} {' '.join(command)} has no row in the exit code table")
        for command in sorted(set(rows) - listed):
            failures.append(f"{binary} {' '.join(command)}: a row for a command --help does not list")
        for command, cases in rows.items():
            for case, spec in zip(("ok", "refused", "usage"), cases):
                run_case(command, case, spec)
    force_checks()
    progress_checks()
    plural_checks()
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


def force_checks():
    """--force replaces an output file whole; keys are never replaced."""
    code, _, err = run("issuer badges --out b.pdf -w desk")
    check("badges over an existing PDF", 2, code)
    check("the one refusal", "issuer: b.pdf exists; add --force to replace it\n", err)
    open("b.pdf", "w").write("old")
    code, _, _ = run("issuer badges --out b.pdf --force -w desk")
    check("badges --force", 0, code)
    check("badges --force: a whole PDF", b"%PDF", open("b.pdf", "rb").read(4))
    check("badges --force: no temporary left", False, os.path.exists("b.pdf.new"))
    code, _, _ = run("issuer badges --png-dir badges --dpi 100 --force -w desk")
    check("badges --png-dir --force", 0, code)
    check("badges --png-dir --force: no temporary folder left", False,
          os.path.exists("badges/.new"))
    open("v2.bundle", "w").write("old")
    code, _, _ = run(f"issuer bundle --out v2.bundle --force -w desk {NOW}")
    check("bundle --force", 0, code)
    check("bundle --force: replaced", True, os.path.getsize("v2.bundle") > 1000)
    code, _, err = run("issuer keygen --kdf-cost interactive -s e.key -p e3.pub --force")
    check("keygen has no --force", 2, code)
    code, _, err = run("issuer keygen --kdf-cost interactive -s e.key -p e3.pub")
    check("a key is never replaced", "issuer: e.key exists and is never replaced; move it away first\n", err)


def on_terminal(line):
    """Runs a command with its stderr on a pseudo-terminal; returns what the terminal got."""
    master, slave = pty.openpty()
    p = subprocess.run(argv(line), env=ENV, stdout=subprocess.DEVNULL, stderr=slave,
                       timeout=120)
    os.close(slave)
    got = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    return p.returncode, got.decode(errors="replace")


def progress_checks():
    """A bar on a terminal for each long command; none under --json, none in a pipe."""
    for label, line in (("Importing", f"issuer roster import {DEMO}/roster.csv -w desk {NOW}"),
                        ("Rendering", "issuer badges --out p.pdf -w desk"),
                        ("Exporting", f"issuer bundle --out p.bundle -w desk {NOW}"),
                        ("Verifying", "issuer audit verify k1/log.db -w desk"),
                        ("Merging", "issuer audit merge k1/log.db --out p.db -w desk")):
        code, got = on_terminal(line)
        check(f"{line}: on a terminal", 0, code)
        check(f"{line}: a progress bar on the terminal", True, f"\r{label} [" in got, got[-200:])
        check(f"{line}: the bar ends at 100 %", True, "#" * 30 + "]" in got, got[-200:])
    code, got = on_terminal(f"issuer bundle --out q.bundle -w desk {NOW} --json")
    check("bundle --json: no bar even on a terminal", False, "Exporting [" in got, got[-200:])
    for text in outputs:  # everything run in a pipe
        if re.search(r"\r(Importing|Signing|Rendering|Exporting|Verifying|Merging) \[", text):
            failures.append(f"a progress bar drawn into a pipe: {text[:120]!r}")


def plural_checks():
    """No "1 badges", "1 checkpoints", "1 people" in anything the commands printed."""
    run("issuer issue P001 -w desk --now 2014-03-29T08:00:00Z")  # one credential issued
    run("issuer badges D002 --out one.pdf -w desk")  # one badge rendered
    run("issuer audit verify k1/log.db -w desk")
    for text in outputs:
        for m in re.finditer(r"\b1 ([a-z]+s)\b", text):
            if m.group(1) not in ("is", "was", "has", "does"):
                failures.append(f"a singular count with a plural noun: {text[max(0, m.start() - 40):m.end() + 20]!r}")


if __name__ == "__main__":
    sys.exit(main())
