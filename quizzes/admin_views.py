"""Trainers' views of attempts: the list, one attempt as answered, and the reflections to answer."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from quizzes.banks import (
    FORMATS,
    BankError,
    format_for,
    quiz_questions_export,
    quiz_questions_import,
)
from quizzes.filters import AttemptFilterSet
from quizzes.models import Quiz, QuizAttempt
from quizzes.review import review
from quizzes.services import reflection_reply

# Who may do what, through Wagtail's permission policies (the Trainers group's grants).
ATTEMPTS = ModelPermissionPolicy(QuizAttempt)
QUIZZES = ModelPermissionPolicy(Quiz)


def may_read_attempts(user):
    return ATTEMPTS.user_has_permission(user, "view")


def attempt_filterset_class():
    """The attempts list's filters: QUIZZES_ATTEMPT_FILTERSET names them, ours by default."""
    name = getattr(settings, "QUIZZES_ATTEMPT_FILTERSET", "")
    return import_string(name) if name else AttemptFilterSet


class AttemptInspectView(InspectView):
    template_name = "quizzes/admin/attempt_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attempt = self.object
        replies = {r.question_id: r for r in attempt.replies.all()}
        context["attempt"] = attempt
        context["review"] = review(attempt, replies, policy="full")
        return context


class AttemptViewSet(ModelViewSet):
    model = QuizAttempt
    icon = "tasks"
    menu_label = gettext_lazy("Quiz attempts")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["learner", "quiz_title", "module", "percent", "passed", "submitted_at"]
    search_fields = ["quiz_title", "learner__full_name", "learner__email"]
    inspect_view_enabled = True
    inspect_view_class = AttemptInspectView
    form_fields = []

    @property
    def filterset_class(self):
        return attempt_filterset_class()

    def get_queryset(self, request):
        return QuizAttempt.objects.select_related("learner", "module")


def pending_reflections(limit=200):
    """(attempt, question, answer) for reflections that no trainer has answered yet."""
    attempts = (
        QuizAttempt.objects.filter(has_reflections=True)
        .select_related("learner", "module")
        .prefetch_related("replies")
        .order_by("submitted_at")[:limit]
    )
    pending = []
    for attempt in attempts:
        answered = {reply.question_id for reply in attempt.replies.all()}
        for question in attempt.questions:
            if question["type"] == "reflection" and question["id"] not in answered:
                pending.append((attempt, question, attempt.answers.get(question["id"], "")))
    return pending


def reflection_queue(request):
    if not may_read_attempts(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "quizzes/admin/reflection_queue.html",
        {"pending": pending_reflections(), "header_title": _("Reflections to answer")},
    )


@require_POST
def reflection_answer(request, attempt_id, question_id):
    if not may_read_attempts(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(QuizAttempt, pk=attempt_id)
    if not any(q["id"] == question_id and q["type"] == "reflection" for q in attempt.questions):
        raise PermissionDenied
    text = request.POST.get("reply", "").strip()
    if not text:
        messages.error(request, _("Write a reply before sending it."))
    elif len(text) > 5000:
        messages.error(request, _("A reply may be at most 5000 characters."))
    else:
        reflection_reply(attempt=attempt, question_id=question_id, trainer=request.user, text=text)
        messages.success(
            request, _("Your reply to %(name)s was saved.") % {"name": attempt.learner}
        )
    return redirect("quizzes_reflection_queue")


class BankUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("GIFT (.gift, .txt) or Moodle XML (.xml) file"),
        help_text=gettext_lazy("At most 2 MB. A file with an error imports nothing."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


def _editable_quiz(request, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    if not QUIZZES.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return quiz


def bank_import(request, quiz_id):
    quiz = _editable_quiz(request, quiz_id)
    form = BankUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = quiz_questions_import(
                quiz=quiz, content=upload.read(), fmt=format_for(upload.name)
            )
        except BankError as error:
            form.add_error("file", _("%(error)s. Nothing was imported.") % {"error": error})
        else:
            report = result.report
            messages.success(
                request,
                _("%(count)s question(s) added to “%(quiz)s”.")
                % {"count": len(result.questions), "quiz": quiz.title},
            )
    return TemplateResponse(
        request,
        "quizzes/admin/bank_import.html",
        {
            "quiz": quiz,
            "form": form,
            "report": report,
            "header_title": _("Import questions into “%(quiz)s”") % {"quiz": quiz.title},
        },
    )


def bank_export(request, quiz_id, fmt):
    quiz = _editable_quiz(request, quiz_id)
    if fmt not in FORMATS:
        raise Http404
    result = quiz_questions_export(quiz=quiz, fmt=fmt)
    extension, content_type = (
        ("xml", "application/xml") if fmt == "xml" else ("gift.txt", "text/plain")
    )
    response = HttpResponse(result.text, content_type=f"{content_type}; charset=utf-8")
    filename = f"{slugify(quiz.title) or 'quiz'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
