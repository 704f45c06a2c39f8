"""The search near a place has two writings (directory.search._near_q): asked for little
else, a place in a box around the circle read before any distance, or no place on the
map; narrowed by a need or a language, each service's nearest place. Both are held here
to a brute force that measures every place of every service, for any places, any centre
and any radius: the same services, in the same order."""

import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Attribute, Language, Location, Organization, Service, ServiceAtLocation
from directory.needs import needs_ensure, term_id
from directory.search import MILES_PER_DEGREE, Criteria, Place, services_matching

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("America/Chicago"))

#: Austin, and a town far enough north that a degree of longitude is half a degree of
#: latitude, so a box as wide as it is tall would miss places.
centres = st.sampled_from([Place("Austin", 30.2638, -97.7166), Place("Anchorage", 61.2, -149.9)])
#: Where a place is, in radii from the centre on each axis: anywhere near, and exactly on
#: the circle or the box's edges, where rounding would show.
offset = st.one_of(
    st.floats(-2.5, 2.5, allow_nan=False),
    st.sampled_from([-1.0, 1.0, 0.0, math.sqrt(0.5), -math.sqrt(0.5)]),
)
#: A place: its offsets on each axis, or no point on the map for one or both.
place = st.one_of(
    st.tuples(offset, offset),
    st.sampled_from([(None, None), (0.0, None), (None, 0.0)]),
)
service = st.tuples(st.sampled_from(["Alpha", "Beta"]), st.lists(place, max_size=3))


def squared(centre: Place, latitude: float, longitude: float) -> float:
    """The flat-map distance the search promises, written out again."""
    squeeze = math.cos(math.radians(centre.latitude))
    return (latitude - centre.latitude) * (latitude - centre.latitude) + (
        longitude - centre.longitude
    ) * squeeze * (longitude - centre.longitude) * squeeze


def brute_force(centre: Place, miles: int, made) -> list:
    """Every place of every service measured: a service is kept when one of its places on
    the map is within the radius, or when none is on the map; nearest first, then by name."""
    reach = miles / MILES_PER_DEGREE
    kept = []
    for service, points in made:
        on_map = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
        distances = [squared(centre, lat, lon) for lat, lon in on_map]
        near = [d for d in distances if d <= reach * reach]
        if near or not on_map:
            kept.append((min(near) if near else math.inf, service.name, service.pk))
    return [pk for _distance, _name, pk in sorted(kept)]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    centre=centres,
    miles=st.integers(1, 25),
    services=st.lists(service, min_size=1, max_size=8),
    narrowed_by=st.sampled_from(["", "language", "need"]),
)
def test_the_search_near_a_place_keeps_and_orders_what_measuring_every_place_does(
    centre, miles, services, narrowed_by
):
    Organization.objects.all().delete()
    needs_ensure()
    organization = Organization.objects.create(name="Anywhere Inc.")
    reach = miles / MILES_PER_DEGREE
    across = reach / math.cos(math.radians(centre.latitude))
    made = []
    for name, places in services:
        listing = Service.objects.create(organization=organization, name=name)
        # Every service speaks Spanish and helps with childcare: the other tests keep all.
        Language.objects.create(service=listing, code="es", name="Spanish")
        Attribute.objects.create(
            link_entity="service", link_id=listing.pk, taxonomy_term_id=term_id("childcare")
        )
        points = []
        for up, right in places:
            latitude = None if up is None else centre.latitude + up * reach
            longitude = None if right is None else centre.longitude + right * across
            location = Location.objects.create(latitude=latitude, longitude=longitude)
            ServiceAtLocation.objects.create(service=listing, location=location)
            points.append((latitude, longitude))
        made.append((listing, points))

    criteria = Criteria(place=centre, miles=miles)
    if narrowed_by == "language":
        criteria.language = "es"
    elif narrowed_by == "need":
        criteria.need = "childcare"
    found = list(services_matching(criteria, now=NOW))

    assert [listing.pk for listing in found] == brute_force(centre, miles, made)
    # The distance shown is the nearest place's, none for a service not on the map.
    for listing in found:
        points = next(points for made_one, points in made if made_one.pk == listing.pk)
        within = [
            squared(centre, lat, lon)
            for lat, lon in points
            if lat is not None and lon is not None and squared(centre, lat, lon) <= reach * reach
        ]
        assert listing.squared == (min(within) if within else None)
