//! `Code::explanation`: the long explanation of every code, with an example of the problem
//! and what to write instead, as `newsmatter explain CODE` prints it.

use crate::report::code::Code;

impl Code {
    /// The long explanation of the code: what it means, why it matters, an example of a
    /// record that has the problem and what to write instead. Plain text, lines under 80
    /// characters, ending in a newline.
    ///
    /// ```
    /// use newsmatter::report::Code;
    ///
    /// let text = Code::TopicRepeated.explanation();
    /// assert!(text.contains("    topics:\n      - Climate\n      - climate\n"));
    /// assert!(Code::ALL.iter().all(|code| code.explanation().ends_with('\n')));
    /// ```
    pub fn explanation(self) -> &'static str {
        match self {
            Code::Io => {
                "The file could not be read: it is missing, unreadable (permissions), not a
regular file (a folder, a FIFO, a device), or a symbolic link that a walk does
not follow. The message gives the system's reason.

Fix: make the file readable, or leave it out of the paths checked.
"
            }
            Code::TooLarge => {
                "The file is larger than the size limit (16 MiB by default), so it is not
read at all: a record is a few kilobytes, and a file that large is a mistake or
an attack.

Fix: split or remove the file; a program can raise the limit with
ParseOptions::max_size.
"
            }
            Code::InvalidUtf8 => {
                "The file is not UTF-8. Records are UTF-8 text; the message says at which
byte the encoding breaks.

For example, a file saved as Windows-1252 with `é` written as the byte 0xE9.

Fix: save the file as UTF-8.
"
            }
            Code::MissingOpeningDelimiter => {
                "A record starts with a `---` line that opens its YAML front matter; this
file does not (a byte-order mark before it is allowed).

For example:

    title: Lakeside
    ---

Fix: make `---` the first line.
"
            }
            Code::MissingClosingDelimiter => {
                "No `---` (or `...`) line closes the front matter, so the whole file would
be YAML.

For example:

    ---
    title: Lakeside
    The council meets on Thursday.

Fix: add a `---` line after the last key.
"
            }
            Code::YamlSyntax => {
                "The front matter is not well-formed YAML: a tab used for indentation, an
unclosed quote, text after a closed value, a `: ` inside a plain value.

For example:

    title: Lakeside: the vote

Fix: quote the value: title: \"Lakeside: the vote\"
"
            }
            Code::NotAMapping => {
                "The front matter is YAML, but not a mapping of keys to values (a list, or
a single value).

For example:

    ---
    - title
    ---

Fix: write the record's keys, one `key: value` per line.
"
            }
            Code::UnknownKey => {
                "A key the format does not define. It is an error when reading strictly
(the default), and a warning with --lenient, which keeps the key and its value.
A key close to a known one (`titel`) comes with a suggestion.

For example:

    titel: Lakeside

Fix: title: Lakeside
"
            }
            Code::DuplicateKey => {
                "The same key twice in one mapping: YAML readers disagree on which value
wins, so the record is refused.

For example:

    heat: 12
    heat: 14

Fix: keep one of them.
"
            }
            Code::MissingKey => {
                "A key that every record (or every provider, image or related entry) has is
absent: `category`, `title`, `publishedDateTime`, `type`, `provider`,
`secured`, and the keys of the nested mappings.

For example, a provider without its domain:

    provider:
      name: Example News

Fix:

    provider:
      name: Example News
      domain: example.com
"
            }
            Code::InvalidType => {
                "A value of the wrong YAML type: a quoted number, a string where a mapping
belongs, `yes` for a boolean, or `null` (no key may be null: leave the key
out).

For example:

    quality: \"61\"

Fix: quality: 61
"
            }
            Code::InvalidValue => {
                "A value of the right type that its key does not take: an integer out of
range (`heat` is -1 or from 0 up), a `type` other than `article` or `video`.

For example:

    type: podcast

Fix: type: article
"
            }
            Code::DateFormat => {
                "`publishedDateTime` must be an RFC 3339 date-time with an offset: a date
alone, a time without an offset, or a date that does not exist is refused.

For example:

    publishedDateTime: 2024-03-05 09:30

Fix: publishedDateTime: 2024-03-05T09:30:00Z
"
            }
            Code::UrlInvalid => {
                "A URL that is not absolute: relative, without a host, or that the URL
standard cannot parse.

For example:

    webUrl: /2024/03/library-vote

Fix: webUrl: https://news.example.com/2024/03/library-vote
"
            }
            Code::UrlScheme => {
                "A URL whose scheme is not http or https: `javascript:`, `data:`, `ftp:`.
A page would link or load it, so the record is refused.

For example:

    webUrl: javascript:alert(1)

Fix: the article's https URL.
"
            }
            Code::UrlCredentials => {
                "A URL with a user name or password (`https://user:secret@host/`): a
secret published with the record, or a way to disguise the host.

For example:

    webUrl: https://editor:hunter2@news.example.com/a

Fix: webUrl: https://news.example.com/a
"
            }
            Code::SecuredEnvelope => {
                "`secured` holds a sealed payload, `<base64 IV>;<base64 ciphertext>`: a
16-byte IV and whole 16-byte blocks. A value of another shape cannot be
unsealed. The message never shows the value.

For example:

    secured: \"not-a-payload\"

Fix: the payload as the producer wrote it.
"
            }
            Code::LimitExceeded => {
                "The YAML nests deeper than the reader allows, or its aliases expand past
the limit: a record is flat and small, and such YAML is a way to make a reader
spend unbounded time or memory.

For example, an alias expanded millions of times (a \"billion laughs\").

Fix: write the values out; records have no anchors or aliases.
"
            }
            Code::WebUrlMissing => {
                "An article (or a related article) has no `webUrl`, or an empty one: the
record cannot be linked to.

For example:

    type: article
    webUrl: \"\"

Fix: webUrl: https://news.example.com/2024/03/library-vote
"
            }
            Code::WebUrlOnVideo => {
                "A video with a `webUrl`. Videos have none (related videos have `\"\"`),
so a URL there is likely the wrong type or a stray key.

For example:

    type: video
    webUrl: https://news.example.com/v/123

Fix: remove `webUrl`, or make the record an article.
"
            }
            Code::AmpCacheMismatch => {
                "`cdnAmpWebUrl` must be the AMP cache URL of `ampWebUrl`: the host written
as the cache writes it (dots as dashes, dashes doubled) under
cdn.ampproject.org, then `/c/`, `s/` for https, and the page's host and path.

For example:

    ampWebUrl: https://news.ex.com/amp/a
    cdnAmpWebUrl: https://ex-com.cdn.ampproject.org/c/s/ex.com/amp/a

Fix (check --fix writes it):

    cdnAmpWebUrl: https://news-ex-com.cdn.ampproject.org/c/s/news.ex.com/amp/a
"
            }
            Code::AmpCacheWithoutAmp => {
                "`cdnAmpWebUrl` without `ampWebUrl`: a cache URL of no AMP page.

For example:

    cdnAmpWebUrl: https://news-ex-com.cdn.ampproject.org/c/s/news.ex.com/amp/a

Fix: add the `ampWebUrl` it caches, or remove `cdnAmpWebUrl`.
"
            }
            Code::HeatUnrankedPublished => {
                "`heat: -1` means the record is not ranked, yet `published: true` says it
is shown: one of the two is likely stale.

For example:

    heat: -1
    published: true

Fix: the record's heat, or `published: false`.
"
            }
            Code::ScoresPartial => {
                "`quality`, `heat` and `published` come together: a record has all three or
none. Only some of them means a producer wrote half of its scores.

For example:

    quality: 61
    published: true

Fix: add `heat`, or remove the other two.
"
            }
            Code::CategoryEmpty => {
                "`category` is empty.

For example:

    category: \"\"

Fix: category: news
"
            }
            Code::TitleEmpty => {
                "A title (the record's, or a related entry's) is empty or only blanks.

For example:

    title: \"  \"

Fix: the article's title.
"
            }
            Code::ControlCharacter => {
                "A control character in a title, or in an excerpt (where tab, line feed
and carriage return are allowed): invisible, it can break what shows the text.

For example:

    title: \"Lakeside\\u0007 votes\"

Fix: title: \"Lakeside votes\"
"
            }
            Code::BidiControl => {
                "A bidirectional control character (U+202A–U+202E, U+2066–U+2069) in text
or a URL: text that displays in another order than it is read, as the Trojan
Source attacks use.

For example, a title holding U+202E (right-to-left override).

Fix: remove the control; write the text in its reading order.
"
            }
            Code::HtmlEntity => {
                "An HTML entity left in text or a URL: the text was escaped for HTML once
(or twice) before it was written, and shows as `&#39;` rather than `'`.

For example:

    title: \"Lakeside&#8217;s library\"

Fix (check --fix writes it): title: \"Lakeside’s library\"
"
            }
            Code::Mojibake => {
                "UTF-8 text read as Windows-1252 and written again: `â€“` for `–`, `Ã©`
for `é`.

For example:

    title: \"Lakeside votes â€“ again\"

Fix (check --fix writes it): title: \"Lakeside votes – again\"
"
            }
            Code::ImageSize => {
                "An image or a provider logo with a width or height of 0: it cannot be laid
out, and usually means the size was not known.

For example:

    images:
      - url: https://img.example.com/a.jpg
        width: 0
        height: 600

Fix: the image's real width, or remove the image.
"
            }
            Code::ProviderNameEmpty => {
                "A provider without a name.

For example:

    provider:
      name: \"\"
      domain: example.com

Fix: name: Example News
"
            }
            Code::ProviderDomain => {
                "A provider's `domain` must be a bare lower-case host name: no scheme, no
path, no port, no upper case.

For example:

    domain: https://Example.com/

Fix: domain: example.com
"
            }
            Code::ProviderHostMismatch => {
                "The `webUrl` host is neither the provider's domain nor a subdomain of it:
the record may name the wrong provider.

For example:

    webUrl: https://news.other.org/a
    provider:
      domain: example.com

Fix: the provider that published the article.
"
            }
            Code::TopicEmpty => {
                "An empty topic.

For example:

    topics:
      - \"\"

Fix: remove it.
"
            }
            Code::TopicRepeated => {
                "A topic twice in the list, ignoring case.

For example:

    topics:
      - Climate
      - climate

Fix (check --fix removes the repeat):

    topics:
      - Climate
"
            }
            Code::RelatedSelf => {
                "A related entry cites the record itself (the same URL): a loop in the
related graph.

For example, in the record of https://news.example.com/a:

    related:
      - webUrl: https://news.example.com/a

Fix: remove the entry (check --fix --unsafe-fixes removes it).
"
            }
            Code::RelatedDuplicate => {
                "Two related entries for the same article (the same URL, AMP URL or
original URL).

For example:

    related:
      - webUrl: https://news.example.com/b
      - webUrl: https://news.example.com/b

Fix: keep one of them.
"
            }
            Code::DateInFuture => {
                "`publishedDateTime` is after the reference time (now, unless one is set):
a wrong offset or a wrong year.

For example, checked in 2024:

    publishedDateTime: 2042-03-05T09:30:00Z

Fix: the date the article was published.
"
            }
            Code::DuplicateArticle => {
                "The same article (the same URL, AMP URL or original URL) in several files
of the corpus: a record written twice.

For example, two files that both hold:

    webUrl: https://news.example.com/a

Fix: remove one of the files.
"
            }
            Code::RelatedCopyMismatch => {
                "A related entry copies a record of the corpus (its title, date, provider,
quality), and the copy disagrees with the record: the entry is stale.

For example, an entry with `title: Lakeside votes` citing a record whose
title is now `Lakeside votes again`.

Fix: copy the record's values into the entry again.
"
            }
            Code::UnusedSuppression => {
                "A `# newsmatter: allow(CODE, …)` comment suppresses the diagnostics of the
codes it names on its line (a comment after a value) or on the next line (a
comment alone on its line). This one suppressed nothing: there is no such
diagnostic there (any more), the code does not exist, or it cannot be allowed
in a record (a reading error, or a check across records, which newsmatter.toml
allows).

For example:

    # newsmatter: allow(topic-repeated)
    title: Lakeside

Fix: remove the comment or the stale code (check --fix does), or move it to
the value it is about.
"
            }
        }
    }
}
