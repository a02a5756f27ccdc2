"""Who wrote or sent the article: agencies, datelines, bylines, roles, credits and bios."""

from __future__ import annotations

import re

from ingest.clean.rules.compile import rx

AGENCY = rx(
    r"\b(?:Reuters|AFP|AP|Associated Press|Agence France[- ]Presse|dpa|Deutsche Presse-Agentur|EFE|"
    r"Europa Press|ANSA|Xinhua|TASS|Interfax|RIA Novosti|Kyodo|Yonhap|PA Media|UPI|Bloomberg|"
    r"KNA|epd|APA|SDA|Keystone-SDA|Belga|ANP|Lusa|Anadolu(?: Agency| Ajansı)?|AA|IANS|PTI|ANI|AAP|"
    r"Bernama|Antara|WAFA|SANA|IRNA|WAM|KUNA|QNA|Notimex|Télam|[\w.-]+(?: [\w.-]+){0,3} "
    r"(?:News Agency|Agency|Presse?-?Agentur|Nachrichtenagentur))\b"
)
# A news dateline opening the article's first paragraph: the place, the agency in brackets, then a dash
# ("LOS ANGELES (AP) — ...", "HAYWARD, Calif. (AP) — ...", "Berlin (dpa) - ...", "MADRID, 5 Nov. (EUROPA PRESS) -"),
# or a place in capitals and a long dash ("WASHINGTON — ..."). It is body, and where the article starts.
DATELINE = rx(
    rf"^(?:[^\W\d_][\w.'’-]*(?:[ ,]+[\w.'’/-]+){{0,5}}\s*\((?:{AGENCY.pattern})\)\s*[—–-]|"
    r"(?-i:[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{2,30})(?:,\s*[A-Z][\w.]*){0,2}\s+[—–])\s+\S"
)
_AGENCIES = rf"\(?{AGENCY.pattern}(?:\s*[/,&]\s*{AGENCY.pattern})*\)?"
AGENCY_LINE = rx(rf"^(?:(?:with|mit|avec|con)\s+)?{_AGENCIES}\.?$")
AGENCY_DATED = rx(rf"^{_AGENCIES}\s+(?=[^.!?]*\d{{4}})[^.!?]{{4,40}}$")  # "Reuters November 18, 2019 11:03 PM"
_DATE_WORD = r"updated|published|posted|on|am|publiziert|veröffentlicht|aktualisiert|le|publié|mis à jour|el|publicado"
# A name word starts with a capital (any script's lowercase Latin-1 letters excluded), so
# "By the end of the year" is prose, not a byline; particles ("van", "de") may precede one.
_NAME = r"(?-i:[^\W\d_a-zß-öø-ÿ])[\w'’.-]*"
_PARTICLE = r"(?-i:von|van|de|der|den|del|della|da|di|du|la|le|dos|das)"
_HANDLE = r"@\w{1,15}"
# A date in words with its time, alone after the names ("Nov 19, 2019, 10:31 pm EST", "3. März 2025 10:31",
# "3 de noviembre de 2025").
_WORDED_DATE = (
    r"(?:(?-i:[A-Z][a-z]{2,8})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,10}\.?,?\s+(?:de\s+)?\d{4})"
    r"(?:[\s,|·-]+(?:(?:at|um|à|a las)\s+)?\d{1,2}[:.h]\d\d\s*(?:[ap]\.?m\.?|Uhr)?(?:\s+[A-Z]{2,4})?)?"
)
NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+(?-i:and|und|et|y|&)\s+|\s+(?:{_PARTICLE}\s+)*){_NAME})*"
BYLINE_BY = re.compile(
    rf"^(?:[^|]{{1,30}}\|\s*)?"  # a section before it: "Ciclismo | Por: Juan Diego | Actualizado el: ..."
    rf"(?i:by|von|par|por|di|text|texto|(?:written|posted|reported|story|words) by|authors?|autor(?:in)?|"
    rf"auteure?|autora|текст|автор)\s*:?\s+(?P<names>{NAMES})"
    rf"(?:(?:\s*[|–—]\s*|\s+-\s+)(?P<tail>.{{1,60}})|\s+(?i:with|mit|avec|con)\s+(?P<agency>{AGENCY.pattern})"
    rf"|\s+(?i:{_DATE_WORD})\b.{{0,60}}|\s*·\s*\d.{{0,60}}|\s+[-–—|·]"  # "Текст: Анна Петрова·24 сентября 2018"
    rf"|\s+\d{{4}}-\d\d-\d\d\S*.{{0,60}}"  # "By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy"
    rf"|\s+[\w.+-]+@[\w-]+\.[\w.-]+.{{0,30}}"  # "By Megan Rowe meganr@example.com(509) 459-5382"
    rf"|\s*{_HANDLE}(?:\s.{{0,60}})?"  # "By Chaim Gartenberg@cgartenberg Nov 19, 2019, 7:53pm EST"
    rf"|\s+{_WORDED_DATE})?$",  # "by Regan September 15, 2014"
    re.U | re.I,
)
_CMS_USER = r"(?-i:[a-z])[\w.-]{2,30}"  # a blog's login name, shown as is ("/by jdadmin")
# "Monday November 18, 2019 7:45 am PST by Joe Rossignol": a byline closing a date line, a few
# characters after its last digit or a separator, or right after a slash ("... /by jdadmin");
# a headline ("... given asylum by Russia") has neither.
GLUED_BYLINE = re.compile(
    rf"(?:(?:\d|[/|·•])\D{{0,12}}\s|\s?/)(?i:by|von|par|por):?\s+(?P<names>{NAMES}|{_CMS_USER})$", re.U
)
ROLE = rx(
    r"\b(?:(?:AP |Associated Press )?(?:\w+ )?writer|(?:\w+ )?correspondent|reporter|(?:\w+ )?editor|contributor|"
    r"(?:\w+ )?professor|lecturer|researcher|(?:\w+ )?fellow|"
    r"Redakteur(?:in)?|Korrespondent(?:in)?|Autor(?:in)?|Professor(?:in)?|journaliste|professeure?|chercheuse|"
    r"chercheur|rédact(?:eur|rice)|envoyée? spéciale?|correspons[ae]l|periodista|redactora?|redacción|profesora?|"
    r"investigadora?)\b"
)
# A rank word makes a job title of the capitalised words closing a name line ("Bruce Lee Senior Contributor").
_RANK = r"(?-i:Senior|Staff|Contributing|Chief|Associate|Deputy|Managing|Executive|Special|Guest|Freier|Freie|Leitende)"
BYLINE_ROLE = rx(
    rf"^(?P<names>{NAMES})(?:\s*[|,–—/-]\s*{ROLE.pattern}.{{0,60}}|\s+(?={_RANK}\s)(?:{_RANK}\s+)?{ROLE.pattern})$"
)
ROLE_HANDLE = rx(rf"^(?:[\w-]+ ){{0,3}}{ROLE.pattern}\s+{_HANDLE}$")  # "News reporter @TomGillespie1"
# A name with its handle, then the time since posting ("Catherine Shu @catherineshu / 2 days").
BYLINE_HANDLE = re.compile(rf"^(?P<names>{NAMES})\s*{_HANDLE}\s*[/|·•–—-]\s*\d.{{0,30}}$", re.U)
# A name opening a date line or a blog's meta line, as sites print the author without "By"
# ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "Carlos Nadalim 27/09/2018 Comente!").
DATED_NAME = re.compile(
    rf"^(?P<names>{_NAME}(?: {_NAME}){{1,2}})\s*(?:[-–—|·•]\s*)?"
    r"(?=\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\d{4}-\d\d-\d\d"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}\.? [^\W\d_]{3,9}\.? \d{4})"
)
SITE_NAME = re.compile(r"\w\.(?:com|org|net|co\.uk|de|fr|es|it|ru|info|news)$", re.I)
ACRONYM = re.compile(r"[A-Z]{2,6}")
OUTLET_WORD = re.compile(
    r"\b(?:News|Times|Post|Herald|Journal|Gazette|Tribune|Chronicle|Telegraph|Courier|Daily|Weekly|Magazine|"
    r"Radio|TV|Press|Blog|Zeitung|Presse|Tageblatt|Rundschau|Diario|Periódico|Corriere|Gazzetta)$"
)
CREDITS = rx(
    r"^\(?(?:(?:additional )?(?:reporting|writing|editing|compiled|research) by|"
    r"(?:researched|edited|written|reported|produced|fact-checked) by(?=\s*:)|mit material von|"
    r"avec (?:l'|l’)?(?:AFP|agences)|con información de|redacción\s*:|"
    r"(?:have a tip\?\s*)?[\w .'-]{2,60} (?:may|can) be reached at|write to [\w .'-]{2,60} at \S+@)\b.{0,200}$"
    r"|^.{0,200}\bcontributed to this (?:report|story|article)\.?$"
)
# What a bio says of a writer; "joined" (the paper, the band) only counts under the writer's name line.
WRITER_BIO = rx(
    r"\b(?:is an? (?:[\w-]+ ){0,3}(?:writer|reporter|editor|journalist|correspondent|contributor|columnist|"
    r"author|blogger)|writes (?:about|for)|has been (?:reporting|writing|covering))"
)
AUTHOR_BIO = rx(rf"\bjoined \w|{WRITER_BIO.pattern}")
