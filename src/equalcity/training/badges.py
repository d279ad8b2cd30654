"""The Open Badges 3.0 form of a certificate: an unsigned OpenBadgeCredential."""

from equalcity.training.models import Certificate


def open_badge(certificate: Certificate, *, verify_url: str) -> dict:
    achievement_id = f"{verify_url}#achievement"
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": f"{verify_url}#issuer",
            "type": ["Profile"],
            "name": certificate.organiser_name,
        },
        "validFrom": certificate.issued_at.isoformat(),
        "name": certificate.course_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "name": certificate.course_title,
                "description": f"{certificate.course_title}: {certificate.hours} h, "
                f"{certificate.starts_on.isoformat()} – {certificate.ends_on.isoformat()}",
                "criteria": {
                    "narrative": "Attendance and a passed post-test, as set by the course."
                },
            },
        },
    }
