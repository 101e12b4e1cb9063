//! Trust under hostile conditions, through the real binary: subscriptions
//! whose names would collide, items that must appear once however a sync
//! ends, servers that lie about waiting or redirect into private
//! networks, addresses hiding bidi controls, feeds.toml kept within its
//! limits, TOML 1.1 spellings `yomu check` warns about, the plain
//! reader's pager, and the command line in Japanese. Servers are
//! `tiny_http` on 127.0.0.1 (the harness of [`super::feeds`]); nothing
//! leaves the machine, and no assertion depends on timing.

use crate::common::{Tmux, have_tmux, yomu_bin};

// ------------------------------------------------------------------ pager

#[test]
fn plain_reader_pages_short_text_through_less_frx_into_the_scrollback() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start(
        "less-frx",
        80,
        30,
        &[("NO_COLOR", "1".into()), ("LESSCHARSET", "utf-8".into())],
    );
    let file = t.dir.join("short.toml");
    std::fs::write(
        &file,
        "title = \"短い記事\"\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"一つだけ\"\nbody = [\"本文は一行。\"]\n",
    )
    .unwrap();
    // No $PAGER and no $LESS: less with FRX quits at once on a text that
    // fits, without the alternate screen, so the text stays on screen.
    t.run(&format!(
        "{} --plain {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    let s = t.wait("EXIT=0");
    assert!(!t.alternate_on());
    assert!(s.contains("短い記事") && s.contains("本文は一行。"), "{s}");
    // $LESS set by the person is theirs: less then waits as they asked.
    t.run(&format!(
        "LESS=R {} --plain {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    t.wait("(END)");
    assert!(t.alternate_on());
    t.keys(&["q"]);
    t.wait("EXIT=0");
}
