"""Navigation and links to other pages: breadcrumbs, sections, tags, related-story and trailer headers."""

from __future__ import annotations

from ingest.clean.rules.compile import rx

_HOME = r"(?:home|startseite|start|accueil|inicio|portada)"
BREADCRUMB = rx(
    rf"^(?:{_HOME}\s*[>›»/|]\s*.{{1,80}}|[^>›»\n]{{1,40}}(?:\s*[>›»]\s*[^>›»\n]{{1,40}}){{2,}})$"
)
SECTION_WORD = rx(
    r"^(?:world|world news|news|politics|business|economy|markets|finance|tech(?:nology)?|science|health|"
    r"sports?|culture|arts|entertainment|opinion|lifestyle|travel|europe|africa|asia|americas|"
    r"middle east|us|uk|u\.s\.|national|international|local|region|climate|environment|"
    r"welt|politik|wirtschaft|kultur|wissen|ausland|inland|panorama|feuilleton|meinung|"
    r"monde|politique|économie|société|sciences|france|"
    r"mundo|política|economía|sociedad|deportes|cultura|internacional|nacional|españa|opinión|"
    r"cronaca|esteri|spettacoli|economia|esportes|brasil|"
    r"новости|политика|экономика|общество|спорт|культура|наука|в мире|происшествия|мнения)(?: news)?$"
)
TAGS_LINE = rx(
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
    r"lee también|lea (?:también|además)|leer más|le (?:puede|podría) interesar|lesen sie hier|auch lesen|ver también|relacionad[oa]s?|más información|te puede interesar|"
    r"también te puede interesar|leggi anche|potrebbe interessarti|articoli correlati|leia também|leia mais|"
    r"veja também|saiba mais|notícias relacionadas|читайте также|читайте (?:ещё|еще)|смотрите также|по теме|"
    r"(?:материалы|ещё|еще) по теме|"
    # the related-posts box of WordPress and its plugins, in the languages above ("Ähnliche Beiträge", "Entradas relacionadas")
    r"(?:ähnliche|verwandte) (?:beiträge|artikel|themen|nachrichten)|articles (?:similaires|liés)|"
    r"(?:entradas|artículos|publicaciones|posts|artigos) relacionad[oa]s"
)
# ... and those that open the page's trailer: nothing after them belongs to the article.
_TRAILER_HEAD = (
    r"more (?:stories|news|articles|videos)(?: like this(?: one)?)?|most (?:read|popular|viewed|shared)(?: stories| articles)?|"
    r"trending(?: now| news| stories| articles)?|recommended(?: for you| stories| articles)?|"
    r"you (?:may|might) also (?:like|be interested in|enjoy)|editor's picks|top stories(?: in [\w ]{1,30})?|"
    r"(?:[\w .'’-]{1,40}['’]s )?(?:most )?recent (?:posts|stories|articles)|elsewhere on [\w .-]{1,40}|neueste beiträge|articles récents|entradas recientes|"
    r"latest(?: news| stories| articles| videos)?|weitere videos|neueste videos|dernières vidéos|plus de vidéos|"
    r"últimos vídeos|más vídeos|in case you missed it|popular(?: now| stories)?|"
    r"das (?:\w+ )?könnte (?:sie|dich|euch) auch interessieren|weitere artikel|weitere nachrichten|meistgelesen|"
    r"meist(?:gelesen|kommentiert|geteilt)e? artikel|empfohlen|top-themen|"
    r"les plus lus|dans la même rubrique|nos articles|à découvrir aussi|vous aimerez (?:aussi|peut-être aussi)|"
    r"à lire également|sponsored stories|around the web|related topics|"
    r"noticias relacionadas|más noticias|lo más leído|"
    r"lo más visto|te recomendamos|i più letti|più letti|mais lidas|mais lidos|"
    r"самое (?:читаемое|популярное)|популярное|другие новости|"
    r"новости партн[её]ров|главное за (?:день|сутки)|последние новости|свежие записи|"
    r"вам (?:также )?может быть интересно"
)
_HEAD_END = r"\s*(?:\.{3}|…|!)?\s*(?:[:|»›>–—-]\s*(?P<rest>.*))?$"
RELATED_HEAD = rx(rf"^\[?(?:{_INLINE_HEAD}|{_TRAILER_HEAD}){_HEAD_END}")  # "[Related: ...]" too
MORE_FROM_SITE = rx(r"^(?:more (?:from|in)|mehr (?:von|aus))\s+[^.!?:]{1,50}(?:\.{3}|…)?$")
# "34 responses to “Headline”", "2 Gedanken zu „Headline“": WordPress' header over its comment thread.
THREAD_HEAD = (
    r"(?:(?:\d+|one|no) (?:responses?|comments?|replies|thoughts?) (?:to|on)|"
    r"(?:\d+|ein|eine|kein|keine) (?:gedanken?|kommentare?|antworten?) zu|"
    r"(?:\d+|un|une) (?:réflexions?|commentaires?|réponses?) (?:sur|à)|"
    r"(?:\d+|un|una) (?:comentarios?|respuestas?) (?:a|en|sobre)) [\"“„«].{1,200}"
)
# The comment form or the thread's header, printed where the comments start, under the article;
# WordPress's own in its translations ("Leave a Reply", "Hinterlasse eine Antwort", "Comments are closed.").
COMMENT_FORM_TEXT = (
    rf"(?:{THREAD_HEAD}|(?:leave|post) a (?:comment|reply)|comments are closed|добавить комментарий|"
    r"kommentar (?:schreiben|verfassen)|schreibe einen kommentar|hinterlasse(?:n sie)? (?:jetzt )?(?:einen kommentar|eine antwort)|"
    r"kommentare (?:sind )?geschlossen|laisser un commentaire|laisser une réponse|les commentaires sont fermés|"
    r"deja (?:un|tu) comentario|deja una respuesta|los comentarios están cerrados|lascia un commento|"
    r"i commenti sono chiusi|deixe (?:um comentário|uma resposta)|comentários (?:estão )?(?:encerrados|fechados))[.!]?"
)
COMMENT_FORM = rx(rf"^{COMMENT_FORM_TEXT}$")
# Where the comment section starts (not a comment count, which also sits in headers); a button
# showing the comments may also stand under the headline.
COMMENTS_START = rx(
    rf"^(?:{COMMENT_FORM_TEXT}|(?:view|show|load|read) (?:all )?comments|(?:blog )?comments powered by \w+|kommentare anzeigen)$"
)
# A comment's reply button, alone on its line under each comment of a thread.
REPLY_CONTROL = rx(r"^(?:reply|antworten|répondre|responder|rispondi|ответить)$")
# A comment's author line, as WordPress heads each comment ("- Jasmin sagt:", "Art Edwards says:"), over its date.
COMMENT_AUTHOR = rx(r"^[^.!?:]{1,50}\s(?:says|writes|wrote|sagt|schreibt|dit|a écrit|dice|escribió|disse)\s?:$")
TRAILER_HEAD = rx(rf"^(?:{_TRAILER_HEAD}){_HEAD_END}")
_MORE_ON = (
    r"(?:more (?:(?:articles|stories|posts) )?(?:from|on|in|about|by)|mehr (?:von|aus|zu|zum|zur)|plus sur|más sobre)"
    r"\s+[^.!?]{1,50}(?:\.{3}|…)?"
)
MORE_ON_HEAD = rx(rf"^{_MORE_ON}$")  # "More on Slate Book Review": a header over links
# A teaser's link button, alone on its line under the teaser's headline: "Read more", "Weiterlesen ›".
READ_MORE_BUTTON = rx(
    r"^(?:read more|continue reading|weiterlesen|mehr lesen|lire la suite|lire plus|leer más|seguir leyendo|"
    r"leggi (?:tutto|di più)|leia mais|читать далее)\s*(?:»|›|>|→|\.{3}|…)?$"
)
# "More on X", "Also on nj.com ...", "On HoustonChronicle.com: <headline>": a link to the site's other stories.
MORE_FROM = rx(rf"^(?:{_MORE_ON}|(?:also on [\w.-]+\.[a-z]{{2,}}\b|on [\w.-]+\.[a-z]{{2,}}\s*:).{{0,200}})$")
