"""What a result page shows of an attempt, question by question, as its review policy allows."""

from django.utils.html import strip_tags

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


def review_record(attempt, replies) -> list:
    """What the result page shows of each question, as plain records (a learner's export).

    The same as the page: correctness where the review policy shows it, the right answers
    only under the full policy, and nothing but the score under the score-only policy.
    """
    if attempt.review_policy == "score":
        return []
    records = []
    for row in review(attempt, replies):
        record = {"number": row["number"], "kind": row["kind"], "question": text_of(row["prompt"])}
        result = row["result"] or {}
        if row["show_correctness"]:
            record["result"] = {
                "correct": result.get("correct"),
                "score": result.get("score"),
                "max_score": result.get("max_score"),
            }
        if row["kind"] == "reflection":
            record["your_reflection"] = row["answer_text"]
            record["trainer_reply"] = row["reply"].text if row["reply"] else None
        else:
            picked = [line for line in row["lines"] if line["picked"]]
            record["your_answer"] = [line["text"] for line in picked]
            if row["show_correctness"]:
                record["feedback_on_your_answer"] = [
                    line["feedback"] for line in picked if line["feedback"]
                ]
            if row["show_answers"]:
                right = row.get("right_order") or row.get("right_pairs")
                record["right_answer"] = right or [
                    line["text"] for line in row["lines"] if line["right"]
                ]
        if row["feedback"]:
            record["feedback"] = text_of(row["feedback"])
        records.append(record)
    return records


def text_of(html) -> str:
    return " ".join(strip_tags(str(html)).split())
