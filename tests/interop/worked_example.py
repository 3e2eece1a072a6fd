#!/usr/bin/python3
"""Print the Markdown "Worked example" section of docs/credential-format.md.

    /usr/bin/python3 tests/interop/worked_example.py > worked-example.md

Everything is computed with ac1.py (cbor2 + PyNaCl) from the constants below,
so the output is byte-identical on every run.  make_vectors.py also emits this
credential as a test vector ("valid-worked-example").
"""

import datetime
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ac1  # noqa: E402

# Test key 1 of the vectors: the seed is SHA-256("ac1 test key 1").  A test key,
# published here: never use it for a real event.
WORKED_SEED = hashlib.sha256(b"ac1 test key 1").digest()

WORKED_CLAIMS = {
    "iss": "gp2014",
    "sub": "D042",
    "iat": 1396000000,
    # 2014-03-31 00:00 in Brussels, which is UTC+2 (CEST) since summer time
    # began on 2014-03-30: 2014-03-30 22:00 UTC.
    "nbf": 1396216800,
    "exp": 1396389600,
    # Fixed "random" credential id: SHA-256("demo cti")[:8].
    "cti": hashlib.sha256(b"demo cti").hexdigest()[:16],
    "name": "Thorbjørn Jagland",
    "org": 7,
    "category": 1,
    "rank": 80,
    "zones": [2, 3, 4],
    "photo": hashlib.sha256(b"demo photo").hexdigest()[:24],
    "issue": 1,
}

# Vectors with a delegation code above 255, named in the note under the payload
# (make_vectors.py checks that they exist under these names).
WIDE_CODE_CASES = ("125-valid-org-code-256.json", "126-valid-org-code-65535.json")

TOP_LABELS = {1: "iss", 2: "sub", 4: "exp", 5: "nbf", 6: "iat", 7: "cti",
              -65537: "acc"}
ACC_LABELS = {1: "name", 2: "org", 3: "cat", 4: "rank", 5: "zones",
              6: "photo", 7: "issue", 8: "escort"}


def hx(b: bytes) -> str:
    return b.hex().upper()


def hx_head(head: bytes) -> str:
    """A CBOR head as hex, the initial byte apart from its argument bytes."""
    return hx(head[:1]) + (" " + hx(head[1:]) if len(head) > 1 else "")


def wrap(hexstr: str, width: int = 64) -> str:
    return "\n".join(hexstr[i:i + width] for i in range(0, len(hexstr), width))


def utc_and_brussels(t: int) -> str:
    """Human reading of a NumericDate; Brussels time via the system tz data
    when available."""
    utc = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    text = utc.strftime("%Y-%m-%d %H:%M:%S UTC")
    try:
        import zoneinfo  # stdlib; needs the system's tz data
        local = utc.astimezone(zoneinfo.ZoneInfo("Europe/Brussels"))
        text += local.strftime(" = %Y-%m-%d %H:%M %Z Brussels")
    except Exception:  # no tz data: UTC alone is still exact
        pass
    return text


def _head(data: bytes, pos: int):
    """Decode a CBOR head: (major, argument, head length).  Definite lengths
    only: the example is deterministic CBOR."""
    ib = data[pos]
    major, ai = ib >> 5, ib & 0x1F
    if ai < 24:
        return major, ai, 1
    size = 1 << (ai - 24)
    return major, int.from_bytes(data[pos + 1:pos + 1 + size], "big"), 1 + size


def annotate(data: bytes, pos: int = 0, depth: int = 0, labels=None,
             comment: str = ""):
    """Annotated diagnostic of one CBOR item: a list of (hex, comment) lines
    and the position after the item.  labels names the keys of a map, and the
    nested accreditation map gets ACC_LABELS."""
    major, arg, hl = _head(data, pos)
    ind = "   " * depth
    head = hx_head(data[pos:pos + hl])
    if major in (0, 1):
        value = str(arg if major == 0 else -1 - arg)
        # A map key's comment already says "key (name)"; a value gets "name: v".
        if comment and not comment.startswith(value + " "):
            value = f"{comment}: {value}"
        elif comment:
            value = comment
        return [(ind + head, value)], pos + hl
    if major in (2, 3):
        body = data[pos + hl:pos + hl + arg]
        if major == 3:
            desc = '"' + body.decode("utf-8") + '"'
        else:
            desc = f"h'{body.hex().upper()}'" if arg <= 16 else f"{arg} bytes"
        desc = f"{comment}: {desc}" if comment else desc
        return [(ind + head + " " + hx(body), desc)], pos + hl + arg
    if major == 4:
        lines = [(ind + head, f"{comment}: array({arg})" if comment else f"array({arg})")]
        pos += hl
        for _ in range(arg):
            sub, pos = annotate(data, pos, depth + 1)
            lines += sub
        return lines, pos
    if major == 5:
        lines = [(ind + head, f"{comment}: map({arg})" if comment else f"map({arg})")]
        pos += hl
        for _ in range(arg):
            kmajor, karg, _ = _head(data, pos)
            key = karg if kmajor == 0 else -1 - karg
            name = (labels or {}).get(key, "")
            klines, pos = annotate(data, pos, depth + 1,
                                   comment=f"{key} ({name})" if name else "")
            vlabels = ACC_LABELS if key == -65537 and labels is TOP_LABELS else None
            vlines, pos = annotate(data, pos, depth + 1, labels=vlabels,
                                   comment=name)
            lines += klines + vlines
        return lines, pos
    if major == 6:
        lines = [(ind + head, f"tag({arg})")]
        sub, pos = annotate(data, pos + hl, depth + 1)
        return lines + sub, pos
    if major == 7 and arg in (20, 21, 22):
        return [(ind + head, {20: "false", 21: "true", 22: "null"}[arg])], pos + hl
    raise ValueError("unexpected CBOR item in the worked example")


def render(lines) -> str:
    width = max(len(h) for h, _ in lines)
    return "\n".join(f"{h.ljust(width)}  # {c}" if c else h for h, c in lines)


def main() -> int:
    seed = WORKED_SEED
    claims = WORKED_CLAIMS
    pk = ac1.pubkey_of(seed)
    kid = ac1.kid_of(pk)
    payload = ac1.build_claims_cbor(claims)
    protected = ac1.protected_header(kid)
    tbs = ac1.sig_structure(protected, payload)
    signature = ac1.ed25519_sign(seed, tbs)
    cose = ac1.cose_sign1(protected, payload, signature)
    b45 = ac1.b45encode(cose)
    text = ac1.PREFIX + b45

    # The example must be exactly what sign() produces and verify() accepts.
    assert text == ac1.sign(claims, seed)
    reason, back = ac1.verify(text, [pk], expected_event=claims["iss"],
                              now=claims["nbf"])
    assert reason == "ok" and back == claims, (reason, back)

    out = []
    w = out.append
    w("## Worked example\n")
    w("Generated by `tests/interop/worked_example.py` (Python, `cbor2` and PyNaCl, "
      "independent of the C++ code); the same credential is test vector 007 "
      "(`tests/vectors/007-valid-worked-example.json`, expected event `gp2014`), "
      "which the test suite checks; `make_vectors.py --check` also compares this "
      "section with the generator's output. Ed25519 signatures are "
      "deterministic, so any conforming signer given this seed and these claims "
      "produces exactly these bytes.\n")

    w("### Key\n")
    w("| item | value |")
    w("|---|---|")
    w(f"| seed (test key 1 = SHA-256(\"ac1 test key 1\"); never use it for real) | `{hx(seed)}` |")
    w(f"| public key | `{hx(pk)}` |")
    w(f"| kid = SHA-256(public key)[:8] | `{hx(kid)}` |")
    w("")

    w("### Claims\n")
    w("| key | claim | value | note |")
    w("|---|---|---|---|")
    w(f"| 1 | iss | `{claims['iss']}` | event id |")
    w(f"| 2 | sub | `{claims['sub']}` | holder id |")
    w(f"| 4 | exp | {claims['exp']} | {utc_and_brussels(claims['exp'])} |")
    w(f"| 5 | nbf | {claims['nbf']} | {utc_and_brussels(claims['nbf'])} |")
    w(f"| 6 | iat | {claims['iat']} | {utc_and_brussels(claims['iat'])} |")
    w(f"| 7 | cti | `{claims['cti'].upper()}` | SHA-256(\"demo cti\")[:8] |")
    w("| -65537 | acc | map | the accreditation: |")
    w(f"| -65537 / 1 | name | {claims['name']} | {len(claims['name'].encode())} bytes of UTF-8 |")
    w(f"| -65537 / 2 | org | {claims['org']} | delegation code |")
    w(f"| -65537 / 3 | cat | {claims['category']} | category code |")
    w(f"| -65537 / 4 | rank | {claims['rank']} | clearance rank |")
    w(f"| -65537 / 5 | zones | {claims['zones']} | zone codes |")
    w(f"| -65537 / 6 | photo | `{claims['photo'].upper()}` | SHA-256(\"demo photo\")[:12] |")
    w(f"| -65537 / 7 | issue | {claims['issue']} | first badge |")
    w("")
    w("The same claims in the JSON form used by the test vectors:\n")
    w("```json")
    w(json.dumps(claims, ensure_ascii=False))
    w("```\n")

    w(f"### Payload: deterministic CBOR of the claims ({len(payload)} bytes)\n")
    w("```")
    w(wrap(hx(payload)))
    w("```\n")
    lines, end = annotate(payload, labels=TOP_LABELS)
    assert end == len(payload)
    w("```")
    w(render(lines))
    w("```\n")
    wide = dict(claims, org=300)
    wide_payload = ac1.build_claims_cbor(wide)
    code_300, code_max = ac1.cbor_int(300), ac1.cbor_int(65535)
    assert wide_payload == payload.replace(b"\x02\x07\x03", b"\x02" + code_300 + b"\x03")
    w("A delegation code above 255 takes the three-byte form: for the 301st "
      f"delegation, code 300, the org value would be `{hx_head(code_300)}` instead "
      f"of `07` and the payload {len(wide_payload)} bytes; the largest code, 65535, "
      f"is `{hx_head(code_max)}`. Test vectors "
      + " and ".join(f"`tests/vectors/{f}`" for f in WIDE_CODE_CASES)
      + " carry such codes.\n")

    w(f"### Protected header ({len(protected)} bytes)\n")
    w("```")
    w(hx(protected))
    w("```\n")
    lines, _ = annotate(protected, labels={1: "alg", 4: "kid"})
    lines[2] = (lines[2][0], "alg: -8 (EdDSA)")
    lines[4] = (lines[4][0], "kid: SHA-256(public key)[:8]")
    w("```")
    w(render(lines))
    w("```\n")

    w(f"### Sig_structure: the bytes that are signed ({len(tbs)} bytes)\n")
    w("```")
    w(wrap(hx(tbs)))
    w("```\n")
    payload_head = ac1.cbor_head(2, len(payload))
    sig_lines = [
        ("84", "array(4)"),
        ("   6A " + hx(b"Signature1"), '"Signature1"'),
        ("   4D " + hx(protected), "protected: the 13 bytes above"),
        ("   40", "external_aad: h'' (empty)"),
        ("   " + hx_head(payload_head) + " <payload>", f"payload: the {len(payload)} bytes above"),
    ]
    assert tbs == (b"\x84\x6aSignature1\x4d" + protected + b"\x40" +
                   payload_head + payload)
    w("```")
    w(render(sig_lines))
    w("```\n")

    w("### Signature (64 bytes)\n")
    w("Ed25519 (RFC 8032) of the Sig_structure with the seed above:\n")
    w("```")
    w(wrap(hx(signature)))
    w("```\n")

    w(f"### COSE_Sign1 ({len(cose)} bytes)\n")
    w("```")
    w(wrap(hx(cose)))
    w("```\n")
    cose_lines = [
        ("D2", "tag(18): COSE_Sign1"),
        ("   84", "array(4)"),
        ("      4D " + hx(protected), "protected header"),
        ("      A0", "unprotected: {} (empty)"),
        ("      " + hx_head(payload_head) + " <payload>", f"payload ({len(payload)} bytes)"),
        ("      58 40 <signature>", "signature (64 bytes)"),
    ]
    w("```")
    w(render(cose_lines))
    w("```\n")

    w(f"### Base45 of the COSE_Sign1 ({len(b45)} characters)\n")
    w("Spaces are Base45 characters and belong to the text.\n")
    w("```")
    w(b45)
    w("```\n")

    w(f"### AC1 text ({len(text)} characters)\n")
    w("This is the whole content of the QR code (alphanumeric mode):\n")
    w("```")
    w(text)
    w("```\n")
    w(f"Length: {len(text)} characters = 4 (`AC1:`) + {len(b45)} (Base45 of "
      f"{len(cose)} bytes: 3 characters per 2 bytes"
      f"{', 2 for the last byte' if len(cose) % 2 else ''}).")

    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
