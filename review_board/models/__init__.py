from .cases import Allegation, Case, CaseCounter, CaseOrigin, CaseState, Priority
from .investigation import CaseNote, EvidenceItem, EvidenceKind, Interview, IntervieweeRole
from .panels import Panel, PanelKind, PanelSeat, Vote

__all__ = [
    "Allegation", "Case", "CaseCounter", "CaseNote", "CaseOrigin", "CaseState", "EvidenceItem",
    "EvidenceKind", "Interview", "IntervieweeRole", "Panel", "PanelKind", "PanelSeat", "Priority",
    "Vote",
]
