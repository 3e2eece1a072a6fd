#!/usr/bin/python3
"""Verify a kiosk entry log independently of the C++ code, from docs/entry-log-format.md alone.

Usage:
    /usr/bin/python3 verify_entry_log.py LOG.db [--checkpoint TEXT_OR_@FILE]...
    /usr/bin/python3 verify_entry_log.py --example
    /usr/bin/python3 verify_entry_log.py --check-doc docs/entry-log-format.md

LOG.db is opened read-only.  Each --checkpoint is a line "accred-checkpoint v1 ..."
(or @PATH of a file holding one); the checkpoints stored inside the file are
checked too.  Prints one JSON object and exits 0 when the chain and every
checkpoint hold, 1 when a problem is found, 2 on a usage or file error.
--example prints the worked example of the format document (rows, hashes,
checkpoint) as JSON, computed with hashlib and PyNaCl only; --check-doc exits 0
only when every value of that example appears in the document (for ctest).
"""

import base64
import hashlib
import json
import sqlite3
import struct
import sys

import nacl.exceptions
import nacl.signing

ENTRY_DOMAIN = b"accred entry v1\x00"
CHECKPOINT_DOMAIN = b"accred checkpoint v1\x00"
TEXT_PREFIX = "accred-checkpoint v1 "
ZERO = bytes(32)


def s(text):
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return struct.pack(">I", len(raw)) + raw


def opt(value, enc):
    return b"\x00" if value is None else b"\x01" + enc(value)


def entry_bytes(r):
    return (ENTRY_DOMAIN + struct.pack(">Q", r["seq"]) + struct.pack(">q", r["time"])
            + bytes([1 if r["simulated_time"] else 0]) + s(r["kiosk_id"]) + s(r["gate"])
            + s(r["zone"]) + bytes([0 if r["direction"] == "entry" else 1])
            + s(r["verdict"]) + s(r["reason"]) + opt(r["holder"], s)
            + opt(r["cti"], lambda v: v) + opt(r["issue"], lambda v: struct.pack(">I", v))
            + opt(r["override_by"], s) + opt(r["original_reason"], s) + s(r["credential"])
            + r["prev_hash"])


def entry_hash(r):
    return hashlib.sha256(entry_bytes(r)).digest()


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
        if r["kiosk_id"] != rows[0]["kiosk_id"]:
            return {"seq": seq, "what": "another kiosk id"}
        if (not r["simulated_time"] and r["reason"] != "clock_suspect"
                and r["original_reason"] != "clock_suspect"):
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


COLUMNS = ("seq, time, simulated_time, kiosk_id, gate, zone, direction, verdict, reason, holder, "
           "cti, issue, override_by, original_reason, credential, prev_hash, hash")


def read_log(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    names = COLUMNS.split(", ")
    rows = [dict(zip(names, values))
            for values in db.execute("SELECT %s FROM entries ORDER BY seq" % COLUMNS)]
    stored = [dict(zip(("kiosk_id", "seq", "head", "time", "kiosk_public_key", "signature"), v))
              for v in db.execute("SELECT kiosk_id, seq, head, time, kiosk_public_key, signature "
                                  "FROM checkpoints ORDER BY id")]
    db.close()
    return rows, stored


def example():
    key = nacl.signing.SigningKey(hashlib.sha256(b"entry log example kiosk").digest())
    public_key = bytes(key.verify_key)
    kiosk = fingerprint(public_key)
    common = {"kiosk_id": kiosk, "gate": "G1", "zone": "plenary", "simulated_time": True,
              "holder": "D042", "cti": bytes.fromhex("1f2e3d4c5b6a7988"), "issue": 1,
              "override_by": None, "original_reason": None}
    rows = [
        dict(common, seq=1, time=1396256400, direction="entry", verdict="granted",
             reason="granted", credential=b"AC1:EXAMPLE"),
        dict(common, seq=2, time=1396256460, direction="entry", verdict="granted",
             reason="granted_override", override_by="S01", original_reason="zone_closed",
             credential=b"AC1:EXAMPLE"),
        dict(common, seq=3, time=1396256520, direction="exit", verdict="denied",
             reason="malformed", holder=None, cti=None, issue=None, credential=b"Hello"),
    ]
    previous = ZERO
    for r in rows:
        r["prev_hash"] = previous
        r["hash"] = previous = entry_hash(r)
    c = {"kiosk_id": kiosk, "seq": 3, "head": previous, "time": 1396256600,
         "kiosk_public_key": public_key}
    c["signature"] = key.sign(checkpoint_bytes(c)).signature
    return {"kiosk_id": kiosk, "row1_bytes": entry_bytes(rows[0]).hex(),
            "hashes": [r["hash"].hex() for r in rows],
            "checkpoint_bytes": checkpoint_bytes(c).hex(), "checkpoint": checkpoint_to_text(c)}


def main(argv):
    if argv == ["--example"]:
        print(json.dumps(example(), indent=1))
        return 0
    if len(argv) == 2 and argv[0] == "--check-doc":
        with open(argv[1], encoding="utf-8") as f:
            doc = f.read()
        ex = example()
        raw = base64.b64decode(ex["checkpoint"][len(TEXT_PREFIX):])
        wanted = ex["hashes"] + [ex["kiosk_id"], ex["checkpoint"], raw[-64:].hex()]
        missing = [w for w in wanted if w not in doc]
        # The annotated encoding of row 1: the hex words at the start of each line of the block.
        block = doc.split("Row 1 encodes to 168 bytes:")[-1].split("```")[1]
        words = []
        for line in block.splitlines():
            for word in line.split():
                if not all(ch in "0123456789abcdef" for ch in word):
                    break
                words.append(word)
        if "".join(words) != ex["row1_bytes"]:
            missing.append("row 1 encoding")
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
        rows, stored = read_log(path)
    except sqlite3.Error as e:
        print(json.dumps({"error": str(e)}))
        return 2
    problem = verify_chain(rows)
    for c in stored + extra:
        if problem is None and not checkpoint_signature_ok(c):
            problem = {"seq": c["seq"], "what": "checkpoint signature invalid"}
        problem = problem or against_checkpoint(rows, c)
    print(json.dumps({"rows": len(rows), "head": rows[-1]["hash"].hex() if rows else ZERO.hex(),
                      "checkpoints": len(stored) + len(extra), "problem": problem}))
    return 0 if problem is None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
