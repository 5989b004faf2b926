"""AI crawlers: what robots.txt lets AI search and training bots read, and llms.txt.

Blocking training bots is a legitimate business choice (a notice); blocking the bots that fetch pages
to answer users in ChatGPT, Perplexity or Claude removes the site from those answers (a warning).
"""

from __future__ import annotations

from crawler.audit import robots_txt as robots
from crawler.audit.base import Check, Finding, Text
from crawler.audit.context import origin
from crawler.audit.registry import register

AI_SEARCH_BOTS = ["OAI-SearchBot", "ChatGPT-User", "PerplexityBot", "Perplexity-User", "Claude-SearchBot",
                  "Claude-User", "DuckAssistBot", "MistralAI-User"]
AI_TRAINING_BOTS = ["GPTBot", "ClaudeBot", "anthropic-ai", "CCBot", "Google-Extended", "Applebot-Extended",
                    "meta-externalagent", "Bytespider", "cohere-ai", "Amazonbot"]


class _BotCheck(Check):
    category = "ai_crawlers"
    scope = "site"
    needs_complete_crawl = False
    reads = ("host_files.robots.txt",)
    bots: list[str] = []

    def run(self, ctx, th):
        f = ctx.robots_file()
        blocked = robots.blocked_agents(robots.parse(f), ctx.start_url, self.bots)
        if blocked and f is not None:
            yield Finding(f"{f['host']}/robots.txt", ", ".join(blocked), {"bots": blocked})


@register
class AiSearchCrawlerBlocked(_BotCheck):
    id = "ai_search_crawler_blocked"
    title = Text("AI search crawlers blocked", "Robots de recherche IA bloqués")
    severity = "warning"
    bots = AI_SEARCH_BOTS
    why = Text("robots.txt forbids the bots that fetch pages to answer users in ChatGPT search, Perplexity or Claude: "
            "the site cannot be cited there.",
            "robots.txt interdit les robots qui lisent les pages pour répondre dans ChatGPT Search, Perplexity ou Claude : "
            "le site ne peut pas y être cité.")
    fix = Text("Allow OAI-SearchBot, PerplexityBot, Claude-SearchBot... unless staying out of AI answers is intended.",
            "Autorisez OAI-SearchBot, PerplexityBot, Claude-SearchBot... sauf si rester hors des réponses d'IA est voulu.")


@register
class AiTrainingCrawlerBlocked(_BotCheck):
    id = "ai_training_crawler_blocked"
    title = Text("AI training crawlers blocked", "Robots d'entraînement IA bloqués")
    severity = "notice"
    bots = AI_TRAINING_BOTS
    why = Text("robots.txt keeps AI training bots (GPTBot, ClaudeBot, CCBot, Google-Extended...) out: content is not used to "
            "train models. A legitimate choice; make sure it is a deliberate one.",
            "robots.txt écarte les robots d'entraînement d'IA (GPTBot, ClaudeBot, CCBot, Google-Extended...) : le contenu "
            "ne sert pas à entraîner les modèles. Choix légitime ; assurez-vous qu'il est délibéré.")
    fix = Text("Keep the rule if intended; otherwise remove the Disallow for these user agents.",
            "Gardez la règle si elle est voulue ; sinon retirez le Disallow pour ces robots.")


@register
class LlmsTxtMissing(Check):
    id = "llms_txt_missing"
    title = Text("No llms.txt", "Pas de fichier llms.txt")
    severity = "notice"
    category = "ai_crawlers"
    scope = "site"
    needs_complete_crawl = False
    why = Text("/llms.txt (llmstxt.org) gives language models a curated Markdown map of the site's key pages.",
            "/llms.txt (llmstxt.org) offre aux modèles de langage un plan Markdown des pages clés du site.")
    fix = Text("Publish /llms.txt: an H1 with the site name, a short summary, then lists of links to key pages.",
            "Publiez /llms.txt : un titre H1 avec le nom du site, un court résumé, puis des listes de liens vers les pages clés.")
    reads = ("host_files.llms.txt",)

    def run(self, ctx, th):
        f = ctx.host_files.get((origin(ctx.start_url), "llms.txt"))
        if f is not None and f.get("status") is not None and 400 <= int(f["status"]) < 500:
            yield Finding(f"{f['host']}/llms.txt", f"HTTP {f['status']}")


@register
class LlmsTxtInvalid(Check):
    id = "llms_txt_invalid"
    title = Text("llms.txt is not valid Markdown (no H1 title)", "llms.txt n'est pas un Markdown valide (pas de titre H1)")
    severity = "warning"
    category = "ai_crawlers"
    scope = "site"
    needs_complete_crawl = False
    why = Text("llms.txt must start with a Markdown H1 (# Site name); an HTML page or an empty file served as llms.txt is useless.",
            "llms.txt doit commencer par un titre Markdown H1 (# Nom du site) ; une page HTML ou un fichier vide servi en llms.txt est inutile.")
    fix = Text("Serve a Markdown file starting with '# Site name'.", "Servez un fichier Markdown commençant par « # Nom du site ».")
    reads = ("host_files.llms.txt",)

    def run(self, ctx, th):
        f = ctx.host_files.get((origin(ctx.start_url), "llms.txt"))
        if f is None or f.get("status") != 200:
            return
        first = next((line.strip() for line in (f.get("body") or "").splitlines() if line.strip()), "")
        if not (first.startswith("# ") and len(first) > 2):
            yield Finding(f"{f['host']}/llms.txt", first[:80] or Text("empty file", "fichier vide"))
