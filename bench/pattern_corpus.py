"""Seeded generator of EventBridge events and 100 realistic rules for the pattern benchmark.

Seven event types from seven sources (EC2 state changes, S3 object events, orders with an array
of line items, payments, CloudWatch alarms, GuardDuty findings, sign-ups). The rules mix what
real rule sets hold: source/detail-type routing, exact lists on detail fields, prefix, suffix,
anything-but, numeric ranges, exists, equals-ignore-case, cidr, `$or` and nested detail fields.
A few rules look into arrays of objects, which moto does not support; they are flagged.

    python bench/pattern_corpus.py --events 50000 --seed 7 --events-out /tmp/ev.jsonl \
        --rules-out /tmp/rules
"""

# ruff: noqa: E501 - one rule template per line reads best as a table
from __future__ import annotations

import argparse
import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1")
STATES = ("pending", "running", "stopping", "stopped", "terminated")
TIERS = ("free", "silver", "gold", "platinum")
COUNTRIES = ("DE", "FR", "US", "GB", "NL", "ES")
METHODS = ("card", "paypal", "sepa", "giftcard")
ALARM_STATES = ("OK", "ALARM", "INSUFFICIENT_DATA")
FINDINGS = (
    "Recon:EC2/PortProbeUnprotectedPort",
    "UnauthorizedAccess:EC2/SSHBruteForce",
    "CryptoCurrency:EC2/BitcoinTool.B",
    "Trojan:EC2/DNSDataExfiltration",
)
KEY_PREFIXES = ("uploads/", "images/", "logs/", "tmp/")
KEY_SUFFIXES = (".jpg", ".png", ".csv", ".log", ".JPG")
PLANS = ("trial", "starter", "team", "enterprise")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"2001:db8:{rng.randint(0, 0xFFFF):x}::{rng.randint(1, 0xFFFF):x}"
    return f"{rng.choice((10, 172, 192, 203))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def _ec2(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "instance-id": f"i-{rng.getrandbits(64):016x}",
        "state": rng.choice(STATES),
    }
    if rng.random() < 0.4:
        detail["previous-state"] = rng.choice(STATES)
    return detail


def _s3(rng: random.Random) -> dict[str, Any]:
    key = f"{rng.choice(KEY_PREFIXES)}{rng.getrandbits(32):08x}{rng.choice(KEY_SUFFIXES)}"
    return {
        "version": "0",
        "bucket": {"name": rng.choice(("media-prod", "media-dev", "logs-prod", "exports"))},
        "object": {
            "key": key,
            "size": rng.randint(0, 50_000_000),
            "etag": f"{rng.getrandbits(64):x}",
        },
        "requester": str(rng.randint(100000000000, 999999999999)),
        "source-ip-address": _ip(rng),
        "reason": rng.choice(("PutObject", "CopyObject", "CompleteMultipartUpload")),
    }


def _order(rng: random.Random) -> dict[str, Any]:
    items = [
        {
            "sku": f"SKU-{rng.randint(1, 40):03d}",
            "qty": rng.randint(1, 5),
            "price": round(rng.uniform(1, 300), 2),
        }
        for _ in range(rng.randint(1, 4))
    ]
    detail: dict[str, Any] = {
        "order": {"id": _uuid(rng), "total": round(sum(i["price"] * i["qty"] for i in items), 2)},
        "currency": rng.choice(("EUR", "USD", "GBP")),
        "customer": {"tier": rng.choice(TIERS), "country": rng.choice(COUNTRIES)},
        "items": items,
        "channel": rng.choice(("web", "ios", "android", "pos")),
    }
    if rng.random() < 0.3:
        detail["coupon"] = rng.choice(("SPRING10", "VIP20", None))
    return detail


def _payment(rng: random.Random) -> dict[str, Any]:
    return {
        "paymentId": _uuid(rng),
        "amount": round(rng.uniform(0.5, 2500), 2),
        "method": rng.choice(METHODS),
        "status": rng.choice(("SUCCEEDED", "FAILED", "PENDING", "succeeded")),
        "risk": {"score": rng.randint(0, 100), "level": rng.choice(("low", "medium", "high"))},
    }


def _alarm(rng: random.Random) -> dict[str, Any]:
    return {
        "alarmName": f"{rng.choice(('api', 'db', 'queue', 'web'))}-{rng.choice(('latency', 'errors', 'cpu'))}-{rng.choice(('prod', 'dev'))}",
        "state": {"value": rng.choice(ALARM_STATES), "reason": "Threshold Crossed"},
        "previousState": {"value": rng.choice(ALARM_STATES)},
    }


def _finding(rng: random.Random) -> dict[str, Any]:
    return {
        "severity": rng.choice((2, 2.5, 5, 5.3, 7, 8, 8.9)),
        "type": rng.choice(FINDINGS),
        "service": {
            "action": {
                "actionType": rng.choice(("PORT_PROBE", "NETWORK_CONNECTION", "DNS_REQUEST"))
            },
            "remoteIp": _ip(rng),
        },
    }


def _signup(rng: random.Random) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "userId": _uuid(rng),
        "plan": rng.choice(PLANS),
        "email": f"user{rng.randint(1, 99999)}@{rng.choice(('example.com', 'corp.example', 'mail.test'))}",
    }
    if rng.random() < 0.5:
        detail["referrer"] = rng.choice(("google", "partner", "newsletter"))
    return detail


EVENT_TYPES: tuple[tuple[str, str, Callable[[random.Random], dict[str, Any]]], ...] = (
    ("aws.ec2", "EC2 Instance State-change Notification", _ec2),
    ("aws.s3", "Object Created", _s3),
    ("com.shop.orders", "Order Placed", _order),
    ("com.shop.payments", "Payment Processed", _payment),
    ("aws.cloudwatch", "CloudWatch Alarm State Change", _alarm),
    ("aws.guardduty", "GuardDuty Finding", _finding),
    ("com.shop.users", "User Signed Up", _signup),
)


def generate_events(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    events = []
    for _ in range(count):
        source, detail_type, detail = rng.choice(EVENT_TYPES)
        events.append(
            {
                "version": "0",
                "id": _uuid(rng),
                "detail-type": detail_type,
                "source": source,
                "account": str(rng.choice((111122223333, 444455556666, 123456789012))),
                "time": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z",
                "region": rng.choice(REGIONS),
                "resources": [
                    f"arn:aws:ec2:{rng.choice(REGIONS)}:123456789012:instance/i-{rng.getrandbits(32):08x}"
                ],
                "detail": detail(rng),
            }
        )
    return events


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: dict[str, Any]
    moto_supported: bool = True  # False: looks into arrays of objects, which moto cannot


def _templates(rng: random.Random) -> list[Callable[[], tuple[dict[str, Any], bool]]]:
    def r(choices: tuple[Any, ...], k: int = 2) -> list[Any]:
        return rng.sample(list(choices), k)

    return [
        lambda: (
            {
                "source": ["aws.ec2"],
                "detail-type": ["EC2 Instance State-change Notification"],
                "detail": {"state": r(STATES)},
            },
            True,
        ),
        lambda: (
            {"source": ["aws.ec2"], "detail": {"state": [{"anything-but": r(STATES, 3)}]}},
            True,
        ),
        lambda: (
            {"source": ["aws.ec2"], "detail": {"previous-state": [{"exists": rng.random() < 0.5}]}},
            True,
        ),
        lambda: (
            {
                "source": ["aws.s3"],
                "detail": {"object": {"key": [{"prefix": rng.choice(KEY_PREFIXES)}]}},
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.s3"],
                "detail": {
                    "object": {"key": [{"suffix": rng.choice(KEY_SUFFIXES)}]},
                    "bucket": {"name": ["media-prod", "media-dev"]},
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.s3"],
                "detail": {
                    "object": {
                        "size": [
                            {"numeric": [">", rng.randint(0, 10) * 1_000_000, "<=", 40_000_000]}
                        ]
                    }
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.s3"],
                "detail": {
                    "source-ip-address": [
                        {"cidr": rng.choice(("10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"))}
                    ]
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.orders"],
                "detail-type": ["Order Placed"],
                "detail": {"customer": {"tier": r(TIERS)}, "currency": ["EUR"]},
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.orders"],
                "detail": {"order": {"total": [{"numeric": [">=", rng.randint(1, 5) * 100]}]}},
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.orders"],
                "detail": {"$or": [{"customer": {"country": r(COUNTRIES)}}, {"channel": ["pos"]}]},
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.orders"],
                "detail": {
                    "coupon": [{"exists": True}],
                    "customer": {"tier": [{"anything-but": "free"}]},
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.orders"],
                "detail": {"items": {"sku": [f"SKU-{rng.randint(1, 40):03d}"]}},
            },
            False,
        ),
        lambda: (
            {
                "source": ["com.shop.payments"],
                "detail": {
                    "status": [{"equals-ignore-case": "succeeded"}],
                    "amount": [{"numeric": [">", 1000]}],
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.payments"],
                "detail": {
                    "method": r(METHODS),
                    "risk": {"score": [{"numeric": [">=", rng.randint(50, 90)]}]},
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.cloudwatch"],
                "detail-type": ["CloudWatch Alarm State Change"],
                "detail": {
                    "state": {"value": ["ALARM"]},
                    "alarmName": [{"prefix": rng.choice(("api-", "db-", "queue-", "web-"))}],
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.cloudwatch"],
                "detail": {
                    "alarmName": [{"suffix": "-prod"}],
                    "previousState": {"value": [{"anything-but": "OK"}]},
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.guardduty"],
                "detail": {"severity": [{"numeric": [">=", rng.choice((4, 7)), "<", 9]}]},
            },
            True,
        ),
        lambda: (
            {
                "source": ["aws.guardduty"],
                "detail": {
                    "type": [{"prefix": rng.choice(("Recon:", "UnauthorizedAccess:", "Trojan:"))}],
                    "service": {"action": {"actionType": ["PORT_PROBE", "NETWORK_CONNECTION"]}},
                },
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.users"],
                "detail": {"plan": r(PLANS), "referrer": [{"exists": False}]},
            },
            True,
        ),
        lambda: (
            {
                "source": ["com.shop.users"],
                "$or": [
                    {"detail": {"plan": ["enterprise"]}},
                    {"detail": {"referrer": ["partner"]}},
                ],
            },
            True,
        ),
        lambda: ({"source": [{"prefix": "com.shop."}], "region": [rng.choice(REGIONS)]}, True),
        lambda: (
            {"detail-type": ["Order Placed", "Payment Processed"], "account": ["123456789012"]},
            True,
        ),
    ]


def generate_rules(count: int = 100, seed: int = 7) -> list[Rule]:
    rng = random.Random(seed)
    templates = _templates(rng)
    rules = []
    for index in range(count):
        pattern, supported = templates[index % len(templates)]()
        rules.append(Rule(f"rule-{index:03d}", pattern, supported))
    return rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--events-out", type=Path, required=True)
    parser.add_argument("--rules-out", type=Path, required=True)
    args = parser.parse_args()
    with args.events_out.open("w") as out:
        for event in generate_events(args.events, args.seed):
            out.write(json.dumps(event, separators=(",", ":")) + "\n")
    args.rules_out.mkdir(parents=True, exist_ok=True)
    for rule in generate_rules(args.rules, args.seed):
        (args.rules_out / f"{rule.name}.json").write_text(json.dumps(rule.pattern, indent=2))


if __name__ == "__main__":
    main()
