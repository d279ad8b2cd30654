from datetime import date

import pytest
from django.core import mail

from equalcity.monitoring.models import ReportReminder
from equalcity.monitoring.services import send_report_reminders

pytestmark = pytest.mark.django_db


def test_reminders_go_once_to_partners_whose_report_is_missing(monitoring_demo):
    # 2019 Q4 (due 30 January 2020) has no demo report; every other quarter is approved.
    first = send_report_reminders(today=date(2020, 1, 20), within_days=14)
    assert first == 4
    assert ReportReminder.objects.count() == 4
    # Only Femmes en Détresse has a demo partner editor, so one e-mail leaves.
    assert len(mail.outbox) == 1 and "2019 Q4" in mail.outbox[0].subject
    assert send_report_reminders(today=date(2020, 1, 21), within_days=14) == 0
    assert len(mail.outbox) == 1


def test_the_command_runs_and_is_idempotent(monitoring_demo):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_report_reminders", stdout=out)
    call_command("send_report_reminders", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 reminder(s) sent."
