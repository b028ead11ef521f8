"""What a result page shows of an attempt, question by question, as its review policy allows."""

from quizzes.kinds import kind_for


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
