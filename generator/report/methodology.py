"""The Methodology page (methodology.md): every definition the figures use, in the client's language,
with the settings this client's report was computed with (visit gap, bot limits, pacing tolerance).
"""

from __future__ import annotations

from crawler.campaigns.analysis import ALERT_LEVELS, ON_TRACK, RUN_RATE_DAYS
from crawler.common.text import Text
from generator.report.data import ReportData
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Page, Section

T = Text
DEFINITIONS: tuple[tuple[Text, tuple[Text, ...]], ...] = (
    (T("Period and comparisons", "Période et comparaisons"), (
        T("Each report covers one period: a calendar month by default, or a quarter, a year or chosen dates. "
          "Every change is computed against the previous period of the same kind (October against "
          "September, a quarter against the one before) and, when the data exists, the same period a year "
          "earlier. Past periods stay in the archive with their own figures.",
          "Chaque rapport couvre une période : un mois civil par défaut, ou un trimestre, une année ou des "
          "dates choisies. Chaque évolution est calculée par rapport à la période précédente de même nature "
          "(octobre face à septembre, un trimestre face au précédent) et, quand les données existent, à la "
          "même période un an plus tôt. Les périodes passées restent dans les archives avec leurs chiffres."),
    )),
    (T("Visit", "Visite"), (
        T("A visit is a series of page views by one visitor with no gap longer than {gap} minutes. A page "
          "view is a request for a page (not an image, a script or a style sheet) answered with success "
          "(2xx or 304), by a person, not a robot. Visits are counted from the server's access logs.",
          "Une visite est une suite de pages vues par un même visiteur sans interruption de plus de {gap} "
          "minutes. Une page vue est une demande de page (pas d’image, de script ni de feuille de style) "
          "servie avec succès (2xx ou 304), par une personne et non un robot. Les visites sont comptées "
          "dans les journaux d’accès du serveur."),
    )),
    (T("Visitors and unique visitors", "Visiteurs et visiteurs uniques"), (
        T("A visitor is one IP address with one browser (user agent) on one day. “Visitors” counts the "
          "people who viewed at least one page. “Unique visitors” follows GoAccess's definition: every "
          "address and browser seen on a day, robots included and error pages (4xx) left out. The second "
          "figure is therefore higher; it is the one to compare with a GoAccess report.",
          "Un visiteur est une adresse IP avec un navigateur (user agent) sur une journée. « Visiteurs » "
          "compte les personnes qui ont vu au moins une page. « Visiteurs uniques » suit la définition de "
          "GoAccess : toute adresse et tout navigateur vus dans la journée, robots compris, pages en erreur "
          "(4xx) exclues. Ce second chiffre est donc plus élevé ; c’est lui qui se compare à un rapport "
          "GoAccess."),
    )),
    (T("Channels", "Canaux"), (
        T("A visit's channel follows Google Analytics 4's default channel group, applied to the landing "
          "page's campaign tags (utm_source, utm_medium, utm_campaign), its click identifiers (gclid, "
          "msclkid, fbclid…) and the referring site: paid search for a search engine with a paid medium or "
          "a click identifier, organic search for a search engine without one, social networks, e-mail, "
          "referring sites, and direct when there is no referrer.",
          "Le canal d’une visite suit le regroupement par défaut de Google Analytics 4, appliqué aux "
          "balises de campagne de la page d’arrivée (utm_source, utm_medium, utm_campaign), à ses "
          "identifiants de clic (gclid, msclkid, fbclid…) et au site référent : search payant pour un "
          "moteur avec un support payant ou un identifiant de clic, recherche naturelle pour un moteur "
          "sans, réseaux sociaux, e-mail, sites référents, et accès direct sans référent."),
    )),
    (T("Robots", "Robots"), (
        T("Requests from robots are left out of visits and page views. A robot is recognised by its user "
          "agent (a maintained list of crawlers), or by its behaviour: asking for robots.txt, more than "
          "{per_minute} pages a minute or more than {per_day} pages a day. Googlebot's hits can be verified "
          "against Google's published addresses; the others are counted apart as fake Googlebots.",
          "Les requêtes des robots sont exclues des visites et des pages vues. Un robot est reconnu à son "
          "user agent (une liste de robots tenue à jour), ou à son comportement : demander robots.txt, "
          "plus de {per_minute} pages par minute ou plus de {per_day} pages par jour. Les passages de "
          "Googlebot peuvent être vérifiés auprès des adresses publiées par Google ; les autres sont "
          "comptés à part comme faux Googlebot."),
    )),
    (T("Search Console", "Search Console"), (
        T("Clicks and impressions are Google's, from the Search Console exports. CTR = clicks ÷ impressions "
          "over the same rows; the average position is weighted by impressions (Σ position × impressions ÷ "
          "Σ impressions), as Search Console computes it. The totals come from the daily rows, cut to the "
          "report's period; the top queries and pages cover the dates of their exports, shown above them. "
          "Search Console leaves anonymised queries out, so the queries add up to less than the total.",
          "Clics et impressions sont ceux de Google, issus des exports Search Console. CTR = clics ÷ "
          "impressions sur les mêmes lignes ; la position moyenne est pondérée par les impressions "
          "(Σ position × impressions ÷ Σ impressions), comme Search Console la calcule. Les totaux viennent "
          "des lignes quotidiennes, limitées à la période du rapport ; les principales requêtes et pages "
          "couvrent les dates de leurs exports, indiquées au-dessus. Search Console omet les requêtes "
          "anonymisées : les requêtes totalisent donc moins que le total."),
    )),
    (T("Campaign ratios", "Ratios des campagnes"), (
        T("Ratios are computed from sums over the same rows, never averaged: CTR = clicks ÷ impressions; "
          "CPC = cost ÷ clicks; CPA = cost ÷ conversions; ROAS = conversion value ÷ cost. When a platform "
          "reports no conversions (or no value) on some days, the ratio uses the days that report both and "
          "a footnote prints the sums it used, so the division gives the figure shown.",
          "Les ratios sont calculés sur des sommes portant sur les mêmes lignes, jamais en moyenne : CTR = "
          "clics ÷ impressions ; CPC = coût ÷ clics ; CPA = coût ÷ conversions ; ROAS = valeur de conversion "
          "÷ coût. Quand une plateforme ne déclare pas de conversions (ou de valeur) certains jours, le ratio "
          "porte sur les jours qui déclarent les deux et une note donne les sommes utilisées : la division "
          "redonne le chiffre affiché."),
    )),
    (T("Budget pacing", "Rythme de dépense"), (
        T("Pace = spend so far ÷ (monthly budget × days elapsed ÷ days in the month), on completed days. On "
          "track between {low} and {high} of that, and not above the month's budget; over or under "
          "otherwise. Month-end projection = spend so far + the average daily spend of the last {days} days "
          "× the days left. Alerts are raised at {alerts} of the monthly budget.",
          "Rythme = dépense à date ÷ (budget mensuel × jours écoulés ÷ jours du mois), sur les jours "
          "terminés. Dans les clous entre {low} et {high}, sans dépasser le budget du mois ; en dépassement "
          "ou en retrait sinon. Projection fin de mois = dépense à date + dépense quotidienne moyenne des "
          "{days} derniers jours × jours restants. Une alerte est levée à {alerts} du budget mensuel."),
    )),
    (T("SEO health score", "Score de santé SEO"), (
        T("The share of crawled pages free of problems: a page with an error counts 0, a page whose worst "
          "problem is a warning counts ½, a page with notices only (or nothing) counts 1. Score = 100 × "
          "the sum of these weights ÷ the number of pages crawled.",
          "La part des pages explorées sans problème : une page avec une erreur compte 0, une page dont le "
          "pire problème est un avertissement compte ½, une page avec seulement des remarques (ou rien) "
          "compte 1. Score = 100 × somme de ces poids ÷ nombre de pages explorées."),
    )),
    (T("Search traffic at risk", "Trafic de recherche en jeu"), (
        T("The action plan ranks problems by severity, then by the search traffic at risk: the visits from "
          "organic search that landed on the affected pages during the period (or, without server logs, "
          "their Search Console clicks). Pages kept out of search on purpose (cart, checkout, account, "
          "login, internal search results, and the pages the agency lists) are never advised to be indexed.",
          "Le plan d’action classe les problèmes par gravité, puis selon le trafic de recherche en jeu : les "
          "visites issues de la recherche naturelle arrivées sur les pages concernées pendant la période "
          "(ou, sans journaux serveur, leurs clics Search Console). Les pages tenues hors des moteurs à "
          "dessein (panier, commande, compte, connexion, résultats de recherche interne, et celles que "
          "l’agence liste) ne sont jamais conseillées à l’indexation."),
    )),
)


def build_methodology_page(data: ReportData, fmt: Formatter, L: Labels, *, visit_gap: int = 30,
                           per_minute: int = 30, per_day: int = 2000) -> Page:
    page = Page(filename="methodology.md", nav_title=L.methodology, title=L.methodology)
    values = {
        "gap": fmt.integer(visit_gap), "per_minute": fmt.integer(per_minute), "per_day": fmt.integer(per_day),
        "low": fmt.percent(1 - ON_TRACK, 0), "high": fmt.percent(1 + ON_TRACK, 0),
        "days": fmt.integer(RUN_RATE_DAYS),
        "alerts": (" et " if L.language == "fr" else " and ").join(fmt.percent(a / 100, 0) for a in ALERT_LEVELS),
    }
    for title, paragraphs in DEFINITIONS:
        section = Section(title=title.get(L.language))
        section.intro = "\n\n".join(p.get(L.language).format(**values) for p in paragraphs)
        page.sections.append(section)
    return page
