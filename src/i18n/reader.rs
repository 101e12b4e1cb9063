//! Part of the interface's catalogue ([`super::Msg`]): the reader's own messages: the status bar, prompts,
//! the library, overlay titles, key hints, help and the feed list (each
//! fits the status bar at 80 columns).
//!
//! Each message is `Name => "English", "日本語";`, both languages side by
//! side. The part is a macro that hands its messages on, after those it was
//! given, to the next macro of the list (the last one is `catalogue!`,
//! which makes the enum): the catalogue stays one table over several files.

macro_rules! reader_messages {
    ([$next:ident $(, $rest:ident)*] $($before:tt)*) => {
        $next! { [$($rest),*] $($before)*
            // The status bar: places and states.
            Cover => "cover", "表紙";
            LastPage => "last page", "最後のページです";
            FirstPage => "first page", "最初のページです";
            Searching => "searching…", "検索中…";
            NoMatch => "no match", "一致なし";
            /// `{0}`: this match's number, `{1}`: how many.
            MatchCount => "match {0}/{1}", "{0}/{1}件目";
            /// `{0}`: how many.
            MatchesCount => "{0} matches", "{0}件一致";
            /// `{0}`: the query.
            NoMatchFor => "no match for {0}", "「{0}」は見つかりません";
            NoSearch => "no search: press / to search", "検索していません（/ で検索）";
            WrappedToFirst => "search wrapped to the first match", "最初の一致に戻りました";
            WrappedToLast => "search wrapped to the last match", "最後の一致に戻りました";
            NoSources => "this briefing cites no sources", "このブリーフィングには出典がありません";
            CoverNoSource => "the cover has no source: turn to a section (l)", "表紙には出典がありません（l で次の章へ）";
            SectionNoSource => "this section cites no source", "この章には出典がありません";
            NothingToMark => "nothing to mark here", "ここには既読にするものがありません";
            SectionRead => "section marked read", "この章を既読にしました";
            SectionUnread => "section marked unread", "この章を未読に戻しました";
            BriefingRead => "briefing marked read", "このブリーフィングを既読にしました";
            BriefingUnread => "briefing marked unread", "このブリーフィングを未読に戻しました";
            /// `{0}`: how many articles were marked.
            ArticlesMarkedRead => "{0} articles marked read", "記事{0}件を既読にしました";
            /// `{0}`: how many articles are unread, `{1}`: in how many briefings.
            ConfirmMarkAll => "mark {0} articles in {1} briefings read? (y/n)", "{1}件の未読記事{0}件を既読にしますか（y/n）";
    /// `{0}`: the feed, `{1}`: files read, `{2}`: its files.
    FeedOpening => "opening {0}: {1}/{2} files", "{0}を開いています: {2}件中{1}件";
    /// `{0}`: how many unread articles, `{1}`: the feed.
    ConfirmMarkFeed => "mark {0} articles of {1} read? (y/n)", "{1}の未読記事{0}件を既読にしますか（y/n）";
            NothingMarked => "nothing marked", "既読にしませんでした";
            /// `{0}`: how many articles were marked unread again.
            MarksRestored => "{0} articles marked unread again", "記事{0}件を未読に戻しました";
            NothingToUndo => "nothing to undo", "元に戻せる操作はありません";
            AllRead => "everything is read", "すべて既読です";
            OpenRemoved => "the open briefing was removed", "開いていたブリーフィングは削除されました";
            /// `{0}`: the error.
            NotReloadedLastGood => "not reloaded (last good version shown): {0}", "再読み込みできません（前の版を表示中）: {0}";
            /// `{0}`: the error.
            NotReloaded => "not reloaded: {0}", "再読み込みできません: {0}";
            /// `{0}`: the state file, `{1}`: the error.
            StateNotSaved => "could not save the reading state to {0}: {1}", "読書状態を {0} に保存できません: {1}";
            /// `{0}`: the state file, `{1}`: the error.
            StateUnreadable => "cannot read {0}: {1}", "{0} を読めません: {1}";
            /// `{0}`: what is wrong, `{1}`: where the file went.
            StateSetAside => "reading state corrupt ({0}); moved aside to {1}", "読書状態が壊れていたため（{0}）、{1} に移しました";
            /// `{0}`: what is wrong, `{1}`: why it stayed.
            StateNotSetAside => "reading state corrupt ({0}), not moved: {1}", "読書状態が壊れています（{0}）。移せません: {1}";
            /// `{0}`: the problem in the configuration.
            ConfigProblem => "config: {0}", "設定: {0}";
            /// `{0}`: the URL.
            Opened => "opened {0}", "開きました: {0}";
            /// `{0}`: the URL.
            Copied => "copied {0}", "コピーしました: {0}";
            /// `{0}`: the URL.
            OpenScheme => "not opened (only http and https): {0}", "http と https 以外は開きません: {0}";
            /// `{0}`: the URL.
            OpenInvalid => "not a valid URL: {0}", "正しい URL ではありません: {0}";
            /// `{0}`: the opener.
            OpenEmpty => "the opener names no program: {0}", "開くプログラムがありません: {0}";
            /// `{0}`: the opener.
            OpenWords => "cannot split the opener into words: {0}", "開くコマンドを解釈できません: {0}";
            /// `{0}`: the program, `{1}`: why.
            OpenSpawn => "could not start {0}: {1} (set $BROWSER)", "{0} を起動できません: {1}（$BROWSER を設定）";
            NotFound => "not found", "見つかりません";
            PermissionDenied => "permission denied", "権限がありません";
            /// `{0}`: the number typed.
            NoLinkNumber => "no link number {0}", "リンク {0} はありません";
            NoFilterMatch => "no briefing matches the filter", "絞り込みに合うブリーフィングはありません";
            LoadedFine => "this briefing loaded without errors", "このファイルは問題なく読み込めました";
            /// `{0}`: a key, `{1}` and `{2}`: the actions it is bound to.
            KeyConflict => "key {0} does {1}, not {2}", "キー {0} は {1}（{2} ではなく）";
            /// `{0}`: an action the remapping left with no key.
            NoKeyLeft => "{0} has no key left; give it one in [keys]", "{0} にキーがありません（[keys] で割り当ててください）";
            /// `{0}`: the action that was given Ctrl-c.
            CtrlCQuits => "Ctrl-c always quits; it was not given to {0}", "Ctrl-c は常に終了です（{0} には割り当てません）";
            DeceptiveUser => "⚠ the text before @ is not the site", "⚠ @ より前はサイト名ではありません";
            DeceptiveScript => "⚠ the host mixes scripts", "⚠ ホスト名に複数の文字体系が混在";
            // Prompts.
            /// `{0}`: the query.
            FilterPrompt => "filter: {0}", "絞り込み: {0}";
            /// `{0}`: how many shown, `{1}`: of how many.
            FilterCount => "{0} of {1}", "{1}件中{0}件";
            // The library.
            /// `{0}`: how many briefings.
            BriefingsOne => "yomu — {0} briefing", "yomu — {0}件";
            /// `{0}`: how many briefings.
            BriefingsMany => "yomu — {0} briefings", "yomu — {0}件";
            /// `{0}`: how many are unread.
            Unread => "{0} unread", "未読{0}件";
            /// `{0}`: loaded so far, `{1}`: still loading.
            BriefingsLoading => "yomu — {0} briefings, loading {1} more…", "yomu — {0}件、あと{1}件を読み込み中…";
            /// `{0}`: files indexed so far, `{1}`: of how many (the search index being built).
            Indexing => "indexing {0}/{1}", "索引を作成中 {0}/{1}";
            /// `{0}`: shown, `{1}`: all, `{2}`: the filter.
            BriefingsMatch => "yomu — {0} of {1} briefings match “{2}”", "yomu — {1}件中{0}件が「{2}」に一致";
            Invalid => "✗ invalid", "✗ 読めません";
            WhyKey => "(e: why)", "（e: 理由）";
            EmptyLibrary => "no briefings here (*.toml files)", "ブリーフィング（*.toml）がありません";
            EmptyFilter => "no briefing matches the filter (Esc clears it)", "絞り込みに合うものがありません（Esc で解除）";
            // Overlay titles.
            HelpTitle => "keys", "キー操作";
            ErrorTitle => "why this file did not load", "読み込めなかった理由";
            ContentsTitle => "contents", "目次";
            LinksTitle => "links", "リンク";
            /// `{0}`: the digits typed so far.
            LinksTyped => "links: {0}_", "リンク: {0}_";
            MessageTitle => "message", "メッセージ";
            Unbound0 => "(unbound)", "（キーなし）";
            // Key hints (one or two words after the keys).
            HintMove => "move", "移動";
            HintOpen => "open", "開く";
            HintFilter => "filter", "絞り込み";
            HintClearFilter => "clear filter", "絞り込み解除";
            HintHelp => "help", "ヘルプ";
            HintQuit => "quit", "終了";
            HintError => "error", "エラー";
            HintScroll => "scroll", "スクロール";
            HintPage => "page", "ページ";
            HintSearch => "search", "検索";
            HintContents => "contents", "目次";
            HintBack => "back", "戻る";
            HintClear => "clear", "解除";
            HintNextPrevMatch => "next/previous match", "次/前の一致";
            HintCopy => "copy", "コピー";
            HintReadArticle => "read here", "ここで読む";
            HintClose => "close", "閉じる";
            HintJump => "jump", "移動";
            HintConfirm => "confirm", "決定";
            HintCancel => "cancel", "取消";
            HintSecondDigit => "2nd digit or Enter", "次の数字か Enter";
            HintUnread => "next unread", "次の未読";
            // Help: one description per action.
            HelpDown => "scroll down a line / next item", "一行下へ／次の項目へ";
            HelpUp => "scroll up a line / previous item", "一行上へ／前の項目へ";
            HelpScreenDown => "scroll down a screen (at the bottom: next page)", "一画面下へ（ページの最後では次のページへ）";
            HelpScreenUp => "scroll up a screen (at the top: end of the previous page)", "一画面上へ（ページの先頭では前のページの最後へ）";
            HelpTop => "top of the page", "ページの先頭へ";
            HelpBottom => "bottom of the page", "ページの最後へ";
            HelpNextPage => "next page (section)", "次のページ（章）へ";
            HelpPrevPage => "previous page (section)", "前のページ（章）へ";
            HelpToc => "table of contents", "目次";
            HelpOpenSource => "open this section's first source in the browser", "この章の最初の出典をブラウザで開く";
            HelpReadArticle => "read a source's article here: this section's first, or the link selected in L", "出典の記事をここで読む（この章の最初の出典、または L で選んだリンク）";
            HelpLinks => "list every link of the briefing", "ブリーフィングのリンク一覧";
            HelpGaiji => "list the characters shown as 〓 on this page, with their descriptions", "このページで 〓 と示した外字とその説明の一覧";
            NoGaiji => "no character on this page is shown as 〓", "このページに 〓 と示した外字はありません";
            GaijiList => "Characters shown as 〓 on this page, as the text describes them:", "このページで 〓 と示した外字の説明:";
            HelpEnter => "open / jump to the selected item", "選んだ項目を開く／そこへ移動";
            HelpDigit => "open link number N (in the link list)", "リンク番号 N を開く（リンク一覧で）";
            HelpCopy => "copy the selected link (OSC 52)", "選んだリンクをコピー（OSC 52）";
    HelpSearch => "search the briefing (library: filter by title, tags, text; feed list: by name)", "ブリーフィング内を検索（一覧は題名・タグ・本文、フィード一覧は名前で絞り込み）";
            HelpSearchBack => "search backward", "後ろ向きに検索";
            HelpNextMatch => "next match (across pages); after Esc, the last search again", "次の一致（ページをまたいで）。Esc の後は前回の検索で";
            HelpPrevMatch => "previous match", "前の一致";
            HelpToggleKana => "(search prompt) hiragana and katakana match each other: on / off", "（検索欄）ひらがなとカタカナを同一視する／しない";
            HelpInsert => "(search prompt) type the query; matches show as you type", "（検索欄）検索語を入力。入力しながら一致を表示";
            HelpDeleteBack => "(search prompt) delete a character", "（検索欄）一文字消す";
            HelpPromptEnter => "(search prompt) confirm; on an empty prompt, repeat the last search", "（検索欄）決定。空のままなら前回の検索を繰り返す";
            HelpPromptHistory => "(search prompt) an earlier search", "（検索欄）前の検索語";
            HelpPromptHistoryForward => "(search prompt) a later search", "（検索欄）次の検索語";
            HelpPromptEsc => "(search prompt) cancel: back to where you were", "（検索欄）取り消して元の位置へ";
            HelpShowError => "show why the selected file failed to load; the whole status message", "選んだファイルが読めない理由／ステータスの全文を表示";
            HelpToggleRead => "mark read / unread (the briefing in the library, the section in the reader)", "既読／未読の切り替え（ライブラリではブリーフィング、リーダーでは章）";
            HelpNextUnread => "next unread article, across briefings", "次の未読記事へ（ブリーフィングをまたいで）";
    HelpMarkAllRead => "mark what the list shows read (feed list: the selected feed; asks first)", "一覧に表示中のものを既読にする（フィード一覧では選択中のフィード、確認あり）";
            HelpUndoMarkAll => "undo the last mark-all (library)", "直前の一括既読を取り消す（ライブラリ）";
            HelpSync => "sync every feed in the background (in the feed list: the selected one)", "購読フィードをすべて裏で取得し、一覧を読み直す（フィード一覧では選んだものだけ）";
            HelpSyncAll => "fetch every subscription in the background, from either list", "どちらの一覧からでも、購読フィードをすべて裏で取得する";
            HelpFeedList => "switch the library between briefings and feeds (remembered)", "ライブラリの表示をブリーフィングとフィードで切り替える（次回も同じ）";
            // The feed list (`F` in the library).
            HintSyncFeed => "sync feed", "このフィードを取得";
            HintSyncAll => "sync all", "すべて取得";
            HintBriefings => "briefings", "ブリーフィング";
            FeedsOne => "1 feed", "フィード1件";
            /// `{0}`: how many feeds.
            FeedsMany => "{0} feeds", "フィード{0}件";
            /// `{0}`: how long ago (`5 min ago`).
            FeedSynced => "synced {0}", "取得：{0}";
            FeedNeverSynced => "never synced", "未取得";
            /// `{0}`: failures in a row.
            FeedFailures => "{0} failed", "失敗{0}回";
            AgoNow => "just now", "たった今";
            /// `{0}`: minutes.
            AgoMinutes => "{0} min ago", "{0}分前";
            /// `{0}`: hours.
            AgoHours => "{0} h ago", "{0}時間前";
            /// `{0}`: days.
            AgoDays => "{0} d ago", "{0}日前";
            FeedEmpty => "this feed has no articles yet: r syncs it", "このフィードにはまだ記事がありません（r で取得）";
            /// `{0}`: the feed's name.
            SyncOneProgress => "syncing {0}…", "{0} を取得中…";
            /// `{0}`: how many feeds failed.
            SyncFailedCount => "{0} failed", "失敗{0}件";
            SyncProgress => "syncing feeds: {0}/{1}", "フィードを取得中：{0}/{1}";
            SyncRunning => "a sync is already running", "取得はすでに実行中です";
            SyncFailures => "{0}; {1}", "{0}。{1}";
            SyncError => "sync did not run: {0}", "取得できませんでした：{0}";
            SyncNone => "no subscriptions yet: add one with `yomu feeds add URL`", "購読がまだありません";
            SyncMerged => "{0}, {1} repeated items merged", "{0}、重複{1}件はまとめました";
            HelpVertical => "vertical writing (縦書き): columns right to left, on / off", "縦書き（右の列から左へ）と横書きの切り替え";
            HelpHelp => "this help", "このヘルプ";
            HelpBack => "back (list → highlights → reader → library → quit)", "戻る（一覧 → 強調 → 本文 → ライブラリ → 終了）";
            HelpQuit => "quit at once", "すぐに終了";
            /// `{0}`: how many more problems (after the first, in the status bar).
            AndMore => " (and {0} more)", "（ほか{0}件）";
            /// The help screen's name for typing text into the prompt.
            KeyText => "text", "文字入力";
        }
    };
}
