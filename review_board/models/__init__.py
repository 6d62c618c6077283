from .cases import Allegation, Case, CaseCounter, CaseOrigin, CaseState, Priority
from .investigation import CaseNote, EvidenceItem, EvidenceKind, Interview, IntervieweeRole
from .panels import Panel, PanelKind, PanelSeat, Vote
from .report import InvestigatorReport

__all__ = [
    "Allegation", "Case", "CaseCounter", "CaseNote", "CaseOrigin", "CaseState", "EvidenceItem",
    "EvidenceKind", "Interview", "InvestigatorReport", "IntervieweeRole", "Panel", "PanelKind", "PanelSeat", "Priority",
    "Vote",
]
