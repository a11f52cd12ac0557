"""The two real Coventry pages, parsed to exact values."""

import datetime

from importers.records import Contact, ParsedDocument, ParsedReference, ParsedResolution


def item(meeting, number):
    return next(each for each in meeting.items if each.number == number)


def kinds_and_dues(parsed_item):
    return [(action.kind, action.due.strftime("%Y-%m") if action.due else None) for action in parsed_item.actions]


class TestApril2017:
    def test_header(self, april_2017):
        assert april_2017.committee == "Education and Children's Services Scrutiny Board (2)"
        assert april_2017.date == datetime.date(2017, 4, 27)
        assert april_2017.time == datetime.time(14, 0)
        assert april_2017.venue == "Committee Room 3 - Council House"
        assert april_2017.contact == Contact("Michelle Rose", "024 7683 3111", "michelle.rose@coventry.gov.uk")
        assert april_2017.warnings == ()

    def test_items_79_to_87_are_minutes_of_2016_17(self, april_2017):
        assert [each.number for each in april_2017.items] == [str(n) for n in range(79, 88)]
        assert [each.minute for each in april_2017.items] == [f"{n}/16" for n in range(79, 88)]
        assert {each.municipal_year for each in april_2017.items} == {2016}
        assert [each.order for each in april_2017.items] == list(range(1, 10))

    def test_titles_lose_their_document_markers(self, april_2017):
        assert [each.title for each in april_2017.items] == [
            "Declarations of Interests",
            "Minutes",
            "One Strategic Plan for School Organisation",
            "Improving Quality and Performance of Social Workers",
            "Commissioned Children's Services",
            "Improvement Board",
            "Outstanding Issues",
            "Work Programme",
            "Any Other Business",
        ]

    def test_item_81_introduction_and_documents(self, april_2017):
        strategic_plan = item(april_2017, "81")
        assert strategic_plan.introduction == "Report of the Director of Education, Libraries and Adult Learning"
        assert strategic_plan.documents == (
            ParsedDocument("One Strategic Plan for School Organisation", "PDF", 51, additional=False),
        )
        assert strategic_plan.additional_documents is True
        assert strategic_plan.agenda_text == ""

    def test_item_81_work_programme_actions(self, april_2017):
        strategic_plan = item(april_2017, "81")
        assert len(strategic_plan.resolutions) == 1
        assert strategic_plan.resolutions[0].label == ""
        assert [(a.kind, a.text, a.due) for a in strategic_plan.actions] == [
            ("work_programme", "Home schooling", None),
            ("work_programme", "Local authority support following Ofsted action plan/progress report", None),
        ]
        assert {a.resolution for a in strategic_plan.actions} == {0}

    def test_item_81_minutes_keep_paragraphs_and_bullets(self, april_2017):
        text = item(april_2017, "81").minutes_text
        assert text.startswith("The Scrutiny Board considered a briefing note and presentation of the Director")
        assert "The presentation provided information about:\n\n· the education service vision, values and" in text
        assert "· partnership working\n· criteria for additional places\n" in text
        assert "\u00a0" not in text and "  " not in text

    def test_item_82_two_numbered_resolutions_with_information_and_report(self, april_2017):
        social_workers = item(april_2017, "82")
        assert social_workers.resolutions == (
            ParsedResolution(
                "1",
                "the Scrutiny Board noted progress and request further information about whether the 61 recently "
                "appointed Social Workers had been retained and how many had met their accreditation",
            ),
            ParsedResolution("2", "a further report be considered in October, 2017"),
        )
        assert kinds_and_dues(social_workers) == [("information", None), ("report", "2017-10")]
        assert [a.resolution for a in social_workers.actions] == [0, 1]

    def test_item_84_refers_to_minute_59_of_2016_and_asks_for_a_report(self, april_2017):
        improvement = item(april_2017, "84")
        assert improvement.references == (ParsedReference("minute", "Minute 59/16", number=59, year=2016),)
        assert kinds_and_dues(improvement) == [("report", None)]
        assert "· Children and young people who are receiving or who need early help\n" in improvement.minutes_text

    def test_items_without_resolutions(self, april_2017):
        assert item(april_2017, "83").resolutions == ()
        assert item(april_2017, "86").resolutions == ()
        assert item(april_2017, "86").minutes_text == "The Board noted the work programme."

    def test_item_80_refers_to_the_meeting_of_6_april(self, april_2017):
        minutes = item(april_2017, "80")
        assert minutes.references == (ParsedReference("meeting", "6th April, 2017", date=datetime.date(2017, 4, 6)),)
        assert (
            minutes.agenda_text == "a) To agree the minutes of the meeting held on 6th April, 2017\nb) Matters Arising"
        )
        assert minutes.documents == (ParsedDocument("Minutes", "PDF", 70),)

    def test_item_85_resolution_is_not_an_action(self, april_2017):
        outstanding = item(april_2017, "85")
        assert outstanding.resolutions == (
            ParsedResolution("", "the officers responsible for outstanding actions be contacted."),
        )
        assert outstanding.actions == ()
        assert outstanding.introduction == "Briefing Note of the Scrutiny Co-ordinator"

    def test_item_87_agenda_text_and_minutes(self, april_2017):
        other = item(april_2017, "87")
        assert other.agenda_text.startswith("Any other items of business which the Chair decides")
        assert other.minutes_text == "There were no other items of business."
        assert other.documents == ()


class TestApril2016:
    def test_header(self, april_2016):
        assert april_2016.committee == "Education and Children's Services Scrutiny Board (2)"
        assert april_2016.date == datetime.date(2016, 4, 14)
        assert april_2016.time == datetime.time(14, 0)
        assert april_2016.venue == "Diamond Rooms 1 and 2 - Council House"

    def test_items_69_to_76_are_minutes_of_2015_16(self, april_2016):
        assert [each.minute for each in april_2016.items] == [f"{n}/15" for n in range(69, 77)]

    def test_item_70_references_two_minutes_and_the_march_meeting(self, april_2016):
        minutes = item(april_2016, "70")
        assert [(r.kind, r.number, r.year, r.date) for r in minutes.references] == [
            ("meeting", None, None, datetime.date(2016, 3, 17)),
            ("minute", 51, 2015, None),
            ("minute", 63, 2015, None),
        ]
        assert [r.text for r in minutes.references] == ["17th March, 2016", "Minute 51/15", "Minute 63/15"]

    def test_item_71_is_truncated_and_the_marker_removed(self, april_2016):
        review = item(april_2016, "71")
        assert review.truncated is True
        assert review.minutes_text.endswith("might have indicated any")
        assert "view the full minutes text" not in review.minutes_text

    def test_item_72_five_information_actions_and_no_resolution(self, april_2016):
        performance = item(april_2016, "72")
        assert performance.resolutions == ()
        assert [(a.kind, a.text) for a in performance.actions] == [
            ("information", "Analysis of Barnardos return home interviews"),
            (
                "information",
                "An update of the number of unaccompanied children seeking asylum to be supported by Coventry",
            ),
            ("information", "The increasing number of children who have had 3 or more placements"),
            ("information", "The Regional Adoption Board"),
            ("information", "The age breakdown for children entering care without an order (section 20)"),
        ]
        assert performance.title == "Children's Social Care Performance Report Two Year Comparison 2014/5 and 2015/6"

    def test_item_73_reports_in_6_and_12_months(self, april_2016):
        supervision = item(april_2016, "73")
        assert [(r.number, r.year) for r in supervision.references] == [(2, 2015)]
        assert len(supervision.resolutions) == 1
        assert kinds_and_dues(supervision) == [("report", "2016-10"), ("report", "2017-04")]

    def test_item_73_recommendations_to_cabinet_are_not_resolutions(self, april_2016):
        supervision = item(april_2016, "73")
        assert supervision.resolutions[0].text.startswith("the recommendations be endorsed")
        assert "1. To update the Supervision Policy to take into account the following:\na. That regular" in (
            supervision.minutes_text
        )

    def test_item_74_refers_to_minute_66_of_2015(self, april_2016):
        assert [(r.number, r.year) for r in item(april_2016, "74").references] == [(66, 2015)]
        assert item(april_2016, "74").actions == ()

    def test_item_75_five_work_programme_suggestions(self, april_2016):
        review = item(april_2016, "75")
        assert [a.kind for a in review.actions] == ["work_programme"] * 5
        assert review.actions[-1].text == "Wisteria Lodge Review"
        assert len(review.resolutions) == 1

    def test_item_70_members_would_receive_information(self, april_2016):
        assert kinds_and_dues(item(april_2016, "70")) == [("information", None)]
