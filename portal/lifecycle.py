"""One small engine for every lifecycle: a table of moves, each guarded by role and state.

An entity (a case, a policy recommendation, a department response, a meeting) declares its
moves as a table `{(from_state, to_state): Transition}` and one `Lifecycle`. `Lifecycle.move`
locks the row, checks that the move exists, that the actor's role admits it, that a reason is
given when one is needed and that the entity meets the move's requirement; then it saves the
new state and writes the audit event (who, from, to) in the same transaction. Nothing
else assigns the state field.

A reason is text typed about people, and the hash-chained audit trail can never be erased: the
event never holds it. An entity keeps reasons where they can be encrypted and erased through
its `keep_reason` hook, and the event names what the hook returned (e.g. a note's id).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.roles import user_has_role
from portal.services.audit import audit_record

REASON_REQUIRED = gettext_lazy("Say why: this step needs a reason.")


class TransitionError(Exception):
    """The move is not allowed; the message says why, in words a staff member can act on."""


@dataclass(frozen=True)
class Transition:
    roles: frozenset[str]
    label: str | Promise
    requirement: Callable[[Any], str | None] | None = None
    effect: Callable[[Any], None] | None = None
    needs_reason: bool = False
    automatic: bool = False  # the system may make this move on its own (actor None), e.g. a clock


def actor_may(actor, transition: Transition) -> bool:
    if actor is None:
        return transition.automatic
    return user_has_role(actor, *transition.roles)


@dataclass(frozen=True)
class Lifecycle:
    """The moves of one model's state field, and what happens around every move."""

    model: type[models.Model]
    states: type[models.TextChoices]
    transitions: Mapping[tuple[str, str], Transition]
    audit_action: str
    refused: str | Promise  # "A … in “%(state)s” cannot move to “%(to)s”."
    state_field: str = "state"
    changed_at_field: str | None = "state_changed_at"
    # Entity-wide hooks, called as hook(obj, previous=…, to=…, actor=…) before and after the
    # move's own effect.
    on_move: Callable[..., None] | None = None
    after_move: Callable[..., None] | None = None
    # keep_reason(obj, previous=…, to=…, actor=…, reason=…) -> a reference to where it is kept.
    keep_reason: Callable[..., Any] | None = None

    def available(self, *, obj, actor) -> list[tuple[str, Transition]]:
        """The moves `actor` may offer from the current state (requirements not checked)."""
        state = getattr(obj, self.state_field)
        return [(to, t) for (frm, to), t in self.transitions.items()
                if frm == state and actor is not None and user_has_role(actor, *t.roles)]

    def check(self, *, obj, to: str, actor, reason: str = "") -> Transition:
        """The transition for this move; raises TransitionError naming what stands in the way."""
        state = getattr(obj, self.state_field)
        transition = self.transitions.get((state, to))
        if transition is None:
            labels = dict(self.states.choices)
            raise TransitionError(str(self.refused) % {
                "state": labels.get(state, state), "to": labels.get(to, to)})
        if not actor_may(actor, transition):
            raise TransitionError(_("Your role does not allow this step."))
        if transition.needs_reason and not reason.strip():
            raise TransitionError(str(REASON_REQUIRED))
        if transition.requirement and (problem := transition.requirement(obj)):
            raise TransitionError(problem)
        return transition

    def _reason_reference(self, obj, previous: str, to: str, actor, reason: str) -> dict:
        if not reason.strip():
            return {}
        if self.keep_reason is None:
            return {"reason_given": True}
        return {"reason_note": self.keep_reason(obj, previous=previous, to=to, actor=actor,
                                                reason=reason.strip())}

    @transaction.atomic
    def move(self, *, obj, to: str, actor, reason: str = "", data: dict | None = None):
        """Lock, check, save the new state and audit it; returns the fresh, moved row."""
        obj = self.model._default_manager.select_for_update().get(pk=obj.pk)
        transition = self.check(obj=obj, to=to, actor=actor, reason=reason)
        previous = getattr(obj, self.state_field)
        setattr(obj, self.state_field, to)
        fields = [self.state_field]
        if self.changed_at_field:
            setattr(obj, self.changed_at_field, timezone.now())
            fields.append(self.changed_at_field)
        obj.save(update_fields=fields)
        audit_record(actor=actor, action=self.audit_action, target=obj,
                     data={"from": previous, "to": to, **self._reason_reference(obj, previous, to, actor, reason),
                           **(data or {})})
        if self.on_move:
            self.on_move(obj, previous=previous, to=to, actor=actor)
        if transition.effect:
            transition.effect(obj)
        if self.after_move:
            self.after_move(obj, previous=previous, to=to, actor=actor)
        return obj
