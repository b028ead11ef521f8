"""Quizzes on a page, in the shape of Wagtail's FormMixin: any page can hold quizzes.

`QuizPageMixin` owns the quiz routes (submit, result) and the submit flow; it
knows no course. The page says which quizzes it places and overrides the hooks:
whether to refuse a learner now (a locked module, say), since when attempts
count (a reset), whom to ask and where to restart when attempts are spent, and
what follows a recorded attempt (progress).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path

from capisce.translation import sources_of
from quizzes.forms import quiz_form
from quizzes.models import AttemptGrant, QuizAttempt, ReflectionReply
from quizzes.review import review
from quizzes.rules import attempts_left, before_reset
from quizzes.services import (
    AttemptLimitReached,
    attempts_granted,
    attempts_used,
    quiz_attempt_submit,
)
from quizzes.tokens import InvalidToken, make_token, read_token


class QuizPageMixin:
    """Routes and flow for the quizzes a page places (use with RoutablePageMixin)."""

    # Hooks the page overrides -----------------------------------------------------------

    def get_quizzes(self):
        """The quizzes the page places, in order."""
        return []

    def quiz_refusal(self, request):
        """A response that refuses this learner the page's quizzes now, or None."""
        return None

    def quiz_attempts_since(self, request):
        """Only attempts (and grants) after this moment count; None: all of them."""
        return None

    def quiz_help(self):
        """(whom to ask for more attempts, where to start again) when attempts are spent."""
        return "", ""

    def quiz_attempt_recorded(self, request, attempt):
        """Called once an attempt is stored."""

    def quiz_record_page(self):
        """The page attempts are recorded on: this one, or the source of a translated page so
        that an attempt counts in every language."""
        return self

    def quiz_sources(self):
        """{quiz pk: its translation source} for the quizzes the page places: attempts
        belong to the source. A page may keep them longer than a request (see ModulePage)."""
        if getattr(self, "_quiz_sources", None) is None:
            self._quiz_sources = sources_of(self.get_quizzes())
        return self._quiz_sources

    def quiz_result_context(self, request):
        """What the result page needs of the page around it (not the quiz forms)."""
        return {"page": self, "self": self}

    # Routes ------------------------------------------------------------------------------

    @path("quiz/<int:quiz_id>/", name="quiz_submit")
    def quiz_submit(self, request, quiz_id):
        """Take a POSTed attempt: refuse what is wrong, store what is right, show the result."""
        if request.method != "POST":
            return redirect(self.url + f"#quiz-{quiz_id}")
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        refusal = self.quiz_refusal(request)
        if refusal is not None:
            return refusal
        quiz = self.quiz_placed(quiz_id)
        since = self.quiz_attempts_since(request)
        token = request.POST.get("token", "")
        try:
            nonce, started_at = read_token(
                token, quiz_id=quiz.pk, learner_id=request.user.pk, module_id=self.pk
            )
        except InvalidToken:
            return TemplateResponse(
                request,
                "quizzes/bad_submission.html",
                {
                    "page": self,
                    "message": _(
                        "This answer sheet does not belong to you or to this quiz, or it is too "
                        "old. Nothing was saved. Please open the quiz again."
                    ),
                },
                status=400,
            )
        form = quiz_form(quiz, token, request.POST, nonce=nonce)
        if not form.is_valid():
            response = self.render(request, submitted=(quiz.pk, form))
            response.status_code = 400 if form.is_tampered() else 200
            return response
        try:
            # The attempt belongs to the quiz's source: passed in one language, in all.
            attempt, _created = quiz_attempt_submit(
                learner=request.user,
                quiz=self.quiz_sources()[quiz.pk],
                module=self.quiz_record_page(),
                token=nonce,
                started_at=started_at,
                questions=form.questions,
                answers=form.answers(),
                since=since,
            )
        except AttemptLimitReached:
            messages.error(
                request, _("You have used every attempt this quiz allows. Nothing was saved.")
            )
            return redirect(self.url + f"#quiz-{quiz.pk}")
        self.quiz_attempt_recorded(request, attempt)
        return redirect(self.url + self.reverse_subpage("quiz_result", args=(attempt.pk,)))

    @path("quiz/attempts/<int:attempt_id>/", name="quiz_result")
    def quiz_result(self, request, attempt_id):
        """One attempt's result, as its review policy allows; only its learner sees it.

        An attempt from before the learner's last reset is shown as history.
        """
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        attempt = get_object_or_404(
            QuizAttempt.objects.for_learner(request.user).select_related("quiz"),
            pk=attempt_id,
            module_id=self.quiz_record_page().pk,
        )
        since = self.quiz_attempts_since(request)
        contact, restart_url = self.quiz_help()
        replies = {r.question_id: r for r in ReflectionReply.objects.filter(attempt=attempt)}
        quiz = attempt.quiz
        left = allowed = None
        if quiz is not None and quiz.attempts_allowed:
            extra = attempts_granted(learner=request.user, quiz=quiz, since=since)
            used = attempts_used(learner=request.user, quiz=quiz, since=since)
            allowed = quiz.attempts_allowed + extra
            left = attempts_left(allowed=quiz.attempts_allowed, used=used, granted=extra)
        context = self.quiz_result_context(request)
        context.update(
            {
                "attempt": attempt,
                "review": review(attempt, replies),
                "can_retry": quiz is not None and left != 0,
                "attempts_left": left,
                "attempts_allowed": allowed,
                "before_reset": since if before_reset(attempt.submitted_at, since) else None,
                "contact": contact,
                "restart_url": restart_url,
            }
        )
        return TemplateResponse(request, "quizzes/result.html", context)

    # Helpers -----------------------------------------------------------------------------

    def quiz_placed(self, quiz_id):
        """The quiz with this id, if the page places it; else 404."""
        for quiz in self.get_quizzes():
            if quiz.pk == quiz_id:
                return quiz
        raise Http404("No such quiz on this page")

    def quiz_panels(self, request, *, submitted=None):
        """For each quiz of the page: the form (or the sign-in prompt), attempts and last result.

        Only attempts and grants after `quiz_attempts_since` count; older attempts are
        history. Costs the same few queries whatever the number of quizzes.
        """
        quizzes = self.get_quizzes()
        user = request.user
        since = self.quiz_attempts_since(request) if user.is_authenticated else None
        contact, restart_url = self.quiz_help()
        panels = {}
        attempts_by_quiz = {}
        granted = {}
        sources = self.quiz_sources()
        if user.is_authenticated and quizzes:
            attempts = (
                QuizAttempt.objects.for_learner(user)
                .filter(quiz__in=list(sources.values()))
                .since(since)
                .prefetch_related("replies")
                .order_by("-submitted_at")
            )
            for attempt in attempts:
                attempts_by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
            granted = (
                AttemptGrant.objects.for_learner(user)
                .filter(quiz__in=list(sources.values()))
                .since(since)
                .extra_by_quiz()
            )
        for quiz in quizzes:
            mine = attempts_by_quiz.get(sources[quiz.pk].pk, [])
            used = len(mine)
            extra = granted.get(sources[quiz.pk].pk, 0)
            left = attempts_left(allowed=quiz.attempts_allowed, used=used, granted=extra)
            panel = {
                "quiz": quiz,
                "attempts_used": used,
                "attempts_allowed": quiz.attempts_allowed + extra,
                "attempts_left": left,
                "last_attempt": mine[0] if mine else None,
                "best_attempt": max(mine, key=lambda a: a.percent) if mine else None,
                "form": None,
                "contact": contact,
                "restart_url": restart_url,
                "submit_url": self.url + self.reverse_subpage("quiz_submit", args=(quiz.pk,)),
                "last_result_url": self.url
                + self.reverse_subpage("quiz_result", args=(mine[0].pk,))
                if mine
                else "",
            }
            if user.is_authenticated and left != 0:
                if submitted and submitted[0] == quiz.pk:
                    panel["form"] = submitted[1]
                else:
                    token = make_token(quiz_id=quiz.pk, learner_id=user.pk, module_id=self.pk)
                    panel["form"] = quiz_form(quiz, token)
            panels[quiz.pk] = panel
        return panels
