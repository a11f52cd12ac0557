"""python manage.py generate_minutes --items 100000

Synthetic minutes for benchmarks: meetings of twenty committees across fifteen years, each
written as a text page and imported through the real parser and loader, so the data has
the shape real minutes have (resolutions, actions, references) and the search index is built
the way imports build it.
"""

from __future__ import annotations

import datetime
import random

from django.core.management.base import BaseCommand, CommandParser

from importers.dates import municipal_year
from meetings.importing import import_document
from meetings.loader import IMPORTED, refresh_after_bulk_import
from meetings.models import Committee, Item
from meetings.tracking import update_actions

FIRST_DAY = datetime.date(2010, 5, 6)
YEARS = 15
COMMITTEES = [
    "Cabinet", "Planning Committee", "Licensing Committee", "Audit Panel", "Schools Forum",
    "Health Scrutiny Board", "Finance Scrutiny Board", "Housing Scrutiny Board", "Council",
    "Standards Committee", "Health and Wellbeing Board", "Corporate Parenting Panel",
    "Transport Scrutiny Board", "Environment Committee", "Pensions Committee",
    "Employment Committee", "Ethics Committee", "Communities Scrutiny Board",
    "Children's Services Scrutiny Board", "Economy Scrutiny Board",
]  # fmt: skip
TOPICS = [
    "home schooling", "school inspections", "special educational needs", "adult social care",
    "children in care", "recruitment and retention", "social workers", "budget monitoring",
    "capital programme", "treasury management", "council tax", "housing allocations", "homelessness",
    "air quality", "flood risk", "bus services", "road safety", "parking charges", "waste collection",
    "recycling", "libraries", "leisure centres", "parks", "climate change", "carbon reduction",
    "digital services", "cyber security", "internal audit", "external audit", "risk register", "fraud",
    "pensions", "workforce strategy", "sickness absence", "apprenticeships", "domestic abuse",
    "community safety", "youth services", "public health", "mental health", "dementia", "hospital discharge",
    "care homes", "fostering", "adoption", "safeguarding", "child protection", "ofsted improvement plan",
    "local plan", "planning enforcement", "licensing policy", "taxi licensing", "city centre regeneration",
    "town deal", "levelling up", "cost of living",
]  # fmt: skip
SENTENCES = [
    "The {body} considered a report of the Director on {topic}.",
    "Members asked about {topic} and the effect on {other}.",
    "Officers explained the progress made on {topic} since the last meeting.",
    "The Cabinet Member answered questions on {other} and {topic}.",
    "The report set out the options for {topic}, including the costs and risks.",
    "Members noted the performance figures for {topic} in the quarter.",
]
RESOLUTIONS = [
    "the report on {topic} be noted",
    "a further report on {topic} be considered in {month}",
    "{topic} be added to the work programme",
    "officers provide further information on {other}",
    "the recommendations on {topic} be approved",
]


class Command(BaseCommand):
    help = "Generate and import synthetic minutes until the database holds --items items."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument("--per-meeting", type=int, default=60)
        parser.add_argument("--seed", type=int, default=2016)

    def handle(self, *args, **options) -> None:
        rng = random.Random(options["seed"])
        target, per_meeting = options["items"], options["per_meeting"]
        # However many items are asked for, the meetings are spread over the same fifteen years.
        held = Item.objects.count()  # counted once: counting a million rows per meeting doubled the time
        meetings = -(-(target - held) // per_meeting)
        days_apart = YEARS * 365.25 / max(meetings, 1)
        numbers: dict[str, int] = {}
        year = None
        made = 0
        while held < target:
            committee = rng.choice(COMMITTEES)
            day = FIRST_DAY + datetime.timedelta(days=int(made * days_apart))
            if municipal_year(day) != year:
                year = municipal_year(day)
                numbers.clear()  # a new municipal year: numbering restarts
            first = numbers.get(committee, 0) + 1
            numbers[committee] = first + per_meeting - 1
            text = meeting_text(rng, committee, day, range(first, first + per_meeting))
            result = import_document(text, f"generated/{committee}/{day.isoformat()}.txt", track=False)
            if result.outcome == IMPORTED:
                held += result.meeting.items.count()
            else:  # the same committee and day drawn twice: that meeting was replaced
                held = Item.objects.count()
            made += 1
            if made % 100 == 0:
                self.stdout.write(f"{held} items")
        for each in Committee.objects.all():  # each committee's actions derived once, not after every meeting
            update_actions(each)
        refresh_after_bulk_import(made)
        self.stdout.write(f"generated {made} meetings; the database holds {Item.objects.count()} items")


def meeting_text(rng: random.Random, committee: str, day: datetime.date, numbers: range) -> str:
    items = []
    for number in numbers:
        topic, other = rng.sample(TOPICS, 2)
        body = [
            rng.choice(SENTENCES).format(body=committee, topic=topic, other=other) for _ in range(rng.randint(2, 6))
        ]
        if rng.random() < 0.5:
            month = rng.choice(["January", "March", "June", "October"])
            clauses = [rng.choice(RESOLUTIONS).format(topic=topic, other=other, month=month)]
            body.append("RESOLVED that " + clauses[0] + ".")
        if rng.random() < 0.1:
            body.insert(
                0, f"Further to Minute {rng.randint(1, number)}/{day.year % 100:02d} the {committee} returned to this."
            )
        items.append(
            f"{number}.\n\n{topic.capitalize()} PDF {rng.randint(20, 900)} KB\n\nMinutes:\n\n" + "\n\n".join(body)
        )
    header = f"Agenda and minutes\n\n{committee} - {day.day} {day:%B %Y} 2.00 pm\n\nVenue: Council House\n\n"
    return header + "\n\n".join(items) + "\n"
