"""Committees, their meetings, and what the minutes record.

A minute is identified by committee + municipal year + number: "Minute 59/16"
is minute 59 of the municipal year that began in May 2016. References store
that key, not a foreign key, so a reference resolves at query time to a
minute imported later, without re-importing anything.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


class Council(models.Model):
    """A council whose minutes the site follows: its committees, and the sites it publishes them
    on (Sources). Minutes imported from files belong to no council until a site of the same
    committees is crawled: a site that follows one council has no council level in the way."""

    COUNTY, DISTRICT, UNITARY, METROPOLITAN = "county", "district", "unitary", "metropolitan"
    LONDON, WELSH, SCOTTISH, NORTHERN_IRISH = "london_borough", "welsh", "scottish", "northern_irish"
    KINDS = [
        (COUNTY, "County council"),
        (DISTRICT, "District council"),
        (UNITARY, "Unitary authority"),
        (METROPOLITAN, "Metropolitan borough"),
        (LONDON, "London borough"),
        (WELSH, "Welsh principal council"),
        (SCOTTISH, "Scottish council"),
        (NORTHERN_IRISH, "Northern Irish district council"),
    ]

    name = models.CharField(max_length=255, unique=True, help_text='"Coventry City Council".')
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=20, choices=KINDS, blank=True, help_text="Blank where not yet said.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council", args=[self.slug])

    @classmethod
    def named(cls, name: str) -> Council:
        """The council of that name, made (with a free slug) where there is none yet."""
        found = cls.objects.filter(name=name).first()
        if found is not None:
            return found
        base = slugify(name)[:240] or "council"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return cls.objects.create(name=name, slug=slug)


class Source(models.Model):
    """A council's committee site that the crawler follows (`crawl_moderngov --all`): ModernGov or CMIS."""

    MODERNGOV = "moderngov"
    CMIS = "cmis"
    SYSTEMS = [(MODERNGOV, "ModernGov"), (CMIS, "CMIS")]

    name = models.CharField(max_length=255, help_text='The council, as pages name it: "Coventry City Council".')
    # Made from its name when the site is first saved (Council.named), where not chosen.
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="sources")
    url = models.URLField(
        max_length=500,
        unique=True,
        help_text="The site's address: https://edemocracy.example.gov.uk/ (CMIS: its meetings calendar page)",
    )
    committees = models.TextField(
        blank=True, help_text="Committees to follow, by id (CId) or name, one a line; blank follows every committee."
    )
    contact = models.EmailField(
        blank=True, help_text="Who the site's staff can write to about the crawler (sent in its User-Agent)."
    )
    system = models.CharField(
        max_length=20, choices=SYSTEMS, default=MODERNGOV, help_text="The committee system the site runs."
    )
    is_active = models.BooleanField(default=True, help_text="Crawled by `crawl_moderngov --all`.")
    last_crawl_started = models.DateTimeField(null=True, blank=True, editable=False)
    last_crawl_finished = models.DateTimeField(null=True, blank=True, editable=False)
    last_crawl_counts = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.council_id is None and self.name:
            self.council = Council.named(self.name)
        super().save(*args, **kwargs)

    @property
    def followed(self) -> list[str]:
        """The committees to follow, as written (ids or names); empty means all."""
        return [line.strip() for line in self.committees.splitlines() if line.strip()]


class Committee(models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    # When this committee's municipal year begins, where it is not the site's MUNICIPAL_YEAR_START.
    year_start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    year_start_day = models.PositiveSmallIntegerField(null=True, blank=True)
    # A committee found on a council's site is that site's committee id (CId), whatever it is called.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="committee_set")
    source_committee_id = models.PositiveIntegerField(null=True, blank=True, help_text="ModernGov's CId.")
    former_names = models.JSONField(default=list, blank=True, help_text="Names the site used before.")
    # Its council: its site's (None for minutes imported from files, one council).
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="committees")
    # The council's name, set only while the database holds more than one council (see label_councils).
    council_label = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_committee_id"],
                condition=Q(source__isnull=False, source_committee_id__isnull=False),
                name="unique_committee_per_site",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("committee", args=[self.slug])

    @property
    def display_name(self) -> str:
        """ "Cabinet", or "Cabinet (Coventry City Council)" where several councils share the site."""
        return self.shown_as(self.name, self.council_label)

    @staticmethod
    def shown_as(name: str, council_label: str) -> str:
        """A committee's display name from its columns, where they were read without it."""
        return f"{name} ({council_label})" if council_label else name

    def year_url(self, year: int) -> str:
        return reverse("committee_year", args=[self.slug, str(year), f"{(year + 1) % 100:02d}"])

    @staticmethod
    def slug_for(name: str) -> str:
        return slugify(name)[:255]

    @property
    def year_start(self) -> tuple[int, int]:
        """(month, day) the committee's municipal year begins: (5, 1) is 1 May."""
        if self.year_start_month and self.year_start_day:
            return self.year_start_month, self.year_start_day
        return default_year_start()


class FormerSlug(models.Model):
    """An address a committee was published under before (`/committees/<slug>/...`): every page
    there answers with a permanent redirect to the same page at its address now, and filters in
    saved links (`?committee=<slug>`) still choose it (meetings/addresses.py)."""

    slug = models.SlugField(max_length=255, unique=True)
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="former_slugs")
    moved_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.slug} → {self.committee.slug}"


def default_year_start() -> tuple[int, int]:
    month, day = settings.MUNICIPAL_YEAR_START.split("-")
    return int(month), int(day)


def _count(queryset: models.QuerySet) -> Coalesce:
    """A correlated COUNT(*) of `queryset` (filtered on OuterRef), as an annotation."""
    counted = queryset.order_by().annotate(group=Value(1)).values("group").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class MeetingQuerySet(models.QuerySet):
    def latest_first(self) -> MeetingQuerySet:
        return self.order_by("-date", "-start_time")

    def with_counts(self) -> MeetingQuerySet:
        """Annotate item_count, resolution_count and outstanding_count (one query, however many meetings)."""
        return self.annotate(
            item_count=_count(Item.objects.filter(meeting=OuterRef("pk"))),
            resolution_count=_count(Resolution.objects.filter(item__meeting=OuterRef("pk"))),
            outstanding_count=_count(Action.objects.outstanding().filter(item__meeting=OuterRef("pk"))),
        )

    def in_municipal_year(self, year: int) -> MeetingQuerySet:
        return self.filter(municipal_year=year)

    def with_attendance(self) -> MeetingQuerySet:
        """Meetings with the people app's `attendance_list`, each row with its people, in the
        minutes' order (one query, however many meetings)."""
        from .people.models import Attendance  # (the people app's models build on these)

        rows = Attendance.objects.select_related("person", "substitute_for").order_by("order")
        return self.prefetch_related(Prefetch("attendance", queryset=rows, to_attr="attendance_list"))

    def with_printed_original(self) -> MeetingQuerySet:
        """Annotate original_type and original_size: the newest PDF or Word document the meeting was
        imported from (its minutes of record), or None (in the meeting's own query)."""
        newest = SourceDocument.objects.printed_originals().filter(meeting=OuterRef("pk"))
        return self.annotate(
            original_type=Subquery(newest.values("content_type")[:1]),
            original_size=Subquery(newest.values("size")[:1]),
        )


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    # The municipal year its minutes are numbered in (its items' year), for browsing by year.
    municipal_year = models.PositiveSmallIntegerField()
    venue = models.CharField(max_length=500, blank=True)
    contact_name = models.CharField(max_length=255, blank=True)
    contact_phone = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(max_length=255, blank=True)
    source = models.CharField(max_length=1000, help_text="The file name or URL the minutes were imported from.")
    source_hash = models.CharField(max_length=64, help_text="SHA-256 of the source documents.")
    # SHA-256 of what the importer read from them: a better importer changes it, the same one does not.
    records_hash = models.CharField(max_length=64, blank=True, editable=False)
    parser_version = models.PositiveIntegerField(default=1)
    # "Extraordinary", "Special", "Reconvened": printed before the committee's name.
    kind = models.CharField(max_length=50, blank=True)
    # The site's meeting id (MId): a meeting moved to another day is still this meeting.
    source_meeting_id = models.PositiveIntegerField(null=True, blank=True, help_text="ModernGov's MId.")
    imported_at = models.DateTimeField()
    warnings = models.JSONField(default=list, blank=True, help_text="What the importer could not understand.")
    draft = models.BooleanField(
        default=False, help_text='The page calls its minutes a draft ("Agenda and draft minutes").'
    )
    # A committee rarely meets twice in a day; its second meeting that day gets ".../2/" in its URL.
    day_number = models.PositiveSmallIntegerField(default=1, editable=False)
    # Its calendar events' UID, made from its own identity when first imported and kept for good
    # (when it moves to another day, or is imported again into another database): meeting_uid().
    uid = models.CharField(max_length=300, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        permissions = [("import_minutes", "Can import minutes files")]
        constraints = [
            # One meeting per committee, date and start time; one with no time per day.
            models.UniqueConstraint(fields=["committee", "date", "start_time"], name="unique_meeting_time"),
            models.UniqueConstraint(
                fields=["committee", "date"], condition=Q(start_time__isnull=True), name="unique_meeting_untimed"
            ),
            models.UniqueConstraint(
                fields=["committee", "source_meeting_id"],
                condition=Q(source_meeting_id__isnull=False),
                name="unique_meeting_per_site",
            ),
        ]
        indexes = [
            models.Index(fields=["committee", "date"]),
            models.Index(fields=["date"]),
            models.Index(fields=["committee", "municipal_year"]),
        ]

    def __str__(self) -> str:
        return f"{self.committee.display_name}, {self.date.day} {self.date:%B %Y}"

    def get_absolute_url(self) -> str:
        if self.day_number > 1:
            return reverse("meeting_of_day", args=[self.committee.slug, self.date.isoformat(), self.day_number])
        return reverse("meeting", args=[self.committee.slug, self.date.isoformat()])

    def get_original_url(self) -> str:
        """Where the printed minutes (PDF, Word) this meeting was imported from can be downloaded."""
        if self.day_number > 1:
            return reverse(
                "meeting_original_of_day", args=[self.committee.slug, self.date.isoformat(), self.day_number]
            )
        return reverse("meeting_original", args=[self.committee.slug, self.date.isoformat()])

    @property
    def original_kind(self) -> str:
        """ "PDF" or "Word" for a meeting read with `with_printed_original` from printed minutes; "" otherwise."""
        kind = getattr(self, "original_type", None)
        return {PDF_TYPE: "PDF", DOCX_TYPE: "Word"}.get(kind, "")

    @property
    def source_url(self) -> str:
        """The council's page these minutes came from, where they came from one."""
        return self.source if self.source.startswith(("https://", "http://")) else ""

    @property
    def source_name(self) -> str:
        """The file these minutes came from, by its name alone (never a path on the server)."""
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]


class ItemQuerySet(models.QuerySet):
    def minute(self, committee_slug: str, year: int, number: int) -> ItemQuerySet:
        """The item(s) holding minute `number` of `year` for a committee (usually one)."""
        return self.filter(committee__slug=committee_slug, municipal_year=year, minute_number=number)

    def for_display(self) -> ItemQuerySet:
        """Items with what a page shows of them, as plain lists: `document_list`, `resolution_list`,
        `action_list` and `reference_list` (lists, because Django would otherwise build a queryset
        for each item's each relation: a third of a 60-item meeting page's time); and whether each
        has the nested apps' records (`has_declarations`, ...: see `displayed`)."""
        # Each in its order within its item: their models' default ordering ("item", then the
        # item's "meeting", then the meeting's date) would join two tables to every query.
        followed = Action.objects.select_related("follow_up__meeting", "follow_up__committee").order_by("order")
        has = {
            f"has_{records.relation}": Exists(records.model.objects.filter(**{records.field: OuterRef("pk")}))
            for records in optional_records()
        }
        return (
            self.select_related("meeting__committee", "committee")
            .annotate(**has)
            .prefetch_related(
                Prefetch("documents", queryset=Document.objects.order_by("id"), to_attr="document_list"),
                Prefetch("resolutions", queryset=Resolution.objects.order_by("order"), to_attr="resolution_list"),
                Prefetch("actions", queryset=followed, to_attr="action_list"),
                Prefetch("references", queryset=Reference.objects.order_by("order"), to_attr="reference_list"),
            )
        )

    def displayed(self) -> list[Item]:
        """`for_display()`'s items, each also with the nested apps' records as lists (see
        `optional_records`). Each is asked for only where an item has some: most meetings record
        none, and five empty queries were a fifth of a meeting page."""
        items = list(self.for_display())
        for records in optional_records():
            having = []
            for item in items:
                if getattr(item, f"has_{records.relation}"):
                    having.append(item)
                else:
                    setattr(item, records.to_attr, [])
            if having:
                found = Prefetch(records.relation, queryset=records.queryset(), to_attr=records.to_attr)
                prefetch_related_objects(having, found)
        return items


@dataclass(frozen=True)
class OptionalRecords:
    """Records of an item kept by a nested app, which `ItemQuerySet.displayed` gives as `to_attr`."""

    relation: str  # the reverse relation from Item: "declarations"
    model: type[models.Model]
    field: str  # the model's field pointing at the item: "item"
    to_attr: str  # "declaration_list"
    queryset: Callable[[], models.QuerySet]  # each in its order, with what a page shows of it


def optional_records() -> list[OptionalRecords]:
    """The people app's declarations, votes (each with its `cast_list`) and movers; the
    recommendations app's recommendations made in an item (`recommendation_list`) and those it
    answers (`response_list`)."""
    from .people.models import Declaration, Mover, Vote, VoteCast  # (the nested apps' models build on these)
    from .recommendations.models import Recommendation

    def votes() -> models.QuerySet:
        casts = VoteCast.objects.select_related("person").order_by("order")
        return (
            Vote.objects.select_related("resolution")
            .prefetch_related(Prefetch("casts", queryset=casts, to_attr="cast_list"))
            .order_by("order")
        )

    made = ("addressed_to", "response__meeting", "response__committee")
    return [
        OptionalRecords("declarations", Declaration, "item", "declaration_list",
                        lambda: Declaration.objects.select_related("person").order_by("order")),
        OptionalRecords("votes", Vote, "item", "vote_list", votes),
        OptionalRecords("movers", Mover, "item", "mover_list",
                        lambda: Mover.objects.select_related("person", "resolution").order_by("order")),
        OptionalRecords("recommendations", Recommendation, "item", "recommendation_list",
                        lambda: Recommendation.objects.select_related(*made).order_by("order")),
        OptionalRecords("responses", Recommendation, "response", "response_list",
                        lambda: Recommendation.objects.select_related("item__meeting", "item__committee")
                        .order_by("item__date", "item__order", "order")),
    ]  # fmt: skip


def item_long_text(path: str = "") -> list[str]:
    """An item's long text fields, reached by `path` ("item__"): what a list that names minutes,
    but never shows their text, leaves out of its query (`defer`)."""
    fields = ("minutes_text", "agenda_text", "introduction", "resolutions_text", "search_vector")
    return [path + field for field in fields]


# Items newest meeting first, a meeting's items in their order (search's "newest first").
NEWEST_FIRST = ["-date", "meeting_id", "order"]


class Item(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    # The meeting's committee, kept on the item so a minute's key is one indexed lookup.
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="items")
    number = models.CharField(max_length=20, blank=True, help_text='As printed: "79", "3a", "77/21"; blank if lost.')
    # Null where the page lost the item's number: such an item is known by its place in its
    # meeting (`order`), never by a number the importer would have had to invent.
    minute_number = models.PositiveIntegerField(
        null=True, blank=True, help_text="The number references use: 79 for item 79 or 79a."
    )
    municipal_year = models.PositiveSmallIntegerField(help_text="2016 for the year from May 2016.")
    # The meeting's date, kept on the item so that search can read minutes newest first from one index.
    date = models.DateField(editable=False)
    order = models.PositiveIntegerField()
    title = models.TextField()
    introduction = models.TextField(blank=True, help_text='"Report of the Director of ..."')
    agenda_text = models.TextField(blank=True)
    minutes_text = models.TextField(blank=True)
    truncated = models.BooleanField(default=False, help_text="The source cut the minutes short.")
    additional_documents = models.BooleanField(default=False)
    # Search: the resolutions' text in one field (weighted between title and minutes), and on
    # PostgreSQL the stored vector. SQLite keeps an FTS5 table instead (see meetings/search.py).
    resolutions_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Whether any of its actions is outstanding: the actions say so (Action.status), and this copy
    # of it, kept by the loader and meetings/tracking.py, lets search narrow its matches to such
    # items within its indexes instead of looking up every match's actions.
    has_outstanding_actions = models.BooleanField(default=False, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="unique_item_order")]
        indexes = [
            models.Index(fields=["committee", "municipal_year", "minute_number"], name="minute_key"),
            models.Index(fields=NEWEST_FIRST, name="item_newest_first"),
            # Search narrowed to a municipal year: counted by committee, and walked newest first
            # (walking all items newest first to reach an early year passes every later one).
            models.Index(fields=["municipal_year", "committee"], name="item_year"),
            models.Index(fields=["municipal_year", *NEWEST_FIRST], name="item_year_newest_first"),
            # Search narrowed to items with an outstanding action, counted by committee and year on
            # SQLite (PostgreSQL finds them in a partial full-text index instead: migration 0019).
            models.Index(
                fields=["committee", "municipal_year"],
                condition=Q(has_outstanding_actions=True),
                name="item_outstanding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"

    def get_absolute_url(self) -> str:
        if self.minute_number is None:
            meeting = self.meeting
            if meeting.day_number > 1:
                args = [self.committee.slug, meeting.date.isoformat(), meeting.day_number, self.order]
                return reverse("meeting_item_of_day", args=args)
            return reverse("meeting_item", args=[self.committee.slug, meeting.date.isoformat(), self.order])
        return reverse("minute", args=[self.committee.slug, self.municipal_year, self.minute_number])

    @property
    def minute(self) -> str:
        """ "79/16"; "" for an item whose number the page lost."""
        if self.minute_number is None:
            return ""
        return f"{self.minute_number}/{self.municipal_year % 100:02d}"

    @property
    def label(self) -> str:
        """How a reader is told which item this is: "Minute 79/16", or "Item 3" by its place."""
        return f"Minute {self.minute}" if self.minute_number is not None else f"Item {self.order}"

    @property
    def anchor(self) -> str:
        return f"minute-{self.number}" if self.number else f"item-{self.order}"

    @property
    def has_unlisted_additional_documents(self) -> bool:
        """The page said "Additional documents:" but listed none of them (`for_display`'s documents)."""
        return self.additional_documents and not any(document.additional for document in self.document_list)


class Document(models.Model):
    """A report or appendix listed against an item (its file stays on the council's site)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="documents")
    title = models.TextField()
    format = models.CharField(max_length=10)
    size_kb = models.PositiveIntegerField(null=True)
    additional = models.BooleanField(default=False)
    url = models.URLField(max_length=2000, blank=True, help_text="Where the council publishes it, when known.")

    class Meta:
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.format} {self.size_kb} KB)"


class Resolution(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="resolutions")
    label = models.CharField(max_length=10, blank=True)
    text = models.TextField()
    order = models.PositiveIntegerField()
    # Where the item's minutes text prints it (its lines, blank ones not counted, from 0), so
    # that the page marks those words as the resolution instead of printing them twice.
    first_line = models.PositiveIntegerField(null=True, blank=True)
    last_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["item", "order"]

    def __str__(self) -> str:
        return f"{self.item.label} ({self.label or self.order})"

    @property
    def anchor(self) -> str:
        return f"{self.item.anchor}-resolution-{self.order}"


class ActionQuerySet(models.QuerySet):
    def outstanding(self) -> ActionQuerySet:
        """Neither followed up by a later minute nor closed by staff (overdue ones included)."""
        return self.filter(status=ActionStatus.OUTSTANDING)

    def overdue(self, today: datetime.date) -> ActionQuerySet:
        """Outstanding, and due in a month before `today`'s."""
        return self.outstanding().filter(due_month__lt=today.replace(day=1))

    def for_listing(self) -> ActionQuerySet:
        """With everything an actions list shows: the minute, its meeting and committee, the follow-up;
        not the minutes' text, which a list never shows (sorting every action with it takes ten times
        as long)."""
        return self.select_related(
            "item__meeting__committee", "item__committee", "follow_up__meeting", "follow_up__committee"
        ).defer(*item_long_text("item__"), *item_long_text("follow_up__"))


class ActionKind(models.TextChoices):
    INFORMATION = "information", "Information"
    REPORT = "report", "Report"
    WORK_PROGRAMME = "work_programme", "Work programme"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    FOLLOWED_UP = "followed_up", "Followed up"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Action(models.Model):
    """Something a minute asked for: information, a report back, an item for the work programme.

    `status` and `follow_up` are derived (meetings/tracking.py) after every import: a staff
    decision (ActionReview) first, else followed up where a later minute of the committee
    refers to this one, else outstanding. Overdue is outstanding past its due month, and is
    worked out for the day asked about, not stored.
    """

    Kind = ActionKind
    Status = ActionStatus

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="actions")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, null=True, blank=True, related_name="actions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    due_month = models.DateField(null=True, blank=True, help_text="The first day of the month it is due.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OUTSTANDING, editable=False)
    follow_up = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups", editable=False
    )
    # The action as a person would recognise it again within its meeting (its item, kind, text and
    # due month): what staff decisions are kept by, across imports of the same minutes.
    key = models.CharField(max_length=32, editable=False)
    order = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "order"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActionKind.values), name="action_kind_known"),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_status_known"),
        ]
        indexes = [models.Index(fields=["status", "due_month"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def anchor(self) -> str:
        return f"{self.item.anchor}-action-{self.order}"

    @property
    def subject(self) -> str:
        """What the action is about, in a few words: a work-programme entry names its subject
        itself; any other action is about its item ("Improvement Board"), where that has a title."""
        if self.kind == ActionKind.WORK_PROGRAMME or not self.item.title:
            return self.text
        return self.item.title


class ActionReview(models.Model):
    """What staff decided about an action: done, dropped or still outstanding, a note, and the later
    minute that followed it up where no reference says so.

    Kept apart from the imported Action (by its meeting and key), so importing the minutes again --
    the original or the follow-up -- never changes it. Every change is kept with who made it.
    """

    class Decision(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_reviews")
    key = models.CharField(max_length=32)
    status = models.CharField(
        max_length=20, choices=Decision.choices, blank=True, help_text="Blank: no decision, the derived status stands."
    )
    note = models.TextField(blank=True)
    # A later minute that took the action up, linked by hand: its meeting, and its number ("82") or
    # its place ("#3") there, which stay the same when that meeting is imported again.
    follow_up_meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    follow_up_item = models.CharField(max_length=24, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "key"], name="one_review_per_action")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_status_display() or 'no decision'}"


class ReferenceQuerySet(models.QuerySet):
    def approving(self, meeting: Meeting) -> ReferenceQuerySet:
        """References from a later "Minutes" item to `meeting`: where its minutes were approved."""
        return self.filter(
            kind=ReferenceKind.MEETING,
            committee_slug=meeting.committee.slug,
            meeting_date=meeting.date,
            from_item__meeting__date__gt=meeting.date,
            from_item__title__icontains="minutes",
        ).order_by("from_item__meeting__date")

    def to_minute(self, item: Item) -> ReferenceQuerySet:
        """References that point at `item`'s minute, from any meeting (none where its number was lost)."""
        if item.minute_number is None:
            return self.none()
        return self.filter(
            kind=ReferenceKind.MINUTE,
            committee_slug=item.committee.slug,
            municipal_year=item.municipal_year,
            minute_number=item.minute_number,
        ).exclude(from_item=item)


class ReferenceKind(models.TextChoices):
    MINUTE = "minute", "Minute"
    MEETING = "meeting", "Meeting"


class Reference(models.Model):
    Kind = ReferenceKind

    from_item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(help_text="As printed in the minutes.")
    # The committee the target belongs to: the citing committee unless the text names another.
    committee_slug = models.SlugField(max_length=255)
    committee_name = models.CharField(max_length=255, blank=True, help_text="As printed, when another committee.")
    minute_number = models.PositiveIntegerField(null=True, blank=True)
    municipal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    same_meeting = models.BooleanField(default=False)
    inferred = models.BooleanField(default=False, help_text="The year was not printed.")
    order = models.PositiveIntegerField()

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["from_item", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ReferenceKind.MINUTE, minute_number__isnull=False, municipal_year__isnull=False)
                | Q(kind=ReferenceKind.MEETING, meeting_date__isnull=False),
                name="reference_has_target",
            ),
        ]
        indexes = [
            models.Index(fields=["committee_slug", "municipal_year", "minute_number"], name="reference_minute_key"),
            models.Index(fields=["committee_slug", "meeting_date"], name="reference_meeting_key"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> tuple:
        if self.kind == self.Kind.MINUTE:
            return (self.committee_slug, self.municipal_year, self.minute_number)
        return (self.committee_slug, self.meeting_date)


class SourceDocumentQuerySet(models.QuerySet):
    def printed_originals(self) -> SourceDocumentQuerySet:
        """A meeting's printed minutes (PDF, Word), imported alone or beside its page, newest first."""
        roles = (SourceDocument.MEETING, SourceDocument.PRINTED)
        return self.filter(role__in=roles, content_type__in=PRINTED_TYPES).order_by("-fetched_at", "-id")


# The content types of printed minutes (meetings.importing names them): a meeting's page offers the original.
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PRINTED_TYPES = (PDF_TYPE, DOCX_TYPE)


class SourceDocument(models.Model):
    """A document a meeting was imported from, kept (compressed) so a better importer can read it again.

    Every version is kept: a meeting page is first an agenda, later its draft minutes, then the
    approved ones. The newest of each name is the one the meeting now shows.
    """

    MEETING = "meeting"  # the meeting's page or file
    ITEM = "item"  # an item, decision or issue page that completed one of its items
    PRINTED = "printed"  # the printed minutes (PDF, Word) a meeting page links, which gave its minutes
    ATTENDANCE = "attendance"  # the site's attendance page for the meeting
    ROLES = [
        (MEETING, "Meeting page or file"),
        (ITEM, "Item page"),
        (PRINTED, "Printed minutes"),
        (ATTENDANCE, "Attendance page"),
    ]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="source_documents")
    role = models.CharField(max_length=10, choices=ROLES, default=MEETING)
    name = models.CharField(max_length=2000, help_text="The URL it was fetched from, or the file's name.")
    content_type = models.CharField(max_length=100)
    compressed = models.BinaryField(help_text="The document's bytes, zlib-compressed.")
    size = models.PositiveIntegerField(help_text="Bytes before compression.")
    sha256 = models.CharField(max_length=64)
    fetched_at = models.DateTimeField()
    # What the person importing it said the page did not (--committee, --date, --time).
    overrides = models.JSONField(default=dict, blank=True)

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "role", "-fetched_at", "-id"]
        indexes = [models.Index(fields=["meeting", "role", "name", "-fetched_at"], name="source_document_latest")]

    def __str__(self) -> str:
        return f"{self.name} ({self.fetched_at:%Y-%m-%d %H:%M})"

    @property
    def content(self) -> bytes:
        return zlib.decompress(bytes(self.compressed))

    @property
    def file_name(self) -> str:
        """The document's own name, without the path or address it came from."""
        return self.name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or "minutes"

    @staticmethod
    def compress(data: bytes) -> bytes:
        return zlib.compress(data, 6)


class FetchedPage(models.Model):
    """What the crawler last got from a URL: validators for a conditional GET, and a hash to tell a change.

    The body is kept only for list pages (committees, meetings), which a 304 must still be read from.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetched_pages")
    url = models.CharField(max_length=2000, unique=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64)
    fetched_at = models.DateTimeField()
    compressed_body = models.BinaryField(null=True, blank=True)

    def __str__(self) -> str:
        return self.url

    @property
    def body(self) -> bytes | None:
        return zlib.decompress(bytes(self.compressed_body)) if self.compressed_body is not None else None


def meeting_uid(committee: Committee, date: datetime.date, day_number: int, source_meeting_id: int | None) -> str:
    """A meeting's lasting identity, as a calendar UID (RFC 5545): its council site's own id for
    it, where crawled ("moderngov-12345@democracy.example.gov.uk"), else its committee, date and
    number that day at this site's public address ("cabinet-2016-09-06-1@minutes.example")."""
    source = committee.source
    if source is not None and source_meeting_id is not None:
        return f"{source.system}-{source_meeting_id}@{urlsplit(source.url).hostname}"
    site = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{committee.slug}-{date.isoformat()}-{day_number}@{site}"


class PageVersion(models.Model):
    """The version of a part of the site's pages, bumped whenever a change those pages could show
    commits, and when that was (meetings/pagecache.py).

    Parts ("scopes"): "site", every page (a staff decision, a committee renamed, an admin edit);
    and "committee:<slug>", the pages under /committees/<slug>/, which change only with an import
    of its minutes, of minutes its minutes cite or that cite them, or a change in its actions or
    recommendations. Every other page ("lists": home, lists, search, feeds, the API, councillors)
    is kept under the sum of all the committees' versions, so no row is bumped by every import:
    an import in one committee leaves every other committee's pages cached, and imports of
    different councils lock no row in common.
    """

    SITE, LISTS = "site", "lists"

    scope = models.CharField(max_length=300, unique=True)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.scope}: version {self.version}, changed {self.changed_at}"

    @staticmethod
    def of_committee(slug: str) -> str:
        return f"committee:{slug}"
