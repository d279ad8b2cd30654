import pytest

from equalcity.core.pdf import BlockedResource, OfflineURLFetcher, render_pdf


def test_pdf_rendering_fetches_nothing_from_another_host():
    with pytest.raises(BlockedResource):
        OfflineURLFetcher().fetch("https://tracker.example/pixel.png")
    with pytest.raises(BlockedResource):
        OfflineURLFetcher().fetch("file:///etc/passwd")


def test_pdf_rendering_reads_the_platforms_own_static_files():
    resource = OfflineURLFetcher().fetch("http://equalcity.invalid/static/core/favicon.svg")
    assert resource.content_type == "image/svg+xml"
    assert b"<svg" in resource.read()


def test_a_template_with_a_static_stylesheet_and_image_renders(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path]},
    ]
    (tmp_path / "sample.html").write_text(
        "{% load static %}<html><head>"
        "<link rel='stylesheet' href='{% static \"core/app.css\" %}'></head>"
        "<body><h1>Pocket card</h1><img src='{% static \"core/favicon.svg\" %}' alt=''>"
        "<img src='https://tracker.example/pixel.png' alt=''></body></html>"
    )
    pdf = render_pdf("sample.html", {})
    assert pdf.startswith(b"%PDF")
