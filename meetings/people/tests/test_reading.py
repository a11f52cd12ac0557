"""The words of the minutes to attendance, declarations, votes and movers: every form listed in
the issue, read to exact values (importers/people.py, through the shared assembly)."""

import pytest

from importers import people
from importers.people import ParsedAttendee, ParsedVoteCast, parse_name, read_attendance_block
from importers.text import parse_minutes
from tests.conftest import DATA

PRINTED = DATA / "people" / "printed_attendance.txt"


def block(*lines: str) -> list[ParsedAttendee]:
    reading = read_attendance_block(list(enumerate(lines, start=1)))
    return reading.attendees


def names(attendees, status=None):
    return [each.name for each in attendees if status is None or each.status == status]


def test_a_present_list_in_a_sentence_with_a_plural_title_and_surnames_in_capitals():
    found = block("Present: Councillors JANET REID, Provost Mrs ANN COLE and PETER BAIN.")
    assert names(found) == ["Councillor JANET REID", "Provost Mrs ANN COLE", "Councillor PETER BAIN"]
    assert parse_name(found[0].name).display == "Janet Reid"
    assert {each.status for each in found} == {people.PRESENT}


def test_one_name_a_line_and_two_a_line_in_columns_with_the_chair_and_a_substitute():
    found = block(
        "Present:",
        "Members:  Councillor R Smith (Chair)    Councillor A Jones",
        "          Councillor B Brown            Councillor P Seaman (substitute for Councillor K Sandhu)",
        "Councillor T Khan (remote)",
        "",
        "Apologies: Councillor K Sandhu",
    )
    assert names(found, people.PRESENT) == [
        "Councillor R Smith", "Councillor A Jones", "Councillor B Brown", "Councillor P Seaman", "Councillor T Khan",
    ]  # fmt: skip
    assert found[0].chair == people.CHAIR
    assert (found[3].substitute_for, found[4].remote) == ("Councillor K Sandhu", True)
    assert names(found, people.APOLOGIES) == ["Councillor K Sandhu"]


def test_in_the_chair_on_its_own_line_and_as_a_label():
    assert block("Councillor REID, Convener, in the Chair.")[0].chair == people.CHAIR
    assert [(each.name, each.chair) for each in block("In the Chair: Councillor M Deveney")] == [
        ("Councillor M Deveney", people.CHAIR)
    ]


def test_officers_by_post_and_directorate_never_as_members():
    found = block(
        "Employees (by Directorate):",
        "Law and Governance: M Rose, S Smith",
        "Also Present: Mr T Harland, Clerk & Chief Executive",
    )
    assert [(each.name, each.group, each.role) for each in found] == [
        ("M Rose", people.OFFICER, "Law and Governance"),
        ("S Smith", people.OFFICER, "Law and Governance"),
        ("Mr T Harland", people.OTHER_MEMBER, "Clerk & Chief Executive"),
    ]


def test_names_run_together_from_columns_are_a_warning_not_a_guess():
    reading = read_attendance_block([(4, "Councillors Amy Bell Tom Frost Raj Patel Ben Cole")])
    assert (reading.attendees, reading.warnings) == ([], [])  # with no label before it, no attendance
    reading = read_attendance_block([(3, "Present:"), (4, "Councillors Amy Bell Tom Frost Raj Patel Ben Cole")])
    assert reading.attendees == []
    assert reading.warnings and "could not tell the names apart" in reading.warnings[0][1]


def test_counts_instead_of_names_record_no_one():
    reading = read_attendance_block([(1, "Present:"), (2, "41 Members present, 3 apologies")])
    assert reading.attendees == [] and "counts" in reading.warnings[0][1]


@pytest.fixture(scope="module")
def printed():
    return parse_minutes(PRINTED.read_text(), str(PRINTED))


def test_the_printed_attendance_block_and_the_apologies_item_agree_as_one_list(printed):
    assert [(each.name, each.status, each.group) for each in printed.attendance] == [
        ("Councillor R Smith", "present", "member"),
        ("Councillor A Jones", "present", "member"),
        ("Councillor B Brown", "present", "member"),
        ("Councillor P Seaman", "present", "member"),
        ("Councillor T Khan", "present", "member"),
        ("Mrs J Barclay", "present", "co_opted"),
        ("Dr D Alston", "present", "co_opted"),
        ("Councillor M Patel", "in_attendance", "other_member"),
        ("M Rose", "in_attendance", "officer"),
        ("S Smith", "in_attendance", "officer"),
        ("Mr T Harland", "in_attendance", "officer"),
        ("Councillor K Sandhu", "apologies", "member"),
        ("Councillor L Green", "apologies", "member"),
    ]
    seaman = printed.attendance[3]
    assert (seaman.substitute_for, seaman.role) == ("Councillor K Sandhu", "Substitute")


def test_apologies_and_a_substitute_said_inside_an_item():
    text = (
        "Minutes\n\nCabinet\n\nMinutes of the meeting held on 3 May 2017\n\n"
        "1. Apologies for Absence\n\nApologies for absence were received from Councillors Bigham and Kaur. "
        "Councillor Lapsa attended as a substitute for Councillor Kaur.\n\n"
        "2. Budget\n\nRESOLVED that the budget be approved.\n"
    )
    meeting = parse_minutes(text, "apologies.txt")
    assert [(each.name, each.status, each.substitute_for) for each in meeting.attendance] == [
        ("Councillor Bigham", "apologies", ""),
        ("Councillor Kaur", "apologies", ""),
        ("Councillor Lapsa", "present", "Councillor Kaur"),
    ]


def test_a_declaration_naming_another_item_is_that_items(printed):
    by_number = {item.number: item for item in printed.items}
    assert [(each.name, each.kind) for each in by_number["24"].declarations] == [
        ("Councillor A Jones", people.DISCLOSABLE_PECUNIARY)
    ]
    assert by_number["24"].declarations[0].text.startswith("Councillor A Jones declared a disclosable pecuniary")
    # "in this item", printed under Declarations of Interest: it stays there, its words saying so
    assert [(each.name, each.kind) for each in by_number["22"].declarations] == [
        ("Councillor B Brown", people.OTHER_REGISTRABLE)
    ]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("declared a disclosable pecuniary interest", people.DISCLOSABLE_PECUNIARY),
        ("declared a non-registrable interest", people.NON_REGISTRABLE),
        ("declared a personal and prejudicial interest", people.PERSONAL_AND_PREJUDICIAL),
        ("declared a personal interest", people.PERSONAL),
        ("declared an interest", ""),
    ],
)
def test_the_kind_of_interest_is_the_one_the_words_name(words, kind):
    found = people.read_declarations(f"Councillor A Jones {words} in minute 82 as a school governor.")
    assert [(each.declaration.kind, each.item) for each in found] == [(kind, "minute:82")]


def test_no_interests_declared_is_no_declaration():
    assert people.read_declarations("There were no disclosable pecuniary interests.") == []
    assert people.read_declarations("Councillor A Jones declared no interests.") == []


def test_a_recorded_vote_with_names_is_its_resolutions(printed):
    item = {item.number: item for item in printed.items}["24"]
    (vote,) = item.votes
    assert vote.counts == (("yes", 3), ("no", 1), ("abstain", 1))
    assert vote.casts == (
        ParsedVoteCast("Councillor R Smith", "yes"),
        ParsedVoteCast("Councillor T Khan", "yes"),
        ParsedVoteCast("Councillor P Seaman", "yes"),
        ParsedVoteCast("Councillor B Brown", "no"),
        ParsedVoteCast("Mrs J Barclay", "abstain"),
    )
    assert vote.resolution == 0
    assert [(each.name, each.role) for each in item.movers] == [
        ("Councillor R Smith", "moved"),
        ("Councillor T Khan", "seconded"),
    ]


@pytest.mark.parametrize(
    "text, counts",
    [
        ("The recommendation was carried by 4 votes to 1 with 1 abstention.", (("yes", 4), ("no", 1), ("abstain", 1))),
        ("FOR 27 AGAINST 0 NOT VOTING 13", (("yes", 27), ("no", 0), ("not voting", 13))),
        ("A recorded vote was taken: For: 7, Against: 2, Abstentions: 1", (("yes", 7), ("no", 2), ("abstain", 1))),
    ],
)
def test_a_vote_with_counts_only(text, counts):
    (found,) = people.read_votes(text)
    assert (found.vote.counts, found.vote.casts) == (counts, ())


def test_numbers_in_ordinary_sentences_are_no_vote():
    assert people.read_votes("For 2017 the Board asked for 3 reports, against a target of 5.") == []


@pytest.mark.parametrize(
    "written, key",
    [
        ("Councillor A Stewart", "a stewart"),
        ("Cllr Stewart", "stewart"),
        ("Mrs J Barclay", "j barclay"),
        ("Dr D Alston", "d alston"),
        ("Councillor J.P. O'Brien", "j p o'brien"),
        ("Report of the Director", None),
    ],
)
def test_name_keys(written, key):
    name = parse_name(written)
    assert (name.key if name else None) == key
