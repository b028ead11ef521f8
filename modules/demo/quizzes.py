"""Demo quizzes for CAPISCE Academy: plain data, no Django imports.

One quiz per module of the demo course in content.py, keyed by the module slug. Questions are
written from the facts in the course text; scenarios refer to the fictional excerpts in
content.EXCERPTS. "segment" is a 1-based position in that excerpt's "segments" list and marks the
turn the learner should listen to again.

Question kinds and their keys
-----------------------------
Every question value has "title", "prompt" (HTML: p, strong, em), "points", "feedback" (general,
plain text), "excerpt" (EXCERPTS key or None) and "segment" (int or None). In addition:

single_choice    "choices": [{"text", "correct", "feedback"}], exactly one correct.
multiple_choice  "choices" as above, at least one correct; "scoring": "all_or_nothing" or
                 "proportional".
true_false       "answer": bool; "feedback_true" / "feedback_false" are shown to a learner who
                 answered True / False.
ordering         "items" in the correct order; "scoring": "all_or_nothing" or "per_item".
matching         "pairs": [{"left", "right"}].
reflection       free text read by a trainer; always 0 points.
"""

# --- M1: Child trafficking: what it is and how it shows ---------------------------------------

M1_QUESTIONS = [
    {
        "type": "single_choice",
        "value": {
            "title": "The element a child case does not need",
            "prompt": (
                "<p>EU law builds the trafficking offence from three parts: an <strong>act"
                "</strong>, a <strong>means</strong> and an <strong>exploitative purpose"
                "</strong>. Which part does <em>not</em> have to be proven when the victim is a "
                "child?</p>"
            ),
            "points": 1,
            "feedback": (
                "For a child, recruiting, moving or holding them in order to exploit them is "
                "enough. Threats, force or deception do not have to be shown."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "The act (recruiting, moving, harbouring or receiving the child)",
                    "correct": False,
                    "feedback": (
                        "The act is still needed: it is what links the person to the exploitation. "
                        "It is another part that falls away for children."
                    ),
                },
                {
                    "text": "The means (threats, force, deception, abuse of vulnerability)",
                    "correct": True,
                    "feedback": (
                        "Correct. A child cannot be expected to resist or see through a "
                        "recruiter, so the law does not ask whether threats or deception were used."
                    ),
                },
                {
                    "text": "The exploitative purpose",
                    "correct": False,
                    "feedback": (
                        "The purpose of exploitation is what turns moving a child into "
                        "trafficking, so it still has to be shown. Have another look at the means."
                    ),
                },
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "Forms of exploitation",
            "prompt": (
                "<p>Which of these are forms of exploitation under EU anti-trafficking law, as "
                "amended in 2024? Select all that apply.</p>"
            ),
            "points": 2,
            "feedback": (
                "EU law lists sexual exploitation, forced labour and begging, slavery, "
                "servitude, forced criminality and organ removal, and since 2024 also forced "
                "marriage, illegal adoption and the exploitation of surrogacy. Crossing a border "
                "with paid help is smuggling, which is a different matter."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "proportional",
            "choices": [
                {
                    "text": "Forced begging",
                    "correct": True,
                    "feedback": (
                        "Yes. Begging counts as forced labour or services when someone else "
                        "makes the child do it and takes the profit."
                    ),
                },
                {
                    "text": "Making a child commit offences, such as selling drugs",
                    "correct": True,
                    "feedback": (
                        "Yes. The exploitation of criminal activities is a listed form, which is "
                        "why a child caught offending may in fact be a victim."
                    ),
                },
                {
                    "text": "Illegal adoption",
                    "correct": True,
                    "feedback": (
                        "Yes. The 2024 amending directive added illegal adoption, along with "
                        "forced marriage and the exploitation of surrogacy."
                    ),
                },
                {
                    "text": "Crossing a border irregularly with the help of a paid smuggler",
                    "correct": False,
                    "feedback": (
                        "On its own this is smuggling, which is about the border crossing, not "
                        "exploitation. A smuggled child can still be exploited later, though."
                    ),
                },
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "When a child says she agreed",
            "prompt": (
                "<p>True or false: a 15-year-old who says she agreed to do the work cannot be a "
                "victim of trafficking.</p>"
            ),
            "points": 1,
            "feedback": (
                "False. Because the means need not be proven for a child, whatever the child "
                "seems to have agreed to changes nothing."
            ),
            "excerpt": None,
            "segment": None,
            "answer": False,
            "feedback_true": (
                "It is easy to think so, but a child's apparent consent does not count: the law "
                "looks only at the act and the exploitative purpose."
            ),
            "feedback_false": (
                "Right. For a child, agreement is irrelevant, and many exploited young people do "
                "not see themselves as victims at first."
            ),
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Reading the signs",
            "prompt": (
                "<p>During a first contact, a young person's story sounds learnt by heart, he "
                'mentions a debt to a "sponsor" and he is clearly afraid of the police. What '
                "are these details, as far as your work is concerned?</p>"
            ),
            "points": 1,
            "feedback": (
                "Indicators are a prompt, never a verdict. Interpret them accurately and leave "
                "their assessment to the professionals and the proper channels."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "Proof of trafficking that you should point out to the officer",
                    "correct": False,
                    "feedback": (
                        "No single sign proves trafficking, and judging the case is not the "
                        "interpreter's task. Your accurate rendition already puts the details "
                        "in front of the officer."
                    ),
                },
                {
                    "text": (
                        "Possible signs, none conclusive on its own, which you render exactly "
                        "as said"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. These are common indicators, but each has other possible "
                        "explanations. Rendering them faithfully lets the officer weigh them."
                    ),
                },
                {
                    "text": "Irrelevant details that you can shorten to keep the interview moving",
                    "correct": False,
                    "feedback": (
                        "Shortening would remove exactly the details the officer needs. "
                        "Everything said is interpreted, however minor it seems."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "A word with two meanings",
            "prompt": (
                '<p>At the station, the boy says his "uncle" tells him where to go. You know '
                "that his word can mean a relative but also a polite way of addressing an older "
                "man from the same community. What is the best move?</p>"
            ),
            "points": 1,
            "feedback": (
                "When a word can carry two meanings, say so openly and ask, so that the officer "
                "hears both your question and the answer."
            ),
            "excerpt": "station_first_contact",
            "segment": 10,
            "choices": [
                {
                    "text": 'Render it as "uncle" and say nothing more',
                    "correct": False,
                    "feedback": (
                        'The officer would probably hear "a relative", which may be wrong and '
                        "could mislead the investigation. Flagging the ambiguity is part of "
                        "accurate interpreting."
                    ),
                },
                {
                    "text": 'Render it as "a man from my village", since that seems more likely',
                    "correct": False,
                    "feedback": (
                        "That would be a guess, and you would be answering for the boy. Only he "
                        "can say what he meant."
                    ),
                },
                {
                    "text": (
                        "Render it, tell the officer the word is ambiguous and ask permission to "
                        "check with the boy"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. This is what the interpreter does in the excerpt: the check is "
                        "open, the officer stays in charge, and the boy explains in his own words."
                    ),
                },
            ],
        },
    },
    {
        "type": "reflection",
        "value": {
            "title": "Your doubt about his age",
            "prompt": (
                "<p>The boy insists he is nineteen, but you think he looks much younger. Describe "
                "what you would do, and what you would <em>not</em> do, with that doubt during "
                "and after the conversation.</p>"
            ),
            "points": 0,
            "feedback": (
                "A trainer will read your answer. Think about rendering his age exactly as he "
                "gives it, leaving age questions to the officer and the procedures in Module 2, "
                "and keeping any language observation open and separate from credibility."
            ),
            "excerpt": "station_first_contact",
            "segment": 4,
        },
    },
]

# --- M2: Rights and law: why the interpreter matters -------------------------------------------

M2_QUESTIONS = [
    {
        "type": "matching",
        "value": {
            "title": "Which rule covers what?",
            "prompt": "<p>Match each legal instrument with what it covers.</p>",
            "points": 2,
            "feedback": (
                "Victims draw their interpretation rights from Directive 2012/29/EU; Directive "
                "2010/64/EU covers suspects and accused persons, and Directive (EU) 2016/800 adds "
                "safeguards for child suspects. This matters because exploited children are "
                "sometimes treated as suspects first."
            ),
            "excerpt": None,
            "segment": None,
            "pairs": [
                {
                    "left": "UN Convention on the Rights of the Child, article 12",
                    "right": "The child's right to express views and to be heard in proceedings",
                },
                {
                    "left": "Directive 2012/29/EU (Victims' Rights), article 7",
                    "right": "Free interpretation for victims, at least in interviews and hearings",
                },
                {
                    "left": "Directive 2010/64/EU",
                    "right": "Interpretation and translation for suspects and accused persons",
                },
                {
                    "left": "Directive (EU) 2016/800",
                    "right": "Procedural safeguards for children who are suspects",
                },
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "Interviews with child victims",
            "prompt": (
                "<p>Which of these does the EU Anti-Trafficking Directive ask for when a child "
                "victim is interviewed? Select all that apply.</p>"
            ),
            "points": 2,
            "feedback": (
                "Interviews with child victims should be as few as possible, run by trained "
                "professionals (ideally always the same ones), and the child may be accompanied "
                "by a representative or an adult of their choice."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "all_or_nothing",
            "choices": [
                {
                    "text": "As few interviews as possible, and only when strictly necessary",
                    "correct": True,
                    "feedback": (
                        "Yes. Every extra interview makes the child relive events, so the "
                        "number is kept as low as possible."
                    ),
                },
                {
                    "text": "Interviews conducted by professionals trained for the purpose",
                    "correct": True,
                    "feedback": (
                        "Yes. Trained interviewers know how to question a child without leading, "
                        "which also protects the value of the evidence."
                    ),
                },
                {
                    "text": "The child accompanied by a representative or an adult of their choice",
                    "correct": True,
                    "feedback": (
                        "Yes. A trusted adult helps the child feel safe; in the video-link "
                        "scenario, the judge pauses until one can sit with the girl."
                    ),
                },
                {
                    "text": "The child always heard in open court, in front of the accused",
                    "correct": False,
                    "feedback": (
                        "The opposite: hearings may be closed to the public, and the child may "
                        "be heard without being in the courtroom."
                    ),
                },
                {
                    "text": "An interpreter from the child's own community whom the child knows",
                    "correct": False,
                    "feedback": (
                        "This is not in the directive, and guidance warns against interpreters "
                        "with links to the victim or the people around them."
                    ),
                },
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "When age is uncertain",
            "prompt": (
                "<p>True or false: if a young person's age is uncertain but there are reasons to "
                "believe they are a child, EU anti-trafficking law says they should be presumed "
                "to be a child and helped straight away.</p>"
            ),
            "points": 1,
            "feedback": (
                "True. The presumption of minority means the young person gets immediate access "
                "to assistance while their age is still unclear."
            ),
            "excerpt": None,
            "segment": None,
            "answer": True,
            "feedback_true": (
                "Right. Doubt works in the young person's favour, so help does not wait for the "
                "age question to be settled."
            ),
            "feedback_false": (
                "In fact it is true: a person who may be a child is presumed to be one, so that "
                "support is not delayed while their age is checked."
            ),
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Interpreting by video for a victim",
            "prompt": (
                "<p>Under the Victims' Rights Directive, when may interpretation for a victim be "
                "provided by video or telephone?</p>"
            ),
            "points": 1,
            "feedback": (
                "Remote interpreting is allowed unless the interpreter's physical presence is "
                "needed for the victim to exercise their rights or to understand the "
                "proceedings."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "Always, whenever it is cheaper or quicker",
                    "correct": False,
                    "feedback": (
                        "Cost and speed are not the test. What matters is whether the victim "
                        "can still exercise their rights and understand."
                    ),
                },
                {
                    "text": "Never: the interpreter must always be in the room",
                    "correct": False,
                    "feedback": (
                        "The directive does allow remote interpreting, and some victims even "
                        "prefer it for confidentiality. It is only ruled out in certain cases."
                    ),
                },
                {
                    "text": (
                        "Unless physical presence is needed for the victim to exercise their "
                        "rights or understand"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. That is why it is worth checking sound and picture before a "
                        "video link opens: poor quality can stop a child from understanding."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "When the sound breaks up",
            "prompt": (
                "<p>During the video-link hearing, the sound breaks up in the middle of the "
                "child's question to the judge. What do you do?</p>"
            ),
            "points": 1,
            "feedback": (
                "Say at once when sound drops out and ask for a repetition, rather than filling "
                "the gap with what the child probably said."
            ),
            "excerpt": "judge_video_link",
            "segment": 8,
            "choices": [
                {
                    "text": "Complete the question with what she most likely meant",
                    "correct": False,
                    "feedback": (
                        "A guess would put words in the child's mouth, and the judge would not "
                        "know part of the question was yours."
                    ),
                },
                {
                    "text": (
                        "Tell the judge at once that you did not hear the end, and ask to have it "
                        "repeated"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. The judge knows what happened and stays in charge, and the "
                        "child's real question is heard: in the excerpt it turns out to be about "
                        "whether the man can see her."
                    ),
                },
                {
                    "text": "Quietly ask the child to repeat, without telling the judge",
                    "correct": False,
                    "feedback": (
                        "Asking for a repetition is right, but the judge should know why the "
                        "hearing paused. Keep every exchange open to everyone in the room."
                    ),
                },
            ],
        },
    },
]

# --- M3: How children are interviewed -----------------------------------------------------------

M3_QUESTIONS = [
    {
        "type": "ordering",
        "value": {
            "title": "Phases of a structured interview",
            "prompt": (
                "<p>Put the phases of an interview following the NICHD Protocol in the order in "
                "which they happen.</p>"
            ),
            "points": 2,
            "feedback": (
                "The interview opens with introductions and ground rules, builds rapport with a "
                "practice account, invites free recall with open prompts, uses focused questions "
                "only when needed (followed by open prompts again) and ends with a closing phase."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "per_item",
            "items": [
                "Introduction and ground rules",
                "Rapport building with a practice account of a neutral event",
                "Free recall invited with open prompts",
                "Focused questions where needed, followed by open prompts",
                "Closing",
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": '"What happened next?"',
            "prompt": (
                '<p>The officer asks "What happened next?" and the interpreter says "Did the '
                'lady lock you in, or did you go in by yourself?". What went wrong?</p>'
            ),
            "points": 1,
            "feedback": (
                "An open question must stay open in your rendition. Adding options or content "
                "can lead the child and weaken the statement as evidence."
            ),
            "excerpt": "tam_open_questions",
            "segment": 23,
            "choices": [
                {
                    "text": "Nothing: the options made the question easier for the child",
                    "correct": False,
                    "feedback": (
                        "Easier, perhaps, but no longer the officer's question. The child now "
                        "chooses between two answers, one of them suggested by the interpreter."
                    ),
                },
                {
                    "text": (
                        "An open question became a choice between two options, one of them "
                        "suggested"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. This is the slip that goes unnoticed in the excerpt. The "
                        'faithful rendition was simply "What happened next?".'
                    ),
                },
                {
                    "text": "The interpreter should first have summarised the child's last answer",
                    "correct": False,
                    "feedback": (
                        "Summarising would add words the officer did not say. The interpreter "
                        "renders only the question that was asked."
                    ),
                },
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "Simplifying a question",
            "prompt": (
                "<p>True or false: if a child seems confused by the interviewer's question, the "
                "interpreter may quietly make it simpler without telling anyone.</p>"
            ),
            "points": 1,
            "feedback": (
                "False. Good practice is to tell the interviewer openly that the child seems "
                "confused; rephrasing is the interviewer's decision."
            ),
            "excerpt": None,
            "segment": None,
            "answer": False,
            "feedback_true": (
                "The wish to help is understandable, but a silent change alters the question on "
                "the record and can make it leading. Tell the interviewer instead."
            ),
            "feedback_false": (
                "Right. Flag the difficulty openly; then the recording shows who asked what, and "
                "the interviewer can adapt the question."
            ),
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "What Barnahus is for",
            "prompt": (
                '<p>Which of these are aims of the Barnahus ("children\'s house") model? Select '
                "all that apply.</p>"
            ),
            "points": 1,
            "feedback": (
                "Barnahus brings services to the child under one roof, records the interview to "
                "spare the child repeated questioning and, in the Nordic model, can let the "
                "child's statement be taken there instead of in court."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "all_or_nothing",
            "choices": [
                {
                    "text": (
                        "Bringing police, justice, child protection, medical care and therapy "
                        "together in one child-friendly place"
                    ),
                    "correct": True,
                    "feedback": (
                        "Yes. The services come to the child, instead of the child going from "
                        "one office to the next."
                    ),
                },
                {
                    "text": "Sparing the child repeated interviews",
                    "correct": True,
                    "feedback": (
                        "Yes. The interview is recorded, so the child does not have to tell the "
                        "same story again and again."
                    ),
                },
                {
                    "text": "Avoiding the need for the child to testify in court",
                    "correct": True,
                    "feedback": (
                        "Yes. In the Nordic model a judge can be present and the defence can "
                        "observe, so the recorded statement can stand in for court testimony."
                    ),
                },
                {
                    "text": "Replacing the judge with a child psychologist",
                    "correct": False,
                    "feedback": (
                        "No. Justice stays part of the process; in the Nordic model a judge can "
                        "even attend the interview."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Why hearings are filmed",
            "prompt": "<p>What is the main reason for video-recording the hearing of a minor?</p>",
            "points": 1,
            "feedback": (
                "Recording spares the child repeated questioning and preserves the child's own "
                "words as evidence. In Belgium, such hearings were extended to trafficking cases "
                "in 2021."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "To save police time",
                    "correct": False,
                    "feedback": (
                        "Recording may save time later, but the reason behind it is the child: "
                        "fewer interviews and a faithful record of what they said."
                    ),
                },
                {
                    "text": (
                        "To spare the child repeated questioning and keep the child's own words "
                        "as evidence"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. As the officer in the excerpt tells the child, with a camera in "
                        "the room she only needs to tell it once."
                    ),
                },
                {
                    "text": "To assess the interpreter's performance",
                    "correct": False,
                    "feedback": (
                        "The recording does show your renditions and corrections, which is one "
                        "reason accuracy matters so much, but that is not its purpose."
                    ),
                },
            ],
        },
    },
]

# --- M4: The child's mind: development, trauma and disclosure ----------------------------------

M4_QUESTIONS = [
    {
        "type": "true_false",
        "value": {
            "title": "A story that grows",
            "prompt": (
                "<p>True or false: if a child's account becomes fuller or changes between "
                "interviews, the earlier account was probably untrue.</p>"
            ),
            "points": 1,
            "feedback": (
                "False. Disclosure is often delayed and comes in pieces; a later, fuller account "
                "does not make an earlier, shorter one false."
            ),
            "excerpt": None,
            "segment": None,
            "answer": False,
            "feedback_true": (
                "A common assumption, but not a sound one: children often tell a little, watch "
                "how it is received, and say more later when they feel safer."
            ),
            "feedback_false": (
                "Right. Piecemeal disclosure is common and is not in itself a sign of lying, "
                "which is why every version must be rendered faithfully."
            ),
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "A long silence",
            "prompt": (
                "<p>After the therapist's question, the young person says nothing for about "
                "twenty seconds. What should the interpreter do?</p>"
            ),
            "points": 1,
            "feedback": (
                "The interpreter speaks only when someone has spoken. Silence belongs to the "
                "young person and the therapist."
            ),
            "excerpt": "support_session_silence",
            "segment": 7,
            "choices": [
                {
                    "text": 'Say "go on" gently to encourage her',
                    "correct": False,
                    "feedback": (
                        "Kindly meant, but it adds words nobody said and takes the pace out of "
                        "the young person's and the therapist's hands."
                    ),
                },
                {
                    "text": "Wait calmly and neutrally until someone speaks",
                    "correct": True,
                    "feedback": (
                        "Correct. As in the excerpt, waiting leaves room for her to find her "
                        "words, and she then says something important."
                    ),
                },
                {
                    "text": "Tell the therapist that she seems to be avoiding the question",
                    "correct": False,
                    "feedback": (
                        "That is an interpretation of her behaviour, not of her words. Silence "
                        "can be a trauma response, and the therapist can see it too."
                    ),
                },
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "Trauma-informed principles",
            "prompt": (
                "<p>Which of these are principles of trauma-informed practice? Select all that "
                "apply.</p>"
            ),
            "points": 2,
            "feedback": (
                "The five principles are safety, trustworthiness and transparency, choice, "
                "collaboration and empowerment, with the overall aim of not harming the person "
                "again."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "proportional",
            "choices": [
                {
                    "text": "Safety",
                    "correct": True,
                    "feedback": (
                        "Yes. For an interpreter, a calm voice and predictable behaviour help the "
                        "child feel safe."
                    ),
                },
                {
                    "text": "Choice",
                    "correct": True,
                    "feedback": (
                        "Yes. Giving the person choices, such as when to take a break, restores "
                        "some of the control that exploitation took away."
                    ),
                },
                {
                    "text": "Trustworthiness and transparency",
                    "correct": True,
                    "feedback": (
                        "Yes. An explained role and no side talk make the interpreter "
                        "transparent and trustworthy."
                    ),
                },
                {
                    "text": "Speed: getting the full account as quickly as possible",
                    "correct": False,
                    "feedback": (
                        "Pressure to hurry can re-traumatise. Trauma-informed work follows the "
                        "person's pace, as the therapist in the excerpt does."
                    ),
                },
                {
                    "text": "Confronting the child with inconsistencies straight away",
                    "correct": False,
                    "feedback": (
                        "Inconsistencies are common after trauma and are not signs of lying. "
                        "Confrontation risks harming the child again."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": 'Asking a young child "when"',
            "prompt": (
                '<p>An interviewer asks a five-year-old: "When did it happen?". Which statement '
                "best fits what we know about children's development and the interpreter's "
                "role?</p>"
            ),
            "points": 1,
            "feedback": (
                "Ideas of dates, duration and order develop late. The interviewer adapts "
                "questions to the child's age; the interpreter renders them at the level the "
                "interviewer chose."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "It is fine: young children can usually place events in time",
                    "correct": False,
                    "feedback": (
                        "Time concepts are among the last to develop. A Belgian coordinator of "
                        'video hearings has said that asking a five-year-old "when" is not '
                        "appropriate."
                    ),
                },
                {
                    "text": (
                        "It is often unsuitable, but rephrasing it is up to the interviewer, not "
                        "the interpreter"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. If you see the child struggle, you can tell the interviewer "
                        "openly; the decision to ask differently is theirs."
                    ),
                },
                {
                    "text": 'The interpreter should turn it into "Was it a long time ago?"',
                    "correct": False,
                    "feedback": (
                        "That changes an open question into a yes/no question and suggests an "
                        "answer. Flag your concern to the interviewer instead."
                    ),
                },
            ],
        },
    },
    {
        "type": "matching",
        "value": {
            "title": "In the support session",
            "prompt": "<p>Match each situation with the interpreter's best move.</p>",
            "points": 2,
            "feedback": (
                "Render what is said and how it is said: keep the tone, do not soften or tidy "
                "up, and when you are unsure of a word or did not hear it, say so and ask "
                "through the professional."
            ),
            "excerpt": "support_session_silence",
            "segment": 4,
            "pairs": [
                {
                    "left": "She laughs while talking about something painful",
                    "right": "Render her words in the same light tone",
                },
                {
                    "left": 'Her word could mean "empty" or "worn out"',
                    "right": "Tell the therapist, then ask her what the word means to her",
                },
                {
                    "left": "She speaks too quietly for you to hear",
                    "right": "Ask for a repetition through the therapist",
                },
                {
                    "left": "She uses harsh words about herself",
                    "right": "Render them as she said them, without softening",
                },
            ],
        },
    },
]

# --- M5: Deontology ---------------------------------------------------------------------------

M5_QUESTIONS = [
    {
        "type": "single_choice",
        "value": {
            "title": "A whispered aside",
            "prompt": (
                "<p>During the interview the girl leans towards you and whispers in your shared "
                'language: "Don\'t tell them about my sister. Promise?". What do you do?</p>'
            ),
            "points": 1,
            "feedback": (
                "Everything said in the session is interpreted; there is no private channel. The "
                "interviewer, not the interpreter, responds to the child."
            ),
            "excerpt": "whispered_aside",
            "segment": 5,
            "choices": [
                {
                    "text": "Keep it to yourself, because she trusts you",
                    "correct": False,
                    "feedback": (
                        "It may feel kind, but it makes you a secret party to the interview and "
                        "hides from the interviewer a worry that matters for her safety."
                    ),
                },
                {
                    "text": "Render it to the interviewer straight away and let them respond",
                    "correct": True,
                    "feedback": (
                        "Correct. In the excerpt the interviewer then explains the interpreter's "
                        "role kindly and invites the girl to talk about her worry."
                    ),
                },
                {
                    "text": "Whisper back that you will not tell anyone",
                    "correct": False,
                    "feedback": (
                        "That is a promise you cannot keep and a side conversation the "
                        "interviewer cannot follow. Leave the reply to the interviewer."
                    ),
                },
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "Conflicts of interest",
            "prompt": (
                "<p>Which of these situations should you declare before the assignment, or as "
                "soon as you notice them? Select all that apply.</p>"
            ),
            "points": 2,
            "feedback": (
                "Guidance warns against interpreters linked to the victim, the family, the "
                "exploiter's community or another victim. Declare any link; the authority "
                "decides whether you continue."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "all_or_nothing",
            "choices": [
                {
                    "text": "You know the child's family",
                    "correct": True,
                    "feedback": (
                        "Yes. Even a distant acquaintance can make the child hold back or "
                        "raise doubts about your impartiality."
                    ),
                },
                {
                    "text": "You come from the same small community as the suspects in the case",
                    "correct": True,
                    "feedback": (
                        "Yes. The child may fear that what she says will travel back, and you "
                        "may feel pressure yourself."
                    ),
                },
                {
                    "text": "You are one of the few interpreters who speak the child's dialect",
                    "correct": False,
                    "feedback": (
                        "Speaking the child's variety is a strength, not a conflict. Mention it "
                        "in the briefing so the interviewer knows what to expect."
                    ),
                },
                {
                    "text": "Last week you interpreted for a suspect in the same case",
                    "correct": True,
                    "feedback": (
                        "Yes. Having worked for the other side could compromise your neutrality, "
                        "or be seen to."
                    ),
                },
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "How long confidentiality lasts",
            "prompt": (
                "<p>True or false: your duty of confidentiality ends when the hearing ends.</p>"
            ),
            "points": 1,
            "feedback": (
                "False. Confidentiality does not end with the hearing, and what you learn may "
                "never be used for personal gain."
            ),
            "excerpt": None,
            "segment": None,
            "answer": False,
            "feedback_true": (
                "Not so: the duty continues after the assignment. That is also why you do not "
                "contact the child or the family afterwards or talk about the case."
            ),
            "feedback_false": (
                "Right. Confidentiality is lasting; even in supervision you talk about the "
                "impact on you, not identifying details."
            ),
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": '"Does she seem honest to you?"',
            "prompt": (
                '<p>After the interview, the officer asks you: "Does this child seem honest to '
                'you?". What is the best reply?</p>'
            ),
            "points": 1,
            "feedback": (
                "Judging credibility lies outside the interpreter's role. You may offer genuine "
                "language or cultural observations, openly, making clear they are not about "
                "credibility."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "Give your honest impression, since you understood her best",
                    "correct": False,
                    "feedback": (
                        "Understanding her language does not make you a judge of truth, and "
                        "your impression could unfairly colour the case."
                    ),
                },
                {
                    "text": (
                        "Explain that this is outside your role, and offer any language or "
                        "cultural point openly"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. This keeps you impartial while still giving the officer "
                        "anything useful about language."
                    ),
                },
                {
                    "text": "Ignore the question and leave",
                    "correct": False,
                    "feedback": (
                        "You are right not to answer it, but a short, polite explanation of your "
                        "role helps the officer understand why."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Sworn interpreters in Belgium",
            "prompt": (
                "<p>In Belgium, since December 2019, whom must judicial authorities normally "
                "call on to interpret?</p>"
            ),
            "points": 1,
            "feedback": (
                "A 2014 law set up a national register of sworn translators and interpreters. "
                "Registration lasts six years and requires proof of legal knowledge, an oath and "
                "acceptance of a code of ethics."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "Anyone who speaks both languages well",
                    "correct": False,
                    "feedback": (
                        "Being bilingual is not enough: legal interpreting needs legal knowledge "
                        "and ethical commitments, which the register checks."
                    ),
                },
                {
                    "text": (
                        "Interpreters in the national register, with exceptions only by reasoned "
                        "decision"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. Someone outside the register may be used only when the case is "
                        "urgent or no registered interpreter is available, and the decision must "
                        "be reasoned."
                    ),
                },
                {
                    "text": "Only interpreters employed by the police",
                    "correct": False,
                    "feedback": (
                        "The rule is about registration in the national register, not about who "
                        "employs the interpreter."
                    ),
                },
            ],
        },
    },
    {
        "type": "reflection",
        "value": {
            "title": "You recognise the mother",
            "prompt": (
                "<p>Halfway through an interview, the child mentions her mother's name and you "
                "realise you know the mother from your own community. Describe what you would "
                "say, to whom, and when.</p>"
            ),
            "points": 0,
            "feedback": (
                "A trainer will read your answer. Consider declaring the link at once, even "
                "mid-interview, leaving the decision to the interviewer, and what you would "
                "avoid saying in front of the child."
            ),
            "excerpt": None,
            "segment": None,
        },
    },
]

# --- M6: Working as a team --------------------------------------------------------------------

M6_QUESTIONS = [
    {
        "type": "multiple_choice",
        "value": {
            "title": "A five-minute briefing",
            "prompt": (
                "<p>You have five minutes with the officer before the interview. Which topics "
                "are worth covering? Select all that apply.</p>"
            ),
            "points": 2,
            "feedback": (
                "A short briefing covers what you need to interpret well: the child's age and "
                "language variety, the type of case, seating, signals and how you will be "
                "introduced. The less you carry into the room beyond that, the easier it is to "
                "stay impartial."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "proportional",
            "choices": [
                {
                    "text": "The child's age and which variety of the language she speaks",
                    "correct": True,
                    "feedback": (
                        "Yes. Age shapes the register to expect, and dialect differences are "
                        "easier to handle when you know about them in advance."
                    ),
                },
                {
                    "text": "The type of case, so you can prepare the vocabulary",
                    "correct": True,
                    "feedback": (
                        "Yes. Knowing it is, say, labour exploitation lets you call up the "
                        "right terms."
                    ),
                },
                {
                    "text": "An agreed signal for a break",
                    "correct": True,
                    "feedback": (
                        "Yes. In the excerpt they agree to raise a hand, so either can ask for a "
                        "pause without disrupting the child."
                    ),
                },
                {
                    "text": "How the interviewer will introduce you and explain your role",
                    "correct": True,
                    "feedback": (
                        "Yes. Children often see the interpreter as the person they are talking "
                        "to, so a clear introduction matters."
                    ),
                },
                {
                    "text": "The suspect's criminal record",
                    "correct": False,
                    "feedback": (
                        "You do not need it to interpret, and knowing it could colour how you "
                        "hear the child. Leave it out of the briefing."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Choosing a mode",
            "prompt": "<p>Which interpreting mode usually suits a child interview best?</p>",
            "points": 1,
            "feedback": (
                "Short consecutive turns usually keep a child's own wording and rhythm best, "
                "which matters both for the child and for the evidence."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "Consecutive interpreting in short turns",
                    "correct": True,
                    "feedback": (
                        "Correct. Short turns let you render each answer in full, hesitations "
                        "included, and keep the exchange easy for the child to follow."
                    ),
                },
                {
                    "text": "Long stretches of whispered simultaneous interpreting",
                    "correct": False,
                    "feedback": (
                        "Whispering over the child's voice can distract and confuse, and makes "
                        "the recording hard to follow."
                    ),
                },
                {
                    "text": "A summary after each answer",
                    "correct": False,
                    "feedback": (
                        "Summarising loses the child's exact words, which are part of the "
                        "evidence. Everything said is rendered in full."
                    ),
                },
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "Explaining confidentiality",
            "prompt": (
                "<p>True or false: guidance for anti-trafficking teams recommends explaining "
                "confidentiality to the victim right after the introductions.</p>"
            ),
            "points": 1,
            "feedback": (
                "True. Early on, the victim learns who is in the room, what they do and that "
                "what is said stays confidential, which helps build trust."
            ),
            "excerpt": None,
            "segment": None,
            "answer": True,
            "feedback_true": (
                "Right. A young person who knows the interpreter is bound to confidentiality may "
                "find it easier to speak."
            ),
            "feedback_false": (
                "It is in fact recommended: explaining confidentiality straight after the "
                "introductions helps the victim feel safe enough to talk."
            ),
        },
    },
    {
        "type": "ordering",
        "value": {
            "title": "The shape of an assignment",
            "prompt": "<p>Put these stages of an interpreted interview in order.</p>",
            "points": 1,
            "feedback": (
                "Briefing first, then introductions with an explanation of the interpreter's "
                "role, then the interview, and finally a debrief on language issues and "
                "wellbeing."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "all_or_nothing",
            "items": [
                "Briefing between interviewer and interpreter",
                "Introductions and explanation of the interpreter's role to the child",
                "The interview",
                "Debrief on language issues and wellbeing",
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Where to sit",
            "prompt": (
                "<p>In the corridor, the interpreter asks where she should sit. What should the "
                "seating you agree aim for?</p>"
            ),
            "points": 1,
            "feedback": (
                "Agree the seating in advance so that the child faces and talks to the "
                "interviewer, and everyone can be seen and heard on the recording."
            ),
            "excerpt": "corridor_briefing",
            "segment": 10,
            "choices": [
                {
                    "text": "The interpreter between child and officer, facing the child",
                    "correct": False,
                    "feedback": (
                        "This invites the child to talk to you rather than the interviewer, "
                        "and children already tend to see the interpreter as their main contact."
                    ),
                },
                {
                    "text": (
                        "The child facing the interviewer, with everyone visible and audible on "
                        "the recording"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. In the excerpt the officer puts the interpreter beside and "
                        "slightly behind him, so the child faces him."
                    ),
                },
                {
                    "text": "The interpreter out of sight, behind the child",
                    "correct": False,
                    "feedback": (
                        "A voice from behind can unsettle a child, and the recording should show "
                        "who is speaking. Being visible but not central works better."
                    ),
                },
            ],
        },
    },
    {
        "type": "reflection",
        "value": {
            "title": "Preparing a remote interview",
            "prompt": (
                "<p>You will interpret a child's interview by video link from another building. "
                "Describe what you would agree with the interviewer before the link opens, and "
                "why.</p>"
            ),
            "points": 0,
            "feedback": (
                "A trainer will read your answer. Think about sound and picture quality, seeing "
                "the child's face, turn-taking, how you will signal that you did not hear, and "
                "who tells the child if the connection drops."
            ),
            "excerpt": None,
            "segment": None,
        },
    },
]

# --- M7: Terminology and sensitive language ----------------------------------------------------

M7_QUESTIONS = [
    {
        "type": "single_choice",
        "value": {
            "title": "A word you do not know",
            "prompt": (
                "<p>In the guardian meeting, the young person uses a slang word from an app that "
                "you have never heard. What do you do?</p>"
            ),
            "points": 1,
            "feedback": (
                "Never guess: tell the professional you do not know the word, then ask the young "
                "person to explain it in her own terms."
            ),
            "excerpt": "guardian_slang",
            "segment": 4,
            "choices": [
                {
                    "text": "Guess its meaning from the context",
                    "correct": False,
                    "feedback": (
                        "A wrong guess in this area could change how the young person's "
                        "situation is understood. In the excerpt the word turns out to mean "
                        "paying clients."
                    ),
                },
                {
                    "text": "Tell the guardian you do not know it, then ask the young person",
                    "correct": True,
                    "feedback": (
                        "Correct. The guardian knows what is happening, and the young person "
                        "explains the word herself. Add it to your glossary afterwards, without "
                        "identifying details."
                    ),
                },
                {
                    "text": "Leave it out, since it is only slang",
                    "correct": False,
                    "feedback": (
                        "Slang can carry the most important information. Skipping it would "
                        "leave the guardian with a gap she does not know about."
                    ),
                },
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "Words that do not blame",
            "prompt": (
                "<p>When the choice of word is yours, for example when you build a glossary, "
                "which terms follow the Luxembourg Terminology Guidelines? Select all that "
                "apply.</p>"
            ),
            "points": 1,
            "feedback": (
                "The Guidelines prefer terms that do not normalise abuse or blame the child. "
                "When you interpret, though, a speaker's own words are theirs and you render "
                "them faithfully."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "all_or_nothing",
            "choices": [
                {
                    "text": "Child sexual abuse material",
                    "correct": True,
                    "feedback": (
                        "Yes. It names what the images are: a record of a child being abused."
                    ),
                },
                {
                    "text": "Child pornography",
                    "correct": False,
                    "feedback": (
                        "The Guidelines advise against it, because the word can make the abuse "
                        "of a child sound normal or even consensual."
                    ),
                },
                {
                    "text": "Child exploited in prostitution",
                    "correct": True,
                    "feedback": (
                        "Yes. It puts the responsibility on those who exploit the child, not on "
                        "the child."
                    ),
                },
                {
                    "text": "Child prostitute",
                    "correct": False,
                    "feedback": (
                        "This makes the exploitation sound like the child's trade or choice. A "
                        "child cannot consent to being exploited."
                    ),
                },
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "A childish word",
            "prompt": (
                "<p>A seven-year-old names a part of the body with a childish word. How do you "
                "render it?</p>"
            ),
            "points": 1,
            "feedback": (
                "Keep the child's register. The child's own words are part of the evidence, and "
                "the interviewer can ask for clarification."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": "With an equivalent childish word in the other language",
                    "correct": True,
                    "feedback": (
                        "Correct. This keeps the child's voice, so the interviewer hears how the "
                        "child really speaks and can clarify if needed."
                    ),
                },
                {
                    "text": "With the correct medical term, to be precise",
                    "correct": False,
                    "feedback": (
                        "It sounds precise, but it puts adult words in a child's mouth and may "
                        "make the statement seem coached."
                    ),
                },
                {
                    "text": "With a vague word, to spare everyone's feelings",
                    "correct": False,
                    "feedback": (
                        "Softening loses information the interviewer needs. Render the word as "
                        "the child said it, calmly."
                    ),
                },
            ],
        },
    },
    {
        "type": "matching",
        "value": {
            "title": "Belgian terms in French and Dutch",
            "prompt": (
                "<p>Match each English term with the French and Dutch terms used in Belgium.</p>"
            ),
            "points": 2,
            "feedback": (
                "Building a glossary in all your working languages before an assignment saves "
                "hesitation in the room, especially for procedural terms."
            ),
            "excerpt": None,
            "segment": None,
            "pairs": [
                {"left": "Sworn interpreter", "right": "interprète juré / beëdigd tolk"},
                {
                    "left": "Video-recorded hearing of a minor",
                    "right": "audition vidéo-filmée / audiovisueel verhoor (TAM)",
                },
                {
                    "left": "Teenage pimp (loverboy)",
                    "right": "proxénète d'adolescents / tienerpooier",
                },
                {"left": "Social interpreting", "right": "interprétariat social / sociaal tolken"},
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "Preparing your glossary",
            "prompt": (
                "<p>True or false: asking the authority in advance what type of case it is can "
                "be part of preparing your glossary.</p>"
            ),
            "points": 1,
            "feedback": (
                "True. The type of case tells you which legal, exploitation, body or online "
                "vocabulary to prepare."
            ),
            "excerpt": None,
            "segment": None,
            "answer": True,
            "feedback_true": (
                "Right. You do not need case details, only enough to know which vocabulary to "
                "prepare."
            ),
            "feedback_false": (
                "It is in fact good practice: knowing whether a case involves, say, labour or "
                "sexual exploitation lets you prepare the right terms. You do not need details."
            ),
        },
    },
]

# --- M8: Looking after yourself ---------------------------------------------------------------

M8_QUESTIONS = [
    {
        "type": "single_choice",
        "value": {
            "title": "What vicarious trauma is",
            "prompt": "<p>Which description fits vicarious trauma?</p>",
            "points": 1,
            "feedback": (
                "Vicarious trauma is being affected by other people's traumatic experiences "
                "through repeatedly hearing, and in interpreting also voicing, them."
            ),
            "excerpt": None,
            "segment": None,
            "choices": [
                {
                    "text": (
                        "Being affected by other people's traumatic experiences through hearing "
                        "and voicing them"
                    ),
                    "correct": True,
                    "feedback": (
                        "Correct. Speaking in the first person, you say the child's words as "
                        "if they were your own, which adds to the exposure."
                    ),
                },
                {
                    "text": "Exhaustion caused by workload and working conditions",
                    "correct": False,
                    "feedback": (
                        "That is closer to burnout. The two can occur together, but vicarious "
                        "trauma comes from exposure to others' trauma."
                    ),
                },
                {
                    "text": "A trauma from your own past, unrelated to your work",
                    "correct": False,
                    "feedback": (
                        "Your own history can act as a trigger, but vicarious trauma comes from "
                        "the accounts you hear at work."
                    ),
                },
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "title": "Structural coping",
            "prompt": (
                "<p>Coping works at three levels: individual, interpersonal and structural. "
                "Which of these are <strong>structural</strong> measures? Select all that "
                "apply.</p>"
            ),
            "points": 2,
            "feedback": (
                "Structural measures are built into how the work is organised: systematic "
                "briefings and debriefings, limits on case load and access to supervision."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "proportional",
            "choices": [
                {
                    "text": "A debrief planned after every hearing",
                    "correct": True,
                    "feedback": (
                        "Yes. In the excerpt the coordinator arranges this with the police unit, "
                        "so it no longer depends on anyone remembering."
                    ),
                },
                {
                    "text": "Limits on how many similar cases you take",
                    "correct": True,
                    "feedback": (
                        "Yes. The interpreter's two weeks away from this type of case is a "
                        "structural measure agreed with her service."
                    ),
                },
                {
                    "text": "Access to supervision with a psychologist",
                    "correct": True,
                    "feedback": (
                        "Yes. When the service offers supervision, support does not depend on "
                        "each interpreter finding it alone."
                    ),
                },
                {
                    "text": "A walk after each assignment to switch off",
                    "correct": False,
                    "feedback": (
                        "A good habit, but an individual one. Individual routines work best "
                        "alongside structural support."
                    ),
                },
                {
                    "text": "Keeping your feelings to yourself so as not to burden colleagues",
                    "correct": False,
                    "feedback": (
                        "This is not coping at any level, and it tends to make things worse. "
                        "Speaking up early, as the interpreter does, opens the way to support."
                    ),
                },
            ],
        },
    },
    {
        "type": "true_false",
        "value": {
            "title": "Being affected",
            "prompt": (
                "<p>True or false: if interpreting a child's account affects you, you are not "
                "suited to this work.</p>"
            ),
            "points": 1,
            "feedback": (
                "False. Being affected is a known risk of the job, not proof that you are unfit "
                "for it. The answer is to manage it."
            ),
            "excerpt": None,
            "segment": None,
            "answer": False,
            "feedback_true": (
                "Please be kinder to yourself: reactions like these are common in this work and "
                "can be managed with the right support."
            ),
            "feedback_false": (
                "Right. As the coordinator says in the excerpt, it is a common reaction and does "
                "not mean you are doing the work badly."
            ),
        },
    },
    {
        "type": "ordering",
        "value": {
            "title": "Four steps of a self-care course",
            "prompt": (
                "<p>Put the four steps of the psycho-educational course for interpreters in "
                "order.</p>"
            ),
            "points": 1,
            "feedback": (
                "The course moves from awareness of vicarious trauma to recognising its signs, "
                "identifying your own triggers and finally coping at individual, interpersonal "
                "and structural levels."
            ),
            "excerpt": None,
            "segment": None,
            "scoring": "per_item",
            "items": [
                "Becoming aware of vicarious trauma",
                "Recognising its signs",
                "Identifying your own triggers",
                "Coping at individual, interpersonal and structural levels",
            ],
        },
    },
    {
        "type": "single_choice",
        "value": {
            "title": "Talking about a case in supervision",
            "prompt": (
                "<p>In a supervision session, how should you talk about a case that affected "
                "you?</p>"
            ),
            "points": 1,
            "feedback": (
                "Describe the impact on you and leave out names and anything that could "
                "identify the child; confidentiality still applies."
            ),
            "excerpt": "debrief_after_hearings",
            "segment": 7,
            "choices": [
                {
                    "text": "Describe how it affected you, leaving out identifying details",
                    "correct": True,
                    "feedback": (
                        "Correct. You get the support you need while the child's privacy stays "
                        "protected."
                    ),
                },
                {
                    "text": "Share the full details, since supervision is confidential anyway",
                    "correct": False,
                    "feedback": (
                        "Your confidentiality duty still applies. The impact on you can be "
                        "discussed fully without details that identify the child."
                    ),
                },
                {
                    "text": "Do not mention the case at all",
                    "correct": False,
                    "feedback": (
                        "Then the supervision cannot help with what is troubling you. You can "
                        "talk about the case's effect on you without breaking confidentiality."
                    ),
                },
            ],
        },
    },
    {
        "type": "reflection",
        "value": {
            "title": "Your own early signs",
            "prompt": (
                "<p>The interpreter in the debrief notices sentences coming back at night and "
                "avoids her phone. Which early signs would you watch for in yourself, and what "
                "would you ask your service or the team you work with for?</p>"
            ),
            "points": 0,
            "feedback": (
                "A trainer will read your answer. Think about signs such as intrusive images, "
                "poor sleep, irritability or avoidance, and about concrete requests such as "
                "debriefs, supervision or a pause from similar cases."
            ),
            "excerpt": "debrief_after_hearings",
            "segment": 2,
        },
    },
]

QUIZZES = {
    "what-is-child-trafficking": {
        "title": "Check your understanding: child trafficking",
        "introduction": (
            "<p>Five questions on what makes something child trafficking and how it may show, "
            "plus a short reflection for your trainer.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 0,
        "shuffle_questions": False,
        "shuffle_choices": True,
        "review_policy": "full",
        "questions": M1_QUESTIONS,
    },
    "rights-and-law": {
        "title": "Check your understanding: rights and law",
        "introduction": (
            "<p>Five questions on the rights that make interpretation essential for child "
            "victims. You have three attempts, so read each question carefully.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 3,
        "shuffle_questions": True,
        "shuffle_choices": True,
        "review_policy": "correctness",
        "questions": M2_QUESTIONS,
    },
    "interviewing-children": {
        "title": "Check your understanding: interviewing children",
        "introduction": (
            "<p>Five questions on structured interviews, video-recorded hearings and Barnahus. "
            "One asks you to listen again to the hearing excerpt.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 0,
        "shuffle_questions": False,
        "shuffle_choices": True,
        "review_policy": "full",
        "questions": M3_QUESTIONS,
    },
    "the-childs-mind": {
        "title": "Check your understanding: the child's mind",
        "introduction": (
            "<p>Five questions on development, trauma and disclosure, and what they ask of you in "
            "the room.</p>"
        ),
        "pass_mark": 60,
        "attempts_allowed": 0,
        "shuffle_questions": True,
        "shuffle_choices": True,
        "review_policy": "full",
        "questions": M4_QUESTIONS,
    },
    "deontology": {
        "title": "Check your understanding: deontology",
        "introduction": (
            "<p>Five questions on impartiality, confidentiality and the limits of your role, "
            "plus a reflection. You have three attempts, and you will see your score only.</p>"
        ),
        "pass_mark": 80,
        "attempts_allowed": 3,
        "shuffle_questions": True,
        "shuffle_choices": True,
        "review_policy": "score",
        "questions": M5_QUESTIONS,
    },
    "working-as-a-team": {
        "title": "Check your understanding: working as a team",
        "introduction": (
            "<p>Five questions on briefing, interpreting mode, seating and debriefing, plus a "
            "reflection on remote interviews.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 0,
        "shuffle_questions": False,
        "shuffle_choices": True,
        "review_policy": "full",
        "questions": M6_QUESTIONS,
    },
    "terminology": {
        "title": "Check your understanding: terminology",
        "introduction": (
            "<p>Five questions on preparing vocabulary, keeping the child's register and "
            "choosing words that do not blame children.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 0,
        "shuffle_questions": True,
        "shuffle_choices": True,
        "review_policy": "full",
        "questions": M7_QUESTIONS,
    },
    "self-care": {
        "title": "Check your understanding: self-care",
        "introduction": (
            "<p>Five questions on vicarious trauma and coping, plus a reflection on your own "
            "early warning signs. There are no trick questions here.</p>"
        ),
        "pass_mark": 60,
        "attempts_allowed": 0,
        "shuffle_questions": False,
        "shuffle_choices": True,
        "review_policy": "full",
        "questions": M8_QUESTIONS,
    },
}
