#!/usr/bin/python3
"""Verify a kiosk entry log independently of the C++ code, from docs/entry-log-format.md alone.

Usage:
    /usr/bin/python3 verify_entry_log.py LOG.db [--checkpoint TEXT_OR_@FILE]...
    /usr/bin/python3 verify_entry_log.py --example
    /usr/bin/python3 verify_entry_log.py --check-doc docs/entry-log-format.md

LOG.db (schema version 1 or 2) is opened read-only.  Each --checkpoint is a line
"accred-checkpoint v1 ..." (or @PATH of a file holding one); the checkpoints
stored inside the file are checked too.  Prints one JSON object and exits 0 when
the chain and every checkpoint hold, 1 when a problem is found, 2 on a usage or
file error.  --example prints the worked example of the format document (rows,
hashes, checkpoint) as JSON, computed with hashlib and PyNaCl only; --check-doc
exits 0 only when every value of that example appears in the document (for ctest).
"""

import base64
import hashlib
import json
import os
import sqlite3
import struct
import sys
import urllib.parse

import nacl.exceptions
import nacl.signing

ENTRY_DOMAINS = {1: b"accred entry v1\x00", 2: b"accred entry v2\x00"}
CHECKPOINT_DOMAIN = b"accred checkpoint v1\x00"
TEXT_PREFIX = "accred-checkpoint v1 "
ZERO = bytes(32)
FORMAT_NAME = "accred entry log"

# The reason vocabulary (section 1, "Field rules").
REASONS = frozenset("""
    granted granted_override exit_recorded malformed bad_signature unknown_key wrong_event
    not_yet_valid expired revoked superseded zone_not_granted insufficient_clearance zone_closed
    already_inside escort_without_principal capacity_reached stale_revocations clock_suspect
    log_unavailable pin_rejected supervisor_unlock internal_error""".split())
VERDICTS = ("granted", "denied", "attention")
SUPERVISOR_ACTIONS = ("pin_rejected", "supervisor_unlock")
MAX_FIELD_BYTES = 64
MAX_CREDENTIAL_BYTES = 4296
MAX_OTHER_REASONS = 16
MAX_OTHER_REASONS_TEXT = 1024


class LogError(Exception):
    """The file cannot be read as an entry log (exit 2)."""


class RowRefused(Exception):
    """A row holds a value the reader refuses (exit 1): (seq, what)."""


def s(text):
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return struct.pack(">I", len(raw)) + raw


def opt(value, enc):
    return b"\x00" if value is None else b"\x01" + enc(value)


def entry_bytes(r):
    """The canonical encoding of a row (section 2), for its format 1 or 2."""
    out = (ENTRY_DOMAINS[r["format"]] + struct.pack(">Q", r["seq"])
           + struct.pack(">q", r["time"]) + bytes([1 if r["simulated_time"] else 0])
           + s(r["kiosk_id"]) + s(r["gate"]) + s(r["zone"])
           + bytes([0 if r["direction"] == "entry" else 1]) + s(r["verdict"]) + s(r["reason"]))
    if r["format"] == 2:
        out += bytes([1 if r["admitted"] else 0]) + s(",".join(r["other_reasons"]))
    return (out + opt(r["holder"], s) + opt(r["cti"], lambda v: v)
            + opt(r["issue"], lambda v: struct.pack(">I", v)) + opt(r["override_by"], s)
            + opt(r["original_reason"], s) + s(r["credential"]) + r["prev_hash"])


def entry_hash(r):
    return hashlib.sha256(entry_bytes(r)).digest()


def v1_admitted(direction, verdict, reason):
    """The admitted flag of a version 1 row, inferred from what it stored (section 1)."""
    if reason in SUPERVISOR_ACTIONS:
        return False
    if direction == "exit":
        return verdict != "denied"
    return verdict == "granted" or (verdict == "attention"
                                    and reason in ("already_inside", "granted"))


def text_problem(name, value):
    if not isinstance(value, str):
        return "%s is not text" % name
    if len(value.encode("utf-8")) > MAX_FIELD_BYTES:
        return "%s is longer than %d bytes" % (name, MAX_FIELD_BYTES)
    return None


def admission_problem(r):
    others = r["other_reasons"]
    if r["format"] == 1:
        if others:
            return "a version 1 row has no other reasons"
        if r["admitted"] != v1_admitted(r["direction"], r["verdict"], r["reason"]):
            return "admitted does not follow from a version 1 row's verdict and reason"
        return None
    if r["verdict"] == "denied" and r["admitted"]:
        return "a denied row says admitted"
    if r["verdict"] == "granted" and not r["admitted"]:
        return "a granted row says not admitted"
    if r["reason"] in SUPERVISOR_ACTIONS and r["admitted"]:
        return "a supervisor action says admitted"
    if len(others) > MAX_OTHER_REASONS:
        return "too many other reasons"
    for i, name in enumerate(others):
        if name == r["reason"] or name in others[:i]:
            return "other_reasons repeats " + name
    return None


def field_problem(r):
    """The field rules of section 1, in the order the C++ code checks them."""
    if not r["kiosk_id"]:
        return "kiosk_id is empty"
    for name in ("kiosk_id", "gate", "zone"):
        p = text_problem(name, r[name])
        if p:
            return p
    for name in ("holder", "override_by"):
        if r[name] is not None:
            p = text_problem(name, r[name])
            if p:
                return p
    if len(r["credential"]) > MAX_CREDENTIAL_BYTES:
        return "credential is longer than %d bytes" % MAX_CREDENTIAL_BYTES
    return admission_problem(r)


def counts_for_clock(r):
    """Section 3, rule 5: rows on a simulated or suspect clock are exempt."""
    return (not r["simulated_time"] and r["reason"] != "clock_suspect"
            and r["original_reason"] != "clock_suspect"
            and "clock_suspect" not in r["other_reasons"])


def fingerprint(public_key):
    kid = hashlib.sha256(public_key).hexdigest()[:16]
    return "-".join(kid[i:i + 4] for i in range(0, 16, 4))


def checkpoint_bytes(c):
    return (CHECKPOINT_DOMAIN + s(c["kiosk_id"]) + struct.pack(">Q", c["seq"]) + c["head"]
            + struct.pack(">q", c["time"]) + c["kiosk_public_key"])


def checkpoint_signature_ok(c):
    if c["kiosk_id"] != fingerprint(c["kiosk_public_key"]):
        return False
    try:
        nacl.signing.VerifyKey(c["kiosk_public_key"]).verify(checkpoint_bytes(c), c["signature"])
        return True
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError):
        return False


def checkpoint_from_text(text):
    text = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if not text.startswith(TEXT_PREFIX):
        raise ValueError("not a checkpoint line")
    raw = base64.b64decode(text[len(TEXT_PREFIX):], validate=True)
    body, sig = raw[:-64], raw[-64:]
    if not body.startswith(CHECKPOINT_DOMAIN) or len(sig) != 64:
        raise ValueError("not a version 1 checkpoint")
    pos = len(CHECKPOINT_DOMAIN)
    (n,) = struct.unpack(">I", body[pos:pos + 4])
    kiosk_id = body[pos + 4:pos + 4 + n].decode("utf-8")
    pos += 4 + n
    if len(body) != pos + 80:
        raise ValueError("checkpoint fields have the wrong size")
    seq, = struct.unpack(">Q", body[pos:pos + 8])
    time, = struct.unpack(">q", body[pos + 40:pos + 48])
    return {"kiosk_id": kiosk_id, "seq": seq, "head": body[pos + 8:pos + 40], "time": time,
            "kiosk_public_key": body[pos + 48:pos + 80], "signature": sig}


def checkpoint_to_text(c):
    return TEXT_PREFIX + base64.b64encode(checkpoint_bytes(c) + c["signature"]).decode()


def verify_chain(rows):
    previous, floor = ZERO, None
    for i, r in enumerate(rows):
        seq = i + 1
        if r["seq"] != seq:
            return {"seq": seq, "what": "sequence broken (found row %d)" % r["seq"]}
        if r["prev_hash"] != previous:
            return {"seq": seq, "what": "prev_hash does not link"}
        if entry_hash(r) != r["hash"]:
            return {"seq": seq, "what": "hash does not match the contents"}
        p = field_problem(r)
        if p:
            return {"seq": seq, "what": p}
        if r["kiosk_id"] != rows[0]["kiosk_id"]:
            return {"seq": seq, "what": "another kiosk id"}
        if counts_for_clock(r):
            if floor is not None and r["time"] < floor:
                return {"seq": seq, "what": "time goes back"}
            floor = r["time"]
        previous = r["hash"]
    return None


def against_checkpoint(rows, c):
    if rows and rows[0]["kiosk_id"] != c["kiosk_id"]:
        return {"seq": c["seq"], "what": "checkpoint of another kiosk"}
    if c["seq"] == 0:
        return None
    if c["seq"] > len(rows):
        return {"seq": c["seq"], "what": "row missing: tail cut or older copy"}
    if rows[c["seq"] - 1]["hash"] != c["head"]:
        return {"seq": c["seq"], "what": "head differs: rows rewritten"}
    return None


COMMON_COLUMNS = ("seq", "time", "simulated_time", "kiosk_id", "gate", "zone", "direction",
                  "verdict", "reason", "holder", "cti", "issue", "override_by", "original_reason",
                  "credential", "prev_hash", "hash")
V2_COLUMNS = ("admitted", "other_reasons")
TYPES = {"seq": (int,), "time": (int,), "simulated_time": (int,), "kiosk_id": (str,),
         "gate": (str,), "zone": (str,), "direction": (str,), "verdict": (str,), "reason": (str,),
         "holder": (str, type(None)), "cti": (bytes, type(None)), "issue": (int, type(None)),
         "override_by": (str, type(None)), "original_reason": (str, type(None)),
         "credential": (bytes,), "prev_hash": (bytes,), "hash": (bytes,), "admitted": (int,),
         "other_reasons": (str,)}


def decode_row(r, version):
    """Checks one stored row's types and names and fills in format, admitted and other_reasons."""
    seq = r["seq"]

    def refuse(what):
        raise RowRefused(seq, what)

    for name, value in r.items():
        if not isinstance(value, TYPES[name]):
            refuse("has a value of the wrong type")
    if r["simulated_time"] not in (0, 1) or (r["issue"] is not None
                                             and not 0 <= r["issue"] <= 0xFFFFFFFF):
        refuse("a value is out of range or too long")
    if r["cti"] is not None and len(r["cti"]) != 8:
        refuse("a value is out of range or too long")
    if len(r["prev_hash"]) != 32 or len(r["hash"]) != 32:
        refuse("a value is out of range or too long")
    if r["direction"] not in ("entry", "exit"):
        refuse('direction "%s" is not entry or exit' % r["direction"][:MAX_FIELD_BYTES])
    if r["verdict"] not in VERDICTS:
        refuse('verdict "%s" is not granted, denied or attention' % r["verdict"][:MAX_FIELD_BYTES])
    for name in ("reason", "original_reason"):
        if r[name] is not None and r[name] not in REASONS:
            refuse('%s "%s" is not in the reason vocabulary' % (name, r[name][:MAX_FIELD_BYTES]))
    r["simulated_time"] = r["simulated_time"] == 1
    r["format"] = version
    if version == 1:
        r["admitted"] = v1_admitted(r["direction"], r["verdict"], r["reason"])
        r["other_reasons"] = []
        return r
    if r["admitted"] not in (0, 1):
        refuse("admitted is not 0 or 1")
    r["admitted"] = r["admitted"] == 1
    text = r["other_reasons"]
    if len(text.encode("utf-8")) > MAX_OTHER_REASONS_TEXT:
        refuse("other_reasons is too long")
    others = text.split(",") if text else []
    if any(name not in REASONS for name in others):
        refuse('other_reasons "%s" holds a name outside the reason vocabulary'
               % text[:MAX_FIELD_BYTES])
    r["other_reasons"] = others
    return r


def read_log(path):
    # Without a -wal file the main file is complete (section 1): opened immutable, SQLite leaves
    # no -shm or -wal beside it. With one, a plain read-only open reads the WAL's rows too.
    immutable = "" if os.path.exists(path + "-wal") else "&immutable=1"
    uri = "file:%s?mode=ro%s" % (urllib.parse.quote(os.path.abspath(path)), immutable)
    db = sqlite3.connect(uri, uri=True)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN "
                               "('format', 'schema_version', 'kiosk_id')"))
        if meta.get("format") != FORMAT_NAME:
            raise LogError("this is not an accred entry log")
        version = {"1": 1, "2": 2}.get(meta.get("schema_version"))
        if version is None:
            raise LogError('schema version "%s" is not supported (versions 1 and 2 are read)'
                           % meta.get("schema_version"))
        names = COMMON_COLUMNS + (V2_COLUMNS if version == 2 else ())
        rows = [decode_row(dict(zip(names, values)), version)
                for values in db.execute("SELECT %s FROM entries ORDER BY seq" % ", ".join(names))]
        stored = [dict(zip(("kiosk_id", "seq", "head", "time", "kiosk_public_key", "signature"),
                           v))
                  for v in db.execute("SELECT kiosk_id, seq, head, time, kiosk_public_key, "
                                      "signature FROM checkpoints ORDER BY id")]
    finally:
        db.close()
    if rows and meta.get("kiosk_id") != rows[0]["kiosk_id"]:
        raise RowRefused(1, "kiosk_id differs from meta.kiosk_id")
    return version, rows, stored


def example_rows(kiosk, version):
    common = {"format": version, "kiosk_id": kiosk, "gate": "G1", "zone": "plenary",
              "simulated_time": True, "holder": "D042", "cti": bytes.fromhex("1f2e3d4c5b6a7988"),
              "issue": 1, "override_by": None, "original_reason": None, "other_reasons": []}
    rows = [
        dict(common, seq=1, time=1396256400, direction="entry", verdict="granted",
             reason="granted", admitted=True, credential=b"AC1:EXAMPLE"),
        dict(common, seq=2, time=1396256460, direction="entry", verdict="granted",
             reason="granted_override", admitted=True, override_by="S01",
             original_reason="zone_closed", other_reasons=["stale_revocations"],
             credential=b"AC1:EXAMPLE"),
        dict(common, seq=3, time=1396256520, direction="exit", verdict="denied",
             reason="malformed", admitted=False, holder=None, cti=None, issue=None,
             credential=b"Hello"),
    ]
    previous = ZERO
    for r in rows:
        r["prev_hash"] = previous
        r["hash"] = previous = entry_hash(r)
    return rows


def example():
    key = nacl.signing.SigningKey(hashlib.sha256(b"entry log example kiosk").digest())
    public_key = bytes(key.verify_key)
    kiosk = fingerprint(public_key)
    rows = example_rows(kiosk, 2)
    assert verify_chain(rows) is None
    # Row 1 in the version 1 encoding (a v1 row has no other reasons; its flag is inferred).
    v1_row1 = dict(rows[0], format=1, other_reasons=[])
    c = {"kiosk_id": kiosk, "seq": 3, "head": rows[-1]["hash"], "time": 1396256600,
         "kiosk_public_key": public_key}
    c["signature"] = key.sign(checkpoint_bytes(c)).signature
    return {"kiosk_id": kiosk, "public_key": public_key.hex(),
            "row1_bytes": entry_bytes(rows[0]).hex(),
            "row2_other_reasons": s(",".join(rows[1]["other_reasons"])).hex(),
            "hashes": [r["hash"].hex() for r in rows],
            "row1_v1_hash": entry_hash(v1_row1).hex(),
            "checkpoint_bytes": checkpoint_bytes(c).hex(), "checkpoint": checkpoint_to_text(c)}


ROW1_HEADING = "Row 1 encodes to %d bytes:"


def check_doc(doc):
    ex = example()
    raw = base64.b64decode(ex["checkpoint"][len(TEXT_PREFIX):])
    wanted = ex["hashes"] + [ex["row1_v1_hash"], ex["kiosk_id"], ex["public_key"],
                             ex["checkpoint"], raw[-64:].hex()]
    missing = [w for w in wanted if w not in doc]
    other = ex["row2_other_reasons"]
    if "%s %s" % (other[:8], other[8:]) not in doc:
        missing.append("row 2 other_reasons encoding")
    # The annotated encoding of row 1: the hex words at the start of each line of the block.
    heading = ROW1_HEADING % (len(ex["row1_bytes"]) // 2)
    if heading not in doc:
        missing.append(heading)
    else:
        block = doc.split(heading)[1].split("```")[1]
        words = []
        for line in block.splitlines():
            for word in line.split():
                if not all(ch in "0123456789abcdef" for ch in word):
                    break
                words.append(word)
        if "".join(words) != ex["row1_bytes"]:
            missing.append("row 1 encoding")
    return missing


def main(argv):
    if argv == ["--example"]:
        print(json.dumps(example(), indent=1))
        return 0
    if len(argv) == 2 and argv[0] == "--check-doc":
        with open(argv[1], encoding="utf-8") as f:
            missing = check_doc(f.read())
        print(json.dumps({"missing": missing}))
        return 0 if not missing else 1
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    path, extra = argv[0], []
    args = argv[1:]
    while args:
        if args[0] != "--checkpoint" or len(args) < 2:
            print(__doc__, file=sys.stderr)
            return 2
        text = args[1]
        if text.startswith("@"):
            with open(text[1:], encoding="ascii") as f:
                text = f.read()
        extra.append(checkpoint_from_text(text))
        args = args[2:]
    try:
        version, rows, stored = read_log(path)
    except (sqlite3.Error, LogError) as e:
        print(json.dumps({"error": str(e)}))
        return 2
    except RowRefused as e:
        seq, what = e.args
        print(json.dumps({"problem": {"seq": seq, "what": "row %d: %s" % (seq, what)}}))
        return 1
    problem = verify_chain(rows)
    for c in stored + extra:
        if problem is None and not checkpoint_signature_ok(c):
            problem = {"seq": c["seq"], "what": "checkpoint signature invalid"}
        problem = problem or against_checkpoint(rows, c)
    print(json.dumps({"schema_version": version, "rows": len(rows),
                      "admitted": sum(1 for r in rows if r["admitted"]),
                      "head": rows[-1]["hash"].hex() if rows else ZERO.hex(),
                      "checkpoints": len(stored) + len(extra), "problem": problem}))
    return 0 if problem is None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
