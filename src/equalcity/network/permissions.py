"""Who may do what in the network, as rules predicates.

Predicates take ``(user, obj)`` where ``obj`` is a programme or anything with a
``programme`` attribute (a city profile, an application, an event).
"""

import rules

from equalcity.accounts.models import Membership, Role
from equalcity.accounts.permissions import (
    has_role,
    is_city_coordinator,
    is_member,
    is_partner_editor,
    is_programme_manager,
)
from equalcity.network.models import CityProfile, Stage

# Every role except the trainee-city coordinator, whose access depends on approval.
is_programme_team = has_role(*(role for role in Role.values if role != Role.CITY_COORDINATOR))


def _programme_of(obj):
    return getattr(obj, "programme", obj)


@rules.predicate
def is_approved_city_coordinator(user, obj) -> bool:
    """A coordinator whose organisation has been approved as a city of this programme."""
    programme = _programme_of(obj)
    if programme is None or not user.is_authenticated:
        return False
    organisations = Membership.objects.active().filter(
        user=user, programme=programme, role=Role.CITY_COORDINATOR, organisation__isnull=False
    )
    return (
        CityProfile.objects.filter(
            programme=programme,
            organisation__in=organisations.values("organisation"),
        )
        .exclude(stage=Stage.INTERESTED)
        .exists()
    )


rules.add_perm("network.view_contact_details", is_member)
rules.add_perm("network.view_applications", is_programme_manager)
rules.add_perm("network.decide_application", is_programme_manager)
rules.add_perm("network.change_stage", is_programme_manager)
rules.add_perm("network.manage_event", is_programme_manager)
rules.add_perm("network.write_story", is_programme_manager | is_partner_editor)
rules.add_perm(
    "network.view_trainee_material",
    is_programme_team | (is_city_coordinator & is_approved_city_coordinator),
)
