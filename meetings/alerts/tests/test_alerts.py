"""Email alerts end to end, through a real SMTP server on 127.0.0.1 (aiosmtpd): sign-up and
double opt-in, an import that matches, one-click unsubscribe, never the same minute twice, a
refused mail sent on the next run, sign-ups limited, and links that are not ours refused."""

import datetime
import email
import email.policy
import re
import socket
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from meetings.alerts.models import Alert, Outbox, Sent, Subscriber
from meetings.alerts.sending import queue_due
from meetings.models import Action
from meetings.recommendations.models import Recommendation
from tests.factories import import_text

pytestmark = pytest.mark.django_db(transaction=True)  # sign-up mails go on commit, as in production

ADDRESS = "reader@example.org"


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.SITE_URL = "https://minutes.example"
    settings.ALERTS_PER_SECOND = 0  # no pacing in tests
    yield handler
    controller.stop()


def meeting(day: int, title: str, words: str, committee: str = "Audit Panel") -> str:
    return (
        f"Agenda and minutes\n\n{committee} - Thursday, {day}th June, 2016 2.00 pm\n\n1.\n\n{title}\n\nMinutes:\n\n"
        f"{words}\n\nRESOLVED that the report be noted.\n"
    )


def header(message: Message, name: str) -> str:
    """A header as a reader sees it (a long one is folded onto a second line, after a space)."""
    return str(message[name]).strip()


def text_of(message: Message) -> str:
    part = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def html_of(message: Message) -> str:
    part = next(part for part in message.walk() if part.get_content_type() == "text/html")
    return part.get_payload(decode=True).decode()


def link_in(message: Message, path: str) -> str:
    found = re.search(rf"https://minutes\.example({path}[^\s<\"]+)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


def sign_up(client, HTTP_X_FORWARDED_FOR=None, **fields) -> object:
    data = {"email": ADDRESS, "frequency": "immediate", "kind": "committee", "committee": "audit-panel"} | fields
    headers = {"HTTP_X_FORWARDED_FOR": HTTP_X_FORWARDED_FOR} if HTTP_X_FORWARDED_FOR else {}
    return client.post("/alerts/", data, **headers)


def confirmed(client, inbox) -> None:
    confirm = link_in(inbox.messages[-1], "/alerts/confirm/")
    assert "Confirm" in client.get(confirm).content.decode()
    assert Subscriber.objects.get().confirmed_at is None  # a mail program's preview confirms nothing
    assert client.post(confirm).status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None


def test_sign_up_confirm_and_receive_new_minutes_then_stop_with_one_click(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    response = sign_up(client)
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    (confirmation,) = inbox.messages
    assert header(confirmation, "To") == ADDRESS and header(confirmation, "Subject") == "Confirm your Minutebook alert"
    call_command("send_alerts")
    assert len(inbox.messages) == 1  # nothing is ever sent to an address not confirmed
    confirmed(client, inbox)

    call_command("send_alerts")
    assert len(inbox.messages) == 1  # nothing new since the alert was made
    import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
    call_command("send_alerts")
    alert_mail = inbox.messages[-1]
    assert header(alert_mail, "Subject") == "1 new minute: new minutes of the Audit Panel"
    body = text_of(alert_mail)
    assert "You are sent this because you asked for new minutes of the Audit Panel (as it happens)." in body
    assert "Audit Panel, 9 June 2016: Minute 1/16, Counter Fraud" in body
    assert "https://minutes.example/committees/audit-panel/minutes/2016/1/" in body
    assert (
        '<a href="https://minutes.example/committees/audit-panel/minutes/2016/1/">Minute 1/16: Counter Fraud</a>'
        in html_of(alert_mail)
    )
    stop = link_in(alert_mail, "/alerts/stop/")
    assert header(alert_mail, "List-Unsubscribe") == f"<https://minutes.example{stop}>"
    assert header(alert_mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"

    # The meeting imported again, its minutes changed: the same minute is not sent again.
    import_text(
        meeting(9, "Counter Fraud", "The Panel noted the counter fraud work and the NFI results."), "june-9b.txt"
    )
    call_command("send_alerts")
    assert len(inbox.messages) == 2 and Sent.objects.count() == 1

    # One click from the mail program: a POST without a CSRF token, which deletes the alert and
    # the address that follows nothing else.
    response = client.post(stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert (Alert.objects.count(), Subscriber.objects.count()) == (0, 0)


def test_a_search_alert_sends_the_matching_minutes_with_their_words(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client, kind="search", q="flood defences", committee="")
    confirmed(client, inbox)
    import_text(meeting(9, "Risk Register", "The Panel discussed flood defences on the river."), "june-9.txt")
    import_text(meeting(16, "Budget", "The Panel noted the budget."), "june-16.txt")
    call_command("send_alerts")
    alert_mail = inbox.messages[-1]
    assert header(alert_mail, "Subject") == "1 new minute: minutes matching “flood defences”"
    assert "discussed flood defences on the river" in text_of(alert_mail)  # the words, as the search shows them
    assert "Budget" not in text_of(alert_mail)


def test_signing_up_again_sends_a_note_and_answers_the_same(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    first = sign_up(client)
    confirmed(client, inbox)
    again = sign_up(client)
    assert again.content == first.content
    assert header(inbox.messages[-1], "Subject") == "You already follow this"
    assert Alert.objects.count() == 1


def test_a_refused_mail_stays_queued_and_goes_on_the_next_run(client, inbox, settings):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client)
    confirmed(client, inbox)
    import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
    settings.EMAIL_PORT = free_port()  # nobody listening: the send fails
    call_command("send_alerts")
    assert Outbox.objects.get().attempts == 1 and len(inbox.messages) == 1
    settings.EMAIL_PORT = inbox.port
    call_command("send_alerts")
    assert (
        Outbox.objects.count() == 0
        and header(inbox.messages[-1], "Subject") == "1 new minute: new minutes of the Audit Panel"
    )
    assert Sent.objects.count() == 1


def test_a_digest_waits_for_its_day(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client, frequency="daily")
    confirmed(client, inbox)
    Alert.objects.update(last_sent_at=timezone.now() - datetime.timedelta(hours=2))
    import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
    call_command("send_alerts", frequency="daily")
    assert len(inbox.messages) == 1  # the confirmation only: not a day since the last digest
    Alert.objects.update(last_sent_at=timezone.now() - datetime.timedelta(days=1))
    call_command("send_alerts", frequency="daily")
    assert header(inbox.messages[-1], "Subject") == "1 new minute: new minutes of the Audit Panel"


def test_sign_ups_are_limited_and_links_not_ours_are_refused(client, inbox, settings):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    settings.ALERT_SIGNUPS_PER_HOUR = 2
    assert [sign_up(client, email=f"reader{n}@example.org").status_code for n in range(3)] == [200, 200, 429]
    assert client.get("/alerts/confirm/not-a-token/").status_code == 404
    confirm = link_in(inbox.messages[0], "/alerts/confirm/")
    assert client.get(confirm.replace("/confirm/", "/manage/")).status_code == 404  # a token for another purpose
    assert client.post("/alerts/stop/tampered:token/").status_code == 404
    assert sign_up(client, committee="no-such-committee").status_code == 400


def test_an_unconfirmed_address_is_forgotten_after_a_week(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client)
    Subscriber.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("send_alerts")
    assert (Subscriber.objects.count(), Alert.objects.count()) == (0, 0)


def test_the_pages_offer_alerts_through_a_form_of_their_own(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan about flood defences."), "june-2.txt")
    committee = client.get("/committees/audit-panel/").content.decode()
    assert '<a href="/alerts/new/?kind=committee&amp;committee=audit-panel">Get an email</a>' in committee
    search = client.get("/search/?q=flood&year=2016").content.decode()
    assert (
        '<a href="/alerts/new/?kind=search&amp;q=flood&amp;filters=q%3Dflood%26year%3D2016">Get email alerts</a>'
        in search
    )
    form = client.get("/alerts/new/?kind=search&q=flood&filters=q%3Dflood%26year%3D2016")
    page = form.content.decode()
    assert "Be sent minutes matching “flood”." in page and 'name="csrfmiddlewaretoken"' in page
    assert 'name="filters" value="q=flood&amp;year=2016"' in page
    assert client.get("/alerts/new/?kind=committee&committee=nope").status_code == 404
    assert sign_up(client, kind="search", q="flood", committee="", filters="q=flood&year=2016").status_code == 200
    assert Alert.objects.get().filters == {"year": "2016"}


def test_a_run_stopped_after_queueing_neither_loses_nor_repeats(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client)
    confirmed(client, inbox)
    import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
    assert queue_due() == 1  # ... and the run stops here, before sending
    assert len(inbox.messages) == 1 and Outbox.objects.count() == 1
    call_command("send_alerts")  # the next run: the queued mail, and nothing queued twice
    call_command("send_alerts")
    assert [header(message, "Subject") for message in inbox.messages[1:]] == [
        "1 new minute: new minutes of the Audit Panel"
    ]


class Refusing(Inbox):
    """A server that refuses one address for good (a hard bounce)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == ADDRESS and getattr(self, "refusing", False):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_an_address_that_bounces_is_stopped(client, settings):
    handler = Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.SITE_URL = (
            "127.0.0.1",
            controller.port,
            "https://minutes.example",
        )
        settings.ALERTS_PER_SECOND = 0
        import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
        sign_up(client)
        confirmed(client, handler)
        handler.refusing = True
        import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
        call_command("send_alerts")
        assert Subscriber.objects.get().stopped_at is not None and Outbox.objects.count() == 0
        import_text(meeting(16, "Budget", "The Panel noted the budget."), "june-16.txt")
        assert queue_due() == 0  # nothing more is queued for a stopped address
    finally:
        controller.stop()


def test_an_action_followed_by_email_says_when_it_is_followed_up(client, inbox):
    import_text(
        "Agenda and minutes\n\nAudit Panel - Thursday, 2nd June, 2016 2.00 pm\n\n1.\n\nFraud Risks\n\nMinutes:\n\n"
        "RESOLVED that a further report on fraud risks be considered in October.\n",
        "june-2.txt",
    )
    action = Action.objects.get()
    page = client.get("/committees/audit-panel/meetings/2016-06-02/").content.decode()
    assert f'<a class="no-print" href="/alerts/new/?kind=action&amp;action={action.pk}">Follow' in page
    sign_up(client, kind="action", action=str(action.pk), committee="")
    confirmed(client, inbox)
    call_command("send_alerts")
    assert len(inbox.messages) == 1  # no news yet
    import_text(
        "Agenda and minutes\n\nAudit Panel - Thursday, 13th October, 2016 2.00 pm\n\n7.\n\nFraud Risks Update\n\nMinutes:\n\n"
        "Further to Minute 1/16 the Panel considered the report on fraud risks.\n\nRESOLVED that the report be noted.\n",
        "october.txt",
    )
    call_command("send_alerts")
    news = inbox.messages[-1]
    assert header(news, "Subject").startswith("Followed up: ")
    assert (
        "Followed up by the Audit Panel, Minute 7/16 (13 October 2016): https://minutes.example/committees/audit-panel/minutes/2016/7/"
        in text_of(news)
    )
    call_command("send_alerts")
    assert len(inbox.messages) == 2  # told once


def test_a_recommendation_followed_by_email_says_when_cabinet_answers(client, inbox):
    from tests.conftest import DATA
    from tests.factories import import_path

    import_path(DATA / "recommendations" / "scrutiny.txt")
    recommendation = Recommendation.objects.get(label="2")
    minute = client.get("/committees/education-scrutiny-board/minutes/2016/12/").content.decode()
    assert f'href="/alerts/new/?kind=recommendation&amp;recommendation={recommendation.pk}">Follow' in minute
    sign_up(client, kind="recommendation", recommendation=str(recommendation.pk), committee="")
    confirmed(client, inbox)
    import_path(DATA / "recommendations" / "cabinet.txt")
    call_command("send_alerts")
    news = inbox.messages[-1]
    assert (
        header(news, "Subject")
        == "Rejected: a travel training scheme be introduced for pupils with special educational needs."
    )
    assert (
        "Answered by the Cabinet, Minute 30/16 (6 September 2016): https://minutes.example/committees/cabinet/minutes/2016/30/"
        in text_of(news)
    )


def test_the_sign_up_form_carries_what_it_follows(client, inbox):
    import_text(
        "Agenda and minutes\n\nAudit Panel - Thursday, 2nd June, 2016 2.00 pm\n\n1.\n\nFraud Risks\n\nMinutes:\n\n"
        "RESOLVED that a further report on fraud risks be considered in October.\n",
        "june-2.txt",
    )
    action = Action.objects.get()
    page = client.get(f"/alerts/new/?kind=action&action={action.pk}").content.decode()
    assert f'name="action" value="{action.pk}"' in page and 'name="kind" value="action"' in page


HOUSING = """Brackenford Borough Council

Minutes of the meeting of the Housing Scrutiny Board held at 10.00 am on Wednesday, {date}

Present:

Members:  Councillor R Smith (Chair)    Councillor B Brown

Public Business

{number}. Declarations of Interest

{declarations}

{next}. {title}

The Board considered a report of the Director of Housing.

It was moved by Councillor R Smith and seconded by Councillor B Brown that the report be noted.

A recorded vote was taken:

For: Councillor R Smith (1)

Against: Councillor B Brown (1)

RESOLVED that the report be noted.
"""


def housing(date: str, number: int, title: str, declarations: str = "There were no declarations of interest.") -> str:
    return HOUSING.format(date=date, number=number, next=number + 1, title=title, declarations=declarations)


def test_a_councillor_followed_by_email_is_sent_their_declarations_votes_and_motions(client, inbox):
    from meetings.people.models import Person

    import_text(housing("12 October 2016", 21, "Allocations"), "october.txt")
    brown = Person.objects.get(name="B Brown")
    page = client.get(brown.get_absolute_url()).content.decode()
    assert f'<a href="/alerts/new/?kind=councillor&amp;councillor={brown.slug}">Get an email</a>' in page
    assert (
        "Be sent Councillor B Brown’s declarations of interest"
        in client.get(f"/alerts/new/?kind=councillor&councillor={brown.slug}").content.decode()
    )
    sign_up(client, kind="councillor", councillor=brown.slug, committee="")
    confirmed(client, inbox)
    import_text(
        housing(
            "9 November 2016",
            31,
            "Tenancy Strategy",
            "Councillor B Brown declared a personal interest as a tenant of the council.",
        ),
        "november.txt",
    )
    call_command("send_alerts")
    news = inbox.messages[-1]
    assert header(news, "Subject") == (
        "2 new minutes: declarations of interest, votes and motions of Councillor B Brown"
    )
    body = text_of(news)
    assert "Declared: personal interest. Councillor B Brown declared a personal interest as a tenant" in body
    assert "Seconded: the report be noted." in body and "Voted against: " in body
    assert "Minute 32/16, Tenancy Strategy" in body


def test_minutes_amended_so_that_they_match_are_sent_as_updated(client, inbox):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client, kind="search", q="flood defences", committee="")
    confirmed(client, inbox)
    import_text(meeting(9, "Risk Register", "The Panel discussed the river."), "june-9.txt")
    call_command("send_alerts")
    assert len(inbox.messages) == 1  # no match yet
    import_text(meeting(9, "Risk Register", "The Panel discussed flood defences on the river."), "june-9b.txt")
    call_command("send_alerts")
    news = inbox.messages[-1]
    assert header(news, "Subject") == "1 new or updated minute: minutes matching “flood defences”"
    assert "Minute 1/16, Risk Register (updated: the council amended these minutes)" in text_of(news)
    import_text(
        meeting(9, "Risk Register", "The Panel discussed flood defences on the river, and the weir."), "june-9c.txt"
    )
    call_command("send_alerts")
    assert len(inbox.messages) == 2  # the same minute is not sent again


def test_behind_a_proxy_sign_ups_are_limited_per_client_the_proxy_names(client, inbox, settings):
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    settings.ALERT_SIGNUPS_PER_HOUR = 1
    settings.NINJA_NUM_PROXIES = 1

    def from_client(address: str, n: int) -> int:
        forwarded = f"203.0.113.9, {address}"  # the first one is whatever the client claimed
        return sign_up(client, email=f"r{n}@example.org", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [from_client("192.0.2.1", 1), from_client("192.0.2.2", 2), from_client("192.0.2.1", 3)] == [200, 200, 429]


def postmark_report(client, record: dict, secret: str = "postmark:s3cret") -> int:
    import base64

    auth = "Basic " + base64.b64encode(secret.encode()).decode()
    response = client.post(
        "/anymail/postmark/tracking/", record, content_type="application/json", HTTP_AUTHORIZATION=auth
    )
    return response.status_code


def test_a_providers_report_of_a_hard_bounce_or_a_complaint_stops_the_address(client, inbox, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret"}
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client)
    confirmed(client, inbox)
    bounce = {"RecordType": "Bounce", "Type": "SoftBounce", "TypeCode": 4096, "Email": ADDRESS.upper(),
              "BouncedAt": "2016-06-10T10:00:00Z", "MessageID": "m-1", "ID": 1}  # fmt: skip
    assert postmark_report(client, bounce, secret="postmark:guess") == 400  # not the provider: refused
    assert postmark_report(client, bounce) == 200
    assert Subscriber.objects.get().stopped_at is None  # a soft bounce stops nothing
    assert postmark_report(client, bounce | {"Type": "HardBounce", "TypeCode": 1}) == 200
    assert Subscriber.objects.get().stopped_at is not None
    import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
    assert queue_due() == 0


def test_a_complaint_reported_by_the_provider_stops_the_address(client, inbox, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret"}
    import_text(meeting(2, "Internal Audit", "The Panel noted the plan."), "june-2.txt")
    sign_up(client)
    confirmed(client, inbox)
    complaint = {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "TypeCode": 512, "Email": ADDRESS,
                 "BouncedAt": "2016-06-10T10:00:00Z", "MessageID": "m-2", "ID": 2}  # fmt: skip
    assert postmark_report(client, complaint) == 200
    assert Subscriber.objects.get().stopped_at is not None
    assert postmark_report(client, complaint, secret="") == 400
    # Signed up again, the address must confirm again before anything more is sent.
    sign_up(client, committee="audit-panel")
    assert header(inbox.messages[-1], "Subject") == "Confirm your Minutebook alert"
    import_text(meeting(9, "Counter Fraud", "The Panel noted the counter fraud work."), "june-9.txt")
    assert queue_due() == 0
    client.post(link_in(inbox.messages[-1], "/alerts/confirm/"))
    assert Subscriber.objects.get().stopped_at is None and queue_due() == 1
