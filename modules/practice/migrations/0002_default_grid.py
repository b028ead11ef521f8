"""The site's default assessment grid: "Interpreting for a child", five criteria on a scale of 4.

Self-contained: it uses the historical models only. Trainers edit or replace it in the admin;
running it again (or undoing it) leaves a grid a trainer has changed alone.
"""

from django.db import migrations

NAME = "Interpreting for a child"
CRITERIA = [
    (
        "Accuracy and completeness",
        "Everything said reached the other side, nothing added, nothing changed.",
    ),
    (
        "Form of the questions kept",
        "Open invitations stay open; no options or leading words added.",
    ),
    (
        "The child's own words and register",
        "The child's words, hesitations and register kept, not tidied up.",
    ),
    (
        "First person and transparency",
        "First person throughout; clarifications and difficulties flagged openly to both sides.",
    ),
    ("Delivery (pace, voice)", "A calm pace and voice that suit a child."),
]
SCALE_MAX = 4


def create(apps, schema_editor):
    AssessmentGrid = apps.get_model("practice", "AssessmentGrid")
    GridCriterion = apps.get_model("practice", "GridCriterion")
    if AssessmentGrid.objects.filter(is_default=True).exists():
        return
    grid = AssessmentGrid.objects.create(name=NAME, is_default=True)
    GridCriterion.objects.bulk_create(
        GridCriterion(
            grid=grid, sort_order=order, label=label, description=description, scale_max=SCALE_MAX
        )
        for order, (label, description) in enumerate(CRITERIA)
    )


def remove(apps, schema_editor):
    AssessmentGrid = apps.get_model("practice", "AssessmentGrid")
    AssessmentGrid.objects.filter(name=NAME, is_default=True, exercises__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("practice", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
