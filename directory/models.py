"""The community resource directory, in the shape of the Open Referral Human Services
Data Specification (HSDS 3.0).

Each model is one HSDS table with the HSDS column names, and the HSDS ids are kept as
primary keys, so a directory imported from another system and exported again keeps its
identity. Only the tables and columns the program uses are kept (docs/decisions/0011).
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _id():
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


def _text(label, **options):
    return models.TextField(label, blank=True, **options)


def _line(label, length=255, **options):
    return models.CharField(label, max_length=length, blank=True, **options)


def _parent(model, label, related_name, *, required=False, indexed=True):
    """A link to the record this one belongs to; `indexed=False` when the model indexes
    it itself, with more columns or only where it is set."""
    return models.ForeignKey(
        model,
        on_delete=models.CASCADE,
        null=not required,
        blank=not required,
        related_name=related_name,
        verbose_name=label,
        db_index=indexed,
    )


def _where_set(field: str, name: str, *more: str) -> models.Index:
    """An index of the rows whose link `field` is set. HSDS hangs languages and hours on
    a service, a place or a service at a place, and a directory mostly fills one: the
    other links are nearly all empty. SQLite's statistics (ANALYZE) count the empty ones
    as one value shared by the whole table, and its planner then reads the table rather
    than a whole-column index to find a place's rows, once for every service a search
    tests (seconds at statewide size); an index of the rows set has no such count, and
    serves every lookup of a value, on PostgreSQL too."""
    return models.Index(
        fields=[field, *more], condition=models.Q(**{f"{field}__isnull": False}), name=name
    )


class Taxonomy(models.Model):
    """A vocabulary of needs or service types; the program's own is "Village needs"."""

    id = _id()
    name = models.CharField(_("name"), max_length=255)
    description = _text(_("description"))
    uri = models.URLField(_("address"), blank=True)
    version = _line(_("version"), 40)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = _id()
    taxonomy = _parent(Taxonomy, _("taxonomy"), "terms")
    code = _line(_("code"), 100)
    name = models.CharField(_("name"), max_length=255)
    description = _text(_("description"))
    # Without a database constraint: HSDS service documents name a term's broader term
    # by id without carrying it, so the id is kept as it came and links up when that
    # term is imported (directory.hsds.importer). `parent` may then name no row yet.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader term"),
        db_constraint=False,
    )
    language = _line(_("language"), 10)
    term_uri = models.URLField(_("address"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"],
                condition=~models.Q(code=""),
                name="directory_term_code_once_per_taxonomy",
            )
        ]

    def __str__(self):
        return self.name


class Organization(models.Model):
    id = _id()
    name = models.CharField(_("name"), max_length=255)
    alternate_name = _line(_("other name"))
    description = _text(_("description"))
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Closed for good")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Service(models.Model):
    id = _id()
    organization = _parent(Organization, _("organization"), "services", required=True)
    name = models.CharField(_("name"), max_length=255)
    alternate_name = _line(_("other name"))
    description = _text(_("description"))
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    interpretation_services = _text(_("interpretation"))
    application_process = _text(_("how to apply"))
    fees_description = _text(_("fees"))
    eligibility_description = _text(_("who it is for"))
    minimum_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    alert = _text(_("notice"))
    # HSDS's "assured" date and assurer: when the program last checked the listing with
    # the service, and who did. Shown on every listing so a stale one is seen as stale.
    assured_date = models.DateField(_("last verified"), null=True, blank=True)
    assurer_email = models.EmailField(_("verified by"), blank=True)
    # Words to search: the service's, its organization's, its needs', languages' and
    # towns', lower-cased and without accents, kept by directory.search.search_text_refresh.
    search_text = models.TextField(default="", blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        # The search tests the status of each service its other filters name by id: read
        # from this index, not the service's row.
        indexes = [models.Index(fields=["status", "id"], name="directory_service_status")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:service", args=[self.pk])


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("A place to visit")
    POSTAL = "postal", _("A postal address")
    VIRTUAL = "virtual", _("Online or by phone")


class Location(models.Model):
    id = _id()
    organization = _parent(Organization, _("organization"), "locations")
    location_type = models.CharField(
        _("kind of place"), max_length=10, choices=LocationType.choices, default="physical"
    )
    url = models.URLField(_("web address"), blank=True)
    name = _line(_("name"))
    alternate_name = _line(_("other name"))
    description = _text(_("description"))
    transportation = _text(_("getting there"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        # The search's box around a place (directory.search._within): a range of latitude,
        # then of longitude read from the same index entries, before any distance.
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="directory_location_point"),
            # The distance of a service's place, found by its id, read from the index.
            models.Index(
                fields=["id", "latitude", "longitude"], name="directory_location_id_point"
            ),
        ]

    def __str__(self):
        return self.name or str(self.pk)


class Address(models.Model):
    id = _id()
    location = _parent(Location, _("place"), "addresses")
    attention = _line(_("attention"))
    address_1 = models.CharField(_("street"), max_length=255)
    address_2 = _line(_("street, second line"))
    city = models.CharField(_("city"), max_length=100)
    region = _line(_("region"), 100)
    state_province = models.CharField(_("state"), max_length=100)
    postal_code = models.CharField(_("ZIP code"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="US")
    address_type = models.CharField(
        _("kind of address"), max_length=10, choices=LocationType.choices, default="physical"
    )


class ServiceAtLocation(models.Model):
    id = _id()
    service = _parent(Service, _("service"), "service_at_locations", required=True, indexed=False)
    location = _parent(Location, _("place"), "service_at_locations", required=True)
    description = _text(_("description"))

    class Meta:
        # A service's places with their ids, for the search's distance and languages.
        indexes = [models.Index(fields=["service", "location"], name="directory_service_places")]


class Phone(models.Model):
    id = _id()
    location = _parent(Location, _("place"), "phones")
    service = _parent(Service, _("service"), "phones")
    organization = _parent(Organization, _("organization"), "phones")
    service_at_location = _parent(ServiceAtLocation, _("service at a place"), "phones")
    number = models.CharField(_("number"), max_length=40)
    extension = _line(_("extension"), 20)
    type = _line(_("kind of phone"), 20)
    description = _text(_("description"))


#: The iCalendar day codes, Monday first.
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = r"[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU)"
_MONTHDAY = r"-?([1-9]|[12][0-9]|3[01])"
_WEEKNO = r"-?([1-9]|[1-4][0-9]|5[0-3])"
_YEARDAY = r"-?([1-9]|[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-6])"


class Freq(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")


class Schedule(models.Model):
    """When a service or place is open: HSDS 3.0's iCalendar-style rule (freq WEEKLY or
    MONTHLY, every `interval` weeks or months, on the days of `byday`, "2MO" the second
    Monday of a month, or on the days of the month of `bymonthday`), in the weeks of the
    year of `byweekno` and on the days of the year of `byyearday` when given, between
    `dtstart` and `until` or for `count` times, and valid from `valid_from` to `valid_to`;
    its hours on the clock of `timezone`, an offset from UTC, when given.
    directory.hours reads it: whether it applies on a date, and in plain words. A rule
    without freq is kept and shown as its description."""

    id = _id()
    service = _parent(Service, _("service"), "schedules")
    location = _parent(Location, _("place"), "schedules", indexed=False)
    service_at_location = _parent(
        ServiceAtLocation, _("service at a place"), "schedules", indexed=False
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    dtstart = models.DateField(_("first day"), null=True, blank=True)
    until = models.DateField(_("last day"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(
        _("how many times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    wkst = models.CharField(
        _("week starts on"),
        max_length=2,
        blank=True,
        choices=[(code, code) for code in DAY_CODES],
    )
    freq = models.CharField(_("how often"), max_length=10, blank=True, choices=Freq.choices)
    interval = models.PositiveSmallIntegerField(
        _("every"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    byday = _line(
        _("days"),
        60,
        validators=[
            RegexValidator(
                rf"^{_BYDAY}(,{_BYDAY})*$",
                _("Days like MO,TU or, in a month, 1MO (the first Monday) or -1FR (the last)."),
            )
        ],
    )
    bymonthday = _line(
        _("days of the month"),
        100,
        validators=[
            RegexValidator(
                rf"^{_MONTHDAY}(,{_MONTHDAY})*$",
                _("Days of the month like 1,15 or -1 (the last), from 1 to 31."),
            )
        ],
    )
    byweekno = _line(
        _("weeks of the year"),
        200,
        validators=[
            RegexValidator(
                rf"^{_WEEKNO}(,{_WEEKNO})*$",
                _("Weeks of the year like 1,2 or -1 (the last), from 1 to 53."),
            )
        ],
    )
    byyearday = _line(
        _("days of the year"),
        255,
        validators=[
            RegexValidator(
                rf"^{_YEARDAY}(,{_YEARDAY})*$",
                _("Days of the year like 1,100 or -1 (the last), from 1 to 366."),
            )
        ],
    )
    #: HSDS's timezone: the hours' offset from UTC, in hours (-5, 5.5). Empty, they are
    #: on the program's clock (directory.hours.clock_of).
    timezone = models.DecimalField(
        _("offset from UTC, in hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-12), MaxValueValidator(14)],
    )
    opens_at = models.TimeField(_("opens"), null=True, blank=True)
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    description = _text(_("description"))
    schedule_link = models.URLField(_("booking or timetable address"), blank=True)
    attending_type = _text(_("how to attend"))
    notes = _text(_("notes"))

    class Meta:
        indexes = [
            _where_set("location", "directory_schedule_place"),
            _where_set("service_at_location", "directory_schedule_at_place"),
        ]


class Language(models.Model):
    id = _id()
    service = _parent(Service, _("service"), "languages", indexed=False)
    location = _parent(Location, _("place"), "languages", indexed=False)
    phone = _parent(Phone, _("phone"), "languages")
    name = _line(_("name"), 100)
    code = _line(_("code"), 10)
    note = _text(_("note"))

    class Meta:
        # With the code, so the search's language test reads the index alone.
        indexes = [
            models.Index(fields=["service", "code"], name="directory_language_service"),
            _where_set("location", "directory_language_place", "code"),
        ]


class RequiredDocument(models.Model):
    id = _id()
    service = _parent(Service, _("service"), "required_documents")
    document = _text(_("document"))
    uri = models.URLField(_("address"), blank=True)


class ServiceArea(models.Model):
    id = _id()
    service = _parent(Service, _("service"), "service_areas")
    name = _line(_("name"))
    description = _text(_("description"))
    extent = _text(_("extent"))
    extent_type = _line(_("kind of extent"), 20)
    uri = _line(_("address"))


class CostOption(models.Model):
    id = _id()
    service = _parent(Service, _("service"), "cost_options", required=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    option = _text(_("for whom"))
    currency = _line(_("currency"), 3)
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_description = _line(_("per"))


class Attribute(models.Model):
    """A taxonomy term attached to a record: for the program, a service's needs
    (link_entity "service"). Other links are kept as they came, for a faithful export."""

    id = _id()
    link_id = models.UUIDField(_("record"), db_index=True)
    taxonomy_term = _parent(TaxonomyTerm, _("term"), "attributes", required=True, indexed=False)
    link_type = _line(_("kind of link"), 100)
    link_entity = models.CharField(_("kind of record"), max_length=40, default="service")
    value = _text(_("value"))

    class Meta:
        # A need's services read from the index alone, for the search.
        indexes = [
            models.Index(
                fields=["taxonomy_term", "link_entity", "link_id"], name="directory_attribute_term"
            )
        ]
