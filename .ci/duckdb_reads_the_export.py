#!/usr/bin/env python3
"""DuckDB reads what `newsmatter export` writes: the README's query over an export of
`examples/corpus` gives the README's rows, and the columns have the documented types.

Usage: duckdb_reads_the_export.py TABLES_DIR (Parquet tables of examples/corpus).
"""
import sys

import duckdb


def main():
    tables = sys.argv[1]
    rows = duckdb.sql(
        f"""SELECT rec.title, rec.providerName, count(*) AS citations
            FROM '{tables}/related*.parquet' rel
            JOIN '{tables}/records*.parquet' rec ON rec.file = rel.citedFile
            GROUP BY ALL ORDER BY citations DESC, rec.title LIMIT 3"""
    ).fetchall()
    expected = [
        ("Bridge traffic in its first week", "Valley Herald", 5),
        ("Council debates a toll on the new bridge", "Example Org News", 5),
        ("Ferry crews fear for their jobs", "Coast Net", 5),
    ]
    assert rows == expected, rows
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{tables}/records.parquet'").fetchall()
    types = {name: kind for name, kind, *_ in described}
    assert types["publishedDateTime"] == "TIMESTAMP WITH TIME ZONE", types
    assert types["topics"] == "VARCHAR[]", types
    assert types["quality"] == "UINTEGER", types
    assert types["images"].startswith("STRUCT(url VARCHAR, width UINTEGER"), types
    resolved = duckdb.sql(
        f"""SELECT count(*), count(rec.file) FROM '{tables}/related*.parquet' rel
            LEFT JOIN '{tables}/records*.parquet' rec
            ON list_contains(rec.keys, rel.resolvedKey)"""
    ).fetchall()
    assert resolved == [(76, 76)], resolved
    print(f"DuckDB {duckdb.__version__}: the README's query gives its rows; types as documented")


if __name__ == "__main__":
    main()
