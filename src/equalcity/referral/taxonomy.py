"""The SGBV taxonomy and the service attributes this directory searches on.

Both are published as HSDS taxonomies with stable identifiers (UUID 5 of the code), so
that a service tagged here keeps its tags through export and re-import elsewhere.
"""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from equalcity.referral.models import ATTRIBUTES_TAXONOMY_ID, SGBV_TAXONOMY_ID

NAMESPACE = uuid.UUID("7d1f0a4e-2f6b-4a59-9a53-3c1e6f1c0000")


@dataclass(frozen=True)
class Term:
    code: str
    name: object  # a lazy translation
    description: object
    taxonomy_id: uuid.UUID

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{self.taxonomy_id}:{self.code}")


NEEDS = [
    Term(
        "medical",
        _("Medical and forensic care"),
        _(
            "Emergency medical care, post-exposure prophylaxis, emergency contraception, forensic "
            "examination."
        ),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "sexual_health",
        _("Sexual and reproductive health"),
        _("Sexual and reproductive health services."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "psychosocial",
        _("Psychosocial support"),
        _("Counselling, psychological first aid and support groups."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "legal",
        _("Legal aid"),
        _("Legal advice, residence rights, protection orders, support through a complaint."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "police",
        _("Police"),
        _("Police units trained to receive reports of sexual and gender-based violence."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "shelter",
        _("Shelter and safe accommodation"),
        _("Emergency and longer-term safe accommodation."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "child_protection",
        _("Child protection"),
        _("Services for children and their guardians."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "lgbtqi",
        _("LGBTQI+ specialised support"),
        _("Services specialised in LGBTQI+ people."),
        SGBV_TAXONOMY_ID,
    ),
    Term(
        "interpretation",
        _("Interpretation and cultural mediation"),
        _("Interpreters and cultural mediators."),
        SGBV_TAXONOMY_ID,
    ),
    Term("helpline", _("Helpline"), _("Telephone or chat helplines."), SGBV_TAXONOMY_ID),
    Term(
        "migrant",
        _("Migrant-specific support"),
        _("Services for migrants, asylum seekers and refugees."),
        SGBV_TAXONOMY_ID,
    ),
]

ATTRIBUTES = [
    Term(
        "no_residence_permit",
        _("Accessible without a residence permit"),
        _("No residence permit or papers are asked for."),
        ATTRIBUTES_TAXONOMY_ID,
    ),
    Term("free", _("Free of charge"), _("The service costs nothing."), ATTRIBUTES_TAXONOMY_ID),
    Term("anonymous", _("Anonymous"), _("No name is asked for."), ATTRIBUTES_TAXONOMY_ID),
    Term(
        "women_only_staff",
        _("Women-only staff"),
        _("Only women staff meet the person."),
        ATTRIBUTES_TAXONOMY_ID,
    ),
    Term("for_women", _("For women"), _("Accepts women and girls."), ATTRIBUTES_TAXONOMY_ID),
    Term(
        "lgbtqi_safe",
        _("LGBTQI+ safe(r) space"),
        _("Meets the safe(r)-space charter for LGBTQI+ people with a migration background."),
        ATTRIBUTES_TAXONOMY_ID,
    ),
    Term(
        "for_children",
        _("For children"),
        _("Accepts children, with or without a guardian."),
        ATTRIBUTES_TAXONOMY_ID,
    ),
]

TERMS = {term.code: term for term in NEEDS + ATTRIBUTES}
NEED_CODES = [term.code for term in NEEDS]
ATTRIBUTE_CODES = [term.code for term in ATTRIBUTES]

TAXONOMIES = [
    (
        SGBV_TAXONOMY_ID,
        "Equalcity SGBV services",
        "Kinds of help a survivor of sexual and gender-based violence may need.",
    ),
    (
        ATTRIBUTES_TAXONOMY_ID,
        "Equalcity service attributes",
        "Who a service accepts and how: without papers, free, anonymous, women-only staff, "
        "LGBTQI+ safe(r) space, for children.",
    ),
]
