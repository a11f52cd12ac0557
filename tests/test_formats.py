"""Every convention in FORMATS.md, one synthetic document each (tests/data/formats/), exact results."""

import datetime
import re

import pytest

from importers.records import Contact, ImportFailed, ParsedDocument
from importers.text import parse_minutes

from .conftest import DATA, parse_path

FORMATS = DATA / "formats"
D = datetime.date
T = datetime.time


def parse(name, **options):
    return parse_path(FORMATS / f"{name}.txt", **options)


def titles(meeting):
    return [(item.number, item.title) for item in meeting.items]


def resolutions(item):
    return [(res.label, res.text) for res in item.resolutions]


def actions(item):
    return [(a.kind, a.text, a.due.strftime("%Y-%m") if a.due else None) for a in item.actions]


def warnings(meeting):
    return [str(warning) for warning in meeting.warnings]


# §0 Damage done by saving the page


LOST = "item numbers were missing: {} item(s) were found from their shape and are shown by their place in the meeting, not as minute numbers"


def test_lost_item_numbers_are_found_from_their_shape_and_never_given_invented_numbers():
    meeting = parse("lost-item-numbers")
    assert titles(meeting) == [
        ("", "Apologies"),
        ("", "Minutes of Previous Meeting"),
        ("", "Internal Audit Annual Report"),
        ("", "Any Other Business"),
    ]
    assert [(item.order, item.minute_number, item.minute) for item in meeting.items] == [
        (1, None, ""),
        (2, None, ""),
        (3, None, ""),
        (4, None, ""),
    ]
    assert warnings(meeting) == ["line 10: " + LOST.format(4)]
    audit = meeting.items[2]
    assert (audit.introduction, audit.additional_documents, resolutions(audit)) == (
        "Report of the Chief Internal Auditor",
        True,
        [("", "the report be noted.")],
    )
    assert audit.minutes_text.endswith("RESOLVED that the report be noted.")
    assert (
        meeting.items[3].agenda_text
        == "Any other items of business which the Chair decides to take as matters of urgency."
    )
    assert meeting.items[3].minutes_text == "There were no other items of business."


def test_a_surviving_item_number_numbers_its_own_item_only():
    meeting = parse("lost-item-numbers-with-surviving-number")
    assert [item.minute for item in meeting.items] == ["", "118/22", ""]
    assert meeting.items[1].truncated is True
    assert warnings(meeting)[0].endswith(LOST.format(3) + "; the page still printed the number of item 118")


def test_flattened_table_rows_are_one_item_each():
    meeting = parse("flattened-table-rows")
    assert titles(meeting) == [("", "Apologies for Absence"), ("", "Budget Monitoring"), ("", "Work Programme")]
    assert [item.minutes_text for item in meeting.items] == [
        "Apologies were received from Councillor Khan.",
        "The Panel noted the report.",
        "RESOLVED that the work programme be agreed.",
    ]
    assert meeting.items[1].documents == (ParsedDocument("Budget Monitoring", "PDF", 122),)
    assert meeting.items[1].additional_documents is True


def test_table_rows_saved_without_their_cells():
    meeting = parse("table-rows-without-cells")
    assert titles(meeting) == [("", "APOLOGIES FOR ABSENCE"), ("", "STREET TRADING POLICY")]
    apologies, policy = meeting.items
    assert (apologies.agenda_text, apologies.minutes_text) == (
        "To receive any apologies for absence.",
        "Apologies were received from Councillor Reid.",
    )
    assert policy.agenda_text == "The Committee is asked to approve the revised street trading policy for consultation."
    assert policy.documents == (ParsedDocument("STREET TRADING POLICY", "PDF", 180, False),)
    assert resolutions(policy) == [("", "the revised policy be approved for consultation.")]
    assert warnings(meeting) == ["line 6: " + LOST.format(2)]


def test_numbers_and_labels_both_lost_items_start_at_their_document_markers():
    meeting = parse("lost-numbers-and-labels")
    assert titles(meeting) == [("", "Minutes"), ("", "Town Centre Footfall")]
    minutes, footfall = meeting.items
    assert minutes.agenda_text == "To approve as a correct record the minutes of the meeting held on 8 June 2022."
    assert resolutions(minutes) == [
        ("", "The Committee approve the minutes of the meeting held on 8 June 2022 as a correct record.")
    ]
    assert footfall.introduction == "Report of the Director of Growth."
    assert (
        footfall.agenda_text
        == "This report sets out footfall in the town centre since the reopening of the market hall."
    )
    assert resolutions(footfall) == [("", "The Committee notes the report and asks for an update in January 2023.")]
    assert actions(footfall) == [
        ("report", "The Committee notes the report and asks for an update in January 2023.", "2023-01")
    ]
    assert warnings(meeting) == [
        "line 9: " + LOST.format(2),
        'line 13: the item "Minutes" has no "Minutes:" label; its minutes were taken to begin here',
        'line 21: the item "Town Centre Footfall" has no "Minutes:" label; its minutes were taken to begin here',
    ]


def test_an_agenda_item_page_takes_its_first_line_as_the_title():
    meeting = parse("agenda-item-subheading", committee="Scrutiny Management Committee", date=D(2023, 2, 15))
    (item,) = meeting.items
    assert (item.title, item.agenda_text) == ("Reports from the Scrutiny Panels", "Panel Chairs to report")
    assert resolutions(item) == [
        ("a", "the Committee notes the updates now given; and"),
        ("b", "the Committee asks the Scrutiny Officer to report back on panel workloads at the next meeting."),
    ]


def test_a_lost_minutes_label_leaves_the_minutes_after_the_agenda_text():
    meeting = parse("lost-minutes-label")
    minutes, taxis = meeting.items
    assert minutes.agenda_text == "To agree the minutes of the meeting held on 9th February, 2023"
    assert (
        minutes.minutes_text == "The minutes of the meeting held on 9th February, 2023 were signed as a correct record."
    )
    assert taxis.introduction == "Report of the Head of Regulatory Services"
    assert resolutions(taxis) == [("", "the revised policy be approved.")]
    assert warnings(meeting) == [
        'line 14: item 12 has no "Minutes:" label; its minutes were taken to begin here',
        'line 22: item 13 has no "Minutes:" label; its minutes were taken to begin here',
    ]


def test_a_lost_bold_resolved_still_gives_resolutions():
    minutes, land = parse("lost-resolved-bold").items
    assert resolutions(minutes) == [("", "the minutes be confirmed as a correct record.")]
    assert resolutions(land) == [
        ("a", "the application be approved subject to conditions;"),
        ("b", "the Head of Planning be authorised to agree the final wording of the conditions."),
    ]


def test_site_noise_is_dropped():
    meeting = parse("noise-lines")
    assert (meeting.committee, meeting.venue) == ("Cabinet", "Council Chamber")
    assert titles(meeting) == [("21", "Apologies"), ("22", "Housing Strategy")]
    assert meeting.items[1].minutes_text == "RESOLVED that the strategy be adopted."


def test_missing_spaces():
    minutes, capital = parse("missing-spaces").items
    assert minutes.minutes_text == "The minutes of the meeting held on12 July 2023 were agreed."
    assert [(ref.kind, ref.date) for ref in minutes.references] == [("meeting", D(2023, 7, 12))]
    assert capital.minutes_text == "No apologies were received. The Board noted the report of 17August 2023."


def test_hard_wraps_and_stray_indentation_are_joined():
    (item,) = parse("hard-wraps").items
    assert item.minutes_text.startswith(
        "The Board considered the report of the Director of Finance on treasury management activity in the first"
    )
    assert resolutions(item) == [
        ("a", "the report be noted; and"),
        ("b", "a further report be considered in January 2024."),
    ]
    assert actions(item) == [("report", "a further report be considered in January 2024.", "2024-01")]


# §1 The page header


@pytest.mark.parametrize(
    ("name", "committee", "date", "time", "venue", "contact"),
    [
        ("header-no-ordinal-no-commas", "Planning Committee", D(2024, 11, 22), T(9, 30), "", Contact()),
        (
            "header-pm-with-dots",
            "Overview and Scrutiny Committee",
            D(2019, 6, 4),
            T(18, 0),
            "",
            Contact("Democratic Services", "(01234) 567890", ""),
        ),
        (
            "header-moved-meeting",
            "Planning Committee",
            D(2019, 5, 17),
            T(10, 0),
            "Multi-Location Meeting - Council Chamber / MS Teams",
            Contact(),
        ),
        (
            "header-separate-lines",
            "Standards Committee",
            D(2011, 1, 24),
            T(14, 0),
            "Zoom - Online",
            Contact("Ann Lee/Raj Patel, Governance Services", "024 7600 3237 / 3065", "ann.lee@example.gov.uk"),
        ),
        (
            "header-labelled-lines",
            "Corporate Parenting Panel",
            D(2011, 1, 24),
            T(16, 30),
            "Room 5, Civic Centre, Llandudno Road, Conwy LL32 8DU",
            Contact("", "01492 576000", "democratic@example.gov.uk"),
        ),
        ("header-one-heading", "Audit Panel", D(2019, 5, 9), None, "", Contact("Jo Bloggs")),
        ("header-cmis", "Health and Wellbeing Board", D(2017, 12, 5), T(14, 0), "", Contact()),
        ("header-weekday-month-first", "Cabinet", D(2016, 1, 13), T(11, 0), "", Contact()),
        (
            "header-numeric-date",
            "Parish Liaison Meeting",
            D(2017, 11, 21),
            T(19, 0),
            "THIS WILL BE A VIRTUAL MEETING",
            Contact("Sam Jones"),
        ),
    ],
)
def test_header_variants(name, committee, date, time, venue, contact):
    meeting = parse(name)
    assert (meeting.committee, meeting.date, meeting.time, meeting.venue, meeting.contact) == (
        committee,
        date,
        time,
        venue,
        contact,
    )
    assert titles(meeting) == [("1", "Apologies")]


def test_an_agenda_page_imports_as_a_meeting_whose_items_have_no_minutes():
    meeting = parse("agenda-only")
    assert titles(meeting) == [("41", "Apologies for Absence"), ("42", "Budget Consultation")]
    assert [item.minutes_text for item in meeting.items] == ["", ""]
    # Template wording printed before the meeting is not a resolution.
    assert [item.resolutions for item in meeting.items] == [(), ()]
    assert meeting.items[1].agenda_text.endswith("RESOLVED – That the public be excluded for the following item.")
    assert meeting.warnings == ()


# §2 Items


def test_numbers_by_calendar_year_are_trusted_with_one_warning():
    meeting = parse("calendar-year-numbers")
    assert [(item.number, item.minute_number, item.municipal_year) for item in meeting.items] == [
        ("1", 1, 2016),
        ("2", 2, 2016),
        ("3", 3, 2016),
    ]
    assert warnings(meeting) == [
        "line 5: items 1/16 to 3/16 are numbered for municipal year 2016 but the meeting date falls in 2015; "
        "the printed year is used"
    ]
    # "Minutes of the meeting held on 15 December 2015" as a title is the meeting its minutes approve.
    assert [(ref.kind, ref.date) for ref in meeting.items[1].references] == [("meeting", D(2015, 12, 15))]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("numbers-restart-at-one", [("1", "1/23", "Apologies"), ("2", "2/23", "Minutes of the Last Meeting")]),
        ("four-digit-numbers", [("1772", "1772/23", "Apologies"), ("1773", "1773/23", "Planning Applications")]),
        ("number-year-labels", [("77", "77/21", "Apologies"), ("78", "78/21", "Budget Scrutiny")]),
        ("number-committee-prefix", [("C 63", "63/07", "Apologies"), ("C 64", "64/07", "Waste Strategy")]),
        (
            "number-and-title-on-one-line",
            [
                ("152", "152/23", "Overview and Scrutiny Board"),
                ("153", "153/23", "APOLOGIES FOR ABSENCE"),
                ("154", "154/23", "DECLARATIONS OF INTEREST"),
                ("155", "155/23", "SCRUTINY OVERVIEW"),
            ],
        ),
        ("sub-items", [("3", "3/16", "Minutes"), ("4", "4/16", "Any Other Business")]),
        ("sub-items-with-capital-and-bracket", [("12A", "12/23", "Questions from the Public"), ("17(6)", "17/23", "Report of the Leader")]),
        ("agenda-and-minute-numbers", [("112", "112/22", "Chairman"), ("113", "113/22", "Leader's Report")]),
        ("section-headings", [("14", "14/22", "Apologies"), ("15", "15/22", "Climate Action Update"), ("16", "16/22", "Land Disposal")]),
        (
            "title-decorations",
            [("1", "1/22", "APOLOGIES FOR ABSENCE"), ("2", "2/22", "Quarterly Performance (Verbal)"), ("3", "3/22", "Urgent Item")],
        ),
        ("scheduled-times", [("1", "1/23", "Welcome and Apologies"), ("2", "2/23", "Better Care Fund")]),
    ],
)  # fmt: skip
def test_item_numbering(name, expected):
    assert [(item.number, item.minute, item.title) for item in parse(name).items] == expected


def test_minute_text_after_a_dash_on_a_heading():
    items = parse("number-and-title-on-one-line").items
    assert [item.minutes_text for item in items[2:]] == [
        "There were none.",
        "The Council noted the scrutiny work programme.\n\nRESOLVED that the work programme be noted.",
    ]
    assert items[0].documents == (ParsedDocument("Overview and Scrutiny Board", "PDF", 68),)


def test_sub_items_belong_to_their_parent():
    minutes = parse("sub-items").items[0]
    assert minutes.minutes_text == (
        "3a To agree the minutes of the meeting held on 9th March, 2017\n\nThe minutes were agreed.\n\n"
        "3b Matters Arising\n\nThere were no matters arising."
    )
    assert minutes.documents == (
        ParsedDocument("To agree the minutes of the meeting held on 9th March, 2017", "PDF", 70),
    )


def test_section_headings_are_not_items_or_minutes():
    items = parse("section-headings").items
    assert [item.minutes_text for item in items] == [
        "None.",
        "The Cabinet received a presentation.",
        "RESOLVED that the disposal be approved.",
    ]


# §3 Inside an item


def test_decision_and_minutes_keep_both_texts_and_count_the_resolution_once():
    (fees,) = parse("decision-then-minutes").items
    assert resolutions(fees) == [("", "The Cabinet approves the fees and charges for 2024/25.")]
    assert fees.minutes_text.startswith(
        "The Cabinet approves the fees and charges for 2024/25.\n\nThe Cabinet considered"
    )
    assert fees.minutes_text.endswith("RESOLVED that the fees and charges for 2024/25 be approved.")


def test_a_narrative_under_decision_is_not_a_resolution():
    welcome, apologies, minutes = parse("decision-narrative").items
    assert (resolutions(welcome), resolutions(apologies)) == ([], [])
    assert resolutions(minutes) == [
        ("", "The minutes of the meeting held on 11 February 2021 were approved as a true record.")
    ]
    assert [(ref.kind, ref.date) for ref in minutes.references] == [("meeting", D(2021, 2, 11))]


def test_short_decisions_and_infinitives():
    tenancy, rents = parse("decision-short").items
    assert resolutions(tenancy) == [("", "Approved")]
    assert resolutions(rents) == [("1", "To approve the rent increase."), ("2", "To note the consultation response.")]


def test_document_markers_on_sub_item_lines_and_in_megabytes():
    minutes, annual = parse("document-markers").items
    assert minutes.documents == (
        ParsedDocument("To agree the minutes of the meeting held on 7th September, 2023", "PDF", 70),
    )
    assert (
        minutes.agenda_text == "a) To agree the minutes of the meeting held on 7th September, 2023\nb) Matters Arising"
    )
    assert annual.documents == (ParsedDocument("Annual Report", "PDF", 1024),)


def test_an_agenda_item_page_with_supporting_documents_at_the_end():
    meeting = parse("supporting-documents-at-end", committee="Audit Committee", date=D(2024, 1, 10))
    (item,) = meeting.items
    assert (item.title, item.introduction, item.minutes_text, item.additional_documents) == (
        "Budget Monitoring",
        "Report of the Director of Finance",
        "The Committee noted the budget monitoring report.",
        True,
    )
    assert item.documents == (
        ParsedDocument("Budget Monitoring Quarter 3", "PDF", 210, True),
        ParsedDocument("Appendix A - Forecast Outturn", "PDF", 1229, True),
    )


def test_truncation_markers_of_every_kind():
    questions, motion = parse("truncation-variants").items
    assert (questions.truncated, questions.agenda_text, questions.minutes_text) == (
        True,
        "The Council received questions from members of the public on",
        "Three questions were asked",
    )
    assert (motion.truncated, resolutions(motion)) == (True, [("", "the motion be carried")])


def test_items_without_minutes():
    items = parse("no-minutes").items
    assert [(item.number, item.agenda_text, item.minutes_text) for item in items] == [
        ("5", "", ""),
        ("6", "", "None."),
        ("7", "Minutes to follow.", ""),
        ("8", "", ""),
    ]


def test_notes_on_the_record_are_not_resolutions_or_references():
    (budget,) = parse("notes-on-the-record").items
    assert "Audio recording" not in budget.minutes_text
    assert budget.references == ()
    assert resolutions(budget) == [("", "the budget be approved.")]
    assert "FOR 27 AGAINST 0 NOT VOTING 13" in budget.minutes_text


def test_paragraph_numbers_on_their_own_lines():
    (plan,) = parse("paragraph-numbers").items
    assert plan.minutes_text == (
        "The Committee received the external audit plan.\n\nMembers asked about the timetable for the audit.\n\n"
        "RESOLVED that the external audit plan be approved."
    )
    assert resolutions(plan) == [("", "the external audit plan be approved.")]


def test_notes_and_template_wording_in_agenda_text_are_not_resolutions():
    (exclusion,) = parse("agenda-notes-not-resolutions").items
    assert exclusion.resolutions == ()
    assert exclusion.actions == ()
    assert exclusion.minutes_text == "The Cabinet agreed to exclude the press and public."


# §4 Resolutions


def test_resolution_openers():
    assert [resolutions(item) for item in parse("resolution-openers").items] == [
        [("", "the minutes be confirmed.")],
        [("", "the report be noted.")],
        [("", "the policy be adopted.")],
        [("", "the Mayor be thanked.")],
        [("", "the meeting continue beyond 9pm.")],
        [("", "the item be deferred.")],
    ]


def test_motions_in_lettered_paragraphs_each_give_their_resolution():
    meeting = parse("motions-in-lettered-paragraphs", committee="Council", date=D(2020, 3, 3))
    (item,) = meeting.items
    assert resolutions(item) == [
        ("", "the minutes of the meeting of the Council held on 14 January 2020 be approved as a correct record."),
        ("", "the minutes of the Executive meeting held on 4 February 2020 be received."),
    ]
    assert [(ref.date, ref.committee) for ref in item.references] == [
        (D(2020, 1, 14), ""),
        (D(2020, 2, 4), "Executive"),
    ]


def test_resolution_lead_ins():
    assert [resolutions(item) for item in parse("resolution-lead-ins").items] == [
        [("", "the motion be carried.")],
        [("", "the recommendations be agreed.")],
        [("", "the application be refused.")],
    ]


def test_inline_resolutions():
    assert [resolutions(item) for item in parse("inline-resolutions").items] == [
        [("", "the capital strategy be approved.")],
        [("", "to recommend the policy to Full Council.")],
        [("", "the Council be recommended to approve the council tax base for 2024/25.")],
    ]


def test_outcomes_stand_for_resolutions_on_a_page_that_never_says_resolved():
    assert [resolutions(item) for item in parse("no-opener-outcomes").items] == [
        [("", "It was agreed that the minutes be signed as a correct record.")],
        [("", "The Forum agreed to contribute £500 to the Christmas lights.")],
        [("", "Accordingly, the minutes of the meeting held on 6 November 2023 were agreed as a correct record.")],
    ]


def test_clause_labels():
    items = parse("clause-labels").items
    assert [resolutions(item) for item in items] == [
        [("1", "the report be noted;"), ("2", "the plan be approved; and"), ("3", "a further report be brought back in six months.")],
        [("a", "the scheme be approved;"), ("b", "the Director be authorised to implement it.")],
        [("1", "the policy be approved, subject to:\na. consultation;\nb. an equality assessment; and"), ("2", "the policy be reviewed in 12 months.")],
        [("i", "the accounts be approved; and"), ("ii", "the letter of representation be signed.")],
        [("", "the report be NOTED and the recommendations were APPROVED, as set out in resolution (1) above.")],
    ]  # fmt: skip
    assert actions(items[0]) == [("report", "a further report be brought back in six months.", "2024-04")]


def test_capital_letter_clause_labels_with_a_colon():
    (item,) = parse("capital-letter-clauses").items
    assert resolutions(item) == [
        ("A", "Cabinet Welcomes the commitment to independent living; and"),
        ("B", "Cabinet Asks for a progress report in September 2022."),
    ]
    assert actions(item) == [("report", "Cabinet Asks for a progress report in September 2022.", "2022-09")]


def test_a_quoted_earlier_resolution_is_not_a_new_one():
    (item,) = parse("quoted-earlier-resolution").items
    assert item.resolutions == ()


# §5 Actions


def test_information_actions_and_named_officer_commitments():
    (item,) = parse("actions-information").items
    assert actions(item) == [
        ("information", "a written response would be provided to Councillor Lee on parking charges.", None),
        ("information", "Waiting times by speciality", None),
        ("information", "Staff vacancies in the emergency department", None),
        ("information", "A note would be circulated to Members on the winter plan.", None),
        (
            "other",
            "The Head of Highways agreed to circulate the revised timetable before the March meeting.",
            "2024-03",
        ),
    ]
    assert [action.resolution for action in item.actions] == [0, None, None, None, None]


def test_report_backs_and_their_due_months():
    (item,) = parse("actions-report-backs").items
    assert [(kind, due) for kind, _text, due in actions(item)] == [
        ("report", None),
        ("report", "2024-01"),
        ("report", "2023-11"),
        ("report", "2024-04"),
        ("report", "2024-10"),
        ("report", None),
    ]
    assert [action.resolution for action in item.actions] == [0, 1, 2, 3, 3, 4]


def test_work_programme_additions_but_not_removals():
    (item,) = parse("actions-work-programme").items
    assert actions(item) == [
        ("work_programme", "Dementia Services be included on the Board's Work Programme 2023/24;", None),
        ("work_programme", "Dental Access", None),
        ("work_programme", "Childhood Immunisation", None),
    ]


# §6 References


def test_reference_forms_and_false_friends():
    minutes, review, consultation = parse("references-forms").items
    assert [(ref.kind, ref.date, ref.text) for ref in minutes.references] == [
        ("meeting", D(2024, 1, 17), "17 January"),
        ("meeting", D(2024, 2, 19), "19 February"),
        ("meeting", D(2024, 3, 19), "19 March 2024"),
    ]
    assert [
        (ref.kind, ref.number, ref.year, ref.date, ref.committee, ref.same_meeting, ref.inferred)
        for ref in review.references
    ] == [
        ("minute", 57, 2023, None, "", False, False),
        ("minute", 99, 2023, None, "", False, True),
        ("minute", 112, 2023, None, "", False, False),
        ("minute", 105, 2023, D(2024, 4, 16), "", True, False),
        ("minute", 236, 2010, D(2011, 3, 3), "Council", False, False),
        ("minute", 167, 2023, None, "", False, True),
        ("minute", 66, 2023, None, "", False, True),
        ("meeting", None, None, D(2023, 7, 19), "", False, False),
        ("meeting", None, None, D(2016, 2, 19), "", False, False),
    ]
    assert consultation.references == ()


# §7 Other page kinds


def test_an_agenda_item_page_takes_committee_and_date_from_the_caller():
    meeting = parse("agenda-item-page", committee="Education Scrutiny Board", date=D(2024, 1, 10))
    (item,) = meeting.items
    assert (item.title, item.introduction, item.additional_documents) == (
        "Children's Services Improvement Plan",
        "Report of the Director of Children's Services",
        True,
    )
    assert actions(item) == [("report", "a further report be considered in March 2024.", "2024-03")]


def test_an_agenda_item_page_whose_labels_were_lost_keeps_its_minutes_and_agreed_clauses():
    meeting = parse("agenda-item-without-labels", committee="Health and Wellbeing Board", date=D(2023, 6, 14))
    (item,) = meeting.items
    assert item.title == "Health and Wellbeing Strategy"
    assert item.agenda_text == "The Board to receive the draft Health and Wellbeing Strategy."
    assert item.minutes_text.startswith("The Director of Public Health introduced")
    assert resolutions(item) == [
        ("1", "the Board approves the Health and Wellbeing Strategy."),
        ("2", "a work programme of future items be brought to the next meeting."),
    ]
    assert actions(item) == [("report", "a work programme of future items be brought to the next meeting.", None)]


def test_an_issue_page_imports_its_first_meeting_and_warns_of_the_rest():
    meeting = parse("issue-meetings-page")
    assert (meeting.committee, meeting.date) == ("Cabinet", D(2011, 10, 5))
    assert [(item.number, item.title, resolutions(item)) for item in meeting.items] == [
        ("54", "Libraries Strategy", [("", "the libraries strategy be approved.")])
    ]
    assert warnings(meeting) == ["line 11: this page lists further meetings; only the first was imported"]


def test_an_issue_page_without_labels_takes_its_minutes_after_the_agenda_text():
    meeting = parse("issue-page-without-labels")
    assert (meeting.committee, meeting.date) == ("Executive", D(2019, 11, 14))
    (item,) = meeting.items
    assert (item.number, item.title) == ("61", "Overview Board Minutes")
    assert item.agenda_text == (
        "(a) To receive the minutes of the Overview Board\n(b) To consider the recommendations in the minutes"
    )
    assert resolutions(item) == [
        ("a", "the minutes be noted; and"),
        ("b", "the recommendation at minute no. 44/19 on street lighting be approved."),
    ]
    assert [(ref.kind, ref.date, ref.committee) for ref in item.references] == [
        ("meeting", D(2019, 10, 29), "Overview Board"),
        ("minute", None, ""),
    ]
    assert warnings(meeting) == ['line 15: item 61 has no "Minutes:" label; its minutes were taken to begin here']


# §9 Text hygiene


def test_text_hygiene():
    meeting = parse("text-hygiene")
    assert meeting.committee == "Pwyllgor Craffu – Scrutiny Committee"
    assert meeting.venue == "Neuadd y Dref, Llandeilo"
    (item,) = meeting.items
    assert item.title == "Ysgol Gymraeg Dinefwr – Pont‑ar‑Ddulais"
    assert item.minutes_text == (
        "The Committee noted the “school’s” plans for Pont-ar-Ddulais & Llanelli costing £1.2m.\n\n"
        "· first point\n· second point\n\nRESOLVED that the plans be noted."
    )


def test_paragraph_numbered_clauses():
    (item,) = parse("paragraph-numbered-clauses").items
    assert resolutions(item) == [
        ("9.2", "the risk register be noted."),
        ("9.3", "the Chief Executive report back on cyber risk at the next meeting."),
    ]
    assert actions(item) == [("report", "the Chief Executive report back on cyber risk at the next meeting.", None)]


def test_a_minutes_document_with_paragraph_numbers_and_a_time_run_into_the_date():
    meeting = parse("paragraph-numbered-minutes-document")
    assert (meeting.committee, meeting.date, meeting.time) == (
        "Housing & Communities Committee",
        D(2023, 3, 14),
        datetime.time(18, 30),
    )
    assert titles(meeting) == [("1", "Procedural Business"), ("2", "Minutes"), ("3", "Empty Homes Strategy")]
    procedural, minutes, strategy = meeting.items
    assert resolutions(procedural) == [("", "the press and public be excluded from the meeting for item 6.")]
    assert resolutions(minutes) == []
    assert [(ref.kind, ref.date) for ref in minutes.references] == [("meeting", D(2023, 2, 1))]
    assert resolutions(strategy) == [
        ("1", "the strategy be approved; and"),
        ("2", "a progress report be brought to the Committee in September 2023."),
    ]
    assert actions(strategy) == [
        ("report", "a progress report be brought to the Committee in September 2023.", "2023-09")
    ]
    assert strategy.agenda_text == ""
    assert warnings(meeting) == []  # a document of minutes alone has no "Minutes:" labels to lose


def test_planning_applications_keep_their_conditions_with_the_decision():
    meeting = parse("planning-applications")
    assert titles(meeting) == [
        ("12", "21/01234/FUL Land at Mill Lane, Ashby"),
        ("13", "21/05678/OUT Former Depot, Station Road"),
        ("14", "PLANNING APPEALS"),
    ]
    approved, refused, appeals = meeting.items
    assert resolutions(approved) == [
        (
            "",
            "the application be APPROVED subject to the following conditions:\n"
            "1. Commencement within three years\n"
            "2. Development in accordance with the approved plans\n"
            "3. Hours of construction 08:00 – 18:00 Monday to Friday",
        )
    ]
    assert [res.text.splitlines()[0] for res in refused.resolutions] == [
        "the application be REFUSED for the following reasons:"
    ]
    assert resolutions(appeals) == [
        ("1", "the Committee notes the appeal decisions received; and"),
        ("2", "the Committee asks for a report on appeal costs in January 2022."),
    ]
    assert actions(appeals) == [
        ("report", "the Committee asks for a report on appeal costs in January 2022.", "2022-01")
    ]
    assert warnings(meeting) == []


def test_clauses_run_together_on_one_line_split_only_in_sequence():
    text = (
        "Agenda and minutes\n\nCabinet - Tuesday, 7th March, 2023 10.00 am\n\n5.\n\nFees\n\nMinutes:\n\n"
        "RESOLVED that (a) the fees in paragraph (b) of the report be approved, (b) they take effect in April.\n\n"
        "6.\n\nParks\n\nMinutes:\n\nRESOLVED that the plan in appendix (a) and (b) be noted.\n"
    )
    fees, parks = parse_minutes(text, "run-on.txt").items
    assert resolutions(fees) == [
        ("a", "the fees in paragraph (b) of the report be approved,"),
        ("b", "they take effect in April."),
    ]
    assert resolutions(parks) == [("", "the plan in appendix (a) and (b) be noted.")]


def test_latin_1():
    meeting = parse("latin-1")
    assert (meeting.committee, meeting.items[0].title, meeting.items[0].minutes_text) == (
        "Cyngor Sir",
        "Café Fees",
        "The Council noted fees of £120 at Ynys Môn.",
    )


# Pages councils' sites print that FORMATS.md did not list (measured on pages of councils not in
# the repository; each document is synthetic, in the shape those pages had).


def test_the_kind_of_meeting_is_not_part_of_the_committee():
    meeting = parse("header-extraordinary-meeting")
    assert (meeting.committee, meeting.kind, meeting.date, meeting.time) == (
        "Strategy and Resources Policy Committee",
        "Extraordinary",
        D(2025, 2, 3),
        T(14, 0),
    )
    assert meeting.contact == Contact("Tom Reilly", "0114 273 4000", "")


def test_an_agenda_for_committee_on_date_title_names_the_committee():
    meeting = parse("header-agenda-for-committee-on-date")
    assert (meeting.committee, meeting.kind, meeting.date, meeting.time, meeting.venue) == (
        "Licensing Sub-Committee",
        "",
        D(2025, 1, 14),
        T(10, 0),
        "Committee Room 1, Civic Centre",
    )
    assert meeting.contact == Contact("Licensing Team (Democratic Services)", "", "")


def test_site_furniture_before_the_header_is_not_the_committee():
    meeting = parse("page-furniture-before-header")
    assert (meeting.committee, meeting.date, meeting.time, meeting.venue, meeting.contact) == (
        "Planning Committee",
        D(2025, 1, 8),
        T(18, 30),
        "Council Chamber, Riverside House",
        Contact("Amira Shah", "", ""),
    )
    assert titles(meeting) == [("88", "Declarations of Interest")]


@pytest.mark.parametrize(
    ("heading", "committee", "kind"),
    [
        ("Extraordinary Meeting of the Cabinet", "Cabinet", "Extraordinary"),
        ("Special meeting of Council", "Council", "Special"),
        ("Reconvened Planning Committee", "Planning Committee", "Reconvened"),
        ("Special Educational Needs Panel", "Special Educational Needs Panel", ""),
        ("Annual Council", "Annual Council", ""),
        ("Minutes of the Cabinet held on", "Cabinet", ""),
    ],
)
def test_kinds_of_meeting_and_page_titles_around_a_committee(heading, committee, kind):
    text = f"{heading} - Monday, 3rd February, 2025 2.00 pm\n\n1.\n\nApologies\n\nMinutes:\n\nNone.\n"
    meeting = parse_minutes(text, "kind.txt")
    assert (meeting.committee, meeting.kind) == (committee, kind)


def test_items_whose_numbers_and_labels_were_both_lost_are_found_at_their_titles():
    meeting = parse("numbers-and-labels-lost-short-items")
    assert titles(meeting) == [
        ("", "Prayers and Reflections"),
        ("", "Appointment of Chair"),
        ("", "Declarations of Interest"),
        ("", "Minutes of the last meeting"),
        ("", "Council Tax Support Scheme 2025/26"),
        ("", "Questions from the Public"),
        ("", "Date of Next Meeting"),
    ]
    prayers, chair, declarations, minutes, tax, questions, _next = meeting.items
    assert (prayers.agenda_text, prayers.minutes_text) == (
        "",
        "The Mayor's Chaplain, the Reverend Ruth Hale, led the Council in prayer.",
    )
    assert resolutions(chair) == [("", "Councillor Patel be appointed Chair for the meeting.")]
    assert declarations.minutes_text == "There were no declarations of interest."
    assert minutes.agenda_text == "To approve the minutes of the meeting held on 10 December 2024."
    assert (tax.introduction, resolutions(tax)) == (
        "Report of the Director of Finance",
        [("", "the Council Tax Support Scheme for 2025/26 be adopted.")],
    )
    assert [a.kind for a in questions.actions] == ["other"]
    assert (meeting.committee, meeting.venue) == ("Council", "Council Chamber, Guildhall")
    assert warnings(meeting)[0] == "line 12: " + LOST.format(7)


def test_item_numbers_with_a_committee_letter():
    meeting = parse("number-letter-prefix")
    assert [(item.number, item.minute, item.title) for item in meeting.items] == [
        ("P/142", "142/24", "Declarations of Interest"),
        ("P/143", "143/24", "Minutes of the previous meeting"),
        ("P/144", "144/24", "Land at Mill Lane, Hinton - 24/01233/FUL"),
    ]
    assert warnings(meeting) == []
    assert [(ref.text, ref.number, ref.year, ref.inferred) for ref in meeting.items[2].references] == [
        ("Minute No. P/131", 131, 2024, True)
    ]
    assert [(ref.text, ref.number) for ref in meeting.items[1].references if ref.kind == "minute"] == [
        ("minute P/138", 138)
    ]


def test_a_minute_number_with_its_agenda_number_and_minutes_after_a_dash():
    meeting = parse("number-with-agenda-number-and-dash")
    assert [(item.number, item.title, item.minutes_text[:40]) for item in meeting.items] == [
        ("221", "SCRUTINY OVERVIEW", "The Board received the annual overview o"),
        ("222", "FORWARD PLAN", "The Board noted the Forward Plan."),
        ("223", "DATE OF NEXT MEETING", "The next meeting would be held on 10 Apr"),
    ]
    (reference,) = meeting.items[0].references
    assert (reference.text, reference.number, reference.inferred) == ("minute number 153b", 153, True)


def test_several_meeting_dates_in_one_phrase_and_a_date_in_a_title():
    (item,) = parse("references-several-dates").items
    assert [(ref.kind, ref.date, ref.text) for ref in item.references] == [
        ("meeting", D(2024, 11, 29), "29 November 2024"),
        ("meeting", D(2025, 1, 9), "9 January 2025"),
        ("meeting", D(2025, 1, 21), "21 January 2025"),
        ("meeting", D(2025, 1, 28), "28 January 2025"),
    ]


def test_numbered_clauses_wrapped_over_lines_and_blank_lines_are_one_resolution_each():
    youth, programme = parse("clauses-wrapped-with-blank-lines").items
    assert resolutions(youth) == [
        (
            "1",
            "the update be noted and the Committee's thanks be passed to the youth justice team for their work "
            "during the inspection;",
        ),
        ("2", "officers provide further information on the numbers of first-time entrants in each ward; and"),
        (
            "3",
            "the following items be added to the Work Programme:\na) Youth violence reduction partnership\n"
            "b) Custody suite support for children",
        ),
    ]
    assert actions(youth) == [
        (
            "information",
            "officers provide further information on the numbers of first-time entrants in each ward; and",
            None,
        ),
        ("work_programme", "Youth violence reduction partnership", None),
        ("work_programme", "Custody suite support for children", None),
    ]
    assert actions(programme) == [
        ("work_programme", "School exclusions and part-time timetables", None),
        ("work_programme", "Children missing education", None),
    ]


# §11 Minutes outside ModernGov's pages: printed minutes, as a PDF's or Word document's text


def test_a_printed_minutes_sentence_never_names_the_committee_the_line_above_does():
    meeting = parse("printed-minutes-sentence")
    assert (meeting.committee, meeting.kind, meeting.date, meeting.time) == (
        "Education and Children's Services Scrutiny Board (2)",
        "",
        D(2017, 4, 27),
        T(14, 0),
    )
    assert titles(meeting) == [("79", "Declarations of Interests"), ("80", "Minutes"), ("81", "Work Programme")]
    declarations, minutes, programme = meeting.items
    assert declarations.minutes_text == "There were no disclosable pecuniary interests."
    assert minutes.minutes_text == "The minutes of the meeting held on 6 April 2017 were agreed as a true record."
    assert resolutions(programme) == [("", "the work programme be approved.")]
    assert "Sandy" not in " ".join(item.minutes_text for item in meeting.items)  # the attendance is no item's
    assert warnings(meeting) == []


def test_a_printed_minutes_sentence_alone_names_no_committee_and_says_so():
    with pytest.raises(ImportFailed) as failure:
        parse("printed-minutes-sentence-without-a-name")
    assert failure.value.line == 1
    assert failure.value.reason == (
        "no meeting committee found in the page header; give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]"
    )
    meeting = parse("printed-minutes-sentence-without-a-name", committee="Scrutiny Board (2)")
    assert (meeting.committee, meeting.date, len(meeting.items)) == ("Scrutiny Board (2)", D(2017, 4, 27), 2)


def test_a_one_sentence_header_gives_committee_kind_venue_date_and_time():
    meeting = parse("header-one-sentence-special-meeting")
    assert (meeting.committee, meeting.kind, meeting.venue, meeting.date, meeting.time) == (
        "LICENSING COMMITTEE",
        "Special",
        "the Burgh Hall, Kilbrannock",
        D(1998, 3, 4),
        T(14, 15),
    )
    assert titles(meeting) == [("1", "APOLOGIES"), ("2", "STREET TRADERS LICENCE - MRS A WATT")]
    assert resolutions(meeting.items[1]) == [
        ("1", "The Committee agreed to grant the licence; and"),
        ("2", "The Committee agreed to review it in six months."),
    ]
    assert warnings(meeting) == []


def test_a_pdf_title_block_of_council_committee_minutes_and_date():
    meeting = parse("printed-minutes-title-block")
    assert (meeting.committee, meeting.date, meeting.time) == ("Cabinet", D(2012, 4, 2), None)
    assert titles(meeting) == [("1", "Apologies for Absence"), ("2", "Library Opening Hours")]
    assert meeting.items[0].minutes_text == "Apologies were received from Councillor Hart."
    assert resolutions(meeting.items[1]) == [("", "the new opening hours be agreed.")]
    assert warnings(meeting) == []


def test_page_numbers_and_running_heads_kept_in_a_pdfs_text_are_dropped_and_the_sentence_joined():
    meeting = parse("page-furniture-in-text")
    assert titles(meeting) == [("1", "Apologies"), ("2", "Taxi Licensing Policy"), ("3", "Street Trading")]
    taxis, trading = meeting.items[1:]
    assert taxis.minutes_text == (
        "The Committee considered the revised policy for hackney carriage and private hire licensing, following "
        "consultation with the trade.\n\nRESOLVED: That the revised policy be adopted."
    )
    assert trading.minutes_text == (
        "The Committee noted the number of street trading consents granted in the year, which had risen to 42."
    )
    assert warnings(meeting) == []


# Never lose an item silently


def test_a_jump_in_the_printed_numbers_is_a_warning():
    meeting = parse("numbers-jump")
    assert [item.number for item in meeting.items] == ["219", "220", "223"]
    assert warnings(meeting) == [
        "line 21: items 221–222 missing between 220 and 223: the page may have been cut, or the importer misread it"
    ]


def test_the_next_number_after_a_list_is_the_next_item_not_a_list_entry():
    meeting = parse("number-continues-after-a-list")
    assert titles(meeting) == [("219", "DECLARATIONS OF INTEREST"), ("220", "MINUTES"), ("221", "SCRUTINY OVERVIEW")]
    assert meeting.items[1].minutes_text == (
        "The minutes of the meeting held on 8 February 2023 were approved, subject to the following:\n\n"
        "1. the attendance of Councillor Ahmed be recorded."
    )
    assert resolutions(meeting.items[2]) == [("", "the overview be noted.")]


# A line that prints an item's number as a heading does: "79.", "221 (28) TITLE", "4 Apologies", "C 63."
PRINTED_NUMBER = re.compile(r"^\s*(?:[A-Z]{1,3}\s)?(\d{1,4})(?:[.:)]|\s+\(\d+\))?(?:\s+[\"“‘A-Z].*)?$")
HEADERLESS = {"committee": "Cabinet", "date": D(2019, 6, 5)}


@pytest.mark.parametrize("path", sorted(FORMATS.glob("*.txt")), ids=lambda path: path.stem)
def test_no_printed_item_number_is_lost_without_a_warning(path):
    """Every number the page prints as an item's, within the run of the items found (or just
    after it), is an item, or a warning names it."""
    try:
        meeting = parse_path(path)
    except ImportFailed:
        meeting = parse_path(path, **HEADERLESS)
    numbers = {item.minute_number for item in meeting.items if item.minute_number is not None}
    if not numbers:
        return
    said = " ".join(warnings(meeting))
    lost = [
        (number, line)
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1)
        if (printed := PRINTED_NUMBER.match(line))
        and min(numbers) <= int(printed[1]) <= max(numbers) + 1
        and int(printed[1]) not in numbers
        and printed[1] not in said
    ]
    assert lost == []


# §11.2, 11.5, 11.6 Councils' own shapes: headers, item numbers and decisions outside ModernGov


def test_labels_above_their_values_and_a_scottish_decision():
    meeting = parse("header-labels-above-their-values")
    assert (meeting.committee, meeting.date, meeting.time) == ("Strathmorven Council", D(2014, 6, 3), T(10, 30))
    assert titles(meeting) == [("1", "Sederunt and Declaration of Interests"), ("2", "Roads Maintenance Programme")]
    assert meeting.items[0].minutes_text == "There were no declarations of interest."
    assert resolutions(meeting.items[1]) == [
        ("1", "The Committee agreed to approve the programme; and"),
        ("2", "The Committee agreed to note the budget."),
    ]
    assert warnings(meeting) == []  # a council's own page has no "Minutes:" labels to lose


def test_a_cmis_page_with_its_title_time_range_and_agreed_decision():
    meeting = parse("cmis-meeting-details")
    assert (meeting.committee, meeting.date, meeting.time) == ("Planning Panel", D(2016, 3, 9), T(18, 0))
    assert titles(meeting) == [
        ("1", "Apologies for Absence"),
        ("2", "Declarations of Interest"),
        ("3", "15/01234/FUL Land at Mill Road"),
    ]
    assert resolutions(meeting.items[2]) == [("", "planning permission be granted subject to conditions.")]
    assert meeting.items[1].minutes_text == "None."


def test_an_asp_agenda_title_line_names_the_council_not_its_agenda():
    meeting = parse("asp-agenda-title-line")
    assert (meeting.committee, meeting.date, meeting.time) == ("Brackenford Council", D(2009, 5, 14), T(13, 30))
    assert [item.title for item in meeting.items] == [
        "Apologies",
        "Minutes of the meeting held on 2 April 2009 (copy attached)",
        "Parking Review (report attached)",
    ]
    assert all(not item.minutes_text for item in meeting.items)  # an agenda: nothing decided yet


def test_numbers_run_into_titles_and_a_bare_noted():
    meeting = parse("numbers-run-into-titles")
    assert (meeting.committee, meeting.date) == ("Planning Committee", D(2017, 6, 12))
    assert titles(meeting) == [
        ("1", "Apologies"),
        ("2", "Minutes of the previous meeting"),
        ("3", "Planning Applications"),
    ]
    assert resolutions(meeting.items[1]) == [("", "the minutes of the meeting held on 8 May 2017 be approved.")]
    assert resolutions(meeting.items[2]) == [("", "NOTED.")]
    assert warnings(meeting) == []


def test_year_meeting_and_item_labels_and_agreed_that():
    meeting = parse("year-meeting-item-labels")
    assert (meeting.committee, meeting.date, meeting.time) == ("Finance Committee", D(2006, 5, 11), T(19, 30))
    assert [(item.number, item.minute_number, item.title) for item in meeting.items] == [
        ("06/05:01", 1, "APOLOGIES AND CHAIRMAN'S BUSINESS"),
        ("06/05:02", 2, "ACCOUNTS FOR PAYMENT"),
        ("06/05:03", 3, "GRANTS"),
    ]
    assert resolutions(meeting.items[2]) == [("", "a grant of £250 be made to the village hall.")]


def test_minute_prefixed_labels_are_the_minute_numbers():
    meeting = parse("minute-prefix-labels")
    assert (meeting.committee, meeting.date, meeting.time) == ("Oakford Parish Council", D(2024, 2, 6), T(19, 0))
    assert titles(meeting) == [("41", "Apologies"), ("42", "Declarations of Interest"), ("43", "Playground Equipment")]
    assert resolutions(meeting.items[2]) == [("", "to purchase new swings at a cost of £3,200.")]
    assert warnings(meeting) == []


def test_a_decisions_table_before_the_minutes_is_no_second_set_of_items():
    meeting = parse("decisions-table-before-minutes")
    assert titles(meeting) == [
        ("5", "Minutes of the meeting held on 6 June 2023"),
        ("6", "Budget Monitoring"),
        ("7", "Leisure Centre Contract"),
    ]
    assert meeting.items[0].minutes_text == (
        "The minutes of the meeting held on 6 June 2023 were adopted as a correct record."
    )
    assert resolutions(meeting.items[2]) == [("", "the contract be awarded to Active Wyvern Ltd.")]


def test_agenda_item_and_minute_number_headings_number_items_by_their_minute():
    meeting = parse("agenda-item-and-minute-number-headings")
    assert [(item.number, item.minute, item.title) for item in meeting.items] == [
        ("112", "112/23", "Apologies"),
        ("113", "113/23", "Budget Monitoring"),
    ]
    assert resolutions(meeting.items[1]) == [("", "the report be noted.")]
    assert warnings(meeting) == []


def test_a_town_councils_paragraph_numbered_minutes():
    meeting = parse("paragraph-numbered-town-council-minutes")
    assert (meeting.committee, meeting.date, meeting.time) == ("Finance Committee", D(2023, 6, 5), T(19, 0))
    assert titles(meeting) == [("1", "Apologies"), ("2", "Minutes"), ("3", "Grants")]
    assert resolutions(meeting.items[1]) == [("", "the minutes of the meeting held on 8 May 2023 be adopted.")]
    assert resolutions(meeting.items[2]) == [("", "a grant of £500 be made to the Youth Club.")]


def test_cmis_items_whose_titles_were_lost_take_their_description_as_title():
    meeting = parse("cmis-lost-item-titles")
    assert titles(meeting) == [
        ("1", "Apologies for Absence"),
        ("2", "To confirm the minutes of the meeting held on 10 February 2016"),
        ("3", "Chair's Business"),
        ("4", "To consider the report of the Head of Planning on enforcement"),
    ]
    assert meeting.items[1].minutes_text == "The minutes were confirmed as a correct record."
    assert resolutions(meeting.items[3]) == [("", "the enforcement action be authorised.")]
    assert warnings(meeting) == []


def test_footer_disclaimers_a_blank_minute_placeholder_and_tag_debris():
    meeting = parse("footer-disclaimers-and-tag-debris")
    apologies, taxis = meeting.items
    assert apologies.references == ()  # "(Minute No.     )" names no minute
    assert taxis.minutes_text == (
        "The Committee considered the revised policy for hackney carriage and private hire licensing, following "
        "consultation with the trade.\n\nRESOLVED: That the revised policy be adopted."
    )
