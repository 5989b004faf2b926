"""Report labels in French and English. Labels are trusted text written here, never client data."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # navigation and page titles
    "overview": {"fr": "Vue d’ensemble", "en": "Overview"},
    "audit": {"fr": "Audit SEO", "en": "SEO audit"},
    "traffic": {"fr": "Trafic", "en": "Traffic"},
    "campaigns": {"fr": "Campagnes", "en": "Campaigns"},
    "report_for": {"fr": "Rapport {name}", "en": "{name} report"},
    "generated": {"fr": "Rapport généré le {date}.", "en": "Report generated on {date}."},
    # missing data
    "no_audit": {"fr": "Aucun audit SEO n’est disponible pour ce client : aucun crawl n’a encore été lancé.",
                 "en": "No SEO audit is available for this client: no crawl has been run yet."},
    "no_traffic": {"fr": "Aucune donnée de trafic n’est disponible : aucun journal serveur ni export analytics "
                         "n’a été importé.",
                   "en": "No traffic data is available: no server log or analytics export has been imported."},
    "no_campaigns": {"fr": "Aucune donnée de campagne n’est disponible : aucun export de plateforme publicitaire "
                           "n’a été importé.",
                     "en": "No campaign data is available: no ad-platform export has been imported."},
    "no_logs": {"fr": "Aucun journal serveur n’a été importé : les visites, les robots et l’activité de Googlebot "
                      "ne sont pas mesurés. Les exports Search Console et analytics importés figurent ci-dessous.",
                "en": "No server log has been imported: visits, bots and Googlebot activity are not measured. The "
                      "imported Search Console and analytics exports are shown below."},
    "gsc_clicks_short": {"fr": "Clics Google (Search Console)", "en": "Google clicks (Search Console)"},
    "ga_sessions": {"fr": "Sessions (analytics)", "en": "Sessions (analytics)"},
    "no_series": {"fr": "Pas de série quotidienne dans les données.", "en": "No daily series in the data."},
    "no_rows": {"fr": "Rien à signaler.", "en": "Nothing to report."},
    "and_more": {"fr": "… et {n} de plus.", "en": "… and {n} more."},
    # overview
    "health": {"fr": "Score de santé SEO", "en": "SEO health score"},
    "key_figures": {"fr": "Chiffres clés", "en": "Key figures"},
    "action_plan": {"fr": "Plan d’action", "en": "Action plan"},
    "action_plan_intro": {
        "fr": "Les problèmes à corriger en priorité : d’abord ceux qui touchent le plus de visites, puis par gravité "
              "et nombre de pages.",
        "en": "The issues to fix first: those on the pages with the most visits first, then by severity and number "
              "of pages."},
    "action_item": {"fr": "{title} — {count} page(s) ({severity})", "en": "{title} — {count} page(s) ({severity})"},
    "vs_previous_crawl": {"fr": "vs crawl précédent", "en": "vs previous crawl"},
    "vs_previous_period": {"fr": "vs période précédente", "en": "vs previous period"},
    # audit
    "site": {"fr": "Site", "en": "Site"},
    "pages_crawled": {"fr": "Pages crawlées", "en": "Pages crawled"},
    "issues": {"fr": "Problèmes", "en": "Issues"},
    "issues_by_check": {"fr": "Problèmes par vérification", "en": "Issues by check"},
    "health_trend": {"fr": "Évolution du score de santé", "en": "Health score over crawls"},
    "crawl": {"fr": "Crawl", "en": "Crawl"},
    "crawl_date": {"fr": "Date du crawl", "en": "Crawl date"},
    "crawl_incomplete": {"fr": "Le crawl n’est pas allé jusqu’au bout (limite de pages atteinte) : les vérifications "
                               "à l’échelle du site sont non concluantes.",
                         "en": "The crawl did not finish (page limit reached): site-wide checks are inconclusive."},
    "start_url": {"fr": "URL de départ", "en": "Start URL"},
    "check": {"fr": "Vérification", "en": "Check"},
    "category": {"fr": "Catégorie", "en": "Category"},
    "severity": {"fr": "Gravité", "en": "Severity"},
    "count": {"fr": "Nombre", "en": "Count"},
    "new": {"fr": "Nouveaux", "en": "New"},
    "why": {"fr": "Pourquoi c’est important", "en": "Why it matters"},
    "how": {"fr": "Comment corriger", "en": "How to fix"},
    "url": {"fr": "URL", "en": "URL"},
    "detail": {"fr": "Détail", "en": "Detail"},
    "download_xlsx": {"fr": "Problèmes (Excel)", "en": "Issues (Excel)"},
    "download_csv": {"fr": "Problèmes (CSV)", "en": "Issues (CSV)"},
    "download_pages": {"fr": "Pages crawlées (CSV)", "en": "Crawled pages (CSV)"},
    "last_crawl": {"fr": "Dernier crawl", "en": "Latest crawl"},
    "crawl_overview": {"fr": "Vue du crawl", "en": "Crawl overview"},
    "pages_fetched": {"fr": "URL internes demandées", "en": "Internal URLs fetched"},
    "response_median": {"fr": "Temps de réponse médian", "en": "Median response time"},
    "response_p95": {"fr": "Temps de réponse (95e centile)", "en": "Response time (95th percentile)"},
    "html_size": {"fr": "Poids HTML médian", "en": "Median HTML size"},
    "in_sitemap": {"fr": "URL dans le sitemap", "en": "URLs in the sitemap"},
    "robots_blocked": {"fr": "URL bloquées par robots.txt", "en": "URLs blocked by robots.txt"},
    "pages_by_depth": {"fr": "Pages par profondeur de clic", "en": "Pages by click depth"},
    "fixed": {"fr": "Corrigés depuis le crawl précédent", "en": "Fixed since the previous crawl"},
    "inconclusive": {"fr": "non concluant", "en": "inconclusive"},
    "details_by_check": {"fr": "Détail par vérification", "en": "Details by check"},
    "error": {"fr": "Erreur", "en": "Error"},
    "warning": {"fr": "Avertissement", "en": "Warning"},
    "notice": {"fr": "Remarque", "en": "Notice"},
    "errors": {"fr": "Erreurs", "en": "Errors"},
    "warnings": {"fr": "Avertissements", "en": "Warnings"},
    "notices": {"fr": "Remarques", "en": "Notices"},
    "no_issues": {"fr": "Aucun problème détecté.", "en": "No issue found."},
    "score_computed": {"fr": "Score calculé par le rapport : part des pages crawlées sans erreur.",
                       "en": "Score computed by the report: share of crawled pages free of errors."},
    # traffic
    "period": {"fr": "Période", "en": "Period"},
    "hits": {"fr": "Requêtes", "en": "Hits"},
    "pageviews": {"fr": "Pages vues", "en": "Page views"},
    "visits": {"fr": "Visites", "en": "Visits"},
    "visitors": {"fr": "Visiteurs", "en": "Visitors"},
    "unique_visitors": {"fr": "Visiteurs uniques", "en": "Unique visitors"},
    "bounce_rate": {"fr": "Taux de rebond", "en": "Bounce rate"},
    "bot_share": {"fr": "Part des robots", "en": "Bot share"},
    "bandwidth": {"fr": "Bande passante", "en": "Bandwidth"},
    "channels": {"fr": "Visites par canal", "en": "Visits by channel"},
    "channel": {"fr": "Canal", "en": "Channel"},
    "share": {"fr": "Part", "en": "Share"},
    "daily": {"fr": "Évolution quotidienne", "en": "Daily trend"},
    "date": {"fr": "Date", "en": "Date"},
    "landing_pages": {"fr": "Principales pages d’atterrissage", "en": "Top landing pages"},
    "page": {"fr": "Page", "en": "Page"},
    "bounces": {"fr": "Rebonds", "en": "Bounces"},
    "googlebot": {"fr": "Activité de Googlebot", "en": "Googlebot activity"},
    "googlebot_hits": {"fr": "Requêtes Googlebot", "en": "Googlebot hits"},
    "googlebot_urls": {"fr": "URL distinctes crawlées", "en": "Distinct URLs crawled"},
    "bots": {"fr": "Robots", "en": "Bots"},
    "bot": {"fr": "Robot", "en": "Bot"},
    "bot_hits": {"fr": "Requêtes de robots", "en": "Bot hits"},
    "status_codes": {"fr": "Codes de réponse", "en": "Status codes"},
    "status": {"fr": "Code", "en": "Status"},
    "rejected": {"fr": "{n} ligne(s) de journal rejetée(s) sur {total}.",
                 "en": "{n} log line(s) rejected out of {total}."},
    "no_googlebot": {"fr": "Aucune visite de Googlebot dans la période.",
                     "en": "No Googlebot visit in the period."},
    "fake_googlebot": {"fr": "Faux Googlebot (non vérifiés)", "en": "Fake Googlebot hits"},
    "gb_non_indexable": {"fr": "Requêtes sur des URL non indexables", "en": "Hits on non-indexable URLs"},
    "gb_redirects": {"fr": "Requêtes sur des redirections", "en": "Hits on redirects"},
    "gb_never_visited": {"fr": "Pages crawlées jamais visitées par Googlebot",
                         "en": "Crawled pages Googlebot never visited"},
    "gb_orphans": {"fr": "URL orphelines visitées par Googlebot", "en": "Orphan URLs Googlebot visits"},
    "gb_top_urls": {"fr": "URL les plus crawlées par Googlebot", "en": "URLs Googlebot crawls most"},
    "gb_wasted": {"fr": "Budget de crawl gaspillé", "en": "Crawl budget spent on non-indexable URLs"},
    "last_crawled": {"fr": "Dernier passage", "en": "Last crawled"},
    "reason": {"fr": "Raison", "en": "Reason"},
    "smartphone": {"fr": "smartphone", "en": "smartphone"},
    "desktop": {"fr": "ordinateur", "en": "desktop"},
    "not_found": {"fr": "Pages introuvables (404)", "en": "Pages not found (404)"},
    "visitors_hits": {"fr": "Requêtes de visiteurs", "en": "Visitor hits"},
    "linked_from": {"fr": "Liée depuis", "en": "Linked from"},
    "top_pages": {"fr": "Pages les plus vues", "en": "Top pages"},
    "referrers": {"fr": "Sites référents", "en": "Referring sites"},
    "organic_share": {"fr": "Part Organic Search", "en": "Organic Search share"},
    "daily_visits": {"fr": "Visites par jour", "en": "Visits per day"},
    "sources_devices": {"fr": "Sites référents et appareils", "en": "Referring sites and devices"},
    "host": {"fr": "Site", "en": "Host"},
    "devices": {"fr": "Appareils", "en": "Devices"},
    "device": {"fr": "Appareil", "en": "Device"},
    "browsers": {"fr": "Navigateurs", "en": "Browsers"},
    "browser": {"fr": "Navigateur", "en": "Browser"},
    "response_time": {"fr": "Temps de réponse moyen", "en": "Average response time"},
    "response_time_p95": {"fr": "Temps de réponse (95e centile)", "en": "Response time (95th percentile)"},
    "pages_per_visit": {"fr": "Pages par visite", "en": "Pages per visit"},
    "avg_visit": {"fr": "Durée moyenne de visite", "en": "Average visit duration"},
    "bot_groups": {"fr": "Requêtes de robots par famille", "en": "Bot hits by family"},
    "search_console": {"fr": "Search Console", "en": "Search Console"},
    "gsc_clicks": {"fr": "Clics depuis Google par jour", "en": "Clicks from Google per day"},
    "position": {"fr": "Position moyenne", "en": "Average position"},
    "query": {"fr": "Requête", "en": "Query"},
    "top_queries": {"fr": "Principales requêtes", "en": "Top queries"},
    "analytics": {"fr": "Analytics", "en": "Analytics"},
    "sessions": {"fr": "Sessions", "en": "Sessions"},
    "sessions_by_channel": {"fr": "Sessions par canal", "en": "Sessions by channel"},
    "engagement_rate": {"fr": "Taux d’engagement", "en": "Engagement rate"},
    "key_events": {"fr": "Événements clés", "en": "Key events"},
    # campaigns
    "cost": {"fr": "Coût", "en": "Cost"},
    "impressions": {"fr": "Impressions", "en": "Impressions"},
    "clicks": {"fr": "Clics", "en": "Clicks"},
    "conversions": {"fr": "Conversions", "en": "Conversions"},
    "conversion_value": {"fr": "Valeur de conv.", "en": "Conv. value"},
    "ctr": {"fr": "CTR", "en": "CTR"},
    "cpc": {"fr": "CPC", "en": "CPC"},
    "cpm": {"fr": "CPM", "en": "CPM"},
    "cpa": {"fr": "CPA", "en": "CPA"},
    "conversion_rate": {"fr": "Taux de conv.", "en": "Conv. rate"},
    "roas": {"fr": "ROAS", "en": "ROAS"},
    "platform": {"fr": "Plateforme", "en": "Platform"},
    "campaign": {"fr": "Campagne", "en": "Campaign"},
    "by_platform": {"fr": "Par plateforme", "en": "By platform"},
    "by_campaign": {"fr": "Par campagne", "en": "By campaign"},
    "daily_cost": {"fr": "Dépense quotidienne", "en": "Daily spend"},
    "pacing": {"fr": "Rythme de dépense du budget", "en": "Budget pacing"},
    "budget": {"fr": "Budget mensuel", "en": "Monthly budget"},
    "spent": {"fr": "Dépensé", "en": "Spent"},
    "expected": {"fr": "Attendu à date", "en": "Expected to date"},
    "pacing_ratio": {"fr": "Rythme", "en": "Pacing"},
    "projected": {"fr": "Projection fin de mois", "en": "Projected month end"},
    "pacing_status": {"fr": "Statut", "en": "Status"},
    "on_track": {"fr": "dans les clous", "en": "on track"},
    "under": {"fr": "en retrait", "en": "under"},
    "over": {"fr": "en dépassement", "en": "over"},
    "no_pacing": {"fr": "Aucun budget mensuel n’est configuré.", "en": "No monthly budget is configured."},
    "anomalies": {"fr": "Anomalies", "en": "Anomalies"},
    "no_anomalies": {"fr": "Aucune anomalie détectée.", "en": "No anomaly detected."},
    "targets": {"fr": "Objectifs", "en": "Targets"},
    "by_channel": {"fr": "Par canal", "en": "By channel"},
    "utm_vs_clicks": {"fr": "Clics des plateformes et visites mesurées", "en": "Platform clicks and measured visits"},
    "utm_intro": {"fr": "Les clics annoncés par chaque plateforme face aux visites que le site a reçues avec le même "
                        "utm_campaign. Un écart important signale un marquage manquant ou des clics invalides.",
                  "en": "Clicks reported by each platform next to the visits the site received with the same "
                        "utm_campaign. A large gap points to missing tagging or invalid clicks."},
    "difference": {"fr": "Écart", "en": "Difference"},
    "ratio_sessions": {"fr": "Visites / clics", "en": "Visits / clicks"},
    "sources": {"fr": "Sources des données", "en": "Data sources"},
    "file": {"fr": "Fichier", "en": "File"},
    "rows": {"fr": "Lignes", "en": "Rows"},
    "totals_check": {"fr": "Ligne de total", "en": "Totals row"},
    "totals_ok": {"fr": "concorde", "en": "matches"},
    "totals_mismatch": {"fr": "ne concorde pas", "en": "does not match"},
    "comparison": {"fr": "Comparaison du mois en cours", "en": "Month to date compared"},
    "change": {"fr": "Évolution", "en": "Change"},
    "alert": {"fr": "alerte", "en": "alert"},
    "target": {"fr": "Objectif", "en": "Target"},
    "actual": {"fr": "Réalisé", "en": "Actual"},
    "met": {"fr": "atteint", "en": "met"},
    "missed": {"fr": "manqué", "en": "missed"},
    "kpi": {"fr": "Indicateur", "en": "KPI"},
    "scope": {"fr": "Périmètre", "en": "Scope"},
}

PLATFORMS = {
    "google_ads": "Google Ads",
    "microsoft_ads": "Microsoft Advertising",
    "meta_ads": "Meta Ads",
    "linkedin_ads": "LinkedIn Ads",
}


class Labels:
    """``labels("visits")`` or ``labels.visits`` -> the text in the report language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in ("fr", "en") else "en"

    def __call__(self, key: str, **values: object) -> str:
        entry = LABELS.get(key)
        text = entry[self.language] if entry else key.replace("_", " ")
        return text.format(**values) if values else text

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self(key)

    def severity_label(self, severity: str) -> str:
        return self(severity) if severity in ("error", "warning", "notice") else severity

    def platform_label(self, platform: str) -> str:
        if platform.startswith("generic:"):
            return platform.split(":", 1)[1]
        return PLATFORMS.get(platform, platform)
