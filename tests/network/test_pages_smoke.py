import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/en/network/",
        "/en/network/equalcity/cities/",
        "/en/network/equalcity/map/",
        "/en/network/equalcity/cities/vienna/",
        "/en/network/equalcity/apply/",
        "/en/network/equalcity/reach/",
        "/en/network/equalcity/events/",
        "/en/network/equalcity/events/webinar-women-and-girls/",
        "/en/network/equalcity/stories/",
        "/en/network/equalcity/stories/trainee-cities-review/",
        "/en/network/equalcity/stories/feed/",
    ],
)
def test_public_pages_answer(client, network, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
