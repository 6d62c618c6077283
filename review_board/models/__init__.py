from .cases import Allegation, Case, CaseCounter, CaseOrigin, CaseState, Priority
from .clocks import CaseDeadline
from .investigation import CaseNote, EvidenceItem, EvidenceKind, Interview, IntervieweeRole
from .panels import Panel, PanelKind, PanelSeat, Vote
from .referrals import CertificationReferral, ReferralDecision, ReferralStatus
from .report import InvestigatorReport

__all__ = [
    "Allegation", "Case", "CaseCounter", "CaseDeadline", "CaseNote", "CaseOrigin", "CaseState",
    "CertificationReferral", "EvidenceItem", "EvidenceKind", "Interview", "IntervieweeRole",
    "InvestigatorReport", "Panel", "PanelKind", "PanelSeat", "Priority", "ReferralDecision",
    "ReferralStatus", "Vote",
]
