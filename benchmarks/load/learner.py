"""One simulated learner, from signing up (or in) to the course's certificate, over HTTP only.

No Django here: a learner knows the site only by its pages, its forms and the plan of the
course (benchmarks/load/fixture.py: the URLs, and each quiz's right choices, which the
pages never tell). Some learners misbehave, as people and browsers do:

- double submits: the same quiz form, the enrol button and the self-assessment posted
  twice at once;
- a reload during upload: the same take (same take_id) sent twice at once;
- stale tokens: a form posted with the CSRF token from before signing in (403), and a
  quiz's answer sheet posted to another module's quiz, and one with a token that was
  tampered with (400);
- wrong answers first: a failed attempt, then the module again and the right answers.

Every refusal must be the one expected; anything else, or a 5xx, is a failure.
"""

import json
import re
import threading
import time
import uuid
from pathlib import Path

from benchmarks import loadgen

MARKS = [
    {"turn": 1, "source_end": 4, "rendition_start": 0.0, "rendition_end": 1.4},
    {"turn": 2, "source_end": 8, "rendition_start": 1.5, "rendition_end": 2.9},
]
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>/]+/")


class Unexpected(Exception):
    """A page answered what a learner could not go on from."""


class Mailbox:
    """The mails the task worker delivered (Django's file backend, one folder), by address."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self._sizes = {}
        self._links = {}

    def confirmation_link(self, address, *, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self._lock:
                self._scan()
                link = self._links.get(address)
            if link:
                return link
            time.sleep(0.5)
        raise Unexpected(f"no confirmation mail for {address} within {seconds} s")

    def _scan(self):
        for path in self.folder.glob("*.log"):
            size = path.stat().st_size
            if self._sizes.get(path) == size:
                continue
            self._sizes[path] = size
            text = path.read_text(errors="replace")
            for message in text.split("-" * 79):
                to = re.search(r"^To: (.+)$", message, re.MULTILINE)
                link = CONFIRM_LINK.search(message.replace("=\n", ""))
                if to and link:
                    self._links.setdefault(to.group(1).strip(), link.group(0))


class Learner:
    """One learner's run through the course; `run()` returns what happened."""

    def __init__(self, number, *, plan, base, servers, recorder, mailbox, signs_up, email):
        self.number = number
        self.plan = plan
        self.email = email
        self.signs_up = signs_up
        self.mailbox = mailbox
        # Each learner comes from a loopback address of its own, so that the site's
        # per-client limits (sign-ups per hour, failed sign-ins) count them apart.
        source = f"127.0.{1 + number // 250}.{1 + number % 250}"
        self.browser = loadgen.Browser(base, recorder=recorder, source=source, servers=servers)
        self.expected_refusals = 0
        behaviour = number % 4
        self.double_submits = behaviour == 0
        self.reloads_upload = behaviour == 1
        self.stale_csrf = behaviour == 2
        self.stale_quiz_token = behaviour == 3
        self.wrong_first = number % 5 == 0
        self.rendition_id = None

    def run(self, audio):
        try:
            stale = self.sign_up() if self.signs_up else self.sign_in()
            self.enrol(stale)
            for number, module in enumerate(self.plan["modules"]):
                self.module(number, module, audio)
            page = self.expect(self.browser.get("/dashboard/"), {200}, "the dashboard")
            if "certificate" not in page.text.lower():
                raise Unexpected("the dashboard shows no certificate")
        except (Unexpected, OSError) as problem:
            return {"learner": self.email, "done": False, "problem": str(problem)}
        return {"learner": self.email, "done": True, "problem": ""}

    # Steps ----------------------------------------------------------------------------

    def expect(self, response, statuses, what):
        if response.status not in statuses:
            raise Unexpected(f"{what}: {response.status} at {response.url}")
        return response

    def refused(self, response, status, what):
        """A refusal that must come, and come as `status`."""
        self.expect(response, {status}, what)
        self.expected_refusals += 1

    def sign_in(self):
        page = self.expect(self.browser.get("/accounts/login/"), {200}, "the sign-in page")
        token = loadgen.hidden(page.text, "csrfmiddlewaretoken")
        answer = self.browser.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": self.email, "password": self.plan["password"]},
        )
        self.expect(answer, {302}, "signing in")
        return token

    def sign_up(self):
        page = self.expect(self.browser.get("/accounts/signup/"), {200}, "the sign-up page")
        token = loadgen.hidden(page.text, "csrfmiddlewaretoken")
        answer = self.browser.post(
            "/accounts/signup/",
            {
                "csrfmiddlewaretoken": token,
                "full_name": f"Load Newcomer {self.number}",
                "email": self.email,
                "password1": self.plan["password"],
                "password2": self.plan["password"],
                "preferred_language": "en",
            },
        )
        self.expect(answer, {302}, "signing up")
        link = self.mailbox.confirmation_link(self.email, seconds=120)
        page = self.expect(self.browser.get(link), {200}, "the confirmation page")
        form = (
            loadgen.form_with(page.text, "/accounts/confirm-email/") or loadgen.forms(page.text)[-1]
        )
        answer = self.browser.post(link, dict(form.fields))
        self.expect(answer, {302}, "confirming the address")
        if "sessionid" not in self.browser.cookies:
            raise Unexpected("confirming the address did not sign the learner in")
        return token

    def enrol(self, stale_token):
        course = self.plan["course_url"]
        self.expect(self.browser.get(course), {200}, "the course page")
        url = course + "enrol/"
        if self.stale_csrf:
            # The token of the form shown before signing in: signing in rotated it.
            answer = self.browser.post(url, {"csrfmiddlewaretoken": stale_token})
            self.refused(answer, 403, "enrolling with a stale CSRF token")
        fields = {"csrfmiddlewaretoken": self.browser.csrf}
        if self.double_submits:
            answers = self.at_once(lambda: self.browser.post(url, fields), 2)
            for answer in answers:
                self.expect(answer, {302}, "enrolling twice at once")
        else:
            self.expect(self.browser.post(url, fields), {302}, "enrolling")

    def module(self, number, module, audio):
        page = self.expect(self.browser.get(module["url"]), {200}, f"module {number + 1}")
        if module["exercise_id"]:
            page = self.exercise(module, page, audio)
        self.quiz(number, module, page)

    def exercise(self, module, page, audio):
        consent = loadgen.form_with(page.text, "/practice/consent/")
        if consent is not None:
            answer = self.browser.post(consent.action, dict(consent.fields))
            self.expect(answer, {302}, "accepting the recording notice")
            page = self.expect(self.browser.get(module["url"]), {200}, "the exercise")
        found = re.search(r'data-upload-url="([^"]+)"', page.text)
        if not found:
            raise Unexpected("the exercise shows no recorder")
        upload = found.group(1)
        fields = {
            "csrfmiddlewaretoken": loadgen.hidden(page.text, "csrfmiddlewaretoken"),
            "take_id": str(uuid.uuid4()),
            "turn_marks": json.dumps(MARKS),
        }
        files = {"audio": ("take.webm", audio, "audio/webm")}

        def send():
            return self.browser.post(upload, fields, files=files, headers={"Accept": "*/*"})

        answers = self.at_once(send, 2) if self.reloads_upload else [send()]
        ids = set()
        for answer in answers:
            self.expect(answer, {201}, "uploading the take")
            ids.add(json.loads(answer.body)["id"])
        if len(ids) != 1:
            raise Unexpected(f"the same take was stored as {sorted(ids)}")
        self.rendition_id = ids.pop()
        url = f"/practice/renditions/{self.rendition_id}/"
        sheet = self.expect(self.browser.get(url), {200}, "the rendition")
        form = next((f for f in loadgen.forms(sheet.text) if f.options), None)
        if form is None:
            raise Unexpected("the rendition shows no self-assessment")
        scores = [(name, options[-1][0]) for name, options in form.options.items()]
        data = [*form.fields, *scores, ("note", "Turn 2 was hard.")]
        if self.double_submits:
            answers = self.at_once(lambda: self.browser.post(url, data), 2)
        else:
            answers = [self.browser.post(url, data)]
        for answer in answers:
            self.expect(answer, {302}, "submitting the rendition")
        return self.expect(self.browser.get(module["url"]), {200}, "the module again")

    def quiz(self, number, module, page):
        action = f"quiz/{module['quiz_id']}/"
        if self.wrong_first and number == 0:
            form = self.quiz_form(page, action)
            answer = self.browser.post(form.action, self.answers(form, module["wrong"]))
            self.expect(answer, {302}, "a failed attempt")
            page = self.expect(self.browser.get(module["url"]), {200}, "the module after failing")
        form = self.quiz_form(page, action)
        data = self.answers(form, module["right"])
        if self.stale_quiz_token and number > 0:
            # The answer sheet of this module's quiz, posted to the first module's quiz.
            other = self.plan["modules"][0]
            answer = self.browser.post(other["url"] + f"quiz/{other['quiz_id']}/", data)
            self.refused(answer, 400, "an answer sheet posted to another quiz")
            tampered = [(k, v[:-4] + "abcd" if k == "token" else v) for k, v in data]
            self.refused(self.browser.post(form.action, tampered), 400, "a tampered token")
        if self.double_submits:
            answers = self.at_once(lambda: self.browser.post(form.action, data), 2)
        else:
            answers = [self.browser.post(form.action, data)]
        results = {self.expect(answer, {302}, "submitting the quiz").location for answer in answers}
        if len(results) != 1 or "/quiz/attempts/" not in next(iter(results)):
            raise Unexpected(f"the quiz answered {sorted(results)}")
        result = self.expect(self.browser.get(results.pop()), {200}, "the quiz's result")
        if "result__summary--passed" not in result.text:
            raise Unexpected("the quiz's result does not say it is passed")

    def quiz_form(self, page, action):
        form = loadgen.form_with(page.text, action)
        if form is None:
            raise Unexpected(f"no quiz form posting to {action}")
        return form

    @staticmethod
    def answers(form, texts):
        """The form's fields with, in each choice group, the choice labelled with one of
        `texts`."""
        chosen = []
        for name, options in form.options.items():
            value = next((value for value, label in options if label in texts), None)
            if value is None:
                raise Unexpected(f"no choice among {[label for _v, label in options]}")
            chosen.append((name, value))
        return [*form.fields, *chosen]

    @staticmethod
    def at_once(send, times):
        """`send()` from `times` threads at the same moment; their responses."""
        barrier = threading.Barrier(times)
        answers = [None] * times
        problems = []

        def one(index):
            barrier.wait()
            try:
                answers[index] = send()
            except OSError as problem:
                problems.append(problem)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(times)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if problems:
            raise Unexpected(f"a request got no answer: {problems[0]}")
        return answers
