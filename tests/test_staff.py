"""Staff pages and their security: who may use them, CSRF, sign-in lockout, passwords, the session
cookie, recording decisions with their history, and uploading minutes files."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meetings.models import Action, ActionReview, Committee, Item, Meeting, Reference, SourceDocument

from .conftest import APRIL_2017, DATA
from .test_tracking import FEBRUARY, OCTOBER, action, import_meetings

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
MODELS = [Committee, Meeting, Item, Action, Reference, SourceDocument]


@pytest.fixture
def coordinator():
    user = User.objects.create_user("coordinator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Scrutiny co-ordinators"))
    return user


@pytest.fixture
def visitor_account():
    return User.objects.create_user("reader", password=PASSWORD)


@pytest.fixture
def an_action():
    import_meetings(OCTOBER, FEBRUARY)
    return action("Library Closures")


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


# -- who may use the staff pages ---------------------------------------------------------


def test_the_group_holds_exactly_the_permissions_the_staff_pages_need():
    permissions = Group.objects.get(name="Scrutiny co-ordinators").permissions
    assert sorted(permissions.values_list("content_type__model", "codename")) == [
        ("actionreview", "add_actionreview"),
        ("actionreview", "change_actionreview"),
        ("actionreview", "view_actionreview"),
        ("meeting", "import_minutes"),
        ("recommendationreview", "add_recommendationreview"),
        ("recommendationreview", "change_recommendationreview"),
        ("recommendationreview", "view_recommendationreview"),
    ]


@pytest.mark.parametrize("page", ["action", "import"])
def test_a_visitor_is_sent_to_sign_in(client, an_action, page):
    url = f"/staff/actions/{an_action.pk}/" if page == "action" else "/staff/import/"
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("page", ["action", "import"])
def test_someone_signed_in_without_the_permission_is_refused(client, an_action, visitor_account, page):
    client.force_login(visitor_account)
    url = f"/staff/actions/{an_action.pk}/" if page == "action" else "/staff/import/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "done"}).status_code == 403
    assert not ActionReview.objects.exists()


def test_a_coordinator_is_let_in(client, an_action, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/staff/actions/{an_action.pk}/").status_code == 200
    assert client.get("/staff/import/").status_code == 200


def test_every_staff_form_needs_its_csrf_token(an_action, coordinator):
    careful = Client(enforce_csrf_checks=True)
    careful.force_login(coordinator)
    assert careful.post(f"/staff/actions/{an_action.pk}/", {"status": "done"}).status_code == 403
    upload = SimpleUploadedFile("april.txt", APRIL_2017.read_bytes(), "text/plain")
    assert careful.post("/staff/import/", {"files": [upload]}).status_code == 403
    assert careful.post("/accounts/logout/").status_code == 403
    assert (ActionReview.objects.count(), Meeting.objects.count()) == (0, 2)


# -- signing in ------------------------------------------------------------------------------


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_signing_in_with_the_right_password(client, coordinator):
    response = sign_in(client, "coordinator", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/actions/")
    assert response.cookies["sessionid"]["httponly"] is True


def test_failed_sign_ins_lock_out_that_user_from_that_address(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "coordinator", "wrong").status_code == 200
    assert sign_in(client, "coordinator", "wrong").status_code == 429  # the limit reached: locked out
    locked = sign_in(client, "coordinator", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same user from another address, and another user from this one, may still sign in.
    assert sign_in(Client(), "coordinator", PASSWORD, address="198.51.100.7").status_code == 302
    User.objects.create_user("clerk", password=PASSWORD)
    assert sign_in(Client(), "clerk", PASSWORD).status_code == 302


def test_weak_passwords_are_refused():
    for weak in ("password123", "12345678901234", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)


# -- decisions ---------------------------------------------------------------------------------


def test_a_decision_is_recorded_shown_and_kept_with_who_made_it(client, an_action, coordinator):
    client.force_login(coordinator)
    url = f"/staff/actions/{an_action.pk}/"
    response = client.post(url, {"status": "done", "note": "Closed by the Cabinet Member's letter"})
    assert (response.status_code, response["Location"]) == (302, url)
    assert client.get(url).content.decode().count("Decision saved.") == 1
    client.post(url, {"status": "dropped", "note": "Superseded by the libraries review"}, follow=True)

    assert action("Library Closures").status == "dropped"
    html = client.get(url).content.decode()
    assert "Decision saved." not in html  # said once, after the save
    changes = html.split("<tbody>")[-1]
    assert changes.count("<td>coordinator</td>") == 2
    assert "<td>Done → Dropped</td><td>Superseded by the libraries review</td>" in changes
    assert "<td>Done</td><td>Closed by the Cabinet Member&#x27;s letter</td>" in changes
    assert changes.index("Superseded") < changes.index("Closed by")  # newest first


def test_a_later_item_is_linked_by_hand_and_the_work_programme_shows_it(client, an_action, coordinator):
    client.force_login(coordinator)
    libraries = Item.objects.get(number="43")
    client.post(f"/staff/actions/{an_action.pk}/", {"status": "", "note": "", "follow_up": libraries.pk})
    assert (action("Library Closures").status, action("Library Closures").follow_up) == ("followed_up", libraries)
    page = client.get("/committees/communities-scrutiny-board/2016-17/work-programme/").content.decode()
    assert "Minute 43/16: Libraries Review" in page
    form = client.get(f"/staff/actions/{an_action.pk}/").content.decode()
    assert f'<option value="{libraries.pk}" selected>02 Feb 2017: Minute 43/16, Libraries Review</option>' in form


def test_only_a_later_item_of_the_same_committee_can_be_linked(client, an_action, coordinator):
    client.force_login(coordinator)
    earlier = Item.objects.get(number="20")
    response = client.post(f"/staff/actions/{an_action.pk}/", {"follow_up": earlier.pk})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not ActionReview.objects.exists()


# -- uploading minutes ------------------------------------------------------------------


def upload(client, *files):
    return client.post("/staff/import/", {"files": list(files)})


def test_uploaded_files_are_imported_and_each_reported(client, coordinator):
    client.force_login(coordinator)
    good = SimpleUploadedFile("april.txt", APRIL_2017.read_bytes(), "text/plain")
    page = SimpleUploadedFile("cabinet.html", (DATA / "moderngov" / "agenda-decisions-and-minutes.html").read_bytes())
    html = upload(client, good, page).content.decode()
    assert (
        '<tr><td>april.txt</td><td><strong class="status status-imported">Imported</strong></td>'
        "<td>Education and Children&#x27;s Services Scrutiny Board (2), 27 April 2017</td></tr>"
    ) in html
    assert '<tr><td>cabinet.html</td><td><strong class="status status-imported">Imported</strong></td>' in html
    assert Meeting.objects.count() == 2
    again = upload(client, SimpleUploadedFile("april.txt", APRIL_2017.read_bytes())).content.decode()
    assert '<strong class="status status-unchanged">Unchanged</strong>' in again


def test_a_file_that_fails_saves_nothing_and_the_others_are_imported(client, coordinator):
    client.force_login(coordinator)
    before = counts()
    bad = SimpleUploadedFile("not-minutes.txt", (DATA / "not-minutes.txt").read_bytes())
    html = upload(client, bad).content.decode()
    assert '<tr><td>not-minutes.txt</td><td><strong class="status status-failed">Failed</strong></td><td>line ' in html
    assert counts() == before
    good = SimpleUploadedFile("april.txt", APRIL_2017.read_bytes())
    upload(client, SimpleUploadedFile("not-minutes.txt", (DATA / "not-minutes.txt").read_bytes()), good)
    assert Meeting.objects.count() == 1


def test_a_file_over_five_megabytes_is_refused_unread_and_never_kept_under_its_name(
    client, coordinator, settings, tmp_path
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.force_login(coordinator)
    huge = SimpleUploadedFile("huge-minutes.txt", APRIL_2017.read_bytes() + b"x" * (5 * 1024 * 1024))
    html = upload(client, huge).content.decode()
    assert "over the 5.0\xa0MB limit: not read" in html
    assert counts() == dict.fromkeys(counts(), 0)
    assert not list(tmp_path.rglob("huge-minutes*"))


def test_at_most_twenty_files_a_request(client, coordinator):
    client.force_login(coordinator)
    files = [SimpleUploadedFile(f"minutes-{n}.txt", APRIL_2017.read_bytes()) for n in range(21)]
    html = upload(client, *files).content.decode()
    assert "Choose at most 20 files at a time." in html
    assert Meeting.objects.count() == 0
