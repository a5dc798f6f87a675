# The article and JSON-LD rendered on write (0003) gave way to template fragment caching
# (stories/caching.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0006_desk_images_pending"),
    ]

    operations = [
        migrations.RemoveField(model_name="story", name="article_html"),
        migrations.RemoveField(model_name="story", name="ld_json"),
        migrations.RemoveField(model_name="story", name="rendered_key"),
    ]
