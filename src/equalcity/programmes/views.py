from django.shortcuts import render

from equalcity.core.decorators import public_page
from equalcity.programmes import selectors
from equalcity.programmes.models import Participation


@public_page
def home(request):
    overviews = []
    for programme in selectors.programme_overviews():
        grouped = selectors.participations_by_kind(programme)
        overviews.append(
            {
                "programme": programme,
                "trainees": grouped.get(Participation.Kind.TRAINEE, []),
                "networks": grouped.get(Participation.Kind.CITY_NETWORK, []),
            }
        )
    return render(request, "programmes/home.html", {"overviews": overviews})
