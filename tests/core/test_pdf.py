import pytest

from equalcity.core.pdf import BlockedResource, offline_url_fetcher


def test_pdf_rendering_fetches_nothing_from_another_host():
    with pytest.raises(BlockedResource):
        offline_url_fetcher("https://tracker.example/pixel.png")


def test_pdf_rendering_reads_the_platforms_own_static_files():
    resource = offline_url_fetcher("http://equalcity.invalid/static/core/favicon.svg")
    assert resource["mime_type"] == "image/svg+xml"
    assert b"<svg" in resource["string"]
