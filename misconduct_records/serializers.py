from rest_framework import serializers

from .models import Officer, PublicAllegation


class AllegationSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.public_id")
    category = serializers.CharField(source="category.code")
    category_name = serializers.CharField(source="category.name")
    family = serializers.CharField(source="category.family")
    received_on = serializers.DateField(source="case.received_on")
    incident_on = serializers.DateField(source="case.incident_on")
    closed_on = serializers.DateField(source="case.closed_on")

    class Meta:
        model = PublicAllegation
        fields = [
            "case", "category", "category_name", "family", "force_level",
            "prohibited_restraint", "recommended_finding", "finding",
            "discipline_recommended", "discipline_imposed", "received_on", "incident_on",
            "closed_on",
        ]


class OfficerSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id")
    agency = serializers.CharField(source="agency.slug")
    district = serializers.CharField(source="district.code", default=None)

    class Meta:
        model = Officer
        fields = ["id", "first_name", "last_name", "badge_number", "rank", "agency", "district"]


class OfficerDetailSerializer(OfficerSerializer):
    allegations = serializers.SerializerMethodField()

    class Meta(OfficerSerializer.Meta):
        fields = [*OfficerSerializer.Meta.fields, "allegations"]

    def get_allegations(self, officer):
        return AllegationSerializer(self.context["history"], many=True).data
