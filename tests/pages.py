"""Every kind of public page, for the tests that look at all of them (accessibility, reflow at
320 px, the W3C HTML checker) and for `make screenshots`: the seed meetings, a meeting whose
title, venue and minutes hold 60-character words and long addresses, a meeting imported from
printed minutes (a PDF), and pages with a bad filter value or nothing found."""

from django.test import override_settings
from django.urls import reverse
from django.utils.text import slugify

from meetings.alerts import tokens
from meetings.alerts.models import Alert, Subscriber
from meetings.alerts.sending import compose, compose_status, listing
from meetings.crawl import label_councils
from meetings.importing import import_bytes
from meetings.models import Action, Committee, Item, Source
from meetings.pagecache import site_changed
from meetings.people.models import Person

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, DATA, parse_path
from .documents import printed_minutes_pdf
from .factories import import_path

SEED = f"/committees/{COMMITTEE_SLUG}"
LONG = "/committees/overview-and-scrutiny-committee"

# (name, path, status)
PAGES = [
    ("home", "/", 200),
    ("committee", f"{SEED}/", 200),
    ("committee-year", f"{SEED}/2015-16/", 200),
    ("meetings", "/meetings/", 200),
    ("meetings-filtered", "/meetings/?has_resolutions=on", 200),
    ("meetings-bad-filter", "/meetings/?committee=no-such-committee&date_from=soon", 200),
    ("meeting", f"{SEED}/meetings/2017-04-27/", 200),
    ("meeting-long-words", f"{LONG}/meetings/2023-05-09/", 200),
    ("meeting-from-printed-minutes", "/committees/cabinet/meetings/2012-04-02/", 200),
    ("minute", f"{SEED}/minutes/2016/82/", 200),
    ("minute-long-words", f"{LONG}/minutes/2023/4/", 200),
    ("minute-number-unknown", "/minutes/99/16/", 404),
    ("search-results", "/search/?q=improvement+board", 200),
    ("search-nothing-found", "/search/?q=zebra+crossing", 200),
    ("search-bad-filter", "/search/?q=school&year=1066", 200),
    ("actions", "/actions/?status=outstanding", 200),
    ("actions-bad-filter", "/actions/?due_from=soon", 200),
    ("briefing", f"{SEED}/actions/?status=outstanding&as_of=2017-04-27", 200),
    ("work-programme", f"{SEED}/2016-17/work-programme/", 200),
    ("councillors", "/councillors/", 200),
    ("councillor", "/councillors/a-jones/", 200),
    ("attendance-report", "/committees/housing-scrutiny-board/2016-17/attendance/", 200),
    ("meeting-with-attendance", "/committees/housing-scrutiny-board/meetings/2016-10-12/", 200),
    ("recommendations", "/recommendations/", 200),
    ("recommendations-overdue", "/recommendations/?status=overdue&to=council", 200),
    ("recommendations-of-a-committee", "/committees/education-scrutiny-board/recommendations/", 200),
    ("minute-with-recommendations", "/committees/education-scrutiny-board/minutes/2016/12/", 200),
    ("minute-answering-recommendations", "/committees/cabinet/minutes/2016/30/", 200),
    ("meeting-amended", "/committees/audit-panel/meetings/2016-06-16/", 200),
    ("meeting-revisions", "/committees/audit-panel/meetings/2016-06-16/revisions/", 200),
    ("alert-sign-up", "/alerts/new/?kind=committee&committee=audit-panel", 200),
    ("alert-sign-up-councillor", "/alerts/new/?kind=councillor&councillor=a-jones", 200),
    ("councils", "/councils/", 200),
    ("council", "/councils/brackenford-borough-council/", 200),
    ("open-data", "/data/", 200),
    ("sign-in", "/accounts/login/", 200),
    ("not-found", "/no-such-page/", 404),
]


def import_every_kind_of_meeting() -> None:
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    import_path(DATA / "meeting-6-april-2017.txt")
    import_path(DATA / "layout" / "long-words.txt")
    printed = printed_minutes_pdf(parse_path(DATA / "formats" / "printed-minutes-title-block.txt"))
    import_bytes(printed, "Printed minutes 02nd-Apr-2012 Cabinet.pdf")
    import_path(DATA / "people" / "printed_attendance.txt")
    for name in ("scrutiny", "cabinet", "cabinet_member"):
        import_path(DATA / "recommendations" / f"{name}.txt")
    import_path(DATA / "revisions" / "draft.txt")
    import_path(DATA / "revisions" / "approved.txt")
    # Two councils' sites: the council filter shows, and committees name their council.
    for name, committees in (("Brackenford Borough Council", ["housing-scrutiny-board", "audit-panel"]),
                             ("Coventry City Council", ["education-scrutiny-board", "cabinet"])):  # fmt: skip
        source = Source.objects.create(name=name, url=f"https://{slugify(name)}.example/")
        Committee.objects.filter(slug__in=committees).update(source=source, council=source.council)
    label_councils()
    site_changed()


def alert_documents(client) -> dict[str, str]:
    """Every page of the alerts that is not reached by a plain link (what the sign-up form answers,
    and the pages of the signed links in the mails), and each kind of mail's HTML, by name. Call
    after import_every_kind_of_meeting()."""
    documents = {}
    sign_up = {"email": "reader@example.org", "frequency": "daily", "kind": "committee", "committee": "audit-panel"}
    documents["alert-check-email"] = client.post("/alerts/", sign_up).content
    documents["alert-sign-up-errors"] = client.post("/alerts/", sign_up | {"email": "not an address"}).content
    with override_settings(ALERT_SIGNUPS_PER_HOUR=0):
        documents["alert-too-many"] = client.post("/alerts/", sign_up).content
    subscriber = Subscriber.objects.get()
    confirm = reverse("alerts_confirm", args=[tokens.make(tokens.CONFIRM, subscriber.pk)])
    documents["alert-confirm"] = client.get(confirm).content
    documents["alert-confirmed"] = client.post(confirm).content
    committee_alert = subscriber.alerts.get()
    action = Action.objects.for_listing().first()
    person = Person.objects.get(slug="a-jones")
    action_alert = Alert.objects.create(
        subscriber=subscriber, kind=Alert.ACTION, query=action.subject, key="action",
        filters={"meeting": action.item.meeting_id, "key": action.key, "status": "Outstanding"},
    )  # fmt: skip
    Alert.objects.create(subscriber=subscriber, kind=Alert.COUNCILLOR, person=person, key="councillor")
    Alert.objects.create(subscriber=subscriber, kind=Alert.SEARCH, query="school", filters={"year": "2016"}, key="s")
    documents["alert-manage"] = client.get(
        reverse("alerts_manage", args=[tokens.make(tokens.MANAGE, subscriber.pk)])
    ).content
    stop = reverse("alerts_stop", args=[tokens.make(tokens.STOP, action_alert.pk)])
    documents["alert-stop"] = client.get(stop).content
    items = list(Item.objects.select_related("meeting", "committee").order_by("-pk")[:3])
    documents["mail-new-minutes"] = compose(committee_alert, listing(items, None), 5)["html"]
    documents["mail-action-news"] = compose_status(action_alert, action, "Followed up")["html"]
    documents["alert-stopped"] = client.post(stop).content
    return {name: html if isinstance(html, str) else html.decode() for name, html in documents.items()}
