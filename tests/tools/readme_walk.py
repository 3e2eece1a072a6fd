#!/usr/bin/env python3
"""Walks the README's desk, gate and audit sections exactly as printed, in order, on the demo.

Every shell code block under the headings in SECTIONS is taken line by line (a line ending in a
backslash joins the next), and each command is run with bash in a fresh folder set up as the top
of the repository after a build (`assets/` and `build/` linked in), so that the README's own
`export` lines set the PATH and passphrases. A command must exit 0, or N when its comment says
"exit N"; it must print something unless its output is redirected; and CHECKS holds what some
commands must print (what a redirected command writes is looked at by the next ones, as the
README goes on with it). Only a block marked `<!-- readme-walk: needs hardware ... -->` just above
its fence is skipped, and it is named in the output.

Usage: readme_walk.py README SOURCE_DIR BUILD_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

SECTIONS = ["The accreditation desk, step by step", "The gate", "Audit",
            "Single credentials without a workspace"]
HARDWARE = "<!-- readme-walk: needs hardware"

# (a piece of the command, a pattern its output must match)
CHECKS = [
    ("issuer init desk", r"event key"),
    ("roster import", r"74 added"),
    ("issue --all", r"Issued 74 credentials"),
    ("status -w desk --now \"2014-03-31 08:00\"", r"M001 +Didier Reynders +minister +issue 1 valid"),
    ("status M001", r"\(1 of 74 shown\)"),
    ("status --state expired --category press", r"X001 .*press +issue 1 expired"),
    ("reissue M001", r"issue 2"),
    ("revoke X001", r"X001 is withdrawn"),
    ("inspect badges/M001.png",
     r"(?s)superseded by issue 2.*holder       M001, Didier Reynders.*days         2014-03-31"),
    ("kiosk run", r'(?s)"holder":"D002".*"time":"2014-03-31 09:00 \+02:00".*"verdict":"granted"'
                  r'.*"holder":"M001".*"reason":"revoked"'),
    ("kiosk checkpoint --state gate1 ", r"accred-checkpoint v1"),
    ("audit verify", r"All logs verified"),
    ("audit trail M001", r"M001"),
    ("audit zone grounds", r"granted,granted,1,,D002"),
    ("audit occupancy", r'"holder": "D002"'),
    ("audit report", r"verification passed"),
    ("inspect badge.png -p", r"VERIFIED"),
]
FILES = ["badges.pdf", "badges/M001.png", "M001.pdf", "revocations.update", "gate1/log.db",
         "checkpoints.txt", "event.db", "report.html", "badge.png"]


def blocks(readme):
    """(section, first line number, commands) of each shell block in SECTIONS, in order."""
    section, fence, skip, found, pending = None, None, False, [], ""
    for number, line in enumerate(open(readme, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if fence is not None:
            if line.startswith("```"):
                if section in SECTIONS and not skip:
                    found.append((section, fence, commands))
                elif section in SECTIONS:
                    print(f"skipped (needs hardware): the block at README.md:{fence}")
                fence, skip = None, False
            elif pending or line.strip():
                joined = pending + line
                pending = joined[:-1] if joined.endswith("\\") else ""
                if not pending:
                    commands.append(joined)
            continue
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        elif line.startswith(HARDWARE):
            skip = True
        elif line.startswith("```sh"):
            fence, commands = number, []
        elif line.strip() and not line.startswith("```"):
            skip = skip and line.startswith("<!--")
    return found


def expected_code(command):
    match = re.search(r"#.*\bexit (\d)\b", command)
    return int(match.group(1)) if match else 0


def run(command, env, cwd):
    """Runs one README line; an export line changes env for the next ones."""
    if command.startswith("export "):
        out = subprocess.run(["bash", "-c", command + "\nenv -0"], env=env, cwd=cwd,
                             capture_output=True, timeout=60)
        env.clear()
        env.update(kv.split("=", 1) for kv in out.stdout.decode().split("\0") if "=" in kv)
        return out.returncode, ""
    out = subprocess.run(["bash", "-c", command], env=env, cwd=cwd, capture_output=True,
                         timeout=600, stdin=subprocess.DEVNULL)
    return out.returncode, out.stdout.decode(errors="replace") + out.stderr.decode(errors="replace")


def main():
    readme, source, build = sys.argv[1:4]
    failures, passes, ran = 0, 0, []

    def check(ok, what, output=""):
        nonlocal failures, passes
        if ok:
            passes += 1
            return
        failures += 1
        print(f"FAIL: {what}\n{output[-3000:]}")

    with tempfile.TemporaryDirectory() as top:
        os.symlink(os.path.join(source, "assets"), os.path.join(top, "assets"))
        os.symlink(os.path.abspath(build), os.path.join(top, "build"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACCRED_")}
        env["PWD"] = top
        env.pop("DISPLAY", None)
        for section, line, commands in blocks(readme):
            for command in commands:
                code, output = run(command, env, top)
                ran.append(command)
                print(f"[{section}] {command}\n  exit {code}")
                want = expected_code(command)
                check(code == want, f"README.md:{line}: `{command}` exited {code}, not {want}",
                      output)
                if not command.startswith("export ") and ">" not in command:
                    check(output.strip() != "", f"`{command}` printed nothing")
                for piece, pattern in CHECKS:
                    if piece in command and ">" not in command:
                        check(re.search(pattern, output) is not None,
                              f"`{command}`: no /{pattern}/ in its output", output)
        for piece, _ in CHECKS:
            check(any(piece in c for c in ran), f"no README command contains `{piece}`")
        check(not any("v4l2" in c for c in ran), "a block needing a camera was run")
        for name in FILES:
            check(os.path.exists(os.path.join(top, name)), f"the README's steps made no {name}")
    print(f"{passes} passed, {failures} failed ({len(ran)} README commands run)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
