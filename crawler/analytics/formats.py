"""The export formats we read, as data: for each kind, its columns with their English / French / raw headers.

A table's kind is decided from its headers alone (file names lie: "Requêtes.csv", "Queries (1).csv"): the
kind whose required columns are all present and which matches the most headers wins. Headers are compared
after ``normalise_header`` (case, accents, quotes, spaces). Sources for the header names:
- GA4: the CSV download of the Traffic acquisition, Landing page and Pages and screens reports (EN and FR UI);
- Matomo: the CSV export of Referrers and Pages reports, raw metric ids or translated column names;
- Plausible: the CSV files of its export ZIP (``imported_visitors.csv``, ... see Plausible.Exports);
- Search Console: the Performance report export (Queries.csv, Pages.csv, Countries.csv, Devices.csv, Dates.csv).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from crawler.analytics.values import normalise_header


@dataclass(frozen=True)
class Col:
    name: str  # column in our table
    type: str  # text, int, float, rate (fraction or "x %"), percent (always a percentage), duration, date
    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()
    raw: tuple[str, ...] = ()  # language-neutral headers (identical in EN and FR, or raw metric ids)
    dims: dict[str, str] = field(default_factory=dict)  # header -> dimension id, for a "dimension" column

    def headers(self) -> dict[str, str]:
        """normalised header -> language ("en", "fr", "")."""
        out: dict[str, str] = {}
        for lang, names in (("en", self.en), ("fr", self.fr), ("", self.raw)):  # raw (neutral) wins a tie
            for h in names:
                out[normalise_header(h)] = lang
        return out


@dataclass(frozen=True)
class Kind:
    id: str
    platform: str  # ga4, matomo, plausible, gsc
    label: str
    table: str
    columns: tuple[Col, ...]
    required: tuple[str, ...]
    file_hint: str = ""  # Plausible: the member-name prefix that identifies the kind
    any_of: tuple[str, ...] = ()  # at least one of these columns must be present too

    def example_headers(self) -> list[str]:
        optional = [c for c in self.columns if c.name not in self.required and c.name != "date"]
        return [(c.en or c.raw or c.fr)[0] for c in self.columns if c.name in self.required] + [
            (c.en or c.raw or c.fr)[0] for c in optional
        ][:6]


def _dim(name: str, type_: str, mapping: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]) -> Col:
    """A dimension column whose header also says *which* dimension it is (channel group, source / medium...)."""
    en: list[str] = []
    fr: list[str] = []
    dims: dict[str, str] = {}
    for dim_id, (_, en_names, fr_names) in mapping.items():
        en += en_names
        fr += fr_names
        for h in (*en_names, *fr_names):
            dims[normalise_header(h)] = dim_id
    return Col(name, type_, en=tuple(en), fr=tuple(fr), dims=dims)


# --- GA4 ------------------------------------------------------------------------------------------------

_GA4_DATE = Col("date", "date", raw=("Date",), fr=("Jour",))
_GA4_METRICS = (
    Col("sessions", "int", raw=("Sessions",)),
    Col("engaged_sessions", "int", en=("Engaged sessions",), fr=("Sessions avec engagement",)),
    Col("engagement_rate", "rate", en=("Engagement rate",), fr=("Taux d'engagement",)),
    Col("bounce_rate", "rate", en=("Bounce rate",), fr=("Taux de rebond",)),
    Col("avg_engagement_time", "duration",
        en=("Average engagement time per session", "Average engagement time", "Average session duration",
            "Average engagement time per active user"),
        fr=("Durée d'engagement moyenne par session", "Durée d'engagement moyenne",
            "Durée moyenne des sessions", "Durée d'engagement moyenne par utilisateur actif")),
    Col("events_per_session", "float", en=("Events per session",), fr=("Événements par session",)),
    Col("event_count", "int", en=("Event count",), fr=("Nombre d'événements",)),
    Col("key_events", "float", en=("Key events", "Conversions"), fr=("Événements clés",), raw=("Conversions",)),
    Col("key_event_rate", "rate", en=("Session key event rate", "Session conversion rate"),
        fr=("Taux d'événements clés de la session", "Taux de conversion de la session")),
    Col("revenue", "float", en=("Total revenue", "Purchase revenue"),
        fr=("Revenu total", "Revenus totaux", "Chiffre d'affaires total", "Revenu généré par les achats")),
    Col("users", "int", en=("Total users", "Users"), fr=("Nombre total d'utilisateurs", "Utilisateurs")),
    Col("active_users", "int", en=("Active users",), fr=("Utilisateurs actifs",)),
    Col("new_users", "int", en=("New users",), fr=("Nouveaux utilisateurs",)),
    Col("views", "int", en=("Views", "Screen page views"), fr=("Vues",)),
    Col("views_per_user", "float", en=("Views per active user", "Views per user"),
        fr=("Vues par utilisateur actif", "Vues par utilisateur")),
)
_GA4_TRAFFIC_DIM = _dim("value", "text", {
    "session_default_channel_group": ("", ("Session default channel group",),
                                      ("Groupe de canaux par défaut de la session",)),
    "session_primary_channel_group": ("", ("Session primary channel group",
                                           "Session primary channel group (Default Channel Group)"),
                                      ("Groupe de canaux principal de la session",
                                       "Groupe de canaux principal de la session (Groupe de canaux par défaut)")),
    "session_source_medium": ("", ("Session source / medium",), ("Source/Support de la session",)),
    "session_source": ("", ("Session source",), ("Source de la session",)),
    "session_medium": ("", ("Session medium",), ("Support de la session",)),
    "session_campaign": ("", ("Session campaign",), ("Campagne de la session",)),
    "first_user_default_channel_group": ("", ("First user default channel group",),
                                         ("Groupe de canaux par défaut associé au premier utilisateur",)),
    "first_user_source_medium": ("", ("First user source / medium",),
                                 ("Source/Support associés au premier utilisateur",)),
    "default_channel_group": ("", ("Default channel group",), ("Groupe de canaux par défaut",)),
})
_GA4_LANDING_DIM = _dim("landing_page", "text", {
    "landing_page": ("", ("Landing page",), ("Page de destination",)),
    "landing_page_query": ("", ("Landing page + query string",), ("Page de destination + chaîne de requête",)),
})
_GA4_PAGE_DIM = _dim("page", "text", {
    "page_path_screen_class": ("", ("Page path and screen class",), ("Chemin de la page et classe de l'écran",)),
    "page_path_query_screen_class": ("", ("Page path + query string and screen class",),
                                     ("Chemin de la page + chaîne de requête et classe de l'écran",)),
    "page_title_screen_class": ("", ("Page title and screen class",),
                                ("Titre de la page et classe de l'écran",)),
    "page_path": ("", ("Page path", "Page path + query string"),
                  ("Chemin de la page", "Chemin de la page + chaîne de requête")),
    "page_title": ("", ("Page title",), ("Titre de la page",)),
})

GA4_TRAFFIC = Kind("ga4_traffic", "ga4", "GA4 traffic acquisition", "ga4_traffic",
                   (_GA4_TRAFFIC_DIM, _GA4_DATE, *_GA4_METRICS), ("value", "sessions"))
GA4_LANDING = Kind("ga4_landing_pages", "ga4", "GA4 landing pages", "ga4_landing_pages",
                   (_GA4_LANDING_DIM, _GA4_DATE, *_GA4_METRICS), ("landing_page", "sessions"))
GA4_PAGES = Kind("ga4_pages", "ga4", "GA4 pages and screens", "ga4_pages",
                 (_GA4_PAGE_DIM, _GA4_DATE, *_GA4_METRICS), ("page", "views"))
GA4_DAILY = Kind("ga4_daily", "ga4", "GA4 sessions by date", "ga4_traffic",
                 (_GA4_DATE, *_GA4_METRICS), ("date", "sessions"))

# --- Matomo ---------------------------------------------------------------------------------------------

_MATOMO_LABEL = Col("label", "text", raw=("label",), en=("Label", "Referrer", "Channel type", "Website",
                    "Search engine", "Social network", "Campaign", "Page URL", "Page name"),
                    fr=("Libellé", "Référent", "Type de canal", "Site web", "Moteur de recherche",
                        "Réseau social", "Campagne", "URL de la page", "Nom de la page"))
_MATOMO_COMMON = (
    Col("date", "date", raw=("date", "Date")),
    Col("visits", "int", raw=("nb_visits",), en=("Visits", "Unique Pageviews"),
        fr=("Visites", "Vues de page uniques")),
    Col("unique_visitors", "int", raw=("nb_uniq_visitors", "sum_daily_nb_uniq_visitors"),
        en=("Unique visitors",), fr=("Visiteurs uniques",)),
    Col("bounce_rate", "rate", raw=("bounce_rate",), en=("Bounce rate",), fr=("Taux de rebond",)),
    Col("conversions", "int", raw=("nb_visits_converted",), en=("Visits converted",), fr=("Visites converties",)),
    Col("revenue", "float", raw=("revenue",), en=("Revenue",), fr=("Revenu", "Chiffre d'affaires")),
)
MATOMO_REFERRERS = Kind("matomo_referrers", "matomo", "Matomo referrers", "matomo_referrers", (
    _MATOMO_LABEL, *_MATOMO_COMMON,
    Col("actions", "int", raw=("nb_actions", "Actions")),
    Col("avg_time_on_site", "duration", raw=("avg_time_on_site",),
        en=("Avg. Time on Website", "Avg. Visit Duration (in seconds)"), fr=("Temps moyen passé sur le site",
                                                                            "Durée moyenne des visites")),
    Col("referrer_type", "text", raw=("metadata_referer_type", "referer_type", "metadata_referrer_type"),
        en=("Referrer type",), fr=("Type de référent",)),
    Col("url", "text", raw=("metadata_url", "url")),
), ("label", "visits"))
MATOMO_PAGES = Kind("matomo_pages", "matomo", "Matomo pages", "matomo_pages", (
    _MATOMO_LABEL, *_MATOMO_COMMON,
    Col("pageviews", "int", raw=("nb_hits",), en=("Pageviews",), fr=("Vues de page", "Pages vues")),
    Col("avg_time_on_page", "duration", raw=("avg_time_on_page",), en=("Avg. time on page",),
        fr=("Temps moyen passé sur la page", "Temps moyen sur la page")),
    Col("exit_rate", "rate", raw=("exit_rate",), en=("Exit rate",), fr=("Taux de sortie",)),
    Col("entrances", "int", raw=("entry_nb_visits",), en=("Entrances",), fr=("Entrées",)),
    Col("url", "text", raw=("metadata_url", "url")),
), ("label", "pageviews"))

# --- Plausible (raw column names of its export ZIP) -------------------------------------------------------


def _raw(name: str, type_: str) -> Col:
    return Col(name, type_, raw=(name,))


_PL_DATE = _raw("date", "date")
PLAUSIBLE_VISITORS = Kind("plausible_visitors", "plausible", "Plausible visitors", "plausible_visitors", (
    _PL_DATE, _raw("visitors", "int"), _raw("pageviews", "int"), _raw("bounces", "int"), _raw("visits", "int"),
    _raw("visit_duration", "float"),
), ("date", "visitors", "pageviews", "bounces", "visits", "visit_duration"), "imported_visitors")
PLAUSIBLE_SOURCES = Kind("plausible_sources", "plausible", "Plausible sources", "plausible_sources", (
    _PL_DATE, _raw("source", "text"), _raw("referrer", "text"), _raw("utm_source", "text"),
    _raw("utm_medium", "text"), _raw("utm_campaign", "text"), _raw("utm_content", "text"),
    _raw("utm_term", "text"), _raw("pageviews", "int"), _raw("visitors", "int"), _raw("visits", "int"),
    _raw("visit_duration", "float"), _raw("bounces", "int"),
), ("date", "source", "visitors", "visits"), "imported_sources")
PLAUSIBLE_PAGES = Kind("plausible_pages", "plausible", "Plausible pages", "plausible_pages", (
    _PL_DATE, _raw("hostname", "text"), _raw("page", "text"), _raw("visits", "int"), _raw("visitors", "int"),
    _raw("pageviews", "int"), _raw("exits", "int"), _raw("time_on_page", "float"),
    _raw("total_time_on_page", "float"), _raw("total_time_on_page_visits", "int"),
    _raw("total_scroll_depth", "float"), _raw("total_scroll_depth_visits", "int"),
), ("date", "page", "visitors", "pageviews"), "imported_pages")
PLAUSIBLE_ENTRY_PAGES = Kind("plausible_entry_pages", "plausible", "Plausible entry pages",
                             "plausible_entry_pages", (
    _PL_DATE, _raw("entry_page", "text"), _raw("visitors", "int"), _raw("entrances", "int"),
    _raw("visit_duration", "float"), _raw("bounces", "int"), _raw("pageviews", "int"),
), ("date", "entry_page", "entrances"), "imported_entry_pages")
# The dashboard's "Export to CSV" ZIP (StatsController.csv_export): visitors.csv, then one breakdown per report
# (sources.csv, channels.csv, utm_*.csv, pages.csv, entry_pages.csv, countries.csv...) all headed "name,...";
# the file name says which report. bounce_rate is a whole percentage, visit_duration an average in seconds.
PLAUSIBLE_DASHBOARD_VISITORS = Kind(
    "plausible_dashboard_visitors", "plausible", "Plausible dashboard visitors", "plausible_dashboard_visitors", (
        _PL_DATE, _raw("visitors", "int"), _raw("pageviews", "int"), _raw("visits", "int"),
        _raw("views_per_visit", "float"), _raw("bounce_rate", "percent"), _raw("visit_duration", "float"),
        _raw("scroll_depth", "float"),
    ), ("date", "visitors", "pageviews", "visits", "bounce_rate"))
PLAUSIBLE_BREAKDOWN = Kind(
    "plausible_breakdown", "plausible", "Plausible dashboard breakdown", "plausible_breakdowns", (
        _raw("name", "text"), _raw("visitors", "int"), _raw("pageviews", "int"), _raw("bounce_rate", "percent"),
        _raw("visit_duration", "float"), _raw("time_on_page", "float"), _raw("unique_entrances", "int"),
        _raw("total_entrances", "int"), _raw("unique_exits", "int"), _raw("total_exits", "int"),
        _raw("exit_rate", "percent"), _raw("conversions", "int"), _raw("conversion_rate", "percent"),
        _raw("scroll_depth", "float"),
    ), ("name",), any_of=("visitors", "total_entrances", "total_exits", "conversions"))
# The other files of a Plausible export (exit pages, locations, devices, browsers, OS, custom events) are
# recognised by name and skipped: the report does not show them.
PLAUSIBLE_SKIPPED = ("imported_exit_pages", "imported_locations", "imported_devices", "imported_browsers",
                     "imported_operating_systems", "imported_custom_events")

# --- Search Console -------------------------------------------------------------------------------------

_GSC_DIM = _dim("key", "text", {
    "query": ("", ("Top queries", "Query", "Queries"), ("Requêtes les plus fréquentes", "Requête", "Requêtes")),
    "page": ("", ("Top pages", "Page", "Pages"), ("Pages les plus populaires",)),
    "country": ("", ("Country", "Countries"), ("Pays",)),
    "device": ("", ("Device", "Devices"), ("Appareil", "Appareils")),
    "date": ("", ("Date", "Dates"), ("Jour",)),
    "search_appearance": ("", ("Search appearance", "Search Appearance"),
                          ("Apparence dans les résultats de recherche", "Apparence dans la recherche")),
})
GSC_PERFORMANCE = Kind("gsc_performance", "gsc", "Search Console performance", "gsc_performance", (
    _GSC_DIM,
    Col("clicks", "int", en=("Clicks",), fr=("Clics",)),
    Col("impressions", "int", raw=("Impressions",)),
    Col("ctr", "rate", raw=("CTR",), fr=("Taux de clics",)),
    Col("position", "float", raw=("Position",), fr=("Position moyenne",), en=("Average position",)),
), ("key", "clicks", "impressions"))
GSC_FILTERS = Kind("gsc_filters", "gsc", "Search Console filters", "", (
    Col("filter", "text", en=("Filter",), fr=("Filtre",)),
    Col("value", "text", en=("Value",), fr=("Valeur",)),
), ("filter", "value"))

KINDS: tuple[Kind, ...] = (
    GSC_PERFORMANCE, GSC_FILTERS,
    PLAUSIBLE_VISITORS, PLAUSIBLE_SOURCES, PLAUSIBLE_PAGES, PLAUSIBLE_ENTRY_PAGES,
    PLAUSIBLE_DASHBOARD_VISITORS, PLAUSIBLE_BREAKDOWN,
    GA4_TRAFFIC, GA4_LANDING, GA4_PAGES, GA4_DAILY,
    MATOMO_PAGES, MATOMO_REFERRERS,
)


@dataclass
class Match:
    kind: Kind
    columns: dict[int, Col]  # header index -> column
    dimension: str  # which dimension the dimension column is ("session_default_channel_group", "query"...)
    lang: str  # "fr", "en" or "" (raw ids)
    score: int


@cache
def _lookup(kind_id: str) -> dict[str, tuple[Col, str]]:
    """normalised header -> (column, language) for one kind."""
    kind = next(k for k in KINDS if k.id == kind_id)
    table: dict[str, tuple[Col, str]] = {}
    for col in reversed(kind.columns):  # the first column listed wins a shared header
        for header, lang in col.headers().items():
            table[header] = (col, lang)
    return table


def _match(kind: Kind, headers: list[str]) -> Match:
    columns: dict[int, Col] = {}
    taken: set[str] = set()
    langs: set[str] = set()
    dimension = ""
    lookup = _lookup(kind.id)
    for index, header in enumerate(headers):
        norm = normalise_header(header)
        hit = lookup.get(norm)
        if hit is None or hit[0].name in taken:
            continue
        col, lang = hit
        columns[index] = col
        taken.add(col.name)
        langs.add(lang)
        dimension = col.dims.get(norm, dimension)
    lang = "fr" if "fr" in langs else "en" if "en" in langs else ""
    return Match(kind, columns, dimension, lang, len(columns))


def detect(headers: list[str], member_name: str = "") -> tuple[Match | None, Match | None]:
    """(best match with all required columns, nearest partial match for the error message)."""
    best: Match | None = None
    nearest: Match | None = None
    nearest_key = (-1.0, -1)
    for kind in KINDS:
        m = _match(kind, headers)
        names = {c.name for c in m.columns.values()}
        complete = all(r in names for r in kind.required) and (
            not kind.any_of or any(a in names for a in kind.any_of))
        if complete and (best is None or m.score > best.score):
            best = m
            if kind.id == "plausible_breakdown":  # "name" says nothing: the report is in the file name
                stem = member_name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
                best.dimension = stem or "breakdown"
        required_hits = sum(r in names for r in kind.required) / len(kind.required)
        if (required_hits, m.score) > nearest_key:
            nearest, nearest_key = m, (required_hits, m.score)
    return best, nearest
