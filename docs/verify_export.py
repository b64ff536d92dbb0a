#!/usr/bin/env python3
"""A second, independent check of a Pipeline Tracker audit export (GET /api/v1/audit/export).

    python3 docs/verify_export.py EXPORT.ndjson --public-key KEY      (or --public-key-file FILE)

Written from docs/decisions/0021-independent-verification.md alone, with Python's standard library: it recomputes
every event's scheme-2 hash, checks that each aggregate's events link up and that the running hash and count match
every checkpoint. Ed25519 is not in Python's standard library, so checkpoint signatures are checked with the
`openssl` command (OpenSSL 3) when it is on the PATH; without it the script says that signatures were NOT checked.
Exit 0 when the file is intact, 1 naming the first bad line, 2 for a usage error.
"""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

US = "\x1f"
EVENT_TAG = "pipeline-tracker/event/2"
CHECKPOINT_TAG = "pipeline-tracker/checkpoint/2"


class BadLine(Exception):
    def __init__(self, line, reason):
        super().__init__("line %d: %s" % (line, reason))


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def raw_fields(text, number):
    """The line's top-level fields as (value, exact JSON text): payload and metadata are hashed as written."""
    decoder = json.JSONDecoder()
    fields = {}

    def skip(i):
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    try:
        i = skip(0)
        if text[i] != "{":
            raise BadLine(number, "not a JSON object")
        i = skip(i + 1)
        if text[i] == "}":
            return fields
        while True:
            name, i = decoder.raw_decode(text, i)
            i = skip(i)
            if text[i] != ":":
                raise BadLine(number, "not valid JSON")
            start = skip(i + 1)
            value, end = decoder.raw_decode(text, start)
            fields[name] = (value, text[start:end])
            i = skip(end)
            if text[i] == ",":
                i = skip(i + 1)
            elif text[i] == "}":
                break
            else:
                raise BadLine(number, "not valid JSON")
    except (ValueError, IndexError) as broken:
        raise BadLine(number, "not valid JSON (%s)" % broken)
    return fields


def value(fields, name):
    return fields[name][0] if name in fields else None


def stored_bytes(fields, name):
    raw = fields[name][1] if name in fields else "null"
    return b"" if raw == "null" else raw.encode("utf-8")


def event_hash(fields):
    previous = value(fields, "previousHash")
    canonical = US.join([
        EVENT_TAG,
        previous if previous is not None else "",
        value(fields, "aggregateType"),
        value(fields, "aggregateId"),
        str(value(fields, "sequence")),
        str(value(fields, "position")),
        value(fields, "type"),
        value(fields, "recordedAt"),
        sha256_hex(stored_bytes(fields, "payload")),
        sha256_hex(stored_bytes(fields, "metadata")),
    ])
    return sha256_hex(canonical.encode("utf-8"))


def extend(running, position, hash_):
    return sha256_hex(US.join([running or "", str(position), hash_]).encode("utf-8"))


def key_id(public_key):
    return sha256_hex(base64.b64decode(public_key))[:16]


def signature_valid(public_key, checkpoint, workdir):
    """Ed25519 through openssl: the signed statement, the key as PEM, the signature as raw bytes."""
    statement = US.join([CHECKPOINT_TAG, str(checkpoint["position"]), str(checkpoint["count"]),
                         checkpoint["chainHash"]]).encode("utf-8")
    paths = {name: os.path.join(workdir, name) for name in ("key.pem", "statement", "signature")}
    with open(paths["key.pem"], "w") as pem:
        pem.write("-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n" % public_key)
    with open(paths["statement"], "wb") as out:
        out.write(statement)
    try:
        signature = base64.b64decode(checkpoint["signature"], validate=True)
    except ValueError:
        return False
    with open(paths["signature"], "wb") as out:
        out.write(signature)
    result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin",
                             "-in", paths["statement"], "-sigfile", paths["signature"]], capture_output=True)
    return result.returncode == 0


def verify(path, public_key):
    openssl = shutil.which("openssl") is not None
    wanted = key_id(public_key)
    checkpoints = {}
    first_event = None
    # pass 1: checkpoints, and where the events begin
    with open(path, encoding="utf-8") as lines:
        for number, text in enumerate(lines, 1):
            if not text.strip():
                continue
            fields = raw_fields(text, number)
            kind = value(fields, "kind")
            if kind == "event":
                position = value(fields, "position")
                first_event = position if first_event is None else min(first_event, position)
            elif kind == "checkpoint":
                checkpoint = {name: value(fields, name) for name in
                              ("position", "count", "chainHash", "signature", "keyId")}
                checkpoint["line"] = number
                checkpoints.setdefault(checkpoint["position"], []).append(checkpoint)
            else:
                raise BadLine(number, "neither an event nor a checkpoint")
    signatures_checked = 0
    with tempfile.TemporaryDirectory() as workdir:
        for position in sorted(checkpoints):
            signed = [c for c in checkpoints[position] if c["keyId"] == wanted]
            if not signed:
                raise BadLine(checkpoints[position][0]["line"],
                              "the checkpoint at position %d has no signature by the given key" % position)
            if openssl:
                for checkpoint in signed:
                    if not signature_valid(public_key, checkpoint, workdir):
                        raise BadLine(checkpoint["line"], "the checkpoint's signature does not verify")
                    signatures_checked += 1
    first = first_event if first_event is not None else float("inf")
    before = [p for p in checkpoints if p < first]
    base = max(before) if before else None
    count = checkpoints[base][0]["count"] if base is not None else 0
    running = checkpoints[base][0]["chainHash"] if base is not None else None
    ahead = sorted(p for p in checkpoints if base is None or p > base)

    def check_sum(position):
        for checkpoint in checkpoints[position]:
            if checkpoint["count"] != count or checkpoint["chainHash"] != running:
                raise BadLine(checkpoint["line"], "the events up to position %d do not add up to this checkpoint"
                              % position)

    # pass 2: events
    aggregates = {}
    events = 0
    previous_position = base or 0
    with open(path, encoding="utf-8") as lines:
        for number, text in enumerate(lines, 1):
            if not text.strip():
                continue
            fields = raw_fields(text, number)
            if value(fields, "kind") != "event":
                continue
            position = value(fields, "position")
            while ahead and ahead[0] < position:
                check_sum(ahead.pop(0))
            if position <= previous_position:
                raise BadLine(number, "position %d is not after %d" % (position, previous_position))
            if value(fields, "scheme") != 2:
                raise BadLine(number, "not scheme 2")
            aggregate = value(fields, "aggregateId")
            sequence = value(fields, "sequence")
            previous = value(fields, "previousHash")
            last = aggregates.get(aggregate)
            if last is not None and (sequence != last[0] + 1 or previous != last[1]):
                raise BadLine(number, "does not follow the previous event of %s" % aggregate)
            if last is None and base is None and (sequence != 0 or previous is not None):
                raise BadLine(number, "the earlier events of %s are missing" % aggregate)
            recomputed = event_hash(fields)
            if recomputed != value(fields, "hash"):
                raise BadLine(number, "the event at position %d does not match its hash" % position)
            aggregates[aggregate] = (sequence, recomputed)
            running = extend(running, position, recomputed)
            count += 1
            events += 1
            previous_position = position
    while ahead:
        check_sum(ahead.pop(0))
    return events, len(checkpoints), signatures_checked, openssl


def main(argv):
    args = argv[1:]
    path, key = None, None
    while args:
        arg = args.pop(0)
        if arg == "--public-key" and args:
            key = args.pop(0).strip()
        elif arg == "--public-key-file" and args:
            with open(args.pop(0)) as f:
                key = f.read().strip()
        elif path is None and not arg.startswith("--"):
            path = arg
        else:
            print("usage: verify_export.py EXPORT --public-key KEY | --public-key-file FILE", file=sys.stderr)
            return 2
    if path is None or key is None:
        print("usage: verify_export.py EXPORT --public-key KEY | --public-key-file FILE", file=sys.stderr)
        return 2
    try:
        events, checkpoints, signatures, openssl = verify(path, key)
    except BadLine as bad:
        print("%s %s" % (path, bad), file=sys.stderr)
        return 1
    print("%s is intact: %d events and %d checkpoints verified; %s" % (
        path, events, checkpoints,
        "%d signatures checked with openssl" % signatures if openssl
        else "signatures NOT checked (no openssl on the PATH)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
