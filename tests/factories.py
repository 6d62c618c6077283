import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from misconduct_records.models import Agency, AllegationCategory, District, Officer
from misconduct_records.names import officer_search_name


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    name = "Boston Police Department"
    slug = "boston-pd"
    city = "Boston"
    state = "MA"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("agency", "code")

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"Z-{n}")
    name = factory.Faker("city")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    agency = factory.SubFactory(AgencyFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    badge_number = factory.Sequence(lambda n: str(50000 + n))
    rank = "Police Officer"
    search_name = factory.LazyAttribute(lambda o: officer_search_name(
        first_name=o.first_name, middle_name=getattr(o, "middle_name", ""), last_name=o.last_name,
        suffix=getattr(o, "suffix", "")))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=role))


def category(code: str) -> AllegationCategory:
    return AllegationCategory.objects.get(code=code)


def report_for_board(case, investigator, finding: str = "sustained"):
    """What an investigator writes before the case may go to the board: the facts found and,
    for every allegation still without one, a recommended finding with its reasoning."""
    from review_board.services import allegation_recommend_finding, report_write

    report_write(case=case, actor=investigator, facts="Body-worn camera footage and two "
                 "interviews show the officer's arm around the man's neck for about ten seconds.")
    for allegation in case.allegations.all():
        allegation_recommend_finding(
            allegation=allegation, actor=investigator,
            finding=allegation.recommended_finding or finding,
            reasoning=allegation.recommendation_reasoning or "The footage matches the account.")
