"""python manage.py crawl_cmis CALENDAR_URL [--committee ID_OR_NAME ...] [--since YYYY-MM-DD] [--delay S]

Follows a council's CMIS site: CALENDAR_URL is its meetings calendar page (the page that links
each meeting, `.../Meetings/tabid/70/Default.aspx`). Its calendar is read month by month, since
--since (else a year back) to two months ahead, and each followed committee's meeting imported
from the minutes document its page lists, once published. Saved as a Source like a ModernGov
site, so `crawl_moderngov --all` (or `crawl_cmis --all`) crawls it again; the options, output and
exit status are `crawl_moderngov`'s.
"""

from __future__ import annotations

from meetings.models import Source

from .crawl_moderngov import Command as CrawlCommand


class Command(CrawlCommand):
    help = "Import meetings from council CMIS sites, from their minutes documents, politely and incrementally."
    system = Source.CMIS
