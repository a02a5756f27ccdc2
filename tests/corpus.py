"""Synthetic raw-text news for the service tests: events, each covered by several outlets.

Every outlet's article of an event reuses the event's wire paragraphs (as agencies' copy
is reused) and adds its own, so the articles of one event form one story without being
near-duplicates of each other. Events are days apart and have their own invented names,
so no two events can be one story. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

SYLLABLES = ("ka", "lo", "mer", "ti", "van", "dor", "el", "su", "rin", "ba", "zek", "ol", "tha", "mi", "gor", "pes")
NOUNS = ("council", "bridge", "harbour", "budget", "school", "hospital", "railway", "market", "festival", "river",
         "factory", "museum", "court", "election", "airport", "library", "stadium", "police", "union", "farm")
VERBS = ("approved", "rejected", "announced", "delayed", "opened", "closed", "inspected", "funded", "criticised",
         "expanded", "reviewed", "suspended")
TEMPLATES = (
    "{person} said the {noun} in {place} had been {verb} after {number} days of talks.",
    "Officials in {place} {verb} a plan for the {noun} on {weekday}, according to {person}.",
    "The decision affects about {number} residents who rely on the {noun}, {person} told reporters.",
    "“We have waited long enough for the {noun},” said {person}, who has lived in {place} for {number} years.",
    "Critics argued that the {noun} should have been {verb} before the winter, when demand is highest.",
    "A spokesperson for {person} confirmed that {number} people attended the meeting about the {noun}.",
    "Local groups in {place} welcomed the news but warned that the {noun} still needs more money.",
    "The regional government has {verb} similar projects in the past, often after long disputes.",
    "In {place}, {number} shops stayed shut while the {noun} was {verb}.",
    "{person} first raised concerns about the {noun} in a letter sent {number} weeks ago.",
    "Nobody from the {noun} answered questions on {weekday} evening.",
    "Engineers say the {noun} could be ready within {number} months if the money arrives.",
    "Residents queued outside the {noun} on {weekday} to read the notice.",
    "{person} declined to say whether the {noun} would be {verb} again next year.",
    "Figures seen by reporters show the {noun} cost {number} thousand more than planned.",
    "Several councillors in {place} walked out when the {noun} vote was called.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
START = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Event:
    index: int
    person: str
    official: str
    place: str
    day: datetime


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _paragraph(rng: random.Random, event: Event) -> str:
    sentences = []
    for template in rng.sample(TEMPLATES, 3):
        sentences.append(template.format(
            person=rng.choice((event.person, event.official)), place=event.place, noun=rng.choice(NOUNS),
            verb=rng.choice(VERBS), number=rng.randint(3, 900), weekday=rng.choice(WEEKDAYS)))
    return " ".join(sentences)


def write_events(folder: Path, events: int, outlets: int, seed: int = 1, first: int = 0) -> dict[str, int]:
    """Write `events` x `outlets` articles into `folder`; returns file name -> event index.
    Events are numbered from `first`, so several calls can fill one folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for e in range(first, first + events):
        event = Event(e, f"{_name(rng)} {_name(rng)}", f"{_name(rng)} {_name(rng)}", _name(rng),
                      START + timedelta(days=5 * e))
        wire = [_paragraph(rng, event) for _ in range(3)]
        for o in range(outlets):
            own = [_paragraph(rng, event) for _ in range(5)]
            published = event.day + timedelta(hours=o)
            lines = [f"{event.place} {rng.choice(NOUNS)} plan {rng.choice(VERBS)}, says {event.person.split()[1]}",
                     f"Published: {published:%Y-%m-%d %H:%M} UTC", *own[:2], *wire, *own[2:]]
            name = f"event{e:03d}_outlet{o}.txt"
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
            written[name] = e
    return written


def write_near_copy(original: Path, target: Path, seed: int = 1) -> None:
    """Republish an article as another outlet would: a new headline, one sentence edited."""
    rng = random.Random(seed)
    title, dateline, *paragraphs = original.read_text(encoding="utf-8").splitlines()
    edited = rng.randrange(len(paragraphs))
    sentences = paragraphs[edited].split(". ")
    sentences[0] = f"According to local reports, {sentences[0][0].lower()}{sentences[0][1:]}"
    paragraphs[edited] = ". ".join(sentences)
    target.write_text("\n".join([f"Update: {title}", dateline, *paragraphs]) + "\n", encoding="utf-8")
