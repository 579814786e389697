"""Seeded generator of a JSON Lines corpus of EventBridge events (0.5-1 KB each).

Six event types from five sources, with optional fields, nulls, arrays of objects, numbers that
are sometimes floats, and a stock map keyed by warehouse codes plus a line map keyed by ids, so
discovery has to do everything it does on real traffic. The same seed gives the same bytes.
`--varied` writes the other stream: five detail-types dense with id-keyed maps, nulls, optional
fields and formatted strings.

    python bench/gen_events.py --events 100000 --seed 7 -o /tmp/events-100k.jsonl
    python bench/gen_events.py --events 300000 --varied -o /tmp/varied-300k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

MIN_BYTES = 512
MAX_BYTES = 1024
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2")
WAREHOUSES = tuple(f"{city}{n}" for city in ("AMS", "FRA", "LHR", "DUB", "IAD") for n in (1, 2, 3))
WORDS = (
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
    "golf", "hotel", "india", "juliet", "kilo", "lima",
)  # fmt: skip


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _time(rng: random.Random) -> str:
    return (
        f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T"
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
    )


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _ec2_state(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "instance-id": f"i-{rng.getrandbits(64):016x}",
        "state": rng.choice(("pending", "running", "stopping", "stopped", "terminated")),
    }
    if rng.random() < 0.5:
        detail["previous-state"] = rng.choice(("pending", "running", "stopped"))
    return detail


def _order_placed(rng: random.Random) -> dict[str, Any]:
    lines = {
        f"line-{rng.randint(1000, 999999)}": {
            "sku": f"SKU-{rng.randint(100, 999)}",
            "quantity": rng.randint(1, 5),
            "unitPrice": round(rng.uniform(1, 200), 2)
            if rng.random() < 0.8
            else rng.randint(1, 99),
        }
        for _ in range(rng.randint(1, 3))
    }
    return {
        "orderId": _uuid(rng),
        "customer": {
            "id": f"cust-{rng.randint(1, 10**6)}",
            "email": f"{rng.choice(WORDS)}{rng.randint(1, 999)}@example.com",
            "tier": rng.choice(("gold", "silver", "bronze", None)),
        },
        "lines": lines,
        "stock": {code: rng.randint(0, 500) for code in rng.sample(WAREHOUSES, rng.randint(1, 4))},
        "coupon": rng.choice((None, None, f"SAVE{rng.randint(5, 30)}")),
        "placedFrom": rng.choice(("web", "ios", "android")),
        "ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
    }


def _payment(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "paymentId": _uuid(rng),
        "orderId": _uuid(rng),
        "amount": {"value": round(rng.uniform(5, 900), 2), "currency": rng.choice(("EUR", "USD"))},
        "method": rng.choice(("card", "paypal", "invoice")),
        "risk": {"score": rng.random(), "checks": [rng.choice(WORDS) for _ in range(3)]},
    }
    if rng.random() < 0.3:
        detail["3ds"] = {"version": "2.2.0", "challenged": rng.random() < 0.5}
    return detail


def _shipment(rng: random.Random) -> dict[str, Any]:
    return {
        "shipmentId": f"SHP-{rng.randint(10**5, 10**6)}",
        "carrier": rng.choice(("dhl", "ups", "fedex")),
        "trackingUrl": f"https://track.example.com/{rng.getrandbits(40):x}",
        "packages": [
            {"weightKg": round(rng.uniform(0.1, 30), 2), "dimensions": [rng.randint(5, 80)] * 3}
            for _ in range(rng.randint(0, 3))
        ],
        "address": {
            "street": _text(rng, 2),
            "city": rng.choice(WORDS).title(),
            "postcode": f"{rng.randint(1000, 99999)}",
            "country": rng.choice(("NL", "DE", "GB", "IE", "US")),
            "line2": rng.choice((None, _text(rng, 1))),
        },
        "dispatchedOn": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
    }


def _s3_object(rng: random.Random) -> dict[str, Any]:
    return {
        "version": "0",
        "bucket": {"name": f"bucket-{rng.choice(WORDS)}"},
        "object": {
            "key": f"uploads/{rng.getrandbits(48):x}.json",
            "size": rng.randint(0, 10**7),
            "etag": f"{rng.getrandbits(128):032x}",
            "sequencer": f"{rng.getrandbits(64):016X}",
        },
        "request-id": f"{rng.getrandbits(64):016X}",
        "requester": f"{rng.randint(10**11, 10**12 - 1)}",
        "source-ip-address": f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "reason": "PutObject",
    }


def _ticket(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "ticketId": str(rng.randint(10**8, 10**9)),
        "department": rng.choice(("billing", "fulfillment", "returns")),
        "creator": f"user{rng.randint(10**4, 10**5)}",
        "tags": rng.sample(WORDS, rng.randint(0, 3)),
    }
    if rng.random() < 0.4:
        detail["priority"] = rng.choice((1, 2, 3))
    return detail


KINDS = tuple[tuple[str, str, Callable[[random.Random], dict[str, Any]]], ...]
EVENT_TYPES: KINDS = (
    ("aws.ec2", "EC2 Instance State-change Notification", _ec2_state),
    ("com.example.orders", "Order Placed", _order_placed),
    ("com.example.payments", "Payment Authorized", _payment),
    ("com.example.shipping", "Shipment Dispatched", _shipment),
    ("aws.s3", "Object Created", _s3_object),
    ("aws.partner/example.com/123", "Ticket Created", _ticket),
)


# The varied stream (`--varied`): five detail-types where nearly every event carries maps keyed
# by ids, nulls, optional fields and strings in a format (uuid, date-time, email, ipv4), the mix
# on which discovery was slowest relative to genson.


def _ipv4(rng: random.Random) -> str:
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def _email(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}.{rng.randint(1, 9999)}@{rng.choice(WORDS)}.example.com"


def _maybe(rng: random.Random, value: Any, chance: float = 0.3) -> Any:
    return None if rng.random() < chance else value


# Sensor and session ids repeat across events, as a fleet's do: such maps look like records
# with many optional fields until the key count gives them away.
SENSOR_IDS = tuple(
    str(uuid.UUID(int=random.Random(n).getrandbits(128), version=4)) for n in range(64)
)


def _telemetry(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "deviceId": _uuid(rng),
        "ip": _ipv4(rng),
        "reportedAt": _time(rng),
        "sensors": {
            rng.choice(SENSOR_IDS): {
                "value": rng.choice((round(rng.uniform(-40, 90), 3), rng.randint(0, 100), None)),
                "unit": rng.choice(("C", "%", "hPa")),
                "at": _time(rng),
            }
            for _ in range(rng.randint(1, 4))
        },
        "lastError": _maybe(rng, _text(rng, 3), 0.8),
    }
    if rng.random() < 0.5:
        detail["firmware"] = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}"
    return detail


def _signup(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "userId": _uuid(rng),
        "email": _email(rng),
        "signedUpAt": _time(rng),
        "referrer": _maybe(rng, _email(rng), 0.6),
        "sessions": {
            f"sess-{rng.randint(0, 499):04d}": {"ip": _ipv4(rng), "started": _time(rng)}
            for _ in range(rng.randint(1, 3))
        },
    }
    if rng.random() < 0.7:
        profile: dict[str, Any] = {"name": _text(rng, 2), "age": _maybe(rng, rng.randint(18, 90))}
        if rng.random() < 0.5:
            profile["locale"] = rng.choice(("en-GB", "nl-NL", "de-DE"))
        detail["profile"] = profile
    return detail


def _inventory(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "batchId": _uuid(rng),
        "adjustedBy": _email(rng),
        "at": _time(rng),
        "warehouses": {
            f"wh-{rng.randint(100, 999)}": {
                f"SKU-{rng.randint(1000, 9999)}": rng.randint(-50, 500)
                for _ in range(rng.randint(1, 4))
            }
            for _ in range(rng.randint(1, 3))
        },
    }
    if rng.random() < 0.4:
        detail["reason"] = rng.choice(("recount", "damage", "return", None))
    return detail


def _login_failed(rng: random.Random) -> dict[str, Any]:
    return {
        "requestId": _uuid(rng),
        "accountEmail": _email(rng),
        "sourceIp": _ipv4(rng),
        "userAgent": _maybe(rng, f"Mozilla/5.0 ({rng.choice(WORDS)})", 0.2),
        "attempts": [
            {"at": _time(rng), "ip": _ipv4(rng), "reason": _maybe(rng, rng.choice(WORDS), 0.5)}
            for _ in range(rng.randint(1, 3))
        ],
    }


def _invoice(rng: random.Random) -> dict[str, Any]:
    lines = {}
    for _ in range(rng.randint(1, 3)):
        line: dict[str, Any] = {
            "amount": round(rng.uniform(1, 500), 2),
            "tax": _maybe(rng, round(rng.uniform(0, 50), 2)),
        }
        if rng.random() < 0.3:
            line["note"] = _text(rng, 2)
        lines[_uuid(rng)] = line
    return {
        "invoiceId": _uuid(rng),
        "customerEmail": _email(rng),
        "issuedAt": _time(rng),
        "paidAt": _maybe(rng, _time(rng), 0.5),
        "lines": lines,
    }


VARIED_TYPES: KINDS = (
    ("com.example.iot", "Device Telemetry", _telemetry),
    ("com.example.users", "User Signed Up", _signup),
    ("com.example.inventory", "Inventory Adjusted", _inventory),
    ("aws.signin", "Sign-in Failed", _login_failed),
    ("com.example.billing", "Invoice Issued", _invoice),
)


def _event(rng: random.Random, kinds: KINDS = EVENT_TYPES) -> dict[str, Any]:
    source, detail_type, make_detail = rng.choice(kinds)
    region = rng.choice(REGIONS)
    account = f"{rng.randint(10**11, 10**12 - 1)}"
    return {
        "version": "0",
        "id": _uuid(rng),
        "detail-type": detail_type,
        "source": source,
        "account": account,
        "time": _time(rng),
        "region": region,
        "resources": [
            f"arn:aws:{source.split('.')[-1]}:{region}:{account}:thing/{rng.getrandbits(32):x}"
            for _ in range(rng.randint(0, 2))
        ],
        "detail": make_detail(rng),
    }


def kinds_named(detail_types: list[str] | None, varied: bool = False) -> KINDS:
    every = VARIED_TYPES if varied else EVENT_TYPES
    if not detail_types:
        return every
    chosen = tuple(kind for kind in every if kind[1] in detail_types)
    if len(chosen) != len(set(detail_types)):
        known = ", ".join(kind[1] for kind in every)
        raise SystemExit(f"unknown detail-type in {detail_types}; known: {known}")
    return chosen


def events(count: int, seed: int, kinds: KINDS = EVENT_TYPES) -> Iterator[str]:
    """`count` JSON lines (without newline), each between MIN_BYTES and MAX_BYTES long."""
    rng = random.Random(seed)
    for _ in range(count):
        event = _event(rng, kinds)
        line = json.dumps(event, separators=(",", ":"))
        target = rng.randint(MIN_BYTES + 16, MAX_BYTES - 64)
        if len(line) < target:
            # A free-text note pads the event: real events carry descriptions of all sizes.
            filler = _text(rng, (target - len(line)) // 4 + 2)
            event["detail"]["note"] = filler[: max(1, target - len(line) - 12)]
            line = json.dumps(event, separators=(",", ":"))
        while len(line) > MAX_BYTES and event["resources"]:
            event["resources"].pop()
            line = json.dumps(event, separators=(",", ":"))
        yield line


def write_corpus(
    path: Path,
    count: int,
    seed: int = 7,
    detail_types: list[str] | None = None,
    varied: bool = False,
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    kinds = kinds_named(detail_types, varied)
    with path.open("w", encoding="utf-8") as out:
        for line in events(count, seed, kinds):
            out.write(line + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument(
        "--detail-type",
        action="append",
        dest="detail_types",
        help="Only events of this detail-type (repeatable), e.g. 'Order Placed'.",
    )
    parser.add_argument(
        "--varied",
        action="store_true",
        help="The varied stream: five detail-types, id-keyed maps, nulls, formats everywhere.",
    )
    args = parser.parse_args()
    write_corpus(args.output, args.events, args.seed, args.detail_types, args.varied)


if __name__ == "__main__":
    main()
