"""Mail leaves from a background task, so a request never waits for or fails on SMTP.

A failed delivery is logged and, with a task backend that can defer work (the
database backend and its worker), tried again later, a bounded number of times.
Run at once (the ImmediateBackend of development and tests), a failure is
logged and not retried: retrying would hold the request that sent the mail.
"""

import datetime
import logging

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds to wait after the first, second... failed delivery before the next try.
RETRY_DELAYS = (60, 300, 1800, 7200, 21600)


def send_later(message: EmailMessage) -> None:
    """Queue the message for delivery by a background task (never raises for SMTP)."""
    if message.attachments:
        raise ValueError("Queued mails carry no attachments.")
    deliver.enqueue(
        {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
            "headers": dict(message.extra_headers),
            "alternatives": [
                [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
            ],
        }
    )


def message_from(data: dict) -> EmailMultiAlternatives:
    return EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )


@task()
def deliver(message: dict, attempt: int = 1):
    """Send one queued mail; on failure, log it and try again later while tries remain."""
    try:
        message_from(message).send()
    except Exception:
        retry(message, attempt)


def retry(message: dict, attempt: int):
    """Queue the next try after a failed one, or give up; log either way, never raise."""
    recipients = ", ".join(message["to"])
    can_wait = deliver.get_backend().supports_defer
    if not can_wait or attempt > len(RETRY_DELAYS):
        logger.exception(
            "Mail “%s” to %s not sent (attempt %s); giving up.",
            message["subject"],
            recipients,
            attempt,
        )
        return
    delay = RETRY_DELAYS[attempt - 1]
    logger.warning(
        "Mail “%s” to %s not sent (attempt %s); trying again in %s s.",
        message["subject"],
        recipients,
        attempt,
        delay,
        exc_info=True,
    )
    try:
        later = timezone.now() + datetime.timedelta(seconds=delay)
        deliver.using(run_after=later).enqueue(message, attempt + 1)
    except Exception:
        logger.exception(
            "Mail “%s” to %s could not be queued again.", message["subject"], recipients
        )
