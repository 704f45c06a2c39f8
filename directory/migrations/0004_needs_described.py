from django.db import migrations

from directory.needs import DESCRIPTIONS, term_id


def describe_needs(apps, schema_editor):
    """HSDS requires a taxonomy term's description: the program's needs get theirs,
    unless the team has written one already."""
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for code, description in DESCRIPTIONS.items():
        TaxonomyTerm.objects.filter(pk=term_id(code), description="").update(
            description=description
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search_index")]
    operations = [migrations.RunPython(describe_needs, migrations.RunPython.noop)]
