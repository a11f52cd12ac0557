"""Following actions up: each action's key, its derived follow-up and status, and staff decisions
(ActionReview, with their history) kept apart from the imported actions.

Existing actions get their key; a status staff had set (done, dropped) becomes their decision.
Follow-ups are derived at the next import of each committee, or at once with
`python manage.py track_actions`.
"""

import hashlib

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def _key(number, order, kind, text, due):
    """As meetings.tracking.action_key, frozen here as migrations are."""
    identity = "\0".join([number or f"#{order}", kind, text, due.isoformat() if due else ""])
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def keys_and_decisions(apps, schema_editor):
    Action = apps.get_model("meetings", "Action")
    ActionReview = apps.get_model("meetings", "ActionReview")
    rows = Action.objects.values_list(
        "pk", "item__number", "item__order", "kind", "text", "due_month", "status", "item__meeting_id"
    )
    keyed, decisions = [], {}
    for pk, number, order, kind, text, due, status, meeting_id in rows.iterator():
        key = _key(number, order, kind, text, due)
        keyed.append(Action(pk=pk, key=key))
        if status in ("done", "dropped"):
            decisions[(meeting_id, key)] = status
    Action.objects.bulk_update(keyed, ["key"], batch_size=1000)
    ActionReview.objects.bulk_create(
        ActionReview(meeting_id=meeting_id, key=key, status=status) for (meeting_id, key), status in decisions.items()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_sources_and_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=32)),
                ('status', models.CharField(blank=True, choices=[('outstanding', 'Outstanding'), ('done', 'Done'), ('dropped', 'Dropped')], help_text='Blank: no decision, the derived status stands.', max_length=20)),
                ('note', models.TextField(blank=True)),
                ('follow_up_item', models.CharField(blank=True, max_length=24)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.CreateModel(
            name='HistoricalActionReview',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('key', models.CharField(max_length=32)),
                ('status', models.CharField(blank=True, choices=[('outstanding', 'Outstanding'), ('done', 'Done'), ('dropped', 'Dropped')], help_text='Blank: no decision, the derived status stands.', max_length=20)),
                ('note', models.TextField(blank=True)),
                ('follow_up_item', models.CharField(blank=True, max_length=24)),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical action review',
                'verbose_name_plural': 'historical action reviews',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name='meeting',
            options={'ordering': ['-date', '-start_time'], 'permissions': [('import_minutes', 'Can import minutes files')]},
        ),
        migrations.RemoveConstraint(
            model_name='action',
            name='action_status_known',
        ),
        migrations.AddField(
            model_name='action',
            name='follow_up',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='follow_ups', to='meetings.item'),
        ),
        migrations.AddField(
            model_name='action',
            name='key',
            field=models.CharField(default='', editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='action',
            name='status',
            field=models.CharField(choices=[('outstanding', 'Outstanding'), ('followed_up', 'Followed up'), ('done', 'Done'), ('dropped', 'Dropped')], default='outstanding', editable=False, max_length=20),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['outstanding', 'followed_up', 'done', 'dropped'])), name='action_status_known'),
        ),
        migrations.AddField(
            model_name='actionreview',
            name='follow_up_meeting',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='actionreview',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_reviews', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='actionreview',
            name='updated_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalactionreview',
            name='follow_up_meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='historicalactionreview',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalactionreview',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting'),
        ),
        migrations.AddField(
            model_name='historicalactionreview',
            name='updated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='actionreview',
            constraint=models.UniqueConstraint(fields=('meeting', 'key'), name='one_review_per_action'),
        ),
        migrations.RunPython(keys_and_decisions, migrations.RunPython.noop),
    ]
