"""Labels and forms of the page's own dates: "Published:", "Updated 2 hours ago", reading times."""

from __future__ import annotations

from ingest.clean.rules.compile import rx

_MODIFIED_LABEL = (
    r"(?:updated|modified|last updated|last modified|aktualisiert|zuletzt aktualisiert|geändert|zuletzt geändert|"
    r"letzte aktualisierung|letzte änderung|mis à jour|modifié|actualisé|dernière mise à jour|dernière modification|"
    r"actualizado|modificado|última actualización|última modificación|обновлено|изменено)"
)
_DATE_LABEL = (  # "Original Nov. 19, 2019" and "Originally published ..." state the first publication
    r"(?:published|posted|first published|original(?:ly)?(?: (?:published|posted))?|veröffentlicht|"
    r"ursprünglich veröffentlicht|stand|erstellt|publié|initialement publié|publié initialement|publicado|"
    r"publicado originalmente|originalmente publicado|"
    rf"pubblicato|aggiornato|atualizado|опубликовано|{_MODIFIED_LABEL})"
)
DATE_LABELLED = rx(rf"^{_DATE_LABEL}(?:\s+(?:date|on|at|am|um|le|el|à|a las))?\s*:?\s*(?P<rest>.*)$")
DATE_LABEL_ALONE = rx(rf"^(?:{_DATE_LABEL}|publish(?:ed)? date|publication date|date)\s*:?$")  # its date on the next line
DATE_LABEL_SPLIT = rx(rf"(?:[,;|·]|\s/)\s*(?={_DATE_LABEL}\b)")
MODIFIED_LABEL = rx(rf"^{_MODIFIED_LABEL}")
TRAILING_DATE_LABEL = rx(rf"\s+{_DATE_LABEL}$")  # a byline's names run into its label ("Umair Irfan Updated")
RELATIVE_TIME = rx(
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
READING_TIME = rx(
    r"^(?:(?:lecture|reading time|read time|lesezeit|lesedauer|lectura|tiempo de lectura)\s*:?\s*)?\d+\s*"
    r"(?:min(?:ute)?s?|minuten|minutos)\.?(?:\s+(?:read|de lecture|lesezeit|lesen|de lectura))?$|"
    r"^(?:word ?count|wortanzahl|nombre de mots)\s*:?\s*[\d,.]+$"
)
