"""Crawl settings: one model shared by `traffic crawl` options and `client.yml` (sites[].crawl)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_USER_AGENT = "TrafficManagerBot/0.1 (+https://github.com/traffic-manager/traffic-manager)"


class CrawlSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    concurrency: int = Field(8, ge=1, le=256, description="Worker threads.")
    per_host: int = Field(8, ge=1, description="Concurrent requests to one host at most.")
    delay: float = Field(0.0, ge=0, description="Seconds between two requests to one host (robots Crawl-delay wins if larger).")
    max_pages: int | None = Field(None, ge=1, description="Stop after this many pages.")
    max_depth: int | None = Field(None, ge=0, description="Do not follow links deeper than this.")
    include: list[str] = Field(default_factory=list, description="Only crawl URLs matching one of these regexes.")
    exclude: list[str] = Field(default_factory=list, description="Never crawl URLs matching one of these regexes.")
    subdomains: bool = Field(False, description="Treat subdomains of the start host as internal.")
    keep_params: list[str] | None = Field(None, description="Query parameters to keep (None: keep all).")
    drop_params: list[str] = Field(default_factory=list, description="Query parameters to drop.")
    ignore_robots: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    headers: dict[str, str] = Field(default_factory=dict)
    auth: tuple[str, str] | None = Field(None, description="HTTP basic auth (user, password) for staging sites.")
    resolve: dict[str, str] = Field(
        default_factory=dict,
        description="Fetch an origin from another address, like curl --resolve: "
                    "{'https://www.example.com': 'http://127.0.0.1:8080'}. URLs keep their own origin in the "
                    "crawl and the report; the request goes to the address, with the origin's Host header.")
    cookies: bool = False
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    check_external: bool = Field(True, description="HEAD/GET external links and page resources once each.")
    crawl_sitemaps: bool = Field(True, description="Crawl URLs found in sitemaps (finds orphan pages).")
    max_redirects: int = Field(10, ge=0, le=50, description="Redirect hops followed per URL.")
    max_retry_after: float = Field(120.0, ge=0, description="Longest Retry-After (s) honoured before giving up.")
    max_sitemap_urls: int = Field(50_000, ge=1, description="URLs read per sitemap file (protocol limit).")
    max_sitemap_bytes: int = Field(50 * 1024 * 1024, ge=1, description="Uncompressed bytes per sitemap file.")
    max_sitemaps: int = Field(1000, ge=1, description="Sitemap files read per crawl (index fan-out guard).")
    parse_workers: int | None = Field(
        None, ge=0, le=64,
        description="HTML parser processes (None: cores - 1, at most 4; 0: parse in the fetch threads).")
