"""Report labels for periods, comparisons, targets and the archive (merged into i18n.LABELS)."""

from __future__ import annotations

from crawler.common.text import Text

PERIOD_LABELS: dict[str, Text] = {
    "period_line": Text("{name} ({dates})", "{name} ({dates})"),
    "compared_with": Text("compared with {name}", "comparé à {name}"),
    "no_previous": Text("no earlier period to compare with", "pas de période précédente à comparer"),
    "vs_period": Text("vs {name}", "vs {name}"),
    "target_value": Text("target {value}", "objectif {value}"),
    "target_note": Text("{scope}: {actual} (target {target}, {status})",
                        "{scope} : {actual} (objectif {target}, {status})"),
    "organic_visits": Text("Organic search visits", "Visites du référencement naturel"),
    "archive": Text("Archive", "Archives"),
    "methodology": Text("Methodology", "Méthodologie"),
    "highlights": Text("Highlights", "À retenir"),
    "os_label": Text("Operating systems", "Systèmes d’exploitation"),
    "by_category": Text("Issues by category and severity", "Problèmes par catégorie et gravité"),
    "total": Text("Total", "Total"),
    "new_and_fixed": Text("New and fixed since the previous crawl", "Nouveaux et corrigés depuis le crawl précédent"),
    "new_issues": Text("New", "Nouveaux"),
    "fixed_issues": Text("Fixed", "Corrigés"),
    "nothing_changed": Text("Nothing changed since the previous crawl.", "Rien n’a changé depuis le crawl précédent."),
    "health_formula": Text(
        "The share of crawled pages free of problems: a page with an error counts 0, with a warning ½, "
        "otherwise 1 (see the methodology).",
        "La part des pages explorées sans problème : une page avec une erreur compte 0, avec un "
        "avertissement ½, sinon 1 (voir la méthodologie)."),
    "indexability": Text("Indexability", "Indexabilité"),
    "idx_indexable": Text("indexable", "indexable"),
    "idx_noindex": Text("excluded by noindex", "exclue par noindex"),
    "idx_canonicalised": Text("canonicalised to another URL", "canonisée vers une autre URL"),
    "idx_blocked": Text("blocked by robots.txt", "bloquée par robots.txt"),
    "idx_redirected": Text("redirected", "redirigée"),
    "idx_error": Text("in error (4xx, 5xx)", "en erreur (4xx, 5xx)"),
    "response_time_dist": Text("Response time", "Temps de réponse"),
    "page_weight_dist": Text("HTML weight", "Poids du HTML"),
    "ctr_by_position": Text("CTR by average position (top queries)", "CTR selon la position moyenne (principales requêtes)"),
    "probes": Text("Probes by robots looking for weaknesses", "Sondages de robots cherchant des failles"),
    "probes_note": Text(
        "Robots request paths such as /.env or /wp-login.php on every site: these 404s are normal and "
        "need no redirect; they are listed apart from the pages people or links are looking for.",
        "Des robots demandent /.env ou /wp-login.php à tous les sites : ces 404 sont normales et "
        "n’appellent aucune redirection ; elles sont listées à part des pages que cherchent les visiteurs "
        "ou les liens."),
    "channels_over_time": Text("Visits by channel per day", "Visites par canal et par jour"),
    "ai_over_time": Text("AI crawlers per day", "Robots d’IA par jour"),
    "visitors_note": Text("people who viewed a page, per day", "personnes ayant vu une page, par jour"),
    "unique_visitors_note": Text("GoAccess's count: every IP + browser per day, robots included",
                                 "décompte GoAccess : toute IP + navigateur par jour, robots compris"),
    "archive_intro": Text(
        "Every period a report was built for. Each one keeps its own figures and the audit it was "
        "reported with.",
        "Chaque période pour laquelle un rapport a été produit. Chacune garde ses propres chiffres et "
        "l’audit avec lequel elle a été présentée."),
    "archived_notice": Text(
        "Archived report for {name}. The latest report is for {latest}.",
        "Rapport archivé de {name}. Le dernier rapport porte sur {latest}."),
    "latest": Text("latest", "dernier"),
    "dates": Text("Dates", "Dates"),
    "month": Text("Month", "Mois"),
    "data_ends_early": Text(
        "The data ends on {date}, before the end of the period: the figures cover {covered}.",
        "Les données s’arrêtent le {date}, avant la fin de la période : les chiffres couvrent {covered}."),
    "all_platforms": Text("All platforms", "Toutes plateformes"),
    "cpa_note": Text(
        "{scope}: some days report no conversions. CPA = {cost} ÷ {conversions} = {cpa}, on the days that "
        "report them ({total} of cost in all).",
        "{scope} : certains jours ne déclarent pas de conversions. CPA = {cost} ÷ {conversions} = {cpa}, sur "
        "les jours qui en déclarent ({total} de coût au total)."),
    "roas_note": Text(
        "{scope}: some days report no conversion value. ROAS = {value} ÷ {cost} = {roas}, the cost of the "
        "days that report it ({total} of cost in all).",
        "{scope} : certains jours ne déclarent pas de valeur de conversion. ROAS = {value} ÷ {cost} = {roas}, "
        "coût des jours qui en déclarent ({total} de coût au total)."),
    "about_check": Text("What was found", "Constat"),
    "urls_affected": Text("URLs affected", "URL concernées"),
    "search_visits": Text("Search visits", "Visites issues de la recherche"),
    "search_at_risk": Text("Search visits at risk", "Visites de recherche en jeu"),
    "fixed_urls": Text("Fixed since the previous crawl", "Corrigées depuis le crawl précédent"),
    "affected_urls": Text("Affected URLs", "URL concernées"),
    "new_issue": Text("new", "nouveau"),
    "more_in_files": Text("… and {n} more, listed in the CSV and XLSX files above.",
                          "… et {n} de plus, listées dans les fichiers CSV et XLSX ci-dessus."),
    "issue_status": Text("Status", "Statut"),
    "persisting": Text("already there", "déjà présent"),
    "pages": Text("Pages", "Pages"),
    "excluded_on_purpose": Text("Pages excluded from search on purpose", "Pages exclues de la recherche à dessein"),
    "excluded_intro": Text(
        "Cart, checkout, account, login and internal search pages (and those the agency lists) are meant to "
        "stay out of search: no check advises indexing them.",
        "Panier, commande, compte, connexion et recherche interne (et les pages que l’agence a listées) "
        "doivent rester hors des moteurs : aucune vérification ne conseille de les indexer."),
    "pacing_rule": Text(
        "On track: spend within ±{tolerance} of the budget prorated to the days elapsed, and not above the "
        "month's budget. Projection: spend so far plus the last 7 days' daily average for the days left.",
        "Dans les clous : dépense à ±{tolerance} du budget au prorata des jours écoulés, sans dépasser le "
        "budget du mois. Projection : dépense à date plus la moyenne quotidienne des 7 derniers jours "
        "pour les jours restants."),
}
