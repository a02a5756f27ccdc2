"""Advertising, calls to action, newsletter, cookie and affiliate notices, pitches and prices."""

from __future__ import annotations

import re

from ingest.clean.rules.compile import gated, rx

# A price alone on its line, as a product box prints it: "$139.00", "£1,195.00", "49,99 €", "CHF 12.50".
_CURRENCY = r"(?:[$€£¥₹]|US\$|USD|EUR|GBP|CHF|Rs\.?)"
PRICE = re.compile(rf"^(?:{_CURRENCY}\s?\d[\d.,]*(?:\s?{_CURRENCY})?|\d[\d.,]*\s?{_CURRENCY})$")
_CTA = (
    r"(?:sign up|subscribe|register|abonnieren|abonniere|anmelden|abonnez-vous|inscrivez-vous|"
    r"suscr[íi]bete|reg[íi]strate|recibe|подпишитесь|подписывайтесь|get (?:our|the)|"
    r"(?:our|unseren?|notre|nos|nuestr[oa]s?) newsletter)"
)
# Promos that may sit anywhere in their line: tried at every position of it, so only on lines
# holding one of the words their matches need (see gate.py).
PROMO_ANYWHERE = gated(
    r"^(?:.{0,120}\bnewsletters?\b.{0,120}|"
    r".{0,150}(?:(?:uses?|using|verwendet|verwenden|nutzt|nutzen|setzen|utilise|utilisons|utiliza|"
    r"utilizamos|usamos|accept(?:er)?|akzeptieren|aceptar)(?: \w+){0,2} cookies|"
    r"cookie[- ]?(?:policy|settings|richtlinie|hinweis|einstellungen|consent)|"
    r"politique (?:de|des|relative aux) cookies|política de cookies).{0,150}|"
    r".{0,200}[.!?] (?-i:Follow) (?:him|her|them|us|me) (?:on|at) (?:twitter|facebook|instagram|linkedin)\b.{0,100}|"
    r".{0,200}\b(?:by taking|take) (?:this|our) (?:short )?survey\b.{0,100}|"
    r".{0,120}\b(?:(?:update|upgrade) to a (?:modern|newer|supported|more recent) browser|"
    r"you are (?:on|using) (?:internet explorer|an? (?:outdated|unsupported|older) browser)).{0,160}|"
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
    r"subscribe to our|click here).{0,160})$"
)
# Promos that open their line.
_PROMO_START = (
    r"advertisement|advertising|sponsored(?: content)?|anzeige|werbung|gesponsert|publicité|publicidad|"
    r"(?:story|article) continues (?:below|after)(?: (?:the )?\w+)?|"
    r"pubblicità|publicidade|реклама|"
    rf"{_CTA}\b.{{0,200}}|"
    r"(?:follow us|folgen sie uns|suivez-nous|s[íi]guenos)\b.{0,100}|join (?:us|our)\b.{0,200}|"
    r"support (?:us|our (?:journalism|work|reporting)|independent journalism|(?-i:[A-Z])[\w.]+ (?=so we|and make a))"
    r"\b.{0,160}|"  # a donation appeal: "Support Snopes and make a difference", "Support our journalism today"
    r"become a (?:member|supporter|subscriber)\b.{0,100}|(?:donate|spenden|faire un don|donar) (?:now|today|jetzt|ahora)\b.{0,100}|"
    r"follow [\w .'’-]{1,60} on (?:twitter|facebook|instagram|linkedin|youtube|tiktok)\b.{0,100}|"
    r"follow [\w.'’-]{1,30}(?: [\w.'’-]{1,30})? on:?|"  # "Follow RT on" over a row of icons
    r"accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|preferences)|cookie settings|alle akzeptieren|"
    r"alle ablehnen|akzeptieren|j'accepte|tout accepter|tout refuser|aceptar(?: todo| todas)?|rechazar todo|"
    r"(?:download|get) (?:our|the) app\b.{0,100}|"
    r"(?:buy|shop|order) now|view deal|check price|jetzt kaufen|zum angebot|acheter maintenant|voir l['’]offre|"
    r"comprar ahora|ver oferta|"  # shop buttons
    r"available (?:from|at) (?-i:[A-Z])[\w.&'-]*(?: (?-i:[A-Z])[\w.&'-]*)?|"  # "Available from Amazon"
    r"newsletters?|advert|no spam\b.{0,160}|"
    r"(?:get )?(?:breaking )?news (?:alerts|emails)\b.{0,160}|breaking news emails|get breaking\b.{0,160}|"
    r"already a subscriber.{0,80}|bereits abonnent.{0,80}|déjà abonné.{0,80}|¿ya eres suscriptor.{0,80}"
)
PROMO_START = rx(rf"^(?:{_PROMO_START})$")
# A membership pitch closing the article runs longer than other promos: its own length cap.
PITCH = rx(r"^if you (?:enjoyed|liked|value|appreciated?) (?:this|our|reading this) (?:article|story|post|journalism|reporting)\b.{0,600}$")
PITCH_MAX_WORDS = 100
CTA_RX = rx(_CTA)
CONSENT = rx(r"\b(?:i agree|i consent|can send me|opt[- ]in|ich willige|ich stimme zu|j'accepte|acepto)\b")
