"""Language and region codes for hreflang and html lang validation (ISO 639-1, ISO 3166-1 alpha-2, ISO 15924)."""

from __future__ import annotations

import re

_LANGUAGES = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo
es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka
kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su
sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_LANGUAGES.split())

_REGIONS = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA
CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA
GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_3166_1 = frozenset(_REGIONS.split())

# Script subtags Google documents for hreflang (zh-Hant, sr-Latn, ...).
ISO_15924 = frozenset({"hans", "hant", "latn", "cyrl", "arab", "deva", "hebr", "grek", "jpan", "kore", "thai"})

_LOOSE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$", re.I)


def valid_hreflang(value: str) -> bool:
    """ISO 639-1 language, optional ISO 15924 script, optional ISO 3166-1 alpha-2 region, or x-default.

    Case-insensitive, hyphen-separated: ``fr``, ``en-GB``, ``zh-Hant-TW``, ``x-default`` are valid;
    ``en-UK`` (UK is not an ISO 3166-1 code), ``en_GB``, ``eng``, ``english`` are not.
    """
    v = value.strip().lower()
    if v == "x-default":
        return True
    parts = v.split("-")
    if not parts or parts[0] not in ISO_639_1 or len(parts) > 3:
        return False
    rest = parts[1:]
    if rest and rest[0] in ISO_15924:
        rest = rest[1:]
    if not rest:
        return True
    return len(rest) == 1 and rest[0].upper() in ISO_3166_1


def valid_language_tag(value: str, loose: bool = False) -> bool:
    """For ``<html lang>``: any well-formed BCP 47 tag when ``loose``, else the hreflang rules."""
    if loose:
        return bool(_LOOSE.match(value.strip()))
    return valid_hreflang(value)


def primary_language(value: str) -> str:
    return value.strip().lower().replace("_", "-").split("-")[0]
