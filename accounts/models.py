from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _

# Role and Language are core's, named here too for the many callers that import them
# with the user model.
from core.roles import Language, Role
from core.zones import zone_choices

STAFF_ROLES = frozenset({Role.DIRECTOR, Role.COACH, Role.FINANCE})
PARENT_ROLES = frozenset({Role.BIRTH_PARENT, Role.PARTNER_PARENT})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Names and contact details live on their families.Person."""

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    #: Whether the person picked their language themselves. Until they do, each sign-in
    #: takes their browser's (accounts/language.py), and `language` keeps it for e-mails
    #: and text messages.
    language_chosen = models.BooleanField(_("language chosen"), default=False)
    time_zone = models.CharField(_("time zone"), max_length=40, blank=True, choices=zone_choices)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The person's roles, read once per request."""
        if not self.is_authenticated or not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_program_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def is_staff(self) -> bool:
        # Django admin is not mounted; nobody is "staff" in Django's sense.
        return False


class SignedInSession(models.Model):
    """One browser where a person is signed in, for their list of sessions and "sign out
    everywhere" (accounts/sessions.py, decision 0021). Made on each sign-in, whatever the
    way in, and removed at sign-out. No address is kept: the audit trail has the sign-ins'.

    `session_key` is a bearer secret like Django's own session table's: it is here only
    to end that session, and is never shown or exported."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, db_index=True)
    began = models.DateTimeField()
    #: Written at most once a minute, so a busy page costs no write.
    last_seen = models.DateTimeField()
    #: The browser and system, from its User-Agent: "Chrome", "Android".
    browser = models.CharField(max_length=40, blank=True)
    system = models.CharField(max_length=40, blank=True)
    shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-last_seen"]

    @property
    def device(self) -> str:
        if self.browser and self.system:
            return _("%(browser)s on %(system)s") % {"browser": self.browser, "system": self.system}
        return self.browser or self.system or _("An unknown browser")
