import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capisce.storage import RandomName, private_storage


class EmailUserManager(UserManager):
    """Creates users identified by their email address, with no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: a learner, a trainer or an operator.

    People sign in with their email address. The full name is the one printed on
    certificates, so the person types it themselves; the preferred language picks
    the site's language after sign-in.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        help_text=_("Your name as it should appear on your certificates."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )

    # Set on the anonymous placeholder that keeps an erased account's learning records
    # (capisce.accounts.services.account_erase): no name, no address anyone reads, no password.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    # When the account was told it would be erased for inactivity (retention).
    inactivity_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name()

    @property
    def is_erased(self):
        return self.erased_at is not None

    def get_full_name(self):
        if self.is_erased:
            return str(_("Erased account #%(number)s") % {"number": self.pk})
        return self.full_name or self.email

    def get_short_name(self):
        if self.is_erased:
            return self.get_full_name()
        return self.full_name.split(" ")[0] if self.full_name else self.email


class DataExportQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def ready(self, now=None):
        """Exports built and not expired: the only ones that can be downloaded."""
        return self.filter(ready_at__isnull=False, expires_at__gt=now or timezone.now())


class DataExport(models.Model):
    """A zip of everything the site holds about one person, built by a task.

    It lives in the private storage and is downloaded by its person only, until it expires
    (DATA_EXPORT_EXPIRY_DAYS after it is ready); `erase_expired` then deletes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=RandomName("exports"), storage=private_storage, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    objects = DataExportQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A double click asks for one export: one at a time is being prepared.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ready_at__isnull=True, failed_at__isnull=True),
                name="one_data_export_being_prepared",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def status(self):
        if self.failed_at:
            return "failed"
        if self.ready_at is None:
            return "preparing"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "ready"
