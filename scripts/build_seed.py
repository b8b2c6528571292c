#!/usr/bin/env python3
"""Build the embedded seed data set (data/seed/*.csv) from the shared reference folder.

Usage (from the repository root):

    python3 scripts/build_seed.py ../shared/reference

The single optional argument is the reference folder (default: ../shared/reference,
resolved relative to the repository root). The script uses the Python standard library
only and is deterministic: rows are sorted, files are UTF-8 without BOM, LF line endings,
standard CSV quoting (csv module, QUOTE_MINIMAL).

Inputs read from <reference>/data/:
  * be_police_zones_2026__derived_golden-vs_get-populations+statbel2020.csv  (176 zones)
  * be_municipalities_2020_statbel__vandenbroucke-belgian_municipalities.csv (581 municipalities)
  * fr_departements_regions__datagouv_via_calvinNdmb-projet_data_vis.csv      (101 departements)
  * uk_ew_police_force_areas_pop2011__resistancelab_data.csv                 (43 forces)
  * police_social_handles_seen__dated_sources.csv                            (dated handles)
and <reference>/seed-documents/ (5 short documents, whose facts are curated below as
literal tables, each fact carrying its source key).

Every output row carries a `source` key that exists in sources.csv. Empty cell = unknown.
No personal data (names of people, phone numbers, e-mail addresses) is written; the script
checks this at the end and prints the check figures.
"""

import csv
import io
import os
import re
import sys
import unicodedata

import seed_history

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "data", "seed")
RETRIEVED = "2026-05-20"  # day the reference folder and the web pages cited were read

ZONES_FILE = "be_police_zones_2026__derived_golden-vs_get-populations+statbel2020.csv"
MUNI_FILE = "be_municipalities_2020_statbel__vandenbroucke-belgian_municipalities.csv"
FR_FILE = "fr_departements_regions__datagouv_via_calvinNdmb-projet_data_vis.csv"
UK_FILE = "uk_ew_police_force_areas_pop2011__resistancelab_data.csv"
HANDLES_FILE = "police_social_handles_seen__dated_sources.csv"

# --------------------------------------------------------------------------------------
# Sources. key -> (title, publisher, url, published_on, note)
# --------------------------------------------------------------------------------------
SOURCES = {
    # seed documents
    "doc-000-uvcw-charleroi-2019": (
        "Charleroi police zone: pilot Facebook group for its southern sector",
        "Union des Villes et Communes de Wallonie (UVCW)", "https://www.uvcw.be", "2019-10-18",
        "seed document 000; put online 18 October 2019 (printed copy dated 2024-04-25)"),
    "doc-001-twitter-zones-2013": (
        "Blog post of a web agency on training a Belgian police zone in social media, with a list of police Twitter accounts",
        "Belgian web agency (name not stated in the document)", "", "",
        "seed document 001; list dated January 2013 ('les exemples ci-dessous datent de janvier 2013'); publication date not stated"),
    "doc-002-parl-question-2018": (
        "Parliamentary question to the federal Minister of the Interior on police use of social networks, with the answer",
        "Belgian federal parliament (Chamber), question and answer as republished", "", "2018-01-17",
        "seed document 002; the answer says a very limited number of zones have Facebook/Twitter accounts and that no national statistics exist"),
    "doc-003-pn-5-twitter-2014": (
        "La Police Nationale ouvre 5 comptes sur Twitter pour se rapprocher des populations",
        "French web article (publisher not stated in the document)", "", "",
        "seed document 003; undated copy; the openings it reports date from January 2014 (see 20minutes/limportant sources)"),
    "doc-004-plp-neupre-plan": (
        "Plan de communication PLP (Neupre) - Police locale de Seraing/Neupre",
        "PLP Neupre / Police locale de Seraing-Neupre (zone 5278)", "", "",
        "seed document 004; undated; personal contact data in the document deliberately not copied"),
    # reference data files
    "golden-vs-zones-2026": (
        "Belgian police zones and their municipalities (dict BE_POLITIEZONE_GEMEENTEN in step2_enrich.py)",
        "github.com/Golden-VS/get-populations (from nl.wikipedia 'Lijst van politiezones in Belgie', 2026-05-11)",
        "https://github.com/Golden-VS/get-populations/blob/00bb98583eea9b440943e2f9a49d3311c74bf81f/step2_enrich.py",
        "2026-05-11",
        "173 zones parsed; 3 residual zones rebuilt from uncovered municipalities; derived file in shared/reference/data"),
    "statbel-pop-2020": (
        "Belgian municipalities with Statbel population on 1 January 2020",
        "github.com/vandenbroucke/belgian_municipalities (Statbel open data)",
        "https://github.com/vandenbroucke/belgian_municipalities/blob/a2a6240bb02a090900eb0bbbdca415f280eb3ac8/data/2020/belgian_municipalities.csv",
        "", "581 municipalities before the 2025 mergers; GPL-3.0 repository, Statbel data"),
    "fr-departements-datagouv": (
        "departements-france (departements and regions of France)",
        "data.gouv.fr via github.com/calvinNdmb/projet_data_vis",
        "https://github.com/calvinNdmb/projet_data_vis/blob/d81cba7934006ad02d251ad1460957f3faeaf0bf/departements-france.csv",
        "", "101 departements, 18 regions; Licence Ouverte 2.0"),
    "uk-pfa-pop2011-resistancelab": (
        "Demographics by police force area (England and Wales), 2011 Census",
        "github.com/Resistance-Lab/resistancelab_data (ONS 2011 Census, OGL v3)",
        "https://github.com/Resistance-Lab/resistancelab_data/blob/625e720132cc8e912caf091b3b6ebc716fa939a8/analysis/0002-demographics-by-police-force-area/force-demographics.csv",
        "", "43 police force areas; Scotland and Northern Ireland not included"),
    # zone code sources (from code_source column of the zones file)
    "bipol-5345-code-comment": (
        "BIPOL report cited in a code comment: 'PZ 5345 (Antwerpen)'", "code comment citing a BIPOL report", "", "",
        "code_source of zone 5345 in the zones file"),
    "nl-wiki-hekla": ("Politiezone HEKLA", "nl.wikipedia.org", "https://nl.wikipedia.org/wiki/Politiezone_HEKLA", "",
                      "code_source of zone 5349"),
    "politie-be-5360": ("Lokale Politie Lier (politie.be/5360)", "politie.be", "https://www.politie.be/5360", "",
                        "code_source of zone 5360"),
    "politie-be-5388": ("Politie Leuven news pages (politie.be/5388)", "politie.be", "https://www.politie.be/5388", "",
                        "code_source of zone 5388; also timble/openpolice-platform migration {'5388':'Leuven'}"),
    "politie-be-5445": ("politie.be/5445 (hosts the Blankenberge police regulation)", "politie.be",
                        "https://www.politie.be/5445", "", "code_source of zone 5445"),
    "politie-be-5339": ("Police Bruxelles-Capitale/Ixelles (politie.be/5339)", "politie.be",
                        "https://www.politie.be/5339", "", "code_source of zone 5339"),
    "fr-wiki-zone-de-police": (
        "Zone de police (list of mergers: 'Evolution du decoupage')", "fr.wikipedia.org (read via wikiwand)",
        "https://www.wikiwand.com/fr/articles/Zone_de_Police", "",
        "copy read carried no date; gives old and new zone codes of the Flemish mergers (5853, 5888, 5904, 5905, 5906, 5907, 5908) and says the first Walloon merger was in 2023; merger dates were not legible in the copy"),
    "liege-java-sqlite-list": (
        "List of Liege-province police zones with codes inside a public Java application (SqlLiteInterface.java)",
        "public Java application (repository not identified)", "", "",
        "single secondary source for 5277-5296; 5283 also confirmed by a SECOVA plan, 5277/5278 by a second public SQL dump"),
    # sources found for this seed (lineage, extra codes, counts, figures)
    "politie-be-5905-voorwoord": (
        "Voorwoord van de korpschef en de burgemeesters (PZ Zennevallei)", "politie.be",
        "https://www.politie.be/5905/over-ons/onze-organisatie/voorwoord-van-de-korpschef-en-de-burgemeesters", "",
        "'Op 1 januari 2016 fusioneerden de politiezones Beersel, Halle en Sint-Pieters-Leeuw' into Zennevallei"),
    "politie-be-5907-start": (
        "Politie Limburg Regio Hoofdstad van start!", "politie.be",
        "https://www.politie.be/5907/nieuws/politie-limburg-regio-hoofdstad-van-start", "",
        "LRH officially starts on Friday 1 January 2016 (Diepenbeek, Halen, Hasselt, Herk-de-Stad, Lummen, Zonhoven)"),
    "politie-be-5908-organisatie": (
        "Onze organisatie (PZ Voer en Dijle)", "politie.be", "https://www.politie.be/5908/over-ons/onze-organisatie", "",
        "VODI started on 1 January 2017 (Tervuren, Bertem, Oud-Heverlee, Huldenberg)"),
    "politie-be-5906-onze-politiezone": (
        "Onze politiezone (PZ Mechelen-Willebroek)", "politie.be", "https://www.politie.be/5906/over-ons/onze-politiezone",
        "", "zone Mechelen-Willebroek, code 5906 (Mechelen and Willebroek)"),
    "vrt-2023-rivierenland": (
        "Fusie politiezones Klein-Brabant en Mechelen-Willebroek tot politiezone Rivierenland", "VRT NWS",
        "https://www.vrt.be/vrtnws/nl/2023/01/01/fusie-rivierenland/", "2023-01-01",
        "Klein-Brabant and Mechelen-Willebroek merged into Rivierenland; start 1 January 2023 also stated by rtv.be"),
    "policelocale-5912-fusion": (
        "Premiere fusion de zones de police en Wallonie effective!", "Police locale Binche-Anderlues-Lermes (policelocale.be/5912)",
        "http://www.policelocale.be/5912/actualites/premiere-fusion-de-zones-de-police-en-wallonie-effective", "",
        "zone Binche-Anderlues-Lermes officially constituted since 1 July 2023 (royal decree of 4 June 2023); site www.police.be/5912"),
    "melle-be-politie": (
        "Politie (gemeente Melle)", "gemeente Melle", "https://www.melle.be/politie", "",
        "Regio Rhode & Schelde: lokalepolitie.be/5418, twitter.com/Politie5418, facebook.com/Politie5418"),
    "yumpu-klm-jaarverslag-2009": (
        "Jaarverslag 2009 - Lokale Politie, politiezone Kapelle-op-den-Bos/Londerzeel/Meise", "yumpu.com (copy)",
        "https://www.yumpu.com/nl/document/view/38076861/jaarverslag-2009-lokale-politie", "",
        "'Naamcode: 5409'"),
    "docslib-hauts-pays-5329": (
        "Plan zonal de securite 2020-2025, Zone de police des Hauts-Pays (5329)", "docslib.org (copy)",
        "https://docslib.org/doc/2837637/plan-zonal-de-s%C3%A9curit%C3%A9-2020-2025", "", "code 5329"),
    "vvsg-lokale-politie-2019": (
        "Situering lokale politie", "VVSG", "https://www.vvsg.be/kennisitem/vvsg/situering-lokale-politie-1", "",
        "185 zones on 1 January 2019: 40 single-municipality, 145 multi-municipality, 107 in Flanders"),
    "openpolice-blog-2015": (
        "openpolice blog post (192 police zones)", "timble / www.openpolice.be", "https://www.openpolice.be", "2015-04-02",
        "exact post URL not recorded in the reference notes"),
    "vtm-kwart-politiezones-twitter": (
        "Kwart politiezones actief op Twitter", "VTM Nieuws", "https://nieuws.vtm.be/binnenland/43495-kwart-politiezones-actief-op-twitter",
        "", "undated in the copy read; context (guideline spread autumn 2011, working group 'two years ago') places it c. 2013"),
    "iacp-2015-social-media-survey": (
        "International Association of Chiefs of Police 2015 Social Media Survey Results", "IACP (copy on businessdocbox.com)",
        "https://businessdocbox.com/96015444-Advertising/International-association-of-chiefs-of-police-2015-social-media-survey-results.html",
        "", "survey in fall 2015, 553 US law enforcement agencies in 44 states"),
    "an-qe-14-84569-2017": (
        "Question ecrite n. 84569 (14e legislature), reponse du ministere de l'Interieur", "Assemblee nationale",
        "https://questions.assemblee-nationale.fr/q14/14-84569QE.htm", "2017-02-28",
        "answer published 28 February 2017: gendarmerie and police nationale social media audiences"),
    # handle sources (police_social_handles_seen file)
    "itespresso-2014-gendarmerie-police-twitter": (
        "Gendarmerie et police debarquent sur Twitter", "ITespresso.fr",
        "https://www.itespresso.fr/gendarmerie-police-debarquent-twitter-71853.html", "",
        "dated 2014-01 in the handles file; pnationale opened Dec 2012; gendarmerie account opened at FIC 2014"),
    "europe1-2014-police-5-comptes": (
        "La police ouvre cinq comptes sur Twitter", "Europe 1",
        "https://europe1.fr/societe/La-police-ouvre-cinq-comptes-sur-Twitter-895116", "", "dated January 2014 in the handles file"),
    "20minutes-2014-nantes-twitter": (
        "La police fait ses rondes aussi sur Twitter", "20 Minutes (Nantes)",
        "https://www.20minutes.fr/nantes/1273517-20140114-police-fait-rondes-aussi-twitter", "2014-01-14",
        "first DDSP account (Loire-Atlantique), opened 2013-12-23"),
    "limportant-2014-lemonde-afp": (
        "Police: comptes Twitter pilotes dans cinq departements (Le Monde/AFP)", "limportant.fr",
        "https://limportant.fr/24831", "2014-01-14", "pilot accounts pnationale44/35/62/67/06"),
    "lagazette-sqy-2020-policenat78": (
        "La police nationale d'Elancourt se met sur Twitter", "La Gazette de Saint-Quentin-en-Yvelines",
        "https://lagazette-sqy.fr/2020/07/01/votreville/elancourt/la-police-nationale-delancourt-se-met-sur-twitter/",
        "2020-07-01", "account @PoliceNat78"),
    "erica-kane-uk-police-twitter": (
        "uk_police_twitter collection.R", "github.com/erica-kane/uk_police_twitter (commit f3053f4)",
        "https://github.com/erica-kane/uk_police_twitter", "2022-06-03",
        "list of UK police force Twitter handles used for a collection"),
    "lesscrime-police-forces-on-twitter": (
        "Police forces on Twitter", "lesscrime.info", "http://lesscrime.info/police-forces-on-twitter/", "",
        "c. 2013-2014; first UK force on Twitter Dec 2008 (West Midlands), last English force July 2011 (Suffolk)"),
    "uk-police-api-fixture": (
        "uk_police_api test fixture (data.police.uk engagement methods / neighbourhood API)", "public test fixtures",
        "", "", "test fixtures modelled on data.police.uk; repository not identified"),
    "leuven-website-template": (
        "public website template linking Politie Leuven accounts", "public website template (repository not identified)",
        "", "", "undated (pre-2015 theme); links twitter.com/politieleuven and facebook.com/politieleuven"),
}

# --------------------------------------------------------------------------------------
# Hand-curated facts
# --------------------------------------------------------------------------------------
# Codes found for zones that the zones file leaves without code: name_as_in_source -> (code, source)
EXTRA_CODES = {
    "Regio Rhode & Schelde": ("5418", "melle-be-politie"),
    "K-L-M": ("5409", "yumpu-klm-jaarverslag-2009"),
    "Des Hauts-Pays": ("5329", "docslib-hauts-pays-5329"),
    "Binche-Anderlues-Lermes": ("5912", "policelocale-5912-fusion"),
}
# Current zones created by a merger whose date a source gives: name_as_in_source -> (valid_from, source)
ZONE_VALID_FROM = {
    "Zennevallei": ("2016-01-01", "politie-be-5905-voorwoord"),
    "Limburg Regio Hoofdstad": ("2016-01-01", "politie-be-5907-start"),
    "Voer & Dijle": ("2017-01-01", "politie-be-5908-organisatie"),
    "Rivierenland": ("2023-01-01", "vrt-2023-rivierenland"),
    "Binche-Anderlues-Lermes": ("2023-07-01", "policelocale-5912-fusion"),
}
# Predecessor zones: id -> dict
PREDECESSORS = [
    # id, code, code_source, region, lang, name, successor_name, on_date, lineage_source, note
    ("be-pz-beersel", "5404", "fr-wiki-zone-de-police", "BE-VLG", "nl", "Beersel", "Zennevallei", "2016-01-01",
     "politie-be-5905-voorwoord", ""),
    ("be-pz-halle", "5413", "fr-wiki-zone-de-police", "BE-VLG", "nl", "Halle", "Zennevallei", "2016-01-01",
     "politie-be-5905-voorwoord", ""),
    ("be-pz-sint-pieters-leeuw", "5414", "fr-wiki-zone-de-police", "BE-VLG", "nl", "Sint-Pieters-Leeuw", "Zennevallei",
     "2016-01-01", "politie-be-5905-voorwoord", ""),
    ("be-pz-hazodi", "5370", "fr-wiki-zone-de-police", "BE-VLG", "nl", "HAZODI (Hasselt/Zonhoven/Diepenbeek)",
     "Limburg Regio Hoofdstad", "2016-01-01", "politie-be-5907-start", ""),
    ("be-pz-west-limburg", "5374", "fr-wiki-zone-de-police", "BE-VLG", "nl", "West-Limburg (Halen/Herk-de-Stad/Lummen)",
     "Limburg Regio Hoofdstad", "2016-01-01", "politie-be-5907-start", ""),
    ("be-pz-dijleland", "5397", "fr-wiki-zone-de-police", "BE-VLG", "nl", "Dijleland", "Voer & Dijle", "2017-01-01",
     "politie-be-5908-organisatie", ""),
    ("be-pz-tervuren", "5398", "fr-wiki-zone-de-police", "BE-VLG", "nl", "Tervuren", "Voer & Dijle", "2017-01-01",
     "politie-be-5908-organisatie", ""),
    ("be-pz-mechelen-willebroek", "5906", "fr-wiki-zone-de-police", "BE-VLG", "nl", "Mechelen-Willebroek",
     "Rivierenland", "2023-01-01", "vrt-2023-rivierenland",
     "valid_from unknown: created by the merger of Mechelen (5358) and Willebroek (5357), date not sourced (shortly before 2015 per press); Mechelen and Willebroek not modelled separately"),
    ("be-pz-klein-brabant", "", "", "BE-VLG", "nl", "Klein-Brabant", "Rivierenland", "2023-01-01",
     "vrt-2023-rivierenland", "code not found in a source"),
    ("be-pz-binche-anderlues", "", "", "BE-WAL", "fr", "Binche/Anderlues", "Binche-Anderlues-Lermes", "2023-07-01",
     "policelocale-5912-fusion", "code not found in a source"),
    ("be-pz-lermes", "", "", "BE-WAL", "fr", "Lermes (Lobbes/Erquelinnes/Merbes-le-Chateau/Estinnes)",
     "Binche-Anderlues-Lermes", "2023-07-01", "policelocale-5912-fusion", "code not found in a source"),
]

# Doc 001 (January 2013) handles -> (owner entity key, confidence, confidence_note, heading)
D1 = "doc-001-twitter-zones-2013"
DOC001_HANDLES = [
    # Wallonia/Brussels heading
    ("policecomines", "zone:Comines-Warneton", "high", "", "Wallonia/Brussels"),
    ("policemonsquevy", "zone:Mons/Quévy", "high", "", "Wallonia/Brussels"),
    ("zp5327", "zone:Boraine", "medium",
     "code match only: the handle names zone code 5327, which the 2013 zone table (openpolice-platform police_zones.sql) titles BORAINE; no source names the account's owner", "Wallonia/Brussels"),
    ("dcanamur", "be-fed-dca-namur", "low",
     "listed under police zones; 'DCA Namur' read as the federal police coordination directorate for Namur, not the Namur zone; owner not stated", "Wallonia/Brussels"),
    ("zpz_polbru", "zone:Brussel HOOFDSTAD Elsene", "high",
     "listed under both the Wallonia/Brussels and the Flanders headings of the source; one channel; 'Polbru' is the Brussels-Capital/Ixelles zone (5339)", "both"),
    # Flanders heading
    ("pilitiekastze", "zone:KASTZE", "medium",
     "spelling as in the source (probably a typo for politiekastze); attached to zone KASTZE (Kampenhout/Steenokkerzeel/Zemst)", "Flanders"),
    ("politieklm", "zone:K-L-M", "high", "", "Flanders"),
    ("zpornethyle", "zone:Orne-Thyle", "medium",
     "listed under the Flanders heading although Orne-Thyle is a Walloon (Brabant wallon) zone", "Flanders"),
    ("politieleeuw", "be-pz-sint-pieters-leeuw", "medium",
     "read as the Sint-Pieters-Leeuw zone (5414), merged into Zennevallei on 2016-01-01; owner not stated by the source", "Flanders"),
    ("politiemechelen", "be-pz-mechelen", "medium",
     "read as the account of PZ Mechelen (5358), the zone of January 2013; it merged with Willebroek into 5906 (2015) and then into Rivierenland (2023-01-01); no source says the account passed to the successors", "Flanders"),
    ("politielier", "zone:Lier", "high", "", "Flanders"),
    ("pzhazodi", "be-pz-hazodi", "high", "", "Flanders"),
    ("politie5418", "zone:Regio Rhode & Schelde", "high",
     "5418 is Regio Rhode & Schelde per melle.be, which also links twitter.com/Politie5418", "Flanders"),
    ("politiezonemira", "zone:MIRA", "high", "", "Flanders"),
    ("pzvlas", "zone:VLAS", "high", "", "Flanders"),
    ("pzvlaardennen", "be-pz-vlaamse-ardennen-5425", "high",
     "the zone Vlaamse Ardennen of January 2013 (5425), which merged with Brakel into the zone Vlaamse Ardennen on 2025-01-01; no source says the account passed to the merged zone", "Flanders"),
    ("politie_rupel", "zone:Rupel", "high", "", "Flanders"),
    ("policewokra", "zone:WOKRA", "high",
     "French-language handle of the Flemish-Brabant zone WOKRA (Wezembeek-Oppem/Kraainem)", "Flanders"),
    # other police accounts
    ("heli_fedpolfed", "be-fed-air-support", "medium", "owner inferred from the handle (federal police helicopter/air support)", "other police"),
    ("womenpol", "be-police-womenpol", "low",
     "listed as an 'other police account'; owner (possibly a network of women police officers) not stated", "other police"),
    ("recherche_bel", "be-fed-judicial-police", "low",
     "owner inferred from the handle ('recherche' = investigation); could be another investigative unit", "other police"),
    ("polinfo_fr", "be-fed-press-service", "low", "owner inferred from the handle; French-language police information account", "other police"),
    ("presse_polfed", "be-fed-press-service", "medium", "owner inferred from the handle (federal police press, French)", "other police"),
    ("pers_fedpol", "be-fed-press-service", "medium", "owner inferred from the handle (federal police press, Dutch)", "other police"),
    # safety bodies
    ("bivv_ibsr", "be-bivv-ibsr", "high", "", "safety"),
    ("spfmobtransport", "be-spf-mobilite", "high", "", "safety"),
    ("arba7secu", "safety-arba7secu", "low", "owner not stated by the source and not identified", "safety"),
    ("clubprevsecu", "safety-clubprevsecu", "low",
     "owner not stated; the name matches a 'Club Prevention-Securite' of a French publication, not verified", "safety"),
    ("routeplussure", "safety-routeplussure", "low", "owner not stated by the source and not identified", "safety"),
    ("secours112", "safety-secours112", "low", "owner not stated; read as an account about the 112 emergency number", "safety"),
    ("touringtweets", "be-touring", "medium", "owner inferred from the handle (Touring, Belgian mobility club)", "safety"),
    # record
    ("gmpolice", "gb-greater-manchester-police", "high", "", "record"),
]

# Entities that stand for an owner the sources do not identify: listed, but excluded from counts and rates.
PLACEHOLDERS = set()  # none since the 2013 zone table names 5327 (Boraine)

# Entities that are not zones, predecessors, French or UK forces.
# id -> (kind, country, region, languages, parent_id, source, names{lang: name}, note)
OTHER_ENTITIES = {
    "be-fed-dca-namur": ("federal_police", "BE", "BE-WAL", "fr", "", D1, {"fr": "Police federale - coordination Namur (DCA Namur)"},
        "known only from the handle @dcanamur in doc 001"),
    "be-fed-air-support": ("federal_police", "BE", "", "fr;nl", "", D1, {"fr": "Police federale - appui aerien", "nl": "Federale politie - luchtsteun"},
        "known from the handle @heli_fedpolfed in doc 001"),
    "be-fed-judicial-police": ("federal_police", "BE", "", "fr;nl", "", D1, {"fr": "Police judiciaire federale", "nl": "Federale gerechtelijke politie"},
        "owner of @recherche_bel assumed, low confidence"),
    "be-fed-press-service": ("federal_police", "BE", "", "fr;nl", "", D1, {"fr": "Police federale - service presse", "nl": "Federale politie - persdienst"},
        "owner of @presse_polfed, @pers_fedpol and @polinfo_fr assumed"),
    "be-police-womenpol": ("federal_police", "BE", "", "", "", D1, {"en": "womenpol (owner unidentified)"},
        "kind chosen by default: listed among 'other police accounts' in doc 001; owner not stated"),
    "be-bivv-ibsr": ("safety_body", "BE", "", "nl;fr", "", D1, {"nl": "BIVV (Belgisch Instituut voor de Verkeersveiligheid)", "fr": "IBSR (Institut belge pour la securite routiere)"},
        "road safety institute; handle @BIVV_IBSR in doc 001"),
    "be-spf-mobilite": ("safety_body", "BE", "", "fr;nl", "", D1, {"fr": "SPF Mobilite et Transports", "nl": "FOD Mobiliteit en Vervoer"},
        "federal mobility ministry; handle @SPFMobTransport in doc 001"),
    "be-touring": ("safety_body", "BE", "", "fr;nl", "", D1, {"fr": "Touring"}, "mobility club; handle @touringtweets in doc 001"),
    "safety-arba7secu": ("safety_body", "ZZ", "", "", "", D1, {"fr": "arba7secu (owner unidentified)"},
        "listed among safety-oriented accounts in doc 001; country unknown (ZZ = unknown)"),
    "safety-clubprevsecu": ("safety_body", "ZZ", "", "", "", D1, {"fr": "ClubPrevSecu (owner unidentified)"},
        "listed among safety-oriented accounts in doc 001; country unknown (ZZ = unknown; possibly FR)"),
    "safety-routeplussure": ("safety_body", "ZZ", "", "", "", D1, {"fr": "routeplussure (owner unidentified)"},
        "listed among safety-oriented accounts in doc 001; country unknown (ZZ = unknown)"),
    "safety-secours112": ("safety_body", "ZZ", "", "", "", D1, {"fr": "secours112 (112 emergency number account, owner unidentified)"},
        "listed among safety-oriented accounts in doc 001; country unknown (ZZ = unknown)"),
    "be-pz-charleroi-secteur-sud": ("sector", "BE", "BE-WAL", "fr", "zone:Charleroi", "doc-000-uvcw-charleroi-2019",
        {"fr": "Police de Charleroi - secteur Sud"},
        "southern sector of the Charleroi zone: former communes of Marcinelle, Mont-sur-Marchienne and Couillet"),
    "be-plp-neupre": ("partnership", "BE", "BE-WAL", "fr", "zone:Seraing/Neupré", "doc-004-plp-neupre-plan",
        {"fr": "PLP de Neupre (partenariat local de prevention)"},
        "emergency rule of the plan: urgent matters by phone only (101); non-urgent matters by mail to the neighbourhood coordinator"),
    "fr-police-nationale": ("national_police", "FR", "", "fr", "", "itespresso-2014-gendarmerie-police-twitter",
        {"fr": "Police nationale"}, ""),
    "fr-gendarmerie-nationale": ("national_police", "FR", "", "fr", "", "itespresso-2014-gendarmerie-police-twitter",
        {"fr": "Gendarmerie nationale"}, ""),
}
FR_DDSP = [
    # dept, name, source
    ("44", "DDSP de Loire-Atlantique", "20minutes-2014-nantes-twitter"),
    ("35", "DDSP d'Ille-et-Vilaine", "limportant-2014-lemonde-afp"),
    ("62", "DDSP du Pas-de-Calais", "limportant-2014-lemonde-afp"),
    ("67", "DDSP du Bas-Rhin", "limportant-2014-lemonde-afp"),
    ("06", "DDSP des Alpes-Maritimes", "limportant-2014-lemonde-afp"),
    ("78", "Police nationale des Yvelines (DDSP 78)", "lagazette-sqy-2020-policenat78"),
]

HANDLE_SOURCE_KEYS = {
    "pnationale": "itespresso-2014-gendarmerie-police-twitter",
    "pnationale44": "20minutes-2014-nantes-twitter",
    "pnationale35": "limportant-2014-lemonde-afp",
    "pnationale62": "limportant-2014-lemonde-afp",
    "pnationale67": "limportant-2014-lemonde-afp",
    "pnationale06": "limportant-2014-lemonde-afp",
    "policenat78": "lagazette-sqy-2020-policenat78",
    "gendarmerie": "itespresso-2014-gendarmerie-police-twitter",
    "politieleuven": "leuven-website-template",
    "metpoliceuk": "erica-kane-uk-police-twitter",
    "gmpolice": "erica-kane-uk-police-twitter",
    "aspolice": "erica-kane-uk-police-twitter",
    "westyorkspolice": "erica-kane-uk-police-twitter",
    "wmpolice": "erica-kane-uk-police-twitter",
    "suffolkpolice": "lesscrime-police-forces-on-twitter",
    "bedspolice": "lesscrime-police-forces-on-twitter",
    "cambscops": "uk-police-api-fixture",
}
# Handles-file entity label -> entity id
HANDLE_ENTITY = {
    "Police nationale (national)": "fr-police-nationale",
    "DDSP Loire-Atlantique (44)": "fr-ddsp-44",
    "DDSP Ille-et-Vilaine (35)": "fr-ddsp-35",
    "DDSP Pas-de-Calais (62)": "fr-ddsp-62",
    "DDSP Bas-Rhin (67)": "fr-ddsp-67",
    "DDSP Alpes-Maritimes (06)": "fr-ddsp-06",
    "Police nationale Yvelines / circ. Saint-Quentin-en-Yvelines (78)": "fr-ddsp-78",
    "Gendarmerie nationale": "fr-gendarmerie-nationale",
    "PZ Leuven (5388)": "be-pz-leuven",
    "Metropolitan Police Service": "gb-metropolitan-police",
    "Greater Manchester Police": "gb-greater-manchester-police",
    "Avon and Somerset Constabulary": "gb-avon-somerset-police",
    "West Yorkshire Police": "gb-west-yorkshire-police",
    "West Midlands Police": "gb-west-midlands-police",
    "Suffolk Constabulary": "gb-suffolk-police",
    "Bedfordshire Police": "gb-bedfordshire-police",
    "Cambridgeshire Constabulary (neighbourhood contact)": "gb-cambridgeshire-police",
}

REFERENCE_FIGURES = [
    # id, label, metric, value, denominator, unit, country, region, entity_kind, platform, entity_id, as_of, precision, source, note
    ("be-zones-2001", "Belgian police zones at the 2001 police reform", "entity_count", "196", "", "zones", "BE", "",
     "local_police", "", "", "2001-01-01", "year", "fr-wiki-zone-de-police", "'initialement au nombre de 196'; year 2001 per the reference notes"),
    ("be-zones-2015", "Belgian police zones in 2015", "entity_count", "192", "", "zones", "BE", "", "local_police", "",
     "", "2015-04-02", "day", "openpolice-blog-2015", "as stated in the blog post of 2015-04-02"),
    ("be-zones-2019", "Belgian police zones on 1 January 2019", "entity_count", "185", "", "zones", "BE", "",
     "local_police", "", "", "2019-01-01", "day", "vvsg-lokale-politie-2019", "40 single-municipality and 145 multi-municipality zones"),
    ("be-zones-2019-single", "Belgian single-municipality police zones on 1 January 2019", "entity_count", "40", "185",
     "zones", "BE", "", "local_police", "", "", "2019-01-01", "day", "vvsg-lokale-politie-2019", ""),
    ("be-zones-2019-vlg", "Flemish police zones on 1 January 2019", "entity_count", "107", "185", "zones", "BE", "BE-VLG",
     "local_police", "", "", "2019-01-01", "day", "vvsg-lokale-politie-2019", ""),
    ("be-zones-2026", "Belgian police zones in 2026", "entity_count", "176", "", "zones", "BE", "", "local_police", "",
     "", "2026-05-11", "day", "golden-vs-zones-2026", "list taken from nl.wikipedia on 2026-05-11"),
    ("be-zones-2026-vlg", "Flemish police zones in 2026", "entity_count", "99", "176", "zones", "BE", "BE-VLG",
     "local_police", "", "", "2026-05-11", "day", "golden-vs-zones-2026", ""),
    ("be-zones-2026-wal", "Walloon police zones in 2026", "entity_count", "71", "176", "zones", "BE", "BE-WAL",
     "local_police", "", "", "2026-05-11", "day", "golden-vs-zones-2026", ""),
    ("be-zones-2026-bru", "Brussels police zones in 2026", "entity_count", "6", "176", "zones", "BE", "BE-BRU",
     "local_police", "", "", "2026-05-11", "day", "golden-vs-zones-2026", ""),
    ("be-twitter-2013", "Belgian police zones with an actively managed Twitter account (c. 2013)", "entities_with_channel",
     "51", "195", "zones", "BE", "", "local_police", "x", "", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter",
     "'51 van de 195 lokale politiekorpsen'; article undated, c. 2013 (as_of set to 1 January 2013)"),
    ("be-twitter-2013-wal", "Walloon police zones active on Twitter (c. 2013)", "entities_with_channel", "5", "", "zones",
     "BE", "BE-WAL", "local_police", "x", "", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter", "'slechts vijf Waalse zones'"),
    ("be-twitter-2013-bru", "Brussels police zones active on Twitter (c. 2013)", "entities_with_channel", "1", "", "zones",
     "BE", "BE-BRU", "local_police", "x", "", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter", "'en een Brusselse'"),
    ("be-twitter-2013-followers", "Followers of the 51 Belgian zone Twitter accounts (c. 2013)", "followers_sum", "37500",
     "", "followers", "BE", "", "local_police", "x", "", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter",
     "'net iets meer dan 37.500 volgers' (just over 37,500)"),
    ("be-twitter-2013-leuven", "Leuven police zone Twitter followers (c. 2013)", "followers", "3358", "", "followers", "BE",
     "BE-VLG", "local_police", "x", "be-pz-leuven", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter",
     "most followed zone; handle not given by the article"),
    ("be-twitter-2013-mechelen", "Mechelen police zone Twitter followers (c. 2013)", "followers", "2959", "", "followers",
     "BE", "BE-VLG", "local_police", "x", "be-pz-mechelen", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter",
     "zone Mechelen (5358), later Mechelen-Willebroek (5906) and Rivierenland"),
    ("be-twitter-2013-mechelen-posts", "Mechelen police zone tweets (c. 2013)", "posts", "5456", "", "posts", "BE",
     "BE-VLG", "local_police", "x", "be-pz-mechelen", "2013-01-01", "circa", "vtm-kwart-politiezones-twitter",
     "most tweets of all zones"),
    ("be-twitter-2013-wlw-posts", "Wetteren-Laarne-Wichelen police zone tweets (c. 2013)", "posts", "5156", "", "posts",
     "BE", "BE-VLG", "local_police", "x", "zone:Wetteren/Laarne/Wichelen", "2013-01-01", "circa",
     "vtm-kwart-politiezones-twitter", ""),
    ("gb-gmpolice-2013", "@gmpolice followers (January 2013)", "followers", "120000", "", "followers", "GB", "GB-ENG",
     "foreign_police", "x", "gb-greater-manchester-police", "2013-01-01", "month", D1,
     "January 2013, 'plus de 120.000 abonnes' (more than 120,000); as_of is the first day of the month"),
    ("gb-first-force-twitter", "First UK police force on Twitter (West Midlands Police)", "first_adoption", "1", "",
     "force", "GB", "GB-ENG", "foreign_police", "x", "gb-west-midlands-police", "2008-12-01", "month",
     "lesscrime-police-forces-on-twitter", "December 2008; as_of is the first day of the month"),
    ("gb-last-english-force-twitter", "Last English police force to join Twitter (Suffolk Constabulary)", "last_adoption",
     "1", "", "force", "GB", "GB-ENG", "foreign_police", "x", "gb-suffolk-police", "2011-07-01", "month",
     "lesscrime-police-forces-on-twitter", "July 2011; as_of is the first day of the month"),
    ("us-iacp-2015-any", "US agencies using social media (IACP 2015 survey)", "share_of_agencies", "96.4", "", "percent",
     "US", "", "", "", "", "2015-09-01", "circa", "iacp-2015-social-media-survey", "fall 2015; 553 agencies responded"),
    ("us-iacp-2015-facebook", "US agencies using Facebook (IACP 2015 survey)", "share_of_agencies", "94.2", "", "percent",
     "US", "", "", "facebook_page", "", "2015-09-01", "circa", "iacp-2015-social-media-survey", "fall 2015; 553 agencies"),
    ("us-iacp-2015-x", "US agencies using Twitter (IACP 2015 survey)", "share_of_agencies", "71.2", "", "percent", "US",
     "", "", "x", "", "2015-09-01", "circa", "iacp-2015-social-media-survey", "fall 2015; 553 agencies"),
    ("us-iacp-2015-youtube", "US agencies using YouTube (IACP 2015 survey)", "share_of_agencies", "40.0", "", "percent",
     "US", "", "", "youtube", "", "2015-09-01", "circa", "iacp-2015-social-media-survey", "fall 2015; 553 agencies"),
    ("fr-gendarmerie-x-2017", "Gendarmerie nationale national Twitter account followers (Feb 2017)", "followers", "230000",
     "", "followers", "FR", "", "national_police", "x", "fr-gendarmerie-nationale", "2017-02-28", "day",
     "an-qe-14-84569-2017", "'plus de 230 000' (more than 230,000)"),
    ("fr-gendarmerie-fb-2017", "Gendarmerie nationale national Facebook account followers (Feb 2017)", "followers",
     "608000", "", "followers", "FR", "", "national_police", "facebook_page", "fr-gendarmerie-nationale", "2017-02-28",
     "day", "an-qe-14-84569-2017", "'pres de 608 000' (nearly 608,000)"),
    ("fr-gendarmerie-fb-dept-2017", "Departmental gendarmerie Facebook accounts (Feb 2017)", "channel_count", "92", "",
     "accounts", "FR", "", "national_police", "facebook_page", "fr-gendarmerie-nationale", "2017-02-28", "day",
     "an-qe-14-84569-2017", "92 departmental Facebook accounts of group commanders"),
    ("fr-gendarmerie-fb-dept-followers-2017", "Followers of the 92 departmental gendarmerie Facebook accounts (Feb 2017)",
     "followers_sum", "600000", "", "followers", "FR", "", "national_police", "facebook_page", "fr-gendarmerie-nationale",
     "2017-02-28", "day", "an-qe-14-84569-2017", "aggregate of subscribers"),
    ("fr-police-nationale-fb-2017", "Police nationale national Facebook page followers (Feb 2017)", "followers", "625000",
     "", "followers", "FR", "", "national_police", "facebook_page", "fr-police-nationale", "2017-02-28", "day",
     "an-qe-14-84569-2017", "page opened in 2012"),
    ("fr-police-nationale-x-2017", "Police nationale Twitter followers (Feb 2017)", "followers_sum", "270000", "",
     "followers", "FR", "", "national_police", "x", "fr-police-nationale", "2017-02-28", "day", "an-qe-14-84569-2017",
     "'plus de 270 000'; the answer does not say whether this is the national account alone or all police nationale accounts"),
    ("fr-police-nationale-x-dept-2017", "Police nationale departmental Twitter accounts (Feb 2017)", "channel_count", "11",
     "", "accounts", "FR", "", "national_police", "x", "fr-police-nationale", "2017-02-28", "day", "an-qe-14-84569-2017",
     "11 departmental accounts, 6 of them opened for Euro 2016"),
]

# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

def slug(text):
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower().replace("&", " ")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(name, header, rows):
    rows = sorted(rows, key=lambda r: [str(x) for x in r])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (name, r)
        w.writerow(r)
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return rows


REGION_MAP = {"Flanders": "BE-VLG", "Wallonia": "BE-WAL", "Brussels-Capital": "BE-BRU"}
ZONE_CODE_SOURCE_KEYS = [
    ("BIPOL report", "bipol-5345-code-comment"),
    ("Politiezone_HEKLA", "nl-wiki-hekla"),
    ("politie.be/5360", "politie-be-5360"),
    ("fr.wikipedia Zone de police", "fr-wiki-zone-de-police"),
    ("politie.be/5388", "politie-be-5388"),
    ("politie.be/5445", "politie-be-5445"),
    ("politie.be/5339", "politie-be-5339"),
    ("Liège-province list", "liege-java-sqlite-list"),
]


def code_source_key(text):
    for needle, key in ZONE_CODE_SOURCE_KEYS:
        if needle in text:
            return key
    raise SystemExit("unknown code_source: %r" % text)


def clean_zone_name(name):
    return name.replace(" (unverified)", "").strip()


# --------------------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------------------

def main():
    ref = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"
    if not os.path.isabs(ref):
        ref = os.path.normpath(os.path.join(REPO_ROOT, ref))
    data = os.path.join(ref, "data")
    os.makedirs(OUT_DIR, exist_ok=True)

    zones = read_csv(os.path.join(data, ZONES_FILE))
    munis = {m["NIS_code"]: m for m in read_csv(os.path.join(data, MUNI_FILE))}
    deps = read_csv(os.path.join(data, FR_FILE))
    uk = read_csv(os.path.join(data, UK_FILE))
    handles = read_csv(os.path.join(data, HANDLES_FILE))

    entities = {}      # id -> row list
    names = []         # (entity_id, lang, name)
    emunis = []
    zone_ids = {}      # name_as_in_source -> id

    def add_entity(eid, kind, code, code_src, country, region, langs, pop, pop_year, parent, vfrom, vto, source, note):
        assert eid not in entities, eid
        entities[eid] = [eid, kind, code, code_src, country, region, langs, pop, pop_year, parent, vfrom, vto, source, note]

    # ---- Belgian zones -------------------------------------------------------------
    for z in zones:
        nm = clean_zone_name(z["zone_name_as_in_source"])
        region = REGION_MAP[z["region"]]
        if z["zone_name_as_in_source"].startswith("UNKNOWN Limburg zone"):
            nm_nl = "Tongeren/Borgloon/Heers/Herstappe/Wellen"
            eid = "be-pz-tongeren-borgloon-heers-herstappe-wellen"
            note = "residual zone: the source gives no name or code; descriptive name from its municipalities"
        else:
            nm_nl = nm
            base = z["zone_name_fr"] if region == "BE-BRU" and z["zone_name_fr"] else nm
            eid = "be-pz-" + slug(base)
            note = ""
            if "(unverified)" in z["zone_name_as_in_source"]:
                note = "residual zone rebuilt from uncovered municipalities; name and code from a single secondary source (unverified)"
        code, csrc = z["zone_code"], ""
        if code:
            csrc = code_source_key(z["code_source"])
        elif z["zone_name_as_in_source"] in EXTRA_CODES:
            code, csrc = EXTRA_CODES[z["zone_name_as_in_source"]]
        vfrom = ""
        if z["zone_name_as_in_source"] in ZONE_VALID_FROM:
            vfrom, vsrc = ZONE_VALID_FROM[z["zone_name_as_in_source"]]
            note = (note + "; " if note else "") + "created by a merger on %s (source %s)" % (vfrom, vsrc)
        if z["zone_name_as_in_source"] == "Limburg Regio Hoofdstad":
            note += "; Alken and Kortessem joined after 2016 (not modelled as lineage)"
        add_entity(eid, "local_police", code, csrc, "BE", region, z["language"], z["population_2020_statbel"], "2020",
                   "", vfrom, "", "golden-vs-zones-2026", note)
        zone_ids[z["zone_name_as_in_source"]] = eid
        # names
        if region == "BE-BRU":
            names.append((eid, "fr", z["zone_name_fr"]))
            names.append((eid, "nl", nm_nl))
        elif z["language"] == "de":
            names.append((eid, "de", nm))
        elif region == "BE-WAL":
            names.append((eid, "fr", nm))
        else:
            names.append((eid, "nl", nm_nl))
        # municipalities
        for nis in z["nis_codes_pre2025"].split(";"):
            m = munis[nis]
            mname = m["municipality_NL"] if region == "BE-VLG" else m["municipality_FR"]
            emunis.append((eid, nis, mname, m["inhabitants"]))

    def resolve(ref_id):
        if ref_id.startswith("zone:"):
            return zone_ids[ref_id[5:]]
        return ref_id

    # ---- predecessors + lineage ---------------------------------------------------
    lineage = []
    for (pid, code, csrc, region, lang, nm, succ, on_date, lsrc, note) in PREDECESSORS:
        add_entity(pid, "local_police", code, csrc, "BE", region, lang, "", "", "", "", on_date, lsrc,
                   ("predecessor zone; " + note).rstrip("; "))
        names.append((pid, lang, nm))
        lineage.append((pid, zone_ids[succ], on_date, lsrc, ""))

    # ---- other entities ------------------------------------------------------------
    for eid, (kind, country, region, langs, parent, src, nms, note) in OTHER_ENTITIES.items():
        add_entity(eid, kind, "", "", country, region, langs, "", "", resolve(parent) if parent else "", "", "", src, note)
        for lang, nm in nms.items():
            names.append((eid, lang, nm))
    for dep, nm, src in FR_DDSP:
        eid = "fr-ddsp-" + dep
        note = ""
        if dep == "78":
            note = "the source describes @PoliceNat78 as the account of the Elancourt police station (circonscription of Saint-Quentin-en-Yvelines); attached to the Yvelines police nationale"
        add_entity(eid, "national_police", "", "", "FR", "FR-" + dep, "fr", "", "", "fr-police-nationale", "", "", src, note)
        names.append((eid, "fr", nm))

    # ---- UK forces -----------------------------------------------------------------
    uk_names = {v: k for k, v in HANDLE_ENTITY.items() if v.startswith("gb-")}
    for f in uk:
        eid = "gb-" + slug(f["pfa_name_ons2016"]) + "-police"
        region = {"England": "GB-ENG", "Wales": "GB-WLS"}[f["nation"]]
        add_entity(eid, "foreign_police", "", "", "GB", region, "en", f["population_census2011"], "2011", "", "", "",
                   "uk-pfa-pop2011-resistancelab", "police force area '%s' (ONS 2016 name)" % f["pfa_name_ons2016"])
        nm = uk_names.get(eid, f["pfa_name_ons2016"])
        nm = nm.replace(" (neighbourhood contact)", "")
        names.append((eid, "en", nm))

    # ---- regions ---------------------------------------------------------------------
    regions = [
        ("BE-VLG", "BE", "Vlaams Gewest", "", "statbel-pop-2020"),
        ("BE-WAL", "BE", "Région wallonne", "", "statbel-pop-2020"),
        ("BE-BRU", "BE", "Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest", "", "statbel-pop-2020"),
        ("GB-ENG", "GB", "England", "", "uk-pfa-pop2011-resistancelab"),
        ("GB-WLS", "GB", "Wales", "", "uk-pfa-pop2011-resistancelab"),
    ]
    fr_regions = {}
    for d in deps:
        code = d["Code du département"].strip()
        rcode = "FR-REG-" + d["code_region"].strip()
        fr_regions[rcode] = d["nom_region"].strip()
        regions.append(("FR-" + code, "FR", d["nom_departement"].strip(), rcode, "fr-departements-datagouv"))
    for rcode, rname in fr_regions.items():
        regions.append((rcode, "FR", rname, "", "fr-departements-datagouv"))

    # ---- the zones of 2013 that no longer exist (scripts/seed_history.py) ------------------
    bounds = {}
    seed_history.fold_zones({"entities": entities, "names": names, "emunis": emunis, "lineage": lineage,
                             "munis": munis, "add_entity": add_entity, "bounds": bounds})

    # ---- channels ----------------------------------------------------------------------
    channels = {}

    def add_channel(platform, handle, eid, url, langs, purposes, opened, first_seen, disclaimer, conf, conf_note, source,
                    note, platform_id="", status="", closed="", disclaimer_seen="", key=None):
        # handle None: a channel a source shows without naming it (key platform/unknown:ENTITY, no invented handle)
        key = key or platform + "/" + handle
        handle = handle or ""
        assert key not in channels, key
        assert eid in entities, (key, eid)
        channels[key] = [key, eid, platform, handle, url, platform_id, langs, purposes, status, opened, first_seen, closed,
                         disclaimer, disclaimer_seen, conf, conf_note, source, note]

    doc001_seen = "2013-01-31"
    for handle, owner, conf, cnote, heading in DOC001_HANDLES:
        h = handle.lower()
        note = "doc 001 heading: %s; January 2013 list" % heading
        if h == "gmpolice":
            note = "doc 001 ('le record', more than 120,000 followers, January 2013); also listed in erica-kane/uk_police_twitter (2022-06-03)"
        add_channel("x", h, resolve(owner), "https://twitter.com/" + handle, "", "", "", doc001_seen, "", conf, cnote,
                    D1, note)

    for r in handles:
        plat = {"X/Twitter": "x", "Facebook": "facebook_page", "Telegram": "telegram"}[r["platform"]]
        if plat == "telegram":
            continue  # scraper guesses, not confirmed to exist: excluded (see docs/data.md)
        h = r["handle"].lower()
        eid = HANDLE_ENTITY[r["entity"]]
        key = plat + "/" + h
        if key in channels:
            continue  # gmpolice already from doc 001
        src = HANDLE_SOURCE_KEYS[h]
        sd = r["source_date"]
        first_seen = ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", sd):
            first_seen = sd
        elif re.fullmatch(r"\d{4}-\d{2}", sd):
            first_seen = sd + ("-31" if sd.endswith("-01") else "")  # only 2014-01 occurs
        opened = "2013-12-23" if h == "pnationale44" else ""
        conf = {"very low": "low"}.get(r["confidence"], r["confidence"])
        note_parts = []
        if r["note"]:
            note_parts.append(r["note"])
        if sd and not first_seen:
            note_parts.append("source dated %s" % sd)
        elif re.fullmatch(r"\d{4}-\d{2}", sd):
            note_parts.append("source dated %s (month); first_seen_on set to the last day of that month" % sd)
        if plat == "x":
            url = "https://twitter.com/" + r["handle"]
        else:
            url = "https://www.facebook.com/" + r["handle"]
        cnote = ""
        if conf == "low":
            cnote = "single undated or secondary source (%s)" % r["source"]
        elif conf == "medium":
            cnote = "seen in a dated press source; later renaming not verified"
        langs = "fr" if r["country"] == "FR" else ("en" if r["country"] == "UK" else "")
        add_channel(plat, h, eid, url, langs, "", opened, first_seen, "", conf, cnote, src, "; ".join(note_parts))

    # Charleroi (doc 000)
    add_channel("facebook_group", None, "be-pz-charleroi-secteur-sud", "", "fr",
                "proximity", "2019-02-01", "2019-10-18", "", "medium",
                "handle not given by the source (no handle recorded); opened_on has month precision ('depuis fevrier 2019')",
                "doc-000-uvcw-charleroi-2019",
                "pilot Facebook group of the southern sector (Marcinelle, Mont-sur-Marchienne, Couillet); run by six people (the zone's communication cell and four police officers)",
                key="facebook_group/unknown:be-pz-charleroi-secteur-sud")
    add_channel("facebook_page", None, "be-pz-charleroi", "", "fr", "", "", "2019-10-18",
                "", "medium", "handle not given by the source (no handle recorded)",
                "doc-000-uvcw-charleroi-2019",
                "the source says the Charleroi police is the first to combine a Facebook page and a Facebook group",
                key="facebook_page/unknown:be-pz-charleroi")
    # Seraing/Neupre (doc 004)
    add_channel("website", "policelocale.be/5278", "be-pz-seraing-neupre", "http://www.policelocale.be/5278", "fr", "", "",
                "", "", "high", "", "doc-004-plp-neupre-plan", "zone website named in the PLP communication plan (undated)")
    add_channel("website", "neupre.be/plp", "be-plp-neupre", "http://www.neupre.be/plp", "fr", "prevention", "", "", "",
                "medium", "municipal page about the PLP, run by the municipal administration rather than the partnership",
                "doc-004-plp-neupre-plan", "named in the PLP communication plan as the administration's PLP contact")
    add_channel("mailing_list", "plp-neupre-google-group", "be-plp-neupre", "", "fr", "prevention", "", "", "yes", "high",
                "descriptive handle (the source names a Google group, no address is copied)", "doc-004-plp-neupre-plan",
                "non-urgent information from the police via neighbourhood coordinators; urgent: by phone only, 101")
    add_channel("sms_alert", "plp-neupre-sms", "be-plp-neupre", "", "fr", "prevention", "", "", "yes", "high",
                "descriptive handle", "doc-004-plp-neupre-plan",
                "police can send SMS simultaneously to all PLP members in urgent cases; citizens report urgent matters by phone only (101)")

    # ---- snapshots ---------------------------------------------------------------------
    snapshots = [
        ("facebook_group/unknown:be-pz-charleroi-secteur-sud", "2019-10-18", "1500", "", "", "", "",
         "doc-000-uvcw-charleroi-2019", "more than 1,500 members (plus de 1.500 membres)"),
        ("x/gmpolice", "2013-01-31", "120000", "", "", "", "", D1, "January 2013, 'plus de 120.000' abonnes"),
        ("x/gendarmerie", "2017-02-28", "230000", "", "", "", "", "an-qe-14-84569-2017",
         "more than 230,000 (plus de 230 000)"),
    ]

    # ---- reference figures ----------------------------------------------------------------
    refs = []
    for row in REFERENCE_FIGURES:
        row = list(row)
        if row[10]:
            row[10] = resolve(row[10])
            assert row[10] in entities, row
        refs.append(row)

    # ---- the 2013-2026 evidence (scripts/seed_history.py) ---------------------------------------
    surveys, code_rows, owners = seed_history.fold({
        "read_csv": read_csv, "data": data, "entities": entities, "names": names, "emunis": emunis,
        "lineage": lineage, "channels": channels, "snapshots": snapshots, "refs": refs, "sources": SOURCES,
        "munis": munis, "zone_ids": zone_ids, "add_entity": add_entity, "add_channel": add_channel, "bounds": bounds})

    # ---- sources ----------------------------------------------------------------------------
    src_rows = [(k, t, p, u, pub, seed_history.RETRIEVED_LATER.get(k, RETRIEVED), n)
                for k, (t, p, u, pub, n) in SOURCES.items()]

    # ---- write -----------------------------------------------------------------------------
    write_csv("sources.csv", ["key", "title", "publisher", "url", "published_on", "retrieved_on", "note"], src_rows)
    write_csv("entities.csv", ["id", "kind", "code", "code_source", "country", "region", "languages", "population",
                               "population_year", "parent_id", "valid_from", "valid_to", "source", "note",
                               "placeholder", "valid_from_earliest", "valid_from_latest", "valid_to_earliest",
                               "valid_to_latest"],
              [tuple(e) + (("yes" if e[0] in PLACEHOLDERS else ""),) + tuple(bounds.get(e[0], ["", "", "", ""]))
               for e in entities.values()])
    write_csv("entity_codes.csv", ["entity_id", "code", "title", "confidence", "source", "note"], code_rows)
    write_csv("surveys.csv", ["entity_id", "platform", "observed_on", "result", "handle", "method", "confidence",
                              "source", "note"], surveys)
    write_csv("channel_owners.csv", ["channel", "entity_id", "valid_from", "valid_to", "source", "note"], owners)
    write_csv("entity_names.csv", ["entity_id", "lang", "name"], names)
    write_csv("entity_municipalities.csv", ["entity_id", "nis_code", "name", "population"], emunis)
    write_csv("lineage.csv", ["predecessor_id", "successor_id", "on_date", "source", "note"], lineage)
    write_csv("channels.csv", ["key", "entity_id", "platform", "handle", "url", "platform_id", "languages", "purposes",
                               "status", "opened_on", "first_seen_on", "closed_on", "emergency_disclaimer",
                               "disclaimer_seen_on", "confidence", "confidence_note", "source", "note"],
              channels.values())
    write_csv("snapshots.csv", ["channel", "observed_at", "followers", "following", "posts", "engagements",
                                "engagement_window_days", "source", "note"], snapshots)
    write_csv("reference_figures.csv", ["id", "label", "metric", "value", "denominator", "unit", "country", "region",
                                        "entity_kind", "platform", "entity_id", "as_of", "as_of_precision", "source",
                                        "note"], refs)
    write_csv("regions.csv", ["code", "country", "name", "parent_code", "source"], regions)

    # ---- checks ------------------------------------------------------------------------------
    problems = []
    current = [e for e in entities.values()
               if e[1] == "local_police" and e[4] == "BE" and not e[11] and e[0] not in PLACEHOLDERS]
    current_ids = {e[0] for e in current}
    by_region = {}
    for e in current:
        by_region[e[5]] = by_region.get(e[5], 0) + 1
    pop = sum(int(e[7]) for e in current)
    nis_seen = {}
    for (eid, nis, _, _) in emunis:
        if eid in current_ids:
            nis_seen[nis] = nis_seen.get(nis, 0) + 1
    muni_ok = len(nis_seen) == len(munis) == 581 and all(v == 1 for v in nis_seen.values())
    muni_pop = sum(int(r[3]) for r in emunis if r[0] in current_ids)
    doc001 = {h.lower() for h, *_ in DOC001_HANDLES}
    doc001_present = sum(1 for h in doc001 if ("x/" + h) in channels and channels["x/" + h][1] in entities)
    codes = [e for e in entities.values() if e[2]]

    # every source key exists, every row has a source
    src_keys = set(SOURCES)
    def need(key, what):
        if not key:
            problems.append("missing source: %s" % what)
        elif key not in src_keys:
            problems.append("unknown source %s in %s" % (key, what))
    for e in entities.values():
        need(e[12], "entity " + e[0])
        if e[2]:
            need(e[3], "code_source of " + e[0])
    for c in channels.values():
        need(c[16], "channel " + c[0])
    for s in surveys:
        need(s[7], "survey %s %s %s" % (s[0], s[1], s[2]))
        if s[0] not in entities:
            problems.append("survey for unknown entity " + s[0])
    skeys = [(s[0], s[1], s[2], s[7]) for s in surveys]
    if len(set(skeys)) != len(skeys):
        problems.append("duplicate survey keys: %s" % sorted(k for k in set(skeys) if skeys.count(k) > 1)[:5])
    for c in code_rows:
        need(c[4], "code %s" % c[1])
    for o in owners:
        need(o[4], "owner of " + o[0])
    for c in channels.values():
        if not c[3] and "/unknown:" not in c[0]:
            problems.append("channel without handle and without an unknown key: " + c[0])
    for s in snapshots:
        need(s[7], "snapshot " + s[0])
        if s[0] not in channels:
            problems.append("snapshot for unknown channel " + s[0])
    for r in refs:
        need(r[13], "reference figure " + r[0])
    for l in lineage:
        need(l[3], "lineage %s" % l[0])
    for r in regions:
        need(r[4], "region " + r[0])
    for e in entities.values():
        if e[9] and e[9] not in entities:
            problems.append("unknown parent %s" % e[9])
    named = {n[0] for n in names}
    for eid in entities:
        if eid not in named:
            problems.append("entity without a name: " + eid)
    valid_regions = {r[0] for r in regions}
    for e in entities.values():
        if e[5] and e[5] not in valid_regions:
            problems.append("unknown region %s on %s" % (e[5], e[0]))

    # personal data scan over every output file
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"\b0\d{1,3}[/ .]\d{2,3}[ .]?\d{2}[ .]?\d{2}\b|\+\d{2}\s?\d")
    banned = ["carboni", "litt", "mairy", "depret", "jambon", "ben hamou", "raspe", "stratsaert", "gmail", "hotmail"]
    for fn in sorted(os.listdir(OUT_DIR)):
        if not fn.endswith(".csv"):
            continue
        text = open(os.path.join(OUT_DIR, fn), encoding="utf-8").read()
        low = text.lower()
        if email.search(text):
            problems.append("e-mail-like text in %s: %s" % (fn, email.search(text).group(0)))
        if phone.search(text):
            problems.append("phone-like text in %s: %s" % (fn, phone.search(text).group(0)))
        for b in banned:
            if re.search(r"\b" + re.escape(b) + r"\b", low):
                problems.append("personal name or address '%s' in %s" % (b, fn))
        if "\r" in text or text.startswith("\ufeff"):
            problems.append("CR or BOM in " + fn)

    print("seed written to %s" % OUT_DIR)
    print("entities: %d (current Belgian zones %d: BE-VLG %d, BE-WAL %d, BE-BRU %d)" % (
        len(entities), len(current), by_region.get("BE-VLG", 0), by_region.get("BE-WAL", 0), by_region.get("BE-BRU", 0)))
    print("population of current zones: {:,}".format(pop))
    print("municipalities: %d rows, %d distinct NIS, each in exactly one zone: %s, population {:,}".format(muni_pop)
          % (len(emunis), len(nis_seen), "yes" if muni_ok else "NO"))
    print("zone codes: %d entities with a code (all with code_source)" % len(codes))
    print("predecessor zones: %d, lineage rows: %d" % (len(PREDECESSORS), len(lineage)))
    print("doc 001 unique handles: %d, present in channels.csv with an entity: %d" % (len(doc001), doc001_present))
    print("channels: %d, snapshots: %d, reference figures: %d, sources: %d, regions: %d" % (
        len(channels), len(snapshots), len(refs), len(src_rows), len(regions)))
    print("surveys: %d, code facts: %d, ownership periods: %d, channels without a handle: %d" % (
        len(surveys), len(code_rows), len(owners), sum(1 for c in channels.values() if not c[3])))

    def count_on(day, region=None):
        return sum(1 for e in entities.values()
                   if e[1] == "local_police" and e[4] == "BE" and e[0] not in PLACEHOLDERS
                   and (not e[10] or e[10] <= day) and (not e[11] or e[11] > day) and (region is None or e[5] == region))
    for day in ("2012-12-31", "2013-06-30", "2014-05-31", "2015-04-02", "2018-12-31", "2019-01-01", "2026-11-30"):
        print("local police zones on %s: %d (BE-VLG %d, BE-WAL %d, BE-BRU %d)" % (
            day, count_on(day), count_on(day, "BE-VLG"), count_on(day, "BE-WAL"), count_on(day, "BE-BRU")))
    print("every source key referenced exists and every row has a source: %s" % (
        "yes" if not [p for p in problems if "source" in p] else "NO"))
    print("no personal data (names, phone numbers, e-mails): %s" % (
        "yes" if not [p for p in problems if "personal" in p or "phone" in p or "e-mail" in p] else "NO"))
    ok = (len(current) == 176 and by_region == {"BE-VLG": 99, "BE-WAL": 71, "BE-BRU": 6} and pop == 11492641
          and muni_ok and doc001_present == 32 == len(doc001) and not problems
          and count_on("2013-06-30") == 195)
    for p in problems:
        print("PROBLEM: " + p)
    print("ALL CHECKS PASSED" if ok else "CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
