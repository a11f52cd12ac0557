"""Councillors and co-opted members, and what the minutes record of them.

A Person is someone the minutes name as a member (officers are recorded by their post, never
as people with pages). Every record keeps the name as the minutes wrote it; `person` is who that
name was matched to (meetings/people/matching.py), or none where it could not be matched
without guessing. The names each person goes by are PersonName rows: staff merging or splitting
people move those, so the next import follows their decision.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from importers import people as parsed
from meetings.models import Item, Meeting, Resolution, Source


class Person(models.Model):
    COUNCILLOR = "councillor"
    CO_OPTED = "co_opted"
    KINDS = [(COUNCILLOR, "Councillor"), (CO_OPTED, "Co-opted member")]

    name = models.CharField(max_length=255, help_text='Without a title: "Alison Stewart", "A Stewart".')
    title = models.CharField(max_length=50, blank=True, help_text='"Councillor", "Mrs", "Dr".')
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=20, choices=KINDS, default=COUNCILLOR)
    # The council site they came from (None: minutes imported from files, one council).
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="people")
    site_id = models.PositiveIntegerField(null=True, blank=True, help_text="ModernGov's UID (mgUserInfo.aspx?UID=).")
    party = models.CharField(max_length=255, blank=True)
    ward = models.CharField(max_length=255, blank=True)
    profile_url = models.URLField(max_length=1000, blank=True, help_text="Their page on the council's site.")
    photo_url = models.URLField(max_length=1000, blank=True, help_text="Linked, never copied.")
    surname_key = models.CharField(max_length=100, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["surname_key", "name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "site_id"], condition=Q(site_id__isnull=False), name="unique_person_per_site"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("councillor", args=[self.slug])

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}".strip()

    @staticmethod
    def free_slug(name: str, council_slug: str = "") -> str:
        """The name's slug, with -2, -3 ... where someone has it; with their council's slug in front
        where the site follows several councils, as committees' addresses have (meetings/addresses.py).
        Then no two councils' imports, run at the same time, ever want the same new slug: the
        second would wait for the first to commit, at the unique index."""
        base = slugify(f"{council_slug} {name}")[:240] or "councillor"
        slug, number = base, 1
        while Person.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class PersonName(models.Model):
    """A name as the minutes write it ("councillor r smith" without its title: "r smith"), and
    who it is, within one council. Staff decisions live here: moving a name to another person
    (a merge, or a split) is kept with its history and followed by every later import."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    key = models.CharField(max_length=255, help_text='The name without title, dots or case: "r smith".')
    written = models.CharField(max_length=255, help_text="As first written in the minutes.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="unique_name_per_site"),
            models.UniqueConstraint(fields=["key"], condition=Q(source__isnull=True), name="unique_name_local"),
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.person}"


class AttendanceQuerySet(models.QuerySet):
    def counted(self) -> AttendanceQuerySet:
        """Members' and co-opted members' attendance that counts towards an attendance rate: present
        (as member or substitute), apologies, absent. Others in attendance, and the site's
        "expected" (a membership, not a presence), do not."""
        return self.filter(
            group__in=[parsed.MEMBER, parsed.CO_OPTED],
            status__in=[parsed.PRESENT, parsed.APOLOGIES, parsed.ABSENT],
            person__isnull=False,
        )

    def rates(self) -> models.QuerySet:
        """Per committee and year (newest first), as dicts: meetings expected and attended (a
        substitute's attendance is their own), with the committee's name and slug."""
        return (
            self.counted()
            .values("meeting__committee__name", "meeting__committee__slug", "meeting__municipal_year")
            .annotate(
                expected=Count("meeting", distinct=True),
                attended=Count("meeting", filter=Q(status=parsed.PRESENT), distinct=True),
            )
            .order_by("-meeting__municipal_year", "meeting__committee__name")
        )


class Attendance(models.Model):
    STATUSES = [
        (parsed.PRESENT, "Present"),
        (parsed.APOLOGIES, "Apologies"),
        (parsed.ABSENT, "Absent"),
        (parsed.IN_ATTENDANCE, "In attendance"),
        (parsed.EXPECTED, "Expected"),
    ]
    GROUPS = [
        (parsed.MEMBER, "Member"),
        (parsed.CO_OPTED, "Co-opted member"),
        (parsed.OTHER_MEMBER, "Other member"),
        (parsed.OFFICER, "Officer"),
    ]
    CHAIRS = [(parsed.CHAIR, "Chair"), (parsed.VICE_CHAIR, "Vice-chair in the chair")]
    SOURCES = [
        ("minutes", "The minutes"),
        ("attendance page", "The site's attendance page"),
        ("web service", "The site's web service"),
    ]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendance")
    name = models.CharField(max_length=255, blank=True, help_text="As written in the minutes.")
    status = models.CharField(max_length=20, choices=STATUSES)
    group = models.CharField(max_length=20, choices=GROUPS, default=parsed.MEMBER)
    chair = models.CharField(max_length=20, choices=CHAIRS, blank=True)
    substitute_for_name = models.CharField(max_length=255, blank=True)
    substitute_for = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    remote = models.BooleanField(default=False)
    role = models.CharField(max_length=500, blank=True, help_text="An officer's post, a member's office: as written.")
    source = models.CharField(max_length=20, choices=SOURCES, default="minutes")
    order = models.PositiveIntegerField()

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name_plural = "attendance"
        indexes = [models.Index(fields=["person", "meeting"], name="attendance_person_meeting")]

    def __str__(self) -> str:
        return f"{self.name or self.role}: {self.get_status_display()}"

    @property
    def as_substitute(self) -> bool:
        """Present in another member's place, as the minutes or the site say."""
        return self.status == parsed.PRESENT and bool(self.substitute_for_name or "substitute" in self.role.lower())


class Declaration(models.Model):
    KINDS = [
        (parsed.DISCLOSABLE_PECUNIARY, "Disclosable pecuniary interest"),
        (parsed.OTHER_REGISTRABLE, "Other registrable interest"),
        (parsed.NON_REGISTRABLE, "Non-registrable interest"),
        (parsed.PERSONAL_AND_PREJUDICIAL, "Personal and prejudicial interest"),
        (parsed.PREJUDICIAL, "Prejudicial interest"),
        (parsed.PERSONAL, "Personal interest"),
        (parsed.PECUNIARY, "Pecuniary interest"),
        (parsed.NON_PECUNIARY, "Non-pecuniary interest"),
    ]

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="declarations")
    name = models.CharField(max_length=255, help_text="As written in the minutes.")
    kind = models.CharField(max_length=30, choices=KINDS, blank=True)
    text = models.TextField(help_text="The declaration's words.")
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["item", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class Vote(models.Model):
    """A recorded vote on an item (and the resolution it decided, where known)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="votes")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, null=True, blank=True, related_name="votes")
    text = models.TextField(help_text="As printed.")
    yes = models.PositiveIntegerField(null=True, blank=True)
    no = models.PositiveIntegerField(null=True, blank=True)
    abstain = models.PositiveIntegerField(null=True, blank=True)
    not_voting = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["item", "order"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def tally(self) -> list[tuple[str, int]]:
        shown = [("For", self.yes), ("Against", self.no), ("Abstained", self.abstain), ("Not voting", self.not_voting)]
        return [(label, count) for label, count in shown if count is not None]


class VoteCast(models.Model):
    OPTIONS = [(option, option.capitalize()) for option in parsed.VOTE_OPTIONS]
    LABELS = {parsed.YES: "For", parsed.NO: "Against", parsed.ABSTAIN: "Abstained", parsed.NOT_VOTING: "Not voting"}

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="casts")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="votes")
    name = models.CharField(max_length=255, help_text="As written in the minutes.")
    option = models.CharField(max_length=20, choices=OPTIONS)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["vote", "order"]

    def __str__(self) -> str:
        return f"{self.name}: {self.option}"

    @property
    def label(self) -> str:
        return self.LABELS.get(self.option, self.option.capitalize())


class Mover(models.Model):
    """Who moved or seconded a motion, where the minutes say."""

    ROLES = [(parsed.MOVED, "Moved"), (parsed.SECONDED, "Seconded")]

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="movers")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, null=True, blank=True, related_name="movers")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="moved")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=10, choices=ROLES)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["item", "order"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} by {self.name}"
