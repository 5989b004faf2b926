"""Report labels, one :class:`~crawler.common.text.Text` each. Trusted text written here, never client data."""

from __future__ import annotations

from crawler.common.text import Catalogue, Text
from generator.report.i18n_periods import PERIOD_LABELS

LABELS: dict[str, Text] = {
    # navigation and page titles
    "overview": Text("Overview", "Vue d’ensemble"),
    "audit": Text("SEO audit", "Audit SEO"),
    "traffic": Text("Traffic", "Trafic"),
    "campaigns": Text("Campaigns", "Campagnes"),
    "labelled": Text("{label}: {value}", "{label} : {value}"),
    "report_for": Text("{name} report", "Rapport {name}"),
    "generated": Text("Report generated on {date}.", "Rapport généré le {date}."),
    # missing data
    "no_audit": Text(
        "No SEO audit is available for this client: no crawl has been run yet.",
        "Aucun audit SEO n’est disponible pour ce client : aucun crawl n’a encore été lancé.",
    ),
    "no_traffic": Text(
        "No traffic data is available: no server log or analytics export has been imported.",
        "Aucune donnée de trafic n’est disponible : aucun journal serveur ni export analytics n’a été "
        "importé.",
    ),
    "no_campaigns": Text(
        "No campaign data is available: no ad-platform export has been imported.",
        "Aucune donnée de campagne n’est disponible : aucun export de plateforme publicitaire n’a été "
        "importé.",
    ),
    "no_logs": Text(
        "No server log has been imported: visits, bots and Googlebot activity are not measured. The "
        "imported Search Console and analytics exports are shown below.",
        "Aucun journal serveur n’a été importé : les visites, les robots et l’activité de Googlebot ne "
        "sont pas mesurés. Les exports Search Console et analytics importés figurent ci-dessous.",
    ),
    "gsc_clicks_short": Text("Google clicks (Search Console)", "Clics Google (Search Console)"),
    "ga_sessions": Text("Sessions (analytics)", "Sessions (analytics)"),
    "no_series": Text("No daily series in the data.", "Pas de série quotidienne dans les données."),
    "no_rows": Text("Nothing to report.", "Rien à signaler."),
    "and_more": Text("… and {n} more.", "… et {n} de plus."),
    # overview
    "health": Text("SEO health score", "Score de santé SEO"),
    "key_figures": Text("Key figures", "Chiffres clés"),
    "action_plan": Text("Action plan", "Plan d’action"),
    "action_plan_intro": Text(
        "The issues to fix first: by severity, then by the search traffic at risk (organic-search visits "
        "landing on the affected pages, or their Search Console clicks). Each check links to its page.",
        "Les problèmes à corriger en priorité : par gravité, puis selon le trafic de recherche en jeu "
        "(visites issues de la recherche naturelle arrivées sur les pages concernées, ou leurs clics "
        "Search Console). Chaque vérification renvoie à sa page.",
    ),
    "action_item": Text("{title} — {count} page(s) ({severity})", "{title} — {count} page(s) ({severity})"),
    "vs_previous_crawl": Text("vs previous crawl", "vs crawl précédent"),
    "vs_previous_period": Text("vs previous period", "vs période précédente"),
    # audit
    "site": Text("Site", "Site"),
    "pages_crawled": Text("Pages crawled", "Pages crawlées"),
    "issues": Text("Issues", "Problèmes"),
    "issues_by_check": Text("Issues by check", "Problèmes par vérification"),
    "health_trend": Text("Health score over crawls", "Évolution du score de santé"),
    "crawl": Text("Crawl", "Crawl"),
    "crawl_date": Text("Crawl date", "Date du crawl"),
    "crawl_incomplete": Text(
        "The crawl did not finish (page limit reached): site-wide checks are inconclusive.",
        "Le crawl n’est pas allé jusqu’au bout (limite de pages atteinte) : les vérifications à l’échelle"
        " du site sont non concluantes.",
    ),
    "start_url": Text("Start URL", "URL de départ"),
    "check": Text("Check", "Vérification"),
    "category": Text("Category", "Catégorie"),
    "severity": Text("Severity", "Gravité"),
    "count": Text("Count", "Nombre"),
    "new": Text("New", "Nouveaux"),
    "why": Text("Why it matters", "Pourquoi c’est important"),
    "how": Text("How to fix", "Comment corriger"),
    "url": Text("URL", "URL"),
    "detail": Text("Detail", "Détail"),
    "download_xlsx": Text("Issues (Excel)", "Problèmes (Excel)"),
    "download_csv": Text("Issues (CSV)", "Problèmes (CSV)"),
    "download_pages": Text("Crawled pages (CSV)", "Pages crawlées (CSV)"),
    "last_crawl": Text("Latest crawl", "Dernier crawl"),
    "crawl_overview": Text("Crawl overview", "Vue du crawl"),
    "pages_fetched": Text("Internal URLs fetched", "URL internes demandées"),
    "response_median": Text("Median response time", "Temps de réponse médian"),
    "response_p95": Text("Response time (95th percentile)", "Temps de réponse (95e centile)"),
    "html_size": Text("Median HTML size", "Poids HTML médian"),
    "in_sitemap": Text("URLs in the sitemap", "URL dans le sitemap"),
    "robots_blocked": Text("URLs blocked by robots.txt", "URL bloquées par robots.txt"),
    "pages_by_depth": Text("Pages by click depth", "Pages par profondeur de clic"),
    "fixed": Text("Fixed since the previous crawl", "Corrigés depuis le crawl précédent"),
    "inconclusive": Text("inconclusive", "non concluant"),
    "details_by_check": Text("Details by check", "Détail par vérification"),
    "error": Text("Error", "Erreur"),
    "warning": Text("Warning", "Avertissement"),
    "notice": Text("Notice", "Remarque"),
    "errors": Text("Errors", "Erreurs"),
    "warnings": Text("Warnings", "Avertissements"),
    "notices": Text("Notices", "Remarques"),
    "no_issues": Text("No issue found.", "Aucun problème détecté."),
    # traffic
    "period": Text("Period", "Période"),
    "hits": Text("Hits", "Requêtes"),
    "pageviews": Text("Page views", "Pages vues"),
    "visits": Text("Visits", "Visites"),
    "visitors": Text("Visitors", "Visiteurs"),
    "unique_visitors": Text("Unique visitors", "Visiteurs uniques"),
    "bounce_rate": Text("Bounce rate", "Taux de rebond"),
    "bot_share": Text("Bot share", "Part des robots"),
    "bandwidth": Text("Bandwidth", "Bande passante"),
    "channels": Text("Visits by channel", "Visites par canal"),
    "channel": Text("Channel", "Canal"),
    "share": Text("Share", "Part"),
    "daily": Text("Daily trend", "Évolution quotidienne"),
    "date": Text("Date", "Date"),
    "landing_pages": Text("Top landing pages", "Principales pages d’atterrissage"),
    "page": Text("Page", "Page"),
    "bounces": Text("Bounces", "Rebonds"),
    "googlebot": Text("Googlebot activity", "Activité de Googlebot"),
    "googlebot_hits": Text("Googlebot hits", "Requêtes Googlebot"),
    "googlebot_urls": Text("Distinct URLs crawled", "URL distinctes crawlées"),
    "bots": Text("Bots", "Robots"),
    "bot": Text("Bot", "Robot"),
    "bot_hits": Text("Bot hits", "Requêtes de robots"),
    "status_codes": Text("Status codes", "Codes de réponse"),
    "status": Text("Status", "Code"),
    "rejected": Text(
        "{n} log line(s) rejected out of {total}.",
        "{n} ligne(s) de journal rejetée(s) sur {total}.",
    ),
    "no_googlebot": Text("No Googlebot visit in the period.", "Aucune visite de Googlebot dans la période."),
    "fake_googlebot": Text("Fake Googlebot hits", "Faux Googlebot (non vérifiés)"),
    "gb_non_indexable": Text("Hits on non-indexable URLs", "Requêtes sur des URL non indexables"),
    "gb_redirects": Text("Hits answered with a redirect (3xx)", "Requêtes redirigées (3xx)"),
    "gb_never_visited": Text(
        "Crawled pages Googlebot never visited",
        "Pages crawlées jamais visitées par Googlebot",
    ),
    "gb_orphans": Text("Orphan URLs Googlebot visits", "URL orphelines visitées par Googlebot"),
    "gb_top_urls": Text("URLs Googlebot crawls most", "URL les plus crawlées par Googlebot"),
    "gb_wasted": Text("Crawl budget spent on non-indexable URLs", "Budget de crawl gaspillé"),
    "last_crawled": Text("Last crawled", "Dernier passage"),
    "reason": Text("Reason", "Raison"),
    "smartphone": Text("smartphone", "smartphone"),
    "desktop": Text("desktop", "ordinateur"),
    "not_found": Text("Pages not found (404)", "Pages introuvables (404)"),
    "visitors_hits": Text("Visitor hits", "Requêtes de visiteurs"),
    "linked_from": Text("Linked from", "Liée depuis"),
    "top_pages": Text("Top pages", "Pages les plus vues"),
    "referrers": Text("Referring sites", "Sites référents"),
    "organic_share": Text("Organic Search share", "Part Organic Search"),
    "daily_visits": Text("Visits per day", "Visites par jour"),
    "sources_devices": Text("Referring sites and devices", "Sites référents et appareils"),
    "host": Text("Host", "Site"),
    "devices": Text("Devices", "Appareils"),
    "device": Text("Device", "Appareil"),
    "browsers": Text("Browsers", "Navigateurs"),
    "browser": Text("Browser", "Navigateur"),
    "response_time": Text("Average response time", "Temps de réponse moyen"),
    "response_time_p95": Text("Response time (95th percentile)", "Temps de réponse (95e centile)"),
    "pages_per_visit": Text("Pages per visit", "Pages par visite"),
    "avg_visit": Text("Average visit duration", "Durée moyenne de visite"),
    "bot_groups": Text("Bot hits by family", "Requêtes de robots par famille"),
    "search_console": Text("Search Console", "Search Console"),
    "gsc_clicks": Text("Clicks from Google per day", "Clics depuis Google par jour"),
    "position": Text("Average position", "Position moyenne"),
    "query": Text("Query", "Requête"),
    "top_queries": Text("Top queries", "Principales requêtes"),
    "analytics": Text("Analytics", "Analytics"),
    "sessions": Text("Sessions", "Sessions"),
    "sessions_by_channel": Text("Sessions by channel", "Sessions par canal"),
    "engagement_rate": Text("Engagement rate", "Taux d’engagement"),
    "key_events": Text("Key events", "Événements clés"),
    # campaigns
    "cost": Text("Cost", "Coût"),
    "impressions": Text("Impressions", "Impressions"),
    "clicks": Text("Clicks", "Clics"),
    "conversions": Text("Conversions", "Conversions"),
    "conversion_value": Text("Conv. value", "Valeur de conv."),
    "ctr": Text("CTR", "CTR"),
    "cpc": Text("CPC", "CPC"),
    "cpm": Text("CPM", "CPM"),
    "cpa": Text("CPA", "CPA"),
    "conversion_rate": Text("Conv. rate", "Taux de conv."),
    "roas": Text("ROAS", "ROAS"),
    "platform": Text("Platform", "Plateforme"),
    "campaign": Text("Campaign", "Campagne"),
    "by_platform": Text("By platform", "Par plateforme"),
    "by_campaign": Text("By campaign", "Par campagne"),
    "daily_cost": Text("Daily spend", "Dépense quotidienne"),
    "pacing": Text("Budget pacing", "Rythme de dépense du budget"),
    "budget": Text("Monthly budget", "Budget mensuel"),
    "spent": Text("Spent", "Dépensé"),
    "expected": Text("Expected to date", "Attendu à date"),
    "pacing_ratio": Text("Pacing", "Rythme"),
    "projected": Text("Projected month end", "Projection fin de mois"),
    "pacing_status": Text("Status", "Statut"),
    "on_track": Text("on track", "dans les clous"),
    "under": Text("under", "en retrait"),
    "over": Text("over", "en dépassement"),
    "no_pacing": Text("No monthly budget is configured.", "Aucun budget mensuel n’est configuré."),
    "anomalies": Text("Anomalies", "Anomalies"),
    "no_anomalies": Text("No anomaly detected.", "Aucune anomalie détectée."),
    "targets": Text("Targets", "Objectifs"),
    "by_channel": Text("By channel", "Par canal"),
    "utm_vs_clicks": Text("Platform clicks and measured visits", "Clics des plateformes et visites mesurées"),
    "utm_intro": Text(
        "Clicks reported by each platform next to the visits the site received with the same "
        "utm_campaign. A large gap points to missing tagging or invalid clicks.",
        "Les clics annoncés par chaque plateforme face aux visites que le site a reçues avec le même "
        "utm_campaign. Un écart important signale un marquage manquant ou des clics invalides.",
    ),
    "difference": Text("Difference", "Écart"),
    "ratio_sessions": Text("Visits / clicks", "Visites / clics"),
    "sources": Text("Data sources", "Sources des données"),
    "file": Text("File", "Fichier"),
    "rows": Text("Rows", "Lignes"),
    "totals_check": Text("Totals row", "Ligne de total"),
    "totals_ok": Text("matches", "concorde"),
    "totals_mismatch": Text("does not match", "ne concorde pas"),
    "comparison": Text("Compared with earlier periods", "Comparaison avec les périodes précédentes"),
    "change": Text("Change", "Évolution"),
    "change_year": Text("Change on a year", "Évolution sur un an"),
    "alert": Text("alert", "alerte"),
    "target": Text("Target", "Objectif"),
    "actual": Text("Actual", "Réalisé"),
    "met": Text("met", "atteint"),
    "missed": Text("missed", "manqué"),
    "kpi": Text("KPI", "Indicateur"),
    "scope": Text("Scope", "Périmètre"),
}

LABELS.update(PERIOD_LABELS)

PLATFORMS = {
    "google_ads": "Google Ads",
    "microsoft_ads": "Microsoft Advertising",
    "meta_ads": "Meta Ads",
    "linkedin_ads": "LinkedIn Ads",
}


class Labels(Catalogue):
    """``labels("visits")`` or ``labels.visits`` -> the report label in the report language."""

    def __init__(self, language: str) -> None:
        super().__init__(LABELS, language)

    def severity_label(self, severity: str) -> str:
        return self(severity) if severity in ("error", "warning", "notice") else severity

    def platform_label(self, platform: str) -> str:
        if platform.startswith("generic:"):
            return platform.split(":", 1)[1]
        return PLATFORMS.get(platform, platform)
