#!/usr/bin/env python3
"""Writes NDJSON articles (paperboy-corpus --format articles) as RSS 2.0 feeds, so a feed reader that
only speaks RSS (newsboat, in Tools/bench/sync.sh) can load the very articles paperboy syncs.

Articles are grouped by source and cut into feeds of at most --per-feed items, newest first, each
item carrying the article's full body as HTML in <description>. Prints the feed file names, one per
line, in the order a urls file should list them.

    articles-to-rss.py --per-feed 1000 ARTICLES.ndjson OUTPUT-DIR
    articles-to-rss.py --one-feed ARTICLES.ndjson OUTPUT-DIR     (every article in one feed.xml)
"""
import argparse
import html
import json
import os
import sys
from collections import defaultdict
from datetime import datetime
from email.utils import format_datetime


def block_html(block):
    kind = block.get("type")
    esc = lambda s: html.escape(s or "", quote=True)
    if kind == "paragraph":
        links = "".join(
            f' <a href="{esc(c.get("url"))}">{esc(c.get("label") or c.get("domain"))}</a>'
            for c in block.get("citations", []) if c.get("url"))
        return f"<p>{esc(block['text'])}{links}</p>"
    if kind == "heading":
        level = block.get("level", 2)
        return f"<h{level}>{esc(block['text'])}</h{level}>"
    if kind == "list":
        tag = "ol" if block.get("ordered") else "ul"
        return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in block.get("items", [])) + f"</{tag}>"
    if kind == "quote":
        cite = f"<cite>{esc(block.get('attribution'))}</cite>" if block.get("attribution") else ""
        return f"<blockquote><p>{esc(block['text'])}</p>{cite}</blockquote>"
    if kind == "image":
        caption = f"<figcaption>{esc(block.get('caption'))}</figcaption>" if block.get("caption") else ""
        return f'<figure><img src="{esc(block.get("url"))}" alt="{esc(block.get("alt"))}"/>{caption}</figure>'
    if kind == "embed":
        return f"<blockquote><p>{esc(block.get('text'))}</p><cite>{esc(block.get('author'))}</cite></blockquote>"
    return ""


def rfc822(stamp):
    return format_datetime(datetime.fromisoformat(stamp.replace("Z", "+00:00")))


def item_xml(article):
    body = "".join(block_html(b) for b in article.get("blocks", []))
    if article.get("dek"):
        body = f"<p><em>{html.escape(article['dek'])}</em></p>" + body
    link = article.get("url") or f"https://{article['source']['id']}/{article['id']}"
    parts = [
        "<item>",
        f"<title>{html.escape(article.get('title', ''))}</title>",
        f"<link>{html.escape(link)}</link>",
        f'<guid isPermaLink="false">{html.escape(article["id"])}</guid>',
        f"<pubDate>{rfc822(article['publishedAt'])}</pubDate>",
    ]
    if article.get("byline"):
        parts.append(f"<author>{html.escape(article['byline'])}</author>")
    for category in article.get("categories", []):
        parts.append(f"<category>{html.escape(category)}</category>")
    parts.append(f"<description>{html.escape(body)}</description>")
    parts.append("</item>")
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-feed", type=int, default=1000)
    parser.add_argument("--one-feed", action="store_true", help="write every article into one feed.xml")
    parser.add_argument("articles")
    parser.add_argument("output")
    args = parser.parse_args()
    by_source = defaultdict(list)
    names = {}
    with open(args.articles, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                article = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"articles-to-rss: line {number}: {error}")
            source = article["source"]
            key = "feed" if args.one_feed else source["id"]
            by_source[key].append(article)
            names[key] = "Corpus wire" if args.one_feed else source.get("name", source["id"])
    os.makedirs(args.output, exist_ok=True)
    for source_id in sorted(by_source):
        articles = sorted(by_source[source_id], key=lambda a: a["publishedAt"], reverse=True)
        per_feed = len(articles) if args.one_feed else args.per_feed
        for part in range(0, len(articles), per_feed):
            name = "feed.xml" if args.one_feed else f"{source_id}-{part // per_feed}.xml"
            with open(os.path.join(args.output, name), "w", encoding="utf-8") as feed:
                feed.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>')
                feed.write(f"<title>{html.escape(names[source_id])}</title>")
                home = "corpus-wire.example" if args.one_feed else source_id
                feed.write(f"<link>https://{html.escape(home)}/</link><description>Synthetic corpus</description>")
                for article in articles[part:part + per_feed]:
                    feed.write(item_xml(article))
                feed.write("</channel></rss>\n")
            print(name)


if __name__ == "__main__":
    main()
