"""Plain-language answers to "what did the officer do?", mapped onto the taxonomy.

Residents pick what they saw; staff see the taxonomy category. The codes are the
`misconduct_records.AllegationCategory` codes seeded by migration; a city that renames a
category keeps its code, so this mapping stays right.
"""

from django.utils.translation import gettext_lazy as _

from misconduct_records.vocabulary import ForceLevel

# (category code, what a resident would say), grouped as the form shows them.
CONDUCT_GROUPS = [
    (_("Force"), [
        ("physical-force", _("Pushed, grabbed, hit, kicked or tackled someone")),
        ("chokehold", _("Choked someone or held them by the neck")),
        ("neck-knee-restraint", _("Knelt on someone's neck or back, or held them face down")),
        ("weapon-pointed", _("Pointed a gun or another weapon at someone")),
        ("less-lethal-weapon", _("Used a Taser, pepper spray, a baton or rubber bullets")),
        ("firearm-discharged", _("Fired a gun")),
        ("shooting-moving-vehicle", _("Shot at a moving car")),
        ("no-de-escalation", _("Made things worse instead of calming them down")),
    ]),
    (_("Stops, searches and arrests"), [
        ("stop", _("Stopped someone for no good reason")),
        ("frisk", _("Patted someone down")),
        ("search", _("Searched a person, a car or a home")),
        ("arrest", _("Arrested someone or gave them a ticket unfairly")),
        ("threat", _("Threatened to hurt, arrest or punish someone")),
        ("property", _("Took or damaged property")),
        ("refused-identification", _("Refused to give their name or badge number")),
        ("retaliation", _("Punished someone for filming, asking questions or complaining")),
    ]),
    (_("Words and treatment"), [
        ("discourtesy", _("Was rude, cursed or mocked someone")),
        ("offensive-language", _("Used a slur or offensive words")),
        ("bias-profiling", _("Treated someone differently because of race, religion, gender, "
                             "disability, sexuality or another part of who they are")),
        ("untruthful-statement", _("Lied, or wrote something untrue in a report")),
    ]),
    (_("Other officers and records"), [
        ("failure-to-intervene", _("Another officer saw it and did nothing to stop it")),
        ("failure-to-report", _("The use of force was not reported")),
        ("body-camera", _("A body camera was off, covered, or the video was withheld")),
    ]),
]

CONDUCT_CHOICES = [(code, label) for _group, items in CONDUCT_GROUPS for code, label in items]
CONDUCT_CODES = {code for code, _label in CONDUCT_CHOICES}

# Codes that describe physical force, so the force-level question applies.
FORCE_CODES = {code for code, _label in CONDUCT_GROUPS[0][1]}

FORCE_LEVEL_CHOICES = [
    ("", _("I don't know")),
    (str(ForceLevel.PRESENCE.value), _("Officers were there but did not touch anyone")),
    (str(ForceLevel.VERBAL.value), _("Shouted orders or commands")),
    (str(ForceLevel.SOFT_CONTROL.value), _("Held, grabbed or pushed someone")),
    (str(ForceLevel.HARD_CONTROL.value), _("Hit, kicked, took someone down, or used pepper spray")),
    (str(ForceLevel.LESS_LETHAL.value), _("Used a baton, Taser or rubber bullets")),
    (str(ForceLevel.DEADLY.value), _("Used a gun or force that could kill")),
]
