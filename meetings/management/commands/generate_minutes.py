"""python manage.py generate_minutes --items 100000 [--councillors 60 --councils 3]

Synthetic minutes for benchmarks: meetings of twenty committees across fifteen years, each
written as a text page and imported through the real parser and loader, so the data has
the shape real minutes have (resolutions, actions, references) and the search index is built
the way imports build it.

With --recommendations, a scrutiny board's resolution now and then recommends to Cabinet, and a
later Cabinet minute answers most of them, naming the board's minute.

With --every-council, each of the --councils councils has all twenty committees of its own (50
councils × 20 committees is a national site's shape), each meeting imported into its council's
committee as a crawl would, its document kept for `reparse`.

With --councillors, each council has that many councillors (without --every-council, the
twenty committees are shared among the --councils councils), and every meeting's minutes print
its attendance (a chair, members present,
apologies, substitutes), with declarations of interest and recorded votes now and then, read
and matched as real minutes are. Their random draws are their own: the minutes' items are the
same with or without them.
"""

from __future__ import annotations

import datetime
import random

from django.core.management.base import BaseCommand, CommandParser

from importers.dates import municipal_year
from meetings.addresses import new_slug, settle_addresses
from meetings.crawl import label_councils
from meetings.importing import content_type, import_document, parse_document
from meetings.loader import IMPORTED, LoadResult, StoredDocument, refresh_after_bulk_import, save_meeting
from meetings.models import Committee, Item, Source
from meetings.recommendations.loader import update_every_council
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
        parser.add_argument("--councillors", type=int, default=0, help="Councillors a council (0: no attendance).")
        parser.add_argument("--councils", type=int, default=1, help="Councils sharing the committees.")
        parser.add_argument(
            "--recommendations", action="store_true", help="Scrutiny boards recommend to Cabinet, which answers."
        )
        parser.add_argument("--every-council", action="store_true", help="Each council has every committee of its own.")

    def handle(self, *args, **options) -> None:
        rng = random.Random(options["seed"])
        target, per_meeting = options["items"], options["per_meeting"]
        committees = every_councils_committees(options["councils"]) if options["every_council"] else {}
        # However many items are asked for, the meetings are spread over the same fifteen years.
        held = Item.objects.count()  # counted once: counting a million rows per meeting doubled the time
        meetings = -(-(target - held) // per_meeting)
        days_apart = YEARS * 365.25 / max(meetings, 1)
        roll = Roll(random.Random(options["seed"] + 1), options["councils"], options["councillors"], bool(committees))
        recommending = Recommending(random.Random(options["seed"] + 2), options["recommendations"])
        numbers: dict[tuple[int, str], int] = {}
        year = None
        made = 0
        while held < target:
            committee = rng.choice(COMMITTEES)
            council = rng.randrange(options["councils"]) if committees else 0
            day = FIRST_DAY + datetime.timedelta(days=int(made * days_apart))
            if municipal_year(day) != year:
                year = municipal_year(day)
                numbers.clear()  # a new municipal year: numbering restarts
            first = numbers.get((council, committee), 0) + 1
            numbers[council, committee] = first + per_meeting - 1
            numbered = range(first, first + per_meeting)
            text = meeting_text(rng, committee, day, numbered, roll, recommending, roll.council(council, committee))
            name = f"generated/{council + 1}/{committee}/{day.isoformat()}.txt"
            if committees:
                result = import_into(committees[council, committee], text.encode(), name)
            else:
                result = import_document(text, name, track=False)
            if result.outcome == IMPORTED:
                held += result.meeting.items.count()
            else:  # the same committee and day drawn twice: that meeting was replaced
                held = Item.objects.count()
            made += 1
            if made % 100 == 0:
                self.stdout.write(f"{held} items")
        for each in Committee.objects.all():  # each committee's actions derived once, not after every meeting
            update_actions(each)
        update_every_council()
        refresh_after_bulk_import(made)
        self.stdout.write(f"generated {made} meetings; the database holds {Item.objects.count()} items")


def every_councils_committees(councils: int) -> dict[tuple[int, str], Committee]:
    """Each council's site (a Source) and its own twenty committees, by (council, name)."""
    committees = {}
    for n in range(councils):
        source = Source.objects.get_or_create(
            url=f"https://council-{n + 1}.example/", defaults={"name": f"Council {n + 1}"}
        )[0]
        for name in COMMITTEES:
            committee = Committee.objects.filter(council_id=source.council_id, name=name).first()
            if committee is None:
                slug = new_slug(name, source.council)
                committee = Committee.objects.create(name=name, slug=slug, source=source, council_id=source.council_id)
            committees[n, name] = committee
    settle_addresses()  # the first council's committees were made while it was the only one
    label_councils()  # each committee shown with its council's name, as a crawl leaves them
    for committee in committees.values():
        committee.refresh_from_db(fields=["slug"])
    return committees


def import_into(committee: Committee, data: bytes, name: str) -> LoadResult:
    """One meeting's minutes into `committee`, as a crawl imports them (its document kept)."""
    stored = StoredDocument(name.rsplit("/", 1)[-1], content_type(data), data)
    return save_meeting(parse_document(data, name), documents=[stored], committee=committee, track=False)


def meeting_text(
    rng: random.Random,
    committee: str,
    day: datetime.date,
    numbers: range,
    roll: Roll | None = None,
    recommending: Recommending | None = None,
    council: int = 0,
) -> str:
    people = roll is not None and roll.councillors > 0
    items = []
    for number in numbers:
        topic, other = rng.sample(TOPICS, 2)
        body = [
            rng.choice(SENTENCES).format(body=committee, topic=topic, other=other) for _ in range(rng.randint(2, 6))
        ]
        if rng.random() < 0.5:
            month = rng.choice(["January", "March", "June", "October"])
            clauses = [rng.choice(RESOLUTIONS).format(topic=topic, other=other, month=month)]
            if people:
                body += roll.vote(council, committee, day)
            body.append("RESOLVED that " + clauses[0] + ".")
            if recommending:
                body += recommending.recommend(committee, number, day, topic)
        if people:
            body[:0] = roll.declaration(council, committee, day)
        if recommending:
            body[:0] = recommending.answer(committee, day)
        if rng.random() < 0.1:
            body.insert(
                0, f"Further to Minute {rng.randint(1, number)}/{day.year % 100:02d} the {committee} returned to this."
            )
        items.append(
            f"{number}.\n\n{topic.capitalize()} PDF {rng.randint(20, 900)} KB\n\nMinutes:\n\n" + "\n\n".join(body)
        )
    header = f"Agenda and minutes\n\n{committee} - {day.day} {day:%B %Y} 2.00 pm\n\nVenue: Council House\n\n"
    if people:
        header += roll.attendance(council, committee, day)
    return header + "\n\n".join(items) + "\n"


FORENAMES = [
    "Alison", "Ben", "Catherine", "David", "Emma", "Faisal", "Gillian", "Harjinder", "Ian", "Jane", "Kamran",
    "Linda", "Mohammed", "Nicola", "Owen", "Patricia", "Rachel", "Sanjay", "Tim", "Valerie",
]  # fmt: skip
SURNAMES = [
    "Ali", "Bains", "Birdi", "Brown", "Caan", "Clifford", "Duggins", "Evans", "Gannon", "Hetherton", "Jandu",
    "Kaur", "Lapsa", "Mayer", "Miks", "Mutton", "Noonan", "O'Boyle", "Patel", "Ridley", "Ruane", "Sandy",
    "Sawdon", "Seaman", "Singh", "Skinner", "Smith", "Taylor", "Thay", "Walsh", "Welsh", "Williams",
]  # fmt: skip
MEMBERS = 10  # a committee's members in a municipal year
INTERESTS = [
    "as a governor of a local school", "as a member of the Fire Authority", "as her husband works for the NHS",
    "as a trustee of a local charity", "as he rents a property in the city",
]  # fmt: skip


class Roll:
    """The generated councils' councillors, each committee's members for each municipal year, and
    what the minutes print of them. Draws from its own `rng`, so the minutes' items are the same
    with or without it."""

    def __init__(self, rng: random.Random, councils: int, councillors: int, every_council: bool = False):
        self.rng, self.councillors = rng, councillors
        # Shared committees: each belongs to one council. Otherwise a meeting's council is drawn with it.
        self.council_of = {} if every_council else {name: index % councils for index, name in enumerate(COMMITTEES)}
        pairs = [(forename, surname) for surname in SURNAMES for forename in FORENAMES]
        self.pools = [[f"{f} {s}" for f, s in rng.sample(pairs, councillors)] for _ in range(councils)]
        self.members: dict[tuple[int, str, int], list[str]] = {}
        if councillors and not every_council:
            self._place_committees(councils)

    def council(self, drawn: int, committee: str) -> int:
        """The council whose councillors sit on `committee`: its own, where committees are shared."""
        return self.council_of.get(committee, drawn)

    def _place_committees(self, councils: int) -> None:
        """A council (a Source) for each committee, before any of its minutes are imported."""
        sources = [
            Source.objects.get_or_create(
                url=f"https://council-{n + 1}.example/", defaults={"name": f"Council {n + 1}"}
            )[0]
            for n in range(councils)
        ]
        for committee, council in self.council_of.items():
            source = sources[council]
            if not Committee.objects.filter(name=committee, council_id=source.council_id).exists():
                slug = new_slug(committee, source.council)
                Committee.objects.create(name=committee, slug=slug, source=source, council_id=source.council_id)
        label_councils()

    def _members(self, council: int, committee: str, day: datetime.date) -> list[str]:
        key = (council, committee, municipal_year(day))
        if key not in self.members:
            pool = self.pools[council]
            self.members[key] = self.rng.sample(pool, min(MEMBERS, len(pool)))
        return self.members[key]

    def attendance(self, council: int, committee: str, day: datetime.date) -> str:
        """ "Present: Councillor A (Chair), ..." and "Apologies: ...", with substitutes."""
        members = self._members(council, committee, day)
        pool = self.pools[council]
        others = [name for name in pool if name not in members]
        present, apologies = [f"Councillor {members[0]} (Chair)"], []
        for name in members[1:]:
            if self.rng.random() < 0.85:
                present.append(f"Councillor {name}")
                continue
            apologies.append(f"Councillor {name}")
            if others and self.rng.random() < 0.3:
                substitute = others.pop(self.rng.randrange(len(others)))
                present.append(f"Councillor {substitute} (substitute for Councillor {name})")
        text = "Present: " + ", ".join(present) + "\n\n"
        return text + (f"Apologies: {', '.join(apologies)}\n\n" if apologies else "")

    def declaration(self, council: int, committee: str, day: datetime.date) -> list[str]:
        """Now and then, a member's declaration of interest in the item."""
        if self.rng.random() >= 0.02:
            return []
        name = self.rng.choice(self._members(council, committee, day))
        kind = self.rng.choice(["a personal interest", "an other registrable interest"])
        return [f"Councillor {name} declared {kind} in this item {self.rng.choice(INTERESTS)}."]

    def vote(self, council: int, committee: str, day: datetime.date) -> list[str]:
        """Now and then, a recorded vote before the resolution: by counts, or by name."""
        chance = self.rng.random()
        if chance < 0.03:
            return [f"The recommendation was carried by {self.rng.randint(5, 8)} votes to {self.rng.randint(1, 3)}."]
        if chance < 0.04:
            members = self._members(council, committee, day)
            split = self.rng.randint(5, len(members) - 1)
            yes, no = members[:split], members[split:]
            return [
                "A recorded vote was taken:",
                f"For: {_listed(yes)} ({len(yes)})",
                f"Against: {_listed(no)} ({len(no)})",
            ]
        return []


def _listed(names: list[str]) -> str:
    """ "Councillor A", "Councillors A and B", "Councillors A, B and C"."""
    if len(names) == 1:
        return f"Councillor {names[0]}"
    return f"Councillors {', '.join(names[:-1])} and {names[-1]}"


class Recommending:
    """Scrutiny boards' recommendations to Cabinet, and Cabinet's answers to most of them, naming the
    recommending minute, in the order the meetings are generated. Draws from its own `rng`."""

    def __init__(self, rng: random.Random, enabled: bool):
        self.rng, self.enabled = rng, enabled
        self.waiting: list[tuple[str, int, datetime.date, str]] = []  # (board, minute number, day, topic)

    def recommend(self, committee: str, number: int, day: datetime.date, topic: str) -> list[str]:
        if not self.enabled or "Scrutiny" not in committee or self.rng.random() >= 0.15:
            return []
        self.waiting.append((committee, number, day, topic))
        return [f"RESOLVED that the Board recommends to Cabinet that the approach to {topic} be reviewed."]

    def answer(self, committee: str, day: datetime.date) -> list[str]:
        if not self.enabled or committee != "Cabinet" or not self.waiting or self.waiting[0][2] >= day:
            return []
        if self.rng.random() >= 0.3:
            return []
        board, number, made, topic = self.waiting.pop(0)
        if self.rng.random() < 0.1:
            return []  # never answered
        outcome = self.rng.choice(["accepted", "noted", "rejected"])
        return [
            f"Further to Minute {number}/{municipal_year(made) % 100:02d} of the {board}, the Cabinet considered "
            f"the Board's recommendations on {topic}.",
            f"RESOLVED that the recommendations be {outcome}.",
        ]
