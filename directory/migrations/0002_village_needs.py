from django.db import migrations

from directory.needs import NEEDS, TAXONOMY_ID, term_id


def add_needs(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _ = Taxonomy.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": "Village needs",
            "description": "The needs a family-reunification program refers families for.",
            "version": "1",
        },
    )
    for code, name in NEEDS.items():
        TaxonomyTerm.objects.get_or_create(
            id=term_id(code),
            defaults={"taxonomy": taxonomy, "code": code, "name": str(name), "language": "en"},
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(add_needs, migrations.RunPython.noop)]
