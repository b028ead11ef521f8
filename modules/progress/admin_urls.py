"""The trainers' reports in the admin, under one namespace (as Wagtail's own reports are)."""

from django.urls import path

from modules.progress import reports

app_name = "progress_reports"
urlpatterns = [
    path("course-progress/", reports.CourseProgressReport.as_view(), name="course_progress"),
    path(
        "course-progress/results/",
        reports.CourseProgressReport.as_view(results_only=True),
        name="course_progress_results",
    ),
    path("course-summary/", reports.course_summary_view, name="course_summary_first"),
    path("course-summary/<int:course_id>/", reports.course_summary_view, name="course_summary"),
    path("learners/<int:learner_id>/", reports.learner_detail_view, name="learner"),
    path(
        "learners/<int:learner_id>/reset/<int:course_id>/",
        reports.progress_reset_view,
        name="progress_reset",
    ),
    path(
        "learners/<int:learner_id>/grant-attempts/",
        reports.attempt_grant_view,
        name="attempt_grant",
    ),
]
