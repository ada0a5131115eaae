"""The judged news collection shared by scripts/pool-news and scripts/eval-ranking.

The collection is Reuters-21578 (articles with a body; the "Blah blah blah" placeholders left
out) plus BBC News 2004-05 (all five categories), from ../shared/data. Each article becomes one
JSON Lines record whose `url` is its collection id ("reuters:123", "bbc:business/001"), so a hit
maps back to the article that was judged. The SQLite FTS5 peer indexes the same articles (title +
body, porter stemmer, query words OR-ed, ranked by `bm25()`), as ../shared/bench/fts5_peer.py does.
"""
import json
import os
import re
import sqlite3

FTS5_TOKENIZER = "porter unicode61"


def news_articles(shared):
    """Yields (id, title, body, date, source) for every article of the collection."""
    data = os.path.join(shared, "data")
    with open(os.path.join(data, "reuters21578", "reuters.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            body = d.get("body") or ""
            if not body.strip() or "Blah blah blah" in body:
                continue
            yield (f"reuters:{d['id']}", d.get("title") or "", body, (d.get("date") or "")[:10], "Reuters")
    with open(os.path.join(data, "bbc", "bbc.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield (f"bbc:{d['id']}", d.get("title") or "", d.get("body") or "", "", "BBC")


def write_corpus(shared, path):
    """Writes the collection as one JSON Lines file newsdex indexes; returns {id: (title, body)}."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    articles = {}
    with open(path, "w", encoding="utf-8") as f:
        for aid, title, body, date, source in news_articles(shared):
            articles[aid] = (title, body)
            f.write(json.dumps({"title": title, "body": body, "date": date, "url": aid,
                                "source": source}) + "\n")
    return articles


def fts5_build(articles, db):
    """Builds the FTS5 peer's table over the articles ({id: (title, body)})."""
    if os.path.exists(db):
        os.remove(db)
    c = sqlite3.connect(db)
    c.execute(f"create virtual table docs using fts5(id unindexed, title, body, tokenize='{FTS5_TOKENIZER}')")
    with c:
        c.executemany("insert into docs values (?,?,?)",
                      ((aid, t, b) for aid, (t, b) in articles.items()))
    c.execute("insert into docs(docs) values('optimize')")
    c.commit()
    return c


def fts5_search(conn, query, limit):
    """The peer's ranking: the query's words OR-ed, best `bm25()` first; returns article ids."""
    terms = re.findall(r"[A-Za-z0-9]+", query)
    if not terms:
        return []
    fq = " OR ".join('"%s"' % t for t in terms)
    rows = conn.execute("select id from docs where docs match ? order by bm25(docs) limit ?",
                        (fq, limit)).fetchall()
    return [r[0] for r in rows]


def load_judged(path):
    """Reads tests/ranking/news.json: {"queries": [{id, query, kind, narrative, split,
    grades: {article id: 0|1|2}}]}."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)
