"""The modules app's reports in the admin, under their own namespace (as progress's are)."""

from django.urls import path

from modules import reports

app_name = "modules_reports"
urlpatterns = [
    path("", reports.ExcerptOpeningReport.as_view(), name="excerpt_openings"),
    path(
        "results/",
        reports.ExcerptOpeningReport.as_view(results_only=True),
        name="excerpt_openings_results",
    ),
]
