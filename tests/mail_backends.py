"""Mail backends for tests: an SMTP server that cannot be reached."""

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """Every delivery fails as with the mail server down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
