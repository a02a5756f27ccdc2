"""What frames a page: sources, rights and copyright notices, footer widgets, legal text, author boxes."""

from __future__ import annotations

from ingest.clean.rules.compile import gated, rx
from ingest.clean.rules.links import COMMENT_FORM_TEXT

SOURCE_LINE = rx(r"^(?:sources?|quelle|quellen|fuentes?|via)\s*:\s*\S.{0,200}$")
SOURCES_HEAD = rx(r"^(?:sources?|quellen|fuentes)\s*:$")  # "Sources:" over the list of a fact check's sources
ORIGINALLY = rx(
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
RIGHTS_NOTICE = gated(rf"^.{{0,150}}{_RIGHTS}.{{0,100}}$")
RIGHTS_MAX_CHARS = 300  # longer lines cannot match: checked first, as the regex backtracks through them
COPYRIGHT = rx(r"^(?:©|\(c\)|copyright\b)")
FOOTER_LINE = rx(
    r"^(?:(?:(?:new,?\s+)?\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|reactions?|réactions?|réagir|"
    r"комментари(?:и|ев|й|я))"
    r"(?:\s*\(\d+\))?|(?:leave|post|add|write|show|view|load) (?:a |the )?comments?|" + COMMENT_FORM_TEXT + "|"
    r"(?:no|noch keine|bisher keine|keine|aucun|sin|nessun|sem) (?:comments?|kommentare?|commentaires?|comentarios?|commenti|comentários)"
    r"(?: yet| bisher| vorhanden)?[.!]?|"
    r"(?:write|post) (?:a )?(?:reply|response)|you must (?:be logged in|log in) to post a comment\.?|"
    r"posted in .{1,100}\|\s*permalink\b.{0,60}|sharing is caring!?|"
    # WordPress's line under a post and its footer credit, in its translations
    r"(?:this entry was posted|dieser eintrag wurde .{0,60}veröffentlicht|cette entrée a été publiée|"
    r"esta entrada fue publicada|questa voce è stata pubblicata)\b.{0,300}|"
    r"blog at wordpress\.com\.?|bloggen auf wordpress\.com\.?|(?:proudly )?powered by (?-i:[A-Z])[\w.-]+(?: (?-i:[A-Z])[\w.-]+)?\.?|"
    r"why you can trust [\w .'’&-]{1,40}|"  # a trust badge linking to the outlet's standards
    r"(?:previous|next|older|newer) (?:post|article|story|entry)|prev ?previous.{0,150}|vorheriger beitrag|nächster beitrag|"
    r"article (?:précédent|suivant)|entrada anterior|siguiente entrada|"
    r"kommentar(?:e)? (?:schreiben|verfassen|anzeigen|lesen)|kommentieren|commenter|"
    r"comentar|jetzt kommentieren|comparte esta (?:noticia|nota|historia)|"
    r"share(?: this(?: article| story| entry| post)?)?(?: on \w+| via \w+)?|"
    r"(?:jetzt |auf \w+ |(?:diese[nrs]? )?(?:artikel|beitrag|geschichte|seite|news|nachricht) )?teilen(?: sie dies)?!?|"
    r"(?:share (?:to|on|via) [a-z]+?\s*){2,}|"  # a row of share buttons glued together ("Share to LinkedInLinkedInShare to ...")
    r"(?:teilen|sharen)(?: sie dies)? mit|mit anderen teilen|compartir esto|"
    r"(?:like|gefällt mir|j[’']aime|me gusta)(?: this)?|"  # WordPress' like widget, still loading or not
    r"(?:like|gefällt mir|j[’']aime|me gusta) (?:loading|lade|wird geladen|chargement|cargando)\s?(?:\.{3}|…)?|"
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
# Legal notices and comment rules run long, so they have their own length cap.
LEGAL_MAX_CHARS = 1_000  # as RIGHTS_MAX_CHARS
LEGAL_LINE = gated(
    r"^.{0,300}(?:constitutes acceptance of|may not be reproduced|comments? (?:are )?powered by|"
    r"submission guidelines|community (?:rules|guidelines|standards) apply|for your personal,? non-commercial use|be respectful of other commenters|"
    r"(?:uses|verwendet|utilise|usa|utiliza) akismet|"
    # the licence a site publishes under
    r"(?:this|all) (?:work|article|post|text|content|material)s? (?:on this (?:site|blog) )?(?:is|are) licensed under|"
    r"(?:veröffentlicht|lizenziert) unter (?:der lizenz cc[- ]by|einer creative[- ]commons)|sous licence creative commons|"
    r"bajo (?:una )?licencia creative commons).{0,600}$"
)
ABOUT_AUTHOR = rx(
    r"^(?:about the authors?|über (?:den autor|die autorin|die autoren)|à propos de l'auteure?|sobre el autor|"
    r"sobre la autora|(?:about|über|sobre|à propos de)\s+(?-i:[A-ZÀ-Þ])\w+(?:\s+(?-i:[A-ZÀ-Þ])[\w.-]+){0,3})$"
)
