//! Part of the interface's catalogue ([`super::Msg`]): the command line's messages (`Cli…`): feeds, sync,
//! a feed reader's day, indexing and search, export and the other commands.
//!
//! Each message is `Name => "English", "日本語";`, both languages side by
//! side. The part is a macro that hands its messages on, after those it was
//! given, to the next macro of the list (the last one is `catalogue!`,
//! which makes the enum): the catalogue stays one table over several files.

macro_rules! cli_messages {
    ([$next:ident $(, $rest:ident)*] $($before:tt)*) => {
        $next! { [$($rest),*] $($before)*
            // The command line (`Cli…`: no status bar to fit, so no width limit).
            /// `{0}`: a subscription.
            CliSyncNewOne => "{0}: 1 new item", "{0}: 新着1件";
            /// `{0}`: a subscription, `{1}`: how many.
            CliSyncNew => "{0}: {1} new items", "{0}: 新着{1}件";
            /// `{0}`: a subscription.
            CliSyncUnchanged => "{0}: unchanged", "{0}: 変更なし";
            /// `{0}`: a subscription, `{1}`: a time.
            CliSyncWaiting => "{0}: not asked: the server asked to wait until {1}", "{0}: 問い合わせず（サーバーの求めにより {1} まで待機）";
            /// `{0}`: a subscription, `{1}`: why.
            CliSyncFailed => "{0}: failed: {1}", "{0}: 失敗: {1}";
            /// `{0}`: the new address.
            CliSyncMoving => "; the server says the feed moved to {0} (another host): feeds.toml is changed if the next sync is sent there again", "。サーバーによるとフィードは {0}（別のホスト）へ移転しました。次回の取得でも同じなら feeds.toml を書き換えます";
            /// `{0}`: the new address.
            CliSyncMoved => "; moved to {0} (saved in feeds.toml)", "。{0} へ移転しました（feeds.toml に保存）";
            /// `{0}`: how many feeds (one), `{1}` updated, `{2}` unchanged, `{3}` failed.
            CliSyncSummaryOne => "{0} feed: {1} updated, {2} unchanged, {3} failed", "フィード{0}件: 更新{1}、変更なし{2}、失敗{3}";
            /// `{0}`: how many feeds, `{1}` updated, `{2}` unchanged, `{3}` failed.
            CliSyncSummary => "{0} feeds: {1} updated, {2} unchanged, {3} failed", "フィード{0}件: 更新{1}、変更なし{2}、失敗{3}";
            /// `{0}`: how many wait.
            CliSyncSummaryWaiting => ", {0} waiting", "、待機{0}";
            CliSyncSummaryMergedOne => "; 1 repeated item merged (the same id or link as an earlier item)", "。重複1件はまとめました（前の項目と識別子かリンクが同じ）";
            CliSyncSummaryMerged => "; {0} repeated items merged (the same id or link as an earlier item)", "。重複{0}件はまとめました（前の項目と識別子かリンクが同じ）";
            // A feed reader's day: the files an item carries (named as sources),
            // new articles counted, one feed synced by name, names and renames.
            CliMediaAudio => "audio", "音声";
            CliMediaVideo => "video", "動画";
            CliMediaImage => "image", "画像";
            CliMediaFile => "file", "ファイル";
            CliNewNone => "no new articles", "新着記事はありません";
            CliNewOne => "1 new article in 1 feed", "フィード1件に新着記事1件";
            /// `{0}`: how many articles, all in one feed.
            CliNewInOneFeed => "{0} new articles in 1 feed", "フィード1件に新着記事{0}件";
            /// `{0}`: how many articles, `{1}`: in how many feeds.
            CliNewInFeeds => "{0} new articles in {1} feeds", "フィード{1}件に新着記事{0}件";
            /// `{0}`: the name asked for.
            CliUnknownFeed => "no subscription is named {0}: `yomu feeds list` shows their names", "{0} という名前の購読はありません。`yomu feeds list` で名前を確認してください";
            /// `{0}`: the old name, `{1}`: the new one.
            CliRenamed => "renamed {0} to {1}", "{0} を {1} に改名しました";
            /// `{0}`: the file, `{1}`: the error.
            CliRenameFailed => "cannot rename {0}: {1}", "{0} の名前を変えられません: {1}";
            /// `{0}`: the address, `{1}`: why its title could not be read.
            CliNamedAfterHost => "{0}: named after its host (its title could not be read: {1})", "{0}: タイトルを読めなかったのでホスト名で名付けました（{1}）";
            CliNoTitle => "it has no title", "タイトルがありません";
            /// `{0}`: the program, `{1}`: the error.
            CliNotifyFailed => "notify_command {0} did not run: {1}", "`notify_command` の {0} を実行できませんでした: {1}";
            /// `{0}`: the value.
            CliSyncEveryUnreadable => "sync_every = {0} is not an interval", "`sync_every = {0}` は間隔として読めません";
            /// `{0}`: the value.
            CliSyncEveryTooOften => "sync_every = {0} is too often: feeds are synced at most every 5 minutes", "`sync_every = {0}` は短すぎます。取得の間隔は5分以上です";
            CliSyncEveryHint => "write a number and a unit (s, m, h, d), at least 5 minutes: sync_every = \"30m\"", "数と単位（s、m、h、d）で5分以上を書いてください: `sync_every = \"30m\"`";
            CliNotifyNotList => "notify_command must be a list of strings, the program first", "`notify_command` はプログラム名から始まる文字列のリストにしてください";
            CliNotifyHint => "notify_command = [\"notify-send\", \"yomu\", \"%n new articles\"] (%n: how many, %f: the feeds; no shell)", "`notify_command = [\"notify-send\", \"yomu\", \"新着%n件\"]`（`%n` は件数、`%f` はフィード名。シェルは通しません）";
            CliMergedOne => "1 item repeated an earlier item and was merged into it: {0}", "1件の項目が前の項目と重なっていたため、まとめました：{0}";
            CliMerged => "{0} items repeated an earlier item and were merged into them: {1}", "{0}件の項目が前の項目と重なっていたため、まとめました：{1}";
            CliMergedById => "{0} with the same id (guid)", "識別子が同じもの{0}件";
            CliMergedByLink => "{0} with no id and the same link", "識別子がなくリンクが同じもの{0}件";
            CliMergedByText => "{0} with no id or link and the same title and text", "識別子もリンクもなく見出しと本文が同じもの{0}件";
            /// `{0}`: the server's answer, `{1}`: a time.
            CliNotAskedBefore => "{0}; not asked again before {1}", "{0}。{1} までは問い合わせません";
            /// `{0}`: the state folder, `{1}`: the error.
            CliStateNotSaved => "cannot save the fetch state in {0}: {1}", "取得状態を {0} に保存できません: {1}";
            /// `{0}`: a day file, `{1}`: its first problem.
            CliDayInvalid => "{0} is not a valid briefing, so it was left alone and nothing was added to it or to the feed's other days; fix or remove it: {1}", "{0} は正しいブリーフィングではないため、そのままにして、このフィードのどの日にも追加していません。直すか削除してください: {1}";
            /// `{0}`: a file, `{1}`: the error.
            CliCannotWrite => "cannot write {0}: {1}", "{0} に書き込めません: {1}";
            /// `{0}`: the status.
            CliHttpWait => "HTTP {0}: the server asked to wait", "HTTP {0}: サーバーが待つよう求めました";
            /// `{0}`: the status, `{1}`: seconds.
            CliHttpWaitFor => "HTTP {0}: the server asked to wait {1} s (Retry-After)", "HTTP {0}: サーバーが{1}秒待つよう求めました（Retry-After）";
            /// `{0}`: the status, `{1}`: its reason phrase.
            CliHttpStatus => "HTTP {0} {1}", "HTTP {0} エラー（{1}）";
            CliHttp401 => "HTTP 401 Unauthorized", "HTTP 401 認証が必要です";
            CliHttp403 => "HTTP 403 Forbidden", "HTTP 403 アクセスが拒否されました";
            CliHttp404 => "HTTP 404 Not Found", "HTTP 404 見つかりません";
            CliHttp410 => "HTTP 410 Gone", "HTTP 410 削除されました";
            CliHttp500 => "HTTP 500 Internal Server Error", "HTTP 500 サーバー内部エラー";
            CliHttp502 => "HTTP 502 Bad Gateway", "HTTP 502 ゲートウェイエラー";
            /// `{0}`: the limit.
            CliTooLarge => "the response is larger than {0} (the limit of a feed)", "応答が{0}を超えています（フィードの上限）";
            /// `{0}`: seconds.
            CliTimeout => "timed out after {0} s (connect or whole fetch); the server is slow or unreachable", "{0}秒で時間切れ（接続または取得全体）。サーバーが遅いか、つながりません";
            /// `{0}`: how many redirects are followed.
            CliRedirects => "too many redirects (more than {0})", "リダイレクトが多すぎます（{0}回を超えました）";
            /// `{0}`: the address.
            CliBadRedirect => "redirected to an address that is not http(s): {0}", "http(s) ではないアドレスへリダイレクトされました: {0}";
            /// `{0}`: the address.
            CliInternalRedirect => "redirected to {0}, an address on this machine or a private network; refused (a feed there can be subscribed to by that address)", "{0} へリダイレクトされました。この機器か内部ネットワークのアドレスなので拒否しました（そこにあるフィードはそのアドレスで購読できます）";
            /// `{0}`: the lock file.
            CliSyncBusy => "another sync is running (it holds {0}); wait for it to finish", "別の取得が実行中です（{0} を使用中）。終わるまで待ってください";
            /// `{0}`: the lock file.
            CliLockNotAFile => "{0} is not a regular file (a FIFO, a device or a folder); remove it and sync again", "{0} は通常のファイルではありません（FIFO、デバイス、フォルダー）。削除してから取得し直してください";
            /// `{0}`: a folder, `{1}`: the error.
            CliCannotUse => "cannot use {0}: {1}", "{0} を使えません: {1}";
            /// `{0}`: the subscription's name.
            CliSubscribed => "subscribed: {0}", "購読しました: {0}";
            /// `{0}`: the subscription's name.
            CliAlreadySubscribed => "already subscribed as {0}", "{0} として購読済みです";
            /// `{0}`: the subscription's name.
            CliRemoved => "removed: {0}", "購読をやめました: {0}";
            /// `{0}`: what was asked for.
            CliNoSuchSubscription => "no subscription is named or at {0} (see `yomu feeds list`)", "{0} という名前やアドレスの購読はありません（`yomu feeds list` で確認できます）";
            /// `{0}`: the name.
            CliNameTaken => "a subscription named {0} exists; choose another --name", "{0} という名前の購読がすでにあります。別の --name を指定してください";
            /// `{0}` added, `{1}` already there, `{2}` skipped.
            CliOpmlSummary => "{0} added, {1} already subscribed, {2} skipped", "追加{0}件、購読済み{1}件、スキップ{2}件";
            /// `{0}`: an address, `{1}`: why.
            CliSkipped => "skipped {0}: {1}", "スキップしました {0}: {1}";
            /// `{0}`: where subscriptions are kept.
            CliNoSubscriptions => "no subscriptions yet: add one with `yomu feeds add URL` (they are kept in {0})", "購読がまだありません。`yomu feeds add URL` で追加できます（{0} に保存されます）";
            /// `{0}`: the feed, `{1}`: how many (one).
            CliLeftOutOne => "{0}: {1} item with neither a title nor text left out", "{0}: 題名も本文もない項目{1}件を除きました";
            /// `{0}`: the feed, `{1}`: how many.
            CliLeftOut => "{0}: {1} items with neither a title nor text left out", "{0}: 題名も本文もない項目{1}件を除きました";
            /// `{0}`: the file, `{1}`: the counts.
            CliCheckValid => "{0}: valid{1}", "{0}: 問題なし{1}";
            /// `{0}`: the folder, `{1}`: how many (one), `{2}`: the counts.
            CliCheckFolderValidOne => "{0}: {1} briefing valid{2}", "{0}: {1}件とも問題なし{2}";
            /// `{0}`: the folder, `{1}`: how many, `{2}`: the counts.
            CliCheckFolderValid => "{0}: {1} briefings valid{2}", "{0}: {1}件とも問題なし{2}";
            /// `{0}`: the folder.
            CliCheckNone => "{0}: no briefings (*.toml files) found", "{0}: ブリーフィング（*.toml）が見つかりません";
            /// `{0}`: how many, `{1}`: the counts.
            CliCheckSamples => "built-in samples: {0} briefings valid{1}", "組み込みサンプル: {0}件とも問題なし{1}";
            /// `{0}` files, `{1}` valid, `{2}` invalid, `{3}` unreadable part, `{4}` counts.
            CliCheckChecked => "{0} files checked: {1} valid, {2} invalid{3}{4}", "{0}件を検査: 問題なし{1}、不正{2}{3}{4}";
            /// `{0}` files (one), `{1}` valid, `{2}` invalid, `{3}` unreadable part, `{4}` counts.
            CliCheckCheckedOne => "{0} file checked: {1} valid, {2} invalid{3}{4}", "{0}件を検査: 問題なし{1}、不正{2}{3}{4}";
            /// `{0}`: how many.
            CliCheckUnreadable => ", {0} unreadable", "、読めない{0}";
            /// `{0}`: one.
            CliErrorsOne => "{0} error", "エラー{0}件";
            /// `{0}`: how many.
            CliErrors => "{0} errors", "エラー{0}件";
            /// `{0}`: one.
            CliWarningsOne => "{0} warning", "警告{0}件";
            /// `{0}`: how many.
            CliWarnings => "{0} warnings", "警告{0}件";
            /// `{0}`: the counts.
            CliCounts => " ({0})", "（{0}）";
            CliListSep => ", ", "、";
            /// `{0}`: feeds.toml, `{1}`: the error.
            CliSubsUnreadable => "{0}: cannot read the subscriptions: {1}", "{0}: 購読を読めません: {1}";
            /// `{0}`: feeds.toml, `{1}`: the offset.
            CliSubsNotUtf8 => "{0}: not UTF-8 text (invalid byte at offset {1}); save the file as UTF-8", "{0}: UTF-8 のテキストではありません（{1}バイト目が不正）。UTF-8 で保存してください";
            /// `{0}`: feeds.toml, `{1}`: the error.
            CliSubsUnwritable => "{0}: cannot write the subscriptions: {1}", "{0}: 購読を書き込めません: {1}";
            CliNoHome => "no home folder: set XDG_CONFIG_HOME or HOME", "ホームフォルダーがありません。XDG_CONFIG_HOME か HOME を設定してください";
            /// `{0}`: feeds.toml, `{1}`: the size, `{2}`: the limit.
            CliSubsTooLarge => "{0}: the subscriptions would take {1}, over the limit of {2} of feeds.toml, so nothing was changed; subscribe to fewer feeds (remove some, or import a smaller OPML file)", "{0}: 購読が{1}になり、feeds.toml の上限{2}を超えるため、何も変更しませんでした。購読を減らしてください（いくつか削除するか、小さな OPML を取り込む）";
            CliNameEmpty => "the name is empty", "名前が空です";
            /// `{0}`: the limit.
            CliNameTooLong => "the name is longer than {0} characters", "名前が{0}文字を超えています";
            /// `{0}`: its bytes, `{1}`: the limit.
            CliNameTooManyBytes => "the name takes {0} bytes, over the {1} bytes a name can take (it names files, whose names have at most 255 bytes)", "名前が{0}バイトあり、上限の{1}バイトを超えています（名前はファイル名になり、ファイル名は255バイトまでです）";
            /// `{0}`: the name.
            CliNameNotAFile => "the name `{0}` cannot name a file (no `/`, no leading `.`)", "名前 `{0}` はファイル名にできません（`/` や先頭の `.` は使えません）";
            CliNameControl => "the name holds control characters", "名前に制御文字が含まれています";
            /// `{0}`: the character's code point.
            CliUrlInvisible => "the address holds the invisible character U+{0}, which can make it show as another address", "アドレスに見えない文字 U+{0} が含まれています。別のアドレスに見せかけることができる文字です";
            CliUrlInvisibleHint => "type the address again by hand, or percent-encode the character", "アドレスを手で入力し直すか、その文字をパーセントエンコードしてください";
            /// `{0}`: why.
            CliFeedParse => "not a readable feed: {0}; check that the address is an RSS, Atom or JSON Feed", "読めるフィードではありません: {0}。RSS、Atom、JSON Feed のアドレスか確かめてください";
            /// `{0}`: why.
            CliFeedHostile => "refused: {0}", "拒否しました: {0}";
            CliFeedEmpty => "the feed has no items with a title or text", "題名か本文のある項目がフィードにありません";
            /// `{0}`: bytes.
            CliFeedTooLarge => "the briefing would be {0} bytes, over the 16 MiB limit of a briefing", "ブリーフィングが{0}バイトになり、上限の16 MiB を超えます";
            /// `{0}`: the first problem.
            CliFeedInvalid => "not a valid briefing: {0}", "正しいブリーフィングではありません: {0}";
            /// `{0}`: a file, `{1}`: the error.
            CliCannotRead => "{0}: cannot read: {1}", "{0}: 読めません: {1}";
            /// `{0}`: the address.
            CliNotModified => "{0}: the server answered 304 Not Modified to a plain request", "{0}: 条件なしの要求にサーバーが 304 Not Modified と応答しました";
            /// `{0}`: the error.
            CliCannotWriteOutput => "cannot write the output: {0}", "出力を書き込めません: {0}";
            /// `{0}`: the error.
            CliTerminalError => "terminal error: {0}", "端末のエラー: {0}";
            /// `{0}`: the error.
            CliManError => "cannot render the manual page: {0}", "マニュアルページを作れません: {0}";
            CliEmptyQuery => "search: the query is empty", "search: 検索語が空です";
            CliStdoutClosed => "standard output is closed: nothing could be written", "標準出力が閉じています。何も書き込めませんでした";
            /// `{0}`: the error.
            CliPagerFailed => "the pager failed: {0}", "ページャーが失敗しました: {0}";
            /// `{0}`: why the index could not be used.
            CliIndexScan => "{0}; reading every file instead", "{0}。代わりにすべてのファイルを読みます";
            /// `{0}`: why.
            CliIndexNotUpdated => "the search index was not updated ({0}); the next search will catch up", "検索索引を更新できませんでした（{0}）。次の検索で追いつきます";
            CliRemoteTooLarge => "the briefing is over 16 MiB", "ブリーフィングが16 MiB を超えています";
            /// `{0}`: the offset.
            CliRemoteBinary => "not a feed or a briefing: a binary file (NUL byte at offset {0})", "フィードでもブリーフィングでもありません: バイナリファイルです（{0}バイト目に NUL）";
            /// `{0}`: the offset.
            CliRemoteNotUtf8 => "not a feed, and not a briefing: not UTF-8 text (invalid byte at offset {0})", "フィードでもブリーフィングでもありません: UTF-8 のテキストではありません（{0}バイト目が不正）";
            /// `{0}`: the first problem.
            CliRemoteInvalid => "not a feed, and not a valid briefing: {0}", "フィードでも正しいブリーフィングでもありません: {0}";
            /// `{0}`: the parser's message.
            CliOpmlNotXml => "not valid XML: {0}", "正しい XML ではありません: {0}";
            CliOpmlMissing => "not an OPML file (no <opml> element)", "OPML ファイルではありません（<opml> 要素がありません）";
            CliNoThread => "no thread could start", "スレッドを開始できません";
            /// `{0}`: the file, `{1}`: the error.
            CliLoadIo => "{0}: cannot read: {1}", "{0}: 読めません: {1}";
            /// `{0}`: the file, `{1}`: its size, `{2}`: the limit, `{3}`: the limit in MiB.
            CliLoadTooLarge => "{0}: file is {1} bytes, over the limit of {2} bytes ({3} MiB); split it into smaller briefings", "{0}: ファイルが{1}バイトあり、上限の{2}バイト（{3} MiB）を超えています。小さなブリーフィングに分けてください";
            /// `{0}`: the file, `{1}`: the offset.
            CliLoadNotUtf8 => "{0}: not UTF-8 text (invalid byte at offset {1}); save the file as UTF-8", "{0}: UTF-8 のテキストではありません（{1}バイト目が不正）。UTF-8 で保存してください";
            /// `{0}`: the file, `{1}`: the offset.
            CliLoadBinary => "{0}: looks like a binary file (NUL byte at offset {1}), not a TOML briefing", "{0}: TOML のブリーフィングではなくバイナリファイルのようです（{1}バイト目に NUL）";
            /// `{0}`: the file.
            CliLoadNotAFile => "{0}: not a regular file; give a briefing file (*.toml) or a folder of them", "{0}: 通常のファイルではありません。ブリーフィングのファイル（*.toml）かそのフォルダーを指定してください";
            /// `{0}`: the host.
            CliInternalAddress => "{0} resolves to an address on this machine or a private network; refused (a feed there can be subscribed to by that address)", "{0} はこの機器か内部ネットワークのアドレスを指しているため拒否しました（そこにあるフィードはそのアドレスで購読できます）";
            CliSyncNoHome => "no home folder: set HOME (or the XDG_* variables) so synced briefings have a place", "ホームフォルダーがありません。取得したブリーフィングの置き場所のため HOME（または XDG_* 変数）を設定してください";
        }
    };
}
