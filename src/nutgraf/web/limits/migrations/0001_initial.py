from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Counter",
            fields=[
                ("name", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("hits", models.BigIntegerField()),
                ("expires", models.FloatField(db_index=True)),
            ],
            options={"db_table": "nutgraf_limit_counter"},
        ),
        migrations.CreateModel(
            name="Slot",
            fields=[
                ("name", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("holder", models.CharField(max_length=64)),
                ("expires", models.FloatField()),
            ],
            options={"db_table": "nutgraf_limit_slot"},
        ),
    ]
