import pytest

from home.demo import load_demo


@pytest.fixture
def demo(db):
    load_demo()
