import pytest

from equalcity.referral.demo import load_demo as load_directory_demo


@pytest.fixture
def directory(demo):
    """The demo directory of the four pilot cities, loaded through the demo loader."""
    load_directory_demo(programme=demo)
    return demo


@pytest.fixture
def worker(demo_users):
    return demo_users["frontline_worker"]
