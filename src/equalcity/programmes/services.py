"""Actions that change who takes part in a programme.

Each is one transaction, locks what it changes, writes its audit entry and refuses with a
:class:`ProgrammeError` carrying a code and a translated message.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from equalcity.accounts import audit
from equalcity.accounts.models import Organisation, User
from equalcity.accounts.services import get_or_create_organisation
from equalcity.core.errors import DomainError
from equalcity.programmes.models import Participation, Programme, TargetGroup


class ProgrammeError(DomainError):
    pass


@dataclass(frozen=True)
class Admission:
    organisation: Organisation
    participations: list[Participation]
    organisation_created: bool
    participations_created: int


@transaction.atomic
def admit_organisation(
    *,
    programme: Programme,
    name: str,
    kind: str,
    country: str,
    city: str = "",
    participation: str = Participation.Kind.TRAINEE,
    tracks: Sequence[str] = (),
    by: User,
    request=None,
) -> Admission:
    """Let an organisation take part in the programme, one ``Participation`` per toolbox track
    (one without a track when none is given).

    The organisation is found by name and country, or created (``accounts``). Admitting again
    changes nothing and writes no second audit entry; a new track adds its participation.
    Only a programme manager admits: the same authority that invites people.
    """
    if not by.has_perm("accounts.invite_member", programme):
        raise ProgrammeError(
            _("Only a programme manager can admit an organisation."), code="not_allowed"
        )
    if participation not in Participation.Kind.values:
        raise ProgrammeError(
            _("Choose one of the listed ways of taking part."), code="unknown_participation"
        )
    unknown = set(tracks) - set(TargetGroup.values)
    if unknown:
        raise ProgrammeError(
            _("Unknown toolbox track: %(tracks)s") % {"tracks": ", ".join(sorted(unknown))},
            code="unknown_track",
        )
    # One admission at a time per programme: two managers approving the same city at once
    # would otherwise both find no organisation and create two.
    Programme.objects.select_for_update().get(pk=programme.pk)
    organisation, organisation_created = get_or_create_organisation(
        name=name, kind=kind, country=country, city=city, by=by, request=request
    )
    participations, created = [], []
    for track in sorted(set(tracks)) or [""]:
        row, was_created = Participation.objects.get_or_create(
            programme=programme, organisation=organisation, kind=participation, target_group=track
        )
        participations.append(row)
        if was_created:
            created.append(track)
    if created:
        audit.record(
            "programmes.organisation.admitted",
            actor=by,
            obj=organisation,
            programme=programme,
            request=request,
            data={"participation": participation, "tracks": [t for t in created if t]},
        )
    return Admission(organisation, participations, organisation_created, len(created))
