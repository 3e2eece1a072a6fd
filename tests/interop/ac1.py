"""Independent reference implementation of the AC1 credential format.

Written from docs/credential-format.md alone (not from the C++ code) so that the
two implementations can be checked against each other.  Run it with Debian's
/usr/bin/python3, which has python3-cbor2 and python3-nacl.

    AC1 text = "AC1:" + Base45(COSE_Sign1)
    COSE_Sign1 = 18([ bstr{1: -8, 4: kid}, {}, bstr(Claims), bstr(64) ])

Public API:
    b45encode(data) -> str            RFC 9285 Base45
    b45decode(text) -> bytes          strict, canonical Base45 (raises ValueError)
    kid_of(pubkey) -> bytes           SHA-256(pubkey)[:8]
    build_claims_cbor(claims) -> bytes  deterministic CBOR of a claims dict
    validate_claims(claims)           raises ValueError if a section-5 rule is broken
    sign(claims, seed32) -> str       AC1 text
    verify(text, trusted_pubkeys, expected_event=None, now=None)
        -> ("ok", claims) or (reason, detail)

The claims dict ("JSON form") has these fields:
    iss, sub, name: str          iat, nbf, exp, category, rank, issue: int
    cti: 16 hex chars            photo: 24 hex chars
    org: int or str (optional)   zones: [int, ...] (optional; [] means omitted)
    escort: str (optional)
"""

import hashlib
import io
import re

import cbor2
import nacl.exceptions
import nacl.signing

PREFIX = "AC1:"
MAX_TEXT_CHARS = 2048
MAX_PAYLOAD_BYTES = 1024
MAX_TIME = 1 << 40  # time values are below 2^40
MAX_ISSUE = (1 << 32) - 1  # issue numbers are 1..2^32-1
MAX_CODE = 255  # category and zone codes are 0..255
MAX_DELEGATION_CODE = 65535  # a numeric org (delegation code) is 0..65535
MAX_RANK = 100
MAX_ZONES = 16
MAX_TEXT_BYTES = 64
CTI_BYTES = 8
PHOTO_BYTES = 12

# Reasons, in the order the checks are made (see verify()): malformed is both
# the first check (text, Base45, COSE layout) and the fourth (claims, read only
# once the signature has verified).
REASONS = ("malformed", "unknown_key", "bad_signature", "wrong_event",
           "not_yet_valid", "expired")

# ---------------------------------------------------------------------------
# Base45 (RFC 9285)
# ---------------------------------------------------------------------------

B45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45_VALUE = {c: i for i, c in enumerate(B45_ALPHABET)}


def b45encode(data: bytes) -> str:
    """Base45-encode bytes: each 2-byte group gives 3 characters, a final
    single byte gives 2 characters, least significant digit first."""
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        e, rest = divmod(n, 45 * 45)
        d, c = divmod(rest, 45)
        out += (B45_ALPHABET[c], B45_ALPHABET[d], B45_ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (B45_ALPHABET[c], B45_ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Strict Base45 decoding.  Refuses (ValueError) everything that is not the
    unique encoding of some byte string: a character outside the alphabet, a
    length of 1 modulo 3, a 3-character group above 65535, a trailing
    2-character group above 255.  The empty text decodes to b""."""
    if len(text) % 3 == 1:
        raise ValueError("base45 length is 1 modulo 3")
    values = []
    for pos, ch in enumerate(text):
        v = _B45_VALUE.get(ch)
        if v is None:
            raise ValueError(f"base45 character {ch!r} at {pos} not in alphabet")
        values.append(v)
    out = bytearray()
    for i in range(0, len(values), 3):
        group = values[i:i + 3]
        if len(group) == 3:
            n = group[0] + group[1] * 45 + group[2] * 45 * 45
            if n > 0xFFFF:
                raise ValueError(f"base45 group at {i} has value {n} > 65535")
            out += bytes((n >> 8, n & 0xFF))
        else:
            n = group[0] + group[1] * 45
            if n > 0xFF:
                raise ValueError(f"base45 trailing pair at {i} has value {n} > 255")
            out.append(n)
    return bytes(out)


# ---------------------------------------------------------------------------
# Deterministic CBOR encoder (RFC 8949 section 4.2.1), for the few types used
# ---------------------------------------------------------------------------

def cbor_head(major: int, n: int) -> bytes:
    """Initial byte + argument in the shortest form."""
    if n < 0 or n >= 1 << 64:
        raise ValueError("CBOR argument out of range")
    if n < 24:
        return bytes((major << 5 | n,))
    if n < 1 << 8:
        return bytes((major << 5 | 24, n))
    if n < 1 << 16:
        return bytes((major << 5 | 25,)) + n.to_bytes(2, "big")
    if n < 1 << 32:
        return bytes((major << 5 | 26,)) + n.to_bytes(4, "big")
    return bytes((major << 5 | 27,)) + n.to_bytes(8, "big")


def cbor_int(v: int) -> bytes:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError(f"expected an integer, got {v!r}")
    return cbor_head(0, v) if v >= 0 else cbor_head(1, -1 - v)


def cbor_bstr(b: bytes) -> bytes:
    return cbor_head(2, len(b)) + bytes(b)


def cbor_tstr(s: str) -> bytes:
    if not isinstance(s, str):
        raise TypeError(f"expected a text string, got {s!r}")
    b = s.encode("utf-8")  # raises on lone surrogates: no invalid UTF-8 out
    return cbor_head(3, len(b)) + b


def cbor_array(items_encoded) -> bytes:
    items_encoded = list(items_encoded)
    return cbor_head(4, len(items_encoded)) + b"".join(items_encoded)


def cbor_map(pairs_encoded) -> bytes:
    """pairs_encoded: iterable of (encoded key, encoded value).  Keys are sorted
    by the bytewise lexicographic order of their encodings (RFC 8949 4.2.1;
    NOT the length-first order of RFC 7049 that cbor2's canonical=True uses,
    though both agree on the key sets of AC1)."""
    pairs = sorted(pairs_encoded, key=lambda kv: kv[0])
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate map key")
    return cbor_head(5, len(pairs)) + b"".join(k + v for k, v in pairs)


# ---------------------------------------------------------------------------
# Claims: JSON form <-> deterministic CBOR
# ---------------------------------------------------------------------------

# CWT claim keys (RFC 8392) and the private accreditation claim.
K_ISS, K_SUB, K_EXP, K_NBF, K_IAT, K_CTI, K_ACC = 1, 2, 4, 5, 6, 7, -65537
# Accreditation map keys.
A_NAME, A_ORG, A_CAT, A_RANK, A_ZONES, A_PHOTO, A_ISSUE, A_ESCORT = range(1, 9)

CLAIM_FIELDS = ("iss", "sub", "iat", "nbf", "exp", "cti", "name", "org",
                "category", "rank", "zones", "photo", "issue", "escort")
REQUIRED_FIELDS = ("iss", "sub", "iat", "nbf", "exp", "cti", "name",
                   "category", "rank", "photo", "issue")

# Holder and event ids (iss, sub, escort): 1-32 bytes of A-Z a-z 0-9 . _ -
# (ASCII only, so characters and bytes are the same count).
_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,32}", re.ASCII)


def is_id(s) -> bool:
    return isinstance(s, str) and _ID_RE.fullmatch(s) is not None


def is_control(cp: int) -> bool:
    """C0 controls U+0000-U+001F, DEL U+007F and C1 controls U+0080-U+009F."""
    return cp <= 0x1F or 0x7F <= cp <= 0x9F


def is_text(s) -> bool:
    """name and text org: 1-64 bytes of valid UTF-8 without control characters.
    A Python str holds code points, so "valid UTF-8" (no overlongs, nothing
    above U+10FFFF) is given by the decoder, except for lone surrogates, which
    a str can hold but UTF-8 cannot: encoding refuses them."""
    if not isinstance(s, str):
        return False
    try:
        b = s.encode("utf-8")  # strict: raises on U+D800-U+DFFF
    except UnicodeEncodeError:
        return False
    return 1 <= len(b) <= MAX_TEXT_BYTES and not any(is_control(ord(c)) for c in s)


def _hex_field(claims, field):
    v = claims[field]
    if not isinstance(v, str) or not re.fullmatch(r"[0-9a-fA-F]*", v) or len(v) % 2:
        raise TypeError(f"{field} must be a hex string")
    return bytes.fromhex(v)


def _uint_field(claims, field):
    v = claims[field]
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise TypeError(f"{field} must be a non-negative integer")
    return v


def build_claims_cbor(claims: dict) -> bytes:
    """Encode a claims dict (JSON form) as the deterministic CBOR payload.

    This only checks that every value has a type that the format can carry; it
    does not apply the rules of section 5 (lengths, charsets, ranges, order),
    so that test vectors breaking those rules can be built.  sign() calls
    validate_claims() first."""
    unknown = set(claims) - set(CLAIM_FIELDS)
    if unknown:
        raise KeyError(f"unknown claim fields: {sorted(unknown)}")
    missing = [f for f in REQUIRED_FIELDS if f not in claims]
    if missing:
        raise KeyError(f"missing claim fields: {missing}")

    acc = [
        (cbor_int(A_NAME), cbor_tstr(claims["name"])),
        (cbor_int(A_CAT), cbor_int(_uint_field(claims, "category"))),
        (cbor_int(A_RANK), cbor_int(_uint_field(claims, "rank"))),
        (cbor_int(A_PHOTO), cbor_bstr(_hex_field(claims, "photo"))),
        (cbor_int(A_ISSUE), cbor_int(_uint_field(claims, "issue"))),
    ]
    org = claims.get("org")
    if org is not None:
        if isinstance(org, str):
            acc.append((cbor_int(A_ORG), cbor_tstr(org)))
        else:
            acc.append((cbor_int(A_ORG), cbor_int(_uint_field(claims, "org"))))
    zones = claims.get("zones") or []  # an empty list means "omitted"
    if zones:
        for z in zones:
            if isinstance(z, bool) or not isinstance(z, int) or z < 0:
                raise TypeError("zones must be non-negative integers")
        acc.append((cbor_int(A_ZONES), cbor_array(cbor_int(z) for z in zones)))
    if claims.get("escort") is not None:
        acc.append((cbor_int(A_ESCORT), cbor_tstr(claims["escort"])))

    top = [
        (cbor_int(K_ISS), cbor_tstr(claims["iss"])),
        (cbor_int(K_SUB), cbor_tstr(claims["sub"])),
        (cbor_int(K_EXP), cbor_int(_uint_field(claims, "exp"))),
        (cbor_int(K_NBF), cbor_int(_uint_field(claims, "nbf"))),
        (cbor_int(K_IAT), cbor_int(_uint_field(claims, "iat"))),
        (cbor_int(K_CTI), cbor_bstr(_hex_field(claims, "cti"))),
        (cbor_int(K_ACC), cbor_map(acc)),
    ]
    return cbor_map(top)


def validate_claims(claims: dict) -> None:
    """Apply the rules of section 5 to a claims dict; raise ValueError naming
    the first rule broken.  Types are assumed to be those build_claims_cbor()
    accepts."""
    for f in ("iss", "sub"):
        if not is_id(claims[f]):
            raise ValueError(f"{f} must be 1-32 bytes of A-Z a-z 0-9 . _ -")
    for f in ("iat", "nbf", "exp"):
        if claims[f] >= MAX_TIME:
            raise ValueError(f"{f} must be below 2^40")
    if claims["nbf"] > claims["exp"]:
        raise ValueError("nbf > exp")
    if claims["iat"] > claims["exp"]:
        raise ValueError("iat > exp")  # no rule between iat and nbf
    if len(bytes.fromhex(claims["cti"])) != CTI_BYTES:
        raise ValueError("cti must be 8 bytes")
    if not is_text(claims["name"]):
        raise ValueError("name must be 1-64 bytes of UTF-8 without control "
                         "characters")
    org = claims.get("org")
    if isinstance(org, str):
        if not is_text(org):
            raise ValueError("org text must be 1-64 bytes of UTF-8 without "
                             "control characters")
    elif org is not None and org > MAX_DELEGATION_CODE:
        raise ValueError("org code must be 0-65535")
    if claims["category"] > MAX_CODE:
        raise ValueError("category must be 0-255")
    if claims["rank"] > MAX_RANK:
        raise ValueError("rank must be 0-100")
    zones = claims.get("zones") or []
    if len(zones) > MAX_ZONES:
        raise ValueError("at most 16 zones")
    if any(z > MAX_CODE for z in zones):
        raise ValueError("zone codes must be 0-255")
    if any(a >= b for a, b in zip(zones, zones[1:])):
        raise ValueError("zones must be strictly ascending")
    if len(bytes.fromhex(claims["photo"])) != PHOTO_BYTES:
        raise ValueError("photo must be 12 bytes")
    if not 1 <= claims["issue"] <= MAX_ISSUE:
        raise ValueError("issue must be 1..2^32-1")
    escort = claims.get("escort")
    if escort is not None and not is_id(escort):
        raise ValueError("escort must be 1-32 bytes of A-Z a-z 0-9 . _ -")


def _expect(cond, what):
    if not cond:
        raise ValueError(what)


def _is_uint(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def decode_claims(payload: bytes) -> dict:
    """Decode the payload with a generic CBOR decoder (cbor2), map it to the
    typed claims (JSON form) with their type and range checks (the section-5
    rules), and re-encode those typed claims: the payload must be
    byte-identical to the re-encoding.  cbor2 silently accepts non-shortest
    forms, duplicate keys (last one wins), indefinite lengths and tags; the
    byte comparison refuses all of them.  It must be a re-encoding of the
    typed claims, not of the generic decoded map, which would keep unknown
    keys, floats and tags.  cbor2.loads() also ignores bytes after the first
    item, so they are refused explicitly here (the comparison would catch
    them too)."""
    try:
        decoder = cbor2.CBORDecoder(io.BytesIO(payload))
        top = decoder.decode()
        consumed = decoder.fp.tell()
    except Exception as exc:  # cbor2 raises various error types
        raise ValueError(f"payload is not CBOR: {exc}") from None
    _expect(consumed == len(payload),
            f"{len(payload) - consumed} byte(s) after the claims map")

    top_keys = (K_ISS, K_SUB, K_EXP, K_NBF, K_IAT, K_CTI, K_ACC)
    acc_keys = tuple(range(A_NAME, A_ESCORT + 1))
    _expect(isinstance(top, dict), "payload is not a map")
    unknown = [k for k in top if k not in top_keys]
    _expect(not unknown, f"unknown claim key(s) {unknown!r}")
    for k in top_keys:
        _expect(k in top, f"missing claim {k}")
    acc = top[K_ACC]
    _expect(isinstance(acc, dict), "accreditation is not a map")
    unknown = [k for k in acc if k not in acc_keys]
    _expect(not unknown, f"unknown accreditation key(s) {unknown!r}")
    for k in (A_NAME, A_CAT, A_RANK, A_PHOTO, A_ISSUE):
        _expect(k in acc, f"missing accreditation field {k}")

    for k, f in ((K_ISS, "iss"), (K_SUB, "sub")):
        _expect(isinstance(top[k], str), f"{f} is not a text string")
    for k, f in ((K_EXP, "exp"), (K_NBF, "nbf"), (K_IAT, "iat")):
        _expect(_is_uint(top[k]), f"{f} is not an unsigned integer")
    _expect(isinstance(top[K_CTI], bytes), "cti is not a byte string")
    _expect(isinstance(acc[A_NAME], str), "name is not a text string")
    for k, f in ((A_CAT, "category"), (A_RANK, "rank"), (A_ISSUE, "issue")):
        _expect(_is_uint(acc[k]), f"{f} is not an unsigned integer")
    _expect(isinstance(acc[A_PHOTO], bytes), "photo is not a byte string")
    if A_ORG in acc:
        _expect(isinstance(acc[A_ORG], str) or _is_uint(acc[A_ORG]),
                "org is neither an unsigned integer nor a text string")
    if A_ZONES in acc:
        zones = acc[A_ZONES]
        _expect(isinstance(zones, list), "zones is not an array")
        _expect(len(zones) > 0, "zones present but empty")
        _expect(all(_is_uint(z) for z in zones), "a zone is not an unsigned integer")
    if A_ESCORT in acc:
        _expect(isinstance(acc[A_ESCORT], str), "escort is not a text string")

    claims = {
        "iss": top[K_ISS], "sub": top[K_SUB],
        "iat": top[K_IAT], "nbf": top[K_NBF], "exp": top[K_EXP],
        "cti": top[K_CTI].hex(),
        "name": acc[A_NAME],
    }
    if A_ORG in acc:
        claims["org"] = acc[A_ORG]
    claims["category"] = acc[A_CAT]
    claims["rank"] = acc[A_RANK]
    if A_ZONES in acc:
        claims["zones"] = list(acc[A_ZONES])
    claims["photo"] = acc[A_PHOTO].hex()
    claims["issue"] = acc[A_ISSUE]
    if A_ESCORT in acc:
        claims["escort"] = acc[A_ESCORT]

    validate_claims(claims)
    try:
        again = build_claims_cbor(claims)
    except (TypeError, KeyError, ValueError, UnicodeError) as exc:
        raise ValueError(f"claims cannot be re-encoded: {exc}") from None
    _expect(again == payload, "payload is not in deterministic encoding "
            "(re-encoding differs)")
    return claims


# ---------------------------------------------------------------------------
# COSE_Sign1 with Ed25519
# ---------------------------------------------------------------------------

def kid_of(pubkey: bytes) -> bytes:
    """Key identifier: first 8 bytes of SHA-256 of the 32-byte public key."""
    return hashlib.sha256(pubkey).digest()[:8]


def pubkey_of(seed: bytes) -> bytes:
    return bytes(nacl.signing.SigningKey(bytes(seed)).verify_key)


def protected_header(kid: bytes) -> bytes:
    """The 13-byte protected header {1: -8, 4: kid} (for an 8-byte kid)."""
    return cbor_map([(cbor_int(1), cbor_int(-8)), (cbor_int(4), cbor_bstr(kid))])


def sig_structure(protected: bytes, payload: bytes) -> bytes:
    """RFC 9052 section 4.4: ["Signature1", protected, external_aad h'', payload]."""
    return cbor_array([cbor_tstr("Signature1"), cbor_bstr(protected),
                       cbor_bstr(b""), cbor_bstr(payload)])


def ed25519_sign(seed: bytes, message: bytes) -> bytes:
    return nacl.signing.SigningKey(bytes(seed)).sign(message).signature


def cose_sign1(protected: bytes, payload: bytes, signature: bytes,
               unprotected: bytes = b"\xa0") -> bytes:
    """Assemble 18([protected, unprotected, payload, signature]).  unprotected is
    given already encoded so that test vectors can put anything there."""
    return (b"\xd2\x84" + cbor_bstr(protected) + unprotected +
            cbor_bstr(payload) + cbor_bstr(signature))


def sign_payload(payload: bytes, seed: bytes) -> bytes:
    """The COSE_Sign1 bytes of payload signed with the standard header."""
    protected = protected_header(kid_of(pubkey_of(seed)))
    signature = ed25519_sign(seed, sig_structure(protected, payload))
    return cose_sign1(protected, payload, signature)


def sign(claims: dict, seed32: bytes) -> str:
    """Sign a claims dict (JSON form) with an Ed25519 seed; return AC1 text."""
    if len(seed32) != 32:
        raise ValueError("seed must be 32 bytes")
    payload = build_claims_cbor(claims)
    validate_claims(claims)
    if not 1 <= len(payload) <= MAX_PAYLOAD_BYTES:
        raise ValueError("payload too long")
    return PREFIX + b45encode(sign_payload(payload, seed32))


def _read_bstr(data: bytes, pos: int):
    """Read a definite-length, shortest-form byte string at pos.
    Returns (value, new_pos); raises ValueError."""
    _expect(pos < len(data), "truncated")
    ib = data[pos]
    _expect(ib >> 5 == 2, f"expected a byte string at offset {pos}")
    ai = ib & 0x1F
    if ai < 24:
        n, pos = ai, pos + 1
    elif ai in (24, 25, 26, 27):
        size = 1 << (ai - 24)
        _expect(pos + 1 + size <= len(data), "truncated")
        n = int.from_bytes(data[pos + 1:pos + 1 + size], "big")
        _expect(cbor_head(2, n) == data[pos:pos + 1 + size],
                f"non-shortest length at offset {pos}")
        pos += 1 + size
    else:
        raise ValueError(f"indefinite or reserved length at offset {pos}")
    _expect(pos + n <= len(data), "truncated")
    return data[pos:pos + n], pos + n


def parse_cose(cose: bytes):
    """Parse the exact COSE_Sign1 layout of section 2.  Returns
    (protected, kid, payload, signature); raises ValueError."""
    _expect(cose[:1] == b"\xd2", "not tag 18 (COSE_Sign1) in shortest form")
    _expect(cose[1:2] == b"\x84", "not a definite array of 4 elements")
    protected, pos = _read_bstr(cose, 2)
    _expect(len(protected) == 13 and protected[:5] == b"\xa2\x01\x27\x04\x48",
            "protected header is not exactly {1: -8, 4: kid(8 bytes)}")
    kid = protected[5:]
    _expect(cose[pos:pos + 1] == b"\xa0", "unprotected header is not an empty map")
    payload, pos = _read_bstr(cose, pos + 1)
    _expect(1 <= len(payload) <= MAX_PAYLOAD_BYTES, "payload must be 1-1024 bytes")
    signature, pos = _read_bstr(cose, pos)
    _expect(len(signature) == 64, "signature is not 64 bytes")
    _expect(pos == len(cose), "bytes after the COSE_Sign1")
    return protected, kid, payload, signature


def verify(text, trusted_pubkeys, expected_event=None, now=None):
    """Verify an AC1 text.

    trusted_pubkeys: iterable of 32-byte public keys (bytes or hex strings).
    expected_event: if not None, iss must equal it.
    now: verifier's time (seconds since 1970); None skips the time checks.

    Returns ("ok", claims) or (reason, detail).  Order of checks: text, Base45,
    COSE layout (malformed); kid lookup (unknown_key); signature
    (bad_signature); claims (malformed), then event and time.  The claims are
    only decoded once the signature has verified."""
    keys = [bytes.fromhex(k) if isinstance(k, str) else bytes(k)
            for k in trusted_pubkeys]
    if any(len(k) != 32 for k in keys):
        raise ValueError("trusted public keys must be 32 bytes")

    if not isinstance(text, str) or not text.startswith(PREFIX):
        return "malformed", "text does not start with 'AC1:'"
    if len(text) > MAX_TEXT_CHARS:
        return "malformed", "text longer than 2048 characters"
    try:
        cose = b45decode(text[len(PREFIX):])
        protected, kid, payload, signature = parse_cose(cose)
    except ValueError as exc:
        return "malformed", str(exc)

    candidates = [k for k in keys if kid_of(k) == kid]
    if not candidates:
        return "unknown_key", f"no trusted key with kid {kid.hex()}"
    message = sig_structure(protected, payload)
    for key in candidates:
        try:
            nacl.signing.VerifyKey(key).verify(message, signature)
            break
        except (nacl.exceptions.BadSignatureError, nacl.exceptions.CryptoError,
                ValueError):
            continue
    else:
        return "bad_signature", "signature does not verify under any trusted key"

    try:
        claims = decode_claims(payload)
    except ValueError as exc:
        return "malformed", f"claims: {exc}"

    if expected_event is not None and claims["iss"] != expected_event:
        return "wrong_event", f"iss {claims['iss']!r} is not {expected_event!r}"
    if now is not None:
        if now < claims["nbf"]:
            return "not_yet_valid", f"now {now} < nbf {claims['nbf']}"
        if now >= claims["exp"]:
            return "expired", f"now {now} >= exp {claims['exp']}"
    return "ok", claims
