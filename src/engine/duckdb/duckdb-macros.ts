/**
 * Parsing helpers installed as temporary macros on every DuckDB connection, so the
 * dialect can offer `parseDate`/`parseNumber`/`parseStatus` as short calls that the
 * engine evaluates in bulk. Each returns NULL when a value does not parse; callers
 * count those NULLs to report bad values.
 */
const DMY_SHAPE = String.raw`'^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}([ T].*)?$'`

export const DUCKDB_MACROS = [
  String.raw`CREATE OR REPLACE TEMP MACRO clientele_ymd(t) AS
    CASE
      WHEN regexp_matches(t, '^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?([ T].*)?$')
        THEN try_cast(regexp_replace(t, '^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2}).*$', '\1-\2-\3') AS DATE)
      WHEN regexp_matches(t, '^\d{8}$')
        THEN try_cast(regexp_replace(t, '^(\d{4})(\d{2})(\d{2})$', '\1-\2-\3') AS DATE)
      WHEN regexp_matches(t, '^\d{1,5}(\.\d+)?$') AND CAST(t AS DOUBLE) >= 1
        THEN CAST(DATE '1899-12-30' + to_days(CAST(floor(CAST(t AS DOUBLE)) AS INTEGER)) AS DATE)
      ELSE CAST(try_strptime(t, ['%d %b %Y', '%b %d, %Y', '%d-%b-%Y', '%d-%b-%y', '%b %d %Y', '%d %B %Y', '%B %d, %Y']) AS DATE)
    END`,
  String.raw`CREATE OR REPLACE TEMP MACRO clientele_dm(t, day_first) AS
    try_cast(regexp_replace(regexp_replace(t,
      '^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4}).*$',
      CASE WHEN day_first THEN '\3-\2-\1' ELSE '\3-\1-\2' END), '^(\d{2})-', '20\1-') AS DATE)`,
  // ISO dates take the plain cast; only other shapes go through the regular expressions
  // (COALESCE evaluates its second argument only where the first is NULL).
  `CREATE OR REPLACE TEMP MACRO clientele_parse_date(s, day_first) AS coalesce(
    try_cast(trim(CAST(s AS VARCHAR)) AS DATE),
    CASE
      WHEN s IS NULL OR trim(CAST(s AS VARCHAR)) = '' THEN NULL
      WHEN regexp_matches(trim(CAST(s AS VARCHAR)), ${DMY_SHAPE})
        THEN clientele_dm(trim(CAST(s AS VARCHAR)), day_first)
      ELSE clientele_ymd(trim(CAST(s AS VARCHAR)))
    END)`,
  String.raw`CREATE OR REPLACE TEMP MACRO clientele_dm_part(s, i) AS
    CASE WHEN regexp_matches(trim(CAST(s AS VARCHAR)), ${DMY_SHAPE})
      THEN CAST(regexp_extract(trim(CAST(s AS VARCHAR)), '^(\d{1,2})[-/.](\d{1,2})', i) AS INTEGER) END`,
  // A comma groups thousands only before groups of three digits (1,234.50); before one or
  // two final digits it is a decimal comma (12,50); any other comma makes the text no number.
  String.raw`CREATE OR REPLACE TEMP MACRO clientele_commas(u) AS
    CASE
      WHEN NOT contains(u, ',') THEN try_cast(u AS DOUBLE)
      WHEN regexp_matches(u, '^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$') THEN try_cast(replace(u, ',', '') AS DOUBLE)
      WHEN regexp_matches(u, '^[-+]?\d+,\d{1,2}$') THEN try_cast(replace(u, ',', '.') AS DOUBLE)
    END`,
  String.raw`CREATE OR REPLACE TEMP MACRO clientele_number_core(t) AS
    CASE
      WHEN regexp_matches(t, '^[-+]?\d{1,3}(\.\d{3})+,\d{1,2}$')
        THEN try_cast(replace(replace(t, '.', ''), ',', '.') AS DOUBLE)
      ELSE
        (CASE WHEN regexp_matches(t, '^\(.*\)$') THEN -1 ELSE 1 END)
        * (CASE WHEN t LIKE '%亿' OR t LIKE '%亿)' THEN 1e8 WHEN t LIKE '%万' OR t LIKE '%万)' THEN 1e4 ELSE 1 END)
        * clientele_commas(regexp_replace(t, '^\(|\)$|[万亿]', '', 'g'))
    END`,
  `CREATE OR REPLACE TEMP MACRO clientele_finite(x) AS CASE WHEN isfinite(x) THEN x END`,
  // Plain numbers take the fast cast (infinities and NaN refused without naming the cast
  // twice); only decorated ones go through the regular expressions.
  String.raw`CREATE OR REPLACE TEMP MACRO clientele_parse_number(s) AS coalesce(
    nullif(nullif(nullif(try_cast(trim(CAST(s AS VARCHAR)) AS DOUBLE), 'inf'::DOUBLE), '-inf'::DOUBLE), 'nan'::DOUBLE),
    CASE
      WHEN s IS NULL OR trim(CAST(s AS VARCHAR)) = '' THEN NULL
      ELSE clientele_finite(clientele_number_core(regexp_replace(
        replace(replace(CAST(s AS VARCHAR), '（', '('), '）', ')'),
        '[\s¥￥$€£元]|RMB|CNY|USD|EUR|HKD', '', 'g')))
    END)`,
]
