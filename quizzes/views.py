"""What the module page does for its quizzes: build the panels, take a submission, show a result.

`ModulePage` routes to these functions; the rules live in forms, scoring and services.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quizzes.forms import quiz_form
from quizzes.kinds import kind_for
from quizzes.models import AttemptGrant, QuizAttempt, ReflectionReply
from quizzes.rules import attempts_left, before_reset
from quizzes.services import (
    AttemptLimitReached,
    attempts_granted,
    attempts_used,
    quiz_attempt_submit,
)
from quizzes.tokens import InvalidToken, make_token, read_token


def quiz_panels(request, page, quizzes, *, submitted=None, since=None, contact="", restart_url=""):
    """For each quiz of the page: the form (or the sign-in prompt), attempts and last result.

    Only attempts and grants after `since` (the learner's last reset, which the page
    passes) count; older attempts are history. `contact` names whom to ask for more
    attempts, `restart_url` where the learner may start again. Costs the same few
    queries whatever the number of quizzes.
    """
    user = request.user
    panels = {}
    attempts_by_quiz = {}
    granted = {}
    if user.is_authenticated and quizzes:
        attempts = (
            QuizAttempt.objects.for_learner(user)
            .filter(quiz__in=quizzes)
            .since(since)
            .prefetch_related("replies")
            .order_by("-submitted_at")
        )
        for attempt in attempts:
            attempts_by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
        granted = (
            AttemptGrant.objects.for_learner(user)
            .filter(quiz__in=quizzes)
            .since(since)
            .extra_by_quiz()
        )
    for quiz in quizzes:
        mine = attempts_by_quiz.get(quiz.pk, [])
        used = len(mine)
        extra = granted.get(quiz.pk, 0)
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
            "submit_url": page.url + page.reverse_subpage("quiz_submit", args=(quiz.pk,)),
            "last_result_url": page.url + page.reverse_subpage("quiz_result", args=(mine[0].pk,))
            if mine
            else "",
        }
        if user.is_authenticated and left != 0:
            if submitted and submitted[0] == quiz.pk:
                panel["form"] = submitted[1]
            else:
                token = make_token(quiz_id=quiz.pk, learner_id=user.pk, module_id=page.pk)
                panel["form"] = quiz_form(quiz, token)
        panels[quiz.pk] = panel
    return panels


def submit(request, page, quiz, *, since=None):
    """Take a POSTed attempt: refuse what is wrong, store what is right, show the result.

    `since` is the learner's last reset: only attempts after it count towards the limit.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    token = request.POST.get("token", "")
    try:
        nonce, started_at = read_token(
            token, quiz_id=quiz.pk, learner_id=request.user.pk, module_id=page.pk
        )
    except InvalidToken:
        return TemplateResponse(
            request,
            "quizzes/bad_submission.html",
            {
                "page": page,
                "message": _(
                    "This answer sheet does not belong to you or to this quiz, or it is too old. "
                    "Nothing was saved. Please open the quiz again."
                ),
            },
            status=400,
        )
    form = quiz_form(quiz, token, request.POST)
    if not form.is_valid():
        response = page.render(request, submitted=(quiz.pk, form), since=since)
        response.status_code = 400 if form.is_tampered() else 200
        return response
    try:
        attempt, _created = quiz_attempt_submit(
            learner=request.user,
            quiz=quiz,
            module=page,
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
        return redirect(page.url + f"#quiz-{quiz.pk}")
    page.record_quiz_attempt(request.user)
    return redirect(page.url + page.reverse_subpage("quiz_result", args=(attempt.pk,)))


def result(request, page, attempt_id, *, since=None, contact="", restart_url=""):
    """One attempt's result, as its review policy allows; only its learner sees it.

    An attempt from before `since` (the learner's last reset) is shown as history.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = get_object_or_404(
        QuizAttempt.objects.for_learner(request.user).select_related("quiz"),
        pk=attempt_id,
        module_id=page.pk,
    )
    replies = {r.question_id: r for r in ReflectionReply.objects.filter(attempt=attempt)}
    quiz = attempt.quiz
    left = allowed = None
    if quiz is not None and quiz.attempts_allowed:
        extra = attempts_granted(learner=request.user, quiz=quiz, since=since)
        used = attempts_used(learner=request.user, quiz=quiz, since=since)
        allowed = quiz.attempts_allowed + extra
        left = attempts_left(allowed=quiz.attempts_allowed, used=used, granted=extra)
    context = {"page": page, "self": page, "course": page.get_parent().specific}
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


def review(attempt, replies, policy=None):
    """What the result page shows of each question, as the attempt's review policy allows.

    Trainers see an attempt with the full policy, whatever the learner saw.
    """
    policy = policy or attempt.review_policy
    show_correctness = policy in ("correctness", "full")
    show_answers = policy == "full"
    results = {r["question_id"]: r for r in attempt.results}
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        qid, value = question["id"], question["value"]
        kind = kind_for(question["type"])
        answer = attempt.answers.get(qid)
        row = {
            "number": number,
            "kind": question["type"],
            "prompt": value["prompt"],
            "result": results.get(qid),
            "show_correctness": show_correctness and kind.auto_scored,
            "show_answers": show_answers,
            "feedback": value.get("feedback", "") if show_answers else "",
            "excerpt": value.get("excerpt"),
            "segment": value.get("segment"),
            "lines": [],
            "reply": replies.get(qid),
            "answer_text": "",
        }
        row.update(kind.review(value, answer, show_answers=show_answers))
        rows.append(row)
    return rows


def quiz_of_page(page, quiz_id):
    """The quiz with this id, if the page's body places it; else 404."""
    for quiz in page.quizzes():
        if quiz.pk == quiz_id:
            return quiz
    raise Http404("No such quiz on this page")
