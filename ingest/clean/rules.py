"""Named boilerplate patterns in English, German, French, Spanish, Italian, Portuguese and Russian.

Each rule name is what `Article.removed` reports. Patterns are anchored to whole
lines and capped in length so that prose which merely mentions "comments" or
"related" never matches: losing body text is worse than keeping a stray line.
Context (position, neighbours, runs) is decided in `classify.py`, not here.

Rule names: byline, dates, section, tags, related, caption, source, footer, promo, markup;
the classifier adds nav and aside for unclaimed lines outside the article.
"""

from __future__ import annotations

import re

from ingest.clean.lines import Line

BYLINE, DATES, SECTION, TAGS, RELATED = "byline", "dates", "section", "tags", "related"
CAPTION, SOURCE, FOOTER, PROMO, MARKUP = "caption", "source", "footer", "promo", "markup"
# Rules whose lines may sit between a headline and the article text.
HEADER_RULES = frozenset({BYLINE, DATES, SECTION, TAGS, CAPTION, PROMO, FOOTER})

_I = re.I | re.U
# An identifier alone on a line ("facebook_url", "dp3_1_en", "arrow_forward_ios"): a template variable,
# an image's file name or an icon font's ligature that the page left unrendered; no text reads so.
IDENTIFIER = re.compile(r"^[^\W_]+(?:_[^\W_]+)+$")
_CREDIT_MAX_WORDS = 8
_CAPTION_MAX_WORDS = 80
_DATED_BYLINE_MAX_WORDS = 20
_PORTRAIT_MAX_WORDS = 15


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


AGENCY = _rx(
    r"\b(?:Reuters|AFP|AP|Associated Press|Agence France[- ]Presse|dpa|Deutsche Presse-Agentur|EFE|"
    r"Europa Press|ANSA|Xinhua|TASS|Interfax|RIA Novosti|Kyodo|Yonhap|PA Media|UPI|Bloomberg|"
    r"KNA|epd|APA|SDA|Keystone-SDA|Belga|ANP|Lusa|Anadolu(?: Agency| Ajansı)?|AA|IANS|PTI|ANI|AAP|"
    r"Bernama|Antara|WAFA|SANA|IRNA|WAM|KUNA|QNA|Notimex|Télam|[\w.-]+(?: [\w.-]+){0,3} "
    r"(?:News Agency|Agency|Presse?-?Agentur|Nachrichtenagentur))\b"
)
_AGENCIES = rf"\(?{AGENCY.pattern}(?:\s*[/,&]\s*{AGENCY.pattern})*\)?"
AGENCY_LINE = _rx(rf"^(?:(?:with|mit|avec|con)\s+)?{_AGENCIES}\.?$")
AGENCY_DATED = _rx(rf"^{_AGENCIES}\s+(?=[^.!?]*\d{{4}})[^.!?]{{4,40}}$")  # "Reuters November 18, 2019 11:03 PM"

_DATE_WORD = r"updated|published|posted|on|am|publiziert|veröffentlicht|aktualisiert|le|publié|mis à jour|el|publicado"
# A name word starts with a capital (any script's lowercase Latin-1 letters excluded), so
# "By the end of the year" is prose, not a byline; particles ("van", "de") may precede one.
_NAME = r"(?-i:[^\W\d_a-zß-öø-ÿ])[\w'’.-]*"
_PARTICLE = r"(?-i:von|van|de|der|den|del|della|da|di|du|la|le|dos|das)"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+(?-i:and|und|et|y|&)\s+|\s+(?:{_PARTICLE}\s+)*){_NAME})*"
BYLINE_BY = re.compile(
    rf"^(?i:by|von|par|por|di|text|texto|(?:written|posted|reported|story|words) by|authors?|autor(?:in)?|"
    rf"auteure?|autora|текст|автор)\s*:?\s+(?P<names>{_NAMES})"
    rf"(?:\s*[|–—]\s*(?P<tail>.{{1,60}})|\s+(?i:with|mit|avec|con)\s+(?P<agency>{AGENCY.pattern})"
    rf"|\s+(?i:{_DATE_WORD})\b.{{0,60}}|\s*·\s*\d.{{0,60}}|\s+[-–—|·]"  # "Текст: Анна Петрова·24 сентября 2018"
    rf"|\s+\d{{4}}-\d\d-\d\d\S*.{{0,60}}"  # "By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy"
    rf"|\s+[\w.+-]+@[\w-]+\.[\w.-]+.{{0,30}})?$",  # "By Megan Rowe meganr@example.com(509) 459-5382"
    re.U | re.I,
)
_CMS_USER = r"(?-i:[a-z])[\w.-]{2,30}"  # a blog's login name, shown as is ("/by jdadmin")
# "Monday November 18, 2019 7:45 am PST by Joe Rossignol": a byline closing a date line, a few
# characters after its last digit or a separator, or right after a slash ("... /by jdadmin");
# a headline ("... given asylum by Russia") has neither.
GLUED_BYLINE = re.compile(
    rf"(?:(?:\d|[/|·•])\D{{0,12}}\s|\s?/)(?i:by|von|par|por):?\s+(?P<names>{_NAMES}|{_CMS_USER})$", re.U
)
ROLE = _rx(
    r"\b(?:staff writer|senior writer|(?:\w+ )?correspondent|reporter|(?:\w+ )?editor|contributor|"
    r"(?:\w+ )?professor|lecturer|researcher|(?:\w+ )?fellow|"
    r"Redakteur(?:in)?|Korrespondent(?:in)?|Autor(?:in)?|Professor(?:in)?|journaliste|professeure?|chercheuse|"
    r"chercheur|rédact(?:eur|rice)|envoyée? spéciale?|correspons[ae]l|periodista|redactora?|redacción|profesora?|"
    r"investigadora?)\b"
)
BYLINE_ROLE = _rx(rf"^(?P<names>{_NAMES})\s*[|,–—/-]\s*{ROLE.pattern}.{{0,60}}$")
ROLE_HANDLE = _rx(rf"^(?:[\w-]+ ){{0,3}}{ROLE.pattern}\s+@\w{{1,15}}$")  # "News reporter @TomGillespie1"
CREDITS = _rx(
    r"^\(?(?:(?:additional )?(?:reporting|writing|editing|compiled|research) by|"
    r"(?:researched|edited|written|reported|produced|fact-checked) by(?=\s*:)|mit material von|"
    r"avec (?:l'|l’)?(?:AFP|agences)|con información de|redacción\s*:|"
    r"(?:have a tip\?\s*)?[\w .'-]{2,60} (?:may|can) be reached at|write to [\w .'-]{2,60} at \S+@)\b.{0,200}$"
    r"|^.{0,200}\bcontributed to this (?:report|story|article)\.?$"
)

_MODIFIED_LABEL = (
    r"(?:updated|modified|last updated|aktualisiert|zuletzt aktualisiert|geändert|"
    r"mis à jour|modifié|actualisé|actualizado|modificado|última actualización|обновлено|изменено)"
)
_DATE_LABEL = (
    r"(?:published|posted|first published|veröffentlicht|stand|erstellt|publié|publicado|"
    rf"pubblicato|aggiornato|atualizado|опубликовано|{_MODIFIED_LABEL})"
)
DATE_LABELLED = _rx(rf"^{_DATE_LABEL}(?:\s+(?:date|on|at|am|um|le|el|à|a las))?\s*:?\s*(?P<rest>.*)$")
DATE_LABEL_ALONE = _rx(rf"^(?:{_DATE_LABEL}|publish(?:ed)? date|publication date|date)\s*:?$")  # its date on the next line
DATE_LABEL_SPLIT = _rx(rf"[,;|·]\s*(?={_DATE_LABEL}\b)")
MODIFIED_LABEL = _rx(rf"^{_MODIFIED_LABEL}")
RELATIVE_TIME = _rx(
    r"^(?:(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|"
    r"vor\s+(?:\d+|einer?|einem)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?)|"
    r"il y a\s+(?:\d+|une?)\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois)|"
    r"hace\s+(?:\d+|una?)\s+(?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?)|"
    r"há\s+(?:\d+|uma?)\s+(?:segundos?|minutos?|horas?|dias?|semanas?|m[eê]s(?:es)?)|"
    r"(?:\d+|una?)\s+(?:secondi|minuti|ore|giorni|settimane|mesi|ora|giorno)\s+fa|"
    r"just now|gerade eben|à l'instant|ahora mismo|"
    r"(?:yesterday|gestern|hier|ayer|today|heute|aujourd'hui|hoy)(?:,?\s*(?:at |um |à |a las )?\d{1,2}[:h.]\d\d"
    r"(?:\s*[ap]\.?m\.?)?)?)$"
)

_HOME = r"(?:home|startseite|start|accueil|inicio|portada)"
BREADCRUMB = _rx(
    rf"^(?:{_HOME}\s*[>›»/|]\s*.{{1,80}}|[^>›»\n]{{1,40}}(?:\s*[>›»]\s*[^>›»\n]{{1,40}}){{2,}})$"
)
SECTION_WORD = _rx(
    r"^(?:world|world news|news|politics|business|economy|markets|finance|tech(?:nology)?|science|health|"
    r"sports?|culture|arts|entertainment|opinion|lifestyle|travel|europe|africa|asia|americas|"
    r"middle east|us|uk|u\.s\.|national|international|local|region|climate|environment|"
    r"welt|politik|wirtschaft|kultur|wissen|ausland|inland|panorama|feuilleton|meinung|"
    r"monde|politique|économie|société|sciences|france|"
    r"mundo|política|economía|sociedad|deportes|cultura|internacional|nacional|españa|opinión|"
    r"cronaca|esteri|spettacoli|economia|esportes|brasil|"
    r"новости|политика|экономика|общество|спорт|культура|наука|в мире|происшествия|мнения)(?: news)?$"
)
READING_TIME = _rx(
    r"^(?:(?:lecture|reading time|read time|lesezeit|lesedauer|lectura|tiempo de lectura)\s*:?\s*)?\d+\s*"
    r"(?:min(?:ute)?s?|minuten|minutos)\.?(?:\s+(?:read|de lecture|lesezeit|lesen|de lectura))?$|"
    r"^(?:word ?count|wortanzahl|nombre de mots)\s*:?\s*[\d,.]+$"
)
TAGS_LINE = _rx(
    r"^(?:tags|topics|subjects|filed (?:under|to|in)|themen|schlagwörter|schlagworte|stichworte|mots[- ]clés|sujets|thèmes|"
    r"etiquetas|temas|argomenti|tópicos|теги|метки|темы)\s*:.{0,300}$"
)

# Link-list headers that also appear inside an article ("Related:", "Lesen Sie auch:") ...
_INLINE_HEAD = (
    r"related(?: stories| articles| news| content| coverage| posts| links| videos)?(?: (?:from|on|in) [^:.!?]{1,60}(?=:))?|"
    r"read more|read also|read next|"
    r"also read|see also|see more|more on this(?: story| topic)?|most read in [\w ]{1,30}|don[’']t miss|"
    r"mehr zum thema|lesen sie auch|lesen sie mehr|auch interessant|mehr dazu|weiterlesen|"
    r"[àa] lire aussi|lire aussi|lire la suite|voir aussi|sur le même sujet|"
    r"lee también|leer más|ver también|relacionad[oa]s?|más información|te puede interesar|"
    r"también te puede interesar|leggi anche|potrebbe interessarti|articoli correlati|leia também|leia mais|"
    r"veja também|saiba mais|notícias relacionadas|читайте также|читайте (?:ещё|еще)|смотрите также|по теме|"
    r"(?:материалы|ещё|еще) по теме"
)
# ... and those that open the page's trailer: nothing after them belongs to the article.
_TRAILER_HEAD = (
    r"more (?:stories|news|articles|videos)(?: like this(?: one)?)?|most (?:read|popular|viewed|shared)(?: stories| articles)?|"
    r"trending(?: now| news| stories| articles)?|recommended(?: for you| stories| articles)?|"
    r"you (?:may|might) also (?:like|be interested in|enjoy)|editor's picks|top stories(?: in [\w ]{1,30})?|"
    r"(?:[\w .'’-]{1,40}['’]s )?(?:most )?recent (?:posts|stories|articles)|elsewhere on [\w .-]{1,40}|neueste beiträge|articles récents|entradas recientes|"
    r"latest(?: news| stories| articles| videos)?|weitere videos|neueste videos|dernières vidéos|plus de vidéos|"
    r"últimos vídeos|más vídeos|in case you missed it|popular(?: now| stories)?|"
    r"das könnte sie auch interessieren|weitere artikel|weitere nachrichten|meistgelesen|"
    r"meist(?:gelesen|kommentiert|geteilt)e? artikel|empfohlen|top-themen|"
    r"les plus lus|dans la même rubrique|nos articles|à découvrir aussi|vous aimerez (?:aussi|peut-être aussi)|"
    r"à lire également|sponsored stories|around the web|related topics|"
    r"noticias relacionadas|más noticias|lo más leído|"
    r"lo más visto|te recomendamos|i più letti|più letti|mais lidas|mais lidos|"
    r"самое (?:читаемое|популярное)|популярное|другие новости|"
    r"новости партн[её]ров|главное за (?:день|сутки)|последние новости|свежие записи|"
    r"вам (?:также )?может быть интересно"
)
_HEAD_END = r"\s*(?:\.{3}|…)?\s*(?:[:|»›>–—-]\s*(?P<rest>.*))?$"
RELATED_HEAD = _rx(rf"^(?:{_INLINE_HEAD}|{_TRAILER_HEAD}){_HEAD_END}")
MORE_FROM_SITE = _rx(r"^(?:more (?:from|in)|mehr (?:von|aus))\s+[^.!?:]{1,50}(?:\.{3}|…)?$")
# "34 responses to “Headline”": WordPress' header over its comment thread.
_THREAD_HEAD = r"(?:\d+|one|no) (?:responses?|comments?|replies|thoughts?) (?:to|on) [\"“„«].{1,200}"
# Where the comment section starts (not a comment count, which also sits in headers).
COMMENTS_START = _rx(
    rf"^(?:{_THREAD_HEAD}|(?:view|show|load|read) (?:all )?comments|(?:blog )?comments powered by \w+|"
    r"leave a (?:comment|reply)|comments are closed\.?|добавить комментарий|"
    r"kommentar schreiben|kommentare anzeigen|laisser un commentaire|deja (?:un|tu) comentario)$"
)
TRAILER_HEAD = _rx(rf"^(?:{_TRAILER_HEAD}){_HEAD_END}")
_MORE_ON = (
    r"(?:more (?:(?:articles|stories|posts) )?(?:from|on|in|about|by)|mehr (?:von|aus|zu|zum|zur)|plus sur|más sobre)"
    r"\s+[^.!?]{1,50}(?:\.{3}|…)?"
)
MORE_ON_HEAD = _rx(rf"^{_MORE_ON}$")  # "More on Slate Book Review": a header over links
MORE_FROM = _rx(rf"^(?:{_MORE_ON}|also on [\w.-]+\.[a-z]{{2,}}\b.{{0,200}})$")

CAPTION_CREDIT = _rx(
    r"(?:\(\s*(?:photos?|fotos?|фото|bild(?:er)?|image(?: credit)?|picture|credit|crédit|crédito|foto ?credit|"
    r"illustration)"
    r"\s*:[^()]{1,80}\)|(?:photos?|fotos?|фото|bild|image|picture|photograph|crédit photo|crédito)\s*:\s*[^.!?]{2,80}|"
    r"\b(?:photos?|fotos?|фото|bild|image|photograph)\s*:\s*(?:[\w/&-]+\.?\s*){1,4}|"
    r"©\s*[^.!?]{2,60}|\b(?:getty images|shutterstock|imago|picture alliance|afp via getty images)|"
    r"(?-i:Credit)\s*:\s*[^.!?]{2,60}|"
    r"\b(?:submitted|staff|file|courtesy|contributed|handout) (?:photo|image)s?|"
    rf"\w\s*/\s*{AGENCY.pattern}(?: file)?)\s*\.?$"  # "... Austria.Leonhard Foeger / Reuters file"
)
CREDIT_ONLY = _rx(
    r"^(?:\([^()]{2,80}\)|(?:photos?|fotos?|фото|bild|image|picture|photograph|credit)\s*:\s*\S+(?:\s+\S+){0,4}|"
    r"©.{2,60})$"
)
# What only a caption says of its photo: who stands where (", left,", "(center)"), "pictured at ...",
# "X took this image of ...", "... is seen in this photo".
CAPTION_CUE = _rx(
    r"(?:,\s*(?:left|right|center|centre|second from (?:left|right)),|\((?:left|right|center|centre|l-r|r-l)\)|"
    r",\s*pictured (?:at|in|on|with|during)\b|\b(?:took|shows?) this (?:image|photo|picture)\b|"
    r"\b(?:is|are) (?:seen|shown|pictured) (?:here|in this (?:image|photo|picture))\b)"
)
_CUED_CAPTION_MAX_WORDS = 60
# A portrait's caption: a full name, and when or where ("John M. Ford in 1987.", "Neil Gaiman and John M. Ford
# in 2002."); one capitalised word is no name ("Born in 1950", "Apple in 2019").
PORTRAIT_CAPTION = re.compile(rf"^(?P<names>{_NAMES}) (?:in|at) (?:[\w,.'’ -]{{0,40}} )?\d{{4}}\.?$", re.U)
# A picture agency alone, or a news agency after a photo label without colon ("Photo AFP"): a credit, of
# a photo that may have no caption, so it closes none (the line above may be a paragraph).
_PICTURE_AGENCIES = r"Getty(?: Images)?|Shutterstock|Alamy|AP Photo"
PICTURE_AGENCY = _rx(rf"^(?:{_PICTURE_AGENCIES}|imago|picture alliance|(?:photo|foto|bild) {AGENCY.pattern})$")
# A photographer's credit after a caption's last sentence, "Name/Agency" with or without brackets:
# "... Nov. 19, 2019. (Manu Fernandez/AP)", "... rabbits. ( STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)",
# "... to oppose it. Jaafar ASHTIYEH / AFP", or glued on ("... isn't easy.Kathrin Ziegler/Getty").
# Capitals on both sides of the slash: prose ends in a stop.
CLOSING_CREDIT = re.compile(r"(?:[.!?][\"”’]?\s+|(?<=[a-z])[.!?])\(?\s*[A-Z][\w.'’ -]{1,40}?\s*/\s*[A-Z][\w.'’& -]{1,40}?\s*\)?$")
# The same with a labelled credit or a picture agency alone: "... on Tuesday. (Photo: Getty)", "... of the drug. Getty".
CLOSING_PHOTO_CREDIT = _rx(
    r"(?:\(\s*(?:photos?|fotos?|фото|image|picture|credit|crédit|crédito)\s*:[^()]{1,80}\)\s*\.?"
    rf"|[.!?][\"”’]?\s+(?-i:{_PICTURE_AGENCIES}|Reuters/[A-Z][\w ]{{1,30}}))$"
)
# A one-word source after a caption's last sentence, with no stop of its own: "... medical use. Statista"
# (a paragraph signed with a full name, "... de derrubar. Lívia Barros Calado", is a letter's text).
CLOSING_SOURCE = re.compile(r"[a-z]{2,}[.!?][\"”’]?\s+[A-Z][\w&'’-]*$")
# A photographer's credit alone on its line, "Name Surname/Outlet": "Jason Cipriani/ZDNet".
NAME_SLASH_CREDIT = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} ?/ ?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}$")
# "... scissor switch keyboard via iFixit": a caption crediting its source; a sentence would end in a stop.
VIA_CREDIT = re.compile(r"\svia (?=\S*[A-Z])[\w.&'-]+(?: [A-Z][\w.&'-]*){0,3}$")  # "via iFixit", not "via email"
# What a bio says of a writer; "joined" (the paper, the band) only counts under the writer's name line.
WRITER_BIO = _rx(
    r"\b(?:is an? (?:[\w-]+ ){0,3}(?:writer|reporter|editor|journalist|correspondent|contributor|columnist|"
    r"author|blogger)|writes (?:about|for)|has been (?:reporting|writing|covering))"
)
AUTHOR_BIO = _rx(rf"\bjoined \w|{WRITER_BIO.pattern}")
TWEET_CREDIT = re.compile(r"^[^()]{1,80}\(@\w{1,15}\)\s+\S.{2,25}\d{4}$")
QUOTED = re.compile(r"[\"“”„«»]")
GALLERY_COUNTER = re.compile(r"^\d{1,3} (?:of|/|von|de|sur) \d{1,3}$")  # "1 of 6" over a photo gallery
CAPTION_START = _rx(
    r"^(?:(?:file )?(?:photos?|fotos?|фото|bild|image|picture|caption|legende|légende|pie de foto)\s*:|"
    r"(?:image |photo |video )?(?:caption|source)\s*,|(?:image|photo|video) (?:caption|copyright)\b|"  # "Image caption, ...", "Image source, Getty Images"
    r"(?:image |photo |main image )?credits?\s*(?::|\.{3}|…)|(?:photo(?:graph)?|image|(?:photo )?illustration)s? by\s).{0,300}$"
)
# The news agencies' caption opener: "In this Dec. 12, 2006, file photo, made available by NASA, ...".
AGENCY_CAPTION = _rx(r"^in this (?:[\w.,'’ -]{0,40} )?(?:photo|image|picture)(?: (?:provided|released|made available) by [^,]{1,60})?,")
# A caption or credit label alone on its line ("Image caption,", "Caption:", "Фото:"): the caption
# or credit is the next line.
CAPTION_LABEL = _rx(
    r"^(?:(?:image |photo |video )?caption|legende|légende|pie de foto|photos?|fotos?|фото|bild|image credit|credits?)"
    r"\s*[:,]$"
)

SOURCE_LINE = _rx(r"^(?:sources?|quelle|quellen|fuentes?|via)\s*:\s*\S.{0,200}$")
SOURCES_HEAD = _rx(r"^(?:sources?|quellen|fuentes)\s*:$")  # "Sources:" over the list of a fact check's sources
ORIGINALLY = _rx(
    r"^(?:this (?:article|story|piece) (?:was|is) (?:originally|first) (?:published|posted|appeared)|"
    r"(?:originally|first) (?:published|appeared) (?:on|in|at|by)(?!\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\b))|"  # "First published on November 19, 2019" is a date line
    r"dieser (?:artikel|beitrag|text) (?:erschien|ist) (?:zuerst|ursprünglich)|zuerst erschienen|"
    r"(?:cet article|article) (?:a été )?(?:initialement|originellement|d'abord) (?:publié|paru)|"
    r"(?:este artículo|artículo) (?:fue )?(?:publicado originalmente|publicado por primera vez))\b.{0,300}$"
)

_RIGHTS = (
    r"(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"todos os direitos reservados|riproduzione riservata|tutti i diritti riservati|все права защищены)"
)
# A copyright notice, even one written "© Riproduzione riservata", closes no photo caption.
RIGHTS_NOTICE = _rx(rf"^.{{0,150}}{_RIGHTS}.{{0,100}}$")
_RIGHTS_MAX_CHARS = 300  # longer lines cannot match: checked first, as the regex backtracks through them
FOOTER_LINE = _rx(
    r"^(?:(?:(?:new,?\s+)?\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|reactions?|réactions?|réagir|"
    r"комментари(?:и|ев|й|я))"
    r"(?:\s*\(\d+\))?|(?:leave|post|add|write|show|view|load) (?:a |the )?comments?|" + _THREAD_HEAD + "|"
    r"(?:leave|post|write) (?:a )?(?:reply|response)|you must (?:be logged in|log in) to post a comment\.?|"
    r"comments are closed\.?|posted in .{1,100}\|\s*permalink\b.{0,60}|sharing is caring!?|"
    r"(?:previous|next|older|newer) (?:post|article|story|entry)|vorheriger beitrag|nächster beitrag|"
    r"article (?:précédent|suivant)|entrada anterior|siguiente entrada|добавить комментарий|"
    r"kommentar(?:e)? (?:schreiben|anzeigen|lesen)|kommentieren|laisser un commentaire|commenter|"
    r"deja (?:un|tu) comentario|comentar|jetzt kommentieren|comparte esta (?:noticia|nota|historia)|"
    r"share(?: this(?: article| story| entry| post)?)?(?: on \w+| via \w+)?|(?:auf \w+ )?teilen|artikel teilen|"
    r"teilen mit|mit anderen teilen|compartir esto|"
    r"(?:like|gefällt mir|j[’']aime|me gusta)(?: this)?|"  # WordPress' like widget, still loading or not
    r"(?:like|gefällt mir|j[’']aime|me gusta) (?:loading|lade|chargement|cargando)(?:\.{3}|…)?|"
    r"partager(?: sur \w+| cet article)?|compartir(?: en \w+)?|condividi|compartilh(?:e|ar)|поделиться|"
    r"tweet(?: this| on \w+)?|e-?mail|print|drucken|imprimer|imprimir|"
    r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|pinterest|reddit|instagram|youtube|flipboard|"
    r"messenger|tumblr|pocket|copy (?:this )?link|google\+|vkontakte|odnoklassniki|вконтакте|одноклассники)"
    r"(?:\s*[|,·]?\s*(?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|"
    r"pinterest|reddit|instagram|youtube|flipboard|messenger|tumblr|pocket|copy link|google\+))*|"
    r"(?:show |all )?(?:more )?sharing options(?: for\s*:?.{0,150})?|"
    r".{0,80}\b(?:opens?|will open) in (?:a )?new (?:window|tab)\b.{0,40}|"
    r"view all(?: \(\d+\))?|back to top|thanks for watching!?|get short url|(?:an )?(?:unexpected )?error (?:has )?occurred[.,!]?(?: please try again(?: later)?[.!]?)?|nach oben|retour en haut|volver arriba|email this|send by e-?mail|envoyer par e-?mail|"
    r"per e-?mail (?:senden|teilen|versenden)|enviar por (?:correo|e-?mail)|"
    r"disclosure statement\s*:.{0,300}|our standards\s*:.{0,100}|"
    r"(?:this slideshow |this video )?requires javascript.{0,60}|(?:please )?enable javascript.{0,80}|"
    r"like this (?:story|article)\?.{0,60}|share (?:it|this) with (?:a|your) friends?.{0,30}|"
    r"(?:©|\(c\)|copyright)\s*.{0,150}|.{0,150}" + _RIGHTS + r".{0,100})\s*:?$"
)

_CTA = (
    r"(?:sign up|subscribe|register|abonnieren|abonniere|anmelden|abonnez-vous|inscrivez-vous|"
    r"suscr[íi]bete|reg[íi]strate|recibe|подпишитесь|подписывайтесь|get (?:our|the)|"
    r"(?:our|unseren?|notre|nos|nuestr[oa]s?) newsletter)"
)
# Legal notices and comment rules run long, so they have their own length cap.
_LEGAL_MAX_CHARS = 1_000  # as _RIGHTS_MAX_CHARS
LEGAL_LINE = _rx(
    r"^.{0,300}(?:constitutes acceptance of|may not be reproduced|comments? (?:are )?powered by|"
    r"submission guidelines|community (?:rules|guidelines|standards) apply|for your personal,? non-commercial use|be respectful of other commenters).{0,600}$"
)
ABOUT_AUTHOR = _rx(
    r"^(?:about the authors?|über (?:den autor|die autorin|die autoren)|à propos de l'auteure?|sobre el autor|"
    r"sobre la autora|(?:about|über|sobre|à propos de)\s+(?-i:[A-ZÀ-Þ])\w+(?:\s+(?-i:[A-ZÀ-Þ])[\w.-]+){0,3})$"
)
PROMO_LINE = _rx(
    r"^(?:advertisement|advertising|sponsored(?: content)?|anzeige|werbung|gesponsert|publicité|publicidad|"
    r"(?:story|article) continues (?:below|after)(?: (?:the )?\w+)?|"
    r"pubblicità|publicidade|реклама|"
    rf"{_CTA}\b.{{0,200}}|.{{0,120}}\bnewsletters?\b.{{0,120}}|"
    r".{0,150}(?:(?:uses?|using|verwendet|verwenden|nutzt|nutzen|setzen|utilise|utilisons|utiliza|utilizamos|"
    r"usamos|accept(?:er)?|akzeptieren|aceptar)(?: \w+){0,2} cookies|cookie[- ]?(?:policy|settings|richtlinie|hinweis|einstellungen|consent)|"
    r"politique (?:de|des|relative aux) cookies|política de cookies).{0,150}|"
    r"(?:follow us|folgen sie uns|suivez-nous|s[íi]guenos)\b.{0,100}|join (?:us|our)\b.{0,200}|"
    r"support (?:us|our (?:journalism|work|reporting)|independent journalism|(?-i:[A-Z])[\w.]+ (?=so we|and make a))"
    r"\b.{0,160}|"  # a donation appeal: "Support Snopes and make a difference", "Support our journalism today"
    r"become a (?:member|supporter|subscriber)\b.{0,100}|(?:donate|spenden|faire un don|donar) (?:now|today|jetzt|ahora)\b.{0,100}|"
    r".{0,200}[.!?] (?-i:Follow) (?:him|her|them|us|me) (?:on|at) (?:twitter|facebook|instagram|linkedin)\b.{0,100}|"
    r".{0,200}\b(?:by taking|take) (?:this|our) (?:short )?survey\b.{0,100}|"
    r"follow [\w .'’-]{1,60} on (?:twitter|facebook|instagram|linkedin|youtube|tiktok)\b.{0,100}|"
    r"follow [\w.'’-]{1,30}(?: [\w.'’-]{1,30})? on:?|"  # "Follow RT on" over a row of icons
    r".{0,120}\b(?:(?:update|upgrade) to a (?:modern|newer|supported|more recent) browser|"
    r"you are (?:on|using) (?:internet explorer|an? (?:outdated|unsupported|older) browser)).{0,160}|"
    r"accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|preferences)|cookie settings|alle akzeptieren|"
    r"alle ablehnen|akzeptieren|j'accepte|tout accepter|tout refuser|aceptar(?: todo| todas)?|rechazar todo|"
    r"(?:download|get) (?:our|the) app\b.{0,100}|"
    r"(?:buy|shop|order) now|view deal|check price|jetzt kaufen|zum angebot|acheter maintenant|voir l['’]offre|"
    r"comprar ahora|ver oferta|"  # shop buttons
    r"available (?:from|at) (?-i:[A-Z])[\w.&'-]*(?: (?-i:[A-Z])[\w.&'-]*)?|"  # "Available from Amazon"
    r".{0,120}(?:(?:this|our) (?:post|article|page|site) (?:may )?contains? affiliate|we may earn|"
    r"\bmay (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?commission|(?:we|i) use [\w -]{0,30}affiliate links|"
    r"links?\b.{0,80}\b(?:erhalten|bekommen) wir\b.{0,30}provision|liens?\b.{0,80}\b(?:percevons|touchons|recevons)\b"
    r".{0,30}commission|enlaces?\b.{0,80}\b(?:recibimos|ganamos|obtenemos)\b.{0,30}comisión|"  # affiliate notices
    r"this (?:post|shop|article|review|content) (?:has been|was|is) (?:compensated|sponsored) by|"
    r"if you (?:buy|purchase) something through|thanks for (?:signing up|subscribing)|"
    r"(?:successfully|now) subscribed|problem subscribing|error processing your subscription|"
    r"keep an eye on your inbox|opt-in box|can send me|provisions-links|liens affiliés|enlaces de afiliados|"
    r"delivered (?:straight |right )?to your inbox|right in your inbox|unsubscribe at any time|"
    r"direkt in ihr postfach|dans votre boîte (?:mail|de réception)|en tu (?:bandeja|correo)|"
    r"subscribe to our|click here).{0,160}|newsletters?|advert|no spam\b.{0,160}|"
    r"(?:get )?(?:breaking )?news (?:alerts|emails)\b.{0,160}|breaking news emails|get breaking\b.{0,160}|"
    r"already a subscriber.{0,80}|bereits abonnent.{0,80}|déjà abonné.{0,80}|¿ya eres suscriptor.{0,80})$"
)
# A membership pitch closing the article runs longer than other promos: its own length cap.
PITCH = _rx(r"^if you (?:enjoyed|liked|value|appreciated?) (?:this|our|reading this) (?:article|story|post|journalism|reporting)\b.{0,600}$")
_PITCH_MAX_WORDS = 100
_CTA_RX = _rx(_CTA)
_CONSENT = _rx(r"\b(?:i agree|i consent|can send me|opt[- ]in|ich willige|ich stimme zu|j'accepte|acepto)\b")
_LABEL_MAX_WORDS = 4
_BIO_NAME_MAX_WORDS = 4


def match(line: Line) -> str | None:
    """The rule that removes this line wherever it appears, or None."""
    text = line.text
    if line.words == 0:
        return FOOTER
    if IDENTIFIER.match(text):
        return MARKUP
    if line.words <= 12 and (BYLINE_BY.match(text) or BYLINE_ROLE.match(text) or AGENCY_LINE.match(text)):
        return BYLINE
    if line.words <= _DATED_BYLINE_MAX_WORDS and (by := BYLINE_BY.match(text)) and len(by["names"].split()) <= 6:
        return BYLINE  # names and a date: "By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."
    if line.words <= 12 and (AGENCY_DATED.match(text) or ROLE_HANDLE.match(text)):
        return BYLINE
    if CREDITS.match(text) or (line.words <= 12 and not line.terminal and GLUED_BYLINE.search(text)):
        return BYLINE
    if len(text) <= _RIGHTS_MAX_CHARS and RIGHTS_NOTICE.match(text):
        return FOOTER
    if SOURCE_LINE.match(text) or SOURCES_HEAD.match(text) or ORIGINALLY.match(text):
        return SOURCE
    if line.words <= 25 and (CAPTION_CREDIT.search(text) or CAPTION_START.match(text) or _bare_credit(line)):
        return CAPTION
    if GALLERY_COUNTER.match(text) or NAME_SLASH_CREDIT.match(text) or PICTURE_AGENCY.match(text):
        return CAPTION
    if line.words <= _PORTRAIT_MAX_WORDS and (portrait := PORTRAIT_CAPTION.match(text)) and " " in portrait["names"]:
        return CAPTION
    if line.words <= _CAPTION_MAX_WORDS and (AGENCY_CAPTION.match(text) or _closing_credit(text)):
        return CAPTION
    if line.words <= _CUED_CAPTION_MAX_WORDS and not QUOTED.search(text) and CAPTION_CUE.search(text):
        return CAPTION
    if line.words <= 25 and not line.terminal and VIA_CREDIT.search(text):
        return CAPTION
    legal = len(text) <= _LEGAL_MAX_CHARS and LEGAL_LINE.match(text)
    if (line.words <= 25 and FOOTER_LINE.match(text)) or legal or ABOUT_AUTHOR.match(text):
        return FOOTER
    if (line.words <= 40 and PROMO_LINE.match(text) and _promo_shaped(line)) or (
        line.words <= _PITCH_MAX_WORDS and PITCH.match(text)
    ):
        return PROMO
    if line.words <= 20 and (RELATED_HEAD.match(text) or MORE_FROM.match(text)):
        return RELATED
    if READING_TIME.match(text) or DATE_LABEL_ALONE.match(text):
        return DATES
    if TAGS_LINE.match(text):
        return TAGS
    if line.words <= 15 and BREADCRUMB.match(text):
        return SECTION
    return None


def _closing_credit(text: str) -> bool:
    """A photographer's, a labelled or an agency credit, or a one-word source, closing the line;
    searched only in caption-length lines, since these patterns try every position of the text."""
    return bool(CLOSING_CREDIT.search(text) or CLOSING_PHOTO_CREDIT.search(text) or CLOSING_SOURCE.search(text))


def _promo_shaped(line: Line) -> bool:
    """A newsletter mention is a promo as a label or button ("Pick Six Newsletter"), a call to
    action or a consent box, never in reported prose."""
    if "newsletter" not in line.text.lower() or (not line.terminal and line.words <= _LABEL_MAX_WORDS):
        return True
    asks = _CTA_RX.search(line.text) or _CONSENT.search(line.text)
    return bool(asks) and (line.words <= 25 or not line.terminal)


def _bare_credit(line: Line) -> bool:
    """A photo credit standing alone in brackets: "(Walt Disney Co.)", "(Reed Saxon / Associated Press)";
    one with a digit is a date or a figure ("(Published Monday, Nov. 18, 2019)")."""
    inner = line.text[1:-1]
    if not (line.text.startswith("(") and line.text.endswith(")")) or line.words > 6 or re.search(r"[?!;:\d]", inner):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() for w in inner.split())


def is_credit_line(line: Line) -> bool:
    """A whole line that only credits a photo ("(Walt Disney Co.)", "Jane Roe/Getty Images"),
    as pages print it under the caption it closes."""
    if CREDIT_ONLY.match(line.text):
        return True
    short = not line.terminal and line.words <= _CREDIT_MAX_WORDS and "©" not in line.text  # © alone: a footer
    return short and bool(CAPTION_CREDIT.search(line.text))


def is_author_bio(line: Line) -> bool:
    """A sentence presenting a writer ("Emiliano joined pv magazine in 2017", "Jane is a staff reporter")."""
    return bool(AUTHOR_BIO.search(line.text))


def bio_subject(line: Line) -> list[str]:
    """The name a one-line author bio opens with ("Meg James is a corporate media reporter for ..."
    -> ["Meg", "James"]), or [] when the line is no such bio."""
    m = WRITER_BIO.search(line.text)
    subject = line.text[: m.start()].split() if m else []
    return subject if len(subject) <= _BIO_NAME_MAX_WORDS and all(w[:1].isupper() for w in subject) else []


def is_tweet_credit(line: Line) -> bool:
    """The attribution closing an embedded tweet ("— Jane Roe (@janeroe) November 18, 2019"),
    as the embed prints below the tweet's text when its script does not run."""
    return bool(TWEET_CREDIT.match(line.text))


def is_trailer_header(line: Line) -> bool:
    """A line that opens the page's trailer ("You may also like", "More from X", "About the author",
    "Leave a comment")."""
    m = TRAILER_HEAD.match(line.text)
    opens = bool(m and not (m.group("rest") or "").strip())
    return opens or any(rx.match(line.text) for rx in (MORE_FROM_SITE, ABOUT_AUTHOR, COMMENTS_START, SOURCES_HEAD))


def is_related_header(line: Line) -> bool:
    """A header that introduces a block of links ("Related:", "Lesen Sie auch", "More on X") rather than one link;
    a list item ("- Trending") is a menu's link to such a page, not a header."""
    if line.bullet:
        return False
    m = RELATED_HEAD.match(line.text)
    return bool(m and not (m.group("rest") or "").strip()) or bool(MORE_ON_HEAD.match(line.text))


def header_kind(line: Line) -> str | None:
    """A short line in the page header: section name, agency or author name, or neither."""
    text = line.text
    if line.terminal or line.words > 5 or any(ch.isdigit() for ch in text):
        return None
    if AGENCY_LINE.match(text):
        return BYLINE
    if SECTION_WORD.match(text) or (line.words == 1 and text[:1].isupper()):
        return SECTION
    if 2 <= line.words <= 4 and all(w[:1].isupper() for w in text.split()):
        return BYLINE
    return None
