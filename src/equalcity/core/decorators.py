def public_page(view):
    """Mark a view as open to anyone: the two-factor gate lets it through."""
    view.equalcity_public = True
    return view
