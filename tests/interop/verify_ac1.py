#!/usr/bin/python3
"""Verify an AC1 credential with cbor2 + PyNaCl, independently of the C++ code.

Usage:
    /usr/bin/python3 verify_ac1.py --pubkey-hex HEX [--pubkey-file FILE]
        [--event ID] [--now N] TEXT_OR_@FILE

--pubkey-hex and --pubkey-file may each be repeated; at least one key is needed.
TEXT_OR_@FILE is the AC1 text itself, or @PATH to read it from a file (@- reads
standard input); one final line break of a file is dropped, nothing else is.
Put "--" before a text that starts with "-".
--now defaults to the current time.

Prints one JSON object {"reason": ..., "detail": ..., "claims": {...} or null}
and exits 0 if the credential is accepted, 1 if it is refused, 2 on a usage
error (bad arguments, unreadable or invalid key file).

Public key file (minisign-like): line 1 starts with "untrusted comment:",
line 2 is base64 of b"Ed" + kid (8 bytes) + Ed25519 public key (32 bytes), where
kid must equal SHA-256(public key)[:8].
"""

import argparse
import base64
import binascii
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ac1  # noqa: E402


class UsageError(Exception):
    pass


def parse_pubkey_hex(text: str) -> bytes:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise UsageError(f"--pubkey-hex: not hex: {text!r}") from None
    if len(key) != 32:
        raise UsageError(f"--pubkey-hex: expected 32 bytes, got {len(key)}")
    return key


def read_pubkey_file(path: str) -> bytes:
    try:
        with open(path, "r", encoding="ascii") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--pubkey-file {path}: {exc}") from None
    if len(lines) < 2 or not lines[0].startswith("untrusted comment:"):
        raise UsageError(f"--pubkey-file {path}: expected 'untrusted comment:' "
                         "line then a base64 line")
    if any(line.strip() for line in lines[2:]):
        raise UsageError(f"--pubkey-file {path}: unexpected lines after the key")
    try:
        blob = base64.b64decode(lines[1].strip(), validate=True)
    except binascii.Error as exc:
        raise UsageError(f"--pubkey-file {path}: bad base64: {exc}") from None
    if len(blob) != 42 or blob[:2] != b"Ed":
        raise UsageError(f"--pubkey-file {path}: expected 'Ed' + 8-byte kid + "
                         f"32-byte key (42 bytes), got {len(blob)} bytes")
    kid, key = blob[2:10], blob[10:]
    if kid != ac1.kid_of(key):
        raise UsageError(f"--pubkey-file {path}: kid {kid.hex()} is not "
                         f"SHA-256(pk)[:8] = {ac1.kid_of(key).hex()}")
    return key


def read_text(arg: str) -> str:
    if not arg.startswith("@"):
        return arg
    path = arg[1:]
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise UsageError(f"{arg}: {exc}") from None
    # Drop exactly one final line break (files written by tools end with one);
    # any other white space stays and makes the credential malformed.
    if data.endswith(b"\r\n"):
        data = data[:-2]
    elif data.endswith(b"\n"):
        data = data[:-1]
    # Non-ASCII bytes cannot be part of a valid text; keep them visible to the
    # verifier (which refuses them) instead of failing here.
    return data.decode("utf-8", errors="replace")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Verify an AC1 credential.")
    parser.add_argument("--pubkey-hex", action="append", default=[],
                        metavar="HEX", help="trusted Ed25519 public key (64 hex)")
    parser.add_argument("--pubkey-file", action="append", default=[],
                        metavar="FILE", help="trusted key in minisign-like format")
    parser.add_argument("--event", metavar="ID", help="expected event id (iss)")
    parser.add_argument("--now", type=int, metavar="N",
                        help="verifier time, seconds since 1970 (default: now)")
    parser.add_argument("text", metavar="TEXT_OR_@FILE")
    args = parser.parse_args(argv)  # exits 2 on a usage error

    try:
        keys = [parse_pubkey_hex(h) for h in args.pubkey_hex]
        keys += [read_pubkey_file(p) for p in args.pubkey_file]
        if not keys:
            raise UsageError("at least one --pubkey-hex or --pubkey-file is needed")
        if args.now is not None and args.now < 0:
            raise UsageError("--now must not be negative")
        text = read_text(args.text)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"verify_ac1.py: error: {exc}", file=sys.stderr)
        return 2

    now = args.now if args.now is not None else int(time.time())
    reason, detail = ac1.verify(text, keys, expected_event=args.event, now=now)
    if reason == "ok":
        out = {"reason": "ok", "detail": "", "claims": detail}
    else:
        out = {"reason": reason, "detail": detail, "claims": None}
    # Write UTF-8 whatever the locale, so names with accents survive.
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.flush()
    return 0 if reason == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
