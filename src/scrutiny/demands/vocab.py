"""Closed vocabularies, defined once (DESIGN.md §8).

Every other module imports these; values are the wire format (JSON, database, API).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ISO_639_1",
    "ISO_3166_ALPHA2",
    "Action",
    "AuthorityKind",
    "Channel",
    "DataCategory",
    "DemandType",
    "ProcessType",
    "ReasonCategory",
    "SensitiveCategory",
    "TargetKind",
    "TargetProfile",
    "TechnicalAssistance",
    "TerritorialScope",
    "TreatyChannel",
]


class AuthorityKind(StrEnum):
    """Kind of the requesting authority."""

    REGULATOR = "regulator"
    POLICE = "police"
    PROSECUTOR = "prosecutor"
    COURT = "court"
    MINISTRY = "ministry"
    INTELLIGENCE = "intelligence"
    CERT = "cert"
    OTHER = "other"


class DemandType(StrEnum):
    """What kind of demand it is (SAFEGUARDS.md §0 "Applies" codes D, P, R, A, I, E)."""

    DISCLOSURE = "disclosure"
    PRESERVATION = "preservation"
    CONTENT_RESTRICTION = "content_restriction"
    ACCOUNT_ACTION = "account_action"
    INTERCEPTION = "interception"
    EMERGENCY_DISCLOSURE = "emergency_disclosure"


class Action(StrEnum):
    """What the company is asked to do."""

    REMOVE = "remove"
    RESTRICT_IN_COUNTRY = "restrict_in_country"
    SUSPEND_ACCOUNT = "suspend_account"
    DISCLOSE_USER_DATA = "disclose_user_data"
    PRESERVE = "preserve"
    OTHER = "other"


class ProcessType(StrEnum):
    """The legal process the demand arrives under."""

    NONE = "none"
    INFORMAL_LETTER = "informal_letter"
    ADMINISTRATIVE_ORDER = "administrative_order"
    SUBPOENA = "subpoena"
    COURT_ORDER = "court_order"
    SEARCH_WARRANT = "search_warrant"
    MLAT = "mlat"
    EMERGENCY_REQUEST = "emergency_request"
    NATIONAL_SECURITY_LETTER = "national_security_letter"
    OTHER = "other"


class TargetKind(StrEnum):
    """Kind of identifier a target is given by."""

    URL = "url"
    ACCOUNT = "account"
    REPOSITORY = "repository"
    EMAIL = "email"
    PHONE = "phone"
    IP = "ip"
    OTHER = "other"


class DataCategory(StrEnum):
    """Data categories of SAFEGUARDS.md §0."""

    SUBSCRIBER = "subscriber"
    IDENTIFICATION = "identification"
    TRAFFIC = "traffic"
    CONTENT = "content"
    RT_TRAFFIC = "rt_traffic"
    RT_CONTENT = "rt_content"


class ReasonCategory(StrEnum):
    """Why the authority says it acts (subject matter of the demand)."""

    EXTREMISM_TERRORISM = "extremism_terrorism"
    POLITICAL_EXPRESSION = "political_expression"
    RELIGIOUS_EXPRESSION = "religious_expression"
    DRUGS = "drugs"
    SUICIDE = "suicide"
    GAMBLING = "gambling"
    COPYRIGHT = "copyright"
    FRAUD_SCAM = "fraud_scam"
    PERSONAL_DATA = "personal_data"
    CHILD_SAFETY = "child_safety"
    CIRCUMVENTION_TOOLS = "circumvention_tools"
    WEAPONS_EXPLOSIVES = "weapons_explosives"
    HATE_SPEECH = "hate_speech"
    MISINFORMATION = "misinformation"
    SECURITY_VULNERABILITY = "security_vulnerability"
    NATIONAL_SECURITY = "national_security"
    DEFAMATION_INSULT = "defamation_insult"
    OTHER = "other"


class Channel(StrEnum):
    """How the demand reached the company."""

    PORTAL = "portal"
    API = "api"
    EMAIL = "email"
    POST = "post"
    FAX = "fax"
    PHONE = "phone"
    IN_PERSON = "in_person"
    TOS_FLAG = "tos_flag"
    OTHER = "other"


class TreatyChannel(StrEnum):
    """Cross-border route a demand travels by (or ``none`` for a direct domestic demand)."""

    NONE = "none"
    BUDAPEST_ART29 = "budapest_art29"
    BUDAPEST_ART31 = "budapest_art31"
    SAP_ART6 = "sap_art6"
    SAP_ART7 = "sap_art7"
    SAP_ART8 = "sap_art8"
    SAP_ART9 = "sap_art9"
    UNCC_ART40 = "uncc_art40"
    UNCC_ART42 = "uncc_art42"
    MLAT = "mlat"
    CLOUD_ACT_AGREEMENT = "cloud_act_agreement"
    EEVIDENCE = "eevidence"
    OTHER = "other"


class TerritorialScope(StrEnum):
    """Area a restriction is asked to cover."""

    LOCAL = "local"
    NATIONAL = "national"
    REGIONAL = "regional"
    GLOBAL = "global"


class TechnicalAssistance(StrEnum):
    """Technical assistance a demand asks for (system_integrity)."""

    WITHIN_EXISTING_CAPABILITY = "within_existing_capability"
    NEW_CAPABILITY = "new_capability"
    ENCRYPTION_WEAKENING = "encryption_weakening"
    BACKDOOR = "backdoor"
    DIRECT_ACCESS = "direct_access"
    BULK_INTERCEPTION = "bulk_interception"
    PERSONNEL_COMPELLED = "personnel_compelled"


class SensitiveCategory(StrEnum):
    """Sensitive data categories (gender_and_children)."""

    SOGI = "sogi"
    REPRODUCTIVE_HEALTH = "reproductive_health"
    GBV = "gbv"
    HEALTH = "health"
    RELIGION = "religion"
    POLITICAL_OPINION = "political_opinion"
    ETHNICITY = "ethnicity"
    LOCATION = "location"


class TargetProfile(StrEnum):
    """Who the affected user is, where known (protected_expression, non_discrimination)."""

    JOURNALIST = "journalist"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"
    POLITICIAN = "politician"
    ACTIVIST = "activist"
    LAWYER = "lawyer"
    RELIGIOUS_MINORITY = "religious_minority"
    ETHNIC_MINORITY = "ethnic_minority"
    LGBTQ = "lgbtq"
    SECURITY_RESEARCHER = "security_researcher"
    MINOR = "minor"


# ISO 3166-1 alpha-2 (officially assigned codes) plus "XK" (Kosovo, user-assigned, widely used).
ISO_3166_ALPHA2 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW XK
    """.split()
)

# ISO 639-1 two-letter language codes.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
    ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
    ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
    ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu
    """.split()
)
