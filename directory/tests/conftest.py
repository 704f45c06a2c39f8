import pytest
from django.utils import timezone

from directory.demo import load_directory


@pytest.fixture
def directory(db):
    """The demo program's directory: thirty-odd services around Austin."""
    return {service.name: service for service in load_directory(timezone.localdate())}
