//! Part of the interface's catalogue ([`super::Msg`]): the diagnostics' messages: labels, value kinds and
//! each problem found in a briefing, the configuration, `feeds.toml`, web
//! addresses, furigana, and web pages.
//!
//! Each message is `Name => "English", "日本語";`, both languages side by
//! side. The part is a macro that hands its messages on, after those it was
//! given, to the next macro of the list (the last one is `catalogue!`,
//! which makes the enum): the catalogue stays one table over several files.

macro_rules! diagnostics_messages {
    ([$next:ident $(, $rest:ident)*] $($before:tt)*) => {
        $next! { [$($rest),*] $($before)*
            // The command line's diagnostics (`yomu check`, loading a briefing or
            // the configuration): labels, value kinds, and each problem.
            CliDiagError => "error", "エラー";
            CliDiagWarning => "warning", "警告";
            CliDiagHint => "hint", "ヒント";
            CliKindString => "a string", "文字列";
            CliKindInteger => "an integer", "整数";
            CliKindFloat => "a float", "浮動小数点数";
            CliKindBoolean => "a boolean", "真偽値";
            CliKindDate => "a date", "日付";
            CliKindTime => "a time", "時刻";
            CliKindDateTime => "a date-time", "日時";
            CliKindArrayOfTables => "an array of tables", "テーブルの配列";
            CliKindArray => "an array", "配列";
            CliKindTable => "a table", "テーブル";
            /// `{0}`: how many identical problems besides this one.
            CliDiagMoreLikeThis => " (and {0} more like this)", "（ほかに同じ問題が{0}件）";
            /// `{0}`: problems left out, `{1}`: errors, `{2}`: warnings, `{3}`: the cap.
            CliDiagCapped => "{0} more problems from here on are not shown ({1} errors, {2} warnings): at most {3} are listed per file", "ここから先の問題{0}件は表示していません（エラー{1}件、警告{2}件）。1ファイルにつき{3}件まで表示します";
            CliDiagCappedHint => "fix the problems above and check the file again", "上の問題を直してから、もう一度ファイルを検査してください";
            /// `{0}`: the key, `{1}`: where (empty, or ` in [[sections]]` …).
            CliUnknownKey => "unknown key `{0}`{1}", "{1}不明なキー `{0}`";
            CliInSections => " in [[sections]]", "[[sections]] の";
            CliInSources => " in [[sections.sources]]", "[[sections.sources]] の";
            /// `{0}`: the key.
            CliHintTopLevelKey => "`{0}` is a top-level key: move it above the first [[sections]] (keys after a [[sections]] header belong to that section)", "`{0}` は最上位のキーです。最初の [[sections]] より上に移してください（[[sections]] の見出し行より後のキーはそのセクションのものになります）";
            CliHintBelongsInSection => "`{0}` belongs in a section: put it after a [[sections]] line", "`{0}` はセクションのキーです。[[sections]] の行の後に書いてください";
            CliHintBelongsToSection => "`{0}` belongs to the section: move it above the section's first [[sections.sources]]", "`{0}` はセクションのキーです。そのセクションの最初の [[sections.sources]] より上に移してください";
            CliHintBelongsToSource => "`{0}` belongs to a source: put it after a [[sections.sources]] line", "`{0}` は出典のキーです。[[sections.sources]] の行の後に書いてください";
            /// `{0}`: the known key.
            CliHintDidYouMean => "did you mean `{0}`?", "`{0}` の誤りではありませんか？";
            /// `{0}`: the keys, listed.
            CliHintAllowedKeys => "the keys allowed here are: {0}", "ここで使えるキー: {0}";
            /// `{0}`: the length, `{1}`: the limit.
            CliIdTooLong => "`id` is {0} characters long, over the limit of {1}", "`id` が{0}文字あり、上限の{1}文字を超えています";
            CliIdTooLongHint => "use a shorter identity, such as the article's address or guid", "記事のアドレスや guid など、もっと短い識別子にしてください";
            /// `{0}`: the id.
            CliDuplicateId => "duplicate id `{0}`: another section of this file has it", "識別子 `{0}` が重複しています。このファイルの別のセクションにもあります";
            CliDuplicateIdHint => "give each article its own id; the reader tells repeats apart by their order", "記事ごとに別の識別子を付けてください。リーダーは重複を順番で区別します";
            CliNoSections => "no sections: a briefing needs at least one [[sections]]", "セクションがありません。ブリーフィングには [[sections]] が1つ以上必要です";
            CliNoSectionsHint => "add a section: a line [[sections]] followed by heading = \"…\"", "セクションを追加してください。[[sections]] の行に続けて heading = \"…\" と書きます";
            CliEmptySections => "`sections` must have at least one section", "`sections` にはセクションが1つ以上必要です";
            CliEmptySectionsHint => "write each section as a [[sections]] table with a heading", "各セクションを `heading` のある [[sections]] テーブルとして書いてください";
            /// `{0}`: the key, `{1}`: what was found.
            CliItemNotTable => "every item of `{0}` must be a table, found {1}", "`{0}` の項目はすべてテーブルでなければなりませんが、{1}があります";
            /// `{0}`: the header.
            CliItemNotTableHint => "write each one as a {0} table", "それぞれ {0} テーブルとして書いてください";
            /// `{0}`: the key.
            CliTableNotArray => "`{0}` must be an array of tables, found a table", "`{0}` はテーブルの配列でなければなりませんが、テーブルがあります";
            /// `{0}`: the header.
            CliTableNotArrayHint => "write the header with two brackets: {0}", "見出し行は二重の角括弧で書いてください: {0}";
            /// `{0}`: the key, `{1}`: the header, `{2}`: what was found.
            CliNotArrayOfTables => "`{0}` must be an array of tables ({1}), found {2}", "`{0}` はテーブルの配列（{1}）でなければなりませんが、{2}があります";
            /// `{0}`: the header.
            /// `{0}`: the key.
            CliUnsafeText => "`{0}` contains control or bidi characters; they will be shown visibly or dropped", "`{0}` に制御文字か双方向制御文字があります。記号として表示されるか、取り除かれます";
            CliUnsafeTextHint => "remove them unless they are meant: escapes show as symbols like ␛, bidi controls are dropped", "意図したものでなければ消してください。エスケープは ␛ のような記号で表示され、双方向制御文字は取り除かれます";
            /// `{0}`: the key, `{1}`: how many code points.
            CliLongCluster => "`{0}` joins {1} code points into one character (a grapheme cluster); it is shown cut, as its first character and �", "`{0}` は{1}個の符号位置を1文字（書記素クラスター）にまとめています。最初の文字と � に切り詰めて表示します";
            /// `{0}`: how many are shown.
            CliLongClusterHint => "combining marks or joiners are piled onto one character; at most {0} are shown as written", "結合文字や接合子が1文字に積み重なっています。書かれたとおりに表示するのは{0}個までです";
            /// `{0}`: the key.
            CliWriteTextInQuotes => "write the text in quotes: {0} = \"…\"", "文字列を引用符で囲んで書いてください: {0} = \"…\"";
            /// `{0}`: the key, `{1}`: the value.
            CliPutInQuotes => "put it in quotes: {0} = \"{1}\"", "引用符で囲んでください: {0} = \"{1}\"";
            /// `{0}`: the key, `{1}`: what was found.
            CliMustBeString => "`{0}` must be a string, found {1}", "`{0}` は文字列でなければなりませんが、{1}があります";
            /// `{0}`: the key, `{1}`: where (empty, or ` in [[sections]]` …).
            CliMissingKey => "missing required key `{0}`{1}", "{1}必須のキー `{0}` がありません";
            /// `{0}`: the key.
            CliAddALine => "add a line: {0} = \"…\"", "次の行を追加してください: {0} = \"…\"";
            CliMustNotBeEmpty => "`{0}` must not be empty", "`{0}` を空にはできません";
            /// `{0}`: what to write (the key, spaced).
            CliWriteBetweenQuotes => "write the {0} between the quotes", "引用符の間に {0} を書いてください";
            /// `{0}`: the key, `{1}`: the value.
            CliPutInBrackets => "put it in brackets: {0} = [{1}]", "角括弧で囲んでください: {0} = [{1}]";
            /// `{0}`: the key.
            CliWriteAList => "write a list in brackets: {0} = [\"…\", \"…\"]", "角括弧でリストを書いてください: {0} = [\"…\", \"…\"]";
            /// `{0}`: the key, `{1}`: what was found.
            CliMustBeStrings => "`{0}` must be an array of strings, found {1}", "`{0}` は文字列の配列でなければなりませんが、{1}があります";
            CliItemMustBeString => "every item of `{0}` must be a string, found {1}", "`{0}` の項目はすべて文字列でなければなりませんが、{1}があります";
            /// `{0}`: the key.
            CliQuoteEachItem => "put each item in quotes: {0} = [\"…\", \"…\"]", "項目をそれぞれ引用符で囲んでください: {0} = [\"…\", \"…\"]";
            CliTimeWithoutDate => "`{0}` must have a date; a time alone is not enough", "`{0}` には日付が必要です。時刻だけでは足りません";
            CliTimeWithoutDateHint => "write a date, with or without a time: {0} = 2025-03-04 or {0} = 2025-03-04T09:30:00+09:00", "日付を書いてください（時刻は任意）: {0} = 2025-03-04 または {0} = 2025-03-04T09:30:00+09:00";
            CliDateNotString => "`{0}` must be a TOML date, not a string", "`{0}` は文字列ではなく TOML の日付でなければなりません";
            /// `{0}`: the key, `{1}`: what was found.
            CliMustBeDate => "`{0}` must be a TOML date or date-time, found {1}", "`{0}` は TOML の日付か日時でなければなりませんが、{1}があります";
            /// `{0}`: the key.
            CliDateWithoutQuotes => "write a date without quotes: {0} = 2025-03-04", "日付を引用符なしで書いてください: {0} = 2025-03-04";
            /// `{0}`: the key, `{1}`: the date.
            CliRemoveTheQuotes => "remove the quotes: {0} = {1}", "引用符を外してください: {0} = {1}";
            /// `{0}`: the key, `{1}`: an example date.
            CliDateAsYmd => "write the date without quotes, as YYYY-MM-DD: {0} = {1}", "日付を引用符なしで年-月-日の形で書いてください: {0} = {1}";
            CliNotLanguageTag => "`language` does not look like a BCP 47 language tag", "`language` が BCP 47 の言語タグに見えません";
            CliNotLanguageTagHint => "use a tag such as \"ja\", \"en\" or \"zh-Hant\"", "\"ja\"、\"en\"、\"zh-Hant\" のようなタグにしてください";
            CliEmptyFile => "empty file: a briefing needs at least `title` and one [[sections]]", "空のファイルです。ブリーフィングには少なくとも `title` と [[sections]] が1つ必要です";
            CliOnlyComments => "no keys, only comments: a briefing needs at least `title` and one [[sections]]", "キーがなくコメントだけです。ブリーフィングには少なくとも `title` と [[sections]] が1つ必要です";
            CliEmptyFileHint => "start with: title = \"…\", then a line [[sections]] and heading = \"…\"", "まず `title = \"…\"` と書き、続けて [[sections]] の行と heading = \"…\" を書いてください";
            /// `{0}`: the key.
            CliDuplicateKey => "duplicate key `{0}`", "キー `{0}` が重複しています";
            CliDuplicateKeyHint => "a key may appear only once in a table: remove or rename one of them", "1つのテーブルに同じキーは1回しか書けません。どちらかを消すか名前を変えてください";
            CliSyntaxControlHint => "remove the control character, or write it in a string as an escape like \\u001b", "制御文字を消すか、文字列の中で `\\u001b` のようなエスケープとして書いてください";
            CliSyntaxQuoteHint => "write text in quotes: key = \"…\"", "文字列は引用符で囲んでください: `key = \"…\"`";
            CliSyntaxArrayTableHint => "close the header with two brackets: [[sections]]", "見出し行を二重の角括弧で閉じてください: [[sections]]";
            CliSyntaxTableHint => "close the header with a bracket: [table]", "見出し行を角括弧で閉じてください: `[table]`";
            CliSyntaxStringHint => "end the string with the quote it starts with, on the same line (a string in \"\"\"triple quotes\"\"\" may span lines)", "文字列は始めと同じ引用符で同じ行のうちに閉じてください（\"\"\"三重引用符\"\"\" の文字列は複数行にできます）";
            CliSyntaxDateHint => "write dates as YYYY-MM-DD and times as HH:MM:SS, e.g. 2025-03-04T09:30:00+09:00", "日付は年-月-日、時刻は時:分:秒の形で書いてください（例: 2025-03-04T09:30:00+09:00）";
            CliSyntaxNewlineHint => "put each key = value on its own line", "`key = value` は1行に1つずつ書いてください";
            CliSyntaxHint => "fix the TOML syntax here (see https://toml.io)", "ここの TOML の構文を直してください（`https://toml.io` を参照）";
            /// `{0}`: the parser's message.
            CliInvalidToml => "invalid TOML: {0}", "TOML の構文が正しくありません: {0}";
            // TOML 1.1-only syntax.
            CliToml11Newline => "a line break inside an inline table is valid in TOML 1.1 only: TOML 1.0 tools (taplo, Python's tomllib) reject the file", "インラインテーブルの中の改行は TOML 1.1 でのみ有効です。TOML 1.0 のツール（`taplo`、Python の `tomllib`）はこのファイルを受け付けません";
            CliToml11NewlineHint => "keep an inline table on one line, or write it as a [table]", "インラインテーブルは1行に収めるか、`[table]` として書いてください";
            CliToml11Comma => "a comma before the `}` of an inline table is valid in TOML 1.1 only: TOML 1.0 tools (taplo, Python's tomllib) reject the file", "インラインテーブルの `}` の前のコンマは TOML 1.1 でのみ有効です。TOML 1.0 のツール（`taplo`、Python の `tomllib`）はこのファイルを受け付けません";
            CliToml11CommaHint => "remove the last comma", "最後のコンマを消してください";
            /// `{0}`: the time.
            CliToml11Seconds => "the time `{0}` has no seconds; that is valid in TOML 1.1 only: TOML 1.0 tools (taplo, Python's tomllib) reject the file", "時刻 `{0}` に秒がありません。これは TOML 1.1 でのみ有効です。TOML 1.0 のツール（`taplo`、Python の `tomllib`）はこのファイルを受け付けません";
            CliToml11SecondsHint => "write the seconds: {0}:00", "秒まで書いてください: {0}:00";
            CliToml11EscE => "the escape `\\e` is valid in TOML 1.1 only: TOML 1.0 tools (taplo, Python's tomllib) reject the file", "エスケープ `\\e` は TOML 1.1 でのみ有効です。TOML 1.0 のツール（`taplo`、Python の `tomllib`）はこのファイルを受け付けません";
            CliToml11EscEHint => "write \\u001B", "`\\u001B` と書いてください";
            /// `{0}`: the two hex digits.
            CliToml11EscX => "the escape `\\x{0}` is valid in TOML 1.1 only: TOML 1.0 tools (taplo, Python's tomllib) reject the file", "エスケープ `\\x{0}` は TOML 1.1 でのみ有効です。TOML 1.0 のツール（`taplo`、Python の `tomllib`）はこのファイルを受け付けません";
            CliToml11EscXHint => "write \\u00{0}", "`\\u00{0}` と書いてください";
            // The configuration file.
            CliConfigSyntaxHint => "see https://toml.io: key = \"text\", key = 1, key = [\"a\", \"b\"]", "`https://toml.io` を参照してください: `key = \"text\"`、`key = 1`、`key = [\"a\", \"b\"]`";
            /// `{0}`: the theme.
            CliUnknownTheme => "unknown theme `{0}`", "不明なテーマ `{0}`";
            CliUnknownThemeHint => "the built-in themes are \"dark\" and \"light\"", "組み込みのテーマは `\"dark\"` と `\"light\"` です";
            CliEmptyOpener => "`opener` is empty", "`opener` が空です";
            CliEmptyOpenerHint => "name a program, e.g. opener = \"firefox\", or remove the line", "`opener = \"firefox\"` のようにプログラムを指定するか、この行を消してください";
            /// `{0}`: the setting.
            CliUnknownRuby => "unknown ruby setting `{0}`", "不明なルビの設定 `{0}`";
            CliUnknownRubyHint => "write ruby = \"above\", \"inline\" or \"off\"", "`ruby = \"above\"`、`\"inline\"`、`\"off\"` のいずれかを書いてください";
            /// `{0}`: what was found.
            CliVerticalNotBool => "`vertical` must be true or false, found {0}", "`vertical` は `true` か `false` でなければなりませんが、{0}があります";
            CliVerticalNotBoolHint => "write vertical = true or vertical = false, without quotes", "引用符なしで `vertical = true` か `vertical = false` と書いてください";
            CliHangingNotBool => "`hanging_punctuation` must be true or false, found {0}", "`hanging_punctuation` は `true` か `false` でなければなりませんが、{0}があります";
            CliHangingNotBoolHint => "write hanging_punctuation = true (or false), without quotes", "引用符なしで `hanging_punctuation = true`（または `false`）と書いてください";
            /// `{0}`: the language.
            CliUnknownUiLanguage => "unknown ui_language `{0}`", "不明な `ui_language` `{0}`";
            CliUnknownUiLanguageHint => "write ui_language = \"ja\" or \"en\"", "`ui_language = \"ja\"` か `\"en\"` と書いてください";
            /// `{0}`: what was found.
            CliMouseNotBool => "`mouse` must be true or false, found {0}", "`mouse` は `true` か `false` でなければなりませんが、{0}があります";
            CliMouseNotBoolHint => "write mouse = true (without quotes)", "`mouse = true` と書いてください（引用符なし）";
            CliSpeedNotTable => "`reading_speed` must be a table, found {0}", "`reading_speed` はテーブルでなければなりませんが、{0}があります";
            CliSpeedNotTableHint => "write reading_speed = { ja = 500, en = 238 }", "`reading_speed = { ja = 500, en = 238 }` のように書いてください";
            CliKeysNotTable => "`keys` must be a table, found {0}", "`keys` はテーブルでなければなりませんが、{0}があります";
            CliKeysNotTableHint => "write a [keys] table: [keys] then next_page = [\"l\", \"Right\"]", "`[keys]` テーブルを書いてください: `[keys]` の行に続けて `next_page = [\"l\", \"Right\"]`";
            /// `{0}`: where (empty, or ` in [keys]` …), `{1}`: the keys.
            CliKnownKeys => "known keys{0}: {1}", "{0}使えるキー: {1}";
            CliInReadingSpeed => " in reading_speed", "`reading_speed` の";
            CliInKeys => " in [keys]", "`[keys]` の";
            CliInFeed => " in [[feed]]", "`[[feed]]` の";
            /// `{0}`: the key.
            CliWriteItInQuotes => "write it in quotes: {0} = \"…\"", "引用符で囲んで書いてください: {0} = \"…\"";
            /// `{0}`: the key, `{1}`: the minimum, `{2}`: the maximum, `{3}`: the value.
            CliOutOfRange => "`{0}` must be between {1} and {2}, found {3}", "`{0}` は{1}から{2}まででなければなりませんが、{3}です";
            /// `{0}`: the key, `{1}`: an example.
            CliForExample => "for example: {0} = {1}", "例: {0} = {1}";
            /// `{0}`: the key, `{1}`: the minimum, `{2}`: the maximum, `{3}`: what was found.
            CliNotANumber => "`{0}` must be a number from {1} to {2}, found {3}", "`{0}` は{1}から{2}までの数でなければなりませんが、{3}があります";
            /// `{0}`: the key, `{1}`: an example.
            CliWholeNumber => "write a whole number without quotes: {0} = {1}", "引用符なしで整数を書いてください: {0} = {1}";
            /// `{0}`: the action, `{1}`: what was found.
            CliNotKeyList => "`{0}` must be a list of keys, found {1}", "`{0}` はキーのリストでなければなりませんが、{1}があります";
            /// `{0}`: the action.
            CliKeyListExample => "for example: {0} = [\"j\", \"Down\", \"C-n\"]", "例: `{0} = [\"j\", \"Down\", \"C-n\"]`";
            /// `{0}`: the key, `{1}`: the action.
            CliUnknownKeyFor => "unknown key `{0}` for `{1}`", "`{1}` の不明なキー `{0}`";
            /// `{0}`: what was found.
            CliKeyNotString => "a key must be a string, found {0}", "キーは文字列でなければなりませんが、{0}があります";
            CliKeyNotStringHint => "write keys in quotes: \"l\", \"Right\", \"C-f\"", "キーは引用符で囲んでください: `\"l\"`、`\"Right\"`、`\"C-f\"`";
            /// `{0}`: the action.
            CliNoKeys => "`{0}` has no keys: the action could not be used", "`{0}` にキーがありません。この操作は使えません";
            CliNoKeysHint => "give at least one key, e.g. {0} = [\"x\"]", "キーを1つ以上指定してください（例: `{0} = [\"x\"]`）";
            CliCtrlKeyHint => "Ctrl keys are written C-<letter>, e.g. \"C-f\"", "Ctrl キーは `C-<文字>` と書きます（例: `\"C-f\"`）";
            /// `{0}`: the known key.
            CliDidYouMeanQuoted => "did you mean \"{0}\"?", "\"{0}\" の誤りではありませんか？";
            /// `{0}`: the key names.
            CliKeyNameHint => "a key is one character (\"l\", \"G\", \"?\"), C-<letter> for Ctrl, or one of: {0}", "キーは1文字（`\"l\"`、`\"G\"`、`\"?\"`）、Ctrl なら `C-<文字>`、または次のいずれかです: {0}";
            // The subscriptions file.
            CliFeedsSyntaxHint => "each subscription is a [[feed]] table with name = \"…\" and url = \"https://…\"", "購読はそれぞれ `name = \"…\"` と `url = \"https://…\"` を持つ `[[feed]]` テーブルです";
            /// `{0}`: what was found.
            CliFeedNotArray => "`feed` must be an array of tables, found {0}", "`feed` はテーブルの配列でなければなりませんが、{0}があります";
            CliFeedNotArrayHint => "write each subscription as a [[feed]] table (two brackets)", "購読はそれぞれ `[[feed]]` テーブル（二重の角括弧）として書いてください";
            CliFeedNotTable => "each `feed` must be a table, found {0}", "`feed` はそれぞれテーブルでなければなりませんが、{0}があります";
            CliFeedNotTableHint => "write [[feed]] and then name = \"…\" and url = \"https://…\" on their own lines", "`[[feed]]` と書き、続けて `name = \"…\"` と `url = \"https://…\"` をそれぞれの行に書いてください";
            /// `{0}`: the name.
            CliFeedNameRepeated => "a subscription named `{0}` is already listed above", "`{0}` という名前の購読はすでに上にあります";
            CliFeedNameRepeatedHint => "give each [[feed]] its own name", "`[[feed]]` ごとに別の名前を付けてください";
            CliFeedNameHint => "use letters, digits, - and _, e.g. name = \"nhk\"", "文字、数字、- と _ を使ってください（例: `name = \"nhk\"`）";
            CliFeedWithoutName => "a [[feed]] without `name`", "`name` のない `[[feed]]` があります";
            CliAddName => "add name = \"…\"", "`name = \"…\"` を追加してください";
            CliFeedWithoutUrl => "a [[feed]] without `url`", "`url` のない `[[feed]]` があります";
            CliAddUrl => "add url = \"https://…\"", "`url = \"https://…\"` を追加してください";
            // Web addresses in a briefing.
            /// `{0}`: the key, `{1}`: the code point (hex).
            CliUrlControl => "`{0}` must not contain control characters (found U+{1})", "`{0}` に制御文字は使えません（U+{1} があります）";
            CliUrlControlHint => "remove it: a control character (often pasted with the address, or an escape like \\t or \\u001b) is never part of a web address", "消してください。制御文字（アドレスと一緒に貼り付けられたものや、`\\t`、`\\u001b` のようなエスケープ）はウェブアドレスの一部になりません";
            /// `{0}`: the key.
            CliUrlSpaces => "`{0}` must not contain spaces", "`{0}` に空白は使えません";
            CliUrlWhitespace => "`{0}` must not contain whitespace", "`{0}` に空白文字は使えません";
            CliUrlSpacesHint => "remove spaces around the address; write a space inside it as %20", "アドレスの前後の空白を消してください。アドレスの中の空白は %20 と書きます";
            CliUrlRelative => "`{0}` must be an absolute http:// or https:// URL, not a relative path", "`{0}` は相対パスではなく、http:// か https:// で始まる絶対 URL でなければなりません";
            /// `{0}`: an example.
            CliUrlRelativeHint => "write the full address, with https:// and the host: {0}", "https:// とホストを含む完全なアドレスを書いてください: {0}";
            /// `{0}`: the key, `{1}`: the scheme.
            CliUrlScheme => "`{0}` must be an http:// or https:// URL, not `{1}:`", "`{0}` は `{1}:` ではなく http:// か https:// の URL でなければなりません";
            CliUrlSchemeHint => "only web pages can be linked; use the page's https:// address", "リンクできるのはウェブページだけです。ページの https:// のアドレスを使ってください";
            /// `{0}`: the key, `{1}`: the scheme.
            CliUrlNoSlashes => "`{0}` must have `//` and a host after `{1}:`", "`{0}` には `{1}:` の後に `//` とホストが必要です";
            /// `{0}`: an example.
            CliUrlWriteLike => "write it like {0}", "次のように書いてください: {0}";
            /// `{0}`: the key.
            CliUrlNoHost => "`{0}` has no host", "`{0}` にホストがありません";
            /// `{0}`: an example.
            CliUrlNoHostHint => "write the site's name after //: {0}", "// の後にサイトの名前を書いてください: {0}";
            /// `{0}`: the key, `{1}`: the parser's reason.
            CliUrlInvalid => "`{0}` is not a valid URL: {1}", "`{0}` は正しい URL ではありません: {1}";
            /// `{0}`: an example.
            CliUrlInvalidHint => "check the address; it should look like {0}", "アドレスを確かめてください。次のような形になるはずです: {0}";
            /// `{0}`: the host opened, `{1}`: the name shown.
            CliUrlUserInfo => "`url` opens {0}, not {1}: the text before @ is a user name", "`url` が開くのは {1} ではなく {0} です。@ より前はユーザー名です";
            CliUrlUserInfoHint => "a browser ignores everything before @ when it picks the site; write the real address without it", "ブラウザーはサイトを選ぶとき @ より前をすべて無視します。それを除いた本当のアドレスを書いてください";
            /// `{0}`: the host in Unicode, `{1}`: in ASCII.
            CliUrlMixedScript => "`url` has a host that mixes scripts: {0} ({1})", "`url` のホストで複数の文字体系が混ざっています: {0}（{1}）";
            CliUrlMixedScriptHint => "letters of different alphabets that look alike can imitate another site's name; check that this is the address you meant", "見た目の似た別の文字体系の文字で、ほかのサイトの名前をまねることができます。意図したアドレスか確かめてください";
            // Furigana and Aozora notes in a briefing's text; each message follows
            // the key's name (`body` …).
            CliRubyUnclosed => "has a `《` that is never closed; it is shown as text", "に閉じていない `《` があります。文字のまま表示します";
            CliRubyUnclosedHint => "close the reading with `》` on the same line: 漢字《かんじ》", "読みを同じ行のうちに `》` で閉じてください: 漢字《かんじ》";
            CliRubyEmpty => "has an empty reading `《》`; it is shown as text", "に空の読み `《》` があります。文字のまま表示します";
            CliRubyEmptyHint => "write the reading inside: 漢字《かんじ》, or remove the brackets", "中に読みを書くか（漢字《かんじ》）、括弧を消してください";
            CliRubyStrayBar => "has a `｜` that no reading follows; it is shown as text", "に読みの続かない `｜` があります。文字のまま表示します";
            CliRubyStrayBarHint => "a `｜` starts a base followed by its reading: ｜東京《とうきょう》; remove it if it is not meant as ruby", "`｜` は読みの付く親文字の始まりを示します（｜東京《とうきょう》）。ルビのつもりでなければ消してください";
            /// `{0}`: the note.
            CliNoteUnknown => "has a note `［＃{0}］` that yomu does not read; it is left out", "に yomu の読まない注記 `［＃{0}］` があります。省きます";
            CliNoteUnknownHint => "format 1.2 reads emphasis (［＃「…」に傍点］), indents (［＃３字下げ］, ［＃地付き］) and gaiji (※［＃「…」、第3水準1-88-81］); remove the note or rewrite it as one of those", "形式 1.2 が読むのは傍点（［＃「…」に傍点］）、字下げ（［＃３字下げ］、［＃地付き］）、外字（※［＃「…」、第3水準1-88-81］）です。注記を消すか、そのいずれかに書き直してください";
            /// `{0}`: the gaiji's description.
            CliNoteUnresolved => "has a gaiji `{0}` with no JIS X 0213 code or U+ code point; it is shown as 〓", "に JIS X 0213 の面区点も U+ の符号位置もない外字 `{0}` があります。〓 で表示します";
            CliNoteUnresolvedHint => "add its code after the description: ※［＃「目＋匡」、第3水準1-88-81］ or ※［＃「…」、U+5F41］", "説明の後に符号を加えてください: ※［＃「目＋匡」、第3水準1-88-81］ または ※［＃「…」、U+5F41］";
            /// `{0}`: the emphasised text.
            CliNoteTargetMissing => "emphasises `{0}`, which is not the text just before the note; it is left out", "の傍点の対象 `{0}` が注記の直前の文字列ではありません。省きます";
            CliNoteTargetMissingHint => "write the note right after the text it names: なもし［＃「なもし」に傍点］", "注記は対象の文字列のすぐ後に書いてください: なもし［＃「なもし」に傍点］";
            CliNotArrayOfTablesHint => "remove this line and write each one as a {0} table", "この行を消して、それぞれ {0} テーブルとして書いてください";
            // Web pages: `yomu import PAGE`, the reader's `a`, full_text feeds.
            /// `{0}`: the page's size, `{1}`: the limit.
            CliPageTooLarge => "the page is {0}, over the {1} an article page may take; it was not read", "ページが{0}あり、記事のページの上限{1}を超えるため読みませんでした";
            /// `{0}`: the limit.
            CliPageTooDeep => "the page nests elements more than {0} deep, which no article needs and which makes parsing slow; it was refused", "ページの要素の入れ子が{0}段を超えています。記事には不要で、解析を遅くするため拒否しました";
            CliPageNotHtml => "not a web page: no HTML markup in it", "ウェブページではありません（`<html>` などのマークアップがありません）";
            CliPageNoArticle => "no article found on the page: it may be a list, a search page or a page built by scripts; open it in the browser (o)", "ページに記事が見つかりません。一覧や検索のページ、スクリプトで作られるページかもしれません。ブラウザーで開いてください（o）";
            /// `{0}`: what the address is.
            CliPageNotHttp => "only http and https pages are read, not {0}", "読めるのは http と https のページだけです（{0} は読みません）";
            /// `{0}`: why.
            CliPageFetch => "cannot fetch the page: {0}", "ページを取得できません: {0}";
            CliPageFeedHint => "if you meant the site's feed, its address is in the page's <link rel=\"alternate\"> tag", "サイトのフィードを読むつもりなら、そのアドレスはページの `<link rel=\"alternate\">` タグにあります";
            // The reader's `a`.
            /// `{0}`: the host.
            ArticleFetching => "fetching the article from {0}… (Esc stops)", "{0} から記事を取得中…（Esc で中止）";
            ArticleOpened => "the article: q goes back, o opens it in the browser", "記事を表示中（q で戻る、o でブラウザ）";
            /// `{0}`: why.
            ArticleFailed => "no article: {0}", "記事を読めません: {0}";
            ArticleCancelled => "stopped fetching the article", "記事の取得を中止しました";
            /// `{0}`: what was found.
            CliFullTextNotBool => "`full_text` must be true or false, found {0}", "`full_text` は `true` か `false` でなければなりませんが、{0}があります";
            CliFullTextNotBoolHint => "write full_text = true to read each new item's whole article during a sync", "同期のたびに新しい項目の記事全体を読むには `full_text = true` と書いてください";
        }
    };
}
