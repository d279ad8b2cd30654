from rest_framework import serializers

from equalcity.accounts.models import Membership, Organisation
from equalcity.programmes.models import PilotSite, Programme, ProgrammeTarget


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "country", "city"]


class PilotSiteSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    partners = OrganisationSerializer(many=True)

    class Meta:
        model = PilotSite
        fields = ["city", "country", "target_group", "partners"]


class ProgrammeTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeTarget
        fields = ["measure", "value"]


class ProgrammeSerializer(serializers.ModelSerializer):
    lead_organisation = OrganisationSerializer()
    pilot_sites = PilotSiteSerializer(many=True)
    targets = ProgrammeTargetSerializer(many=True)

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "summary",
            "funder",
            "starts_on",
            "ends_on",
            "lead_organisation",
            "pilot_sites",
            "targets",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = OrganisationSerializer(allow_null=True)

    class Meta:
        model = Membership
        fields = ["programme", "role", "organisation"]


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField()
    memberships = MembershipSerializer(many=True)
