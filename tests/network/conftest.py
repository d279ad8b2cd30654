from datetime import timedelta

import pytest
from django.utils import timezone

from equalcity.network.demo import load_demo as load_network_demo
from equalcity.network.models import Event


@pytest.fixture
def network(demo):
    """The demo programme with its network demo data, loaded through the real loaders."""
    load_network_demo(programme=demo)
    return demo


@pytest.fixture
def make_event(demo):
    def make(**values) -> Event:
        starts = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
        defaults = {
            "programme": demo,
            "slug": "test-webinar",
            "kind": Event.Kind.WEBINAR,
            "title": "Test webinar",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=1),
            "capacity": 2,
            "join_url": "https://meet.example.org/secret-room",
        }
        defaults.update(values)
        return Event.objects.create(**defaults)

    return make
