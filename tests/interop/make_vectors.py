#!/usr/bin/python3
"""Generate the AC1 test vectors in tests/vectors/ (one JSON file per case).

    /usr/bin/python3 tests/interop/make_vectors.py           # (re)write the files
    /usr/bin/python3 tests/interop/make_vectors.py --check   # compare, run the CLI

Deterministic: fixed seeds, fixed claims, Ed25519 (deterministic signatures),
so a rerun writes byte-identical files.  Every expectation written to a file is
first asserted against ac1.py, and --check also runs verify_ac1.py on every
case.  The schema is described in tests/vectors/README.md.
"""

import argparse
import base64
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ac1  # noqa: E402
from worked_example import WIDE_CODE_CASES, WORKED_CLAIMS, WORKED_SEED  # noqa: E402

VECTORS_DIR = os.path.normpath(os.path.join(HERE, "..", "vectors"))
VECTOR_FILE_RE = re.compile(r"^\d{3}-[a-z0-9-]+\.json$")
DOC = os.path.normpath(os.path.join(HERE, "..", "..", "docs",
                                    "credential-format.md"))
WORKED_CASE = "007-valid-worked-example.json"  # named in the worked example

# ---------------------------------------------------------------------------
# Keys and base claims
# ---------------------------------------------------------------------------

SEED1 = hashlib.sha256(b"ac1 test key 1").digest()   # the event key, trusted
SEED2 = hashlib.sha256(b"ac1 test key 2").digest()   # another key, untrusted
assert SEED1 == WORKED_SEED
PK1, PK2 = ac1.pubkey_of(SEED1), ac1.pubkey_of(SEED2)
KID1 = ac1.kid_of(PK1)

IAT, NBF, EXP = 1396000000, 1396220400, 1396389600
NOW = 1396300000  # inside [NBF, EXP)


def digest(label: str, n: int) -> str:
    return hashlib.sha256(label.encode()).hexdigest()[:2 * n]


MINIMAL = {
    "iss": "gp2014", "sub": "D001", "iat": IAT, "nbf": NBF, "exp": EXP,
    "cti": digest("cti D001", 8), "name": "Ada Lovelace",
    "category": 3, "rank": 10, "photo": digest("photo D001", 12), "issue": 1,
}

FULL = {
    "iss": "gp2014", "sub": "P007", "iat": IAT, "nbf": NBF, "exp": EXP,
    "cti": digest("cti P007", 8), "name": "Jean Dupont", "org": 24,
    "category": 9, "rank": 60, "zones": [1, 5, 9, 23, 24, 200],
    "photo": digest("photo P007", 12), "issue": 2, "escort": "D042",
}

ACCENTS = {
    "iss": "gp2014", "sub": "D043", "iat": IAT, "nbf": NBF, "exp": EXP,
    "cti": digest("cti D043", 8), "name": "Thorbjørn Jagland",
    "org": "Comité olympique et sportif de Norvège",
    "category": 1, "rank": 80, "photo": digest("photo D043", 12), "issue": 1,
}

LONG_NAME = "Maria Auxiliadora Öberg-Castro"        # 30 characters
LONG_ORG = "Délégation permanente du Grand-Duché 2014"  # 41 characters
LONG_ORG = LONG_ORG[:40]                             # 40 characters
assert len(LONG_NAME) == 30 and len(LONG_ORG) == 40
LONG = {
    "iss": "gp2014", "sub": "D044", "iat": IAT, "nbf": NBF, "exp": EXP,
    "cti": digest("cti D044", 8), "name": LONG_NAME, "org": LONG_ORG,
    "category": 2, "rank": 50, "zones": [3, 7, 12],
    "photo": digest("photo D044", 12), "issue": 3,
}

# Every field at the top of its range; multibyte characters so that byte and
# character counts differ (name: 32 characters, 64 bytes).
T_MAX = (1 << 40) - 1
MAXIMAL = {
    "iss": "E" * 16 + "v.e_n-t" + "9" * 9, "sub": "H" * 32,
    "iat": T_MAX - 2, "nbf": T_MAX - 1, "exp": T_MAX,
    "cti": "ff" * 8, "name": "Ø" * 32, "org": "O" * 64,
    "category": 255, "rank": 100, "zones": list(range(0, 256, 17)),  # 0, 17, ..., 255
    "photo": "ff" * 12, "issue": (1 << 32) - 1, "escort": "P" * 32,
}
assert len(MAXIMAL["iss"]) == 32 and len(MAXIMAL["zones"]) == 16

MINIMUM = {
    "iss": "g", "sub": "s", "iat": 0, "nbf": 0, "exp": 1,
    "cti": "00" * 8, "name": "X", "org": 0, "category": 0, "rank": 0,
    "zones": [0], "photo": "00" * 12, "issue": 1,
}


def with_(base: dict, **changes) -> dict:
    c = dict(base)
    c.update(changes)
    return c


# ---------------------------------------------------------------------------
# Raw CBOR building blocks (for hand-made, non-canonical payloads)
# ---------------------------------------------------------------------------

I, T, B = ac1.cbor_int, ac1.cbor_tstr, ac1.cbor_bstr
K_ACC = I(-65537)
assert K_ACC == bytes.fromhex("3a00010000")


def claim_pairs(c: dict):
    """The (key, value) encodings of a claims dict, in the order of the spec's
    tables, as mutable lists: [top pairs, acc pairs].  The accreditation value
    is left out of the top list and re-assembled by raw_payload()."""
    acc = [[I(1), T(c["name"])]]
    if "org" in c:
        acc.append([I(2), T(c["org"]) if isinstance(c["org"], str) else I(c["org"])])
    acc += [[I(3), I(c["category"])], [I(4), I(c["rank"])]]
    if c.get("zones"):
        acc.append([I(5), ac1.cbor_array(I(z) for z in c["zones"])])
    acc += [[I(6), B(bytes.fromhex(c["photo"]))], [I(7), I(c["issue"])]]
    if "escort" in c:
        acc.append([I(8), T(c["escort"])])
    top = [[I(1), T(c["iss"])], [I(2), T(c["sub"])], [I(4), I(c["exp"])],
           [I(5), I(c["nbf"])], [I(6), I(c["iat"])],
           [I(7), B(bytes.fromhex(c["cti"]))], [K_ACC, None]]
    return top, acc


def raw_map(pairs, head=None) -> bytes:
    """A map with the pairs in the given order, duplicates kept."""
    if head is None:
        head = ac1.cbor_head(5, len(pairs))
    return head + b"".join(k + v for k, v in pairs)


def raw_payload(top, acc, acc_bytes=None) -> bytes:
    acc_bytes = raw_map(acc) if acc_bytes is None else acc_bytes
    return raw_map([[k, acc_bytes if k == K_ACC else v] for k, v in top])


def replace(pairs, key: bytes, value: bytes):
    out = [[k, value if k == key else v] for k, v in pairs]
    assert out != pairs
    return out


def remove(pairs, key: bytes):
    out = [p for p in pairs if p[0] != key]
    assert len(out) == len(pairs) - 1
    return out


def payload_with(base: dict, top_fn=None, acc_fn=None, acc_bytes=None) -> bytes:
    top, acc = claim_pairs(base)
    if top_fn:
        top = top_fn(top)
    if acc_fn:
        acc = acc_fn(acc)
    return raw_payload(top, acc, acc_bytes)


def resign(protected: bytes, payload: bytes, seed=SEED1, unprotected=b"\xa0") -> bytes:
    """A COSE_Sign1 with any protected header, validly signed by seed."""
    sig = ac1.ed25519_sign(seed, ac1.sig_structure(protected, payload))
    return ac1.cose_sign1(protected, payload, sig, unprotected)


def text(cose: bytes) -> str:
    return ac1.PREFIX + ac1.b45encode(cose)


def signature_ok(cose: bytes, pk: bytes) -> bool:
    """True if the COSE bytes have a signature that verifies under pk, whatever
    the claims say (used to prove that claims-layer cases fail on claims)."""
    import nacl.signing
    protected, _, payload, sig = ac1.parse_cose(cose)
    try:
        nacl.signing.VerifyKey(pk).verify(ac1.sig_structure(protected, payload), sig)
        return True
    except Exception:
        return False


def claims_malformed(payload: bytes) -> bool:
    try:
        ac1.decode_claims(payload)
        return False
    except ValueError:
        return True


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

CASES = []


def case(name, layer, description, ac1_text, reason, *, trusted=(PK1,),
         seed=None, claims=None, payload=None, cose=None, base45=None,
         base45_ok=None, event=None, now=NOW):
    """Record one case.  base45 defaults to the text after "AC1:" and
    base45_ok to whether it must decode; the checks are in check_case()."""
    if base45 is None and ac1_text.startswith(ac1.PREFIX):
        base45 = ac1_text[len(ac1.PREFIX):]
    if cose is None and base45 is not None and base45_ok is not False:
        cose = ac1.b45decode(base45)
    if payload is None and claims is not None:
        payload = ac1.build_claims_cbor(claims)
    v = {"name": name, "layer": layer, "description": description}
    if seed is not None:
        v["SEED_HEX"] = seed.hex()
    v["TRUSTED_KEYS"] = [k.hex() for k in trusted]
    if event is not None:
        v["EXPECTED_EVENT"] = event
    if now is not None:
        v["NOW"] = now
    if claims is not None:
        v["CLAIMS"] = claims
    if payload is not None:
        v["PAYLOAD_HEX"] = payload.hex()
    if cose is not None:
        v["COSE_HEX"] = cose.hex()
    if base45 is not None:
        v["BASE45"] = base45
    v["AC1"] = ac1_text
    if base45 is not None:
        v["EXPECTED_BASE45_DECODE"] = True if base45_ok is None else base45_ok
    v["EXPECTED_VERIFY"] = reason == "ok"
    v["EXPECTED_REASON"] = reason
    check_case(v)
    CASES.append(v)
    return v


def check_case(v):
    """Assert that ac1.py agrees with every expectation of the case."""
    name = v["name"]
    assert v["EXPECTED_REASON"] in ("ok",) + ac1.REASONS, name
    reason, detail = ac1.verify(v["AC1"], v["TRUSTED_KEYS"],
                                v.get("EXPECTED_EVENT"), v.get("NOW"))
    assert reason == v["EXPECTED_REASON"], (name, reason, detail)
    if "BASE45" in v:
        try:
            decoded = ac1.b45decode(v["BASE45"])
            ok = True
        except ValueError:
            ok = False
        assert ok == v["EXPECTED_BASE45_DECODE"], name
        if ok:
            assert decoded.hex() == v["COSE_HEX"], name
            assert ac1.b45encode(decoded) == v["BASE45"], name  # canonical
    if "CLAIMS" in v:
        payload = ac1.build_claims_cbor(v["CLAIMS"])
        assert payload.hex() == v["PAYLOAD_HEX"], name
        # The spec's key order, independently of ac1's sorting.
        top, acc = claim_pairs(v["CLAIMS"])
        assert raw_payload(top, acc) == payload, name
    if "SEED_HEX" in v:
        cose = ac1.sign_payload(bytes.fromhex(v["PAYLOAD_HEX"]),
                                bytes.fromhex(v["SEED_HEX"]))
        assert cose.hex() == v["COSE_HEX"], name
    if reason == "ok":
        assert detail == v["CLAIMS"], name
        assert "SEED_HEX" in v, name
        assert ac1.sign(v["CLAIMS"], bytes.fromhex(v["SEED_HEX"])) == v["AC1"], name
        # cbor2's canonical mode (RFC 7049 length-first key order) agrees with
        # RFC 8949 bytewise order on AC1's keys: cross-check the encoder.
        import cbor2
        p = bytes.fromhex(v["PAYLOAD_HEX"])
        assert cbor2.dumps(cbor2.loads(p), canonical=True) == p, name
    if v["layer"] == "claims":
        # The reason must come from the claims: the signature is good.
        cose = bytes.fromhex(v["COSE_HEX"])
        assert any(signature_ok(cose, bytes.fromhex(k)) for k in v["TRUSTED_KEYS"]), name
        assert claims_malformed(bytes.fromhex(v["PAYLOAD_HEX"])), name


def build_cases():
    # ---- valid ------------------------------------------------------------
    def valid(name, description, claims, **kw):
        cose = ac1.sign_payload(ac1.build_claims_cbor(claims), SEED1)
        return case(name, "valid", description, text(cose), "ok",
                    seed=SEED1, claims=claims, **kw)

    valid("valid-minimal", "Only the required claims: no org, zones or escort.",
          MINIMAL)
    valid("valid-full", "Every optional claim: org as a uint (24, two-byte "
          "form), six zones (one-byte and two-byte codes), escort.", FULL)
    valid("valid-accents", "Name and org as UTF-8 text with non-ASCII "
          "characters (ø, é, è).", ACCENTS)
    valid("valid-long-name-org-3-zones", "30-character name, 40-character "
          "text delegation, 3 zones.", LONG)
    valid("valid-maximal", "Every field at its upper bound: iss/sub/escort 32 "
          "bytes, name 64 bytes (32 characters), org text 64 bytes, 16 zones "
          "0..255, category 255, rank 100, issue 2^32-1 (4-byte integer), "
          "times 2^40-1 (8-byte integers).",
          MAXIMAL, now=T_MAX - 1)
    valid("valid-minimum", "Every field at its lower bound: 1-byte iss/sub/"
          "name, org 0, category 0, rank 0, zones [0], times 0/0/1; NOW = 0.",
          MINIMUM, now=0)
    valid("valid-worked-example", "The credential of the worked example in "
          "docs/credential-format.md.", WORKED_CLAIMS, event="gp2014")

    # ---- prefix -----------------------------------------------------------
    p_min = ac1.build_claims_cbor(MINIMAL)
    c_min = ac1.sign_payload(p_min, SEED1)
    b_min = ac1.b45encode(c_min)
    assert len(b_min) % 3 == 0  # relied upon by the Base45 cases below

    def prefix(name, description, t):
        case(name, "prefix", description, t, "malformed", seed=SEED1,
             payload=p_min, cose=c_min, base45=b_min)

    prefix("prefix-missing", "The Base45 text alone, without 'AC1:'. BASE45 "
           "is the valid Base45 that the text wraps.", b_min)
    prefix("prefix-lowercase", "Prefix 'ac1:' (the prefix is case-sensitive).",
           "ac1:" + b_min)
    prefix("prefix-hc1", "Prefix 'HC1:' of another scheme.", "HC1:" + b_min)
    prefix("prefix-no-colon", "Prefix 'AC1' without the colon.", "AC1" + b_min)
    prefix("prefix-leading-space", "A space before 'AC1:'.", " AC1:" + b_min)
    prefix("prefix-trailing-newline", "A line break after the Base45.",
           "AC1:" + b_min + "\n")
    prefix("prefix-trailing-space", "A space after the Base45 (space is a "
           "Base45 character, so this also breaks the Base45 length rule).",
           "AC1:" + b_min + " ")

    # ---- base45 -----------------------------------------------------------
    def b45(name, description, b, ok):
        case(name, "base45", description, "AC1:" + b, "malformed",
             base45=b, base45_ok=ok)

    bad = b_min[:4] + "a" + b_min[5:]
    b45("base45-bad-char-lowercase", "A lowercase letter, which is not in the "
        "Base45 alphabet (a decoder must not upcase).", bad, False)
    b45("base45-bad-char-non-ascii", "A non-ASCII character 'Ä' (2 bytes in "
        "UTF-8) in place of one Base45 character.", b_min[:4] + "Ä" + b_min[5:],
        False)
    b45("base45-length-mod3-1", "One extra character: length 1 modulo 3.",
        b_min + "0", False)
    b45("base45-group-65536", "First 3-character group 'GGW' = 16 + 16*45 + "
        "32*2025 = 65536 > 65535.", "GGW" + b_min[3:], False)
    b45("base45-trailing-pair-256", "Trailing 2-character group 'V5' = 31 + "
        "5*45 = 256 > 255.", b_min + "V5", False)
    b45("base45-empty", "Nothing after 'AC1:'. The empty Base45 text decodes "
        "to zero bytes, which are not a COSE_Sign1.", "", True)
    b45("base45-max-values", "'FGW' (65535) and 'U5' (255) are the largest "
        "valid groups: decodes to FF FF FF, which is not a COSE_Sign1.",
        "FGWU5", True)

    # ---- cose -------------------------------------------------------------
    prot = ac1.protected_header(KID1)
    sig = ac1.ed25519_sign(SEED1, ac1.sig_structure(prot, p_min))
    assert c_min == ac1.cose_sign1(prot, p_min, sig)
    bp, bpay, bsig = B(prot), B(p_min), B(sig)
    assert 24 <= len(p_min) < 256  # a 58 LL head, made non-minimal below

    def cose_case(name, description, cose, reason="malformed", **kw):
        kw.setdefault("payload", p_min)
        case(name, "cose", description, text(cose), reason, cose=cose, **kw)

    body = bp + b"\xa0" + bpay + bsig
    cose_case("cose-no-tag", "The array without tag 18.", b"\x84" + body)
    cose_case("cose-tag-17", "Tag 17 (COSE_Mac0) instead of 18.", b"\xd1\x84" + body)
    cose_case("cose-tag-18-long-form", "Tag 18 written D8 12 (not the "
              "shortest form).", b"\xd8\x12\x84" + body)
    cose_case("cose-array-3", "Array of 3 elements (no signature).",
              b"\xd2\x83" + bp + b"\xa0" + bpay)
    cose_case("cose-array-5", "Array of 5 elements (an extra empty byte "
              "string after the signature).", b"\xd2\x85" + body + b"\x40")
    cose_case("cose-indefinite-array", "Indefinite-length array 9F ... FF.",
              b"\xd2\x9f" + body + b"\xff")
    cose_case("cose-protected-length-non-minimal", "Protected header length "
              "written 58 0D instead of 4D.",
              b"\xd2\x84\x58\x0d" + prot + b"\xa0" + bpay + bsig)
    cose_case("cose-payload-length-non-minimal", "Payload length written with "
              "a 2-byte argument (59 00 LL) instead of 58 LL.",
              b"\xd2\x84" + bp + b"\xa0\x59" + struct.pack(">H", len(p_min)) +
              p_min + bsig)
    cose_case("cose-signature-length-non-minimal", "Signature length written "
              "59 00 40 instead of 58 40.",
              b"\xd2\x84" + bp + b"\xa0" + bpay + b"\x59\x00\x40" + sig)
    cose_case("cose-trailing-byte", "One byte (00) after the COSE_Sign1.",
              c_min + b"\x00")
    cose_case("cose-truncated", "Last byte of the signature missing.", c_min[:-1])
    cose_case("cose-unprotected-kid", "Unprotected header {4: kid} instead of "
              "{} (the signature is still valid: unprotected headers are not "
              "signed).", ac1.cose_sign1(prot, p_min, sig, b"\xa1\x04" + B(KID1)))
    cose_case("cose-alg-es256", "Protected header {1: -7 (ES256), 4: kid}, "
              "validly signed with Ed25519 over that header.",
              resign(b"\xa2\x01\x26\x04" + B(KID1), p_min))
    cose_case("cose-protected-extra-param", "Protected header {1: -8, 3: 61 "
              "(content type), 4: kid}, validly re-signed.",
              resign(b"\xa3\x01\x27\x03\x18\x3d\x04" + B(KID1), p_min))
    cose_case("cose-protected-key-order", "Protected header {4: kid, 1: -8} "
              "(keys out of order), validly re-signed.",
              resign(b"\xa2\x04" + B(KID1) + b"\x01\x27", p_min))
    cose_case("cose-protected-empty", "Protected header h'' (allowed by RFC "
              "9052, not by AC1), validly re-signed.", resign(b"", p_min))
    cose_case("cose-kid-7-bytes", "kid of 7 bytes (the first 7 of the right "
              "kid), validly re-signed.", resign(b"\xa2\x01\x27\x04" + B(KID1[:7]), p_min))
    cose_case("cose-kid-9-bytes", "kid of 9 bytes (the right kid then 00), "
              "validly re-signed.", resign(b"\xa2\x01\x27\x04" + B(KID1 + b"\x00"), p_min))
    cose_case("cose-signature-63-bytes", "Signature byte string of 63 bytes.",
              b"\xd2\x84" + body[:-len(bsig)] + B(sig[:63]))
    cose_case("cose-signature-65-bytes", "Signature byte string of 65 bytes "
              "(the signature then 00).", b"\xd2\x84" + body[:-len(bsig)] + B(sig + b"\x00"))
    cose_case("cose-payload-empty", "Empty payload h'' (payload must be "
              "1-1024 bytes), validly signed.", ac1.sign_payload(b"", SEED1),
              payload=b"", seed=SEED1)
    big = b"\x59\x03\xfe" + bytes(1022)  # a CBOR byte string, 1025 bytes in all
    assert len(big) == 1025
    cose_case("cose-payload-1025-bytes", "Payload of 1025 bytes (limit 1024), "
              "validly signed.", ac1.sign_payload(big, SEED1), payload=big,
              seed=SEED1)
    cose_case("cose-malformed-before-unknown-key", "Trailing byte after a "
              "COSE_Sign1 signed by an untrusted key: malformed is checked "
              "first.", ac1.sign_payload(p_min, SEED2) + b"\x00")

    # ---- signature --------------------------------------------------------
    def sig_case(name, description, cose, reason, **kw):
        case(name, "signature", description, text(cose), reason, cose=cose, **kw)

    flipped = bytearray(sig)
    flipped[40] ^= 0x01
    sig_case("signature-bit-flip", "One bit of S flipped.",
             ac1.cose_sign1(prot, p_min, bytes(flipped)), "bad_signature",
             payload=p_min)
    flipped = bytearray(sig)
    flipped[0] ^= 0x80
    sig_case("signature-bit-flip-r", "One bit of R flipped.",
             ac1.cose_sign1(prot, p_min, bytes(flipped)), "bad_signature",
             payload=p_min)

    rank_at = p_min.index(b"\x04\x0a\x06\x4c")  # acc: 4 (rank) 10, 6 (photo)
    tampered = bytearray(p_min)
    tampered[rank_at + 1] ^= 0x01  # rank 10 -> 11, still valid claims
    tampered = bytes(tampered)
    assert not claims_malformed(tampered)
    sig_case("signature-payload-bit-flip", "One bit of the payload flipped "
             "(rank 10 -> 11, still well-formed claims) under the original "
             "signature.", ac1.cose_sign1(prot, tampered, sig), "bad_signature",
             payload=tampered)
    garbled = b"\xa6" + p_min[1:]  # map(7) -> map(6): claims now malformed
    assert claims_malformed(garbled)
    sig_case("signature-before-claims", "One bit of the payload's map header "
             "flipped (A7 -> A6: malformed claims) under the original "
             "signature: the signature is checked before the claims are read.",
             ac1.cose_sign1(prot, garbled, sig), "bad_signature", payload=garbled)

    # S + L: the same signature with a non-canonical S (S >= L).
    L = 2 ** 252 + 27742317777372353535851937790883648493
    s = int.from_bytes(sig[32:], "little")
    s_plus_l = sig[:32] + (s + L).to_bytes(32, "little")
    sig_case("signature-s-plus-l", "S replaced by S + L (the group order): "
             "the same signature mathematically, but non-canonical (S >= L) "
             "and refused.", ac1.cose_sign1(prot, p_min, s_plus_l),
             "bad_signature", payload=p_min)
    sig_case("signature-all-zero", "64 zero bytes as signature (R is a "
             "small-order point).", ac1.cose_sign1(prot, p_min, bytes(64)),
             "bad_signature", payload=p_min)
    sig_case("signature-untrusted-key", "Validly signed by test key 2, whose "
             "kid no trusted key has.", ac1.sign_payload(p_min, SEED2),
             "unknown_key", payload=p_min, seed=SEED2)
    sig_case("signature-no-trusted-keys", "Validly signed by test key 1, but "
             "the trusted key list is empty.", c_min, "unknown_key",
             payload=p_min, seed=SEED1, trusted=())
    bad_claims = ac1.build_claims_cbor(with_(MINIMAL, nbf=EXP + 1))
    sig_case("signature-unknown-key-before-claims", "Signed by the untrusted "
             "test key 2 over malformed claims (nbf > exp): unknown_key, "
             "the claims are never read.", ac1.sign_payload(bad_claims, SEED2),
             "unknown_key", payload=bad_claims, seed=SEED2)
    sig_case("signature-wrong-key-trusted-kid", "Header carries test key 1's "
             "kid but the signature is by test key 2.",
             ac1.cose_sign1(prot, p_min, ac1.ed25519_sign(
                 SEED2, ac1.sig_structure(prot, p_min))),
             "bad_signature", payload=p_min)
    sig_case("signature-second-trusted-key", "Two trusted keys, the signer's "
             "is the second.", c_min, "ok", seed=SEED1, claims=MINIMAL,
             trusted=(PK2, PK1))
    sig_case("signature-bad-before-wrong-event", "Bit-flipped signature and "
             "a different expected event: bad_signature comes first.",
             ac1.cose_sign1(prot, p_min, bytes(flipped)), "bad_signature",
             payload=p_min, event="gp2015")

    # ---- claims: every case validly signed by test key 1 -------------------
    def claims_case(name, description, payload=None, claims=None, **kw):
        if payload is None:
            payload = ac1.build_claims_cbor(claims)
        cose = ac1.sign_payload(payload, SEED1)
        case(name, "claims", description, text(cose), kw.pop("reason", "malformed"),
             seed=SEED1, claims=claims, payload=payload, cose=cose, **kw)

    def top_fn_swap(a, b):
        def fn(top):
            top = list(top)
            i = [k for k, _ in top].index(I(a))
            j = [k for k, _ in top].index(I(b))
            top[i], top[j] = top[j], top[i]
            return top
        return fn

    claims_case("claims-duplicate-key", "Claim 2 (sub) twice with the same "
                "value; map(8).", payload_with(MINIMAL, top_fn=lambda t: t[:2] + [t[1]] + t[2:]))
    claims_case("claims-duplicate-key-different-value", "Claim 2 (sub) twice: "
                "'D001' then 'D999' (a lax decoder keeps either).",
                payload_with(MINIMAL, top_fn=lambda t: t[:2] + [[I(2), T("D999")]] + t[2:]))
    claims_case("claims-unsorted-keys", "Claims 4 (exp) and 5 (nbf) "
                "swapped.", payload_with(MINIMAL, top_fn=top_fn_swap(4, 5)))
    claims_case("claims-acc-unsorted-keys", "Accreditation keys 3 (cat) and "
                "4 (rank) swapped.", payload_with(
                    MINIMAL, acc_fn=lambda a: [a[0], a[2], a[1]] + a[3:]))
    claims_case("claims-non-minimal-int", "exp written as an 8-byte integer "
                "(1B 00000000 533B36E0).", payload_with(
                    MINIMAL, top_fn=lambda t: replace(
                        t, I(4), b"\x1b" + EXP.to_bytes(8, "big"))))
    claims_case("claims-non-minimal-small-int", "rank 10 written 18 0A "
                "instead of 0A.", payload_with(
                    MINIMAL, acc_fn=lambda a: replace(a, I(4), b"\x18\x0a")))
    claims_case("claims-non-minimal-text-length", "name length written 78 0C "
                "instead of 6C.", payload_with(
                    MINIMAL, acc_fn=lambda a: replace(
                        a, I(1), b"\x78\x0c" + b"Ada Lovelace")))
    claims_case("claims-indefinite-map", "Accreditation map written with "
                "indefinite length BF ... FF.", payload_with(
                    MINIMAL, acc_bytes=raw_map(claim_pairs(MINIMAL)[1], b"\xbf") + b"\xff"))
    claims_case("claims-unknown-claim-key", "An extra claim 3 (aud) = "
                "'gp2014' in its sorted place.", payload_with(
                    MINIMAL, top_fn=lambda t: t[:2] + [[I(3), T("gp2014")]] + t[2:]))
    claims_case("claims-unknown-acc-key", "An extra accreditation key 9 = 1 "
                "at the end.", payload_with(MINIMAL, acc_fn=lambda a: a + [[I(9), I(1)]]))
    claims_case("claims-missing-name", "Accreditation without key 1 (name).",
                payload_with(MINIMAL, acc_fn=lambda a: remove(a, I(1))))
    claims_case("claims-missing-cti", "No claim 7 (cti).",
                payload_with(MINIMAL, top_fn=lambda t: remove(t, I(7))))
    claims_case("claims-missing-acc", "No claim -65537 (accreditation).",
                payload_with(MINIMAL, top_fn=lambda t: remove(t, K_ACC)))
    claims_case("claims-zones-not-ascending", "zones [3, 2].",
                claims=with_(MINIMAL, zones=[3, 2]))
    claims_case("claims-zones-duplicate", "zones [2, 2] (must be strictly "
                "ascending).", claims=with_(MINIMAL, zones=[2, 2]))
    claims_case("claims-zones-empty-array", "zones present as an empty array "
                "(05 80); empty zones must be omitted.", payload_with(
                    MINIMAL, acc_fn=lambda a: a[:3] + [[I(5), b"\x80"]] + a[3:]))
    claims_case("claims-zones-17", "17 zones (at most 16).",
                claims=with_(MINIMAL, zones=list(range(17))))
    claims_case("claims-zone-256", "zone code 256 (codes are 0-255).",
                claims=with_(MINIMAL, zones=[1, 256]))
    claims_case("claims-photo-11-bytes", "photo of 11 bytes (exactly 12).",
                claims=with_(MINIMAL, photo=MINIMAL["photo"][:22]))
    claims_case("claims-photo-13-bytes", "photo of 13 bytes (exactly 12).",
                claims=with_(MINIMAL, photo=MINIMAL["photo"] + "00"))
    claims_case("claims-photo-16-bytes", "photo of 16 bytes, the length of "
                "an earlier draft (exactly 12 now).",
                claims=with_(MINIMAL, photo=digest("photo D001", 16)))
    claims_case("claims-cti-7-bytes", "cti of 7 bytes.",
                claims=with_(MINIMAL, cti=MINIMAL["cti"][:14]))
    claims_case("claims-iss-invalid-char", "iss 'gp 2014' (space is not in "
                "A-Z a-z 0-9 . _ -).", claims=with_(MINIMAL, iss="gp 2014"))
    claims_case("claims-iss-33-bytes", "iss of 33 bytes (at most 32).",
                claims=with_(MINIMAL, iss="g" * 33))
    claims_case("claims-iss-non-ascii", "iss 'gp2014é' (letters are ASCII "
                "only).", claims=with_(MINIMAL, iss="gp2014é"))
    claims_case("claims-sub-empty", "sub '' (at least 1 byte).",
                claims=with_(MINIMAL, sub=""))
    claims_case("claims-name-empty", "name '' (at least 1 byte).",
                claims=with_(MINIMAL, name=""))
    claims_case("claims-name-65-bytes", "name of 33 characters but 65 bytes "
                "('Ø' * 32 + 'a'); the limit is 64 bytes.",
                claims=with_(MINIMAL, name="Ø" * 32 + "a"))
    claims_case("claims-name-control-char", "name 'Ada\\u0007Lovelace': a "
                "C0 control character (BEL, 07) in place of the space.",
                claims=with_(MINIMAL, name="Ada\u0007Lovelace"))
    claims_case("claims-name-del", "name 'Ada Lovelace\\u007f': DEL (7F) at "
                "the end.", claims=with_(MINIMAL, name="Ada Lovelace\u007f"))
    claims_case("claims-name-c1-control", "name 'Ada\\u0085Lovelace': the C1 "
                "control character NEL (U+0085, C2 85 in UTF-8) in place of "
                "the space; valid UTF-8 but a control character.",
                claims=with_(MINIMAL, name="Ada\u0085Lovelace"))
    claims_case("claims-name-surrogate", "name 'Ada' + ED A0 80 (U+D800, a "
                "surrogate, encoded as if UTF-8: not valid UTF-8).",
                payload_with(MINIMAL, acc_fn=lambda a: replace(
                    a, I(1), b"\x66Ada\xed\xa0\x80")))
    claims_case("claims-name-overlong", "name 'Ada' + C1 81 (an overlong "
                "2-byte form of 'A': not valid UTF-8).",
                payload_with(MINIMAL, acc_fn=lambda a: replace(
                    a, I(1), b"\x65Ada\xc1\x81")))
    claims_case("claims-org-empty-text", "org '' (text org is 1-64 bytes).",
                claims=with_(MINIMAL, org=""))
    claims_case("claims-org-control-char", "org 'OC\\u001bNorway': ESC "
                "(1B), the start of a terminal escape sequence.",
                claims=with_(MINIMAL, org="OC\u001bNorway"))
    # Case 092 was "org code 256" while delegation codes were 0-255; it is the
    # first code past the wider range now, in the same place (issue 18).
    claims_case("claims-org-code-65536", "org code 65536 (1A 00010000): "
                "delegation codes are 0-65535.", claims=with_(MINIMAL, org=65536))
    claims_case("claims-escort-space", "escort 'D 042' (space is not in "
                "A-Z a-z 0-9 . _ -; escort follows the sub rule).",
                claims=with_(MINIMAL, escort="D 042"))
    claims_case("claims-escort-empty", "escort '' (1-32 bytes).",
                claims=with_(MINIMAL, escort=""))
    claims_case("claims-escort-33-bytes", "escort of 33 bytes (at most 32).",
                claims=with_(MINIMAL, escort="P" * 33))
    claims_case("claims-issue-0", "issue 0 (issue numbers start at 1).",
                claims=with_(MINIMAL, issue=0))
    claims_case("claims-issue-2-32", "issue 2^32 (at most 2^32-1).",
                claims=with_(MINIMAL, issue=1 << 32))
    claims_case("claims-category-256", "category 256 (0-255).",
                claims=with_(MINIMAL, category=256))
    claims_case("claims-rank-101", "rank 101 (0-100).",
                claims=with_(MINIMAL, rank=101))
    claims_case("claims-rank-negative", "rank -1 (20): a negative integer.",
                payload_with(MINIMAL, acc_fn=lambda a: replace(a, I(4), b"\x20")))
    claims_case("claims-rank-bool", "rank true (F5) instead of an integer.",
                payload_with(MINIMAL, acc_fn=lambda a: replace(a, I(4), b"\xf5")))
    claims_case("claims-nbf-after-exp", "nbf = exp + 1.",
                claims=with_(MINIMAL, nbf=EXP + 1), now=EXP)
    claims_case("claims-iat-after-exp", "iat = exp + 1.",
                claims=with_(MINIMAL, iat=EXP + 1))
    claims_case("claims-time-2-40", "exp = 2^40 (time values are below 2^40).",
                claims=with_(MINIMAL, exp=1 << 40))
    claims_case("claims-float-time", "exp as a float64 (FB) of the same "
                "value.", payload_with(MINIMAL, top_fn=lambda t: replace(
                    t, I(4), b"\xfb" + struct.pack(">d", float(EXP)))))
    claims_case("claims-tagged-time", "exp wrapped in tag 1 (epoch date "
                "time): no tags allowed.", payload_with(
                    MINIMAL, top_fn=lambda t: replace(t, I(4), b"\xc1" + I(EXP))))
    claims_case("claims-invalid-utf8-name", "name is the 2 bytes C3 28 "
                "(not UTF-8).", payload_with(
                    MINIMAL, acc_fn=lambda a: replace(a, I(1), b"\x62\xc3\x28")))
    claims_case("claims-indefinite-text", "name 'Ada Lovelace' as an "
                "indefinite-length text string 7F 63 'Ada' 69 ' Lovelace' FF.",
                payload_with(MINIMAL, acc_fn=lambda a: replace(
                    a, I(1), b"\x7f" + T("Ada") + T(" Lovelace") + b"\xff")))
    claims_case("claims-name-bytes", "name as a byte string instead of text.",
                payload_with(MINIMAL, acc_fn=lambda a: replace(
                    a, I(1), B(b"Ada Lovelace"))))
    claims_case("claims-payload-array", "Payload is a CBOR array, not a map.",
                b"\x81" + ac1.build_claims_cbor(MINIMAL))
    claims_case("claims-trailing-byte", "A byte (00) after the claims map "
                "inside the payload (generic decoders often ignore it).",
                ac1.build_claims_cbor(MINIMAL) + b"\x00")
    claims_case("claims-malformed-before-wrong-event", "Malformed claims "
                "(nbf > exp) with another expected event and a time after "
                "exp: malformed comes first.", claims=with_(MINIMAL, nbf=EXP + 1),
                event="gp2015", now=EXP + 10)

    # ---- semantics: validly signed, valid claims --------------------------
    def sem(name, description, reason, claims=MINIMAL, **kw):
        cose = ac1.sign_payload(ac1.build_claims_cbor(claims), SEED1)
        case(name, "semantics", description, text(cose), reason, seed=SEED1,
             claims=claims, **kw)

    sem("semantics-right-event", "Expected event equals iss.", "ok", event="gp2014")
    sem("semantics-wrong-event", "Expected event 'gp2015', iss 'gp2014'.",
        "wrong_event", event="gp2015")
    sem("semantics-event-case-sensitive", "Expected event 'GP2014', iss "
        "'gp2014': the comparison is exact.", "wrong_event", event="GP2014")
    sem("semantics-not-yet-valid", "NOW = nbf - 1.", "not_yet_valid", now=NBF - 1)
    sem("semantics-nbf-boundary", "NOW = nbf: valid from nbf on.", "ok", now=NBF)
    sem("semantics-last-second", "NOW = exp - 1.", "ok", now=EXP - 1)
    sem("semantics-exp-boundary", "NOW = exp: expired at exp (RFC 8392).",
        "expired", now=EXP)
    sem("semantics-expired", "NOW = exp + 1 day.", "expired", now=EXP + 86400)
    sem("semantics-iat-after-nbf", "iat = nbf + 1 hour (a badge reissued "
        "after the validity began): there is no rule between iat and nbf.",
        "ok", claims=with_(MINIMAL, iat=NBF + 3600), now=NBF + 7200)
    sem("semantics-nbf-equals-exp", "nbf = exp = NOW: never valid; the time "
        "is not before nbf, so the verdict is expired.", "expired",
        claims=with_(MINIMAL, nbf=EXP, iat=EXP), now=EXP)
    sem("semantics-wrong-event-before-expired", "Wrong expected event and a "
        "time after exp: wrong_event comes first.", "wrong_event",
        event="gp2015", now=EXP + 1)
    sem("semantics-full-not-yet-valid", "Full claims, right event, NOW = "
        "iat, before nbf.", "not_yet_valid", claims=FULL, event="gp2014", now=IAT)

    # ---- delegation codes above 255 (issue 18) ----------------------------
    # Appended, so that every earlier case keeps its number and its bytes.
    valid("valid-org-code-256", "org as delegation code 256, the smallest "
          "that takes the 3-byte form 19 0100 (delegation codes are 0-65535; "
          "category and zone codes stay 0-255).", with_(MINIMAL, org=256))
    valid("valid-org-code-65535", "org as delegation code 65535 (19 FFFF), "
          "the largest.", with_(MINIMAL, org=65535))
    claims_case("claims-org-code-non-minimal", "org code 7 written 19 0007 "
                "instead of 07: a longer-than-needed integer.", payload_with(
                    with_(MINIMAL, org=7),
                    acc_fn=lambda a: replace(a, I(2), b"\x19\x00\x07")))
    claims_case("claims-org-code-256-non-minimal", "org code 256 written "
                "1A 00000100 instead of 19 0100.", payload_with(
                    with_(MINIMAL, org=256),
                    acc_fn=lambda a: replace(a, I(2), b"\x1a\x00\x00\x01\x00")))


def render(v) -> bytes:
    return (json.dumps(v, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def files():
    """{file name: bytes} of every case, numbered in order."""
    out = {}
    for n, v in enumerate(CASES, 1):
        out[f"{n:03d}-{v['name']}.json"] = render(v)
    return out


def pubkey_file_text(seed: bytes, label: str) -> str:
    pk = ac1.pubkey_of(seed)
    blob = b"Ed" + ac1.kid_of(pk) + pk
    return (f"untrusted comment: AC1 {label} (seed = SHA-256(\"ac1 {label}\")), "
            f"kid {ac1.kid_of(pk).hex()}\n{base64.b64encode(blob).decode()}\n")


def run_cli(v, keyfile=None):
    """Run verify_ac1.py on a case; return (exit code, parsed JSON)."""
    cmd = [sys.executable, os.path.join(HERE, "verify_ac1.py")]
    for k in v["TRUSTED_KEYS"]:
        cmd += ["--pubkey-hex", k]
    if keyfile:
        cmd += ["--pubkey-file", keyfile]
    if "EXPECTED_EVENT" in v:
        cmd += ["--event", v["EXPECTED_EVENT"]]
    if "NOW" in v:
        cmd += ["--now", str(v["NOW"])]
    cmd += ["--", v["AC1"]]  # "--": a text may start with "-"
    r = subprocess.run(cmd, capture_output=True)
    return r.returncode, (json.loads(r.stdout) if r.stdout else None)


def check_cli() -> int:
    failures = 0
    for v in CASES:
        if not v["TRUSTED_KEYS"]:
            continue  # the CLI needs at least one key (exit 2), by design
        code, out = run_cli(v)
        want = 0 if v["EXPECTED_VERIFY"] else 1
        if code != want or out["reason"] != v["EXPECTED_REASON"] or (
                want == 0 and out["claims"] != v["CLAIMS"]):
            print(f"CLI FAIL {v['name']}: exit {code}, {out}")
            failures += 1
    # The key file format, with no --pubkey-hex at all.
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "key1.pub")
        with open(path, "w") as f:
            f.write(pubkey_file_text(SEED1, "test key 1"))
        v = dict(CASES[0], TRUSTED_KEYS=[])
        code, out = run_cli(v, keyfile=path)
        if code != 0 or out["reason"] != "ok":
            print(f"CLI FAIL --pubkey-file: exit {code}, {out}")
            failures += 1
        with open(path, "w") as f:  # a kid that does not match the key
            f.write(pubkey_file_text(SEED1, "test key 1").replace(
                base64.b64encode(b"Ed" + KID1 + PK1).decode(),
                base64.b64encode(b"Ed" + bytes(8) + PK1).decode()))
        code, _ = run_cli(v, keyfile=path)
        if code != 2:
            print(f"CLI FAIL --pubkey-file with a wrong kid: exit {code}")
            failures += 1
    code, _ = run_cli(dict(CASES[0], TRUSTED_KEYS=[]))
    if code != 2:
        print(f"CLI FAIL without any key: exit {code}")
        failures += 1
    return failures


def check_doc_worked_example() -> int:
    """The doc's last section must be exactly worked_example.py's output."""
    r = subprocess.run([sys.executable, os.path.join(HERE, "worked_example.py")],
                       capture_output=True, check=True)
    want = r.stdout.decode("utf-8")
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    at = doc.find("\n## Worked example\n")
    if at < 0 or doc[at + 1:] != want:
        print(f"{DOC}: the '## Worked example' section is not the output of "
              "worked_example.py (paste it in again)")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the files on disk and run the CLI "
                             "on every case; write nothing")
    parser.add_argument("--out", default=VECTORS_DIR, help="output directory")
    args = parser.parse_args()

    build_cases()
    names = [v["name"] for v in CASES]
    assert len(names) == len(set(names)), "duplicate case name"
    wanted = files()
    assert WORKED_CASE in wanted, "the worked example must stay vector 007"
    for f in WIDE_CODE_CASES:
        assert f in wanted, f"the worked example names {f}"
    wanted["test-key-1.pub"] = pubkey_file_text(SEED1, "test key 1").encode()

    if args.check:
        problems = 0
        on_disk = {f for f in os.listdir(args.out)
                   if VECTOR_FILE_RE.match(f) or f.endswith(".pub")}
        for f in sorted(on_disk - set(wanted)):
            print(f"stale file: {f}")
            problems += 1
        for f, data in wanted.items():
            path = os.path.join(args.out, f)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                print(f"differs or missing: {f}")
                problems += 1
        problems += check_cli()
        problems += check_doc_worked_example()
        print(f"{len(CASES)} cases, {problems} problems")
        return 1 if problems else 0

    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):  # drop cases renumbered or removed
        if VECTOR_FILE_RE.match(f) and f not in wanted:
            os.remove(os.path.join(args.out, f))
    for f, data in wanted.items():
        with open(os.path.join(args.out, f), "wb") as fh:
            fh.write(data)
    by_layer = {}
    for v in CASES:
        by_layer[v["layer"]] = by_layer.get(v["layer"], 0) + 1
    print(f"wrote {len(CASES)} cases to {args.out}: "
          + ", ".join(f"{k} {n}" for k, n in by_layer.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
