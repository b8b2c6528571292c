"""The zones of 2013 and the 2013-2026 evidence, folded into the seed (issue 19).

Called by build_seed.py after the 2026 zones, the documents' channels and the figures are built.
Reads five files of <reference>/data (SOURCES.md sections 7-11):

  * be_zone_codes.csv                       (203 zone codes: the 2013 table of 195 zones + later codes)
  * be_zone_handles_openpolice_2013-2016.csv (handles in the zones' website settings, and empty settings)
  * be_zone_social_evidence_2018-2026.csv   (dated evidence of accounts, mostly without a handle)
  * be_police_social_facts_other.csv        (dated facts: a page opening, follower counts, zone counts,
                                             websites on the platform)
  * be_police_social_aggregates.csv         (the 2018 study's shares)

Their caveats decide what goes in (docs/data.md lists what was left out and why):
  * an empty website setting is weak evidence of absence: an absent survey, confidence low;
  * first/last seen are commit dates of the platform's zone files, not account dates: first_seen_on
    and present surveys, never opened_on/closed_on;
  * stadgent, gemeenteBeveren (city/municipality accounts) and 5442 Ninove's copy of 5441's handles
    are not attributed to a police zone;
  * no handle is ever guessed: a channel a source shows without naming it has no handle.

Uncertain dates: where a merger date is known only as a year or between bounds, the entity carries
the bounds (valid_from_earliest/latest, valid_to_earliest/latest) and valid_from/valid_to hold the
date the as-of counts use: the LATEST date the sources allow (a zone is counted as long as the
sources allow it to exist, its successor from that day).
"""

import re

CODES_FILE = "be_zone_codes.csv"
HANDLES_FILE = "be_zone_handles_openpolice_2013-2016.csv"
EVIDENCE_FILE = "be_zone_social_evidence_2018-2026.csv"
FACTS_FILE = "be_police_social_facts_other.csv"
AGG_FILE = "be_police_social_aggregates.csv"

SQL13 = "openpolice-platform-zones-2013"
ZONES_FILES = "openpolice-www-zones-2014-2016"
CODES_REF = "reference-be-zone-codes"
LIST_2026 = "2026-05-11"  # the 2026 list (golden-vs-zones-2026): the first source without the old zones

# Sources found on 2026-11-30, after the reference folder was read (their retrieved_on).
FOUND_2026_11_30 = {
    # The merger of Brakel and Vlaamse Ardennen on 2025-01-01 (found 2026-11-30)
    "besafe-762-vlaamse-ardennen": (
        "News item on the chief of the police zone Vlaamse Ardennen (title not recorded)",
        "BeSafe (FPS Home Affairs, DG Security and Prevention)", "https://www.besafe.be/en/node/762", "",
        "'De politiezone Vlaamse Ardennen omvat sinds de fusie op 1 januari 2025 de gemeenten Brakel, Horebeke, "
        "Kluisbergen, Kruisem, Maarkedal, Oudenaarde, Wortegem-Petegem en Zwalm'"),
    "nuus-2023-12-04-fusie-pz-brakel-vlaamse-ardennen": (
        "Fusie PZ Brakel & PZ Vlaamse Ardennen", "nuus.be",
        "https://www.nuus.be/2023/12/04/fusie-pz-brakel-pz-vlaamse-ardennen/", "2023-12-04",
        "the police colleges of the zones Brakel and Vlaamse Ardennen agreed on the merger on 1 December 2023; "
        "the new zone from 1 January 2025"),
    "hln-2020-02-18-horebeke-fusie-politiezones": (
        "Oppositiepartij N-VA Horebeke ijvert net als buurgemeente Maarkedal voor fusie tussen politiezones", "HLN",
        "https://www.hln.be/in-de-buurt/horebeke/oppositiepartij-n-va-horebeke-ijvert-net-als-buurgemeente-maarkedal-voor-fusie-tussen-politiezones~a589e1ac/",
        "2020-02-18", "a council member quoted: 'De politiezone met Brakel, Zwalm, Maarkedal en Horebeke': the zone Brakel's municipalities"),
    "hln-2018-12-20-politiezone-getevallei": (
        "Politiezone Getevallei wordt op 1 januari operationeel", "HLN",
        "https://www.hln.be/regio/landen/politiezone-getevallei-wordt-op-1-januari-operationeel~a23696f3/", "2018-12-20",
        "'De politiezone Getevallei gaat van start op 1 januari. Dat is een vrijwillige fusie van de politiezone "
        "Tienen-Hoegaarden en de politiezone LAN'"),
    "hln-2018-12-31-politiezone-deinze-zulte-lievegem": (
        "Nieuwe politiezone Deinze-Zulte-Lievegem in het nieuwe jaar", "HLN",
        "https://www.hln.be/regio/deinze/nieuwe-politiezone-deinze-zulte-lievegem-in-het-nieuwe-jaar~a5a579ee8/",
        "2018-12-31", "'Op 1 januari zal een nieuwe politiezone het licht zien, de politiezone Deinze-Zulte-Lievegem. "
        "Dit is een samensmelting van de politiezones Deinze-Zulte en LoWaZoNe'"),
    "vrt-2023-05-11-politiefusie-maldegem-aalter": (
        "Politiefusie van Maldegem en Aalter wellicht een half jaar vertraagd (title as in the URL)", "VRT NWS",
        "https://www.vrt.be/vrtnws/nl/2023/05/11/politiefusie-van-maldegem-en-aalter-wellicht-een-half-jaar-vertr/",
        "2023-05-11", "the merger of the zones Aalter and Maldegem, planned for 1 July 2023, is postponed; "
        "1 January is a more realistic date"),
    "tongerenvandaag-2024-05-03-politiezone-haspengouw": (
        "Politiezone Tongeren/Herstappe en de gemeenten Borgloon, Heers en Wellen zullen samensmelten tot politiezone "
        "Haspengouw", "Tongeren vandaag",
        "https://tongerenvandaag.be/1806342_politiezone-tongeren-herstappe-en-de-gemeenten-borgloon-heers-en-wellen-zullen-samensmelten-tot-politiezone-haspengouw",
        "", "'Op vrijdag 3 mei 2024 kwamen de burgemeesters van Tongeren, Borgloon, Heers, Herstappe en Wellen samen "
        "om met het oog op het oprichten van de nieuwe politiezone rond Tongeren enige afspraken te maken'"),
    "tvoost-2023-07-politiezone-waasland-noord-zwijndrecht": (
        "Politiezone Waasland-Noord: we helpen het Zwijndrechtse korps waar kan, maar dit kan niet blijven duren "
        "zonder politiefusie (title as in the URL)", "TV Oost",
        "https://www.tvoost.be/nieuws/politiezone-waasland-noord-we-helpen-het-zwijndrechtse-korps-waar-kan-maar-dit-kan-niet-blijven-duren-zonder-politiefusie-155660",
        "", "July 2023: the zone Waasland-Noord supports the zone Zwijndrecht until the end of the year, a merger of "
        "the two zones being the aim (the page's date: the month only)"),
    "faharas-2025-05-26-noord-limburgse-politiezones": (
        "Noord-Limburgse politiezones smelten samen (news aggregator, title as in the URL)", "news.faharas.net",
        "https://news.faharas.net/326852/noord-limburgse-politiezones-smelten-samen-tot", "2025-05-26",
        "'On 2025-05-26 ... the six mayors and three police chiefs jointly announced the merger' of the zones of "
        "Peer, Hechtel-Eksel, Leopoldsburg, Pelt, Hamont-Achel and Lommel; brusselsmorning.com (citing VRT): "
        "'will merge in early 2026'"),
    "news-belgium-ressort-zones-2019": (
        "Ressort territorial des zones de police suite a la fusion de communes en Region flamande", "news.belgium.be",
        "https://news.belgium.be./fr/ressort-territorial-des-zones-de-police-suite-la-fusion-de-communes-en-region-flamande",
        "", "from 2019-01-01: 'ZP Kluisbergen/Kruishoutem/Oudenaarde/Wortegem-Petegem/Zingem -> ZP Kluisbergen/Kruisem/"
        "Oudenaarde/Wortegem-Petegem' (Kruisem: Kruishoutem and Zingem merged)"),
}
RETRIEVED_LATER = {k: "2026-11-30" for k in FOUND_2026_11_30}
NEW_SOURCES = {
    **FOUND_2026_11_30,
    SQL13: (
        "police_zones.sql: seed table of the 195 Belgian police zones (codes, titles, languages)",
        "github.com/timble/openpolice-platform (Open Police website platform)",
        "https://github.com/timble/openpolice-platform/blob/b0587c65b1f4cf857cf5efa3d76b27aed23756c7/install/custom/data/police_zones.sql",
        "2013-05-15",
        "versions of 2013-05-15, 2013-05-17 and 2013-08-27 (commits b0587c6, 813e279, 3525e22); the complete 2013 table of 195 zones (5267-5462); only Leuven's social fields were filled"),
    ZONES_FILES: (
        "zones-v1.json / zones-v2.json: the zones whose website ran on the Open Police platform, with their website settings (X and Facebook)",
        "github.com/timble/www.openpolice.be",
        "https://github.com/timble/www.openpolice.be/blob/58243d86b3f788b7d53be68ca5a9915dd104e418/_data/zones-v2.json",
        "2016-01-06",
        "65 commits 2014-07-30..2016-01-06 (HEAD 63360de, 2016-03-03, same content); 136 codes incl. fed; first/last seen are commit dates of the hand-edited files, not account dates"),
    CODES_REF: (
        "be_zone_codes.csv: Belgian zone codes matched to the seed's zones (derived file of the reference folder)",
        "shared/reference/data (derived from the openpolice repositories, fr.wikipedia and the seed)",
        "", "",
        "matching by name, then by identical municipality lists; its notes carry the merger bounds read from the platform lists"),
    "limburgnieuws-2017-carma": (
        "Politie CARMA start op 2 mei", "limburgnieuws.be",
        "http://www.limburgnieuws.be/bree/1493376815-politie-carma-start-op-2-mei-a.html", "2017-04-28",
        "CARMA (MidLim + Noordoost-Limburg) starts on 2 May 2017"),
    "gva-2021-mewi": (
        "Article on the Mechelen-Willebroek police zone (GvA 2021-05-21)", "Gazet van Antwerpen",
        "https://www.gva.be/cnt/dmf20210521_93226237", "2021-05-21",
        "places the merger of Mechelen and Willebroek shortly before a 2015 protocol: year 2015 only"),
    "openpolice-blog-2014-05-31": (
        "The rise of mobile (Open Police blog)", "timble / www.openpolice.be",
        "https://github.com/timble/www.openpolice.be/blob/63360de280a46d2d20a7b8f7974f0949209b5a0e/blog/_posts/2014-05-31-the-rise-of-mobile.md",
        "2014-05-31", "110 zones use the platform; 194 zones in Belgium"),
    "openpolice-blog-2013-09-15": (
        "Open Police platform released (Open Police blog)", "timble / www.openpolice.be",
        "https://github.com/timble/www.openpolice.be/blob/63360de280a46d2d20a7b8f7974f0949209b5a0e/blog/_posts/2013-09-15-open-police-platform-released.md",
        "2013-09-15", "first website on the new platform (Leuven, 5388)"),
    "openpolice-blog-2013-10-26": (
        "Second website released (Open Police blog)", "timble / www.openpolice.be",
        "https://github.com/timble/www.openpolice.be/blob/63360de280a46d2d20a7b8f7974f0949209b5a0e/blog/_posts/2013-10-26-second-website-released.md",
        "2013-10-26", "second site (Comines-Warneton, 5318), the first in French"),
    "openpolice-www-releases": (
        "Release commits of www.openpolice.be (first zones file that lists a zone on the new platform)",
        "github.com/timble/www.openpolice.be (git history)",
        "https://github.com/timble/www.openpolice.be/commits/63360de280a46d2d20a7b8f7974f0949209b5a0e", "2016-01-06",
        "commit dates of 'Release NNNN', not announced launch dates; zones of the first version (2014-07-30) are 'before'"),
    "hln-2018-12-31-186-zones": (
        "Politiezones zijn te klein om hun werk goed te doen", "HLN",
        "https://www.hln.be/de-krant/-politiezones-zijn-te-klein-om-hun-werk-goed-te-doen~aa56638c/", "2018-12-31",
        "'Ons land telt 186 politiezones'"),
}

# Zones of 2013 (or later) that no longer exist, and their successors. id -> fields.
#   code, title (nl or fr), region, lang, municipalities (2020 NIS codes), successor id (or ""),
#   valid_to used by as-of counts, (to_earliest, to_latest), lineage source, note
H = "BE-VLG"
HISTORY = [
    # Lanaken-Maasmechelen (5853) was formed before the 2013 table (2013-05-15), which already titles 5387 so.
    ("be-pz-lanaken", "", "Lanaken", H, "nl", ["73042"], "be-pz-lanaken-maasmechelen", "2013-05-15",
     ("", "2013-05-15"), "fr-wiki-zone-de-police",
     "zone before the merger into Lanaken-Maasmechelen; fr.wikipedia names the old codes 5386/5387 without saying which was which; the 2013 table (2013-05-15) already titles 5387 LANAKEN-MAASMECHELEN, so the merger was before that day (earliest not known)"),
    ("be-pz-maasmechelen", "", "Maasmechelen", H, "nl", ["73107"], "be-pz-lanaken-maasmechelen", "2013-05-15",
     ("", "2013-05-15"), "fr-wiki-zone-de-police", "as be-pz-lanaken"),
    # MidLim (5888) = Houthalen-Helchteren (5378) + GAOZ (5384), between the 2013 table and the first zones file
    ("be-pz-houthalen-helchteren", "5378", "Houthalen-Helchteren", H, "nl", ["72039"], "be-pz-midlim", "2014-07-30",
     ("2013-08-28", "2014-07-30"), CODES_REF,
     "both 5378 and 5384 are in the 2013 table of 2013-08-27; MidLim (5888) is in the first zones file of 2014-07-30"),
    ("be-pz-gaoz", "5384", "GAOZ (Genk/As/Opglabbeek/Zutendaal)", H, "nl", ["71016", "71002", "71067"], "be-pz-midlim",
     "2014-07-30", ("2013-08-28", "2014-07-30"), CODES_REF,
     "as be-pz-houthalen-helchteren; municipalities from the zone's acronym (Opglabbeek is part of Oudsbergen since 2019, kept with Noordoost-Limburg, see there)"),
    ("be-pz-midlim", "5888", "MidLim", H, "nl", ["72039", "71016", "71002", "71067"], "be-pz-carma", "2017-05-02",
     ("2017-05-02", "2017-05-02"), "limburgnieuws-2017-carma", "CARMA started on 2017-05-02"),
    ("be-pz-noordoost-limburg", "5385", "Noordoost-Limburg", H, "nl", ["72003", "72004", "72018", "72042"], "be-pz-carma",
     "2017-05-02", ("2017-05-02", "2017-05-02"), "limburgnieuws-2017-carma",
     "municipalities: the CARMA municipalities not in MidLim (Oudsbergen, formed in 2019 from Meeuwen-Gruitrode and Opglabbeek, counted here whole)"),
    # Waasland-Noord (5904) = Beveren (5430) + Sint-Gillis-Waas/Stekene (5431), by 2015-01-12
    ("be-pz-beveren", "5430", "Beveren", H, "nl", ["46003"], "be-pz-waasland-noord", "2015-01-12",
     ("2013-08-28", "2015-01-12"), CODES_REF,
     "5430 last listed 2015-01-09; the Waasland-Noord website released 2015-01-12 (www.openpolice.be commit); exact merger date not found"),
    ("be-pz-sint-gillis-waas-stekene", "5431", "Sint-Gillis-Waas/Stekene", H, "nl", ["46020", "46024"],
     "be-pz-waasland-noord", "2015-01-12", ("2013-08-28", "2015-01-12"), CODES_REF, "as be-pz-beveren"),
    # Mechelen-Willebroek (5906) = Mechelen (5358) + Willebroek (5357), year 2015
    ("be-pz-mechelen", "5358", "Mechelen", H, "nl", ["12025"], "be-pz-mechelen-willebroek", "2015-12-31",
     ("2015-01-01", "2015-12-31"), "gva-2021-mewi", "merger into Mechelen-Willebroek dated to the year 2015 only"),
    ("be-pz-willebroek", "5357", "Willebroek", H, "nl", ["12040"], "be-pz-mechelen-willebroek", "2015-12-31",
     ("2015-01-01", "2015-12-31"), "gva-2021-mewi", "as be-pz-mechelen"),
    # Zones merged on dates no source gives: between their last listing and the 2026 list
    # Noord-Limburg: the merger of Lommel, HANO and Kempenland was announced on 2025-05-26 for early 2026
    ("be-pz-lommel", "5371", "Lommel", H, "nl", ["72020"], "be-pz-noord-limburg", LIST_2026, ("2025-05-27", LIST_2026),
     CODES_REF, "merger into Noord-Limburg: date not found; announced on 2025-05-26 as to come in early 2026 "
     "(faharas-2025-05-26-noord-limburgse-politiezones), so after that day; absent from the 2026 list"),
    ("be-pz-hano", "5372", "HANO (Hamont-Achel/Neerpelt/Overpelt)", H, "nl", ["72037", "72043"], "be-pz-noord-limburg",
     LIST_2026, ("2025-05-27", LIST_2026), CODES_REF, "as be-pz-lommel; Neerpelt and Overpelt form Pelt since 2019"),
    ("be-pz-kempenland", "5377", "Kempenland", H, "nl", ["71034", "72038", "72030"], "be-pz-noord-limburg", LIST_2026,
     ("2025-05-27", LIST_2026), CODES_REF, "as be-pz-lommel; municipalities per the codes file's note"),
    ("be-pz-kanton-borgloon", "5379", "Kanton Borgloon", H, "nl", ["73009", "73022", "73098", "73001", "73040"],
     "be-pz-tongeren-borgloon-heers-herstappe-wellen", LIST_2026, ("2024-05-04", LIST_2026), CODES_REF,
     "merger with Tongeren-Herstappe: date not found (an undated page announces it 'on 1 April'); the mayors met to prepare the future zone on 2024-05-03 (tongerenvandaag-2024-05-03-politiezone-haspengouw), so it came later; Alken and Kortessem, counted here, left for Limburg Regio Hoofdstad (VRT 2023-09-01)"),
    ("be-pz-tongeren-herstappe", "5380", "Tongeren/Herstappe", H, "nl", ["73083", "73028"],
     "be-pz-tongeren-borgloon-heers-herstappe-wellen", LIST_2026, ("2024-05-04", LIST_2026), CODES_REF,
     "as be-pz-kanton-borgloon"),
    # Getevallei and Deinze-Zulte-Lievegem started on 2019-01-01 (found 2026-11-30)
    ("be-pz-landen-linter-zoutleeuw", "5390", "Landen/Linter/Zoutleeuw", H, "nl", ["24059", "24133", "24130"],
     "be-pz-getevallei", "2019-01-01", ("2019-01-01", "2019-01-01"), "hln-2018-12-20-politiezone-getevallei",
     "merged with Tienen/Hoegaarden into Getevallei on 2019-01-01 (the zone LAN of the source)"),
    ("be-pz-tienen-hoegaarden", "5392", "Tienen/Hoegaarden", H, "nl", ["24107", "24041"], "be-pz-getevallei",
     "2019-01-01", ("2019-01-01", "2019-01-01"), "hln-2018-12-20-politiezone-getevallei",
     "merged with Landen/Linter/Zoutleeuw into Getevallei on 2019-01-01"),
    ("be-pz-deinze-zulte", "5420", "Deinze/Zulte", H, "nl", ["44083", "44081"], "be-pz-deinze-zulte-lievegem",
     "2019-01-01", ("2019-01-01", "2019-01-01"), "hln-2018-12-31-politiezone-deinze-zulte-lievegem",
     "merged with LoWaZoNe into Deinze-Zulte-Lievegem on 2019-01-01; Deinze includes Nevele since 2019 (Nevele was in LoWaZoNe)"),
    ("be-pz-lowazone", "5422", "LoWaZoNe (Lovendegem/Waarschoot/Zomergem/Nevele)", H, "nl", ["44085"],
     "be-pz-deinze-zulte-lievegem", "2019-01-01", ("2019-01-01", "2019-01-01"),
     "hln-2018-12-31-politiezone-deinze-zulte-lievegem",
     "merged with Deinze/Zulte into Deinze-Zulte-Lievegem on 2019-01-01; its municipalities became Lievegem (2019) and part of Deinze"),
    # Aalter-Maldegem: planned for 2023-07-01, postponed (VRT 2023-05-11): not merged on 2023-05-11
    ("be-pz-aalter-knesselare", "5423", "Aalter/Knesselare", H, "nl", ["44084"], "be-pz-aalter-maldegem", LIST_2026,
     ("2023-05-12", LIST_2026), CODES_REF,
     "a royal decree made 5423 the single-municipality zone Aalter on 2019-01-01 (news.belgium.be, per the codes file); the merger with Maldegem, planned for 2023-07-01, was postponed (vrt-2023-05-11-politiefusie-maldegem-aalter), so it came after 2023-05-11; date not found"),
    ("be-pz-maldegem", "5424", "Maldegem", H, "nl", ["43010"], "be-pz-aalter-maldegem", LIST_2026,
     ("2023-05-12", LIST_2026), CODES_REF, "as be-pz-aalter-knesselare"),
    # Scheldewaas: in July 2023 Waasland-Noord and Zwijndrecht were still two zones (TV Oost)
    ("be-pz-zwijndrecht", "5346", "Zwijndrecht", H, "nl", ["11056"], "be-pz-scheldewaas", LIST_2026,
     ("2023-07-02", LIST_2026), CODES_REF,
     "in the 2013 table only; merger into Scheldewaas: date not found; still a zone of its own in July 2023 (tvoost-2023-07-politiezone-waasland-noord-zwijndrecht: the month only, so after 2023-07-01)"),
    ("be-pz-kruibeke-temse", "5433", "Kruibeke/Temse", H, "nl", ["46013", "46025"], "be-pz-scheldewaas", LIST_2026,
     ("2023-07-02", LIST_2026), CODES_REF, "merger into Scheldewaas: date not found; as be-pz-zwijndrecht"),
    ("be-pz-waasland-noord", "5904", "Waasland-Noord", H, "nl", ["46003", "46020", "46024"], "be-pz-scheldewaas",
     LIST_2026, ("2023-07-02", LIST_2026), CODES_REF, "merger into Scheldewaas: date not found; as be-pz-zwijndrecht"),
    # Vlaamse Ardennen (8 municipalities) = Brakel (5426) + the Vlaamse Ardennen of before (5425), on 2025-01-01
    ("be-pz-brakel", "5426", "Brakel", H, "nl", ["45059", "45062", "45064", "45065"], "be-pz-vlaamse-ardennen",
     "2025-01-01", ("2025-01-01", "2025-01-01"), "besafe-762-vlaamse-ardennen",
     "merged with the earlier zone Vlaamse Ardennen (5425) into the zone Vlaamse Ardennen on 2025-01-01 (BeSafe; the "
     "colleges agreed on 2023-12-01, nuus-2023-12-04-fusie-pz-brakel-vlaamse-ardennen); municipalities Brakel, "
     "Horebeke, Maarkedal and Zwalm (hln-2020-02-18-horebeke-fusie-politiezones)"),
    ("be-pz-vlaamse-ardennen-5425", "5425", "Vlaamse Ardennen (Kluisbergen/Kruisem/Oudenaarde/Wortegem-Petegem)", H,
     "nl", ["45060", "45068", "45035", "45061"], "be-pz-vlaamse-ardennen", "2025-01-01", ("2025-01-01", "2025-01-01"),
     "besafe-762-vlaamse-ardennen",
     "the zone Vlaamse Ardennen before its merger with Brakel on 2025-01-01 (BeSafe), code 5425 in the 2013 table; "
     "municipalities: the merged zone's eight (BeSafe) without Brakel's four, which are the zone "
     "Kluisbergen/Kruisem/Oudenaarde/Wortegem-Petegem of news-belgium-ressort-zones-2019 (Kruisem counted whole "
     "before its 2019 formation); the merged zone's code is not in a source"),
]
# Codes the 2013 table gives a zone that merged since: the code file matches them to the merged zone by
# name, but the merged zone's own code is not in a source. code -> the zone that had it.
CODE_BEFORE_MERGER = {"5425": "be-pz-vlaamse-ardennen-5425"}
# Municipalities (2020 NIS) of the predecessors already in the seed, for outlines and population.
PREDECESSOR_MUNIS = {
    "be-pz-beersel": ["23003"], "be-pz-halle": ["23027"], "be-pz-sint-pieters-leeuw": ["23077"],
    "be-pz-hazodi": ["71022", "71066", "71011"], "be-pz-west-limburg": ["71020", "71024", "71037"],
    "be-pz-dijleland": ["24009", "24045", "24086"], "be-pz-tervuren": ["24104"],
    "be-pz-mechelen-willebroek": ["12025", "12040"], "be-pz-klein-brabant": ["12007", "12041"],
    "be-pz-binche-anderlues": ["58002", "56001"], "be-pz-lermes": ["56044", "56022", "56049", "58003"],
}
# Code facts for current zones the codes file leaves unmatched: code -> (entity, confidence, note)
EXTRA_CODE_FACTS = {
    "5276": ("be-pz-brabant-wallon-est", "low",
             "the 2013 table titles 5276 JODOIGNE; the seed zone Brabant wallon Est contains Jodoigne; whether 5276 was renamed or merged is not established (municipality match only); counted as the same zone"),
    "5387": ("be-pz-lanaken-maasmechelen", "medium",
             "the 2013 table titles 5387 LANAKEN-MAASMECHELEN (the merged zone under an old code); later code 5853"),
}
# Name-change matches: identical municipality lists only (SOURCES.md section 8)
NAME_CHANGE = {"5354", "5395", "5417"}

# Handles the notes mark as not the zone's own (left out: no entity of the seed is their owner)
NOT_THE_ZONE = {
    ("5415", "stadgent"): "name suggests the City of Ghent's account; the seed has no entity for the city",
    ("5430", "gemeenteBeveren"): "name suggests the municipality of Beveren's account; the seed has no entity for the municipality",
    ("5442", "PolitiezoneErpeMereLede"): "Ninove's record carries 5441's handles (probably a copy error); the channel is Erpe-Mere/Lede's",
    ("5442", "pz5441"): "as above",
}


def month_end(ym):
    y, m = int(ym[:4]), int(ym[5:7])
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return "%s-%02d" % (ym, days[m - 1])


def day_of(text):
    """A day for a date of the sources: YYYY-MM-DD as is; YYYY-MM: the month's last day (the fact was known
    by then); anything else: None."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, ""
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return month_end(text), "source dated %s (month); the day used is the month's last" % text
    return None, ""


PUBLISHERS = {
    "www.hln.be": "HLN", "hln.be": "HLN", "www.dhnet.be": "La DH", "dhnet.be": "La DH", "www.gva.be": "Gazet van Antwerpen",
    "www.nieuwsblad.be": "Het Nieuwsblad", "www.vrt.be": "VRT NWS", "atv.be": "ATV", "www.rtl.be": "RTL info",
    "www.sudinfo.be": "Sudinfo", "www.hetnieuwsvanwestvlaanderen.be": "Het Nieuws van West-Vlaanderen",
    "uvcw.be": "UVCW", "www.politie.be": "politie.be", "findhealthclinics.com": "findhealthclinics.com (mirror of a Facebook page)",
}


def url_source(sources, url, date, what):
    """A source key for an article URL (one source per URL), added to `sources` when new."""
    host = re.match(r"https?://([^/]+)/", url).group(1)
    path = url.split(host, 1)[1].strip("/")
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower().split("/")[-1])[:48].strip("-")
    key = re.sub(r"^www\.", "", host).split(".")[0] + "-" + (date or "undated") + "-" + slug
    key = key[:90].strip("-")
    if key not in sources:
        title = "%s (title as in the URL: %s)" % (what, path.split("/")[-1][:120])
        sources[key] = (title, PUBLISHERS.get(host, host), url, date if len(date or "") == 10 else "", "found in the 2018-2026 web search (SOURCES.md section 10/11)")
    return key


def fold_zones(ctx):
    """Adds the zones of 2013 that no longer exist, their municipalities, lineage and uncertain dates."""
    entities, names, emunis, lineage = ctx["entities"], ctx["names"], ctx["emunis"], ctx["lineage"]
    munis, add_entity, bounds = ctx["munis"], ctx["add_entity"], ctx["bounds"]
    # ---- zones over time -----------------------------------------------------------------
    for (eid, code, title, region, lang, nis_list, succ, vto, (to_e, to_l), lsrc, note) in HISTORY:
        pop = sum(int(munis[n]["inhabitants"]) for n in nis_list)
        add_entity(eid, "local_police", code, SQL13 if code and code != "5888" and code != "5904" else (ZONES_FILES if code else ""),
                   "BE", region, lang, str(pop), "2020", "", "", vto, lsrc,
                   "zone no longer in existence; " + note + "; population: its municipalities on 1 Jan 2020 (2020 boundaries)")
        names.append((eid, lang, title))
        for n in nis_list:
            m = munis[n]
            emunis.append((eid, n, m["municipality_NL"] if region == "BE-VLG" else m["municipality_FR"], m["inhabitants"]))
        bounds[eid] = ["", "", to_e if to_e != vto or to_l != vto else "", to_l if to_e != vto or to_l != vto else ""]
        if succ:
            lineage.append((eid, succ, vto, lsrc, note if to_e != to_l else ""))
    # successors' start: the same day as their predecessors' end, same bounds
    for (eid, code, title, region, lang, nis_list, succ, vto, (to_e, to_l), lsrc, note) in HISTORY:
        if not succ:
            continue
        e = entities[succ]
        e[10] = vto
        if to_e != to_l:
            # the successor starts after every predecessor's last sighting: the latest lower bound
            b = bounds.setdefault(succ, ["", "", "", ""])
            b[0], b[1] = max(b[0], to_e), to_l
        if "created by a merger" not in e[13]:
            e[13] = (e[13] + "; " if e[13] else "") + "created by a merger on %s%s (source %s)" % (
                vto, "" if to_e == to_l else ", the latest date the sources allow (between %s and %s)" % (to_e or "?", to_l), lsrc)
    # the predecessor Mechelen-Willebroek now has its own predecessors
    mewi = entities["be-pz-mechelen-willebroek"]
    mewi[13] = "predecessor zone; created in 2015 by the merger of Mechelen (5358) and Willebroek (5357); merged into Rivierenland on 2023-01-01"
    for eid, nis_list in PREDECESSOR_MUNIS.items():
        e = entities[eid]
        pop = sum(int(munis[n]["inhabitants"]) for n in nis_list)
        e[7], e[8] = str(pop), "2020"
        e[13] += "; population: its municipalities on 1 Jan 2020 (2020 boundaries)"
        region = e[5]
        for n in nis_list:
            m = munis[n]
            emunis.append((eid, n, m["municipality_NL"] if region == "BE-VLG" else m["municipality_FR"], m["inhabitants"]))



def fold(ctx):
    """Adds to the builder's tables (ctx: dict of the builder's structures and helpers)."""
    read_csv, data = ctx["read_csv"], ctx["data"]
    entities, names, emunis, lineage = ctx["entities"], ctx["names"], ctx["emunis"], ctx["lineage"]
    channels, snapshots, refs, sources = ctx["channels"], ctx["snapshots"], ctx["refs"], ctx["sources"]
    munis, zone_ids, add_entity, add_channel = ctx["munis"], ctx["zone_ids"], ctx["add_entity"], ctx["add_channel"]
    bounds = ctx["bounds"]
    for k, v in NEW_SOURCES.items():
        sources[k] = v
    sources["openpolice-blog-2015"] = (
        "New portal of the federal police goes live (Open Police blog)", "timble / www.openpolice.be",
        "https://github.com/timble/www.openpolice.be/blob/63360de280a46d2d20a7b8f7974f0949209b5a0e/blog/_posts/2015-04-02-new-portal-of-the-federal-police-goes-live.md",
        "2015-04-02", "192 local police zones; 125 police websites on the platform incl. the federal police")

    codes = read_csv(data + "/" + CODES_FILE)
    handles = read_csv(data + "/" + HANDLES_FILE)
    evidence = read_csv(data + "/" + EVIDENCE_FILE)
    facts = read_csv(data + "/" + FACTS_FILE)
    aggs = read_csv(data + "/" + AGG_FILE)

    # ---- codes ----------------------------------------------------------------------------
    code_entity = {}   # zone code -> entity id (for the handle and website files)
    code_rows = []     # entity_id, code, title, confidence, source, note
    history_codes = {h[1]: h[0] for h in HISTORY if h[1]}
    for r in codes:
        code = r["zone_code"]
        eid = CODE_BEFORE_MERGER.get(code) or r["seed_entity_id"] or history_codes.get(code, "")
        if code in EXTRA_CODE_FACTS and not r["seed_entity_id"]:
            eid = EXTRA_CODE_FACTS[code][0]
        titles13 = re.findall(r"police_zones\.sql 2013-05-15\.\.2013-08-27 as '([^']*)'", r["note"])
        titles_www = re.findall(r"www\.openpolice\.be zones files ([0-9-]+\.\.[0-9-]+) as '([^']*)'", r["note"])
        if eid:
            code_entity.setdefault(code, eid)
        conf = "high"
        cnote = "matched by name"
        if code in NAME_CHANGE:
            conf, cnote = "medium", "name-change match: identical municipality lists only"
        if code in EXTRA_CODE_FACTS and not r["seed_entity_id"]:
            conf, cnote = EXTRA_CODE_FACTS[code][1], EXTRA_CODE_FACTS[code][2]
        if code in history_codes:
            cnote = "zone no longer in existence, recorded from this source"
        if code == "5277":
            # the 2013 table's title does not confirm the seed's Liege: a fact about an unidentified zone
            code_rows.append(("", code, titles13[0], "high", SQL13,
                              "the 2013 table titles 5277 'G R H' (not explained); the seed gives 5277 to Liege from another source"))
            continue
        if titles13:
            code_rows.append((eid, code, titles13[0], conf, SQL13, cnote))
        for span, t in titles_www:
            code_rows.append((eid, code, t, conf, ZONES_FILES, cnote + "; listed %s" % span))
        if not titles13 and not titles_www and eid:
            e = entities[eid]
            if e[2] == code and e[3]:
                continue  # the entity's own code and source, already kept there
            code_rows.append((eid, code, r["name"], "medium", CODES_REF, r["note"][:300]))
    # every entity code is also a fact, with its own source (kept on the entity too)
    have = {(c[0], c[1], c[4]) for c in code_rows}
    for e in entities.values():
        if e[2] and e[3] and (e[0], e[2], e[3]) not in have:
            conf = "medium" if e[3] == "liege-java-sqlite-list" else "high"
            note = "the entity's code source"
            if e[3] == "liege-java-sqlite-list":
                note = "single secondary source for 5277-5296; the 2013 table gives other titles where it differs"
            code_rows.append((e[0], e[2], "", conf, e[3], note))
    # current zones that had no code get the 2013 table's
    for r in codes:
        eid = r["seed_entity_id"]
        if r["zone_code"] in CODE_BEFORE_MERGER:
            continue
        if eid and not entities[eid][2] and "police_zones.sql" in r["note"]:
            entities[eid][2], entities[eid][3] = r["zone_code"], SQL13
    code_entity["5277"] = "be-pz-liege"
    code_rows.append(("be-pz-mechelen-willebroek", "5906", "Mechelen-Willebroek", "high", "politie-be-5906-onze-politiezone",
                      "the zone's own pages (politie.be/5906)"))

    # ---- channels from the zones' website settings (2013-2016) -------------------------------
    surveys = []
    owners = []
    by_key = {}

    def survey(eid, plat, day, result, handle, method, conf, src, note, channel=""):
        surveys.append([eid, plat, day, result, handle, method, conf, src, note])

    for r in handles:
        code, plat = r["zone_code"], r["platform"]
        if code == "fed":
            continue  # the federal police's empty settings: the seed has no entity for the federal police as a whole
        eid = code_entity.get(code)
        assert eid, code
        src = SQL13 if r["first_seen"] == "2013-05-15" else ZONES_FILES
        if plat == "none":
            for d in sorted({r["first_seen"], r["last_seen"]}):
                for p in ("x", "facebook_page"):
                    survey(eid, p, d, "absent", "", "website_settings", "low", src if d == r["first_seen"] else ZONES_FILES,
                           "the zone's website settings (Open Police platform) had no %s handle on this day (%s sight); an empty setting is weak evidence of absence"
                           % ("X" if p == "x" else "Facebook", "first" if d == r["first_seen"] else "last"))
            continue
        if (code, r["handle"]) in NOT_THE_ZONE:
            continue
        h = r["handle"].lower()
        if plat == "facebook_page":
            h = h.replace(".", "")
        key = plat + "/" + h
        owner = eid
        if code == "5907":
            continue  # LRH kept HAZODI's handles: an ownership period below, not a new channel
        if key not in channels:
            url = ("https://twitter.com/" if plat == "x" else "https://www.facebook.com/") + r["handle"]
            add_channel(plat, h, owner, url, "", "", "", r["first_seen"], "", r["confidence"],
                        "" if r["confidence"] == "high" else "the handle's name does not say police or the zone's code",
                        src, "listed in the zone's website settings (Open Police platform) %s..%s (commit dates, not account dates)"
                        % (r["first_seen"], r["last_seen"]))
        else:
            c = channels[key]
            if not c[10] or c[10] > r["first_seen"]:
                c[10] = r["first_seen"]
        for d in sorted({r["first_seen"], r["last_seen"]}):
            survey(owner, plat, d, "present", h, "website_settings", r["confidence"], src if d == r["first_seen"] else ZONES_FILES,
                   "handle listed in the zone's website settings (%s sight)" % ("first" if d == r["first_seen"] else "last"))
    # LRH (5907) kept HAZODI's handles from its start on 2016-01-01: ownership periods
    for key in ("x/pzhazodi", "facebook_page/politiehazodi"):
        c = channels[key]
        c[1] = "be-pz-limburg-regio-hoofdstad"
        owners.append((key, "be-pz-hazodi", "", "2016-01-01", ZONES_FILES, "HAZODI's account until the merger"))
        owners.append((key, "be-pz-limburg-regio-hoofdstad", "2016-01-01", "", ZONES_FILES,
                       "the zone's website settings list the handle for 5907 from 2015-12-31"))
    # ---- evidence 2018-2026 ----------------------------------------------------------------------
    unknown_key = lambda plat, eid: "%s/unknown:%s" % (plat, eid)
    printed = {  # handles the sources print (SOURCES.md section 10)
        ("be-pz-bruxelles-capitale-ixelles", "tiktok"): "zpz_polbru",
        ("be-pz-voorkempen", "instagram"): "lokale_politie_voorkempen",
        ("be-pz-damme-knokke-heist", "instagram"): "politiedammeknokkeheist",
    }
    ev_channels = {}  # (eid, plat) -> key
    charleroi = {("be-pz-charleroi", "facebook_page"): "facebook_page/unknown:be-pz-charleroi",
                 ("be-pz-charleroi-secteur-sud", "facebook_group"): "facebook_group/unknown:be-pz-charleroi-secteur-sud"}
    for r in evidence:
        eid, plat = r["seed_entity_id"], r["platform"]
        day, dnote = day_of(r["evidence_date"])
        if eid == "be-pz-charleroi" and plat == "facebook_group":
            eid = "be-pz-charleroi-secteur-sud"  # the seed keeps the sector's group on the sector
        if day is None:
            continue  # undated (the KASTZE page): cannot be placed in time; see docs/data.md
        if eid == "be-pz-blankenberge-zuienkerke" and plat == "instagram":
            continue  # a planned launch, not a presence
        what = {"news_article": "News article", "page_mirror": "Mirror of a Facebook page", "official_site": "Zone web page",
                "other": "Web page"}[r["evidence_type"]]
        if "uvcw.be" in r["source_url"]:
            src = "doc-000-uvcw-charleroi-2019"  # the seed document 000 is this UVCW page
        else:
            src = url_source(sources, r["source_url"], r["evidence_date"], what)
        h = printed.get((eid, plat), "")
        if h and not r["handle"]:
            h_row = ""
        else:
            h_row = h
        method = "website" if r["evidence_type"] == "official_site" else "publication"
        conf = r["confidence"]
        note = r["note"]
        if r["handle"] and not h:
            note = "the source names it: %s (not a handle); " % r["handle"] + note
        if dnote:
            note = dnote + "; " + note
        # the channel it shows
        k = (eid, plat)
        if k in charleroi:
            ev_channels[k] = charleroi[k]
        if k not in ev_channels:
            key = plat + "/" + h if h else unknown_key(plat, eid)
            if key not in channels:
                pid = "280805705118473" if eid == "be-pz-brunau" else ""
                add_channel(plat, h or None, eid, "https://www.facebook.com/" + pid if pid else "", "", "", "", day, "",
                            conf, "" if h else "handle not given by the source", src,
                            "shown by dated evidence (2018-2026 search); " + ("handle printed by the source" if h else "no source names the account, so it has no handle"),
                            platform_id=pid, key=key)
            ev_channels[k] = key
        c = channels[ev_channels[k]]
        if not c[10] or day < c[10]:
            c[10] = day
        survey(eid, plat, day, "present", h_row, method, conf, src, note)
        if r["followers"]:
            fday, fnote = day_of(r["followers_date"]) if r["followers_date"] else (day, "")
            if fday is None:  # "Aug 2018"-style dates are given as YYYY-MM in the file
                fday = day
            snapshots.append((ev_channels[k], fday, r["followers"], "", "", "", "", src,
                              "followers as printed by the source" + ("; " + fnote if fnote else "")))
        if eid == "be-pz-regio-tielt" and plat == "x" and day == "2018-08-14":
            survey(eid, "facebook_page", day, "absent", "", "publication", "high", src,
                   "HLN 2018-08-14: the zone had no Facebook account yet at that date")
    # Polder opened its page to the public on 2018-11-07; Voorkempen's Instagram started on 2020-12-07;
    # Neteland's page had been live two days on 2017-07-26
    for (eid, plat, opened) in (("be-pz-polder", "facebook_page", "2018-11-07"),
                                ("be-pz-voorkempen", "instagram", "2020-12-07"),
                                ("be-pz-neteland", "facebook_page", "2017-07-24")):
        channels[ev_channels[(eid, plat)]][9] = opened

    # ---- websites ----------------------------------------------------------------------------------
    for r in facts:
        if r["fact_type"] != "website_on_new_platform" or r["zone_code"] == "fed":
            continue
        eid = code_entity.get(r["zone_code"])
        assert eid, r["zone_code"]
        site = r["handle"].replace("www.", "")
        day = r["fact_date"] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["fact_date"]) else (
            month_end(r["fact_date"]) if re.fullmatch(r"\d{4}-\d{2}", r["fact_date"]) else "")
        src = "openpolice-www-releases"
        if r["source_url"].endswith("2013-09-15-open-police-platform-released.md"):
            src = "openpolice-blog-2013-09-15"
        elif r["source_url"].endswith("2013-10-26-second-website-released.md"):
            src = "openpolice-blog-2013-10-26"
        note = "zone website on the Open Police platform; %s (%s precision)" % (r["fact_date"], r["date_precision"]) if r["fact_date"] \
            else "zone website on the Open Police platform, listed in its first version (2014-07-30) or before"
        if r["note"]:
            note += "; " + r["note"]
        if ("website/" + site) in channels:
            continue
        add_channel("website", site, eid, "http://" + r["handle"], "", "", "", day, "", r["confidence"], "", src, note)
    sited = {c[1] for c in channels.values() if c[2] == "website"}
    for e in list(entities.values()):
        if e[1] == "local_police" and e[4] == "BE" and e[2] and not e[11] and e[0] not in sited:
            add_channel("website", "police.be/" + e[2], e[0], "https://www.police.be/" + e[2], "", "", "", "", "", "low",
                        "derived from the zone code (pattern https://www.police.be/CODE), not seen by a source: for the website collector to confirm",
                        e[3], "derived: the URL the code pattern gives")

    # ---- reference figures -------------------------------------------------------------------------
    hln = url_source(sources, "https://www.hln.be/regio/tielt/gebruik-facebook-neemt-toe-bij-politiezones~a48716b1/",
                     "2018-08-14", "News article")
    caveat = "study by Tieltsesocialemediaburo.be (Apr-May 2018) as reported by HLN 2018-08-14; its denominator and method are not published"
    for a in aggs:
        if a["figure"] == "flemish_zones_with_facebook_account_pct":
            refs.append(["be-vlg-facebook-2018", "Flemish police zones with a Facebook account (2018 study)", "share_of_agencies",
                         "80", "", "percent", "BE", "BE-VLG", "local_police", "facebook_page", "", "2018-05-01", "month", hln, caveat])
        elif a["figure"] == "flemish_zones_on_twitter_pct":
            refs.append(["be-vlg-x-2018", "Flemish police zones on Twitter (2018 study)", "share_of_agencies", "68", "", "percent",
                         "BE", "BE-VLG", "local_police", "x", "", "2018-05-01", "month", hln, caveat])
        elif a["figure"] == "flemish_zones_avg_posts_apr_may":
            refs.append(["be-vlg-posts-2018", "Average posts per Flemish police zone, April-May 2018 (2018 study)", "posts_per_entity",
                         "22", "", "posts", "BE", "BE-VLG", "local_police", "", "", "2018-05-01", "month", hln,
                         caveat + "; more than double the same period of 2017"])
    refs.append(["be-zones-2014", "Belgian police zones (Open Police blog, May 2014)", "entity_count", "194", "", "zones", "BE", "",
                 "local_police", "", "", "2014-05-31", "day", "openpolice-blog-2014-05-31", "'194 zones in Belgium'"])
    refs.append(["be-zones-website-platform-2014", "Belgian police zones with a website on the Open Police platform (May 2014)",
                 "entities_with_channel", "110", "194", "zones", "BE", "", "local_police", "website", "", "2014-05-31", "day",
                 "openpolice-blog-2014-05-31", "110 zones use v1 or v2 of the platform"])
    refs.append(["be-zones-2018-12", "Belgian police zones (HLN, 31 December 2018)", "entity_count", "186", "", "zones", "BE", "",
                 "local_police", "", "", "2018-12-31", "day", "hln-2018-12-31-186-zones", "'Ons land telt 186 politiezones'"])

    # A zone whose settings were empty and then filled on the same commit day: the version that lists the handle wins
    present = {(x[0], x[1], x[2], x[7]) for x in surveys if x[3] == "present"}
    surveys = [x for x in surveys if x[3] == "present" or (x[0], x[1], x[2], x[7]) not in present]
    return surveys, code_rows, owners
